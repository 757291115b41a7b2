// Package licenses finds the licences of a repository tree and combines them
// into one SPDX expression for the project, with the evidence for each.
//
// Candidate files are found by name, the way pkgsite does it (LICENSE,
// LICENCE, COPYING, UNLICENSE, COPYRIGHT, MIT-LICENSE, LICENSE-APACHE,
// LICENSE.AGPL.txt, COPYING.LESSER..., case-insensitively, with or without
// .md, .txt, .rst), outside vendor/, node_modules/, third_party/,
// testdata/, lower-case licenses/ folders and the like. Files that list
// other people's licences (NOTICE, THIRD-PARTY-NOTICES, LICENSE-3RD-PARTY,
// or a licence file whose text is such a list) are never the project's
// licence; they are listed in Result.ThirdParty.
//
// Each candidate is matched with google/licensecheck, extended with the SPDX
// texts its built-in set misses and the short forms of the CC0 dedication.
// What the matches leave over is explained before the file is classified: a
// project blurb on top, a translation beside the licence (bilingual text),
// wording of the licence's own SPDX text, or a clause someone added. A text
// that licensecheck does not recognise may still be an official
// translation (EUPL in Dutch, CeCILL in French: "translated text (nl)"), a
// short statement naming the licence by SPDX id, or a modified copy of a
// known licence, reported as LicenseRef-govshare-modified-<id> with Closest
// naming the original; anything else is Unknown. Detection fails closed: a
// modified or unknown text is never reported as the original.
//
// REUSE licence texts (LICENSES/<id>.txt), REUSE.toml, .reuse/dep5 (a
// malformed stanza is skipped with a warning naming its line) and
// SPDX-License-Identifier lines in the first 4 KiB of source files are
// read too.
//
// Every licence found is listed with a scope: "project" for the licence
// files at the root and the REUSE LICENSES/ texts, "component" for licence
// files in sub-folders, "file" for SPDX headers and REUSE annotations. The
// project expression is built from the project-scope licences:
//   - the root licences are joined with AND, or with OR when the README or
//     the licence files say they are alternatives ("dual licensed",
//     "licensed under either");
//   - a documentation or data licence (Creative Commons, CC0, GFDL, OGL,
//     etalab, ODbL...) in a documentation or data folder (docs/, data/...)
//     covers part of the project itself: it gets the project scope and joins
//     the expression with AND, e.g. "CC-BY-4.0 AND MIT";
//   - when the root has no licence, the sub-folder licences become the
//     project's (a repository whose only licence is api/LICENSE);
//   - when there is no licence file at all, the SPDX headers and REUSE
//     annotations give the expression.
//
// Known ids come first in alphabetical order, LicenseRef- references last.
// A GNU licence whose text alone does not settle "-only" versus
// "-or-later" keeps the bare, deprecated SPDX id (GPL-3.0) unless the
// notice above the text, the SPDX headers of the source files, the
// licence the metadata declares (Options.Declared) or the README settle it;
// the note on the file says which. The GPL-3.0 text
// that accompanies an LGPL-3.0 (COPYING beside COPYING.LESSER) is listed
// but not part of the expression, since the LGPL-3.0 is written as
// additional permissions on top of it.
//
// Detect never returns an error: an unreadable licence file is listed as
// Unknown and explained in a warning; an unreadable source file is skipped
// with a warning.
package licenses

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// Scopes of a licence file (registry.LicenseFile.Scope).
const (
	// ScopeProject marks the licences of the project as a whole.
	ScopeProject = "project"
	// ScopeComponent marks the licence of a sub-folder.
	ScopeComponent = "component"
	// ScopeFile marks licences declared for single files: SPDX headers and
	// REUSE annotations.
	ScopeFile = "file"
)

// maxComponentFiles caps how many licence files in sub-folders are matched,
// and how many notice files are listed: a monorepo with a LICENSE in every
// package gains nothing from the thousandth one.
const maxComponentFiles = 100

// Options tunes Detect.
type Options struct {
	// Prose is extra text that may say how the project is licensed,
	// typically the README: whether the root licences are alternatives
	// ("dual licensed under MIT or Apache-2.0"), and whether a GNU licence
	// is taken "-only" or "-or-later".
	Prose string
	// Declared are the licences the metadata files declare
	// (publiccode.yml, package manifests). They never change which
	// licence the files hold; they only settle "-only" versus "-or-later"
	// for a GNU licence text that does not say, when no SPDX header does.
	Declared []registry.DeclaredLicense
}

