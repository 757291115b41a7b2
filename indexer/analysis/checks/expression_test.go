package checks

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExpressionCanonical(t *testing.T) {
	tests := []struct {
		in, want string
		leaves   []string
	}{
		{"MIT", "MIT", []string{"MIT"}},
		{"MIT OR Apache-2.0", "Apache-2.0 OR MIT", []string{"MIT", "Apache-2.0"}},
		{"(MIT)", "MIT", []string{"MIT"}},
		{"MIT AND (Apache-2.0 OR BSD-3-Clause)", "(Apache-2.0 OR BSD-3-Clause) AND MIT", []string{"MIT", "Apache-2.0", "BSD-3-Clause"}},
		{"A AND B AND A", "A AND B", []string{"A", "B"}},
		{"A AND (B AND C)", "A AND B AND C", []string{"A", "B", "C"}},
		{"A OR B AND C", "(B AND C) OR A", []string{"A", "B", "C"}},
		{"GPL-2.0-only WITH Classpath-exception-2.0 OR MIT", "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT",
			[]string{"GPL-2.0-only", "MIT"}},
		{"mit or apache-2.0", "apache-2.0 OR mit", []string{"mit", "apache-2.0"}},
		// Not an expression: one leaf holding the text.
		{"MIT AND", "MIT AND", []string{"MIT AND"}},
		{"(MIT", "(MIT", []string{"(MIT"}},
		{"MIT WITH", "MIT WITH", []string{"MIT WITH"}},
		{"(A OR B) WITH X", "(A OR B) WITH X", []string{"(A OR B) WITH X"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e := parseExpression(tt.in)
			if diff := cmp.Diff(tt.want, e.canonical()); diff != "" {
				t.Errorf("canonical (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.leaves, e.leaves()); diff != "" {
				t.Errorf("leaves (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpressionWithout(t *testing.T) {
	isX := func(id string) bool { return id == "X" }
	tests := []struct {
		in, want string
	}{
		{"MIT AND X", "MIT"},
		{"(MIT OR X) AND Apache-2.0", "Apache-2.0 AND MIT"},
		{"X", ""},
		{"X AND X", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ""
			if e := parseExpression(tt.in).without(isX); e != nil {
				got = e.canonical()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLicenceFamily(t *testing.T) {
	for in, want := range map[string]string{
		"GPL-3.0": "GPL-3.0", "GPL-3.0-only": "GPL-3.0", "GPL-3.0-or-later": "GPL-3.0", "GPL-3.0+": "GPL-3.0",
		"LGPL-2.1-or-later": "LGPL-2.1", "MIT": "MIT",
	} {
		if got := licenceFamily(in); got != want {
			t.Errorf("licenceFamily(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJudgeExpression(t *testing.T) {
	tests := []struct {
		expr, want string
	}{
		{"MIT", "pass"},
		{"MIT AND CC-BY-4.0", "warn"},
		{"MIT OR CC-BY-4.0", "pass"},
		{"BUSL-1.1 OR CC-BY-4.0", "warn"},
		{"BUSL-1.1 AND MIT", "fail"},
		{"(BUSL-1.1 AND MIT) OR EUPL-1.2", "pass"},
		{"not-a-licence", "fail"},
		{"CC-PDDC", "pass"},
	}
	for _, tt := range tests {
		if got := judgeExpression(parseExpression(tt.expr)); got != tt.want {
			t.Errorf("judgeExpression(%q) = %q, want %q", tt.expr, got, tt.want)
		}
	}
}
