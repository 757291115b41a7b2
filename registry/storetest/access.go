package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/govshare/govshare/registry"
)

func testParticipantsAndTokens(t *testing.T, s registry.Store) {
	ctx := context.Background()
	if err := s.CreateParticipant(ctx, &gds); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateParticipant(ctx, &gds); registry.ErrorCode(err) != registry.ECONFLICT {
		t.Errorf("second CreateParticipant: got %v, want a conflict", err)
	}
	if err := s.CreateParticipant(ctx, &registry.Participant{ID: "Bad ID"}); registry.ErrorCode(err) != registry.EINVALID {
		t.Errorf("invalid id: got %v, want invalid", err)
	}

	op := &registry.Token{Name: "ops", CreatedAt: t0}
	if err := s.CreateToken(ctx, op, []byte("hash-op")); err != nil {
		t.Fatal(err)
	}
	mine := &registry.Token{ParticipantID: gds.ID, Name: "ci", CreatedAt: t0}
	if err := s.CreateToken(ctx, mine, []byte("hash-ci")); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateToken(ctx, &registry.Token{ParticipantID: "nobody", Name: "x", CreatedAt: t0}, []byte("h")); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("token for an unknown participant: got %v, want not found", err)
	}

	got, err := s.TokenByHash(ctx, []byte("hash-ci"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(mine, got); diff != "" {
		t.Errorf("TokenByHash (-want +got):\n%s", diff)
	}
	if got, _ := s.TokenByHash(ctx, []byte("hash-op")); got == nil || !got.Operator() {
		t.Errorf("operator token: %+v", got)
	}
	if _, err := s.TokenByHash(ctx, []byte("wrong")); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("unknown hash: got %v, want not found", err)
	}

	if err := s.TouchToken(ctx, mine.ID, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, mine.ID, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, mine.ID, t0.Add(3*time.Hour)); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("revoking twice: got %v, want not found", err)
	}
	list, err := s.Tokens(ctx, gds.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("Tokens: %v, %v", list, err)
	}
	if !list[0].Revoked() || !list[0].LastUsedAt.Equal(t0.Add(time.Hour)) || !list[0].RevokedAt.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("token after use and revocation: %+v", list[0])
	}
	ops, err := s.Tokens(ctx, "")
	if err != nil || len(ops) != 1 || ops[0].Name != "ops" {
		t.Errorf("operator tokens: %v, %v", ops, err)
	}
}

