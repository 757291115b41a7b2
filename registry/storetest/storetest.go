// Package storetest is the contract every registry.Store backend must meet.
// A backend's tests call Run with a constructor for an empty store.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// Run runs the contract tests against stores made by open, which must
// return a new, empty store for each call.
func Run(t *testing.T, open func(t *testing.T) registry.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s registry.Store)
	}{
		{"SyncDeclaredAddsAndRemoves", testSyncDeclared},
		{"SyncDeclaredRejectsSharedRepository", testSyncDeclaredConflict},
		{"RecordLifecycle", testRecordLifecycle},
		{"NotFound", testNotFound},
		{"ProjectsByIDKeepsOrder", testProjectsByID},
		{"CrawlRuns", testCrawlRuns},
		{"ParticipantsAndTokens", testParticipantsAndTokens},
		{"Audit", testAudit},
		{"SourcesLifecycle", testSourcesLifecycle},
		{"SyncDeclaredOrganisations", testSyncDeclaredOrganisations},
		{"SyncDeclaredReportsWhatToReindex", testSyncDeclaredReportsWhatToReindex},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

var (
	gds = registry.Participant{ID: "gb-gds", Name: "Government Digital Service", Country: "GB", Website: "https://www.gov.uk"}
	ria = registry.Participant{ID: "ee-ria", Name: "Information System Authority", Country: "EE"}
	t0  = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
)

func mustSync(t *testing.T, s registry.Store, d []registry.Declared) (registry.SyncResult, []string) {
	t.Helper()
	res, removed, err := s.SyncDeclared(context.Background(), d)
	if err != nil {
		t.Fatalf("SyncDeclared: %v", err)
	}
	return res, removed
}

func sourceByURL(t *testing.T, s registry.Store, url string) *registry.Source {
	t.Helper()
	srcs, err := s.Sources(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range srcs {
		if src.URL == url {
			return src
		}
	}
	t.Fatalf("no source %s", url)
	return nil
}

func project(src *registry.Source, commit string) *registry.Project {
	p := &registry.Project{
		ID:        src.ProjectID,
		IndexedAt: t0,
		Record: registry.Record{
			URL:         src.URL,
			Commit:      commit,
			Branch:      "main",
			CommittedAt: t0.Add(-time.Hour),
			Name:        "frontend",
			License:     "MIT",
			Licenses:    []registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Coverage: 100, OSIApproved: true}},
			Languages:   []registry.Language{{Name: "Go", Bytes: 1200}},
			Readme:      &registry.Readme{Path: "README.md", Format: registry.ReadmeMarkdown, Summary: "A frontend.", Text: "A frontend. Long text.", Source: "# A frontend\n\nLong text.\n"},
		},
	}
	p.Normalize()
	return p
}

func testSyncDeclared(t *testing.T, s registry.Store) {
	ctx := context.Background()
	res, removed := mustSync(t, s, []registry.Declared{
		{Participant: gds, Sources: []string{"https://example.org/a.git", "https://example.org/b.git"}},
		{Participant: ria, Sources: []string{"https://example.org/c.git"}},
	})
	if diff := cmp.Diff(registry.SyncResult{Participants: 2, SourcesAdded: 3}, res); diff != "" {
		t.Errorf("first sync (-want +got):\n%s", diff)
	}
	if len(removed) != 0 {
		t.Errorf("first sync removed %v", removed)
	}
	b := sourceByURL(t, s, "https://example.org/b.git")
	if err := s.RecordSuccess(ctx, b.ID, project(b, "abc")); err != nil {
		t.Fatal(err)
	}

	// b leaves the file: it and its project go; a stays untouched.
	res, removed = mustSync(t, s, []registry.Declared{
		{Participant: gds, Sources: []string{"https://example.org/a.git"}},
		{Participant: ria, Sources: []string{"https://example.org/c.git"}},
	})
	if diff := cmp.Diff(registry.SyncResult{Participants: 2, SourcesRemoved: 1}, res); diff != "" {
		t.Errorf("second sync (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{b.ProjectID}, removed); diff != "" {
		t.Errorf("removed projects (-want +got):\n%s", diff)
	}
	if _, err := s.Project(ctx, b.ProjectID); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("removed project: got err %v, want not found", err)
	}
	srcs, err := s.Sources(ctx, "gb-gds")
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 1 || srcs[0].URL != "https://example.org/a.git" || srcs[0].Status != registry.SourcePending {
		t.Errorf("gb-gds sources = %+v", srcs)
	}
	ps, err := s.Participants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*registry.Participant{&ria, &gds}, ps); diff != "" {
		t.Errorf("participants (-want +got):\n%s", diff)
	}
}

