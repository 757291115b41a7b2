package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule sets run on every page: WCAG 2.0, 2.1 and
// 2.2 at levels A and AA, and axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// axeViolation is one rule a page breaks, with the elements that break it.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Tags    []string  `json:"tags"`
	Nodes   []axeNode `json:"nodes"`
}

// axeNode is one element that breaks a rule.
type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"failureSummary"`
}

// blocking tells whether the violation fails the test: serious and
// critical ones do; moderate and minor ones are reported only.
func (v axeViolation) blocking() bool { return v.Impact == "serious" || v.Impact == "critical" }

// String is the violation as a developer needs it to fix the page.
func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    - %s\n      %s", strings.Join(n.Target, " "), n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}

// axeRun runs axe on the document and keeps what a report needs. A target
// inside a shadow root or a frame is a list; it is joined with " >>> ".
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: %s},
  resultTypes: ["violations"],
}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl, tags: v.tags,
  nodes: v.nodes.map((n) => ({
    target: n.target.map((t) => Array.isArray(t) ? t.join(" >>> ") : String(t)),
    html: n.html, failureSummary: n.failureSummary || "",
  })),
})))`

// checkAccessibility runs axe-core on the page in the tab: a serious or
// critical violation fails the test, a moderate or minor one is logged.
// The violations are also written, as JSON, to report when it is not "".
func (tb *tab) checkAccessibility(page, report string) {
	tb.t.Helper()
	tags, _ := json.Marshal(axeTags)
	if err := chromedp.Do(tb.ctx,
		chromedp.Evaluate[chromedp.Void](tb.scripts.axe),
	); err != nil {
		tb.t.Fatalf("load axe-core into %s: %v", page, err)
	}
	raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]byte](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("run axe-core on %s: %v", page, err)
	}
	var violations []axeViolation
	if err := json.Unmarshal(raw, &violations); err != nil {
		tb.t.Fatalf("read axe-core's results on %s: %v", page, err)
	}
	if report != "" {
		out, _ := json.MarshalIndent(violations, "", "  ")
		if err := os.WriteFile(report, append(out, '\n'), 0o644); err != nil {
			tb.t.Errorf("write %s: %v", report, err)
		}
	}
	for _, v := range violations {
		if v.blocking() {
			tb.t.Errorf("axe on %s: %s", page, v)
		} else {
			tb.t.Logf("axe on %s (not failing the test): %s", page, v)
		}
	}
}
