package licenses

import (
	"math"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/google/licensecheck"
)

// coverageThreshold is the share of a file's words, in percent, that known
// licence texts must account for before the file is classified; below it the
// file is an unknown licence. pkgsite uses the same figure.
const coverageThreshold = 75

// textMatch is what one licence file was recognised as.
type textMatch struct {
	// ids are SPDX ids (or, rarely, expressions) in order of appearance;
	// empty when the text was not recognised well enough.
	ids []string
	// coverage is the percentage of the text's words the matches cover.
	coverage float64
	// prose is the text outside every recognised licence: a blurb on top,
	// a note between two licences. It is where "dual licensed" is said.
	prose string
}

// scanText classifies one licence text with licensecheck.
func scanText(text []byte) textMatch {
	cov := licensecheck.Scan(text)
	m := textMatch{coverage: math.Round(cov.Percent*10) / 10}
	m.prose = outside(text, cov.Match)
	if cov.Percent < coverageThreshold {
		return m
	}
	m.ids = idsOf(cov.Match)
	return m
}

// outside returns the parts of text no match covers, joined by newlines.
func outside(text []byte, matches []licensecheck.Match) string {
	var b strings.Builder
	last := 0
	for _, mt := range matches {
		if mt.Start > last {
			b.Write(text[last:mt.Start])
			b.WriteByte('\n')
		}
		last = max(last, mt.End)
	}
	if last < len(text) {
		b.Write(text[last:])
	}
	return b.String()
}

// idsOf turns licensecheck matches into SPDX ids, one per licence family.
//
// The canonical GNU texts end with a "How to apply" notice that licensecheck
// recognises as the "-or-later" variant, so a full GPL-3.0 text yields both
// GPL-3.0 and GPL-3.0-or-later. Within a family the longest match (the
// licence text) decides, unless an "-or-later" notice comes before it: that
// is the project's own statement on top of the text, and it wins.
func idsOf(matches []licensecheck.Match) []string {
	type pick struct {
		match   licensecheck.Match
		orLater bool // an "-or-later" notice precedes the text
	}
	var order []string
	picks := map[string]*pick{}
	for _, mt := range matches {
		if ignorableMatches[mt.ID] {
			continue
		}
		fam := family(mt.ID)
		p, seen := picks[fam]
		if !seen {
			order = append(order, fam)
			picks[fam] = &pick{match: mt}
			continue
		}
		if mt.End-mt.Start > p.match.End-p.match.Start {
			if strings.HasSuffix(p.match.ID, "-or-later") {
				p.orLater = true
			}
			p.match = mt
		}
	}
	ids := make([]string, 0, len(order))
	seen := map[string]bool{}
	for _, fam := range order {
		p := picks[fam]
		id := p.match.ID
		if p.orLater && !strings.HasSuffix(id, "-or-later") {
			id = fam + "-or-later"
		}
		spdxID := fromLicensecheck(id)
		if !seen[spdxID] {
			seen[spdxID] = true
			ids = append(ids, spdxID)
		}
	}
	return ids
}

// family strips the GNU "-only" / "-or-later" suffixes, so that the text
// and the notice of one licence are seen as one.
func family(id string) string {
	return strings.TrimSuffix(strings.TrimSuffix(id, "-or-later"), "-only")
}

// ignorableMatches are recognised by licensecheck but are not licences:
// patent grants that sit next to a licence.
var ignorableMatches = map[string]bool{
	"GooglePatentClause": true,
	"GooglePatentsFile":  true,
}

// bareGNU are the deprecated SPDX ids licensecheck reports for a GNU licence
// text. SPDX defined each of them as the "-only" licence, and the text alone
// cannot say more, so they map to "-only" (as ScanCode does).
var bareGNU = map[string]bool{
	"AGPL-1.0": true, "AGPL-3.0": true,
	"GPL-1.0": true, "GPL-2.0": true, "GPL-3.0": true,
	"LGPL-2.0": true, "LGPL-2.1": true, "LGPL-3.0": true,
	"GFDL-1.1": true, "GFDL-1.2": true, "GFDL-1.3": true,
}

// fromLicensecheck maps a licensecheck licence id to an SPDX id. The few ids
// that are not on the SPDX list become LicenseRef-govshare-<id>.
func fromLicensecheck(id string) string {
	if bareGNU[id] {
		return id + "-only"
	}
	if id == "GPL-2.0-or-3.0" {
		return "GPL-2.0-only OR GPL-3.0-only"
	}
	if ok, norm := spdxexp.ActiveLicense(id); ok {
		return norm
	}
	if norm, ok := Normalize(id); ok {
		return norm // a deprecated id, still valid SPDX
	}
	return refPrefix + sanitizeRef(id)
}

// sanitizeRef keeps only the characters SPDX allows after "LicenseRef-".
func sanitizeRef(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		default:
			return '-'
		}
	}, s)
}
