package gitfetch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

// treeFS is one commit's tree as a read-only fs.FS. The listing is built
// once; file contents are read from the object store only when opened.
// Symbolic links that point at a file inside the tree read as that file;
// links that leave the tree, and submodules, are left out.
//
// It is safe for concurrent use: go-git's on-disk object storage is not, so
// every object read takes the lock, and a file's content is read whole (it
// is at most maxBlob bytes) on its first Read.
type treeFS struct {
	mu      sync.Mutex // guards objects
	objects storer.EncodedObjectStorer
	files   map[string]*treeEntry
	dirs    map[string][]fs.DirEntry
	maxBlob int64
}

type treeEntry struct {
	name string
	hash plumbing.Hash
	size atomic.Int64 // -1 until asked for
	dir  bool
}

var (
	_ fs.ReadDirFS  = (*treeFS)(nil)
	_ fs.StatFS     = (*treeFS)(nil)
	_ fs.ReadFileFS = (*treeFS)(nil)
)

func newTreeFS(objects storer.EncodedObjectStorer, tree *object.Tree, maxBlob int64) (*treeFS, error) {
	t := &treeFS{
		objects: objects,
		files:   map[string]*treeEntry{},
		dirs:    map[string][]fs.DirEntry{".": nil},
		maxBlob: maxBlob,
	}
	links := map[string]plumbing.Hash{}
	if err := t.walk(tree, "", links); err != nil {
		return nil, err
	}
	for name, hash := range links {
		if target, ok := t.resolveLink(name, hash, links); ok {
			e := &treeEntry{name: path.Base(name), hash: target.hash}
			e.size.Store(target.size.Load())
			t.files[name] = e
			t.link(name, e)
		}
	}
	for _, entries := range t.dirs {
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	}
	return t, nil
}

// walk lists tree (at prefix) and every tree below it. go-git's own
// TreeWalker skips a subtree it cannot read; a missing object here must be
// an error instead, or the record would silently lack files.
func (t *treeFS) walk(tree *object.Tree, prefix string, links map[string]plumbing.Hash) error {
	for _, entry := range tree.Entries {
		name := path.Join(prefix, entry.Name)
		if !fs.ValidPath(name) {
			continue
		}
		switch entry.Mode {
		case filemode.Dir:
			sub, err := object.GetTree(t.objects, entry.Hash)
			if err != nil {
				return fmt.Errorf("read directory %s: %w", name, err)
			}
			t.dirs[name] = nil
			t.link(name, &treeEntry{name: entry.Name, dir: true})
			if err := t.walk(sub, name, links); err != nil {
				return err
			}
		case filemode.Regular, filemode.Executable, filemode.Deprecated:
			e := &treeEntry{name: entry.Name, hash: entry.Hash}
			e.size.Store(-1)
			t.files[name] = e
			t.link(name, e)
		case filemode.Symlink:
			links[name] = entry.Hash
		}
	}
	return nil
}

// link adds e to its parent directory's listing.
func (t *treeFS) link(name string, e *treeEntry) {
	parent := path.Dir(name)
	t.dirs[parent] = append(t.dirs[parent], dirEntry{t: t, e: e})
}

// resolveLink follows a symbolic link (and links to links, a few deep) to a
// regular file of the tree.
func (t *treeFS) resolveLink(name string, hash plumbing.Hash, links map[string]plumbing.Hash) (*treeEntry, bool) {
	for range 8 {
		target, err := t.readBlob(hash, 4096)
		if err != nil || strings.HasPrefix(string(target), "/") {
			return nil, false
		}
		dest := path.Join(path.Dir(name), string(target))
		if !fs.ValidPath(dest) {
			return nil, false // leaves the tree
		}
		if e, ok := t.files[dest]; ok {
			return e, true
		}
		next, ok := links[dest]
		if !ok {
			return nil, false
		}
		name, hash = dest, next
	}
	return nil, false
}

func (t *treeFS) readBlob(hash plumbing.Hash, max int64) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	obj, err := t.objects.EncodedObject(plumbing.BlobObject, hash)
	if err != nil {
		return nil, err
	}
	if obj.Size() > max {
		return nil, fmt.Errorf("%w (%s)", filetree.ErrTooLarge, byteSize(obj.Size()))
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, max))
}

