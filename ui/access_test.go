package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// writeRoute is a route that changes a participant's entries, with a
// request a participant could send to it.
type writeRoute struct {
	method, route string
	path          string
	body          string
	contentType   string
}

// participantWriteRoutes lists every route that changes a participant's
// entries, aimed at participant's entries: source sid and token tid.
func participantWriteRoutes(participant string, sid, tid int64) []writeRoute {
	api := "/api/v1/participants/" + participant
	page := "/participants/" + participant
	const jsonType, formType, yamlType = "application/json", "application/x-www-form-urlencoded", "application/yaml"
	return []writeRoute{
		{"POST", "/api/v1/participants/:id/sources", api + "/sources", `{"url": "https://github.com/someone/else"}`, jsonType},
		{"PATCH", "/api/v1/participants/:id/sources/:sid", fmt.Sprintf("%s/sources/%d", api, sid), `{"filters": {"skip_forks": true}}`, jsonType},
		{"DELETE", "/api/v1/participants/:id/sources/:sid", fmt.Sprintf("%s/sources/%d", api, sid), "", jsonType},
		{"POST", "/api/v1/participants/:id/sources.yaml", api + "/sources.yaml",
			"participants:\n  - id: " + participant + "\n    name: X\n    country: EE\n    sources:\n      - repo: https://github.com/someone/else\n", yamlType},
		{"POST", "/api/v1/participants/:id/tokens", api + "/tokens", `{"name": "stolen"}`, jsonType},
		{"DELETE", "/api/v1/participants/:id/tokens/:tid", fmt.Sprintf("%s/tokens/%d", api, tid), "", jsonType},
		{"POST", "/participants/:id/sources", page + "/sources", "kind=repo&url=https%3A%2F%2Fgithub.com%2Fsomeone%2Felse", formType},
		{"POST", "/participants/:id/sources/:sid/remove", fmt.Sprintf("%s/sources/%d/remove", page, sid), "", formType},
		{"POST", "/participants/:id/tokens", page + "/tokens", "name=stolen", formType},
		{"POST", "/participants/:id/tokens/:tid/revoke", fmt.Sprintf("%s/tokens/%d/revoke", page, tid), "", formType},
	}
}

// writesNotScopedToParticipant are the write routes that touch no
// participant's entries, each tested on its own.
var writesNotScopedToParticipant = []string{
	"POST /signin", "POST /signout",
	"POST /api/v1/webhooks/github", "POST /api/v1/webhooks/gitlab", "POST /api/v1/webhooks/gitea",
}

// riaEntries is what ee-ria has that the tests try to change: a source the
// API registered, and a token.
func (f *accessFixture) riaEntries(t *testing.T) (sid, tid int64) {
	t.Helper()
	sid = f.addAPISource(t, "ee-ria", "https://github.com/ria-org", registry.KindOrg, registry.HostGitHub).ID
	tokens, err := f.cat.store.Tokens(context.Background(), "ee-ria")
	if err != nil {
		t.Fatal(err)
	}
	return sid, tokens[0].ID
}

// entriesState is everything a write route could change of a participant.
type entriesState struct {
	Sources []*registry.Source
	Tokens  []*registry.Token
	Audit   []*registry.AuditEntry
}

func (f *accessFixture) state(t *testing.T, participant string) entriesState {
	t.Helper()
	ctx := context.Background()
	sources, err := f.cat.store.Sources(ctx, participant)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := f.cat.store.Tokens(ctx, participant)
	if err != nil {
		t.Fatal(err)
	}
	audit, err := f.cat.store.Audit(ctx, participant, 100)
	if err != nil {
		t.Fatal(err)
	}
	return entriesState{Sources: sources, Tokens: tokens, Audit: audit}
}

// TestEveryWriteRouteIsInTheTable fails when a write route is added
// without being added to participantWriteRoutes (or, for a route that
// touches no participant's entries, writesNotScopedToParticipant).
func TestEveryWriteRouteIsInTheTable(t *testing.T) {
	s := newCatalogue(t).server(t)
	var tabled []string
	for _, r := range participantWriteRoutes("x", 1, 1) {
		tabled = append(tabled, r.method+" "+r.route)
	}
	tabled = append(tabled, writesNotScopedToParticipant...)
	for _, r := range s.engine.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			continue
		}
		if !slices.Contains(tabled, r.Method+" "+r.Path) {
			t.Errorf("write route %s %s is not in the authorisation table", r.Method, r.Path)
		}
	}
}

// TestParticipantCannotTouchAnother sends every write route a
// participant's token for another participant's entries: each must be
// refused with 403 and the same JSON or page error, and nothing of the
// other participant may change.
func TestParticipantCannotTouchAnother(t *testing.T) {
	f := newAccessFixture(t, Limits{Writes: 1000, AddressWrites: 1000}, false)
	sid, tid := f.riaEntries(t)
	before := f.state(t, "ee-ria")

	for _, r := range participantWriteRoutes("ee-ria", sid, tid) {
		t.Run(r.method+" "+r.route, func(t *testing.T) {
			res := f.send(t, nil, request{method: r.method, path: r.path, body: r.body, token: f.tokens["gds"],
				header: map[string]string{"Content-Type": r.contentType}})
			if res.status != http.StatusForbidden {
				t.Fatalf("status %d, want 403; body:\n%s", res.status, res.body)
			}
			if strings.HasPrefix(r.path, "/api/") {
				var got apiErrorBody
				if err := json.Unmarshal([]byte(res.body), &got); err != nil {
					t.Fatalf("decode %s: %v", res.body, err)
				}
				if got.Error.Code != codeForbidden {
					t.Errorf("code %q, want %q", got.Error.Code, codeForbidden)
				}
			} else if !strings.Contains(res.body, ">Forbidden</h1>") {
				t.Errorf("page lacks the Forbidden heading:\n%s", res.body)
			}
		})
	}
	if diff := cmp.Diff(before, f.state(t, "ee-ria")); diff != "" {
		t.Errorf("ee-ria's entries changed (-before +after):\n%s", diff)
	}
	if got := f.queue.take(); len(got) != 0 {
		t.Errorf("crawls queued: %v", got)
	}
}

