// Package standards detects the open standards a repository shows evidence
// of using, and, as the opposite signal, documents in proprietary office
// formats. What it looks for is data: a register (register.yaml, embedded)
// lists each standard with its body, versions, royalty status and the
// declarative rules that detect it; Register returns it for the UI and the
// documentation.
//
// There is no claim without evidence: every standard Detect reports names
// the files (and, where it helps, the line) that show it. Detect reads
// files, never runs or interprets code: an API description that code
// generates at run time leaves no file and is not detected. The absence of
// a standard from the result therefore means "not detected", never
// "absent" or "not used".
//
// Detect never returns an error: a file that cannot be read is skipped and
// named in a warning.
package standards

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// MaxEvidence is how many files are listed as evidence for one standard;
// the last one's note says how many more were found.
const MaxEvidence = 10

// contentBudget bounds the bytes Detect reads from one tree. Past it the
// remaining files are only checked by name, and a warning says how many
// were not read.
const contentBudget = 64 << 20

// checkEvery is how many files Detect handles between context checks.
const checkEvery = 256

// Detect returns the standards tree shows evidence of, sorted by id, and
// warnings for the files it could not read. It walks the file list once:
// a file's content is read, at most once and only its first bytes, when
// its path matches a rule that looks inside files. It stops early, with no
// result, when ctx is done; the caller checks ctx.Err().
func Detect(ctx context.Context, tree *filetree.Tree) ([]registry.Standard, []string) {
	reg, err := embeddedRegister()
	if err != nil {
		return nil, []string{fmt.Sprintf("standards: %v", err)}
	}
	return reg.detect(ctx, tree)
}

func (reg *register) detect(ctx context.Context, tree *filetree.Tree) ([]registry.Standard, []string) {
	s := &scan{
		reg:     reg,
		tree:    tree,
		matches: make([][]match, len(reg.leaves)),
		buf:     make([]byte, reg.maxHead),
	}
	for i, f := range tree.Files() {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return nil, s.warnings
		}
		s.file(f)
	}
	if s.unread > 0 {
		s.warnings = append(s.warnings, fmt.Sprintf(
			"standards: read %d MiB of file contents, the limit; %d more files were checked by name only",
			contentBudget>>20, s.unread))
	}
	return reg.standardsFrom(s.matches), s.warnings
}

// scan is the state of one pass over a tree.
type scan struct {
	reg        *register
	tree       *filetree.Tree
	matches    [][]match // by leaf index, in walk order
	warnings   []string
	buf        []byte
	found      needleMask
	candidates []*leaf
	paths      pathMatcher
	read       int
	unread     int
}

// file runs the leaves that want f.
func (s *scan) file(f filetree.File) {
	paths := &s.paths
	paths.reset(strings.ToLower(f.Path), s.reg.globs)
	excludedKnown, excluded := false, false
	s.candidates = s.candidates[:0]
	need := 0
	for _, l := range s.reg.leaves {
		if !paths.matchesAny(l.files) {
			continue
		}
		if l.defaultExcludes && !excludedKnown {
			excluded, excludedKnown = paths.matchesAny(s.reg.defaultExclude), true
		}
		if (l.defaultExcludes && excluded) || paths.matchesAny(l.exclude) {
			continue
		}
		s.candidates = append(s.candidates, l)
		need = max(need, l.head)
	}
	if len(s.candidates) == 0 {
		return
	}
	if f.Size >= 0 {
		need = min(need, int(f.Size))
	}
	content := s.content(f, need)
	for _, l := range s.candidates {
		var m match
		if l.readsContent() {
			if content == nil {
				continue
			}
			var ok bool
			if m, ok = l.evaluate(content); !ok {
				continue
			}
		}
		m.path, m.dir = f.Path, path.Dir(f.Path)
		s.matches[l.index] = append(s.matches[l.index], m)
	}
}

