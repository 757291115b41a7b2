package registry

import "testing"

func TestCountryName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"NL", "Netherlands"},
		{"it", "Italy"},
		{"GB", "United Kingdom"},
		{"CZ", "Czechia"},
		{"", ""},
		{"not a code", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := CountryName(tt.code); got != tt.want {
				t.Errorf("CountryName(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}
