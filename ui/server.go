package ui

import (
	"context"
	"crypto/rand"
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
	// carry, and the time sessions, tokens' last use, the audit log and the
	// rate limits go by. Nil means time.Now.
	Clock func() time.Time

	// URLPolicy decides which repository and organisation addresses
	// participants may register. Nil turns registration through the API
	// and the pages off (503): there is no safe default.
	URLPolicy URLPolicy
	// Recrawl is told to crawl a source soon: one just registered or
	// changed, or one a code host's webhook says was pushed to. Nil drops
	// the requests; the next scheduled crawl picks the changes up.
	Recrawl Recrawl
	// Index is where the projects of a removed source leave the search
	// index. Nil leaves them for the next rebuild; pages and the API skip
	// a hit the store no longer holds in the meantime.
	Index Index
	// SessionKey signs session cookies and derives CSRF tokens: 32 random
	// bytes or more, kept secret and kept across restarts (sessions end
	// when it changes). Nil makes a random key for this Server.
	SessionKey []byte
	// WebhookSecret is the secret code hosts sign push webhooks with. ""
	// turns the webhook routes off (404).
	WebhookSecret string
	// TrustProxy makes the server believe X-Forwarded-For (the client's
	// address, for rate limits) and X-Forwarded-Proto (https, for Secure
	// cookies) as set by a reverse proxy in front of it. Leave it off
	// unless every request comes through such a proxy: a client could
	// otherwise set them itself.
	TrustProxy bool
	// Limits bounds how fast one client may write. Zero fields take their
	// defaults.
	Limits Limits
}

// URLPolicy decides whether a participant may register an address, and
// returns it normalised. registry/urlpolicy.Policy implements it. A
// refusal is an error whose message says why, for the participant to read.
type URLPolicy interface {
	Check(ctx context.Context, rawURL string) (string, error)
}

// Recrawl queues a source for crawling soon. It must not block on the
// crawl itself.
type Recrawl interface {
	Queue(ctx context.Context, sourceID int64)
}

// Index drops projects from the search index.
type Index interface {
	Delete(ctx context.Context, ids ...string) error
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

	urlPolicy     URLPolicy
	recrawl       Recrawl
	index         Index
	keys          sessionKeys
	webhookSecret []byte
	trustProxy    bool
	limits        rateLimits

	// standardNames names the open standards' ids, for facet labels.
	standardNames map[string]string
	readmes       *readmes

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
	static, err := loadStatic(staticFiles)
	if err != nil {
		panic(err)
	}
	pages, err := parsePages(templates, static)
	if err != nil {
		panic(err)
	}
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	sessionKey := opts.SessionKey
	if len(sessionKey) == 0 {
		sessionKey = make([]byte, 32)
		rand.Read(sessionKey) // never fails: crypto/rand panics instead
		logger.Warn("no session key given: sessions end when the server stops")
	}
	s := &Server{
		store:          opts.Store,
		search:         opts.Search,
		logger:         logger,
		version:        opts.Version,
		clock:          clock,
		exportPageSize: maxPerPage,
		exportLimit:    maxExportRows,
		urlPolicy:      opts.URLPolicy,
		recrawl:        opts.Recrawl,
		index:          opts.Index,
		keys:           deriveSessionKeys(sessionKey),
		webhookSecret:  []byte(opts.WebhookSecret),
		trustProxy:     opts.TrustProxy,
		limits:         newRateLimits(opts.Limits.withDefaults(), clock),
		standardNames:  standardNames(),
		readmes:        newReadmes(),
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
	// Every request goes through the same guards, in this order, so that
	// no write route can be added without them: a write is rate limited
	// by address before anything else is spent on it, its body is capped,
	// the caller is identified (a wrong token is a 401 at once), limited
	// by token, and a write from a cookie session must pass the CSRF
	// checks.
	e.Use(s.logRequests, securityHeaders, s.recoverPanics,
		s.limitAddresses, s.limitBodies, s.identify, s.limitTokens, s.checkCSRF)

	e.GET("/healthz", s.api(s.healthz))
	e.HEAD("/healthz", s.api(s.healthz)) // for probes that only look at the status
	e.GET("/static/*file", s.serveStatic)

	api := e.Group("/api/v1")
	api.GET("/openapi.json", s.serveOpenAPI)
	api.GET("/projects", s.api(s.apiProjects))
	api.GET("/projects.csv", s.api(s.exportProjects))
	api.GET("/projects.json", s.api(s.exportProjectsJSON))
	api.GET("/code.json", s.api(s.exportCodeJSON))
	api.GET("/projects/:id", s.api(s.apiProject))
	api.GET("/projects/:id/report", s.api(s.apiProjectReport))
	api.GET("/participants/:id/report.csv", s.api(s.exportParticipant))
	api.GET("/participants/:id/sources", s.api(s.apiListSources))
	api.POST("/participants/:id/sources", s.api(s.apiAddSource))
	api.PATCH("/participants/:id/sources/:sid", s.api(s.apiUpdateSource))
	api.DELETE("/participants/:id/sources/:sid", s.api(s.apiRemoveSource))
	api.GET("/participants/:id/sources.yaml", s.api(s.exportSourcesYAML))
	api.POST("/participants/:id/sources.yaml", s.api(s.importSourcesYAML))
	api.GET("/participants/:id/tokens", s.api(s.apiListTokens))
	api.POST("/participants/:id/tokens", s.api(s.apiCreateToken))
	api.DELETE("/participants/:id/tokens/:tid", s.api(s.apiRevokeToken))
	api.GET("/participants/:id/audit", s.api(s.apiAudit))
	api.GET("/sources", s.api(s.apiSources))
	api.POST("/webhooks/github", s.api(s.githubWebhook))
	api.POST("/webhooks/gitlab", s.api(s.gitlabWebhook))
	api.POST("/webhooks/gitea", s.api(s.giteaWebhook))

	e.GET("/", s.page(s.homePage))
	e.GET("/search", s.page(s.searchPage))
	e.GET("/feed.atom", s.page(s.catalogueFeed))
	e.GET("/projects/:id", s.page(s.projectPage))
	e.GET("/projects/:id/badge.svg", s.page(s.projectBadge))
	e.GET("/status", s.page(s.statusPage))
	e.GET("/countries/:code", s.page(s.countryPage))
	e.GET("/participants/:id", s.page(s.participantPage))
	e.GET("/participants/:id/feed.atom", s.page(s.participantFeed))
	e.POST("/participants/:id/sources", s.page(s.formAddSource))
	e.POST("/participants/:id/sources/:sid/remove", s.page(s.formRemoveSource))
	e.POST("/participants/:id/tokens", s.page(s.formCreateToken))
	e.POST("/participants/:id/tokens/:tid/revoke", s.page(s.formRevokeToken))
	e.GET("/signin", s.page(s.signInPage))
	e.POST("/signin", s.page(s.signIn))
	e.POST("/signout", s.page(s.signOut))

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
