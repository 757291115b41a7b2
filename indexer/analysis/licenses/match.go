package licenses

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
	"github.com/google/licensecheck"
)

const (
	// coverageThreshold is the share of a file's words, in percent, that
	// recognised licence texts must account for before the file is
	// classified; below it the file is an unknown (or modified) licence.
	// pkgsite uses the same figure. Text on top of the licence, a
	// translation beside it and wording of the licence's own SPDX text do
	// not count against it (see explain).
	coverageThreshold = 75
	// smallRemainder is how many words outside the licence texts are
	// always tolerated: a project name, "This work is published from: …".
	smallRemainder = 12
	// noticeListFamilies is how many different licences make a file a list
	// of dependencies' licences rather than the project's.
	noticeListFamilies = 4
)

// modifiedPrefix starts the reference of a licence text that was changed:
// LicenseRef-govshare-modified-MIT.
const modifiedPrefix = refPrefix + "modified-"

// textMatch is what one licence file was recognised as.
type textMatch struct {
	// ids are SPDX ids (or, rarely, expressions) in order of appearance;
	// empty when the text was not recognised. A modified text has one id,
	// modifiedPrefix + Closest.
	ids []string
	// coverage is the percentage of the text's words licensecheck's
	// matches cover.
	coverage float64
	// prose is the text outside every recognised licence: a blurb on top,
	// a note between two licences. It is where "dual licensed" is said.
	prose string
	// closest names the licence a modified or unknown text is nearest to.
	closest string
	// notes explain the match to a reader.
	notes []string
	// thirdParty, when set, says why the file lists other people's
	// licences and is not the project's licence.
	thirdParty string
}

func (m textMatch) note() string { return strings.Join(m.notes, "; ") }

// segment is a stretch of text outside every licensecheck match.
type segment struct {
	text string
	// before is true for the text ahead of the first match.
	before bool
	// after is the index of the match the segment follows, -1 when before.
	after int
}

// restrictiveWording finds what a clause that restricts or adds to a licence
// says. It is applied only to text that is not part of the licence itself.
var restrictiveWording = regexp.MustCompile(`(?i)\b(may not|shall not|must not|prohibited|not permitted|non-?commercial|only be used|solely|additional (?:terms|conditions|restrictions|permissions)|in addition to the terms|exception|restrict(?:ed|ion|ions|s)?)\b`)

// thirdPartyWording finds the headings that introduce other people's
// licences inside a licence file ("Third-party software", "APACHE HADOOP
// SUBCOMPONENTS", "This product bundles …").
var thirdPartyWording = regexp.MustCompile(`(?i)\b(third[- ]party|3rd[- ]party|sub-?components?|bundles|bundled|dependenc(?:y|ies)|includes (?:software|code|components|the following)|portions of this (?:software|product)|open source (?:software|components|licenses) used)\b`)

// scanText classifies one licence text.
func scanText(text []byte) textMatch {
	cov := scanner().Scan(text)
	m := textMatch{coverage: math.Round(cov.Percent*10) / 10}
	var matches []licensecheck.Match
	for _, mt := range cov.Match {
		if !ignorableMatches[mt.ID] {
			matches = append(matches, mt)
		}
	}
	if len(matches) > 0 {
		kept, cut := cutThirdParty(text, matches)
		if len(kept) == 0 {
			m.thirdParty = cut
			return m
		}
		if cut != "" {
			// The rest of the file is other people's: leave it out.
			m.notes = append(m.notes, cut)
			text = text[:kept[len(kept)-1].End]
		}
		matches = kept
		if n := len(distinctFamilies(matches)); n >= noticeListFamilies {
			m.thirdParty = fmt.Sprintf("lists %d different licences: a notice of dependencies' licences", n)
			return m
		}
	}
	segs := outside(text, matches)
	var prose []string
	for _, s := range segs {
		prose = append(prose, s.text)
	}
	m.prose = strings.Join(prose, "\n")
	if len(matches) > 0 && explain(text, matches, segs, &m) {
		return m
	}
	return recogniseUnmatched(string(text), m)
}

