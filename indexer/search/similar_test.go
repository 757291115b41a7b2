package search

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// TestSimilar checks, on the relevance fixture catalogue, that a project's
// obvious siblings come among its three most similar projects.
func TestSimilar(t *testing.T) {
	ix := relevanceIndex(t)
	tests := []struct {
		id   string
		want []string // each within the first three
		why  string
	}{
		{"parkeervergunning", []string{"bygglov"}, "permits"},
		{"bygglov", []string{"parkeervergunning"}, "permits"},
		{"procurement-analytics", []string{"tenders-electronic"}, "public procurement"},
		{"geoportail", []string{"air-quality"}, "maps and OGC WMS"},
		{"air-quality", []string{"geoportail", "signalen"}, "maps, OGC WMS and GeoJSON"},
		{"notify-nl", []string{"gov-notify", "notification-gc"}, "notification services with an OpenAPI"},
		{"digid-connector", []string{"verify-hub", "id-porten"}, "sign-in with SAML and OpenID Connect"},
		{"decidim", []string{"consul"}, "participatory democracy"},
		{"xoev-validator", []string{"xrechnung-viewer"}, "XRechnung"},
		{"kirjasto-finna", []string{"public-library-loans"}, "libraries"},
		{"dados-gov-pt", []string{"ckan"}, "open data catalogues with DCAT-AP"},
		{"autofirma", []string{"eesti-id"}, "signing documents"},
		{"signo", []string{"autofirma"}, "signing documents"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			hits, err := ix.Similar(t.Context(), tt.id, 3)
			if err != nil {
				t.Fatal(err)
			}
			ids := similarIDs(hits)
			for _, want := range tt.want {
				if !slices.Contains(ids, want) {
					t.Errorf("similar to %s (%s): got %v, want %s among them", tt.id, tt.why, ids, want)
				}
			}
		})
	}
}

// TestSimilarContract covers what holds for any project: never itself, at
// most n, best first, nothing for a project the index does not hold or
// that shares no word with another.
func TestSimilarContract(t *testing.T) {
	ix := relevanceIndex(t)
	t.Run("never itself, best first, at most n", func(t *testing.T) {
		for _, id := range []string{"signo", "open-forms", "gov-notify", "meteo-api"} {
			hits, err := ix.Similar(t.Context(), id, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || len(hits) > 5 {
				t.Errorf("%s: %d similar projects, want 1 to 5", id, len(hits))
			}
			if slices.Contains(similarIDs(hits), id) {
				t.Errorf("%s is among its own similar projects: %v", id, similarIDs(hits))
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].Score > hits[i-1].Score {
					t.Errorf("%s: similar projects not best first: %+v", id, hits)
				}
			}
		}
	})
	for _, tt := range []struct {
		name, id string
		n        int
	}{
		{"absent project", "no-such-project", 3},
		{"no word shared with another project", "skolskjuts", 3},
		{"none asked for", "signo", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Similar(t.Context(), tt.id, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]registry.SearchHit{}, hits); diff != "" {
				t.Errorf("Similar(%s, %d) (-want +got):\n%s", tt.id, tt.n, diff)
			}
		})
	}
}

// relevanceIndex is an in-memory index of the relevance fixture catalogue.
func relevanceIndex(t testing.TB) *Index {
	t.Helper()
	return memoryIndexOf(t, loadProjectsFrom(t, filepath.Join("testdata", "relevance", "projects.json")))
}

func similarIDs(hits []registry.SearchHit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}
