// Package gitfetch gets one commit of a repository with go-git and presents
// its tree as an fs.FS for the analysers.
//
// Remote repositories (https, http, ssh, git and file:// URLs) are cloned at
// depth 1, one branch, no tags and no checkout: in memory while the pack
// stays under a size guard, in a temporary directory beyond it, and never
// above a hard cap. A local path to a repository, bare or not, is opened in
// place and nothing is copied. Every failure is an error whose text is a
// reason a person can act on; Kind tells the kinds apart.
package gitfetch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/memory"
)

// Options bound what a fetch may cost. Zero values take the defaults.
type Options struct {
	// TempDir is where clones too big for memory go; "" means os.TempDir().
	TempDir string
	// MemoryLimit is the pack size above which a clone moves to disk; a
	// negative limit sends every clone to disk.
	MemoryLimit int64
	// MaxPackBytes is the largest pack a clone may receive.
	MaxPackBytes int64
	// MaxBlobBytes is the largest file the returned fs.FS will read.
	MaxBlobBytes int64
	// ListTimeout bounds listing a remote's references.
	ListTimeout time.Duration
	// CloneTimeout bounds one clone.
	CloneTimeout time.Duration
	Logger       *slog.Logger
}

// Defaults for Options' zero values.
const (
	DefaultMemoryLimit  = 64 << 20
	DefaultMaxPackBytes = 2 << 30
	DefaultMaxBlobBytes = 8 << 20
	DefaultListTimeout  = time.Minute
	DefaultCloneTimeout = 10 * time.Minute
)

// Fetcher gets repositories. It is safe for concurrent use.
type Fetcher struct {
	opts Options
}

