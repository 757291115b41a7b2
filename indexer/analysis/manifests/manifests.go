// Package manifests reads the licence, name and description that package
// manifests declare: package.json, composer.json, Cargo.toml,
// pyproject.toml, setup.cfg, setup.py, pom.xml, build.gradle(.kts),
// *.gemspec, *.csproj, Directory.Build.props, *.nuspec and R's DESCRIPTION.
// Manifests written in a programming language (setup.py, *.gemspec,
// build.gradle) are read with regular expressions over literal strings,
// never executed.
//
// Manifests at the root describe the project. Manifests in subfolders
// describe components and are listed after the root ones, with Component
// set; those under vendor/, node_modules/, testdata/, tests/, examples/,
// hidden folders and the like are somebody else's code or test fixtures and
// are never read.
//
// Read never returns an error: a manifest that cannot be parsed is returned
// with Valid false and a diagnostic (with its line and column when the
// parser gives them); one that cannot be read is named in a warning.
package manifests

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// Manifest is what one package manifest declares.
type Manifest struct {
	// Path is the manifest file, relative to the root.
	Path string
	// Format names the kind of manifest: package.json, Cargo.toml,
	// pyproject.toml, pom.xml, build.gradle, build.gradle.kts,
	// composer.json, gemspec, setup.cfg, setup.py, Directory.Build.props,
	// csproj, nuspec or DESCRIPTION.
	Format string
	// Component is true for a manifest below the root: it describes a part
	// of the repository, not the project.
	Component   bool
	Name        string
	Description string
	// License is the declared licence as written (usually an SPDX
	// expression, but "SEE LICENSE IN ..." and the like happen). Several
	// licences offered as alternatives are joined with " OR ".
	License string
	// LicenseField says where in the manifest License was found, e.g.
	// "license" or "project.licenses.license.url".
	LicenseField string
	// LicenseSPDX is License as a normalised SPDX expression (well-known
	// licence names and URLs mapped to their identifier), "" when it is
	// not one.
	LicenseSPDX string
	// Valid is false when the manifest could not be parsed; Errors then
	// says why.
	Valid  bool
	Errors []registry.Diagnostic
}

// MetadataFile returns the manifest as a record lists its metadata files.
func (m Manifest) MetadataFile() registry.MetadataFile {
	errs := m.Errors
	if errs == nil {
		errs = []registry.Diagnostic{}
	}
	return registry.MetadataFile{Path: m.Path, Format: m.Format, Valid: m.Valid, Errors: errs}
}

// MaxComponents caps how many manifests below the root Read parses; a
// monorepo with more is reported with a warning.
const MaxComponents = 64

// errNotManifest is returned by a parser for a file that has a manifest's
// name but is something else (a DESCRIPTION that is not an R package's).
var errNotManifest = errors.New("not a package manifest")

// format is one kind of manifest.
type format struct {
	name  string
	match func(base string) bool
	parse func(data []byte) (Manifest, error)
}

func named(n string) func(string) bool { return func(b string) bool { return b == n } }
func suffix(s string) func(string) bool {
	return func(b string) bool { return strings.HasSuffix(b, s) && b != s }
}

// formats lists the supported manifests in the order they are reported
// within one directory.
var formats = []format{
	{"package.json", named("package.json"), parsePackageJSON},
	{"Cargo.toml", named("Cargo.toml"), parseCargoTOML},
	{"pyproject.toml", named("pyproject.toml"), parsePyprojectTOML},
	{"pom.xml", named("pom.xml"), parsePOM},
	{"build.gradle", named("build.gradle"), parseGradle},
	{"build.gradle.kts", named("build.gradle.kts"), parseGradle},
	{"composer.json", named("composer.json"), parseComposerJSON},
	{"gemspec", suffix(".gemspec"), parseGemspec},
	{"setup.cfg", named("setup.cfg"), parseSetupCfg},
	{"setup.py", named("setup.py"), parseSetupPy},
	{"Directory.Build.props", named("Directory.Build.props"), parseMSBuild},
	{"csproj", suffix(".csproj"), parseMSBuild},
	{"nuspec", suffix(".nuspec"), parseNuspec},
	{"DESCRIPTION", named("DESCRIPTION"), parseRDescription},
}

// formatIndex returns the index in formats of the manifest named base, -1
// when it is none.
func formatIndex(base string) int {
	for i, f := range formats {
		if f.match(base) {
			return i
		}
	}
	return -1
}

// ignoredDirs hold other people's code, build output or test fixtures:
// their manifests describe neither the project nor its components.
var ignoredDirs = map[string]bool{
	"vendor": true, "node_modules": true, "bower_components": true, "jspm_packages": true,
	"third_party": true, "third-party": true, "thirdparty": true, "3rdparty": true,
	"testdata": true, "test": true, "tests": true, "__tests__": true, "spec": true, "fixtures": true,
	"examples": true, "example": true, "samples": true, "sample": true,
	"target": true, "dist": true, "venv": true, "site-packages": true,
}

