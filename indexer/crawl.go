// Package indexer turns registered sources into catalogue entries: for each
// source it lists the remote's head, clones what changed (gitfetch), runs
// the analysers (analysis) and stores the record, then feeds the search
// index.
//
// A crawl never stops because one repository fails: the failure is recorded
// on that source with its reason, and the last good record stays in the
// catalogue, marked stale.
package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/govshare/govshare/indexer/analysis"
	"github.com/govshare/govshare/indexer/gitfetch"
	"github.com/govshare/govshare/registry"
)

// IndexWriter is the part of the search index the crawler writes to.
type IndexWriter interface {
	Put(ctx context.Context, projects ...*registry.Project) error
	Delete(ctx context.Context, ids ...string) error
}

// Options tune a Crawler. Zero values take the defaults.
type Options struct {
	// Concurrency is how many repositories are fetched at once; the default
	// is the number of CPUs.
	Concurrency int
	// Analysis is handed to the analysers.
	Analysis analysis.Options
	// FlushEvery bounds how long a finished record waits before it is
	// written to the search index (records are written in batches).
	FlushEvery time.Duration
	// RefreshAfter is how old a record may grow before it is analysed
	// again although its repository has not moved: checks such as
	// "maintained recently" depend on the date. Default 7 days.
	RefreshAfter time.Duration
	// Discover lists organisations' repositories; nil leaves organisation
	// sources failing with a clear reason.
	Discover Discoverer
	// URLCheck, if set, is asked again before every fetch of a URL that a
	// participant or a code host's API supplied (not the operator's file):
	// a name that resolved to a public address at registration may point
	// inside the operator's network by now.
	URLCheck URLChecker
	// Guard, if set, marks the context a participant's repository is
	// fetched under, for an HTTP client that enforces the URL rules on
	// every connection and redirect (a name may resolve differently by the
	// time git connects, and a host may redirect).
	Guard interface {
		Guarding(ctx context.Context) context.Context
	}
	Logger *slog.Logger
	// Now is the clock; time.Now by default.
	Now func() time.Time
}

// Crawler crawls every source in the store. It is safe to call Crawl from
// one goroutine at a time.
type Crawler struct {
	store   registry.Store
	index   IndexWriter
	fetcher *gitfetch.Fetcher
	opts    Options
	mu      sync.Mutex // serialises Crawl
}

