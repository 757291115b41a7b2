package ui

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestSummariseChecks(t *testing.T) {
	tests := []struct {
		name     string
		statuses []string
		want     checkSummary
	}{
		{"none", nil, checkSummary{}},
		{"all pass", []string{"pass", "pass"}, checkSummary{Pass: 2, Overall: "pass"}},
		{"worst wins", []string{"warn", "fail", "pass"}, checkSummary{Pass: 1, Warn: 1, Fail: 1, Overall: "fail"}},
		{"unknown outcome is not counted", []string{"skipped", "warn"}, checkSummary{Warn: 1, Overall: "warn"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var checks []registry.Check
			for _, s := range tc.statuses {
				checks = append(checks, registry.Check{Status: s})
			}
			if diff := cmp.Diff(tc.want, summariseChecks(checks)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildComplianceGroups(t *testing.T) {
	r := &registry.Record{Checks: []registry.Check{
		{ID: "security-policy", Principle: "share-and-reuse", Status: "warn", Title: "Has a security policy"},
		{ID: "experimental", Principle: "zeta", Status: "pass"},
		{ID: "license", Principle: "open-source", Status: "pass", Title: "Has a licence"},
		{ID: "orphan", Status: "fail", Title: "No principle"},
		{ID: "readme", Principle: "share-and-reuse", Status: "pass", Title: "Has a README"},
		{ID: "alpha-check", Principle: "alpha", Status: "pass", Title: "Alpha"},
		{ID: "metadata", Principle: "open-government", Status: "fail", Title: "Metadata is valid"},
	}}
	type group struct {
		Title  string
		Checks []string // ID:label
	}
	var got []group
	for _, g := range buildCompliance(r).Groups {
		gv := group{Title: g.Title}
		for _, c := range g.Checks {
			gv.Checks = append(gv.Checks, c.ID+":"+c.StatusLabel+":"+c.Title)
		}
		got = append(got, gv)
	}
	want := []group{
		{"Open source", []string{"license:Pass:Has a licence"}},
		{"Open government and licensing", []string{"metadata:Fail:Metadata is valid"}},
		{"Share and reuse", []string{"security-policy:Warn:Has a security policy", "readme:Pass:Has a README"}},
		{"Other checks", []string{"orphan:Fail:No principle"}},
		{"alpha", []string{"alpha-check:Pass:Alpha"}},
		{"zeta", []string{"experimental:Pass:experimental"}}, // no title: the ID stands in
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}

func TestBuildStandards(t *testing.T) {
	r := &registry.Record{Standards: []registry.Standard{
		{ID: "openapi-3", Name: "OpenAPI", Status: registry.RoyaltyFree},
		{ID: "xlsx", Name: "Excel workbook", Status: registry.Proprietary},
		{ID: "some-frand", Name: "A FRAND standard", Status: registry.FRAND},
		{ID: "unstated"},
	}}
	type row struct{ ID, Name, Label string }
	summarise := func(views []standardView) []row {
		var rows []row
		for _, v := range views {
			rows = append(rows, row{v.ID, v.Name, v.StatusLabel})
		}
		return rows
	}
	v := buildStandards(r)
	wantOpen := []row{
		{"openapi-3", "OpenAPI", "Royalty-free"},
		{"some-frand", "A FRAND standard", "FRAND: licensing fees may apply"},
		{"unstated", "unstated", "not stated"},
	}
	if diff := cmp.Diff(wantOpen, summarise(v.Open)); diff != "" {
		t.Errorf("open (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]row{{"xlsx", "Excel workbook", "Proprietary"}}, summarise(v.Proprietary)); diff != "" {
		t.Errorf("proprietary (-want +got):\n%s", diff)
	}
}

func TestSourceFileLink(t *testing.T) {
	const commit = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name    string
		repo    string
		commit  string
		path    string
		line    int
		want    string
		comment string
	}{
		{"github", "https://github.com/owner/repo", commit, "api/openapi.yaml", 12,
			"https://github.com/owner/repo/blob/" + commit + "/api/openapi.yaml#L12", ""},
		{"github .git and slash", "https://GitHub.com/owner/repo.git/", commit, "LICENSE", 0,
			"https://github.com/owner/repo/blob/" + commit + "/LICENSE", ""},
		{"gitlab subgroup", "https://gitlab.com/group/sub/repo.git", commit, "docs/a b#c.md", 3,
			"https://gitlab.com/group/sub/repo/-/blob/" + commit + "/docs/a%20b%23c.md#L3", ""},
		{"self-hosted gitlab", "https://gitlab.example.gov/team/app", commit, "pom.xml", 0,
			"https://gitlab.example.gov/team/app/-/blob/" + commit + "/pom.xml", ""},
		{"codeberg", "https://codeberg.org/team/app", commit, "README.md", 1,
			"https://codeberg.org/team/app/src/commit/" + commit + "/README.md#L1", ""},
		{"sha-256 commit", "https://github.com/o/r", commit + "0123456789abcdef01234567", "x", 0,
			"https://github.com/o/r/blob/" + commit + "0123456789abcdef01234567/x", ""},
		{"unknown host", "https://example.org/owner/repo", commit, "LICENSE", 0, "", ""},
		{"plain http", "http://github.com/owner/repo", commit, "LICENSE", 0, "", ""},
		{"local path", "/srv/git/payroll", commit, "LICENSE", 0, "", ""},
		{"ssh", "git@github.com:owner/repo.git", commit, "LICENSE", 0, "", ""},
		{"credentials", "https://user:secret@github.com/owner/repo", commit, "LICENSE", 0, "", ""},
		{"port", "https://github.com:8443/owner/repo", commit, "LICENSE", 0, "", ""},
		{"github needs owner and name", "https://github.com/owner", commit, "LICENSE", 0, "", ""},
		{"github nested path", "https://github.com/owner/repo/tree/main", commit, "LICENSE", 0, "", ""},
		{"short commit", "https://github.com/owner/repo", "0123456", "LICENSE", 0, "", ""},
		{"branch name", "https://github.com/owner/repo", "main", "LICENSE", 0, "", ""},
		{"upper-case commit", "https://github.com/owner/repo", "0123456789ABCDEF0123456789ABCDEF01234567", "LICENSE", 0, "", ""},
		{"parent path", "https://github.com/owner/repo", commit, "../../evil", 0, "", ""},
		{"absolute path", "https://github.com/owner/repo", commit, "/etc/passwd", 0, "", ""},
		{"empty path", "https://github.com/owner/repo", commit, "", 0, "", ""},
		{"javascript", "javascript:alert(1)//github.com/a/b", commit, "LICENSE", 0, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sourceFileLink(tc.repo, tc.commit, tc.path, tc.line); got != tc.want {
				t.Errorf("sourceFileLink(%q, %q, %q, %d) = %q, want %q", tc.repo, tc.commit, tc.path, tc.line, got, tc.want)
			}
		})
	}
}

func TestLicenseConsistency(t *testing.T) {
	declared := []registry.DeclaredLicense{{Path: "publiccode.yml", Value: "BSD-3-Clause-Clear", SPDX: "BSD-3-Clause-Clear", Agreement: registry.AgreementMismatch, Files: "BSD-3-Clause"}}
	tests := []struct {
		name string
		r    registry.Record
		want string
	}{
		{"nothing declared", registry.Record{License: "MIT"}, ""},
		{"the analysers' check decides", registry.Record{
			License: "BSD-3-Clause", DeclaredLicenses: declared,
			Checks: []registry.Check{{ID: licenseMatchCheck, Status: "warn"}},
		}, "warn"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := licenseConsistency(&tc.r); got != tc.want {
				t.Errorf("licenseConsistency = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBuildDeclaredShowsTheAnalysersVerdict(t *testing.T) {
	r := &registry.Record{License: "MIT", DeclaredLicenses: []registry.DeclaredLicense{
		{Path: "sub/package.json", Value: "Apache-2.0", SPDX: "Apache-2.0", Agreement: registry.AgreementMatch, Files: "Apache-2.0"},
		{Path: "publiccode.yml", Value: "GPL-3.0-only", SPDX: "GPL-3.0-only", Agreement: registry.AgreementPartial, Files: "GPL-3.0"},
		{Path: "old.json", Value: "MIT", SPDX: "MIT"},
	}}
	got := buildDeclared(r)
	want := []string{registry.AgreementMatch, registry.AgreementPartial, registry.AgreementUnknown}
	for i, v := range got {
		if v.Agreement != want[i] || v.AgreementLabel == "" || v.Mismatch() {
			t.Errorf("row %d: %+v, want agreement %s", i, v, want[i])
		}
	}
	if got[0].Files != "Apache-2.0" {
		t.Errorf("a subfolder's declaration is compared with its folder's licence: %+v", got[0])
	}
}
