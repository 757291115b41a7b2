package checks

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// withLicences returns a record whose licence is expr, found in files.
func withLicences(expr string, files ...registry.LicenseFile) *registry.Record {
	rec := mitRecord()
	rec.License = expr
	rec.Licenses = files
	return rec
}

func lf(spdx, path, scope string) registry.LicenseFile {
	coverage := 100.0
	if scope == "file" {
		coverage = 0
	}
	return registry.LicenseFile{SPDX: spdx, Path: path, Coverage: coverage, Scope: scope}
}

func TestLicencePresent(t *testing.T) {
	tests := []struct {
		name string
		rec  *registry.Record
		want *outcome
	}{
		{
			name: "root licence",
			rec:  withLicences("MIT", lf("MIT", "LICENSE", "project")),
			want: &outcome{Status: "pass", Reason: "LICENSE is MIT.",
				Evidence: []registry.Evidence{{Path: "LICENSE", Note: "licence: MIT (100% of the text matched)"}}},
		},
		{
			name: "dual licence in two files",
			rec:  withLicences("Apache-2.0 OR MIT", lf("Apache-2.0", "LICENSE-APACHE", "project"), lf("MIT", "LICENSE-MIT", "project")),
			want: &outcome{Status: "pass", Reason: "The licence files LICENSE-APACHE and LICENSE-MIT make it Apache-2.0 OR MIT.",
				Evidence: []registry.Evidence{
					{Path: "LICENSE-APACHE", Note: "licence: Apache-2.0 (100% of the text matched)"},
					{Path: "LICENSE-MIT", Note: "licence: MIT (100% of the text matched)"},
				}},
		},
		{
			name: "none",
			rec:  withLicences(""),
			want: &outcome{Status: "fail",
				Reason: "No licence was found: no LICENSE, LICENCE or COPYING file, no LICENSES/ folder and no SPDX-License-Identifier headers. " +
					"Without a licence nobody may legally reuse the code.",
				Evidence: []registry.Evidence{},
				Fix: "Add a LICENSE file at the root of the repository holding the full text of an OSI approved licence " +
					"(EUPL-1.2, Apache-2.0, MIT, GPL-3.0-or-later...), and declare it in publiccode.yml (legal.license)."},
		},
		{
			name: "only a sub-folder's licence",
			rec:  withLicences("MIT", lf("MIT", "api/LICENSE", "component")),
			want: &outcome{Status: "warn", Reason: "api/LICENSE (in a sub-folder; there is no licence at the root) is MIT.",
				Evidence: []registry.Evidence{{Path: "api/LICENSE", Note: "licence: MIT (100% of the text matched)"}},
				Fix:      "Put the project's licence at the root of the repository (LICENSE), so that it plainly covers the whole project."},
		},
		{
			name: "only SPDX headers",
			rec:  withLicences("EUPL-1.2", lf("EUPL-1.2", "src/main.go", "file")),
			want: &outcome{Status: "warn",
				Reason:   "The SPDX headers and REUSE annotations (src/main.go) say EUPL-1.2. No licence text is in the repository, only identifiers.",
				Evidence: []registry.Evidence{{Path: "src/main.go", Note: "licence: EUPL-1.2"}},
				Fix:      "Add the full licence text: a LICENSE file at the root, or LICENSES/<id>.txt as REUSE asks."},
		},
		{
			name: "unrecognised text is still a licence file",
			rec:  withLicences(unknownLicence, lf(unknownLicence, "LICENSE", "project")),
			want: &outcome{Status: "pass",
				Reason:   "LICENSE is LicenseRef-govshare-unknown. A licence text is there but was not recognised (see licence-osi-approved).",
				Evidence: []registry.Evidence{{Path: "LICENSE", Note: "licence: LicenseRef-govshare-unknown (100% of the text matched)"}}},
		},
		{
			name: "scope inferred when the analyser leaves it empty",
			rec: withLicences("MIT AND CC-BY-4.0",
				registry.LicenseFile{SPDX: "MIT", Path: "LICENSE", Coverage: 99},
				registry.LicenseFile{SPDX: "CC-BY-4.0", Path: "LICENSES/CC-BY-4.0.txt", Coverage: 97},
				registry.LicenseFile{SPDX: "MIT", Path: "web/LICENSE", Coverage: 99},
				registry.LicenseFile{SPDX: "MIT", Path: "main.go"}),
			want: &outcome{Status: "pass", Reason: "The licence files LICENSE and LICENSES/CC-BY-4.0.txt make it MIT AND CC-BY-4.0.",
				Evidence: []registry.Evidence{
					{Path: "LICENSE", Note: "licence: MIT (99% of the text matched)"},
					{Path: "LICENSES/CC-BY-4.0.txt", Note: "licence: CC-BY-4.0 (97% of the text matched)"},
				}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, map[string]string{}, LicencePresent)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLicenceOSIApproved(t *testing.T) {
	tests := []struct {
		name       string
		rec        *registry.Record
		wantStatus string
		wantReason string
	}{
		{"OSI approved", withLicences("MIT", lf("MIT", "LICENSE", "project")),
			"pass", "LICENSE is MIT (OSI approved)."},
		{"EUPL", withLicences("EUPL-1.2", lf("EUPL-1.2", "LICENCE.md", "project")),
			"pass", "LICENCE.md is EUPL-1.2 (OSI approved)."},
		{"deprecated or-later id", withLicences("GPL-3.0+", lf("GPL-3.0+", "COPYING", "project")),
			"pass", "COPYING is GPL-3.0+ (OSI approved)."},
		{"with an exception", withLicences("GPL-2.0-only WITH Classpath-exception-2.0", lf("GPL-2.0-only WITH Classpath-exception-2.0", "LICENSE", "project")),
			"pass", "LICENSE is GPL-2.0-only WITH Classpath-exception-2.0 (OSI approved)."},
		{"CC0 is accepted as a public-domain dedication", withLicences("CC0-1.0", lf("CC0-1.0", "LICENSE.md", "project")),
			"pass", "LICENSE.md is CC0-1.0 (a public-domain dedication, accepted though not OSI approved)."},
		{"content licence warns", withLicences("OGL-UK-3.0", lf("OGL-UK-3.0", "LICENCE", "project")),
			"warn", "LICENCE is OGL-UK-3.0 (a licence for documents and data, not OSI approved for code)."},
		{"code and docs under different licences", withLicences("CC-BY-4.0 AND MIT", lf("MIT", "LICENSE", "project"), lf("CC-BY-4.0", "LICENSES/CC-BY-4.0.txt", "project")),
			"warn", "The licence files LICENSE and LICENSES/CC-BY-4.0.txt make it CC-BY-4.0 AND MIT: " +
				"CC-BY-4.0 is a licence for documents and data, not OSI approved for code; MIT is OSI approved."},
		{"non-OSI licence fails", withLicences("BSD-3-Clause-Clear", lf("BSD-3-Clause-Clear", "LICENSE", "project")),
			"fail", "LICENSE is BSD-3-Clause-Clear (not OSI approved)."},
		{"source-available licence fails", withLicences("BUSL-1.1", lf("BUSL-1.1", "LICENSE", "project")),
			"fail", "LICENSE is BUSL-1.1 (not OSI approved)."},
		{"unrecognised text fails", withLicences(unknownLicence, lf(unknownLicence, "LICENSE", "project")),
			"fail", "LICENSE is LicenseRef-govshare-unknown (a licence text that was not recognised)."},
		{"modified text fails", withLicences("LicenseRef-govshare-modified-MIT", lf("LicenseRef-govshare-modified-MIT", "LICENSE", "project")),
			"fail", "LICENSE is LicenseRef-govshare-modified-MIT (a modified MIT text; the OSI approved the original, not this version)."},
		{"custom reference fails", withLicences("LicenseRef-Proprietary", lf("LicenseRef-Proprietary", "src/a.go", "file")),
			"fail", "The SPDX headers and REUSE annotations (src/a.go) say LicenseRef-Proprietary (a custom licence, not OSI approved)."},
		{"an approved choice is enough", withLicences("BUSL-1.1 OR MIT", lf("BUSL-1.1", "LICENSE-BUSL", "project"), lf("MIT", "LICENSE-MIT", "project")),
			"pass", "The licence files LICENSE-BUSL and LICENSE-MIT make it BUSL-1.1 OR MIT: BUSL-1.1 is not OSI approved; MIT is OSI approved. " +
				"The project may be used under an approved choice."},
		{"every part of an AND counts", withLicences("LicenseRef-govshare-unknown AND MIT", lf("MIT", "LICENSE", "project"), lf(unknownLicence, "LICENSE.extra", "project")),
			"fail", "The licence files LICENSE and LICENSE.extra make it LicenseRef-govshare-unknown AND MIT: " +
				"LicenseRef-govshare-unknown is a licence text that was not recognised; MIT is OSI approved."},
		{"no files listed", withLicences("Apache-2.0"),
			"pass", "The project licence is Apache-2.0 (OSI approved)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, nil, LicenceOSIApproved)
			if got == nil {
				t.Fatal("not reported")
			}
			if diff := cmp.Diff([2]string{tt.wantStatus, tt.wantReason}, [2]string{got.Status, got.Reason}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if got := run(t, withLicences(""), nil, LicenceOSIApproved); got != nil {
		t.Errorf("without a licence the check applies: %+v", got)
	}
}

func TestLicenceModified(t *testing.T) {
	modified := registry.LicenseFile{SPDX: "LicenseRef-govshare-modified-MIT", Path: "LICENSE", Coverage: 91, Scope: "project",
		Closest: "MIT", Note: "a clause forbids military use"}
	component := registry.LicenseFile{SPDX: "LicenseRef-govshare-modified-BSD-3-Clause", Path: "lib/LICENSE", Coverage: 88, Scope: "component"}
	tests := []struct {
		name string
		rec  *registry.Record
		want *outcome
	}{
		{
			name: "unchanged texts",
			rec:  withLicences("MIT", lf("MIT", "LICENSE", "project"), lf("MIT", "src/a.go", "file")),
			want: &outcome{Status: "pass", Reason: "No licence text differs from its standard wording (LICENSE).", Evidence: []registry.Evidence{}},
		},
		{
			name: "the project licence is modified",
			rec:  withLicences(modified.SPDX, modified),
			want: &outcome{Status: "fail",
				Reason: "LICENSE is a modified MIT text (LicenseRef-govshare-modified-MIT): a clause forbids military use.",
				Evidence: []registry.Evidence{{Path: "LICENSE",
					Note: "licence: LicenseRef-govshare-modified-MIT (91% of the text matched); a clause forbids military use"}},
				Fix: "Use the standard text of MIT unchanged, and put project-specific terms in a separate file (NOTICE, README). " +
					"If the changes are intended, have them reviewed: a modified licence is a new licence, not MIT."},
		},
		{
			name: "a component's licence is modified",
			rec:  withLicences("Apache-2.0", lf("Apache-2.0", "LICENSE", "project"), component),
			want: &outcome{Status: "warn",
				Reason: "lib/LICENSE is a modified BSD-3-Clause text (LicenseRef-govshare-modified-BSD-3-Clause); " +
					"it is a component's licence, not the project's.",
				Evidence: []registry.Evidence{{Path: "lib/LICENSE", Note: "licence: LicenseRef-govshare-modified-BSD-3-Clause (88% of the text matched)"}},
				Fix: "Use the standard text of BSD-3-Clause unchanged, and put project-specific terms in a separate file (NOTICE, README). " +
					"If the changes are intended, have them reviewed: a modified licence is a new licence, not BSD-3-Clause."},
		},
		{
			name: "no licence",
			rec:  withLicences(""),
		},
		{
			name: "identifiers only",
			rec:  withLicences("MIT", lf("MIT", "src/a.go", "file")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, nil, LicenceModified)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
