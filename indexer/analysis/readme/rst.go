package readme

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	rstDirective  = regexp.MustCompile(`^\.\.(?:\s|$)`)
	rstListItem   = regexp.MustCompile(`^\s*(?:[-*+•]|\d{1,9}[.)]|#\.)\s+`)
	rstFieldLine  = regexp.MustCompile(`^:[\w -]+:(\s|$)`)
	rstLiteral    = regexp.MustCompile("``([^`]+)``")
	rstNamedLink  = regexp.MustCompile("`([^`<]+?)\\s*<[^>]+>`__?")
	rstRefLink    = regexp.MustCompile("`([^`]+)`__?")
	rstRole       = regexp.MustCompile(":[\\w-]+:`([^`]+)`")
	rstSubst      = regexp.MustCompile(`\|[^|\s][^|]*\|_{0,2}`)
	rstStrong     = regexp.MustCompile(`\*\*(\S(?:.*?\S)?)\*\*`)
	rstEmphasis   = regexp.MustCompile(`(^|\W)\*(\S(?:[^*]*?\S)?)\*(\W|$)`)
	rstWordRef    = regexp.MustCompile(`\b(\w+)__?(\W|$)`)
	rstNavSymbols = regexp.MustCompile(`[\s|•·/,–—-]+`)
)

// rstAdornments are the characters section titles are over- and
// underlined with.
const rstAdornments = "=-~^*+#\"'`:._"

// isAdornment reports whether s is one adornment character repeated.
func isAdornment(s string) bool {
	return s != "" && strings.ContainsRune(rstAdornments, rune(s[0])) && strings.Count(s, s[:1]) == len(s)
}

// rstBlocks splits reStructuredText into blocks of plain text. Directives
// (images, badges, includes) and comments are dropped with their indented
// bodies; a line over or under an adornment is a heading; the indented block
// after a paragraph ending in "::" is code.
func rstBlocks(src string) []block {
	bb := &blockBuilder{convert: rstInline, isNav: rstNavigation}
	lines := strings.Split(src, "\n")
	inDirective, literalNext := false, false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		if inDirective {
			if trimmed == "" || indented {
				continue
			}
			inDirective = false
		}
		if bb.kind == code && len(bb.lines) > 0 && trimmed != "" && !indented {
			// The literal block ended.
			bb.flush()
			literalNext = false
		}
		switch {
		case trimmed == "":
			if len(bb.lines) > 0 && bb.kind != code {
				literalNext = strings.HasSuffix(bb.lines[len(bb.lines)-1], "::")
			}
			if bb.kind != code || !literalNext {
				bb.flush()
			}
		case literalNext && indented:
			bb.add(code, line)
		case rstDirective.MatchString(line):
			bb.flush()
			inDirective = true
		case isAdornment(trimmed) && len(bb.lines) == 1 && bb.kind == prose &&
			len(trimmed) >= utf8.RuneCountInString(strings.TrimSpace(bb.lines[0])):
			bb.kind = heading // underlined title
			bb.flush()
		case isAdornment(trimmed) && len(trimmed) >= 3:
			bb.flush() // overline or transition
		case rstFieldLine.MatchString(line) && len(bb.lines) == 0:
			// Bibliographic fields (:Author:, :Version:) are not prose.
			bb.add(list, line)
		case rstListItem.MatchString(line):
			bb.add(list, rstListItem.ReplaceAllString(line, ""))
		default:
			literalNext = false
			bb.continueBlock(line)
		}
	}
	bb.flush()
	return bb.blocks
}

// rstInline turns one line of reStructuredText into plain text.
func rstInline(s string) string {
	s = rstLiteral.ReplaceAllString(s, "$1")
	s = rstNamedLink.ReplaceAllString(s, "$1")
	s = rstRole.ReplaceAllString(s, "$1")
	s = rstRefLink.ReplaceAllString(s, "$1")
	s = rstSubst.ReplaceAllString(s, "")
	s = rstStrong.ReplaceAllString(s, "$1")
	s = rstEmphasis.ReplaceAllString(s, "$1$2$3")
	s = rstWordRef.ReplaceAllString(s, "$1$2")
	if strings.HasSuffix(s, "::") {
		s = strings.TrimSuffix(s, ":")
	}
	return spaces.ReplaceAllString(s, " ")
}

// rstNavigation reports whether a block is only substitutions (badges) and
// links.
func rstNavigation(raw string) bool {
	rest := rstSubst.ReplaceAllString(raw, "")
	rest = rstNamedLink.ReplaceAllString(rest, "")
	rest = rstNavSymbols.ReplaceAllString(rest, "")
	return !hasLetter(rest)
}