func (t *treeFS) sizeOf(e *treeEntry) (int64, error) {
	if e.dir {
		return 0, nil
	}
	if size := e.size.Load(); size >= 0 {
		return size, nil
	}
	// EncodedObjectSize reads only the object's header, where
	// EncodedObject would inflate the whole blob.
	t.mu.Lock()
	size, err := t.objects.EncodedObjectSize(e.hash)
	t.mu.Unlock()
	if err != nil {
		return 0, err
	}
	e.size.Store(size)
	return size, nil
}

func (t *treeFS) lookup(op, name string) (*treeEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &treeEntry{name: ".", dir: true}, nil
	}
	if e, ok := t.files[name]; ok {
		return e, nil
	}
	if _, ok := t.dirs[name]; ok {
		return &treeEntry{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

// Open implements fs.FS.
func (t *treeFS) Open(name string) (fs.File, error) {
	e, err := t.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if e.dir {
		return &openDir{t: t, name: name, e: e, entries: t.dirs[name]}, nil
	}
	return &openFile{t: t, name: name, e: e}, nil
}

// Stat implements fs.StatFS.
func (t *treeFS) Stat(name string) (fs.FileInfo, error) {
	e, err := t.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	return t.info(name, e)
}

// ReadDir implements fs.ReadDirFS.
func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	e, err := t.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !e.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return append([]fs.DirEntry(nil), t.dirs[name]...), nil
}

// ReadFile implements fs.ReadFileFS.
func (t *treeFS) ReadFile(name string) ([]byte, error) {
	e, err := t.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if e.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	data, err := t.readBlob(e.hash, t.maxBlob)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

func (t *treeFS) info(name string, e *treeEntry) (fs.FileInfo, error) {
	size, err := t.sizeOf(e)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return fileInfo{name: e.name, size: size, dir: e.dir}, nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }

type dirEntry struct {
	t *treeFS
	e *treeEntry
}

func (d dirEntry) Name() string { return d.e.name }
func (d dirEntry) IsDir() bool  { return d.e.dir }
func (d dirEntry) Type() fs.FileMode {
	if d.e.dir {
		return fs.ModeDir
	}
	return 0
}
func (d dirEntry) Info() (fs.FileInfo, error) { return d.t.info(d.e.name, d.e) }

// openFile reads its blob in growing prefixes: analysers often want only a
// file's first few KiB (licence headers, language hints), and inflating a
// prefix costs a fraction of the whole. A prefix past the cap fails.
type openFile struct {
	t        *treeFS
	name     string
	e        *treeEntry
	data     []byte // the prefix read so far
	off      int
	complete bool
}

// firstRead is the least a read inflates.
const firstRead = 32 << 10

func (f *openFile) Stat() (fs.FileInfo, error) { return f.t.info(f.name, f.e) }

func (f *openFile) Read(p []byte) (int, error) {
	if f.off >= len(f.data) && !f.complete {
		want := max(2*len(f.data), f.off+len(p), firstRead)
		data, complete, err := f.t.readPrefix(f.e.hash, int64(want))
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		f.data, f.complete = data, complete
	}
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

func (f *openFile) Close() error { return nil }

// readPrefix reads up to want bytes of a blob, and says whether that is
// all of it. A blob above the cap fails.
func (t *treeFS) readPrefix(hash plumbing.Hash, want int64) ([]byte, bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	obj, err := t.objects.EncodedObject(plumbing.BlobObject, hash)
	if err != nil {
		return nil, false, err
	}
	size := obj.Size()
	if size > t.maxBlob {
		return nil, false, fmt.Errorf("%w (%s)", filetree.ErrTooLarge, byteSize(size))
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, min(want, size)))
	if err != nil {
		return nil, false, err
	}
	return data, int64(len(data)) >= size, nil
}

type openDir struct {
	t       *treeFS
	name    string
	e       *treeEntry
	entries []fs.DirEntry
	offset  int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return d.t.info(d.name, d.e) }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}
func (d *openDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return append([]fs.DirEntry(nil), rest...), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.offset += n
	return append([]fs.DirEntry(nil), rest[:n]...), nil
}
