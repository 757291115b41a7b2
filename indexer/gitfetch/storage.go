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
//
// With drain set, passing the guard does not stop the clone: the rest of
// the pack is read and dropped. go-git's file:// and ssh transports wait for
// the server process when a clone ends early, and a git-upload-pack still
// writing into a full pipe never exits; reading it to the end is the only
// way out, and for a local pipe it is cheap.
type memoryStorage struct {
	*memory.Storage
	limit    int64
	used     int64
	drain    bool
	exceeded bool
}

// SetEncodedObject stores obj unless the guard is passed.
func (s *memoryStorage) SetEncodedObject(obj plumbing.EncodedObject) (plumbing.Hash, error) {
	s.used += obj.Size()
	if s.used > s.limit {
		s.exceeded = true
		if s.drain {
			return obj.Hash(), nil
		}
		return plumbing.ZeroHash, errOverLimit
	}
	return s.Storage.SetEncodedObject(obj)
}

// diskStorage is go-git's filesystem storage with a hard cap on the pack it
// receives. go-git streams the pack through PackfileWriter, so a counting
// writer there sees every byte as it arrives. With drain set, bytes past
// the cap are read and dropped rather than refused (see memoryStorage).
type diskStorage struct {
	*filesystem.Storage
	limit    int64
	drain    bool
	exceeded atomic.Bool
}

func newDiskStorage(dir string, limit int64, drain bool) *diskStorage {
	// Pack files stay open between reads (see openLocalForReading); the
	// snapshot's cleanup closes them.
	st := filesystem.NewStorageWithOptions(osfs.New(dir), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	return &diskStorage{Storage: st, limit: limit, drain: drain}
}

// PackfileWriter returns the storage's pack writer behind the cap.
func (s *diskStorage) PackfileWriter() (io.WriteCloser, error) {
	w, err := s.Storage.PackfileWriter()
	if err != nil {
		return nil, err
	}
	return &cappedWriter{WriteCloser: w, s: s}, nil
}

type cappedWriter struct {
	io.WriteCloser
	s       *diskStorage
	written int64
}

func (w *cappedWriter) Write(p []byte) (int, error) {
	w.written += int64(len(p))
	if w.written > w.s.limit {
		w.s.exceeded.Store(true)
		if w.s.drain {
			return len(p), nil
		}
		return 0, errOverLimit
	}
	return w.WriteCloser.Write(p)
}

// Close refuses to finish a pack that went over the cap: what was written
// is incomplete.
func (w *cappedWriter) Close() error {
	if w.s.exceeded.Load() {
		w.WriteCloser.Close()
		return errOverLimit
	}
	return w.WriteCloser.Close()
}
