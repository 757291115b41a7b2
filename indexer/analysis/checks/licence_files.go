package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"

	"github.com/govshare/govshare/indexer/analysis/licenses/spdx"
	"github.com/govshare/govshare/registry"
)

// References the licences analyser makes up.
const (
	// unknownLicence marks a licence-like text that matches no licence.
	unknownLicence = "LicenseRef-govshare-unknown"
	// modifiedPrefix starts the reference for a changed licence text:
	// LicenseRef-govshare-modified-MIT is MIT with a clause changed.
	modifiedPrefix = "LicenseRef-govshare-modified-"
)

// Scopes of a licence file (registry.LicenseFile.Scope).
const (
	scopeProject   = "project"
	scopeComponent = "component"
	scopeFile      = "file"
	// scopeFolder is no Scope value of a licence file: it describes the
	// licence files of one sub-folder, compared with that folder's manifest.
	scopeFolder = "folder"
)

// scopeOf returns the licence file's scope, inferring it from the path when
// the analyser did not say: a licence file at the root or in LICENSES/ is
// the project's, one with matched text in a sub-folder a component's, and
// anything else (SPDX headers, REUSE annotations) a file's.
func scopeOf(lf registry.LicenseFile) string {
	if lf.Scope != "" {
		return lf.Scope
	}
	dir, name := path.Split(lf.Path)
	switch {
	case dir == "LICENSES/":
		return scopeProject
	case dir == "" && looksLikeLicenceName(name):
		return scopeProject
	case lf.Coverage > 0:
		return scopeComponent
	default:
		return scopeFile
	}
}

// looksLikeLicenceName reports whether a file name is one licence texts go
// by (LICENSE, LICENCE.md, COPYING, UNLICENSE, MIT-LICENSE...).
func looksLikeLicenceName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "licen") || strings.HasPrefix(n, "copying") || strings.HasPrefix(n, "copyright")
}

// licenceSource is where the project licence comes from: the licence files
// that name one of its licences, from the most authoritative scope that has
// any.
type licenceSource struct {
	scope string
	files []registry.LicenseFile
}

// projectLicenceSource finds the files behind rec.License.
func projectLicenceSource(rec *registry.Record) licenceSource {
	ids := parseExpression(rec.License).leaves()
	for _, scope := range []string{scopeProject, scopeComponent, scopeFile} {
		var files []registry.LicenseFile
		for _, lf := range rec.Licenses {
			if scopeOf(lf) != scope {
				continue
			}
			for _, id := range parseExpression(lf.SPDX).leaves() {
				if slices.Contains(ids, id) {
					files = append(files, lf)
					break
				}
			}
		}
		if len(files) > 0 {
			return licenceSource{scope: scope, files: files}
		}
	}
	return licenceSource{}
}

// paths returns the distinct paths of the source's files.
func (s licenceSource) paths() []string {
	var out []string
	for _, lf := range s.files {
		if !slices.Contains(out, lf.Path) {
			out = append(out, lf.Path)
		}
	}
	return out
}

// describe says where the licence comes from and what it is, as the second
// half of a sentence: "LICENSE is MIT", "the licence files LICENSE-APACHE
// and LICENSE-MIT make it Apache-2.0 OR MIT".
func (s licenceSource) describe(licence string) string {
	paths := s.paths()
	list := listPaths(paths, 3)
	switch {
	case len(paths) == 0:
		return "the project licence is " + licence
	case (s.scope == scopeProject || s.scope == scopeFolder) && len(paths) == 1:
		return fmt.Sprintf("%s is %s", paths[0], licence)
	case s.scope == scopeProject || s.scope == scopeFolder:
		return fmt.Sprintf("the licence files %s make it %s", list, licence)
	case s.scope == scopeComponent && len(paths) == 1:
		return fmt.Sprintf("%s (in a sub-folder; there is no licence at the root) is %s", paths[0], licence)
	case s.scope == scopeComponent:
		return fmt.Sprintf("the sub-folder licence files %s (there is none at the root) make it %s", list, licence)
	default:
		return fmt.Sprintf("the SPDX headers and REUSE annotations (%s) say %s", list, licence)
	}
}

// evidence returns one evidence item per file of the source.
func (s licenceSource) evidence() []registry.Evidence {
	var out []registry.Evidence
	for _, lf := range s.files {
		out = append(out, licenceEvidence(lf))
	}
	return out
}

// licenceEvidence points at one licence file and says what it holds.
func licenceEvidence(lf registry.LicenseFile) registry.Evidence {
	note := "licence: " + lf.SPDX
	if lf.Coverage > 0 {
		note += fmt.Sprintf(" (%.0f%% of the text matched)", lf.Coverage)
	}
	if lf.Note != "" {
		note += "; " + lf.Note
	}
	return registry.Evidence{Path: lf.Path, Note: note}
}

