package ui

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// recentOnHome is how many recently updated projects the home page lists.
const recentOnHome = 6

// homeView is what the home page shows: what govshare is, how much it
// holds, the countries taking part and the projects updated last.
type homeView struct {
	Projects     int
	Participants int
	Countries    []countryLink
	Recent       []resultView
	// RecentURL lists every project, most recently updated first.
	RecentURL string
	FeedURL   string
}

// countryLink is a country as lists show it, linked to its page.
type countryLink struct {
	Code     string
	Name     string
	Projects int
	URL      string
}

// homePage serves "/". A search address from before the search page moved
// (/?q=...) is sent on to /search with its parameters; other parameters
// (a campaign's tracking tag, say) are ignored.
func (s *Server) homePage(c *gin.Context) error {
	if isSearch(c.Request.URL.Query()) {
		c.Redirect(http.StatusMovedPermanently, "/search?"+c.Request.URL.RawQuery)
		return nil
	}
	ctx := c.Request.Context()
	recent := registry.SearchQuery{Sort: registry.SortRecent, Page: 1, PerPage: recentOnHome}
	found, err := s.runSearch(c, recent)
	if err != nil {
		return err
	}
	participants, err := s.store.Participants(ctx)
	if err != nil {
		return fmt.Errorf("list participants: %w", err)
	}
	view := homeView{
		Projects:     found.result.Total,
		Participants: len(participants),
		Countries:    countryLinks(found.result.Facets["country"]),
		Recent:       resultViews(found),
		RecentURL:    searchURL(registry.SearchQuery{Sort: registry.SortRecent}),
		FeedURL:      "/feed.atom",
	}
	return s.render(c, http.StatusOK, "home", "home", "", view)
}

// countryLinks names and links the countries of a country facet, by name.
func countryLinks(values []registry.FacetValue) []countryLink {
	links := make([]countryLink, 0, len(values))
	for _, v := range values {
		links = append(links, countryLink{
			Code:     v.Value,
			Name:     cmp.Or(registry.CountryName(v.Value), v.Value),
			Projects: v.Count,
			URL:      countryPath(v.Value),
		})
	}
	slices.SortFunc(links, func(a, b countryLink) int { return strings.Compare(a.Name, b.Name) })
	return links
}

// countryPath is the address of a country's page.
func countryPath(code string) string { return "/countries/" + url.PathEscape(code) }

// isSearch reports whether query parameters ask for a search: text, a
// filter, a sort order or a page.
func isSearch(v url.Values) bool {
	for _, p := range []string{"q", "sort", "page", "per_page"} {
		if v.Has(p) {
			return true
		}
	}
	for _, f := range facets {
		if v.Has(f.Param) {
			return true
		}
	}
	return false
}
