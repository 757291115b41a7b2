package declared

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/indexer/analysis/publiccode"
	"github.com/govshare/govshare/registry"
)

// repository turns a txtar fixture from testdata/ into a filesystem.
func repository(t testing.TB, name string) fs.FS {
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

// read runs publiccode.Parse and Read on a fixture, as the analysis does.
func read(t *testing.T, fsys fs.FS) (Result, []string) {
	t.Helper()
	ctx := context.Background()
	tree, _, err := filetree.Walk(ctx, fsys, 0)
	if err != nil {
		t.Fatal(err)
	}
	pc, warnings := publiccode.Parse(ctx, tree)
	if len(warnings) > 0 {
		t.Fatalf("publiccode.Parse warnings: %v", warnings)
	}
	return Read(ctx, tree, pc)
}

func valid(path, format string) registry.MetadataFile {
	return registry.MetadataFile{Path: path, Format: format, Valid: true, Errors: []registry.Diagnostic{}}
}

func invalid(path, format string, errs ...registry.Diagnostic) registry.MetadataFile {
	return registry.MetadataFile{Path: path, Format: format, Errors: errs}
}

func TestRead(t *testing.T) {
	tests := []struct {
		fixture string
		want    Result
	}{
		{
			fixture: "agree",
			want: Result{
				Licenses: []registry.DeclaredLicense{
					{Path: "publiccode.yml", Field: "legal.license", Value: "EUPL-1.2", SPDX: "EUPL-1.2"},
					{Path: "code.json", Field: "permissions.licenses[0].name", Value: "European Union Public License 1.2", SPDX: "EUPL-1.2"},
					{Path: "catalog-info.yaml", Field: `metadata.annotations["example.org/license"]`, Value: "EUPL-1.2", SPDX: "EUPL-1.2"},
					{Path: "package.json", Field: "license", Value: "EUPL-1.2", SPDX: "EUPL-1.2"},
					{Path: "pom.xml", Field: "project.licenses.license.url", Value: "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12", SPDX: "EUPL-1.2"},
				},
				Metadata: []registry.MetadataFile{
					valid("publiccode.yml", "publiccode.yml"),
					valid("code.json", "code.json"),
					valid("catalog-info.yaml", "catalog-info.yaml"),
					valid("package.json", "package.json"),
					valid("pom.xml", "pom.xml"),
				},
				Primary:     "EUPL-1.2",
				Name:        "Example Forms",
				Description: "A form builder for municipalities",
			},
		},
		{
			fixture: "disagree",
			want: Result{
				Licenses: []registry.DeclaredLicense{
					{Path: "publiccode.yml", Field: "legal.license", Value: "BSD-3-Clause-Clear", SPDX: "BSD-3-Clause-Clear"},
					{Path: "package.json", Field: "license", Value: "BSD-3-Clause", SPDX: "BSD-3-Clause"},
					{Path: "pom.xml", Field: "project.licenses.license.name", Value: "MIT License", SPDX: "MIT"},
					{Path: "server/Cargo.toml", Field: "package.license", Value: "Apache-2.0", SPDX: "Apache-2.0"},
				},
				Metadata: []registry.MetadataFile{
					valid("publiccode.yml", "publiccode.yml"),
					valid("package.json", "package.json"),
					valid("pom.xml", "pom.xml"),
					valid("server/Cargo.toml", "Cargo.toml"),
				},
				Primary: "BSD-3-Clause-Clear",
				Name:    "example-forms",
			},
		},
		{
			fixture: "manifests-only",
			want: Result{
				Licenses: []registry.DeclaredLicense{
					{Path: "setup.py", Field: "license", Value: "GNU General Public License v3 or later", SPDX: "GPL-3.0-or-later"},
					{Path: "web/package.json", Field: "license", Value: "MIT", SPDX: "MIT"},
				},
				Metadata: []registry.MetadataFile{
					valid("Cargo.toml", "Cargo.toml"),
					valid("setup.py", "setup.py"),
					valid("web/package.json", "package.json"),
				},
				Primary:     "GPL-3.0-or-later",
				Name:        "tiles",
				Description: "Map tiles server",
			},
		},
		{
			fixture: "codejson-malformed",
			want: Result{
				Metadata: []registry.MetadataFile{invalid("code.json", "code.json", registry.Diagnostic{
					Line: 4, Column: 3, Message: "invalid character '\"' after object key:value pair"})},
			},
		},
		{
			fixture: "codejson-invalid",
			want: Result{
				Licenses: []registry.DeclaredLicense{
					{Path: "code.json", Field: "releases[0].permissions.licenses[0].name", Value: "CC0-1.0", SPDX: "CC0-1.0"},
				},
				Metadata: []registry.MetadataFile{invalid("code.json", "code.json",
					registry.Diagnostic{Line: 11, Column: 22, Key: "releases[0].permissions.usageType",
						Message: `releases[0].permissions.usageType "open" is not one of openSource, governmentWideReuse, exemptByLaw, ` +
							`exemptByNationalSecurity, exemptByAgencySystem, exemptByAgencyMission, exemptByCIO, exemptByPolicyDate`},
					registry.Diagnostic{Line: 14, Column: 11, Key: "releases[0].permissions.licenses[1]",
						Message: "releases[0].permissions.licenses[1] needs a name or a URL"},
					registry.Diagnostic{Line: 9, Column: 24, Key: "releases[0].repositoryURL",
						Message: `releases[0].repositoryURL "github.com/agency/permits" is not an absolute URL`},
					registry.Diagnostic{Line: 17, Column: 21, Key: "releases[0].laborHours",
						Message: "releases[0].laborHours must be a number, not a string"},
					registry.Diagnostic{Line: 18, Column: 27, Key: "releases[0].tags[1]",
						Message: "releases[0].tags[1] must be a string, not a number"},
					registry.Diagnostic{Line: 19, Column: 18, Key: "releases[0].contact.email",
						Message: "releases[0].contact.email is required"},
				)},
				Primary:     "CC0-1.0",
				Name:        "permits",
				Description: "Building permits",
			},
		},
		{
			fixture: "codejson-inventory",
			want: Result{
				Metadata: []registry.MetadataFile{valid("code.json", "code.json")},
			},
		},
		{
			fixture: "catalog-info",
			want: Result{
				Licenses: []registry.DeclaredLicense{
					{Path: "catalog-info.yaml", Field: `documents[0].metadata.labels["license"]`, Value: "Apache-2.0", SPDX: "Apache-2.0"},
					{Path: "catalog-info.yaml", Field: `documents[1].metadata.annotations["spdx.org/license"]`, Value: "Apache-2.0 OR MIT", SPDX: "Apache-2.0 OR MIT"},
				},
				Metadata: []registry.MetadataFile{invalid("catalog-info.yaml", "catalog-info.yaml",
					registry.Diagnostic{Line: 9, Column: 3, Key: "documents[0].spec.owner", Message: "documents[0].spec.owner is required"},
					registry.Diagnostic{Line: 28, Column: 9, Key: "documents[2].metadata.name",
						Message: `documents[2].metadata.name "permits system" must be at most 63 letters and digits separated by -, _ or .`},
				)},
				Primary:     "Apache-2.0",
				Name:        "permits-web",
				Description: "Building permits, the web application",
			},
		},
		{
			fixture: "catalog-info-malformed",
			want: Result{
				Metadata: []registry.MetadataFile{invalid("catalog-info.yaml", "catalog-info.yaml",
					registry.Diagnostic{Line: 4, Message: "did not find expected ',' or ']'"})},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got, warnings := read(t, repository(t, tt.fixture))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
			if len(warnings) > 0 {
				t.Errorf("Read warnings: %v", warnings)
			}
		})
	}
}

func TestReadInvalidPubliccode(t *testing.T) {
	got, _ := read(t, fstest.MapFS{"publiccode.yml": &fstest.MapFile{Data: []byte("publiccodeYmlVersion: \"0\"\nlegal:\n  license: Apache 2.0\n")}})
	if len(got.Metadata) != 1 || got.Metadata[0].Valid || len(got.Metadata[0].Errors) == 0 {
		t.Errorf("Metadata = %+v, want one invalid publiccode.yml with errors", got.Metadata)
	}
	wantLicenses := []registry.DeclaredLicense{{Path: "publiccode.yml", Field: "legal.license", Value: "Apache 2.0", SPDX: "Apache-2.0"}}
	if diff := cmp.Diff(wantLicenses, got.Licenses); diff != "" {
		t.Errorf("Licenses mismatch (-want +got):\n%s", diff)
	}
	if got.Primary != "Apache-2.0" {
		t.Errorf("Primary = %q, want Apache-2.0", got.Primary)
	}
}

func TestReadUnreadable(t *testing.T) {
	ctx := context.Background()
	big := &fstest.MapFile{Data: make([]byte, 64)}
	tree, _, err := filetree.Walk(ctx, fstest.MapFS{"code.json": big, "catalog-info.yml": big}, 32)
	if err != nil {
		t.Fatal(err)
	}
	got, warnings := Read(ctx, tree, nil)
	if diff := cmp.Diff(Result{}, got); diff != "" {
		t.Errorf("Read mismatch (-want +got):\n%s", diff)
	}
	want := []string{
		"skipped code.json: file too large to read (64 B)",
		"skipped catalog-info.yml: file too large to read (64 B)",
	}
	if diff := cmp.Diff(want, warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}
