// Package registry holds govshare's domain: participants, the sources they
// register, the project records the indexer produces, and the small
// interfaces (Store, Searcher) that the rest of the program implements.
//
// It imports no other govshare package.
package registry

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"strings"
	"time"
)

// Participant is a government body that shares code through govshare.
type Participant struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
	Website string `json:"website,omitempty"`
}

// Source origins: where a source was registered.
const (
	// OriginConfig marks a source named in the operator's participants file.
	OriginConfig = "config"
	// OriginAPI marks a source a participant registered through the API or
	// the web pages.
	OriginAPI = "api"
	// OriginDiscovered marks a repository found in an organisation source.
	OriginDiscovered = "discovered"
)

// Source kinds.
const (
	KindRepo = "repo"
	KindOrg  = "org"
)

// States of a discovered repository.
const (
	StateActive   = "active"
	StateArchived = "archived"
	StateRenamed  = "renamed"
	StateGone     = "gone"
)

// Code hosts whose organisations can be discovered.
const (
	HostGitHub    = "github"
	HostGitLab    = "gitlab"
	HostGitea     = "gitea"
	HostBitbucket = "bitbucket"
)

// SourceFilters choose which repositories of an organisation are indexed.
type SourceFilters struct {
	SkipForks    bool `json:"skip_forks,omitempty"`
	SkipArchived bool `json:"skip_archived,omitempty"`
	// Include and Exclude are path.Match patterns on the repository's name
	// within the organisation ("api-*"); Exclude wins.
	Include []string `json:"include,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
}

// DiscoveredRepo is a repository a code host lists in an organisation.
type DiscoveredRepo struct {
	// HostID is the host's stable identifier, which survives renames.
	HostID   string `json:"host_id"`
	Name     string `json:"name"` // full path within the host, e.g. org/repo
	CloneURL string `json:"clone_url"`
	WebURL   string `json:"web_url"`
	Archived bool   `json:"archived"`
	Fork     bool   `json:"fork"`
}

// Source states after a crawl.
const (
	SourcePending = "pending"
	SourceOK      = "ok"
	SourceFailed  = "failed"
)

// Source is one repository a participant registered.
type Source struct {
	ID            int64     `json:"id"`
	ParticipantID string    `json:"participant"`
	URL           string    `json:"url"`
	Origin        string    `json:"origin"`
	Status        string    `json:"status"`
	ProjectID     string    `json:"project_id"`
	LastCommit    string    `json:"last_commit,omitempty"`
	LastCrawlAt   time.Time `json:"last_crawl_at,omitzero"`
	LastSuccessAt time.Time `json:"last_success_at,omitzero"`
	// LastError is the reason the last crawl failed, for people to read.
	LastError string `json:"last_error,omitempty"`
	// Failures counts consecutive failed crawls.
	Failures int `json:"failures"`

	// Kind is KindRepo or KindOrg. An organisation source is not crawled
	// itself: its repositories are discovered as sources of their own.
	Kind string `json:"kind"`
	// Host is the code host kind of an organisation source.
	Host    string        `json:"host,omitempty"`
	Filters SourceFilters `json:"filters,omitzero"`
	// ParentID is the organisation source a discovered repository came
	// from, 0 otherwise.
	ParentID int64 `json:"parent_id,omitempty"`
	// HostID is a discovered repository's stable identifier at its host.
	HostID string `json:"host_id,omitempty"`
	// State is a discovered repository's state: active, archived, renamed
	// or gone. A renamed one names its new URL in RenamedTo.
	State     string `json:"state,omitempty"`
	RenamedTo string `json:"renamed_to,omitempty"`
}

// Project is a catalogue entry: the latest good record of a source's
// repository, with who shares it and how fresh it is.
type Project struct {
	ID              string    `json:"id"`
	SourceID        int64     `json:"source_id"`
	ParticipantID   string    `json:"participant"`
	ParticipantName string    `json:"participant_name"`
	Country         string    `json:"country"`
	IndexedAt       time.Time `json:"indexed_at"`
	// Stale is true when the last crawl failed: the record is the last good
	// one and may be out of date. StaleReason says why.
	Stale       bool   `json:"stale"`
	StaleReason string `json:"stale_reason,omitempty"`
	Record
}

// CrawlRun summarises one pass of the indexer over the sources.
type CrawlRun struct {
	ID         int64     `json:"id"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	Indexed    int       `json:"indexed"`
	Unchanged  int       `json:"unchanged"`
	Failed     int       `json:"failed"`
}

// Declared is one participant as the operator's configuration declares it,
// with the repository URLs and the organisations it shares.
type Declared struct {
	Participant Participant
	Sources     []string
	Orgs        []DeclaredOrg
}

// DeclaredOrg is an organisation source in the operator's configuration.
type DeclaredOrg struct {
	URL     string
	Host    string
	Filters SourceFilters
}

// SyncResult counts what SyncDeclared changed.
type SyncResult struct {
	Participants   int
	SourcesAdded   int
	SourcesRemoved int
	// Reindex lists the projects whose participant, participant name or
	// country changed: the search index must be told.
	Reindex []string
}

var (
	idSlug     = regexp.MustCompile(`[^a-z0-9]+`)
	idValid    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	scpLikeURL = regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:`)
)

// ValidID reports whether id can name a participant: lower-case letters,
// digits and hyphens, starting with a letter or digit, at most 63 characters.
func ValidID(id string) bool { return idValid.MatchString(id) }

// ProjectID derives a project's stable identifier from its repository URL:
// the repository's name, made URL-safe, and a short hash of the whole URL so
// that two repositories with the same name never collide.
func ProjectID(repoURL string) string {
	u := strings.TrimRight(repoURL, "/")
	base := path.Base(strings.ReplaceAll(u, "\\", "/"))
	if scpLikeURL.MatchString(u) && !strings.Contains(base, "/") {
		base = base[strings.LastIndex(base, ":")+1:]
	}
	base = strings.TrimSuffix(strings.ToLower(base), ".git")
	slug := strings.Trim(idSlug.ReplaceAllString(base, "-"), "-")
	if len(slug) > 48 {
		slug = strings.Trim(slug[:48], "-")
	}
	if slug == "" {
		slug = "repo"
	}
	sum := sha256.Sum256([]byte(repoURL))
	return slug + "-" + hex.EncodeToString(sum[:4])
}
