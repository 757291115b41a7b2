package checks

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// now is the time every test measures "maintained recently" against.
var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// treeOf builds a repository tree from file contents.
func treeOf(t testing.TB, files map[string]string) *filetree.Tree {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	tree, warnings, err := filetree.Walk(context.Background(), fsys, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Fatalf("walk warnings: %v", warnings)
	}
	return tree
}

// outcome is the part of a check the tables compare: the id, principle and
// title come from the definitions.
type outcome struct {
	Status   string
	Reason   string
	Evidence []registry.Evidence
	Fix      string
}

// run evaluates rec against files and returns the check with the given id,
// nil when it was not reported.
func run(t *testing.T, rec *registry.Record, files map[string]string, id string) *outcome {
	t.Helper()
	var tree *filetree.Tree
	if files != nil {
		tree = treeOf(t, files)
	}
	for _, c := range Evaluate(rec, tree, now) {
		if c.ID == id {
			d, _ := definition(id)
			if c.Principle != d.Principle || c.Title != d.Title {
				t.Errorf("%s: principle %q title %q, want %q %q", id, c.Principle, c.Title, d.Principle, d.Title)
			}
			if c.Evidence == nil {
				t.Errorf("%s: nil evidence, want an empty list", id)
			}
			if (c.Status == registry.CheckPass) != (c.Fix == "") {
				t.Errorf("%s: status %s with fix %q: a fix is given exactly when the check does not pass", id, c.Status, c.Fix)
			}
			return &outcome{Status: c.Status, Reason: c.Reason, Evidence: c.Evidence, Fix: c.Fix}
		}
	}
	return nil
}

// statusOf is run's status, "" when the check was not reported.
func statusOf(t *testing.T, rec *registry.Record, files map[string]string, id string) string {
	t.Helper()
	if o := run(t, rec, files, id); o != nil {
		return o.Status
	}
	return ""
}

func mitRecord() *registry.Record {
	return &registry.Record{
		URL:         "https://github.com/example/forms",
		Commit:      "4f1c2a9b7d3e5f60718293a4b5c6d7e8f9012345",
		CommittedAt: now.AddDate(0, -2, 0),
		License:     "MIT",
		Licenses:    []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 100, OSIApproved: true, Scope: "project"}},
		Readme:      &registry.Readme{Path: "README.md", Summary: "Forms for citizens.", Text: "Forms for citizens."},
	}
}

func TestEvaluateOrderAndDeterminism(t *testing.T) {
	rec := mitRecord()
	rec.DeclaredLicenses = []registry.DeclaredLicense{{Path: "publiccode.yml", Field: "legal.license", Value: "MIT", SPDX: "MIT"}}
	rec.Publiccode = &registry.Publiccode{Path: "publiccode.yml", Valid: true, URL: "https://github.com/example/forms"}
	rec.Standards = []registry.Standard{{ID: "openapi", Name: "OpenAPI", Version: "3.1", Status: registry.RoyaltyFree,
		Evidence: []registry.Evidence{{Path: "api/openapi.yaml", Line: 1}}}}
	files := map[string]string{
		"LICENSE": "MIT", "README.md": "Forms", "publiccode.yml": "url: https://github.com/example/forms\nlegal:\n  license: MIT\n",
		"api/openapi.yaml": "openapi: 3.1.0", "CONTRIBUTING.md": "x", "SECURITY.md": "x", "CODE_OF_CONDUCT.md": "x",
		"docs/index.md": "x",
	}
	tree := treeOf(t, files)
	first := Evaluate(rec, tree, now)
	var ids []string
	for _, c := range first {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff(checkIDs(), ids); diff != "" {
		t.Errorf("every check applies to this record, in definition order (-want +got):\n%s", diff)
	}
	for _, c := range first {
		if c.Status != registry.CheckPass {
			t.Errorf("%s: %s (%s), want pass", c.ID, c.Status, c.Reason)
		}
	}
	if diff := cmp.Diff(first, Evaluate(rec, treeOf(t, files), now)); diff != "" {
		t.Errorf("a second evaluation differs (-first +second):\n%s", diff)
	}
}

func TestEvaluateWithoutTree(t *testing.T) {
	var ids []string
	for _, c := range Evaluate(mitRecord(), nil, now) {
		ids = append(ids, c.ID)
	}
	want := []string{LicencePresent, LicenceOSIApproved, LicenceModified, OpenStandardsUsed, ProprietaryFormats,
		MetadataPresent, ReadmePresent, MaintainedRecently}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("checks without a tree (-want +got):\n%s", diff)
	}
}

