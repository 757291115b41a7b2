package ui

import (
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// Request body limits: a registration, a form or a token is small; an
// imported sources file and a push webhook's payload can be larger.
const (
	maxBodyBytes       int64 = 1 << 20
	maxImportBodyBytes int64 = 5 << 20
)

// writes reports whether a request's method may change something.
func writes(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// Route groups the guards tell apart.
const (
	signInRoute   = "/signin"
	webhookPrefix = "/api/v1/webhooks/"
	importRoute   = "/api/v1/participants/:id/sources.yaml"
)

// limitAddresses applies the per-address rate limits to every write:
// sign-in attempts, webhook deliveries and other writes each have their
// own bucket.
func (s *Server) limitAddresses(c *gin.Context) {
	if !writes(c.Request) {
		c.Next()
		return
	}
	limiter, class := s.limits.addressWrites, "write"
	switch route := c.FullPath(); {
	case route == signInRoute:
		limiter, class = s.limits.signIn, "signin"
	case strings.HasPrefix(route, webhookPrefix):
		limiter, class = s.limits.webhooks, "webhook"
	}
	if wait, ok := limiter.allow(s.clientAddress(c.Request)); !ok {
		s.logger.InfoContext(c.Request.Context(), "rate limited", "class", class, "address", s.clientAddress(c.Request))
		s.fail(c, &rateLimitedError{wait: wait})
		c.Abort()
		return
	}
	c.Next()
}

// limitTokens applies the per-token rate limit to every signed-in write.
func (s *Server) limitTokens(c *gin.Context) {
	id := identityOf(c)
	if !writes(c.Request) || !id.SignedIn() {
		c.Next()
		return
	}
	if wait, ok := s.limits.writes.allow("token:" + strconv.FormatInt(id.Principal.TokenID, 10)); !ok {
		s.logger.InfoContext(c.Request.Context(), "rate limited", "class", "token", "token", id.Principal.TokenID)
		s.fail(c, &rateLimitedError{wait: wait})
		c.Abort()
		return
	}
	c.Next()
}

// limitBodies caps every request body, refusing at once one that says it
// is too long.
func (s *Server) limitBodies(c *gin.Context) {
	limit := maxBodyBytes
	if route := c.FullPath(); route == importRoute || strings.HasPrefix(route, webhookPrefix) {
		limit = maxImportBodyBytes
	}
	if c.Request.ContentLength > limit {
		s.fail(c, tooLarge(limit))
		c.Abort()
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	c.Next()
}

// clientAddress is the address rate limits count by: the connection's
// peer, or, behind a trusted proxy, the address the proxy saw (the last
// one in X-Forwarded-For, which the proxy itself appended). An IPv6 client
// counts by its /64, the block one subscriber usually holds whole:
// counting single addresses would give it 2^64 fresh allowances.
func (s *Server) clientAddress(r *http.Request) string {
	if s.trustProxy {
		if forwarded := r.Header.Values("X-Forwarded-For"); len(forwarded) > 0 {
			hops := strings.Split(forwarded[len(forwarded)-1], ",")
			if last := strings.TrimSpace(hops[len(hops)-1]); last != "" {
				return addressBlock(last)
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return addressBlock(r.RemoteAddr)
	}
	return addressBlock(host)
}

// addressBlock returns an IPv6 address's /64 prefix, and anything else as
// it is.
func addressBlock(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Unmap().Is4() {
		return addr
	}
	prefix, err := ip.Prefix(64)
	if err != nil {
		return addr
	}
	return prefix.String()
}

// errCrossSite refuses a cookie-authenticated write that a page of another
// site may have sent.
func errCrossSite() error {
	return registry.Errorf(codeForbidden, "This form did not come from this site's own pages, or has expired: reload the page and try again.")
}

// checkCSRF guards every write a session cookie authenticates: it must come
// from this site (by the Origin and Sec-Fetch-Site headers, when the
// browser sends them) and carry the session's CSRF token, in the form's
// hidden field or the X-CSRF-Token header. A bearer token needs neither: a
// browser never adds one to a request by itself. Sign-in, which has no
// session yet, checks its own token bound to a nonce cookie.
func (s *Server) checkCSRF(c *gin.Context) {
	id := identityOf(c)
	if !writes(c.Request) || id.Method != authSession || c.FullPath() == signInRoute {
		c.Next()
		return
	}
	if err := s.checkOrigin(c.Request); err != nil {
		s.fail(c, err)
		c.Abort()
		return
	}
	token, err := csrfTokenOf(c.Request)
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return
	}
	if !s.keys.validCSRF(csrfSession, id.Session, token) {
		s.fail(c, errCrossSite())
		c.Abort()
		return
	}
	c.Next()
}

// csrfTokenOf reads a request's CSRF token from its header, or from its
// form when it is a URL-encoded form.
func csrfTokenOf(r *http.Request) (string, error) {
	if token := r.Header.Get(csrfHeader); token != "" {
		return token, nil
	}
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != "application/x-www-form-urlencoded" {
		return "", nil
	}
	if err := r.ParseForm(); err != nil {
		if maxBytes := new(http.MaxBytesError); errors.As(err, &maxBytes) {
			return "", err
		}
		return "", fmt.Errorf("%w: %w", registry.Errorf(registry.EINVALID, "The form could not be read."), err)
	}
	return r.PostForm.Get(csrfField), nil
}

// checkOrigin refuses a request a browser says came from another site:
// Sec-Fetch-Site other than same-origin or none (typed by the person), or
// an Origin whose host is not the request's own.
func (s *Server) checkOrigin(r *http.Request) error {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return errCrossSite()
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil // an older browser, or not a browser: the CSRF token decides
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host) {
		return errCrossSite()
	}
	if s.overTLS(r) && u.Scheme != "https" {
		return errCrossSite()
	}
	return nil
}
