package markdown

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// rewriter turns a parsed README into a tree with nothing unsafe left in
// it; see the package documentation for what it does and why.
type rewriter struct {
	src     []byte
	links   linkResolver
	anchors []*anchor // every anchor made, to check each has words
}

func newRewriter(src []byte, opts Options) *rewriter {
	return &rewriter{src: src, links: linkResolver{dir: path.Dir(opts.Path), fileURL: opts.FileURL}}
}

// found holds the nodes the rewriting changes, collected in one walk so
// that the tree is not changed while it is walked.
type found struct {
	paragraphs []*ast.Paragraph
	quotes     []*ast.Blockquote
	headings   []*ast.Heading
	images     []*ast.Image
	links      []*ast.Link
	autolinks  []*ast.AutoLink
	rawHTML    []*ast.RawHTML
	htmlBlocks []*ast.HTMLBlock
	taskBoxes  []*east.TaskCheckBox
}

func (rw *rewriter) rewrite(doc ast.Node) {
	var f found
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			f.paragraphs = append(f.paragraphs, n)
		case *ast.Blockquote:
			f.quotes = append(f.quotes, n)
		case *ast.Heading:
			f.headings = append(f.headings, n)
		case *ast.Image:
			f.images = append(f.images, n)
		case *ast.Link:
			f.links = append(f.links, n)
		case *ast.AutoLink:
			f.autolinks = append(f.autolinks, n)
		case *ast.RawHTML:
			f.rawHTML = append(f.rawHTML, n)
		case *ast.HTMLBlock:
			f.htmlBlocks = append(f.htmlBlocks, n)
			return ast.WalkSkipChildren, nil
		case *east.TaskCheckBox:
			f.taskBoxes = append(f.taskBoxes, n)
		}
		return ast.WalkContinue, nil
	})

	// Headings first, while their text is still as written.
	outline(f.headings, rw.src)
	for _, q := range f.quotes {
		rw.labelAlert(q)
	}
	for _, p := range f.paragraphs {
		if rw.isBadgeRow(p) {
			p.Parent().RemoveChild(p.Parent(), p)
		}
	}
	// Images before links, while "inside a link" can still be told.
	for _, img := range f.images {
		rw.replaceImage(img)
	}
	for _, l := range f.links {
		rw.replaceLink(l)
	}
	for _, l := range f.autolinks {
		rw.replaceAutoLink(l)
	}
	keepInlineTags(f.rawHTML, rw.src)
	for _, b := range f.htmlBlocks {
		b.Parent().RemoveChild(b.Parent(), b)
	}
	for _, box := range f.taskBoxes {
		mark := "☐ "
		if box.IsChecked {
			mark = "☑ "
		}
		replace(box, &literal{text: mark})
	}
	// A paragraph of nothing but dropped HTML would be an empty <p>.
	for _, p := range f.paragraphs {
		if p.Parent() != nil && rw.isBlank(p) {
			p.Parent().RemoveChild(p.Parent(), p)
		}
	}
	// An empty heading or link gives a screen reader nothing to say.
	for _, h := range f.headings {
		if strings.TrimSpace(plainText(h, rw.src)) == "" {
			h.Parent().RemoveChild(h.Parent(), h)
		}
	}
	for _, a := range rw.anchors {
		if strings.TrimSpace(plainText(a, rw.src)) != "" {
			continue
		}
		for c := a.FirstChild(); c != nil; c = a.FirstChild() {
			a.RemoveChild(a, c)
		}
		if isFragment(a.href) {
			a.Parent().RemoveChild(a.Parent(), a)
			continue
		}
		a.AppendChild(a, &literal{text: strings.TrimPrefix(a.href, "mailto:")})
	}
}

// newAnchor returns an anchor to href, remembered for the final check.
func (rw *rewriter) newAnchor(href string, title []byte) *anchor {
	a := &anchor{href: href, title: unescape(title)}
	rw.anchors = append(rw.anchors, a)
	return a
}

// isBlank reports whether a paragraph has no text left.
func (rw *rewriter) isBlank(p *ast.Paragraph) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Value(rw.src))) > 0 {
			return false
		}
	}
	return true
}

