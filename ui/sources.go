package ui

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/govshare/govshare/registry"
)

// sourceRequest is a source to register, from the API's JSON, a form or an
// imported participants file.
type sourceRequest struct {
	URL     string                 `json:"url"`
	Kind    string                 `json:"kind"`
	Host    string                 `json:"host"`
	Filters registry.SourceFilters `json:"filters"`
}

// hosts are the code hosts whose organisations can be discovered, with the
// name a person knows each by, in the order forms list them.
var hosts = []struct {
	ID, Label string
}{
	{registry.HostGitHub, "GitHub"},
	{registry.HostGitLab, "GitLab"},
	{registry.HostGitea, "Gitea or Forgejo"},
	{registry.HostBitbucket, "Bitbucket"},
}

func knownHost(h string) bool {
	return slices.ContainsFunc(hosts, func(k struct{ ID, Label string }) bool { return k.ID == h })
}

// wellKnownHosts are the public code hosts whose kind an address shows;
// an organisation elsewhere must say its host.
var wellKnownHosts = map[string]string{
	"github.com":    registry.HostGitHub,
	"gitlab.com":    registry.HostGitLab,
	"codeberg.org":  registry.HostGitea,
	"gitea.com":     registry.HostGitea,
	"bitbucket.org": registry.HostBitbucket,
}

// maxPatterns bounds the include and exclude patterns of one source.
const maxPatterns = 50

// normalise checks a request's kind, host and filters and fills the
// defaults: a repository unless it says org, and an organisation's host
// from a well-known address. The URL itself is the URL policy's to judge.
func (r *sourceRequest) normalise() error {
	r.URL = strings.TrimSpace(r.URL)
	r.Kind = strings.TrimSpace(strings.ToLower(r.Kind))
	r.Host = strings.TrimSpace(strings.ToLower(r.Host))
	if r.URL == "" {
		return registry.Errorf(registry.EINVALID, "Give the address of a repository or an organisation (url).")
	}
	switch r.Kind {
	case "":
		r.Kind = registry.KindRepo
	case registry.KindRepo, registry.KindOrg:
	default:
		return registry.Errorf(registry.EINVALID, "kind must be %q or %q, not %q.", registry.KindRepo, registry.KindOrg, r.Kind)
	}
	if r.Host != "" && !knownHost(r.Host) {
		return registry.Errorf(registry.EINVALID, "host must be one of github, gitlab, gitea or bitbucket, not %q.", r.Host)
	}
	if r.Kind == registry.KindRepo {
		if !filtersEmpty(r.Filters) {
			return registry.Errorf(registry.EINVALID, "Filters choose among an organisation's repositories: a single repository (kind %q) takes none.", registry.KindRepo)
		}
		return nil
	}
	if r.Host == "" {
		if u, err := url.Parse(r.URL); err == nil {
			r.Host = wellKnownHosts[strings.ToLower(u.Hostname())]
		}
	}
	if r.Host == "" {
		return registry.Errorf(registry.EINVALID, "Say which kind of code host serves this organisation (host: github, gitlab, gitea or bitbucket).")
	}
	return checkFilters(r.Filters)
}

func filtersEmpty(f registry.SourceFilters) bool {
	return !f.SkipForks && !f.SkipArchived && len(f.Include) == 0 && len(f.Exclude) == 0
}

// checkFilters refuses patterns path.Match cannot read.
func checkFilters(f registry.SourceFilters) error {
	if len(f.Include)+len(f.Exclude) > maxPatterns {
		return registry.Errorf(registry.EINVALID, "At most %d include and exclude patterns.", maxPatterns)
	}
	for _, p := range slices.Concat(f.Include, f.Exclude) {
		if _, err := path.Match(p, ""); err != nil || strings.TrimSpace(p) == "" {
			return registry.Errorf(registry.EINVALID, "%q is not a pattern: use * and ? as in api-*, and [...] for a set of characters.", p)
		}
	}
	return nil
}

