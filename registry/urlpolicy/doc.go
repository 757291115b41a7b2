// Package urlpolicy decides which repository URLs a participant may register,
// so that registering a source can never make govshare fetch from inside the
// operator's network (server-side request forgery).
//
// Check is the gate at registration: it refuses every form of address but
// an allowed web scheme on an allowed host, refuses hosts written as
// numbers in unusual forms, resolves host names and refuses the URL unless
// every address is public, and returns the URL in one normalised form. Its
// errors are *registry.Error values whose messages are safe to show the
// participant.
//
// A name that resolved to a public address at registration may resolve to
// a private one at fetch time (DNS rebinding), so Check alone is not
// enough: every HTTP client that fetches a participant's source must dial
// through DialContext, which refuses the connection itself, and should
// follow redirects through CheckRedirect. The DialContext example shows
// the wiring.
//
// The operator's own participants file is not subject to this policy: it
// may name file:// URLs, ssh:// URLs, scp-like addresses and local paths.
package urlpolicy
