// Package filetree lists the files of a repository tree once, so that every
// analyser shares a single walk, and reads them under a size cap.
//
// Walk returns an error only when the root itself cannot be listed or the
// context ends; an unreadable sub-directory is reported as a warning and
// skipped. Reads never exceed the cap: a larger file yields an error wrapping
// ErrTooLarge, and the caller skips it with a warning (see Skipped).
package filetree

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// ErrTooLarge is wrapped by the error returned when a file is bigger than the
// read cap. Filesystems handed to the analysers may return it too.
var ErrTooLarge = errors.New("file too large to read")

// DefaultMaxReadBytes is the read cap used when none is given.
const DefaultMaxReadBytes = 8 << 20

// File is one regular file of the tree.
type File struct {
	// Path is relative to the root, with forward slashes.
	Path string
	// Size is in bytes, or -1 when the filesystem could not say.
	Size int64
}

// Name returns the last element of the path.
func (f File) Name() string { return path.Base(f.Path) }

// Dir returns the directory holding the file, "." at the root.
func (f File) Dir() string { return path.Dir(f.Path) }

// AtRoot reports whether the file sits directly in the root directory.
func (f File) AtRoot() bool { return !strings.Contains(f.Path, "/") }

// Tree is the file list of one repository tree and the filesystem it came
// from. It is read-only once built, so analysers may share it.
type Tree struct {
	fsys         fs.FS
	files        []File
	maxReadBytes int64
}

// FS returns the filesystem the tree was listed from.
func (t *Tree) FS() fs.FS { return t.fsys }

// Files returns every regular file, in walk order (depth first, lexical
// within a directory). The slice must not be modified.
func (t *Tree) Files() []File { return t.files }

// MaxReadBytes returns the read cap.
func (t *Tree) MaxReadBytes() int64 { return t.maxReadBytes }

// skippedDirs are never descended into: they hold version-control data, not
// the repository's content.
var skippedDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// checkEvery is how many entries Walk visits between context checks.
const checkEvery = 256

// Walk lists the regular files of fsys (symbolic links and other special
// files are left out). maxReadBytes caps ReadFile; 0 means
// DefaultMaxReadBytes. The warnings name the directories that could not be
// read.
func Walk(ctx context.Context, fsys fs.FS, maxReadBytes int64) (*Tree, []string, error) {
	if maxReadBytes <= 0 {
		maxReadBytes = DefaultMaxReadBytes
	}
	t := &Tree{fsys: fsys, maxReadBytes: maxReadBytes}
	var warnings []string
	visited := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		visited++
		if visited%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err != nil {
			if p == "." {
				return err
			}
			warnings = append(warnings, Skipped(p, err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && skippedDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		size := int64(-1)
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		t.files = append(t.files, File{Path: p, Size: size})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("walk tree: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("walk tree: %w", err)
	}
	return t, warnings, nil
}

// ReadFile returns the whole file, or an error wrapping ErrTooLarge when it
// is bigger than the read cap.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	f, err := t.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	if size > t.maxReadBytes {
		return nil, tooLarge(size)
	}
	capacity := size
	if capacity < 0 {
		capacity = 512
	}
	buf := make([]byte, 0, capacity+1)
	buf, err = readAllInto(buf, io.LimitReader(f, t.maxReadBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) > t.maxReadBytes {
		return nil, fmt.Errorf("%w (over %s)", ErrTooLarge, humanSize(t.maxReadBytes))
	}
	return buf, nil
}

// ReadHead reads at most len(buf) bytes from the start of the file into buf
// and returns the part it filled. It is how analysers look at content
// without paying for whole files; reusing buf across calls saves
// allocations.
func (t *Tree) ReadHead(name string, buf []byte) ([]byte, error) {
	f, err := t.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	return buf[:n], nil
}

// readAllInto appends everything r yields to buf.
func readAllInto(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Skipped is the warning for a file or directory an analyser had to skip,
// e.g. "skipped README.md: file too large to read (12 MiB)". A path error
// about the same path is unwrapped so the path is not said twice.
func Skipped(name string, err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) && pathErr.Path == name {
		err = pathErr.Err
	}
	return fmt.Sprintf("skipped %s: %v", name, err)
}

func tooLarge(size int64) error {
	return fmt.Errorf("%w (%s)", ErrTooLarge, humanSize(size))
}

// humanSize writes a byte count the way people read it: 12 MiB, 900 KiB.
func humanSize(n int64) string {
	const unit = 1024
	switch {
	case n >= unit*unit*unit:
		return fmt.Sprintf("%d GiB", n/(unit*unit*unit))
	case n >= unit*unit:
		return fmt.Sprintf("%d MiB", n/(unit*unit))
	case n >= unit:
		return fmt.Sprintf("%d KiB", n/unit)
	default:
		return fmt.Sprintf("%d B", n)
	}
}
