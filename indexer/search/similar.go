package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/govshare/govshare/registry"
)

// What makes two projects similar, and how much. Shared distinctive words
// count most: in what a project says it is (its name and descriptions),
// then in its README. Shared facets add to that: an open standard most, as
// it says what the software does, then a language, the licence family, and
// least the participant and country, which say who made it rather than what
// it is. (Tuned on the relevance fixtures; see TestSimilar.)
const (
	similarAboutBoost       = 1.0
	similarReadmeBoost      = 0.3
	similarStandardBoost    = 0.5
	similarLanguageBoost    = 0.3
	similarFamilyBoost      = 0.2
	similarParticipantBoost = 0.1
	similarCountryBoost     = 0.05
)

// maxSimilarTerms is how many of a project's most distinctive words (for
// each language of its descriptions) are looked for in others. A word in
// more than one project in maxSimilarShare (a fifth) is not distinctive.
// Only the most distinctive maxSimilarReadmeTerms are looked for in
// READMEs too, whose many words would otherwise make most projects match.
const (
	maxSimilarTerms       = 20
	maxSimilarShare       = 5
	maxSimilarReadmeTerms = 5
)

// similarFacets are the facets whose values a similar project may share,
// with what sharing one is worth.
var similarFacets = []struct {
	field string
	boost float64
}{
	{fieldStandard, similarStandardBoost},
	{fieldLanguage, similarLanguageBoost},
	{fieldLicenseFamily, similarFamilyBoost},
	{fieldParticipant, similarParticipantBoost},
	{fieldCountry, similarCountryBoost},
}

// Similar returns up to n projects (at most MaxPerPage) most like the
// project id, best first, never the project itself. They share some of its
// most distinctive words (those frequent in its name, descriptions and
// README and rare in the catalogue), and rank by those words and by the
// standards, languages, licence family, participant and country they share
// with it. A project the index does not hold has no similar projects.
func (ix *Index) Similar(ctx context.Context, id string, n int) ([]registry.SearchHit, error) {
	hits := []registry.SearchHit{}
	if n <= 0 {
		return hits, nil
	}
	q, err := ix.similarQuery(ctx, id)
	if err != nil || q == nil {
		return hits, err
	}
	req := bleve.NewSearchRequestOptions(q, min(n, MaxPerPage), 0, false)
	req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	res, err := ix.index.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("find projects similar to %s: %w", id, err)
	}
	for _, h := range res.Hits {
		hits = append(hits, registry.SearchHit{ID: h.ID, Score: h.Score})
	}
	return hits, nil
}

// similarQuery reads project id from the index and returns the query for
// projects like it: any of its distinctive words, scored with the facets
// shared, itself excluded. It is nil when the index does not hold the
// project or it has no word another project shares.
func (ix *Index) similarQuery(ctx context.Context, id string) (q query.Query, err error) {
	advanced, err := ix.index.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read project %s from search index: %w", id, err)
	}
	reader, err := advanced.Reader()
	if err != nil {
		return nil, fmt.Errorf("read project %s from search index: %w", id, err)
	}
	defer func() {
		if cerr := reader.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close search index reader: %w", cerr))
		}
	}()
	internal, err := reader.InternalID(id)
	if err != nil {
		return nil, fmt.Errorf("read project %s from search index: %w", id, err)
	}
	if internal == nil {
		return nil, nil
	}
	doc, err := reader.Document(id)
	if err != nil {
		return nil, fmt.Errorf("read project %s from search index: %w", id, err)
	}
	if doc == nil {
		return nil, nil
	}
	texts := make(map[string]string)
	doc.VisitFields(func(f index.Field) { texts[f.Name()] = string(f.Value()) })

	var words []query.Query
	english := []weightedText{
		{joinTexts(texts, []string{fieldName, fieldDescription, fieldPubliccode + ".en"}), 1},
		{texts[fieldReadme], similarReadmeBoost},
	}
	weighted, err := distinctiveTerms(ctx, reader, ix.index.Mapping(), en.AnalyzerName, english, []string{fieldAbout, fieldReadme})
	if err != nil {
		return nil, err
	}
	for i, t := range weighted {
		words = append(words, boostedTerm(t.term, fieldAbout, similarAboutBoost*t.weight))
		if i < maxSimilarReadmeTerms {
			words = append(words, boostedTerm(t.term, fieldReadme, similarReadmeBoost*t.weight))
		}
	}
	for _, lang := range publiccodeFieldLanguages() {
		field := fieldPubliccode + "." + lang
		if lang == "en" || texts[field] == "" {
			continue
		}
		weighted, err := distinctiveTerms(ctx, reader, ix.index.Mapping(), publiccodeAnalyzer(lang), []weightedText{{texts[field], 1}}, []string{field})
		if err != nil {
			return nil, err
		}
		for _, t := range weighted {
			words = append(words, boostedTerm(t.term, field, similarAboutBoost*t.weight))
		}
	}
	if len(words) == 0 {
		return nil, nil
	}

	shared, err := sharedFacets(reader, internal)
	if err != nil {
		return nil, fmt.Errorf("read facets of project %s: %w", id, err)
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(bleve.NewDisjunctionQuery(words...))
	if len(shared) > 0 {
		b.AddShould(bleve.NewDisjunctionQuery(shared...))
	}
	b.AddMustNot(bleve.NewDocIDQuery([]string{id}))
	return b, nil
}

