package markdown

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// newPolicy returns the sanitising policy: exactly what the rewritten tree
// renders to, and nothing else. Elements not listed are removed with their
// attributes, keeping their text (script, style and the like lose their
// content too); attributes not listed, or not matching, are removed.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del",
		"ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
		"h3", "h4", "h5", "h6", "kbd", "sup", "sub", "div",
	)
	// Heading ids and footnote ids ("readme-fn:1", "readme-fnref:1").
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^`+IDPrefix+`[\p{L}\p{M}\p{N}_:-]+$`)).
		OnElements("h3", "h4", "h5", "h6", "li", "sup")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,9}$`)).OnElements("ol")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w.+#-]{1,40}$`)).OnElements("code")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^` + PlainClass + `$`)).OnElements("pre")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")

	// Links: to http(s) and mailto addresses, or to an id in the README.
	p.AllowAttrs("href").Matching(regexp.MustCompile(`^(https?://|mailto:|#` + IDPrefix + `)`)).OnElements("a")
	p.AllowAttrs("title").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + rel + `$`)).OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true) // for #readme-... only, as href's pattern says
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}
