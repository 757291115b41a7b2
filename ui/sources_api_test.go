package ui

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/govshare/govshare/registry"
)

// decode decodes a JSON answer into v.
func decode(t *testing.T, res response, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(res.body), v); err != nil {
		t.Fatalf("decode %s: %v", res.body, err)
	}
}

func TestAddSource(t *testing.T) {
	f := newAccessFixture(t, Limits{Writes: 1000, AddressWrites: 1000}, false)
	type added struct {
		URL, Kind, Host string
		Filters         registry.SourceFilters
	}
	tests := []struct {
		name        string
		participant string
		token       string
		body        string
		wantStatus  int
		want        *added // for 201
		wantMessage string // for the rest
	}{
		{name: "a repository", body: `{"url": "https://GitHub.com/gds/new-thing/"}`,
			wantStatus: 201, want: &added{URL: "https://github.com/gds/new-thing", Kind: "repo"}},
		{name: "an organisation on a known host", body: `{"url": "https://github.com/gds-org", "kind": "org", "filters": {"skip_forks": true, "exclude": ["legacy-*"]}}`,
			wantStatus: 201, want: &added{URL: "https://github.com/gds-org", Kind: "org", Host: "github", Filters: registry.SourceFilters{SkipForks: true, Exclude: []string{"legacy-*"}}}},
		{name: "a self-hosted group", body: `{"url": "https://git.example.gov/digital/platform", "kind": "org", "host": "gitlab"}`,
			wantStatus: 201, want: &added{URL: "https://git.example.gov/digital/platform", Kind: "org", Host: "gitlab"}},
		{name: "the operator, for a participant", token: "operator", body: `{"url": "https://github.com/gds/by-operator"}`,
			wantStatus: 201, want: &added{URL: "https://github.com/gds/by-operator", Kind: "repo"}},
		{name: "a self-hosted group without its host", body: `{"url": "https://git.example.gov/digital", "kind": "org"}`,
			wantStatus: 400, wantMessage: "Say which kind of code host serves this organisation"},
		{name: "file URL", body: `{"url": "file:///srv/git/secret.git"}`,
			wantStatus: 400, wantMessage: "file:// URLs are only allowed in the operator's configuration"},
		{name: "local path", body: `{"url": "/srv/git/secret.git"}`,
			wantStatus: 400, wantMessage: "local paths are only allowed in the operator's configuration"},
		{name: "plain http", body: `{"url": "http://github.com/gds/x"}`,
			wantStatus: 400, wantMessage: "must use https"},
		{name: "a host that resolves to 127.0.0.1", body: `{"url": "https://loopback.example/gds/x.git"}`,
			wantStatus: 400, wantMessage: "loopback.example resolves to 127.0.0.1, a loopback address"},
		{name: "registered already by the participant", body: `{"url": "https://github.com/gds/frontend"}`,
			wantStatus: 409, wantMessage: "https://github.com/gds/frontend is registered already (by gb-gds)"},
		{name: "registered already by another", participant: "ee-ria", token: "ria", body: `{"url": "https://github.com/gds/frontend"}`,
			wantStatus: 409, wantMessage: "registered already (by gb-gds)"},
		{name: "filters on a repository", body: `{"url": "https://github.com/gds/y", "filters": {"skip_forks": true}}`,
			wantStatus: 400, wantMessage: "a single repository (kind \"repo\") takes none"},
		{name: "a broken pattern", body: `{"url": "https://github.com/gds-2", "kind": "org", "filters": {"include": ["[a-"]}}`,
			wantStatus: 400, wantMessage: `"[a-" is not a pattern`},
		{name: "an unknown kind", body: `{"url": "https://github.com/gds/y", "kind": "group"}`,
			wantStatus: 400, wantMessage: `kind must be "repo" or "org", not "group".`},
		{name: "an unknown host", body: `{"url": "https://github.com/gds-3", "kind": "org", "host": "sourceforge"}`,
			wantStatus: 400, wantMessage: `host must be one of github, gitlab, gitea or bitbucket, not "sourceforge".`},
		{name: "an unknown field", body: `{"url": "https://github.com/gds/y", "branch": "main"}`,
			wantStatus: 400, wantMessage: `unknown field \"branch\"`},
		{name: "not JSON", body: `url=https://github.com/gds/y`, wantStatus: 400, wantMessage: "not valid JSON"},
		{name: "two JSON values", body: `{"url": "https://github.com/gds/y"} {}`, wantStatus: 400, wantMessage: "more than one JSON value"},
		{name: "empty", body: ``, wantStatus: 400, wantMessage: "The request body is empty"},
		{name: "no URL", body: `{"kind": "repo"}`, wantStatus: 400, wantMessage: "Give the address"},
		{name: "an unknown participant", participant: "xx-none", token: "operator", body: `{"url": "https://github.com/x/y"}`,
			wantStatus: 404, wantMessage: "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			participant, token := orDefault(tc.participant, "gb-gds"), orDefault(tc.token, "gds")
			res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/" + participant + "/sources", body: tc.body, token: f.tokens[token]})
			if res.status != tc.wantStatus {
				t.Fatalf("status %d, want %d; body:\n%s", res.status, tc.wantStatus, res.body)
			}
			queued := f.queue.take()
			if tc.want == nil {
				var got apiErrorBody
				decode(t, res, &got)
				if !strings.Contains(got.Error.Message, tc.wantMessage) && !strings.Contains(res.body, tc.wantMessage) {
					t.Errorf("message %q lacks %q", got.Error.Message, tc.wantMessage)
				}
				if len(queued) != 0 {
					t.Errorf("queued %v for a refused source", queued)
				}
				return
			}
			var src registry.Source
			decode(t, res, &src)
			if diff := cmp.Diff(*tc.want, added{URL: src.URL, Kind: src.Kind, Host: src.Host, Filters: src.Filters}); diff != "" {
				t.Errorf("source (-want +got):\n%s", diff)
			}
			if src.Origin != registry.OriginAPI || src.Status != registry.SourcePending || src.ProjectID != registry.ProjectID(src.URL) {
				t.Errorf("source %+v: want an API source, pending, with its project ID", src)
			}
			if got := res.header.Get("Location"); got != sourcePath(participant, src.ID) {
				t.Errorf("Location %q", got)
			}
			if diff := cmp.Diff([]int64{src.ID}, queued); diff != "" {
				t.Errorf("queued (-want +got):\n%s", diff)
			}
			audit := f.state(t, participant).Audit
			if len(audit) == 0 || audit[0].Action != actionSourceAdd || audit[0].Target != src.URL {
				t.Errorf("latest audit entry %+v, want source.add of %s", audit[0], src.URL)
			}
		})
	}
}

