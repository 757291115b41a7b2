package ui

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
)

// contentSecurityPolicy allows only this site's own resources. Pages load
// their script and stylesheet from /static; the one inline script is the
// line at the top of <body> in templates/layout.html that tells
// govuk-frontend's styles that its JavaScript will run, allowed by its hash
// alone (TestInlineScriptsAllowed checks they agree). No inline style, frame,
// plugin or eval is needed, so none is allowed.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	c.Next()
}

// logRequests logs every request once it has been answered. Health checks
// and static files are frequent and dull, so they are logged at debug.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	if p := c.Request.URL.Path; p == "/healthz" || c.FullPath() == "/static/*file" {
		level = slog.LevelDebug
	}
	s.logger.Log(c.Request.Context(), level, "http request",
		"method", c.Request.Method,
		"path", c.Request.URL.Path,
		"status", c.Writer.Status(),
		"duration", time.Since(start),
	)
}

// recoverPanics turns a panic in a handler into a logged error and a 500
// answer, when nothing has been written yet.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			// net/http's own signal to drop the connection quietly.
			panic(v)
		}
		s.logger.ErrorContext(c.Request.Context(), "panic serving request",
			"method", c.Request.Method,
			"path", c.Request.URL.Path,
			"panic", fmt.Sprint(v),
			"stack", string(debug.Stack()),
		)
		c.Abort()
		if c.Writer.Written() {
			return
		}
		s.fail(c, fmt.Errorf("panic: %v", v))
	}()
	c.Next()
}
