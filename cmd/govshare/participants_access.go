package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/govshare/govshare/config"
	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/indexer/discovery"
	"github.com/govshare/govshare/indexer/gitfetch"
	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/registry/urlpolicy"
)

// sessionKeyFile holds the key that signs session cookies, so sessions
// survive a restart. Deleting it signs everybody out.
const sessionKeyFile = "session.key"

// loadSessionKey reads the data directory's session key, making one the
// first time.
func loadSessionKey(dir string) ([]byte, error) {
	path := filepath.Join(dir, sessionKeyFile)
	key, err := os.ReadFile(path)
	if err == nil && len(key) >= 32 {
		return key, nil
	}
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("read session key: %w", err)
	}
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, key, 0o600); err != nil {
		return nil, fmt.Errorf("write session key: %w", err)
	}
	return key, nil
}

// urlPolicy is the rule participants' URLs must pass, from the operator's
// settings.
func urlPolicy(cfg config.Config) (*urlpolicy.Policy, error) {
	p := &urlpolicy.Policy{Schemes: cfg.AllowedSchemes, Hosts: cfg.AllowedHosts, AllowPrivate: cfg.AllowPrivateAddresses}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("URL rules for participants: %w", err)
	}
	return p, nil
}

// newCrawler is the crawler index and serve run: organisations discovered,
// participants' URLs vetted again before each fetch.
func newCrawler(cfg config.Config, data *dataDir, policy *urlpolicy.Policy, logger *slog.Logger) *indexer.Crawler {
	opts := crawlerOptions(cfg, logger)
	opts.Discover = newOrgDiscoverer(cfg, policy, logger)
	opts.URLCheck = policy
	opts.Guard = policy
	gitfetch.InstallGuardedHTTP()
	return indexer.NewCrawler(data.store, data.index, fetcherFor(cfg, logger), opts)
}

// orgDiscoverer lists organisations' repositories for the crawler. An
// organisation a participant registered is listed through an HTTP client
// that refuses private addresses; one from the operator's own file through
// a plain one, since an operator may well run a GitLab on the intranet.
type orgDiscoverer struct {
	trusted, guarded *discovery.Discoverer
}

func newOrgDiscoverer(cfg config.Config, policy *urlpolicy.Policy, logger *slog.Logger) *orgDiscoverer {
	guardedClient := &http.Client{
		Timeout: discovery.DefaultTimeout,
		Transport: &http.Transport{
			Proxy:               nil, // the guard must see the real address
			DialContext:         policy.DialContext(&net.Dialer{Timeout: 10 * time.Second}),
			TLSHandshakeTimeout: 10 * time.Second,
		},
		CheckRedirect: policy.CheckRedirect,
	}
	return &orgDiscoverer{
		trusted: discovery.New(discovery.Options{Tokens: cfg.DiscoveryTokens, Logger: logger}),
		guarded: discovery.New(discovery.Options{HTTPClient: guardedClient, Tokens: cfg.DiscoveryTokens, Logger: logger}),
	}
}

// Discover implements indexer.Discoverer. Archived repositories are kept,
// so the store can mark them rather than take them for deleted ones.
func (o *orgDiscoverer) Discover(ctx context.Context, org *registry.Source) ([]registry.DiscoveredRepo, error) {
	target, err := discovery.ParseOrg(org.URL, org.Host)
	if err != nil {
		return nil, err
	}
	d := o.guarded
	if org.Origin == registry.OriginConfig {
		d = o.trusted
	}
	repos, err := d.List(ctx, target)
	if err != nil {
		return nil, err
	}
	filters := org.Filters
	filters.SkipArchived = false
	return discovery.Filter(repos, filters), nil
}