// content reads the first need bytes of f, or returns nil when there is
// nothing to read, the budget is spent or the file cannot be read.
func (s *scan) content(f filetree.File, need int) *fileContent {
	if need <= 0 {
		return nil
	}
	if s.read+need > contentBudget {
		s.unread++
		return nil
	}
	head, err := s.tree.ReadHead(f.Path, s.buf[:need])
	if err != nil {
		s.warnings = append(s.warnings, filetree.Skipped(f.Path, err))
		return nil
	}
	s.read += len(head)
	content := &fileContent{name: f.Path, head: head}
	if slices.ContainsFunc(s.candidates, (*leaf).needsScan) {
		s.found = s.reg.needles.scan(head, s.found)
		content.needles = s.found
	}
	return content
}

// standardsFrom turns the leaves' matches into one Standard per standard
// with evidence.
func (reg *register) standardsFrom(matches [][]match) []registry.Standard {
	var out []registry.Standard
	for _, std := range reg.standards {
		var found []match
		for _, r := range std.rules {
			found = append(found, r.evaluate(matches)...)
		}
		if len(found) == 0 {
			continue
		}
		out = append(out, std.report(found))
	}
	slices.SortFunc(out, func(a, b registry.Standard) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// report builds the Standard from its matches: one piece of evidence per
// file (the first rule to match a file speaks for it), sorted by path and
// capped at MaxEvidence, and the versions the evidence shows.
func (std *standard) report(found []match) registry.Standard {
	seen := map[string]bool{}
	var evidence []registry.Evidence
	var versions []string
	for _, m := range found {
		if seen[m.path] {
			continue
		}
		seen[m.path] = true
		evidence = append(evidence, registry.Evidence{Path: m.path, Line: m.line, Note: m.note})
		if m.version != "" && !slices.Contains(versions, m.version) {
			versions = append(versions, m.version)
		}
	}
	slices.SortStableFunc(evidence, func(a, b registry.Evidence) int { return cmp.Compare(a.Path, b.Path) })
	if more := len(evidence) - MaxEvidence; more > 0 {
		evidence = evidence[:MaxEvidence]
		last := &evidence[MaxEvidence-1]
		last.Note = strings.TrimPrefix(last.Note+fmt.Sprintf("; and %d more %s", more, plural(more, "file")), "; ")
	}
	slices.SortFunc(versions, naturalCompare)
	return registry.Standard{
		ID:       std.entry.ID,
		Name:     std.entry.Name,
		Body:     std.entry.Body,
		Version:  strings.Join(versions, ", "),
		Status:   std.entry.Status,
		Evidence: evidence,
	}
}

// evaluate returns the matches that satisfy the rule, or nil.
func (n *node) evaluate(matches [][]match) []match {
	switch {
	case n.leaf != nil:
		return matches[n.leaf.index]
	case n.any != nil:
		var out []match
		for _, c := range n.any {
			out = append(out, c.evaluate(matches)...)
		}
		return out
	case n.sameDir:
		return n.evaluateSameDir(matches)
	default:
		var out []match
		for _, c := range n.all {
			found := c.evaluate(matches)
			if len(found) == 0 {
				return nil
			}
			out = append(out, found...)
		}
		return out
	}
}

// evaluateSameDir returns the matches of every folder where each rule of
// n.all matches a file.
func (n *node) evaluateSameDir(matches [][]match) []match {
	var out []match
	done := map[string]bool{}
	for _, first := range matches[n.all[0].leaf.index] {
		if done[first.dir] {
			continue
		}
		done[first.dir] = true
		var inDir []match
		complete := true
		for _, c := range n.all {
			before := len(inDir)
			for _, m := range matches[c.leaf.index] {
				if m.dir == first.dir {
					inDir = append(inDir, m)
				}
			}
			if len(inDir) == before {
				complete = false
				break
			}
		}
		if complete {
			out = append(out, inDir...)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// naturalCompare orders versions with their numbers compared as numbers,
// so that 2.9 comes before 2.10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		switch {
		case da != "" && db != "":
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if c := cmp.Compare(len(na), len(nb)); c != 0 {
				return c
			}
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[len(da):], b[len(db):]
		default:
			if c := cmp.Compare(a[0], b[0]); c != 0 {
				return c
			}
			a, b = a[1:], b[1:]
		}
	}
	return cmp.Compare(len(a), len(b))
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i]
}
