package ui

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/govshare/govshare/registry"
)

func TestProjectBadge(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		id         string
		wantStatus int
		wantTitle  string
		wantColour string
	}{
		{projectID(taxURL), http.StatusOK, "govshare: 2 checks failing", badgeRed},
		{projectID(frontendURL), http.StatusOK, "govshare: 1 warning", badgeAmber},
		{projectID(addressURL), http.StatusOK, "govshare: checks pass", badgeGreen},
		// The forms repository's last crawl failed: its record is stale.
		{projectID(formsURL), http.StatusOK, "govshare: not checked (stale)", badgeGrey},
		{"no-such-project", http.StatusNotFound, "govshare: not found", badgeGrey},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r := get(t, srv.URL, badgePath(tt.id))
			if r.status != tt.wantStatus || r.header.Get("Content-Type") != "image/svg+xml; charset=utf-8" {
				t.Fatalf("status %d, type %q", r.status, r.header.Get("Content-Type"))
			}
			var svg struct {
				Label string `xml:"aria-label,attr"`
				Title string `xml:"title"`
				Rects []struct {
					Fill string `xml:"fill,attr"`
				} `xml:"rect"`
			}
			if err := xml.Unmarshal([]byte(r.body), &svg); err != nil {
				t.Fatalf("not well-formed SVG: %v\n%s", err, r.body)
			}
			if svg.Title != tt.wantTitle || svg.Label != tt.wantTitle {
				t.Errorf("title %q, aria-label %q, want %q", svg.Title, svg.Label, tt.wantTitle)
			}
			if len(svg.Rects) != 2 || svg.Rects[1].Fill != tt.wantColour {
				t.Errorf("rects %+v, want the status in %s", svg.Rects, tt.wantColour)
			}
		})
	}
}

func TestBadgeEscapesAndMarksStale(t *testing.T) {
	b := badgeFor(&registry.Project{Stale: true, Record: registry.Record{Checks: []registry.Check{{Status: registry.CheckPass}}}})
	if b.Status != "checks pass (stale)" {
		t.Errorf("stale project's badge says %q", b.Status)
	}
	svg := string(badgeSVG(badge{Status: `<script>&"`, Colour: badgeGrey}))
	if strings.Contains(svg, "<script>") || !strings.Contains(svg, "&lt;script&gt;&amp;") {
		t.Errorf("badge text not escaped:\n%s", svg)
	}
}
