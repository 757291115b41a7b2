package readme

import "strings"

// plainBlocks splits plain text into paragraphs. A line underlined (or
// overlined) with =, -, ~ and the like is a heading, and so is a short
// first paragraph of one line without final punctuation: the title.
func plainBlocks(src string) []block {
	bb := &blockBuilder{
		convert: func(s string) string { return spaces.ReplaceAllString(s, " ") },
		isNav:   func(string) bool { return false },
	}
	for line := range strings.SplitSeq(src, "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			bb.flush()
		case isRule(line, "=-~*#_"):
			if len(bb.lines) == 1 {
				bb.kind = heading
			}
			bb.flush()
		default:
			bb.continueBlock(line)
		}
	}
	bb.flush()
	if len(bb.blocks) > 0 && looksLikeTitle(bb.blocks[0].text) {
		bb.blocks[0].kind = heading
	}
	return bb.blocks
}

// looksLikeTitle reports whether a paragraph is a title line: one short line
// that does not end like a sentence.
func looksLikeTitle(s string) bool {
	return !strings.Contains(s, "\n") && len(strings.Fields(s)) <= 8 &&
		!strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ":")
}
