package ui

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/govshare/govshare/registry"
)

//go:embed templates/*.html
var templateFiles embed.FS

// layoutFile holds the layout every page shares, with the partials any page
// may use ("evidence-list", and "result" for one project in a list of
// them); every other file under templates/ is a page named after it
// (search.html is "search"), defining "content" and, if it needs one,
// "head". A new page needs no list to be kept up to date.
const layoutFile = "templates/layout.html"

// layout is the data every page's layout sees; Body is the page's own view.
type layout struct {
	Title   string
	Version string
	Section string // the navigation entry to mark as current
	// Viewer is who is signed in, nil for an anonymous visitor.
	Viewer *viewer
	Body   any
}

// viewer is the signed-in person as the layout shows them, with what the
// sign-out form needs.
type viewer struct {
	Actor string
	Home  string
	CSRF  string
	// Browser is true for a session: only a browser signs out.
	Browser bool
}

// viewerOf is the layout's view of the request's identity.
func (s *Server) viewerOf(c *gin.Context) *viewer {
	who := identityOf(c)
	if !who.SignedIn() {
		return nil
	}
	return &viewer{
		Actor:   who.Principal.Actor(),
		Home:    homeOf(who.Principal),
		CSRF:    s.csrfFor(who),
		Browser: who.Method == authSession,
	}
}

// parsePages parses each page together with the layout into its own set,
// so that pages can define the same block names without clashing. The
// asset function links the embedded static files by their content hash.
func parsePages(files fs.FS, static map[string]staticFile) (map[string]*template.Template, error) {
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	funcs := templateFuncs(static)
	pages := make(map[string]*template.Template, len(names))
	for _, file := range names {
		if file == layoutFile {
			continue
		}
		name := strings.TrimSuffix(path.Base(file), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(files, layoutFile, file)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// templateFuncs are the functions templates may call; asset looks names up
// in static.
func templateFuncs(static map[string]staticFile) template.FuncMap {
	return template.FuncMap{
		"when":    formatTime,
		"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"percent": func(f float64) string { return fmt.Sprintf("%.1f%%", f) },
		// asset is the versioned address of a file under static/; a name
		// that is not there fails the page, so a typo cannot ship quietly.
		"asset": func(name string) (string, error) {
			u, ok := assetURL(static, name)
			if !ok {
				return "", fmt.Errorf("no static file %q", name)
			}
			return u, nil
		},
		"navItem":         func(url, label string, current bool) navItem { return navItem{url, label, current} },
		"tagClass":        tagClass,
		"langTag":         langTag,
		"langName":        langName,
		"descriptionLang": descriptionLang,
	}
}

// navItem is one entry of the service navigation.
type navItem struct {
	URL     string
	Label   string
	Current bool
}

// tagColours give each status word a govuk-frontend tag colour. The tag
// always carries the word too: colour never says it alone.
var tagColours = map[string]string{
	registry.CheckPass:         "green",
	registry.SourceOK:          "green",
	registry.AgreementMatch:    "green",
	registry.RoyaltyFree:       "green",
	"valid":                    "green",
	registry.CheckWarn:         "yellow",
	registry.SourcePending:     "yellow",
	registry.AgreementPartial:  "yellow",
	registry.FRAND:             "yellow",
	"stale":                    "yellow",
	"modified":                 "yellow",
	registry.CheckFail:         "red",
	registry.SourceFailed:      "red",
	registry.AgreementMismatch: "red",
	registry.Proprietary:       "red",
	registry.StateGone:         "red",
	"invalid":                  "red",
}

// tagClass is the class attribute of a tag showing status: green for what
// is good, yellow for what needs a look, red for what is wrong, grey for
// anything else.
func tagClass(status string) string {
	return "govuk-tag govuk-tag--" + cmp.Or(tagColours[status], "grey")
}

// langTag is code as a well-formed BCP 47 language tag for a lang
// attribute, or "" (unknown language) when it is not one.
func langTag(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return ""
	}
	return tag.String()
}

// langName names the language of code in English, the pages' language,
// falling back to the code itself.
func langName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.English.Languages().Name(tag); name != "" {
		return name
	}
	return code
}

// descriptionLang is the language of p's description when it is one of
// its publiccode.yml descriptions, and "" when that is not known.
func descriptionLang(p *registry.Project) string {
	if p == nil || p.Publiccode == nil || p.Description == "" {
		return ""
	}
	for _, code := range slices.Sorted(maps.Keys(p.Publiccode.Descriptions)) {
		if p.Publiccode.Descriptions[code].ShortDescription == p.Description {
			return langTag(code)
		}
	}
	return ""
}

// formatTime is how pages show a moment: to the minute, in UTC.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// render executes page into a buffer and only then writes it, so that a
// template failure leaves the response untouched for the error page.
func (s *Server) render(c *gin.Context, status int, page, section, title string, body any) error {
	t, ok := s.pages[page]
	if !ok {
		return fmt.Errorf("render %s: no such page", page)
	}
	var buf bytes.Buffer
	viewer := s.viewerOf(c)
	err := t.ExecuteTemplate(&buf, "layout", layout{
		Title:   title,
		Version: s.version,
		Section: section,
		Viewer:  viewer,
		Body:    body,
	})
	if err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	if viewer != nil {
		// A signed-in page holds a CSRF token and private records: no
		// cache may keep it.
		c.Header("Cache-Control", "no-store")
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// errorView is what the error page shows.
type errorView struct {
	Status  int
	Heading string
	Message string
}

// fallbackErrorPage is written when even the error page fails to render.
const fallbackErrorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error</title></head>
<body><main><h1>Something went wrong</h1><p>Please try again later.</p></main></body></html>
`

// renderErrorPage writes the error page for status with message, which
// must be fit for users to read.
func (s *Server) renderErrorPage(c *gin.Context, status int, message string) {
	heading := http.StatusText(status)
	if status == http.StatusNotFound {
		heading = "Page not found"
	}
	err := s.render(c, status, "error", "", heading, errorView{
		Status:  status,
		Heading: heading,
		Message: message,
	})
	if err != nil {
		s.logger.ErrorContext(c.Request.Context(), "render error page", "error", err.Error())
		c.Data(status, "text/html; charset=utf-8", []byte(fallbackErrorPage))
	}
}

// writeJSON encodes v fully before writing, so an encoding failure is a
// clean 500 too.
func (s *Server) writeJSON(c *gin.Context, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		s.logger.ErrorContext(c.Request.Context(), "encode JSON response", "path", c.Request.URL.Path, "error", err.Error())
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"code":"internal","message":"Internal error."}}`)
	}
	c.Data(status, "application/json; charset=utf-8", append(body, '\n'))
}
