package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// catalogueQuery is a catalogue search as bleve runs it: the free text,
// which finds and scores, narrowed by the filters, which only select, with
// every match counted by facet value as the search finds it.
//
// The filters are searched without scores, which lets bleve intersect
// their postings as bitmaps before any text is scored; the text is then
// scored only on the projects the filters keep. (A conjunction of scored
// clauses, or bleve's boolean filter, would read term frequencies all
// along the filters' postings or score every text match.)
type catalogueQuery struct {
	// text finds and scores the matches; nil matches every project
	// (that the filters keep), unscored.
	text    query.Query
	filters []query.Query
	// columns gives the facet columns of the snapshot searched, and now
	// the clock of the last-activity facet.
	columns func(index.IndexReader) (*facetColumns, error)
	now     time.Time
	// counter is set when the search starts and counts its matches.
	counter *facetCounter
}

// Searcher implements query.Query.
func (q *catalogueQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	columns, err := q.columns(r)
	if err != nil {
		return nil, err
	}
	q.counter = newFacetCounter(columns, q.now)
	var filter search.Searcher
	if len(q.filters) > 0 {
		unscored := search.SearcherOptions{Score: "none"}
		filter, err = bleve.NewConjunctionQuery(q.filters...).Searcher(ctx, r, m, unscored)
		if err != nil {
			return nil, fmt.Errorf("build search filters: %w", err)
		}
	}
	switch {
	case q.text != nil:
		text, err := q.text.Searcher(ctx, r, m, options)
		if err != nil {
			if filter != nil {
				_ = filter.Close()
			}
			return nil, err
		}
		return &catalogueSearcher{text: text, filter: filter, counter: q.counter}, nil
	case filter != nil:
		// No text: the filters alone find the matches.
		return &catalogueSearcher{text: filter, counter: q.counter}, nil
	}
	all, err := bleve.NewMatchAllQuery().Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	return &catalogueSearcher{text: all, counter: q.counter}, nil
}

// catalogueSearcher returns the text searcher's matches that the filter
// searcher also matches, leapfrogging between the two, and counts each.
type catalogueSearcher struct {
	text   search.Searcher
	filter search.Searcher // nil when there are no filters to apply
	// filtered is the filter's current match; filterDone is true once it
	// has no more.
	filtered   *search.DocumentMatch
	filterDone bool
	counter    *facetCounter
}

// Next implements search.Searcher.
func (s *catalogueSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.text.Next(ctx)
	if err != nil {
		return nil, err
	}
	return s.keep(ctx, d)
}

// Advance implements search.Searcher.
func (s *catalogueSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.text.Advance(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.keep(ctx, d)
}

// keep returns the first text match from d on that the filter matches
// too, counted, or nil when there is none.
func (s *catalogueSearcher) keep(ctx *search.SearchContext, d *search.DocumentMatch) (*search.DocumentMatch, error) {
	var err error
	for d != nil && s.filter != nil {
		if s.filterDone {
			ctx.DocumentMatchPool.Put(d)
			return nil, nil
		}
		if s.filtered == nil || s.filtered.IndexInternalID.Compare(d.IndexInternalID) < 0 {
			if s.filtered != nil {
				ctx.DocumentMatchPool.Put(s.filtered)
			}
			if s.filtered, err = s.filter.Advance(ctx, d.IndexInternalID); err != nil {
				return nil, err
			}
			if s.filtered == nil {
				s.filterDone = true
				continue
			}
		}
		if s.filtered.IndexInternalID.Equals(d.IndexInternalID) {
			break
		}
		// The filter is ahead: the text must catch up.
		ctx.DocumentMatchPool.Put(d)
		if d, err = s.text.Advance(ctx, s.filtered.IndexInternalID); err != nil {
			return nil, err
		}
	}
	if d != nil {
		s.counter.add(d.IndexInternalID.Value())
	}
	return d, nil
}

// Close implements search.Searcher.
func (s *catalogueSearcher) Close() error {
	err := s.text.Close()
	if s.filter != nil {
		if ferr := s.filter.Close(); err == nil {
			err = ferr
		}
	}
	return err
}

// Weight implements search.Searcher: the text's alone.
func (s *catalogueSearcher) Weight() float64 { return s.text.Weight() }

// SetQueryNorm implements search.Searcher.
func (s *catalogueSearcher) SetQueryNorm(norm float64) { s.text.SetQueryNorm(norm) }

// Count implements search.Searcher: at most the text's matches.
func (s *catalogueSearcher) Count() uint64 { return s.text.Count() }

// Min implements search.Searcher.
func (s *catalogueSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *catalogueSearcher) Size() int {
	size := s.text.Size()
	if s.filter != nil {
		size += s.filter.Size()
	}
	return size
}

// DocumentMatchPoolSize implements search.Searcher: the text's matches,
// the filter's and the one kept.
func (s *catalogueSearcher) DocumentMatchPoolSize() int {
	size := s.text.DocumentMatchPoolSize() + 1
	if s.filter != nil {
		size += s.filter.DocumentMatchPoolSize()
	}
	return size
}
