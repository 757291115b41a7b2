package search

import (
	"fmt"
	"math"
	"sync"
	"time"

	index "github.com/blevesearch/bleve_index_api"
)

// Facet counts are not taken with bleve's facet builders: those read each
// match's doc values, which bleve keeps compressed in chunks of about a
// thousand documents, so that a few hundred matches spread over a large
// catalogue decompress every chunk of every facet field, on every search
// (over 20 ms for 100,000 projects and nine facets). Instead the facet
// values of every document are read once per index snapshot into plain
// columns, and a search counts its matches from them as it finds them.

// facetColumns are the facet values of every document of one index
// snapshot, by internal document number.
type facetColumns struct {
	// terms holds, for each term facet (in termFacets order), its values.
	terms []facetColumn
	// committed holds each document's last commit as Unix nanoseconds,
	// noCommit when unknown.
	committed []int64
}

// noCommit marks a document without a known last commit.
const noCommit = math.MinInt64

// facetColumn is one field's values for every document: document n has
// the values names[ords[starts[n]:starts[n+1]]].
type facetColumn struct {
	names  []string
	starts []uint32
	ords   []uint32
}

// values returns the ordinals of document n's values.
func (c *facetColumn) values(n uint64) []uint32 {
	if n+1 >= uint64(len(c.starts)) {
		return nil
	}
	return c.ords[c.starts[n]:c.starts[n+1]]
}

// readFacetColumns reads the facet values of every document in r.
func readFacetColumns(r index.IndexReader) (*facetColumns, error) {
	fields := make([]string, 0, len(termFacets)+1)
	position := make(map[string]int, len(termFacets))
	for i, f := range termFacets {
		fields = append(fields, f.field)
		position[f.field] = i
	}
	fields = append(fields, fieldCommitted)

	docs, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("list search index documents: %w", err)
	}
	defer docs.Close()
	values, err := r.DocValueReader(fields)
	if err != nil {
		return nil, fmt.Errorf("read facet values: %w", err)
	}

	cols := &facetColumns{terms: make([]facetColumn, len(termFacets))}
	ordOf := make([]map[string]uint32, len(termFacets))
	for i := range ordOf {
		ordOf[i] = make(map[string]uint32)
	}
	var visitErr error
	visit := func(field string, term []byte) {
		if field == fieldCommitted {
			t, err := time.Parse(time.RFC3339, string(term))
			if err != nil {
				visitErr = fmt.Errorf("read last commit %q: %w", term, err)
				return
			}
			cols.committed[len(cols.committed)-1] = t.UnixNano()
			return
		}
		i := position[field]
		ord, ok := ordOf[i][string(term)]
		if !ok {
			ord = uint32(len(cols.terms[i].names))
			ordOf[i][string(term)] = ord
			cols.terms[i].names = append(cols.terms[i].names, string(term))
		}
		cols.terms[i].ords = append(cols.terms[i].ords, ord)
	}
	for {
		id, err := docs.Next()
		if err != nil {
			return nil, fmt.Errorf("list search index documents: %w", err)
		}
		if id == nil {
			break
		}
		if len(id) != 8 {
			return nil, fmt.Errorf("read facet values: internal id %x is not a document number: not a scorch index", id)
		}
		// Documents are listed in order; deleted ones leave gaps.
		n := id.Value()
		for uint64(len(cols.committed)) <= n {
			for i := range cols.terms {
				cols.terms[i].starts = append(cols.terms[i].starts, uint32(len(cols.terms[i].ords)))
			}
			cols.committed = append(cols.committed, noCommit)
		}
		if err := values.VisitDocValues(id, visit); err != nil {
			return nil, fmt.Errorf("read facet values: %w", err)
		}
		if visitErr != nil {
			return nil, visitErr
		}
	}
	for i := range cols.terms {
		cols.terms[i].starts = append(cols.terms[i].starts, uint32(len(cols.terms[i].ords)))
	}
	return cols, nil
}

// facetColumnsCache keeps the facet columns of the latest index snapshot
// searched.
type facetColumnsCache struct {
	mu sync.Mutex
	// reader is the snapshot columns were read from, kept only to be
	// compared with: bleve hands out the same reader until the index
	// changes.
	reader  index.IndexReader
	columns *facetColumns
}

// get returns the facet columns of snapshot r, reading them the first time
// r is seen. Concurrent searches of a new snapshot wait for one read.
func (c *facetColumnsCache) get(r index.IndexReader) (*facetColumns, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.columns != nil && c.reader == r {
		return c.columns, nil
	}
	cols, err := readFacetColumns(r)
	if err != nil {
		return nil, err
	}
	c.reader, c.columns = r, cols
	return cols, nil
}
