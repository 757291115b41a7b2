package licenses

import (
	"testing"

	"github.com/govshare/govshare/registry"
)

func TestProseVersion(t *testing.T) {
	tests := []struct {
		bare, text string
		want       string
	}{
		{"GPL-3.0", "either version 3 of the License, or (at your option) any later version, of the GNU General Public License.", "-or-later"},
		{"GPL-3.0", "This program is free software: you can redistribute it under the GNU General Public License, either version 3 of the License, or (at your option) any later version.", "-or-later"},
		{"GPL-3.0", "Licensed under GPLv3+.", "-or-later"},
		{"GPL-3.0", "License: GPL-3.0-or-later", "-or-later"},
		{"GPL-3.0", "License: GPL-3.0-only", "-only"},
		{"GPL-3.0", "Released under the GNU GPL version 3 only.", "-only"},
		{"GPL-2.0", "Licensed under the GNU General Public License v2 or later.", "-or-later"},
		{"GPL-3.0", "Licensed under the GNU General Public License v2 or later.", ""},
		{"GPL-3.0", "Licensed under the GNU Lesser General Public License, version 3 or later.", ""},
		{"LGPL-3.0", "Licensed under the GNU Lesser General Public License, version 3 or later.", "-or-later"},
		{"LGPL-2.1", "This library is licensed under the LGPL-2.1-only.", "-only"},
		{"AGPL-3.0", "Licensed under the GNU Affero General Public License version 3, or any later version.", "-or-later"},
		{"GPL-3.0", "Licensed under the GNU Affero General Public License version 3, or any later version.", ""},
		{"GPL-3.0", "Licensed under the GPL version 3. You may choose a later version.", ""},
		{"GPL-3.0", "Licensed under the GPL version 3 only, or any later version.", ""},
		{"GPL-3.0", "Licensed under the GPL.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.bare+": "+tt.text, func(t *testing.T) {
			if got, _ := proseVersion(tt.bare, tt.text); got != tt.want {
				t.Errorf("proseVersion(%q, %q) = %q, want %q", tt.bare, tt.text, got, tt.want)
			}
		})
	}
}

func TestSettleVersion(t *testing.T) {
	readme := []prose{{source: "the README", text: "Licensed under the GPL version 3, or any later version."}}
	tests := []struct {
		name     string
		headers  map[string]headerCount
		declared []registry.DeclaredLicense
		texts    []prose
		want     string
		note     string
	}{
		{"nothing", nil, nil, nil, "GPL-3.0", unsettledNote},
		{"README", nil, nil, readme, "GPL-3.0-or-later", `GPL-3.0-or-later: the README says "Licensed under the GPL version 3, or any later version"`},
		{
			"README before declared: metadata that contradicts the files is a finding",
			nil,
			[]registry.DeclaredLicense{{Path: "package.json", Field: "license", Value: "GPL-3.0-only", SPDX: "GPL-3.0-only"}},
			readme, "GPL-3.0-or-later", `GPL-3.0-or-later: the README says "Licensed under the GPL version 3, or any later version"`,
		},
		{
			"declared when the files say nothing",
			nil,
			[]registry.DeclaredLicense{{Path: "package.json", Field: "license", Value: "GPL-3.0-only", SPDX: "GPL-3.0-only"}},
			nil, "GPL-3.0-only", "GPL-3.0-only: package.json license declares it",
		},
		{
			"a declared bare id or another licence settles nothing",
			nil,
			[]registry.DeclaredLicense{{Path: "package.json", Field: "license", SPDX: "GPL-3.0"}, {Path: "pom.xml", SPDX: "LGPL-3.0-or-later"}},
			nil, "GPL-3.0", unsettledNote,
		},
		{
			"headers before README",
			map[string]headerCount{"GPL-3.0-only": {files: 5, first: "a.c"}, "GPL-3.0-or-later": {files: 1, first: "b.c"}},
			[]registry.DeclaredLicense{{Path: "publiccode.yml", Field: "legal.license", SPDX: "GPL-3.0-or-later"}},
			readme, "GPL-3.0-only", "SPDX headers of 5 source files say so (first: a.c); 1 say otherwise",
		},
		{
			"headers that disagree settle nothing",
			map[string]headerCount{"GPL-3.0-only": {files: 3, first: "a.c"}, "GPL-3.0-or-later": {files: 2, first: "b.c"}},
			nil, nil, "GPL-3.0", unsettledNote,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note := settleVersion("GPL-3.0", tt.headers, tt.declared, tt.texts)
			if got != tt.want || note != tt.note {
				t.Errorf("settleVersion = %q, %q; want %q, %q", got, note, tt.want, tt.note)
			}
		})
	}
}
