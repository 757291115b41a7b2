// Package analysis reads one commit of a repository, handed over as an
// fs.FS, and fills the project record: name, description, licences,
// declared metadata, publiccode.yml, languages, README, open standards and
// compliance checks. It walks the tree once and shares the file list
// between the analysers in its sub-packages (licenses, declared, languages,
// publiccode, readme, standards, checks), each of them pure: no network,
// no store, no logging.
//
// Analyse fails only when the context ends or the tree cannot be listed at
// all. Anything smaller (a missing, unreadable or oversized file) is skipped
// and named in the record's warnings, e.g.
// "skipped README.md: file too large to read (12 MiB)".
package analysis

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/govshare/govshare/indexer/analysis/checks"
	"github.com/govshare/govshare/indexer/analysis/declared"
	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/indexer/analysis/languages"
	"github.com/govshare/govshare/indexer/analysis/licenses"
	"github.com/govshare/govshare/indexer/analysis/publiccode"
	"github.com/govshare/govshare/indexer/analysis/readme"
	"github.com/govshare/govshare/indexer/analysis/standards"
	"github.com/govshare/govshare/registry"
)

// ErrTooLarge is wrapped by the errors a filesystem returns for a file over
// its size cap, and by the errors the analysers produce for a file over
// Options.MaxReadBytes. Such a file is skipped with a warning. It is the
// same value as filetree.ErrTooLarge, so either name matches with errors.Is.
var ErrTooLarge = filetree.ErrTooLarge

// Options tunes Analyse.
type Options struct {
	// MaxReadBytes caps how much of one file the analysers read; a larger
	// file is skipped with a warning. 0 means 8 MiB.
	MaxReadBytes int64
	// Now is the clock the checks judge "maintained recently" by;
	// time.Now when nil.
	Now func() time.Time
}

// Analyse fills rec from fsys, the repository tree at rec.Commit. The caller
// has set URL, Commit, Branch and CommittedAt; Analyse sets everything else
// (Name, Description, License, Licenses, DeclaredLicense, DeclaredLicenses,
// Metadata, Publiccode, Languages, Readme, Standards, Checks, Warnings and
// AnalyserVersion), then normalises rec. On error rec is not modified.
//
// The fields are filled this way:
//   - Name: the publiccode.yml name when the file is valid, else the last
//     element of rec.URL without ".git".
//   - Description: the publiccode.yml short description (English first)
//     even when the file has errors, else the README summary, else a
//     description declared in code.json, catalog-info.yaml or a manifest.
//   - DeclaredLicense: publiccode.yml legal.license, else the first other
//     declaration (see package declared); DeclaredLicenses lists them all.
//   - Checks: computed last, from the rest of the record and the tree, as
//     of opts.Now.
func Analyse(ctx context.Context, fsys fs.FS, rec *registry.Record, opts Options) error {
	tree, warnings, err := filetree.Walk(ctx, fsys, opts.MaxReadBytes)
	if err != nil {
		return fmt.Errorf("analyse %s: %w", rec.URL, err)
	}
	w := warningList{}
	w.add(warnings...)

	pc, warnings := publiccode.Parse(ctx, tree)
	w.add(warnings...)
	rd, warnings := readme.Find(ctx, tree)
	w.add(warnings...)
	decl, warnings := declared.Read(ctx, tree, pc)
	w.add(warnings...)
	prose := ""
	if rd != nil {
		prose = rd.Text
	}
	lic := licenses.Detect(ctx, tree, licenses.Options{Prose: prose, Declared: decl.Licenses})
	w.add(lic.Warnings...)
	langs, warnings := languages.Detect(ctx, tree)
	w.add(warnings...)
	stds, warnings := standards.Detect(ctx, tree)
	w.add(warnings...)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("analyse %s: %w", rec.URL, err)
	}

	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}

	rec.Name = projectName(pc, rec.URL)
	rec.Description = description(pc, rd, decl)
	rec.License = lic.License
	rec.Licenses = lic.Files
	rec.DeclaredLicense = decl.Primary
	rec.DeclaredLicenses = decl.Licenses
	rec.Metadata = decl.Metadata
	rec.Publiccode = pc
	rec.Languages = langs
	rec.Standards = stds
	rec.Readme = rd
	rec.AnalyserVersion = registry.AnalyserVersion
	rec.Normalize()
	// The checks read everything above, so they come last.
	rec.Checks = checks.Evaluate(rec, tree, now())
	for i, d := range rec.DeclaredLicenses {
		rec.DeclaredLicenses[i].Agreement, rec.DeclaredLicenses[i].Files = checks.CompareDeclared(rec, d)
	}
	rec.Warnings = w.list
	rec.Normalize()
	return nil
}

// projectName returns the valid publiccode.yml name, else the name the URL
// or directory ends with.
func projectName(pc *registry.Publiccode, url string) string {
	if pc != nil && pc.Valid && strings.TrimSpace(pc.Name) != "" {
		return strings.TrimSpace(pc.Name)
	}
	return nameFromURL(url)
}

// nameFromURL returns the last element of a repository URL or path:
// "https://host/org/forms.git" and "git@host:org/forms.git" give "forms".
func nameFromURL(url string) string {
	s := strings.TrimRight(url, "/\\")
	s = strings.TrimSuffix(s, ".git")
	if i := strings.LastIndexAny(s, "/:\\"); i >= 0 {
		s = s[i+1:]
	}
	if s == "." || s == ".." {
		return ""
	}
	return s
}

func description(pc *registry.Publiccode, rd *registry.Readme, decl declared.Result) string {
	if d := publiccode.ShortDescription(pc); d != "" {
		return d
	}
	if rd != nil && rd.Summary != "" {
		return rd.Summary
	}
	return decl.Description
}

// warningList collects warnings once each, in the order they came.
type warningList struct {
	list []string
	seen map[string]bool
}

func (w *warningList) add(warnings ...string) {
	for _, s := range warnings {
		if w.seen[s] {
			continue
		}
		if w.seen == nil {
			w.seen = map[string]bool{}
		}
		w.seen[s] = true
		w.list = append(w.list, s)
	}
}
