package config

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckCountry(t *testing.T) {
	tests := []struct {
		code string
		want string
	}{
		{"GB", ""},
		{"EE", ""},
		{"NZ", ""},
		{"KR", ""},
		{"IL", ""},
		{"CA", ""},
		{"UY", ""},
		{"PT", ""},
		{"DK", ""},
		{"MX", ""},
		{"AQ", ""},
		{"XK", ""},
		{"UK", `"UK" is not an ISO 3166-1 code: did you mean "GB"?`},
		{"uk", `"uk" is not an ISO 3166-1 code: did you mean "GB"?`},
		{"EL", `"EL" is not an ISO 3166-1 code: did you mean "GR"?`},
		{"gb", `write country codes in upper case: "GB"`},
		{"Ee", `write country codes in upper case: "EE"`},
		{"GBR", `use the two-letter code "GB" instead of "GBR"`},
		{"nzl", `use the two-letter code "NZ" instead of "nzl"`},
		{"826", `use the two-letter code "GB" instead of "826"`},
		{"BU", `"BU" is no longer assigned: did you mean "MM"?`},
		{"ZR", `"ZR" is no longer assigned: did you mean "CD"?`},
		{"YU", `"YU" is not an ISO 3166-1 country code`},
		{"SU", `"SU" is not an ISO 3166-1 country code`},
		{"EU", `"EU" is not an ISO 3166-1 country code`},
		{"UN", `"UN" is not an ISO 3166-1 country code`},
		{"ZZ", `"ZZ" is not an ISO 3166-1 country code`},
		{"QO", `"QO" is not an ISO 3166-1 country code`},
		{"AA", `"AA" is not an ISO 3166-1 country code`},
		{"G", `"G" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, such as "GB" or "EE")`},
		{"United Kingdom", `"United Kingdom" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, such as "GB" or "EE")`},
		{"G1", `"G1" is not an ISO 3166-1 alpha-2 country code (two upper-case letters, such as "GB" or "EE")`},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, checkCountry(tt.code)); diff != "" {
				t.Errorf("checkCountry(%q) mismatch (-want +got):\n%s", tt.code, diff)
			}
		})
	}
}

// TestValidCountryCount pins the accepted set to ISO 3166-1's 249 assigned
// codes plus XK, so that a golang.org/x/text update that widens or narrows
// it is noticed.
func TestValidCountryCount(t *testing.T) {
	n := 0
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			if validCountry(string([]byte{a, b})) {
				n++
			}
		}
	}
	if n != 250 {
		t.Errorf("%d two-letter codes are accepted, want 250 (249 assigned, and XK)", n)
	}
}
