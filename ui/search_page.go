package ui

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// searchView is what the search page shows.
type searchView struct {
	Query      registry.SearchQuery
	Total      int
	First      int // position of the first result shown, from 1
	Last       int
	Results    []resultView
	Facets     []facetView
	Filters    []filterView
	Pagination pagination
	ClearURL   string
	// ExportURL downloads every result, not just this page, as CSV;
	// ExportCut is true when there are more than an export holds.
	ExportURL string
	ExportCut bool
	// JSONURL, CodeJSONURL and FeedURL are the same search as JSON, as a
	// code.json (code.gov 2.0) inventory and as an Atom feed.
	JSONURL     string
	CodeJSONURL string
	FeedURL     string
	// Sorts are the orders the results can be sorted in.
	Sorts []sortView
}

// sortView is one sort order the search page offers.
type sortView struct {
	Value    string
	Label    string
	Selected bool
}

// resultView is one search result.
type resultView struct {
	Project   *registry.Project
	URL       string
	Languages []string
	Fragments []fragment
	// DescriptionMatched is true when a fragment already shows the
	// description, highlighted, so it is not shown twice.
	DescriptionMatched bool
}

// facetView is one facet's values, each a link that applies or removes it.
type facetView struct {
	Param  string
	Label  string
	Values []facetValueView
}

type facetValueView struct {
	Value    string
	Label    string
	Count    int
	Selected bool
	// URL applies this value, or removes it when Selected.
	URL string
}

// filterView is a filter in force, with the link that removes it.
type filterView struct {
	Param      string
	Label      string
	Value      string
	ValueLabel string
	RemoveURL  string
}

// pagination links the pages of a result; Prev and Next are "" at the ends.
type pagination struct {
	Prev  string
	Next  string
	Pages []pageLink
}

// pageLink is a page number, or a gap (Gap) where numbers are left out.
type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// topLanguages is how many languages a search result names.
const topLanguages = 3

func (s *Server) searchPage(c *gin.Context) error {
	q, err := parseSearchQuery(c.Request.URL.Query())
	if err != nil {
		return err
	}
	found, err := s.runSearch(c, q)
	if err != nil {
		return err
	}
	names, err := s.participantNames(c)
	if err != nil {
		return err
	}
	view := s.buildSearchView(q, found, names)
	title := "Search the catalogue"
	if q.Text != "" {
		title = fmt.Sprintf("%s: search results", q.Text)
	}
	return s.render(c, http.StatusOK, "search", "search", title, view)
}

// participantNames maps participant IDs to names, for facet labels.
func (s *Server) participantNames(c *gin.Context) (map[string]string, error) {
	ps, err := s.store.Participants(c.Request.Context())
	if err != nil {
		return nil, fmt.Errorf("list participants: %w", err)
	}
	names := make(map[string]string, len(ps))
	for _, p := range ps {
		names[p.ID] = p.Name
	}
	return names, nil
}

func (s *Server) buildSearchView(q registry.SearchQuery, found *searchOutcome, participants map[string]string) searchView {
	v := searchView{
		Query:       q,
		Total:       found.result.Total,
		ClearURL:    searchURL(registry.SearchQuery{Text: q.Text, PerPage: q.PerPage}),
		ExportURL:   exportURL(q),
		ExportCut:   found.result.Total > maxExportRows,
		JSONURL:     searchExportURL("/api/v1/projects.json", q),
		CodeJSONURL: searchExportURL("/api/v1/code.json", q),
		FeedURL:     searchExportURL("/feed.atom", q),
	}
	v.Results = resultViews(found)
	if len(v.Results) > 0 {
		v.First = (q.Page-1)*q.PerPage + 1
		v.Last = v.First + len(v.Results) - 1
	}
	label := func(f facet, value string) string { return s.facetValueLabel(f.Param, value, participants) }
	for _, f := range facets {
		selected := facetFilter(q, f)
		fv := facetView{Param: f.Param, Label: f.Label}
		seen := false
		for _, val := range found.result.Facets[f.Param] {
			item := facetValueView{Value: val.Value, Label: label(f, val.Value), Count: val.Count}
			if val.Value == selected {
				seen = true
				item.Selected = true
				item.URL = searchURL(withFacet(q, f, ""))
			} else {
				item.URL = searchURL(withFacet(q, f, val.Value))
			}
			fv.Values = append(fv.Values, item)
		}
		if selected != "" {
			if !seen {
				// A filter that matches nothing still needs its remove link.
				fv.Values = append([]facetValueView{{
					Value: selected, Label: label(f, selected), Selected: true,
					URL: searchURL(withFacet(q, f, "")),
				}}, fv.Values...)
			}
			v.Filters = append(v.Filters, filterView{
				Param: f.Param, Label: f.Label, Value: selected, ValueLabel: label(f, selected),
				RemoveURL: searchURL(withFacet(q, f, "")),
			})
		}
		fv.Values = shownFacetValues(fv.Values)
		if len(fv.Values) > 0 {
			v.Facets = append(v.Facets, fv)
		}
	}
	for _, o := range sortOrders {
		v.Sorts = append(v.Sorts, sortView{Value: o.Value, Label: o.Label,
			Selected: o.Value == q.Sort || (q.Sort == "" && o.Value == registry.SortRelevance)})
	}
	v.Pagination = paginate(q, found.result.Total)
	return v
}

