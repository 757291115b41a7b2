package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

const blob = "https://code.example.org/gov/forms/blob/0123abcd/"

// fileURL stands in for the page's link builder: every path has a page.
func fileURL(p string) string { return blob + p }

const ext = ` rel="external nofollow noopener noreferrer ugc"`

func TestRender(t *testing.T) {
	md := Options{Format: registry.ReadmeMarkdown, Path: "README.md", FileURL: fileURL}
	tests := []struct {
		name string
		src  string
		opts Options // md when zero
		want string
	}{
		// Script, handlers, styles, frames: raw HTML never comes through.
		{name: "script block", src: "<script>alert(1)</script>\n\nText.", want: "<p>Text.</p>"},
		{name: "inline script keeps only its text", src: "Hi <script>alert(1)</script> there", want: "<p>Hi alert(1) there</p>"},
		{name: "img onerror block", src: `<img src=x onerror=alert(1)>`, want: ""},
		{name: "img onerror inline", src: `a <img src=x onerror="alert(1)"> b`, want: "<p>a  b</p>"},
		{name: "iframe", src: `<iframe src="https://evil.example/"></iframe>`, want: ""},
		{name: "svg on a line with more", src: `<svg onload=alert(1)><script>alert(1)</script></svg>`, want: "<p>alert(1)</p>"},
		{name: "svg block", src: "<svg onload=alert(1)>\n<script>alert(1)</script>\n</svg>", want: ""},
		{name: "svg inline", src: `x <svg><a xlink:href="javascript:alert(1)">y</a></svg>`, want: "<p>x y</p>"},
		{name: "style attribute", src: `<p style="color:red">x</p>`, want: ""},
		{name: "style inline", src: `a <span style="position:fixed">b</span> c`, want: "<p>a b c</p>"},
		{name: "form and input", src: "a <input type=text name=q> <button>go</button>", want: "<p>a  go</p>"},
		{name: "object and embed", src: "<object data=x.swf></object>\n\n<embed src=x.swf>", want: ""},
		{name: "HTML comment", src: "a <!-- <script>x</script> --> b", want: "<p>a  b</p>"},
		{name: "entities stay text", src: "&lt;script&gt;alert(1)&lt;/script&gt;", want: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{name: "tags in a table cell", src: "| a | b |\n|---|---|\n| <b onmouseover=alert(1)>x</b> | <a href=\"javascript:alert(1)\">y</a> |",
			want: "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td>y</td>\n</tr>\n</tbody>\n</table>"},
		{name: "code keeps HTML as text", src: "```html\n<script>alert(1)</script>\n```",
			want: "<pre><code class=\"language-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>"},
		{name: "hostile code language", src: "```\"><script>alert(1)</script>\nx\n```", want: "<pre><code>x\n</code></pre>"},

		// Kept inline tags, only bare and balanced.
		{name: "kbd, sup, sub, br", src: "Press <kbd>Ctrl</kbd>+<KBD>C</KBD>, x<sup>2</sup> H<sub>2</sub>O<br>next",
			want: "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup> H<sub>2</sub>O<br>next</p>"},
		{name: "unbalanced inline tags dropped", src: "a <sup>b\n\nc </sub>d<sub> <kbd><sup>e</kbd></sup>",
			want: "<p>a b</p>\n<p>c d <sup>e</sup></p>"},
		{name: "inline tag with attributes dropped", src: `<kbd class="x" onclick="y">K</kbd>`, want: "<p>K</p>"},

		// Links.
		{name: "javascript link", src: "[click](javascript:alert(1))", want: "<p>click</p>"},
		{name: "javascript in mixed case", src: "[click](JaVaScRiPt:alert(1))", want: "<p>click</p>"},
		{name: "javascript behind a character reference", src: "[click](&#106;avascript:alert(1))", want: "<p>click</p>"},
		{name: "javascript in angle brackets", src: "[click](<javascript:alert(1)>)", want: "<p>click</p>"},
		{name: "javascript with a tab", src: "[click](<java\tscript:alert(1)>)", want: "<p>click</p>"},
		{name: "javascript autolink", src: "<javascript:alert(1)>", want: "<p>javascript:alert(1)</p>"},
		{name: "vbscript", src: "[click](vbscript:msgbox)", want: "<p>click</p>"},
		{name: "data URI link", src: "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", want: "<p>x</p>"},
		{name: "file link", src: "[x](file:///etc/passwd)", want: "<p>x</p>"},
		{name: "protocol-relative", src: "[x](//evil.example/)", want: "<p>x</p>"},
		{name: "user part", src: "[x](https://gov.example@evil.example/)", want: "<p>x</p>"},
		{name: "reference-style", src: "See [the docs][d] and [bad][b].\n\n[d]: docs/README.md \"Read me\"\n[b]: javascript:alert(1)",
			want: `<p>See <a href="` + blob + `docs/README.md" title="Read me"` + ext + `>the docs</a> and bad.</p>`},
		{name: "absolute kept", src: "[gov](https://www.gov.example/a?b=1&c=2#d)",
			want: `<p><a href="https://www.gov.example/a?b=1&amp;c=2#d"` + ext + `>gov</a></p>`},
		{name: "title escaped", src: `[x](https://a.example "say \"hi\" <b>")`,
			want: `<p><a href="https://a.example" title="say &#34;hi&#34; &lt;b&gt;"` + ext + `>x</a></p>`},
		{name: "autolinks", src: "<https://a.example/x> www.b.example and help@c.example",
			want: `<p><a href="https://a.example/x"` + ext + `>https://a.example/x</a> <a href="http://www.b.example"` + ext + `>www.b.example</a> and <a href="mailto:help@c.example"` + ext + `>help@c.example</a></p>`},
		{name: "mailto", src: "[write](mailto:help@c.example)", want: `<p><a href="mailto:help@c.example"` + ext + `>write</a></p>`},
		{name: "relative links", src: "[a](docs/install.md) [b](./docs/../LICENSE#L3) [c](/src/main.go) [d](../outside.md) [e](.) [f](?tab=x)",
			want: `<p><a href="` + blob + `docs/install.md"` + ext + `>a</a> <a href="` + blob + `LICENSE#L3"` + ext + `>b</a> <a href="` + blob + `src/main.go"` + ext + `>c</a> d e f</p>`},
		{name: "relative to the README's folder", src: "[up](../LICENSE) [here](setup.md)",
			opts: Options{Format: registry.ReadmeMarkdown, Path: "docs/README.md", FileURL: fileURL},
			want: `<p><a href="` + blob + `LICENSE"` + ext + `>up</a> <a href="` + blob + `docs/setup.md"` + ext + `>here</a></p>`},
		{name: "relative without FileURL", src: "[a](docs/install.md) [b](https://a.example)",
			opts: Options{Format: registry.ReadmeMarkdown},
			want: `<p>a <a href="https://a.example"` + ext + `>b</a></p>`},
		{name: "FileURL refuses", src: "[a](docs/install.md)",
			opts: Options{Format: registry.ReadmeMarkdown, FileURL: func(string) string { return "" }},
			want: "<p>a</p>"},
		{name: "anchors", src: "[Install](#Install) [Käyttö](#k%C3%A4ytt%C3%B6)\n\n## Install\n\n## Käyttö",
			want: `<p><a href="#readme-install">Install</a> <a href="#readme-k%C3%A4ytt%C3%B6">Käyttö</a></p>` +
				"\n<h3 id=\"readme-install\">Install</h3>\n<h3 id=\"readme-käyttö\">Käyttö</h3>"},

		// Images.
		{name: "tracking image", src: "Hello ![](https://tracker.example/p.gif?u=42)",
			want: `<p>Hello <a href="https://tracker.example/p.gif?u=42"` + ext + `>[image]</a></p>`},
		{name: "image with alt and title", src: `![Screenshot of the form editor](docs/editor.png "Editor")`,
			want: `<p><a href="` + blob + `docs/editor.png" title="Editor"` + ext + `>[image: Screenshot of the form editor]</a></p>`},
		{name: "data URI image", src: "![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=)", want: "<p>[image: pixel]</p>"},
		{name: "javascript image", src: "![x](javascript:alert(1))", want: "<p>[image: x]</p>"},
		{name: "svg image", src: "![logo](assets/logo.svg)", want: `<p><a href="` + blob + `assets/logo.svg"` + ext + `>[image: logo]</a></p>`},
		{name: "badge row dropped",
			src:  "# Forms\n\n[![Build](https://ci.example/o/r/badge.svg)](https://ci.example/o/r) [![Licence: EUPL](https://img.shields.io/badge/licence-EUPL-blue.svg)](LICENSE)\n![coverage](https://codecov.io/gh/o/r/graph/badge.svg) | [![Chat](https://x.example/chat.png)](https://chat.example)\n\nForms for towns.",
			want: "<h3 id=\"readme-forms\">Forms</h3>\n<p>Forms for towns.</p>"},
		{name: "a lone screenshot is not a badge", src: "![The editor](docs/editor.png)",
			want: `<p><a href="` + blob + `docs/editor.png"` + ext + `>[image: The editor]</a></p>`},
		{name: "image in a link among text", src: "Built by [![the city](logo.png)](https://city.example) for you.",
			want: `<p>Built by <a href="https://city.example"` + ext + `>the city</a> for you.</p>`},
		{name: "badge in a sentence", src: "Status: ![build](https://ci.example/badge.svg) today",
			want: `<p>Status: <a href="https://ci.example/badge.svg"` + ext + `>[image: build]</a> today</p>`},

		{name: "a link needs words", src: "[](https://a.example) [![](https://ci.example/s.png)](https://ci.example) text [](#x) [ ](mailto:a@b.example)",
			want: `<p><a href="https://a.example"` + ext + `>https://a.example</a> <a href="https://ci.example"` + ext + `>https://ci.example</a> text  <a href="mailto:a@b.example"` + ext + `>a@b.example</a></p>`},

		// Headings.
		{name: "headings move down", src: "# A\n\n## B\n\n### C\n\n#### D",
			want: "<h3 id=\"readme-a\">A</h3>\n<h4 id=\"readme-b\">B</h4>\n<h5 id=\"readme-c\">C</h5>\n<h6 id=\"readme-d\">D</h6>"},
		{name: "skipped levels closed up", src: "## A\n\n#### B\n\n## C",
			want: "<h3 id=\"readme-a\">A</h3>\n<h4 id=\"readme-b\">B</h4>\n<h3 id=\"readme-c\">C</h3>"},
		{name: "deep levels stop at h6", src: "# 1\n## 2\n### 3\n#### 4\n##### 5",
			want: "<h3 id=\"readme-1\">1</h3>\n<h4 id=\"readme-2\">2</h4>\n<h5 id=\"readme-3\">3</h5>\n<h6 id=\"readme-4\">4</h6>\n<h6 id=\"readme-5\">5</h6>"},
		{name: "ids like GitHub's", src: "# Getting started!\n# Getting started!\n# Что это?\n# `go install` & [docs](x.md)\n# ***\n***",
			want: "<h3 id=\"readme-getting-started\">Getting started!</h3>\n<h3 id=\"readme-getting-started-1\">Getting started!</h3>\n" +
				"<h3 id=\"readme-что-это\">Что это?</h3>\n<h3 id=\"readme-go-install--docs\"><code>go install</code> &amp; <a href=\"" + blob + "x.md\"" + ext + ">docs</a></h3>\n<h3 id=\"readme-section\">***</h3>\n<hr>"},
		{name: "empty headings dropped", src: "#\n\n## <span></span>\n\ntext", want: "<p>text</p>"},
		{name: "setext", src: "Forms\n=====\n\nIntro\n-----", want: "<h3 id=\"readme-forms\">Forms</h3>\n<h4 id=\"readme-intro\">Intro</h4>"},
		{name: "heading id cannot be set by the author", src: "# Title {#main .x onclick=alert(1)}",
			want: "<h3 id=\"readme-title-main-x-onclickalert1\">Title {#main .x onclick=alert(1)}</h3>"},

		// GitHub extensions.
		{name: "task list", src: "- [x] done\n- [ ] to do", want: "<ul>\n<li>☑ done</li>\n<li>☐ to do</li>\n</ul>"},
		{name: "strikethrough", src: "~~old~~ new", want: "<p><del>old</del> new</p>"},
		{name: "table alignment", src: "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
			want: "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n<th align=\"right\">c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"center\">2</td>\n<td align=\"right\">3</td>\n</tr>\n</tbody>\n</table>"},
		{name: "alert", src: "> [!warning]\n> Do not use the default passwords.\n\n> [!NOTE] not alone on its line",
			want: "<blockquote>\n<p><strong>Warning</strong>\nDo not use the default passwords.</p>\n</blockquote>\n<blockquote>\n<p>[!NOTE] not alone on its line</p>\n</blockquote>"},
		{name: "ordered list start", src: "3. three\n4. four", want: "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>"},
		{name: "footnote", src: "Open[^os].\n\n[^os]: EUPL-1.2.",
			want: "<p>Open<sup id=\"readme-fnref:1\"><a href=\"#readme-fn:1\">1</a></sup>.</p>\n<div>\n<hr>\n<ol>\n<li id=\"readme-fn:1\">\n<p>EUPL-1.2.\u00a0<a href=\"#readme-fnref:1\">↩︎</a></p>\n</li>\n</ol>\n</div>"},

		// Other formats.
		{name: "reStructuredText as text", src: "Forms\n=====\n\n.. raw:: html\n\n   <script>alert(1)</script>\n",
			opts: Options{Format: registry.ReadmeRST},
			want: "<pre class=\"readme-plain\">Forms\n=====\n\n.. raw:: html\n\n   &lt;script&gt;alert(1)&lt;/script&gt;</pre>"},
		{name: "plain text", src: "FORMS\r\n\r\nA & B <i>\r\n", opts: Options{Format: registry.ReadmeText},
			want: "<pre class=\"readme-plain\">FORMS\n\nA &amp; B &lt;i&gt;</pre>"},
		{name: "unknown format is text", src: "*x*", opts: Options{Format: "asciidoc"}, want: "<pre class=\"readme-plain\">*x*</pre>"},
		{name: "empty", src: " \n\n", want: ""},
		{name: "byte order mark and bad UTF-8", src: "\uFEFFCaf\xe9", want: "<p>Caf\uFFFD</p>"},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			if opts.Format == "" {
				opts = md
			}
			got := strings.TrimSpace(string(r.Render([]byte(tt.src), opts)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Render(%q) mismatch (-want +got):\n%s", tt.src, diff)
			}
			if problem := unsafeHTML(got); problem != "" {
				t.Errorf("Render(%q) = %q: %s", tt.src, got, problem)
			}
		})
	}
}
