package ui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Cookie names.
const (
	// sessionCookie holds a signed-in browser's session.
	sessionCookie = "govshare_session"
	// signInCookie holds a random nonce the sign-in form's CSRF token is
	// bound to, as there is no session yet to bind it to.
	signInCookie = "govshare_signin"
)

// sessionLifetime is how long a session lasts from sign-in. The session
// is checked against its token on every request, so revoking the token
// ends it at once; the lifetime bounds a stolen cookie otherwise.
const sessionLifetime = 8 * time.Hour

// CSRF token carriers: a hidden form field, or a header for scripts.
const (
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
)

// sessionKeys are the keys derived from Options.SessionKey, one per use, so
// that a value made for one use can never pass for another.
type sessionKeys struct {
	session []byte // signs session cookies
	csrf    []byte // derives CSRF tokens
}

func deriveSessionKeys(key []byte) sessionKeys {
	return sessionKeys{
		session: mac(key, "govshare session cookie"),
		csrf:    mac(key, "govshare CSRF token"),
	}
}

// mac is HMAC-SHA256 of message under key.
func mac(key []byte, message string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(message))
	return h.Sum(nil)
}

// session is what a session cookie carries: which token signed in, for
// which participant ("" for an operator), until when.
type session struct {
	TokenID       int64
	ParticipantID string
	Expires       time.Time
}

// sessionVersion starts every session payload, so that the format can
// change without old cookies being misread.
const sessionVersion = "s1"

// encode signs the session: the payload and its HMAC, each base64url, with
// a dot between.
func (k sessionKeys) encode(s session) string {
	payload := strings.Join([]string{
		sessionVersion,
		strconv.FormatInt(s.TokenID, 10),
		s.ParticipantID,
		strconv.FormatInt(s.Expires.Unix(), 10),
	}, "|")
	b64 := base64.RawURLEncoding
	return b64.EncodeToString([]byte(payload)) + "." + b64.EncodeToString(mac(k.session, payload))
}

// decode checks a session cookie's signature and expiry at now, and
// returns what it carries.
func (k sessionKeys) decode(value string, now time.Time) (session, error) {
	b64 := base64.RawURLEncoding
	encPayload, encMAC, ok := strings.Cut(value, ".")
	if !ok {
		return session{}, fmt.Errorf("session cookie: no signature")
	}
	payload, err := b64.DecodeString(encPayload)
	if err != nil {
		return session{}, fmt.Errorf("session cookie: %w", err)
	}
	sum, err := b64.DecodeString(encMAC)
	if err != nil {
		return session{}, fmt.Errorf("session cookie signature: %w", err)
	}
	if !hmac.Equal(sum, mac(k.session, string(payload))) {
		return session{}, fmt.Errorf("session cookie: bad signature")
	}
	fields := strings.Split(string(payload), "|")
	if len(fields) != 4 || fields[0] != sessionVersion {
		return session{}, fmt.Errorf("session cookie: unknown format")
	}
	id, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		return session{}, fmt.Errorf("session cookie token: %w", err)
	}
	expires, err := strconv.ParseInt(fields[3], 10, 64)
	if err != nil {
		return session{}, fmt.Errorf("session cookie expiry: %w", err)
	}
	s := session{TokenID: id, ParticipantID: fields[2], Expires: time.Unix(expires, 0)}
	if !now.Before(s.Expires) {
		return session{}, fmt.Errorf("session expired at %s", s.Expires.UTC().Format(time.RFC3339))
	}
	return s, nil
}

// csrfToken derives the CSRF token of a binding: a session cookie's value,
// or the sign-in nonce. It changes whenever the binding does, and only the
// server can make it.
func (k sessionKeys) csrfToken(purpose, binding string) string {
	return base64.RawURLEncoding.EncodeToString(mac(k.csrf, purpose+"\x00"+binding))
}

// validCSRF reports whether token is the binding's CSRF token, in constant
// time.
func (k sessionKeys) validCSRF(purpose, binding, token string) bool {
	return binding != "" && hmac.Equal([]byte(token), []byte(k.csrfToken(purpose, binding)))
}

// CSRF token purposes.
const (
	csrfSession = "session"
	csrfSignIn  = "signin"
)

// overTLS reports whether the client reached the server over TLS: directly,
// or through a trusted proxy that says so.
func (s *Server) overTLS(r *http.Request) bool {
	return r.TLS != nil || (s.trustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}

// setCookie sets a cookie that scripts cannot read, sent only over TLS when
// the request came over TLS.
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value, path string, maxAge time.Duration, sameSite http.SameSite) {
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     path,
		MaxAge:   int(maxAge / time.Second),
		HttpOnly: true,
		Secure:   s.overTLS(r),
		SameSite: sameSite,
	})
}

// clearCookie tells the browser to forget a cookie.
func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name, path string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: path, MaxAge: -1,
		HttpOnly: true, Secure: s.overTLS(r), SameSite: http.SameSiteLaxMode,
	})
}
