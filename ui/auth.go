package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// How a request proved who makes it.
const (
	authNone    = ""
	authBearer  = "bearer"
	authSession = "session"
)

// identity is who makes a request and how they proved it.
type identity struct {
	Principal registry.Principal
	// Method is authNone, authBearer or authSession.
	Method string
	// Session is the session cookie's value, which the session's CSRF
	// token is derived from; "" unless Method is authSession.
	Session string
}

// SignedIn reports whether the request carries a valid token or session.
func (id identity) SignedIn() bool { return id.Method != authNone }

// identityKey is where identify leaves the identity in the gin context.
const identityKey = "govshare.identity"

// identityOf returns the request's identity; an anonymous one when
// identify found none.
func identityOf(c *gin.Context) identity {
	if v, ok := c.Get(identityKey); ok {
		return v.(identity)
	}
	return identity{}
}

// touchInterval is how often a token's last use is written: the time is
// for people to read, so a minute is precise enough and a busy token does
// not write on every request.
const touchInterval = time.Minute

// errBadToken is the one answer to a token that is unknown, revoked or
// malformed, so that the answer tells nothing about which.
func errBadToken() error {
	return registry.Errorf(registry.EUNAUTHORIZED, "The token is not valid: it is unknown or has been revoked.")
}

// identify works out who makes the request. A request with an
// Authorization header must carry a valid bearer token, or it is refused
// with 401 whatever it asks for. Otherwise a valid session cookie signs the
// browser in; an invalid or expired one is cleared and the request goes on
// anonymously. Every request checks again that the token is not revoked.
func (s *Server) identify(c *gin.Context) {
	if c.FullPath() == "/static/*file" {
		c.Next() // the same for everyone: no store lookup for a stylesheet
		return
	}
	ctx := c.Request.Context()
	if header := c.GetHeader("Authorization"); header != "" {
		p, err := s.bearerPrincipal(ctx, header)
		if err != nil {
			// A wrong token is a guess at a secret, whatever the request:
			// it spends the address's sign-in allowance.
			if registry.ErrorCode(err) == registry.EUNAUTHORIZED {
				if wait, ok := s.limits.signIn.allow(s.clientAddress(c.Request)); !ok {
					err = &rateLimitedError{wait: wait}
				}
			}
			s.fail(c, err)
			c.Abort()
			return
		}
		c.Set(identityKey, identity{Principal: p, Method: authBearer})
		c.Next()
		return
	}
	if cookie, err := c.Request.Cookie(sessionCookie); err == nil && cookie.Value != "" {
		p, err := s.sessionPrincipal(ctx, cookie.Value)
		switch registry.ErrorCode(err) {
		case "":
			c.Set(identityKey, identity{Principal: p, Method: authSession, Session: cookie.Value})
		case registry.EUNAUTHORIZED:
			s.logger.DebugContext(ctx, "session refused", "error", err.Error())
			s.clearCookie(c.Writer, c.Request, sessionCookie, "/")
		default:
			s.fail(c, err)
			c.Abort()
			return
		}
	}
	c.Next()
}

// bearerPrincipal checks an Authorization header's bearer token.
func (s *Server) bearerPrincipal(ctx context.Context, header string) (registry.Principal, error) {
	scheme, secret, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return registry.Principal{}, registry.Errorf(registry.EUNAUTHORIZED, "Send the token as \"Authorization: Bearer %s...\".", registry.TokenPrefix)
	}
	return s.tokenPrincipal(ctx, strings.TrimSpace(secret))
}

// tokenPrincipal looks a token secret up by its hash, refusing unknown and
// revoked tokens alike, and notes its use.
func (s *Server) tokenPrincipal(ctx context.Context, secret string) (registry.Principal, error) {
	if !strings.HasPrefix(secret, registry.TokenPrefix) {
		return registry.Principal{}, errBadToken()
	}
	t, err := s.store.TokenByHash(ctx, registry.HashToken(secret))
	if registry.ErrorCode(err) == registry.ENOTFOUND || (err == nil && t.Revoked()) {
		return registry.Principal{}, errBadToken()
	}
	if err != nil {
		return registry.Principal{}, fmt.Errorf("look up a token: %w", err)
	}
	s.touchToken(ctx, t)
	return principalOf(t), nil
}

// sessionPrincipal checks a session cookie and that its token still stands.
func (s *Server) sessionPrincipal(ctx context.Context, value string) (registry.Principal, error) {
	sess, err := s.keys.decode(value, s.clock())
	if err != nil {
		return registry.Principal{}, fmt.Errorf("%w: %w", registry.Errorf(registry.EUNAUTHORIZED, "Your session has ended: sign in again."), err)
	}
	t, err := s.tokenByID(ctx, sess.ParticipantID, sess.TokenID)
	if err != nil {
		return registry.Principal{}, err
	}
	if t == nil || t.Revoked() {
		return registry.Principal{}, registry.Errorf(registry.EUNAUTHORIZED, "Your session has ended: its token was revoked.")
	}
	s.touchToken(ctx, t)
	return principalOf(t), nil
}

// tokenByID finds one of a participant's tokens ("" for operators), or
// nil.
func (s *Server) tokenByID(ctx context.Context, participantID string, id int64) (*registry.Token, error) {
	tokens, err := s.store.Tokens(ctx, participantID)
	if registry.ErrorCode(err) == registry.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list tokens of %q: %w", participantID, err)
	}
	for _, t := range tokens {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, nil
}

// touchToken records a token's use, at most once per touchInterval. A
// failure is only logged: the request it came with is no less valid.
func (s *Server) touchToken(ctx context.Context, t *registry.Token) {
	now := s.clock()
	if now.Sub(t.LastUsedAt) < touchInterval {
		return
	}
	if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
		s.logger.WarnContext(ctx, "note a token's use", "token", t.ID, "error", err.Error())
	}
}

func principalOf(t *registry.Token) registry.Principal {
	return registry.Principal{TokenID: t.ID, TokenName: t.Name, ParticipantID: t.ParticipantID}
}

// errForbidden is the answer to a principal who may not touch a
// participant's entries.
func errForbidden(participantID string) error {
	return registry.Errorf(codeForbidden, "You may not change the entries of participant %q: sign in with one of its tokens or an operator's.", participantID)
}

// manager returns who may manage participantID's entries: the request's
// principal when it may, else a 401 (not signed in) or 403 (signed in as
// someone else). The participant must exist; a participant token asking
// for another participant gets its 403 whether that one exists or not.
func (s *Server) manager(c *gin.Context, participantID string) (registry.Principal, *registry.Participant, error) {
	id := identityOf(c)
	if !id.SignedIn() {
		return registry.Principal{}, nil, registry.Errorf(registry.EUNAUTHORIZED, "Sign in with a token to change entries.")
	}
	if !id.Principal.CanManage(participantID) {
		return registry.Principal{}, nil, errForbidden(participantID)
	}
	p, err := s.store.Participant(c.Request.Context(), participantID)
	if err != nil {
		return registry.Principal{}, nil, fmt.Errorf("read participant %q: %w", participantID, err)
	}
	return id.Principal, p, nil
}
