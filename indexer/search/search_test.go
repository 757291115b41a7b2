package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/govshare/govshare/registry"
)

func TestSearchText(t *testing.T) {
	ix := memoryIndex(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty text: newest commit first, unknown date last", "", []string{"open-forms", "document-signing", "form-builder", "signature-validator", "identity-gateway", "tax-calculator"}},
		{"blank text is empty text", "   ", []string{"open-forms", "document-signing", "form-builder", "signature-validator", "identity-gateway", "tax-calculator"}},
		{"stemmed: signing finds sign and sign-on, name first", "signing", []string{"document-signing", "identity-gateway"}},
		{"name outranks description and readme", "form", []string{"open-forms", "form-builder"}},
		{"participant name, the shorter text first", "interior", []string{"open-forms", "document-signing"}},
		{"readme only", "docker", []string{"document-signing"}},
		{"case does not matter", "SAML", []string{"identity-gateway"}},
		{"phrase in description before words in readme", "electronic signatures", []string{"signature-validator", "document-signing", "identity-gateway"}},
		{"no match", "blockchain", []string{}},
		{"only stop words", "the of", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, registry.SearchQuery{Text: tt.text})
			if diff := cmp.Diff(tt.want, hitIDs(res)); diff != "" {
				t.Errorf("hits for %q (-want +got):\n%s", tt.text, diff)
			}
			if res.Total != len(tt.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

// TestSearchPhraseRanksFirst checks that a phrase matched as written beats
// the same words scattered, even where the words hit the heavier name field.
func TestSearchPhraseRanksFirst(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	projects := []*registry.Project{
		{ID: "scattered", Record: registry.Record{Name: "Online Payments", Description: "Pay the taxes and forms due, online."}},
		{ID: "phrase", Record: registry.Record{Name: "Citizen Portal", Description: "Fill in online forms."}},
	}
	if err := ix.Put(t.Context(), projects...); err != nil {
		t.Fatal(err)
	}
	res := mustSearch(t, ix, registry.SearchQuery{Text: "online forms"})
	if diff := cmp.Diff([]string{"phrase", "scattered"}, hitIDs(res)); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
}

func TestSearchFilters(t *testing.T) {
	ix := memoryIndex(t)
	tests := []struct {
		name string
		q    registry.SearchQuery
		want []string
	}{
		{"licence from an expression", registry.SearchQuery{License: "MIT"}, []string{"signature-validator"}},
		{"licence from a file, exception left out", registry.SearchQuery{License: "GPL-2.0-only"}, []string{"identity-gateway"}},
		{"no licence", registry.SearchQuery{License: NoLicense}, []string{"tax-calculator"}},
		{"any of the languages", registry.SearchQuery{Language: "Java"}, []string{"document-signing", "signature-validator", "identity-gateway"}},
		{"participant", registry.SearchQuery{Participant: "fr-dinum"}, []string{"form-builder", "signature-validator"}},
		{"country", registry.SearchQuery{Country: "IT"}, []string{"identity-gateway", "tax-calculator"}},
		{"filters combine", registry.SearchQuery{Language: "Java", Country: "NL"}, []string{"document-signing"}},
		{"filters narrow text", registry.SearchQuery{Text: "electronic signatures", License: "EUPL-1.2"}, []string{"document-signing"}},
		{"filter values are exact", registry.SearchQuery{Language: "java"}, []string{}},
		{"unknown value", registry.SearchQuery{Country: "XX"}, []string{}},
		{"without publiccode.yml", registry.SearchQuery{HasPubliccode: "false"}, []string{"signature-validator", "tax-calculator"}},
		{"licence family", registry.SearchQuery{LicenseFamily: "weak-copyleft"}, []string{"identity-gateway"}},
		{"no licence is proprietary or unknown", registry.SearchQuery{LicenseFamily: "proprietary-or-unknown"}, []string{"tax-calculator"}},
		{"licence family of a choice is the freer", registry.SearchQuery{LicenseFamily: "permissive"}, []string{"signature-validator"}},
		{"standard", registry.SearchQuery{Standard: "wcag"}, []string{"open-forms", "form-builder"}},
		{"worst check outcome", registry.SearchQuery{CheckStatus: registry.CheckWarn}, []string{"document-signing", "form-builder"}},
		{"a failed check outweighs passed ones", registry.SearchQuery{CheckStatus: registry.CheckFail}, []string{"signature-validator"}},
		{"active within 30 days, the 30th day included", registry.SearchQuery{Activity: registry.ActivityMonth}, []string{"open-forms"}},
		{"active within a year", registry.SearchQuery{Activity: registry.ActivityYear}, []string{"document-signing", "form-builder"}},
		{"active one to three years ago", registry.SearchQuery{Activity: registry.ActivityThreeYears}, []string{"signature-validator"}},
		{"inactive for over three years", registry.SearchQuery{Activity: registry.ActivityOlder}, []string{"identity-gateway"}},
		{"new filters combine with text", registry.SearchQuery{Text: "signatures", Standard: "saml-2", Activity: registry.ActivityOlder}, []string{"identity-gateway"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Now = fixtureNow
			res := mustSearch(t, ix, tt.q)
			if diff := cmp.Diff(tt.want, hitIDs(res)); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if res.Total != len(tt.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

// TestSearchActivityFollowsTheClock checks that last activity is measured
// from the query's clock: a second later, Open Forms is no longer active
// within 30 days; earlier, a commit after the clock counts as recent.
func TestSearchActivityFollowsTheClock(t *testing.T) {
	ix := memoryIndex(t)
	for _, tt := range []struct {
		now  time.Time
		want []string
	}{
		{fixtureNow, []string{"open-forms"}},
		{fixtureNow.Add(time.Second), []string{}},
		{time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC), []string{"open-forms", "document-signing"}},
	} {
		res := mustSearch(t, ix, registry.SearchQuery{Activity: registry.ActivityMonth, Now: tt.now})
		if diff := cmp.Diff(tt.want, hitIDs(res)); diff != "" {
			t.Errorf("active within 30 days of %s (-want +got):\n%s", tt.now, diff)
		}
	}
}

// TestSearchRefusesUnknownChoices checks that a sort or activity the
// search does not know is an EINVALID error that names the valid ones.
func TestSearchRefusesUnknownChoices(t *testing.T) {
	ix := memoryIndex(t)
	for _, tt := range []struct {
		q    registry.SearchQuery
		want string
	}{
		{registry.SearchQuery{Sort: "stars"}, `Unknown sort "stars": use relevance, recent or name.`},
		{registry.SearchQuery{Text: "form", Sort: "Name"}, `Unknown sort "Name": use relevance, recent or name.`},
		{registry.SearchQuery{Activity: "week"}, `Unknown activity "week": use one of month, year, three-years, older.`},
	} {
		_, err := ix.Search(t.Context(), tt.q)
		if code := registry.ErrorCode(err); code != registry.EINVALID {
			t.Errorf("%+v: error %v has code %q, want %q", tt.q, err, code, registry.EINVALID)
		}
		if got := registry.ErrorMessage(err); got != tt.want {
			t.Errorf("%+v: message %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestSearchFiltersDoNotChangeScores checks that a filter only removes hits.
func TestSearchFiltersDoNotChangeScores(t *testing.T) {
	ix := memoryIndex(t)
	all := mustSearch(t, ix, registry.SearchQuery{Text: "electronic signatures"})
	filtered := mustSearch(t, ix, registry.SearchQuery{Text: "electronic signatures", Country: "NL"})
	want := slices.DeleteFunc(slices.Clone(all.Hits), func(h registry.SearchHit) bool { return h.ID != "document-signing" })
	// The same score, but bleve may add the clauses' scores up in another
	// order, which can change the last bit of a float64.
	if diff := cmp.Diff(want, filtered.Hits, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("filtered hits (-want +got):\n%s", diff)
	}
}

func facetValue(value string, count int) registry.FacetValue {
	return registry.FacetValue{Value: value, Count: count}
}

func TestSearchFacets(t *testing.T) {
	ix := memoryIndex(t)
	tests := []struct {
		name string
		q    registry.SearchQuery
		want map[string][]registry.FacetValue
	}{
		{
			name: "everything",
			q:    registry.SearchQuery{},
			want: map[string][]registry.FacetValue{
				FacetLicense:       {facetValue("EUPL-1.2", 2), facetValue("AGPL-3.0-only", 1), facetValue("Apache-2.0", 1), facetValue("GPL-2.0-only", 1), facetValue("MIT", 1), facetValue(NoLicense, 1)},
				FacetLicenseFamily: {facetValue("strong-copyleft", 3), facetValue("permissive", 1), facetValue("proprietary-or-unknown", 1), facetValue("weak-copyleft", 1)},
				FacetLanguage:      {facetValue("Java", 3), facetValue("Go", 2), facetValue("JavaScript", 2), facetValue("Python", 1), facetValue("TypeScript", 1)},
				FacetParticipant:   {facetValue("fr-dinum", 2), facetValue("it-agid", 2), facetValue("nl-bzk", 2)},
				FacetCountry:       {facetValue("FR", 2), facetValue("IT", 2), facetValue("NL", 2)},
				FacetStandard:      {facetValue("wcag", 2), facetValue("openapi", 1), facetValue("openid-connect", 1), facetValue("pdf-a", 1), facetValue("saml-2", 1)},
				FacetCheckStatus:   {facetValue("pass", 2), facetValue("warn", 2), facetValue("fail", 1)},
				FacetActivity:      {facetValue("month", 1), facetValue("year", 2), facetValue("three-years", 1), facetValue("older", 1)},
				FacetHasPubliccode: {facetValue("true", 4), facetValue("false", 2)},
			},
		},
		{
			name: "text and filter",
			q:    registry.SearchQuery{Text: "form", Language: "JavaScript"},
			want: map[string][]registry.FacetValue{
				FacetLicense:       {facetValue("AGPL-3.0-only", 1), facetValue("EUPL-1.2", 1)},
				FacetLicenseFamily: {facetValue("strong-copyleft", 2)},
				FacetLanguage:      {facetValue("JavaScript", 2), facetValue("Python", 1), facetValue("TypeScript", 1)},
				FacetParticipant:   {facetValue("fr-dinum", 1), facetValue("nl-bzk", 1)},
				FacetCountry:       {facetValue("FR", 1), facetValue("NL", 1)},
				FacetStandard:      {facetValue("wcag", 2), facetValue("openapi", 1)},
				FacetCheckStatus:   {facetValue("pass", 1), facetValue("warn", 1)},
				FacetActivity:      {facetValue("month", 1), facetValue("year", 1)},
				FacetHasPubliccode: {facetValue("true", 2)},
			},
		},
		{
			name: "no match still names every facet",
			q:    registry.SearchQuery{Text: "blockchain"},
			want: map[string][]registry.FacetValue{
				FacetLicense: {}, FacetLicenseFamily: {}, FacetLanguage: {}, FacetParticipant: {}, FacetCountry: {},
				FacetStandard: {}, FacetCheckStatus: {}, FacetActivity: {}, FacetHasPubliccode: {},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Now = fixtureNow
			res := mustSearch(t, ix, tt.q)
			if diff := cmp.Diff(tt.want, res.Facets); diff != "" {
				t.Errorf("facets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFacetCountsEqualFilteredTotals checks, on a larger catalogue, that
// choosing any value of any facet gives exactly as many results as it
// announced.
func TestFacetCountsEqualFilteredTotals(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(t.Context(), syntheticProjects(300)...); err != nil {
		t.Fatal(err)
	}
	// filterOf points at the query's filter for each facet.
	filterOf := map[string]func(*registry.SearchQuery) *string{
		FacetLicense:       func(q *registry.SearchQuery) *string { return &q.License },
		FacetLicenseFamily: func(q *registry.SearchQuery) *string { return &q.LicenseFamily },
		FacetLanguage:      func(q *registry.SearchQuery) *string { return &q.Language },
		FacetParticipant:   func(q *registry.SearchQuery) *string { return &q.Participant },
		FacetCountry:       func(q *registry.SearchQuery) *string { return &q.Country },
		FacetStandard:      func(q *registry.SearchQuery) *string { return &q.Standard },
		FacetCheckStatus:   func(q *registry.SearchQuery) *string { return &q.CheckStatus },
		FacetActivity:      func(q *registry.SearchQuery) *string { return &q.Activity },
		FacetHasPubliccode: func(q *registry.SearchQuery) *string { return &q.HasPubliccode },
	}
	// exactlyOne are the facets every synthetic project has one value of,
	// whose counts add up to the total.
	exactlyOne := map[string]bool{FacetParticipant: true, FacetCountry: true, FacetLicenseFamily: true, FacetActivity: true, FacetHasPubliccode: true}
	for _, base := range []registry.SearchQuery{
		{},
		{Text: "permit"},
		{Text: "open data", Country: "NL"},
		{Text: "tax", Language: "Go"},
		{Standard: "openapi", Activity: registry.ActivityYear},
		{Text: "data", CheckStatus: registry.CheckPass, LicenseFamily: "permissive"},
	} {
		base.Now = syntheticNow
		res := mustSearch(t, ix, base)
		if res.Total == 0 {
			t.Fatalf("%+v matched nothing; the check would be empty", base)
		}
		if base.Text == "" && base.Standard == "" && len(res.Facets[FacetParticipant]) != 40 {
			t.Errorf("participant facet shows %d of 40 values, want every one", len(res.Facets[FacetParticipant]))
		}
		if len(res.Facets) != len(filterOf) {
			t.Errorf("%d facets, want %d: %v", len(res.Facets), len(filterOf), res.Facets)
		}
		for facet, filter := range filterOf {
			if *filter(&base) != "" {
				continue // one value per filter: it cannot be narrowed further
			}
			t.Run(fmt.Sprintf("%s/%+v", facet, base), func(t *testing.T) {
				if len(res.Facets[facet]) == 0 {
					t.Fatalf("no values")
				}
				sum := 0
				for _, v := range res.Facets[facet] {
					q := base
					*filter(&q) = v.Value
					q.PerPage = 1
					if got := mustSearch(t, ix, q).Total; got != v.Count {
						t.Errorf("%s=%s: Total = %d, facet count %d", facet, v.Value, got, v.Count)
					}
					sum += v.Count
				}
				if exactlyOne[facet] && len(res.Facets[facet]) < facetSize && sum != res.Total {
					t.Errorf("%s counts add up to %d, want Total %d", facet, sum, res.Total)
				}
			})
		}
	}
}

func TestSearchPagination(t *testing.T) {
	ix := memoryIndex(t)
	all := hitIDs(mustSearch(t, ix, registry.SearchQuery{}))
	tests := []struct {
		page, perPage int
		want          []string
	}{
		{1, 4, all[:4]},
		{2, 4, all[4:]},
		{3, 4, []string{}},
		{0, 4, all[:4]}, // page from 1
		{-3, 2, all[:2]},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("page %d of %d", tt.page, tt.perPage), func(t *testing.T) {
			res := mustSearch(t, ix, registry.SearchQuery{Page: tt.page, PerPage: tt.perPage})
			if diff := cmp.Diff(tt.want, hitIDs(res)); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if res.Total != len(all) {
				t.Errorf("Total = %d, want %d", res.Total, len(all))
			}
		})
	}
}

func TestSearchPageSizeLimits(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(t.Context(), syntheticProjects(150)...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		q        registry.SearchQuery
		wantHits int
	}{
		{"default", registry.SearchQuery{}, DefaultPerPage},
		{"negative is default", registry.SearchQuery{PerPage: -1}, DefaultPerPage},
		{"at most the maximum", registry.SearchQuery{PerPage: 1000}, MaxPerPage},
		{"last partial page", registry.SearchQuery{PerPage: 100, Page: 2}, 50},
		{"deepest page allowed", registry.SearchQuery{PerPage: 100, Page: 100}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, tt.q)
			if len(res.Hits) != tt.wantHits || res.Total != 150 {
				t.Errorf("got %d hits of %d, want %d of 150", len(res.Hits), res.Total, tt.wantHits)
			}
		})
	}

	t.Run("too deep", func(t *testing.T) {
		_, err := ix.Search(t.Context(), registry.SearchQuery{PerPage: 100, Page: 101})
		if code := registry.ErrorCode(err); code != registry.EINVALID {
			t.Errorf("error %v has code %q, want %q", err, code, registry.EINVALID)
		}
	})
}

func TestSearchHighlights(t *testing.T) {
	ix := memoryIndex(t)
	tests := []struct {
		name string
		text string
		want map[string]map[string][]string // by hit ID, then field
	}{
		{
			name: "description is escaped around the mark",
			text: "tax",
			want: map[string]map[string][]string{
				"tax-calculator": {"description": {"Calculates income <mark>tax</mark> &lt;script&gt;alert(1)&lt;/script&gt; for households."}},
			},
		},
		{
			name: "readme is escaped too",
			text: "rates",
			want: map[string]map[string][]string{
				"tax-calculator": {"readme": {"Rules &amp; <mark>rates</mark> for 2024 are in &lt;rates.yaml&gt;."}},
			},
		},
		{
			name: "stemmed matches are marked; fields without one are left out",
			text: "signing",
			want: map[string]map[string][]string{
				"document-signing": {
					"description": {"<mark>Sign</mark> PDF documents with qualified electronic signatures."},
					"readme":      {"Document <mark>Signing</mark> <mark>signs</mark> documents for public bodies. Run it with Docker and point it at a hardware security module."},
				},
				"identity-gateway": {"description": {"Single <mark>sign</mark>-on gateway for citizens&#39; digital identity (SPID, eIDAS)."}},
			},
		},
		{
			name: "a match outside description and readme has no fragments",
			text: "interior",
			want: map[string]map[string][]string{"document-signing": nil, "open-forms": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, registry.SearchQuery{Text: tt.text})
			got := make(map[string]map[string][]string)
			for _, h := range res.Hits {
				got[h.ID] = h.Fragments
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fragments (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("script tag never survives", func(t *testing.T) {
		res := mustSearch(t, ix, registry.SearchQuery{Text: "households script alert"})
		for _, h := range res.Hits {
			for field, fragments := range h.Fragments {
				for _, f := range fragments {
					if strings.Contains(f, "<script") {
						t.Errorf("%s %s fragment not escaped: %s", h.ID, field, f)
					}
				}
			}
		}
	})
}
