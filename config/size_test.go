package config

import (
	"strings"
	"testing"
)

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{in: "0", want: 0},
		{in: "67108864", want: 64 << 20},
		{in: "64MiB", want: 64 << 20},
		{in: "64 MiB", want: 64 << 20},
		{in: "64mib", want: 64 << 20},
		{in: "2GiB", want: 2 << 30},
		{in: "512KiB", want: 512 << 10},
		{in: "1TiB", want: 1 << 40},
		{in: "500MB", want: 500_000_000},
		{in: "8kB", want: 8000},
		{in: "100B", want: 100},
		{in: "", err: "is not a size"},
		{in: "MiB", err: "is not a size"},
		{in: "-1", err: "is not a size"},
		{in: "1.5GiB", err: "is not a size"},
		{in: "64M", err: "is not a size"},
		{in: "64 bananas", err: "is not a size"},
		{in: "9223372036854775807", want: 9223372036854775807},
		{in: "9223372036854775808", err: "too large"},
		{in: "8388608TiB", err: "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseByteSize(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("parseByteSize(%q) = %d, %v; want an error containing %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("parseByteSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}
