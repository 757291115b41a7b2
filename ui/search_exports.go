package ui

import (
	"cmp"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/indexer/analysis/licenses"
	"github.com/govshare/govshare/registry"
)

// projectsExport is the JSON export of a search: every project it matches,
// not one page.
type projectsExport struct {
	GeneratedAt string `json:"generated_at"`
	Total       int    `json:"total"`
	// Truncated is true when the search matched more projects than one
	// export holds; Items then holds the first of them.
	Truncated bool                `json:"truncated"`
	Items     []*registry.Project `json:"items"`
}

// exportProjectsJSON exports every project a search matches as JSON, taking
// the same text, filters and order as the search API and ignoring paging.
func (s *Server) exportProjectsJSON(c *gin.Context) error {
	q, err := parseSearchFilters(c.Request.URL.Query())
	if err != nil {
		return err
	}
	export, err := s.collectProjects(c, q)
	if err != nil {
		return err
	}
	items := export.projects
	if items == nil {
		items = []*registry.Project{}
	}
	now := s.clock().UTC()
	setExportHeaders(c, "govshare-projects-"+now.Format("20060102")+".json", export)
	s.writeJSON(c, http.StatusOK, projectsExport{
		GeneratedAt: now.Format("2006-01-02T15:04:05Z"),
		Total:       export.total,
		Truncated:   export.truncated,
		Items:       items,
	})
	return nil
}

// codeInventory is a code.json file as the code.gov metadata schema 2.0.0
// defines it: https://code.gov/meta/schema/2.0.0/schema.json.
type codeInventory struct {
	Version         string          `json:"version"`
	Agency          string          `json:"agency"`
	MeasurementType codeMeasurement `json:"measurementType"`
	Releases        []codeRelease   `json:"releases"`
}

type codeMeasurement struct {
	Method string `json:"method"`
}

type codeRelease struct {
	Name          string          `json:"name"`
	Version       string          `json:"version,omitempty"`
	Organization  string          `json:"organization"`
	Description   string          `json:"description"`
	Permissions   codePermissions `json:"permissions"`
	Tags          []string        `json:"tags"`
	Contact       codeContact     `json:"contact"`
	Status        string          `json:"status,omitempty"`
	VCS           string          `json:"vcs"`
	RepositoryURL string          `json:"repositoryURL"`
	HomepageURL   string          `json:"homepageURL,omitempty"`
	Languages     []string        `json:"languages"`
	LaborHours    int             `json:"laborHours"`
	Date          codeDate        `json:"date"`
}

type codePermissions struct {
	Licenses  []codeLicense `json:"licenses"`
	UsageType string        `json:"usageType"`
}

type codeLicense struct {
	URL  string `json:"URL,omitempty"`
	Name string `json:"name"`
}

// codeContact is how to reach the people behind a release. The schema asks
// for an email; the catalogue has none, so it points at the participant's
// page instead.
type codeContact struct {
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
	URL   string `json:"URL,omitempty"`
}

type codeDate struct {
	LastModified        string `json:"lastModified,omitempty"`
	MetadataLastUpdated string `json:"metadataLastUpdated,omitempty"`
}

// codeStatuses maps publiccode.yml's developmentStatus to code.gov's status.
var codeStatuses = map[string]string{
	"concept":     "Ideation",
	"development": "Development",
	"beta":        "Beta",
	"stable":      "Production",
	"obsolete":    "Archival",
}

// exportCodeJSON exports the projects a search matches (the whole catalogue
// with no filters) as a code.gov 2.0 inventory.
func (s *Server) exportCodeJSON(c *gin.Context) error {
	q, err := parseSearchFilters(c.Request.URL.Query())
	if err != nil {
		return err
	}
	export, err := s.collectProjects(c, q)
	if err != nil {
		return err
	}
	base := s.baseURL(c.Request)
	inv := codeInventory{
		Version:         "2.0.0",
		Agency:          "govshare catalogue at " + base,
		MeasurementType: codeMeasurement{Method: "projects"},
		Releases:        make([]codeRelease, 0, len(export.projects)),
	}
	for _, p := range export.projects {
		inv.Releases = append(inv.Releases, codeReleaseOf(p, base))
	}
	setExportHeaders(c, "code.json", export)
	s.writeJSON(c, http.StatusOK, inv)
	return nil
}

