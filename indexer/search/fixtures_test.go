package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/govshare/govshare/registry"
)

// projectFixture is a project as testdata/projects.json spells it: the
// record's JSON leaves out the README text, so it has a field of its own.
type projectFixture struct {
	registry.Project
	ReadmeText string `json:"readme_text"`
}

// fixtureNow is the clock the fixture projects' last activity is measured
// from: Open Forms' last commit is exactly 30 days before it.
var fixtureNow = time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)

// loadProjects reads the fixture projects, in file order.
func loadProjects(t testing.TB) []*registry.Project {
	t.Helper()
	return loadProjectsFrom(t, filepath.Join("testdata", "projects.json"))
}

// loadProjectsFrom reads the projects of a fixture file, in file order.
func loadProjectsFrom(t testing.TB, path string) []*registry.Project {
	t.Helper()
	var fixtures []projectFixture
	readJSON(t, path, &fixtures)
	projects := make([]*registry.Project, len(fixtures))
	for i, f := range fixtures {
		p := f.Project
		p.Readme = &registry.Readme{Path: "README.md", Text: f.ReadmeText}
		projects[i] = &p
	}
	return projects
}

// eachOf yields projects the way Store.EachProject does.
func eachOf(projects []*registry.Project) func(context.Context, func(*registry.Project) error) error {
	return func(ctx context.Context, fn func(*registry.Project) error) error {
		for _, p := range projects {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}
}

// memoryIndex is an in-memory index holding the fixture projects.
func memoryIndex(t testing.TB) *Index {
	t.Helper()
	return memoryIndexOf(t, loadProjects(t))
}

// memoryIndexOf is an in-memory index holding projects, closed when the
// test ends.
func memoryIndexOf(t testing.TB, projects []*registry.Project) *Index {
	t.Helper()
	ix, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ix.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := ix.Put(t.Context(), projects...); err != nil {
		t.Fatal(err)
	}
	return ix
}

// mustSearch runs q and fails the test on error.
func mustSearch(t testing.TB, ix *Index, q registry.SearchQuery) *registry.SearchResult {
	t.Helper()
	res, err := ix.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// hitIDs lists the IDs of a result's hits in rank order.
func hitIDs(res *registry.SearchResult) []string {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}
