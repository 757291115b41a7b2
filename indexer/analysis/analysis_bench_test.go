package analysis

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/govshare/govshare/registry"
)

// syntheticRepository builds a 3,000-file tree shaped like a real
// government project: Go and TypeScript code with SPDX headers, ambiguous
// C headers, documentation, configuration, vendored code, a LICENSE, a
// README and a publiccode.yml.
func syntheticRepository(b *testing.B) fstest.MapFS {
	b.Helper()
	license, err := os.ReadFile(filepath.Join("licenses", "testdata", "Apache-2.0.txt"))
	if err != nil {
		b.Fatal(err)
	}
	publiccode, err := os.ReadFile(filepath.Join("publiccode", "testdata", "valid.yml"))
	if err != nil {
		b.Fatal(err)
	}
	goFile := []byte("// SPDX-License-Identifier: Apache-2.0\n\npackage p\n\n" + strings.Repeat("func f() int { return 1 }\n", 80))
	tsFile := []byte("// SPDX-License-Identifier: Apache-2.0\n" + strings.Repeat("export const x = 1;\n", 60))
	header := []byte("#include <string>\nnamespace app {\nclass Widget { public: std::string name() const; };\n}\n")
	doc := []byte("# Guide\n\n" + strings.Repeat("Some documentation text.\n", 40))
	config := []byte("key: value\nother: 1\n")

	fsys := fstest.MapFS{
		"LICENSE":        {Data: license},
		"README.md":      {Data: []byte("# Bench\n\n[![ci](x.svg)](ci)\n\nBench is a synthetic repository for the analysers.\n")},
		"publiccode.yml": {Data: publiccode},
		"package.json":   {Data: []byte(`{"name": "bench", "license": "Apache-2.0"}`)},
	}
	add := func(n int, pattern string, data []byte) {
		for i := range n {
			fsys[fmt.Sprintf(pattern, i/50, i)] = &fstest.MapFile{Data: data}
		}
	}
	add(1500, "internal/pkg%d/file%d.go", goFile)
	add(600, "web/src/mod%d/file%d.ts", tsFile)
	add(200, "native/include%d/widget%d.h", header)
	add(200, "docs/section%d/page%d.md", doc)
	add(196, "deploy/env%d/config%d.yaml", config)
	add(300, "vendor/github.com/acme/lib%d/file%d.go", goFile)
	if len(fsys) != 3000 {
		b.Fatalf("synthetic tree has %d files, want 3000", len(fsys))
	}
	return fsys
}

func BenchmarkAnalyse(b *testing.B) {
	fsys := syntheticRepository(b)
	ctx := context.Background()
	// The first call pays for licensecheck building its matcher, once per
	// process; leave it out of the measurement.
	if err := Analyse(ctx, fsys, &registry.Record{URL: "https://example.org/bench.git"}, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := &registry.Record{URL: "https://example.org/bench.git"}
		if err := Analyse(ctx, fsys, rec, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
