package ui

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/govshare/govshare/registry"
)

const (
	defaultPerPage = 20
	maxPerPage     = 100
	// maxPage bounds how deep a search may page, and with it the work one
	// request can ask of the index.
	maxPage = 1000
	// maxSearchResults is how deep into the hits the search index lets a
	// query page (indexer/search's result window).
	maxSearchResults = 10_000
)

// facet is a filter a search takes: its query parameter (also its key in
// the search result's facets), how pages name it, and where it sits in a
// registry.SearchQuery.
type facet struct {
	Param string
	Label string
	field func(q *registry.SearchQuery) *string
	// clean turns a parameter's value into the filter's value; "" drops
	// it. Nil keeps the trimmed value as it is.
	clean func(string) string
}

// facets are the facet filters, in the order pages list them.
var facets = []facet{
	{Param: "license_family", Label: "Licence family", field: func(q *registry.SearchQuery) *string { return &q.LicenseFamily }},
	{Param: "license", Label: "Licence", field: func(q *registry.SearchQuery) *string { return &q.License }},
	{Param: "language", Label: "Language", field: func(q *registry.SearchQuery) *string { return &q.Language }},
	{Param: "participant", Label: "Participant", field: func(q *registry.SearchQuery) *string { return &q.Participant }},
	{Param: "country", Label: "Country", field: func(q *registry.SearchQuery) *string { return &q.Country }},
	{Param: "standard", Label: "Open standard", field: func(q *registry.SearchQuery) *string { return &q.Standard }},
	{Param: "check_status", Label: "Checks", field: func(q *registry.SearchQuery) *string { return &q.CheckStatus },
		clean: oneOf(registry.CheckPass, registry.CheckWarn, registry.CheckFail)},
	{Param: "activity", Label: "Last activity", field: func(q *registry.SearchQuery) *string { return &q.Activity },
		clean: oneOf(registry.ActivityMonth, registry.ActivityYear, registry.ActivityThreeYears, registry.ActivityOlder)},
	// Only the two values the index holds; anything else filters nothing
	// rather than everything.
	{Param: "has_publiccode", Label: "Has publiccode.yml", field: func(q *registry.SearchQuery) *string { return &q.HasPubliccode },
		clean: oneOf("true", "false")},
}

// oneOf keeps the values given and drops anything else.
func oneOf(values ...string) func(string) string {
	return func(s string) string {
		for _, v := range values {
			if s == v {
				return s
			}
		}
		return ""
	}
}

// sortOrders are the orders a search can be sorted in, as the sort
// parameter takes them, with how pages name them; the first is the default.
var sortOrders = []struct{ Value, Label string }{
	{registry.SortRelevance, "Best match"},
	{registry.SortRecent, "Recently updated"},
	{registry.SortName, "Name (A to Z)"},
}

// parseSearchQuery reads a search from query parameters. A page or per_page
// that is not a whole number in range is an EINVALID error.
func parseSearchQuery(v url.Values) (registry.SearchQuery, error) {
	q, err := parseSearchFilters(v)
	if err != nil {
		return q, err
	}
	if q.Page, err = intParam(v, "page", 1, 1, maxPage); err != nil {
		return q, err
	}
	if q.PerPage, err = intParam(v, "per_page", defaultPerPage, 1, maxPerPage); err != nil {
		return q, err
	}
	return q, nil
}

// parseSearchFilters reads the free text, facet filters and sort order of
// a search, leaving paging unset: an export takes every page and ignores
// page and per_page. An unknown sort order is an EINVALID error.
func parseSearchFilters(v url.Values) (registry.SearchQuery, error) {
	q := registry.SearchQuery{Text: strings.TrimSpace(v.Get("q"))}
	for _, f := range facets {
		value := strings.TrimSpace(v.Get(f.Param))
		if f.clean != nil {
			value = f.clean(value)
		}
		*f.field(&q) = value
	}
	sort := strings.TrimSpace(v.Get("sort"))
	if sort == registry.SortRelevance {
		sort = ""
	}
	if sort != "" && !slices.ContainsFunc(sortOrders, func(o struct{ Value, Label string }) bool { return o.Value == sort }) {
		return q, registry.Errorf(registry.EINVALID, "sort must be one of %s, %s or %s.",
			registry.SortRelevance, registry.SortRecent, registry.SortName)
	}
	q.Sort = sort
	return q, nil
}

// intParam reads a whole number between lo and hi, or def when absent.
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, registry.Errorf(registry.EINVALID, "%s must be a whole number from %d to %d.", name, lo, hi)
	}
	return n, nil
}

// facetFilter returns the value q filters f by, "" for none.
func facetFilter(q registry.SearchQuery, f facet) string { return *f.field(&q) }

// withFacet returns q filtered on f by value; "" removes the filter.
// Changing a filter changes the results, so it goes back to the first page.
func withFacet(q registry.SearchQuery, f facet, value string) registry.SearchQuery {
	*f.field(&q) = value
	q.Page = 1
	return q
}

// searchValues is q as query parameters, leaving out defaults so links stay
// short.
func searchValues(q registry.SearchQuery) url.Values {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	for _, f := range facets {
		if value := facetFilter(q, f); value != "" {
			v.Set(f.Param, value)
		}
	}
	if q.Sort != "" && q.Sort != registry.SortRelevance {
		v.Set("sort", q.Sort)
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.PerPage != defaultPerPage && q.PerPage != 0 {
		v.Set("per_page", strconv.Itoa(q.PerPage))
	}
	return v
}

// searchURL is the search page's address for q.
func searchURL(q registry.SearchQuery) string {
	v := searchValues(q)
	if len(v) == 0 {
		return "/search"
	}
	return "/search?" + v.Encode()
}
