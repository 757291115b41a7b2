package publiccode

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

func fixture(t *testing.T, name string) *fstest.MapFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: b}
}

// exampleForms is what testdata/valid.yml declares.
func exampleForms(path, version string) *registry.Publiccode {
	return &registry.Publiccode{
		Path:               path,
		Valid:              true,
		Errors:             []registry.Diagnostic{},
		Warnings:           []registry.Diagnostic{},
		Version:            version,
		Name:               "Example Forms",
		URL:                "https://git.example.org/city/example-forms.git",
		LandingURL:         "https://forms.example.org",
		SoftwareVersion:    "2.1.0",
		ReleaseDate:        "2024-03-01",
		Platforms:          []string{"web"},
		Categories:         []string{"online-community", "survey"},
		DevelopmentStatus:  "stable",
		SoftwareType:       "standalone/web",
		License:            "EUPL-1.2",
		MainCopyrightOwner: "City of Example",
		MaintenanceType:    "internal",
		Descriptions: map[string]registry.PubliccodeDescription{
			"en": {
				LocalisedName:    "Example Forms",
				ShortDescription: "A form builder for municipalities",
				LongDescription: "Example Forms lets municipal offices build accessible online forms, collect answers " +
					"from residents and export them in open formats, without writing code and without depending on " +
					"proprietary services or vendors.",
				Features: []string{"Accessible forms", "Export to CSV and ODS"},
			},
			"it": {
				LocalisedName:    "Moduli di Esempio",
				ShortDescription: "Un costruttore di moduli per i comuni",
				LongDescription: "Moduli di Esempio permette agli uffici comunali di creare moduli online accessibili, " +
					"raccogliere le risposte dei cittadini e esportarle in formati aperti, senza scrivere codice e " +
					"senza dipendere da servizi proprietari.",
				Features: []string{"Moduli accessibili"},
			},
		},
	}
}

func TestParse(t *testing.T) {
	oldVersion := exampleForms("publiccode.yml", "0.4")
	oldVersion.Warnings = []registry.Diagnostic{{
		Line: 1, Column: 1, Key: "publiccodeYmlVersion",
		Message: "v0.4 is not the latest version, use '0'. Parsing this file as v0.5.",
	}}

	tests := []struct {
		name     string
		fsys     fstest.MapFS
		maxRead  int64
		want     *registry.Publiccode
		warnings []string
	}{
		{
			name: "valid publiccode.yml",
			fsys: fstest.MapFS{"publiccode.yml": fixture(t, "valid.yml")},
			want: exampleForms("publiccode.yml", "0"),
		},
		{
			name: "publiccode.yaml",
			fsys: fstest.MapFS{"publiccode.yaml": fixture(t, "valid.yml")},
			want: exampleForms("publiccode.yaml", "0"),
		},
		{
			name: "publiccode.yml preferred over publiccode.yaml",
			fsys: fstest.MapFS{"publiccode.yaml": fixture(t, "bad_yaml.yml"), "publiccode.yml": fixture(t, "valid.yml")},
			want: exampleForms("publiccode.yml", "0"),
		},
		{
			name: "older version is valid with a warning",
			fsys: fstest.MapFS{"publiccode.yml": fixture(t, "valid_old_version.yml")},
			want: oldVersion,
		},
		{
			name: "missing and wrong fields",
			fsys: fstest.MapFS{"publiccode.yml": fixture(t, "missing_fields.yml")},
			want: &registry.Publiccode{
				Path:  "publiccode.yml",
				Valid: false,
				Errors: []registry.Diagnostic{
					{Line: 9, Column: 1, Key: "developmentStatus", Message: `developmentStatus must be one of the following: "concept", "development", "beta", "stable" or "obsolete"`},
					{Line: 1, Column: 1, Key: "softwareType", Message: "softwareType is a required field"},
					{Line: 13, Column: 5, Key: "description.en.longDescription", Message: "longDescription is a required field"},
					{Line: 13, Column: 5, Key: "description.en.features", Message: "features must contain more than 0 items"},
				},
				Warnings:          []registry.Diagnostic{},
				Version:           "0",
				Name:              "Example Forms",
				URL:               "https://git.example.org/city/example-forms.git",
				Platforms:         []string{"web"},
				DevelopmentStatus: "finished",
				License:           "EUPL-1.2",
				MaintenanceType:   "internal",
				Descriptions: map[string]registry.PubliccodeDescription{
					"en": {ShortDescription: "A form builder for municipalities"},
				},
			},
		},
		{
			name: "malformed YAML",
			fsys: fstest.MapFS{"publiccode.yml": fixture(t, "bad_yaml.yml")},
			want: &registry.Publiccode{
				Path:     "publiccode.yml",
				Valid:    false,
				Errors:   []registry.Diagnostic{{Line: 7, Column: 1, Message: "value is not allowed in this context"}},
				Warnings: []registry.Diagnostic{},
			},
		},
		{
			name: "copies outside the root are ignored",
			fsys: fstest.MapFS{
				"testdata/publiccode.yml":        fixture(t, "valid.yml"),
				"examples/demo/publiccode.yml":   fixture(t, "valid.yml"),
				"internal/tests/publiccode.yaml": fixture(t, "valid.yml"),
			},
			want: nil,
		},
		{
			name: "none",
			fsys: fstest.MapFS{"README.md": &fstest.MapFile{Data: []byte("# x\n")}},
			want: nil,
		},
		{
			name:     "too large to read",
			fsys:     fstest.MapFS{"publiccode.yml": fixture(t, "valid.yml")},
			maxRead:  100,
			want:     nil,
			warnings: []string{"skipped publiccode.yml: file too large to read (1 KiB)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, _, err := filetree.Walk(context.Background(), tt.fsys, tt.maxRead)
			if err != nil {
				t.Fatal(err)
			}
			got, warnings := Parse(context.Background(), tree)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, warnings); diff != "" {
				t.Errorf("warnings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestShortDescription(t *testing.T) {
	desc := func(s string) registry.PubliccodeDescription {
		return registry.PubliccodeDescription{ShortDescription: s}
	}
	tests := []struct {
		name string
		pc   *registry.Publiccode
		want string
	}{
		{"nil", nil, ""},
		{"none", &registry.Publiccode{}, ""},
		{"english first", &registry.Publiccode{Descriptions: map[string]registry.PubliccodeDescription{
			"de": desc("Formulare"), "en": desc("Forms"), "it": desc("Moduli")}}, "Forms"},
		{"regional english", &registry.Publiccode{Descriptions: map[string]registry.PubliccodeDescription{
			"it": desc("Moduli"), "en-GB": desc("Forms")}}, "Forms"},
		{"else first language", &registry.Publiccode{Descriptions: map[string]registry.PubliccodeDescription{
			"it": desc("Moduli"), "de": desc("Formulare")}}, "Formulare"},
		{"skips an empty one", &registry.Publiccode{Descriptions: map[string]registry.PubliccodeDescription{
			"en": desc(""), "it": desc("Moduli")}}, "Moduli"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShortDescription(tt.pc); got != tt.want {
				t.Errorf("ShortDescription() = %q, want %q", got, tt.want)
			}
		})
	}
}
