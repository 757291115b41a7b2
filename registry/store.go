package registry

import (
	"context"
	"time"
)

// Store is the source of truth: participants, sources, project records and
// crawl history. The search index is derived from it and can always be
// rebuilt from it.
//
// Methods that look one thing up return an *Error with code ENOTFOUND when
// it does not exist.
type Store interface {
	// SyncDeclared makes the participants and config-origin sources match
	// the operator's declaration. Sources no longer declared are removed,
	// and so are their projects; their IDs are returned so the caller can
	// drop them from the search index.
	SyncDeclared(ctx context.Context, declared []Declared) (SyncResult, []string, error)

	Participant(ctx context.Context, id string) (*Participant, error)
	Participants(ctx context.Context) ([]*Participant, error)

	Source(ctx context.Context, id int64) (*Source, error)
	// Sources lists sources, all of them when participantID is "".
	Sources(ctx context.Context, participantID string) ([]*Source, error)

	// RecordSuccess stores a fresh project record for a source and marks
	// the source healthy.
	RecordSuccess(ctx context.Context, sourceID int64, p *Project) error
	// RecordUnchanged notes that the source was checked at a time and its
	// repository had not moved.
	RecordUnchanged(ctx context.Context, sourceID int64, at time.Time) error
	// RecordFailure notes a failed crawl with its reason. The source's last
	// good project, if any, stays and is marked stale; it is returned (nil
	// when there is none) so the caller can update the search index.
	RecordFailure(ctx context.Context, sourceID int64, at time.Time, reason string) (*Project, error)

	// Project returns a whole project, its README's text and source
	// included.
	Project(ctx context.Context, id string) (*Project, error)
	// ProjectsByID returns the projects that exist among ids, in the order
	// given, without their README's Text and Source: lists and exports
	// need neither, and a source can weigh 512 KiB.
	ProjectsByID(ctx context.Context, ids []string) ([]*Project, error)
	// EachProject calls fn for every project, stopping at its first error.
	// Projects come with their README's Text (the search index needs it)
	// but not its Source.
	EachProject(ctx context.Context, fn func(*Project) error) error

	// CreateParticipant adds a participant; ECONFLICT if the id is taken.
	CreateParticipant(ctx context.Context, p *Participant) error

	// AddSource registers src (its ParticipantID, URL, Origin, Kind, Host
	// and Filters set) and fills in its ID and ProjectID. ECONFLICT when
	// the URL is registered already, by anyone.
	AddSource(ctx context.Context, src *Source) error
	// UpdateSourceFilters changes an organisation source's filters.
	UpdateSourceFilters(ctx context.Context, id int64, f SourceFilters) error
	// RemoveSource removes a source, the repositories discovered from it
	// and their projects, whose IDs it returns so the caller can drop them
	// from the search index.
	RemoveSource(ctx context.Context, id int64) ([]string, error)
	// SyncDiscovered reconciles the repositories an organisation source
	// lists now with those found before: new ones are added, archived ones
	// marked, renamed ones (same HostID, new URL) moved with a redirect,
	// and ones no longer listed marked gone, their records kept and stale.
	// It returns what changed and the project IDs to drop from the index.
	SyncDiscovered(ctx context.Context, parentID int64, found []DiscoveredRepo, at time.Time) (DiscoveryChanges, []string, error)
	// Redirect returns the project a renamed project's old ID now points
	// to, or ENOTFOUND.
	Redirect(ctx context.Context, oldProjectID string) (string, error)

	// CreateToken stores a new token under the hash of its secret and
	// fills in its ID.
	CreateToken(ctx context.Context, t *Token, hash []byte) error
	// TokenByHash finds a token, revoked or not, by the hash of its
	// secret; ENOTFOUND when none matches.
	TokenByHash(ctx context.Context, hash []byte) (*Token, error)
	// Tokens lists a participant's tokens ("" lists operator tokens).
	Tokens(ctx context.Context, participantID string) ([]*Token, error)
	TouchToken(ctx context.Context, id int64, at time.Time) error
	RevokeToken(ctx context.Context, id int64, at time.Time) error

	// Record appends an entry to the audit log.
	Record(ctx context.Context, e *AuditEntry) error
	// Audit lists the newest entries first, a participant's ("" for all),
	// at most limit of them.
	Audit(ctx context.Context, participantID string, limit int) ([]*AuditEntry, error)

	StartCrawlRun(ctx context.Context, at time.Time) (*CrawlRun, error)
	FinishCrawlRun(ctx context.Context, run *CrawlRun) error
	// LastCrawlRun returns the most recent run, or ENOTFOUND.
	LastCrawlRun(ctx context.Context) (*CrawlRun, error)

	Close() error
}

// DiscoveryChanges counts what SyncDiscovered changed.
type DiscoveryChanges struct {
	Added, Archived, Unarchived, Renamed, Gone int
}

// SearchQuery is a catalogue search: free text plus facet filters, a sort
// order and a page.
type SearchQuery struct {
	Text    string
	License string
	// LicenseFamily is one of the licence families (permissive,
	// weak-copyleft, strong-copyleft, public-domain,
	// proprietary-or-unknown) of indexer/analysis/licenses.Family.
	LicenseFamily string
	Language      string
	Participant   string
	Country       string
	// Standard is the id of an open standard the project shows evidence
	// of (see indexer/analysis/standards), e.g. "openapi".
	Standard string
	// CheckStatus is CheckPass, CheckWarn or CheckFail: the worst outcome
	// among the project's checks.
	CheckStatus string
	// Activity keeps projects by the date of their last commit, relative
	// to Now: one of the Activity constants.
	Activity string
	// HasPubliccode is "true" or "false" to keep only projects with, or
	// without, a publiccode.yml; "" for both.
	HasPubliccode string
	// Sort is SortRelevance (also ""), SortRecent or SortName.
	Sort    string
	Page    int // from 1
	PerPage int
	// Now is the time last activity is measured from; zero means the
	// searcher's clock.
	Now time.Time
}

// Sort orders of a search.
const (
	// SortRelevance puts the best match first; with no text, the most
	// recently updated.
	SortRelevance = "relevance"
	// SortRecent puts the most recent last commit first.
	SortRecent = "recent"
	// SortName orders by project name, A to Z.
	SortName = "name"
)

// Last-activity buckets: the age of a project's last commit.
const (
	ActivityMonth      = "month"       // within the last 30 days
	ActivityYear       = "year"        // 30 days to a year ago
	ActivityThreeYears = "three-years" // one to three years ago
	ActivityOlder      = "older"       // more than three years ago
)

// FacetValue is one value of a facet with the number of matching projects.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchHit is one matching project. Fragments hold highlighted excerpts by
// field, with matches wrapped in <mark>; the rest of the text is escaped.
type SearchHit struct {
	ID        string              `json:"id"`
	Score     float64             `json:"score"`
	Fragments map[string][]string `json:"fragments,omitempty"`
}

// SearchResult is one page of hits, the total, and facet counts over every
// match.
type SearchResult struct {
	Total  int                     `json:"total"`
	Hits   []SearchHit             `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
}

// Searcher answers catalogue searches.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
	// Similar returns up to n projects most like the project id, from the
	// terms and facets they share, best first; never the project itself.
	// A project the index does not hold has no similar projects.
	Similar(ctx context.Context, id string, n int) ([]SearchHit, error)
}
