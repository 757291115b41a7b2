package licenses

import (
	"path"
	"regexp"
	"strings"
)

// excludedDirs hold other people's code or test material: a licence found
// under them says nothing about the project. The match is on any path
// segment, case-insensitively.
var excludedDirs = map[string]bool{
	"vendor":           true,
	"node_modules":     true,
	"bower_components": true,
	"third_party":      true,
	"third-party":      true,
	"thirdparty":       true,
	"3rdparty":         true,
	"3rd-party":        true,
	"3rd_party":        true,
	"extern":           true,
	"deps":             true,
	"dependencies":     true,
	"jspm_packages":    true,
	"site-packages":    true,
	"venv":             true,
	"pods":             true,
	"carthage":         true,
	"external":         true,
	"testdata":         true,
	"fixtures":         true,
}

// inExcludedDir reports whether p lies under a directory whose licences are
// not the project's (see excludedDirs), under a dot directory, or under a
// licenses/ folder other than the REUSE LICENSES/ at the root: such folders
// collect the licences of dependencies.
func inExcludedDir(p string) bool {
	dir := path.Dir(p)
	if dir == "." {
		return false
	}
	for i, seg := range strings.Split(dir, "/") {
		lower := strings.ToLower(seg)
		switch {
		case excludedDirs[lower], strings.HasPrefix(seg, "."):
			return true
		case (lower == "licenses" || lower == "licences") && !(i == 0 && seg == reuseDir):
			return true
		}
	}
	return false
}

// candidateKind says how a file name claims to hold a licence.
type candidateKind int

const (
	notCandidate candidateKind = iota
	// licenseFile is named LICENSE, COPYING, UNLICENSE and the like: its
	// name says it is a licence, so an unrecognised text is reported as an
	// unknown licence.
	licenseFile
	// copyrightFile is named COPYRIGHT: it often holds only a copyright
	// line, so it counts only when some licence text is recognised in it.
	copyrightFile
	// noticeFile is named like a notice or a list of other people's
	// licences (NOTICE, THIRD-PARTY-NOTICES, LICENSE-3RD-PARTY.txt): never
	// the project's licence, whatever it holds.
	noticeFile
)

// candidateName matches licence file names the way pkgsite's list does, but
// as a pattern: a stem (LICENSE, LICENCE, COPYING, UNLICENSE, COPYRIGHT,
// MIT-LICENSE), an optional variant (LICENSE-MIT, LICENSE.AGPL,
// LICENSE-APACHE-2.0, COPYING.LESSER) and an optional document suffix
// (.md, .markdown, .txt, .rst). Matching is on the lower-cased name.
var candidateName = regexp.MustCompile(
	`^(un)?(licen[cs]e|copying|copyright|mit[-_]licen[cs]e)` +
		`([-._][a-z0-9][a-z0-9._-]{0,40})?` +
		`$`)

// docSuffixes are stripped before the name is matched.
var docSuffixes = []string{".md", ".markdown", ".txt", ".rst", ".text"}

// codeSuffixes end names that merely start like a licence file: license.go,
// license_test.py, licenses.json, LICENSE.html.
var codeSuffixes = map[string]bool{
	"go": true, "js": true, "mjs": true, "cjs": true, "ts": true, "tsx": true, "jsx": true,
	"py": true, "rb": true, "java": true, "kt": true, "php": true, "cs": true, "c": true,
	"h": true, "cc": true, "cpp": true, "rs": true, "swift": true, "scala": true, "sh": true,
	"json": true, "yml": true, "yaml": true, "toml": true, "xml": true, "html": true,
	"htm": true, "css": true, "scss": true, "vue": true, "svelte": true, "tmpl": true,
	"erb": true, "ex": true, "exs": true, "pl": true, "pm": true, "lua": true, "dart": true,
	"sql": true, "csv": true, "png": true, "svg": true, "jpg": true, "gif": true, "pdf": true,
	"orig": true, "bak": true, "tpl": true, "j2": true, "in": true,
}

// thirdPartyMarkers name files that list the licences of dependencies
// (LICENSE-3RD-PARTY.txt, THIRD-PARTY-NOTICES, LICENSE.dependencies).
var thirdPartyMarkers = []string{"3rd", "third", "dependenc", "deps", "notice", "vendor", "bundled"}

// noticeName matches the names of notice files: NOTICE (Apache's
// attribution notice), THIRD-PARTY-NOTICES, third_party_licenses,
// ThirdPartyNotices, 3rd-party-licenses (lower-cased, document suffix
// stripped).
var noticeName = regexp.MustCompile(`^(notices?|(third|3rd)[-_ ]?party[-_ ]?(notices?|licen[cs]es?)?)([-._][a-z0-9._-]{0,40})?$`)

// classifyName reports whether a file name (not a path) is a licence
// candidate, and of which kind.
func classifyName(name string) candidateKind {
	lower := strings.ToLower(name)
	for _, s := range docSuffixes {
		if strings.HasSuffix(lower, s) && len(lower) > len(s) {
			lower = strings.TrimSuffix(lower, s)
			break
		}
	}
	if noticeName.MatchString(lower) {
		if ext := path.Ext(lower); ext != "" && codeSuffixes[ext[1:]] {
			return notCandidate
		}
		return noticeFile
	}
	m := candidateName.FindStringSubmatch(lower)
	if m == nil {
		return notCandidate
	}
	if variant := m[3]; variant != "" {
		if ext := path.Ext(variant); ext != "" && codeSuffixes[ext[1:]] {
			return notCandidate
		}
		for _, marker := range thirdPartyMarkers {
			if strings.Contains(variant, marker) {
				return noticeFile
			}
		}
	}
	if m[2] == "copyright" {
		if m[1] != "" {
			return notCandidate
		}
		return copyrightFile
	}
	if m[1] != "" && !strings.HasPrefix(m[2], "licen") {
		return notCandidate // "uncopying"
	}
	return licenseFile
}
