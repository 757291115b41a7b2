// Package browsertest tests the catalogue's pages in a real browser: Debian's
// Chromium, headless, driven from Go with chromedp. It holds tests only.
//
// The server under test is the real one: the fixture repositories in the
// repository's testdata/repos are built as git repositories, crawled by the real crawler
// into a SQLite store and a Bleve index, and served by ui.New on a loopback
// HTTP server. On that server the tests
//   - run axe-core (vendored in testdata by scripts/vendor-axe.sh) on every
//     kind of page, with the rules of WCAG 2.0, 2.1 and 2.2 at levels A and
//     AA and axe's best practices, and fail on any serious or critical
//     violation;
//   - take a full-page screenshot of every kind of page at desktop (1280)
//     and mobile (390) width, and write axe's findings beside it as JSON, in
//     the artefacts directory ($GOVSHARE_ARTEFACTS, or .artifacts/browser at
//     the root of the repository);
//   - walk the journeys people take, once with the mouse and once with the
//     keyboard only: search, filter by a facet, open a project, read its
//     checks, export CSV.
//
// The tests find things the way people do, by labels, headings, link text
// and addresses, never by CSS classes, so a new design keeps them working as
// long as the pages say the same things.
//
// Chromium must be installed (scripts/install-deps.sh, which the test
// command runs, does it): without it the tests fail, and say so, unless
// GOVSHARE_SKIP_BROWSER=1 asks them to skip, which CI (CI=true) never does.
//
// Run them alone with
//
//	go test ./ui/browsertest/ -v
//
// -v shows where the artefacts went, how many presses of Tab each step of
// the keyboard journey took, and axe's moderate and minor findings.
package browsertest