func testAudit(t *testing.T, s registry.Store) {
	ctx := context.Background()
	for i, e := range []registry.AuditEntry{
		{At: t0, Actor: "gb-gds:ci", ParticipantID: "gb-gds", Action: "source.add", Target: "https://example.org/a.git"},
		{At: t0.Add(time.Minute), Actor: "operator:ops", ParticipantID: "ee-ria", Action: "token.create", Target: "deploy"},
		{At: t0.Add(2 * time.Minute), Actor: "gb-gds:ci", ParticipantID: "gb-gds", Action: "source.remove", Target: "https://example.org/a.git"},
	} {
		if err := s.Record(ctx, &e); err != nil || e.ID == 0 {
			t.Fatalf("Record %d: %v", i, err)
		}
	}
	mine, err := s.Audit(ctx, "gb-gds", 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range mine {
		actions = append(actions, e.Action)
	}
	if diff := cmp.Diff([]string{"source.remove", "source.add"}, actions); diff != "" {
		t.Errorf("a participant's audit log, newest first (-want +got):\n%s", diff)
	}
	all, err := s.Audit(ctx, "", 2)
	if err != nil || len(all) != 2 || all[0].Action != "source.remove" {
		t.Errorf("the whole log, limited: %+v, %v", all, err)
	}
}

func testSourcesLifecycle(t *testing.T, s registry.Store) {
	ctx := context.Background()
	if err := s.CreateParticipant(ctx, &gds); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateParticipant(ctx, &ria); err != nil {
		t.Fatal(err)
	}
	repo := &registry.Source{ParticipantID: gds.ID, URL: "https://example.org/a.git"}
	if err := s.AddSource(ctx, repo); err != nil {
		t.Fatal(err)
	}
	if repo.ID == 0 || repo.ProjectID != registry.ProjectID(repo.URL) || repo.Kind != registry.KindRepo || repo.Origin != registry.OriginAPI {
		t.Errorf("added source: %+v", repo)
	}
	if err := s.AddSource(ctx, &registry.Source{ParticipantID: ria.ID, URL: repo.URL}); registry.ErrorCode(err) != registry.ECONFLICT {
		t.Errorf("the same URL by someone else: got %v, want a conflict", err)
	}

	org := &registry.Source{ParticipantID: gds.ID, URL: "https://example.org/gds", Kind: registry.KindOrg, Host: registry.HostGitHub,
		Filters: registry.SourceFilters{SkipForks: true, Exclude: []string{"*-archive"}}}
	if err := s.AddSource(ctx, org); err != nil {
		t.Fatal(err)
	}
	f := registry.SourceFilters{SkipArchived: true, Include: []string{"api-*"}}
	if err := s.UpdateSourceFilters(ctx, org.ID, f); err != nil {
		t.Fatal(err)
	}
	got, err := s.Source(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f, got.Filters); diff != "" || got.Kind != registry.KindOrg || got.Host != registry.HostGitHub {
		t.Errorf("organisation source %+v; filters (-want +got):\n%s", got, diff)
	}

	// First discovery: two repositories.
	a := registry.DiscoveredRepo{HostID: "1", Name: "gds/api-a", CloneURL: "https://example.org/gds/api-a.git"}
	b := registry.DiscoveredRepo{HostID: "2", Name: "gds/api-b", CloneURL: "https://example.org/gds/api-b.git"}
	changes, dropped, err := s.SyncDiscovered(ctx, org.ID, []registry.DiscoveredRepo{a, b}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(registry.DiscoveryChanges{Added: 2}, changes); diff != "" || len(dropped) != 0 {
		t.Errorf("first discovery (-want +got):\n%s dropped %v", diff, dropped)
	}
	children := func() map[string]*registry.Source {
		t.Helper()
		all, err := s.Sources(ctx, gds.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]*registry.Source{}
		for _, src := range all {
			if src.ParentID == org.ID {
				m[src.URL] = src
			}
		}
		return m
	}
	srcA := children()[a.CloneURL]
	if srcA == nil || srcA.Origin != registry.OriginDiscovered || srcA.State != registry.StateActive || srcA.HostID != "1" {
		t.Fatalf("discovered source: %+v", srcA)
	}
	if err := s.RecordSuccess(ctx, srcA.ID, project(srcA, "abc")); err != nil {
		t.Fatal(err)
	}

	// Second discovery: a renamed, b archived; third: b gone.
	renamed := registry.DiscoveredRepo{HostID: "1", Name: "gds/api-new", CloneURL: "https://example.org/gds/api-new.git"}
	b.Archived = true
	changes, dropped, err = s.SyncDiscovered(ctx, org.ID, []registry.DiscoveredRepo{renamed, b}, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(registry.DiscoveryChanges{Renamed: 1, Archived: 1}, changes); diff != "" {
		t.Errorf("second discovery (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{srcA.ProjectID}, dropped); diff != "" {
		t.Errorf("dropped projects (-want +got):\n%s", diff)
	}
	kids := children()
	if old := kids[a.CloneURL]; old == nil || old.State != registry.StateRenamed || old.RenamedTo != renamed.CloneURL {
		t.Errorf("old name: %+v", old)
	}
	if nw := kids[renamed.CloneURL]; nw == nil || nw.State != registry.StateActive || nw.HostID != "1" {
		t.Errorf("new name: %+v", nw)
	}
	if st := kids[b.CloneURL]; st == nil || st.State != registry.StateArchived {
		t.Errorf("archived: %+v", st)
	}
	if to, err := s.Redirect(ctx, srcA.ProjectID); err != nil || to != registry.ProjectID(renamed.CloneURL) {
		t.Errorf("redirect of the old project: %q, %v", to, err)
	}

	changes, _, err = s.SyncDiscovered(ctx, org.ID, []registry.DiscoveredRepo{renamed}, t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(registry.DiscoveryChanges{Gone: 1}, changes); diff != "" {
		t.Errorf("third discovery (-want +got):\n%s", diff)
	}
	if gone := children()[b.CloneURL]; gone == nil || gone.State != registry.StateGone || gone.LastError == "" {
		t.Errorf("gone: %+v", gone)
	}

	// Removing the organisation removes what was found in it.
	removed, err := s.RemoveSource(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 4 {
		t.Errorf("removed projects %v, want the organisation's and its three repositories'", removed)
	}
	if left := children(); len(left) != 0 {
		t.Errorf("discovered sources left after removing their organisation: %v", left)
	}
	if _, err := s.RemoveSource(ctx, org.ID); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("removing twice: got %v, want not found", err)
	}
}

func testSyncDeclaredOrganisations(t *testing.T, s registry.Store) {
	ctx := context.Background()
	org := registry.DeclaredOrg{URL: "https://example.org/gds", Host: registry.HostGitLab, Filters: registry.SourceFilters{SkipForks: true}}
	res, _ := mustSync(t, s, []registry.Declared{{Participant: gds, Orgs: []registry.DeclaredOrg{org}}})
	if res.SourcesAdded != 1 {
		t.Errorf("first sync added %d sources, want 1", res.SourcesAdded)
	}
	src := sourceByURL(t, s, org.URL)
	if src.Kind != registry.KindOrg || src.Host != registry.HostGitLab || !src.Filters.SkipForks || src.Origin != registry.OriginConfig {
		t.Errorf("declared organisation: %+v", src)
	}
	found := registry.DiscoveredRepo{HostID: "7", CloneURL: "https://example.org/gds/a.git"}
	if _, _, err := s.SyncDiscovered(ctx, src.ID, []registry.DiscoveredRepo{found}, t0); err != nil {
		t.Fatal(err)
	}

	// Changed filters are taken; the organisation is not added twice.
	org.Filters = registry.SourceFilters{Exclude: []string{"old-*"}}
	res, _ = mustSync(t, s, []registry.Declared{{Participant: gds, Orgs: []registry.DeclaredOrg{org}}})
	if res.SourcesAdded != 0 {
		t.Errorf("second sync added %d sources", res.SourcesAdded)
	}
	if got := sourceByURL(t, s, org.URL); got.Filters.SkipForks || len(got.Filters.Exclude) != 1 {
		t.Errorf("filters after the second sync: %+v", got.Filters)
	}

	// Leaving the file removes the organisation and what was found in it.
	_, removed := mustSync(t, s, []registry.Declared{{Participant: gds}})
	if diff := cmp.Diff([]string{registry.ProjectID(found.CloneURL), src.ProjectID}, removed, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("removed projects (-want +got):\n%s", diff)
	}
}

func testSyncDeclaredReportsWhatToReindex(t *testing.T, s registry.Store) {
	ctx := context.Background()
	mustSync(t, s, []registry.Declared{{Participant: gds, Sources: []string{"https://example.org/a.git"}}, {Participant: ria}})
	src := sourceByURL(t, s, "https://example.org/a.git")
	if err := s.RecordSuccess(ctx, src.ID, project(src, "abc")); err != nil {
		t.Fatal(err)
	}
	renamed := gds
	renamed.Name = "GDS"
	res, _ := mustSync(t, s, []registry.Declared{{Participant: renamed, Sources: []string{"https://example.org/a.git"}}, {Participant: ria}})
	if diff := cmp.Diff([]string{src.ProjectID}, res.Reindex); diff != "" {
		t.Errorf("after a rename (-want +got):\n%s", diff)
	}
	res, _ = mustSync(t, s, []registry.Declared{{Participant: renamed}, {Participant: ria, Sources: []string{"https://example.org/a.git"}}})
	if diff := cmp.Diff([]string{src.ProjectID}, res.Reindex); diff != "" {
		t.Errorf("after a move (-want +got):\n%s", diff)
	}
	if p, err := s.Project(ctx, src.ProjectID); err != nil || p.ParticipantID != ria.ID || p.Country != "EE" {
		t.Errorf("moved project: %+v, %v", p, err)
	}
	res, _ = mustSync(t, s, []registry.Declared{{Participant: renamed}, {Participant: ria, Sources: []string{"https://example.org/a.git"}}})
	if len(res.Reindex) != 0 {
		t.Errorf("nothing changed, yet reindex %v", res.Reindex)
	}
}
