package config

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// notAssigned lists two-letter codes that golang.org/x/text accepts as
// countries but ISO 3166-1 does not assign to one: exceptional reservations
// (AC, CP, CQ, DG, EA, EZ, IC, TA, UN) and withdrawn codes that have no single
// successor (AN, CS, FQ, NT, PC, SU, YU). Withdrawn codes with a successor
// (BU, ZR, UK's GB...) are caught by Region.Canonicalize instead.
//
// XK, which ISO leaves for user assignment, is accepted: it is what the
// European Union and most registries use for Kosovo.
var notAssigned = map[string]bool{
	"AC": true, "CP": true, "CQ": true, "DG": true, "EA": true, "EZ": true,
	"IC": true, "TA": true, "UN": true,
	"AN": true, "CS": true, "FQ": true, "NT": true, "PC": true, "SU": true, "YU": true,
}

// countryMistakes maps codes people use by habit to the ISO one.
var countryMistakes = map[string]string{
	"UK": "GB", // the United Kingdom's ISO code is GB
	"EL": "GR", // the European Union writes Greece as EL
}

// checkCountry returns what is wrong with code as an ISO 3166-1 alpha-2
// country code, with a hint when the right code can be guessed, or "" when
// it is one.
func checkCountry(code string) string {
	if validCountry(code) {
		return ""
	}
	upper := strings.ToUpper(code)
	if right, ok := countryMistakes[upper]; ok {
		return fmt.Sprintf("%q is not an ISO 3166-1 code: did you mean %q?", code, right)
	}
	if upper != code && validCountry(upper) {
		return fmt.Sprintf("write country codes in upper case: %q", upper)
	}
	if r, err := language.ParseRegion(code); err == nil {
		canonical := r.Canonicalize().String()
		switch {
		case validCountry(canonical) && len(code) != 2:
			return fmt.Sprintf("use the two-letter code %q instead of %q", canonical, code)
		case validCountry(canonical):
			return fmt.Sprintf("%q is no longer assigned: did you mean %q?", code, canonical)
		}
	}
	if len(code) == 2 && isUpperASCII(code[0]) && isUpperASCII(code[1]) {
		return fmt.Sprintf("%q is not an ISO 3166-1 country code", code)
	}
	return fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 country code (two upper-case letters, such as \"GB\" or \"EE\")", code)
}

// validCountry reports whether code is a currently assigned ISO 3166-1
// alpha-2 code (or XK), written in upper case.
func validCountry(code string) bool {
	if len(code) != 2 || !isUpperASCII(code[0]) || !isUpperASCII(code[1]) || notAssigned[code] {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && r.String() == code && r.Canonicalize() == r
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }

// CountryProblem says what is wrong with an ISO 3166-1 alpha-2 country
// code, or returns "" when it is a valid one.
func CountryProblem(code string) string { return checkCountry(code) }
