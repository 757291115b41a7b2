package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/govshare/govshare/registry"
)

// relevanceQuery is one query of testdata/relevance/queries.json: the
// project that must rank within the first Within hits, and why.
type relevanceQuery struct {
	Query  string `json:"query"`
	Want   string `json:"want"`
	Within int    `json:"within"`
	Why    string `json:"why"`
}

// TestRelevance runs the relevance suite: every query must find its
// project within the rank it names. Every miss is reported with the ranking
// it got, so a tuning change shows all it broke at once.
func TestRelevance(t *testing.T) {
	projects := loadProjectsFrom(t, filepath.Join("testdata", "relevance", "projects.json"))
	var queries []relevanceQuery
	readJSON(t, filepath.Join("testdata", "relevance", "queries.json"), &queries)
	if len(projects) < 50 || len(queries) < 30 {
		t.Fatalf("the suite needs at least 50 projects and 30 queries; it has %d and %d", len(projects), len(queries))
	}
	known := make(map[string]bool, len(projects))
	for _, p := range projects {
		known[p.ID] = true
	}

	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(t.Context(), projects...); err != nil {
		t.Fatal(err)
	}

	misses := 0
	for _, q := range queries {
		if !known[q.Want] || q.Within < 1 {
			t.Errorf("query %q: want %q within %d, which names no fixture project or rank", q.Query, q.Want, q.Within)
			continue
		}
		res := mustSearch(t, ix, registry.SearchQuery{Text: q.Query, PerPage: 5})
		ids := hitIDs(res)
		rank := slices.Index(ids, q.Want) + 1
		if rank < 1 || rank > q.Within {
			misses++
			t.Errorf("query %q (%s): %q ranks %d, want within %d; top hits %v", q.Query, q.Why, q.Want, rank, q.Within, ids)
		}
	}
	t.Logf("%d of %d queries found their project", len(queries)-misses, len(queries))
}

// readJSON decodes the JSON file at path into v.
func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
}
