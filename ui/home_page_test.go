package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHomePage(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, body := getPage(t, srv.URL, "/", http.StatusOK)
	for _, want := range []string{
		"Find open-source code that governments share",
		"5 projects</strong> from <strong>2 participants</strong> in <strong>2 countries",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// The five projects, most recent commit first.
	want := []string{projectID(frontendURL), projectID(formsURL), projectID(payrollURL), projectID(taxURL), projectID(addressURL)}
	if diff := cmp.Diff(want, resultIDs(t, doc)); diff != "" {
		t.Errorf("recent projects (-want +got):\n%s", diff)
	}
	if l := linkTo(t, doc, "Estonia"); l.Href != "/countries/EE" {
		t.Errorf("Estonia links to %q", l.Href)
	}
	for _, text := range []string{"Atom feed of new and updated projects", "The catalogue as code.json"} {
		linkTo(t, doc, text)
	}
}

func TestOldSearchAddressesRedirect(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(srv.URL + "/?q=tax&country=EE")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/search?q=tax&country=EE" {
		t.Errorf("/?q=tax: %d to %q, want 301 to /search?q=tax&country=EE", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestCountryPage(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, body := getPage(t, srv.URL, "/countries/EE", http.StatusOK)
	if got := textOf(element(t, doc, "class", "govuk-heading-xl")); got != "Estonia" {
		t.Errorf("heading %q", got)
	}
	if !strings.Contains(body, "2 projects shared by 1 participant.") {
		t.Error("the page does not count the projects and participants")
	}
	if l := linkTo(t, doc, "Information System Authority"); l.Href != "/participants/ee-ria" {
		t.Errorf("participant link %q", l.Href)
	}
	if diff := cmp.Diff([]string{projectID(taxURL), projectID(addressURL)}, resultIDs(t, doc)); diff != "" {
		t.Errorf("projects (-want +got):\n%s", diff)
	}
	// The summary links to the searches it counts.
	if l := linkTo(t, doc, "Failing checks: 1"); l.Href != "/search?check_status=fail&country=EE" {
		t.Errorf("failing checks link %q", l.Href)
	}
	if l := linkTo(t, doc, "Search all 2 projects from Estonia"); l.Href != "/search?country=EE" {
		t.Errorf("search link %q", l.Href)
	}

	for path, status := range map[string]int{"/countries/FR": http.StatusNotFound, "/countries/XX": http.StatusNotFound, "/countries/ee": http.StatusOK} {
		if r := get(t, srv.URL, path); r.status != status {
			t.Errorf("%s: status %d, want %d", path, r.status, status)
		}
	}
}

func TestHomePageIgnoresOtherParameters(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(srv.URL + "/?utm_source=newsletter")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("/?utm_source=newsletter: %d, want the home page", res.StatusCode)
	}
}

func TestCloneCommand(t *testing.T) {
	for raw, want := range map[string]string{
		"https://github.com/gds/frontend.git": "git clone https://github.com/gds/frontend.git",
		"https://h.example/{a,b}":             "",
		"https://h.example/a*b":               "",
		"https://h.example/a;rm -rf":          "",
		"/srv/git/payroll":                    "",
		"git@github.com:gds/x.git":            "",
	} {
		if got := cloneCommand(raw); got != want {
			t.Errorf("cloneCommand(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestSearchPageListsAtMost30ValuesOfAFacet(t *testing.T) {
	var values []facetValueView
	for i := range 40 {
		values = append(values, facetValueView{Value: string(rune('a' + i))})
	}
	values[35].Selected = true
	shown := shownFacetValues(values)
	if len(shown) != 31 || !shown[30].Selected {
		t.Errorf("shown %d values, the last selected: %v; want the first 30 and the selected one", len(shown), shown[len(shown)-1].Selected)
	}
}
