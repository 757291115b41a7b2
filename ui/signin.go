package ui

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// signInNonceLifetime is how long a sign-in form stays usable.
const signInNonceLifetime = time.Hour

// signInView is what the sign-in page shows.
type signInView struct {
	CSRF  string
	Error string
	// Home is the signed-in principal's page, when already signed in.
	Home  string
	Actor string
}

// signInPage shows the sign-in form. Its CSRF token is bound to a random
// nonce in a cookie only /signin sees, as there is no session yet.
func (s *Server) signInPage(c *gin.Context) error {
	return s.renderSignIn(c, http.StatusOK, "")
}

func (s *Server) renderSignIn(c *gin.Context, status int, message string) error {
	nonce := ""
	if cookie, err := c.Request.Cookie(signInCookie); err == nil && len(cookie.Value) >= 16 {
		nonce = cookie.Value
	} else {
		var b [18]byte
		rand.Read(b[:]) // never fails: crypto/rand panics instead
		nonce = base64.RawURLEncoding.EncodeToString(b[:])
		s.setCookie(c.Writer, c.Request, signInCookie, nonce, signInRoute, signInNonceLifetime, http.SameSiteStrictMode)
	}
	view := signInView{CSRF: s.keys.csrfToken(csrfSignIn, nonce), Error: message}
	if who := identityOf(c); who.SignedIn() {
		view.Home, view.Actor = homeOf(who.Principal), who.Principal.Actor()
	}
	c.Header("Cache-Control", "no-store")
	return s.render(c, status, "signin", "signin", "Sign in", view)
}

// homeOf is where a principal lands after signing in: its participant's
// page, or the crawl status for an operator.
func homeOf(p registry.Principal) string {
	if p.Operator() {
		return "/status"
	}
	return participantPath(p.ParticipantID)
}

// signIn checks the form's CSRF token and origin, then the token typed in,
// and on success starts a session.
func (s *Server) signIn(c *gin.Context) error {
	if err := s.checkOrigin(c.Request); err != nil {
		return err
	}
	token, err := csrfTokenOf(c.Request)
	if err != nil {
		return err
	}
	cookie, err := c.Request.Cookie(signInCookie)
	if err != nil || !s.keys.validCSRF(csrfSignIn, cookie.Value, token) {
		return errCrossSite()
	}
	p, err := s.tokenPrincipal(c.Request.Context(), c.Request.PostForm.Get("token"))
	if registry.ErrorCode(err) == registry.EUNAUTHORIZED {
		s.logFailure(c, err)
		return s.renderSignIn(c, http.StatusUnauthorized, registry.ErrorMessage(err))
	}
	if err != nil {
		return err
	}
	value := s.keys.encode(session{
		TokenID:       p.TokenID,
		ParticipantID: p.ParticipantID,
		Expires:       s.clock().Add(sessionLifetime),
	})
	s.setCookie(c.Writer, c.Request, sessionCookie, value, "/", sessionLifetime, http.SameSiteLaxMode)
	s.clearCookie(c.Writer, c.Request, signInCookie, signInRoute)
	s.logger.InfoContext(c.Request.Context(), "signed in", "actor", p.Actor())
	c.Redirect(http.StatusSeeOther, homeOf(p))
	return nil
}

// signOut ends the browser's session. The session cookie is signed, not
// stored, so signing out forgets it in this browser; revoking the token
// ends every session made with it.
func (s *Server) signOut(c *gin.Context) error {
	s.clearCookie(c.Writer, c.Request, sessionCookie, "/")
	c.Redirect(http.StatusSeeOther, "/")
	return nil
}
