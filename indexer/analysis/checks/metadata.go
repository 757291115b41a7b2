package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/govshare/govshare/registry"
)

// catalogueFormats are the metadata formats made for software catalogues,
// as opposed to package manifests.
var catalogueFormats = map[string]bool{
	"publiccode.yml": true, "publiccode.yaml": true, "code.json": true,
	"catalog-info.yaml": true, "catalog-info.yml": true,
}

// isCatalogueMetadata reports whether a metadata file is one a catalogue
// reads, by its format or its name.
func isCatalogueMetadata(m registry.MetadataFile) bool {
	return catalogueFormats[strings.ToLower(m.Format)] || catalogueFormats[strings.ToLower(path.Base(m.Path))]
}

// metadataFiles returns the record's metadata files, with the
// publiccode.yml the record holds added when the list does not have it.
func metadataFiles(rec *registry.Record) []registry.MetadataFile {
	files := rec.Metadata
	if pc := rec.Publiccode; pc != nil {
		listed := false
		for _, m := range files {
			if m.Path == pc.Path {
				listed = true
				break
			}
		}
		if !listed {
			files = append([]registry.MetadataFile{{
				Path: pc.Path, Format: "publiccode.yml", Valid: pc.Valid, Errors: pc.Errors,
			}}, files...)
		}
	}
	return files
}

// metadataPresent passes when a catalogue metadata file (publiccode.yml,
// code.json, catalog-info.yaml) is in the repository, and warns otherwise:
// it is recommended, not required, and many catalogues keep such metadata
// outside the repository (code.gov's code.json sits on agency websites).
func (e evaluation) metadataPresent() (registry.Check, bool) {
	var paths []string
	var evidence []registry.Evidence
	for _, m := range metadataFiles(e.rec) {
		if isCatalogueMetadata(m) {
			paths = append(paths, m.Path)
			evidence = append(evidence, registry.Evidence{Path: m.Path, Note: m.Format})
		}
	}
	if len(paths) > 0 {
		return newCheck(MetadataPresent, registry.CheckPass,
			fmt.Sprintf("The repository describes itself in machine-readable metadata: %s.", joinAnd(paths)), evidence, ""), true
	}
	return newCheck(MetadataPresent, registry.CheckWarn,
		"No publiccode.yml, code.json or catalog-info.yaml was found at the root of the repository.",
		nil,
		"Add a publiccode.yml at the root (https://yml.publiccode.tools): it tells catalogues and procurement teams "+
			"what the software does, who maintains it and under which licence."), true
}

// maxDiagnostics is how many errors of one file a reason quotes.
const maxDiagnostics = 3

// metadataValid fails when a catalogue metadata file is invalid and warns
// when a package manifest is, quoting the first errors with their line and
// column. It does not apply when there is no metadata file.
func (e evaluation) metadataValid() (registry.Check, bool) {
	files := metadataFiles(e.rec)
	if len(files) == 0 {
		return registry.Check{}, false
	}
	status := registry.CheckPass
	var sentences, valid []string
	var evidence []registry.Evidence
	for _, m := range files {
		if m.Valid {
			valid = append(valid, m.Path)
			evidence = append(evidence, registry.Evidence{Path: m.Path, Note: "valid " + m.Format})
			continue
		}
		if isCatalogueMetadata(m) {
			status = registry.CheckFail
		} else {
			status = worse(status, registry.CheckWarn)
		}
		sentences = append(sentences, fmt.Sprintf("%s is not valid: %s", m.Path, describeDiagnostics(m.Errors)))
		for i, d := range m.Errors {
			if i == maxDiagnostics {
				break
			}
			evidence = append(evidence, registry.Evidence{Path: m.Path, Line: d.Line, Note: diagnosticText(d)})
		}
		if len(m.Errors) == 0 {
			evidence = append(evidence, registry.Evidence{Path: m.Path, Note: "invalid " + m.Format})
		}
	}
	if status == registry.CheckPass {
		reason := fmt.Sprintf("%s %s valid.", capitalize(joinAnd(valid)), plural(len(valid), "is", "are"))
		if pc := e.rec.Publiccode; pc != nil && len(pc.Warnings) > 0 {
			reason += fmt.Sprintf(" %s has %d %s, the first: %s.", pc.Path, len(pc.Warnings),
				plural(len(pc.Warnings), "warning", "warnings"), diagnosticText(pc.Warnings[0]))
		}
		return newCheck(MetadataValid, status, reason, evidence, ""), true
	}
	if len(valid) > 0 {
		sentences = append(sentences, fmt.Sprintf("%s %s valid", joinAnd(valid), plural(len(valid), "is", "are")))
	}
	return newCheck(MetadataValid, status, strings.Join(sentences, ". ")+".", evidence,
		"Correct the errors listed, at the lines given. For publiccode.yml, the editor at https://publiccode-editor.developers.italia.it "+
			"and the publiccode-parser command check a file before it is committed."), true
}

