package indexer_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/indexer/gitfetch"
	"github.com/govshare/govshare/indexer/gittest"
	"github.com/govshare/govshare/indexer/search"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
)

// BenchmarkCrawl measures one cold crawl of the four fixture repositories,
// cloned over file:// (through git-upload-pack) into a new store and index.
func BenchmarkCrawl(b *testing.B) {
	root := b.TempDir()
	var urls []string
	for _, name := range []string{"notify", "forms", "eid", "nolicence"} {
		repo := gittest.FromTxtar(b, filepath.Join("..", "testdata", "repos", name+".txtar"))
		urls = append(urls, "file://"+repo.Bare(root, name))
	}
	ctx := context.Background()
	fetcher := gitfetch.New(gitfetch.Options{})
	// The licence matcher is built once per process (about a second);
	// measure crawls, not that.
	if _, err := indexer.Inspect(ctx, fetcher, urls[0], indexer.Options{}.Analysis); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "govshare.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		index, err := search.OpenMemory()
		if err != nil {
			b.Fatal(err)
		}
		_, _, err = store.SyncDeclared(ctx, []registry.Declared{{
			Participant: registry.Participant{ID: "bench", Name: "Bench", Country: "GB"}, Sources: urls,
		}})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		summary, err := indexer.NewCrawler(store, index, fetcher, indexer.Options{}).Crawl(ctx, nil)
		if err != nil || summary.Run.Indexed != len(urls) {
			b.Fatalf("crawl: %+v, %v", summary, err)
		}
		b.StopTimer()
		index.Close()
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(urls)), "repos/op")
}
