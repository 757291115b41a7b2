package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govshare/govshare/indexer"
)

func (a *app) index(ctx context.Context, args []string) error {
	var s settings
	fs := a.newFlagSet("index", "[--data DIR] [--participants FILE]",
		"Crawl every registered source once: list its head, clone what changed, analyse it,\n"+
			"store the record and update the search index; then print a summary and exit.\n"+
			"Exits 0 when the crawl ran, even if some repositories failed (the summary says why).", &s)
	s.dataFlag(fs)
	s.participantsFlag(fs)
	s.concurrencyFlag(fs)
	if err := a.parse(fs, &s, args, 0); err != nil {
		return err
	}
	cfg := s.cfg
	logger := a.logger(cfg)
	data, err := openSynced(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer data.Close()
	sources, err := data.store.Sources(ctx, "")
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return usageError{fmt.Errorf("no sources to crawl in %s: name a participants file with --participants FILE", cfg.DataDir)}
	}

	policy, err := urlPolicy(cfg)
	if err != nil {
		return err
	}
	crawler := newCrawler(cfg, data, policy, logger)
	var progress func(indexer.Progress)
	if a.isTerminal(a.stderr) {
		bar := &progressBar{w: a.stderr, start: time.Now()}
		progress = bar.update
		defer bar.finish()
	} else {
		progress = func(p indexer.Progress) { logProgress(logger, p) }
	}
	start := time.Now()
	done := data.crawling()
	summary, err := crawler.Crawl(ctx, progress)
	done(err)
	if summary != nil {
		writeSummary(a.stdout, summary, since(start))
	}
	return err
}

// logProgress is the one line per repository written when no one watches a
// terminal.
func logProgress(logger *slog.Logger, p indexer.Progress) {
	attrs := []any{"n", fmt.Sprintf("%d/%d", p.Done, p.Total), "participant", p.Source.ParticipantID,
		"url", p.Source.URL, "outcome", p.Outcome.String(), "took", p.Duration.Round(time.Millisecond)}
	if p.Outcome == indexer.Failed {
		logger.Warn("repository", append(attrs, "reason", oneLine(p.Reason))...)
		return
	}
	logger.Info("repository", append(attrs, "commit", shortHash(p.Commit))...)
}

func shortHash(h string) string { return h[:min(len(h), 12)] }

// writeSummary prints what a crawl did, with every failure and its reason.
func writeSummary(w io.Writer, s *indexer.Summary, took string) {
	r := s.Run
	fmt.Fprintf(w, "Crawl finished in %s: %d indexed, %d unchanged, %d failed.\n", took, r.Indexed, r.Unchanged, r.Failed)
	if len(s.Failures) == 0 {
		return
	}
	fmt.Fprintln(w, "\nFailed:")
	failures := slices.Clone(s.Failures)
	slices.SortFunc(failures, func(a, b indexer.Failure) int {
		return cmp.Or(strings.Compare(a.ParticipantID, b.ParticipantID), strings.Compare(a.URL, b.URL))
	})
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range failures {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", f.ParticipantID, f.URL, oneLine(f.Reason))
	}
	tw.Flush()
}

// progressBar draws the crawl's progress on one terminal line.
type progressBar struct {
	w          io.Writer
	start      time.Time
	counts     [3]int
	drawnWidth int
}

func (b *progressBar) update(p indexer.Progress) {
	b.counts[p.Outcome]++
	if p.Outcome == indexer.Failed {
		// Failures scroll above the bar, so they stay on screen.
		b.clear()
		fmt.Fprintf(b.w, "failed: %s: %s\n", p.Source.URL, oneLine(p.Reason))
	}
	const width = 30
	filled := width * p.Done / max(p.Total, 1)
	line := fmt.Sprintf("[%s%s] %d/%d  %d indexed, %d unchanged, %d failed  %s",
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.Done, p.Total,
		b.counts[indexer.Indexed], b.counts[indexer.Unchanged], b.counts[indexer.Failed], since(b.start))
	b.clear()
	fmt.Fprint(b.w, line)
	b.drawnWidth = len(line)
}

func (b *progressBar) clear() {
	if b.drawnWidth > 0 {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.drawnWidth))
		b.drawnWidth = 0
	}
}

func (b *progressBar) finish() {
	if b.drawnWidth > 0 {
		fmt.Fprintln(b.w)
	}
}
