package ui

import (
	"slices"
	"strings"

	"github.com/govshare/govshare/registry"
)

// licenseMatchCheck is the ID of the analysers' check that the declared
// licence matches the files (checks.LicenceConsistent, which ui may not
// import). When a record holds it, its outcome is the licence consistency
// exports report; otherwise the catalogue compares the declarations itself
// (see declaredAgreement).
const licenseMatchCheck = "licence-consistent"

// Agreement of a declared licence with the files.
const (
	agreementMatch    = "match"
	agreementMismatch = "mismatch"
	agreementUnknown  = "unknown"
)

// declaredView is one declared licence next to what the files say.
type declaredView struct {
	Path     string
	PathLink string
	Field    string
	Value    string
	SPDX     string
	// Files is the licence expression found in the files, "" for none.
	Files     string
	Agreement string
	// AgreementLabel says the agreement in words.
	AgreementLabel string
}

// Mismatch reports whether the declaration disagrees with the files.
func (d declaredView) Mismatch() bool { return d.Agreement == agreementMismatch }

// buildDeclared lists a record's declared licences, each compared with the
// licence found in the files.
func buildDeclared(r *registry.Record) []declaredView {
	views := make([]declaredView, 0, len(r.DeclaredLicenses))
	for _, d := range r.DeclaredLicenses {
		agreement, label := declaredAgreement(d, r.License)
		views = append(views, declaredView{
			Path:           d.Path,
			PathLink:       sourceFileLink(r.URL, r.Commit, d.Path, 0),
			Field:          d.Field,
			Value:          d.Value,
			SPDX:           d.SPDX,
			Files:          r.License,
			Agreement:      agreement,
			AgreementLabel: label,
		})
	}
	return views
}

// declaredAgreement compares a declared licence with the expression found
// in the files. It is the catalogue's own, deliberately simple reading,
// used to point at the row that disagrees; the analysers' check is the
// judgement (see licenseMatchCheck).
func declaredAgreement(d registry.DeclaredLicense, files string) (agreement, label string) {
	switch {
	case d.SPDX == "":
		return agreementUnknown, "Cannot compare: not an SPDX expression"
	case files == "":
		return agreementUnknown, "Cannot compare: no licence found in the files"
	case sameLicense(d.SPDX, files):
		return agreementMatch, "Matches the files"
	default:
		return agreementMismatch, "Does not match the files"
	}
}

// licenseConsistency is the outcome of comparing the declared licences with
// the files: the analysers' check when the record holds it, else fail when
// any declaration disagrees, warn when one cannot be compared, pass when all
// agree, and "" when nothing is declared.
func licenseConsistency(r *registry.Record) string {
	for _, c := range r.Checks {
		if c.ID == licenseMatchCheck {
			return c.Status
		}
	}
	outcome := ""
	for _, d := range r.DeclaredLicenses {
		agreement, _ := declaredAgreement(d, r.License)
		status := registry.CheckFail
		switch agreement {
		case agreementMatch:
			status = registry.CheckPass
		case agreementUnknown:
			status = registry.CheckWarn
		}
		if checkSeverity[status] > checkSeverity[outcome] {
			outcome = status
		}
	}
	return outcome
}

// sameLicense reports whether two SPDX expressions name the same licensing,
// ignoring case, the order of the terms of an expression that uses one
// operator throughout, and the difference between a bare family such as
// GPL-3.0 (what the files give when nothing settles -only against
// -or-later) and either of its variants. -only and -or-later differ. An
// expression with parentheses or both operators must be written the same
// way to match: it is not parsed further.
func sameLicense(a, b string) bool {
	ta, oa, ga := licenseTokens(a)
	tb, ob, gb := licenseTokens(b)
	if len(ta) == 0 || len(ta) != len(tb) || oa != ob || ga != gb {
		return false
	}
	if ga {
		for i := range ta {
			if !sameLicenseID(ta[i], tb[i]) {
				return false
			}
		}
		return true
	}
	// One operator throughout, so the order of the terms does not matter.
	// Exact pairs are taken first, so that a bare family is left to pair
	// with whichever variant remains.
	rest := slices.Clone(tb)
	var unmatched []string
	for _, x := range ta {
		if i := slices.Index(rest, x); i >= 0 {
			rest = slices.Delete(rest, i, i+1)
		} else {
			unmatched = append(unmatched, x)
		}
	}
	for _, x := range unmatched {
		i := slices.IndexFunc(rest, func(y string) bool { return sameLicenseID(x, y) })
		if i < 0 {
			return false
		}
		rest = slices.Delete(rest, i, i+1)
	}
	return true
}

// parenSpacer puts spaces around parentheses, so that they split into
// tokens of their own. A Replacer is safe for concurrent use.
var parenSpacer = strings.NewReplacer("(", " ( ", ")", " ) ")

// licenseTokens splits an expression into lower-case terms (a licence, with
// its exception when it has one), upper-case operators and parentheses.
// grouped is true when the expression has parentheses or both operators,
// so that its tokens' order matters; otherwise only its terms are
// returned, and operator is the one joining them ("" for a single term).
func licenseTokens(expr string) (tokens []string, operator string, grouped bool) {
	var terms []string
	fields := strings.Fields(parenSpacer.Replace(expr))
	for i := 0; i < len(fields); i++ {
		tok := fields[i]
		switch up := strings.ToUpper(tok); up {
		case "(", ")":
			grouped = true
			tokens = append(tokens, up)
			continue
		case "AND", "OR":
			if operator != "" && operator != up {
				grouped = true
			}
			operator = up
			tokens = append(tokens, up)
			continue
		case "WITH":
			if n := len(terms); n > 0 && i+1 < len(fields) {
				exception := " with " + strings.ToLower(fields[i+1])
				terms[n-1] += exception
				tokens[len(tokens)-1] += exception
				i++
			}
			continue
		}
		tok = strings.ToLower(tok)
		if base, ok := strings.CutSuffix(tok, "+"); ok {
			tok = base + "-or-later" // the deprecated spelling of the same
		}
		terms = append(terms, tok)
		tokens = append(tokens, tok)
	}
	if grouped {
		return tokens, operator, true
	}
	return terms, operator, false
}

// licenseVariants are the suffixes that turn a licence family into one of
// its variants.
var licenseVariants = []string{"-only", "-or-later"}

// sameLicenseID compares two licence tokens, a bare family being the same
// as any of its variants.
func sameLicenseID(a, b string) bool {
	if a == b {
		return true
	}
	for _, suffix := range licenseVariants {
		if strings.TrimSuffix(a, suffix) == b || strings.TrimSuffix(b, suffix) == a {
			return true
		}
	}
	return false
}
