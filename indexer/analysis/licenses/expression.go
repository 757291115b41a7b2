package licenses

import (
	"regexp"
	"slices"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"

	"github.com/govshare/govshare/indexer/analysis/licenses/spdx"
)

// Unknown is the SPDX reference for a text that looks like a licence (a file
// named LICENSE, say) but matches no known licence well enough. Detection
// fails closed: such a file is never silently taken for anything else.
const Unknown = "LicenseRef-govshare-unknown"

// refPrefix starts the references this project makes up.
const refPrefix = "LicenseRef-govshare-"

// Normalize validates an SPDX licence expression and returns it in canonical
// form ("mit" becomes "MIT", "apache-2.0 OR mit" becomes "Apache-2.0 OR MIT").
// Deprecated ids and LicenseRef- references are valid. It reports false for
// anything that is not a valid expression.
func Normalize(expr string) (string, bool) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return "", false
	}
	norm, invalid := spdxexp.ValidateAndNormalizeLicensesWithOptions([]string{expr}, spdxexp.ValidateLicensesOptions{})
	if len(invalid) > 0 || len(norm) != 1 {
		return "", false
	}
	return norm[0], true
}

// OSIApproved reports whether every licence the expression names is
// OSI-approved according to the embedded SPDX list. An expression with a
// LicenseRef-, or an invalid one, is not.
func OSIApproved(expr string) bool {
	ids, err := spdxexp.ExtractLicenses(expr)
	if err != nil || len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		id, _, _ = strings.Cut(id, " WITH ")
		id = strings.TrimSuffix(id, "+")
		l, ok := spdx.Lookup(id)
		if !ok || !l.OSIApproved {
			return false
		}
	}
	return true
}

// combine joins licence ids (or expressions) into one SPDX expression: with
// " OR " when the project offers them as alternatives, " AND " otherwise.
// Known licences come first in alphabetical order, references last; compound
// parts are parenthesised. The result is validated, and an expression that
// does not validate is reported as Unknown rather than passed on.
func combine(ids []string, alternatives bool) string {
	var known, refs []string
	for _, id := range ids {
		switch {
		case id == "" || slices.Contains(known, id) || slices.Contains(refs, id):
		case strings.Contains(id, "LicenseRef-"):
			refs = append(refs, id)
		default:
			known = append(known, id)
		}
	}
	slices.Sort(known)
	slices.Sort(refs)
	parts := append(known, refs...)
	switch len(parts) {
	case 0:
		return ""
	case 1:
		if norm, ok := Normalize(parts[0]); ok {
			return norm
		}
		return Unknown
	}
	op := " AND "
	if alternatives {
		op = " OR "
	}
	for i, p := range parts {
		if strings.Contains(p, " AND ") || strings.Contains(p, " OR ") {
			parts[i] = "(" + p + ")"
		}
	}
	if norm, ok := Normalize(strings.Join(parts, op)); ok {
		return norm
	}
	return Unknown
}

// alternativeWording finds the phrases projects use to offer a choice
// between licences. It is deliberately narrow: "at your option" is left out
// because GPL notices use it for "any later version".
var alternativeWording = regexp.MustCompile(`(?i)\bdual[- ]?licen[cs]|\bmulti[- ]?licen[cs]|` +
	`\blicen[cs]ed under (?:the terms of )?either\b|` +
	`\beither (?:of )?(?:the )?(?:following |these |two |both )?licen[cs]es\b|` +
	`\b(?:choose|select|pick) (?:either|one of|between)\b`)

// sentenceEnd splits prose into sentences: a full stop, question or
// exclamation mark before a space, or a blank line. "EUPL-1.2" stays whole.
var sentenceEnd = regexp.MustCompile(`[.!?](?:\s|$)|\n\s*\n`)

// saysAlternatives reports whether any sentence of the texts that talks
// about licences offers them as alternatives.
func saysAlternatives(texts ...string) bool {
	for _, t := range texts {
		for _, sentence := range sentenceEnd.Split(t, -1) {
			if strings.Contains(strings.ToLower(sentence), "licen") && alternativeWording.MatchString(sentence) {
				return true
			}
		}
	}
	return false
}
