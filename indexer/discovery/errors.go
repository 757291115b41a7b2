package discovery

import "errors"

// The kinds of failure. Every error List returns, but a cancelled
// context's, is an *Error wrapping one of them, so callers can tell "try again later" from "fix the
// registration" with errors.Is.
var (
	// ErrNotFound: the organisation, group, user or workspace does not
	// exist, or is not visible with the configured token.
	ErrNotFound = errors.New("organisation not found")
	// ErrTokenRefused: the host refused the request for want of a valid
	// access token, or refused the one configured.
	ErrTokenRefused = errors.New("access token refused")
	// ErrRateLimited: the host's rate limit resets later than Options.MaxWait.
	ErrRateLimited = errors.New("rate limited")
	// ErrNotAPI: the answer was not the host's API (an HTML page, a proxy's
	// error, JSON of the wrong shape).
	ErrNotAPI = errors.New("not the host's API")
	// ErrUnreachable: no answer (no such host, connection refused, timeout).
	ErrUnreachable = errors.New("cannot reach the host")
	// ErrRefused: the host pointed discovery at another host (a next-page
	// link or a redirect), or sent more than discovery reads.
	ErrRefused = errors.New("refused to follow the host")
	// ErrTooManyPages: the organisation lists more pages than
	// Options.MaxPages.
	ErrTooManyPages = errors.New("too many pages")
	// ErrHostFailed: the host answered with an error status.
	ErrHostFailed = errors.New("the host failed")
)

// Error is a discovery failure: a kind for programs and a sentence for the
// participant who registered the organisation. The sentence says what is
// wrong and what to do about it, and never holds a token.
type Error struct {
	Kind error
	Msg  string
}

// Error returns the sentence for people.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the kind, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

func failure(kind error, msg string) *Error { return &Error{Kind: kind, Msg: msg} }
