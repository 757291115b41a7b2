package standards

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// glob is a compiled path glob: matched case-insensitively against the
// whole path from the repository root, segment by segment. A segment "**"
// matches any number of segments (none included); otherwise "*", "?" and
// "[...]" work as in path.Match, within one segment. "{a,b}" lists
// alternatives within a segment.
type glob struct {
	text     string
	segments []segment
	// index numbers the globs of a register, for pathMatcher.
	index int
}

// segment is one path segment of a glob: "**", or the alternatives its
// braces expand to.
type segment struct {
	anySegments bool
	alts        []alternative
	// tails, when set, are endings (from a dot) one of which a name must
	// have for any alternative to match: a quick way to turn most files
	// down by their extension.
	tails map[string]bool
}

// alternative is one brace-free form of a segment, with a fast form for
// the common shapes.
type alternative struct {
	kind    altKind
	literal string
	// parts are the literals between the stars of a starred alternative.
	parts   []string
	pattern string
}

type altKind int

const (
	exact   altKind = iota // name
	suffix                 // *.ext
	prefix                 // name*
	starred                // literals and stars: *name*.md
	general                // path.Match
)

// compileGlob checks and compiles one glob.
func compileGlob(text string) (*glob, error) {
	switch {
	case strings.TrimSpace(text) == "":
		return nil, errors.New("empty glob")
	case strings.HasPrefix(text, "/") || strings.HasPrefix(text, "./"):
		return nil, fmt.Errorf("glob %q: paths are relative to the root: drop the leading / or ./", text)
	case strings.Contains(text, `\`):
		return nil, fmt.Errorf("glob %q: use / between folders, and no escapes", text)
	}
	g := &glob{text: text}
	for _, s := range strings.Split(strings.ToLower(text), "/") {
		seg, err := compileSegment(s)
		if err != nil {
			return nil, fmt.Errorf("glob %q: %w", text, err)
		}
		g.segments = append(g.segments, seg)
	}
	return g, nil
}

func compileSegment(s string) (segment, error) {
	switch {
	case s == "":
		return segment{}, errors.New("empty path segment")
	case s == "**":
		return segment{anySegments: true}, nil
	case strings.Contains(s, "**"):
		return segment{}, errors.New("** must be a whole path segment")
	}
	expanded, err := expandBraces(s)
	if err != nil {
		return segment{}, err
	}
	seg := segment{tails: map[string]bool{}}
	for _, e := range expanded {
		alt, err := compileAlternative(e)
		if err != nil {
			return segment{}, err
		}
		seg.alts = append(seg.alts, alt)
		if tail := alt.tail(); tail != "" && seg.tails != nil {
			seg.tails[tail] = true
		} else {
			seg.tails = nil
		}
	}
	return seg, nil
}

func compileAlternative(s string) (alternative, error) {
	if s == "" {
		return alternative{}, errors.New("empty path segment")
	}
	if _, err := path.Match(s, ""); err != nil {
		return alternative{}, fmt.Errorf("segment %q: %w", s, err)
	}
	const meta = `*?[`
	switch {
	case !strings.ContainsAny(s, meta):
		return alternative{kind: exact, literal: s}, nil
	case strings.HasPrefix(s, "*") && !strings.ContainsAny(s[1:], meta):
		return alternative{kind: suffix, literal: s[1:]}, nil
	case strings.HasSuffix(s, "*") && !strings.ContainsAny(s[:len(s)-1], meta):
		return alternative{kind: prefix, literal: s[:len(s)-1]}, nil
	case !strings.ContainsAny(s, "?["):
		return alternative{kind: starred, parts: strings.Split(s, "*")}, nil
	default:
		return alternative{kind: general, pattern: s}, nil
	}
}

// tail returns an ending, from a dot, that every name the alternative
// matches has; "" when there is none to rely on.
func (a alternative) tail() string {
	var end string
	switch a.kind {
	case exact:
		if i := strings.LastIndexByte(a.literal, '.'); i >= 0 {
			return a.literal[i:]
		}
		return ""
	case suffix:
		end = a.literal
	case starred:
		end = a.parts[len(a.parts)-1]
	default:
		return ""
	}
	if strings.HasPrefix(end, ".") {
		return end
	}
	return ""
}

// expandBraces turns "a.{x,y}" into "a.x" and "a.y". Braces do not nest.
func expandBraces(s string) ([]string, error) {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		if strings.IndexByte(s, '}') >= 0 {
			return nil, errors.New("} without {")
		}
		return []string{s}, nil
	}
	closing := strings.IndexByte(s[open:], '}')
	if closing < 0 {
		return nil, errors.New("{ without }")
	}
	closing += open
	inner := s[open+1 : closing]
	if strings.ContainsAny(inner, "{") {
		return nil, errors.New("braces do not nest")
	}
	rest, err := expandBraces(s[closing+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(inner, ",") {
		for _, r := range rest {
			out = append(out, s[:open]+alt+r)
		}
	}
	return out, nil
}

// match reports whether the path, split into lower-case segments, matches.
func (g *glob) match(segs []string) bool {
	return matchSegments(g.segments, segs)
}

func matchSegments(pat []segment, segs []string) bool {
	// The last segment is the most selective (a file name or extension):
	// try it first.
	if last := pat[len(pat)-1]; !last.anySegments {
		if len(segs) == 0 || !last.matches(segs[len(segs)-1]) {
			return false
		}
	}
	for len(pat) > 0 {
		if pat[0].anySegments {
			pat = pat[1:]
			if len(pat) == 0 {
				return true
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 || !pat[0].matches(segs[0]) {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// matches reports whether one path segment matches.
func (s segment) matches(name string) bool {
	if s.anySegments {
		return true
	}
	if s.tails != nil && !hasTail(name, s.tails) {
		return false
	}
	for _, a := range s.alts {
		if a.matches(name) {
			return true
		}
	}
	return false
}

// hasTail reports whether name ends with one of tails, each starting at a
// dot.
func hasTail(name string, tails map[string]bool) bool {
	for i := 0; i < len(name); i++ {
		if name[i] == '.' && tails[name[i:]] {
			return true
		}
	}
	return false
}

func (a alternative) matches(name string) bool {
	switch a.kind {
	case exact:
		return name == a.literal
	case suffix:
		return strings.HasSuffix(name, a.literal)
	case prefix:
		return strings.HasPrefix(name, a.literal)
	case starred:
		return matchStarred(a.parts, name)
	default:
		ok, _ := path.Match(a.pattern, name)
		return ok
	}
}

// matchStarred matches name against literals that stars separate: the
// first is a prefix, the last a suffix, the others appear in order between.
func matchStarred(parts []string, name string) bool {
	first, last := parts[0], parts[len(parts)-1]
	if len(name) < len(first)+len(last) || !strings.HasPrefix(name, first) || !strings.HasSuffix(name, last) {
		return false
	}
	middle := name[len(first) : len(name)-len(last)]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(middle, p)
		if i < 0 {
			return false
		}
		middle = middle[i+len(p):]
	}
	return true
}

// pathMatcher matches one path against the register's globs, remembering
// each glob's answer: globsets are shared by many rules, so most globs
// would otherwise be tried several times on the same path.
type pathMatcher struct {
	segs []string
	// memo holds, by glob index, 0 for not tried yet, 1 for a match, 2
	// for none.
	memo []uint8
}

// reset prepares the matcher for a new path.
func (m *pathMatcher) reset(lowerPath string, globs int) {
	m.segs = strings.Split(lowerPath, "/")
	if cap(m.memo) < globs {
		m.memo = make([]uint8, globs)
	}
	m.memo = m.memo[:globs]
	clear(m.memo)
}

// matchesAny reports whether any of globs matches the path.
func (m *pathMatcher) matchesAny(globs []*glob) bool {
	for _, g := range globs {
		switch m.memo[g.index] {
		case 1:
			return true
		case 2:
			continue
		}
		if g.match(m.segs) {
			m.memo[g.index] = 1
			return true
		}
		m.memo[g.index] = 2
	}
	return false
}
