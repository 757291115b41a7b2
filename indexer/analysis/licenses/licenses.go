// Package licenses finds the licences of a repository tree and combines them
// into one SPDX expression for the project.
//
// Candidate files are found by name, the way pkgsite does it (LICENSE,
// LICENCE, COPYING, UNLICENSE, COPYRIGHT, MIT-LICENSE, LICENSE-APACHE,
// LICENSE.AGPL.txt..., case-insensitively), outside vendor/, node_modules/,
// third_party/, external/, testdata/ and the like, and never third-party
// notice files. Each is matched with google/licensecheck; when known licences
// cover less than 75% of a file's words, the file is reported as Unknown.
// REUSE licence texts (LICENSES/<id>.txt), REUSE.toml, .reuse/dep5 and
// SPDX-License-Identifier lines at the top of source files are read too.
//
// The project licence comes from, in order of precedence: the licence files
// at the root together with the REUSE LICENSES/ folder; else the licence
// files in sub-folders (component licences); else the SPDX headers and REUSE
// annotations. Several licences are joined with " AND ", or with " OR " when
// the files or the README say the project is dual-licensed or licensed under
// "either" licence. Any unknown licence among them stays in the expression as
// Unknown: detection fails closed.
//
// Detect never returns an error: an unreadable licence file is listed as
// Unknown and explained in a warning; an unreadable source file is skipped
// with a warning.
package licenses

