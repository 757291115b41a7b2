package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/govshare/govshare/registry"
)

// maxEvidencePerStandard caps the files listed for one standard.
const maxEvidencePerStandard = 3

// openStandardsUsed passes when the standards analyser found evidence of a
// royalty-free standard, and otherwise warns that none was detected: the
// files cannot prove a standard is absent (one used at run time, or through
// a library, leaves no file behind).
func (e evaluation) openStandardsUsed() (registry.Check, bool) {
	var free, frand []registry.Standard
	for _, s := range e.rec.Standards {
		switch s.Status {
		case registry.RoyaltyFree:
			free = append(free, s)
		case registry.FRAND:
			frand = append(frand, s)
		}
	}
	if len(free) > 0 {
		return newCheck(OpenStandardsUsed, registry.CheckPass,
			fmt.Sprintf("Evidence of %d royalty-free open %s: %s.", len(free), plural(len(free), "standard", "standards"), describeStandards(free)),
			standardsEvidence(free), ""), true
	}
	fix := "If the project implements open standards, ship the evidence in the repository: an OpenAPI or AsyncAPI " +
		"description of its API, the JSON Schemas of its data, sample files in open formats (GeoJSON, ODF, CSV on the Web...)."
	if len(frand) > 0 {
		return newCheck(OpenStandardsUsed, registry.CheckWarn,
			fmt.Sprintf("No royalty-free open standard was detected; only standards licensed on FRAND terms, which may carry fees: %s.",
				describeStandards(frand)),
			standardsEvidence(frand), fix), true
	}
	return newCheck(OpenStandardsUsed, registry.CheckWarn,
		"No royalty-free open standard was detected in the files. This does not mean none is used: "+
			"a standard used only at run time, or through a library, leaves no evidence in the repository.",
		nil, fix), true
}

// describeStandards writes "OpenAPI 3.1 (api/openapi.yaml), GeoJSON (data/a.geojson)".
func describeStandards(list []registry.Standard) string {
	var parts []string
	for _, s := range list {
		name := s.Name
		if name == "" {
			name = s.ID
		}
		if s.Version != "" && !strings.Contains(name, s.Version) {
			name += " " + s.Version
		}
		var paths []string
		for _, ev := range s.Evidence {
			paths = append(paths, ev.Path)
		}
		if len(paths) > 0 {
			name += " (" + listPaths(paths, 2) + ")"
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, ", ")
}

// standardsEvidence returns the first few evidence items of each standard,
// each note saying which standard it proves.
func standardsEvidence(list []registry.Standard) []registry.Evidence {
	var out []registry.Evidence
	for _, s := range list {
		for i, ev := range s.Evidence {
			if i == maxEvidencePerStandard {
				break
			}
			label := s.Name
			if label == "" {
				label = s.ID
			}
			if ev.Note != "" {
				label += ": " + ev.Note
			}
			out = append(out, registry.Evidence{Path: ev.Path, Line: ev.Line, Note: label})
		}
	}
	return out
}

// proprietaryExtensions are the office formats whose specification is
// controlled by one vendor, the opposite signal of an open standard.
var proprietaryExtensions = map[string]string{
	".doc": "Word", ".docx": "Word", ".docm": "Word", ".dot": "Word template", ".dotx": "Word template",
	".xls": "Excel", ".xlsx": "Excel", ".xlsm": "Excel", ".xlsb": "Excel", ".xlt": "Excel template", ".xltx": "Excel template",
	".ppt": "PowerPoint", ".pptx": "PowerPoint", ".pptm": "PowerPoint", ".pps": "PowerPoint", ".ppsx": "PowerPoint",
	".pot": "PowerPoint template", ".potx": "PowerPoint template",
	".vsd": "Visio", ".vsdx": "Visio", ".mpp": "Project", ".pub": "Publisher", ".one": "OneNote",
	".mdb": "Access", ".accdb": "Access",
}

// openCopyExtensions are open formats that, next to a proprietary file of
// the same name, make it a convenience copy rather than the only one.
var openCopyExtensions = []string{".odt", ".ods", ".odp", ".odg", ".pdf", ".md", ".csv", ".html", ".txt", ".rst", ".adoc"}

// maxListedFiles caps the files a check lists in its evidence.
const maxListedFiles = 20

// proprietaryFormats warns when the repository holds documents in
// proprietary office formats, outside vendored code and test fixtures, that
// have no open copy beside them. The files come from the standards
// analyser's proprietary detections and from the tree.
func (e evaluation) proprietaryFormats() (registry.Check, bool) {
	var found []string
	seen := map[string]bool{}
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			found = append(found, p)
		}
	}
	for _, s := range e.rec.Standards {
		if s.Status == registry.Proprietary {
			for _, ev := range s.Evidence {
				add(ev.Path)
			}
		}
	}
	if e.files != nil {
		for _, f := range e.files.files {
			if _, ok := proprietaryExtensions[strings.ToLower(path.Ext(f.Path))]; ok && inProjectDirs(f.Path) {
				add(f.Path)
			}
		}
	}
	openCopies := map[string]bool{}
	if e.files != nil && len(found) > 0 {
		for _, f := range e.files.files {
			if slices.Contains(openCopyExtensions, strings.ToLower(path.Ext(f.Path))) {
				openCopies[strings.ToLower(f.Path)] = true
			}
		}
	}
	var listed []string
	for _, p := range found {
		if !hasOpenCopy(p, openCopies) {
			listed = append(listed, p)
		}
	}
	if len(listed) == 0 {
		return newCheck(ProprietaryFormats, registry.CheckPass,
			"No documents in proprietary office formats (.docx, .xlsx, .pptx, .doc...) without an open copy.", nil, ""), true
	}
	var evidence []registry.Evidence
	for i, p := range listed {
		if i == maxListedFiles {
			break
		}
		note := "proprietary format"
		if kind, ok := proprietaryExtensions[strings.ToLower(path.Ext(p))]; ok {
			note = kind + " file"
		}
		evidence = append(evidence, registry.Evidence{Path: p, Note: note})
	}
	return newCheck(ProprietaryFormats, registry.CheckWarn,
		fmt.Sprintf("%d %s in proprietary office formats, with no open copy beside %s: %s.",
			len(listed), plural(len(listed), "file", "files"), plural(len(listed), "it", "them"), listPaths(listed, 5)),
		evidence,
		"Publish documents in open formats: ODF (.odt, .ods, .odp), PDF/A, Markdown, or CSV for tables. "+
			"A proprietary file may stay as a convenience if an open copy with the same name sits beside it."), true
}

