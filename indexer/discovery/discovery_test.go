package discovery

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func on(web, id, name string) registry.DiscoveredRepo {
	return registry.DiscoveredRepo{HostID: id, Name: name, CloneURL: web + "/" + name + ".git", WebURL: web + "/" + name}
}

func archived(r registry.DiscoveredRepo) registry.DiscoveredRepo { r.Archived = true; return r }
func fork(r registry.DiscoveredRepo) registry.DiscoveredRepo     { r.Fork = true; return r }

const (
	githubWeb    = "https://github.com"
	gitlabWeb    = "https://gitlab.com"
	codebergWeb  = "https://codeberg.org"
	bitbucketWeb = "https://bitbucket.org"
)

func TestList(t *testing.T) {
	tests := []struct {
		name    string
		archive string
		org     string // the organisation's address
		host    string // the host kind given with it
		bases   map[string]string
		token   bool
		// authHeader is the header that carries the token, authValue its
		// value.
		authHeader, authValue string
		want                  []registry.DiscoveredRepo
		requests              []string
		sleeps                []time.Duration
	}{
		{
			name:    "GitHub organisation, three pages",
			archive: "github/alphagov.txtar",
			org:     "https://github.com/alphagov",
			token:   true, authHeader: "Authorization", authValue: "Bearer " + testToken,
			want: []registry.DiscoveredRepo{
				on(githubWeb, "88759431", "alphagov/govuk-frontend"),
				on(githubWeb, "4327923", "alphagov/whitehall"),
				archived(on(githubWeb, "9622186", "alphagov/calculators")),
				on(githubWeb, "213456789", "alphagov/govuk-design-system"),
				fork(on(githubWeb, "321654987", "alphagov/fakes3")),
				on(githubWeb, "601234567", "alphagov/govuk_publishing_components"),
			},
			requests: []string{
				"GET /orgs/alphagov/repos?direction=asc&per_page=100&sort=created&type=all",
				"GET /organizations/596977/repos?direction=asc&per_page=100&sort=created&type=all&page=2",
				"GET /organizations/596977/repos?direction=asc&per_page=100&sort=created&type=all&page=3",
			},
		},
		{
			name:    "GitHub user",
			archive: "github/user.txtar",
			org:     "https://github.com/octocat",
			want:    []registry.DiscoveredRepo{on(githubWeb, "1296269", "octocat/Hello-World")},
			requests: []string{
				"GET /orgs/octocat/repos?direction=asc&per_page=100&sort=created&type=all",
				"GET /users/octocat/repos?direction=asc&per_page=100&sort=created&type=owner",
			},
		},
		{
			name:    "GitHub rate limits waited out",
			archive: "github/rate-limit.txtar",
			org:     "https://github.com/alphagov",
			want: []registry.DiscoveredRepo{
				on(githubWeb, "88759431", "alphagov/govuk-frontend"),
				on(githubWeb, "4327923", "alphagov/whitehall"),
				on(githubWeb, "601234567", "alphagov/govuk_publishing_components"),
			},
			requests: []string{
				"GET /orgs/alphagov/repos?direction=asc&per_page=100&sort=created&type=all",
				"GET /organizations/596977/repos?direction=asc&per_page=100&sort=created&type=all&page=2",
				"GET /organizations/596977/repos?direction=asc&per_page=100&sort=created&type=all&page=2",
				"GET /organizations/596977/repos?direction=asc&per_page=100&sort=created&type=all&page=3",
				"GET /organizations/596977/repos?direction=asc&per_page=100&sort=created&type=all&page=3",
			},
			// The primary limit's reset, the secondary limit's
			// Retry-After, then the primary limit's reset again.
			sleeps: []time.Duration{90 * time.Second, 60 * time.Second, 30 * time.Second},
		},
		{
			name:    "GitLab group with subgroups, three pages",
			archive: "gitlab/group.txtar",
			org:     "https://gitlab.com/groups/govuk/platform",
			token:   true, authHeader: "PRIVATE-TOKEN", authValue: testToken,
			want: []registry.DiscoveredRepo{
				on(gitlabWeb, "1001", "govuk/platform/router"),
				on(gitlabWeb, "1003", "govuk/platform/tools/deploy-scripts"),
				archived(on(gitlabWeb, "1004", "govuk/platform/legacy-cdn")),
				fork(on(gitlabWeb, "1005", "govuk/platform/nginx")),
				on(gitlabWeb, "1007", "govuk/platform/observability/dashboards"),
			},
			requests: []string{
				"GET /api/v4/groups/govuk%2Fplatform/projects?include_subgroups=true&order_by=id&per_page=100&sort=asc&with_shared=false",
				"GET /api/v4/groups/govuk%2Fplatform/projects?include_subgroups=true&order_by=id&page=2&per_page=100&sort=asc&with_shared=false",
				"GET /api/v4/groups/govuk%2Fplatform/projects?include_subgroups=true&order_by=id&page=3&per_page=100&sort=asc&with_shared=false",
			},
		},
		{
			name:    "GitLab user namespace",
			archive: "gitlab/user.txtar",
			org:     "https://gitlab.com/jdoe",
			want:    []registry.DiscoveredRepo{on(gitlabWeb, "2001", "jdoe/dotfiles")},
			requests: []string{
				"GET /api/v4/groups/jdoe/projects?include_subgroups=true&order_by=id&per_page=100&sort=asc&with_shared=false",
				"GET /api/v4/users/jdoe/projects?order_by=id&per_page=100&sort=asc",
			},
		},
		{
			name:    "GitLab rate limit waited out",
			archive: "gitlab/rate-limit.txtar",
			org:     "https://gitlab.com/govuk/platform",
			want:    []registry.DiscoveredRepo{on(gitlabWeb, "1001", "govuk/platform/router")},
			requests: []string{
				"GET /api/v4/groups/govuk%2Fplatform/projects?include_subgroups=true&order_by=id&per_page=100&sort=asc&with_shared=false",
				"GET /api/v4/groups/govuk%2Fplatform/projects?include_subgroups=true&order_by=id&per_page=100&sort=asc&with_shared=false",
			},
			sleeps: []time.Duration{45 * time.Second},
		},
		{
			name:    "self-hosted GitLab under a sub-path, Link paging",
			archive: "gitlab/self-hosted.txtar",
			org:     "https://gitlab.example.gov/digital",
			host:    registry.HostGitLab,
			bases:   map[string]string{"gitlab.example.gov": "$API/gitlab/api/v4"},
			token:   true, authHeader: "PRIVATE-TOKEN", authValue: testToken,
			want: []registry.DiscoveredRepo{
				on("https://gitlab.example.gov", "3001", "digital/case-management"),
				on("https://gitlab.example.gov", "3003", "digital/benefits-api"),
			},
			requests: []string{
				"GET /gitlab/api/v4/groups/digital/projects?include_subgroups=true&order_by=id&per_page=100&sort=asc&with_shared=false",
				"GET /gitlab/api/v4/groups/digital/projects?id=digital&include_subgroups=true&order_by=id&per_page=100&sort=asc&with_shared=false&id_after=3002",
			},
		},
		{
			name:    "Forgejo organisation, three pages",
			archive: "gitea/forgejo.txtar",
			org:     "https://codeberg.org/forgejo",
			token:   true, authHeader: "Authorization", authValue: "token " + testToken,
			want: []registry.DiscoveredRepo{
				on(codebergWeb, "61", "forgejo/forgejo"),
				on(codebergWeb, "62", "forgejo/docs"),
				on(codebergWeb, "64", "forgejo/runner"),
				archived(on(codebergWeb, "65", "forgejo/website-2022")),
				fork(on(codebergWeb, "66", "forgejo/gitea")),
				on(codebergWeb, "67", "forgejo/act"),
			},
			requests: []string{
				"GET /api/v1/orgs/forgejo/repos?limit=50&page=1",
				"GET /api/v1/orgs/forgejo/repos?limit=50&page=2",
				"GET /api/v1/orgs/forgejo/repos?limit=50&page=3",
			},
		},
		{
			name:    "Gitea user, after the proxy's 503",
			archive: "gitea/user.txtar",
			org:     "https://codeberg.org/dachary",
			want:    []registry.DiscoveredRepo{on(codebergWeb, "901", "dachary/notes")},
			requests: []string{
				"GET /api/v1/orgs/dachary/repos?limit=50&page=1",
				"GET /api/v1/users/dachary/repos?limit=50&page=1",
				"GET /api/v1/users/dachary/repos?limit=50&page=1",
			},
			sleeps: []time.Duration{2 * time.Second},
		},
		{
			name:    "Bitbucket workspace, three pages",
			archive: "bitbucket/workspace.txtar",
			org:     "https://bitbucket.org/govtech-demo/",
			token:   true, authHeader: "Authorization", authValue: "Bearer " + testToken,
			want: []registry.DiscoveredRepo{
				on(bitbucketWeb, "{1f0e2d3c-4b5a-4697-8877-665544332211}", "govtech-demo/forms-api"),
				fork(on(bitbucketWeb, "{3b2c4d5e-6f70-4819-aa2b-3c4d5e6f7182}", "govtech-demo/forms-ui")),
				on(bitbucketWeb, "{4c3d5e6f-7081-492a-bb3c-4d5e6f708293}", "govtech-demo/data-pipeline"),
				on(bitbucketWeb, "{5d4e6f70-8192-4a3b-8c4d-5e6f708192a4}", "govtech-demo/design-tokens"),
			},
			requests: []string{
				"GET /2.0/repositories/govtech-demo?pagelen=100",
				"GET /2.0/repositories/govtech-demo?pagelen=100&page=2",
				"GET /2.0/repositories/govtech-demo?pagelen=100&page=3",
			},
		},
		{
			name:    "Bitbucket rate limit without a reset time",
			archive: "bitbucket/rate-limit.txtar",
			org:     "https://bitbucket.org/govtech-demo",
			want:    []registry.DiscoveredRepo{on(bitbucketWeb, "{1f0e2d3c-4b5a-4697-8877-665544332211}", "govtech-demo/forms-api")},
			requests: []string{
				"GET /2.0/repositories/govtech-demo?pagelen=100",
				"GET /2.0/repositories/govtech-demo?pagelen=100",
			},
			sleeps: []time.Duration{time.Minute},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newReplay(t, tt.archive)
			c := newClock()
			d, logs := discovererFor(api, c, tt.token, Options{BaseURLs: tt.bases})
			target, err := ParseOrg(tt.org, tt.host)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.List(context.Background(), target)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("repositories (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.requests, api.lines()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.sleeps, c.sleeps()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if tt.authHeader != "" {
				for i, v := range api.headers(tt.authHeader) {
					if v != tt.authValue {
						t.Errorf("request %d: %s = %q, want %q", i+1, tt.authHeader, v, tt.authValue)
					}
				}
			}
			if strings.Contains(logs.String(), testToken) {
				t.Errorf("the token is in the logs:\n%s", logs)
			}
		})
	}
}

