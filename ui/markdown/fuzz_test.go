package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govshare/govshare/registry"
)

// FuzzRender checks that whatever the README, the output holds no script,
// no event handler, no style, no image and no link but to http(s), mailto
// or a prefixed id (see unsafeHTML), and is valid UTF-8.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\n[![b](https://img.shields.io/b.svg)](https://ci)\n\nText [x](docs/x.md) ![i](i.png)",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>",
		"[x](&#106;avascript:alert(1)) <javascript:alert(1)> ![d](data:image/svg+xml;base64,PHN2Zz4=)",
		"| <b onmouseover=x>a</b> | <kbd><sup>b</kbd></sup> |\n|---|---|\n| [r][r] | c |\n\n[r]: vbscript:x",
		"> [!NOTE]\n> a[^1]\n\n[^1]: b\n\n- [x] c\n\n```\"><svg onload=x>\n```",
	} {
		f.Add(seed)
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "municipal-forms.md")); err == nil {
		f.Add(string(b))
	}
	r := New()
	opts := Options{Format: registry.ReadmeMarkdown, Path: "docs/README.md", FileURL: fileURL}
	f.Fuzz(func(t *testing.T, src string) {
		got := string(r.Render([]byte(src), opts))
		if problem := unsafeHTML(got); problem != "" {
			t.Fatalf("Render(%q) = %q: %s", src, got, problem)
		}
		if strings.Contains(strings.ToLower(got), "<img") {
			t.Fatalf("Render(%q) = %q: an image", src, got)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Render(%q) is not valid UTF-8", src)
		}
	})
}
