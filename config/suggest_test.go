package config

import "testing"

func TestSuggestKey(t *testing.T) {
	tests := []struct {
		key   string
		known []string
		want  string
	}{
		{"contry", participantKeys, "country"},
		{"Country", participantKeys, "country"},
		{"websit", participantKeys, "website"},
		{"source", participantKeys, "sources"},
		{"homepage", participantKeys, "website"},
		{"repositories", participantKeys, "sources"},
		{"ID", participantKeys, "id"},
		{"budget", participantKeys, ""},
		{"url", sourceKeys, "repo"},
		{"url", participantKeys, ""},
		{"rep", sourceKeys, "repo"},
		{"branch", sourceKeys, ""},
		{"dataDir", configKeys, "data_dir"},
		{"data-dir", configKeys, "data_dir"},
		{"concurency", configKeys, "concurrency"},
		{"listen", configKeys, "addr"},
		{"workers", configKeys, "concurrency"},
		{"x", configKeys, ""},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := suggestKey(tt.key, tt.known); got != tt.want {
				t.Errorf("suggestKey(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"country", "country", 0},
		{"contry", "country", 1},
		{"kitten", "sitting", 3},
		{"données", "donnees", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