// listPaths writes up to limit paths as "a, b and c", and "a, b, c and 4
// more" beyond.
func listPaths(paths []string, limit int) string {
	if len(paths) > limit {
		return strings.Join(paths[:limit], ", ") + fmt.Sprintf(" and %d more", len(paths)-limit)
	}
	return joinAnd(paths)
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// publicDomain are public-domain dedications: not OSI approved (CC0 was
// withdrawn from review over its patent clause), but they put the code
// beyond copyright, and public bodies (the US federal source code policy
// among them) use them for exactly that. They pass, with a note.
var publicDomain = map[string]bool{"CC0-1.0": true, "CC-PDDC": true, "Unlicense": true, "0BSD": true}

// contentLicences are licences for documents and data, common in
// government repositories for documentation. They are fine there but were
// not written for code and are not OSI approved: they warn.
var contentLicences = map[string]bool{
	"CC-BY-4.0": true, "CC-BY-SA-4.0": true, "CC-BY-3.0": true, "CC-BY-SA-3.0": true,
	"CC-BY-2.0": true, "CC-BY-SA-2.0": true, "CC-BY-2.5": true, "CC-BY-SA-2.5": true,
	"OGL-UK-3.0": true, "OGL-UK-2.0": true, "OGL-Canada-2.0": true, "etalab-2.0": true,
	"DL-DE-BY-2.0": true, "DL-DE-ZERO-2.0": true, "NLOD-1.0": true, "NLOD-2.0": true,
	"ODbL-1.0": true, "ODC-By-1.0": true, "PDDL-1.0": true, "GFDL-1.3-only": true,
	"GFDL-1.3-or-later": true, "GFDL-1.3": true, "CC-BY-3.0-AT": true, "CC-BY-3.0-DE": true,
}

// licenceVerdict is how acceptable one licence is as an open-source licence.
type licenceVerdict struct {
	status string
	// note explains the status in a few words, e.g. "OSI approved".
	note string
}

// judgeLicence classifies one licence id of an expression.
func judgeLicence(id string) licenceVerdict {
	base := canonicalID(id)
	switch {
	case id == unknownLicence:
		return licenceVerdict{registry.CheckFail, "a licence text that was not recognised"}
	case strings.HasPrefix(id, modifiedPrefix):
		return licenceVerdict{registry.CheckFail, "a modified " + strings.TrimPrefix(id, modifiedPrefix) +
			" text; the OSI approved the original, not this version"}
	case strings.HasPrefix(id, "LicenseRef-") || strings.HasPrefix(id, "DocumentRef-"):
		return licenceVerdict{registry.CheckFail, "a custom licence, not OSI approved"}
	}
	l, known := spdx.Lookup(base)
	switch {
	case known && l.OSIApproved:
		return licenceVerdict{registry.CheckPass, "OSI approved"}
	case publicDomain[base]:
		return licenceVerdict{registry.CheckPass, "a public-domain dedication, accepted though not OSI approved"}
	case contentLicences[base]:
		return licenceVerdict{registry.CheckWarn, "a licence for documents and data, not OSI approved for code"}
	case known:
		return licenceVerdict{registry.CheckFail, "not OSI approved"}
	default:
		return licenceVerdict{registry.CheckFail, "not on the SPDX licence list"}
	}
}

// canonicalID returns the SPDX list's spelling of id without a trailing
// "+", so that it can be looked up.
func canonicalID(id string) string {
	id = strings.TrimSuffix(id, "+")
	if ok, norm := spdxexp.ActiveLicense(id); ok {
		return norm
	}
	return id
}

// judgeExpression applies judgeLicence to an expression: an OR is as good
// as its best choice (the user may pick it), an AND as bad as its worst part.
func judgeExpression(e *expression) string {
	if e.op == "" {
		return judgeLicence(e.id).status
	}
	status := judgeExpression(e.args[0])
	for _, a := range e.args[1:] {
		if e.op == "OR" {
			status = better(status, judgeExpression(a))
		} else {
			status = worse(status, judgeExpression(a))
		}
	}
	return status
}

// synonymID maps a deprecated "X+" GNU id to the "X-or-later" id it means,
// so that "GPL-3.0+" and "GPL-3.0-or-later" compare equal.
func synonymID(id string) string {
	if base, ok := strings.CutSuffix(id, "+"); ok {
		if _, known := spdx.Lookup(base + "-or-later"); known {
			return base + "-or-later"
		}
	}
	return id
}
