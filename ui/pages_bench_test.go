package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/govshare/govshare/registry"
)

// benchmarkCatalogue is the fixture catalogue grown to n projects: copies of
// the fixture records under new names, each with a README of about 8 KB.
func benchmarkCatalogue(b *testing.B, n int) (*Server, []string) {
	b.Helper()
	cat := newCatalogue(b)
	ctx := context.Background()
	var seed []*registry.Project
	err := cat.store.EachProject(ctx, func(p *registry.Project) error {
		seed = append(seed, p)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	readme := "# Service\n\nA service for [permits](docs/permits.md) and payments.\n\n" +
		strings.Repeat("## Section\n\nSome *text* with `code`, a [link](https://example.org) and a list:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", 50)
	// Fifty participants in four countries share the n repositories.
	declared := make([]registry.Declared, 50)
	for i := range declared {
		declared[i].Participant = registry.Participant{
			ID: fmt.Sprintf("bench-%03d", i), Name: fmt.Sprintf("Bench body %d", i), Country: []string{"GB", "EE", "NL", "IT"}[i%4],
		}
	}
	for i := range n {
		d := &declared[i%len(declared)]
		d.Sources = append(d.Sources, fmt.Sprintf("https://example.org/bench/permit-portal-%d.git", i))
	}
	if _, _, err := cat.store.SyncDeclared(ctx, declared); err != nil {
		b.Fatal(err)
	}
	all, err := cat.store.Sources(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i, src := range all {
		if !strings.HasPrefix(src.URL, "https://example.org/bench/") {
			continue
		}
		p := *seed[i%len(seed)]
		p.ID, p.SourceID, p.ParticipantID = src.ProjectID, src.ID, src.ParticipantID
		p.URL = src.URL
		p.Name = fmt.Sprintf("permit portal %d", i)
		p.Readme = &registry.Readme{Path: "README.md", Format: registry.ReadmeMarkdown, Summary: "A service.", Text: readme, Source: readme}
		if err := cat.store.RecordSuccess(ctx, src.ID, &p); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if _, err := cat.index.Rebuild(ctx, cat.store.EachProject); err != nil {
		b.Fatal(err)
	}
	return cat.server(b), ids
}

// BenchmarkSearchPage renders the search page: a query, one facet filter,
// 20 results with highlighting, every facet, on 1,000 projects.
func BenchmarkSearchPage(b *testing.B) {
	s, _ := benchmarkCatalogue(b, 1000)
	benchmarkPage(b, s, "/search?q=permit+portal&country=GB")
}

// BenchmarkProjectPage renders a project page with an 8 KB README (cached
// after the first view, as in service), its checks and similar projects.
func BenchmarkProjectPage(b *testing.B) {
	s, ids := benchmarkCatalogue(b, 1000)
	benchmarkPage(b, s, projectPath(ids[len(ids)/2]))
}

// BenchmarkHomePage renders the home page on 1,000 projects.
func BenchmarkHomePage(b *testing.B) {
	s, _ := benchmarkCatalogue(b, 1000)
	benchmarkPage(b, s, "/")
}

func benchmarkPage(b *testing.B, s *Server, path string) {
	b.Helper()
	h := s.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}
