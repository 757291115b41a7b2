package standards

import (
	"strings"
	"testing"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		glob  string
		path  string
		match bool
	}{
		{"**/*.json", "openapi.json", true},
		{"**/*.json", "api/v1/openapi.JSON", true},
		{"**/*.json", "api/openapi.json5", false},
		{"*.json", "api/openapi.json", false},
		{"*.json", "openapi.json", true},
		{"docs/**", "docs/a/b.md", true},
		{"docs/**", "src/docs.md", false},
		{"**/node_modules/**", "web/node_modules/x/y.js", true},
		{"**/node_modules/**", "node_modules/y.js", true},
		{"**/node_modules/**", "web/node_modules_old/y.js", false},
		{"**/*.{yaml,yml}", "deploy/values.yml", true},
		{"**/*.{yaml,yml}", "deploy/values.yam", false},
		{"**/.well-known/openid-configuration{,.json}", "public/.well-known/openid-configuration", true},
		{"**/.well-known/openid-configuration{,.json}", ".well-known/openid-configuration.json", true},
		{"**/README*", "docs/ReadMe.rst", true},
		{"**/*gtfs*.zip", "data/city-GTFS-2024.zip", true},
		{"**/*{a11y,toegankelijkheid}*.{md,html}", "site/a11y-statement.html", true},
		{"**/*{a11y,toegankelijkheid}*.{md,html}", "site/toegankelijkheid.md", true},
		{"**/*{a11y,toegankelijkheid}*.{md,html}", "site/a11y.txt", false},
		{"**/test/**", "src/test/java/A.java", true},
		{"**/test/**", "src/testing/A.java", false},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"**/?.md", "x/a.md", true},
		{"**/[ab].md", "x/c.md", false},
		{"**/*.{js,css}.map", "dist/app.JS.map", true},
		{"**/*.{js,css}.map", "mapserver/city.map", false},
		{"**/directory.packages.props", "src/Directory.Packages.props", true},
		{"**/*a*b*.md", "x/xaybz.md", true},
		{"**/*a*b*.md", "x/xbyaz.md", false},
		{"**/{package.json,go.mod,gemfile}", "web/Gemfile", true},
	}
	for _, tt := range tests {
		t.Run(tt.glob+" "+tt.path, func(t *testing.T) {
			g, err := compileGlob(tt.glob)
			if err != nil {
				t.Fatal(err)
			}
			var m pathMatcher
			m.reset(strings.ToLower(tt.path), 1)
			if got := m.matchesAny([]*glob{g}); got != tt.match {
				t.Errorf("match = %v, want %v", got, tt.match)
			}
		})
	}
}
