package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

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

// Weights of free text. A project is found by its name above its
// description (its own, or publiccode.yml's in any language) above its
// README; by the whole name or a whole phrase above its words; by its words
// as written (stemmed) above words within a typo of them or starting with
// them.
const (
	exactNameBoost  = 12   // the query is the whole name, case aside
	countryBoost    = 3    // the query is the country's code
	fuzzyNameBoost  = 0.4  // a word within one edit of a name word
	fuzzyTextBoost  = 0.15 // ... of a description, participant or country word
	prefixNameBoost = 0.3  // a name word starting with a query word
	prefixTextBoost = 0.1  // ... a description, participant or country word
	publiccodeBoost = 1.5  // a word of a publiccode.yml description, any language
)

// Fuzzy and prefix matching limits: typo tolerance for words long enough
// that one edit rarely turns them into another word, prefixes for short
// queries (what someone is still typing) of words long enough to narrow.
const (
	minFuzzyRunes  = 5
	fuzziness      = 1
	maxPrefixWords = 2
	minPrefixRunes = 3
)

// textFields are the fields matched word by word (stemmed), with their
// boosts; phraseBoost, when not 0, also matches the text as a phrase.
var textFields = []struct {
	field       string
	boost       float64
	phraseBoost float64 // 0: no phrase query on this field
}{
	{fieldName, 3, 6},
	{fieldDescription, 2, 4},
	{fieldParticipantName, 1.5, 3},
	{fieldCountryName, 1.5, 3},
	{fieldReadme, 1, 0},
}

// markOpen starts a match in a fragment: bleve's html highlighter wraps
// matches in <mark></mark> and HTML-escapes all the text.
const markOpen = "<mark>"

// highlightFields are the stored fields excerpts are taken from.
var highlightFields = []string{fieldDescription, fieldReadme}

// Search answers a catalogue query. Empty text matches every project, most
// recently committed first; otherwise hits come by relevance, found in the
// name, description, publiccode.yml descriptions (stemmed in their own
// languages), participant, country (name or code) and README, with one typo
// allowed in words of five letters or more and, for one- or two-word
// queries, words taken as prefixes. Filters
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
	req := bleve.NewSearchRequestOptions(buildQuery(text, q, ix.plainWords), perPage, (page-1)*perPage, false)
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
func buildQuery(text string, q registry.SearchQuery, words func(string) []string) query.Query {
	var match query.Query = bleve.NewMatchAllQuery()
	if text != "" {
		match = textQuery(text, words(text))
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

// textQuery matches free text, whose plain words are words: any clause may
// match, and a project that matches more of them, or heavier ones, ranks
// higher.
func textQuery(text string, words []string) query.Query {
	var clauses []query.Query
	add := func(q interface {
		query.Query
		SetField(string)
		SetBoost(float64)
	}, field string, boost float64) {
		q.SetField(field)
		q.SetBoost(boost)
		clauses = append(clauses, q)
	}
	for _, f := range textFields {
		add(bleve.NewMatchQuery(text), f.field, f.boost)
		if f.phraseBoost > 0 {
			add(bleve.NewMatchPhraseQuery(text), f.field, f.phraseBoost)
		}
	}
	for _, lang := range publiccodeFieldLanguages() {
		add(bleve.NewMatchQuery(text), fieldPubliccode+"."+lang, publiccodeBoost)
	}

	add(bleve.NewTermQuery(strings.Join(strings.Fields(strings.ToLower(text)), " ")), fieldNameSort, exactNameBoost)
	if len(words) == 1 && len(words[0]) == 2 {
		add(bleve.NewTermQuery(strings.ToUpper(words[0])), fieldCountry, countryBoost)
	}
	if loose := looseQuery(words); loose != nil {
		// One clause, so that a word matched both as written and
		// loosely does not count twice towards the number of clauses
		// matched, which bleve rewards.
		clauses = append(clauses, loose)
	}
	return bleve.NewDisjunctionQuery(clauses...)
}

// looseQuery matches the words with a typo or as prefixes, or is nil when
// no word qualifies. Stop words are left out: "the" is not a prefix worth
// matching.
func looseQuery(words []string) query.Query {
	var clauses []query.Query
	words = slices.DeleteFunc(slices.Clone(words), isStopWord)
	for _, w := range words {
		if utf8.RuneCountInString(w) >= minFuzzyRunes {
			for _, f := range []struct {
				field string
				boost float64
			}{{fieldNamePlain, fuzzyNameBoost}, {fieldTextPlain, fuzzyTextBoost}} {
				q := bleve.NewFuzzyQuery(w)
				q.SetFuzziness(fuzziness)
				q.SetField(f.field)
				q.SetBoost(f.boost)
				clauses = append(clauses, q)
			}
		}
		if len(words) <= maxPrefixWords && utf8.RuneCountInString(w) >= minPrefixRunes {
			for _, f := range []struct {
				field string
				boost float64
			}{{fieldNamePlain, prefixNameBoost}, {fieldTextPlain, prefixTextBoost}} {
				q := bleve.NewPrefixQuery(w)
				q.SetField(f.field)
				q.SetBoost(f.boost)
				clauses = append(clauses, q)
			}
		}
	}
	if len(clauses) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(clauses...)
}

// plainWords splits text into words as the plain analyzer does: lower
// case, accents folded, letters and digits.
func (ix *Index) plainWords(text string) []string {
	analyzer := ix.index.Mapping().AnalyzerNamed(plainAnalyzer)
	if analyzer == nil {
		return nil
	}
	var words []string
	for _, t := range analyzer.Analyze([]byte(text)) {
		words = append(words, string(t.Term))
	}
	return words
}
