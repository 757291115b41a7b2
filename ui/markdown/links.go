package markdown

import (
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/util"
)

// linkResolver decides where a README's link or image address points.
type linkResolver struct {
	dir     string // the README's directory in the repository, "." at the root
	fileURL func(string) string
}

// resolve returns the address a destination written in the README should
// link to, or "" when it must not be a link. Destinations arrive as written,
// with backslash escapes and character references still in them.
func (lr linkResolver) resolve(raw []byte) string {
	dest := strings.TrimSpace(unescape(raw))
	if dest == "" {
		return ""
	}
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	switch {
	case u.Scheme == "http" || u.Scheme == "https":
		// A user part ("https://gov.example@evil.example") only serves to
		// mislead.
		if u.Host == "" || u.User != nil {
			return ""
		}
		return u.String()
	case u.Scheme == "mailto":
		if u.Opaque == "" || strings.ContainsAny(u.Opaque, "<>\"") {
			return ""
		}
		return u.String()
	case u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil:
		return "" // javascript:, data:, vbscript:, file:, //host/path ...
	case u.Path == "" && u.RawQuery == "":
		if u.Fragment == "" {
			return ""
		}
		return fragment(IDPrefix + strings.ToLower(u.Fragment))
	}
	if lr.fileURL == nil {
		return ""
	}
	p := u.Path
	if strings.HasPrefix(p, "/") {
		// On a code host, /docs/x.md is relative to the repository root.
		p = path.Clean(strings.TrimLeft(p, "/"))
	} else {
		p = path.Join(lr.dir, p)
	}
	if p == "." || !fs.ValidPath(p) {
		return "" // the repository itself, or a path leaving it
	}
	link := lr.fileURL(p)
	if link == "" {
		return ""
	}
	if u.Fragment != "" {
		// A line (#L10) or a heading of the file, as the code host shows it.
		link += fragment(u.Fragment)
	}
	return link
}

// fragment returns "#" and f, escaped as a URL fragment.
func fragment(f string) string {
	return (&url.URL{Fragment: f}).String()
}

// isFragment reports whether href points inside the page.
func isFragment(href string) bool {
	return strings.HasPrefix(href, "#")
}

// unescape resolves backslash escapes and character references, as
// CommonMark says a link destination's characters are read.
func unescape(b []byte) string {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}