// describeDiagnostics quotes the first errors of a file: "12:3 legal.license:
// invalid licence; 20:5 ... (and 4 more)".
func describeDiagnostics(errs []registry.Diagnostic) string {
	if len(errs) == 0 {
		return "the file could not be parsed"
	}
	var parts []string
	for i, d := range errs {
		if i == maxDiagnostics {
			break
		}
		parts = append(parts, diagnosticText(d))
	}
	s := strings.Join(parts, "; ")
	if len(errs) > maxDiagnostics {
		s += fmt.Sprintf(" (and %d more)", len(errs)-maxDiagnostics)
	}
	return s
}

// diagnosticText writes one diagnostic as "line:column key: message".
func diagnosticText(d registry.Diagnostic) string {
	var b strings.Builder
	switch {
	case d.Line > 0 && d.Column > 0:
		fmt.Fprintf(&b, "%d:%d ", d.Line, d.Column)
	case d.Line > 0:
		fmt.Fprintf(&b, "line %d ", d.Line)
	}
	if d.Key != "" && !strings.HasPrefix(d.Message, d.Key) {
		b.WriteString(d.Key + ": ")
	}
	// The caller ends the sentence.
	b.WriteString(strings.TrimRight(d.Message, ". "))
	return b.String()
}

// publiccodeMatches compares the url publiccode.yml gives with the
// repository's own. A different url warns: the file was probably copied
// from another project, or this repository is a mirror or a fork. It does
// not apply without a publiccode.yml url or when the repository is a local
// path.
func (e evaluation) publiccodeMatches() (registry.Check, bool) {
	pc := e.rec.Publiccode
	if pc == nil || strings.TrimSpace(pc.URL) == "" {
		return registry.Check{}, false
	}
	repo, ok := repositoryKey(e.rec.URL)
	if !ok {
		return registry.Check{}, false
	}
	declared, _ := repositoryKey(pc.URL)
	ev := []registry.Evidence{{Path: pc.Path, Line: e.lineOf(pc.Path, strings.TrimSpace(pc.URL), "url"), Note: "url: " + pc.URL}}
	if declared == repo {
		return newCheck(PubliccodeMatches, registry.CheckPass,
			fmt.Sprintf("%s (url) names this repository, %s.", pc.Path, pc.URL), ev, ""), true
	}
	return newCheck(PubliccodeMatches, registry.CheckWarn,
		fmt.Sprintf("%s (url) says %s, but this repository is %s. The file may describe another project (a copy, a fork or a mirror).",
			pc.Path, pc.URL, e.rec.URL),
		ev,
		"If this repository is the project's home, set url in publiccode.yml to it; if it is a fork, mirror or copy, "+
			"say so (isBasedOn in publiccode.yml) or remove the copied file."), true
}

// repositoryKey reduces a repository URL to host and path, lower-cased, so
// that https://GitHub.com/org/repo.git, git@github.com:org/repo and
// http://www.github.com/org/repo/ compare equal. It reports false for
// anything that is not a remote URL (a local path, say).
func repositoryKey(u string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(u))
	switch {
	case strings.HasPrefix(s, "git@"):
		s = strings.Replace(strings.TrimPrefix(s, "git@"), ":", "/", 1)
	case strings.Contains(s, "://") && !strings.HasPrefix(s, "file://"):
		_, s, _ = strings.Cut(s, "://")
		if at := strings.Index(s, "@"); at >= 0 && at < strings.Index(s+"/", "/") {
			s = s[at+1:]
		}
	default:
		return "", false
	}
	s = strings.TrimPrefix(s, "www.")
	s = strings.TrimRight(s, "/")
	s = strings.TrimSuffix(s, ".git")
	return s, s != ""
}
