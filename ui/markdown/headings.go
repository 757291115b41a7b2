package markdown

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// outline moves headings down to start at TopHeading, closing up the levels
// the README skips (h1, h3 becomes h3, h4), and gives each the id GitHub
// would, prefixed with IDPrefix: "## Getting started" gets
// "readme-getting-started", so that a link to #getting-started written for
// GitHub still lands on it.
func outline(headings []*ast.Heading, src []byte) {
	var levels []int
	for _, h := range headings {
		if !slices.Contains(levels, h.Level) {
			levels = append(levels, h.Level)
		}
	}
	slices.Sort(levels)
	ids := headingIDs{used: make(map[string]bool, len(headings)), next: make(map[string]int)}
	for _, h := range headings {
		h.Level = min(TopHeading+slices.Index(levels, h.Level), 6)
		h.SetAttributeString("id", []byte(IDPrefix+ids.unique(slug(plainText(h, src)))))
	}
}

// slug is GitHub's heading anchor: lower case, letters, digits, marks, "-"
// and "_" kept, spaces turned into "-", anything else dropped.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headingIDs hands out each slug once.
type headingIDs struct {
	used map[string]bool
	next map[string]int // the last number tried after each slug
}

// unique returns s, or s-1, s-2 ... when s was already used, as GitHub
// numbers repeated headings. An empty slug becomes "section". Remembering
// the last number keeps a README of thousands of equal headings linear.
func (ids headingIDs) unique(s string) string {
	if s == "" {
		s = "section"
	}
	id := s
	for ids.used[id] {
		ids.next[s]++
		id = s + "-" + strconv.Itoa(ids.next[s])
	}
	ids.used[id] = true
	return id
}

// plainText returns the text of n as a reader sees it, leaving out the
// images and raw HTML inside it.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Image, *ast.RawHTML:
			if c != n {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *literal:
			b.WriteString(c.text)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
