package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestRealisticReadmes renders READMEs written the way government projects
// write them and compares the result with testdata/*.golden.html.
func TestRealisticReadmes(t *testing.T) {
	tests := []struct {
		file   string
		format string
	}{
		{"municipal-forms.md", registry.ReadmeMarkdown},
		{"open-data-portal.md", registry.ReadmeMarkdown},
		{"tax-calculator.rst", registry.ReadmeRST},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got := string(r.Render(src, Options{Format: tt.format, Path: tt.file, FileURL: fileURL}))
			if problem := unsafeHTML(got); problem != "" {
				t.Errorf("unsafe output: %s", problem)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".golden.html")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestRenderConcurrently shares one Renderer between goroutines, as the
// server does; run with -race.
func TestRenderConcurrently(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "municipal-forms.md"))
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	opts := Options{Format: registry.ReadmeMarkdown, Path: "README.md", FileURL: fileURL}
	want := r.Render(src, opts)
	results := make(chan string, 8)
	for range cap(results) {
		go func() { results <- string(r.Render(src, opts)) }()
	}
	for range cap(results) {
		if got := <-results; got != string(want) {
			t.Errorf("a concurrent render differs (-want +got):\n%s", cmp.Diff(string(want), got))
		}
	}
}