// sharedFacets are term queries for the project's facet values, each
// boosted by what sharing it is worth.
func sharedFacets(reader index.IndexReader, internal index.IndexInternalID) ([]query.Query, error) {
	fields := make([]string, len(similarFacets))
	boosts := make(map[string]float64, len(similarFacets))
	for i, f := range similarFacets {
		fields[i] = f.field
		boosts[f.field] = f.boost
	}
	values, err := reader.DocValueReader(fields)
	if err != nil {
		return nil, err
	}
	var shared []query.Query
	err = values.VisitDocValues(internal, func(field string, term []byte) {
		shared = append(shared, boostedTerm(string(term), field, boosts[field]))
	})
	return shared, err
}

func boostedTerm(term, field string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// joinTexts joins the texts of the fields named, in order.
func joinTexts(texts map[string]string, fields []string) string {
	var joined []byte
	for _, f := range fields {
		joined = append(append(joined, texts[f]...), '\n')
	}
	return string(joined)
}

// maxCandidateTerms is how many of a project's most frequent words have
// their catalogue frequency looked up: two index lookups a word made a long
// README's page cost over 100 ms.
const maxCandidateTerms = 200

// mostFrequent keeps the n terms of frequency with the highest weight
// (ties by term, so the choice is stable).
func mostFrequent(frequency map[string]float64, n int) map[string]float64 {
	if len(frequency) <= n {
		return frequency
	}
	terms := slices.Collect(maps.Keys(frequency))
	slices.SortFunc(terms, func(a, b string) int {
		return cmp.Or(cmp.Compare(frequency[b], frequency[a]), cmp.Compare(a, b))
	})
	kept := make(map[string]float64, n)
	for _, t := range terms[:n] {
		kept[t] = frequency[t]
	}
	return kept
}

// weightedTerm is an analysed word and how distinctive it is, from 0 to 1.
type weightedTerm struct {
	term   string
	weight float64
}

// weightedText is one of a project's texts, and how much its words say
// about the project.
type weightedText struct {
	text   string
	weight float64
}

// distinctiveTerms analyses texts with the named analyzer and returns their
// maxSimilarTerms most distinctive terms: those frequent in the texts (each
// occurrence counting the weight of its text) and rare in the catalogue (by
// their document frequency in the field where they are commonest), leaving
// out those no other project has and those too common to tell projects
// apart. Each weighs its tf-idf relative to the best one's.
func distinctiveTerms(ctx context.Context, reader index.IndexReader, m mapping.IndexMapping, analyzerName string, texts []weightedText, fields []string) ([]weightedTerm, error) {
	a := m.AnalyzerNamed(analyzerName)
	if a == nil {
		return nil, fmt.Errorf("no analyzer %s", analyzerName)
	}
	docCount, err := reader.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count search index documents: %w", err)
	}
	frequency := make(map[string]float64)
	for _, text := range texts {
		for _, t := range a.Analyze([]byte(text.text)) {
			frequency[string(t.Term)] += text.weight
		}
	}
	var terms []weightedTerm
	for term, tf := range mostFrequent(frequency, maxCandidateTerms) {
		df := uint64(0)
		for _, field := range fields {
			r, err := reader.TermFieldReader(ctx, []byte(term), field, false, false, false)
			if err != nil {
				return nil, fmt.Errorf("read frequency of %q in %s: %w", term, field, err)
			}
			df = max(df, r.Count())
			if err := r.Close(); err != nil {
				return nil, fmt.Errorf("read frequency of %q in %s: %w", term, field, err)
			}
		}
		if df <= 1 || df > max(docCount/maxSimilarShare, 2) {
			continue // the project's own word, or everyone's
		}
		idf := 1 + math.Log(float64(docCount)/float64(df+1))
		terms = append(terms, weightedTerm{term, math.Sqrt(tf) * idf})
	}
	slices.SortFunc(terms, func(a, b weightedTerm) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.term, b.term))
	})
	terms = terms[:min(len(terms), maxSimilarTerms)]
	if len(terms) > 0 {
		best := terms[0].weight
		for i := range terms {
			terms[i].weight /= best
		}
	}
	return terms, nil
}