// spdxID matches a single SPDX licence identifier, which has a page on
// spdx.org; an expression or a LicenseRef- has none.
var spdxID = regexp.MustCompile(`^[A-Za-z0-9.+-]+$`)

// codeReleaseOf describes one project as a code.json release. A project
// whose licence is not an open one (or is unknown) is marked for reuse
// between governments rather than as open source.
func codeReleaseOf(p *registry.Project, base string) codeRelease {
	r := codeRelease{
		Name:          cmp.Or(p.Name, p.ID),
		Organization:  cmp.Or(p.ParticipantName, p.ParticipantID),
		Description:   p.Description,
		Tags:          []string{},
		Contact:       codeContact{Name: p.ParticipantName, URL: base + participantPath(p.ParticipantID)},
		VCS:           "git",
		RepositoryURL: p.URL,
		Languages:     languageNames(p.Languages, len(p.Languages)),
	}
	if r.Languages == nil {
		r.Languages = []string{}
	}
	if !p.CommittedAt.IsZero() {
		r.Date.LastModified = p.CommittedAt.UTC().Format("2006-01-02")
	}
	if !p.IndexedAt.IsZero() {
		r.Date.MetadataLastUpdated = p.IndexedAt.UTC().Format("2006-01-02")
	}
	r.Permissions.UsageType = "governmentWideReuse"
	r.Permissions.Licenses = []codeLicense{}
	if p.License != "" {
		l := codeLicense{Name: p.License}
		if spdxID.MatchString(p.License) && !strings.HasPrefix(p.License, "LicenseRef-") {
			l.URL = "https://spdx.org/licenses/" + url.PathEscape(p.License) + ".html"
		}
		r.Permissions.Licenses = append(r.Permissions.Licenses, l)
		if licenses.Family(p.License) != licenses.FamilyProprietaryOrUnknown {
			r.Permissions.UsageType = "openSource"
		}
	}
	if pc := p.Publiccode; pc != nil && pc.Valid {
		r.Version = pc.SoftwareVersion
		r.Status = codeStatuses[pc.DevelopmentStatus]
		r.HomepageURL = pc.LandingURL
		r.Tags = append(r.Tags, pc.Categories...)
	}
	if len(r.Tags) == 0 {
		r.Tags = append(r.Tags, r.Languages...)
	}
	return r
}

// catalogueFeed serves an Atom feed of the projects a search matches (the
// whole catalogue with no filters), most recently changed first: an entry
// per project, updated at its last commit, so that a feed reader shows a
// new project as new and a changed one as updated.
func (s *Server) catalogueFeed(c *gin.Context) error {
	q, err := parseSearchFilters(c.Request.URL.Query())
	if err != nil {
		return err
	}
	if q.Sort == "" {
		q.Sort = registry.SortRecent
	}
	q.Page, q.PerPage = 1, maxFeedEntries
	found, err := s.runSearch(c, q)
	if err != nil {
		return err
	}
	base := s.baseURL(c.Request)
	title := "govshare: new and updated projects"
	if filtered(q) {
		title = "govshare: projects matching a search"
	}
	self := base + searchExportURL("/feed.atom", q)
	feed := atomFeed{
		ID:     self,
		Title:  title,
		Author: atomPerson{Name: "govshare"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: base + searchExportURL("/search", q)},
		},
		Updated: atomTime(s.clock()),
	}
	for _, f := range found.projects {
		p := f.project
		at := p.CommittedAt
		if at.IsZero() {
			at = p.IndexedAt
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID:       "urn:govshare:project:" + p.ID,
			Title:    cmp.Or(p.Name, p.ID) + " (" + cmp.Or(p.ParticipantName, p.ParticipantID) + ")",
			Updated:  atomTime(at),
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: base + projectPath(p.ID)},
			Category: atomCategory{Term: entryProject},
			Summary:  projectSummary(p),
		})
	}
	if len(feed.Entries) > 0 && q.Sort == registry.SortRecent {
		feed.Updated = feed.Entries[0].Updated
	}
	return writeFeed(c, feed)
}

// filtered reports whether q asks for anything narrower than the whole
// catalogue.
func filtered(q registry.SearchQuery) bool {
	if strings.TrimSpace(q.Text) != "" {
		return true
	}
	for _, f := range facets {
		if facetFilter(q, f) != "" {
			return true
		}
	}
	return false
}
