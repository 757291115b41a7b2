// Package search is govshare's catalogue index: a Bleve index of project
// records that answers free-text searches with facet filters, facet counts,
// a choice of order and highlighted excerpts, and finds the projects most
// like a given one.
//
// The index is derived from the store and can always be rebuilt from it. It
// holds only what searching and highlighting need; callers hydrate the full
// records from the store by the IDs a search returns.
//
// One process at a time may open an index directory: Open takes an exclusive
// lock beside it and fails at once, with an error wrapping ErrLocked that
// names the holder's pid, when another process has it. An index whose stored
// mapping version differs from MappingVersion is wiped on Open, and
// NeedsRebuild then reports true until Rebuild has run.
package search

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/govshare/govshare/registry"
)

var _ registry.Searcher = (*Index)(nil)

// Internal (non-document) keys the index keeps about itself.
var (
	// mappingVersionKey holds MappingVersion as decimal text.
	mappingVersionKey = []byte("govshare.mapping_version")
	// rebuildPendingKey is present from the creation of an index, and from
	// the start of a Rebuild, until a Rebuild completes: an index left
	// half-built by a crash is rebuilt on the next start.
	rebuildPendingKey = []byte("govshare.rebuild_pending")
)

// boltTimeout bounds the wait for bleve's own bolt file lock. Our flock
// already excludes other govshare processes, so the wait only guards
// against something else holding the file: fail, without wiping, rather
// than hang.
const boltTimeout = "1s"

// indexMetaFile is the file bleve writes at the root of every index
// directory; its presence is what makes a directory safe to wipe.
const indexMetaFile = "index_meta.json"

// Index is a Bleve index of projects. Its methods are safe for concurrent
// use, except Close, which must be called once, after every other call has
// returned.
type Index struct {
	index        bleve.Index
	lock         *dirLock // nil for an in-memory index
	logger       *slog.Logger
	needsRebuild atomic.Bool
	// now is the clock last activity is measured from when a query does
	// not say.
	now func() time.Time
	// facetColumns holds the facet values of the snapshot last searched.
	facetColumns facetColumnsCache
	// batchSize is the number of documents per write batch; 0 means
	// defaultBatchSize. Benchmarks raise it to build large indexes faster.
	batchSize int
}

// Open opens the index in dir, creating it when missing. A directory that
// exists, is not empty and holds no index is refused rather than wiped. A
// nil logger discards.
func Open(dir string, logger *slog.Logger) (*Index, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if dir == "" {
		return nil, errors.New("open search index: no directory given")
	}
	dir = filepath.Clean(dir)
	lock, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	ix := &Index{lock: lock, logger: logger, now: time.Now}
	if err := ix.openDir(dir); err != nil {
		_ = lock.release()
		return nil, err
	}
	return ix, nil
}

// OpenMemory returns a new, empty index held in memory. NeedsRebuild is
// true, as for any new index.
func OpenMemory() (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	// Scorch, as on disk (bleve's own in-memory index is another engine):
	// an empty path keeps its segments in memory.
	index, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory search index: %w", err)
	}
	ix := &Index{index: index, logger: slog.New(slog.DiscardHandler), now: time.Now}
	ix.needsRebuild.Store(true)
	return ix, nil
}

// openDir opens or creates the index in dir, which the caller has locked.
func (ix *Index) openDir(dir string) error {
	exists, err := holdsIndex(dir)
	if err != nil {
		return err
	}
	if !exists {
		return ix.create(dir)
	}
	index, err := bleve.OpenUsing(dir, map[string]any{"bolt_timeout": boltTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("open search index %s: another program holds its files: %w", dir, err)
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
		// Not the index's fault: wiping it would cost a rebuild for nothing.
		return fmt.Errorf("open search index %s: %w", dir, err)
	}
	if err != nil {
		// The index is derived data: an unreadable one is rebuilt, not fatal.
		ix.logger.Warn("search index unreadable; recreating it", "dir", dir, "err", err)
		return ix.recreate(dir)
	}
	stored, err := index.GetInternal(mappingVersionKey)
	if err != nil {
		_ = index.Close()
		return fmt.Errorf("read mapping version of search index %s: %w", dir, err)
	}
	if string(stored) != strconv.Itoa(MappingVersion) {
		ix.logger.Info("search index mapping changed; recreating it for a rebuild",
			"dir", dir, "stored_version", string(stored), "version", MappingVersion)
		if err := index.Close(); err != nil {
			return fmt.Errorf("close search index %s: %w", dir, err)
		}
		return ix.recreate(dir)
	}
	pending, err := index.GetInternal(rebuildPendingKey)
	if err != nil {
		_ = index.Close()
		return fmt.Errorf("read rebuild state of search index %s: %w", dir, err)
	}
	ix.index = index
	ix.needsRebuild.Store(pending != nil)
	return nil
}

// holdsIndex reports whether dir holds a bleve index. It is an error for dir
// to hold anything else, because recreating the index would wipe it.
func holdsIndex(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read search index directory %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return false, nil
	}
	if _, err := os.Stat(filepath.Join(dir, indexMetaFile)); err != nil {
		return false, fmt.Errorf("%s is not a search index (no %s); refusing to overwrite it", dir, indexMetaFile)
	}
	return true, nil
}

func (ix *Index) recreate(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("wipe search index %s: %w", dir, err)
	}
	return ix.create(dir)
}

// create makes a new empty index in dir (which must not exist or be empty)
// and marks it as waiting for a rebuild.
func (ix *Index) create(dir string) error {
	if err := os.RemoveAll(dir); err != nil { // an empty directory
		return fmt.Errorf("clear search index directory %s: %w", dir, err)
	}
	m, err := newMapping()
	if err != nil {
		return err
	}
	kvconfig := map[string]any{"bolt_timeout": boltTimeout}
	index, err := bleve.NewUsing(dir, m, scorch.Name, bleve.Config.DefaultKVStore, kvconfig)
	if err != nil {
		return fmt.Errorf("create search index %s: %w", dir, err)
	}
	b := index.NewBatch()
	b.SetInternal(mappingVersionKey, []byte(strconv.Itoa(MappingVersion)))
	b.SetInternal(rebuildPendingKey, []byte{1})
	if err := index.Batch(b); err != nil {
		_ = index.Close()
		return fmt.Errorf("record mapping version of search index %s: %w", dir, err)
	}
	ix.logger.Info("search index created", "dir", dir, "version", MappingVersion)
	ix.index = index
	ix.needsRebuild.Store(true)
	return nil
}

// NeedsRebuild reports whether the index must be rebuilt from the store: it
// was just created, or recreated because its mapping version differed, or
// a previous Rebuild did not finish. It turns false once Rebuild succeeds.
func (ix *Index) NeedsRebuild() bool { return ix.needsRebuild.Load() }

// Count returns the number of projects in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.index.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count search index documents: %w", err)
	}
	return n, nil
}

// Close closes the index and releases its directory for other processes.
func (ix *Index) Close() error {
	err := ix.index.Close()
	if err != nil {
		err = fmt.Errorf("close search index: %w", err)
	}
	if ix.lock != nil {
		err = errors.Join(err, ix.lock.release())
	}
	return err
}
