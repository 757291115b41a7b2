package manifests

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// repository turns a txtar fixture from testdata/ into a filesystem.
func repository(t *testing.T, name string) fs.FS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// valid is a parsed manifest as Read returns it.
func valid(m Manifest) Manifest {
	m.Valid = true
	m.Errors = []registry.Diagnostic{}
	if m.Format == "" {
		m.Format = m.Path
	}
	return m
}

func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		fsys     fs.FS
		fixture  string
		want     []Manifest
		warnings []string
	}{
		{
			name: "package.json",
			fsys: fstest.MapFS{"package.json": file(`{"name": "example-forms", "description": "A form builder", "license": "EUPL-1.2"}`)},
			want: []Manifest{valid(Manifest{Path: "package.json", Name: "example-forms", Description: "A form builder",
				License: "EUPL-1.2", LicenseField: "license", LicenseSPDX: "EUPL-1.2"})},
		},
		{
			name: "package.json with a byte order mark",
			fsys: fstest.MapFS{"package.json": file("\ufeff{\"name\": \"bom\", \"license\": \"mit\"}")},
			want: []Manifest{valid(Manifest{Path: "package.json", Name: "bom", License: "mit", LicenseField: "license", LicenseSPDX: "MIT"})},
		},
		{
			name: "package.json with a legacy licence object",
			fsys: fstest.MapFS{"package.json": file(`{"name": "old", "license": {"type": "MIT", "url": "x"}}`)},
			want: []Manifest{valid(Manifest{Path: "package.json", Name: "old", License: "MIT", LicenseField: "license", LicenseSPDX: "MIT"})},
		},
		{
			name: "package.json with a legacy licences list",
			fsys: fstest.MapFS{"package.json": file(`{"name": "old", "licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}`)},
			want: []Manifest{valid(Manifest{Path: "package.json", Name: "old", License: "MIT OR Apache-2.0", LicenseField: "licenses", LicenseSPDX: "MIT OR Apache-2.0"})},
		},
		{
			name: "package.json that is not SPDX",
			fsys: fstest.MapFS{"package.json": file(`{"name": "closed", "license": "SEE LICENSE IN LICENSE.txt"}`)},
			want: []Manifest{valid(Manifest{Path: "package.json", Name: "closed", License: "SEE LICENSE IN LICENSE.txt", LicenseField: "license"})},
		},
		{
			name: "Cargo.toml",
			fsys: fstest.MapFS{"Cargo.toml": file("[package]\nname = \"forms\"\ndescription = \"A form builder\"\nlicense = \"MIT OR Apache-2.0\"\n")},
			want: []Manifest{valid(Manifest{Path: "Cargo.toml", Name: "forms", Description: "A form builder",
				License: "MIT OR Apache-2.0", LicenseField: "package.license", LicenseSPDX: "MIT OR Apache-2.0"})},
		},
		{
			name: "Cargo.toml inheriting from its workspace",
			fsys: fstest.MapFS{"Cargo.toml": file("[package]\nname = \"forms\"\nlicense.workspace = true\n")},
			want: []Manifest{valid(Manifest{Path: "Cargo.toml", Name: "forms"})},
		},
		{
			name: "pyproject.toml with an SPDX licence",
			fsys: fstest.MapFS{"pyproject.toml": file("[project]\nname = \"forms\"\ndescription = \"A form builder\"\nlicense = \"EUPL-1.2\"\n")},
			want: []Manifest{valid(Manifest{Path: "pyproject.toml", Name: "forms", Description: "A form builder",
				License: "EUPL-1.2", LicenseField: "project.license", LicenseSPDX: "EUPL-1.2"})},
		},
		{
			name: "pyproject.toml with a licence table",
			fsys: fstest.MapFS{"pyproject.toml": file("[project]\nname = \"forms\"\nlicense = {text = \"MIT\"}\n")},
			want: []Manifest{valid(Manifest{Path: "pyproject.toml", Name: "forms", License: "MIT", LicenseField: "project.license.text", LicenseSPDX: "MIT"})},
		},
		{
			name: "pyproject.toml for Poetry",
			fsys: fstest.MapFS{"pyproject.toml": file("[tool.poetry]\nname = \"forms\"\ndescription = \"A form builder\"\nlicense = \"GPL-3.0-or-later\"\n")},
			want: []Manifest{valid(Manifest{Path: "pyproject.toml", Name: "forms", Description: "A form builder",
				License: "GPL-3.0-or-later", LicenseField: "tool.poetry.license", LicenseSPDX: "GPL-3.0-or-later"})},
		},
		{
			name:    "pom.xml with a licence URL only",
			fixture: "pom-url-only",
			want: []Manifest{valid(Manifest{Path: "pom.xml", Name: "zaken-api", Description: "API for municipal cases",
				License: "https://www.apache.org/licenses/LICENSE-2.0.txt", LicenseField: "project.licenses.license.url", LicenseSPDX: "Apache-2.0"})},
		},
		{
			name:    "pom.xml with two licences by name, and a module",
			fixture: "pom-names",
			want: []Manifest{
				valid(Manifest{Path: "pom.xml", Name: "Registre des entreprises", Description: "Registre national des entreprises",
					License:      "The Apache Software License, Version 2.0 OR European Union Public Licence v1.2",
					LicenseField: "project.licenses", LicenseSPDX: "Apache-2.0 OR EUPL-1.2"}),
				valid(Manifest{Path: "core/pom.xml", Format: "pom.xml", Component: true, Name: "registre-core",
					License: "Licence CeCILL maison", LicenseField: "project.licenses.license.name"}),
			},
		},
		{
			name: "pom.xml in ISO-8859-1",
			fsys: fstest.MapFS{"pom.xml": &fstest.MapFile{Data: []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
				"<project><name>R\xe9pertoire</name><licenses><license><name>Licence Ouverte / Open Licence version 2.0</name></license></licenses></project>")}},
			want: []Manifest{valid(Manifest{Path: "pom.xml", Name: "Répertoire",
				License: "Licence Ouverte / Open Licence version 2.0", LicenseField: "project.licenses.license.name", LicenseSPDX: "etalab-2.0"})},
		},
		{
			name:    "malformed pom.xml",
			fixture: "pom-malformed",
			want: []Manifest{{Path: "pom.xml", Format: "pom.xml", Errors: []registry.Diagnostic{{Line: 3, Column: 49,
				Message: "XML syntax error on line 3: element <license> closed by </licenses>"}}}},
		},
		{
			name:    ".NET properties, project and package specification",
			fixture: "dotnet",
			want: []Manifest{
				valid(Manifest{Path: "Directory.Build.props", License: "EUPL-1.2", LicenseField: "PackageLicenseExpression", LicenseSPDX: "EUPL-1.2"}),
				valid(Manifest{Path: "src/Zaken/Zaken.csproj", Format: "csproj", Component: true, Name: "Voorbeeld.Zaken", Description: "Zaken client",
					License: "MIT OR Apache-2.0", LicenseField: "PackageLicenseExpression", LicenseSPDX: "MIT OR Apache-2.0"}),
				valid(Manifest{Path: "src/Zaken/Zaken.nuspec", Format: "nuspec", Component: true, Name: "Voorbeeld.Zaken", Description: "Zaken client",
					License: "https://licenses.nuget.org/MIT", LicenseField: "package.metadata.licenseUrl", LicenseSPDX: "MIT"}),
			},
		},
		{
			name:    "gemspecs",
			fixture: "ruby",
			want: []Manifest{
				valid(Manifest{Path: "openbesluit.gemspec", Format: "gemspec", Name: "openbesluit", Description: "Publish council decisions",
					License: "EUPL-1.2 OR MIT", LicenseField: "spec.licenses", LicenseSPDX: "EUPL-1.2 OR MIT"}),
				valid(Manifest{Path: "engines/admin/admin.gemspec", Format: "gemspec", Component: true, Name: "openbesluit-admin",
					License: "MIT", LicenseField: "s.license", LicenseSPDX: "MIT"}),
			},
		},
		{
			name:    "setup.cfg, setup.py and classifiers",
			fixture: "python",
			want: []Manifest{
				valid(Manifest{Path: "setup.cfg", Name: "tax-calculator", Description: "Calculates local taxes",
					License: "GPL-3.0-or-later", LicenseField: "metadata.license", LicenseSPDX: "GPL-3.0-or-later"}),
				valid(Manifest{Path: "setup.py", Name: "tax-calculator", Description: "Calculates local taxes",
					License: "GNU General Public License v3 or later", LicenseField: "license", LicenseSPDX: "GPL-3.0-or-later"}),
				valid(Manifest{Path: "plugins/export/pyproject.toml", Format: "pyproject.toml", Component: true, Name: "tax-calculator-export",
					License: "European Union Public Licence 1.2 (EUPL 1.2)", LicenseField: "project.classifiers", LicenseSPDX: "EUPL-1.2"}),
			},
		},
		{
			name:    "R package",
			fixture: "r-package",
			want: []Manifest{valid(Manifest{Path: "DESCRIPTION", Name: "censusr", Description: "Read Census Tables",
				License: "GPL (>= 2)", LicenseField: "License", LicenseSPDX: "GPL-2.0-or-later"})},
		},
		{
			name:    "Gradle publishing a POM",
			fixture: "gradle",
			want: []Manifest{valid(Manifest{Path: "build.gradle.kts", Description: "Open data harvester",
				License: "The Apache License, Version 2.0", LicenseField: "licenses.license.name", LicenseSPDX: "Apache-2.0"})},
		},
		{
			name:    "monorepo: root first, then components; dependencies, fixtures and examples left out",
			fixture: "monorepo",
			want: []Manifest{
				valid(Manifest{Path: "package.json", Name: "forms-monorepo", Description: "Forms for municipalities",
					License: "EUPL-1.2", LicenseField: "license", LicenseSPDX: "EUPL-1.2"}),
				valid(Manifest{Path: "composer.json", Name: "city/forms-php", Description: "PHP bindings",
					License: "GPL-2.0-or-later OR MIT", LicenseField: "license", LicenseSPDX: "GPL-2.0-or-later OR MIT"}),
				valid(Manifest{Path: "packages/widgets/package.json", Format: "package.json", Component: true, Name: "@forms/widgets",
					License: "MIT", LicenseField: "license", LicenseSPDX: "MIT"}),
			},
		},
		{
			name: "malformed manifests keep their place, with line and column",
			fsys: fstest.MapFS{
				"pyproject.toml": file("[project]\nname = \"py\"\n"),
				"package.json":   file("{\n  \"name\": \"x\",\n  \"license\" \"MIT\"\n}\n"),
				"Cargo.toml":     file("[package]\nname = \"rs\"\nlicense = MIT\n"),
				"setup.cfg":      file("[metadata]\nname = x\nthis line is wrong\n"),
			},
			want: []Manifest{
				{Path: "package.json", Format: "package.json", Errors: []registry.Diagnostic{{Line: 3, Column: 13,
					Message: "invalid character '\"' after object key"}}},
				{Path: "Cargo.toml", Format: "Cargo.toml", Errors: []registry.Diagnostic{{Line: 3, Column: 11,
					Message: "toml: incomplete number"}}},
				valid(Manifest{Path: "pyproject.toml", Name: "py"}),
				{Path: "setup.cfg", Format: "setup.cfg", Errors: []registry.Diagnostic{{Line: 3, Column: 1,
					Message: `line "this line is wrong" is neither a section, a key nor a comment`}}},
			},
		},
		{
			name: "a licence of the wrong type",
			fsys: fstest.MapFS{"package.json": file(`{"name": 5}`)},
			want: []Manifest{{Path: "package.json", Format: "package.json", Errors: []registry.Diagnostic{{Line: 1, Column: 10, Key: "name",
				Message: "json: cannot unmarshal number into Go struct field .name of type string"}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := tt.fsys
			if tt.fixture != "" {
				fsys = repository(t, tt.fixture)
			}
			tree, _, err := filetree.Walk(context.Background(), fsys, 0)
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

func TestReadCapsComponents(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range MaxComponents + 2 {
		fsys[fmt.Sprintf("packages/p%03d/package.json", i)] = file(`{"name": "p"}`)
	}
	tree, _, err := filetree.Walk(context.Background(), fsys, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, warnings := Read(context.Background(), tree)
	if len(got) != MaxComponents {
		t.Errorf("Read returned %d manifests, want %d", len(got), MaxComponents)
	}
	want := []string{fmt.Sprintf("read the first %d of %d component manifests", MaxComponents, MaxComponents+2)}
	if diff := cmp.Diff(want, warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestReadUnreadable(t *testing.T) {
	tree, _, err := filetree.Walk(context.Background(), fstest.MapFS{"package.json": file(`{"name": "big", "description": "` + string(make([]byte, 64)) + `"}`)}, 16)
	if err != nil {
		t.Fatal(err)
	}
	got, warnings := Read(context.Background(), tree)
	if len(got) != 0 {
		t.Errorf("Read returned %v, want nothing", got)
	}
	want := []string{"skipped package.json: file too large to read (98 B)"}
	if diff := cmp.Diff(want, warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}

func TestMetadataFile(t *testing.T) {
	m := Manifest{Path: "web/package.json", Format: "package.json", Component: true}
	want := registry.MetadataFile{Path: "web/package.json", Format: "package.json", Errors: []registry.Diagnostic{}}
	if diff := cmp.Diff(want, m.MetadataFile()); diff != "" {
		t.Errorf("MetadataFile mismatch (-want +got):\n%s", diff)
	}
}
