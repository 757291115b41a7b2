package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/registry"
)

func TestProgressBar(t *testing.T) {
	var out bytes.Buffer
	bar := &progressBar{w: &out, start: time.Now()}
	src := func(u string) *registry.Source { return &registry.Source{URL: u} }
	bar.update(indexer.Progress{Source: src("https://a.example/x"), Outcome: indexer.Indexed, Done: 1, Total: 3})
	bar.update(indexer.Progress{Source: src("https://b.example/y"), Outcome: indexer.Failed, Reason: "cannot reach\nthe host", Done: 2, Total: 3})
	bar.update(indexer.Progress{Source: src("https://c.example/z"), Outcome: indexer.Unchanged, Done: 3, Total: 3})
	bar.finish()

	got := out.String()
	// The bar redraws one line with carriage returns; failures scroll above it.
	for _, want := range []string{
		"[==========                    ] 1/3  1 indexed, 0 unchanged, 0 failed",
		"failed: https://b.example/y: cannot reach the host\n",
		"[==============================] 3/3  1 indexed, 1 unchanged, 1 failed",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\n") || strings.Count(got, "\n") != 2 {
		t.Errorf("want the failure line and a final newline only, got %q", got)
	}
}

func TestSummaryListsFailuresInOrder(t *testing.T) {
	var out bytes.Buffer
	writeSummary(&out, &indexer.Summary{
		Run: registry.CrawlRun{Indexed: 2, Unchanged: 1, Failed: 2},
		Failures: []indexer.Failure{
			{ParticipantID: "nz-dia", URL: "https://b.example/x", Reason: "repository not found"},
			{ParticipantID: "gb-gds", URL: "https://a.example/y", Reason: "timed out:\nno answer within 1m0s"},
		},
	}, "1.2s")
	want := "Crawl finished in 1.2s: 2 indexed, 1 unchanged, 2 failed.\n\nFailed:\n" +
		"  gb-gds  https://a.example/y  timed out: no answer within 1m0s\n" +
		"  nz-dia  https://b.example/x  repository not found\n"
	if got := out.String(); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
}

func TestInspectOutputDropsTerminalEscapes(t *testing.T) {
	var out bytes.Buffer
	writeRecord(&out, &registry.Record{
		Name:        "evil\x1b]0;pwned\x07",
		Description: "clears your screen\x1b[2J and rings\x07 the bell",
		Readme:      &registry.Readme{Path: "README.md", Summary: "line one\rline two"},
	})
	if got := out.String(); strings.ContainsAny(got, "\x1b\x07\r") {
		t.Errorf("control characters reached the terminal: %q", got)
	}
}
