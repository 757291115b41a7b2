package browsertest

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// pageType is one kind of page the catalogue serves. Every one is checked
// with axe and photographed at each viewport; to cover a new kind of page,
// add a line to pageTypes.
type pageType struct {
	// name names the screenshots and reports: NAME-desktop.png, ...
	name string
	// path is the page's address on the catalogue.
	path func(c *catalogue, t *testing.T) string
	// status is the HTTP status the page answers with.
	status int
	// signedIn makes the test sign in as the catalogue's participant first.
	signedIn bool
}

// searchTerm is a word several fixture projects share.
const searchTerm = "government"

// projectPath is the address of the project page of a fixture repository.
func projectPath(name string) func(*catalogue, *testing.T) string {
	return func(c *catalogue, t *testing.T) string {
		return "/projects/" + url.PathEscape(c.project(t, name).ID)
	}
}

// participantPath is the address of the page of the participant the tests
// sign in as.
func participantPath(c *catalogue, _ *testing.T) string { return "/participants/" + c.signedIn.ID }

// countryPath is the address of that participant's country's page.
func countryPath(c *catalogue, _ *testing.T) string { return "/countries/" + c.signedIn.Country }

// fixed is an address that does not depend on the catalogue's contents.
func fixed(path string) func(*catalogue, *testing.T) string {
	return func(*catalogue, *testing.T) string { return path }
}

// pageTypes are the kinds of page checked and photographed.
var pageTypes = []pageType{
	{name: "home", path: fixed("/"), status: http.StatusOK},
	{name: "search", path: fixed("/search?q=" + searchTerm), status: http.StatusOK},
	{name: "search-filtered", path: fixed("/search?q=" + searchTerm + "&country=GB"), status: http.StatusOK},
	{name: "search-empty", path: fixed("/search?q=zzyzx-no-such-project"), status: http.StatusOK},
	{name: "project", path: projectPath("notify"), status: http.StatusOK},
	{name: "project-failing", path: projectPath("nolicence"), status: http.StatusOK},
	{name: "status", path: fixed("/status"), status: http.StatusOK},
	{name: "participant", path: participantPath, status: http.StatusOK},
	{name: "participant-signed-in", path: participantPath, status: http.StatusOK, signedIn: true},
	{name: "country", path: countryPath, status: http.StatusOK},
	{name: "signin", path: fixed("/signin"), status: http.StatusOK},
	{name: "not-found", path: fixed("/no/such/page"), status: http.StatusNotFound},
}

// testPages checks and photographs every kind of page.
func testPages(t *testing.T, b *chromium, c *catalogue, s scripts, artefacts string) {
	for _, p := range pageTypes {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel() // in tabs of their own: two at once keep both cores busy
			path := p.path(c, t)
			tb := openTab(t, b, c, s)
			if p.signedIn {
				tb.signIn(c)
			}
			for _, v := range viewports {
				tb.emulate(v)
				resp := tb.open(path)
				if int(resp.Status) != p.status {
					t.Fatalf("%s answered %d, want %d", path, resp.Status, p.status)
				}
				if p.signedIn && !tb.has(`FIND.link("sign out") || [...document.querySelectorAll("button")].some((b) => /sign out/i.test(b.textContent))`) {
					t.Errorf("%s does not offer to sign out: is the tab signed in?", path)
				}
				name := fmt.Sprintf("%s-%s", p.name, v.name)
				tb.checkAccessibility(fmt.Sprintf("%s (%s, %s)", path, p.name, v.name), filepath.Join(artefacts, name+".axe.json"))
				tb.screenshot(filepath.Join(artefacts, name+".png"))
			}
		})
	}
}

// signIn signs the tab in as the catalogue's participant, through the
// sign-in page, with the keyboard: the token typed in its field, Enter.
func (tb *tab) signIn(c *catalogue) {
	tb.t.Helper()
	tb.open("/signin")
	field := tb.element(`field labelled "Token"`, `FIND.control("token")`)
	resp := tb.load("sign in", chromedp.SendKeys(field, c.token+"\r"))
	want := "/participants/" + c.signedIn.ID
	if got := tb.location().Path; resp.Status != http.StatusOK || got != want {
		tb.t.Fatalf("signing in led to %s (%d), want %s: %s", got, resp.Status, want, tb.text())
	}
}