// Result is what Detect found.
type Result struct {
	// License is the project's SPDX expression, "" when no licence was found.
	License string
	// Files lists every licence found, with its scope: root files first,
	// then REUSE LICENSES/ texts, then licences in sub-folders, then SPDX
	// headers and REUSE annotations (one entry per distinct expression,
	// pointing at the first file that declares it, with coverage 0 since
	// no text was matched).
	Files []registry.LicenseFile
	// ThirdParty lists the files that hold other people's licences and so
	// were left out, each with the reason.
	ThirdParty []registry.Evidence
	// Warnings name the files that could not be read, and the REUSE
	// annotations that could not be understood.
	Warnings []string
}

// found is one licence found, and how it counts for the project.
type found struct {
	file registry.LicenseFile
	// excluded is true for a licence listed but not part of the project
	// expression (the GPL text accompanying the LGPL).
	excluded bool
	// docs is true for a documentation or data licence in a sub-folder.
	docs bool
}

// detection accumulates Detect's findings.
type detection struct {
	tree       *filetree.Tree
	found      []*found
	thirdParty []registry.Evidence
	warnings   []string
	prose      []prose                // text outside the root licences
	headers    map[string]headerCount // SPDX header ids
	declared   map[string]*found      // SPDX headers and REUSE annotations by expression
	declOrder  []string
	parsed     map[string]parsedHeader // header values seen, parsed
}

// parsedHeader is one SPDX-License-Identifier value, parsed.
type parsedHeader struct {
	expr  string   // normalised
	valid bool     // the value is a valid SPDX expression
	ids   []string // the licence ids it names
}

// Detect finds the licences in tree. It stops early, with what it has, when
// ctx is done; the caller checks ctx.Err().
func Detect(ctx context.Context, tree *filetree.Tree, opts Options) Result {
	d := &detection{tree: tree, headers: map[string]headerCount{}, declared: map[string]*found{}, parsed: map[string]parsedHeader{}}
	var root, reuse, components, declarations, sources []filetree.File
	for _, f := range tree.Files() {
		switch {
		case f.Dir() == reuseDir:
			reuse = append(reuse, f)
		case f.Path == reuseTOML || f.Path == reuseDep5:
			declarations = append(declarations, f)
		case inExcludedDir(f.Path):
		default:
			switch classifyName(f.Name()) {
			case licenseFile, copyrightFile:
				if f.AtRoot() {
					root = append(root, f)
				} else {
					components = append(components, f)
				}
			case noticeFile:
				d.addThirdParty(f.Path, "named as a notice, not a licence")
			case notCandidate:
				if len(sources) < maxHeaderFiles && isSourceFile(f) {
					sources = append(sources, f)
				}
			}
		}
	}

	for _, f := range root {
		if ctx.Err() != nil {
			return d.result("")
		}
		d.matchFile(f, ScopeProject)
	}
	for _, f := range reuse {
		if ctx.Err() != nil {
			return d.result("")
		}
		d.reuseFile(f)
	}
	if len(components) > maxComponentFiles {
		d.warnings = append(d.warnings,
			fmt.Sprintf("licence files in sub-folders: matched the first %d only", maxComponentFiles))
		components = components[:maxComponentFiles]
	}
	for _, f := range components {
		if ctx.Err() != nil {
			return d.result("")
		}
		d.matchFile(f, ScopeComponent)
	}
	for _, f := range declarations {
		d.reuseDeclarations(f)
	}
	head := make([]byte, headerBytes)
	for i, f := range sources {
		if i%64 == 0 && ctx.Err() != nil {
			return d.result("")
		}
		d.sourceHeader(f, head)
	}
	d.finishDeclarations()

	d.absorbGPL()
	d.promoteComponents()
	texts := append([]prose{{source: "the README", text: opts.Prose}}, d.prose...)
	d.settleVersions(opts.Declared, texts)
	return d.result(d.expression(texts))
}

// result assembles the Result.
func (d *detection) result(license string) Result {
	r := Result{License: license, ThirdParty: d.thirdParty, Warnings: d.warnings}
	for _, f := range d.found {
		r.Files = append(r.Files, f.file)
	}
	return r
}

// expression builds the project expression (see the package doc).
func (d *detection) expression(texts []prose) string {
	var code, docs []string
	for _, f := range d.found {
		switch {
		case f.file.Scope != ScopeProject || f.excluded:
		case f.docs:
			docs = append(docs, f.file.SPDX)
		default:
			code = append(code, f.file.SPDX)
		}
	}
	if len(code)+len(docs) == 0 {
		return combine(d.declOrder, false)
	}
	var said []string
	for _, p := range texts {
		said = append(said, p.text)
	}
	expr := combine(code, saysAlternatives(said...))
	if len(docs) == 0 {
		return expr
	}
	if expr != "" {
		docs = append(docs, expr)
	}
	return combine(docs, false)
}

