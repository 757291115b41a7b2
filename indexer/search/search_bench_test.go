package search

import (
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/govshare/govshare/registry"
)

// benchmarkQuery is the catalogue query issue 5 sets a target for: two
// words of text, three facet filters, every facet and highlighted
// excerpts.
var benchmarkQuery = registry.SearchQuery{Text: "permit portal", Language: "Go", Country: "NL", License: "EUPL-1.2", Now: syntheticNow}

// BenchmarkSearch measures the benchmark query on 10,000 projects in an
// on-disk index.
func BenchmarkSearch(b *testing.B) {
	benchmarkSearch(b, syntheticProjects(10_000), benchmarkQuery)
}

// BenchmarkSearch100k measures the benchmark query on 100,000 projects.
// The aim is a p99 under 20 ms on one core (go test -bench Search100k
// -cpu 1).
func BenchmarkSearch100k(b *testing.B) {
	benchmarkSearch(b, syntheticProjects(100_000), benchmarkQuery)
}

// BenchmarkSearch100kDense measures the benchmark query on 100,000
// projects whose every query word is in nearly every README: the worst
// case for free-text matching, not a realistic catalogue.
func BenchmarkSearch100kDense(b *testing.B) {
	benchmarkSearch(b, denseSyntheticProjects(100_000), benchmarkQuery)
}

// BenchmarkSearch100kNoText measures browsing 100,000 projects by facets
// alone: no text, three filters, every facet, the most recent first.
func BenchmarkSearch100kNoText(b *testing.B) {
	q := benchmarkQuery
	q.Text = ""
	benchmarkSearch(b, syntheticProjects(100_000), q)
}

// BenchmarkSimilar measures finding the projects most like one, on 10,000
// projects.
func BenchmarkSimilar(b *testing.B) {
	ix := benchmarkIndex(b, syntheticProjects(10_000))
	if hits, err := ix.Similar(b.Context(), "project-00042", 5); err != nil || len(hits) == 0 {
		b.Fatalf("Similar: %v, %v", hits, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ix.Similar(b.Context(), "project-00042", 5); err != nil {
			b.Fatal(err)
		}
	}
}

// benchmarkSearch indexes projects, once and outside the timed loop, then
// times q. Besides ns/op it reports the latency percentiles p50 and p99,
// the matches, the build time and, for each word of the query, the share of
// READMEs that hold it.
func benchmarkSearch(b *testing.B, projects []*registry.Project, q registry.SearchQuery) {
	shares := make(map[string]float64)
	for _, word := range strings.Fields(q.Text) {
		shares[word+"-readme-%"] = 100 * readmeShare(projects, word)
	}
	start := time.Now()
	ix := benchmarkIndex(b, projects)
	build := time.Since(start)

	res := mustSearch(b, ix, q)
	if res.Total == 0 || (q.Text != "" && len(res.Hits[0].Fragments) == 0) {
		b.Fatalf("benchmark query matches nothing useful: %+v", res)
	}

	var latencies []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t := time.Now()
		if _, err := ix.Search(b.Context(), q); err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, time.Since(t))
	}
	b.ReportMetric(float64(res.Total), "matches")
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(percentile(latencies, 50).Seconds()*1000, "p50-ms")
	b.ReportMetric(percentile(latencies, 99).Seconds()*1000, "p99-ms")
	for unit, share := range shares {
		b.ReportMetric(share, unit)
	}
}

// benchmarkIndex builds an on-disk index of projects, merged into the
// compact shape bleve's merger gives it in service.
func benchmarkIndex(b *testing.B, projects []*registry.Project) *Index {
	ix, err := Open(filepath.Join(b.TempDir(), "index"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := ix.Close(); err != nil {
			b.Error(err)
		}
	})
	ix.batchSize = benchmarkBatchSize
	if _, err := ix.Rebuild(b.Context(), eachOf(projects)); err != nil {
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
	// Collect the build's garbage now, as a server would have long
	// before, rather than in the timed searches.
	runtime.GC()
	return ix
}

// readmeShare is the share of projects whose README holds word.
func readmeShare(projects []*registry.Project, word string) float64 {
	n := 0
	for _, p := range projects {
		if p.Readme != nil && slices.Contains(strings.Fields(p.Readme.Text), word) {
			n++
		}
	}
	return float64(n) / float64(len(projects))
}

// benchmarkBatchSize is the batch size of benchmark builds: larger than
// the service's, so that 100,000 projects index in about a minute.
const benchmarkBatchSize = 5_000

// percentile is the p-th percentile of the durations (nearest rank).
func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sorted := slices.Clone(d)
	slices.Sort(sorted)
	rank := (p*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}
