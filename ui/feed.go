package ui

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// maxFeedEntries bounds a feed: the newest entries are what a reader polls
// for.
const maxFeedEntries = 50

// atomFeed is an Atom 1.0 feed (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID       string       `xml:"id"`
	Title    string       `xml:"title"`
	Updated  string       `xml:"updated"`
	Link     atomLink     `xml:"link"`
	Category atomCategory `xml:"category"`
	Summary  string       `xml:"summary"`

	at time.Time
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Feed entry categories.
const (
	entryProject = "project"
	entryProblem = "problem"
)

// participantFeed serves a participant's Atom feed: an entry per project
// (updated when it was last indexed) and one per current problem, each
// with an ID that stays while the problem does, so that a feed reader
// shows a new problem as new. Newest first, at most maxFeedEntries.
func (s *Server) participantFeed(c *gin.Context) error {
	ctx := c.Request.Context()
	id := c.Param("id")
	p, err := s.store.Participant(ctx, id)
	if err != nil {
		return fmt.Errorf("read participant %q: %w", id, err)
	}
	view, err := s.participantView(ctx, p)
	if err != nil {
		return err
	}
	feed := buildFeed(view, s.baseURL(c.Request), s.clock())
	if err := writeFeed(c, feed); err != nil {
		return fmt.Errorf("write the feed of %s: %w", p.ID, err)
	}
	return nil
}

// writeFeed answers with feed as Atom XML.
func writeFeed(c *gin.Context, feed atomFeed) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	buf.WriteByte('\n')
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", buf.Bytes())
	return nil
}

// buildFeed makes a participant's feed; links are absolute under base.
func buildFeed(view participantView, base string, now time.Time) atomFeed {
	p := view.Participant
	urn := "urn:govshare:participant:" + p.ID
	feed := atomFeed{
		ID:     urn,
		Title:  p.Name + " on govshare: projects and problems",
		Author: atomPerson{Name: "govshare"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + view.FeedURL},
			{Rel: "alternate", Type: "text/html", Href: base + participantPath(p.ID)},
		},
	}
	var entries []atomEntry
	for _, r := range view.Repos {
		name := r.Source.URL
		if r.Project != nil {
			name = cmp.Or(r.Project.Name, r.Project.ID)
			entries = append(entries, atomEntry{
				ID:       urn + ":project:" + r.Project.ID,
				Title:    "Indexed: " + name,
				Link:     atomLink{Rel: "alternate", Type: "text/html", Href: base + r.ProjectURL},
				Category: atomCategory{Term: entryProject},
				Summary:  projectSummary(r.Project),
				at:       r.Project.IndexedAt,
			})
		}
		for _, pr := range r.Problems {
			entries = append(entries, atomEntry{
				ID:       fmt.Sprintf("%s:source:%d:problem:%s", urn, r.Source.ID, pr.Key),
				Title:    pr.Title + ": " + name,
				Link:     atomLink{Rel: "alternate", Type: "text/html", Href: base + participantPath(p.ID)},
				Category: atomCategory{Term: entryProblem},
				Summary:  problemSummary(pr),
				at:       pr.Seen,
			})
		}
	}
	for _, o := range view.Orgs {
		if o.Source.LastError == "" {
			continue
		}
		entries = append(entries, atomEntry{
			ID:       fmt.Sprintf("%s:source:%d:problem:discovery-%s", urn, o.Source.ID, shortHash(o.Source.LastError)),
			Title:    "Discovery failed: " + o.Source.URL,
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: base + participantPath(p.ID)},
			Category: atomCategory{Term: entryProblem},
			Summary:  o.Source.LastError + " How to fix: " + o.ProblemFix,
			at:       o.Source.LastCrawlAt,
		})
	}
	slices.SortStableFunc(entries, func(a, b atomEntry) int {
		return cmp.Or(b.at.Compare(a.at), cmp.Compare(a.ID, b.ID))
	})
	entries = entries[:min(len(entries), maxFeedEntries)]
	// An entry with no time of its own sorts last and takes the time of
	// the entry before it, so that the order and the times agree.
	previous := now
	for i := range entries {
		if entries[i].at.IsZero() {
			entries[i].at = previous
		}
		previous = entries[i].at
		entries[i].Updated = atomTime(entries[i].at)
	}
	feed.Updated = atomTime(now)
	if len(entries) > 0 {
		feed.Updated = entries[0].Updated
	}
	feed.Entries = entries
	return feed
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func projectSummary(p *registry.Project) string {
	parts := []string{}
	if p.Description != "" {
		parts = append(parts, p.Description)
	}
	parts = append(parts, "Licence: "+cmp.Or(p.License, "none found")+".")
	if p.Commit != "" {
		parts = append(parts, "Commit "+p.Commit+".")
	}
	if p.Stale {
		parts = append(parts, "Stale: the last crawl failed; this is the last valid record.")
	}
	return strings.Join(parts, " ")
}

func problemSummary(pr problem) string {
	parts := []string{}
	if pr.Detail != "" {
		parts = append(parts, pr.Detail)
	}
	for _, d := range pr.Diagnostics {
		parts = append(parts, fmt.Sprintf("line %d:%d: %s", d.Line, d.Column, d.Message))
	}
	if pr.Fix != "" {
		parts = append(parts, "How to fix: "+pr.Fix)
	}
	return strings.Join(parts, " ")
}

// baseURL is the address the client reached the server at, for the
// absolute links a feed needs.
func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if s.overTLS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