// matchFile reads and classifies one licence candidate and lists what it
// holds.
func (d *detection) matchFile(f filetree.File, scope string) {
	text, err := d.tree.ReadFile(f.Path)
	if err != nil {
		d.warnings = append(d.warnings, filetree.Skipped(f.Path, err))
		d.add(registry.LicenseFile{SPDX: Unknown, Path: f.Path, Scope: scope})
		return
	}
	m := scanText(text)
	if m.thirdParty != "" {
		d.addThirdParty(f.Path, m.thirdParty)
		return
	}
	if scope == ScopeProject {
		d.prose = append(d.prose, prose{source: f.Path, text: m.prose})
	}
	if len(m.ids) == 0 {
		if classifyName(f.Name()) == copyrightFile && m.coverage == 0 {
			return // a copyright line, no licence
		}
		d.add(registry.LicenseFile{SPDX: Unknown, Path: f.Path, Coverage: m.coverage, Scope: scope, Closest: m.closest, Note: m.note()})
		return
	}
	for _, id := range m.ids {
		lf := registry.LicenseFile{SPDX: id, Path: f.Path, Coverage: m.coverage, Scope: scope, Note: m.note()}
		if strings.HasPrefix(id, modifiedPrefix) {
			lf.Closest = m.closest
		}
		fd := d.add(lf)
		if scope == ScopeComponent && contentLicence(id) && inDocsDir(f.Path) {
			fd.docs = true
			fd.file.Scope = ScopeProject
			fd.file.Note = joinNotes(fd.file.Note, "documentation or data licence: part of the project expression")
		}
	}
}

// reuseFile lists one LICENSES/ text under the id its name gives. A file
// whose name is no SPDX id is matched like any licence file.
func (d *detection) reuseFile(f filetree.File) {
	id, ok := reuseID(f.Name())
	if !ok {
		d.matchFile(f, ScopeProject)
		return
	}
	lf := registry.LicenseFile{SPDX: id, Path: f.Path, Scope: ScopeProject}
	if text, err := d.tree.ReadFile(f.Path); err != nil {
		d.warnings = append(d.warnings, filetree.Skipped(f.Path, err))
	} else {
		m := scanText(text)
		lf.Coverage = m.coverage
		if len(m.ids) > 0 && !slices.ContainsFunc(m.ids, func(x string) bool { return family(x) == family(id) }) {
			lf.Note = fmt.Sprintf("the text reads as %s, not as the licence its name gives", strings.Join(m.ids, ", "))
		}
	}
	d.add(lf)
}

// reuseDeclarations records the licences a REUSE.toml or .reuse/dep5
// annotates files with.
func (d *detection) reuseDeclarations(f filetree.File) {
	text, err := d.tree.ReadFile(f.Path)
	if err != nil {
		d.warnings = append(d.warnings, filetree.Skipped(f.Path, err))
		return
	}
	annotations, warnings := reuseAnnotations(f.Path, text)
	d.warnings = append(d.warnings, warnings...)
	for _, a := range annotations {
		fd := d.declare(a.expr, f.Path)
		if fd.file.Path == f.Path {
			fd.file.Note = joinNotes(fd.file.Note, "REUSE annotation for "+strings.Join(a.paths, ", "))
		}
	}
}

// sourceHeader records the SPDX-License-Identifier of one source file,
// reading its head into buf.
func (d *detection) sourceHeader(f filetree.File, buf []byte) {
	head, err := d.tree.ReadHead(f.Path, buf)
	if err != nil {
		d.warnings = append(d.warnings, filetree.Skipped(f.Path, err))
		return
	}
	value, ok := headerValue(head)
	if !ok {
		return
	}
	// Most files of a repository carry the same header: parse each once.
	h, seen := d.parsed[value]
	if !seen {
		h.expr, h.valid = Normalize(value)
		if h.valid {
			h.ids, _ = spdxexp.ExtractLicenses(h.expr)
		}
		d.parsed[value] = h
	}
	if !h.valid {
		return
	}
	d.declare(h.expr, f.Path)
	for _, id := range h.ids {
		id = canonicalGNU(id)
		h := d.headers[id]
		if h.files == 0 {
			h.first = f.Path
		}
		h.files++
		d.headers[id] = h
	}
}

