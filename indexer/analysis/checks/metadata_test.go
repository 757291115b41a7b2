package checks

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func withMetadata(pc *registry.Publiccode, files ...registry.MetadataFile) *registry.Record {
	rec := mitRecord()
	rec.Publiccode = pc
	rec.Metadata = files
	return rec
}

func TestMetadataPresent(t *testing.T) {
	tests := []struct {
		name string
		rec  *registry.Record
		want *outcome
	}{
		{
			name: "publiccode.yml",
			rec:  withMetadata(&registry.Publiccode{Path: "publiccode.yml", Valid: true}),
			want: &outcome{Status: "pass", Reason: "The repository describes itself in machine-readable metadata: publiccode.yml.",
				Evidence: []registry.Evidence{{Path: "publiccode.yml", Note: "publiccode.yml"}}},
		},
		{
			name: "code.json and catalog-info.yaml, manifests left out",
			rec: withMetadata(nil,
				registry.MetadataFile{Path: "package.json", Format: "package.json", Valid: true},
				registry.MetadataFile{Path: "code.json", Format: "code.json", Valid: true},
				registry.MetadataFile{Path: "catalog-info.yaml", Format: "catalog-info.yaml", Valid: true}),
			want: &outcome{Status: "pass", Reason: "The repository describes itself in machine-readable metadata: code.json and catalog-info.yaml.",
				Evidence: []registry.Evidence{{Path: "code.json", Note: "code.json"}, {Path: "catalog-info.yaml", Note: "catalog-info.yaml"}}},
		},
		{
			name: "package manifests only",
			rec:  withMetadata(nil, registry.MetadataFile{Path: "package.json", Format: "package.json", Valid: true}),
			want: &outcome{Status: "warn", Reason: "No publiccode.yml, code.json or catalog-info.yaml was found at the root of the repository.",
				Evidence: []registry.Evidence{},
				Fix: "Add a publiccode.yml at the root (https://yml.publiccode.tools): it tells catalogues and procurement teams " +
					"what the software does, who maintains it and under which licence."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, nil, MetadataPresent)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMetadataValid(t *testing.T) {
	fix := "Correct the errors listed, at the lines given. For publiccode.yml, the editor at https://publiccode-editor.developers.italia.it " +
		"and the publiccode-parser command check a file before it is committed."
	invalidPC := &registry.Publiccode{Path: "publiccode.yml", Errors: []registry.Diagnostic{
		{Line: 4, Column: 3, Key: "legal.license", Message: "legal.license: invalid license \"Apache 2\""},
		{Line: 9, Column: 1, Key: "url", Message: "url is a required field"},
		{Line: 12, Column: 5, Key: "description.en.shortDescription", Message: "too long"},
		{Line: 20, Column: 1, Message: "maintenance.type must be one of ..."},
	}}
	tests := []struct {
		name string
		rec  *registry.Record
		want *outcome
	}{
		{
			name: "valid, with a warning",
			rec: withMetadata(&registry.Publiccode{Path: "publiccode.yml", Valid: true,
				Warnings: []registry.Diagnostic{{Line: 1, Column: 1, Key: "publiccodeYmlVersion", Message: "v0.2 is not the latest version"}}},
				registry.MetadataFile{Path: "publiccode.yml", Format: "publiccode.yml", Valid: true},
				registry.MetadataFile{Path: "package.json", Format: "package.json", Valid: true}),
			want: &outcome{Status: "pass",
				Reason: "publiccode.yml and package.json are valid. publiccode.yml has 1 warning, the first: " +
					"1:1 publiccodeYmlVersion: v0.2 is not the latest version.",
				Evidence: []registry.Evidence{
					{Path: "publiccode.yml", Note: "valid publiccode.yml"},
					{Path: "package.json", Note: "valid package.json"},
				}},
		},
		{
			name: "invalid publiccode.yml fails with its first errors",
			rec:  withMetadata(invalidPC),
			want: &outcome{Status: "fail",
				Reason: "publiccode.yml is not valid: 4:3 legal.license: invalid license \"Apache 2\"; 9:1 url is a required field; " +
					"12:5 description.en.shortDescription: too long (and 1 more).",
				Evidence: []registry.Evidence{
					{Path: "publiccode.yml", Line: 4, Note: "4:3 legal.license: invalid license \"Apache 2\""},
					{Path: "publiccode.yml", Line: 9, Note: "9:1 url is a required field"},
					{Path: "publiccode.yml", Line: 12, Note: "12:5 description.en.shortDescription: too long"},
				},
				Fix: fix},
		},
		{
			name: "each invalid file",
			rec: withMetadata(nil,
				registry.MetadataFile{Path: "code.json", Format: "code.json", Errors: []registry.Diagnostic{{Line: 3, Column: 14, Message: "invalid character"}}},
				registry.MetadataFile{Path: "catalog-info.yaml", Format: "catalog-info.yaml", Errors: []registry.Diagnostic{{Line: 2, Message: "kind is required"}}},
				registry.MetadataFile{Path: "package.json", Format: "package.json", Valid: true}),
			want: &outcome{Status: "fail",
				Reason: "code.json is not valid: 3:14 invalid character. catalog-info.yaml is not valid: line 2 kind is required. package.json is valid.",
				Evidence: []registry.Evidence{
					{Path: "code.json", Line: 3, Note: "3:14 invalid character"},
					{Path: "catalog-info.yaml", Line: 2, Note: "line 2 kind is required"},
					{Path: "package.json", Note: "valid package.json"},
				},
				Fix: fix},
		},
		{
			name: "an invalid package manifest warns",
			rec:  withMetadata(nil, registry.MetadataFile{Path: "Cargo.toml", Format: "Cargo.toml"}),
			want: &outcome{Status: "warn",
				Reason:   "Cargo.toml is not valid: the file could not be parsed.",
				Evidence: []registry.Evidence{{Path: "Cargo.toml", Note: "invalid Cargo.toml"}},
				Fix:      fix},
		},
		{
			name: "no metadata",
			rec:  withMetadata(nil),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, nil, MetadataValid)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPubliccodeMatches(t *testing.T) {
	file := map[string]string{"publiccode.yml": "publiccodeYmlVersion: \"0.4\"\nname: forms\nurl: https://github.com/other/forms\n"}
	tests := []struct {
		name    string
		repo    string
		pcURL   string
		want    string
		wantEv  []registry.Evidence
		applies bool
	}{
		{"same", "https://github.com/example/forms", "https://github.com/example/forms.git", "pass", nil, true},
		{"ssh and case", "git@github.com:Example/Forms.git", "https://www.GitHub.com/example/forms/", "pass", nil, true},
		{"another project", "https://github.com/example/forms", "https://github.com/other/forms", "warn",
			[]registry.Evidence{{Path: "publiccode.yml", Line: 3, Note: "url: https://github.com/other/forms"}}, true},
		{"local path", "/home/me/forms", "https://github.com/other/forms", "", nil, false},
		{"no url", "https://github.com/example/forms", "", "", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := mitRecord()
			rec.URL = tt.repo
			rec.Publiccode = &registry.Publiccode{Path: "publiccode.yml", Valid: true, URL: tt.pcURL}
			got := run(t, rec, file, PubliccodeMatches)
			if (got != nil) != tt.applies {
				t.Fatalf("reported %v, want %v", got != nil, tt.applies)
			}
			if got == nil {
				return
			}
			if got.Status != tt.want {
				t.Errorf("status %s (%s), want %s", got.Status, got.Reason, tt.want)
			}
			if tt.wantEv != nil {
				if diff := cmp.Diff(tt.wantEv, got.Evidence); diff != "" {
					t.Errorf("evidence (-want +got):\n%s", diff)
				}
			}
		})
	}
}
