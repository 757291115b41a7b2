package ui

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// recentOnCountry is how many recently updated projects a country page
// lists before linking to the full search.
const recentOnCountry = 10

// countryView is what a country's page shows: its participants, how many
// projects each shares, a summary of their licences and checks, and the
// projects updated last.
type countryView struct {
	Code         string
	Name         string
	Projects     int
	Participants []participantLink
	// Families and Checks count the country's projects by licence family
	// and by check status, each linked to the search they summarise.
	Families  []facetValueView
	Checks    []facetValueView
	Recent    []resultView
	SearchURL string
	FeedURL   string
	ExportURL string
}

// participantLink is a participant as lists show it, linked to its page.
type participantLink struct {
	ID       string
	Name     string
	Projects int
	URL      string
}

// countryPage serves /countries/{code}: ISO 3166 alpha-2, any case. A
// country with no participant is not found.
func (s *Server) countryPage(c *gin.Context) error {
	ctx := c.Request.Context()
	code := strings.ToUpper(c.Param("code"))
	if code != c.Param("code") {
		c.Redirect(http.StatusMovedPermanently, countryPath(code))
		return nil
	}
	all, err := s.store.Participants(ctx)
	if err != nil {
		return fmt.Errorf("list participants: %w", err)
	}
	q := registry.SearchQuery{Country: code, Sort: registry.SortRecent, Page: 1, PerPage: recentOnCountry}
	found, err := s.runSearch(c, q)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, v := range found.result.Facets["participant"] {
		counts[v.Value] = v.Count
	}
	view := countryView{
		Code:      code,
		Name:      cmp.Or(registry.CountryName(code), code),
		Projects:  found.result.Total,
		Recent:    resultViews(found),
		SearchURL: searchURL(registry.SearchQuery{Country: code}),
		FeedURL:   searchExportURL("/feed.atom", registry.SearchQuery{Country: code}),
		ExportURL: exportURL(registry.SearchQuery{Country: code}),
	}
	for _, p := range all {
		if p.Country != code {
			continue
		}
		view.Participants = append(view.Participants, participantLink{
			ID: p.ID, Name: p.Name, Projects: counts[p.ID], URL: participantPath(p.ID),
		})
	}
	if len(view.Participants) == 0 {
		return registry.Errorf(registry.ENOTFOUND, "No participant of the catalogue is in %s.", view.Name)
	}
	slices.SortFunc(view.Participants, func(a, b participantLink) int { return strings.Compare(a.Name, b.Name) })
	view.Families = s.countryFacet(code, "license_family", found.result)
	view.Checks = s.countryFacet(code, "check_status", found.result)
	return s.render(c, http.StatusOK, "country", "", view.Name, view)
}

// countryFacet is one facet of a country's projects, each value linked to
// the search of the country's projects it counts.
func (s *Server) countryFacet(code, param string, result *registry.SearchResult) []facetValueView {
	i := slices.IndexFunc(facets, func(f facet) bool { return f.Param == param })
	byCountry := registry.SearchQuery{Country: code}
	var values []facetValueView
	for _, v := range result.Facets[param] {
		values = append(values, facetValueView{
			Value: v.Value, Label: s.facetValueLabel(param, v.Value, nil), Count: v.Count,
			URL: searchURL(withFacet(byCountry, facets[i], v.Value)),
		})
	}
	return values
}
