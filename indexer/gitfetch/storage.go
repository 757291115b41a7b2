package gitfetch

import (
	"fmt"
	"io"
	"sync/atomic"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/memory"
)

// errOverLimit stops a clone whose storage has grown past its limit.
var errOverLimit = fmt.Errorf("storage limit reached")

// memoryStorage is go-git's in-memory storage with a guard: once the objects
// it holds pass limit bytes, it refuses more, and the clone is retried on
// disk. go-git hands memory storage each object in turn (it is not a
// PackfileWriter), so counting SetEncodedObject sees everything.
type memoryStorage struct {
	*memory.Storage
	limit    int64
	used     int64
	exceeded bool
}

// SetEncodedObject stores obj unless the guard is passed.
func (s *memoryStorage) SetEncodedObject(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	s.used += obj.Size()
	if s.used > s.limit {
		s.exceeded = true
		return plumbing.ZeroHash, errOverLimit
	}
	return s.Storage.SetEncodedObject(obj)
}

// diskStorage is go-git's filesystem storage with a hard cap on the pack it
// receives. go-git streams the pack through PackfileWriter, so a counting
// writer there sees every byte as it arrives.
type diskStorage struct {
	*filesystem.Storage
	limit    int64
	exceeded bool
}

func newDiskStorage(dir string, limit int64) *diskStorage {
	st := filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRUDefault())
	return &diskStorage{Storage: st, limit: limit}
}

// PackfileWriter returns the storage's pack writer behind the cap.
func (s *diskStorage) PackfileWriter() (io.WriteCloser, error) {
	w, err := s.Storage.PackfileWriter()
	if err != nil {
		return nil, err
	}
	return &cappedWriter{WriteCloser: w, limit: s.limit, exceeded: &s.exceeded}, nil
}

type cappedWriter struct {
	io.WriteCloser
	limit    int64
	written  atomic.Int64
	exceeded *bool
}

func (w *cappedWriter) Write(p []byte) (int, error) {
	if w.written.Add(int64(len(p))) > w.limit {
		*w.exceeded = true
		return 0, errOverLimit
	}
	return w.WriteCloser.Write(p)
}
