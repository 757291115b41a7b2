package licenses

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDep5Annotations(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     []annotation
		warnings []string
	}{
		{
			name: "well formed, with a continuation and a stand-alone licence paragraph",
			text: "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n" +
				"Upstream-Name: forms\n\n" +
				"Files: src/*\n  cmd/*\nCopyright: 2024 City of Example\n  2025 Region of Example\nLicense: EUPL-1.2\n\n" +
				"Files: *.svg\nCopyright: 2024 City of Example\nLicense: CC-BY-4.0 or CC0-1.0\n\n" +
				"License: EUPL-1.2\n  The text of the licence.\n",
			want: []annotation{
				{expr: "EUPL-1.2", paths: []string{"src/*"}},
				{expr: "CC-BY-4.0 OR CC0-1.0", paths: []string{"*.svg"}},
			},
		},
		{
			name: "Windows line endings and comments",
			text: "# generated\r\nFormat: x\r\n\r\nFiles: *\r\nCopyright: 2024 City\r\nLicense: MIT\r\n",
			want: []annotation{{expr: "MIT", paths: []string{"*"}}},
		},
		{
			name: "malformed stanzas are skipped, the rest is read",
			text: "Format: x\n\n" +
				"Files: a/*\nCopyright: 2024 City\nLicense: MIT\n\n" +
				"Files: b/*\n  continued\nCopyright 2024 City\nLicense: MIT\n\n" +
				"Files: c/*\nCopyright: 2024 City\nLicense: not an expression!\n\n" +
				"Copyright: 2024 City\n\n" +
				"Files: d/*\nCopyright: 2024 City\nLicense: Apache-2.0\n",
			want: []annotation{
				{expr: "MIT", paths: []string{"a/*"}},
				{expr: "Apache-2.0", paths: []string{"d/*"}},
			},
			warnings: []string{
				".reuse/dep5 line 9: malformed stanza (a line that is neither a field nor an indented continuation); stanza skipped",
				`.reuse/dep5 line 14: License "not an expression!" is not a valid SPDX expression; skipped`,
				".reuse/dep5 line 16: stanza without a Files field; skipped",
			},
		},
		{
			name:     "a continuation before any field",
			text:     "Format: x\n\n  Files: a/*\nLicense: MIT\n",
			warnings: []string{".reuse/dep5 line 3: malformed stanza (a line that is neither a field nor an indented continuation); stanza skipped"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warnings := dep5Annotations([]byte(tt.text))
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(annotation{})); diff != "" {
				t.Errorf("annotations mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, warnings); diff != "" {
				t.Errorf("warnings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTOMLAnnotations(t *testing.T) {
	text := `version = 1

[[annotations]]
path = ["docs/**", "*.md"]
precedence = "aggregate"
SPDX-FileCopyrightText = ["2024 City of Example", "2025 Region of Example"]
SPDX-License-Identifier = "CC-BY-4.0"

[[annotations]]
path = "src/**"
SPDX-License-Identifier = "EUPL-1.2 OR GPL-3.0+"

[[annotations]]
path = "legacy/**"
SPDX-License-Identifier = "see the legal department"
`
	got, warnings := tomlAnnotations([]byte(text))
	want := []annotation{
		{expr: "CC-BY-4.0", paths: []string{"docs/**", "*.md"}},
		{expr: "EUPL-1.2 OR GPL-3.0-or-later", paths: []string{"src/**"}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(annotation{})); diff != "" {
		t.Errorf("annotations mismatch (-want +got):\n%s", diff)
	}
	wantWarnings := []string{`REUSE.toml annotation 3: "see the legal department" is not a valid SPDX expression; skipped`}
	if diff := cmp.Diff(wantWarnings, warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestReuseID(t *testing.T) {
	tests := []struct {
		name   string
		want   string
		wantOK bool
	}{
		{"EUPL-1.2.txt", "EUPL-1.2", true},
		{"GPL-3.0-or-later.txt", "GPL-3.0-or-later", true},
		{"GPL-3.0+.txt", "GPL-3.0-or-later", true},
		{"LicenseRef-city-terms.txt", "LicenseRef-city-terms", true},
		{"EUPL-1.2-NL.txt", "", false},
		{"my licence.txt", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := reuseID(tt.name)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("reuseID(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
