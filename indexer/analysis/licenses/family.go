package licenses

import (
	"strings"

	"github.com/govshare/govshare/indexer/analysis/licenses/spdx"
)

// Licence families, from the strongest obligations to share to none. They
// are the values of Family and of the catalogue's licence-family facet.
const (
	// FamilyStrongCopyleft: derived works as a whole must be shared under
	// the same licence (GPL, AGPL, EUPL, CeCILL, OSL, CC-BY-SA...).
	FamilyStrongCopyleft = "strong-copyleft"
	// FamilyWeakCopyleft: changes to the licensed files or library must be
	// shared, the larger work need not (LGPL, MPL, EPL, CDDL, CeCILL-C...).
	FamilyWeakCopyleft = "weak-copyleft"
	// FamilyPermissive: reuse under any terms, keeping the notices (MIT,
	// BSD, Apache-2.0, ISC, CC-BY, OGL-UK, etalab...).
	FamilyPermissive = "permissive"
	// FamilyPublicDomain: rights waived or dedicated to the public domain
	// (CC0, Unlicense, PDDL...).
	FamilyPublicDomain = "public-domain"
	// FamilyProprietaryOrUnknown: not an open licence (non-commercial,
	// no-derivatives, source-available), a modified or unknown text, or no
	// licence at all.
	FamilyProprietaryOrUnknown = "proprietary-or-unknown"
)

// familyRank orders the families from the freest to the most restrictive
// for a reuser; unknown ranks last.
var familyRank = map[string]int{
	FamilyPublicDomain:         0,
	FamilyPermissive:           1,
	FamilyWeakCopyleft:         2,
	FamilyStrongCopyleft:       3,
	FamilyProprietaryOrUnknown: 4,
}

// Family classifies an SPDX id or expression (see the Family constants).
// Ids are classified from a table kept with the SPDX License List 3.28.0
// (package spdx): a licence on the list and in no copyleft, public-domain
// or non-open group is permissive; anything off the list, and every
// LicenseRef-, is proprietary-or-unknown. For an expression, AND takes the
// most restrictive part and OR the freest alternative; a GPL with a linking
// exception (WITH Classpath-exception-2.0...) is weak copyleft.
func Family(expr string) string {
	p := familyParser{tokens: tokenize(expr)}
	fam, ok := p.or()
	if !ok || p.pos != len(p.tokens) {
		return FamilyProprietaryOrUnknown
	}
	return fam
}

// tokenize splits an SPDX expression into ids, operators and parentheses.
func tokenize(expr string) []string {
	expr = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(expr)
	return strings.Fields(expr)
}

// familyParser evaluates an expression's family by recursive descent:
// or := and {OR and}; and := with {AND with}; with := atom [WITH id].
type familyParser struct {
	tokens []string
	pos    int
}

func (p *familyParser) peek() string {
	if p.pos < len(p.tokens) {
		return strings.ToUpper(p.tokens[p.pos])
	}
	return ""
}

func (p *familyParser) or() (string, bool) {
	fam, ok := p.and()
	for ok && p.peek() == "OR" {
		p.pos++
		var next string
		next, ok = p.and()
		if familyRank[next] < familyRank[fam] {
			fam = next
		}
	}
	return fam, ok
}

func (p *familyParser) and() (string, bool) {
	fam, ok := p.with()
	for ok && p.peek() == "AND" {
		p.pos++
		var next string
		next, ok = p.with()
		if familyRank[next] > familyRank[fam] {
			fam = next
		}
	}
	return fam, ok
}

func (p *familyParser) with() (string, bool) {
	fam, ok := p.atom()
	if ok && p.peek() == "WITH" {
		p.pos++
		if p.pos >= len(p.tokens) {
			return "", false
		}
		exception := strings.ToLower(p.tokens[p.pos])
		p.pos++
		if fam == FamilyStrongCopyleft && linkingException(exception) {
			fam = FamilyWeakCopyleft
		}
	}
	return fam, ok
}

func (p *familyParser) atom() (string, bool) {
	switch tok := p.peek(); tok {
	case "":
		return "", false
	case "(":
		p.pos++
		fam, ok := p.or()
		if !ok || p.peek() != ")" {
			return "", false
		}
		p.pos++
		return fam, true
	case ")", "AND", "OR", "WITH":
		return "", false
	}
	id := p.tokens[p.pos]
	p.pos++
	return idFamily(id), true
}

// linkingException reports whether an SPDX exception lets a copyleft
// licence be linked with code under other terms.
func linkingException(exception string) bool {
	for _, s := range []string{"classpath", "linking", "gcc", "llvm", "ecos", "wxwindows", "universal-foss", "bison", "autoconf", "font", "freertos", "mif", "openjdk"} {
		if strings.Contains(exception, s) {
			return true
		}
	}
	return false
}

// idFamily classifies one SPDX id.
func idFamily(id string) string {
	id = strings.TrimSuffix(canonicalGNU(id), "+")
	if _, ok := spdx.Lookup(id); !ok {
		return FamilyProprietaryOrUnknown
	}
	if fam, ok := familyByID[id]; ok {
		return fam
	}
	for _, r := range familyByPrefix {
		if strings.HasPrefix(id, r.prefix) {
			return r.family
		}
	}
	return FamilyPermissive
}

