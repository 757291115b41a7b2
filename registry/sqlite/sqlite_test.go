package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
	"github.com/govshare/govshare/registry/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) registry.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "govshare.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "govshare.db")
	s, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.SyncDeclared(ctx, []registry.Declared{{
		Participant: registry.Participant{ID: "nz-dia", Name: "Department of Internal Affairs", Country: "NZ"},
		Sources:     []string{"https://example.org/x.git"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	srcs, err := s.Sources(ctx, "nz-dia")
	if err != nil || len(srcs) != 1 {
		t.Fatalf("sources after reopen: %v, %v", srcs, err)
	}
}

func TestPathWithURLCharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data?mode=ro#x")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "govshare.db")
	s, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is not where it was asked to be: %v", err)
	}
}
