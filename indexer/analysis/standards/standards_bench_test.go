package standards

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

// syntheticTree is a 3,000-file repository shaped like a government web
// application: mostly source code, then JSON and YAML, documentation,
// images and a few PDFs, with a handful of real standards evidence.
func syntheticTree(b *testing.B) *filetree.Tree {
	b.Helper()
	code := func(lang string, i int) []byte {
		line := map[string]string{
			"go":   "\tif err := s.store.Save(ctx, rec); err != nil { return fmt.Errorf(\"save %s: %w\", id, err) }\n",
			"ts":   "  const response = await fetch(`${baseUrl}/api/v1/permits/${id}`, { headers });\n",
			"py":   "        result = self.session.query(Permit).filter(Permit.id == permit_id).first()\n",
			"java": "        return repository.findById(id).orElseThrow(() -> new NotFoundException(id));\n",
		}[lang]
		return []byte(fmt.Sprintf("// file %d\n%s", i, strings.Repeat(line, 40+i%80)))
	}
	fsys := fstest.MapFS{}
	add := func(name string, data []byte) { fsys[name] = &fstest.MapFile{Data: data} }
	langs := []string{"go", "ts", "py", "java"}
	for i := range 1600 {
		lang := langs[i%len(langs)]
		add(fmt.Sprintf("src/module%02d/part%d/file%04d.%s", i%40, i%7, i, lang), code(lang, i))
	}
	for i := range 450 {
		add(fmt.Sprintf("web/i18n/%03d/messages.json", i),
			[]byte(`{"title": "Permits", "submit": "Submit", "cancel": "Cancel", "help": "`+strings.Repeat("text ", 200)+`"}`))
	}
	for i := range 300 {
		add(fmt.Sprintf("deploy/env%02d/values-%d.yaml", i%10, i),
			[]byte("replicaCount: 2\nimage:\n  repository: registry.example.org/permits\n  tag: v1\n"+strings.Repeat("# note\n", 50)))
	}
	for i := range 250 {
		add(fmt.Sprintf("docs/section%02d/page%d.md", i%20, i), []byte(strings.Repeat("Some documentation prose.\n", 60)))
	}
	for i := range 250 {
		add(fmt.Sprintf("web/static/img/icon%03d.png", i), make([]byte, 2048))
	}
	for i := range 100 {
		add(fmt.Sprintf("config/app%02d.xml", i), []byte("<config>"+strings.Repeat("<entry key=\"a\">b</entry>\n", 80)+"</config>"))
	}
	for i := range 20 {
		add(fmt.Sprintf("docs/reports/report%02d.pdf", i), append([]byte("%PDF-1.7\n"), make([]byte, 300<<10)...))
	}
	add("api/openapi.yaml", []byte("openapi: 3.0.3\ninfo:\n  title: Permits\npaths: {}\n"))
	add("package.json", []byte(`{"dependencies": {"oidc-client-ts": "^3.0.1"}}`))
	add("ACCESSIBILITY.md", []byte("We meet WCAG 2.1 AA.\n"))
	for i := range 27 {
		add(fmt.Sprintf("node_modules/lib%02d/index.js", i), code("ts", i))
	}
	tree, _, err := filetree.Walk(context.Background(), fsys, 0)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(tree.Files()); n != 3000 {
		b.Fatalf("synthetic tree has %d files, want 3000", n)
	}
	return tree
}

func BenchmarkDetect(b *testing.B) {
	tree := syntheticTree(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		got, _ := Detect(ctx, tree)
		if len(got) != 3 {
			b.Fatalf("Detect found %d standards, want openapi, openid-connect and wcag", len(got))
		}
	}
}
