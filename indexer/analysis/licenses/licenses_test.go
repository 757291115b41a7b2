package licenses

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// licenseText returns a real licence text from testdata/ (copied from the
// SPDX licence list), with its template fields filled in as a project would.
func licenseText(t testing.TB, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", id+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer("<year>", "2024", "<copyright holders>", "City of Example", "<owner>", "City of Example")
	return r.Replace(string(b))
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

func TestDetect(t *testing.T) {
	mit := licenseText(t, "MIT")
	apache := licenseText(t, "Apache-2.0")
	gpl := licenseText(t, "GPL-3.0")
	eupl := licenseText(t, "EUPL-1.2")
	mpl := licenseText(t, "MPL-2.0")
	bsd := licenseText(t, "BSD-3-Clause")
	code := "package main\n\nfunc main() {}\n"

	tests := []struct {
		name     string
		fsys     fstest.MapFS
		prose    string
		maxRead  int64
		want     string
		files    []registry.LicenseFile
		warnings []string
	}{
		{
			name:  "root LICENSE",
			fsys:  fstest.MapFS{"LICENSE": file(mit), "main.go": file(code)},
			want:  "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true}},
		},
		{
			name:  "LICENSE.md",
			fsys:  fstest.MapFS{"LICENSE.md": file(apache)},
			want:  "Apache-2.0",
			files: []registry.LicenseFile{{SPDX: "Apache-2.0", Path: "LICENSE.md", Coverage: 100, OSIApproved: true}},
		},
		{
			name:  "COPYING holding the GPL",
			fsys:  fstest.MapFS{"COPYING": file(gpl)},
			want:  "GPL-3.0-only",
			files: []registry.LicenseFile{{SPDX: "GPL-3.0-only", Path: "COPYING", Coverage: 94.6, OSIApproved: true}},
		},
		{
			name: "GPL with an or-later notice on top",
			fsys: fstest.MapFS{"LICENSE": file("Copyright (C) 2024 City of Example\n\n" +
				"This program is free software: you can redistribute it and/or modify it under the terms of the " +
				"GNU General Public License as published by the Free Software Foundation, either version 3 of the " +
				"License, or (at your option) any later version.\n\n" + gpl)},
			want:  "GPL-3.0-or-later",
			files: []registry.LicenseFile{{SPDX: "GPL-3.0-or-later", Path: "LICENSE", Coverage: 94.7, OSIApproved: true}},
		},
		{
			name:  "lower-case licence.txt holding BSD-3-Clause",
			fsys:  fstest.MapFS{"licence.txt": file(bsd)},
			want:  "BSD-3-Clause",
			files: []registry.LicenseFile{{SPDX: "BSD-3-Clause", Path: "licence.txt", Coverage: 100, OSIApproved: true}},
		},
		{
			name: "vendored and third-party licences only",
			fsys: fstest.MapFS{
				"vendor/github.com/x/y/LICENSE": file(mit),
				"node_modules/left-pad/LICENSE": file(mit),
				"third_party/zlib/LICENSE":      file(bsd),
				"testdata/LICENSE":              file(gpl),
				"LICENSE-3RD-PARTY.txt":         file(apache),
				"THIRD-PARTY-NOTICES":           file(apache),
				"NOTICE":                        file(apache),
				"main.go":                       file(code),
			},
			want: "",
		},
		{
			name:  "component licence only",
			fsys:  fstest.MapFS{"api/LICENSE": file(eupl), "api/main.go": file(code)},
			want:  "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "api/LICENSE", Coverage: 100, OSIApproved: true}},
		},
		{
			name: "root licence wins over component licence",
			fsys: fstest.MapFS{"LICENSE": file(eupl), "web/LICENSE": file(mit)},
			want: "EUPL-1.2",
			files: []registry.LicenseFile{
				{SPDX: "EUPL-1.2", Path: "LICENSE", Coverage: 100, OSIApproved: true},
				{SPDX: "MIT", Path: "web/LICENSE", Coverage: 98.8, OSIApproved: true},
			},
		},
		{
			name: "MIT with a project blurb on top",
			fsys: fstest.MapFS{"LICENSE": file("Example Forms, a form builder for municipalities.\n" +
				"Developed by the City of Example digital team.\n\n" + mit)},
			want:  "MIT",
			files: []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 90.8, OSIApproved: true}},
		},
		{
			name: "two root licences",
			fsys: fstest.MapFS{"LICENSE-MIT": file(mit), "LICENSE-APACHE": file(apache)},
			want: "Apache-2.0 AND MIT",
			files: []registry.LicenseFile{
				{SPDX: "Apache-2.0", Path: "LICENSE-APACHE", Coverage: 100, OSIApproved: true},
				{SPDX: "MIT", Path: "LICENSE-MIT", Coverage: 98.8, OSIApproved: true},
			},
		},
		{
			name:  "two root licences offered as alternatives in the README",
			fsys:  fstest.MapFS{"LICENSE-MIT": file(mit), "LICENSE-APACHE": file(apache)},
			prose: "## License\n\nLicensed under either of Apache License, Version 2.0 or MIT license at your option.\n",
			want:  "Apache-2.0 OR MIT",
			files: []registry.LicenseFile{
				{SPDX: "Apache-2.0", Path: "LICENSE-APACHE", Coverage: 100, OSIApproved: true},
				{SPDX: "MIT", Path: "LICENSE-MIT", Coverage: 98.8, OSIApproved: true},
			},
		},
		{
			name: "dual licensing said in the licence file",
			fsys: fstest.MapFS{"LICENSE": file("This project is dual licensed under the MPL-2.0 and the EUPL-1.2.\n\n" + mpl + "\n\n" + eupl)},
			want: "EUPL-1.2 OR MPL-2.0",
			files: []registry.LicenseFile{
				{SPDX: "MPL-2.0", Path: "LICENSE", Coverage: 99.7, OSIApproved: true},
				{SPDX: "EUPL-1.2", Path: "LICENSE", Coverage: 99.7, OSIApproved: true},
			},
		},
		{
			name: "REUSE LICENSES folder",
			fsys: fstest.MapFS{
				"LICENSES/EUPL-1.2.txt": file(eupl),
				"LICENSES/MPL-2.0.txt":  file(mpl),
				"main.go":               file("// SPDX-License-Identifier: EUPL-1.2\n" + code),
			},
			want: "EUPL-1.2 AND MPL-2.0",
			files: []registry.LicenseFile{
				{SPDX: "EUPL-1.2", Path: "LICENSES/EUPL-1.2.txt", Coverage: 100, OSIApproved: true},
				{SPDX: "MPL-2.0", Path: "LICENSES/MPL-2.0.txt", Coverage: 100, OSIApproved: true},
				{SPDX: "EUPL-1.2", Path: "main.go", OSIApproved: true},
			},
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
				{SPDX: "EUPL-1.2", Path: "cmd/tool/main.go", OSIApproved: true},
				{SPDX: "MIT OR Apache-2.0", Path: "lib/util.py", OSIApproved: true},
			},
		},
		{
			name: "REUSE.toml annotations",
			fsys: fstest.MapFS{"REUSE.toml": file("version = 1\n\n[[annotations]]\npath = \"**\"\n" +
				"SPDX-FileCopyrightText = \"2024 City of Example\"\nSPDX-License-Identifier = \"EUPL-1.2\"\n")},
			want:  "EUPL-1.2",
			files: []registry.LicenseFile{{SPDX: "EUPL-1.2", Path: "REUSE.toml", OSIApproved: true}},
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
			files: []registry.LicenseFile{{SPDX: Unknown, Path: "LICENSE"}},
		},
		{
			name: "a known licence beside an unknown one",
			fsys: fstest.MapFS{"LICENSE": file(mit), "LICENSE.docs": file("Documentation: ask the city first.\n")},
			want: "MIT AND " + Unknown,
			files: []registry.LicenseFile{
				{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true},
				{SPDX: Unknown, Path: "LICENSE.docs"},
			},
		},
		{
			name: "a COPYRIGHT file with only a copyright line",
			fsys: fstest.MapFS{"LICENSE": file(mit), "COPYRIGHT": file("Copyright 2024 City of Example\n")},
			want: "MIT",
			files: []registry.LicenseFile{
				{SPDX: "MIT", Path: "LICENSE", Coverage: 98.8, OSIApproved: true},
			},
		},
		{
			name:     "an unreadable licence file fails closed",
			fsys:     fstest.MapFS{"LICENSE": file(apache), "main.go": file(code)},
			maxRead:  4096,
			want:     Unknown,
			files:    []registry.LicenseFile{{SPDX: Unknown, Path: "LICENSE"}},
			warnings: []string{"skipped LICENSE: file too large to read (10 KiB)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(context.Background(), walk(t, tt.fsys, tt.maxRead), Options{Prose: tt.prose})
			if got.License != tt.want {
				t.Errorf("License = %q, want %q", got.License, tt.want)
			}
			if diff := cmp.Diff(tt.files, got.Files); diff != "" {
				t.Errorf("Files mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, got.Warnings); diff != "" {
				t.Errorf("Warnings mismatch (-want +got):\n%s", diff)
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
