package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govshare/govshare/indexer/gittest"
	"github.com/govshare/govshare/registry"
)

// TestMain lets a test run the real program as a second process: the test
// binary re-executes itself with GOVSHARE_RUN_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("GOVSHARE_RUN_MAIN") == "1" {
		os.Args = append([]string{"govshare"}, strings.Fields(os.Getenv("GOVSHARE_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// result is what one in-process run of the program printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func runApp(t *testing.T, ctx context.Context, a *app, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a.stdout, a.stderr = &stdout, &stderr
	code := a.run(ctx, args)
	return result{code, stdout.String(), stderr.String()}
}

func testApp() *app {
	a := newApp(io.Discard, io.Discard, func(string) string { return "" })
	a.isTerminal = func(io.Writer) bool { return false }
	return a
}

// fixtureRegistry builds the fixture repositories, serves one over smart
// HTTP, and writes a participants file naming them all.
func fixtureRegistry(t *testing.T) (participants string, repos map[string]*gittest.Repo) {
	t.Helper()
	repos = map[string]*gittest.Repo{}
	root := t.TempDir()
	for _, name := range []string{"notify", "forms", "eid", "nolicence"} {
		repos[name] = gittest.FromTxtar(t, filepath.Join("..", "..", "testdata", "repos", name+".txtar"))
	}
	repos["forms"].Bare(root, "forms")
	srv := gittest.ServeHTTP(t, root)
	bareEID := repos["eid"].Bare(t.TempDir(), "eid")

	dir := t.TempDir()
	participants = filepath.Join(dir, "participants.yaml")
	body := fmt.Sprintf(`participants:
  - id: gb-gds
    name: Government Digital Service
    country: GB
    website: https://www.gov.uk/government/organisations/government-digital-service
    sources:
      - repo: %s
      - repo: %s
  - id: ee-ria
    name: Information System Authority
    country: EE
    sources:
      - repo: %s
      - repo: %s
`, repos["notify"].Dir, srv.URL+"/forms.git", "file://"+bareEID, repos["nolicence"].Dir)
	if err := os.WriteFile(participants, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return participants, repos
}

// serveInBackground starts `govshare serve` in-process and returns its base
// URL and a function that stops it and returns its result.
func serveInBackground(t *testing.T, args ...string) (string, func() result) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a := testApp()
	listening := make(chan string, 1)
	a.onListen = func(addr string) { listening <- addr }
	done := make(chan result, 1)
	go func() { done <- runApp(t, ctx, a, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...) }()
	select {
	case addr := <-listening:
		stop := sync.OnceValue(func() result { cancel(); return <-done })
		t.Cleanup(func() { stop() })
		return "http://" + addr, stop
	case r := <-done:
		cancel()
		t.Fatalf("serve exited with %d:\n%s", r.code, r.stderr)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("serve did not start listening within 30s")
	}
	return "", nil
}

func get(t *testing.T, u string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	code, body := get(t, u)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", u, code, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v\n%s", u, err, body)
	}
}

type projectsPage struct {
	Total   int                              `json:"total"`
	Page    int                              `json:"page"`
	PerPage int                              `json:"per_page"`
	Items   []registry.Project               `json:"items"`
	Facets  map[string][]registry.FacetValue `json:"facets"`
}

