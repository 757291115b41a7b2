package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/govshare/govshare/registry"
)

// Facet names in SearchResult.Facets.
const (
	FacetLicense       = "license"
	FacetLanguage      = "language"
	FacetParticipant   = "participant"
	FacetCountry       = "country"
	FacetHasPubliccode = "has_publiccode"
)

// facetFields maps each facet to the field it counts.
var facetFields = map[string]string{
	FacetLicense:       fieldLicense,
	FacetLanguage:      fieldLanguage,
	FacetParticipant:   fieldParticipant,
	FacetCountry:       fieldCountry,
	FacetHasPubliccode: fieldHasPubliccode,
}

// Paging limits.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	// maxResultWindow bounds how deep a page may be, as search engines
	// commonly do: a person refines the query long before page 500.
	maxResultWindow = 10_000
	// facetSize is how many values of each facet are counted and returned.
	facetSize = 30
)

// Field weights for free text: a match in the name counts most, and a whole
// phrase matched in the name or description counts more than its words.
var textFields = []struct {
	field       string
	boost       float64
	phraseBoost float64 // 0: no phrase query on this field
}{
	{fieldName, 3, 6},
	{fieldDescription, 2, 4},
	{fieldParticipantName, 1.5, 0},
	{fieldReadme, 1, 0},
}

// markOpen starts a match in a fragment: bleve's html highlighter wraps
// matches in <mark></mark> and HTML-escapes all the text.
const markOpen = "<mark>"

// highlightFields are the stored fields excerpts are taken from.
var highlightFields = []string{fieldDescription, fieldReadme}

// Search answers a catalogue query. Empty text matches every project, most
// recently committed first; otherwise hits come by relevance. Filters
// narrow the matches without changing their scores, and facet counts are
// taken over all the matches, filters included, so a facet value's count is
// the total its filter would give. A page beyond the first 10,000 results
// is refused with an EINVALID error.
func (ix *Index) Search(ctx context.Context, q registry.SearchQuery) (*registry.SearchResult, error) {
	page := max(q.Page, 1)
	perPage := q.PerPage
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	perPage = min(perPage, MaxPerPage)
	if page > maxResultWindow/perPage {
		return nil, registry.Errorf(registry.EINVALID,
			"Page %d is too far: only the first %d results can be shown; refine the search instead.", page, maxResultWindow)
	}

	text := strings.TrimSpace(q.Text)
	req := bleve.NewSearchRequestOptions(buildQuery(text, q), perPage, (page-1)*perPage, false)
	if text == "" {
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldCommittedAt, Desc: true, Missing: search.SortFieldMissingLast},
			&search.SortField{Field: fieldNameSort},
			&search.SortDocID{},
		})
	} else {
		req.SortByCustom(search.SortOrder{
			&search.SortScore{Desc: true},
			&search.SortField{Field: fieldNameSort},
			&search.SortDocID{},
		})
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.Fields = highlightFields
	}
	for name, field := range facetFields {
		req.AddFacet(name, bleve.NewFacetRequest(field, facetSize))
	}

	res, err := ix.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search index for %q: %w", q.Text, err)
	}
	return newSearchResult(res), nil
}

// buildQuery combines the free text and the filters in a conjunction. The
// filters are term queries with boost 0, so they select without scoring: a
// project's score, and so its rank, is the same with or without them. (A
// conjunction leapfrogs through the postings; bleve's boolean filter clause
// would score every text match first, and measured twice as slow.)
func buildQuery(text string, q registry.SearchQuery) query.Query {
	var match query.Query = bleve.NewMatchAllQuery()
	if text != "" {
		var clauses []query.Query
		for _, f := range textFields {
			m := bleve.NewMatchQuery(text)
			m.SetField(f.field)
			m.SetBoost(f.boost)
			clauses = append(clauses, m)
			if f.phraseBoost > 0 {
				p := bleve.NewMatchPhraseQuery(text)
				p.SetField(f.field)
				p.SetBoost(f.phraseBoost)
				clauses = append(clauses, p)
			}
		}
		match = bleve.NewDisjunctionQuery(clauses...)
	}

	var filters []query.Query
	for _, f := range []struct{ field, value string }{
		{fieldLicense, q.License},
		{fieldLanguage, q.Language},
		{fieldParticipant, q.Participant},
		{fieldCountry, q.Country},
		{fieldHasPubliccode, q.HasPubliccode},
	} {
		if f.value == "" {
			continue
		}
		t := bleve.NewTermQuery(f.value)
		t.SetField(f.field)
		t.SetBoost(0)
		filters = append(filters, t)
	}
	if len(filters) == 0 {
		return match
	}
	return bleve.NewConjunctionQuery(append(filters, match)...)
}

func newSearchResult(res *bleve.SearchResult) *registry.SearchResult {
	out := &registry.SearchResult{
		Total:  int(res.Total),
		Hits:   make([]registry.SearchHit, 0, len(res.Hits)),
		Facets: make(map[string][]registry.FacetValue, len(facetFields)),
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, registry.SearchHit{ID: h.ID, Score: h.Score, Fragments: markedFragments(h.Fragments)})
	}
	for name := range facetFields {
		values := []registry.FacetValue{}
		if f := res.Facets[name]; f != nil && f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				values = append(values, registry.FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		out.Facets[name] = values
	}
	return out
}

// markedFragments keeps the fragments that show a match. Bleve also returns
// the start of a highlighted field that did not match, which would only
// repeat the record's own text.
func markedFragments(byField search.FieldFragmentMap) map[string][]string {
	var out map[string][]string
	for field, fragments := range byField {
		for _, f := range fragments {
			if !strings.Contains(f, markOpen) {
				continue
			}
			if out == nil {
				out = make(map[string][]string)
			}
			out[field] = append(out[field], f)
		}
	}
	return out
}
