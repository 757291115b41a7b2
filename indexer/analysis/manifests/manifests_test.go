package manifests

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		want     []Manifest
		warnings []string
	}{
		{
			name: "package.json",
			fsys: fstest.MapFS{"package.json": file(`{"name": "example-forms", "description": "A form builder", "license": "EUPL-1.2"}`)},
			want: []Manifest{{Path: "package.json", Name: "example-forms", Description: "A form builder", License: "EUPL-1.2"}},
		},
		{
			name: "package.json with a legacy licence object",
			fsys: fstest.MapFS{"package.json": file(`{"name": "old", "license": {"type": "MIT", "url": "x"}}`)},
			want: []Manifest{{Path: "package.json", Name: "old", License: "MIT"}},
		},
		{
			name: "package.json with a legacy licences list",
			fsys: fstest.MapFS{"package.json": file(`{"name": "old", "licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}`)},
			want: []Manifest{{Path: "package.json", Name: "old", License: "MIT OR Apache-2.0"}},
		},
		{
			name: "Cargo.toml",
			fsys: fstest.MapFS{"Cargo.toml": file("[package]\nname = \"forms\"\ndescription = \"A form builder\"\nlicense = \"MIT OR Apache-2.0\"\n")},
			want: []Manifest{{Path: "Cargo.toml", Name: "forms", Description: "A form builder", License: "MIT OR Apache-2.0"}},
		},
		{
			name: "Cargo.toml inheriting from its workspace",
			fsys: fstest.MapFS{"Cargo.toml": file("[package]\nname = \"forms\"\nlicense.workspace = true\n")},
			want: []Manifest{{Path: "Cargo.toml", Name: "forms"}},
		},
		{
			name: "pyproject.toml with an SPDX licence",
			fsys: fstest.MapFS{"pyproject.toml": file("[project]\nname = \"forms\"\ndescription = \"A form builder\"\nlicense = \"EUPL-1.2\"\n")},
			want: []Manifest{{Path: "pyproject.toml", Name: "forms", Description: "A form builder", License: "EUPL-1.2"}},
		},
		{
			name: "pyproject.toml with a licence table",
			fsys: fstest.MapFS{"pyproject.toml": file("[project]\nname = \"forms\"\nlicense = {text = \"MIT\"}\n")},
			want: []Manifest{{Path: "pyproject.toml", Name: "forms", License: "MIT"}},
		},
		{
			name: "pyproject.toml for Poetry",
			fsys: fstest.MapFS{"pyproject.toml": file("[tool.poetry]\nname = \"forms\"\ndescription = \"A form builder\"\nlicense = \"GPL-3.0-or-later\"\n")},
			want: []Manifest{{Path: "pyproject.toml", Name: "forms", Description: "A form builder", License: "GPL-3.0-or-later"}},
		},
		{
			name: "several, in a fixed order; one broken",
			fsys: fstest.MapFS{
				"pyproject.toml": file("[project]\nname = \"py\"\n"),
				"package.json":   file(`{"name": `),
				"Cargo.toml":     file("[package]\nname = \"rs\"\n"),
			},
			want:     []Manifest{{Path: "Cargo.toml", Name: "rs"}, {Path: "pyproject.toml", Name: "py"}},
			warnings: []string{"skipped package.json: parse package.json: unexpected end of JSON input"},
		},
		{
			name: "only at the root",
			fsys: fstest.MapFS{"web/package.json": file(`{"name": "web"}`)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, _, err := filetree.Walk(context.Background(), tt.fsys, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, warnings := Read(context.Background(), tree)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, warnings); diff != "" {
				t.Errorf("warnings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
