package search

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestSearchSort(t *testing.T) {
	ix := memoryIndex(t)
	byName := []string{"document-signing", "form-builder", "identity-gateway", "open-forms", "signature-validator", "tax-calculator"}
	recent := []string{"open-forms", "document-signing", "form-builder", "signature-validator", "identity-gateway", "tax-calculator"}
	tests := []struct {
		name string
		q    registry.SearchQuery
		want []string
	}{
		{"no text: relevance is the most recent first", registry.SearchQuery{}, recent},
		{"no text, relevance named", registry.SearchQuery{Sort: registry.SortRelevance}, recent},
		{"recent, unknown date last", registry.SearchQuery{Sort: registry.SortRecent}, recent},
		{"name", registry.SearchQuery{Sort: registry.SortName}, byName},
		{"text by relevance", registry.SearchQuery{Text: "electronic signatures"}, []string{"signature-validator", "document-signing", "identity-gateway"}},
		{"text, most recent first", registry.SearchQuery{Text: "electronic signatures", Sort: registry.SortRecent}, []string{"document-signing", "signature-validator", "identity-gateway"}},
		{"text by name", registry.SearchQuery{Text: "electronic signatures", Sort: registry.SortName}, []string{"document-signing", "identity-gateway", "signature-validator"}},
		{"name, with filters", registry.SearchQuery{Sort: registry.SortName, Language: "Java"}, []string{"document-signing", "identity-gateway", "signature-validator"}},
		{"name, second page", registry.SearchQuery{Sort: registry.SortName, Page: 2, PerPage: 4}, byName[4:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, tt.q)
			if diff := cmp.Diff(tt.want, hitIDs(res)); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSearchSortKeepsHighlights checks that matches are marked whatever
// the order.
func TestSearchSortKeepsHighlights(t *testing.T) {
	ix := memoryIndex(t)
	for _, sort := range []string{"", registry.SortRelevance, registry.SortRecent, registry.SortName} {
		res := mustSearch(t, ix, registry.SearchQuery{Text: "electronic signatures", Sort: sort})
		for _, h := range res.Hits {
			if len(h.Fragments) == 0 {
				t.Errorf("sort %q: %s has no highlighted fragment", sort, h.ID)
			}
		}
	}
}

// TestSearchSortByName checks the name order: case and accents aside,
// then by ID.
func TestSearchSortByName(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var projects []*registry.Project
	for _, p := range []struct{ id, name string }{
		{"z", "zeta"}, {"e-acute", "Éole"}, {"a", "alpha"}, {"b", "Beta"}, {"e", "Eagle"}, {"twin-2", "Twin"}, {"twin-1", "twin"},
	} {
		projects = append(projects, &registry.Project{ID: p.id, Record: registry.Record{Name: p.name, CommittedAt: at}})
	}
	if err := ix.Put(t.Context(), projects...); err != nil {
		t.Fatal(err)
	}
	res := mustSearch(t, ix, registry.SearchQuery{Sort: registry.SortName})
	want := []string{"a", "b", "e", "e-acute", "twin-1", "twin-2", "z"}
	if diff := cmp.Diff(want, hitIDs(res)); diff != "" {
		t.Errorf("by name (-want +got):\n%s", diff)
	}
}
