package browsertest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// download runs trigger, which must make the page download a file (a click
// on an export link, Enter on it), lets the browser save the file, and
// returns its content.
func (tb *tab) download(what string, trigger chromedp.Action[chromedp.Void]) []byte {
	tb.t.Helper()
	dir := tb.t.TempDir()
	events := true
	_, err := chromedp.CallBrowser(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllowAndName,
		BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID,
		DownloadPath:     dir,
		EventsEnabled:    &events,
	})
	if err != nil {
		tb.t.Fatalf("let the browser download: %v", err)
	}
	// Subscribe before the trigger, so that no event is missed.
	progress := chromedp.BrowserEvents(tb.ctx, browser.DownloadProgress)
	tb.do(what, trigger)
	for ev, err := range progress {
		if err != nil {
			tb.t.Fatalf("%s: waiting for the download: %v", what, err)
		}
		// Download events are the browser's, not this tab's: another
		// test's download can come first. Only a file in this tab's
		// folder is this download (allowAndName saves it under the
		// download's GUID).
		file := filepath.Join(dir, ev.GUID)
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			body, err := os.ReadFile(file)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				tb.t.Fatalf("%s: read the download: %v", what, err)
			}
			return body
		case browser.DownloadProgressStateCanceled:
			tb.t.Fatalf("%s: the browser cancelled the download", what)
		}
	}
	tb.t.Fatalf("%s: no download", what)
	return nil
}

// checkCSV checks an export: a header row starting with the project's id
// and name, then one row for each project in wantIDs, in any order.
func (tb *tab) checkCSV(body []byte, wantIDs []string) {
	tb.t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		tb.t.Fatalf("read the CSV export: %v\n%s", err, body)
	}
	if len(rows) == 0 || len(rows[0]) < 2 || rows[0][0] != "id" || rows[0][1] != "name" {
		tb.t.Fatalf("the CSV export does not start with a header row id,name,...:\n%.500s", body)
	}
	var got []string
	for _, row := range rows[1:] {
		got = append(got, row[0])
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(wantIDs))
	if diff := cmp.Diff(want, got); diff != "" {
		tb.t.Errorf("the CSV export holds other projects than the page shows (-want +got):\n%s", diff)
	}
}
