package ui

import (
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// Options configures a Server.
type Options struct {
	// Store is read for projects, sources and crawl runs.
	Store registry.Store
	// Search answers catalogue searches.
	Search registry.Searcher
	// Logger receives one line per request and the details of failures.
	// Nil discards them.
	Logger *slog.Logger
	// Version is shown in the page footer.
	Version string
	// Clock tells the time reports are generated at and export file names
	// carry. Nil means time.Now.
	Clock func() time.Time
}

// Server is the catalogue's HTTP front end. Build it with New and serve
// Handler.
type Server struct {
	store   registry.Store
	search  registry.Searcher
	logger  *slog.Logger
	version string
	clock   func() time.Time

	// exportPageSize is how many projects an export asks the searcher for
	// at a time, and exportLimit the most one export holds. Tests lower
	// them to export several pages of a small catalogue.
	exportPageSize int
	exportLimit    int

	pages  map[string]*template.Template
	static map[string]staticFile
	engine *gin.Engine
}

// New returns a Server reading from opts.Store and opts.Search.
//
// The templates and stylesheet are embedded; New panics if they do not
// parse, which is a bug in the binary, not a condition to handle.
func New(opts Options) *Server {
	return newServer(opts, templateFiles)
}

// newServer is New with the template files as a parameter, so that a test
// can hand it a broken template set.
func newServer(opts Options, templates fs.FS) *Server {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	pages, err := parsePages(templates)
	if err != nil {
		panic(err)
	}
	static, err := loadStatic(staticFiles)
	if err != nil {
		panic(err)
	}
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	s := &Server{
		store:          opts.Store,
		search:         opts.Search,
		logger:         logger,
		version:        opts.Version,
		clock:          clock,
		exportPageSize: maxPerPage,
		exportLimit:    maxExportRows,
		pages:          pages,
		static:         static,
	}
	s.engine = s.routes()
	return s
}

// Handler returns the HTTP handler serving every page and API route.
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() *gin.Engine {
	quietenGin()
	e := gin.New()
	e.Use(s.logRequests, securityHeaders, s.recoverPanics)

	e.GET("/healthz", s.api(s.healthz))
	e.HEAD("/healthz", s.api(s.healthz)) // for probes that only look at the status
	e.GET("/static/*file", s.serveStatic)

	api := e.Group("/api/v1")
	api.GET("/projects", s.api(s.apiProjects))
	api.GET("/projects.csv", s.api(s.exportProjects))
	api.GET("/projects/:id", s.api(s.apiProject))
	api.GET("/projects/:id/report", s.api(s.apiProjectReport))
	api.GET("/participants/:id/report.csv", s.api(s.exportParticipant))
	api.GET("/sources", s.api(s.apiSources))

	e.GET("/", s.page(s.searchPage))
	e.GET("/projects/:id", s.page(s.projectPage))
	e.GET("/status", s.page(s.statusPage))

	e.NoRoute(s.notFound)
	return e
}

// quietenGin puts gin in release mode unless the operator chose a mode with
// GIN_MODE. Gin keeps its mode in a process-wide variable and, in its
// default debug mode, prints every route and a warning to standard output;
// there is no per-engine switch, so this is the one global ui touches. It
// only ever moves gin away from the default, never overrides a choice.
func quietenGin() {
	if os.Getenv(gin.EnvGinMode) == "" && gin.Mode() == gin.DebugMode {
		gin.SetMode(gin.ReleaseMode)
	}
}
