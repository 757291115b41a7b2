package ui

import (
	"net/url"
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

// facetParams are the facet filters a search takes, by query parameter name,
// in the order pages list them.
var facetParams = []string{"license", "language", "participant", "country", "has_publiccode"}

// parseSearchQuery reads a search from query parameters. A page or per_page
// that is not a whole number in range is an EINVALID error.
func parseSearchQuery(v url.Values) (registry.SearchQuery, error) {
	q := parseSearchFilters(v)
	q.Page, q.PerPage = 1, defaultPerPage
	var err error
	if q.Page, err = intParam(v, "page", 1, 1, maxPage); err != nil {
		return q, err
	}
	if q.PerPage, err = intParam(v, "per_page", defaultPerPage, 1, maxPerPage); err != nil {
		return q, err
	}
	return q, nil
}

// parseSearchFilters reads the free text and facet filters of a search,
// leaving paging unset: an export takes every page and ignores page and
// per_page.
func parseSearchFilters(v url.Values) registry.SearchQuery {
	return registry.SearchQuery{
		Text:        strings.TrimSpace(v.Get("q")),
		License:     strings.TrimSpace(v.Get("license")),
		Language:    strings.TrimSpace(v.Get("language")),
		Participant: strings.TrimSpace(v.Get("participant")),
		Country:     strings.TrimSpace(v.Get("country")),
		// Only the two values the index holds; anything else filters
		// nothing rather than everything.
		HasPubliccode: boolParam(v.Get("has_publiccode")),
	}
}

// boolParam keeps "true" and "false" and drops anything else.
func boolParam(s string) string {
	if s = strings.TrimSpace(s); s == "true" || s == "false" {
		return s
	}
	return ""
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

// facetFilter returns the value q filters facet by, "" for none.
func facetFilter(q registry.SearchQuery, facet string) string {
	switch facet {
	case "license":
		return q.License
	case "language":
		return q.Language
	case "participant":
		return q.Participant
	case "country":
		return q.Country
	case "has_publiccode":
		return q.HasPubliccode
	}
	return ""
}

// withFacet returns q filtered on facet by value; "" removes the filter.
// Changing a filter changes the results, so it goes back to the first page.
func withFacet(q registry.SearchQuery, facet, value string) registry.SearchQuery {
	switch facet {
	case "license":
		q.License = value
	case "language":
		q.Language = value
	case "participant":
		q.Participant = value
	case "country":
		q.Country = value
	case "has_publiccode":
		q.HasPubliccode = value
	}
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
	for _, f := range facetParams {
		if value := facetFilter(q, f); value != "" {
			v.Set(f, value)
		}
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
		return "/"
	}
	return "/?" + v.Encode()
}