// TestOwnPathOtherSource aims a participant's own path at another
// participant's source or token: it is not found there.
func TestOwnPathOtherSource(t *testing.T) {
	f := newAccessFixture(t, Limits{Writes: 1000, AddressWrites: 1000}, false)
	sid, tid := f.riaEntries(t)
	before := f.state(t, "ee-ria")
	for _, r := range participantWriteRoutes("gb-gds", sid, tid) {
		if !strings.Contains(r.route, ":sid") && !strings.Contains(r.route, ":tid") {
			continue
		}
		t.Run(r.method+" "+r.route, func(t *testing.T) {
			res := f.send(t, nil, request{method: r.method, path: r.path, body: r.body, token: f.tokens["gds"],
				header: map[string]string{"Content-Type": r.contentType}})
			if res.status != http.StatusNotFound {
				t.Errorf("status %d, want 404; body:\n%s", res.status, res.body)
			}
		})
	}
	if diff := cmp.Diff(before, f.state(t, "ee-ria")); diff != "" {
		t.Errorf("ee-ria's entries changed (-before +after):\n%s", diff)
	}
}

// TestOperatorMayTouchAll sends the operator's token to ee-ria's sources.
func TestOperatorMayTouchAll(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/ee-ria/sources", token: f.tokens["operator"],
		body: `{"url": "https://github.com/ria-org/new"}`})
	if res.status != http.StatusCreated {
		t.Fatalf("status %d, want 201; body:\n%s", res.status, res.body)
	}
	audit := f.state(t, "ee-ria").Audit
	if len(audit) != 1 || audit[0].Actor != "operator:operator" {
		t.Errorf("audit %+v, want one entry by operator:operator", audit)
	}
}

// TestBadTokens checks that an unknown, revoked or malformed token gets the
// same 401, on reads as on writes, and no token on a write gets a 401 too.
func TestBadTokens(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	const badToken = "The token is not valid: it is unknown or has been revoked."
	tests := []struct {
		name          string
		authorization string
		method, path  string
		wantMessage   string
	}{
		{"unknown token", "Bearer gvs_0000000000000000000000000000000000000000000", "POST", "/api/v1/participants/gb-gds/sources", badToken},
		{"revoked token", "Bearer " + f.tokens["revoked"], "POST", "/api/v1/participants/gb-gds/sources", badToken},
		{"not a govshare token", "Bearer hunter2", "POST", "/api/v1/participants/gb-gds/sources", badToken},
		{"revoked token on a read", "Bearer " + f.tokens["revoked"], "GET", "/api/v1/projects", badToken},
		{"unknown token on a page", "Bearer gvs_nope", "GET", "/participants/gb-gds", badToken},
		{"basic auth", "Basic dXNlcjpwYXNz", "GET", "/api/v1/projects", `Send the token as "Authorization: Bearer gvs_...".`},
		{"no token", "", "POST", "/api/v1/participants/gb-gds/sources", "Sign in with a token to change entries."},
		{"no token, audit log", "", "GET", "/api/v1/participants/gb-gds/audit", "Sign in with a token to change entries."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			header := map[string]string{}
			if tc.authorization != "" {
				header["Authorization"] = tc.authorization
			}
			res := f.send(t, nil, request{method: tc.method, path: tc.path, body: `{"url": "https://github.com/gds/x"}`, header: header})
			if res.status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401; body:\n%s", res.status, res.body)
			}
			if !strings.Contains(res.body, htmlOrJSON(tc.path, tc.wantMessage)) {
				t.Errorf("body lacks %q:\n%s", tc.wantMessage, res.body)
			}
			if strings.HasPrefix(tc.path, "/api/") && res.header.Get("WWW-Authenticate") == "" {
				t.Error("no WWW-Authenticate header")
			}
		})
	}
	if got := f.state(t, "gb-gds").Sources; len(got) != 3 {
		t.Errorf("gb-gds has %d sources, want its 3 declared ones", len(got))
	}
}

// htmlOrJSON is message as it appears in a page or a JSON body.
func htmlOrJSON(path, message string) string {
	if strings.HasPrefix(path, "/api/") {
		b, _ := json.Marshal(message)
		return string(b)
	}
	return strings.NewReplacer(`"`, "&#34;", "'", "&#39;").Replace(message)
}

// TestTokenLastUsed checks that a request notes when its token was used.
func TestTokenLastUsed(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	f.send(t, nil, request{method: "GET", path: "/api/v1/projects", token: f.tokens["ria"]})
	tokens := f.state(t, "ee-ria").Tokens
	if len(tokens) != 1 || !tokens[0].LastUsedAt.Equal(generatedAt) {
		t.Errorf("ee-ria's tokens %+v, want one last used at %s", tokens, generatedAt)
	}
}
