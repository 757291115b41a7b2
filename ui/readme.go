package ui

import (
	"html/template"
	"sync"

	"github.com/govshare/govshare/registry"
	"github.com/govshare/govshare/ui/markdown"
)

// readmeCacheBytes bounds the rendered READMEs kept, in bytes of HTML. A
// README is rendered once per commit: rendering a hostile one can take a
// second, and even a typical one costs a millisecond and thousands of
// allocations.
const readmeCacheBytes = 64 << 20

// readmes renders projects' READMEs and keeps the results by project and
// commit.
type readmes struct {
	renderer *markdown.Renderer

	mu     sync.Mutex
	cached map[string]template.HTML
	bytes  int
}

func newReadmes() *readmes {
	return &readmes{renderer: markdown.New(), cached: map[string]template.HTML{}}
}

// render returns p's README as safe HTML, "" when the record holds no
// source (no README, or a record from before sources were kept: the page
// then shows the summary). Relative links open the file on the code host
// at the indexed commit.
func (r *readmes) render(p *registry.Project) template.HTML {
	rd := p.Readme
	if rd == nil || rd.Source == "" {
		return ""
	}
	key := p.ID + "@" + p.Commit + ":" + rd.Path
	r.mu.Lock()
	html, ok := r.cached[key]
	r.mu.Unlock()
	if ok {
		return html
	}
	html = r.renderer.Render([]byte(rd.Source), markdown.Options{
		Format: rd.Format,
		Path:   rd.Path,
		FileURL: func(path string) string {
			return sourceFileLink(p.URL, p.Commit, path, 0)
		},
	})
	r.mu.Lock()
	if r.bytes+len(html) > readmeCacheBytes {
		// Dropping everything is crude but bounded, and the next views
		// fill it again with the pages people are reading.
		clear(r.cached)
		r.bytes = 0
	}
	if _, ok := r.cached[key]; !ok {
		r.cached[key] = html
		r.bytes += len(html)
	}
	r.mu.Unlock()
	return html
}
