package browsertest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// artefactsVariable names the directory the test run keeps its artefacts
// in; the browser tests write theirs into it.
const artefactsVariable = "GOVSHARE_ARTEFACTS"

// artefactsDir returns the directory the screenshots and axe reports go
// to, made if needed: $GOVSHARE_ARTEFACTS, or .artifacts/browser at the
// root of the repository (which git ignores).
func artefactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(artefactsVariable)
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, ".artifacts", "browser")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("make the artefacts directory: %v", err)
	}
	return dir
}

// repoRoot is the nearest directory above the working directory that holds
// go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find the repository's root: no go.mod above the working directory")
		}
		dir = parent
	}
}

// viewport is a width the pages are looked at.
type viewport struct {
	name          string // in the screenshots' names
	width, height int64
	mobile        bool
}

// viewports are the widths every page is checked and photographed at.
var viewports = []viewport{
	{name: "desktop", width: 1280, height: 900},
	{name: "mobile", width: 390, height: 844, mobile: true},
}

// emulate makes the tab's window the size of v.
func (tb *tab) emulate(v viewport) {
	tb.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	tb.do("set the viewport to "+v.name, chromedp.EmulateViewport(v.width, v.height, opts...))
}

// screenshot writes a PNG of the whole page, not only what fits in the
// window, to path.
func (tb *tab) screenshot(path string) {
	tb.t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatalf("write %s: %v", path, err)
	}
}
