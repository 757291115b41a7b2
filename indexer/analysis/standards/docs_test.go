package standards

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the list of standards in docs/standards.md")

// docsPath is the documentation of the register, from this package.
var docsPath = filepath.Join("..", "..", "..", "docs", "standards.md")

const (
	listBegin = "<!-- register:begin (generated from register.yaml: go test ./indexer/analysis/standards -update) -->\n"
	listEnd   = "<!-- register:end -->\n"
)

// TestDocsListTheRegister keeps the list of standards in docs/standards.md
// the same as the register.
func TestDocsListTheRegister(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	begin, end := bytes.Index(doc, []byte(listBegin)), bytes.Index(doc, []byte(listEnd))
	if begin < 0 || end < begin {
		t.Fatalf("%s lacks the markers %q and %q", docsPath, listBegin, listEnd)
	}
	list := registerTable(Register())
	if *update {
		var out bytes.Buffer
		out.Write(doc[:begin+len(listBegin)])
		out.WriteString(list)
		out.Write(doc[end:])
		if err := os.WriteFile(docsPath, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := string(doc[begin+len(listBegin) : end]); got != list {
		t.Errorf("the list of standards in %s is out of date: run go test ./indexer/analysis/standards -update", docsPath)
	}
}

// registerTable renders the register as a Markdown table.
func registerTable(entries []Entry) string {
	var b strings.Builder
	b.WriteString("| Standard | Body | Status | Versions | What counts as evidence |\n")
	b.WriteString("|---|---|---|---|---|\n")
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, e := range entries {
		versions := strings.Join(e.Versions, ", ")
		if versions == "" {
			versions = "—"
		}
		fmt.Fprintf(&b, "| [%s](%s) (`%s`) | %s | %s | %s | %s |\n",
			cell(e.Name), e.URL, e.ID, cell(e.Body), e.Status, cell(versions), cell(e.Evidence))
	}
	return b.String()
}
