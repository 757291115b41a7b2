package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/govshare/govshare/indexer/analysis"
	"github.com/govshare/govshare/indexer/gitfetch"
	"github.com/govshare/govshare/registry"
)

// Inspect analyses one repository, a git URL or a local path, without any
// store: exactly what a crawl would record for it. A local directory that is
// not a git repository is analysed as it is on disk, with a warning, since
// someone inspecting an unpacked tarball still wants an answer.
func Inspect(ctx context.Context, fetcher *gitfetch.Fetcher, target string, opts analysis.Options) (*registry.Record, error) {
	target = gitfetch.AbsLocal(target)
	head, err := fetcher.RemoteHead(ctx, target)
	if errors.Is(err, gitfetch.ErrNotRepository) && gitfetch.IsLocalPath(target) {
		if info, statErr := os.Stat(target); statErr == nil && info.IsDir() {
			rec := &registry.Record{URL: target}
			if err := analysis.Analyse(ctx, os.DirFS(target), rec, opts); err != nil {
				return nil, fmt.Errorf("analyse %s: %w", target, err)
			}
			rec.Warnings = append(rec.Warnings, "not a git repository: analysed the directory as it is on disk, with no commit")
			return rec, nil
		}
	}
	if err != nil {
		return nil, err
	}
	snap, err := fetcher.Fetch(ctx, target, head)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return analyseSnapshot(ctx, target, snap, opts)
}
