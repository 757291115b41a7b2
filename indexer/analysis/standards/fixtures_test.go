package standards

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

// fixtureTree builds the tree of the txtar archive testdata/NAME.txtar.
func fixtureTree(t testing.TB, name string) *filetree.Tree {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	tree, _, err := filetree.Walk(context.Background(), fsys, 0)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