func TestListFailures(t *testing.T) {
	tests := []struct {
		name    string
		archive string
		org     string
		token   bool
		opts    Options
		kind    error
		// message is the error's text; $HOST stands for the replayed
		// API's host.
		message  string
		requests int
	}{
		{
			name:     "GitHub organisation not found",
			archive:  "github/not-found.txtar",
			org:      "https://github.com/no-such-org",
			kind:     ErrNotFound,
			message:  "organisation no-such-org not found on github.com: check the address; if it is private, configure an access token for $HOST",
			requests: 2,
		},
		{
			name:     "GitHub token refused",
			archive:  "github/bad-token.txtar",
			org:      "https://github.com/alphagov",
			token:    true,
			kind:     ErrTokenRefused,
			message:  "the access token for $HOST was refused (401 Bad credentials): replace it in govshare's configuration, or give it read access to github.com/alphagov",
			requests: 1,
		},
		{
			name:     "GitHub rate limit resets after MaxWait",
			archive:  "github/rate-limit-give-up.txtar",
			org:      "https://github.com/alphagov",
			kind:     ErrRateLimited,
			message:  "rate limited by $HOST until 13:00 UTC: discovery will try again at the next crawl; an access token configured for $HOST raises the limit",
			requests: 1,
		},
		{
			name:     "GitHub rate limit resets after a longer MaxWait",
			archive:  "github/rate-limit-give-up.txtar",
			org:      "https://github.com/alphagov",
			token:    true,
			opts:     Options{MaxWait: 59 * time.Minute},
			kind:     ErrRateLimited,
			message:  "rate limited by $HOST until 13:00 UTC: discovery will try again at the next crawl",
			requests: 1,
		},
		{
			name:     "GitHub next-page link to another host",
			archive:  "github/next-elsewhere.txtar",
			org:      "https://github.com/alphagov",
			kind:     ErrRefused,
			message:  "$HOST sent a next-page link to evil.example.net/organizations/596977/repos, outside its API: discovery does not follow it",
			requests: 1,
		},
		{
			name:     "GitHub answered with HTML",
			archive:  "github/html.txtar",
			org:      "https://github.com/alphagov",
			kind:     ErrNotAPI,
			message:  "$HOST did not answer as a GitHub API (text/html): check the organisation's address and the code host's kind",
			requests: 1,
		},
		{
			name:     "GitHub organisation beyond MaxPages",
			archive:  "github/alphagov.txtar",
			org:      "https://github.com/alphagov",
			opts:     Options{MaxPages: 2},
			kind:     ErrTooManyPages,
			message:  "github.com/alphagov has more than 2 pages of repositories; discovery reads at most 2 and stops rather than list only part of them",
			requests: 2,
		},
		{
			name:     "GitLab group not found",
			archive:  "gitlab/not-found.txtar",
			org:      "https://gitlab.com/govuk/no-such-group",
			token:    true,
			kind:     ErrNotFound,
			message:  "group govuk/no-such-group not found on gitlab.com: check the address, and that the access token can see it",
			requests: 1,
		},
		{
			name:     "GitLab token refused",
			archive:  "gitlab/bad-token.txtar",
			org:      "https://gitlab.com/govuk/platform",
			token:    true,
			kind:     ErrTokenRefused,
			message:  "the access token for $HOST was refused (401 Unauthorized): replace it in govshare's configuration, or give it read access to gitlab.com/govuk/platform",
			requests: 1,
		},
		{
			name:     "GitLab next-page link to another host",
			archive:  "gitlab/next-elsewhere.txtar",
			org:      "https://gitlab.com/govuk/platform",
			kind:     ErrRefused,
			message:  "$HOST sent a next-page link to elsewhere.example.net/api/v4/groups/govuk%2Fplatform/projects, outside its API: discovery does not follow it",
			requests: 1,
		},
		{
			name:     "Bitbucket workspace not found",
			archive:  "bitbucket/not-found.txtar",
			org:      "https://bitbucket.org/no-such-workspace",
			kind:     ErrNotFound,
			message:  "workspace no-such-workspace not found on bitbucket.org: check the address; if it is private, configure an access token for $HOST",
			requests: 1,
		},
		{
			name:     "Bitbucket next link to another host",
			archive:  "bitbucket/next-elsewhere.txtar",
			org:      "https://bitbucket.org/govtech-demo",
			kind:     ErrRefused,
			message:  "$HOST sent a next-page link to bitbucket.example.net/2.0/repositories/govtech-demo, outside its API: discovery does not follow it",
			requests: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newReplay(t, tt.archive)
			c := newClock()
			d, logs := discovererFor(api, c, tt.token, tt.opts)
			target, err := ParseOrg(tt.org, "")
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.List(context.Background(), target)
			if got != nil {
				t.Errorf("List returned %d repositories with its error; want none", len(got))
			}
			if !errors.Is(err, tt.kind) {
				t.Fatalf("List: %v; want an error of kind %q", err, tt.kind)
			}
			if want := strings.ReplaceAll(tt.message, "$HOST", api.host()); err.Error() != want {
				t.Errorf("error:\n got %s\nwant %s", err, want)
			}
			if n := len(api.lines()); n != tt.requests {
				t.Errorf("%d requests, want %d: %q", n, tt.requests, api.lines())
			}
			if len(c.sleeps()) != 0 {
				t.Errorf("waited %v; want no wait", c.sleeps())
			}
			if strings.Contains(err.Error()+logs.String(), testToken) {
				t.Errorf("the token is in the error or the logs:\n%v\n%s", err, logs)
			}
		})
	}
}

