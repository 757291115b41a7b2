package ui

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/govshare/govshare/registry"
)

func TestProjectPageRendersTheREADME(t *testing.T) {
	cat := newCatalogue(t)
	ctx := context.Background()
	p, err := cat.store.Project(ctx, projectID(taxURL))
	if err != nil {
		t.Fatal(err)
	}
	p.Readme = &registry.Readme{
		Path:    "docs/README.md",
		Format:  registry.ReadmeMarkdown,
		Summary: "A tax calculator.",
		Source: "# Tax calculator\n\nSee [the guide](guide.md) and [usage](#usage).\n\n" +
			"![build](https://tracker.example/pixel.gif)\n\n<script>alert(1)</script>\n\n" +
			"## Usage\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[x](javascript:alert(1))\n",
	}
	if err := cat.store.RecordSuccess(ctx, p.SourceID, p); err != nil {
		t.Fatal(err)
	}
	srv := cat.serve(t)
	doc, body := getPage(t, srv.URL, projectPath(p.ID), http.StatusOK)
	readme := element(t, doc, "class", "app-readme")
	html := renderNode(t, readme)
	for _, want := range []string{
		`<h3 id="readme-tax-calculator">Tax calculator</h3>`,
		// Relative links open the file at the indexed commit.
		`href="https://gitlab.com/ria/tax-calculator/-/blob/4444444444444444444444444444444444444444/docs/guide.md"`,
		`href="#readme-usage"`,
		"<table>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("README lacks %s:\n%s", want, html)
		}
	}
	for _, banned := range []string{"<img", "<script", "javascript:", "tracker.example/pixel.gif\"><img"} {
		if strings.Contains(html, banned) {
			t.Errorf("README holds %s:\n%s", banned, html)
		}
	}
	if strings.Contains(body, `id="readme-heading"`) {
		t.Error("the page's README heading id can clash with a README heading's")
	}

	// A record from before sources were kept shows its summary.
	p.Readme.Source = ""
	if err := cat.store.RecordSuccess(ctx, p.SourceID, p); err != nil {
		t.Fatal(err)
	}
	_, body = getPage(t, srv.URL, projectPath(p.ID), http.StatusOK)
	if strings.Contains(body, "app-readme") || !strings.Contains(body, "A tax calculator.") {
		t.Error("a record without a README source does not fall back to the summary")
	}
}

// renderNode writes n back out as HTML.
func renderNode(t *testing.T, n *html.Node) string {
	t.Helper()
	var buf bytes.Buffer
	if err := html.Render(&buf, n); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
