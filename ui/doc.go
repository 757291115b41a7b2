// Package ui serves govshare's catalogue: HTML pages for people (search,
// project, crawl status) and a read-only JSON API under /api/v1.
//
// It reads through registry.Store and searches through registry.Searcher,
// and knows nothing of how either is built. Every page is rendered into a
// buffer before a byte is written, so a template error becomes a clean 500
// page, never half a page. Handlers return errors; one adapter turns a
// registry error code into an HTTP status and words a person can read,
// and internal details go only to the log.
//
// For procurement teams, a project's compliance report is also served as
// JSON, and a whole search result or one participant's projects as CSV.
// A CSV export pages through the searcher, holds at most 10,000 rows (a
// response header says when it was cut), and puts an apostrophe before any
// cell a spreadsheet would otherwise run as a formula.
//
// Search fragments are the one piece of HTML not written by the templates:
// they are trusted only because the registry.Searcher contract promises
// escaped text with <mark> around matches, and trustedFragment checks that
// promise before marking a fragment safe.
//
// The pages need no JavaScript and send a Content-Security-Policy allowing
// only the site itself. Templates and the one stylesheet are embedded in the
// binary.
//
// Gin keeps its mode in a process-wide variable; New moves it from the
// default debug mode to release mode, unless GIN_MODE is set, so that gin
// prints no route listing.
package ui
