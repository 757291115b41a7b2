package ui

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageNames are the pages, each a template file under templates/ that
// defines "title" and "content" for the shared layout.
var pageNames = []string{"search", "project", "status", "participant", "signin", "error"}

// layout is the data every page's layout sees; Body is the page's own view.
type layout struct {
	Title    string
	Version  string
	StyleURL string
	Section  string // the navigation entry to mark as current
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
// so that pages can define the same block names without clashing.
func parsePages(files fs.FS) (map[string]*template.Template, error) {
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(templateFuncs).ParseFS(files,
			"templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

var templateFuncs = template.FuncMap{
	"when":    formatTime,
	"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"percent": func(f float64) string { return fmt.Sprintf("%.1f%%", f) },
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
		Title:    title,
		Version:  s.version,
		StyleURL: s.styleURL(),
		Section:  section,
		Viewer:   viewer,
		Body:     body,
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
