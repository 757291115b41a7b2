package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govshare/govshare/registry"
)

func TestTooComplex(t *testing.T) {
	realistic, err := os.ReadFile(filepath.Join("testdata", "municipal-forms.md"))
	if err != nil {
		t.Fatal(err)
	}
	deepList := func(depth int) string {
		var b strings.Builder
		for i := range depth {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"a realistic README", strings.Repeat(string(realistic), 20), ""},
		{"nesting a person writes", "> - a\n>   - b\n>     > c\n" + deepList(10) + "[![a](b)](c) [[wiki]]", ""},
		{"deep brackets inside fenced code", "```json\n" + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n```\n", ""},
		{"deep indentation inside fenced code", "~~~~yaml\n" + strings.Repeat(" ", 200) + "- item\n~~~~\n", ""},
		{"escaped brackets", strings.Repeat(`\[`, 1000), ""},
		{"long lines with a few links", strings.Repeat(strings.Repeat("word ", 400)+"[a](b) [c](d)\n", 100), ""},
		{"a hundred link definitions", strings.Repeat("[a]: https://example.org\n", 100), ""},
		{"tables a person writes", strings.Repeat("| a | b | c |\n|---|:-:|--:|\n"+strings.Repeat("| 1 | 2 | 3 |\n", 200)+"\n", 20), ""},
		{"thematic breaks", strings.Repeat("text\n\n---\n\n", 500), ""},
		{"a hundred footnotes", strings.Repeat("Text[^1].\n\n", 100) + "[^1]: a note\n", ""},

		{"block quotes nested deep", strings.Repeat(">", 1000) + " x", "containers nested too deep"},
		{"quotes and lists nested deep", strings.Repeat("> - ", 100) + "x", "containers nested too deep"},
		{"list indented deep", deepList(40), "a list nested too deep"},
		{"brackets nested deep", strings.Repeat("[", 1000) + strings.Repeat("]", 1000), "brackets nested too deep"},
		{"brackets nested deep over lines", strings.Repeat("[\n", 20), "brackets nested too deep"},
		{"image openings", strings.Repeat("![", 1000), "brackets nested too deep"},
		{"unclosed destinations on a long line", strings.Repeat("[a](", 2000), "too many links on long lines"},
		{"link definitions in a row", strings.Repeat("[a]: b\n", 1000), "too many link definitions in a row"},
		{"a table too wide", strings.Repeat("|a", 2000) + "|\n" + strings.Repeat("|-", 2000) + "|\n" + strings.Repeat("x\n", 10), "a table too wide"},
		{"rows padded to a wide header", "|" + strings.Repeat("a|", 60) + "\n|" + strings.Repeat("-|", 60) + "\n" + strings.Repeat("x\n", 1000), "tables too large"},
		{"footnote references", strings.Repeat("[^a]", 120_000), "too many footnotes"},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tooComplex([]byte(tt.src)); got != tt.want {
				t.Errorf("tooComplex = %q, want %q", got, tt.want)
			}
			out := string(r.Render([]byte(tt.src), Options{Format: registry.ReadmeMarkdown}))
			if plain := strings.HasPrefix(out, `<pre class="readme-plain">`); plain != (tt.want != "") {
				t.Errorf("rendered as text: %v, want %v", plain, tt.want != "")
			}
		})
	}
}
