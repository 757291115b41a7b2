package declared

import (
	"context"
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

// BenchmarkRead reads the metadata of a 3,000-file repository holding the
// files of the agree fixture, twenty component manifests and a vendored
// dependency tree.
func BenchmarkRead(b *testing.B) {
	fsys := fstest.MapFS{}
	agree := repository(b, "agree")
	if err := fs.WalkDir(agree, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(agree, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		b.Fatal(err)
	}
	for i := range 20 {
		fsys[fmt.Sprintf("packages/p%02d/package.json", i)] = &fstest.MapFile{Data: []byte(`{"name": "p", "license": "MIT"}`)}
	}
	for i := range 500 {
		fsys[fmt.Sprintf("vendor/dep%03d/composer.json", i)] = &fstest.MapFile{Data: []byte(`{"license": "MIT"}`)}
	}
	for i := 0; len(fsys) < 3000; i++ {
		fsys[fmt.Sprintf("src/m%02d/f%04d.go", i%40, i)] = &fstest.MapFile{Data: []byte("package m\n")}
	}
	ctx := context.Background()
	tree, _, err := filetree.Walk(ctx, fsys, 0)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Read(ctx, tree, nil)
	}
}