// New returns a Fetcher with opts, defaults filled in.
func New(opts Options) *Fetcher {
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.MaxPackBytes <= 0 {
		opts.MaxPackBytes = DefaultMaxPackBytes
	}
	if opts.MaxBlobBytes <= 0 {
		opts.MaxBlobBytes = DefaultMaxBlobBytes
	}
	if opts.ListTimeout <= 0 {
		opts.ListTimeout = DefaultListTimeout
	}
	if opts.CloneTimeout <= 0 {
		opts.CloneTimeout = DefaultCloneTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Fetcher{opts: opts}
}

// Head is where a repository's default branch points.
type Head struct {
	Branch string // short name, "" for a detached HEAD
	Commit string
}

// Snapshot is one commit of a repository. Close releases what it holds
// (a temporary directory, for a clone on disk).
type Snapshot struct {
	Head
	CommittedAt time.Time
	// FS is the commit's tree. Reading a file above MaxBlobBytes fails with
	// an error wrapping filetree.ErrTooLarge.
	FS fs.FS
	// OnDisk is true when the clone did not fit in memory.
	OnDisk  bool
	cleanup func() error
}

// Close releases the snapshot's resources.
func (s *Snapshot) Close() error {
	if s.cleanup == nil {
		return nil
	}
	return s.cleanup()
}

// IsLocalPath reports whether target names a path on this machine rather
// than a URL: no scheme and not the scp-like user@host:path form.
func IsLocalPath(target string) bool {
	if strings.Contains(target, "://") {
		return false
	}
	if i := strings.Index(target, ":"); i > 0 && !strings.ContainsAny(target[:i], `/\`) {
		return false // user@host:path
	}
	return true
}

// RemoteHead lists target's references, as `git ls-remote` would, and
// returns where its default branch points, without fetching any object.
// For a local path it opens the repository in place.
func (f *Fetcher) RemoteHead(ctx context.Context, target string) (Head, error) {
	if IsLocalPath(target) {
		repo, err := openLocal(target)
		if err != nil {
			return Head{}, err
		}
		return localHead(repo, target)
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.ListTimeout)
	defer cancel()
	remote := git.NewRemote(memory.NewStorage(), &gitconfig.RemoteConfig{Name: "origin", URLs: []string{target}})
	refs, err := remote.ListContext(ctx, &git.ListOptions{})
	if err != nil {
		return Head{}, classify(ctx, "list references of "+redact(target), err, f.opts.ListTimeout)
	}
	return defaultBranch(refs, target)
}

// defaultBranch finds the branch HEAD names: through the symref the server
// advertises, or, from servers too old to send one, the branch whose commit
// HEAD shares (main and master first).
func defaultBranch(refs []*plumbing.Reference, target string) (Head, error) {
	byName := map[plumbing.ReferenceName]*plumbing.Reference{}
	for _, r := range refs {
		byName[r.Name()] = r
	}
	head, ok := byName[plumbing.HEAD]
	if !ok {
		// git does not advertise a HEAD that names a missing branch.
		if h, ok := fallbackBranch(refs); ok {
			return h, nil
		}
		if len(refs) == 0 {
			return Head{}, fmt.Errorf("%w: %s has no commits", ErrEmpty, redact(target))
		}
		return Head{}, fmt.Errorf("%w: %s names no default branch (HEAD), and it has several branches, none of them main or master", ErrEmpty, redact(target))
	}
	if head.Type() == plumbing.SymbolicReference {
		if branch, ok := byName[head.Target()]; ok {
			return Head{Branch: head.Target().Short(), Commit: branch.Hash().String()}, nil
		}
		// HEAD names a branch that does not exist: the usual state of a
		// bare mirror made with "git init --bare" (master) and pushed main.
		if h, ok := fallbackBranch(refs); ok {
			return h, nil
		}
		return Head{}, fmt.Errorf("%w: the default branch of %s (%s) has no commits", ErrEmpty, redact(target), head.Target().Short())
	}
	for _, name := range []string{"main", "master"} {
		if r, ok := byName[plumbing.NewBranchReferenceName(name)]; ok && r.Hash() == head.Hash() {
			return Head{Branch: name, Commit: r.Hash().String()}, nil
		}
	}
	for _, r := range refs {
		if r.Name().IsBranch() && r.Hash() == head.Hash() {
			return Head{Branch: r.Name().Short(), Commit: r.Hash().String()}, nil
		}
	}
	return Head{Commit: head.Hash().String()}, nil
}

// Fetch returns the tree of target's default branch at head, which must
// come from RemoteHead (so the listing is not done twice).
func (f *Fetcher) Fetch(ctx context.Context, target string, head Head) (*Snapshot, error) {
	if IsLocalPath(target) {
		repo, closeFiles, err := openLocalForReading(target)
		if err != nil {
			return nil, err
		}
		snap, err := f.snapshot(repo, target, head, closeFiles)
		if err != nil {
			closeFiles()
		}
		return snap, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.CloneTimeout)
	defer cancel()
	opts := &git.CloneOptions{
		URL:          target,
		Depth:        1,
		SingleBranch: true,
		NoCheckout:   true,
		Tags:         git.NoTags,
	}
	if head.Branch != "" {
		opts.ReferenceName = plumbing.NewBranchReferenceName(head.Branch)
	}

	drain := !isHTTP(target)
	if f.opts.MemoryLimit > 0 {
		mem := &memoryStorage{Storage: memory.NewStorage(), limit: f.opts.MemoryLimit, drain: drain}
		repo, err := git.CloneContext(ctx, mem, nil, opts)
		if err == nil && !mem.exceeded {
			return f.snapshot(repo, target, clonedHead(repo, head), nil)
		}
		if !mem.exceeded {
			return nil, classify(ctx, "clone "+redact(target), err, f.opts.CloneTimeout)
		}
		f.opts.Logger.Debug("clone too big for memory, cloning to disk", "url", redact(target), "limit", f.opts.MemoryLimit)
	}

	dir, err := os.MkdirTemp(f.opts.TempDir, "govshare-clone-")
	if err != nil {
		return nil, fmt.Errorf("clone %s: make temporary directory: %w", redact(target), err)
	}
	disk := newDiskStorage(dir, f.opts.MaxPackBytes, drain)
	cleanup := func() error { return errors.Join(disk.Close(), os.RemoveAll(dir)) }
	repo, err := git.CloneContext(ctx, disk, nil, opts)
	if err != nil {
		cleanup()
		if disk.exceeded.Load() {
			return nil, fmt.Errorf("%w: clone %s: the repository's pack is larger than the %s limit", ErrTooLarge, redact(target), byteSize(f.opts.MaxPackBytes))
		}
		return nil, classify(ctx, "clone "+redact(target), err, f.opts.CloneTimeout)
	}
	snap, err := f.snapshot(repo, target, clonedHead(repo, head), cleanup)
	if err != nil {
		cleanup()
		return nil, err
	}
	snap.OnDisk = true
	return snap, nil
}

// clonedHead returns where the cloned branch points: the branch may have
// moved since RemoteHead listed it, and a depth-1 clone holds only its
// newest commit.
func clonedHead(repo *git.Repository, listed Head) Head {
	if listed.Branch == "" {
		if ref, err := repo.Head(); err == nil {
			listed.Commit = ref.Hash().String()
		}
		return listed
	}
	if ref, err := repo.Reference(plumbing.NewBranchReferenceName(listed.Branch), true); err == nil {
		listed.Commit = ref.Hash().String()
	}
	return listed
}

// snapshot reads the commit head names (or HEAD's, if head is empty) and
// wraps its tree.
func (f *Fetcher) snapshot(repo *git.Repository, target string, head Head, cleanup func() error) (*Snapshot, error) {
	if head.Commit == "" {
		h, err := localHead(repo, target)
		if err != nil {
			return nil, err
		}
		head = h
	}
	commit, err := repo.CommitObject(plumbing.NewHash(head.Commit))
	if err != nil {
		return nil, classify(context.Background(), "read commit "+head.Commit+" of "+redact(target), err, 0)
	}
	tree, err := commit.Tree()
	if err != nil {
		return nil, classify(context.Background(), "read tree of "+redact(target), err, 0)
	}
	fsys, err := newTreeFS(repo.Storer, tree, f.opts.MaxBlobBytes)
	if err != nil {
		return nil, classify(context.Background(), "read tree of "+redact(target), err, 0)
	}
	return &Snapshot{Head: head, CommittedAt: commit.Committer.When, FS: fsys, cleanup: cleanup}, nil
}

// isHTTP reports whether target is fetched over HTTP(S), where a clone can
// stop early without waiting for the server.
func isHTTP(target string) bool {
	return strings.HasPrefix(target, "https://") || strings.HasPrefix(target, "http://")
}

// openLocal opens a repository on this machine in place, bare or not.
func openLocal(path string) (*git.Repository, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotFound, path, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%w: %s is a file, not a directory", ErrNotRepository, path)
	}
	repo, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, fmt.Errorf("%w: %s is not a git repository", ErrNotRepository, path)
		}
		return nil, fmt.Errorf("%w: open %s: %v", ErrCorrupt, path, err)
	}
	return repo, nil
}

// openLocalForReading opens a repository in place like openLocal, but,
// where its git directory is a plain one (a work tree's .git, or a bare
// repository), keeps the pack files open between reads: go-git otherwise
// opens a pack for every object it looks up, a third of the time spent
// reading a large tree. The returned function closes those files.
func openLocalForReading(path string) (*git.Repository, func() error, error) {
	repo, err := openLocal(path)
	if err != nil {
		return nil, nil, err
	}
	gitDir := ""
	if info, err := os.Stat(filepath.Join(path, ".git")); err == nil && info.IsDir() {
		gitDir = filepath.Join(path, ".git")
	} else if _, err := os.Stat(filepath.Join(path, "objects")); err == nil {
		gitDir = path
	}
	if gitDir == "" {
		return repo, func() error { return nil }, nil // a linked work tree: go-git's defaults
	}
	st := filesystem.NewStorageWithOptions(osfs.New(gitDir), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	kept, err := git.Open(st, nil)
	if err != nil {
		st.Close()
		return repo, func() error { return nil }, nil
	}
	return kept, st.Close, nil
}

// fallbackBranch picks the branch to index when HEAD names none that
// exists: main, else master, else the only branch there is.
func fallbackBranch(refs []*plumbing.Reference) (Head, bool) {
	var branches []*plumbing.Reference
	for _, r := range refs {
		if r.Name().IsBranch() && r.Type() == plumbing.HashReference {
			branches = append(branches, r)
		}
	}
	for _, name := range []string{"main", "master"} {
		for _, r := range branches {
			if r.Name().Short() == name {
				return Head{Branch: name, Commit: r.Hash().String()}, true
			}
		}
	}
	if len(branches) == 1 {
		return Head{Branch: branches[0].Name().Short(), Commit: branches[0].Hash().String()}, true
	}
	return Head{}, false
}

func localHead(repo *git.Repository, target string) (Head, error) {
	ref, err := repo.Head()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			if iter, ierr := repo.References(); ierr == nil {
				var refs []*plumbing.Reference
				iter.ForEach(func(r *plumbing.Reference) error { refs = append(refs, r); return nil })
				if h, ok := fallbackBranch(refs); ok {
					return h, nil
				}
			}
			return Head{}, fmt.Errorf("%w: %s has no commits", ErrEmpty, redact(target))
		}
		return Head{}, fmt.Errorf("%w: read HEAD of %s: %v", ErrCorrupt, redact(target), err)
	}
	h := Head{Commit: ref.Hash().String()}
	if ref.Name().IsBranch() {
		h.Branch = ref.Name().Short()
	}
	return h, nil
}

// redact removes credentials from a URL before it reaches a log or an error.
func redact(target string) string {
	u, err := url.Parse(target)
	if err != nil || u.User == nil {
		return target
	}
	u.User = nil
	return u.String()
}

// AbsLocal makes a local path absolute and leaves URLs alone, so that a
// record names where a repository really is.
func AbsLocal(target string) string {
	if !IsLocalPath(target) {
		return target
	}
	if abs, err := filepath.Abs(target); err == nil {
		return abs
	}
	return target
}

// ShortCommit is the first twelve hex digits of a commit hash.
func ShortCommit(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
