package discovery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/govshare/govshare/registry"
)

// pageFunc reads one page of a listing and returns the next page's URL, or
// nil after the last.
type pageFunc func(r *response) (*url.URL, error)

// eachPage fetches first and every page after it, up to MaxPages.
func (c *call) eachPage(ctx context.Context, first *url.URL, read pageFunc) error {
	fetched := map[string]bool{}
	for u := first; u != nil; {
		if c.pages >= c.d.maxPages {
			return failure(ErrTooManyPages, fmt.Sprintf(
				"%s has more than %d pages of repositories; discovery reads at most %d and stops rather than list only part of them",
				c.t, c.d.maxPages, c.d.maxPages))
		}
		if fetched[u.String()] {
			return failure(ErrHostFailed, fmt.Sprintf("%s's page links go round in a loop (%s): discovery stops", c.api.Host, u.Redacted()))
		}
		fetched[u.String()] = true
		r, err := c.get(ctx, u)
		if err != nil {
			return err
		}
		c.pages++
		if u, err = read(r); err != nil {
			return err
		}
	}
	return nil
}

// endpoint is the API URL of the path made of segments, each escaped
// whole ("a/b" becomes a%2Fb, as GitLab wants a group's path), with query.
func (c *call) endpoint(query url.Values, segments ...string) *url.URL {
	u := *c.api
	escaped := c.api.EscapedPath()
	for _, s := range segments {
		u.Path += "/" + s
		escaped += "/" + url.PathEscape(s)
	}
	u.RawPath = escaped
	u.RawQuery = query.Encode()
	return &u
}

// withPage is u asking for page n.
func withPage(u *url.URL, n int) *url.URL {
	next := *u
	q := next.Query()
	q.Set("page", strconv.Itoa(n))
	next.RawQuery = q.Encode()
	return &next
}

// follow resolves a next-page link that the host sent, and refuses it when
// it leaves the API: another scheme, host or port, or a path outside the
// API's.
func (c *call) follow(from *url.URL, link string) (*url.URL, error) {
	next, err := from.Parse(link)
	if err != nil {
		return nil, c.notAPI(fmt.Sprintf("unreadable next-page link %q", link))
	}
	if !sameOrigin(next, c.api) || !strings.HasPrefix(next.EscapedPath(), c.api.EscapedPath()+"/") {
		return nil, failure(ErrRefused, fmt.Sprintf(
			"%s sent a next-page link to %s, outside its API: discovery does not follow it", c.api.Host, next.Host+next.EscapedPath()))
	}
	next.Fragment, next.RawFragment = "", ""
	return next, nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

// nextLink is the target of the rel="next" entry of the Link headers
// (RFC 8288), or "".
func nextLink(h http.Header) string {
	for _, v := range h.Values("Link") {
		for {
			start := strings.IndexByte(v, '<')
			if start < 0 {
				break
			}
			end := strings.IndexByte(v[start:], '>')
			if end < 0 {
				break
			}
			target := v[start+1 : start+end]
			v = v[start+end+1:]
			params := v
			if i := strings.IndexByte(v, '<'); i >= 0 {
				params = v[:i]
			}
			if hasRel(params, "next") {
				return target
			}
		}
	}
	return ""
}

func hasRel(params, rel string) bool {
	for _, p := range strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ',' }) {
		name, value, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
			continue
		}
		for _, r := range strings.Fields(strings.Trim(strings.TrimSpace(value), `"`)) {
			if strings.EqualFold(r, rel) {
				return true
			}
		}
	}
	return false
}

var errRedirectElsewhere = errors.New("redirect to another host")

// sameOriginRedirects lets the client follow a redirect only on the host it
// started on, so that no answer can send discovery, or the token headers
// net/http does not strip (PRIVATE-TOKEN), elsewhere.
func sameOriginRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if !sameOrigin(req.URL, via[0].URL) {
			return fmt.Errorf("%w: %s", errRedirectElsewhere, req.URL.Host)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// listed is one repository as a host lists it, before checks.
type listed struct {
	id, name, cloneURL, webURL string
	archived, fork             bool
	// notPublic is set for private, internal and disabled repositories.
	notPublic bool
}

// add keeps a listed repository when it is public, complete, cloned from
// the code host itself and not listed already: offset pagination repeats an
// entry when repositories are created during the listing.
func (c *call) add(l listed) {
	if l.notPublic {
		c.hidden++
		return
	}
	clone := c.onHost(l.cloneURL)
	if l.id == "" || l.name == "" || clone == "" {
		c.unusable++
		c.log.Warn("listed repository left out: no id, name or clone URL on the host", "id", l.id, "name", l.name)
		return
	}
	if c.seen[l.id] {
		return
	}
	c.seen[l.id] = true
	c.repos = append(c.repos, registry.DiscoveredRepo{
		HostID:   l.id,
		Name:     l.name,
		CloneURL: clone,
		WebURL:   c.onHost(l.webURL),
		Archived: l.archived,
		Fork:     l.fork,
	})
}

// onHost returns raw without credentials when it is an http(s) URL on the
// code host's web host, and "" otherwise.
func (c *call) onHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	web, err := url.Parse(c.t.WebBase)
	if err != nil || !strings.EqualFold(u.Hostname(), web.Hostname()) {
		return ""
	}
	u.User = nil
	return u.String()
}
