package ui

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// reportJSON is the report as a client decodes it, with the project's
// times kept as the strings the API sends.
type reportJSON struct {
	Project          map[string]any             `json:"project"`
	GeneratedAt      string                     `json:"generated_at"`
	Summary          checkSummary               `json:"summary"`
	Checks           []registry.Check           `json:"checks"`
	Standards        []registry.Standard        `json:"standards"`
	Licenses         []registry.LicenseFile     `json:"licenses"`
	DeclaredLicenses []registry.DeclaredLicense `json:"declared_licenses"`
	Metadata         []registry.MetadataFile    `json:"metadata"`
}

func TestAPIProjectReport(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	var got reportJSON
	getJSON(t, srv.URL, "/api/v1/projects/"+projectID(taxURL)+"/report", http.StatusOK, &got)

	wantProject := map[string]any{
		"id":               projectID(taxURL),
		"name":             "tax-calculator",
		"url":              taxURL,
		"commit":           "4444444444444444444444444444444444444444",
		"committed_at":     "2026-01-20T09:30:00Z",
		"participant":      "ee-ria",
		"participant_name": "Information System Authority",
		"country":          "EE",
		"license":          "EUPL-1.2",
		"declared_license": "EUPL-1.2",
		"indexed_at":       "2026-03-01T10:00:00Z",
		"stale":            false,
	}
	if diff := cmp.Diff(wantProject, got.Project); diff != "" {
		t.Errorf("project (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("2026-03-02T08:15:30Z", got.GeneratedAt); diff != "" {
		t.Errorf("generated_at (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(checkSummary{Pass: 1, Warn: 1, Fail: 2, Overall: registry.CheckFail}, got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	type checkRow struct{ ID, Principle, Status string }
	var checks []checkRow
	for _, c := range got.Checks {
		checks = append(checks, checkRow{c.ID, c.Principle, c.Status})
	}
	wantChecks := []checkRow{ // the analyser's order, untouched
		{"licence-consistent", "open-source", "fail"},
		{"metadata-valid", "open-government", "fail"},
		{"open-standards-used", "open-standards", "warn"},
		{"licence-osi-approved", "open-source", "pass"},
	}
	if diff := cmp.Diff(wantChecks, checks); diff != "" {
		t.Errorf("checks (-want +got):\n%s", diff)
	}
	wantEvidence := []registry.Evidence{
		{Path: "pom.xml", Line: 14, Note: "<name>Apache License, Version 2.0</name>"},
		{Path: "LICENSE.txt"},
	}
	if diff := cmp.Diff(wantEvidence, got.Checks[0].Evidence); diff != "" {
		t.Errorf("evidence of the mismatch (-want +got):\n%s", diff)
	}
	wantDeclared := []registry.DeclaredLicense{
		{Path: "publiccode.yml", Field: "legal.license", Value: "EUPL-1.2", SPDX: "EUPL-1.2", Agreement: registry.AgreementMatch, Files: "EUPL-1.2"},
		{Path: "pom.xml", Field: "project.licenses.license.name", Value: "Apache License, Version 2.0", SPDX: "Apache-2.0",
			Agreement: registry.AgreementMismatch, Files: "EUPL-1.2"},
	}
	if diff := cmp.Diff(wantDeclared, got.DeclaredLicenses); diff != "" {
		t.Errorf("declared licences (-want +got):\n%s", diff)
	}
	wantLicenses := []registry.LicenseFile{
		{SPDX: "EUPL-1.2", Path: "LICENSE.txt", Coverage: 98.5, OSIApproved: true, Scope: "project", Note: "The Dutch text of the EUPL."},
		{SPDX: "LicenseRef-govshare-modified-CC-BY-4.0", Path: "docs/LICENSE", Coverage: 91.2, Scope: "component",
			Closest: "CC-BY-4.0", Note: "Section 3(a) was changed: attribution must name the ministry."},
	}
	if diff := cmp.Diff(wantLicenses, got.Licenses); diff != "" {
		t.Errorf("licences (-want +got):\n%s", diff)
	}
	wantStandards := []registry.Standard{{
		ID: "ooxml", Name: "Office Open XML documents (.docx, .xlsx, .pptx)", Body: "Microsoft (ECMA-376, ISO/IEC 29500)", Status: registry.Proprietary,
		Evidence: []registry.Evidence{{Path: "docs/manual.docx"}},
	}}
	if diff := cmp.Diff(wantStandards, got.Standards); diff != "" {
		t.Errorf("standards (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"publiccode.yml", "pom.xml"}, metadataPaths(got.Metadata)); diff != "" {
		t.Errorf("metadata files (-want +got):\n%s", diff)
	}
}

func metadataPaths(files []registry.MetadataFile) []string {
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	return paths
}

// TestAPIProjectReportArrays checks that a record with no checks, standards
// or declarations reports empty arrays, never null, and no overall outcome;
// evidence lists inside checks are arrays too.
func TestAPIProjectReportArrays(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		url  string
		want map[string]string
	}{
		{payrollURL, map[string]string{
			"checks": "[]", "standards": "[]", "declared_licenses": "[]", "metadata": "[]",
			"summary": `{"pass":0,"warn":0,"fail":0,"overall":""}`,
		}},
		{addressURL, map[string]string{
			"checks":            `[{"id":"maintained-recently","principle":"share-and-reuse","title":"Maintained recently","status":"pass","reason":"The last commit is from 2026-01-10.","evidence":[]}]`,
			"declared_licenses": "[]",
			"summary":           `{"pass":1,"warn":0,"fail":0,"overall":"pass"}`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			var raw map[string]json.RawMessage
			getJSON(t, srv.URL, reportPath(projectID(tc.url)), http.StatusOK, &raw)
			got := map[string]string{}
			for k := range tc.want {
				got[k] = string(raw[k])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAPIProjectReportNotFound(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	var got apiErrorBody
	getJSON(t, srv.URL, "/api/v1/projects/no-such-project/report", http.StatusNotFound, &got)
	if got.Error.Code != registry.ENOTFOUND {
		t.Errorf("code %q, want %q", got.Error.Code, registry.ENOTFOUND)
	}
}
