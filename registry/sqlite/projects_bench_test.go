package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/govshare/govshare/registry"
)

// BenchmarkEachProject reads a catalogue of 1,000 projects the way a search
// index rebuild does, with README sources of different sizes beside an 8 KiB
// README text: source=0 is the cost without sources, for comparison.
func BenchmarkEachProject(b *testing.B) {
	const projects = 1000
	text := strings.Repeat("Forms for municipalities, accessible and open. ", 8<<10/47)
	for _, size := range []int{0, 8 << 10, 64 << 10} {
		b.Run(fmt.Sprintf("source=%dKiB", size>>10), func(b *testing.B) {
			source := strings.Repeat("Forms for *municipalities*, [open](https://example.org).\n", size/57)
			readmes := make([]*registry.Readme, projects)
			for i := range readmes {
				readmes[i] = &registry.Readme{Path: "README.md", Format: registry.ReadmeMarkdown, Summary: "Forms.", Text: text, Source: source}
			}
			s, _ := storeWithProjects(b, readmes)
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				n := 0
				if err := s.EachProject(ctx, func(*registry.Project) error { n++; return nil }); err != nil {
					b.Fatal(err)
				}
				if n != projects {
					b.Fatalf("saw %d projects, want %d", n, projects)
				}
			}
		})
	}
}
