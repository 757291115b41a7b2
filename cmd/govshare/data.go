package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/govshare/govshare/config"
	"github.com/govshare/govshare/indexer/search"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
)

// dataDir is the embedded deployment: one directory holding the SQLite
// database and the Bleve index. Backing it up is copying it while govshare
// is stopped.
type dataDir struct {
	store     *sqlite.Store
	index     *search.Index
	dirtyFile string
}

// dirtyMarker exists while a crawl may have stored records that are not in
// the search index yet (they are written in batches): if the process dies
// then, the next start rebuilds the index from the store.
const dirtyMarker = "index.dirty"

// crawling marks the index as possibly behind the store until done is
// called with the crawl's error; a crawl that failed leaves the mark.
func (d *dataDir) crawling() (done func(error)) {
	if err := os.WriteFile(d.dirtyFile, nil, 0o640); err != nil {
		return func(error) {}
	}
	return func(err error) {
		if err == nil {
			os.Remove(d.dirtyFile)
		}
	}
}

const (
	databaseFile = "govshare.db"
	indexDir     = "index.bleve"
)

// openData opens the data directory, creating it if needed. The search
// index is opened first: it takes the directory's write lock, so a second
// process stops here with a clear error before it touches anything else.
// An index that is new, or was built by another mapping version, is rebuilt
// from the store unless the caller is about to rebuild it anyway.
func openData(ctx context.Context, dir string, logger *slog.Logger, rebuildIfNeeded bool) (*dataDir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	index, err := search.Open(filepath.Join(dir, indexDir), logger)
	if err != nil {
		if errors.Is(err, search.ErrLocked) {
			return nil, fmt.Errorf("%w\n(only one govshare process may write to a data directory: 'govshare serve' crawls by itself, so 'index' and 'reindex' are for when it is stopped)", err)
		}
		return nil, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, databaseFile), logger)
	if err != nil {
		index.Close()
		return nil, err
	}
	d := &dataDir{store: store, index: index, dirtyFile: filepath.Join(dir, dirtyMarker)}
	_, err = os.Stat(d.dirtyFile)
	crashed := err == nil
	if crashed {
		logger.Warn("the last crawl did not finish writing the search index: rebuilding it from the store")
	}
	if rebuildIfNeeded && (index.NeedsRebuild() || crashed) {
		if _, err := d.rebuild(ctx, logger); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

func (d *dataDir) rebuild(ctx context.Context, logger *slog.Logger) (int, error) {
	start := time.Now()
	n, err := d.index.Rebuild(ctx, d.store.EachProject)
	if err != nil {
		return 0, fmt.Errorf("rebuild search index: %w", err)
	}
	os.Remove(d.dirtyFile)
	logger.Info("search index rebuilt from the store", "projects", n, "took", since(start))
	return n, nil
}

// Close closes the store and releases the index and its lock.
func (d *dataDir) Close() error {
	return errors.Join(d.store.Close(), d.index.Close())
}

// openSynced opens the data directory and loads the configured
// participants file into it: what index and serve start with.
func openSynced(ctx context.Context, cfg config.Config, logger *slog.Logger) (*dataDir, error) {
	data, err := openData(ctx, cfg.DataDir, logger, true)
	if err != nil {
		return nil, err
	}
	if err := data.syncParticipants(ctx, cfg, logger); err != nil {
		data.Close()
		return nil, err
	}
	return data, nil
}

// syncParticipants loads the participants file, if one is configured, into
// the store, and drops the projects of sources it no longer names from the
// search index.
func (d *dataDir) syncParticipants(ctx context.Context, cfg config.Config, logger *slog.Logger) error {
	if cfg.ParticipantsFile == "" {
		return nil
	}
	file, err := config.LoadParticipants(cfg.ParticipantsFile)
	if err != nil {
		return err
	}
	declared := make([]registry.Declared, 0, len(file.Participants))
	for _, p := range file.Participants {
		d := registry.Declared{Participant: registry.Participant{ID: p.ID, Name: p.Name, Country: p.Country, Website: p.Website}}
		for _, s := range p.Sources {
			if s.Org != "" {
				d.Orgs = append(d.Orgs, registry.DeclaredOrg{URL: s.Org, Host: s.Host, Filters: registry.SourceFilters{
					SkipForks: s.SkipForks, SkipArchived: s.SkipArchived, Include: s.Include, Exclude: s.Exclude,
				}})
				continue
			}
			d.Sources = append(d.Sources, s.Repo)
		}
		declared = append(declared, d)
	}
	res, removed, err := d.store.SyncDeclared(ctx, declared)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.ParticipantsFile, err)
	}
	if err := d.index.Delete(ctx, removed...); err != nil {
		return err
	}
	if len(res.Reindex) > 0 {
		projects, err := d.store.ProjectsByID(ctx, res.Reindex)
		if err != nil {
			return err
		}
		if err := d.index.Put(ctx, projects...); err != nil {
			return err
		}
	}
	logger.Info("participants file loaded", "file", cfg.ParticipantsFile, "participants", res.Participants,
		"sources_added", res.SourcesAdded, "sources_removed", res.SourcesRemoved)
	return nil
}
