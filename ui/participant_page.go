package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// participantView is what a participant's page shows: every repository
// with its problems, the organisations its repositories are discovered in,
// and, to the participant and operators, the forms that change them.
type participantView struct {
	Participant *registry.Participant
	Repos       []repoView
	Orgs        []orgView
	// WithProblems counts the repositories that have a problem.
	WithProblems int
	FeedURL      string
	CSVURL       string
	YAMLURL      string
	// CountryName and CountryURL name and link the participant's country.
	CountryName string
	CountryURL  string
	// Manage is nil unless the visitor may change these entries.
	Manage *manageView
}

// repoView is one repository source with its project and problems.
type repoView struct {
	Source *registry.Source
	// Link is the repository's address when it is safe to link.
	Link       string
	Project    *registry.Project
	ProjectURL string
	// RenamedURL is the project page of the repository's new name.
	RenamedURL string
	// DiscoveredIn is the organisation the repository was found in.
	DiscoveredIn string
	Problems     []problem
	// RemoveURL is the form action that removes the source, "" when it
	// cannot be removed here.
	RemoveURL string
}

// Worst is the most severe problem's severity, "" without problems.
func (r repoView) Worst() string {
	if len(r.Problems) == 0 {
		return ""
	}
	return r.Problems[0].Severity
}

// orgView is one organisation source.
type orgView struct {
	Source     *registry.Source
	Link       string
	HostLabel  string
	Filters    []string
	Discovered int
	// ProblemFix says how to fix the last discovery's failure.
	ProblemFix string
	RemoveURL  string
}

// manageView holds the forms and records only a manager sees.
type manageView struct {
	CSRF      string
	AddURL    string
	TokensURL string
	Hosts     []hostOption
	Form      sourceForm
	// FormError is why the last change was refused, Notice what the last
	// change did.
	FormError string
	Notice    string
	// Secret is a token just made: shown once, never again.
	Secret    string
	SecretFor string
	Tokens    []tokenView
	Audit     []*registry.AuditEntry
}

// hostOption is one choice of the host select.
type hostOption struct {
	ID, Label string
	Selected  bool
}

// tokenView is one token with the form action that revokes it.
type tokenView struct {
	*registry.Token
	RevokeURL string
	Current   bool
}

// sourceForm is the add-source form's values, kept when a registration is
// refused so that the person need not type them again.
type sourceForm struct {
	URL          string
	Kind         string
	Host         string
	SkipForks    bool
	SkipArchived bool
	Include      string
	Exclude      string
}

// pageState is what a form handler passes to the page it renders.
type pageState struct {
	form      sourceForm
	formError string
	notice    string
	secret    string
	secretFor string
}

// notices are what the page says after a change, by the done parameter a
// form's redirect sets; anything else in it is ignored.
var notices = map[string]string{
	"source-added":   "The source is registered; its first crawl is queued.",
	"source-removed": "The source is removed, and its projects have left the catalogue.",
	"token-revoked":  "The token is revoked.",
}

// auditOnPage is how many audit log entries the page shows.
const auditOnPage = 50

func (s *Server) participantPage(c *gin.Context) error {
	return s.renderParticipant(c, http.StatusOK, c.Param("id"), pageState{notice: notices[c.Query("done")]})
}

// renderParticipant renders a participant's page with status.
func (s *Server) renderParticipant(c *gin.Context, status int, id string, state pageState) error {
	ctx := c.Request.Context()
	p, err := s.store.Participant(ctx, id)
	if err != nil {
		return fmt.Errorf("read participant %q: %w", id, err)
	}
	view, err := s.participantView(ctx, p)
	if err != nil {
		return err
	}
	if who := identityOf(c); who.SignedIn() && who.Principal.CanManage(p.ID) {
		if view.Manage, err = s.manageView(ctx, who, p, state); err != nil {
			return err
		}
	}
	// The page differs for whoever signed in, and the manager's view holds
	// a CSRF token, the tokens' names and the audit log: no shared cache
	// may keep it.
	c.Header("Vary", "Cookie")
	if view.Manage != nil || state.secret != "" {
		c.Header("Cache-Control", "private, no-store")
	}
	return s.render(c, status, "participant", "participant", p.Name, view)
}

