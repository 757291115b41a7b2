package standards

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// combinationRegister exercises what the embedded register does not use:
// all across folders, any, and rules that keep the default excludes off.
const combinationRegister = `
defaults:
  head: 4096
  exclude: ["**/vendor/**"]
standards:
  - id: pair
    name: Pair
    body: Test
    status: frand
    description: Two files anywhere.
    url: https://example.org/
    evidence: a.pair and b.pair, in any folders.
    rules:
      - all:
          - files: ["**/a.pair"]
          - any:
              - files: ["**/b.pair"]
              - files: ["**/c.pair"]
  - id: vendored
    name: Vendored
    body: Test
    status: proprietary
    description: Counts vendored files too.
    url: https://example.org/
    evidence: any .v file.
    rules:
      - files: ["**/*.v"]
        default_excludes: false
        content: 'version (\d+)'
        version_from: content
        note: "v{version}"
`

func TestCombinations(t *testing.T) {
	reg, err := parseRegister([]byte(combinationRegister))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []registry.Standard
	}{
		{
			name:  "all needs every part",
			files: map[string]string{"x/a.pair": ""},
		},
		{
			name:  "all across folders, any of two",
			files: map[string]string{"x/a.pair": "", "y/c.pair": "", "z/b.pair": ""},
			want: []registry.Standard{{
				ID: "pair", Name: "Pair", Body: "Test", Status: registry.FRAND,
				Evidence: []registry.Evidence{{Path: "x/a.pair"}, {Path: "y/c.pair"}, {Path: "z/b.pair"}},
			}},
		},
		{
			name:  "default excludes turned off",
			files: map[string]string{"vendor/lib/x.v": "line\nversion 3\n", "y.v": "no number"},
			want: []registry.Standard{{
				ID: "vendored", Name: "Vendored", Body: "Test", Version: "3", Status: registry.Proprietary,
				Evidence: []registry.Evidence{{Path: "vendor/lib/x.v", Line: 2, Note: "v3"}},
			}},
		},
		{
			name:  "default excludes on",
			files: map[string]string{"vendor/a.pair": "", "b.pair": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			tree, _, err := filetree.Walk(context.Background(), fsys, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, warnings := reg.detect(context.Background(), tree)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("detect mismatch (-want +got):\n%s", diff)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings: %q", warnings)
			}
		})
	}
}
