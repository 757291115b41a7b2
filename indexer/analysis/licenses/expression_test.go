package licenses

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"MIT", "MIT", true},
		{" mit ", "MIT", true},
		{"apache-2.0 OR mit", "Apache-2.0 OR MIT", true},
		{"GPL-3.0", "GPL-3.0", true},
		{"LicenseRef-city-custom", "LicenseRef-city-custom", true},
		{"SEE LICENSE IN LICENSE.txt", "", false},
		{"UNLICENSED", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Normalize(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestOSIApproved(t *testing.T) {
	tests := []struct {
		expr string
		want bool
	}{
		{"MIT", true},
		{"EUPL-1.2", true},
		{"GPL-3.0-or-later", true},
		{"Apache-2.0 OR MIT", true},
		{"MIT AND CC-BY-4.0", false},
		{"CC0-1.0", false},
		{Unknown, false},
		{"GPL-2.0-only WITH Classpath-exception-2.0", true},
		{"not an expression", false},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			if got := OSIApproved(tt.expr); got != tt.want {
				t.Errorf("OSIApproved(%q) = %v, want %v", tt.expr, got, tt.want)
			}
		})
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		name         string
		ids          []string
		alternatives bool
		want         string
	}{
		{"none", nil, false, ""},
		{"one", []string{"MIT"}, false, "MIT"},
		{"duplicates", []string{"MIT", "MIT"}, false, "MIT"},
		{"sorted", []string{"MIT", "Apache-2.0"}, false, "Apache-2.0 AND MIT"},
		{"alternatives", []string{"MIT", "Apache-2.0"}, true, "Apache-2.0 OR MIT"},
		{"references last", []string{Unknown, "MIT"}, false, "MIT AND " + Unknown},
		{"compound parts", []string{"EUPL-1.2", "MIT OR Apache-2.0"}, false, "EUPL-1.2 AND (MIT OR Apache-2.0)"},
		{"invalid part fails closed", []string{"MIT", "not valid"}, false, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := combine(tt.ids, tt.alternatives); got != tt.want {
				t.Errorf("combine(%q, %v) = %q, want %q", tt.ids, tt.alternatives, got, tt.want)
			}
		})
	}
}

func TestSaysAlternatives(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"This project is dual-licensed under MIT and Apache-2.0.", true},
		{"Dual licensed under the EUPL and the MPL.", true},
		{"Licensed under either of Apache License, Version 2.0 or MIT license at your option.", true},
		{"You may use it under either of the following licenses:", true},
		{"You can choose between the EUPL-1.2 and the GPL-3.0 licences.", true},
		{"Install it.\n\nYou can choose between a light and a dark theme. Licensed under the MIT licence.", false},
		{"either version 3 of the License, or (at your option) any later version.", false},
		{"Licensed under the MIT license.", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := saysAlternatives(tt.text); got != tt.want {
				t.Errorf("saysAlternatives(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