func testSyncDeclaredConflict(t *testing.T, s registry.Store) {
	_, _, err := s.SyncDeclared(context.Background(), []registry.Declared{
		{Participant: gds, Sources: []string{"https://example.org/a.git"}},
		{Participant: ria, Sources: []string{"https://example.org/a.git"}},
	})
	if registry.ErrorCode(err) != registry.ECONFLICT {
		t.Fatalf("got %v, want a conflict", err)
	}
	// Nothing of the rejected declaration was kept.
	srcs, err := s.Sources(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 0 {
		t.Errorf("sources after a rejected sync: %+v", srcs)
	}
}

func testRecordLifecycle(t *testing.T, s registry.Store) {
	ctx := context.Background()
	mustSync(t, s, []registry.Declared{{Participant: gds, Sources: []string{"https://example.org/a.git"}}})
	src := sourceByURL(t, s, "https://example.org/a.git")

	// A failure before any success leaves no project.
	p, err := s.RecordFailure(ctx, src.ID, t0, "host unreachable")
	if err != nil || p != nil {
		t.Fatalf("first failure: project %v, err %v", p, err)
	}

	want := project(src, "abc")
	if err := s.RecordSuccess(ctx, src.ID, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Project(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	want.SourceID = src.ID
	want.ParticipantID = gds.ID
	want.ParticipantName = gds.Name
	want.Country = gds.Country
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored project (-want +got):\n%s", diff)
	}
	src, _ = s.Source(ctx, src.ID)
	if src.Status != registry.SourceOK || src.LastCommit != "abc" || src.Failures != 0 || src.LastError != "" {
		t.Errorf("source after success: %+v", src)
	}

	// A failure keeps the last good record, marked stale with the reason.
	stale, err := s.RecordFailure(ctx, src.ID, t0.Add(time.Hour), "authentication required")
	if err != nil {
		t.Fatal(err)
	}
	if stale == nil || !stale.Stale || stale.StaleReason != "authentication required" || stale.Commit != "abc" {
		t.Errorf("project after failure: %+v", stale)
	}
	src, _ = s.Source(ctx, src.ID)
	if src.Status != registry.SourceFailed || src.Failures != 1 || src.LastError != "authentication required" ||
		!src.LastCrawlAt.Equal(t0.Add(time.Hour)) || !src.LastSuccessAt.Equal(t0) {
		t.Errorf("source after failure: %+v", src)
	}

	// An unchanged crawl makes the record current again.
	if err := s.RecordUnchanged(ctx, src.ID, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Project(ctx, want.ID)
	src, _ = s.Source(ctx, src.ID)
	if got.Stale || src.Status != registry.SourceOK || src.LastCommit != "abc" {
		t.Errorf("after unchanged: project stale=%v, source %+v", got.Stale, src)
	}

	var seen []string
	if err := s.EachProject(ctx, func(p *registry.Project) error { seen = append(seen, p.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{want.ID}, seen); diff != "" {
		t.Errorf("EachProject (-want +got):\n%s", diff)
	}

	// A record must belong to its source.
	other := project(src, "def")
	other.ID = "someone-else-00000000"
	if err := s.RecordSuccess(ctx, src.ID, other); registry.ErrorCode(err) != registry.EINVALID {
		t.Errorf("mismatched project id: got %v, want invalid", err)
	}
}

func testNotFound(t *testing.T, s registry.Store) {
	ctx := context.Background()
	_, err := s.Project(ctx, "nope")
	check := func(what string, err error) {
		t.Helper()
		if registry.ErrorCode(err) != registry.ENOTFOUND {
			t.Errorf("%s: got %v, want not found", what, err)
		}
	}
	check("Project", err)
	_, err = s.Participant(ctx, "nope")
	check("Participant", err)
	_, err = s.Source(ctx, 42)
	check("Source", err)
	_, err = s.LastCrawlRun(ctx)
	check("LastCrawlRun", err)
	check("RecordUnchanged", s.RecordUnchanged(ctx, 42, t0))
	_, err = s.RecordFailure(ctx, 42, t0, "x")
	check("RecordFailure", err)
}

func testProjectsByID(t *testing.T, s registry.Store) {
	ctx := context.Background()
	urls := []string{"https://example.org/a.git", "https://example.org/b.git", "https://example.org/c.git"}
	mustSync(t, s, []registry.Declared{{Participant: gds, Sources: urls}})
	var ids []string
	for _, u := range urls {
		src := sourceByURL(t, s, u)
		if err := s.RecordSuccess(ctx, src.ID, project(src, "abc")); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, src.ProjectID)
	}
	got, err := s.ProjectsByID(ctx, []string{ids[2], "missing", ids[0]})
	if err != nil {
		t.Fatal(err)
	}
	var gotIDs []string
	for _, p := range got {
		gotIDs = append(gotIDs, p.ID)
	}
	if diff := cmp.Diff([]string{ids[2], ids[0]}, gotIDs); diff != "" {
		t.Errorf("ProjectsByID (-want +got):\n%s", diff)
	}
}

func testCrawlRuns(t *testing.T, s registry.Store) {
	ctx := context.Background()
	run, err := s.StartCrawlRun(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	run.FinishedAt = t0.Add(time.Minute)
	run.Indexed, run.Unchanged, run.Failed = 3, 2, 1
	if err := s.FinishCrawlRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	got, err := s.LastCrawlRun(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(run, got); diff != "" {
		t.Errorf("LastCrawlRun (-want +got):\n%s", diff)
	}
}
