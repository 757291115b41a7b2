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

// Paging limits.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	// maxResultWindow bounds how deep a page may be, as search engines
	// commonly do: a person refines the query long before page 500.
	maxResultWindow = 10_000
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

// Search answers a catalogue query. Empty text matches every project;
// otherwise hits are found in the name, description, publiccode.yml
// descriptions (stemmed in their own languages), participant, country
// (name or code) and README, with one typo allowed in words of five letters
// or more and, for one- or two-word queries, words taken as prefixes.
// Filters narrow the matches without changing their scores, and facet
// counts are taken over all the matches, filters included, so a facet
// value's count is the total its filter would give.
//
// Hits come by relevance (the most recently committed first when there is
// no text), by last commit or by name, as q.Sort says; matches are
// highlighted whenever there is text. An unknown sort or activity, and a
// page beyond the first 10,000 results, are refused with an EINVALID error.
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
	now := q.Now
	if now.IsZero() {
		now = ix.now()
	}

	text := strings.TrimSpace(q.Text)
	order, err := sortOrder(q.Sort, text != "")
	if err != nil {
		return nil, err
	}
	filters, err := filterQueries(q, now)
	if err != nil {
		return nil, err
	}
	cq := &catalogueQuery{filters: filters, columns: ix.facetColumns.get, now: now}
	if text != "" {
		cq.text = textQuery(text, ix.plainWords(text))
	}
	req := bleve.NewSearchRequestOptions(cq, perPage, (page-1)*perPage, false)
	req.SortByCustom(order)
	if text != "" {
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.Fields = highlightFields
	}

	res, err := ix.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search index for %q: %w", q.Text, err)
	}
	out := &registry.SearchResult{
		Total:  int(res.Total),
		Hits:   make([]registry.SearchHit, 0, len(res.Hits)),
		Facets: cq.counter.values(),
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, registry.SearchHit{ID: h.ID, Score: h.Score, Fragments: markedFragments(h.Fragments)})
	}
	return out, nil
}

// sortOrder is the order of hits for a sort name: by relevance (or, with
// no text, the most recent commit first), most recent commit first, or by
// name. Ties go by name, then ID, so that pages never overlap; equal scores
// go by ID alone, which spares reading every match's name.
func sortOrder(name string, hasText bool) (search.SortOrder, error) {
	byName := &search.SortField{Field: fieldNameSort}
	byID := &search.SortDocID{}
	recent := &search.SortField{Field: fieldCommitted, Desc: true, Missing: search.SortFieldMissingLast}
	switch name {
	case "", registry.SortRelevance:
		if !hasText {
			return search.SortOrder{recent, byName, byID}, nil
		}
		return search.SortOrder{&search.SortScore{Desc: true}, byID}, nil
	case registry.SortRecent:
		return search.SortOrder{recent, byName, byID}, nil
	case registry.SortName:
		return search.SortOrder{byName, byID}, nil
	}
	return nil, registry.Errorf(registry.EINVALID, "Unknown sort %q: use %s, %s or %s.",
		name, registry.SortRelevance, registry.SortRecent, registry.SortName)
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

	add(bleve.NewTermQuery(nameKey(text)), fieldNameSort, exactNameBoost)
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
