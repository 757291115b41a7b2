package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// handlerFunc is a handler that returns its failure instead of writing it,
// so that every failure goes through one adapter.
type handlerFunc func(c *gin.Context) error

// Error codes of this package's own refusals. The registry's codes cover
// the domain; these three only exist at the HTTP boundary, so they live
// here, and httpStatus maps them with the others.
const (
	// codeForbidden: signed in, but not allowed to touch these entries.
	codeForbidden = "forbidden"
	// codeRateLimited: too many requests; see rateLimitedError.
	codeRateLimited = "rate_limited"
	// codeTooLarge: the request body is over its limit.
	codeTooLarge = "too_large"
)

// rateLimitedError is a refusal for going too fast, with how long to wait,
// which the answer's Retry-After header carries.
type rateLimitedError struct {
	wait time.Duration
}

func (e *rateLimitedError) Error() string { return e.Unwrap().Error() }

// Unwrap gives the registry error the code and message come from.
func (e *rateLimitedError) Unwrap() error {
	return registry.Errorf(codeRateLimited, "Too many requests: try again in %s.", retryAfterSeconds(e.wait)+" seconds")
}

// retryAfterSeconds rounds wait up to whole seconds, at least one, as
// Retry-After wants them.
func retryAfterSeconds(wait time.Duration) string {
	secs := int64((wait + time.Second - 1) / time.Second)
	return strconv.FormatInt(max(secs, 1), 10)
}

// tooLarge is the refusal of a body over its limit.
func tooLarge(limit int64) error {
	return registry.Errorf(codeTooLarge, "The request body is larger than the %s limit.", byteLimit(limit))
}

// byteLimit formats a body limit for people: 1 MiB, 512 KiB.
func byteLimit(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// httpStatus maps a registry error code to the HTTP status it stands for.
// It is the only place that does.
func httpStatus(err error) int {
	if maxBytes := new(http.MaxBytesError); errors.As(err, &maxBytes) {
		// Reading a body past http.MaxBytesReader's limit, wherever it was
		// noticed.
		return http.StatusRequestEntityTooLarge
	}
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
	case codeForbidden:
		return http.StatusForbidden
	case codeRateLimited:
		return http.StatusTooManyRequests
	case codeTooLarge:
		return http.StatusRequestEntityTooLarge
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
	setRefusalHeaders(c, err, status)
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="govshare"`)
	}
	s.writeJSON(c, status, apiErrorBody{Error: apiErrorDetail{Code: errorCode(err), Message: errorMessage(err)}})
}

// pageError writes err as an HTML error page with the status its code maps
// to.
func (s *Server) pageError(c *gin.Context, err error) {
	status := s.logFailure(c, err)
	setRefusalHeaders(c, err, status)
	s.renderErrorPage(c, status, errorMessage(err))
}

// setRefusalHeaders adds what a refusal tells a client besides its status:
// how long to wait before trying again.
func setRefusalHeaders(c *gin.Context, err error, status int) {
	if limited := new(rateLimitedError); status == http.StatusTooManyRequests && errors.As(err, &limited) {
		c.Header("Retry-After", retryAfterSeconds(limited.wait))
	}
}

// errorCode is the code an API error carries: the registry's, or
// too_large for a body cut by http.MaxBytesReader.
func errorCode(err error) string {
	if maxBytes := new(http.MaxBytesError); errors.As(err, &maxBytes) {
		return codeTooLarge
	}
	return registry.ErrorCode(err)
}

// errorMessage is the message a person reads: the registry error's, or the
// body limit for a body cut by http.MaxBytesReader.
func errorMessage(err error) string {
	if maxBytes := new(http.MaxBytesError); errors.As(err, &maxBytes) {
		return registry.ErrorMessage(tooLarge(maxBytes.Limit))
	}
	return registry.ErrorMessage(err)
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
