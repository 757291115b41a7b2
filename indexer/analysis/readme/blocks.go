package readme

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is what a block of a README is.
type kind int

const (
	prose kind = iota
	quote
	heading
	list
	table
	code
	htmlBlock
)

// block is one run of lines of a README, already in plain text.
type block struct {
	kind kind
	text string
	// navigation is true when the block holds nothing but links and
	// images (a badge row, "Docs | Demo | Chat").
	navigation bool
}

// summary returns the first block of prose, cut to MaxSummary characters.
func summary(blocks []block) string {
	for _, b := range blocks {
		if (b.kind != prose && b.kind != quote) || b.navigation {
			continue
		}
		s := strings.Join(strings.Fields(b.text), " ")
		if !hasLetter(s) {
			continue
		}
		return truncate(s, MaxSummary)
	}
	return ""
}

// text joins the blocks into the plain text kept for search, cut to
// MaxText bytes.
func text(blocks []block) string {
	var b strings.Builder
	for _, bl := range blocks {
		t := strings.TrimSpace(bl.text)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(t)
		if b.Len() > MaxText {
			break
		}
	}
	return cutBytes(b.String(), MaxText)
}

// truncate cuts s to at most n characters, at a word boundary, marking the
// cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)[:n-1]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-") + "…"
}

// cutBytes cuts s to at most n bytes without splitting a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// blockBuilder collects lines into blocks.
type blockBuilder struct {
	blocks  []block
	kind    kind
	lines   []string
	convert func(string) string
	isNav   func(string) bool
}

// add appends a line to the current block, starting a new block when the
// kind changes.
func (bb *blockBuilder) add(k kind, line string) {
	if len(bb.lines) > 0 && bb.kind != k {
		bb.flush()
	}
	bb.kind = k
	bb.lines = append(bb.lines, line)
}

// continueBlock appends a line to the current block whatever its kind, or
// starts a prose block.
func (bb *blockBuilder) continueBlock(line string) {
	if len(bb.lines) == 0 {
		bb.kind = prose
	}
	bb.lines = append(bb.lines, line)
}

func (bb *blockBuilder) flush() {
	if len(bb.lines) == 0 {
		return
	}
	raw := strings.Join(bb.lines, "\n")
	b := block{kind: bb.kind}
	switch bb.kind {
	case code:
		b.text = raw
	default:
		converted := make([]string, 0, len(bb.lines))
		for _, l := range bb.lines {
			if c := strings.TrimSpace(bb.convert(l)); c != "" {
				converted = append(converted, c)
			}
		}
		b.text = strings.Join(converted, "\n")
		b.navigation = bb.isNav(raw)
	}
	bb.blocks = append(bb.blocks, b)
	bb.lines = bb.lines[:0]
}

// spaces collapses runs of blanks inside a line.
var spaces = regexp.MustCompile(`[ \t]+`)

// isRule reports whether a line is one character of chars repeated at least
// three times: a heading underline or a horizontal rule.
func isRule(line, chars string) bool {
	t := strings.TrimSpace(line)
	if len(t) < 3 || !strings.ContainsRune(chars, rune(t[0])) {
		return false
	}
	return strings.Count(t, t[:1]) == len(t)
}