// A renamed repository keeps its HostID: each listing names it as it is
// then, and the store pairs the two by HostID.
func TestListRenamed(t *testing.T) {
	api := newReplay(t, "github/renamed.txtar")
	d, _ := discovererFor(api, newClock(), false, Options{})
	target, err := ParseOrg("https://github.com/alphagov", "")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]registry.DiscoveredRepo
	for range 2 {
		repos, err := d.List(context.Background(), target)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, repos)
	}
	want := [][]registry.DiscoveredRepo{
		{on(githubWeb, "123456789", "alphagov/govuk-content-api")},
		{on(githubWeb, "123456789", "alphagov/content-store-api")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("listings (-want +got):\n%s", diff)
	}
}

// A redirect to another host is not followed: the token headers net/http
// keeps across hosts (PRIVATE-TOKEN) must not leave the API.
func TestListRedirectElsewhere(t *testing.T) {
	var reached atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("[]"))
	}))
	defer elsewhere.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	defer api.Close()

	d := New(Options{
		Tokens:   map[string]string{strings.TrimPrefix(api.URL, "http://"): testToken},
		BaseURLs: map[string]string{registry.HostGitLab: api.URL + "/api/v4"},
		Sleep:    newClock().Sleep,
	})
	target, err := ParseOrg("https://gitlab.com/govuk", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.List(context.Background(), target)
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("List: %v; want ErrRefused", err)
	}
	if !strings.Contains(err.Error(), "redirected discovery to another host: refused") {
		t.Errorf("error %q does not say the redirect was refused", err)
	}
	if reached.Load() != 0 {
		t.Errorf("the other host was reached %d times", reached.Load())
	}
}

