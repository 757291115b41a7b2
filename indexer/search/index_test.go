package search

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/govshare/govshare/registry"
)

// openDisk opens the index in dir and closes it at the end of the test
// unless the test closed it itself.
func openDisk(t *testing.T, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func mustClose(t *testing.T, ix *Index) {
	t.Helper()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenNewIndexNeedsRebuildUntilRebuilt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "index")
	projects := loadProjects(t)

	ix := openDisk(t, dir)
	if !ix.NeedsRebuild() {
		t.Error("new index: NeedsRebuild() = false")
	}
	mustClose(t, ix)

	// Never rebuilt: still needed on the next start.
	ix = openDisk(t, dir)
	if !ix.NeedsRebuild() {
		t.Error("reopened before any rebuild: NeedsRebuild() = false")
	}
	if _, err := ix.Rebuild(t.Context(), eachOf(projects)); err != nil {
		t.Fatal(err)
	}
	mustClose(t, ix)

	ix = openDisk(t, dir)
	defer mustClose(t, ix)
	if ix.NeedsRebuild() {
		t.Error("reopened after a rebuild: NeedsRebuild() = true")
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(projects)) {
		t.Errorf("Count() = %d, %v; want %d", n, err, len(projects))
	}
	res := mustSearch(t, ix, registry.SearchQuery{Text: "tax"})
	if len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 {
		t.Errorf("search after reopening: %+v, want one highlighted hit", res.Hits)
	}
}

func TestOpenWipesOnMappingVersionChange(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Index) error
	}{
		{"older version", func(ix *Index) error { return ix.index.SetInternal(mappingVersionKey, []byte("0")) }},
		{"newer version", func(ix *Index) error { return ix.index.SetInternal(mappingVersionKey, []byte("999")) }},
		{"no version", func(ix *Index) error { return ix.index.DeleteInternal(mappingVersionKey) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			ix := openDisk(t, dir)
			if _, err := ix.Rebuild(t.Context(), eachOf(loadProjects(t))); err != nil {
				t.Fatal(err)
			}
			if err := tt.change(ix); err != nil {
				t.Fatal(err)
			}
			mustClose(t, ix)

			ix = openDisk(t, dir)
			defer mustClose(t, ix)
			if !ix.NeedsRebuild() {
				t.Error("NeedsRebuild() = false")
			}
			if n, err := ix.Count(); err != nil || n != 0 {
				t.Errorf("Count() = %d, %v; want 0 after the wipe", n, err)
			}
			if _, err := ix.Rebuild(t.Context(), eachOf(loadProjects(t))); err != nil {
				t.Fatal(err)
			}
			if got, _ := ix.index.GetInternal(mappingVersionKey); string(got) != strconv.Itoa(MappingVersion) {
				t.Errorf("stored mapping version %q after rebuild, want %d", got, MappingVersion)
			}
		})
	}
}

func TestOpenAfterInterruptedRebuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := openDisk(t, dir)
	if _, err := ix.Rebuild(t.Context(), eachOf(loadProjects(t))); err != nil {
		t.Fatal(err)
	}
	interrupted := errors.New("interrupted")
	_, err := ix.Rebuild(t.Context(), func(ctx context.Context, fn func(*registry.Project) error) error {
		if err := fn(loadProjects(t)[0]); err != nil {
			return err
		}
		return interrupted
	})
	if !errors.Is(err, interrupted) {
		t.Fatalf("Rebuild error %v, want %v", err, interrupted)
	}
	mustClose(t, ix)

	ix = openDisk(t, dir)
	defer mustClose(t, ix)
	if !ix.NeedsRebuild() {
		t.Error("NeedsRebuild() = false after an interrupted rebuild")
	}
	// The last good index stays searchable meanwhile.
	if n, err := ix.Count(); err != nil || n != 6 {
		t.Errorf("Count() = %d, %v; want 6", n, err)
	}
}

func TestOpenRefusesDirectoryThatIsNotAnIndex(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(precious, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(dir, nil); err == nil {
		ix.Close()
		t.Fatal("Open of a directory holding other files succeeded")
	}
	if _, err := os.Stat(precious); err != nil {
		t.Errorf("file in the directory: %v", err)
	}
	// The failed Open released its lock.
	if err := os.Remove(precious); err != nil {
		t.Fatal(err)
	}
	mustClose(t, openDisk(t, dir))
}

func TestOpenRecreatesUnreadableIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	mustClose(t, openDisk(t, dir))
	if err := os.WriteFile(filepath.Join(dir, indexMetaFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := openDisk(t, dir)
	defer mustClose(t, ix)
	if !ix.NeedsRebuild() {
		t.Error("NeedsRebuild() = false")
	}
	if err := ix.Put(t.Context(), loadProjects(t)...); err != nil {
		t.Fatal(err)
	}
}

// TestOpenNeverWaitsOnForeignLock checks that an index whose files another
// program holds is reported, not waited on and not wiped.
func TestOpenNeverWaitsOnForeignLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := openDisk(t, dir)
	if err := ix.Put(t.Context(), loadProjects(t)...); err != nil {
		t.Fatal(err)
	}
	mustClose(t, ix)

	// bbolt locks its file with flock, as a foreign program would.
	root, err := os.Open(filepath.Join(dir, "store", "root.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := unix.Flock(int(root.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(dir, nil); err == nil {
		ix.Close()
		t.Fatal("Open succeeded while the index files were locked")
	}

	if err := root.Close(); err != nil {
		t.Fatal(err)
	}
	ix = openDisk(t, dir)
	defer mustClose(t, ix)
	if n, err := ix.Count(); err != nil || n != 6 {
		t.Errorf("Count() = %d, %v; want the 6 projects kept", n, err)
	}
}
