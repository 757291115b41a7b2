package ui

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/urlpolicy"
)

// The real URL policy is what cmd gives the server.
var _ URLPolicy = (*urlpolicy.Policy)(nil)

// testPolicy stands in for registry/urlpolicy, which has its own tests: it
// refuses what the real policy refuses for the cases these tests use
// (local paths, file://, plain http, addresses that resolve to loopback)
// and lower-cases the host of the rest.
type testPolicy struct{}

// loopbackHosts are host names the test policy treats as resolving to
// 127.0.0.1.
var loopbackHosts = []string{"localhost", "127.0.0.1", "loopback.example"}

func (testPolicy) Check(_ context.Context, raw string) (string, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Scheme == "" || strings.HasPrefix(raw, "/"):
		return "", registry.Errorf(registry.EINVALID, "%s is not an https URL: local paths are only allowed in the operator's configuration", raw)
	case u.Scheme == "file":
		return "", registry.Errorf(registry.EINVALID, "file:// URLs are only allowed in the operator's configuration")
	case u.Scheme != "https":
		return "", registry.Errorf(registry.EINVALID, "%s must use https", raw)
	case slices.Contains(loopbackHosts, strings.ToLower(u.Hostname())):
		return "", registry.Errorf(registry.EINVALID, "%s resolves to 127.0.0.1, a loopback address", u.Hostname())
	}
	u.Host = strings.ToLower(u.Host)
	return strings.TrimSuffix(u.String(), "/"), nil
}

// crawlQueue records the sources it is asked to crawl.
type crawlQueue struct {
	mu  sync.Mutex
	ids []int64
}

func (q *crawlQueue) Queue(_ context.Context, id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ids = append(q.ids, id)
}

// take returns the queued IDs and empties the queue.
func (q *crawlQueue) take() []int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	ids := q.ids
	q.ids = nil
	return ids
}

// webhookSecret is what the test server's webhooks are signed with.
const webhookSecret = "s3cret-for-hooks"

// accessFixture is the catalogue served with registration on: tokens for
// an operator and each participant, a revoked one, and the crawl queue.
type accessFixture struct {
	cat    *testCatalogue
	srv    *httptest.Server
	queue  *crawlQueue
	tokens map[string]string // by name: operator, gds, ria, revoked
}

// newAccessFixture serves the fixture catalogue with a test URL policy,
// a recording crawl queue, the real search index and the given limits.
func newAccessFixture(t *testing.T, limits Limits, tls bool) *accessFixture {
	t.Helper()
	f := &accessFixture{cat: newCatalogue(t), queue: &crawlQueue{}, tokens: map[string]string{}}
	for _, tok := range []struct{ name, participant string }{
		{"operator", ""}, {"gds", "gb-gds"}, {"ria", "ee-ria"}, {"revoked", "gb-gds"},
	} {
		secret, hash, err := registry.NewTokenSecret()
		if err != nil {
			t.Fatal(err)
		}
		token := &registry.Token{ParticipantID: tok.participant, Name: tok.name, CreatedAt: indexedAt}
		if err := f.cat.store.CreateToken(context.Background(), token, hash); err != nil {
			t.Fatal(err)
		}
		if tok.name == "revoked" {
			if err := f.cat.store.RevokeToken(context.Background(), token.ID, indexedAt); err != nil {
				t.Fatal(err)
			}
		}
		f.tokens[tok.name] = secret
	}
	s := New(Options{
		Store:         f.cat.store,
		Search:        f.cat.index,
		Logger:        testLogger(t),
		Version:       "test",
		Clock:         func() time.Time { return generatedAt },
		URLPolicy:     testPolicy{},
		Recrawl:       f.queue,
		Index:         f.cat.index,
		SessionKey:    []byte("0123456789abcdef0123456789abcdef"),
		WebhookSecret: webhookSecret,
		Limits:        limits,
	})
	if tls {
		f.srv = httptest.NewTLSServer(s.Handler())
	} else {
		f.srv = httptest.NewServer(s.Handler())
	}
	t.Cleanup(f.srv.Close)
	return f
}

// request is an HTTP request a test sends.
type request struct {
	method string
	path   string
	body   string
	header map[string]string
	// token, when set, is sent as a bearer token.
	token string
}

// send makes the request with client (http.DefaultClient when nil), never
// following redirects, and reads the whole answer.
func (f *accessFixture) send(t *testing.T, client *http.Client, r request) response {
	t.Helper()
	req, err := http.NewRequest(r.method, f.srv.URL+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	if client == nil {
		client = f.srv.Client()
	}
	noRedirect := *client
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

// sourceID returns the ID of the source registered at u.
func (f *accessFixture) sourceID(t *testing.T, u string) int64 {
	t.Helper()
	sources, err := f.cat.store.Sources(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sources {
		if s.URL == u {
			return s.ID
		}
	}
	t.Fatalf("no source %s", u)
	return 0
}

// addAPISource registers u for participant through the store, as the API
// would, and returns it.
func (f *accessFixture) addAPISource(t *testing.T, participant, u, kind, host string) *registry.Source {
	t.Helper()
	src := &registry.Source{ParticipantID: participant, URL: u, Origin: registry.OriginAPI, Kind: kind, Host: host}
	if err := f.cat.store.AddSource(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	return src
}
