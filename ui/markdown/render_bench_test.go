package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/govshare/govshare/registry"
)

// BenchmarkRender renders READMEs made of realistic sections: a typical
// one of about 4 KB and a long one of 100 KB.
func BenchmarkRender(b *testing.B) {
	section, err := os.ReadFile(filepath.Join("testdata", "municipal-forms.md"))
	if err != nil {
		b.Fatal(err)
	}
	r := New()
	opts := Options{Format: registry.ReadmeMarkdown, Path: "README.md", FileURL: fileURL}
	for _, size := range []int{len(section), 100_000} {
		var src bytes.Buffer
		for src.Len() < size {
			src.Write(section)
			src.WriteByte('\n')
		}
		b.Run(fmt.Sprintf("%dKB", src.Len()/1000), func(b *testing.B) {
			b.SetBytes(int64(src.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if out := r.Render(src.Bytes(), opts); len(out) == 0 {
					b.Fatal("nothing rendered")
				}
			}
		})
	}
}

// BenchmarkNew is what building a Renderer (and its policy) costs: the
// reason to build one and keep it.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New()
	}
}