// orDefault is value, or fallback when value is empty.
func orDefault(value, fallback string) string {
	if value != "" {
		return value
	}
	return fallback
}

func TestUpdateSource(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	org := f.addAPISource(t, "gb-gds", "https://github.com/gds-org", registry.KindOrg, registry.HostGitHub)
	repo := f.addAPISource(t, "gb-gds", "https://github.com/gds/api-repo", registry.KindRepo, "")
	frontend := f.sourceID(t, frontendURL)
	tests := []struct {
		name       string
		id         int64
		body       string
		wantStatus int
		want       string
	}{
		{"an organisation's filters", org.ID, `{"filters": {"skip_archived": true, "include": ["api-*"]}}`, 200, `"filters":{"skip_archived":true,"include":["api-*"]}`},
		{"back to no filters", org.ID, `{"filters": {}}`, 200, `"kind":"org"`},
		{"a repository", repo.ID, `{"filters": {"skip_forks": true}}`, 400, "is a single repository"},
		{"a source of the operator's file", frontend, `{"filters": {}}`, 409, "declared in the operator's participants file"},
		{"no filters", org.ID, `{}`, 400, "Send the new filters"},
		{"not a source", 999, `{"filters": {}}`, 404, "has no source 999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := f.send(t, nil, request{method: "PATCH", path: sourcePath("gb-gds", tc.id), body: tc.body, token: f.tokens["gds"]})
			if res.status != tc.wantStatus || !strings.Contains(res.body, tc.want) {
				t.Errorf("status %d, want %d; body lacks %q:\n%s", res.status, tc.wantStatus, tc.want, res.body)
			}
		})
	}
	var updates []string
	for _, e := range f.state(t, "gb-gds").Audit {
		updates = append(updates, e.Action+": "+e.Detail)
	}
	if diff := cmp.Diff([]string{"source.update: no filters", "source.update: skip_archived include=api-*"}, updates); diff != "" {
		t.Errorf("audit (-want +got):\n%s", diff)
	}
}

