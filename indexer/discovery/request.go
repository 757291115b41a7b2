package discovery

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/govshare/govshare/registry"
)

// maxPageBytes bounds one page of a listing. A hundred GitHub repositories
// take about 600 KB.
const maxPageBytes = 32 << 20

// Retries of one request: for rate limits, and for the host's own 5xx
// failures (after 2 s, then 4 s).
const (
	maxRateLimitRetries = 4
	maxServerRetries    = 2
)

// call is one List: the target, its API, and what was read so far.
type call struct {
	d     *Discoverer
	t     Target
	api   *url.URL
	token string
	log   *slog.Logger

	// resumeAt is when the host's rate limit lets the next request through.
	resumeAt time.Time
	pages    int
	repos    []registry.DiscoveredRepo
	seen     map[string]bool // HostIDs listed already
	hidden   int             // private, internal or disabled repositories left out
	unusable int             // entries without an id, a name or a clone URL on the host
}

// response is one answer of the API, its body read.
type response struct {
	url    *url.URL
	status int
	header http.Header
	body   []byte
}

// get fetches u, waiting out rate limits and retrying the host's passing
// failures. It returns the response when its status is 2xx and an *Error
// otherwise.
func (c *call) get(ctx context.Context, u *url.URL) (*response, error) {
	limited, failed := 0, 0
	for {
		if err := c.waitForLimit(ctx); err != nil {
			return nil, err
		}
		r, err := c.do(ctx, u)
		if err != nil {
			return nil, err
		}
		if wait, ok := c.rateLimited(r, limited); ok {
			limited++
			c.resumeAt = c.d.now().Add(wait)
			if limited > maxRateLimitRetries {
				return nil, c.rateLimitError()
			}
			c.log.Info("rate limited", "status", r.status, "retry_in", wait.String())
			continue
		}
		c.noteLimit(r)
		if r.status >= 500 && failed < maxServerRetries {
			failed++
			wait := time.Duration(1<<failed) * time.Second
			c.log.Info("host failed, retrying", "status", r.status, "retry_in", wait.String())
			if err := c.d.sleep(ctx, wait); err != nil {
				return nil, fmt.Errorf("list repositories of %s: wait to ask again: %w", c.t, err)
			}
			continue
		}
		if err := c.checkStatus(r); err != nil {
			return nil, err
		}
		return r, nil
	}
}

// do sends one GET and reads the answer.
func (c *call) do(ctx context.Context, u *url.URL) (*response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, failure(ErrNotAPI, fmt.Sprintf("discovery cannot ask %s for %s: %v", c.api.Host, u.Redacted(), err))
	}
	req.Header.Set("User-Agent", "govshare-discovery")
	req.Header.Set("Accept", "application/json")
	if c.t.Host == registry.HostGitHub {
		req.Header.Set("Accept", "application/vnd.github+json")
		req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	}
	c.authorise(req.Header)
	c.log.Debug("get page", "url", u.Redacted())
	resp, err := c.d.client.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPageBytes+1))
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	if len(body) > maxPageBytes {
		return nil, failure(ErrRefused, fmt.Sprintf("%s sent a page larger than %d MiB: discovery stops there", c.api.Host, maxPageBytes>>20))
	}
	return &response{url: u, status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// authorise adds the configured token the way the host expects it.
func (c *call) authorise(h http.Header) {
	if c.token == "" {
		return
	}
	switch c.t.Host {
	case registry.HostGitHub:
		h.Set("Authorization", "Bearer "+c.token)
	case registry.HostGitLab:
		h.Set("PRIVATE-TOKEN", c.token)
	case registry.HostGitea:
		h.Set("Authorization", "token "+c.token)
	case registry.HostBitbucket:
		if strings.Contains(c.token, ":") { // an Atlassian API token: email:secret
			h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(c.token)))
		} else {
			h.Set("Authorization", "Bearer "+c.token)
		}
	}
}

