package search

import (
	"cmp"
	"slices"
	"time"

	"github.com/govshare/govshare/registry"
)

// facetCounter counts a search's matches by the value of each facet.
type facetCounter struct {
	columns *facetColumns
	spans   []activitySpan
	// terms counts, for each term facet, the matches by value ordinal.
	terms [][]int
	// activity counts the matches by last-activity span.
	activity []int
}

func newFacetCounter(columns *facetColumns, now time.Time) *facetCounter {
	c := &facetCounter{columns: columns, spans: activitySpans(now), terms: make([][]int, len(columns.terms))}
	for i, col := range columns.terms {
		c.terms[i] = make([]int, len(col.names))
	}
	c.activity = make([]int, len(c.spans))
	return c
}

// add counts the match with internal number n.
func (c *facetCounter) add(n uint64) {
	for i := range c.columns.terms {
		for _, ord := range c.columns.terms[i].values(n) {
			c.terms[i][ord]++
		}
	}
	if n >= uint64(len(c.columns.committed)) || c.columns.committed[n] == noCommit {
		return
	}
	at := c.columns.committed[n]
	for i, s := range c.spans {
		if s.holds(at) {
			c.activity[i]++
			return
		}
	}
}

// holds reports whether a commit at Unix nanoseconds t falls in the span,
// as bleve's date range query decides it: start included, end excluded.
func (s activitySpan) holds(t int64) bool {
	return (s.start.IsZero() || t >= s.start.UnixNano()) && (s.end.IsZero() || t < s.end.UnixNano())
}

// values returns every facet's values: term facets by count, most first,
// then by value, at most the facet's size of them; last activity newest
// first.
// Values no match has are left out, and every facet is named even when it
// has no values.
func (c *facetCounter) values() map[string][]registry.FacetValue {
	out := make(map[string][]registry.FacetValue, len(termFacets)+1)
	for i, f := range termFacets {
		values := []registry.FacetValue{}
		for ord, n := range c.terms[i] {
			if n > 0 {
				values = append(values, registry.FacetValue{Value: c.columns.terms[i].names[ord], Count: n})
			}
		}
		slices.SortFunc(values, func(a, b registry.FacetValue) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
		})
		out[f.name] = values[:min(len(values), cmp.Or(f.size, facetSize))]
	}
	activity := []registry.FacetValue{}
	for i, s := range c.spans {
		if c.activity[i] > 0 {
			activity = append(activity, registry.FacetValue{Value: s.name, Count: c.activity[i]})
		}
	}
	out[FacetActivity] = activity
	return out
}
