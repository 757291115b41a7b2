package ui

import (
	"context"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// feedAsRead is an Atom feed as a reader decodes it, apart from the types
// that write it.
type feedAsRead struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Author  string   `xml:"http://www.w3.org/2005/Atom author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID       string `xml:"http://www.w3.org/2005/Atom id"`
		Title    string `xml:"http://www.w3.org/2005/Atom title"`
		Updated  string `xml:"http://www.w3.org/2005/Atom updated"`
		Summary  string `xml:"http://www.w3.org/2005/Atom summary"`
		Category struct {
			Term string `xml:"term,attr"`
		} `xml:"http://www.w3.org/2005/Atom category"`
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func (f *accessFixture) readFeed(t *testing.T, participant string) feedAsRead {
	t.Helper()
	res := f.send(t, nil, request{method: "GET", path: "/participants/" + participant + "/feed.atom"})
	if res.status != 200 || res.header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("feed: status %d, Content-Type %q", res.status, res.header.Get("Content-Type"))
	}
	if !strings.HasPrefix(res.body, xml.Header) {
		t.Error("feed lacks the XML declaration")
	}
	var feed feedAsRead
	if err := xml.Unmarshal([]byte(res.body), &feed); err != nil {
		t.Fatalf("feed is not valid XML: %v\n%s", err, res.body)
	}
	return feed
}

func TestParticipantFeed(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	f.discoverRIA(t)
	feed := f.readFeed(t, "ee-ria")

	if feed.ID != "urn:govshare:participant:ee-ria" || feed.Author == "" || feed.Updated == "" {
		t.Errorf("feed head: id %q, author %q, updated %q", feed.ID, feed.Author, feed.Updated)
	}
	var titles, ids []string
	for i, e := range feed.Entries {
		titles = append(titles, e.Category.Term+": "+e.Title)
		ids = append(ids, e.ID)
		if !strings.HasPrefix(e.Link.Href, f.srv.URL+"/") {
			t.Errorf("entry %s links to %q, not an absolute address on this server", e.ID, e.Link.Href)
		}
		if i > 0 && e.Updated > feed.Entries[i-1].Updated {
			t.Errorf("entry %s (%s) after an older one", e.ID, e.Updated)
		}
	}
	for _, want := range []string{
		"project: Indexed: tax-calculator",
		"project: Indexed: new-name",
		"problem: The last crawl failed: https://example.org/ria/broken.git",
		"problem: No licence found: new-name",
		"problem: publiccode.yml is not valid: tax-calculator",
		"problem: The declared licence does not match the files: tax-calculator",
		"problem: Uses open standards: tax-calculator",
		"problem: The host no longer lists this repository: " + riaGoneURL,
	} {
		if !slices.Contains(titles, want) {
			t.Errorf("feed lacks %q among %q", want, titles)
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
		t.Errorf("entry IDs repeat: %q", ids)
	}

	// The same problems keep their IDs; a new problem brings a new one.
	keep := f.sourceID(t, riaKeepURL)
	if _, err := f.cat.store.RecordFailure(context.Background(), keep, indexedAt.Add(2*time.Hour), "list references of "+riaKeepURL+": timed out"); err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, e := range f.readFeed(t, "ee-ria").Entries {
		if !slices.Contains(ids, e.ID) {
			added = append(added, e.Category.Term+": "+e.Title)
		}
	}
	if diff := cmp.Diff([]string{"problem: The last crawl failed: keep"}, added); diff != "" {
		t.Errorf("entries new after a failed crawl (-want +got):\n%s", diff)
	}
}

func TestFeedHoldsTheNewest50(t *testing.T) {
	view := participantView{Participant: &registry.Participant{ID: "p", Name: "P"}, FeedURL: "/participants/p/feed.atom"}
	for i := range 60 {
		src := &registry.Source{ID: int64(i), URL: fmt.Sprintf("https://example.org/p/r%02d", i), LastError: "timed out",
			LastCrawlAt: indexedAt.Add(time.Duration(i) * time.Minute)}
		view.Repos = append(view.Repos, repoView{Source: src, Problems: repoProblems(src, nil)})
	}
	feed := buildFeed(view, "https://govshare.example", generatedAt)
	if len(feed.Entries) != maxFeedEntries {
		t.Fatalf("%d entries, want %d", len(feed.Entries), maxFeedEntries)
	}
	if first, last := feed.Entries[0].Title, feed.Entries[len(feed.Entries)-1].Title; !strings.HasSuffix(first, "r59") || !strings.HasSuffix(last, "r10") {
		t.Errorf("entries run from %q to %q, want r59 down to r10", first, last)
	}
	if feed.Updated != atomTime(indexedAt.Add(59*time.Minute)) {
		t.Errorf("feed updated %s, want the newest entry's time", feed.Updated)
	}
}
