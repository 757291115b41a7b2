package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// keptTag matches the raw HTML tags kept: <kbd>, <sup>, <sub> and <br>,
// opening or closing, with no attributes.
var keptTag = regexp.MustCompile(`(?i)^<(/?)(kbd|sup|sub|br)\s*/?>$`)

// allowedTag returns the name of a kept tag and whether it closes.
func allowedTag(n *ast.RawHTML, src []byte) (name string, closing, ok bool) {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(src))
	}
	m := keptTag.FindStringSubmatch(b.String())
	if m == nil {
		return "", false, false
	}
	return strings.ToLower(m[2]), m[1] == "/", true
}

// keepInlineTags replaces each kept raw tag with an inlineTag node and
// drops every other piece of raw HTML (its text stays: "<span>x</span>"
// reads "x"). A kept tag that does not open and close properly among its
// siblings is dropped too, so that no element can spill past its paragraph.
func keepInlineTags(raw []*ast.RawHTML, src []byte) {
	parents := make(map[ast.Node]bool)
	for _, n := range raw {
		name, closing, ok := allowedTag(n, src)
		if !ok {
			n.Parent().RemoveChild(n.Parent(), n)
			continue
		}
		if name == "br" {
			closing = false
		}
		parents[n.Parent()] = true
		replace(n, &inlineTag{name: name, closing: closing})
	}
	for p := range parents {
		balance(p)
	}
}

// balance removes the inline tags among p's children that are not matched:
// a closing tag without its opening, an opening tag never closed, or a pair
// crossing another.
func balance(p ast.Node) {
	var open []*inlineTag
	var unmatched []ast.Node
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*inlineTag)
		if !ok || t.name == "br" {
			continue
		}
		switch {
		case !t.closing:
			open = append(open, t)
		case len(open) > 0 && open[len(open)-1].name == t.name:
			open = open[:len(open)-1]
		default:
			unmatched = append(unmatched, t)
		}
	}
	for _, t := range open {
		unmatched = append(unmatched, t)
	}
	for _, t := range unmatched {
		p.RemoveChild(p, t)
	}
}