// ignored reports whether a manifest in dir must not be read.
func ignored(dir string) bool {
	for _, part := range strings.Split(dir, "/") {
		if ignoredDirs[strings.ToLower(part)] || (strings.HasPrefix(part, ".") && part != ".") {
			return true
		}
	}
	return false
}

type candidate struct {
	path   string
	format int
}

// Read returns the manifests of tree: those at the root first, in the order
// package.json, Cargo.toml, pyproject.toml, pom.xml, build.gradle,
// build.gradle.kts, composer.json, *.gemspec, setup.cfg, setup.py,
// Directory.Build.props, *.csproj, *.nuspec, DESCRIPTION; then the
// components', by folder and in the same order within a folder.
func Read(ctx context.Context, tree *filetree.Tree) ([]Manifest, []string) {
	var root, components []candidate
	for _, f := range tree.Files() {
		i := formatIndex(f.Name())
		switch {
		case i < 0:
		case f.AtRoot():
			root = append(root, candidate{f.Path, i})
		case !ignored(f.Dir()):
			components = append(components, candidate{f.Path, i})
		}
	}
	sortCandidates(root)
	sortCandidates(components)
	var warnings []string
	if len(components) > MaxComponents {
		warnings = append(warnings, fmt.Sprintf("read the first %d of %d component manifests", MaxComponents, len(components)))
		components = components[:MaxComponents]
	}
	var out []Manifest
	for _, c := range append(root, components...) {
		if ctx.Err() != nil {
			break
		}
		m, warning, ok := readOne(tree, c)
		if warning != "" {
			warnings = append(warnings, warning)
		}
		if ok {
			out = append(out, m)
		}
	}
	return out, warnings
}

func sortCandidates(cs []candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if da, db := path.Dir(a.path), path.Dir(b.path); da != db {
			return da < db
		}
		if a.format != b.format {
			return a.format < b.format
		}
		return a.path < b.path
	})
}

// readOne reads and parses one manifest. ok is false when the file could
// not be read (warning says why) or is not a manifest after all.
func readOne(tree *filetree.Tree, c candidate) (m Manifest, warning string, ok bool) {
	data, err := tree.ReadFile(c.path)
	if err != nil {
		return Manifest{}, filetree.Skipped(c.path, err), false
	}
	data = withoutBOM(data)
	m, err = formats[c.format].parse(data)
	if errors.Is(err, errNotManifest) {
		return Manifest{}, "", false
	}
	m.Path = c.path
	m.Format = formats[c.format].name
	m.Component = strings.Contains(c.path, "/")
	m.Errors = []registry.Diagnostic{}
	if err != nil {
		return Manifest{Path: m.Path, Format: m.Format, Component: m.Component,
			Errors: []registry.Diagnostic{diagnosticOf(data, err)}}, "", true
	}
	m.Valid = true
	m.Name = oneLine(m.Name)
	m.Description = oneLine(m.Description)
	m.License = strings.TrimSpace(m.License)
	if m.License == "" {
		m.LicenseField, m.LicenseSPDX = "", ""
	} else if m.LicenseSPDX == "" {
		m.LicenseSPDX = NormalizeLicense(m.License)
	}
	return m, "", true
}

// oneLine trims s and folds its runs of white space, line breaks included,
// into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// alternatives combines licences a manifest offers as a choice into one
// declaration: the written values joined with " OR ", and the SPDX
// expression when every one of them maps to SPDX. spdx[i] may be "" to let
// written[i] be normalised.
func alternatives(written, spdx []string) (license, licenseSPDX string) {
	var ws, ids []string
	complete := true
	for i, w := range written {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		ws = append(ws, w)
		id := ""
		if i < len(spdx) {
			id = spdx[i]
		}
		if id == "" {
			id = NormalizeLicense(w)
		}
		if id == "" {
			complete = false
		}
		ids = append(ids, id)
	}
	if len(ws) == 0 {
		return "", ""
	}
	if len(ws) == 1 {
		return ws[0], ids[0]
	}
	license = strings.Join(ws, " OR ")
	if complete {
		for i, id := range ids {
			ids[i] = parenthesise(id)
		}
		licenseSPDX = NormalizeLicense(strings.Join(ids, " OR "))
	}
	return license, licenseSPDX
}

// parenthesise wraps a compound expression so that it can be joined with
// others.
func parenthesise(expr string) string {
	if strings.Contains(expr, " ") {
		return "(" + expr + ")"
	}
	return expr
}
