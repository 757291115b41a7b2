package licenses

import (
	"path"
	"regexp"
	"strings"
)

// reuseDir is where the REUSE specification keeps the licence texts, one
// file per licence named after its SPDX id (LICENSES/EUPL-1.2.txt).
const reuseDir = "LICENSES"

// reuseID returns the SPDX id a LICENSES/ file is named after, normalised,
// or false when the name is not a valid id or LicenseRef-.
func reuseID(name string) (string, bool) {
	id := strings.TrimSuffix(name, path.Ext(name))
	if strings.Contains(id, " ") {
		return "", false
	}
	return Normalize(id)
}

// reuseTOMLLicense finds the licences a REUSE.toml annotates files with.
var reuseTOMLLicense = regexp.MustCompile(`(?m)^\s*(?:"SPDX-License-Identifier"|SPDX-License-Identifier)\s*=\s*"([^"]+)"`)

// dep5License finds the licences of a .reuse/dep5 (Debian copyright format).
var dep5License = regexp.MustCompile(`(?m)^License:[ \t]*(\S[^\r\n]*)`)

// declaredInREUSE returns the licence expressions a REUSE.toml or
// .reuse/dep5 file declares.
func declaredInREUSE(filePath string, text []byte) []string {
	re := reuseTOMLLicense
	if filePath == ".reuse/dep5" {
		re = dep5License
	}
	var out []string
	for _, m := range re.FindAllSubmatch(text, -1) {
		out = append(out, string(m[1]))
	}
	return out
}
