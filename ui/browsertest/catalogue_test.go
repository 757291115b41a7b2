package browsertest

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/indexer/gitfetch"
	"github.com/govshare/govshare/indexer/gittest"
	"github.com/govshare/govshare/indexer/search"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/sqlite"
	"github.com/govshare/govshare/registry/urlpolicy"
	"github.com/govshare/govshare/ui"
)

// fixtureRepos is where the fixture repositories' txtar archives live.
const fixtureRepos = "../../testdata/repos"

// participantFixture is a participant of the catalogue under test and the
// fixture repositories (txtar names) it shares, as the demo declares them.
type participantFixture struct {
	participant registry.Participant
	repos       []string
}

// fixtureParticipants are the participants of the catalogue under test.
var fixtureParticipants = []participantFixture{
	{registry.Participant{ID: "gb-gds", Name: "Government Digital Service", Country: "GB",
		Website: "https://www.gov.uk/government/organisations/government-digital-service"},
		[]string{"notify", "forms"}},
	{registry.Participant{ID: "ee-ria", Name: "Information System Authority", Country: "EE"},
		[]string{"eid", "nolicence"}},
}

// catalogue is a running govshare: the fixture repositories crawled into a
// real store and index, served by the real handler on loopback.
type catalogue struct {
	url   string
	store *sqlite.Store
	// signedIn is the participant a token was made for, and token its
	// secret, to sign in with.
	signedIn registry.Participant
	token    string
}

// newCatalogue builds, crawls and serves the fixture catalogue; everything
// is closed when the test ends.
func newCatalogue(t *testing.T) *catalogue {
	t.Helper()
	ctx := context.Background()
	var serverLog bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&serverLog, &slog.HandlerOptions{Level: slog.LevelWarn}))
	t.Cleanup(func() {
		if t.Failed() && serverLog.Len() > 0 {
			t.Logf("server log:\n%s", serverLog.String())
		}
	})

	data := t.TempDir()
	store, err := sqlite.Open(ctx, filepath.Join(data, "govshare.db"), logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	index, err := search.Open(filepath.Join(data, "index.bleve"), logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { index.Close() })

	// Bare clones named after the fixtures give the projects the names
	// the demo shows (a work tree in a temporary directory is named 001).
	repos := t.TempDir()
	declared := make([]registry.Declared, 0, len(fixtureParticipants))
	for _, f := range fixtureParticipants {
		d := registry.Declared{Participant: f.participant}
		for _, name := range f.repos {
			repo := gittest.FromTxtar(t, filepath.Join(fixtureRepos, name+".txtar"))
			d.Sources = append(d.Sources, repo.Bare(repos, name))
		}
		declared = append(declared, d)
	}
	if _, _, err := store.SyncDeclared(ctx, declared); err != nil {
		t.Fatalf("declare the participants: %v", err)
	}

	crawler := indexer.NewCrawler(store, index, gitfetch.New(gitfetch.Options{Logger: logger}), indexer.Options{Logger: logger})
	summary, err := crawler.Crawl(ctx, nil)
	if err != nil {
		t.Fatalf("crawl the fixtures: %v", err)
	}
	if len(summary.Failures) > 0 {
		var reasons strings.Builder
		for _, f := range summary.Failures {
			reasons.WriteString("\n  " + f.URL + ": " + f.Reason)
		}
		t.Fatalf("crawl the fixtures: %d failed:%s", len(summary.Failures), reasons.String())
	}

	signedIn := fixtureParticipants[0].participant
	secret, hash, err := registry.NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateToken(ctx, &registry.Token{ParticipantID: signedIn.ID, Name: "browser test", CreatedAt: time.Now()}, hash); err != nil {
		t.Fatalf("create a token: %v", err)
	}

	policy := &urlpolicy.Policy{}
	if err := policy.Validate(); err != nil {
		t.Fatal(err)
	}
	handler := ui.New(ui.Options{
		Store: store, Search: index, Index: index, Logger: logger, Version: "browser-test",
		URLPolicy: policy, SessionKey: bytes.Repeat([]byte("k"), 32),
	}).Handler()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return &catalogue{url: srv.URL, store: store, signedIn: signedIn, token: secret}
}

// project returns the stored record of the fixture repository name.
func (c *catalogue) project(t *testing.T, name string) *registry.Project {
	t.Helper()
	var found *registry.Project
	err := c.store.EachProject(context.Background(), func(p *registry.Project) error {
		if strings.HasSuffix(p.URL, "/"+name+".git") {
			found = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == nil {
		t.Fatalf("no project %q in the catalogue", name)
	}
	return found
}
