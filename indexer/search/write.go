package search

import (
	"context"
	"fmt"
	"strconv"

	"github.com/blevesearch/bleve/v2"

	"github.com/govshare/govshare/registry"
)

// defaultBatchSize is how many documents go to Bleve in one batch: large
// enough to amortise a segment per batch, small enough to bound memory.
const defaultBatchSize = 500

// Put adds projects to the index, replacing any already indexed under the
// same Project.ID. Nil projects are skipped.
func (ix *Index) Put(ctx context.Context, projects ...*registry.Project) error {
	w := ix.newBatchWriter()
	for _, p := range projects {
		if p == nil {
			continue
		}
		if err := w.put(ctx, p); err != nil {
			return err
		}
	}
	return w.flush(ctx)
}

// Delete removes the projects with the given IDs; unknown IDs are ignored.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	w := ix.newBatchWriter()
	for _, id := range ids {
		w.batch.Delete(id)
		if err := w.flushIfFull(ctx); err != nil {
			return err
		}
	}
	return w.flush(ctx)
}

// Rebuild makes the index hold exactly the projects that each yields (each
// is typically the store's EachProject) and returns how many it indexed.
// Projects are upserted in batches and those left over from before are
// deleted at the end, so the catalogue stays searchable while it runs. On
// success it records the mapping version and NeedsRebuild turns false; an
// interrupted rebuild is redone after the next Open. Searches may run
// meanwhile, but not Put or Delete: a project put during the rebuild that
// each does not yield would be removed as a leftover.
func (ix *Index) Rebuild(ctx context.Context, each func(ctx context.Context, fn func(*registry.Project) error) error) (int, error) {
	if err := ix.index.SetInternal(rebuildPendingKey, []byte{1}); err != nil {
		return 0, fmt.Errorf("mark search index rebuild: %w", err)
	}
	w := ix.newBatchWriter()
	seen := make(map[string]struct{})
	err := each(ctx, func(p *registry.Project) error {
		if p == nil {
			return nil
		}
		seen[p.ID] = struct{}{}
		return w.put(ctx, p)
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild search index: %w", err)
	}
	if err := w.flush(ctx); err != nil {
		return 0, err
	}
	leftovers, err := ix.idsExcept(seen)
	if err != nil {
		return 0, err
	}
	if err := ix.Delete(ctx, leftovers...); err != nil {
		return 0, err
	}
	done := ix.index.NewBatch()
	done.SetInternal(mappingVersionKey, []byte(strconv.Itoa(MappingVersion)))
	done.DeleteInternal(rebuildPendingKey)
	if err := ix.index.Batch(done); err != nil {
		return 0, fmt.Errorf("record search index rebuild: %w", err)
	}
	ix.needsRebuild.Store(false)
	ix.logger.Info("search index rebuilt", "projects", len(seen), "removed", len(leftovers))
	return len(seen), nil
}

// idsExcept lists the indexed document IDs that are not in keep. It reads
// one snapshot of the index, so writes meanwhile do not disturb it.
func (ix *Index) idsExcept(keep map[string]struct{}) (ids []string, err error) {
	advanced, err := ix.index.Advanced()
	if err != nil {
		return nil, fmt.Errorf("list search index documents: %w", err)
	}
	reader, err := advanced.Reader()
	if err != nil {
		return nil, fmt.Errorf("list search index documents: %w", err)
	}
	defer func() {
		if cerr := reader.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("list search index documents: %w", cerr)
		}
	}()
	docs, err := reader.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("list search index documents: %w", err)
	}
	defer docs.Close()
	for {
		internal, err := docs.Next()
		if err != nil {
			return nil, fmt.Errorf("list search index documents: %w", err)
		}
		if internal == nil {
			return ids, nil
		}
		id, err := reader.ExternalID(internal)
		if err != nil {
			return nil, fmt.Errorf("list search index documents: %w", err)
		}
		if _, ok := keep[id]; !ok {
			ids = append(ids, id)
		}
	}
}

// batchWriter sends documents to the index size at a time.
type batchWriter struct {
	index bleve.Index
	batch *bleve.Batch
	size  int
}

func (ix *Index) newBatchWriter() *batchWriter {
	size := ix.batchSize
	if size <= 0 {
		size = defaultBatchSize
	}
	return &batchWriter{index: ix.index, batch: ix.index.NewBatch(), size: size}
}

func (w *batchWriter) put(ctx context.Context, p *registry.Project) error {
	if p.ID == "" {
		return fmt.Errorf("index project %q: empty ID", p.Name)
	}
	if err := w.batch.Index(p.ID, newProjectDocument(p)); err != nil {
		return fmt.Errorf("index project %s: %w", p.ID, err)
	}
	return w.flushIfFull(ctx)
}

func (w *batchWriter) flushIfFull(ctx context.Context) error {
	if w.batch.Size() < w.size {
		return nil
	}
	return w.flush(ctx)
}

func (w *batchWriter) flush(ctx context.Context) error {
	if w.batch.Size() == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write search index batch: %w", err)
	}
	if err := w.index.Batch(w.batch); err != nil {
		return fmt.Errorf("write search index batch of %d: %w", w.batch.Size(), err)
	}
	w.batch.Reset()
	return nil
}
