package checks

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func declared(path, field, value, spdx string) registry.DeclaredLicense {
	return registry.DeclaredLicense{Path: path, Field: field, Value: value, SPDX: spdx}
}

func TestLicenceConsistent(t *testing.T) {
	publiccode := "publiccodeYmlVersion: \"0.4\"\nname: forms\nlegal:\n  license: %s\n"
	tests := []struct {
		name     string
		detected *registry.Record
		decls    []registry.DeclaredLicense
		files    map[string]string
		want     *outcome
	}{
		{
			name:     "BSD-3-Clause-Clear declared, BSD-3-Clause in the files",
			detected: withLicences("BSD-3-Clause", lf("BSD-3-Clause", "LICENSE", "project")),
			decls:    []registry.DeclaredLicense{declared("publiccode.yml", "legal.license", "BSD-3-Clause-Clear", "BSD-3-Clause-Clear")},
			files:    map[string]string{"publiccode.yml": strings.Replace(publiccode, "%s", "BSD-3-Clause-Clear", 1)},
			want: &outcome{Status: "fail",
				Reason: "publiccode.yml (legal.license) says BSD-3-Clause-Clear; LICENSE is BSD-3-Clause.",
				Evidence: []registry.Evidence{
					{Path: "publiccode.yml", Line: 4, Note: "legal.license: BSD-3-Clause-Clear"},
					{Path: "LICENSE", Note: "licence: BSD-3-Clause (100% of the text matched)"},
				},
				Fix: "Make publiccode.yml (legal.license) and the licence files say the same licence (now BSD-3-Clause-Clear versus BSD-3-Clause). " +
					"Change whichever side is wrong: the licence files are what legally applies."},
		},
		{
			name:     "MIT and MIT",
			detected: withLicences("MIT", lf("MIT", "LICENSE", "project")),
			decls:    []registry.DeclaredLicense{declared("publiccode.yml", "legal.license", "MIT", "MIT")},
			files:    map[string]string{"publiccode.yml": strings.Replace(publiccode, "%s", "MIT", 1)},
			want: &outcome{Status: "pass",
				Reason: "publiccode.yml (legal.license) says MIT; LICENSE is MIT.",
				Evidence: []registry.Evidence{
					{Path: "publiccode.yml", Line: 4, Note: "legal.license: MIT"},
					{Path: "LICENSE", Note: "licence: MIT (100% of the text matched)"},
				}},
		},
		{
			name:     "free-text Apache 2.0 matches Apache-2.0",
			detected: withLicences("Apache-2.0", lf("Apache-2.0", "LICENSE", "project")),
			decls:    []registry.DeclaredLicense{declared("package.json", "license", "Apache 2.0", "")},
			files:    map[string]string{"package.json": "{\n  \"name\": \"forms\",\n  \"license\": \"Apache 2.0\"\n}\n"},
			want: &outcome{Status: "pass",
				Reason: "package.json (license) says \"Apache 2.0\", read as Apache-2.0; LICENSE is Apache-2.0.",
				Evidence: []registry.Evidence{
					{Path: "package.json", Line: 3, Note: "license: Apache 2.0"},
					{Path: "LICENSE", Note: "licence: Apache-2.0 (100% of the text matched)"},
				}},
		},
		{
			name:     "GPL-3.0-or-later declared, GPL-3.0-only in the files",
			detected: withLicences("GPL-3.0-only", lf("GPL-3.0-only", "COPYING", "project")),
			decls:    []registry.DeclaredLicense{declared("publiccode.yml", "legal.license", "GPL-3.0-or-later", "GPL-3.0-or-later")},
			want: &outcome{Status: "warn",
				Reason: "publiccode.yml (legal.license) says GPL-3.0-or-later; COPYING is GPL-3.0-only " +
					"(the same licence, but one says -only or -or-later where the other does not agree).",
				Evidence: []registry.Evidence{
					{Path: "publiccode.yml", Note: "legal.license: GPL-3.0-or-later"},
					{Path: "COPYING", Note: "licence: GPL-3.0-only (100% of the text matched)"},
				},
				Fix: "Make publiccode.yml (legal.license) and the licence files say the same licence (now GPL-3.0-or-later versus GPL-3.0-only). " +
					"Change whichever side is wrong: the licence files are what legally applies."},
		},
		{
			name:     "no licence in the files",
			detected: withLicences(""),
			decls:    []registry.DeclaredLicense{declared("code.json", "permissions.licenses[0].name", "CC0-1.0", "CC0-1.0")},
			want: &outcome{Status: "fail",
				Reason:   "code.json (permissions.licenses[0].name) says CC0-1.0, but no licence was found in the files.",
				Evidence: []registry.Evidence{{Path: "code.json", Note: "permissions.licenses[0].name: CC0-1.0"}},
				Fix: "Add the licence text that code.json (permissions.licenses[0].name) declares. " +
					"Change whichever side is wrong: the licence files are what legally applies."},
		},
		{
			name:     "every mismatch of several declarations",
			detected: withLicences("EUPL-1.2", lf("EUPL-1.2", "LICENCE", "project")),
			decls: []registry.DeclaredLicense{
				declared("publiccode.yml", "legal.license", "EUPL-1.2", "EUPL-1.2"),
				declared("package.json", "license", "MIT", "MIT"),
				declared("pyproject.toml", "project.license", "GNU GPL v3", ""),
			},
			want: &outcome{Status: "fail",
				Reason: "publiccode.yml (legal.license) says EUPL-1.2; LICENCE is EUPL-1.2. " +
					"package.json (license) says MIT; LICENCE is EUPL-1.2. " +
					"pyproject.toml (project.license) says \"GNU GPL v3\", read as GPL-3.0; LICENCE is EUPL-1.2.",
				Evidence: []registry.Evidence{
					{Path: "publiccode.yml", Note: "legal.license: EUPL-1.2"},
					{Path: "package.json", Note: "license: MIT"},
					{Path: "pyproject.toml", Note: "project.license: GNU GPL v3"},
					{Path: "LICENCE", Note: "licence: EUPL-1.2 (100% of the text matched)"},
				},
				Fix: "Make package.json (license) and the licence files say the same licence (now MIT versus EUPL-1.2); " +
					"make pyproject.toml (project.license) and the licence files say the same licence (now GPL-3.0 versus EUPL-1.2). " +
					"Change whichever side is wrong: the licence files are what legally applies."},
		},
		{
			name:     "nothing declared",
			detected: withLicences("MIT", lf("MIT", "LICENSE", "project")),
		},
		{
			name:     "NOASSERTION declares nothing",
			detected: withLicences("MIT", lf("MIT", "LICENSE", "project")),
			decls:    []registry.DeclaredLicense{declared("code.json", "permissions.licenses[0].name", "NOASSERTION", "")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.detected
			rec.DeclaredLicenses = tt.decls
			files := tt.files
			if files == nil {
				files = map[string]string{}
			}
			got := run(t, rec, files, LicenceConsistent)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestLicenceConsistentStatus covers the comparison rules with one
// declaration each.
func TestLicenceConsistentStatus(t *testing.T) {
	tests := []struct {
		declared, detected string
		want               string
	}{
		{"MIT", "MIT", "pass"},
		{"mit", "MIT", "pass"},
		{"MIT License", "MIT", "pass"},
		{"The MIT License (MIT)", "MIT", "pass"},
		{"Apache License, Version 2.0", "Apache-2.0", "pass"},
		{"MIT OR Apache-2.0", "Apache-2.0 OR MIT", "pass"},
		{"(MIT OR Apache-2.0)", "Apache-2.0 OR MIT", "pass"},
		{"GPL-3.0+", "GPL-3.0-or-later", "pass"},
		{"GPLv3+", "GPL-3.0-or-later", "pass"},
		{"EUPL v1.2", "EUPL-1.2", "pass"},
		{"European Union Public Licence v. 1.2", "EUPL-1.2", "pass"},
		{"SEE LICENSE IN LICENSE.md", "MIT", "pass"},
		{"GPL-3.0", "GPL-3.0-only", "warn"},
		{"GPL-3.0-only", "GPL-3.0-or-later", "warn"},
		{"AGPL-3.0-or-later", "AGPL-3.0-only", "warn"},
		{"LGPL-2.1", "LGPL-2.1-or-later", "warn"},
		{"Apache-2.0 OR MIT", "Apache-2.0 AND MIT", "warn"},
		{"MIT", unknownLicence, "warn"},
		{"MIT", "MIT AND " + unknownLicence, "warn"},
		{"an internal licence", "MIT", "warn"},
		{"BSD-3-Clause-Clear", "BSD-3-Clause", "fail"},
		{"GPL-2.0-only", "GPL-3.0-only", "fail"},
		{"MIT", "MIT AND CC-BY-4.0", "warn"},
		{"AGPL-3.0-or-later", "AGPL-3.0-or-later AND CC-BY-SA-4.0 AND CC0-1.0", "warn"},
		{"MIT", "MIT AND GPL-3.0-only", "fail"},
		{"MIT", "Apache-2.0 AND " + unknownLicence, "fail"},
		{"MIT", "LicenseRef-govshare-modified-MIT", "fail"},
		{"UNLICENSED", "MIT", "fail"},
		{"NONE", "MIT", "fail"},
		{"LicenseRef-Proprietary", "MIT", "fail"},
	}
	for _, tt := range tests {
		t.Run(tt.declared+" vs "+tt.detected, func(t *testing.T) {
			rec := withLicences(tt.detected, lf(tt.detected, "LICENSE", "project"))
			rec.DeclaredLicenses = []registry.DeclaredLicense{declared("package.json", "license", tt.declared, "")}
			if got := statusOf(t, rec, nil, LicenceConsistent); got != tt.want {
				t.Errorf("status %q, want %q (%s)", got, tt.want, run(t, rec, nil, LicenceConsistent).Reason)
			}
		})
	}
}

func TestLicenceConsistentComponents(t *testing.T) {
	rec := withLicences("EUPL-1.2",
		lf("EUPL-1.2", "LICENCE", "project"),
		lf("MIT", "web/LICENSE", "component"),
		lf("Apache-2.0", "services/api/LICENSE", "component"))
	rec.DeclaredLicenses = []registry.DeclaredLicense{
		declared("publiccode.yml", "legal.license", "EUPL-1.2", "EUPL-1.2"),
		declared("web/package.json", "license", "MIT", "MIT"),
		declared("services/api/v2/pom.xml", "licenses", "BSD-3-Clause", "BSD-3-Clause"),
		declared("tools/package.json", "license", "EUPL-1.2", "EUPL-1.2"),
	}
	want := &outcome{Status: "fail",
		Reason: "publiccode.yml (legal.license) says EUPL-1.2; LICENCE is EUPL-1.2. " +
			"web/package.json (license) says MIT; web/LICENSE is MIT. " +
			"services/api/v2/pom.xml (licenses) says BSD-3-Clause; services/api/LICENSE is Apache-2.0. " +
			"tools/package.json (license) says EUPL-1.2; LICENCE is EUPL-1.2.",
		Evidence: []registry.Evidence{
			{Path: "publiccode.yml", Note: "legal.license: EUPL-1.2"},
			{Path: "web/package.json", Note: "license: MIT"},
			{Path: "services/api/v2/pom.xml", Note: "licenses: BSD-3-Clause"},
			{Path: "tools/package.json", Note: "license: EUPL-1.2"},
			{Path: "LICENCE", Note: "licence: EUPL-1.2 (100% of the text matched)"},
			{Path: "web/LICENSE", Note: "licence: MIT (100% of the text matched)"},
			{Path: "services/api/LICENSE", Note: "licence: Apache-2.0 (100% of the text matched)"},
		},
		Fix: "Make services/api/v2/pom.xml (licenses) and the licence files say the same licence (now BSD-3-Clause versus Apache-2.0). " +
			"Change whichever side is wrong: the licence files are what legally applies."}
	got := run(t, rec, map[string]string{}, LicenceConsistent)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLicenceConsistentDeclarationSources(t *testing.T) {
	t.Run("publiccode.yml licence not in DeclaredLicenses", func(t *testing.T) {
		rec := withLicences("BSD-3-Clause", lf("BSD-3-Clause", "LICENSE", "project"))
		rec.Publiccode = &registry.Publiccode{Path: "publiccode.yml", License: "BSD-3-Clause-Clear"}
		got := run(t, rec, nil, LicenceConsistent)
		want := "publiccode.yml (legal.license) says BSD-3-Clause-Clear; LICENSE is BSD-3-Clause."
		if got == nil || got.Status != "fail" || got.Reason != want {
			t.Errorf("got %+v, want fail %q", got, want)
		}
	})
	t.Run("only DeclaredLicense", func(t *testing.T) {
		rec := withLicences("MIT", lf("MIT", "LICENSE", "project"))
		rec.DeclaredLicense = "ISC"
		got := run(t, rec, nil, LicenceConsistent)
		want := "The metadata says ISC; LICENSE is MIT."
		if got == nil || got.Status != "fail" || got.Reason != want {
			t.Errorf("got %+v, want fail %q", got, want)
		}
	})
	t.Run("publiccode.yml listed once", func(t *testing.T) {
		rec := withLicences("MIT", lf("MIT", "LICENSE", "project"))
		rec.Publiccode = &registry.Publiccode{Path: "publiccode.yml", License: "MIT"}
		rec.DeclaredLicenses = []registry.DeclaredLicense{declared("publiccode.yml", "legal.license", "MIT", "MIT")}
		rec.DeclaredLicense = "MIT"
		got := run(t, rec, nil, LicenceConsistent)
		want := "publiccode.yml (legal.license) says MIT; LICENSE is MIT."
		if got == nil || got.Reason != want {
			t.Errorf("got %+v, want %q", got, want)
		}
	})
}
