package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The journeys: what a developer or a procurement officer does on the
// catalogue, once with the mouse and once with the keyboard only.
//
// They rely on what the pages say, not on how they look:
//   - the search box is an input of type search (or the text field of a
//     search landmark) in a form with a submit button;
//   - each facet is a group of links under a heading naming it ("Country");
//   - results link to /projects/{id}; the CSV export is a link whose text
//     says "CSV";
//   - a project's checks follow a heading saying "Compliance" or "Checks",
//     each check's title next to its status (pass, warn, fail);
//   - the first Tab on a page reaches a "Skip to ..." link, which moves the
//     focus to the main landmark; whatever Tab reaches shows its focus
//     (an outline or a box shadow).

// facetHeading is the heading of the facet the journeys filter by, as a
// regular expression, and facetName that facet in messages.
const (
	facetHeading = `^country\b`
	facetName    = `the first link under the "Country" heading`
)

// checksHeading is the heading of a project's checks panel.
const checksHeading = `compliance|checks`

// findFacetLink is the first value of that facet.
var findFacetLink = fmt.Sprintf("FIND.linkUnder(%q)", facetHeading)

// testJourneys takes both journeys, each in a tab of its own.
func testJourneys(t *testing.T, b *chromium, c *catalogue, s scripts) {
	t.Run("mouse", func(t *testing.T) {
		t.Parallel()
		journeyWithMouse(t, openTab(t, b, c, s), c)
	})
	t.Run("keyboard", func(t *testing.T) {
		t.Parallel()
		journeyWithKeyboard(t, openTab(t, b, c, s), c)
	})
}

// journeyWithMouse searches, filters by a facet, exports the results as CSV,
// opens a project and reads its checks, clicking as a mouse does.
func journeyWithMouse(t *testing.T, tb *tab, c *catalogue) {
	tb.open("/")
	box := tb.element("search box", "FIND.searchBox()")
	tb.do("type a search", chromedp.Click(box), chromedp.SendKeys(box, searchTerm))
	button := tb.element("button submitting the search", "FIND.submitOf(FIND.searchBox())")
	tb.expectSearch("search", tb.load("search", chromedp.Click(button)), "")

	facet := tb.element(facetName, findFacetLink)
	tb.expectSearch("filter by a facet", tb.load("filter by a facet", chromedp.Click(facet)), "country")

	results := tb.resultIDs()
	export := tb.element("CSV export link", `FIND.link("csv")`)
	tb.checkCSV(tb.download("export CSV", chromedp.Click(export)), results)

	first := tb.element("link to a project", "FIND.results()[0]")
	tb.expectProject(tb.load("open a project", chromedp.Click(first)), results[0])
	tb.readChecks(c, results[0])
}

// journeyWithKeyboard takes the same journey with Tab and Enter only, from
// the skip link on.
func journeyWithKeyboard(t *testing.T, tb *tab, c *catalogue) {
	tb.open("/")
	tb.press(kb.Tab)
	if !tb.focusIs("FIND.isSkipLink(el)") {
		t.Fatalf(`the first Tab on / went to %s, want a "Skip to main content" link`, tb.focused())
	}
	tb.press(kb.Enter)
	// The skip link focuses the main landmark when govuk-frontend's script
	// makes it focusable; without the script, the browser moves where the
	// next Tab starts to the landmark, and that must reach into it.
	if !tb.focusIs("FIND.isMain(el)") {
		tb.press(kb.Tab)
		if !tb.focusIs(`el.closest("main, [role=main]")`) {
			t.Fatalf("Enter on the skip link, then Tab, left the focus on %s, want the main landmark or what it holds", tb.focused())
		}
	}

	tb.tabTo("the search box", "el === FIND.searchBox()", 30)
	tb.press(searchTerm)
	tb.expectSearch("search with Enter", tb.load("search with Enter", chromedp.KeyEvent(kb.Enter)), "")

	tb.tabTo(facetName, "el === "+findFacetLink, 100)
	tb.expectSearch("filter with Enter", tb.load("filter with Enter", chromedp.KeyEvent(kb.Enter)), "country")

	results := tb.resultIDs()
	tb.tabTo("the CSV export link", `el.matches("a[href]") && /csv/i.test(el.textContent)`, 100)
	tb.checkCSV(tb.download("export CSV with Enter", chromedp.KeyEvent(kb.Enter)), results)

	tb.tabTo("the first result", "el === FIND.results()[0]", 100)
	tb.expectProject(tb.load("open a project with Enter", chromedp.KeyEvent(kb.Enter)), results[0])

	tb.tabTo("the checks panel", fmt.Sprintf("FIND.follows(el, %q)", checksHeading), 100)
	tb.readChecks(c, results[0])
}