func TestNextLink(t *testing.T) {
	tests := []struct {
		name  string
		links []string
		want  string
	}{
		{"none", nil, ""},
		{"GitHub", []string{`<https://api.github.com/organizations/1/repos?page=2>; rel="next", <https://api.github.com/organizations/1/repos?page=5>; rel="last"`}, "https://api.github.com/organizations/1/repos?page=2"},
		{"next not first", []string{`<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next"`}, "https://x/a?page=3"},
		{"last page", []string{`<https://x/a?page=1>; rel="first", <https://x/a?page=2>; rel="prev"`}, ""},
		{"Gitea, no spaces", []string{`<https://codeberg.org/api/v1/orgs/x/repos?page=2>; rel="next",<https://codeberg.org/api/v1/orgs/x/repos?page=3>; rel="last"`}, "https://codeberg.org/api/v1/orgs/x/repos?page=2"},
		{"two headers", []string{`<https://x/a?page=1>; rel="first"`, `<https://x/a?page=2>; rel=next`}, "https://x/a?page=2"},
		{"several relations", []string{`<https://x/a?page=2>; rel="next last"`}, "https://x/a?page=2"},
		{"comma in the URL", []string{`<https://x/a?ids=1,2&page=2>; rel="next"`}, "https://x/a?ids=1,2&page=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, l := range tt.links {
				h.Add("Link", l)
			}
			if got := nextLink(h); got != tt.want {
				t.Errorf("nextLink = %q, want %q", got, tt.want)
			}
		})
	}
}
