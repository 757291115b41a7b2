package indexer_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/indexer/gitfetch"
	"github.com/govshare/govshare/indexer/gittest"
	"github.com/govshare/govshare/indexer/search"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
)

// env is a registry with a real store and index, and fixture repositories
// served the three ways a crawl meets them.
type env struct {
	store   *sqlite.Store
	index   *search.Index
	crawler *indexer.Crawler
	root    string // bare repositories, served over HTTP
	httpURL string
	repos   map[string]*gittest.Repo
}

func newEnv(t *testing.T, fixtures ...string) *env {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "govshare.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	index, err := search.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { index.Close() })
	e := &env{store: store, index: index, root: t.TempDir(), repos: map[string]*gittest.Repo{}}
	for _, name := range fixtures {
		repo := gittest.FromTxtar(t, filepath.Join("..", "testdata", "repos", name+".txtar"))
		repo.Bare(e.root, name)
		e.repos[name] = repo
	}
	e.httpURL = gittest.ServeHTTP(t, e.root).URL
	fetcher := gitfetch.New(gitfetch.Options{ListTimeout: 5 * time.Second, CloneTimeout: 30 * time.Second})
	e.crawler = indexer.NewCrawler(store, index, fetcher, indexer.Options{Concurrency: 2})
	return e
}

func (e *env) declare(t *testing.T, urls ...string) {
	t.Helper()
	_, _, err := e.store.SyncDeclared(context.Background(), []registry.Declared{{
		Participant: registry.Participant{ID: "gb-gds", Name: "Government Digital Service", Country: "GB"},
		Sources:     urls,
	}})
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) crawl(t *testing.T) (*indexer.Summary, []indexer.Progress) {
	t.Helper()
	var seen []indexer.Progress
	summary, err := e.crawler.Crawl(context.Background(), func(p indexer.Progress) { seen = append(seen, p) })
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	return summary, seen
}

func counts(s *indexer.Summary) [3]int { return [3]int{s.Run.Indexed, s.Run.Unchanged, s.Run.Failed} }

