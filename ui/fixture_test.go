package ui

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/govshare/govshare/indexer/search"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
)

// indexedAt is when the fixture's records were indexed.
var indexedAt = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// Fixture repositories, by URL.
const (
	frontendURL = "https://github.com/gds/frontend"
	formsURL    = "https://example.org/gds/forms.git"
	payrollURL  = "/srv/git/payroll"
	taxURL      = "https://gitlab.com/ria/tax-calculator.git"
	addressURL  = "https://example.org/ria/address-lookup.git"
	brokenURL   = "https://example.org/ria/broken.git"
)

// catalogue is testdata/catalogue.json: participants and their sources,
// the records crawled from them, and the crawls that failed.
type catalogue struct {
	Declared []registry.Declared `json:"declared"`
	Records  []registry.Record   `json:"records"`
	Failures []struct {
		URL    string `json:"url"`
		Reason string `json:"reason"`
	} `json:"failures"`
}

// testCatalogue is a real store and search index filled from the fixture.
type testCatalogue struct {
	store *sqlite.Store
	index *search.Index
}

// newCatalogue fills a SQLite store in a temporary directory the way a crawl
// would (successes, then failures, inside a crawl run) and builds an
// in-memory search index from it.
func newCatalogue(t testing.TB) *testCatalogue {
	t.Helper()
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join("testdata", "catalogue.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fix catalogue
	if err := json.Unmarshal(raw, &fix); err != nil {
		t.Fatalf("decode catalogue.json: %v", err)
	}

	cat := newEmptyCatalogue(t)
	store := cat.store
	if _, _, err := store.SyncDeclared(ctx, fix.Declared); err != nil {
		t.Fatal(err)
	}
	sources, err := store.Sources(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]*registry.Source{}
	for _, s := range sources {
		byURL[s.URL] = s
	}

	run, err := store.StartCrawlRun(ctx, indexedAt)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range fix.Records {
		src := byURL[rec.URL]
		if src == nil {
			t.Fatalf("record for undeclared %s", rec.URL)
		}
		rec.AnalyserVersion = registry.AnalyserVersion
		p := &registry.Project{ID: src.ProjectID, SourceID: src.ID, ParticipantID: src.ParticipantID, IndexedAt: indexedAt, Record: rec}
		p.Normalize()
		if err := store.RecordSuccess(ctx, src.ID, p); err != nil {
			t.Fatal(err)
		}
		run.Indexed++
	}
	for _, f := range fix.Failures {
		if _, err := store.RecordFailure(ctx, byURL[f.URL].ID, indexedAt.Add(time.Minute), f.Reason); err != nil {
			t.Fatal(err)
		}
		run.Failed++
	}
	run.FinishedAt = indexedAt.Add(5 * time.Minute)
	if err := store.FinishCrawlRun(ctx, run); err != nil {
		t.Fatal(err)
	}

	if _, err := cat.index.Rebuild(ctx, store.EachProject); err != nil {
		t.Fatal(err)
	}
	return cat
}

// newEmptyCatalogue opens an empty store and index.
func newEmptyCatalogue(t testing.TB) *testCatalogue {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "govshare.db"), testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	index, err := search.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { index.Close() })
	return &testCatalogue{store: store, index: index}
}

// generatedAt is the time the test server's clock always tells.
var generatedAt = time.Date(2026, 3, 2, 8, 15, 30, 0, time.UTC)

// server returns a Server on the catalogue whose clock stops at
// generatedAt.
func (c *testCatalogue) server(t testing.TB) *Server {
	t.Helper()
	return New(Options{
		Store:   c.store,
		Search:  c.index,
		Logger:  testLogger(t),
		Version: "test",
		Clock:   func() time.Time { return generatedAt },
		// A fixed key keeps the log free of the warning about a random one.
		SessionKey: []byte("0123456789abcdef0123456789abcdef"),
	})
}

// serve starts a real HTTP server around a Server on the catalogue.
func (c *testCatalogue) serve(t *testing.T) *httptest.Server {
	t.Helper()
	return serveHandler(t, c.server(t).Handler())
}

func serveHandler(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// projectID is the fixture project's ID for a repository URL.
func projectID(url string) string { return registry.ProjectID(url) }

// response is what a test reads of an HTTP answer.
type response struct {
	status int
	header http.Header
	body   string
}

// get fetches base+path and reads the whole answer.
func get(t *testing.T, base, path string) response {
	t.Helper()
	res, err := http.Get(base + path)
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

// getJSON fetches path, checks its status and decodes the body into v.
func getJSON(t *testing.T, base, path string, wantStatus int, v any) {
	t.Helper()
	res := get(t, base, path)
	if res.status != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body:\n%s", path, res.status, wantStatus, res.body)
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	if err := json.Unmarshal([]byte(res.body), v); err != nil {
		t.Fatalf("GET %s: decode %s: %v", path, res.body, err)
	}
}

// getPage fetches an HTML page, checks its status and parses it.
func getPage(t *testing.T, base, path string, wantStatus int) (*html.Node, string) {
	t.Helper()
	res := get(t, base, path)
	if res.status != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body:\n%s", path, res.status, wantStatus, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	doc, err := html.Parse(strings.NewReader(res.body))
	if err != nil {
		t.Fatalf("GET %s: parse HTML: %v", path, err)
	}
	return doc, res.body
}

// link is an <a> element as a test sees it.
type link struct {
	Text string
	Href string
	Rel  string
}

// links lists the links under n, text with whitespace collapsed.
func links(n *html.Node) []link {
	var out []link
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == "a" {
			out = append(out, link{Text: textOf(d), Href: attr(d, "href"), Rel: attr(d, "rel")})
		}
	}
	return out
}

// linkTexts lists the text of the links under n.
func linkTexts(n *html.Node) []string {
	var texts []string
	for _, l := range links(n) {
		texts = append(texts, l.Text)
	}
	return texts
}

// linkTo returns the first link under n whose text starts with prefix.
func linkTo(t *testing.T, n *html.Node, prefix string) link {
	t.Helper()
	for _, l := range links(n) {
		if strings.HasPrefix(l.Text, prefix) {
			return l
		}
	}
	t.Fatalf("no link starting %q among %+v", prefix, links(n))
	return link{}
}

// element returns the first element under n with attribute key equal to
// value, failing the test when there is none. For key "class", value is
// one class the element has, among any others.
func element(t *testing.T, n *html.Node, key, value string) *html.Node {
	t.Helper()
	for d := range n.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		if key == "class" && hasClass(d, value) || key != "class" && attr(d, key) == value {
			return d
		}
	}
	t.Fatalf("no element with %s=%q", key, value)
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether the element n has class among its classes.
func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// textOf is n's text with runs of whitespace collapsed to one space.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// resultIDs lists the projects a search page shows, in order.
func resultIDs(t *testing.T, doc *html.Node) []string {
	t.Helper()
	var ids []string
	for d := range doc.Descendants() {
		if d.Type == html.ElementNode && hasClass(d, "app-result-list") {
			for _, l := range links(d) {
				if id, ok := strings.CutPrefix(l.Href, "/projects/"); ok {
					ids = append(ids, id)
				}
			}
		}
	}
	return ids
}

// templateFilesWith is the embedded template set with one file replaced.
func templateFilesWith(t *testing.T, name, content string) fs.FS {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(templateFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFiles, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files[name] = &fstest.MapFile{Data: []byte(content)}
	return files
}