// checkURL runs an address through the URL policy. The policy's refusal is
// shown as it words it; an error of its own that is not a registry error
// is taken as a refusal too, worded by the policy for people.
func (s *Server) checkURL(ctx context.Context, raw string) (string, error) {
	if s.urlPolicy == nil {
		return "", registry.Errorf(registry.EUNAVAILABLE, "Registering sources is not enabled on this server.")
	}
	normalised, err := s.urlPolicy.Check(ctx, raw)
	if err == nil {
		return normalised, nil
	}
	if registry.ErrorCode(err) != registry.EINTERNAL || ctx.Err() != nil {
		return "", fmt.Errorf("check %s: %w", raw, err)
	}
	return "", fmt.Errorf("%w: %w", registry.Errorf(registry.EINVALID, "%s is refused: %s", raw, err.Error()), err)
}

// Audit log actions.
const (
	actionSourceAdd    = "source.add"
	actionSourceUpdate = "source.update"
	actionSourceRemove = "source.remove"
	actionTokenCreate  = "token.create"
	actionTokenRevoke  = "token.revoke"
)

// audit records a change in the audit log.
func (s *Server) audit(ctx context.Context, who registry.Principal, participantID, action, target, detail string) error {
	err := s.store.Record(ctx, &registry.AuditEntry{
		At:            s.clock().UTC(),
		Actor:         who.Actor(),
		ParticipantID: participantID,
		Action:        action,
		Target:        target,
		Detail:        detail,
	})
	if err != nil {
		return fmt.Errorf("record %s of %s: %w", action, target, err)
	}
	return nil
}

// queueCrawl asks for a crawl of a source soon, when a crawler listens.
func (s *Server) queueCrawl(ctx context.Context, sourceID int64) {
	if s.recrawl != nil {
		s.recrawl.Queue(ctx, sourceID)
	}
}

// addSource registers a source for participantID on who's behalf, records
// it and queues its first crawl.
func (s *Server) addSource(ctx context.Context, who registry.Principal, participantID string, req sourceRequest) (*registry.Source, error) {
	src, err := s.prepareSource(ctx, participantID, req)
	if err != nil {
		return nil, err
	}
	return s.registerSource(ctx, who, src)
}

// prepareSource checks a request and its address, and returns the source
// it would register.
func (s *Server) prepareSource(ctx context.Context, participantID string, req sourceRequest) (*registry.Source, error) {
	if err := req.normalise(); err != nil {
		return nil, err
	}
	u, err := s.checkURL(ctx, req.URL)
	if err != nil {
		return nil, err
	}
	return &registry.Source{
		ParticipantID: participantID,
		URL:           u,
		Origin:        registry.OriginAPI,
		Kind:          req.Kind,
		Host:          req.Host,
		Filters:       req.Filters,
	}, nil
}

// registerSource adds a prepared source, records it and queues its first
// crawl.
func (s *Server) registerSource(ctx context.Context, who registry.Principal, src *registry.Source) (*registry.Source, error) {
	if err := s.store.AddSource(ctx, src); err != nil {
		return nil, fmt.Errorf("add source %s for %s: %w", src.URL, src.ParticipantID, err)
	}
	if err := s.audit(ctx, who, src.ParticipantID, actionSourceAdd, src.URL, sourceDetail(src)); err != nil {
		return nil, err
	}
	s.queueCrawl(ctx, src.ID)
	// Read it back for the fields the store fills in.
	added, err := s.store.Source(ctx, src.ID)
	if err != nil {
		return nil, fmt.Errorf("read source %d: %w", src.ID, err)
	}
	return added, nil
}

// sourceDetail describes a source's settings for the audit log.
func sourceDetail(src *registry.Source) string {
	parts := []string{"kind=" + src.Kind}
	if src.Host != "" {
		parts = append(parts, "host="+src.Host)
	}
	return strings.Join(append(parts, filtersDetail(src.Filters)...), " ")
}

func filtersDetail(f registry.SourceFilters) []string {
	var parts []string
	if f.SkipForks {
		parts = append(parts, "skip_forks")
	}
	if f.SkipArchived {
		parts = append(parts, "skip_archived")
	}
	if len(f.Include) > 0 {
		parts = append(parts, "include="+strings.Join(f.Include, ","))
	}
	if len(f.Exclude) > 0 {
		parts = append(parts, "exclude="+strings.Join(f.Exclude, ","))
	}
	return parts
}