// transportError explains a request that got no answer.
func (c *call) transportError(ctx context.Context, err error) error {
	host := c.api.Host
	var dns *net.DNSError
	var timeout interface{ Timeout() bool }
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("list repositories of %s: %w", c.t, ctx.Err())
	case errors.Is(err, errRedirectElsewhere):
		return failure(ErrRefused, fmt.Sprintf("%s redirected discovery to another host: refused (%v)", host, unwrapURLError(err)))
	case errors.As(err, &dns):
		return failure(ErrUnreachable, fmt.Sprintf("cannot reach %s: no such host", host))
	case errors.As(err, &timeout) && timeout.Timeout():
		return failure(ErrUnreachable, fmt.Sprintf("%s did not answer in time", host))
	}
	return failure(ErrUnreachable, fmt.Sprintf("cannot reach %s: %v", host, unwrapURLError(err)))
}

// unwrapURLError drops the "Get URL:" prefix net/http puts on errors.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// checkStatus turns an error status into an *Error that says what to do.
func (c *call) checkStatus(r *response) error {
	if r.status >= 200 && r.status < 300 {
		return nil
	}
	host := c.api.Host
	status := fmt.Sprintf("%d %s", r.status, http.StatusText(r.status))
	if !isJSON(r.header) && (r.status == 401 || r.status == 403 || r.status == 404) {
		return c.notAPI(fmt.Sprintf("%s, %s", status, mediaType(r.header)))
	}
	detail := status
	if msg := apiMessage(r.body); msg != "" {
		detail = fmt.Sprintf("%d %s", r.status, msg)
		if strings.HasPrefix(msg, strconv.Itoa(r.status)+" ") { // GitLab's "404 Group Not Found"
			detail = msg
		}
	}
	switch {
	case r.status == http.StatusNotFound:
		return c.notFound()
	case (r.status == http.StatusUnauthorized || r.status == http.StatusForbidden) && c.token != "":
		return failure(ErrTokenRefused, fmt.Sprintf(
			"the access token for %s was refused (%s): replace it in govshare's configuration, or give it read access to %s",
			host, detail, c.t))
	case r.status == http.StatusUnauthorized || r.status == http.StatusForbidden:
		return failure(ErrTokenRefused, fmt.Sprintf(
			"%s refused to list %s without an access token (%s): configure a token for %s",
			host, c.t, detail, host))
	}
	return failure(ErrHostFailed, fmt.Sprintf("%s answered %s while listing %s; discovery will try again at the next crawl", host, detail, c.t))
}

// notFound says that the owner does not exist, in the host's words.
func (c *call) notFound() error {
	what := "organisation"
	switch c.t.Host {
	case registry.HostGitLab:
		what = "group"
	case registry.HostBitbucket:
		what = "workspace"
	}
	msg := fmt.Sprintf("%s %s not found on %s", what, c.t.Owner, c.t.webHost())
	if c.token == "" {
		msg += fmt.Sprintf(": check the address; if it is private, configure an access token for %s", c.api.Host)
	} else {
		msg += ": check the address, and that the access token can see it"
	}
	return failure(ErrNotFound, msg)
}

// notAPI says that the answer was not the host's API.
func (c *call) notAPI(why string) error {
	return failure(ErrNotAPI, fmt.Sprintf("%s did not answer as a %s API (%s): check the organisation's address and the code host's kind",
		c.api.Host, hostNames[c.t.Host], why))
}

// decode reads a JSON body into v, or says the host did not answer as its
// API.
func (c *call) decode(r *response, v any) error {
	if !isJSON(r.header) {
		return c.notAPI(mediaType(r.header))
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		return c.notAPI("unexpected JSON: " + err.Error())
	}
	return nil
}

func mediaType(h http.Header) string {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt == "" {
		return "no content type"
	}
	return mt
}

func isJSON(h http.Header) bool {
	mt := mediaType(h)
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// apiMessage is the message of an API error body, shortened: GitHub's,
// GitLab's and Gitea's {"message": ...} and Bitbucket's
// {"error": {"message": ...}}.
func apiMessage(body []byte) string {
	var e struct {
		Message any `json:"message"`
		Error   struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	msg := e.Error.Message
	if s, ok := e.Message.(string); ok && s != "" {
		msg = s
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return msg
}
