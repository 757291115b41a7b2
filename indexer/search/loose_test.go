package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// TestSearchLooseMatches covers what is found beyond the words as written:
// one typo in a long word, prefixes of short queries, country names and
// codes.
func TestSearchLooseMatches(t *testing.T) {
	ix := memoryIndex(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"one letter missing", "gatway", []string{"identity-gateway"}},
		{"one letter wrong", "calculetor", []string{"tax-calculator"}},
		{"two edits are too many", "gatwy", []string{}},
		{"short words are not fuzzy", "fxrm", []string{}},
		{"prefix of a name", "calc", []string{"tax-calculator"}},
		{"prefix, stop words left out", "the valid", []string{"signature-validator"}},
		{"too short a prefix", "ca", []string{}},
		{"country name, the shorter text first", "Italy", []string{"tax-calculator", "identity-gateway"}},
		{"country code, though a stop word", "it", []string{"identity-gateway", "tax-calculator"}},
		{"accents folded", "numerique", []string{"form-builder", "signature-validator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, registry.SearchQuery{Text: tt.text})
			if diff := cmp.Diff(tt.want, hitIDs(res)); diff != "" {
				t.Errorf("hits for %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