func TestEndToEnd(t *testing.T) {
	participants, repos := fixtureRegistry(t)
	data := filepath.Join(t.TempDir(), "data")

	r := runApp(t, context.Background(), testApp(), "index", "--data", data, "--participants", participants)
	if r.code != 0 {
		t.Fatalf("index exited %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "4 indexed, 0 unchanged, 0 failed") {
		t.Errorf("index summary:\n%s", r.stdout)
	}
	if n := strings.Count(r.stderr, "msg=repository"); n != 4 {
		t.Errorf("want one log line per repository, got %d:\n%s", n, r.stderr)
	}

	base, stop := serveInBackground(t, "--data", data, "--crawl-interval", "0")

	if code, body := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("healthz: %d %s", code, body)
	}

	var page projectsPage
	getJSON(t, base+"/api/v1/projects?q=letters+citizens", &page)
	if page.Total < 1 || page.Items[0].Name != "Notify" || page.Items[0].Commit != repos["notify"].Head() {
		t.Fatalf("search for 'letters citizens': %+v", page)
	}
	getJSON(t, base+"/api/v1/projects?per_page=2&page=2", &page)
	if page.Total != 4 || len(page.Items) != 2 || page.Page != 2 || page.PerPage != 2 {
		t.Errorf("page 2 of 2: total %d, %d items, page %d, per_page %d", page.Total, len(page.Items), page.Page, page.PerPage)
	}
	facet := func(name, value string) int {
		for _, v := range page.Facets[name] {
			if v.Value == value {
				return v.Count
			}
		}
		return 0
	}
	if facet("country", "GB") != 2 || facet("country", "EE") != 2 || facet("participant", "ee-ria") != 2 {
		t.Errorf("facets: %+v", page.Facets)
	}
	getJSON(t, base+"/api/v1/projects?license=Apache-2.0", &page)
	if page.Total != 1 || page.Items[0].Name != "forms-builder" && page.Items[0].License != "Apache-2.0" {
		t.Errorf("licence filter: %+v", page)
	}
	id := page.Items[0].ID

	var one registry.Project
	getJSON(t, base+"/api/v1/projects/"+url.PathEscape(id), &one)
	if one.ID != id || one.ParticipantID != "gb-gds" || one.License != "Apache-2.0" {
		t.Errorf("project %s: %+v", id, one)
	}
	if code, _ := get(t, base+"/api/v1/projects/no-such-project"); code != http.StatusNotFound {
		t.Errorf("unknown project: %d", code)
	}

	var sources struct {
		Items []registry.Source `json:"items"`
	}
	getJSON(t, base+"/api/v1/sources", &sources)
	if len(sources.Items) != 4 {
		t.Errorf("sources: %+v", sources.Items)
	}
	for _, s := range sources.Items {
		if s.Status != registry.SourceOK || s.LastCommit == "" {
			t.Errorf("source %s: %+v", s.URL, s)
		}
	}

	code, body := get(t, base+"/search?q=accessible+forms")
	if code != http.StatusOK || !bytes.Contains(body, []byte("<mark>")) || !bytes.Contains(body, []byte("/projects/"+id)) {
		t.Errorf("search page: %d\n%s", code, body)
	}
	code, body = get(t, base+"/projects/"+id)
	if code != http.StatusOK || !bytes.Contains(body, []byte("Apache-2.0")) {
		t.Errorf("project page: %d\n%s", code, body)
	}
	if code, _ := get(t, base+"/status"); code != http.StatusOK {
		t.Errorf("status page: %d", code)
	}

	if r := stop(); r.code != 0 {
		t.Errorf("serve exited %d after a signal:\n%s", r.code, r.stderr)
	}

	// Nothing moved: a second crawl clones nothing.
	r = runApp(t, context.Background(), testApp(), "index", "--data", data, "--participants", participants)
	if r.code != 0 || !strings.Contains(r.stdout, "0 indexed, 4 unchanged, 0 failed") {
		t.Errorf("second index: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestSecondProcessGetsAClearError(t *testing.T) {
	participants, _ := fixtureRegistry(t)
	data := filepath.Join(t.TempDir(), "data")
	serveInBackground(t, "--data", data, "--participants", participants, "--crawl-interval", "0")

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0])
	cmd.Env = append(os.Environ(), "GOVSHARE_RUN_MAIN=1", "GOVSHARE_ARGS=index --data "+data+" --participants "+participants)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("second process: exit %d (%v), want 1\n%s", code, err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "in use by another govshare process") {
		t.Errorf("second process said:\n%s", stderr.String())
	}
}