// ownSource reads a source of participantID by the ID in a path. A source
// of another participant is not found, so that one participant's path
// never reaches another's source.
func (s *Server) ownSource(ctx context.Context, participantID, rawID string) (*registry.Source, error) {
	id, err := strconv.ParseInt(rawID, 10, 64)
	notFound := registry.Errorf(registry.ENOTFOUND, "Participant %q has no source %s.", participantID, rawID)
	if err != nil || id <= 0 {
		return nil, notFound
	}
	src, err := s.store.Source(ctx, id)
	if registry.ErrorCode(err) == registry.ENOTFOUND || (err == nil && src.ParticipantID != participantID) {
		return nil, notFound
	}
	if err != nil {
		return nil, fmt.Errorf("read source %d: %w", id, err)
	}
	return src, nil
}

// checkManaged refuses to change a source that is not managed through the
// API: one the operator's file declares, or one discovered in an
// organisation. Either would come back at the next sync or discovery.
func checkManaged(src *registry.Source) error {
	switch src.Origin {
	case registry.OriginAPI:
		return nil
	case registry.OriginConfig:
		return registry.Errorf(registry.ECONFLICT, "%s is declared in the operator's participants file: ask the operator to change it there.", src.URL)
	case registry.OriginDiscovered:
		return registry.Errorf(registry.ECONFLICT, "%s was discovered in an organisation: add an exclude pattern to that organisation's filters instead.", src.URL)
	}
	return registry.Errorf(registry.ECONFLICT, "%s cannot be changed here.", src.URL)
}

// updateSource changes an organisation source's filters.
func (s *Server) updateSource(ctx context.Context, who registry.Principal, src *registry.Source, f registry.SourceFilters) (*registry.Source, error) {
	if err := checkManaged(src); err != nil {
		return nil, err
	}
	if src.Kind != registry.KindOrg {
		return nil, registry.Errorf(registry.EINVALID, "Filters choose among an organisation's repositories: %s is a single repository.", src.URL)
	}
	if err := checkFilters(f); err != nil {
		return nil, err
	}
	if err := s.store.UpdateSourceFilters(ctx, src.ID, f); err != nil {
		return nil, fmt.Errorf("update filters of source %d: %w", src.ID, err)
	}
	detail := strings.Join(filtersDetail(f), " ")
	if detail == "" {
		detail = "no filters"
	}
	if err := s.audit(ctx, who, src.ParticipantID, actionSourceUpdate, src.URL, detail); err != nil {
		return nil, err
	}
	s.queueCrawl(ctx, src.ID)
	updated, err := s.store.Source(ctx, src.ID)
	if err != nil {
		return nil, fmt.Errorf("read source %d: %w", src.ID, err)
	}
	return updated, nil
}

// removeSource removes a source, with the repositories discovered from it
// and their projects, which also leave the search index.
func (s *Server) removeSource(ctx context.Context, who registry.Principal, src *registry.Source) ([]string, error) {
	if err := checkManaged(src); err != nil {
		return nil, err
	}
	removed, err := s.store.RemoveSource(ctx, src.ID)
	if err != nil {
		return nil, fmt.Errorf("remove source %d: %w", src.ID, err)
	}
	if s.index != nil && len(removed) > 0 {
		// The store is the truth and the source is gone from it; an index
		// that lags is corrected at the next rebuild, and pages skip hits
		// the store no longer holds.
		if err := s.index.Delete(ctx, removed...); err != nil {
			s.logger.ErrorContext(ctx, "drop removed projects from the search index", "source", src.ID, "projects", removed, "error", err.Error())
		}
	}
	detail := fmt.Sprintf("%d project(s) left the catalogue", len(removed))
	if err := s.audit(ctx, who, src.ParticipantID, actionSourceRemove, src.URL, detail); err != nil {
		return nil, err
	}
	return removed, nil
}
