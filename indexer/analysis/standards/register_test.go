package standards

import (
	"strings"
	"testing"
)

func TestEmbeddedRegisterIsValid(t *testing.T) {
	if _, err := parseRegister(registerYAML); err != nil {
		t.Fatal(err)
	}
}

// validRegister is the smallest register that loads; each case of
// TestParseRegisterRejects breaks it in one way.
const validRegister = `
defaults:
  head: 1024
  exclude: ["**/vendor/**"]
globsets:
  docs: ["**/*.md"]
standards:
  - id: example
    name: Example
    body: Example body
    status: royalty-free
    description: An example.
    url: https://example.org/
    evidence: A file.
    rules:
      - files: ["**/*.example"]
`

func TestParseRegisterRejects(t *testing.T) {
	const rule = `      - files: ["**/*.example"]`
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"unknown rule key", rule, `      - file: ["**/*.example"]`, "field file not found"},
		{"unknown standard key", "    name: Example", "    name: Example\n    royalty: free", "field royalty not found"},
		{"unknown top-level key", "globsets:", "extra: 1\nglobsets:", "field extra not found"},
		{"bad content pattern", rule, rule + "\n        content: 'a(b'", "rule 1: content 1: bad pattern"},
		{"bad key pattern", rule, rule + "\n        keys: {openapi: '[3'}", "rule 1: keys: openapi: bad pattern"},
		{"keys not a mapping", rule, rule + "\n        keys: [openapi]", "keys must be a mapping"},
		{"missing name", "    name: Example\n", "", "name is missing"},
		{"missing evidence", "    evidence: A file.\n", "", "evidence is missing"},
		{"missing rules", rule, "", "rules are missing"},
		{"duplicate id", "standards:", "standards:\n  - id: example\n    name: Twin\n    body: B\n    status: frand\n    description: D.\n    url: https://example.org/\n    evidence: E.\n    rules: [{files: ['**/*.twin']}]", "duplicate id"},
		{"bad id", "id: example", "id: Example_1", "id must be lowercase words"},
		{"bad status", "status: royalty-free", "status: free", `status "free" is not`},
		{"url not https", "url: https://example.org/", "url: http://example.org/", "url must start with https://"},
		{"missing head", "  head: 1024\n", "", "head is missing"},
		{"head too big", rule, rule + "\n        content: x\n        head: 99999999", "head 99999999 is not between"},
		{"unknown globset", rule, `      - files: [$nope]`, "unknown globset $nope"},
		{"glob with leading slash", rule, `      - files: ["/LICENSE"]`, "drop the leading /"},
		{"glob with ** inside a segment", rule, `      - files: ["**/foo**"]`, "** must be a whole path segment"},
		{"unclosed brace", rule, `      - files: ["**/*.{md"]`, "{ without }"},
		{"bad glob class", rule, `      - files: ["**/[a"]`, "syntax error in pattern"},
		{"version_from content without group", rule, rule + "\n        content: abc\n        version_from: content", "needs a content pattern with a capture group"},
		{"version_from unknown key", rule, rule + "\n        keys: {a: ''}\n        version_from: b", `version_from "b" is neither`},
		{"version and version_from", rule, rule + "\n        content: 'a(b)'\n        version_from: content\n        version: '1'", "version or version_from, not both"},
		{"unknown note placeholder", rule, rule + "\n        note: '{path}'", "unknown placeholder {path}"},
		{"note version without version", rule, rule + "\n        note: 'v{version}'", "note uses {version} but the rule has no version"},
		{"binary without content", rule, rule + "\n        binary: true", "binary applies to content rules only"},
		{"files and all", rule, rule + "\n        all: [{files: ['a']}]", "not both"},
		{"all and any", rule, "      - all: [{files: ['a']}]\n        any: [{files: ['b']}]", "all or any, not both"},
		{"same_dir on any", rule, "      - any: [{files: ['a']}]\n        same_dir: true", "same_dir applies to all only"},
		{"same_dir over a combination", rule, "      - all: [{any: [{files: ['a']}]}]\n        same_dir: true", "same_dir combines file rules only"},
		{"file settings on a combination", rule, "      - all: [{files: ['a']}]\n        content: x", "file settings belong in those rules"},
		{"empty rule", rule, "      - note: hello", "files (or dependencies, or all/any) is missing"},
		{"dependencies and content", rule, "      - dependencies: [x]\n        content: y", "not both"},
		{"bad dependency name", rule, "      - dependencies: ['two words']", `"two words" is not a dependency name`},
		{"duplicate key", rule, rule + "\n        keys: {a: '', a: ''}", `"a" is listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(validRegister, tt.old) {
				t.Fatalf("the valid register does not contain %q", tt.old)
			}
			_, err := parseRegister([]byte(strings.Replace(validRegister, tt.old, tt.new, 1)))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("parseRegister: %v, want no error", err)
			case tt.want != "" && err == nil:
				t.Errorf("parseRegister: no error, want one containing %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("parseRegister: %v\nwant an error containing %q", err, tt.want)
			}
		})
	}
	if _, err := parseRegister([]byte(validRegister)); err != nil {
		t.Errorf("the valid register: %v", err)
	}
}

func TestParseRegisterReportsEveryProblem(t *testing.T) {
	broken := strings.NewReplacer(
		"status: royalty-free", "status: free",
		"url: https://example.org/", "url: ftp://example.org/",
	).Replace(validRegister)
	_, err := parseRegister([]byte(broken))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`status "free"`, "url must start"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