// declare notes a declared expression; only its first file is listed.
func (d *detection) declare(expr, filePath string) *found {
	if fd, ok := d.declared[expr]; ok {
		return fd
	}
	fd := &found{file: registry.LicenseFile{SPDX: expr, Path: filePath, OSIApproved: OSIApproved(expr), Scope: ScopeFile}}
	d.declared[expr] = fd
	d.declOrder = append(d.declOrder, expr)
	return fd
}

// finishDeclarations lists the declared expressions after the licence
// files, noting how many source files carry each header.
func (d *detection) finishDeclarations() {
	for _, expr := range d.declOrder {
		fd := d.declared[expr]
		if fd.file.Note == "" {
			n := d.headerFiles(expr)
			switch {
			case n > 1:
				fd.file.Note = fmt.Sprintf("SPDX-License-Identifier in %d source files, this one first", n)
			case n == 1:
				fd.file.Note = "SPDX-License-Identifier in this source file only"
			}
		}
		d.found = append(d.found, fd)
	}
}

// headerFiles counts the source files whose header is exactly expr.
func (d *detection) headerFiles(expr string) int {
	ids, err := spdxexp.ExtractLicenses(expr)
	if err != nil || len(ids) != 1 {
		return 0
	}
	return d.headers[canonicalGNU(ids[0])].files
}

// absorbGPL leaves out of the expression the GPL-3.0 text that accompanies
// an LGPL-3.0 at the same level: the LGPL-3.0 is a set of additional
// permissions on top of the GPL-3.0, which it needs beside it.
func (d *detection) absorbGPL() {
	hasLGPL := map[string]bool{}
	for _, f := range d.found {
		if family(f.file.SPDX) == "LGPL-3.0" {
			hasLGPL[path.Dir(f.file.Path)] = true
		}
	}
	for _, f := range d.found {
		if family(f.file.SPDX) == "GPL-3.0" && f.file.Scope != ScopeFile && hasLGPL[path.Dir(f.file.Path)] {
			f.excluded = true
			f.file.Note = joinNotes(f.file.Note, "accompanies the LGPL-3.0, which adds permissions to it: not part of the project expression")
		}
	}
}

// promoteComponents makes the sub-folder licences the project's when the
// root has none.
func (d *detection) promoteComponents() {
	for _, f := range d.found {
		if f.file.Scope == ScopeProject && !f.excluded && f.file.SPDX != "" {
			return
		}
	}
	for _, f := range d.found {
		if f.file.Scope == ScopeComponent {
			f.file.Scope = ScopeProject
			f.file.Note = joinNotes(f.file.Note, "no licence at the root: the project licence comes from this sub-folder")
		}
	}
}

// settleVersions decides "-only" or "-or-later" for the GNU licences whose
// text did not.
func (d *detection) settleVersions(declared []registry.DeclaredLicense, texts []prose) {
	for _, f := range d.found {
		if f.file.Scope == ScopeFile || f.excluded || !bareGNU[f.file.SPDX] {
			continue
		}
		id, note := settleVersion(f.file.SPDX, d.headers, declared, texts)
		f.file.SPDX = id
		f.file.OSIApproved = OSIApproved(id)
		f.file.Note = joinNotes(f.file.Note, note)
	}
}

func (d *detection) add(lf registry.LicenseFile) *found {
	lf.OSIApproved = OSIApproved(lf.SPDX)
	fd := &found{file: lf}
	d.found = append(d.found, fd)
	return fd
}

func (d *detection) addThirdParty(filePath, reason string) {
	if len(d.thirdParty) < maxComponentFiles {
		d.thirdParty = append(d.thirdParty, registry.Evidence{Path: filePath, Note: reason})
	}
}

func joinNotes(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// docsDirs are the top-level folders whose licence covers documentation or
// data of the project rather than a separate component.
var docsDirs = map[string]bool{
	"doc": true, "docs": true, "documentation": true, "manual": true, "manuals": true,
	"guide": true, "guides": true, "handbook": true, "wiki": true, "site": true, "website": true,
	"content": true, "data": true, "dataset": true, "datasets": true, "assets": true, "media": true,
}

// inDocsDir reports whether p lies in a documentation or data folder.
func inDocsDir(p string) bool {
	top, _, _ := strings.Cut(p, "/")
	return docsDirs[strings.ToLower(top)]
}

// contentLicence reports whether id is a licence for documents and data
// rather than for code.
func contentLicence(id string) bool {
	for _, p := range []string{"CC-BY", "CC0-", "CC-PDDC", "GFDL-", "OGL-", "etalab-", "ODbL-", "ODC-", "PDDL-", "DL-DE-", "NLOD-", "CDLA-", "OPL-UK-"} {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}
