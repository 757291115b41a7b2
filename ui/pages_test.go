package ui

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestSearchPageHighlightsAndEscapes(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, body := getPage(t, srv.URL, "/search?q=calculator", http.StatusOK)

	if diff := cmp.Diff([]string{projectID(taxURL)}, resultIDs(t, doc)); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		`A tax <mark>calculator</mark> for income`,                                    // the searcher's highlight, as markup
		`&lt;script&gt;alert(1)&lt;/script&gt;`,                                       // the hostile description, as text
		`<input class="govuk-input" id="q" name="q" type="search" value="calculator"`, // the form keeps the query
		`<label class="govuk-label govuk-label--s" for="q">`,
		`Showing 1–1 of 1 project.`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("search page runs the hostile description")
	}
	if got := textOf(element(t, doc, "class", "app-meta")); got != "Information System Authority (EE) Licence: EUPL-1.2 Languages: Java, Go" {
		t.Errorf("result details: %q", got)
	}
}

func TestSearchPageStaleBadge(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/search?q=forms", http.StatusOK)
	if got := textOf(element(t, doc, "class", "app-result-list")); !strings.Contains(got, "forms Stale") {
		t.Errorf("stale project's result %q lacks the Stale badge", got)
	}
}

func TestSearchPageEmpty(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		path string
		want []string
	}{
		{"/search?q=zzzyzzx", []string{"No projects found.", "No project matches “zzzyzzx”.", "Check the spelling"}},
		{"/search?q=calculator&country=GB", []string{"No project matches “calculator”.", "Remove all filters"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			_, body := getPage(t, srv.URL, tc.path, http.StatusOK)
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}

	srv = newEmptyCatalogue(t).serve(t)
	_, body := getPage(t, srv.URL, "/search", http.StatusOK)
	if !strings.Contains(body, "The catalogue is empty") {
		t.Error("empty catalogue's search page does not say it is empty")
	}
}

// TestFacetLinks follows facet links the way a person would: apply a
// filter, see it selected, narrow further, then remove it.
func TestFacetLinks(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/search", http.StatusOK)
	if diff := cmp.Diff(5, len(resultIDs(t, doc))); diff != "" {
		t.Errorf("unfiltered results (-want +got):\n%s", diff)
	}

	mit := linkTo(t, element(t, doc, "aria-labelledby", "facet-license"), "MIT (3")
	doc, _ = getPage(t, srv.URL, mit.Href, http.StatusOK)
	want := []string{projectID(frontendURL), projectID(payrollURL), projectID(addressURL)}
	if diff := cmp.Diff(want, resultIDs(t, doc)); diff != "" {
		t.Errorf("after %s (-want +got):\n%s", mit.Href, diff)
	}
	selected := element(t, doc, "class", "app-facet__selected")
	if got := textOf(selected); !strings.HasPrefix(got, "Selected: MIT (3) Remove") {
		t.Errorf("selected licence reads %q", got)
	}

	estonia := linkTo(t, element(t, doc, "aria-labelledby", "facet-country"), "Estonia (1")
	doc, _ = getPage(t, srv.URL, estonia.Href, http.StatusOK)
	if diff := cmp.Diff([]string{projectID(addressURL)}, resultIDs(t, doc)); diff != "" {
		t.Errorf("after %s (-want +got):\n%s", estonia.Href, diff)
	}

	// Removing the licence keeps the country.
	remove := linkTo(t, element(t, doc, "aria-labelledby", "facet-license"), "Remove")
	doc, _ = getPage(t, srv.URL, remove.Href, http.StatusOK)
	want = []string{projectID(taxURL), projectID(addressURL)}
	if diff := cmp.Diff(want, resultIDs(t, doc)); diff != "" {
		t.Errorf("after %s (-want +got):\n%s", remove.Href, diff)
	}
}

// TestPaginationLinks walks the pages of a filtered search through its
// links and checks the query and filters survive every step.
func TestPaginationLinks(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/search?q=&language=Go&per_page=2", http.StatusOK)
	var seen []string
	seen = append(seen, resultIDs(t, doc)...)

	next := linkTo(t, element(t, doc, "class", "govuk-pagination"), "Next")
	if next.Rel != "next" {
		t.Errorf("next link rel=%q", next.Rel)
	}
	doc, _ = getPage(t, srv.URL, next.Href, http.StatusOK)
	seen = append(seen, resultIDs(t, doc)...)
	nav := element(t, doc, "class", "govuk-pagination")
	if got := textOf(element(t, nav, "aria-current", "page")); got != "Page 2" {
		t.Errorf("current page reads %q", got)
	}
	for _, l := range links(nav) {
		if !strings.Contains(l.Href, "language=Go") || !strings.Contains(l.Href, "per_page=2") {
			t.Errorf("pagination link %q lost the filter or page size", l.Href)
		}
	}
	if prev := linkTo(t, nav, "Previous"); prev.Href != "/search?language=Go&per_page=2" {
		t.Errorf("previous link %q", prev.Href)
	}

	// Go is in four projects: two pages of two.
	if diff := cmp.Diff([]string{"Previous page", "Page 1", "Page 2"}, linkTexts(nav)); diff != "" {
		t.Errorf("last page's links (-want +got):\n%s", diff)
	}
	want := []string{projectID(frontendURL), projectID(payrollURL), projectID(taxURL), projectID(addressURL)}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("projects over both pages (-want +got):\n%s", diff)
	}
}