// replaceImage puts text, or a link to the image, where an image was.
func (rw *rewriter) replaceImage(img *ast.Image) {
	alt := strings.TrimSpace(plainText(img, rw.src))
	if insideLink(img) {
		replace(img, &literal{text: alt})
		return
	}
	label := "[image]"
	if alt != "" {
		label = "[image: " + alt + "]"
	}
	href := rw.links.resolve(img.Destination)
	if href == "" || isFragment(href) {
		replace(img, &literal{text: label})
		return
	}
	a := rw.newAnchor(href, img.Title)
	a.AppendChild(a, &literal{text: label})
	replace(img, a)
}

// replaceLink swaps a link for an anchor to its resolved address, or for
// its text when it has none.
func (rw *rewriter) replaceLink(l *ast.Link) {
	href := rw.links.resolve(l.Destination)
	if href == "" {
		unwrap(l)
		return
	}
	a := rw.newAnchor(href, l.Title)
	for c := l.FirstChild(); c != nil; c = l.FirstChild() {
		a.AppendChild(a, c)
	}
	replace(l, a)
}

// replaceAutoLink swaps an autolink (<https://...>, www.example.org, an
// e-mail address) for an anchor, or for its text.
func (rw *rewriter) replaceAutoLink(l *ast.AutoLink) {
	label := string(l.Label(rw.src))
	dest := l.URL(rw.src)
	if l.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(string(dest)), "mailto:") {
		dest = append([]byte("mailto:"), dest...)
	}
	href := rw.links.resolve(dest)
	if href == "" || isFragment(href) || insideLink(l) {
		replace(l, &literal{text: label})
		return
	}
	a := rw.newAnchor(href, nil)
	a.AppendChild(a, &literal{text: label})
	replace(l, a)
}

// separators are what may stand between the badges of a badge row.
var separators = regexp.MustCompile(`^[\s|•·/,–—-]*$`)

// isBadgeRow reports whether a paragraph holds only badges: images inside
// links, or images whose address looks like a badge service's, with
// separators and line breaks between them.
func (rw *rewriter) isBadgeRow(p *ast.Paragraph) bool {
	badges := 0
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			if !looksLikeBadge(unescape(c.Destination)) {
				return false
			}
			badges++
		case *ast.Link:
			if !rw.holdsOnlyImages(c) {
				return false
			}
			badges++
		case *ast.Text:
			if !separators.Match(c.Value(rw.src)) {
				return false
			}
		case *ast.RawHTML:
			if name, _, ok := allowedTag(c, rw.src); !ok || name != "br" {
				return false
			}
		default:
			return false
		}
	}
	return badges > 0
}

// holdsOnlyImages reports whether a link's content is images and blanks.
func (rw *rewriter) holdsOnlyImages(l *ast.Link) bool {
	images := 0
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			images++
		case *ast.Text:
			if len(strings.TrimSpace(string(c.Value(rw.src)))) > 0 {
				return false
			}
		default:
			return false
		}
	}
	return images > 0
}

// badgeHosts serve nothing but badges.
var badgeHosts = []string{"shields.io", "badgen.net", "badge.fury.io", "badges.gitter.im", "codecov.io", "coveralls.io"}

// looksLikeBadge reports whether an image address is a badge's: a known
// badge service, a path that says "badge", or a CI status image.
func looksLikeBadge(dest string) bool {
	d := strings.ToLower(dest)
	for _, h := range badgeHosts {
		if strings.Contains(d, h) {
			return true
		}
	}
	return strings.Contains(d, "badge") || strings.Contains(d, ".svg?branch=") || strings.Contains(d, "/pipeline.svg")
}

// insideLink reports whether n is somewhere in a link's text.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.AutoLink, *anchor:
			return true
		}
	}
	return false
}

// replace puts by where n was.
func replace(n, by ast.Node) {
	n.Parent().ReplaceChild(n.Parent(), n, by)
}

// unwrap replaces n with its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; c = n.FirstChild() {
		parent.InsertBefore(parent, n, c)
	}
	parent.RemoveChild(parent, n)
}
