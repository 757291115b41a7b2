package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// scripts are the JavaScript the tests run in pages, read once from
// testdata.
type scripts struct {
	axe  string // axe-core, vendored by scripts/vendor-axe.sh
	find string // find.js: how the tests find things on a page
}

// loadScripts reads the scripts from testdata.
func loadScripts(t *testing.T) scripts {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatalf("read %s: %v (axe.min.js comes from scripts/vendor-axe.sh)", name, err)
		}
		return string(b)
	}
	return scripts{axe: read("axe.min.js"), find: read("find.js")}
}

// tab is one test's browser tab on the catalogue.
type tab struct {
	t       *testing.T
	ctx     context.Context // the tab's chromedp context, with a deadline
	base    string          // the catalogue's URL
	scripts scripts
}

// openTab opens a tab for the test, in a browser context of its own.
func openTab(t *testing.T, b *chromium, c *catalogue, s scripts) *tab {
	t.Helper()
	return &tab{t: t, ctx: b.newTab(t), base: c.url, scripts: s}
}

// do runs actions in the tab, failing the test with what was being done.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that make the tab load a page (a navigation, a click on
// a link, Enter in a form) and returns the HTTP response to it.
func (tb *tab) load(what string, actions ...chromedp.Action[chromedp.Void]) *network.Response {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, actions...)
	if err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
	if resp == nil {
		tb.t.Fatalf("%s: no page was loaded", what)
	}
	return resp
}

// open loads the page at path, waits until it has settled, and returns the
// response. Settled means the network has been idle for half a second: the
// page's scripts have run and fetched what they import (govuk-frontend is
// imported dynamically, after the load event), so that axe and the
// screenshots see the page as people do, every time.
func (tb *tab) open(path string) *network.Response {
	tb.t.Helper()
	// Subscribe first, so that the event cannot come before the loop.
	lifecycle := chromedp.Events(tb.ctx, page.LifecycleEvent)
	resp := tb.load("open "+path, chromedp.Navigate(tb.base+path))
	tree, err := chromedp.Call(tb.ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	// The page loaded before may settle late: only this one's event counts.
	loader := tree.FrameTree.Frame.LoaderID
	for ev, err := range lifecycle {
		if err != nil {
			tb.t.Fatalf("open %s: waiting for the page to settle: %v", path, err)
		}
		if ev.Name == "networkIdle" && ev.LoaderID == loader {
			break
		}
	}
	return resp
}

// location is the address of the page in the tab.
func (tb *tab) location() *url.URL {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("read the location: %v", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		tb.t.Fatalf("parse the location %q: %v", loc, err)
	}
	return u
}

// eval evaluates a JavaScript expression in the page and decodes its value
// into v. In expr, FIND stands for the finders of find.js.
func (tb *tab) eval(expr string, v any) {
	tb.t.Helper()
	full := strings.ReplaceAll(expr, "FIND", "("+tb.scripts.find+")")
	raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]byte](full, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		tb.t.Fatalf("evaluate %s: decode %.200s: %v", expr, raw, err)
	}
}

// element returns a selector for the element a finder of find.js returns
// (for example `FIND.searchBox()`), failing the test with what was sought
// when the page has none.
func (tb *tab) element(what, finder string) chromedp.JSPath {
	tb.t.Helper()
	var found bool
	tb.eval("!!"+finder, &found)
	if !found {
		tb.t.Fatalf("the page %s has no %s", tb.location().RequestURI(), what)
	}
	return chromedp.JSPath(strings.ReplaceAll(finder, "FIND", "("+tb.scripts.find+")"))
}

// has tells whether a JavaScript expression is true on the page (in expr,
// FIND stands for the finders of find.js).
func (tb *tab) has(expr string) bool {
	tb.t.Helper()
	var ok bool
	tb.eval("!!("+expr+")", &ok)
	return ok
}

// text is the visible text of the page's main content.
func (tb *tab) text() string {
	tb.t.Helper()
	var s string
	tb.eval(`FIND.norm((document.querySelector("main") || document.body).innerText)`, &s)
	return s
}

// focused describes the element that has the keyboard focus.
func (tb *tab) focused() string {
	tb.t.Helper()
	var s string
	tb.eval(`FIND.describe(document.activeElement)`, &s)
	return s
}

// focusIs tells whether the element that has the focus passes a predicate
// on el, written in JavaScript (for example `FIND.isMain(el)`).
func (tb *tab) focusIs(predicate string) bool {
	tb.t.Helper()
	var ok bool
	tb.eval(`((el) => !!(`+predicate+`))(document.activeElement)`, &ok)
	return ok
}

// press sends keys (kb constants or text) to the element that has the
// focus, as a keyboard would.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	tb.do(fmt.Sprintf("press %q", keys), chromedp.KeyEvent(keys))
}

// tabTo presses Tab until the focus is on an element that passes predicate
// (see focusIs), unless it is there already; that element must show that it
// has the focus. When limit presses
// do not get there, it fails the test with the way the focus went.
func (tb *tab) tabTo(what, predicate string, limit int) {
	tb.t.Helper()
	if tb.focusIs(predicate) {
		tb.t.Logf("the focus was on %s already: %s", what, tb.focused())
		return
	}
	var path []string
	for range limit {
		tb.press(kb.Tab)
		if tb.focusIs(predicate) {
			tb.t.Logf("Tab ×%d reached %s: %s", len(path)+1, what, tb.focused())
			if !tb.focusIs("FIND.focusShown(el)") {
				tb.t.Errorf("%s does not show that it has the focus (no outline, no box shadow): %s", what, tb.focused())
			}
			return
		}
		path = append(path, tb.focused())
	}
	tb.t.Fatalf("on %s, %d presses of Tab never reached %s; the focus went to:\n  %s",
		tb.location().RequestURI(), limit, what, strings.Join(path, "\n  "))
}