// participantView gathers a participant's sources, projects and problems.
func (s *Server) participantView(ctx context.Context, p *registry.Participant) (participantView, error) {
	sources, err := s.store.Sources(ctx, p.ID)
	if err != nil {
		return participantView{}, fmt.Errorf("list sources of %s: %w", p.ID, err)
	}
	projects, err := s.projectsOf(ctx, sources)
	if err != nil {
		return participantView{}, err
	}
	orgs := map[int64]*registry.Source{}
	discovered := map[int64]int{}
	for _, src := range sources {
		if src.Kind == registry.KindOrg {
			orgs[src.ID] = src
		}
		if src.ParentID != 0 {
			discovered[src.ParentID]++
		}
	}
	esc := url.PathEscape(p.ID)
	view := participantView{
		Participant: p,
		FeedURL:     "/participants/" + esc + "/feed.atom",
		CSVURL:      participantExportPath(p.ID),
		YAMLURL:     "/api/v1/participants/" + esc + "/sources.yaml",
	}
	if p.Country != "" {
		view.CountryName = cmp.Or(registry.CountryName(p.Country), p.Country)
		view.CountryURL = countryPath(p.Country)
	}
	for _, src := range sources {
		if src.Kind == registry.KindOrg {
			view.Orgs = append(view.Orgs, s.orgView(src, discovered[src.ID]))
			continue
		}
		r := repoView{
			Source:   src,
			Link:     webLink(src.URL),
			Project:  projects[src.ProjectID],
			Problems: repoProblems(src, projects[src.ProjectID]),
		}
		if org := orgs[src.ParentID]; org != nil {
			r.DiscoveredIn = org.URL
			for i := range r.Problems {
				// A repository found gone was found so by its
				// organisation's discovery, which says when.
				if r.Problems[i].Seen.IsZero() {
					r.Problems[i].Seen = org.LastCrawlAt
				}
			}
		}
		if r.Project != nil {
			r.ProjectURL = projectPath(r.Project.ID)
		}
		if src.State == registry.StateRenamed && src.RenamedTo != "" {
			r.RenamedURL = projectPath(registry.ProjectID(src.RenamedTo))
		}
		if src.Origin == registry.OriginAPI {
			r.RemoveURL = "/participants/" + esc + "/sources/" + fmt.Sprint(src.ID) + "/remove"
		}
		if len(r.Problems) > 0 {
			view.WithProblems++
		}
		view.Repos = append(view.Repos, r)
	}
	slices.SortStableFunc(view.Repos, func(a, b repoView) int {
		return cmp.Or(
			cmp.Compare(checkSeverity[b.Worst()], checkSeverity[a.Worst()]),
			cmp.Compare(a.Source.URL, b.Source.URL),
		)
	})
	return view, nil
}

// projectsOf reads the projects of sources, by ID.
func (s *Server) projectsOf(ctx context.Context, sources []*registry.Source) (map[string]*registry.Project, error) {
	ids := make([]string, 0, len(sources))
	for _, src := range sources {
		ids = append(ids, src.ProjectID)
	}
	found, err := s.store.ProjectsByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read %d projects: %w", len(ids), err)
	}
	byID := make(map[string]*registry.Project, len(found))
	for _, p := range found {
		byID[p.ID] = p
	}
	return byID, nil
}

func (s *Server) orgView(src *registry.Source, discovered int) orgView {
	v := orgView{
		Source:     src,
		Link:       webLink(src.URL),
		HostLabel:  src.Host,
		Filters:    filtersDetail(src.Filters),
		Discovered: discovered,
	}
	for _, h := range hosts {
		if h.ID == src.Host {
			v.HostLabel = h.Label
		}
	}
	if src.LastError != "" {
		v.ProblemFix = crawlFix(src.LastError)
	}
	if src.Origin == registry.OriginAPI {
		v.RemoveURL = "/participants/" + url.PathEscape(src.ParticipantID) + "/sources/" + fmt.Sprint(src.ID) + "/remove"
	}
	return v
}

// manageView gathers what a manager of p sees.
func (s *Server) manageView(ctx context.Context, who identity, p *registry.Participant, state pageState) (*manageView, error) {
	esc := url.PathEscape(p.ID)
	v := &manageView{
		CSRF:      s.csrfFor(who),
		AddURL:    "/participants/" + esc + "/sources",
		TokensURL: "/participants/" + esc + "/tokens",
		Form:      state.form,
		FormError: state.formError,
		Notice:    state.notice,
		Secret:    state.secret,
		SecretFor: state.secretFor,
	}
	if v.Form.Kind == "" {
		v.Form.Kind = registry.KindRepo
	}
	for _, h := range hosts {
		v.Hosts = append(v.Hosts, hostOption{ID: h.ID, Label: h.Label, Selected: h.ID == v.Form.Host})
	}
	tokens, err := s.store.Tokens(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("list tokens of %s: %w", p.ID, err)
	}
	for _, t := range tokens {
		v.Tokens = append(v.Tokens, tokenView{
			Token:     t,
			RevokeURL: "/participants/" + esc + "/tokens/" + fmt.Sprint(t.ID) + "/revoke",
			Current:   t.ID == who.Principal.TokenID,
		})
	}
	if v.Audit, err = s.store.Audit(ctx, p.ID, auditOnPage); err != nil {
		return nil, fmt.Errorf("read the audit log of %s: %w", p.ID, err)
	}
	return v, nil
}

