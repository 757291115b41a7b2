package declared

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestCodeJSONErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []registry.Diagnostic
	}{
		{
			name: "truncated",
			data: "{\n  \"name\": \"x\",\n",
			want: []registry.Diagnostic{{Line: 3, Column: 1, Message: "unexpected end of JSON input"}},
		},
		{
			name: "bad literal",
			data: `{"laborHours": tru}`,
			want: []registry.Diagnostic{{Line: 1, Column: 17, Message: "invalid character '}' in literal true (expecting 'e')"}},
		},
		{
			name: "trailing data",
			data: "{}\n{}",
			want: []registry.Diagnostic{{Line: 2, Column: 1, Message: "unexpected data after the JSON value"}},
		},
		{
			name: "not an object",
			data: `  ["a"]`,
			want: []registry.Diagnostic{{Line: 1, Column: 3, Message: "code.json must hold an object, not an array"}},
		},
		{
			name: "an empty release",
			data: "{\n \"name\": \"\"\n}",
			want: []registry.Diagnostic{
				{Line: 2, Column: 10, Key: "name", Message: "name must not be empty"},
				{Line: 1, Column: 1, Key: "description", Message: "description is required"},
				{Line: 1, Column: 1, Key: "permissions", Message: "permissions is required"},
				{Line: 1, Column: 1, Key: "repositoryURL", Message: "repositoryURL is required"},
				{Line: 1, Column: 1, Key: "laborHours", Message: "laborHours is required"},
				{Line: 1, Column: 1, Key: "tags", Message: "tags is required"},
				{Line: 1, Column: 1, Key: "contact", Message: "contact is required"},
			},
		},
		{
			name: "a closed release needs no repository URL",
			data: `{"name": "n", "description": "d", "permissions": {"licenses": null, "usageType": "exemptByCIO"},` +
				` "laborHours": 1, "tags": [], "contact": {"email": "x@example.org"}, "status": "Live", "homepageURL": "/here"}`,
			want: []registry.Diagnostic{
				{Line: 1, Column: 176, Key: "status", Message: `status "Live" is not one of Ideation, Development, Alpha, Beta, Release Candidate, Production, Archival`},
				{Line: 1, Column: 199, Key: "homepageURL", Message: `homepageURL "/here" is not an absolute URL`},
			},
		},
		{
			name: "an agency file of another schema version, without releases",
			data: `{"version": "1.0.1", "agency": "X", "measurementType": {"method": "other"}}`,
			want: []registry.Diagnostic{
				{Line: 1, Column: 13, Key: "version", Message: `version "1.0.1" is not 2.0.0: only the code.gov 2.0 schema is supported`},
				{Line: 1, Column: 56, Key: "measurementType.ifOther", Message: "measurementType.ifOther is required"},
				{Line: 1, Column: 1, Key: "releases", Message: "releases is required"},
			},
		},
		{
			name: "characters, not bytes, make the column",
			data: "{\"name\": \"Répertoire\", \"description\": 5}",
			want: []registry.Diagnostic{
				{Line: 1, Column: 39, Key: "description", Message: "description must be a string, not a number"},
				{Line: 1, Column: 1, Key: "permissions", Message: "permissions is required"},
				{Line: 1, Column: 1, Key: "repositoryURL", Message: "repositoryURL is required"},
				{Line: 1, Column: 1, Key: "laborHours", Message: "laborHours is required"},
				{Line: 1, Column: 1, Key: "tags", Message: "tags is required"},
				{Line: 1, Column: 1, Key: "contact", Message: "contact is required"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readCodeJSON("code.json", []byte(tt.data))
			if diff := cmp.Diff(tt.want, got.errors); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCatalogInfoErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []registry.Diagnostic
	}{
		{
			name: "scanner error",
			data: "apiVersion: backstage.io/v1alpha1\nkind: Component: x\n",
			want: []registry.Diagnostic{{Line: 2, Message: "mapping values are not allowed in this context"}},
		},
		{
			name: "parser error",
			data: "kind: Component\nmetadata:\n  - name: x\n  name: y\n",
			want: []registry.Diagnostic{{Line: 3, Message: "did not find expected '-' indicator"}},
		},
		{
			name: "empty",
			data: "# nothing yet\n",
			want: []registry.Diagnostic{{Line: 1, Column: 1, Message: "catalog-info.yaml holds no entity"}},
		},
		{
			name: "not a mapping",
			data: "- kind: Component\n",
			want: []registry.Diagnostic{{Line: 1, Column: 1, Message: "a catalog entity must be a mapping"}},
		},
		{
			name: "envelope",
			data: "apiVersion: v1\nkind: API\nmetadata:\n  name: ''\n  tags: [{a: b}]\nspec:\n  type: openapi\n  lifecycle: ~\n  owner: team\n",
			want: []registry.Diagnostic{
				{Line: 1, Column: 13, Key: "apiVersion", Message: `apiVersion "v1" is not of the form group/version`},
				{Line: 4, Column: 9, Key: "metadata.name", Message: "metadata.name must not be empty"},
				{Line: 5, Column: 10, Key: "metadata.tags[0]", Message: "metadata.tags[0] must be a string"},
				{Line: 8, Column: 14, Key: "spec.lifecycle", Message: "spec.lifecycle must not be empty"},
				{Line: 7, Column: 3, Key: "spec.definition", Message: "spec.definition is required"},
			},
		},
		{
			name: "core kind with another API version; custom kinds are not checked further",
			data: "apiVersion: backstage.io/v2\nkind: Group\nmetadata: {name: team}\nspec: {type: team, children: []}\n---\n" +
				"apiVersion: example.org/v1\nkind: Dataset\nmetadata: {name: census}\n",
			want: []registry.Diagnostic{
				{Line: 1, Column: 13, Key: "documents[0].apiVersion", Message: `apiVersion "backstage.io/v2" is not backstage.io/v1alpha1, which kind Group needs`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readCatalogInfo("catalog-info.yaml", []byte(tt.data))
			if diff := cmp.Diff(tt.want, got.errors); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