// expectSearch checks that resp is a page of search results for the
// journey's term, filtered by facet when it is not "".
func (tb *tab) expectSearch(step string, resp *network.Response, facet string) {
	tb.t.Helper()
	u := tb.location()
	if resp.Status != http.StatusOK {
		tb.t.Fatalf("%s: %s answered %d", step, u.RequestURI(), resp.Status)
	}
	q := u.Query()
	if q.Get("q") != searchTerm {
		tb.t.Fatalf("%s: landed on %s, want a search for %q", step, u.RequestURI(), searchTerm)
	}
	if facet != "" && q.Get(facet) == "" {
		tb.t.Fatalf("%s: landed on %s, want results filtered by %s", step, u.RequestURI(), facet)
	}
	if len(tb.resultIDs()) == 0 {
		tb.t.Fatalf("%s: %s shows no project: %s", step, u.RequestURI(), tb.text())
	}
}

// resultIDs are the IDs of the projects the page links to, in page order.
func (tb *tab) resultIDs() []string {
	tb.t.Helper()
	var hrefs []string
	tb.eval(`FIND.results().map((a) => new URL(a.href).pathname)`, &hrefs)
	ids := make([]string, 0, len(hrefs))
	for _, h := range hrefs {
		id, err := url.PathUnescape(strings.TrimPrefix(h, "/projects/"))
		if err != nil {
			tb.t.Fatalf("result link %s: %v", h, err)
		}
		ids = append(ids, id)
	}
	return ids
}

// expectProject checks that resp is the page of the project id.
func (tb *tab) expectProject(resp *network.Response, id string) {
	tb.t.Helper()
	u := tb.location()
	if resp.Status != http.StatusOK || u.Path != "/projects/"+url.PathEscape(id) && u.Path != "/projects/"+id {
		tb.t.Fatalf("opening project %s led to %s (%d)", id, u.RequestURI(), resp.Status)
	}
}

// readChecks checks that the project page in the tab shows every check of
// the project id: its title, and its status next to it.
func (tb *tab) readChecks(c *catalogue, id string) {
	tb.t.Helper()
	p, err := c.store.Project(context.Background(), id)
	if err != nil {
		tb.t.Fatal(err)
	}
	if len(p.Checks) == 0 {
		tb.t.Fatalf("project %s has no checks to read", id)
	}
	if !tb.has(fmt.Sprintf("FIND.visible(FIND.heading(%q))", checksHeading)) {
		tb.t.Fatalf("the page of %s has no heading matching %q for its checks", id, checksHeading)
	}
	titles := make([]string, len(p.Checks))
	for i, ch := range p.Checks {
		titles[i] = ch.Title
	}
	for _, ch := range p.Checks {
		if !tb.has(fmt.Sprintf("FIND.checkRow(%s, %s, %s)", jsValue(ch.Title), jsValue(ch.Status), jsValue(titles))) {
			tb.t.Errorf("the page of %s does not show the check %q with its status %q", id, ch.Title, ch.Status)
		}
	}
}

// jsValue is v written in JavaScript (JSON is).
func jsValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings and slices of them always encode
	}
	return string(b)
}
