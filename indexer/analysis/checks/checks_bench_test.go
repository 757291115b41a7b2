package checks

import (
	"fmt"
	"testing"

	"github.com/govshare/govshare/registry"
)

// BenchmarkEvaluate runs every check over a repository of about 3,000
// files with a web service manifest, declarations to compare and metadata.
func BenchmarkEvaluate(b *testing.B) {
	files := map[string]string{
		"LICENSE":        "MIT",
		"README.md":      "Forms",
		"publiccode.yml": "publiccodeYmlVersion: \"0.4\"\nurl: https://github.com/example/forms\nlegal:\n  license: Apache 2.0\n",
		"package.json":   `{"license": "MIT", "dependencies": {"express": "^4"}}`,
		"docs/spec.docx": "x",
	}
	for i := range 3000 {
		files[fmt.Sprintf("src/pkg%02d/file%04d.go", i%40, i)] = "package x"
	}
	tree := treeOf(b, files)
	rec := mitRecord()
	rec.DeclaredLicenses = []registry.DeclaredLicense{
		declared("publiccode.yml", "legal.license", "Apache 2.0", ""),
		declared("package.json", "license", "MIT", "MIT"),
	}
	rec.Publiccode = &registry.Publiccode{Path: "publiccode.yml", Valid: true, URL: "https://github.com/example/forms"}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(rec, tree, now)
	}
}
