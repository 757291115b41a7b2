package browsertest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// skipBrowserVariable, set to 1, lets the tests skip when Chromium is not
// installed, except on CI (CI=true). Without it a missing browser is a
// failure: a suite that skipped quietly would let every page go untested.
const skipBrowserVariable = "GOVSHARE_SKIP_BROWSER"

// debianChromium is where Debian's chromium package puts the browser.
const debianChromium = "/usr/bin/chromium"

// tabTimeout bounds what one test may do in its tab, so that a page that
// never finishes loading fails the test instead of hanging the run.
const tabTimeout = 45 * time.Second

// findChromium returns the path of Debian's Chromium.
func findChromium() (string, error) {
	if _, err := os.Stat(debianChromium); err == nil {
		return debianChromium, nil
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		return "", errors.New("chromium is not installed: run scripts/install-deps.sh (it installs Debian's chromium package)")
	}
	return path, nil
}

// chromium is one headless Chromium shared by every test of the run; each
// test works in a tab of its own.
type chromium struct {
	ctx context.Context // a chromedp context whose browser has started
}

// startBrowser starts Chromium for the test and its subtests, and stops it
// when the test ends.
func startBrowser(t *testing.T) *chromium {
	t.Helper()
	path, err := findChromium()
	if err != nil {
		switch {
		case os.Getenv("CI") != "" && os.Getenv("CI") != "false" && os.Getenv("CI") != "0":
			t.Fatalf("%v\n(CI runs the browser tests: its machine must have chromium)", err)
		case os.Getenv(skipBrowserVariable) == "1":
			t.Skipf("skipping the browser tests, as %s=1 asks: %v", skipBrowserVariable, err)
		}
		t.Fatalf("%v\n(set %s=1 to skip the browser tests on purpose)", err, skipBrowserVariable)
	}
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// The machines have no network but loopback: whatever Chromium
		// would fetch by itself (updates, safe browsing lists, QUIC
		// probes) only fills the log with refused connections.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Run starts the browser; it must have no deadline, which
	// would stop the browser with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return &chromium{ctx: ctx}
}

// newTab opens a tab for the test in a browser context of its own, so that no
// cookie (a session, above all) leaks from one test into another. The tab
// closes when the test ends.
func (b *chromium) newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// Tabs run side by side: each must behave as if its window had the
	// focus, or :focus styles and focus events would depend on which tab
	// the browser happens to bring forward.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(cancelTimeout)
	return ctx
}
