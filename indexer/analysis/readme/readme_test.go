package readme

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFind(t *testing.T) {
	md := &fstest.MapFile{Data: []byte("# T\n\nFrom Markdown.\n")}
	rst := &fstest.MapFile{Data: []byte("T\n=\n\nFrom reStructuredText.\n")}
	txt := &fstest.MapFile{Data: []byte("From plain text.\n")}
	tests := []struct {
		name     string
		fsys     fstest.MapFS
		maxRead  int64
		want     *registry.Readme
		warnings []string
	}{
		{
			name: "Markdown preferred",
			fsys: fstest.MapFS{"README": txt, "README.rst": rst, "README.md": md, "README.txt": txt},
			want: &registry.Readme{Path: "README.md", Format: "markdown", Summary: "From Markdown.", Text: "T\n\nFrom Markdown.", Source: "# T\n\nFrom Markdown.\n"},
		},
		{
			name: "reStructuredText",
			fsys: fstest.MapFS{"README.rst": rst, "README": txt},
			want: &registry.Readme{Path: "README.rst", Format: "rst", Summary: "From reStructuredText.", Text: "T\n\nFrom reStructuredText.", Source: "T\n=\n\nFrom reStructuredText.\n"},
		},
		{
			name: "any case, .markdown",
			fsys: fstest.MapFS{"readme.markdown": md},
			want: &registry.Readme{Path: "readme.markdown", Format: "markdown", Summary: "From Markdown.", Text: "T\n\nFrom Markdown.", Source: "# T\n\nFrom Markdown.\n"},
		},
		{
			name: "plain README",
			fsys: fstest.MapFS{"README": txt},
			want: &registry.Readme{Path: "README", Format: "text", Summary: "From plain text.", Text: "From plain text.", Source: "From plain text.\n"},
		},
		{
			name: "localised: the plain name first, then English",
			fsys: fstest.MapFS{"README.it.md": md, "README.en.md": md, "README.de.md": md},
			want: &registry.Readme{Path: "README.en.md", Format: "markdown", Summary: "From Markdown.", Text: "T\n\nFrom Markdown.", Source: "# T\n\nFrom Markdown.\n"},
		},
		{
			name: "only at the root",
			fsys: fstest.MapFS{"docs/README.md": md, "READ_ME_FIRST.md": md, "readme-assets/logo.png": md},
		},
		{
			name:     "too large to read",
			fsys:     fstest.MapFS{"README.md": &fstest.MapFile{Data: []byte(strings.Repeat("word ", 5000))}},
			maxRead:  1024,
			warnings: []string{"skipped README.md: file too large to read (24 KiB)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, _, err := filetree.Walk(context.Background(), tt.fsys, tt.maxRead)
			if err != nil {
				t.Fatal(err)
			}
			got, warnings := Find(context.Background(), tree)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, warnings); diff != "" {
				t.Errorf("warnings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFromBytes(t *testing.T) {
	long := strings.Repeat("Example Forms helps municipal offices publish accessible forms. ", 10)
	tests := []struct {
		name        string
		path        string
		data        []byte
		wantSummary string
		wantText    string
	}{
		{
			name:        "Markdown with badges, HTML, headings and a navigation line",
			path:        "README.md",
			data:        fixture(t, "badges.md"),
			wantSummary: "Example Forms is a form builder for municipalities: build accessible forms, collect answers & export them to open formats. See https://forms.example.org.",
			wantText: "Example Forms\n\nDocumentation | Demo · Chat\n\n" +
				"Example Forms is a form builder for municipalities: build accessible forms,\n" +
				"collect answers & export them to open formats. See https://forms.example.org.\n\n" +
				"Install\n\ngo install example.org/forms@latest\n\n" +
				"Accessible forms\nExport to CSV and ODS\n\nFormat Export\nCSV yes",
		},
		{
			name:        "reStructuredText with directives and a literal block",
			path:        "README.rst",
			data:        fixture(t, "sphinx.rst"),
			wantSummary: "Example Forms is a form builder for municipalities. Start it with forms serve.",
			wantText: "Example Forms\n\nExample Forms is a form builder for municipalities.\nStart it with forms serve.\n\n" +
				"Install\n\nRun this:\n\npip install example-forms\n\nThen open the browser.",
		},
		{
			name:        "plain text with a title line",
			path:        "README.txt",
			data:        fixture(t, "plain.txt"),
			wantSummary: "A form builder for municipalities. It exports to open formats.",
			wantText:    "EXAMPLE FORMS\n\nA form builder for municipalities.\nIt exports to open formats.\n\nInstall with make.",
		},
		{
			name:        "setext heading",
			path:        "README.md",
			data:        []byte("Example Forms\n=============\n\nA form builder.\n"),
			wantSummary: "A form builder.",
			wantText:    "Example Forms\n\nA form builder.",
		},
		{
			name:        "no prose",
			path:        "README.md",
			data:        []byte("# Example\n\n![logo](logo.png)\n\n- a list\n\n```\ncode\n```\n"),
			wantSummary: "",
			wantText:    "Example\n\na list\n\ncode",
		},
		{
			name:        "long paragraph cut at a word",
			path:        "README.md",
			data:        []byte(long),
			wantSummary: strings.Repeat("Example Forms helps municipal offices publish accessible forms. ", 6) + "Example Forms…",
			wantText:    strings.TrimSpace(long),
		},
		{
			name:        "CRLF, BOM and invalid UTF-8",
			path:        "README.md",
			data:        []byte("\uFEFF# T\r\n\r\nCaf\xe9 forms.\r\n"),
			wantSummary: "Caf\uFFFD forms.",
			wantText:    "T\n\nCaf\uFFFD forms.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromBytes(tt.path, tt.data)
			if diff := cmp.Diff(tt.wantSummary, got.Summary); diff != "" {
				t.Errorf("Summary mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantText, got.Text); diff != "" {
				t.Errorf("Text mismatch (-want +got):\n%s", diff)
			}
			if n := len([]rune(got.Summary)); n > MaxSummary {
				t.Errorf("Summary has %d characters, want at most %d", n, MaxSummary)
			}
		})
	}
}

func TestTextIsCapped(t *testing.T) {
	data := []byte(strings.Repeat("Die Stadt veröffentlicht Formulare für alle Bürger. ", 4000))
	got := FromBytes("README.md", data).Text
	if len(got) > MaxText {
		t.Errorf("Text is %d bytes, want at most %d", len(got), MaxText)
	}
	if !strings.HasPrefix(got, "Die Stadt") || !isValidUTF8(got) {
		t.Errorf("Text was cut badly: starts %q, valid UTF-8 %v", got[:20], isValidUTF8(got))
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestFormat(t *testing.T) {
	tests := []struct {
		path string
		want string
	}{
		{"README.md", registry.ReadmeMarkdown},
		{"README.MARKDOWN", registry.ReadmeMarkdown},
		{"README.fr.mdown", registry.ReadmeMarkdown},
		{"README.rst", registry.ReadmeRST},
		{"README", registry.ReadmeText},
		{"README.txt", registry.ReadmeText},
		{"README.adoc", registry.ReadmeText},
		{"README.whatever", registry.ReadmeText},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := FromBytes(tt.path, []byte("Hello.\n")).Format; got != tt.want {
				t.Errorf("Format = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSource(t *testing.T) {
	got := FromBytes("README.md", []byte("\uFEFF# Title\r\n\r\n[![b](https://img.shields.io/x.svg)](https://ci)\r\nCaf\xe9\r\n")).Source
	want := "# Title\n\n[![b](https://img.shields.io/x.svg)](https://ci)\nCaf\uFFFD\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Source mismatch (-want +got):\n%s", diff)
	}

	line := "Die Stadt veröffentlicht Formulare für alle Bürger.\n"
	long := strings.Repeat(line, MaxSource/len(line)+100)
	got = FromBytes("README.txt", []byte(long)).Source
	if want := strings.Repeat(line, MaxSource/len(line)); got != want {
		t.Errorf("Source of a long README is %d bytes, want the %d bytes of the whole lines that fit", len(got), len(want))
	}
}

func TestCutAtLine(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"ab\ncd\n", 10, "ab\ncd\n"},
		{"ab\ncd\n", 6, "ab\ncd\n"},
		{"ab\ncd\n", 5, "ab\n"},
		{"ab\ncd\n", 3, "ab\n"},
		{"abcdef", 4, "abcd"},
		{"aöö", 4, "aö"}, // the cut falls inside the second ö
	}
	for _, tt := range tests {
		if got := cutAtLine(tt.s, tt.n); got != tt.want {
			t.Errorf("cutAtLine(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
