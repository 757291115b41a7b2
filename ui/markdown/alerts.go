package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// alertMarker is the first line of one of GitHub's alerts:
// "> [!WARNING]" on a line of its own.
var alertMarker = regexp.MustCompile(`(?i)^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]$`)

// labelAlert turns an alert's marker into a bold label ("Warning"), as
// GitHub shows it, instead of leaving "[!WARNING]" in the text.
func (rw *rewriter) labelAlert(q *ast.Blockquote) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok {
		return
	}
	var marker []ast.Node
	var b strings.Builder
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || b.Len() > len("[!IMPORTANT]") {
			return
		}
		b.Write(t.Value(rw.src))
		marker = append(marker, t)
		if t.SoftLineBreak() || t.HardLineBreak() {
			break
		}
	}
	m := alertMarker.FindStringSubmatch(strings.TrimSpace(b.String()))
	if m == nil {
		return
	}
	label := ast.NewEmphasis(2)
	label.AppendChild(label, &literal{text: strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:])})
	last := marker[len(marker)-1]
	p.InsertBefore(p, marker[0], label)
	if last.NextSibling() != nil {
		p.InsertAfter(p, last, &literal{text: "\n"})
	}
	for _, n := range marker {
		p.RemoveChild(p, n)
	}
}