func TestInspectJSON(t *testing.T) {
	_, repos := fixtureRegistry(t)
	r := runApp(t, context.Background(), testApp(), "inspect", "--json", repos["notify"].Dir)
	if r.code != 0 {
		t.Fatalf("inspect exited %d: %s", r.code, r.stderr)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &fields); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"url", "commit", "branch", "committed_at", "name", "description", "license",
		"licenses", "declared_license", "publiccode", "languages", "readme", "standards", "checks"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("inspect --json has no %q field", name)
		}
	}
	for _, name := range []string{"licenses", "languages", "standards", "checks"} {
		if !strings.HasPrefix(string(fields[name]), "[") {
			t.Errorf("%s = %s, want an array", name, fields[name])
		}
	}
	var rec registry.Record
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.CommittedAt.Format(time.RFC3339) != gittest.Date().Format(time.RFC3339) || rec.License != "MIT" ||
		rec.Publiccode == nil || !rec.Publiccode.Valid || rec.Readme == nil || rec.Readme.Path != "README.md" {
		t.Errorf("record: %+v", rec)
	}

	r = runApp(t, context.Background(), testApp(), "inspect", repos["eid"].Dir)
	if r.code != 0 || !regexp.MustCompile(`licence\s+EUPL-1.2`).MatchString(r.stdout) {
		t.Errorf("human-readable inspect: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestReindexRebuildsFromTheStore(t *testing.T) {
	participants, _ := fixtureRegistry(t)
	data := filepath.Join(t.TempDir(), "data")
	if r := runApp(t, context.Background(), testApp(), "index", "--data", data, "--participants", participants); r.code != 0 {
		t.Fatalf("index: %s", r.stderr)
	}
	if err := os.RemoveAll(filepath.Join(data, indexDir)); err != nil {
		t.Fatal(err)
	}
	r := runApp(t, context.Background(), testApp(), "reindex", "--data", data)
	if r.code != 0 || !strings.Contains(r.stdout, "4 projects") {
		t.Errorf("reindex: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestBadInputGetsAClearError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "participants.yaml")
	os.WriteFile(bad, []byte("participants:\n  - id: Bad_ID\n    name: x\n    country: UK\n    sources:\n      - repo: ftp://example.org/x\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		says []string
	}{
		{"no command", nil, exitUsage, nil},
		{"unknown command", []string{"frobnicate"}, exitUsage, []string{`unknown command "frobnicate"`}},
		{"unknown flag", []string{"index", "--nope"}, exitUsage, []string{"flag provided but not defined: -nope"}},
		{"inspect without target", []string{"inspect"}, exitUsage, []string{"want exactly one TARGET"}},
		{"inspect a missing path", []string{"inspect", filepath.Join(dir, "missing")}, exitFailure, []string{"no such file or directory"}},
		{"participants problems, every one with its line", []string{"index", "--data", filepath.Join(dir, "d"), "--participants", bad},
			exitFailure, []string{"participants.yaml:2:", "participants.yaml:4:", "participants.yaml:6:"}},
		{"no sources", []string{"index", "--data", filepath.Join(dir, "d2")}, exitUsage, []string{"no sources to crawl"}},
		{"help", []string{"index", "--help"}, exitOK, []string{"Usage: govshare index"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runApp(t, context.Background(), testApp(), tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\n%s", r.code, tc.code, r.stderr)
			}
			for _, s := range tc.says {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr does not say %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

func TestServeCrawlsAndRereadsTheParticipantsFile(t *testing.T) {
	participants, repos := fixtureRegistry(t)
	one := filepath.Join(t.TempDir(), "one.yaml")
	os.WriteFile(one, []byte(fmt.Sprintf("participants:\n  - id: gb-gds\n    name: GDS\n    country: GB\n    sources:\n      - repo: %s\n", repos["notify"].Dir)), 0o644)
	data := filepath.Join(t.TempDir(), "data")
	base, _ := serveInBackground(t, "--data", data, "--participants", one, "--crawl-interval", "100ms")

	// waitForTotal polls the API until the catalogue holds want projects.
	waitForTotal := func(want int) {
		t.Helper()
		deadline := time.Now().Add(time.Minute)
		var page projectsPage
		for time.Now().Before(deadline) {
			getJSON(t, base+"/api/v1/projects", &page)
			if page.Total == want {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the catalogue holds %d projects, want %d", page.Total, want)
	}
	waitForTotal(1)

	// The operator edits the file: the next crawl picks it up, no restart.
	body, err := os.ReadFile(participants)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(one, body, 0o644); err != nil {
		t.Fatal(err)
	}
	waitForTotal(4)
}

func TestInspectCheckExitCodes(t *testing.T) {
	_, repos := fixtureRegistry(t)
	dir := t.TempDir()
	lenient := filepath.Join(dir, "lenient.yaml")
	os.WriteFile(lenient, []byte("checks:\n  readme-present:\n    required: true\n"), 0o644)
	broken := filepath.Join(dir, "broken.yaml")
	os.WriteFile(broken, []byte("checks:\n  no-such-check:\n    required: true\n"), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"every required check passes", []string{"inspect", "--check", repos["notify"].Dir}, exitOK, "no required check failed"},
		{"no licence fails the default policy", []string{"inspect", "--check", repos["nolicence"].Dir}, exitFailure, "licence-present"},
		{"a policy that does not require a licence", []string{"inspect", "--check", "--policy", lenient, repos["nolicence"].Dir}, exitOK, "no required check failed"},
		{"JSON keeps the exit code", []string{"inspect", "--json", "--check", repos["nolicence"].Dir}, exitFailure, "licence-present"},
		{"a policy with a mistake", []string{"inspect", "--check", "--policy", broken, repos["notify"].Dir}, exitFailure, "broken.yaml:2:"},
		{"--policy without --check", []string{"inspect", "--policy", lenient, repos["notify"].Dir}, exitUsage, "--policy goes with --check"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runApp(t, context.Background(), testApp(), tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.says) {
				t.Errorf("exit %d, want %d; stderr does not say %q?\n%s", r.code, tc.code, tc.says, r.stderr)
			}
		})
	}
}

func TestParticipantAndTokenCommands(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run := func(args ...string) result {
		t.Helper()
		return runApp(t, context.Background(), testApp(), args...)
	}
	if r := run("participant", "add", "--data", data, "--id", "nz-dia", "--name", "Department of Internal Affairs", "--country", "NZ"); r.code != 0 {
		t.Fatalf("participant add: %d %s", r.code, r.stderr)
	}
	if r := run("participant", "add", "--data", data, "--id", "nz-dia", "--name", "Again", "--country", "NZ"); r.code != exitFailure || !strings.Contains(r.stderr, "exists already") {
		t.Errorf("adding twice: %d %s", r.code, r.stderr)
	}
	if r := run("participant", "add", "--data", data, "--id", "uk-x", "--name", "X", "--country", "UK"); r.code != exitUsage || !strings.Contains(r.stderr, `did you mean "GB"`) {
		t.Errorf("bad country: %d %s", r.code, r.stderr)
	}

	r := run("token", "create", "--data", data, "--participant", "nz-dia", "--name", "ci")
	secret := strings.TrimSpace(r.stdout)
	if r.code != 0 || !strings.HasPrefix(secret, registry.TokenPrefix) || !strings.Contains(r.stderr, "shown this once") {
		t.Fatalf("token create: %d %q %s", r.code, r.stdout, r.stderr)
	}
	r = run("token", "list", "--data", data, "--participant", "nz-dia")
	if r.code != 0 || !strings.Contains(r.stdout, "ci") || strings.Contains(r.stdout, secret) {
		t.Errorf("token list must name the token, never show its secret: %q", r.stdout)
	}
	if r := run("token", "revoke", "--data", data, "1"); r.code != 0 {
		t.Errorf("token revoke: %d %s", r.code, r.stderr)
	}
	if r := run("token", "revoke", "--data", data, "1"); r.code != exitFailure {
		t.Errorf("revoking twice: %d %s", r.code, r.stderr)
	}
	if r := run("token", "create", "--data", data, "--name", "x"); r.code != exitUsage {
		t.Errorf("a token for nobody: %d %s", r.code, r.stderr)
	}
	if r := run("token", "create", "--data", data, "--operator", "--name", "ops"); r.code != 0 {
		t.Errorf("operator token: %d %s", r.code, r.stderr)
	}
}

func TestSearchFollowsParticipantChanges(t *testing.T) {
	participants, _ := fixtureRegistry(t)
	data := filepath.Join(t.TempDir(), "data")
	if r := runApp(t, context.Background(), testApp(), "index", "--data", data, "--participants", participants); r.code != 0 {
		t.Fatalf("index: %s", r.stderr)
	}
	// The operator corrects a country; nothing in the repositories moved.
	body, _ := os.ReadFile(participants)
	os.WriteFile(participants, []byte(strings.Replace(string(body), "country: GB", "country: EE", 1)), 0o644)
	r := runApp(t, context.Background(), testApp(), "index", "--data", data, "--participants", participants)
	if r.code != 0 || !strings.Contains(r.stdout, "4 unchanged") {
		t.Fatalf("second index: %s\n%s", r.stdout, r.stderr)
	}
	d, err := openData(context.Background(), data, slog.New(slog.DiscardHandler), true)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	res, err := d.index.Search(context.Background(), registry.SearchQuery{Country: "EE"})
	if err != nil || res.Total != 4 {
		t.Errorf("projects in EE after the correction: %+v, %v", res, err)
	}
}

func TestInterruptedCrawlRebuildsTheIndex(t *testing.T) {
	participants, _ := fixtureRegistry(t)
	data := filepath.Join(t.TempDir(), "data")
	if r := runApp(t, context.Background(), testApp(), "index", "--data", data, "--participants", participants); r.code != 0 {
		t.Fatalf("index: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, dirtyMarker)); !os.IsNotExist(err) {
		t.Fatalf("a finished crawl left the dirty marker: %v", err)
	}
	// A crawl dies after storing records but before writing them to the
	// index: simulate it by losing the index's documents and leaving the mark.
	d, err := openData(context.Background(), data, slog.New(slog.DiscardHandler), true)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	d.store.EachProject(context.Background(), func(p *registry.Project) error { ids = append(ids, p.ID); return nil })
	d.index.Delete(context.Background(), ids...)
	d.crawling()
	d.Close()

	d, err = openData(context.Background(), data, slog.New(slog.DiscardHandler), true)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if n, err := d.index.Count(); err != nil || n != 4 {
		t.Errorf("after an interrupted crawl the index holds %d projects (%v), want all 4 back", n, err)
	}
}

func TestParticipantRegistersARepositoryThroughTheAPI(t *testing.T) {
	participants, _ := fixtureRegistry(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// The fixture repositories are served on loopback over plain HTTP,
	// which the default rules rightly refuse.
	cfgFile := filepath.Join(dir, "govshare.yaml")
	os.WriteFile(cfgFile, []byte("allowed_schemes: https,http\nallow_private_addresses: true\nwebhook_secret: hooks\n"), 0o644)

	run := func(args ...string) result { t.Helper(); return runApp(t, context.Background(), testApp(), args...) }
	if r := run("participant", "add", "--data", data, "--id", "pt-ama", "--name", "AMA", "--country", "PT"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := run("token", "create", "--data", data, "--participant", "pt-ama", "--name", "ci")
	secret := strings.TrimSpace(r.stdout)

	base, _ := serveInBackground(t, "--config", cfgFile, "--data", data, "--participants", participants, "--crawl-interval", "1h")
	// The forms repository is served over HTTP by the fixture registry;
	// find its URL in the participants file.
	body, _ := os.ReadFile(participants)
	formsURL := regexp.MustCompile(`http://127\.0\.0\.1:\d+/forms\.git`).FindString(string(body))
	// It belongs to gb-gds already: a second registration is a conflict.
	post := func(token, path, payload string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(payload))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, b := post(secret, "/api/v1/participants/pt-ama/sources", `{"url": "`+formsURL+`"}`); code != http.StatusConflict {
		t.Errorf("registering someone else's repository: %d %s", code, b)
	}
	if code, b := post(secret, "/api/v1/participants/gb-gds/sources", `{"url": "https://example.org/x.git"}`); code != http.StatusForbidden {
		t.Errorf("writing to another participant's sources: %d %s", code, b)
	}
	if code, b := post("gvs_wrong", "/api/v1/participants/pt-ama/sources", `{"url": "https://example.org/x.git"}`); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d %s", code, b)
	}

	// A repository of its own, on the same host: registered, then crawled
	// at once, without waiting for the hourly crawl.
	repo := gittest.FromTxtar(t, filepath.Join("..", "..", "testdata", "repos", "nolicence.txtar"))
	root := t.TempDir()
	repo.Bare(root, "harvester")
	own := gittest.ServeHTTP(t, root).URL + "/harvester.git"
	if code, b := post(secret, "/api/v1/participants/pt-ama/sources", `{"url": "`+own+`"}`); code != http.StatusCreated && code != http.StatusOK {
		t.Fatalf("registering its own repository: %d %s", code, b)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var page projectsPage
		getJSON(t, base+"/api/v1/projects?participant=pt-ama", &page)
		if page.Total == 1 && page.Items[0].URL == own {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the registered repository never reached the catalogue: %+v", page)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