// hasOpenCopy reports whether a file with the same name and an open format
// extension sits in the same folder. openCopies holds the lower-cased paths
// of the files in open formats.
func hasOpenCopy(p string, openCopies map[string]bool) bool {
	stem := strings.ToLower(strings.TrimSuffix(p, path.Ext(p)))
	for _, ext := range openCopyExtensions {
		if openCopies[stem+ext] {
			return true
		}
	}
	return false
}

// isAPIDescription reports whether a standard is an API description format
// (OpenAPI, Swagger, AsyncAPI).
func isAPIDescription(s registry.Standard) bool {
	text := strings.ToLower(s.ID + " " + s.Name)
	return strings.Contains(text, "openapi") || strings.Contains(text, "swagger") || strings.Contains(text, "asyncapi")
}

// apiDescribed passes when an OpenAPI, Swagger or AsyncAPI description was
// found, and warns when the repository looks like a web service (a server
// framework among its dependencies) but none was detected. When neither,
// it does not apply.
func (e evaluation) apiDescribed() (registry.Check, bool) {
	var specs []registry.Standard
	for _, s := range e.rec.Standards {
		if isAPIDescription(s) && len(s.Evidence) > 0 {
			specs = append(specs, s)
		}
	}
	var frameworks []registry.Evidence
	if e.tree != nil {
		frameworks = findWebFrameworks(e.tree, e.files)
	}
	if len(specs) > 0 {
		return newCheck(APIDescribed, registry.CheckPass,
			fmt.Sprintf("The API is described in an open standard: %s.", describeStandards(specs)),
			standardsEvidence(specs), ""), true
	}
	if len(frameworks) == 0 {
		return registry.Check{}, false
	}
	var names []string
	for _, f := range frameworks {
		names = append(names, fmt.Sprintf("%s in %s", f.Note, f.Path))
	}
	return newCheck(APIDescribed, registry.CheckWarn,
		fmt.Sprintf("The repository looks like a web service (%s), but no OpenAPI or AsyncAPI description was detected in the files. "+
			"A description generated only when the service runs is not evidence.", listPaths(names, 3)),
		frameworks,
		"Commit the API description (openapi.yaml, or asyncapi.yaml for event-driven APIs) to the repository, "+
			"for instance under api/ or docs/, and keep it up to date with the code."), true
}
