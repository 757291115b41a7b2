// Package ui serves govshare's catalogue: HTML pages for people (home,
// search, project, country, crawl status, a participant's entries) and a
// JSON API under /api/v1, described by the OpenAPI document it serves at
// /api/v1/openapi.json.
//
// Reads are public. Writes (registering, changing and removing sources,
// importing a participants file, making and revoking tokens) need a
// principal: an API token sent as "Authorization: Bearer gvs_...", or a
// browser session that /signin starts with a token. A participant's token
// may change only that participant's entries, an operator's every one;
// anything else is a 403. The guards run on every request in one chain
// (see Server.routes), so that no write route can miss them: a
// per-address rate limit, a body limit, identification (an unknown or
// revoked token is a 401, worded the same for both), a per-token rate
// limit, and, for a write a session cookie authenticates, the CSRF checks:
// the Origin must be this site and the request must carry the session's
// CSRF token, an HMAC of the session cookie. Sessions are signed cookies
// holding a token ID and an expiry; every request checks again that the
// token is not revoked. Every change is written to the audit log.
//
// Code hosts' push webhooks (GitHub, GitLab, Gitea/Forgejo), verified with
// a shared secret, queue a crawl of the repository pushed to. A
// participant's page lists each of its repositories with its problems and
// how to fix them, and an Atom feed follows new problems and projects.
//
// It reads through registry.Store and searches through registry.Searcher,
// and knows nothing of how either is built. Every page is rendered into a
// buffer before a byte is written, so a template error becomes a clean 500
// page, never half a page. Handlers return errors; one adapter turns a
// registry error code into an HTTP status and words a person can read,
// and internal details go only to the log.
//
// For procurement teams, a project's compliance report is also served as
// JSON, and a whole search result or one participant's projects as CSV;
// any search is also exported as JSON, as a code.gov 2.0 code.json and as
// an Atom feed, and each project has an SVG compliance badge for its
// README. A project's README is rendered from Markdown by ui/markdown,
// which sanitises it and lets no image fetch anything from elsewhere.
// A CSV export pages through the searcher, holds at most 10,000 rows (a
// response header says when it was cut), and puts an apostrophe before any
// cell a spreadsheet would otherwise run as a formula.
//
// Search fragments are the one piece of HTML not written by the templates:
// they are trusted only because the registry.Searcher contract promises
// escaped text with <mark> around matches, and trustedFragment checks that
// promise before marking a fragment safe.
//
// The pages are built on govuk-frontend (without the GOV.UK crown, font
// and images), compiled and vendored by scripts/vendor-frontend.sh and
// embedded with the templates, so building needs no npm. Every page works
// without JavaScript, which only enhances. The Content-Security-Policy
// allows the site itself and one inline script, by its hash.
//
// Gin keeps its mode in a process-wide variable; New moves it from the
// default debug mode to release mode, unless GIN_MODE is set, so that gin
// prints no route listing.
package ui