// explain accounts for the text outside the matches and, when the licences
// recognised are what the file is about, sets m.ids and reports true.
func explain(text []byte, matches []licensecheck.Match, segs []segment, m *textMatch) bool {
	ids, notes := idsOf(matches)
	licenceWords := 0
	for _, mt := range matches {
		licenceWords += len(words(string(text[mt.Start:mt.End])))
	}
	var blurb, translated, unexplained int
	var langs []string
	added := -1 // index of the match a restrictive addition follows
	var addition string
	for _, s := range segs {
		ws := words(s.text)
		switch {
		case len(ws) == 0:
		case partOfLicence(s.text, ids):
		case isTranslation(ws, ids):
			translated += len(ws)
			langs = appendNew(langs, language(ws))
		case restrictiveWording.MatchString(s.text) && len(ws) > 5 && !s.before:
			added, addition = s.after, s.text
		case s.before:
			blurb += len(ws)
		case len(ws) <= smallRemainder:
		default:
			unexplained += len(ws)
		}
	}
	if 100*licenceWords < coverageThreshold*(licenceWords+unexplained) {
		return false
	}
	if translated > 0 {
		notes = append(notes, fmt.Sprintf("bilingual text (%s, %s): the %s part is read as a translation of the licence",
			licenceLanguage(ids[0]), strings.Join(langs, ", "), strings.Join(langs, ", ")))
	}
	if blurb > smallRemainder {
		notes = append(notes, fmt.Sprintf("%d words of project text before the licence are not part of it", blurb))
	}
	if added >= 0 {
		id := fromLicensecheck(matches[added].ID)
		for i := range ids {
			if family(ids[i]) == family(id) {
				m.closest = ids[i]
				ids[i] = modifiedPrefix + sanitizeRef(ids[i])
			}
		}
		notes = append(notes, fmt.Sprintf("modified licence: text added to %s: %q", m.closest, excerpt(addition)))
	}
	m.ids = ids
	m.notes = append(m.notes, notes...)
	return true
}

// recogniseUnmatched classifies a text licensecheck did not account for: a
// translation, a short statement naming the licence, a modified copy of a
// known licence, or an unknown text.
func recogniseUnmatched(text string, m textMatch) textMatch {
	ws := words(text)
	if id, lang, ok := recogniseTranslation(text, ws); ok {
		m.ids = []string{id}
		m.notes = append(m.notes, fmt.Sprintf("translated text (%s)", lang))
		return m
	}
	if id, statement, ok := statedLicence(text, ws); ok {
		m.ids = []string{id}
		m.notes = append(m.notes, fmt.Sprintf("names the licence without its text: %q", statement))
		return m
	}
	closest, score := closestLicence(text)
	if score >= modifiedSimilarity {
		if missing, ok := trimmedCopy(ws, closest); ok {
			m.ids = []string{closest}
			m.notes = append(m.notes, fmt.Sprintf("the SPDX text of %s without %d words of its title or end", closest, missing))
			return m
		}
	}
	switch {
	case score >= modifiedSimilarity:
		m.ids = []string{modifiedPrefix + sanitizeRef(closest)}
		m.closest = closest
		m.notes = append(m.notes, fmt.Sprintf("modified licence: differs from the SPDX text of %s (similarity %.2f)", closest, score))
	case score >= closestSimilarity:
		m.closest = closest
		m.notes = append(m.notes, fmt.Sprintf("not a known licence; closest is %s (similarity %.2f)", closest, score))
	}
	return m
}

// maxStatementWords bounds the files read as a statement naming a licence:
// longer texts are licences or something else.
const maxStatementWords = 60

// statement finds a sentence that names the project's licence by its SPDX
// id: "Licensed under the EUPL-1.2", "SPDX-License-Identifier: MIT",
// "This project is released under the terms of the Apache-2.0 licence".
var statement = regexp.MustCompile(`(?i)(?:SPDX-License-Identifier:\s*|` +
	`(?:(?:licen[cs]ed|released|available|distributed|published) under|in licentie gegeven krachtens|` +
	`gelicen[ct]ieerd onder|sous (?:la )?licence|unter der lizenz|bajo la licencia|sotto la licenza)\s+` +
	`(?:(?:the|de|la) )?(?:terms of (?:the )?)?)([A-Za-z0-9][A-Za-z0-9.+-]*[A-Za-z0-9+])`)

// statedLicence reads a short file that names its licence by SPDX id
// instead of holding its text.
func statedLicence(text string, ws []string) (id, sentence string, ok bool) {
	if len(ws) > maxStatementWords {
		return "", "", false
	}
	for _, sm := range statement.FindAllStringSubmatch(text, -1) {
		token := sm[1]
		if !strings.ContainsAny(token, "-.0123456789") && !singleWordIDs[strings.ToUpper(token)] {
			continue // "licensed under the same terms", "under GNU"
		}
		if norm, ok := Normalize(token); ok && !strings.HasPrefix(norm, "LicenseRef-") {
			return canonicalGNU(norm), strings.TrimSpace(sm[0]), true
		}
	}
	return "", "", false
}

// singleWordIDs are the SPDX ids with neither digit nor dash that a
// statement may name.
var singleWordIDs = map[string]bool{"MIT": true, "ISC": true, "UNLICENSE": true, "WTFPL": true, "ZLIB": true, "POSTGRESQL": true}

// isTranslation reports whether a passage is in another language than the
// SPDX texts of ids, and long enough to be a translation of them.
func isTranslation(ws []string, ids []string) bool {
	if len(ws) < 40 || len(ids) == 0 {
		return false
	}
	lang := language(ws)
	return lang != "" && lang != licenceLanguage(ids[0])
}

