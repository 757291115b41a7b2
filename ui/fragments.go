package ui

import (
	"html"
	"html/template"
	"maps"
	"slices"
	"strings"
)

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
	// maxFragments bounds the excerpts shown under one result.
	maxFragments = 3
)

// fragment is one highlighted excerpt of a search hit.
type fragment struct {
	Field string
	HTML  template.HTML
}

// trustedFragment turns a searcher's fragment into HTML.
//
// The registry.Searcher contract says a fragment is HTML-escaped text in
// which only matches are wrapped in <mark> and </mark>. That is the one
// reason this package may mark it as template.HTML, so the promise is
// checked first: with those two exact tags taken out, no '<' or '>' may be
// left. Without a '<' no element can start, and text outside elements
// cannot run script, so a fragment that passes is safe whatever else it
// holds. A fragment that fails is shown as plain text, its tags removed and
// the template escaping it, so a faulty searcher cannot inject markup.
func trustedFragment(s string) template.HTML {
	plain := strings.NewReplacer(markOpen, "", markClose, "").Replace(s)
	if !strings.ContainsAny(plain, "<>") {
		return template.HTML(s)
	}
	return template.HTML(template.HTMLEscapeString(html.UnescapeString(plain)))
}

// hitFragments lists a hit's fragments, fields in name order, at most
// maxFragments of them.
func hitFragments(byField map[string][]string) []fragment {
	var out []fragment
	for _, f := range slices.Sorted(maps.Keys(byField)) {
		for _, text := range byField[f] {
			if len(out) == maxFragments {
				return out
			}
			out = append(out, fragment{Field: f, HTML: trustedFragment(text)})
		}
	}
	return out
}