// familyByPrefix classifies whole groups of the SPDX list; the first
// matching prefix wins, so the narrower come first.
var familyByPrefix = []struct{ prefix, family string }{
	{"CC-BY-NC", FamilyProprietaryOrUnknown},
	{"CC-BY-ND", FamilyProprietaryOrUnknown},
	{"CC-BY-SA", FamilyStrongCopyleft},
	{"CC-SA-", FamilyStrongCopyleft},
	{"CC-BY-", FamilyPermissive},
	{"GPL-2.0-with-", FamilyWeakCopyleft},
	{"GPL-3.0-with-", FamilyWeakCopyleft},
	{"GPL-", FamilyStrongCopyleft},
	{"AGPL-", FamilyStrongCopyleft},
	{"LGPL", FamilyWeakCopyleft},
	{"GFDL-", FamilyStrongCopyleft},
	{"EUPL-", FamilyStrongCopyleft},
	{"OSL-", FamilyStrongCopyleft},
	{"RPL-", FamilyStrongCopyleft},
	{"copyleft-next-", FamilyStrongCopyleft},
	{"MPL-", FamilyWeakCopyleft},
	{"EPL-", FamilyWeakCopyleft},
	{"CDDL-", FamilyWeakCopyleft},
	{"APSL-", FamilyWeakCopyleft},
	{"NPL-", FamilyWeakCopyleft},
	{"Unlicense", FamilyPublicDomain},
	{"NIST-PD", FamilyPublicDomain},
	{"SAX-PD", FamilyPublicDomain},
	{"ANTLR-PD", FamilyPublicDomain},
	{"PolyForm-", FamilyProprietaryOrUnknown},
	{"FSL-", FamilyProprietaryOrUnknown},
}

// familyByID classifies single ids that no prefix covers, or that differ
// from their group.
var familyByID = map[string]string{
	// Strong copyleft.
	"CECILL-1.0": FamilyStrongCopyleft, "CECILL-1.1": FamilyStrongCopyleft,
	"CECILL-2.0": FamilyStrongCopyleft, "CECILL-2.1": FamilyStrongCopyleft,
	"CPAL-1.0": FamilyStrongCopyleft, "Sleepycat": FamilyStrongCopyleft,
	"SSPL-1.0": FamilyStrongCopyleft, "ODbL-1.0": FamilyStrongCopyleft,
	"CDLA-Sharing-1.0": FamilyStrongCopyleft, "CERN-OHL-S-2.0": FamilyStrongCopyleft,
	"LiLiQ-Rplus-1.1": FamilyStrongCopyleft, "QPL-1.0": FamilyStrongCopyleft,
	"QPL-1.0-INRIA-2004": FamilyStrongCopyleft, "NPOSL-3.0": FamilyStrongCopyleft,
	"SimPL-2.0": FamilyStrongCopyleft, "NGPL": FamilyStrongCopyleft,
	"TGPPL-1.0": FamilyStrongCopyleft, "ESA-PL-strong-copyleft-2.4": FamilyStrongCopyleft,
	"AGPL-1.0": FamilyStrongCopyleft,
	// Weak copyleft.
	"CECILL-C": FamilyWeakCopyleft, "MS-RL": FamilyWeakCopyleft, "CPL-1.0": FamilyWeakCopyleft,
	"IPL-1.0": FamilyWeakCopyleft, "ErlPL-1.1": FamilyWeakCopyleft, "SPL-1.0": FamilyWeakCopyleft,
	"Motosoto": FamilyWeakCopyleft, "CATOSL-1.1": FamilyWeakCopyleft, "OSET-PL-2.1": FamilyWeakCopyleft,
	"CERN-OHL-W-2.0": FamilyWeakCopyleft, "LiLiQ-R-1.1": FamilyWeakCopyleft, "Nokia": FamilyWeakCopyleft,
	"RHeCos-1.1": FamilyWeakCopyleft, "SISSL": FamilyWeakCopyleft, "SISSL-1.2": FamilyWeakCopyleft,
	"eCos-2.0": FamilyWeakCopyleft, "OCCT-PL": FamilyWeakCopyleft, "ESA-PL-weak-copyleft-2.4": FamilyWeakCopyleft,
	"MPL-2.0-no-copyleft-exception": FamilyWeakCopyleft, "Vim": FamilyWeakCopyleft, "OCLC-2.0": FamilyWeakCopyleft,
	"Ruby": FamilyWeakCopyleft, "wxWindows": FamilyWeakCopyleft, "SugarCRM-1.1.3": FamilyWeakCopyleft,
	"Linux-man-pages-copyleft": FamilyWeakCopyleft,
	// Public domain and rights waivers.
	"CC0-1.0": FamilyPublicDomain, "CC-PDDC": FamilyPublicDomain, "CC-PDM-1.0": FamilyPublicDomain,
	"PDDL-1.0": FamilyPublicDomain, "DL-DE-ZERO-2.0": FamilyPublicDomain, "NCBI-PD": FamilyPublicDomain,
	"NTIA-PD": FamilyPublicDomain, "blessing": FamilyPublicDomain,
	// Not open: restrictions on use or fields of endeavour, source-available.
	"BUSL-1.1": FamilyProprietaryOrUnknown, "Elastic-2.0": FamilyProprietaryOrUnknown,
	"Hippocratic-2.1": FamilyProprietaryOrUnknown, "CAPEC-tou": FamilyProprietaryOrUnknown,
	"cve-tou": FamilyProprietaryOrUnknown, "Unicode-TOU": FamilyProprietaryOrUnknown,
	"IEC-Code-Components-EULA": FamilyProprietaryOrUnknown, "Aladdin": FamilyProprietaryOrUnknown,
	"SCEA": FamilyProprietaryOrUnknown, "CPOL-1.02": FamilyProprietaryOrUnknown,
	"ADSL": FamilyProprietaryOrUnknown, "AMPAS": FamilyProprietaryOrUnknown,
	"BSD-3-Clause-No-Military-License": FamilyProprietaryOrUnknown,
	"any-OSI":                          FamilyProprietaryOrUnknown, "any-OSI-perl-modules": FamilyProprietaryOrUnknown,
}
