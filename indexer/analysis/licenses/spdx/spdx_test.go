package spdx

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		id     string
		want   License
		wantOK bool
	}{
		{"MIT", License{Name: "MIT License", OSIApproved: true}, true},
		{"EUPL-1.2", License{Name: "European Union Public License 1.2", OSIApproved: true}, true},
		{"CC-BY-4.0", License{Name: "Creative Commons Attribution 4.0 International", OSIApproved: false}, true},
		{"mit", License{}, false},
		{"LicenseRef-govshare-unknown", License{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, ok := Lookup(tt.id)
			if ok != tt.wantOK {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.id, ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Lookup(%q) mismatch (-want +got):\n%s", tt.id, diff)
			}
		})
	}
}

func TestLen(t *testing.T) {
	// SPDX License List 3.28.0 as shipped by spdx-license-list 6.12.0.
	if got, want := Len(), 727; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestTexts(t *testing.T) {
	ids := TextIDs()
	if len(ids) != 48 {
		t.Errorf("TextIDs() holds %d ids, want 48", len(ids))
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			if _, ok := Lookup(id); !ok {
				t.Errorf("%s has a text but is not on the SPDX list", id)
			}
			text, ok := Text(id)
			if !ok || len(text) < 300 {
				t.Errorf("Text(%q) = %d bytes, %v; want a full licence text", id, len(text), ok)
			}
		})
	}
	for _, id := range []string{"GPL-3.0", "../licenses.json", "MIT/.."} {
		if _, ok := Text(id); ok {
			t.Errorf("Text(%q) found a text, want none", id)
		}
	}
}
