package browsertest

import "testing"

// TestCatalogueInBrowser runs every browser test on one catalogue and one
// Chromium, each test in a tab of its own: starting them once keeps the
// package fast.
func TestCatalogueInBrowser(t *testing.T) {
	b := startBrowser(t)
	s := loadScripts(t)
	c := newCatalogue(t)
	artefacts := artefactsDir(t)
	t.Logf("screenshots and axe reports go to %s", artefacts)

	t.Run("pages", func(t *testing.T) { testPages(t, b, c, s, artefacts) })
	t.Run("journeys", func(t *testing.T) { testJourneys(t, b, c, s) })
}
