// Package readme finds the README at the root of a repository tree and turns
// it into plain text: a summary (the first paragraph of prose) for the
// catalogue and a bounded text for the search index. It also keeps the
// README as written (bounded too) and says how it is written, so that the
// project page can render it.
//
// The conversion is deliberately cheap: a few line rules and regular
// expressions per format (Markdown, reStructuredText, plain text), no
// Markdown library. It drops what is not prose when choosing the summary:
// headings, badges and images, HTML, lists, tables, code and link-only
// navigation lines.
//
// Find never returns an error: a README that cannot be read is reported as a
// warning and the repository is treated as having none.
package readme

import (
	"context"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

const (
	// MaxSummary is the longest summary, in characters.
	MaxSummary = 400
	// MaxText is the longest text kept for the search index, in bytes.
	MaxText = 64 << 10
	// MaxSource is the longest source kept for the project page, in bytes.
	// Nearly every README is far shorter; a longer one is cut at the last
	// line that fits.
	MaxSource = 512 << 10
)

// format is how a README is written.
type format int

const (
	plain format = iota
	markdown
	restructuredText
)

// extensions ranks README extensions, most preferred first, and says how
// each is written. Anything else after "README." comes last, as plain text.
var extensions = []struct {
	ext    string
	format format
}{
	{".md", markdown},
	{".markdown", markdown},
	{".mdown", markdown},
	{".mkdn", markdown},
	{".rst", restructuredText},
	{".txt", plain},
	{"", plain},
	{".adoc", plain},
	{".asciidoc", plain},
	{".org", plain},
}

// Find returns the README at the root of tree, nil when there is none.
func Find(ctx context.Context, tree *filetree.Tree) (*registry.Readme, []string) {
	name := choose(tree)
	if name == "" || ctx.Err() != nil {
		return nil, nil
	}
	data, err := tree.ReadFile(name)
	if err != nil {
		return nil, []string{filetree.Skipped(name, err)}
	}
	return FromBytes(name, data), nil
}

// candidate is a root file named README or README.<something>.
type candidate struct {
	path string
	rank []int
}

// choose returns the root README to read: by extension (.md first), then
// README.<ext> before a localised README.<lang>.<ext>, English first, then
// by name.
func choose(tree *filetree.Tree) string {
	var cands []candidate
	for _, f := range tree.Files() {
		if !f.AtRoot() {
			continue
		}
		lower := strings.ToLower(f.Path)
		if lower != "readme" && !strings.HasPrefix(lower, "readme.") {
			continue
		}
		ext := path.Ext(lower)
		extRank := len(extensions)
		for i, e := range extensions {
			if e.ext == ext {
				extRank = i
				break
			}
		}
		stem := strings.TrimSuffix(lower, ext)
		localised, english := 0, 0
		if stem != "readme" {
			localised = 1
			if stem != "readme.en" && !strings.HasPrefix(stem, "readme.en-") && !strings.HasPrefix(stem, "readme.en_") {
				english = 1
			}
		}
		cands = append(cands, candidate{path: f.Path, rank: []int{extRank, localised, english}})
	}
	if len(cands) == 0 {
		return ""
	}
	best := slices.MinFunc(cands, func(a, b candidate) int {
		if c := slices.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return strings.Compare(a.path, b.path)
	})
	return best.path
}

// FromBytes converts a README's content; path decides the format.
func FromBytes(path string, data []byte) *registry.Readme {
	src := string(data)
	if !utf8.ValidString(src) {
		src = strings.ToValidUTF8(src, "\uFFFD")
	}
	src = strings.TrimPrefix(src, "\uFEFF")
	src = strings.ReplaceAll(src, "\r\n", "\n")

	var blocks []block
	var name string
	switch formatOf(path) {
	case markdown:
		blocks, name = markdownBlocks(src), registry.ReadmeMarkdown
	case restructuredText:
		blocks, name = rstBlocks(src), registry.ReadmeRST
	default:
		blocks, name = plainBlocks(src), registry.ReadmeText
	}
	return &registry.Readme{
		Path:    path,
		Format:  name,
		Summary: summary(blocks),
		Text:    text(blocks),
		Source:  cutAtLine(src, MaxSource),
	}
}

// cutAtLine cuts s to at most n bytes, after the last whole line that fits;
// a first line longer than n is cut without splitting a character.
func cutAtLine(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], '\n'); i >= 0 {
		return s[:i+1]
	}
	return cutBytes(s, n)
}

func formatOf(name string) format {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range extensions {
		if e.ext == ext {
			return e.format
		}
	}
	return plain
}