// cutThirdParty drops the matches that come after a heading introducing
// other people's licences, and says so. When the heading sits in the last
// three lines above the first match (a heading, a package name, the
// licence's title), every match goes: the file is a notice.
func cutThirdParty(text []byte, matches []licensecheck.Match) ([]licensecheck.Match, string) {
	before := string(text[:matches[0].Start])
	for _, line := range lastLines(before, 3) {
		if isHeading(line) && thirdPartyWording.MatchString(line) {
			return nil, fmt.Sprintf("introduced as third-party licences: %q", excerpt(line))
		}
	}
	for i := 1; i < len(matches); i++ {
		gap := string(text[matches[i-1].End:matches[i].Start])
		if thirdPartyWording.MatchString(gap) {
			return matches[:i], fmt.Sprintf("licences after %q are third-party notices, left out", excerpt(gap))
		}
	}
	return matches, ""
}

// lastLines returns the last n non-blank lines of s, trimmed.
func lastLines(s string, n int) []string {
	lines := strings.Split(s, "\n")
	var out []string
	for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
		if line := strings.TrimSpace(lines[i]); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// isHeading reports whether a line reads as a heading ("## Third-party
// licences", "THIRD-PARTY SOFTWARE NOTICES") rather than a sentence ("This
// project includes third-party code, see NOTICE.").
func isHeading(line string) bool {
	return len(strings.Fields(line)) <= 8 && !strings.HasSuffix(line, ".")
}

// excerpt shortens a passage for a note: its first words, on one line.
func excerpt(s string) string {
	f := strings.Fields(s)
	if len(f) > 12 {
		return strings.Join(f[:12], " ") + " …"
	}
	return strings.Join(f, " ")
}

// distinctFamilies returns the licence families of matches, in order.
func distinctFamilies(matches []licensecheck.Match) []string {
	var fams []string
	for _, mt := range matches {
		fams = appendNew(fams, family(mt.ID))
	}
	return fams
}

// appendNew appends s to list unless it is there already or empty.
func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	if s == "" {
		return list
	}
	return append(list, s)
}

// outside returns the parts of text no match covers.
func outside(text []byte, matches []licensecheck.Match) []segment {
	var segs []segment
	last := 0
	for i, mt := range matches {
		if mt.Start > last {
			segs = append(segs, segment{text: string(text[last:mt.Start]), before: i == 0, after: i - 1})
		}
		last = max(last, mt.End)
	}
	if last < len(text) {
		segs = append(segs, segment{text: string(text[last:]), before: len(matches) == 0, after: len(matches) - 1})
	}
	return segs
}

// idsOf turns licensecheck matches into SPDX ids, one per licence family,
// with notes on how a GNU version suffix was settled.
//
// A GNU licence text alone does not say whether the project takes "this
// version only" or "or any later version"; its id stays the bare family
// (GPL-3.0) unless a notice settles it. The canonical GNU texts end with a
// "How to apply" notice that licensecheck recognises as "-or-later": it is
// an example, not the project's choice, so within a family the longest
// match (the text) decides, unless a notice comes before it: that is the
// project's own statement on top of the text, and it wins.
func idsOf(matches []licensecheck.Match) ([]string, []string) {
	type pick struct {
		match  licensecheck.Match
		notice string // the id of a notice that precedes the text
	}
	var order []string
	picks := map[string]*pick{}
	for _, mt := range matches {
		fam := family(mt.ID)
		p, seen := picks[fam]
		if !seen {
			order = append(order, fam)
			picks[fam] = &pick{match: mt}
			continue
		}
		if mt.End-mt.Start > p.match.End-p.match.Start {
			if p.match.ID != fam {
				p.notice = p.match.ID
			}
			p.match = mt
		}
	}
	var ids, notes []string
	for _, fam := range order {
		p := picks[fam]
		id := fromLicensecheck(p.match.ID)
		switch {
		case p.notice != "" && bareGNU[p.match.ID]:
			id = p.notice
			notes = append(notes, id+": settled by the notice above the licence text")
		case bareGNU[family(id)] && !bareGNU[id]:
			notes = append(notes, id+": settled by the licence notice in the file")
		}
		ids = appendNew(ids, id)
	}
	return ids, notes
}

// family strips the GNU "-only" / "-or-later" suffixes, so that the text
// and the notice of one licence are seen as one.
func family(id string) string {
	return strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(id, "+"), "-or-later"), "-only")
}

// ignorableMatches are recognised by licensecheck but are not licences:
// patent grants that sit next to a licence.
var ignorableMatches = map[string]bool{
	"GooglePatentClause": true,
	"GooglePatentsFile":  true,
}

// bareGNU are the deprecated SPDX ids licensecheck reports for a GNU licence
// text. They are kept as they are: a text alone does not settle "-only"
// versus "-or-later" (see settleVersion).
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
		return id
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

// canonicalGNU rewrites the deprecated "GPL-3.0+" form as "GPL-3.0-or-later".
func canonicalGNU(id string) string {
	if base, ok := strings.CutSuffix(id, "+"); ok && bareGNU[base] {
		return base + "-or-later"
	}
	return id
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
