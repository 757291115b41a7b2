// Package discovery lists the repositories of an organisation on a code
// host through the host's REST API: a GitHub organisation or user, a GitLab
// group with all its subgroups (gitlab.com or self-hosted), a Gitea or
// Forgejo organisation or user, a Bitbucket Cloud workspace.
//
// List reads every page or fails: a partial listing would make the
// repositories it missed look deleted. It honours the hosts' rate-limit
// headers, waiting for a reset up to Options.MaxWait; sends the access token
// configured for the API host, if any; and never follows a next-page link
// or a redirect to another host. It returns public repositories only, with
// their archived and fork flags; Filter applies an organisation source's
// filters. Every error but a cancelled context's is an *Error whose text is
// written for the participant who registered the organisation: what is
// wrong and what to do, never a token.
//
// Discovery sends requests to hosts that participants name. The caller
// guards against server-side request forgery by giving it an HTTP client
// that dials through urlpolicy's DialContext; discovery keeps that client's
// redirect check and adds its own.
package discovery

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/govshare/govshare/registry"
)

// Options configure a Discoverer. Zero values take the defaults.
type Options struct {
	// HTTPClient makes the requests; nil means a client with a 30-second
	// timeout. Discovery adds its own redirect check to a copy of it.
	HTTPClient *http.Client
	// Tokens maps an API host ("api.github.com", "gitlab.example.org",
	// "api.bitbucket.org") to the access token sent to it, from the
	// operator's configuration. A Bitbucket token of the form
	// "user:secret" is sent as HTTP Basic credentials, any other as a
	// bearer token.
	Tokens map[string]string
	Logger *slog.Logger
	// MaxWait is the longest discovery waits for a rate limit to reset
	// before giving up with ErrRateLimited (default 2 minutes).
	MaxWait time.Duration
	// MaxPages is the most pages one listing reads (default 100, that is
	// 10,000 repositories on GitHub, GitLab and Bitbucket and 5,000 on
	// Gitea) before giving up with ErrTooManyPages.
	MaxPages int
	// Now and Sleep stand in for the clock in tests.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// BaseURLs overrides a target's API base. A key is a code host's web
	// host name ("gitlab.example.gov": a GitLab served under a sub-path,
	// or a GitHub Enterprise with its API elsewhere) or a host kind
	// ("github": every target of that kind, as tests do).
	BaseURLs map[string]string
}

// Defaults for Options' zero values.
const (
	DefaultMaxWait  = 2 * time.Minute
	DefaultMaxPages = 100
	DefaultTimeout  = 30 * time.Second
)

// Discoverer lists organisations' repositories. It is safe for concurrent
// use.
type Discoverer struct {
	client   *http.Client
	tokens   map[string]string
	log      *slog.Logger
	maxWait  time.Duration
	maxPages int
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error
	bases    map[string]string
}

// New returns a Discoverer with opts' settings.
func New(opts Options) *Discoverer {
	d := &Discoverer{
		tokens:   map[string]string{},
		log:      opts.Logger,
		maxWait:  opts.MaxWait,
		maxPages: opts.MaxPages,
		now:      opts.Now,
		sleep:    opts.Sleep,
		bases:    map[string]string{},
	}
	client := http.Client{Timeout: DefaultTimeout}
	if opts.HTTPClient != nil {
		client = *opts.HTTPClient
	}
	client.CheckRedirect = sameOriginRedirects(client.CheckRedirect)
	d.client = &client
	for host, token := range opts.Tokens {
		d.tokens[strings.ToLower(host)] = token
	}
	for key, base := range opts.BaseURLs {
		d.bases[strings.ToLower(key)] = strings.TrimRight(base, "/")
	}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if d.maxWait <= 0 {
		d.maxWait = DefaultMaxWait
	}
	if d.maxPages <= 0 {
		d.maxPages = DefaultMaxPages
	}
	if d.now == nil {
		d.now = time.Now
	}
	if d.sleep == nil {
		d.sleep = sleepContext
	}
	return d
}

// List returns every public repository the host lists for t's owner, in the
// host's order, each once. Private and internal repositories, and GitHub's
// disabled ones, are left out: they cannot be cloned without credentials.
// It fails rather than return part of a listing.
func (d *Discoverer) List(ctx context.Context, t Target) ([]registry.DiscoveredRepo, error) {
	base := d.apiBase(t)
	api, err := url.Parse(base)
	if err != nil || api.Host == "" || (api.Scheme != "https" && api.Scheme != "http") {
		return nil, failure(ErrNotAPI, fmt.Sprintf("discovery has no valid API address for %s (%q)", t, base))
	}
	api.Path = strings.TrimRight(api.Path, "/")
	api.RawPath = ""
	c := &call{
		d:     d,
		t:     t,
		api:   api,
		token: d.token(api),
		seen:  map[string]bool{},
	}
	c.log = d.log.With("host", t.Host, "owner", t.Owner, "api", api.Host)
	switch t.Host {
	case registry.HostGitHub:
		err = c.listGitHub(ctx)
	case registry.HostGitLab:
		err = c.listGitLab(ctx)
	case registry.HostGitea:
		err = c.listGitea(ctx)
	case registry.HostBitbucket:
		err = c.listBitbucket(ctx)
	default:
		return nil, failure(ErrNotAPI, fmt.Sprintf("discovery does not know code host %q", t.Host))
	}
	if err != nil {
		return nil, err
	}
	c.log.Debug("listed repositories", "repositories", len(c.repos), "pages", c.pages,
		"not_public", c.hidden, "unusable", c.unusable)
	return c.repos, nil
}

// apiBase is t's API base after the operator's overrides.
func (d *Discoverer) apiBase(t Target) string {
	if base := d.bases[strings.ToLower(t.webHost())]; base != "" {
		return base
	}
	if base := d.bases[t.Host]; base != "" {
		return base
	}
	return t.APIBase
}

// token is the access token configured for api's host, or "".
func (d *Discoverer) token(api *url.URL) string {
	if token, ok := d.tokens[strings.ToLower(api.Host)]; ok {
		return token
	}
	return d.tokens[strings.ToLower(api.Hostname())]
}

func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
