package ui

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// handlerFunc is a handler that returns its failure instead of writing it,
// so that every failure goes through one adapter.
type handlerFunc func(c *gin.Context) error

// httpStatus maps a registry error code to the HTTP status it stands for.
// It is the only place that does.
func httpStatus(err error) int {
	switch registry.ErrorCode(err) {
	case registry.ENOTFOUND:
		return http.StatusNotFound
	case registry.EINVALID:
		return http.StatusBadRequest
	case registry.ECONFLICT:
		return http.StatusConflict
	case registry.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case registry.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// page adapts a handler of an HTML page: its error becomes an error page.
func (s *Server) page(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.pageError(c, err)
		}
	}
}

// api adapts a handler of a JSON route: its error becomes a JSON error.
func (s *Server) api(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.apiError(c, err)
		}
	}
}

// apiErrorBody is the JSON shape of every API error.
type apiErrorBody struct {
	Error apiErrorDetail `json:"error"`
}

type apiErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiError writes err as a JSON error with the status its code maps to.
func (s *Server) apiError(c *gin.Context, err error) {
	status := s.logFailure(c, err)
	s.writeJSON(c, status, apiErrorBody{Error: apiErrorDetail{
		Code:    registry.ErrorCode(err),
		Message: registry.ErrorMessage(err),
	}})
}

// pageError writes err as an HTML error page with the status its code maps
// to.
func (s *Server) pageError(c *gin.Context, err error) {
	status := s.logFailure(c, err)
	s.renderErrorPage(c, status, registry.ErrorMessage(err))
}

// fail answers err as JSON for API paths and as a page for the rest; it is
// for middleware that does not know which kind of route it is in.
func (s *Server) fail(c *gin.Context, err error) {
	if isAPIPath(c.Request.URL.Path) {
		s.apiError(c, err)
		return
	}
	s.pageError(c, err)
}

func isAPIPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || p == "/healthz"
}

// logFailure logs err with its details, which never reach the user, and
// returns the status to answer with. Server faults are errors; a client's
// mistake is only worth a debug line.
func (s *Server) logFailure(c *gin.Context, err error) int {
	status := httpStatus(err)
	attrs := []any{
		"method", c.Request.Method,
		"path", c.Request.URL.Path,
		"status", status,
		"error", err.Error(),
	}
	if status >= http.StatusInternalServerError {
		s.logger.ErrorContext(c.Request.Context(), "request failed", attrs...)
	} else {
		s.logger.DebugContext(c.Request.Context(), "request refused", attrs...)
	}
	return status
}

// notFound answers any path no route matches.
func (s *Server) notFound(c *gin.Context) {
	s.fail(c, registry.Errorf(registry.ENOTFOUND, "There is no page at this address."))
}
