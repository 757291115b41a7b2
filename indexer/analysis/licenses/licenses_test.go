package licenses

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// licenseText returns a real licence text from testdata/ (copied from the
// SPDX licence list, see testdata/README.md), with its template fields
// filled in as a project would.
func licenseText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer("<year>", "2024", "<copyright holders>", "City of Example", "<owner>", "City of Example")
	return r.Replace(string(b))
}

// replaceWords replaces old with replacement in text, whatever the line
// breaks between old's words, and fails unless old occurs exactly once.
func replaceWords(t testing.TB, text, old, replacement string) string {
	t.Helper()
	var parts []string
	for _, w := range strings.Fields(old) {
		parts = append(parts, regexp.QuoteMeta(w))
	}
	re := regexp.MustCompile(strings.Join(parts, `\s+`))
	if n := len(re.FindAllStringIndex(text, -1)); n != 1 {
		t.Fatalf("%q occurs %d times, want 1", old, n)
	}
	return re.ReplaceAllLiteralString(text, replacement)
}

// cutAt returns text up to the first occurrence of marker.
func cutAt(t testing.TB, text, marker string) string {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("%q not in text", marker)
	}
	return text[:i]
}

func file(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

func walk(t testing.TB, fsys fstest.MapFS, maxRead int64) *filetree.Tree {
	t.Helper()
	tree, _, err := filetree.Walk(context.Background(), fsys, maxRead)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestDetectEachLicence puts each licence governments use, as its full SPDX
// text, in a repository's LICENSE.
func TestDetectEachLicence(t *testing.T) {
	tests := []struct {
		text string // testdata file
		want string
		osi  bool
	}{
		{"EUPL-1.1", "EUPL-1.1", true},
		{"EUPL-1.2", "EUPL-1.2", true},
		{"OGL-UK-3.0", "OGL-UK-3.0", false},
		{"etalab-2.0", "etalab-2.0", false},
		{"CECILL-2.1", "CECILL-2.1", true},
		{"CC0-1.0", "CC0-1.0", false},
		{"CC-BY-4.0", "CC-BY-4.0", false},
		{"CC-BY-SA-4.0", "CC-BY-SA-4.0", false},
		{"MPL-2.0", "MPL-2.0", true},
		{"GPL-2.0", "GPL-2.0", true},
		{"GPL-3.0", "GPL-3.0", true},
		{"LGPL-2.1", "LGPL-2.1", true},
		{"LGPL-3.0", "LGPL-3.0", true},
		{"AGPL-3.0", "AGPL-3.0", true},
		{"Apache-2.0", "Apache-2.0", true},
		{"MIT", "MIT", true},
		{"BSD-2-Clause", "BSD-2-Clause", true},
		{"BSD-3-Clause", "BSD-3-Clause", true},
		{"ISC", "ISC", true},
		{"Unlicense", "Unlicense", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			fsys := fstest.MapFS{"LICENSE": file(licenseText(t, tt.text))}
			got := Detect(context.Background(), walk(t, fsys, 0), Options{})
			if got.License != tt.want {
				t.Errorf("License = %q, want %q", got.License, tt.want)
			}
			if len(got.Files) == 0 {
				t.Fatal("no licence file listed")
			}
			f := got.Files[0]
			if f.SPDX != tt.want || f.Scope != ScopeProject || f.OSIApproved != tt.osi {
				t.Errorf("Files[0] = %+v, want SPDX %s, scope project, OSI %v", f, tt.want, tt.osi)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	mit := licenseText(t, "MIT")
	apache := licenseText(t, "Apache-2.0")
	gpl := licenseText(t, "GPL-3.0")
	eupl := licenseText(t, "EUPL-1.2")
	mpl := licenseText(t, "MPL-2.0")
	bsd := licenseText(t, "BSD-3-Clause")
	ccby := licenseText(t, "CC-BY-4.0")
	lgplOnly := cutAt(t, licenseText(t, "LGPL-3.0"), "GNU GENERAL PUBLIC LICENSE")
	euplNL := licenseText(t, "translated/EUPL-1.2-nl")
	cecillFR := licenseText(t, "translated/CECILL-2.1-fr")
	mitFR := licenseText(t, "translated/MIT-fr")
	code := "package main\n\nfunc main() {}\n"
	orLaterNotice := "This program is free software: you can redistribute it and/or modify it under the terms of the " +
		"GNU General Public License as published by the Free Software Foundation, either version 3 of the " +
		"License, or (at your option) any later version."
	const blurb15 = "15 words of project text before the licence are not part of it"
	const unsettled = "version suffix not settled by evidence: no notice, SPDX header or README wording says -only or -or-later"
	dep5 := `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: forms
Source: https://example.org/forms

Files: docs/*
Copyright: 2024 City of Example
License: CC-BY-4.0

Files: assets/*
Copyright: 2024 City of Example
this line is neither a field nor a continuation
License: CC0-1.0

Files: *.go
Copyright: 2024 City of Example
`

	tests := []struct {
		name       string
		fsys       fstest.MapFS
		prose      string
		declared   []registry.DeclaredLicense
		maxRead    int64
		want       string
		files      []registry.LicenseFile
		thirdParty []registry.Evidence
		warnings   []string
	}{
		{
			name:  "root LICENSE",
			fsys:  fstest.MapFS{"LICENSE": file(mit), "main.go": file(code)},
			want:  "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "project"}},
		},
		{
			name:  "LICENSE.md",
			fsys:  fstest.MapFS{"LICENSE.md": file(apache)},
			want:  "Apache-2.0",
			files: []registry.LicenseFile{{SPDX: "Apache-2.0", Path: "LICENSE.md", Coverage: 100, OSIApproved: true, Scope: "project"}},
		},
		{
			name:  "lower-case licence.txt holding BSD-3-Clause",
			fsys:  fstest.MapFS{"licence.txt": file(bsd)},
			want:  "BSD-3-Clause",
			files: []registry.LicenseFile{{SPDX: "BSD-3-Clause", Path: "licence.txt", Coverage: 100, OSIApproved: true, Scope: "project"}},
		},
		{
			name:  "MIT without its title line",
			fsys:  fstest.MapFS{"LICENSE": file(strings.TrimPrefix(mit, "MIT License\n\n"))},
			want:  "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 100, OSIApproved: true, Scope: "project"}},
		},
		{
			name: "MIT with a project blurb on top",
			fsys: fstest.MapFS{"LICENSE": file("Example Forms, a form builder for municipalities.\n" +
				"Developed by the City of Example digital team.\n\n" + mit)},
			want: "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 90.8, OSIApproved: true, Scope: "project",
				Note: "17 words of project text before the licence are not part of it"}},
		},
		{
			name: "EUPL without its title and copyright lines",
			fsys: fstest.MapFS{"LICENSE.md": file(eupl[strings.Index(eupl, "This European Union Public Licence"):])},
			want: "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "LICENSE.md", OSIApproved: true, Scope: "project",
				Note: "the SPDX text of EUPL-1.2 without 13 words of its title or end"}},
		},
		{
			name: "GPL without its title, no evidence of the version",
			fsys: fstest.MapFS{"COPYING": file(gpl[strings.Index(gpl, "Preamble"):])},
			want: "GPL-3.0",
			files: []registry.LicenseFile{{SPDX: "GPL-3.0", Path: "COPYING", Coverage: 94.6, OSIApproved: true, Scope: "project",
				Note: unsettled}},
		},
		{
			name: "GPL with an or-later notice on top",
			fsys: fstest.MapFS{"LICENSE": file("Copyright (C) 2024 City of Example\n\n" + orLaterNotice + "\n\n" + gpl)},
			want: "GPL-3.0-or-later",
			files: []registry.LicenseFile{{SPDX: "GPL-3.0-or-later", Path: "LICENSE", Coverage: 94.7, OSIApproved: true, Scope: "project",
				Note: "GPL-3.0-or-later: settled by the notice above the licence text"}},
		},
		{
			name:  "GPL, or later according to the README",
			fsys:  fstest.MapFS{"COPYING": file(gpl)},
			prose: "# Forms\n\n## Licence\n\n" + orLaterNotice + "\n",
			want:  "GPL-3.0-or-later",
			files: []registry.LicenseFile{{SPDX: "GPL-3.0-or-later", Path: "COPYING", Coverage: 94.6, OSIApproved: true, Scope: "project",
				Note: `GPL-3.0-or-later: the README says "This program is free software: you can redistribute it and/or modify it …"`}},
		},
		{
			name:  "GPL, README about another version settles nothing",
			fsys:  fstest.MapFS{"COPYING": file(gpl)},
			prose: "Licensed under the GNU GPL version 2 or later.",
			want:  "GPL-3.0",
			files: []registry.LicenseFile{{SPDX: "GPL-3.0", Path: "COPYING", Coverage: 94.6, OSIApproved: true, Scope: "project", Note: unsettled}},
		},
		{
			name: "GPL, only according to the SPDX headers",
			fsys: fstest.MapFS{
				"COPYING":     file(gpl),
				"cmd/main.go": file("// SPDX-License-Identifier: GPL-3.0-only\n" + code),
				"lib/lib.go":  file("// SPDX-License-Identifier: GPL-3.0-only\npackage lib\n"),
			},
			prose: "Licensed under the GPL, version 3 or (at your option) any later version.",
			want:  "GPL-3.0-only",
			files: []registry.LicenseFile{
				{SPDX: "GPL-3.0-only", Path: "COPYING", Coverage: 94.6, OSIApproved: true, Scope: "project",
					Note: "SPDX headers of 2 source files say so (first: cmd/main.go)"},
				{SPDX: "GPL-3.0-only", Path: "cmd/main.go", OSIApproved: true, Scope: "file",
					Note: "SPDX-License-Identifier in 2 source files, this one first"},
			},
		},
		{
			name:     "AGPL, or later according to publiccode.yml",
			fsys:     fstest.MapFS{"COPYING": file(licenseText(t, "AGPL-3.0"))},
			declared: []registry.DeclaredLicense{{Path: "publiccode.yml", Field: "legal.license", Value: "AGPL-3.0-or-later", SPDX: "AGPL-3.0-or-later"}},
			want:     "AGPL-3.0-or-later",
			files: []registry.LicenseFile{{SPDX: "AGPL-3.0-or-later", Path: "COPYING", Coverage: 100, OSIApproved: true, Scope: "project",
				Note: "AGPL-3.0-or-later: publiccode.yml legal.license declares it"}},
		},
		{
			name:     "a declaration never replaces the licence the files hold",
			fsys:     fstest.MapFS{"LICENSE": file(mit)},
			declared: []registry.DeclaredLicense{{Path: "publiccode.yml", Field: "legal.license", Value: "EUPL-1.2", SPDX: "EUPL-1.2"}},
			want:     "MIT",
			files:    []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "project"}},
		},
		{
			name: "LGPL-3.0 beside the GPL-3.0 it builds on",
			fsys: fstest.MapFS{"COPYING": file(gpl), "COPYING.LESSER": file(lgplOnly)},
			want: "LGPL-3.0",
			files: []registry.LicenseFile{
				{SPDX: "GPL-3.0", Path: "COPYING", Coverage: 94.6, OSIApproved: true, Scope: "project",
					Note: "accompanies the LGPL-3.0, which adds permissions to it: not part of the project expression"},
				{SPDX: "LGPL-3.0", Path: "COPYING.LESSER", Coverage: 100, OSIApproved: true, Scope: "project", Note: unsettled},
			},
		},
		{
			name: "vendored and third-party licences only",
			fsys: fstest.MapFS{
				"vendor/github.com/x/y/LICENSE": file(mit),
				"node_modules/left-pad/LICENSE": file(mit),
				"third_party/zlib/LICENSE":      file(bsd),
				"testdata/LICENSE":              file(gpl),
				"licenses/LICENSE-slf4j.txt":    file(mit),
				"LICENSE-3RD-PARTY.txt":         file(apache),
				"THIRD-PARTY-NOTICES":           file(apache),
				"NOTICE":                        file(apache),
				"main.go":                       file(code),
			},
			want: "",
			thirdParty: []registry.Evidence{
				{Path: "LICENSE-3RD-PARTY.txt", Note: "named as a notice, not a licence"},
				{Path: "NOTICE", Note: "named as a notice, not a licence"},
				{Path: "THIRD-PARTY-NOTICES", Note: "named as a notice, not a licence"},
			},
		},
		{
			name: "third-party licences appended to the project's",
			fsys: fstest.MapFS{"LICENSE.md": file(mit + "\n\n## Third-party software\n\nThis product bundles the following libraries.\n\n" +
				"### left-pad\n\n" + apache + "\n\n### zlib\n\n" + bsd)},
			want: "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE.md", Coverage: 99.3, OSIApproved: true, Scope: "project",
				Note: `licences after "## Third-party software This product bundles the following libraries. ### left-pad" are third-party notices, left out`}},
		},
		{
			name: "a licence file listing many licences",
			fsys: fstest.MapFS{"LICENSE": file(mit), "LICENSE.txt": file(apache + "\n\n" + bsd + "\n\n" + mpl + "\n\n" + licenseText(t, "ISC"))},
			want: "MIT",
			files: []registry.LicenseFile{
				{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "project"},
			},
			thirdParty: []registry.Evidence{{Path: "LICENSE.txt", Note: "lists 4 different licences: a notice of dependencies' licences"}},
		},
		{
			name: "component licence only",
			fsys: fstest.MapFS{"api/LICENSE": file(eupl), "api/main.go": file(code)},
			want: "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "api/LICENSE", Coverage: 100, OSIApproved: true, Scope: "project",
				Note: "no licence at the root: the project licence comes from this sub-folder"}},
		},
		{
			name: "root licence wins over component licence",
			fsys: fstest.MapFS{"LICENSE": file(eupl), "web/LICENSE": file(mit)},
			want: "EUPL-1.2",
			files: []registry.LicenseFile{
				{SPDX: "EUPL-1.2", Path: "LICENSE", Coverage: 100, OSIApproved: true, Scope: "project"},
				{SPDX: "MIT", Path: "web/LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "component"},
			},
		},
		{
			name: "documentation under CC-BY-4.0",
			fsys: fstest.MapFS{"LICENSE": file(mit), "docs/LICENSE": file(ccby), "docs/index.md": file("# Docs\n")},
			want: "CC-BY-4.0 AND MIT",
			files: []registry.LicenseFile{
				{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "project"},
				{SPDX: "CC-BY-4.0", Path: "docs/LICENSE", Coverage: 94.5, Scope: "project",
					Note: "documentation or data licence: part of the project expression"},
			},
		},
		{
			name:  "dual licensed code and documentation under CC-BY-4.0",
			fsys:  fstest.MapFS{"LICENSE-MIT": file(mit), "LICENSE-APACHE": file(apache), "docs/LICENSE.md": file(ccby)},
			prose: "Licensed under either of Apache License, Version 2.0 or MIT license at your option.",
			want:  "(Apache-2.0 OR MIT) AND CC-BY-4.0",
			files: []registry.LicenseFile{
				{SPDX: "Apache-2.0", Path: "LICENSE-APACHE", Coverage: 100, OSIApproved: true, Scope: "project"},
				{SPDX: "MIT", Path: "LICENSE-MIT", Coverage: 98.8, OSIApproved: true, Scope: "project"},
				{SPDX: "CC-BY-4.0", Path: "docs/LICENSE.md", Coverage: 94.5, Scope: "project",
					Note: "documentation or data licence: part of the project expression"},
			},
		},
		{
			name: "two root licences",
			fsys: fstest.MapFS{"LICENSE-MIT": file(mit), "LICENSE-APACHE": file(apache)},
			want: "Apache-2.0 AND MIT",
			files: []registry.LicenseFile{
				{SPDX: "Apache-2.0", Path: "LICENSE-APACHE", Coverage: 100, OSIApproved: true, Scope: "project"},
				{SPDX: "MIT", Path: "LICENSE-MIT", Coverage: 98.8, OSIApproved: true, Scope: "project"},
			},
		},
		{
			name:  "two root licences offered as alternatives in the README",
			fsys:  fstest.MapFS{"LICENSE-MIT": file(mit), "LICENSE-APACHE": file(apache)},
			prose: "## License\n\nLicensed under either of Apache License, Version 2.0 or MIT license at your option.\n",
			want:  "Apache-2.0 OR MIT",
			files: []registry.LicenseFile{
				{SPDX: "Apache-2.0", Path: "LICENSE-APACHE", Coverage: 100, OSIApproved: true, Scope: "project"},
				{SPDX: "MIT", Path: "LICENSE-MIT", Coverage: 98.8, OSIApproved: true, Scope: "project"},
			},
		},
		{
			name: "dual licensing said in the licence file",
			fsys: fstest.MapFS{"LICENSE": file("This project is dual licensed under the MPL-2.0 and the EUPL-1.2.\n\n" + mpl + "\n\n" + eupl)},
			want: "EUPL-1.2 OR MPL-2.0",
			files: []registry.LicenseFile{
				{SPDX: "MPL-2.0", Path: "LICENSE", Coverage: 99.7, OSIApproved: true, Scope: "project", Note: blurb15},
				{SPDX: "EUPL-1.2", Path: "LICENSE", Coverage: 99.7, OSIApproved: true, Scope: "project", Note: blurb15},
			},
		},
		{
			name: "bilingual MIT, English and French",
			fsys: fstest.MapFS{"LICENSE": file(mit + "\n---\n\n" + mitFR)},
			want: "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 45.4, OSIApproved: true, Scope: "project",
				Note: "bilingual text (en, fr): the fr part is read as a translation of the licence"}},
		},
		{
			name: "bilingual EUPL, English and Dutch",
			fsys: fstest.MapFS{"LICENSE.md": file("# Licence\n\nCopyright © City of Example 2024\nLicensed under the EUPL\n\n## EUPL text in English\n\n" +
				eupl + "\n\n## EUPL text in Dutch\n\n" + euplNL)},
			want: "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "LICENSE.md", Coverage: 76.8, OSIApproved: true, Scope: "project",
				Note: "bilingual text (en, nl): the nl part is read as a translation of the licence"}},
		},
		{
			name:  "EUPL translated into Dutch",
			fsys:  fstest.MapFS{"LICENSE": file(euplNL)},
			want:  "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "LICENSE", OSIApproved: true, Scope: "project", Note: "translated text (nl)"}},
		},
		{
			name: "CeCILL in French",
			fsys: fstest.MapFS{"Licence_CeCILL_V2.1-fr.txt": file(cecillFR), "LICENSE": file(cecillFR)},
			want: "CECILL-2.1",
			files: []registry.LicenseFile{
				{SPDX: "CECILL-2.1", Path: "LICENSE", OSIApproved: true, Scope: "project", Note: "translated text (fr)"},
				{SPDX: "CECILL-2.1", Path: "Licence_CeCILL_V2.1-fr.txt", OSIApproved: true, Scope: "project", Note: "translated text (fr)"},
			},
		},
		{
			name: "MIT with a changed clause",
			fsys: fstest.MapFS{"LICENSE": file(replaceWords(t, mit,
				"to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software",
				"to use, copy, modify, merge, publish and distribute copies of the Software for non-commercial purposes"))},
			want: "LicenseRef-govshare-modified-MIT",
			files: []registry.LicenseFile{{SPDX: "LicenseRef-govshare-modified-MIT", Path: "LICENSE", Scope: "project", Closest: "MIT",
				Note: "modified licence: differs from the SPDX text of MIT (similarity 0.91)"}},
		},
		{
			name: "EUPL with another governing law",
			fsys: fstest.MapFS{"LICENSE": file(replaceWords(t, eupl, "governed by Belgian law", "governed by Dutch law"))},
			want: "LicenseRef-govshare-modified-EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "LicenseRef-govshare-modified-EUPL-1.2", Path: "LICENSE", Scope: "project", Closest: "EUPL-1.2",
				Note: "modified licence: differs from the SPDX text of EUPL-1.2 (similarity 1.00)"}},
		},
		{
			name: "BSD-3-Clause with a changed clause",
			fsys: fstest.MapFS{"LICENSE": file(replaceWords(t, bsd, "are permitted provided that",
				"are permitted to public bodies only, provided that"))},
			want: "LicenseRef-govshare-modified-BSD-3-Clause",
			files: []registry.LicenseFile{{SPDX: "LicenseRef-govshare-modified-BSD-3-Clause", Path: "LICENSE", Scope: "project", Closest: "BSD-3-Clause",
				Note: "modified licence: differs from the SPDX text of BSD-3-Clause (similarity 0.96)"}},
		},
		{
			name: "MIT with a restriction added after it",
			fsys: fstest.MapFS{"LICENSE": file(mit + "\nAdditional restriction: the Software shall not be used for military purposes.\n")},
			want: "LicenseRef-govshare-modified-MIT",
			files: []registry.LicenseFile{{SPDX: "LicenseRef-govshare-modified-MIT", Path: "LICENSE", Coverage: 92.8, Scope: "project", Closest: "MIT",
				Note: `modified licence: text added to MIT: "Additional restriction: the Software shall not be used for military purposes."`}},
		},
		{
			name: "CC0 as the short dedication",
			fsys: fstest.MapFS{"LICENSE": file("CC0 1.0 Universal\n\nTo the extent possible under law, the City of Example has waived all " +
				"copyright and related or neighboring rights to Example Forms. This work is published from: Netherlands.\n")},
			want:  "CC0-1.0",
			files: []registry.LicenseFile{{SPDX: "CC0-1.0", Path: "LICENSE", Coverage: 75, Scope: "project"}},
		},
		{
			name: "CC0 as the notice for software",
			fsys: fstest.MapFS{"COPYING": file("To the extent possible under law, the author(s) have dedicated all copyright and related " +
				"and neighboring rights to this software to the public domain worldwide. This software is distributed without any " +
				"warranty.\n\nYou should have received a copy of the CC0 Public Domain Dedication along with this software. If not, " +
				"see <https://creativecommons.org/publicdomain/zero/1.0/>.\n")},
			want:  "CC0-1.0",
			files: []registry.LicenseFile{{SPDX: "CC0-1.0", Path: "COPYING", Coverage: 100, Scope: "project"}},
		},
		{
			name: "CC0 as a United States federal project says it",
			fsys: fstest.MapFS{"LICENSE.md": file("# License\n\nAs a work of the United States government, this project is in the public " +
				"domain within the United States.\n\nAdditionally, we waive copyright and related rights in the work worldwide " +
				"through the CC0 1.0 Universal public domain dedication.\n")},
			want:  "CC0-1.0",
			files: []registry.LicenseFile{{SPDX: "CC0-1.0", Path: "LICENSE.md", Coverage: 97.5, Scope: "project"}},
		},
		{
			name: "a LICENSE naming its licence without the text",
			fsys: fstest.MapFS{"LICENSE": file("Copyright 2024 City of Example.\n\nLicensed under the EUPL-1.2.\n")},
			want: "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "LICENSE", OSIApproved: true, Scope: "project",
				Note: `names the licence without its text: "Licensed under the EUPL-1.2"`}},
		},
		{
			name: "REUSE LICENSES folder",
			fsys: fstest.MapFS{
				"LICENSES/EUPL-1.2.txt": file(eupl),
				"LICENSES/CC0-1.0.txt":  file(licenseText(t, "CC0-1.0")),
				"main.go":               file("// SPDX-License-Identifier: EUPL-1.2\n" + code),
			},
			want: "CC0-1.0 AND EUPL-1.2",
			files: []registry.LicenseFile{
				{SPDX: "CC0-1.0", Path: "LICENSES/CC0-1.0.txt", Coverage: 100, Scope: "project"},
				{SPDX: "EUPL-1.2", Path: "LICENSES/EUPL-1.2.txt", Coverage: 100, OSIApproved: true, Scope: "project"},
				{SPDX: "EUPL-1.2", Path: "main.go", OSIApproved: true, Scope: "file", Note: "SPDX-License-Identifier in this source file only"},
			},
		},
		{
			name: "REUSE dep5 with a malformed stanza",
			fsys: fstest.MapFS{".reuse/dep5": file(dep5), "main.go": file("// SPDX-License-Identifier: MIT\n" + code)},
			want: "CC-BY-4.0 AND MIT",
			files: []registry.LicenseFile{
				{SPDX: "CC-BY-4.0", Path: ".reuse/dep5", Scope: "file", Note: "REUSE annotation for docs/*"},
				{SPDX: "MIT", Path: "main.go", OSIApproved: true, Scope: "file", Note: "SPDX-License-Identifier in this source file only"},
			},
			warnings: []string{
				".reuse/dep5 line 11: malformed stanza (a line that is neither a field nor an indented continuation); stanza skipped",
				`.reuse/dep5 line 14: stanza for "*.go" has no License field; skipped`,
			},
		},
		{
			name: "REUSE.toml annotations",
			fsys: fstest.MapFS{"REUSE.toml": file("version = 1\n\n[[annotations]]\npath = [\"docs/**\", \"README.md\"]\n" +
				"SPDX-FileCopyrightText = \"2024 City of Example\"\nSPDX-License-Identifier = \"CC-BY-4.0\"\n\n" +
				"[[annotations]]\npath = \"**\"\nSPDX-License-Identifier = \"EUPL-1.2\"\n")},
			want: "CC-BY-4.0 AND EUPL-1.2",
			files: []registry.LicenseFile{
				{SPDX: "CC-BY-4.0", Path: "REUSE.toml", Scope: "file", Note: "REUSE annotation for docs/**, README.md"},
				{SPDX: "EUPL-1.2", Path: "REUSE.toml", OSIApproved: true, Scope: "file", Note: "REUSE annotation for **"},
			},
		},
		{
			name:     "REUSE.toml that does not parse",
			fsys:     fstest.MapFS{"REUSE.toml": file("version = 1\n[[annotations]\npath = \"**\"\n")},
			want:     "",
			warnings: []string{"REUSE.toml line 2, column 15: toml: expected character ]; annotations not read"},
		},
		{
			name: "SPDX headers only",
			fsys: fstest.MapFS{
				"cmd/tool/main.go": file("// SPDX-FileCopyrightText: 2024 City of Example\n// SPDX-License-Identifier: EUPL-1.2\n\n" + code),
				"lib/util.py":      file("# SPDX-License-Identifier: MIT OR Apache-2.0\nimport os\n"),
				"web/index.html":   file("<!-- SPDX-License-Identifier: EUPL-1.2 -->\n<html></html>\n"),
				"web/app.css":      file("/* SPDX-License-Identifier: $LICENSE */\nbody {}\n"),
			},
			want: "EUPL-1.2 AND (MIT OR Apache-2.0)",
			files: []registry.LicenseFile{
				{SPDX: "EUPL-1.2", Path: "cmd/tool/main.go", OSIApproved: true, Scope: "file", Note: "SPDX-License-Identifier in 2 source files, this one first"},
				{SPDX: "MIT OR Apache-2.0", Path: "lib/util.py", OSIApproved: true, Scope: "file"},
			},
		},
		{
			name: "no licence",
			fsys: fstest.MapFS{"main.go": file(code), "README.md": file("# Tool\n")},
			want: "",
		},
		{
			name:  "a LICENSE that is no licence",
			fsys:  fstest.MapFS{"LICENSE": file("Copyright 2024 City of Example. All rights reserved.\n")},
			want:  Unknown,
			files: []registry.LicenseFile{{SPDX: Unknown, Path: "LICENSE", Scope: "project"}},
		},
		{
			name: "a known licence beside an unknown one",
			fsys: fstest.MapFS{"LICENSE": file(mit), "LICENSE.docs": file("Documentation: ask the city first.\n")},
			want: "MIT AND " + Unknown,
			files: []registry.LicenseFile{
				{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "project"},
				{SPDX: Unknown, Path: "LICENSE.docs", Scope: "project"},
			},
		},
		{
			name: "a COPYRIGHT file with only a copyright line",
			fsys: fstest.MapFS{"LICENSE": file(mit), "COPYRIGHT": file("Copyright 2024 City of Example\n")},
			want: "MIT",
			files: []registry.LicenseFile{
				{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true, Scope: "project"},
			},
		},
		{
			name:     "an unreadable licence file fails closed",
			fsys:     fstest.MapFS{"LICENSE": file(apache), "main.go": file(code)},
			maxRead:  4096,
			want:     Unknown,
			files:    []registry.LicenseFile{{SPDX: Unknown, Path: "LICENSE", Scope: "project"}},
			warnings: []string{"skipped LICENSE: file too large to read (10 KiB)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(context.Background(), walk(t, tt.fsys, tt.maxRead), Options{Prose: tt.prose, Declared: tt.declared})
			if got.License != tt.want {
				t.Errorf("License = %q, want %q", got.License, tt.want)
			}
			if diff := cmp.Diff(tt.files, got.Files); diff != "" {
				t.Errorf("Files mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.thirdParty, got.ThirdParty); diff != "" {
				t.Errorf("ThirdParty mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, got.Warnings); diff != "" {
				t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
			}
			if got.License != "" {
				if _, ok := Normalize(got.License); !ok {
					t.Errorf("License %q is not a valid SPDX expression", got.License)
				}
			}
		})
	}
}

