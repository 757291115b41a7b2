package standards

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTopLevelKeys(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []topKey
	}{
		{
			name: "json, nested values kept as text",
			doc:  "\xef\xbb\xbf{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\"},\n  \"n\": 2\n}",
			want: []topKey{
				{name: "openapi", value: "3.0.3", line: 2},
				{name: "info", value: `{"title": "x"}`, line: 3},
				{name: "n", value: "2", line: 4},
			},
		},
		{
			name: "json cut short keeps the keys before the cut",
			doc:  `{"swagger": "2.0", "paths": {"/a": {"get": `,
			want: []topKey{{name: "swagger", value: "2.0", line: 1}},
		},
		{
			name: "json array has no keys",
			doc:  `[{"openapi": "3.0.0"}]`,
		},
		{
			name: "yaml scalars, quotes and comments",
			doc: "# comment\n%YAML 1.2\n---\nopenapi: 3.0.3 # the version\n" +
				"swagger: '2.0'\n\"$schema\": \"http://json-schema.org/schema#\"\n" +
				"url: http://example.org/a:b\n",
			want: []topKey{
				{name: "openapi", value: "3.0.3", line: 4},
				{name: "swagger", value: "2.0", line: 5},
				{name: "$schema", value: "http://json-schema.org/schema#", line: 6},
				{name: "url", value: "http://example.org/a:b", line: 7},
			},
		},
		{
			name: "yaml block value is the indented text",
			doc:  "openapi:\n  enabled: true\n\n  path: /docs\ninfo: x\nlist:\n- a\n- b\n",
			want: []topKey{
				{name: "openapi", value: "  enabled: true\n  path: /docs", line: 1},
				{name: "info", value: "x", line: 5},
				{name: "list", value: "- a\n- b", line: 6},
			},
		},
		{
			name: "yaml: only the first document",
			doc:  "a: 1\n---\nb: 2\n",
			want: []topKey{{name: "a", value: "1", line: 1}},
		},
		{
			name: "not a mapping",
			doc:  "just some text\nhttp://example.org\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := topLevelKeys([]byte(tt.doc))
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(topKey{})); diff != "" {
				t.Errorf("topLevelKeys mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
