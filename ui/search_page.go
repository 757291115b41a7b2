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

var facetLabels = map[string]string{
	"license":        "Licence",
	"language":       "Language",
	"participant":    "Participant",
	"country":        "Country",
	"has_publiccode": "Has publiccode.yml",
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
	view := buildSearchView(q, found, names)
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

func buildSearchView(q registry.SearchQuery, found *searchOutcome, participants map[string]string) searchView {
	v := searchView{
		Query:     q,
		Total:     found.result.Total,
		ClearURL:  searchURL(registry.SearchQuery{Text: q.Text, PerPage: q.PerPage}),
		ExportURL: exportURL(q),
		ExportCut: found.result.Total > maxExportRows,
	}
	for _, f := range found.projects {
		r := resultView{
			Project:   f.project,
			URL:       "/projects/" + f.project.ID,
			Languages: languageNames(f.project.Languages, topLanguages),
			Fragments: hitFragments(f.hit.Fragments),
		}
		for _, fr := range r.Fragments {
			r.DescriptionMatched = r.DescriptionMatched || fr.Field == "description"
		}
		v.Results = append(v.Results, r)
	}
	if len(v.Results) > 0 {
		v.First = (q.Page-1)*q.PerPage + 1
		v.Last = v.First + len(v.Results) - 1
	}
	label := func(facet, value string) string {
		if name := participants[value]; facet == "participant" && name != "" {
			return name
		}
		return value
	}
	for _, f := range facetParams {
		selected := facetFilter(q, f)
		fv := facetView{Param: f, Label: facetLabels[f]}
		seen := false
		for _, val := range found.result.Facets[f] {
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
				Param: f, Label: facetLabels[f], Value: selected, ValueLabel: label(f, selected),
				RemoveURL: searchURL(withFacet(q, f, "")),
			})
		}
		if len(fv.Values) > 0 {
			v.Facets = append(v.Facets, fv)
		}
	}
	v.Pagination = paginate(q, found.result.Total)
	return v
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
func (v searchView) Searched() bool {
	return strings.TrimSpace(v.Query.Text) != "" || v.HasFilters()
}
