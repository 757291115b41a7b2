package search

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestPutReplacesByID(t *testing.T) {
	ix := memoryIndex(t)
	renamed := *loadProjects(t)[0] // document-signing
	renamed.Name = "Seal Service"
	renamed.Description = "Seals records."
	renamed.Languages = []registry.Language{{Name: "Rust", Bytes: 1}}
	renamed.Readme = &registry.Readme{Path: "README.md", Text: "Seals records with a key."}
	if err := ix.Put(t.Context(), &renamed); err != nil {
		t.Fatal(err)
	}

	if n, err := ix.Count(); err != nil || n != 6 {
		t.Errorf("Count() = %d, %v; want 6", n, err)
	}
	tests := []struct {
		name string
		q    registry.SearchQuery
		want []string
	}{
		{"new name", registry.SearchQuery{Text: "seal"}, []string{"document-signing"}},
		{"old text gone", registry.SearchQuery{Text: "docker"}, []string{}},
		{"new facet value", registry.SearchQuery{Language: "Rust"}, []string{"document-signing"}},
		{"old facet value gone", registry.SearchQuery{Language: "Go"}, []string{"tax-calculator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, hitIDs(mustSearch(t, ix, tt.q))); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPutInBatches(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	projects := syntheticProjects(2*defaultBatchSize + 7)
	if err := ix.Put(t.Context(), append(projects, nil)...); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != uint64(len(projects)) {
		t.Errorf("Count() = %d, %v; want %d", n, err, len(projects))
	}
}

func TestPutRejectsEmptyID(t *testing.T) {
	ix := memoryIndex(t)
	err := ix.Put(t.Context(), &registry.Project{Record: registry.Record{Name: "Nameless"}})
	if err == nil {
		t.Fatal("Put of a project without ID succeeded")
	}
}

func TestPutHonoursContext(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := ix.Put(ctx, loadProjects(t)...); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestDelete(t *testing.T) {
	ix := memoryIndex(t)
	if err := ix.Delete(t.Context(), "document-signing", "tax-calculator", "never-indexed"); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Count(); err != nil || n != 4 {
		t.Errorf("Count() = %d, %v; want 4", n, err)
	}
	got := hitIDs(mustSearch(t, ix, registry.SearchQuery{}))
	want := []string{"open-forms", "form-builder", "signature-validator", "identity-gateway"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
}

func TestRebuild(t *testing.T) {
	projects := loadProjects(t)
	tests := []struct {
		name   string
		before []*registry.Project // in the index before the rebuild
		store  []*registry.Project // what each yields
	}{
		{"empty index", nil, projects},
		{"leftovers removed, changes applied", append(syntheticProjects(3), projects[:2]...), projects},
		{"empty store empties the index", projects, nil},
		{"more than one batch", nil, syntheticProjects(defaultBatchSize + 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := OpenMemory()
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if err := ix.Put(t.Context(), tt.before...); err != nil {
				t.Fatal(err)
			}
			n, err := ix.Rebuild(t.Context(), eachOf(tt.store))
			if err != nil {
				t.Fatal(err)
			}
			if n != len(tt.store) {
				t.Errorf("Rebuild returned %d, want %d", n, len(tt.store))
			}
			if ix.NeedsRebuild() {
				t.Error("NeedsRebuild() after Rebuild")
			}
			want := []string{}
			for _, p := range tt.store {
				want = append(want, p.ID)
			}
			slices.Sort(want)
			got := hitIDs(mustSearch(t, ix, registry.SearchQuery{PerPage: MaxPerPage}))
			if len(tt.store) <= MaxPerPage {
				slices.Sort(got)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("indexed IDs (-want +got):\n%s", diff)
				}
			}
			if c, err := ix.Count(); err != nil || c != uint64(len(tt.store)) {
				t.Errorf("Count() = %d, %v; want %d", c, err, len(tt.store))
			}
		})
	}
}

func TestRebuildStopsOnStoreError(t *testing.T) {
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	broken := errors.New("store is gone")
	_, err = ix.Rebuild(t.Context(), func(ctx context.Context, fn func(*registry.Project) error) error {
		return broken
	})
	if !errors.Is(err, broken) {
		t.Errorf("Rebuild error %v, want %v", err, broken)
	}
	if !ix.NeedsRebuild() {
		t.Error("NeedsRebuild() = false after a failed rebuild")
	}
}