// csrfFor is the CSRF token of a signed-in browser's forms; a bearer
// token's requests need none.
func (s *Server) csrfFor(who identity) string {
	if who.Method != authSession {
		return ""
	}
	return s.keys.csrfToken(csrfSession, who.Session)
}

// projectPath is the address of a project's page.
func projectPath(id string) string { return "/projects/" + url.PathEscape(id) }

// participantPath is the address of a participant's page.
func participantPath(id string) string { return "/participants/" + url.PathEscape(id) }

// formAddSource registers a source from the page's form.
func (s *Server) formAddSource(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	values, err := formValues(c)
	if err != nil {
		return err
	}
	form := sourceForm{
		URL:          values.Get("url"),
		Kind:         values.Get("kind"),
		Host:         values.Get("host"),
		SkipForks:    values.Get("skip_forks") != "",
		SkipArchived: values.Get("skip_archived") != "",
		Include:      values.Get("include"),
		Exclude:      values.Get("exclude"),
	}
	req := sourceRequest{URL: form.URL, Kind: form.Kind, Host: form.Host}
	if form.Kind == registry.KindOrg {
		req.Filters = registry.SourceFilters{
			SkipForks: form.SkipForks, SkipArchived: form.SkipArchived,
			Include: patterns(form.Include), Exclude: patterns(form.Exclude),
		}
	}
	if _, err := s.addSource(c.Request.Context(), who, p.ID, req); err != nil {
		return s.refuseForm(c, p.ID, err, pageState{form: form})
	}
	c.Redirect(http.StatusSeeOther, participantPath(p.ID)+"?done=source-added")
	return nil
}

// formValues reads a posted URL-encoded form. A body over its limit is
// an error (413), not an empty form.
func formValues(c *gin.Context) (url.Values, error) {
	if err := c.Request.ParseForm(); err != nil {
		if maxBytes := new(http.MaxBytesError); errors.As(err, &maxBytes) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", registry.Errorf(registry.EINVALID, "The form could not be read."), err)
	}
	return c.Request.PostForm, nil
}

// patterns splits a form field of patterns on commas and white space.
func patterns(field string) []string {
	return strings.FieldsFunc(field, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}

// refuseForm shows a refused change on the participant's page, with its
// reason, when the person can fix it; any other failure is an error page.
func (s *Server) refuseForm(c *gin.Context, participantID string, err error, state pageState) error {
	switch registry.ErrorCode(err) {
	case registry.EINVALID, registry.ECONFLICT, registry.ENOTFOUND, registry.EUNAVAILABLE:
		s.logFailure(c, err)
		state.formError = registry.ErrorMessage(err)
		return s.renderParticipant(c, httpStatus(err), participantID, state)
	}
	return err
}

// formRemoveSource removes a source from the page's form.
func (s *Server) formRemoveSource(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	src, err := s.ownSource(c.Request.Context(), p.ID, c.Param("sid"))
	if err == nil {
		_, err = s.removeSource(c.Request.Context(), who, src)
	}
	if err != nil {
		return s.refuseForm(c, p.ID, err, pageState{})
	}
	c.Redirect(http.StatusSeeOther, participantPath(p.ID)+"?done=source-removed")
	return nil
}

// formCreateToken makes a token from the page's form and shows its secret
// on the page it answers with, once.
func (s *Server) formCreateToken(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	values, err := formValues(c)
	if err != nil {
		return err
	}
	made, err := s.createToken(c.Request.Context(), who, p.ID, values.Get("name"))
	if err != nil {
		return s.refuseForm(c, p.ID, err, pageState{})
	}
	return s.renderParticipant(c, http.StatusCreated, p.ID, pageState{secret: made.Secret, secretFor: made.Token.Name})
}

// formRevokeToken revokes a token from the page's form.
func (s *Server) formRevokeToken(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	if _, err := s.revokeToken(c.Request.Context(), who, p.ID, c.Param("tid")); err != nil {
		return s.refuseForm(c, p.ID, err, pageState{})
	}
	c.Redirect(http.StatusSeeOther, participantPath(p.ID)+"?done=token-revoked")
	return nil
}
