// Package markdown turns a repository's README into HTML that is safe to put
// on a project page.
//
// Markdown is parsed with goldmark (CommonMark with GitHub's extensions:
// tables, strikethrough, autolinks, task lists and footnotes), rewritten as
// described below, rendered, and then sanitised by a bluemonday policy that
// allows only the elements and attributes the rewritten tree can produce.
// The policy is the last gate: a mistake in the rewriting cannot let script,
// event handlers, styles, frames, forms or images through.
//
// The rewriting, and why:
//
//   - No images are emitted, so a visitor's browser fetches nothing from a
//     third party (no tracking pixels, no badge services). A paragraph made
//     only of badges is dropped: a row of build, coverage and licence badges
//     says nothing the project page does not show better. A badge is an
//     image inside a link, or an image whose address looks like a badge
//     service's. Any other image inside a link is replaced by its
//     alternative text; any other image becomes a link to its page on the
//     code host, reading "[image: alternative text]".
//   - Links to http, https and mailto addresses are kept; those leaving the
//     page are marked rel="external nofollow noopener noreferrer ugc".
//     Relative links resolve against the README's directory to the code
//     host's page for that file (Options.FileURL); links to a section
//     (#install) point at the prefixed heading ids. Any other link
//     (javascript:, data:, vbscript:, protocol-relative, a path leaving the
//     repository, a relative link without FileURL) is replaced by its text.
//   - Headings move down so that the README's top level becomes h3 (the page
//     has its own h1 and h2) and levels the README skips are closed up, so
//     the page keeps a valid outline. Each heading gets the id GitHub would
//     give it, prefixed with IDPrefix, so that it cannot clash with the
//     page's own ids.
//   - Raw HTML is dropped, except the inline tags <kbd>, <sup>, <sub> and
//     <br> written without attributes, kept only when they open and close
//     within the same run of text. HTML blocks (a centred <p align=center>
//     title, <details>, <picture>) are dropped with their content: parsing
//     them safely is not worth what they add to a README's text.
//   - Task list boxes become the characters ☑ and ☐: no form controls.
//
// reStructuredText and plain text are not parsed: they are shown as escaped
// preformatted text in <pre class="readme-plain">, which the page's style
// sheet should let wrap (white-space: pre-wrap) so it reflows on a phone.
//
// Render never fails, and its work is bounded. Input longer than MaxInput
// bytes is cut after the last whole line that fits; invalid UTF-8 is
// replaced. Markdown built to make the parser slow (brackets or containers
// nested far deeper than anyone writes, see tooComplex) is shown as text.
package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/govshare/govshare/registry"
)

const (
	// MaxInput is the longest README Render reads, in bytes: as much as
	// the analyser keeps. It bounds the work for any caller.
	MaxInput = 512 << 10
	// IDPrefix starts every id in the rendered README. The page must not
	// use ids that start with it.
	IDPrefix = "readme-"
	// TopHeading is the level the README's top headings are rendered at.
	TopHeading = 3
	// PlainClass is the class of the <pre> that holds a README shown as text.
	PlainClass = "readme-plain"
)

// Options says how to render one README.
type Options struct {
	// Format is how the README is written: registry.ReadmeMarkdown,
	// registry.ReadmeRST or registry.ReadmeText. Anything but Markdown is
	// shown as preformatted text.
	Format string
	// Path is the README's path in the repository ("README.md"); relative
	// links resolve against its directory.
	Path string
	// FileURL returns the web address of a file or folder of the
	// repository at the indexed commit, or "" when it has none. It is given
	// a clean, slash-separated path inside the repository (fs.ValidPath,
	// never "."). When FileURL is nil, relative links become text.
	FileURL func(path string) string
}

// Renderer renders READMEs. It is safe for concurrent use; build one and
// keep it, since building the sanitising policy costs far more than a
// typical render.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a Renderer.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.NewFootnote(extension.WithFootnoteIDPrefix(IDPrefix)),
		),
		// Raw HTML is rewritten before rendering; WithUnsafe stays off so
		// that anything the rewriting misses is omitted, not written.
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
		),
	)
	return &Renderer{md: md, policy: newPolicy()}
}

// maxOutput is the most HTML a README may render to before it is shown as
// text instead: a backstop for any blow-up tooComplex does not foresee.
const maxOutput = 4 << 20

// Render returns src as safe HTML, following opts. An empty README renders
// as "".
func (r *Renderer) Render(src []byte, opts Options) template.HTML {
	src = bound(src)
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	var out bytes.Buffer
	if opts.Format != registry.ReadmeMarkdown || tooComplex(src) != "" || !r.renderMarkdown(&out, src, opts) || out.Len() > maxOutput {
		out.Reset()
		renderPlain(&out, src)
	}
	return template.HTML(r.policy.SanitizeBytes(out.Bytes()))
}

// renderMarkdown writes src as HTML to out and reports whether it could.
// goldmark only fails when writing fails, which a bytes.Buffer never does;
// the caller falls back to plain text all the same.
func (r *Renderer) renderMarkdown(out *bytes.Buffer, src []byte, opts Options) bool {
	doc := r.md.Parser().Parse(text.NewReader(src))
	newRewriter(src, opts).rewrite(doc)
	return r.md.Renderer().Render(out, src, doc) == nil
}

// renderPlain writes src as escaped preformatted text.
func renderPlain(out *bytes.Buffer, src []byte) {
	out.WriteString(`<pre class="` + PlainClass + `">`)
	template.HTMLEscape(out, bytes.TrimRight(src, " \t\r\n"))
	out.WriteString("</pre>")
}

// bound cuts src to MaxInput bytes after the last whole line, drops a byte
// order mark and replaces invalid UTF-8.
func bound(src []byte) []byte {
	if len(src) > MaxInput {
		cut := bytes.LastIndexByte(src[:MaxInput], '\n')
		if cut < 0 {
			cut = MaxInput - 1
		}
		src = src[:cut+1]
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if !utf8.Valid(src) {
		src = []byte(strings.ToValidUTF8(string(src), "\uFFFD"))
	}
	return src
}
