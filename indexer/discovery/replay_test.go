package discovery

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// replay is a code host's API played back from a txtar archive in testdata.
// Each file of the archive is named by the request it answers ("GET
// /orgs/alphagov/repos?per_page=100") and holds the response as curl -i
// prints it, headers and all; $API stands for the server's URL. A request
// named more than once gets its answers in turn, then the last one again. A
// request the archive does not name fails the test.
type replay struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	answers  map[string][]string
	served   map[string]int
	requests []recorded
}

// recorded is a request the server received.
type recorded struct {
	line   string // GET /path?query, the path as sent
	header http.Header
}

func newReplay(t *testing.T, archive string) *replay {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", archive))
	if err != nil {
		t.Fatal(err)
	}
	r := &replay{t: t, answers: map[string][]string{}, served: map[string]int{}}
	for _, f := range a.Files {
		r.answers[f.Name] = append(r.answers[f.Name], string(f.Data))
	}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *replay) serve(w http.ResponseWriter, req *http.Request) {
	line := req.Method + " " + req.URL.EscapedPath()
	if req.URL.RawQuery != "" {
		line += "?" + req.URL.RawQuery
	}
	r.mu.Lock()
	r.requests = append(r.requests, recorded{line: line, header: req.Header.Clone()})
	answers := r.answers[line]
	n := min(r.served[line], len(answers)-1)
	r.served[line]++
	r.mu.Unlock()
	if len(answers) == 0 {
		r.t.Errorf("the replayed API got a request it has no answer for: %s", line)
		http.Error(w, "no answer recorded", http.StatusTeapot)
		return
	}
	text := strings.ReplaceAll(answers[n], "$API", r.srv.URL)
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(text)), req)
	if err != nil {
		r.t.Errorf("answer to %s: %v", line, err)
		return
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		r.t.Errorf("answer to %s: %v", line, err)
	}
	for name, values := range resp.Header {
		w.Header()[name] = values
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(body)
}

// host is the server's host:port, the API host of the replayed targets.
func (r *replay) host() string { return strings.TrimPrefix(r.srv.URL, "http://") }

// lines lists the requests received, in order.
func (r *replay) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var lines []string
	for _, req := range r.requests {
		lines = append(lines, req.line)
	}
	return lines
}

// headers lists the values of one request header, a request at a time.
func (r *replay) headers(name string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var values []string
	for _, req := range r.requests {
		values = append(values, req.header.Get(name))
	}
	return values
}

// clock is the time in tests: it starts at the fixtures' now and moves only
// when discovery sleeps, which returns at once.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

// fixtureNow is the moment the fixtures' rate-limit headers count from.
var fixtureNow = time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)

func newClock() *clock { return &clock{now: fixtureNow} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

func (c *clock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// testToken is the access token of the tests: it must never appear in a log
// or an error.
const testToken = "tok-9f8e7d6c5b4a-secret"

// discovererFor returns a Discoverer that reaches every kind of host at r,
// with testToken for r's host when withToken, and a buffer of its debug
// logs.
func discovererFor(r *replay, c *clock, withToken bool, opts Options) (*Discoverer, *bytes.Buffer) {
	logs := &bytes.Buffer{}
	opts.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts.Now, opts.Sleep = c.Now, c.Sleep
	if withToken {
		opts.Tokens = map[string]string{r.host(): testToken}
	}
	bases := map[string]string{
		"github":    r.srv.URL,
		"gitlab":    r.srv.URL + "/api/v4",
		"gitea":     r.srv.URL + "/api/v1",
		"bitbucket": r.srv.URL + "/2.0",
	}
	for key, base := range opts.BaseURLs {
		bases[key] = strings.ReplaceAll(base, "$API", r.srv.URL)
	}
	opts.BaseURLs = bases
	return New(opts), logs
}