func TestDetectCapsComponentLicences(t *testing.T) {
	mit := licenseText(t, "MIT")
	fsys := fstest.MapFS{}
	for i := range maxComponentFiles + 5 {
		fsys[fmt.Sprintf("packages/p%03d/LICENSE", i)] = file(mit)
	}
	got := Detect(context.Background(), walk(t, fsys, 0), Options{})
	if got.License != "MIT" {
		t.Errorf("License = %q, want MIT", got.License)
	}
	if len(got.Files) != maxComponentFiles {
		t.Errorf("listed %d licence files, want %d", len(got.Files), maxComponentFiles)
	}
	want := []string{"licence files in sub-folders: matched the first 100 only"}
	if diff := cmp.Diff(want, got.Warnings); diff != "" {
		t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestDetectStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fsys := fstest.MapFS{"LICENSE": file(licenseText(t, "MIT"))}
	got := Detect(ctx, walk(t, fsys, 0), Options{})
	if got.License != "" || len(got.Files) != 0 {
		t.Errorf("Detect after cancel = %+v, want nothing", got)
	}
}

// BenchmarkDetect measures one repository with a few licences and many
// source files; the scanner is built before the measurement.
func BenchmarkDetect(b *testing.B) {
	fsys := fstest.MapFS{
		"LICENSE":      file(licenseText(b, "EUPL-1.2")),
		"docs/LICENSE": file(licenseText(b, "CC-BY-4.0")),
		"COPYING":      file(licenseText(b, "GPL-3.0")),
	}
	for i := range 2000 {
		fsys[fmt.Sprintf("src/p%d/f%d.go", i/50, i)] = file("// SPDX-License-Identifier: EUPL-1.2\npackage p\n")
	}
	tree := walk(b, fsys, 0)
	ctx := context.Background()
	Detect(ctx, tree, Options{})
	b.ReportAllocs()
	for b.Loop() {
		Detect(ctx, tree, Options{})
	}
}
