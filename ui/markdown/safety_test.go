package markdown

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// allowedElements are all the elements a rendered README may hold.
var allowedElements = map[string]bool{
	"p": true, "br": true, "hr": true, "blockquote": true, "pre": true, "code": true, "em": true,
	"strong": true, "del": true, "ul": true, "ol": true, "li": true, "table": true, "thead": true,
	"tbody": true, "tr": true, "th": true, "td": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"kbd": true, "sup": true, "sub": true, "div": true, "a": true,
}

var scriptTag = regexp.MustCompile(`(?i)<\s*script`)

// unsafeHTML returns what is wrong with rendered HTML, "" when nothing is:
// an element not on the list (script, img, iframe, svg, form, input,
// style...), an attribute not on the list (event handlers, style, src), a
// link to anything but http(s), mailto or an id in the README (javascript:,
// data:, vbscript:), or an id without the prefix.
func unsafeHTML(s string) string {
	if scriptTag.MatchString(s) {
		return "a script tag"
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !allowedElements[tok.Data] {
				return fmt.Sprintf("element <%s>", tok.Data)
			}
			for _, a := range tok.Attr {
				if problem := unsafeAttribute(tok.Data, a); problem != "" {
					return problem
				}
			}
		case html.CommentToken, html.DoctypeToken:
			return "a comment or doctype"
		}
	}
}

// allowedAttributes are all the attributes a rendered README may hold.
var allowedAttributes = map[string]bool{
	"href": true, "title": true, "rel": true, "id": true, "class": true, "start": true, "align": true,
}

func unsafeAttribute(element string, a html.Attribute) string {
	switch key := strings.ToLower(a.Key); {
	case !allowedAttributes[key]:
		return fmt.Sprintf("attribute %s on <%s>", a.Key, element)
	case key == "id" && !strings.HasPrefix(a.Val, IDPrefix):
		return fmt.Sprintf("id %q without the prefix", a.Val)
	case key == "href":
		if strings.HasPrefix(a.Val, "#"+IDPrefix) {
			return ""
		}
		u, err := url.Parse(a.Val)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
			return fmt.Sprintf("href %q", a.Val)
		}
	}
	return ""
}
