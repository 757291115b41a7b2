package search

import (
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/govshare/govshare/registry"
)

// BenchmarkSearch measures a typical catalogue query on 10,000 projects in
// an on-disk index: two words of text, two filters, every facet and
// highlighted excerpts. The index is built once, before the timed loop.
func BenchmarkSearch(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "index"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Rebuild(b.Context(), eachOf(syntheticProjects(10_000))); err != nil {
		b.Fatal(err)
	}
	// Let the index reach the compact shape bleve's merger gives it in
	// service, rather than timing searches against merges in progress.
	advanced, err := ix.index.Advanced()
	if err != nil {
		b.Fatal(err)
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	if err := advanced.(*scorch.Scorch).ForceMerge(b.Context(), &opts); err != nil {
		b.Fatal(err)
	}

	q := registry.SearchQuery{Text: "permit portal", Language: "Go", Country: "NL"}
	res := mustSearch(b, ix, q)
	if res.Total == 0 || len(res.Hits[0].Fragments) == 0 {
		b.Fatalf("benchmark query matches nothing useful: %+v", res)
	}

	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Search(b.Context(), q); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Total), "matches")
}