func TestCrawlIndexesThenSkipsWhatDidNotMove(t *testing.T) {
	e := newEnv(t, "notify", "forms", "eid")
	urls := []string{
		e.httpURL + "/notify.git",                      // smart HTTP
		"file://" + filepath.Join(e.root, "forms.git"), // file://, through git-upload-pack
		e.repos["eid"].Dir,                             // a local work tree, opened in place
	}
	e.declare(t, urls...)

	summary, progress := e.crawl(t)
	if diff := cmp.Diff([3]int{3, 0, 0}, counts(summary)); diff != "" {
		t.Fatalf("first crawl (indexed, unchanged, failed) (-want +got):\n%s\nfailures: %+v", diff, summary.Failures)
	}
	if len(progress) != 3 || progress[2].Done != 3 || progress[2].Total != 3 {
		t.Errorf("progress reports: %+v", progress)
	}

	ctx := context.Background()
	res, err := e.index.Search(ctx, registry.SearchQuery{Text: "emails text messages letters"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < 1 {
		t.Fatalf("search found nothing after indexing")
	}
	top, err := e.store.Project(ctx, res.Hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if top.URL != urls[0] || top.Commit != e.repos["notify"].Head() || top.Branch != "main" ||
		top.ParticipantName != "Government Digital Service" || top.Country != "GB" {
		t.Errorf("top hit: url %s commit %s branch %s participant %q country %s",
			top.URL, top.Commit, top.Branch, top.ParticipantName, top.Country)
	}

	summary, _ = e.crawl(t)
	if diff := cmp.Diff([3]int{0, 3, 0}, counts(summary)); diff != "" {
		t.Errorf("second crawl (-want +got):\n%s", diff)
	}

	// A new commit on one repository: only that one is cloned again.
	repo := e.repos["notify"]
	repo.Commit("describe the API", map[string]string{"docs/api.md": "# API\n"})
	repo.Git("push", "--quiet", filepath.Join(e.root, "notify.git"), "main")
	summary, _ = e.crawl(t)
	if diff := cmp.Diff([3]int{1, 2, 0}, counts(summary)); diff != "" {
		t.Errorf("crawl after a push (-want +got):\n%s", diff)
	}
	p, err := e.store.Project(ctx, registry.ProjectID(urls[0]))
	if err != nil || p.Commit != repo.Head() {
		t.Errorf("after the push the record is at %v (err %v), want %s", p, err, repo.Head())
	}
}

func TestCrawlGoesOnPastFailures(t *testing.T) {
	e := newEnv(t, "notify")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	notRepo := t.TempDir()
	good := e.httpURL + "/notify.git"
	bad := map[string]string{
		"http://" + closed + "/x.git": "cannot reach the host",
		e.httpURL + "/missing.git":    "repository not found",
		notRepo:                       "is not a git repository",
		"file://" + filepath.Join(e.root, "missing.git"):   "repository not found",
		filepath.Join(e.root, "notify.git", "no-such-dir"): "no such file or directory",
	}
	urls := []string{good}
	for u := range bad {
		urls = append(urls, u)
	}
	e.declare(t, urls...)
	summary, _ := e.crawl(t)
	if diff := cmp.Diff([3]int{1, 0, len(bad)}, counts(summary)); diff != "" {
		t.Fatalf("(indexed, unchanged, failed) (-want +got):\n%s", diff)
	}
	for _, f := range summary.Failures {
		if f.Reason == "" || !strings.Contains(f.Reason, bad[f.URL]) {
			t.Errorf("failure of %s: reason %q, want it to say %q", f.URL, f.Reason, bad[f.URL])
		}
	}
	// The reasons are on the sources, for the status page and the API.
	sources, err := e.store.Sources(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, s := range sources {
		if s.Status == registry.SourceFailed && s.LastError != "" && s.Failures == 1 {
			failed = append(failed, s.URL)
		}
	}
	sort.Strings(failed)
	var want []string
	for u := range bad {
		want = append(want, u)
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, failed); diff != "" {
		t.Errorf("failed sources with a reason (-want +got):\n%s", diff)
	}
}

func TestFailedCrawlKeepsLastGoodRecordStale(t *testing.T) {
	e := newEnv(t, "notify")
	url := e.httpURL + "/notify.git"
	e.declare(t, url)
	e.crawl(t)

	// The repository disappears from its host.
	bare := filepath.Join(e.root, "notify.git")
	moved := bare + ".moved"
	if err := os.Rename(bare, moved); err != nil {
		t.Fatal(err)
	}
	summary, _ := e.crawl(t)
	if diff := cmp.Diff([3]int{0, 0, 1}, counts(summary)); diff != "" {
		t.Fatalf("(indexed, unchanged, failed) (-want +got):\n%s", diff)
	}
	ctx := context.Background()
	p, err := e.store.Project(ctx, registry.ProjectID(url))
	if err != nil {
		t.Fatalf("the last good record is gone: %v", err)
	}
	if !p.Stale || !strings.Contains(p.StaleReason, "not found") || p.Commit != e.repos["notify"].Head() {
		t.Errorf("record after failure: stale %v (%q), commit %s", p.Stale, p.StaleReason, p.Commit)
	}
	res, err := e.index.Search(ctx, registry.SearchQuery{Text: "notify"})
	if err != nil || res.Total != 1 {
		t.Errorf("the stale record left the search index: %+v, %v", res, err)
	}

	// Back again: the same commit, so no clone, and the record is current.
	if err := os.Rename(moved, bare); err != nil {
		t.Fatal(err)
	}
	summary, _ = e.crawl(t)
	if diff := cmp.Diff([3]int{0, 1, 0}, counts(summary)); diff != "" {
		t.Errorf("after recovery (-want +got):\n%s", diff)
	}
	if p, _ := e.store.Project(ctx, registry.ProjectID(url)); p.Stale {
		t.Errorf("record still stale after a good crawl")
	}
}

func TestCrawlStopsWhenCancelled(t *testing.T) {
	e := newEnv(t, "notify")
	// A host that accepts the connection and never answers: the crawl is
	// stuck in a fetch when it is cancelled.
	stuck := make(chan struct{})
	hang := gittest.ServeWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stuck:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(stuck) })
	e.declare(t, hang.URL+"/slow.git", e.httpURL+"/notify.git")
	ctx, cancel := context.WithCancel(context.Background())
	crawler := indexer.NewCrawler(e.store, e.index, gitfetch.New(gitfetch.Options{ListTimeout: time.Hour}), indexer.Options{Concurrency: 1})
	done := make(chan error, 1)
	go func() {
		_, err := crawler.Crawl(ctx, nil)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond) // let the crawl reach the stuck host
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("a cancelled crawl returned %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute): // a hang guard, not a speed check
		t.Fatal("the crawl did not stop when cancelled")
	}
	// Cancelling is not the repository's fault: nothing is recorded as failed.
	sources, _ := e.store.Sources(context.Background(), "")
	for _, s := range sources {
		if s.Status == registry.SourceFailed {
			t.Errorf("source %s marked failed by a cancellation: %q", s.URL, s.LastError)
		}
	}
}

func TestInspect(t *testing.T) {
	repo := gittest.FromTxtar(t, filepath.Join("..", "testdata", "repos", "notify.txtar"))
	f := gitfetch.New(gitfetch.Options{})
	rec, err := indexer.Inspect(context.Background(), f, repo.Dir, indexer.Options{}.Analysis)
	if err != nil {
		t.Fatal(err)
	}
	if rec.URL != repo.Dir || rec.Commit != repo.Head() || rec.License != "MIT" || rec.Name != "Notify" {
		t.Errorf("record: url %s commit %s licence %q name %q", rec.URL, rec.Commit, rec.License, rec.Name)
	}

	// A plain directory is analysed as it is, and says so.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec, err = indexer.Inspect(context.Background(), f, dir, indexer.Options{}.Analysis)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Commit != "" || len(rec.Warnings) == 0 || !strings.Contains(rec.Warnings[len(rec.Warnings)-1], "not a git repository") {
		t.Errorf("plain directory: commit %q warnings %q", rec.Commit, rec.Warnings)
	}
}

func TestOldRecordsAreAnalysedAgain(t *testing.T) {
	e := newEnv(t, "notify")
	e.declare(t, e.httpURL+"/notify.git")
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	crawler := indexer.NewCrawler(e.store, e.index, gitfetch.New(gitfetch.Options{}), indexer.Options{
		Now: func() time.Time { return now }, RefreshAfter: 7 * 24 * time.Hour,
	})
	crawl := func() [3]int {
		t.Helper()
		s, err := crawler.Crawl(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		return counts(s)
	}
	if got := crawl(); got != [3]int{1, 0, 0} {
		t.Fatalf("first crawl: %v", got)
	}
	now = now.Add(6 * 24 * time.Hour)
	if got := crawl(); got != [3]int{0, 1, 0} {
		t.Errorf("six days later: %v, want unchanged", got)
	}
	// A week after it was made the record is made again: "maintained
	// recently" and other checks depend on the date.
	now = now.Add(2 * 24 * time.Hour)
	if got := crawl(); got != [3]int{1, 0, 0} {
		t.Errorf("eight days later: %v, want indexed again", got)
	}
	p, err := e.store.Project(context.Background(), registry.ProjectID(e.httpURL+"/notify.git"))
	if err != nil || !p.IndexedAt.Equal(now) {
		t.Errorf("record made at %v (err %v), want %v", p.IndexedAt, err, now)
	}
}

func TestRequestsQueueOnceAndWake(t *testing.T) {
	q := indexer.NewRequests()
	ctx := context.Background()
	q.Queue(ctx, 3)
	q.Queue(ctx, 1)
	q.Queue(ctx, 3)
	select {
	case <-q.Ready():
	default:
		t.Fatal("queuing did not signal Ready")
	}
	if diff := cmp.Diff([]int64{1, 3}, q.Take()); diff != "" {
		t.Errorf("Take (-want +got):\n%s", diff)
	}
	if got := q.Take(); len(got) != 0 {
		t.Errorf("second Take: %v", got)
	}
}

func TestCrawlSourcesCrawlsOnlyThose(t *testing.T) {
	e := newEnv(t, "notify", "forms")
	a, b := e.httpURL+"/notify.git", e.httpURL+"/forms.git"
	e.declare(t, a, b)
	sources, err := e.store.Sources(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, s := range sources {
		if s.URL == b {
			id = s.ID
		}
	}
	summary, err := e.crawler.CrawlSources(context.Background(), []int64{id}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts(summary) != [3]int{1, 0, 0} {
		t.Errorf("crawling one source: %v", counts(summary))
	}
	if _, err := e.store.Project(context.Background(), registry.ProjectID(a)); registry.ErrorCode(err) != registry.ENOTFOUND {
		t.Errorf("the source not asked for was crawled too: %v", err)
	}
}

// listing is an organisation's repository list as a code host would give
// it; the discovery package's own tests replay the hosts' real APIs.
type listing struct{ repos []registry.DiscoveredRepo }

func (l *listing) Discover(context.Context, *registry.Source) ([]registry.DiscoveredRepo, error) {
	return l.repos, nil
}

func TestCrawlDiscoversOrganisations(t *testing.T) {
	e := newEnv(t, "notify", "forms", "eid")
	ctx := context.Background()
	org := &registry.Source{ParticipantID: "gb-gds", URL: "https://code.example.org/gds", Kind: registry.KindOrg,
		Host: registry.HostGitea, Filters: registry.SourceFilters{SkipArchived: true}}
	e.declare(t) // the participant, no repositories
	if err := e.store.AddSource(ctx, org); err != nil {
		t.Fatal(err)
	}
	repo := func(id, name string, archived bool) registry.DiscoveredRepo {
		return registry.DiscoveredRepo{HostID: id, Name: "gds/" + name, CloneURL: e.httpURL + "/" + name + ".git", Archived: archived}
	}
	host := &listing{repos: []registry.DiscoveredRepo{repo("1", "notify", false), repo("2", "forms", false), repo("3", "eid", true)}}
	crawler := indexer.NewCrawler(e.store, e.index, gitfetch.New(gitfetch.Options{}), indexer.Options{Discover: host})

	summary, err := crawler.Crawl(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The archived repository is registered, marked, and not crawled.
	if counts(summary) != [3]int{2, 0, 0} {
		t.Errorf("first crawl: %v, failures %+v", counts(summary), summary.Failures)
	}

	// forms disappears from the listing: its record stays, stale.
	host.repos = host.repos[:1]
	if _, err := crawler.Crawl(ctx, nil); err != nil {
		t.Fatal(err)
	}
	p, err := e.store.Project(ctx, registry.ProjectID(e.httpURL+"/forms.git"))
	if err != nil || !p.Stale || !strings.Contains(p.StaleReason, "no longer listed") {
		t.Errorf("the record of a repository that is gone: %+v, %v", p, err)
	}

	// Without a discoverer, an organisation fails with a reason.
	bare := indexer.NewCrawler(e.store, e.index, gitfetch.New(gitfetch.Options{}), indexer.Options{})
	summary, err = bare.Crawl(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(summary.Failures) != 1 || !strings.Contains(summary.Failures[0].Reason, "not configured") {
		t.Errorf("failures without a discoverer: %+v", summary.Failures)
	}
}

// refuseAll is a URL rule that refuses everything, as the real policy
// refuses private addresses (registry/urlpolicy has its own tests).
type refuseAll struct{}

func (refuseAll) Check(_ context.Context, u string) (string, error) {
	return "", registry.Errorf(registry.EINVALID, "%s resolves to a private address", u)
}

func TestParticipantURLsAreCheckedAgainBeforeFetching(t *testing.T) {
	e := newEnv(t, "notify", "forms")
	ctx := context.Background()
	fromFile, fromAPI := e.httpURL+"/notify.git", e.httpURL+"/forms.git"
	e.declare(t, fromFile)
	if err := e.store.AddSource(ctx, &registry.Source{ParticipantID: "gb-gds", URL: fromAPI}); err != nil {
		t.Fatal(err)
	}
	crawler := indexer.NewCrawler(e.store, e.index, gitfetch.New(gitfetch.Options{}), indexer.Options{URLCheck: refuseAll{}})
	summary, err := crawler.Crawl(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The operator's own file is trusted; the participant's URL is not.
	if counts(summary) != [3]int{1, 0, 1} || summary.Failures[0].URL != fromAPI ||
		!strings.Contains(summary.Failures[0].Reason, "private address") {
		t.Errorf("crawl: %v %+v", counts(summary), summary.Failures)
	}
}

func TestInvalidPubliccodeKeepsTheLastValidOne(t *testing.T) {
	e := newEnv(t, "notify")
	url := e.httpURL + "/notify.git"
	e.declare(t, url)
	e.crawl(t)
	ctx := context.Background()
	first, err := e.store.Project(ctx, registry.ProjectID(url))
	if err != nil || first.Name != "Notify" || first.Publiccode == nil || !first.Publiccode.Valid {
		t.Fatalf("first record: %+v, %v", first, err)
	}

	// The participant breaks publiccode.yml.
	repo := e.repos["notify"]
	repo.Commit("break publiccode.yml", map[string]string{"publiccode.yml": "publiccodeYmlVersion: \"0.4\"\nname: Notify\n"})
	repo.Git("push", "--quiet", filepath.Join(e.root, "notify.git"), "main")
	e.crawl(t)
	broken, _ := e.store.Project(ctx, registry.ProjectID(url))
	if broken.Publiccode.Valid || broken.LastValidPubliccode == nil || broken.LastValidPubliccodeCommit != first.Commit ||
		broken.Name != "Notify" || broken.Commit == first.Commit {
		t.Errorf("after breaking it: name %q, valid %v, last valid from %q (want %q), commit %s",
			broken.Name, broken.Publiccode.Valid, broken.LastValidPubliccodeCommit, first.Commit, broken.Commit)
	}

	// Fixed again: the new file is the one shown.
	repo.Commit("fix publiccode.yml", map[string]string{"publiccode.yml": strings.Replace(
		string(repo.Git("show", first.Commit+":publiccode.yml")), "name: Notify", "name: Notify 2", 1)})
	repo.Git("push", "--quiet", filepath.Join(e.root, "notify.git"), "main")
	e.crawl(t)
	fixed, _ := e.store.Project(ctx, registry.ProjectID(url))
	if !fixed.Publiccode.Valid || fixed.LastValidPubliccode != nil || fixed.Name != "Notify 2" {
		t.Errorf("after the fix: name %q, valid %v, last valid %v", fixed.Name, fixed.Publiccode.Valid, fixed.LastValidPubliccode)
	}
}
