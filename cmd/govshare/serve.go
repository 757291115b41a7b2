package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/govshare/govshare/config"
	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/ui"
)

// version is what the pages' footer shows.
const version = "0.1.0-dev"

func (a *app) serve(ctx context.Context, args []string) error {
	var s settings
	fs := a.newFlagSet("serve", "[--data DIR] [--addr HOST:PORT] [--participants FILE]",
		"Serve the catalogue (web pages and the JSON API under /api/v1), and crawl every source\n"+
			"on a schedule in the same process, which owns the search index.", &s)
	s.dataFlag(fs)
	s.participantsFlag(fs)
	s.concurrencyFlag(fs)
	d := config.Default()
	s.stringFlag(fs, "addr", "address to listen on, HOST:PORT", d.Addr, func(c *config.Config, v string) { c.Addr = v })
	fs.Func("crawl-interval", fmt.Sprintf("time between crawls, e.g. 30m; 0 turns crawling off (default %s)", d.CrawlInterval), func(v string) error {
		iv, err := time.ParseDuration(v)
		if err != nil || iv < 0 {
			return fmt.Errorf("want a duration such as 30m or 1h, or 0")
		}
		s.overrides = append(s.overrides, func(c *config.Config) { c.CrawlInterval = iv })
		return nil
	})
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

	policy, err := urlPolicy(cfg)
	if err != nil {
		return err
	}
	sessionKey, err := loadSessionKey(cfg.DataDir)
	if err != nil {
		return err
	}
	requests := indexer.NewRequests()

	listener, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	server := &http.Server{
		Handler: ui.New(ui.Options{
			Store: data.store, Search: data.index, Index: data.index, Logger: logger, Version: version,
			URLPolicy: policy, Recrawl: requests, SessionKey: sessionKey, WebhookSecret: cfg.WebhookSecret,
			TrustProxy: cfg.TrustProxy,
		}).Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	addr := listener.Addr().String()
	logger.Info("serving the catalogue", "url", "http://"+addr, "data", cfg.DataDir)
	if a.onListen != nil {
		a.onListen(addr)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var background sync.WaitGroup
	if cfg.CrawlInterval > 0 {
		crawler := newCrawler(cfg, data, policy, logger)
		// The participants file is read again before every crawl after the
		// first, so an operator's edit needs no restart; a file that no
		// longer validates is logged and the registry keeps what it had.
		resync := func(ctx context.Context) error { return data.syncParticipants(ctx, cfg, logger) }
		background.Go(func() { crawlLoop(ctx, crawler, data, cfg.CrawlInterval, requests, resync, logger) })
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- server.Serve(listener) }()
	select {
	case err := <-serveErr:
		cancel()
		background.Wait()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, done := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer done()
	err = server.Shutdown(shutdownCtx)
	background.Wait() // a crawl in progress stops at its next step
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// crawlLoop crawls at once, then every interval, until ctx ends; before
// each later crawl it calls resync. Between crawls it crawls the sources
// queued in requests (by webhooks and registrations) as they come. A failed
// crawl is logged and tried again at the next tick.
func crawlLoop(ctx context.Context, crawler *indexer.Crawler, data *dataDir, interval time.Duration, requests *indexer.Requests,
	resync func(context.Context) error, logger *slog.Logger) {
	progress := func(p indexer.Progress) { logProgress(logger, p) }
	next := time.Now()
	for {
		if !time.Now().Before(next) {
			done := data.crawling()
			_, err := crawler.Crawl(ctx, progress)
			done(err)
			if err != nil && ctx.Err() == nil {
				logger.Error("crawl failed", "err", err)
			}
			next = time.Now().Add(interval)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(next)):
			if err := resync(ctx); err != nil && ctx.Err() == nil {
				logger.Error("participants file not reloaded; crawling the sources already registered", "err", err)
			}
		case <-requests.Ready():
			done := data.crawling()
			_, err := crawler.CrawlSources(ctx, requests.Take(), progress)
			done(err)
			if err != nil && ctx.Err() == nil {
				logger.Error("crawl of requested sources failed", "err", err)
			}
		}
	}
}