func TestEvaluateEmptyRecord(t *testing.T) {
	got := map[string]string{}
	for _, c := range Evaluate(&registry.Record{}, treeOf(t, map[string]string{"main.go": "package main"}), now) {
		got[c.ID] = c.Status
	}
	want := map[string]string{
		LicencePresent:     registry.CheckFail,
		OpenStandardsUsed:  registry.CheckWarn,
		ProprietaryFormats: registry.CheckPass,
		MetadataPresent:    registry.CheckWarn,
		ReadmePresent:      registry.CheckFail,
		Documentation:      registry.CheckFail,
		ContributingGuide:  registry.CheckWarn,
		SecurityPolicy:     registry.CheckWarn,
		CodeOfConduct:      registry.CheckWarn,
		MaintainedRecently: registry.CheckWarn,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("statuses for an empty repository (-want +got):\n%s", diff)
	}
}

func TestDefinitions(t *testing.T) {
	principles := map[string]bool{}
	for _, p := range Principles() {
		principles[p] = true
	}
	seen := map[string]bool{}
	for _, d := range Definitions() {
		if seen[d.ID] {
			t.Errorf("%s defined twice", d.ID)
		}
		seen[d.ID] = true
		if !principles[d.Principle] {
			t.Errorf("%s: unknown principle %q", d.ID, d.Principle)
		}
		if d.Title == "" || d.Summary == "" {
			t.Errorf("%s: missing title or summary", d.ID)
		}
	}
	defs := Definitions()
	defs[0].ID = "changed"
	if Definitions()[0].ID == "changed" {
		t.Error("Definitions returns the package's own slice")
	}
}

func TestCompareDeclared(t *testing.T) {
	rec := &registry.Record{
		License: "MIT",
		Licenses: []registry.LicenseFile{
			{SPDX: "MIT", Path: "LICENSE", Scope: "project"},
			{SPDX: "Apache-2.0", Path: "sub/LICENSE", Scope: "component"},
			{SPDX: "GPL-3.0-only", Path: "gpl/COPYING", Scope: "component"},
		},
	}
	tests := []struct {
		d           registry.DeclaredLicense
		want, files string
	}{
		{registry.DeclaredLicense{Path: "package.json", Value: "MIT", SPDX: "MIT"}, registry.AgreementMatch, "MIT"},
		{registry.DeclaredLicense{Path: "publiccode.yml", Value: "BSD-3-Clause", SPDX: "BSD-3-Clause"}, registry.AgreementMismatch, "MIT"},
		// A manifest in a subfolder is compared with that folder's licence.
		{registry.DeclaredLicense{Path: "sub/package.json", Value: "Apache-2.0", SPDX: "Apache-2.0"}, registry.AgreementMatch, "Apache-2.0"},
		{registry.DeclaredLicense{Path: "gpl/package.json", Value: "GPL-3.0-or-later", SPDX: "GPL-3.0-or-later"}, registry.AgreementPartial, "GPL-3.0-only"},
		{registry.DeclaredLicense{Path: "setup.py", Value: "see the website"}, registry.AgreementUnknown, "MIT"},
	}
	for _, tc := range tests {
		got, files := CompareDeclared(rec, tc.d)
		if got != tc.want || files != tc.files {
			t.Errorf("CompareDeclared(%s %q) = %q against %q, want %q against %q", tc.d.Path, tc.d.Value, got, files, tc.want, tc.files)
		}
	}
}