// TestRemoveSource removes an organisation source: its discovered
// repositories' projects leave the store and the search index.
func TestRemoveSource(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	ctx := context.Background()
	org := f.addAPISource(t, "gb-gds", "https://github.com/gds-org", registry.KindOrg, registry.HostGitHub)
	found := []registry.DiscoveredRepo{
		{HostID: "1", Name: "gds-org/widgets", CloneURL: "https://github.com/gds-org/widgets.git"},
		{HostID: "2", Name: "gds-org/gadgets", CloneURL: "https://github.com/gds-org/gadgets.git"},
	}
	if _, _, err := f.cat.store.SyncDiscovered(ctx, org.ID, found, indexedAt); err != nil {
		t.Fatal(err)
	}
	widgets := f.recordProject(t, "https://github.com/gds-org/widgets.git", registry.Record{Name: "widgets", Description: "Zorblax widgets", License: "MIT"})
	if hits := f.searchIDs(t, "zorblax"); !cmp.Equal(hits, []string{widgets}) {
		t.Fatalf("search before removal: %v", hits)
	}

	discovered := f.sourceID(t, "https://github.com/gds-org/gadgets.git")
	for _, tc := range []struct {
		name string
		id   int64
		want string
	}{
		{"a source of the operator's file", f.sourceID(t, frontendURL), "declared in the operator's participants file"},
		{"a discovered repository", discovered, "add an exclude pattern to that organisation's filters"},
	} {
		res := f.send(t, nil, request{method: "DELETE", path: sourcePath("gb-gds", tc.id), token: f.tokens["gds"]})
		if res.status != http.StatusConflict || !strings.Contains(res.body, tc.want) {
			t.Errorf("%s: status %d, body %s", tc.name, res.status, res.body)
		}
	}

	res := f.send(t, nil, request{method: "DELETE", path: sourcePath("gb-gds", org.ID), token: f.tokens["gds"]})
	if res.status != http.StatusOK {
		t.Fatalf("status %d; body:\n%s", res.status, res.body)
	}
	var got removedSource
	decode(t, res, &got)
	want := []string{registry.ProjectID(org.URL), registry.ProjectID(found[0].CloneURL), registry.ProjectID(found[1].CloneURL)}
	if diff := cmp.Diff(want, got.RemovedProjects, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("removed projects (-want +got):\n%s", diff)
	}
	if _, err := f.cat.store.Project(ctx, widgets); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("project %s still in the store: %v", widgets, err)
	}
	if hits := f.searchIDs(t, "zorblax"); len(hits) != 0 {
		t.Errorf("search after removal: %v", hits)
	}
	audit := f.state(t, "gb-gds").Audit
	if diff := cmp.Diff("source.remove https://github.com/gds-org: 3 project(s) left the catalogue", audit[0].Action+" "+audit[0].Target+": "+audit[0].Detail); diff != "" {
		t.Errorf("audit (-want +got):\n%s", diff)
	}
}

