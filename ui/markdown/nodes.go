package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The rewriting replaces goldmark's links, images and raw HTML with nodes of
// its own, written by nodeRenderer with every value escaped here: nothing
// from the README reaches the output through goldmark's own URL handling.
var (
	kindAnchor    = ast.NewNodeKind("ReadmeAnchor")
	kindLiteral   = ast.NewNodeKind("ReadmeLiteral")
	kindInlineTag = ast.NewNodeKind("ReadmeInlineTag")
)

// rel marks every link that leaves the page.
const rel = "external nofollow noopener noreferrer ugc"

// anchor is a link whose address has been checked and resolved.
type anchor struct {
	ast.BaseInline
	href  string
	title string
}

func (n *anchor) Kind() ast.NodeKind { return kindAnchor }

func (n *anchor) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Href": n.href, "Title": n.title}, nil)
}

// literal is text that is not in the source: an image's replacement, a
// task box, an autolink's label.
type literal struct {
	ast.BaseInline
	text string
}

func (n *literal) Kind() ast.NodeKind { return kindLiteral }

func (n *literal) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Text": n.text}, nil)
}

// inlineTag is one of the few raw HTML tags kept, with no attributes.
type inlineTag struct {
	ast.BaseInline
	name    string
	closing bool
}

func (n *inlineTag) Kind() ast.NodeKind { return kindInlineTag }

func (n *inlineTag) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.name}, nil)
}

// nodeRenderer writes the rewriting's nodes.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAnchor, renderAnchor)
	reg.Register(kindLiteral, renderLiteral)
	reg.Register(kindInlineTag, renderInlineTag)
}

func renderAnchor(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*anchor)
	_, _ = w.WriteString(`<a href="` + html.EscapeString(n.href) + `"`)
	if n.title != "" {
		_, _ = w.WriteString(` title="` + html.EscapeString(n.title) + `"`)
	}
	if !isFragment(n.href) {
		_, _ = w.WriteString(` rel="` + rel + `"`)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderLiteral(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(html.EscapeString(node.(*literal).text))
	}
	return ast.WalkContinue, nil
}

func renderInlineTag(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*inlineTag)
	if entering {
		switch {
		case n.name == "br":
			_, _ = w.WriteString("<br>")
		case n.closing:
			_, _ = w.WriteString("</" + n.name + ">")
		default:
			_, _ = w.WriteString("<" + n.name + ">")
		}
	}
	return ast.WalkContinue, nil
}
