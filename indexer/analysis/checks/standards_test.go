package checks

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func standard(id, name, status string, paths ...string) registry.Standard {
	s := registry.Standard{ID: id, Name: name, Status: status}
	for _, p := range paths {
		s.Evidence = append(s.Evidence, registry.Evidence{Path: p, Line: 1})
	}
	return s
}

func withStandards(list ...registry.Standard) *registry.Record {
	rec := mitRecord()
	rec.Standards = list
	return rec
}

func TestOpenStandardsUsed(t *testing.T) {
	notDetected := "No royalty-free open standard was detected in the files. This does not mean none is used: " +
		"a standard used only at run time, or through a library, leaves no evidence in the repository."
	tests := []struct {
		name string
		rec  *registry.Record
		want *outcome
	}{
		{
			name: "royalty-free standards",
			rec: withStandards(
				standard("openapi-3", "OpenAPI 3.1", registry.RoyaltyFree, "api/openapi.yaml"),
				standard("geojson", "GeoJSON", registry.RoyaltyFree, "data/a.geojson", "data/b.geojson", "data/c.geojson", "data/d.geojson"),
				standard("docx", "Office Open XML", registry.Proprietary, "spec.docx"),
			),
			want: &outcome{Status: "pass",
				Reason: "Evidence of 2 royalty-free open standards: OpenAPI 3.1 (api/openapi.yaml), " +
					"GeoJSON (data/a.geojson, data/b.geojson and 2 more).",
				Evidence: []registry.Evidence{
					{Path: "api/openapi.yaml", Line: 1, Note: "OpenAPI 3.1"},
					{Path: "data/a.geojson", Line: 1, Note: "GeoJSON"},
					{Path: "data/b.geojson", Line: 1, Note: "GeoJSON"},
					{Path: "data/c.geojson", Line: 1, Note: "GeoJSON"},
				}},
		},
		{
			name: "version added to the name",
			rec: withStandards(registry.Standard{ID: "json-schema", Name: "JSON Schema", Version: "2020-12", Status: registry.RoyaltyFree,
				Evidence: []registry.Evidence{{Path: "schema.json", Line: 2, Note: "$schema"}}}),
			want: &outcome{Status: "pass",
				Reason:   "Evidence of 1 royalty-free open standard: JSON Schema 2020-12 (schema.json).",
				Evidence: []registry.Evidence{{Path: "schema.json", Line: 2, Note: "JSON Schema: $schema"}}},
		},
		{
			name: "nothing detected is not absent",
			rec:  withStandards(),
			want: &outcome{Status: "warn", Reason: notDetected, Evidence: []registry.Evidence{},
				Fix: "If the project implements open standards, ship the evidence in the repository: an OpenAPI or AsyncAPI " +
					"description of its API, the JSON Schemas of its data, sample files in open formats (GeoJSON, ODF, CSV on the Web...)."},
		},
		{
			name: "FRAND only",
			rec:  withStandards(standard("mpeg4", "MPEG-4", registry.FRAND, "media/intro.mp4")),
			want: &outcome{Status: "warn",
				Reason:   "No royalty-free open standard was detected; only standards licensed on FRAND terms, which may carry fees: MPEG-4 (media/intro.mp4).",
				Evidence: []registry.Evidence{{Path: "media/intro.mp4", Line: 1, Note: "MPEG-4"}},
				Fix: "If the project implements open standards, ship the evidence in the repository: an OpenAPI or AsyncAPI " +
					"description of its API, the JSON Schemas of its data, sample files in open formats (GeoJSON, ODF, CSV on the Web...)."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, map[string]string{}, OpenStandardsUsed)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestProprietaryFormats(t *testing.T) {
	fix := "Publish documents in open formats: ODF (.odt, .ods, .odp), PDF/A, Markdown, or CSV for tables. " +
		"A proprietary file may stay as a convenience if an open copy with the same name sits beside it."
	tests := []struct {
		name  string
		rec   *registry.Record
		files map[string]string
		want  *outcome
	}{
		{
			name:  "none",
			rec:   withStandards(),
			files: map[string]string{"docs/guide.odt": "x", "README.md": "x"},
			want: &outcome{Status: "pass", Evidence: []registry.Evidence{},
				Reason: "No documents in proprietary office formats (.docx, .xlsx, .pptx, .doc...) without an open copy."},
		},
		{
			name: "office files in the tree",
			rec:  withStandards(),
			files: map[string]string{
				"docs/Specifiche.DOCX": "x", "data/budget.xlsx": "x", "slides/intro.ppt": "x",
				"vendor/lib/manual.doc": "x", "testdata/sample.docx": "x", "src/test/fixture.xls": "x",
			},
			want: &outcome{Status: "warn",
				Reason: "3 files in proprietary office formats, with no open copy beside them: data/budget.xlsx, docs/Specifiche.DOCX and slides/intro.ppt.",
				Evidence: []registry.Evidence{
					{Path: "data/budget.xlsx", Note: "Excel file"},
					{Path: "docs/Specifiche.DOCX", Note: "Word file"},
					{Path: "slides/intro.ppt", Note: "PowerPoint file"},
				},
				Fix: fix},
		},
		{
			name:  "an open copy beside it",
			rec:   withStandards(),
			files: map[string]string{"docs/spec.docx": "x", "docs/spec.pdf": "x", "docs/plan.xlsx": "x", "docs/plan.ODS": "x"},
			want: &outcome{Status: "pass", Evidence: []registry.Evidence{},
				Reason: "No documents in proprietary office formats (.docx, .xlsx, .pptx, .doc...) without an open copy."},
		},
		{
			name:  "from the standards analyser, once each",
			rec:   withStandards(standard("ooxml", "Office Open XML", registry.Proprietary, "forms/model.docx", "forms/model.vsdx")),
			files: map[string]string{"forms/model.docx": "x", "forms/model.vsdx": "x"},
			want: &outcome{Status: "warn",
				Reason: "2 files in proprietary office formats, with no open copy beside them: forms/model.docx and forms/model.vsdx.",
				Evidence: []registry.Evidence{
					{Path: "forms/model.docx", Note: "Word file"},
					{Path: "forms/model.vsdx", Note: "Visio file"},
				},
				Fix: fix},
		},
		{
			name:  "without a tree, the standards analyser's evidence",
			rec:   withStandards(standard("doc", "Word 97", registry.Proprietary, "a.doc")),
			files: nil,
			want: &outcome{Status: "warn",
				Reason:   "1 file in proprietary office formats, with no open copy beside it: a.doc.",
				Evidence: []registry.Evidence{{Path: "a.doc", Note: "Word file"}},
				Fix:      fix},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, tt.files, ProprietaryFormats)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAPIDescribed(t *testing.T) {
	openapi := standard("openapi-3", "OpenAPI 3.0", registry.RoyaltyFree, "api/openapi.yaml")
	tests := []struct {
		name  string
		rec   *registry.Record
		files map[string]string
		want  *outcome
	}{
		{
			name:  "web service with an OpenAPI description",
			rec:   withStandards(openapi),
			files: map[string]string{"package.json": `{"dependencies": {"express": "^4.19.0"}}`, "api/openapi.yaml": "openapi: 3.0.3"},
			want: &outcome{Status: "pass",
				Reason:   "The API is described in an open standard: OpenAPI 3.0 (api/openapi.yaml).",
				Evidence: []registry.Evidence{{Path: "api/openapi.yaml", Line: 1, Note: "OpenAPI 3.0"}}},
		},
		{
			name: "web service without one",
			rec:  withStandards(),
			files: map[string]string{
				"go.mod": "module example.org/forms\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n)\n",
			},
			want: &outcome{Status: "warn",
				Reason: "The repository looks like a web service (github.com/go-chi/chi in go.mod), but no OpenAPI or AsyncAPI description " +
					"was detected in the files. A description generated only when the service runs is not evidence.",
				Evidence: []registry.Evidence{{Path: "go.mod", Line: 6, Note: "github.com/go-chi/chi"}},
				Fix: "Commit the API description (openapi.yaml, or asyncapi.yaml for event-driven APIs) to the repository, " +
					"for instance under api/ or docs/, and keep it up to date with the code."},
		},
		{
			name:  "not a web service",
			rec:   withStandards(),
			files: map[string]string{"package.json": `{"name": "express-helpers", "dependencies": {"lodash": "^4"}}`, "main.go": "package main"},
		},
		{
			name:  "an AsyncAPI description without a known framework",
			rec:   withStandards(standard("asyncapi", "AsyncAPI", registry.RoyaltyFree, "asyncapi.yaml")),
			files: map[string]string{"asyncapi.yaml": "asyncapi: 2.6.0"},
			want: &outcome{Status: "pass",
				Reason:   "The API is described in an open standard: AsyncAPI (asyncapi.yaml).",
				Evidence: []registry.Evidence{{Path: "asyncapi.yaml", Line: 1, Note: "AsyncAPI"}}},
		},
		{
			name:  "vendored and nested manifests do not count",
			rec:   withStandards(),
			files: map[string]string{"node_modules/x/package.json": `{"dependencies": {"express": "1"}}`, "a/b/c/package.json": `{"dependencies": {"koa": "1"}}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, tt.files, APIDescribed)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWebFrameworks(t *testing.T) {
	tests := []struct {
		name, path, content string
		want                []registry.Evidence
	}{
		{"express", "package.json", "{\n  \"dependencies\": {\n    \"express\": \"^4\"\n  }\n}",
			[]registry.Evidence{{Path: "package.json", Line: 3, Note: "express"}}},
		{"nestjs in a sub-folder", "backend/package.json", `{"dependencies": {"@nestjs/core": "^10"}}`,
			[]registry.Evidence{{Path: "backend/package.json", Line: 1, Note: "@nestjs/core"}}},
		{"flask requirement", "requirements.txt", "requests==2.31\nFlask>=3.0\n",
			[]registry.Evidence{{Path: "requirements.txt", Line: 2, Note: "Flask"}}},
		{"fastapi in pyproject", "pyproject.toml", "[project]\ndependencies = [\n  \"fastapi>=0.110\",\n]\n",
			[]registry.Evidence{{Path: "pyproject.toml", Line: 3, Note: "fastapi"}}},
		{"django alone serves pages", "requirements.txt", "django==5.0\n", nil},
		{"flask-like names", "requirements.txt", "flask_babel==4\nflasky==1\n", nil},
		{"spring boot", "pom.xml", "<project>\n<dependency><artifactId>spring-boot-starter-web</artifactId></dependency>\n</project>",
			[]registry.Evidence{{Path: "pom.xml", Line: 2, Note: "spring-boot-starter-web"}}},
		{"sinatra", "Gemfile", "source 'https://rubygems.org'\ngem 'sinatra'\n",
			[]registry.Evidence{{Path: "Gemfile", Line: 2, Note: "sinatra"}}},
		{"axum", "Cargo.toml", "[dependencies]\naxum = \"0.7\"\n",
			[]registry.Evidence{{Path: "Cargo.toml", Line: 2, Note: "axum"}}},
		{"slim", "composer.json", `{"require": {"slim/slim": "^4"}}`,
			[]registry.Evidence{{Path: "composer.json", Line: 1, Note: "slim/slim"}}},
		{"asp.net", "src/Api.csproj", `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`,
			[]registry.Evidence{{Path: "src/Api.csproj", Line: 1, Note: "Microsoft.NET.Sdk.Web"}}},
		{"the framework's own module", "go.mod", "module github.com/go-chi/chi/v5\n\ngo 1.20\n", nil},
		{"express for development only", "package.json", `{"dependencies": {"react": "^18"}, "devDependencies": {"express": "^4"}}`, nil},
		{"express in both", "package.json", "{\n\"devDependencies\": {\"express\": \"^4\"},\n\"dependencies\": {\n\"express\": \"^4\"}}",
			[]registry.Evidence{{Path: "package.json", Line: 4, Note: "express"}}},
		{"broken package.json", "package.json", `{"dependencies": {"express": `, nil},
		{"lumen in require-dev only", "composer.json", `{"require-dev": {"laravel/lumen-framework": "^10"}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := treeOf(t, map[string]string{tt.path: tt.content})
			got := findWebFrameworks(tree, indexFiles(tree))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
