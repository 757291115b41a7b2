package readme

import (
	"html"
	"regexp"
	"strings"
)

var (
	mdComment    = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdFence      = regexp.MustCompile("^ {0,3}(```|~~~)")
	mdATXHeading = regexp.MustCompile(`^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	mdSetextLine = regexp.MustCompile(`^ {0,3}(=+|-+)\s*$`)
	mdRule       = regexp.MustCompile(`^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	mdLinkDef    = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*\S`)
	mdListItem   = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+`)
	mdTableRow   = regexp.MustCompile(`^\s*\|`)
	mdTableRule  = regexp.MustCompile(`^[\s|:-]+$`)
	mdQuote      = regexp.MustCompile(`^ {0,3}>\s?`)
	mdHTMLStart  = regexp.MustCompile(`^ {0,3}</?[a-zA-Z][a-zA-Z0-9-]*(?:\s|/?>|$)`)
	mdAlert      = regexp.MustCompile(`^\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*`)
	mdAutolink   = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdImage      = regexp.MustCompile(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	mdInlineLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLink    = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdTag        = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdCodeSpan   = regexp.MustCompile("`+([^`]+)`+")
	mdStrong     = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmphasis   = regexp.MustCompile(`(^|[^\w*])([*_])(\S(?:[^*_]*?\S)?)[*_]([^\w*]|$)`)
	mdStrike     = regexp.MustCompile(`~~(\S(?:.*?\S)?)~~`)
	mdEscape     = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|<>~])`)
	mdAnyLink    = regexp.MustCompile(`!?\[(?:[^\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])`)
	mdNavSymbols = regexp.MustCompile(`[\s|•·/,–—-]+`)
)

// markdownBlocks splits Markdown into blocks of plain text.
func markdownBlocks(src string) []block {
	src = mdComment.ReplaceAllString(src, "")
	bb := &blockBuilder{convert: markdownInline, isNav: markdownNavigation}
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			bb.flush()
		case mdFence.MatchString(line):
			bb.flush()
			fence := mdFence.FindStringSubmatch(line)[1]
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				bb.add(code, lines[i])
			}
			bb.flush()
		case mdATXHeading.MatchString(line):
			bb.flush()
			bb.add(heading, mdATXHeading.FindStringSubmatch(line)[1])
			bb.flush()
		case mdSetextLine.MatchString(line) && len(bb.lines) > 0 && bb.kind == prose:
			// The paragraph so far was a heading.
			bb.kind = heading
			bb.flush()
		case mdRule.MatchString(line):
			bb.flush()
		case mdLinkDef.MatchString(line):
		case mdTableRow.MatchString(line):
			if !mdTableRule.MatchString(line) {
				bb.add(table, strings.ReplaceAll(strings.Trim(trimmed, "|"), "|", " "))
			}
		case mdListItem.MatchString(line):
			bb.add(list, mdListItem.ReplaceAllString(line, ""))
		case mdQuote.MatchString(line):
			for mdQuote.MatchString(line) {
				line = mdQuote.ReplaceAllString(line, "")
			}
			bb.add(quote, mdAlert.ReplaceAllString(line, ""))
		case mdHTMLStart.MatchString(line) && len(bb.lines) == 0:
			bb.add(htmlBlock, line)
		default:
			bb.continueBlock(line)
		}
	}
	bb.flush()
	return bb.blocks
}

// markdownInline turns one line of Markdown into plain text: images go,
// links keep their text, emphasis and code marks go, entities are decoded.
func markdownInline(s string) string {
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdImage.ReplaceAllString(s, "")
	s = mdInlineLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, "")
	s = mdCodeSpan.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$2")
	for range 2 { // neighbouring matches share a delimiter character
		s = mdEmphasis.ReplaceAllString(s, "$1$3$4")
	}
	s = mdStrike.ReplaceAllString(s, "$1")
	s = mdEscape.ReplaceAllString(s, "$1")
	s = html.UnescapeString(s)
	return spaces.ReplaceAllString(s, " ")
}

// markdownNavigation reports whether a block is only links, images and
// separators: a row of badges or a navigation line.
func markdownNavigation(raw string) bool {
	rest := mdAnyLink.ReplaceAllString(raw, "")
	rest = mdAutolink.ReplaceAllString(rest, "")
	rest = mdTag.ReplaceAllString(rest, "")
	rest = mdNavSymbols.ReplaceAllString(rest, "")
	return !hasLetter(rest)
}