// NewCrawler returns a Crawler writing to store and index.
func NewCrawler(store registry.Store, index IndexWriter, fetcher *gitfetch.Fetcher, opts Options) *Crawler {
	if opts.Concurrency <= 0 {
		opts.Concurrency = runtime.NumCPU()
	}
	if opts.FlushEvery <= 0 {
		opts.FlushEvery = 5 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Analysis.Now == nil {
		opts.Analysis.Now = opts.Now
	}
	if opts.RefreshAfter <= 0 {
		opts.RefreshAfter = 7 * 24 * time.Hour
	}
	return &Crawler{store: store, index: index, fetcher: fetcher, opts: opts}
}

// Outcome is what one crawl did with one source.
type Outcome int

// Outcomes of crawling a source.
const (
	Indexed Outcome = iota
	Unchanged
	Failed
)

// String returns the outcome's name.
func (o Outcome) String() string {
	switch o {
	case Indexed:
		return "indexed"
	case Unchanged:
		return "unchanged"
	default:
		return "failed"
	}
}

// Progress reports one source done.
type Progress struct {
	Source   *registry.Source
	Outcome  Outcome
	Commit   string
	Reason   string // why it failed
	Duration time.Duration
	Done     int
	Total    int
}

// Failure is a source that could not be crawled, and why.
type Failure struct {
	ParticipantID string `json:"participant"`
	URL           string `json:"url"`
	Reason        string `json:"reason"`
}

// Summary is the result of one crawl.
type Summary struct {
	Run      registry.CrawlRun
	Failures []Failure
}

// URLChecker vets a URL before it is fetched.
type URLChecker interface {
	Check(ctx context.Context, rawURL string) (string, error)
}

// Discoverer lists the repositories of an organisation source, filtered
// by the source's filters except SkipArchived: archived repositories are
// listed, marked, so that they are not taken for deleted ones.
type Discoverer interface {
	Discover(ctx context.Context, org *registry.Source) ([]registry.DiscoveredRepo, error)
}

// Crawl visits every source once: organisation sources first, whose
// repositories it discovers, then every repository. onProgress, if not
// nil, is called after each repository from a single goroutine. The error
// is about the crawl itself (the store failing, ctx ending), never about
// one repository.
func (c *Crawler) Crawl(ctx context.Context, onProgress func(Progress)) (*Summary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.crawl(ctx, nil, onProgress)
}

// CrawlSources crawls the given sources now (an organisation source: its
// discovery, then its repositories), as a webhook asks.
func (c *Crawler) CrawlSources(ctx context.Context, ids []int64, onProgress func(Progress)) (*Summary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	only := map[int64]bool{}
	for _, id := range ids {
		only[id] = true
	}
	return c.crawl(ctx, only, onProgress)
}

// crawl runs discovery and then crawls the repositories, all of them when
// only is nil, else those in only and those discovered from an
// organisation in only.
func (c *Crawler) crawl(ctx context.Context, only map[int64]bool, onProgress func(Progress)) (*Summary, error) {
	summary := &Summary{Failures: []Failure{}}
	all, err := c.store.Sources(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	picked := func(src *registry.Source) bool {
		return only == nil || only[src.ID] || only[src.ParentID]
	}
	discovered := false
	for _, src := range all {
		if src.Kind == registry.KindOrg && picked(src) {
			if err := c.discover(ctx, src, summary); err != nil {
				return nil, err
			}
			discovered = true
		}
	}
	if discovered {
		if all, err = c.store.Sources(ctx, ""); err != nil {
			return nil, fmt.Errorf("crawl: %w", err)
		}
	}
	byID := make(map[int64]*registry.Source, len(all))
	for _, src := range all {
		byID[src.ID] = src
	}
	var sources []*registry.Source
	trusted := map[int64]bool{}
	for _, src := range all {
		if picked(src) && crawlable(src, byID[src.ParentID]) {
			sources = append(sources, src)
			trusted[src.ID] = operatorSource(src, byID[src.ParentID])
		}
	}
	return c.crawlRepositories(ctx, sources, trusted, summary, onProgress)
}

// operatorSource reports whether a source comes from the operator's own
// configuration: named in the participants file, or discovered in an
// organisation named there. Its URLs are trusted to reach any address.
func operatorSource(src, parent *registry.Source) bool {
	return src.Origin == registry.OriginConfig || (parent != nil && parent.Origin == registry.OriginConfig)
}

// crawlable reports whether a source is a repository to fetch: not an
// organisation, not renamed or gone, and not archived when its
// organisation's filters skip archived repositories.
func crawlable(src, parent *registry.Source) bool {
	switch {
	case src.Kind == registry.KindOrg:
		return false
	case src.State == registry.StateRenamed, src.State == registry.StateGone:
		return false
	case src.State == registry.StateArchived && parent != nil && parent.Filters.SkipArchived:
		return false
	}
	return true
}

// discover lists an organisation's repositories and reconciles them with
// the store. A failure is recorded on the organisation source and does not
// stop the crawl; only the store failing does.
func (c *Crawler) discover(ctx context.Context, org *registry.Source, summary *Summary) error {
	log := c.opts.Logger.With("participant", org.ParticipantID, "organisation", org.URL)
	var repos []registry.DiscoveredRepo
	err := errors.New("discovery of organisations is not configured")
	if c.opts.Discover != nil {
		repos, err = c.opts.Discover.Discover(ctx, org)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		log.Warn("discovery failed", "reason", err)
		summary.Failures = append(summary.Failures, Failure{ParticipantID: org.ParticipantID, URL: org.URL, Reason: err.Error()})
		_, err := c.store.RecordFailure(ctx, org.ID, c.opts.Now(), err.Error())
		return err
	}
	changes, dropped, err := c.store.SyncDiscovered(ctx, org.ID, repos, c.opts.Now())
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	if err := c.index.Delete(ctx, dropped...); err != nil {
		return fmt.Errorf("crawl: write search index: %w", err)
	}
	log.Info("organisation discovered", "repositories", len(repos), "added", changes.Added, "archived", changes.Archived,
		"renamed", changes.Renamed, "gone", changes.Gone)
	return nil
}

// crawlRepositories fetches and analyses sources with bounded concurrency.
func (c *Crawler) crawlRepositories(ctx context.Context, sources []*registry.Source, trusted map[int64]bool,
	summary *Summary, onProgress func(Progress)) (*Summary, error) {
	run, err := c.store.StartCrawlRun(ctx, c.opts.Now())
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	c.opts.Logger.Info("crawl started", "run", run.ID, "sources", len(sources), "concurrency", c.opts.Concurrency)

	type result struct {
		Progress
		project *registry.Project // to write to the index, if any
		err     error             // the store failed
	}
	jobs := make(chan *registry.Source)
	results := make(chan result)
	var workers sync.WaitGroup
	for range min(c.opts.Concurrency, max(len(sources), 1)) {
		workers.Go(func() {
			for src := range jobs {
				start := time.Now()
				outcome, p, reason, err := c.crawlSourceSafely(ctx, src, trusted[src.ID])
				results <- result{
					Progress: Progress{Source: src, Outcome: outcome, Reason: reason, Duration: time.Since(start)},
					project:  p, err: err,
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, src := range sources {
			select {
			case jobs <- src:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { workers.Wait(); close(results) }()

	var pending []*registry.Project
	var firstErr error
	flush := func() {
		if len(pending) == 0 {
			return
		}
		if err := c.index.Put(context.WithoutCancel(ctx), pending...); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("crawl: write search index: %w", err)
		}
		pending = pending[:0]
	}
	ticker := time.NewTicker(c.opts.FlushEvery)
	defer ticker.Stop()
	done := 0
	for open := true; open; {
		select {
		case <-ticker.C:
			flush()
		case r, ok := <-results:
			if !ok {
				open = false
				break
			}
			done++
			r.Done, r.Total = done, len(sources)
			if r.err != nil && firstErr == nil && !errors.Is(r.err, context.Canceled) {
				firstErr = r.err
			}
			switch r.Outcome {
			case Indexed:
				run.Indexed++
			case Unchanged:
				run.Unchanged++
			case Failed:
				run.Failed++
				summary.Failures = append(summary.Failures, Failure{ParticipantID: r.Source.ParticipantID, URL: r.Source.URL, Reason: r.Reason})
			}
			if r.project != nil {
				r.Commit = r.project.Commit
				pending = append(pending, r.project)
				if len(pending) >= 100 {
					flush()
				}
			}
			if onProgress != nil {
				onProgress(r.Progress)
			}
		}
	}
	flush()

	run.FinishedAt = c.opts.Now()
	if err := c.store.FinishCrawlRun(context.WithoutCancel(ctx), run); err != nil && firstErr == nil {
		firstErr = fmt.Errorf("crawl: %w", err)
	}
	summary.Run = *run
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	c.opts.Logger.Info("crawl finished", "run", run.ID, "indexed", run.Indexed, "unchanged", run.Unchanged,
		"failed", run.Failed, "took", run.FinishedAt.Sub(run.StartedAt).Round(time.Millisecond))
	return summary, firstErr
}

// crawlSourceSafely is crawlSource with a panic in an analyser (a parser
// meeting a hostile file, say) turned into that source's failure: one
// repository must not take the catalogue down.
func (c *Crawler) crawlSourceSafely(ctx context.Context, src *registry.Source, trusted bool) (outcome Outcome, p *registry.Project, reason string, err error) {
	defer func() {
		if r := recover(); r != nil {
			c.opts.Logger.Error("analysis panicked", "url", src.URL, "panic", r, "stack", string(debug.Stack()))
			reason = "govshare could not analyse this repository (an internal error, logged for the operator)"
			stale, storeErr := c.store.RecordFailure(context.WithoutCancel(ctx), src.ID, c.opts.Now(), reason)
			outcome, p, err = Failed, stale, storeErr
		}
	}()
	return c.crawlSource(ctx, src, trusted)
}

// crawlSource brings one source up to date. It returns the project to write
// to the search index (the fresh record, or the last good one now marked
// stale), the failure reason, and an error only when the store failed.
//
// A source that is not the operator's own is vetted by URLCheck first, and
// fetched under Guard's context, so that its connections and redirects are
// held to the URL rules too.
func (c *Crawler) crawlSource(ctx context.Context, src *registry.Source, trusted bool) (Outcome, *registry.Project, string, error) {
	log := c.opts.Logger.With("participant", src.ParticipantID, "url", src.URL)
	fail := func(reason error) (Outcome, *registry.Project, string, error) {
		if ctx.Err() != nil {
			return Failed, nil, "crawl cancelled", ctx.Err()
		}
		log.Debug("repository failed", "reason", reason) // the progress report says it once
		stale, err := c.store.RecordFailure(ctx, src.ID, c.opts.Now(), reason.Error())
		return Failed, stale, reason.Error(), err
	}

	if !trusted {
		if c.opts.URLCheck != nil {
			if _, err := c.opts.URLCheck.Check(ctx, src.URL); err != nil {
				return fail(fmt.Errorf("refused to fetch %s: %w", src.URL, err))
			}
		}
		if c.opts.Guard != nil {
			ctx = c.opts.Guard.Guarding(ctx)
		}
	}
	head, err := c.fetcher.RemoteHead(ctx, src.URL)
	if err != nil {
		return fail(err)
	}
	// The last record, if any: it decides whether the repository moved,
	// and lends its valid publiccode.yml to a record whose file broke.
	previous, err := c.store.Project(ctx, src.ProjectID)
	switch {
	case registry.ErrorCode(err) == registry.ENOTFOUND:
		previous = nil
	case err != nil:
		return Failed, nil, "", err
	}
	if previous != nil && head.Commit == src.LastCommit && previous.AnalyserVersion == registry.AnalyserVersion &&
		c.opts.Now().Sub(previous.IndexedAt) < c.opts.RefreshAfter {
		if err := c.store.RecordUnchanged(ctx, src.ID, c.opts.Now()); err != nil {
			return Failed, nil, "", err
		}
		log.Debug("repository unchanged", "commit", gitfetch.ShortCommit(head.Commit))
		if previous.Stale {
			previous.Stale, previous.StaleReason = false, ""
			return Unchanged, previous, "", nil
		}
		return Unchanged, nil, "", nil
	}

	rec, err := c.analyse(ctx, src.URL, head)
	if err != nil {
		return fail(err)
	}
	if previous != nil {
		keepLastValidPubliccode(rec, &previous.Record)
	}
	p := &registry.Project{ID: src.ProjectID, SourceID: src.ID, IndexedAt: c.opts.Now(), Record: *rec}
	if err := c.store.RecordSuccess(ctx, src.ID, p); err != nil {
		return Failed, nil, "", err
	}
	// Read it back: the stored project carries the participant's details.
	stored, err := c.store.Project(ctx, p.ID)
	if err != nil {
		return Failed, nil, "", err
	}
	log.Debug("repository indexed", "commit", gitfetch.ShortCommit(head.Commit))
	return Indexed, stored, "", nil
}

func (c *Crawler) analyse(ctx context.Context, target string, head gitfetch.Head) (*registry.Record, error) {
	snap, err := c.fetcher.Fetch(ctx, target, head)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return analyseSnapshot(ctx, target, snap, c.opts.Analysis)
}

// keepLastValidPubliccode carries the previous record's valid
// publiccode.yml into a record whose publiccode.yml has become invalid:
// invalid metadata never freezes or blanks an entry. The entry keeps the
// declared name and description, and the record says which commit they
// come from; the next valid file replaces them.
func keepLastValidPubliccode(rec, previous *registry.Record) {
	if rec.Publiccode == nil || rec.Publiccode.Valid {
		return // valid now, or removed on purpose
	}
	last, commit := previous.LastValidPubliccode, previous.LastValidPubliccodeCommit
	if previous.Publiccode != nil && previous.Publiccode.Valid {
		last, commit = previous.Publiccode, previous.Commit
	}
	if last == nil {
		return
	}
	rec.LastValidPubliccode, rec.LastValidPubliccodeCommit = last, commit
	if name := strings.TrimSpace(last.Name); name != "" {
		rec.Name = name
	}
	rec.Warnings = append(rec.Warnings, fmt.Sprintf(
		"publiccode.yml is not valid at this commit: the catalogue shows the last valid one, from commit %s, until it is fixed",
		gitfetch.ShortCommit(commit)))
}

func analyseSnapshot(ctx context.Context, target string, snap *gitfetch.Snapshot, opts analysis.Options) (*registry.Record, error) {
	rec := &registry.Record{
		URL:         target,
		Commit:      snap.Commit,
		Branch:      snap.Branch,
		CommittedAt: snap.CommittedAt.UTC(),
	}
	if err := analysis.Analyse(ctx, snap.FS, rec, opts); err != nil {
		return nil, fmt.Errorf("analyse %s: %w", target, err)
	}
	return rec, nil
}
