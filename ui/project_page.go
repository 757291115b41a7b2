package ui

import (
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// projectView is what the project page shows.
type projectView struct {
	Project *registry.Project
	// SourceLink is the repository URL when it is safe to link (http or
	// https); a local path or ssh address is shown as text instead.
	SourceLink string
	Languages  []languageShare
	// Publiccode lists what publiccode.yml declares, in reading order.
	Publiccode []fact
	// LastValidPubliccode lists the last valid publiccode.yml's fields,
	// shown while the current file is invalid.
	LastValidPubliccode []fact

	Compliance complianceView
	Standards  standardsView
	Licenses   []licenseFileView
	Declared   []declaredView
	// Mismatches are the declared licences that disagree with the files.
	Mismatches []declaredView
	Metadata   []metadataView

	// ReportURL is the project's compliance report as JSON; ExportURL
	// exports every project of the same participant as CSV.
	ReportURL string
	ExportURL string

	ParticipantURL string
	CountryName    string
	CountryURL     string
	// CloneCommand clones the repository, when its address is one git
	// can be given on a command line safely.
	CloneCommand string
	// BadgeURL is the project's compliance badge, absolute so it can be
	// pasted into a README; BadgeMarkdown is the line to paste.
	BadgeURL      string
	BadgeMarkdown string
	// BadgePath is the badge's address on this site, for the page's own
	// image: an absolute address built from the request could name the
	// wrong scheme or host behind a proxy.
	BadgePath string
	// Similar lists projects like this one, best first.
	Similar []resultView
	// Readme is the README rendered and sanitised, "" when there is none
	// to render.
	Readme template.HTML
}

// similarOnProject is how many similar projects a project page lists.
const similarOnProject = 5

// fact is one term and its value in a description list; Link, when set,
// is a safe address to link the value to.
type fact struct {
	Term  string
	Value string
	Link  string
}

// languageShare is one language's part of a project's code.
type languageShare struct {
	Name    string
	Bytes   int64
	Percent float64
}

func (s *Server) projectPage(c *gin.Context) error {
	p, done, err := s.readProject(c, projectPath)
	if done || err != nil {
		return err
	}
	view := projectView{
		Project:    p,
		SourceLink: webLink(p.URL),
		Languages:  languageShares(p.Languages),
		Compliance: buildCompliance(&p.Record),
		Standards:  buildStandards(&p.Record),
		Licenses:   licenseFileViews(&p.Record),
		Declared:   buildDeclared(&p.Record),
		Metadata:   metadataViews(&p.Record),
		ReportURL:  reportPath(p.ID),
		ExportURL:  participantExportPath(p.ParticipantID),

		ParticipantURL: participantPath(p.ParticipantID),
		CountryName:    cmp.Or(registry.CountryName(p.Country), p.Country),
		CloneCommand:   cloneCommand(p.URL),
		BadgeURL:       s.baseURL(c.Request) + badgePath(p.ID),
		BadgePath:      badgePath(p.ID),
	}
	if p.Country != "" {
		view.CountryURL = countryPath(p.Country)
	}
	view.BadgeMarkdown = fmt.Sprintf("[![govshare checks](%s)](%s)", view.BadgeURL, s.baseURL(c.Request)+projectPath(p.ID))
	view.Similar = s.similarProjects(c, p.ID)
	view.Readme = s.readmes.render(p)
	for _, d := range view.Declared {
		if d.Mismatch() {
			view.Mismatches = append(view.Mismatches, d)
		}
	}
	if p.Publiccode != nil {
		view.Publiccode = publiccodeFacts(p.Publiccode)
	}
	if p.LastValidPubliccode != nil {
		view.LastValidPubliccode = publiccodeFacts(p.LastValidPubliccode)
	}
	name := p.Name
	if name == "" {
		name = p.ID
	}
	return s.render(c, http.StatusOK, "project", "", name, view)
}

// similarProjects finds the projects most like id. The page is useful
// without them, so a failure is logged and shows as none.
func (s *Server) similarProjects(c *gin.Context, id string) []resultView {
	ctx := c.Request.Context()
	hits, err := s.search.Similar(ctx, id, similarOnProject)
	if err != nil {
		s.logger.WarnContext(ctx, "find similar projects", "project", id, "err", err)
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	projects, err := s.store.ProjectsByID(ctx, ids)
	if err != nil {
		s.logger.WarnContext(ctx, "read similar projects", "project", id, "err", err)
		return nil
	}
	found := &searchOutcome{}
	for _, p := range projects {
		found.projects = append(found.projects, foundProject{project: p})
	}
	return resultViews(found)
}

// cloneCommand is the git command that clones a repository at rawURL, or
// "" when the address is not an http(s) URL made only of characters no
// shell treats specially (brace and glob expansion included).
func cloneCommand(rawURL string) string {
	link := webLink(rawURL)
	if link == "" || !shellSafe.MatchString(link) {
		return ""
	}
	return "git clone " + link
}

// shellSafe matches text a POSIX shell takes literally, as one word.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9._~:/@%+=,-]+$`)

// webLink returns raw when it is an absolute http or https URL, and ""
// otherwise, so that pages never link to javascript:, file: or local paths.
func webLink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return raw
}

// languageShares orders languages by size and works out each one's share.
func languageShares(langs []registry.Language) []languageShare {
	var total int64
	for _, l := range langs {
		total += l.Bytes
	}
	shares := make([]languageShare, 0, len(langs))
	for _, l := range langs {
		share := languageShare{Name: l.Name, Bytes: l.Bytes}
		if total > 0 {
			share.Percent = 100 * float64(l.Bytes) / float64(total)
		}
		shares = append(shares, share)
	}
	slices.SortStableFunc(shares, func(a, b languageShare) int { return cmp.Compare(b.Bytes, a.Bytes) })
	return shares
}

// publiccodeFacts lists the declared fields that are set.
func publiccodeFacts(pc *registry.Publiccode) []fact {
	all := []fact{
		{Term: "Name", Value: pc.Name},
		{Term: "Version", Value: pc.SoftwareVersion},
		{Term: "Release date", Value: pc.ReleaseDate},
		{Term: "Development status", Value: pc.DevelopmentStatus},
		{Term: "Software type", Value: pc.SoftwareType},
		{Term: "Maintenance", Value: pc.MaintenanceType},
		{Term: "Licence", Value: pc.License},
		{Term: "Copyright owner", Value: pc.MainCopyrightOwner},
		{Term: "Categories", Value: strings.Join(pc.Categories, ", ")},
		{Term: "Platforms", Value: strings.Join(pc.Platforms, ", ")},
		{Term: "Landing page", Value: pc.LandingURL, Link: webLink(pc.LandingURL)},
	}
	var set []fact
	for _, f := range all {
		if f.Value != "" {
			set = append(set, f)
		}
	}
	return set
}

// redirectRenamed answers a request for a project the store does not hold
// with a permanent redirect when the project was renamed at its host: to
// the address made by path from the new ID, with the same query. It
// reports whether it answered; when it did not, the caller answers with
// its own error.
func (s *Server) redirectRenamed(c *gin.Context, oldID string, path func(newID string) string) (bool, error) {
	newID, err := s.store.Redirect(c.Request.Context(), oldID)
	if registry.ErrorCode(err) == registry.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up a redirect of %q: %w", oldID, err)
	}
	target := path(newID)
	if q := c.Request.URL.RawQuery; q != "" {
		target += "?" + q
	}
	c.Header("Location", target)
	c.Status(http.StatusMovedPermanently)
	return true, nil
}

// readProject reads a project, or answers with a redirect when it was
// renamed (done is then true).
func (s *Server) readProject(c *gin.Context, path func(newID string) string) (p *registry.Project, done bool, err error) {
	id := c.Param("id")
	p, err = s.store.Project(c.Request.Context(), id)
	if registry.ErrorCode(err) == registry.ENOTFOUND {
		if done, rerr := s.redirectRenamed(c, id, path); done || rerr != nil {
			return nil, done, rerr
		}
	}
	if err != nil {
		return nil, false, fmt.Errorf("read project %q: %w", id, err)
	}
	return p, false, nil
}
