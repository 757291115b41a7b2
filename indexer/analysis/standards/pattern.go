package standards

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
)

// pattern is a compiled regular expression of the register with a cheap
// prefilter: the literals one of which every match must contain. Most
// files hold none of them, and the register's needleSet finds all of them
// in one pass, far faster than running the expressions.
type pattern struct {
	re *regexp.Regexp
	// needles are in ASCII lower case; nil means no prefilter.
	needles []string
	// ids are the needles' ids in the register's needleSet.
	ids []int
	// selfFiltering is set when the expression starts with a literal of
	// minNeedle bytes or more: the regexp package then finds candidates
	// as fast as the needle scan would, so a file only such patterns look
	// at is not scanned (a PDF, for its pdfaid:part).
	selfFiltering bool
}

// minNeedle is the shortest literal worth prefiltering on.
const minNeedle = 3

func compilePattern(expr string) (*pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("bad pattern: %w", err)
	}
	p := &pattern{re: re}
	if lit, _ := re.LiteralPrefix(); len(lit) >= minNeedle {
		p.selfFiltering = true
	}
	parsed, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return p, nil
	}
	literals := requiredLiterals(parsed)
	if shortest(literals) < minNeedle {
		return p, nil
	}
	for _, l := range literals {
		p.needles = append(p.needles, string(lowerASCII(nil, []byte(l))))
	}
	return p, nil
}

// mayMatch reports whether p can match a text holding the needles in
// found. It is false only when none of its needles occurs; a nil found
// means the text was not scanned.
func (p *pattern) mayMatch(found needleMask) bool {
	if p.needles == nil || found == nil {
		return true
	}
	for _, id := range p.ids {
		if found.has(id) {
			return true
		}
	}
	return false
}

// requiredLiterals returns literals such that any match of re contains at
// least one of them, or nil when it cannot tell.
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 && !isASCII(re.Rune) {
			// ASCII lower-casing cannot stand for Unicode case folding.
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// The longest literals filter best; on a tie the later ones, as
		// the distinctive name tends to follow a keyword (new WFS(...)).
		var best []string
		for _, sub := range re.Sub {
			if l := requiredLiterals(sub); l != nil && shortest(l) >= shortest(best) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	default:
		return nil
	}
}

// shortest returns the length of the shortest literal, 0 for none.
func shortest(literals []string) int {
	n := 0
	for i, l := range literals {
		if i == 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

func isASCII(runes []rune) bool {
	for _, r := range runes {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII appends src to dst with A-Z turned to a-z, other bytes as
// they are, and returns dst.
func lowerASCII(dst, src []byte) []byte {
	for _, b := range src {
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		dst = append(dst, b)
	}
	return dst
}
