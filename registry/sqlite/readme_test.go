package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
)

// storeWithProjects opens a new store holding one project per readme, with
// ids in the order given.
func storeWithProjects(t testing.TB, readmes []*registry.Readme) (*sqlite.Store, []string) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "govshare.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	urls := make([]string, len(readmes))
	for i := range readmes {
		urls[i] = fmt.Sprintf("https://example.org/r%06d.git", i)
	}
	_, _, err = s.SyncDeclared(ctx, []registry.Declared{{
		Participant: registry.Participant{ID: "nl-bzk", Name: "Ministerie van BZK", Country: "NL"},
		Sources:     urls,
	}})
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := s.Sources(ctx, "nl-bzk")
	if err != nil {
		t.Fatal(err)
	}
	byURL := make(map[string]*registry.Source, len(srcs))
	for _, src := range srcs {
		byURL[src.URL] = src
	}
	ids := make([]string, len(readmes))
	for i, rd := range readmes {
		src := byURL[urls[i]]
		p := &registry.Project{
			ID:        src.ProjectID,
			IndexedAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
			Record:    registry.Record{URL: src.URL, Commit: "abc", Name: "r", Readme: rd},
		}
		p.Normalize()
		if err := s.RecordSuccess(ctx, src.ID, p); err != nil {
			t.Fatal(err)
		}
		ids[i] = src.ProjectID
	}
	return s, ids
}

func TestReadmeSourceRoundTrip(t *testing.T) {
	ctx := context.Background()
	want := []*registry.Readme{
		{Path: "README.md", Format: registry.ReadmeMarkdown, Summary: "Forms.", Text: "Forms\n\nForms.",
			Source: "# Forms\n\n[![build](https://ci.example.org/badge.svg)](https://ci.example.org)\n\nForms. Café ☕\n"},
		{Path: "README.rst", Format: registry.ReadmeRST, Summary: "Maps.", Text: "Maps\n\nMaps.",
			Source: "Maps\n====\n\nMaps.\n"},
		nil,
	}
	s, ids := storeWithProjects(t, want)

	readmes := func(ps []*registry.Project) []*registry.Readme {
		out := make([]*registry.Readme, len(ps))
		for i, p := range ps {
			out[i] = p.Readme
		}
		return out
	}
	var one []*registry.Project
	for _, id := range ids {
		p, err := s.Project(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		one = append(one, p)
	}
	if diff := cmp.Diff(want, readmes(one)); diff != "" {
		t.Errorf("Project readmes (-want +got):\n%s", diff)
	}
	byID, err := s.ProjectsByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	// Lists leave the README's text and source out.
	without := func(keep func(r *registry.Readme)) []*registry.Readme {
		out := make([]*registry.Readme, len(want))
		for i, r := range want {
			if r != nil {
				c := *r
				keep(&c)
				out[i] = &c
			}
		}
		return out
	}
	if diff := cmp.Diff(without(func(r *registry.Readme) { r.Text, r.Source = "", "" }), readmes(byID)); diff != "" {
		t.Errorf("ProjectsByID readmes (-want +got):\n%s", diff)
	}
	var each []*registry.Project
	err = s.EachProject(ctx, func(p *registry.Project) error { each = append(each, p); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(without(func(r *registry.Readme) { r.Source = "" }), readmes(each)); diff != "" {
		t.Errorf("EachProject readmes (-want +got):\n%s", diff)
	}
}

// TestMigrationAddsReadmeSource opens a database left at schema version 2
// with a project in it: the migration keeps the project and gives it an
// empty source, to be filled when the next crawl re-analyses it.
func TestMigrationAddsReadmeSource(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "govshare.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0001_initial.sql", "0002_participant_access.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			t.Fatalf("apply %s: %v", name, err)
		}
	}
	for _, stmt := range []string{
		`PRAGMA user_version = 2`,
		`INSERT INTO participants (id, name, country) VALUES ('nl-bzk', 'Ministerie van BZK', 'NL')`,
		`INSERT INTO sources (id, participant_id, url, origin, project_id) VALUES (1, 'nl-bzk', 'https://example.org/a.git', 'file', 'a-1')`,
		`INSERT INTO projects (id, source_id, indexed_at, record, readme_text)
			VALUES ('a-1', 1, '2026-03-01T12:00:00Z', '{"name":"a","analyser_version":2,"readme":{"path":"README.md","summary":"A."}}', 'A.')`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()

	s, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Project(ctx, "a-1")
	if err != nil {
		t.Fatal(err)
	}
	want := &registry.Readme{Path: "README.md", Summary: "A.", Text: "A."}
	if diff := cmp.Diff(want, p.Readme); diff != "" {
		t.Errorf("readme after migration (-want +got):\n%s", diff)
	}
	if p.AnalyserVersion == registry.AnalyserVersion {
		t.Errorf("the old record claims the current analyser version %d, so it would not be re-analysed", p.AnalyserVersion)
	}
}