// recordProject stores a successful crawl of the source at u and indexes
// it, returning the project's ID.
func (f *accessFixture) recordProject(t *testing.T, u string, rec registry.Record) string {
	t.Helper()
	ctx := context.Background()
	src, err := f.cat.store.Source(ctx, f.sourceID(t, u))
	if err != nil {
		t.Fatal(err)
	}
	rec.URL = u
	rec.AnalyserVersion = registry.AnalyserVersion
	p := &registry.Project{ID: src.ProjectID, SourceID: src.ID, ParticipantID: src.ParticipantID, IndexedAt: indexedAt, Record: rec}
	p.Normalize()
	if err := f.cat.store.RecordSuccess(ctx, src.ID, p); err != nil {
		t.Fatal(err)
	}
	stored, err := f.cat.store.Project(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.cat.index.Put(ctx, stored); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func (f *accessFixture) searchIDs(t *testing.T, text string) []string {
	t.Helper()
	res, err := f.cat.index.Search(context.Background(), registry.SearchQuery{Text: text, Page: 1, PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestAuditRoute(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	for _, name := range []string{"one", "two", "three"} {
		f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: f.tokens["gds"],
			body: `{"url": "https://github.com/gds/` + name + `"}`})
	}
	tests := []struct {
		token, query string
		wantStatus   int
		wantTargets  []string
	}{
		{"gds", "", 200, []string{"https://github.com/gds/three", "https://github.com/gds/two", "https://github.com/gds/one"}},
		{"operator", "?limit=1", 200, []string{"https://github.com/gds/three"}},
		{"ria", "", 403, nil},
		{"gds", "?limit=0", 400, nil},
	}
	for _, tc := range tests {
		t.Run(tc.token+tc.query, func(t *testing.T) {
			res := f.send(t, nil, request{method: "GET", path: "/api/v1/participants/gb-gds/audit" + tc.query, token: f.tokens[tc.token]})
			if res.status != tc.wantStatus {
				t.Fatalf("status %d, want %d; body:\n%s", res.status, tc.wantStatus, res.body)
			}
			if tc.wantStatus != 200 {
				return
			}
			var got auditList
			decode(t, res, &got)
			var targets []string
			for _, e := range got.Items {
				targets = append(targets, e.Target)
			}
			if diff := cmp.Diff(tc.wantTargets, targets); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTokensAPI(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/tokens", token: f.tokens["gds"], body: `{"name": "CI pipeline"}`})
	if res.status != http.StatusCreated || res.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: status %d, Cache-Control %q; body:\n%s", res.status, res.header.Get("Cache-Control"), res.body)
	}
	var made newToken
	decode(t, res, &made)
	if !strings.HasPrefix(made.Secret, registry.TokenPrefix) || made.Token.Name != "CI pipeline" || made.Token.ParticipantID != "gb-gds" {
		t.Fatalf("made %+v", made)
	}
	if res := f.send(t, nil, request{method: "GET", path: "/api/v1/participants/gb-gds/tokens", token: made.Secret}); res.status != http.StatusOK {
		t.Fatalf("the new token does not work: %d %s", res.status, res.body)
	}
	if strings.Contains(f.send(t, nil, request{method: "GET", path: "/api/v1/participants/gb-gds/tokens", token: f.tokens["gds"]}).body, "gvs_") {
		t.Error("the token list shows a secret")
	}
	revoke := request{method: "DELETE", path: "/api/v1/participants/gb-gds/tokens/" + itoa(made.Token.ID), token: f.tokens["gds"]}
	if res := f.send(t, nil, revoke); res.status != http.StatusOK || !strings.Contains(res.body, `"revoked_at"`) {
		t.Fatalf("revoke: %d %s", res.status, res.body)
	}
	if res := f.send(t, nil, revoke); res.status != http.StatusConflict {
		t.Errorf("revoke again: %d, want 409", res.status)
	}
	if res := f.send(t, nil, request{method: "GET", path: "/api/v1/projects", token: made.Secret}); res.status != http.StatusUnauthorized {
		t.Errorf("a revoked token: %d, want 401", res.status)
	}
	for _, body := range []string{`{"name": ""}`, `{"name": "` + strings.Repeat("x", 101) + `"}`, `{"name": "tab\there"}`} {
		if res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/tokens", token: f.tokens["gds"], body: body}); res.status != http.StatusBadRequest {
			t.Errorf("name %s: status %d, want 400", body, res.status)
		}
	}
}