import (
	"context"
	"fmt"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// maxComponentFiles caps how many licence files in sub-folders are matched:
// a monorepo with a LICENSE in every package gains nothing from the
// thousandth one.
const maxComponentFiles = 100

// Options tunes Detect.
type Options struct {
	// Prose is extra text that may say the root licences are alternatives
	// ("dual licensed under MIT or Apache-2.0"), typically the README.
	Prose string
}

// Result is what Detect found.
type Result struct {
	// License is the project's SPDX expression, "" when no licence was found.
	License string
	// Files lists every licence found: root files first, then REUSE
	// LICENSES/ texts, then component licences in sub-folders, then SPDX
	// headers and REUSE annotations (one entry per distinct expression,
	// pointing at the first file that declares it, with coverage 0 since no
	// text was matched).
	Files []registry.LicenseFile
	// Warnings name the files that could not be read.
	Warnings []string
}

// detection accumulates Detect's findings.
type detection struct {
	tree     *filetree.Tree
	result   Result
	rootIDs  []string // root licence files and REUSE texts
	compIDs  []string // licence files in sub-folders
	declIDs  []string // SPDX headers and REUSE annotations
	prose    []string // text outside the root licences
	declSeen map[string]bool
}

// Detect finds the licences in tree. It stops early, with what it has, when
// ctx is done; the caller checks ctx.Err().
func Detect(ctx context.Context, tree *filetree.Tree, opts Options) Result {
	d := &detection{tree: tree, declSeen: map[string]bool{}}
	var root, reuse, components, declarations, sources []filetree.File
	for _, f := range tree.Files() {
		switch {
		case f.Dir() == reuseDir:
			reuse = append(reuse, f)
		case f.Path == "REUSE.toml" || f.Path == ".reuse/dep5":
			declarations = append(declarations, f)
		case inExcludedDir(f.Path):
		case classifyName(f.Name()) != notCandidate:
			if f.AtRoot() {
				root = append(root, f)
			} else {
				components = append(components, f)
			}
		case len(sources) < maxHeaderFiles && isSourceFile(f):
			sources = append(sources, f)
		}
	}

	for _, f := range root {
		if ctx.Err() != nil {
			return d.result
		}
		d.rootIDs = append(d.rootIDs, d.matchFile(f, true)...)
	}
	for _, f := range reuse {
		if ctx.Err() != nil {
			return d.result
		}
		d.rootIDs = append(d.rootIDs, d.reuseFile(f)...)
	}
	if len(components) > maxComponentFiles {
		d.result.Warnings = append(d.result.Warnings,
			fmt.Sprintf("licence files in sub-folders: matched the first %d only", maxComponentFiles))
		components = components[:maxComponentFiles]
	}
	for _, f := range components {
		if ctx.Err() != nil {
			return d.result
		}
		d.compIDs = append(d.compIDs, d.matchFile(f, false)...)
	}
	for _, f := range declarations {
		d.reuseDeclarations(f)
	}
	head := make([]byte, headerBytes)
	for i, f := range sources {
		if i%64 == 0 && ctx.Err() != nil {
			return d.result
		}
		d.sourceHeader(f, head)
	}

	switch {
	case len(d.rootIDs) > 0:
		alternatives := saysAlternatives(append(d.prose, opts.Prose)...)
		d.result.License = combine(d.rootIDs, alternatives)
	case len(d.compIDs) > 0:
		d.result.License = combine(d.compIDs, false)
	default:
		d.result.License = combine(d.declIDs, false)
	}
	return d.result
}

// matchFile reads and classifies one licence candidate, lists what it
// holds, and returns the ids for the project expression.
func (d *detection) matchFile(f filetree.File, atRoot bool) []string {
	text, err := d.tree.ReadFile(f.Path)
	if err != nil {
		d.result.Warnings = append(d.result.Warnings, filetree.Skipped(f.Path, err))
		d.add(Unknown, f.Path, 0)
		return []string{Unknown}
	}
	m := scanText(text)
	if atRoot {
		d.prose = append(d.prose, m.prose)
	}
	if len(m.ids) == 0 {
		if classifyName(f.Name()) == copyrightFile && m.coverage == 0 {
			return nil // a copyright line, no licence
		}
		d.add(Unknown, f.Path, m.coverage)
		return []string{Unknown}
	}
	for _, id := range m.ids {
		d.add(id, f.Path, m.coverage)
	}
	return m.ids
}

// reuseFile lists one LICENSES/ text under the id its name gives. A file
// whose name is no SPDX id is matched like any licence file.
func (d *detection) reuseFile(f filetree.File) []string {
	id, ok := reuseID(f.Name())
	if !ok {
		return d.matchFile(f, true)
	}
	coverage := 0.0
	if text, err := d.tree.ReadFile(f.Path); err != nil {
		d.result.Warnings = append(d.result.Warnings, filetree.Skipped(f.Path, err))
	} else {
		coverage = scanText(text).coverage
	}
	d.add(id, f.Path, coverage)
	return []string{id}
}

// reuseDeclarations records the licences a REUSE.toml or .reuse/dep5
// annotates files with.
func (d *detection) reuseDeclarations(f filetree.File) {
	text, err := d.tree.ReadFile(f.Path)
	if err != nil {
		d.result.Warnings = append(d.result.Warnings, filetree.Skipped(f.Path, err))
		return
	}
	for _, expr := range declaredInREUSE(f.Path, text) {
		if norm, ok := Normalize(expr); ok {
			d.declare(norm, f.Path)
		}
	}
}

// sourceHeader records the SPDX-License-Identifier of one source file,
// reading its head into buf.
func (d *detection) sourceHeader(f filetree.File, buf []byte) {
	head, err := d.tree.ReadHead(f.Path, buf)
	if err != nil {
		d.result.Warnings = append(d.result.Warnings, filetree.Skipped(f.Path, err))
		return
	}
	if expr, ok := headerExpression(head); ok {
		d.declare(expr, f.Path)
	}
}

// declare notes a declared expression; only its first file is listed.
func (d *detection) declare(expr, path string) {
	if d.declSeen[expr] {
		return
	}
	d.declSeen[expr] = true
	d.declIDs = append(d.declIDs, expr)
	d.add(expr, path, 0)
}

func (d *detection) add(id, path string, coverage float64) {
	d.result.Files = append(d.result.Files, registry.LicenseFile{
		SPDX:        id,
		Path:        path,
		Coverage:    coverage,
		OSIApproved: OSIApproved(id),
	})
}