// maxFacetValuesShown is how many values of one facet the search page
// lists: the most frequent, and the one selected wherever it ranks.
const maxFacetValuesShown = 30

// shownFacetValues keeps the values the search page lists.
func shownFacetValues(values []facetValueView) []facetValueView {
	if len(values) <= maxFacetValuesShown {
		return values
	}
	shown := values[:maxFacetValuesShown:maxFacetValuesShown]
	for _, v := range values[maxFacetValuesShown:] {
		if v.Selected {
			shown = append(shown, v)
		}
	}
	return shown
}

// resultViews are the projects found, as result lists show them.
func resultViews(found *searchOutcome) []resultView {
	var results []resultView
	for _, f := range found.projects {
		r := resultView{
			Project:   f.project,
			URL:       projectPath(f.project.ID),
			Languages: languageNames(f.project.Languages, topLanguages),
			Fragments: hitFragments(f.hit.Fragments),
		}
		for _, fr := range r.Fragments {
			r.DescriptionMatched = r.DescriptionMatched || fr.Field == "description"
		}
		results = append(results, r)
	}
	return results
}

// languageNames returns the names of the n languages with the most code.
func languageNames(langs []registry.Language, n int) []string {
	sorted := slices.Clone(langs)
	slices.SortStableFunc(sorted, func(a, b registry.Language) int {
		return cmp.Compare(b.Bytes, a.Bytes)
	})
	var names []string
	for _, l := range sorted[:min(n, len(sorted))] {
		names = append(names, l.Name)
	}
	return names
}

// pageWindow is how many page numbers either side of the current one are
// linked; the first and last are always linked.
const pageWindow = 2

// paginate links the pages of a result of total hits.
func paginate(q registry.SearchQuery, total int) pagination {
	// Links go no deeper than a search may page (maxPage, and the index's
	// window of maxSearchResults hits).
	pages := min((min(total, maxSearchResults)+q.PerPage-1)/q.PerPage, maxPage)
	var p pagination
	if pages <= 1 && q.Page <= 1 {
		return p
	}
	at := func(n int) string { q := q; q.Page = n; return searchURL(q) }
	if q.Page > 1 {
		p.Prev = at(min(q.Page-1, max(pages, 1)))
	}
	if q.Page < pages {
		p.Next = at(q.Page + 1)
	}
	shown := func(n int) bool {
		return n == 1 || n == pages || (n >= q.Page-pageWindow && n <= q.Page+pageWindow)
	}
	for n := 1; n <= pages; n++ {
		// A gap stands for two or more pages; one page is shown instead.
		if !shown(n) && !(shown(n-1) && shown(n+1)) {
			if last := len(p.Pages) - 1; !p.Pages[last].Gap {
				p.Pages = append(p.Pages, pageLink{Gap: true})
			}
			continue
		}
		p.Pages = append(p.Pages, pageLink{Number: n, URL: at(n), Current: n == q.Page})
	}
	return p
}

// HasFilters reports whether any facet filter is in force.
func (v searchView) HasFilters() bool { return len(v.Filters) > 0 }

// Searched reports whether the visitor asked for anything, as opposed to
// browsing the whole catalogue.
func (v searchView) Searched() bool { return filtered(v.Query) }