func TestProjectPage(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		name    string
		url     string
		want    []string
		notWant []string
	}{
		{
			name: "complete record",
			url:  frontendURL,
			want: []string{
				`<h1 class="govuk-heading-xl">frontend</h1>`,
				"Publishing frontend for a national website.",
				`Shared by <a class="govuk-link" href="/participants/gb-gds"><strong>Government Digital Service</strong></a>, <a class="govuk-link" href="/countries/GB">`,
				`<a class="govuk-link" href="https://github.com/gds/frontend">https://github.com/gds/frontend</a>`,
				"<code>main</code>",
				`<code>1111111111111111111111111111111111111111</code>, <time datetime="2026-02-20T09:30:00Z">2026-02-20 09:30 UTC</time>`,
				`<time datetime="2026-03-01T10:00:00Z">2026-03-01 10:00 UTC</time>`,
				`<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="https://github.com/gds/frontend/blob/1111111111111111111111111111111111111111/LICENSE"><code>LICENSE</code></a></td><td class="govuk-table__cell"><code>MIT</code></td><td class="govuk-table__cell">Whole project</td><td class="govuk-table__cell">100%</td><td class="govuk-table__cell">Yes</td><td class="govuk-table__cell"></td></tr>`,
				`<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="https://github.com/gds/frontend/blob/1111111111111111111111111111111111111111/fonts/OFL.txt"><code>fonts/OFL.txt</code></a></td><td class="govuk-table__cell"><code>OFL-1.1</code></td><td class="govuk-table__cell">Component</td><td class="govuk-table__cell">96.4%</td><td class="govuk-table__cell">No</td><td class="govuk-table__cell">The fonts&#39; own licence.</td></tr>`,
				// A licence known from an SPDX header has no text to cover: not "0%".
				`<td class="govuk-table__cell"><code>MIT</code></td><td class="govuk-table__cell">Files</td><td class="govuk-table__cell">SPDX identifier</td>`,
				`<dt class="govuk-summary-list__key">Declared licence</dt>
      <dd class="govuk-summary-list__value"><code>MIT</code></dd>`,
				`<span class="app-languages__name">Go</span>`,
				`<rect class="app-languages__fill" width="75.00" height="1">`,
				"75.0%",
				`<strong class="govuk-tag govuk-tag--green">valid</strong>`,
				`<a class="govuk-link" href="https://www.example.org/frontend">https://www.example.org/frontend</a>`,
				"content-management, website-builder",
				"<code>README.md</code>",
				"Renders every page of the national website from the content store.",
			},
			notWant: []string{"may be out of date"},
		},
		{
			name: "invalid publiccode and hostile description",
			url:  taxURL,
			want: []string{
				`<strong class="govuk-tag govuk-tag--red">not valid</strong>`,
				"<li><code>line 3:5</code> <code>url</code>: url is a required field</li>",
				"<li><code>line 20:3</code> <code>description.en.features</code>: features should not be empty</li>",
				"&lt;script&gt;alert(1)&lt;/script&gt;",
				"98.5%",
				`<h3 class="govuk-heading-m">Last valid publiccode.yml</h3>`,
				`<code>0123456789abcdef0123456789abcdef01234567</code>`,
				"2.3.1",
			},
			notWant: []string{"<script>alert"},
		},
		{
			name: "stale record",
			url:  formsURL,
			want: []string{
				"This record may be out of date",
				"clone https://example.org/gds/forms.git: authentication required",
				"none declared",
				"This repository has no publiccode.yml file.",
			},
		},
		{
			name:    "local path is text, not a link",
			url:     payrollURL,
			want:    []string{`<dd class="govuk-summary-list__value app-reason"><code>/srv/git/payroll</code></dd>`, "<code>trunk</code>", "No README was found."},
			notWant: []string{`href="/srv/git/payroll"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, body := getPage(t, srv.URL, "/projects/"+projectID(tc.url), http.StatusOK)
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, bad := range tc.notWant {
				if strings.Contains(body, bad) {
					t.Errorf("page contains %q", bad)
				}
			}
		})
	}
}

func TestStatusPage(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/status", http.StatusOK)

	var rows []string
	for d := range element(t, doc, "class", "app-sources").Descendants() {
		if d.Type == html.ElementNode && d.Data == "tr" && d.Parent.Data == "tbody" {
			rows = append(rows, textOf(d))
		}
	}
	want := []string{
		"Government Digital Service https://example.org/gds/forms.git (project page of https://example.org/gds/forms.git) failed 2026-03-01 10:01 UTC 2026-03-01 10:00 UTC 1 clone https://example.org/gds/forms.git: authentication required",
		"Information System Authority https://example.org/ria/broken.git failed 2026-03-01 10:01 UTC never 1 repository not found (HTTP 404)",
		"Government Digital Service /srv/git/payroll (project page of /srv/git/payroll) ok 2026-03-01 10:00 UTC 2026-03-01 10:00 UTC 0",
		"Government Digital Service https://github.com/gds/frontend (project page of https://github.com/gds/frontend) ok 2026-03-01 10:00 UTC 2026-03-01 10:00 UTC 0",
		"Information System Authority https://example.org/ria/address-lookup.git (project page of https://example.org/ria/address-lookup.git) ok 2026-03-01 10:00 UTC 2026-03-01 10:00 UTC 0",
		"Information System Authority https://gitlab.com/ria/tax-calculator.git (project page of https://gitlab.com/ria/tax-calculator.git) ok 2026-03-01 10:00 UTC 2026-03-01 10:00 UTC 0",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("source rows (-want +got):\n%s", diff)
	}
	run := "Started 2026-03-01 10:00 UTC Finished 2026-03-01 10:05 UTC Indexed 5 Unchanged 0 Failed 2"
	if got := textOf(element(t, doc, "class", "app-last-run")); got != run {
		t.Errorf("last run reads %q, want %q", got, run)
	}

	srv = newEmptyCatalogue(t).serve(t)
	_, body := getPage(t, srv.URL, "/status", http.StatusOK)
	for _, want := range []string{"No crawl has run yet.", "No source is registered yet."} {
		if !strings.Contains(body, want) {
			t.Errorf("empty status page lacks %q", want)
		}
	}
}

func TestErrorPages(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		path       string
		wantStatus int
		want       string
	}{
		{"/no/such/page", http.StatusNotFound, ">Page not found</h1>"},
		{"/projects/no-such-project", http.StatusNotFound, ">Page not found</h1>"},
		{"/search?page=0", http.StatusBadRequest, "page must be a whole number from 1 to 1000."},
		{"/search?per_page=500", http.StatusBadRequest, "per_page must be a whole number from 1 to 100."},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			_, body := getPage(t, srv.URL, tc.path, tc.wantStatus)
			if !strings.Contains(body, tc.want) {
				t.Errorf("page lacks %q:\n%s", tc.want, body)
			}
		})
	}
}

// TestTemplateErrorIsCleanPage breaks the search template halfway through
// and checks the visitor gets the whole error page and none of the half
// rendered one.
func TestTemplateErrorIsCleanPage(t *testing.T) {
	cat := newCatalogue(t)
	broken := templateFilesWith(t, "templates/search.html",
		`{{define "content"}}<p>half a page</p>{{.NoSuchField}}{{end}}`)
	s := newServer(Options{Store: cat.store, Search: cat.index, Logger: testLogger(t)}, broken)
	srv := serveHandler(t, s.Handler())

	_, body := getPage(t, srv.URL, "/search", http.StatusInternalServerError)
	if strings.Contains(body, "half a page") {
		t.Error("500 page contains part of the failed page")
	}
	for _, want := range []string{">Internal Server Error</h1>", ">Internal error.</p>", "</html>"} {
		if !strings.Contains(body, want) {
			t.Errorf("500 page lacks %q", want)
		}
	}
	if strings.Contains(body, "NoSuchField") {
		t.Error("500 page shows internal details")
	}
}

// TestPanicIsRecovered serves with no searcher, so the search handler
// panics on a nil interface.
func TestPanicIsRecovered(t *testing.T) {
	cat := newCatalogue(t)
	srv := serveHandler(t, New(Options{Store: cat.store, Logger: testLogger(t)}).Handler())

	_, body := getPage(t, srv.URL, "/search", http.StatusInternalServerError)
	if !strings.Contains(body, ">Internal Server Error</h1>") {
		t.Errorf("panic page:\n%s", body)
	}
	var got apiErrorBody
	getJSON(t, srv.URL, "/api/v1/projects", http.StatusInternalServerError, &got)
	if diff := cmp.Diff(apiErrorDetail{Code: "internal", Message: "Internal error."}, got.Error); diff != "" {
		t.Errorf("API panic answer (-want +got):\n%s", diff)
	}
	// The server still answers afterwards.
	getPage(t, srv.URL, "/status", http.StatusOK)
}

func TestSecurityHeaders(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	for _, path := range []string{"/", "/api/v1/projects", "/no/such/page", "/static/govshare.min.css"} {
		t.Run(path, func(t *testing.T) {
			res := get(t, srv.URL, path)
			got := map[string]string{}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
				got[h] = res.header.Get(h)
			}
			want := map[string]string{
				"Content-Security-Policy": contentSecurityPolicy,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "strict-origin-when-cross-origin",
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStaticFiles follows every asset a page links, each at an address
// versioned by its content, cached for good there and revalidated
// anywhere else.
func TestStaticFiles(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/search", http.StatusOK)
	assets := map[string]string{} // address: wanted Content-Type prefix
	for d := range doc.Descendants() {
		switch {
		case d.Type != html.ElementNode:
		case d.Data == "link" && attr(d, "rel") == "stylesheet":
			assets[attr(d, "href")] = "text/css"
		case d.Data == "link" && attr(d, "rel") == "modulepreload":
			assets[attr(d, "href")] = "text/javascript"
		case d.Data == "script" && attr(d, "src") != "":
			assets[attr(d, "src")] = "text/javascript"
			assets[attr(d, "data-govuk-frontend")] = "text/javascript"
		}
	}
	wantAssets := []string{"/static/govshare.js", "/static/govshare.min.css", "/static/govuk/govuk-frontend.min.js"}
	var gotAssets []string
	for href := range assets {
		path, version, _ := strings.Cut(href, "?v=")
		if len(version) != 16 {
			t.Errorf("asset %q is not versioned by a content hash", href)
		}
		gotAssets = append(gotAssets, path)
	}
	slices.Sort(gotAssets)
	if diff := cmp.Diff(wantAssets, gotAssets); diff != "" {
		t.Errorf("assets linked (-want +got):\n%s", diff)
	}

	for href, ctype := range assets {
		t.Run(href, func(t *testing.T) {
			res := get(t, srv.URL, href)
			if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), ctype) {
				t.Fatalf("status %d, type %q", res.status, res.header.Get("Content-Type"))
			}
			if got := res.header.Get("Cache-Control"); got != cacheVersioned {
				t.Errorf("Cache-Control %q at the versioned address", got)
			}
			path, _, _ := strings.Cut(href, "?")
			unversioned := get(t, srv.URL, path)
			if got := unversioned.header.Get("Cache-Control"); got != cacheUnversioned {
				t.Errorf("Cache-Control %q without a version", got)
			}

			req, err := http.NewRequest(http.MethodGet, srv.URL+href, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("If-None-Match", res.header.Get("ETag"))
			revalidated, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			revalidated.Body.Close()
			if revalidated.StatusCode != http.StatusNotModified {
				t.Errorf("revalidation: status %d, want 304", revalidated.StatusCode)
			}
		})
	}

	getPage(t, srv.URL, "/static/missing.css", http.StatusNotFound)
}

// TestInlineScriptsAllowed checks that the Content-Security-Policy allows
// every inline script a page carries by its hash, and that every other
// script comes from this site: a change to the layout's script that
// forgot the policy would otherwise only show in a browser.
func TestInlineScriptsAllowed(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	for _, path := range []string{"/search?q=calculator", "/projects/" + projectID(taxURL), "/status", "/signin", "/participants/ee-ria", "/no/such/page"} {
		t.Run(path, func(t *testing.T) {
			res := get(t, srv.URL, path)
			doc, err := html.Parse(strings.NewReader(res.body))
			if err != nil {
				t.Fatal(err)
			}
			policy := res.header.Get("Content-Security-Policy")
			inline := 0
			for d := range doc.Descendants() {
				if d.Type != html.ElementNode || d.Data != "script" {
					continue
				}
				if src := attr(d, "src"); src != "" {
					if !strings.HasPrefix(src, "/static/") {
						t.Errorf("script from %q", src)
					}
					continue
				}
				inline++
				var code string
				if d.FirstChild != nil {
					code = d.FirstChild.Data
				}
				sum := sha256.Sum256([]byte(code))
				if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(policy, hash) {
					t.Errorf("the policy %q does not allow the inline script %q (%s)", policy, code, hash)
				}
			}
			if inline != 1 {
				t.Errorf("%d inline scripts, want the layout's one", inline)
			}
		})
	}
}
