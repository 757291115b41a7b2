package ui

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// badgeLabel is the left half of every badge.
const badgeLabel = "govshare"

// Badge colours: white text on each has a contrast ratio above 4.5:1.
const (
	badgeGrey  = "#505a5f"
	badgeGreen = "#00703c"
	badgeAmber = "#8a4b00"
	badgeRed   = "#b10e1e"
)

// badge is what a compliance badge says and in which colour.
type badge struct {
	Status string
	Colour string
}

// badgeFor sums up a project's checks: all passing, how many warn, or how
// many fail. A stale record says so, because its checks may be out of date.
func badgeFor(p *registry.Project) badge {
	sum := summariseChecks(p.Checks)
	var b badge
	switch sum.Overall {
	case registry.CheckFail:
		b = badge{fmt.Sprintf("%d %s failing", sum.Fail, plural(sum.Fail, "check", "checks")), badgeRed}
	case registry.CheckWarn:
		b = badge{fmt.Sprintf("%d %s", sum.Warn, plural(sum.Warn, "warning", "warnings")), badgeAmber}
	case registry.CheckPass:
		b = badge{"checks pass", badgeGreen}
	default:
		b = badge{"not checked", badgeGrey}
	}
	if p.Stale {
		b.Status += " (stale)"
	}
	return b
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// projectBadge serves a project's compliance badge as SVG, for its README.
// A project the catalogue does not hold gets a grey "not found" badge with
// a 404, so that a README shows something readable rather than a broken
// image.
func (s *Server) projectBadge(c *gin.Context) error {
	id := c.Param("id")
	p, err := s.store.Project(c.Request.Context(), id)
	status, b := http.StatusOK, badge{}
	switch {
	case registry.ErrorCode(err) == registry.ENOTFOUND:
		if newID, rerr := s.store.Redirect(c.Request.Context(), id); rerr == nil {
			c.Redirect(http.StatusMovedPermanently, badgePath(newID))
			return nil
		}
		status, b = http.StatusNotFound, badge{"not found", badgeGrey}
	case err != nil:
		return fmt.Errorf("read project %q: %w", id, err)
	default:
		b = badgeFor(p)
	}
	h := c.Writer.Header()
	// Code hosts proxy and cache README images; an hour keeps a badge
	// close to the catalogue without a request per view.
	h.Set("Cache-Control", "public, max-age=3600")
	c.Data(status, "image/svg+xml; charset=utf-8", badgeSVG(b))
	return nil
}

// badgePath is the address of a project's badge.
func badgePath(id string) string { return projectPath(id) + "/badge.svg" }

// badgeSVG draws a flat two-part badge. Widths come from the text length at
// about 7 px a character in an 11 px sans-serif, which is close enough for
// the short texts a badge holds; the text is escaped, and the image has a
// title so that screen readers announce what it says.
func badgeSVG(b badge) []byte {
	const charWidth, padding = 7, 10
	left := utf8.RuneCountInString(badgeLabel)*charWidth + 2*padding
	right := utf8.RuneCountInString(b.Status)*charWidth + 2*padding
	title := badgeLabel + ": " + b.Status
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s">`, left+right, escapeXML(title))
	fmt.Fprintf(&buf, `<title>%s</title>`, escapeXML(title))
	fmt.Fprintf(&buf, `<rect width="%d" height="20" fill="%s"/>`, left, badgeGrey)
	fmt.Fprintf(&buf, `<rect x="%d" width="%d" height="20" fill="%s"/>`, left, right, b.Colour)
	buf.WriteString(`<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">`)
	fmt.Fprintf(&buf, `<text x="%d" y="14">%s</text>`, left/2, escapeXML(badgeLabel))
	fmt.Fprintf(&buf, `<text x="%d" y="14">%s</text>`, left+right/2, escapeXML(b.Status))
	buf.WriteString(`</g></svg>`)
	return buf.Bytes()
}

func escapeXML(s string) string {
	var buf bytes.Buffer
	xml.EscapeText(&buf, []byte(s)) // writes to a buffer: cannot fail
	return buf.String()
}
