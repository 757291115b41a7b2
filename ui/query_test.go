package ui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestParseSearchQuery(t *testing.T) {
	tests := []struct {
		raw      string
		want     registry.SearchQuery
		wantCode string
	}{
		{"", registry.SearchQuery{Page: 1, PerPage: 20}, ""},
		{"q=+tax+&license=MIT&language=Go&participant=ee-ria&country=EE&page=3&per_page=50",
			registry.SearchQuery{Text: "tax", License: "MIT", Language: "Go", Participant: "ee-ria", Country: "EE", Page: 3, PerPage: 50}, ""},
		{"page=&per_page=", registry.SearchQuery{Page: 1, PerPage: 20}, ""},
		{"per_page=100", registry.SearchQuery{Page: 1, PerPage: 100}, ""},
		{"page=1000", registry.SearchQuery{Page: 1000, PerPage: 20}, ""},
		{"page=0", registry.SearchQuery{}, registry.EINVALID},
		{"page=1001", registry.SearchQuery{}, registry.EINVALID},
		{"page=1.5", registry.SearchQuery{}, registry.EINVALID},
		{"per_page=101", registry.SearchQuery{}, registry.EINVALID},
		{"per_page=-5", registry.SearchQuery{}, registry.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			v, err := url.ParseQuery(tc.raw)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseSearchQuery(v)
			if code := registry.ErrorCode(err); code != tc.wantCode {
				t.Fatalf("error %v (code %q), want code %q", err, code, tc.wantCode)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestSearchURLRoundTrip checks that a link built for a query reads back
// as the same query, which is what keeps filters alive across links.
func TestSearchURLRoundTrip(t *testing.T) {
	queries := []registry.SearchQuery{
		{Page: 1, PerPage: 20},
		{Text: "tax & <more>", License: "Apache-2.0 OR MIT", Page: 2, PerPage: 20},
		{Language: "C++", Participant: "ee-ria", Country: "EE", Page: 4, PerPage: 7},
	}
	for _, q := range queries {
		link := searchURL(q)
		u, err := url.Parse(link)
		if err != nil {
			t.Fatalf("%s: %v", link, err)
		}
		got, err := parseSearchQuery(u.Query())
		if err != nil {
			t.Fatalf("%s: %v", link, err)
		}
		if diff := cmp.Diff(q, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", link, diff)
		}
	}
	if got := searchURL(registry.SearchQuery{Page: 1, PerPage: 20}); got != "/search" {
		t.Errorf("empty query's link is %q, want /search", got)
	}
}

func TestPaginate(t *testing.T) {
	type view struct {
		Prev, Next string
		Pages      []string // number, "*number" for the current one, "…" for a gap
	}
	summarise := func(p pagination) view {
		v := view{Prev: p.Prev, Next: p.Next}
		for _, l := range p.Pages {
			switch {
			case l.Gap:
				v.Pages = append(v.Pages, "…")
			case l.Current:
				v.Pages = append(v.Pages, fmt.Sprintf("*%d", l.Number))
			default:
				v.Pages = append(v.Pages, fmt.Sprint(l.Number))
			}
		}
		return v
	}
	tests := []struct {
		name  string
		page  int
		total int
		want  view
	}{
		{"one page", 1, 15, view{}},
		{"no results", 1, 0, view{}},
		{"first of three", 1, 50, view{Next: "/search?page=2", Pages: []string{"*1", "2", "3"}}},
		{"middle of many", 10, 400, view{Prev: "/search?page=9", Next: "/search?page=11",
			Pages: []string{"1", "…", "8", "9", "*10", "11", "12", "…", "20"}}},
		{"last of many", 20, 400, view{Prev: "/search?page=19", Pages: []string{"1", "…", "18", "19", "*20"}}},
		{"a one-page gap is filled", 5, 140, view{Prev: "/search?page=4", Next: "/search?page=6",
			Pages: []string{"1", "2", "3", "4", "*5", "6", "7"}}},
		{"beyond the end", 9, 50, view{Prev: "/search?page=3", Pages: []string{"1", "2", "3"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := summarise(paginate(registry.SearchQuery{Page: tc.page, PerPage: 20}, tc.total))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{registry.Errorf(registry.ENOTFOUND, "x"), http.StatusNotFound},
		{registry.Errorf(registry.EINVALID, "x"), http.StatusBadRequest},
		{registry.Errorf(registry.ECONFLICT, "x"), http.StatusConflict},
		{registry.Errorf(registry.EUNAUTHORIZED, "x"), http.StatusUnauthorized},
		{registry.Errorf(registry.EUNAVAILABLE, "x"), http.StatusServiceUnavailable},
		{registry.Errorf(registry.EINTERNAL, "x"), http.StatusInternalServerError},
		{fmt.Errorf("read project: %w", registry.Errorf(registry.ENOTFOUND, "x")), http.StatusNotFound},
		{errors.New("disk on fire"), http.StatusInternalServerError},
		{errForbidden("ee-ria"), http.StatusForbidden},
		{&rateLimitedError{wait: time.Second}, http.StatusTooManyRequests},
		{tooLarge(maxBodyBytes), http.StatusRequestEntityTooLarge},
		{fmt.Errorf("read body: %w", &http.MaxBytesError{Limit: 10}), http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.err.Error(), func(t *testing.T) {
			if got := httpStatus(tc.err); got != tc.want {
				t.Errorf("httpStatus(%v) = %d, want %d", tc.err, got, tc.want)
			}
		})
	}
}

func TestWebLink(t *testing.T) {
	tests := map[string]string{
		"https://example.org/a.git":  "https://example.org/a.git",
		"http://example.org/a":       "http://example.org/a",
		"/srv/git/payroll":           "",
		"file:///srv/git/payroll":    "",
		"git@example.org:team/a.git": "",
		"javascript:alert(1)":        "",
		"https:///no-host":           "",
		"":                           "",
	}
	for in, want := range tests {
		if got := webLink(in); got != want {
			t.Errorf("webLink(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPaginationStaysInsideTheSearchWindow(t *testing.T) {
	p := paginate(registry.SearchQuery{PerPage: 100, Page: 1}, 250_000)
	last := p.Pages[len(p.Pages)-1]
	if last.Number != maxSearchResults/100 {
		t.Errorf("last page link %d, want %d: deeper pages are refused", last.Number, maxSearchResults/100)
	}
	p = paginate(registry.SearchQuery{PerPage: 1, Page: 1}, 250_000)
	if last := p.Pages[len(p.Pages)-1]; last.Number != maxPage {
		t.Errorf("last page link %d, want %d", last.Number, maxPage)
	}
}

func TestCodedFiltersKeepOnlyKnownValues(t *testing.T) {
	tests := []struct {
		param, raw, want string
		got              func(registry.SearchQuery) string
	}{
		{"has_publiccode", "true", "true", func(q registry.SearchQuery) string { return q.HasPubliccode }},
		{"has_publiccode", "false", "false", func(q registry.SearchQuery) string { return q.HasPubliccode }},
		{"has_publiccode", "yes", "", func(q registry.SearchQuery) string { return q.HasPubliccode }},
		{"check_status", "fail", "fail", func(q registry.SearchQuery) string { return q.CheckStatus }},
		{"check_status", "broken", "", func(q registry.SearchQuery) string { return q.CheckStatus }},
		{"activity", " year ", "year", func(q registry.SearchQuery) string { return q.Activity }},
		{"activity", "decade", "", func(q registry.SearchQuery) string { return q.Activity }},
		{"license_family", "permissive", "permissive", func(q registry.SearchQuery) string { return q.LicenseFamily }},
		{"standard", "openapi", "openapi", func(q registry.SearchQuery) string { return q.Standard }},
	}
	for _, tt := range tests {
		t.Run(tt.param+"="+tt.raw, func(t *testing.T) {
			q, err := parseSearchFilters(url.Values{tt.param: {tt.raw}})
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.got(q); got != tt.want {
				t.Errorf("%s=%q read as %q, want %q", tt.param, tt.raw, got, tt.want)
			}
		})
	}
}

func TestSortParameter(t *testing.T) {
	for raw, want := range map[string]string{"": "", "relevance": "", "recent": "recent", "name": "name"} {
		q, err := parseSearchFilters(url.Values{"sort": {raw}})
		if err != nil || q.Sort != want {
			t.Errorf("sort=%q read as %q (%v), want %q", raw, q.Sort, err, want)
		}
	}
	_, err := parseSearchFilters(url.Values{"sort": {"stars"}})
	if registry.ErrorCode(err) != registry.EINVALID {
		t.Fatalf("sort=stars: got %v, want an EINVALID error", err)
	}
	if got := searchURL(registry.SearchQuery{Text: "tax", Sort: registry.SortName}); got != "/search?q=tax&sort=name" {
		t.Errorf("search URL %q keeps no sort", got)
	}
}
