package filetree

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// brokenDirFS fails to list the directories in broken, the way a damaged
// tree or a permission problem does.
type brokenDirFS struct {
	fstest.MapFS
	broken map[string]bool
}

func (b brokenDirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if b.broken[name] {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return b.MapFS.ReadDir(name)
}

func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":          {Data: []byte("hello")},
		"cmd/tool/main.go":   {Data: []byte("package main\n")},
		".git/HEAD":          {Data: []byte("ref: refs/heads/main\n")},
		".git/objects/ab/cd": {Data: []byte("x")},
		".github/ci.yml":     {Data: []byte("on: push\n")},
		"link":               {Data: []byte("README.md"), Mode: fs.ModeSymlink},
		"empty":              {},
	}
	tests := []struct {
		name     string
		fsys     fs.FS
		want     []File
		warnings []string
	}{
		{
			name: "regular files, .git and links left out",
			fsys: fsys,
			want: []File{
				{Path: ".github/ci.yml", Size: 9},
				{Path: "README.md", Size: 5},
				{Path: "cmd/tool/main.go", Size: 13},
				{Path: "empty", Size: 0},
			},
		},
		{
			name: "an unreadable directory is skipped with a warning",
			fsys: brokenDirFS{MapFS: fsys, broken: map[string]bool{"cmd": true}},
			want: []File{
				{Path: ".github/ci.yml", Size: 9},
				{Path: "README.md", Size: 5},
				{Path: "empty", Size: 0},
			},
			warnings: []string{"skipped cmd: permission denied"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, warnings, err := Walk(context.Background(), tt.fsys, 0)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tree.Files()); diff != "" {
				t.Errorf("Files mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, warnings); diff != "" {
				t.Errorf("warnings mismatch (-want +got):\n%s", diff)
			}
			if got := tree.MaxReadBytes(); got != DefaultMaxReadBytes {
				t.Errorf("MaxReadBytes() = %d, want %d", got, DefaultMaxReadBytes)
			}
		})
	}
}

func TestWalkFails(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("x")}}
	t.Run("unreadable root", func(t *testing.T) {
		_, _, err := Walk(context.Background(), brokenDirFS{MapFS: fsys, broken: map[string]bool{".": true}}, 0)
		if !errors.Is(err, fs.ErrPermission) {
			t.Errorf("Walk error = %v, want one wrapping fs.ErrPermission", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := Walk(ctx, fsys, 0)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Walk error = %v, want one wrapping context.Canceled", err)
		}
	})
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"small": {Data: []byte("0123456789")},
		"big":   {Data: make([]byte, 3<<20)},
	}
	tree, _, err := Walk(context.Background(), fsys, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("under the cap", func(t *testing.T) {
		got, err := tree.ReadFile("small")
		if err != nil || string(got) != "0123456789" {
			t.Errorf("ReadFile(small) = %q, %v", got, err)
		}
	})
	t.Run("over the cap", func(t *testing.T) {
		_, err := tree.ReadFile("big")
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("ReadFile(big) error = %v, want ErrTooLarge", err)
		}
		if got, want := Skipped("big", err), "skipped big: file too large to read (3 MiB)"; got != want {
			t.Errorf("Skipped() = %q, want %q", got, want)
		}
	})
	t.Run("missing", func(t *testing.T) {
		_, err := tree.ReadFile("gone")
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("ReadFile(gone) error = %v, want fs.ErrNotExist", err)
		}
		if got, want := Skipped("gone", err), "skipped gone: file does not exist"; got != want {
			t.Errorf("Skipped() = %q, want %q", got, want)
		}
	})
	t.Run("head", func(t *testing.T) {
		for n, want := range map[int]string{4: "0123", 10: "0123456789", 100: "0123456789"} {
			got, err := tree.ReadHead("small", make([]byte, n))
			if err != nil || string(got) != want {
				t.Errorf("ReadHead(small, %d) = %q, %v; want %q", n, got, err, want)
			}
		}
		got, err := tree.ReadHead("big", make([]byte, 16))
		if err != nil || len(got) != 16 {
			t.Errorf("ReadHead(big, 16) = %d bytes, %v", len(got), err)
		}
	})
}

func TestFile(t *testing.T) {
	tests := []struct {
		file      File
		name, dir string
		atRoot    bool
	}{
		{File{Path: "LICENSE"}, "LICENSE", ".", true},
		{File{Path: "api/v1/LICENSE.md"}, "LICENSE.md", "api/v1", false},
	}
	for _, tt := range tests {
		t.Run(tt.file.Path, func(t *testing.T) {
			if got := tt.file.Name(); got != tt.name {
				t.Errorf("Name() = %q, want %q", got, tt.name)
			}
			if got := tt.file.Dir(); got != tt.dir {
				t.Errorf("Dir() = %q, want %q", got, tt.dir)
			}
			if got := tt.file.AtRoot(); got != tt.atRoot {
				t.Errorf("AtRoot() = %v, want %v", got, tt.atRoot)
			}
		})
	}
}
