// Package languages measures how many bytes of each language a repository
// tree holds, the way GitHub's language bar does (with go-enry, a port of
// GitHub linguist).
//
// A file counts when it is neither vendored, generated, documentation,
// configuration, nor a dot file (or under a dot directory), and its language
// is of linguist's "programming" or "markup" type: data (JSON, YAML, CSV)
// and prose (Markdown, text) are left out, as linguist leaves them out of
// the language bar. Languages are told by file name and extension; the
// first 16 KiB of a file are read only when the name is ambiguous (a .h
// file may be C, C++ or Objective-C). Sizes come from the file list, never
// from reading whole files. Generated files are told by enry's name rules,
// by the names code generators use (api.pb.go, messages_pb2.py,
// zz_generated.deepcopy.go), and by content for the ambiguous files that are
// read anyway.
//
// Detect never returns an error: a file that cannot be read is skipped and
// named in a warning.
package languages

import (
	"cmp"
	"context"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/go-enry/go-enry/v2"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// headBytes is how much of an ambiguous file is read to tell its language.
const headBytes = 16 << 10

// Detect returns the languages of tree, most bytes first (ties by name),
// and warnings for the files it could not read. It stops early, with what
// it has, when ctx is done; the caller checks ctx.Err().
func Detect(ctx context.Context, tree *filetree.Tree) ([]registry.Language, []string) {
	// enry's path rules are regular expressions, tens of them per file:
	// spread the files over the available cores, in contiguous chunks so
	// that files of one directory share a chunk.
	files := tree.Files()
	workers := max(1, min(runtime.GOMAXPROCS(0), maxWorkers, len(files)/minChunk))
	tallies := make([]tally, workers)
	var wg sync.WaitGroup
	for w := range workers {
		chunk := files[w*len(files)/workers : (w+1)*len(files)/workers]
		wg.Go(func() { tallies[w] = count(ctx, tree, chunk) })
	}
	wg.Wait()

	bytesByLang := map[string]int64{}
	var warnings []string
	for _, t := range tallies {
		for lang, n := range t.bytes {
			bytesByLang[lang] += n
		}
		warnings = append(warnings, t.warnings...)
	}
	langs := make([]registry.Language, 0, len(bytesByLang))
	for name, n := range bytesByLang {
		langs = append(langs, registry.Language{Name: name, Bytes: n})
	}
	slices.SortFunc(langs, func(a, b registry.Language) int {
		if c := cmp.Compare(b.Bytes, a.Bytes); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return langs, warnings
}

const (
	// maxWorkers caps the goroutines of one Detect: the indexer runs
	// several analyses at once already.
	maxWorkers = 4
	// minChunk is the fewest files worth a goroutine of their own.
	minChunk = 500
)

// tally is what one worker counted.
type tally struct {
	bytes    map[string]int64
	warnings []string
}

// count sums the bytes per language of files.
func count(ctx context.Context, tree *filetree.Tree, files []filetree.File) tally {
	t := tally{bytes: map[string]int64{}}
	excludedDirs := map[string]bool{}
	var head []byte                // allocated on the first ambiguous file
	decided := map[string]string{} // directory and extension -> language
	for i, f := range files {
		if i%256 == 0 && ctx.Err() != nil {
			break
		}
		if f.Size <= 0 || isDotPath(f.Path) {
			continue
		}
		// The name alone rules out most files cheaply (data, prose,
		// unknown extensions) before the costlier path rules run.
		candidates := namedLanguages(f.Path)
		if !slices.ContainsFunc(candidates, counts) || excluded(f, excludedDirs) {
			continue
		}
		lang := candidates[0]
		if len(candidates) > 1 {
			// Files with one extension in one directory are, in practice,
			// in one language: classify the first and trust it for the
			// rest. The classifier is by far the costliest step.
			key := f.Dir() + "\x00" + path.Ext(f.Path)
			if known, ok := decided[key]; ok {
				lang = known
			} else {
				var err error
				if head == nil {
					head = make([]byte, headBytes)
				}
				if lang, err = byContent(tree, f, head); err != nil {
					t.warnings = append(t.warnings, filetree.Skipped(f.Path, err))
					continue
				}
				if lang != "" {
					decided[key] = lang
				}
			}
		}
		if counts(lang) {
			t.bytes[lang] += f.Size
		}
	}
	return t
}

// counts reports whether a language belongs in the language bar: linguist's
// programming and markup types.
func counts(lang string) bool {
	switch enry.GetLanguageType(lang) {
	case enry.Programming, enry.Markup:
		return true
	}
	return false
}

// isDotPath reports whether the file or one of its directories starts with
// a dot.
func isDotPath(p string) bool {
	return strings.HasPrefix(p, ".") || strings.Contains(p, "/.")
}

// namedLanguages returns the languages a file's name or extension allows.
func namedLanguages(p string) []string {
	if langs := enry.GetLanguagesByFilename(p, nil, nil); len(langs) > 0 {
		return langs
	}
	return enry.GetLanguagesByExtension(p, nil, nil)
}

// excluded reports whether a file is vendored, documentation, configuration
// or generated, judging by its path. A directory found to be vendored or
// documentation is remembered in dirs, so the files under it skip the
// per-file rules.
func excluded(f filetree.File, dirs map[string]bool) bool {
	dir := f.Dir()
	if dir != "." {
		ex, seen := dirs[dir]
		if !seen {
			// A rule that matches "dir/" matches every path under it.
			ex = enry.IsVendor(dir+"/") || enry.IsDocumentation(dir+"/")
			dirs[dir] = ex
		}
		if ex {
			return true
		}
	}
	p := f.Path
	return enry.IsVendor(p) || enry.IsDocumentation(p) || enry.IsConfiguration(p) ||
		enry.IsGenerated(p, nil) || generatedByName(p)
}

// byContent tells the language of a file whose name is ambiguous from its
// first bytes, read into buf. "" means binary or generated.
func byContent(tree *filetree.Tree, f filetree.File, buf []byte) (string, error) {
	head, err := tree.ReadHead(f.Path, buf)
	if err != nil {
		return "", err
	}
	if enry.IsBinary(head) || enry.IsGenerated(f.Path, head) {
		return "", nil
	}
	return enry.GetLanguage(f.Path, head), nil
}

// generatedSuffixes end the names code generators give their output. Linguist
// recognises these files by a comment in their first lines; the names say
// the same without reading every file.
var generatedSuffixes = []string{
	".pb.go", ".pb.gw.go", "_grpc.pb.go", "_pb2.py", "_pb2_grpc.py", "_pb2.pyi",
	".pb.cc", ".pb.h", ".grpc.pb.cc", ".grpc.pb.h", "_pb.js", "_pb.d.ts", "_grpc_pb.js",
	".pb.swift", ".g.dart", ".freezed.dart", ".designer.cs",
}

// generatedByName reports whether the file name is one a code generator
// writes.
func generatedByName(p string) bool {
	name := p[strings.LastIndexByte(p, '/')+1:]
	if strings.HasPrefix(name, "zz_generated") {
		return true
	}
	for _, s := range generatedSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}
