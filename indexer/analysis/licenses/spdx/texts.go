package spdx

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

// texts holds the SPDX text of the licences that detection compares files
// with: those governments use most, and those whose SPDX text licensecheck's
// built-in patterns do not recognise (see README.md).
//
//go:embed texts/*.txt
var texts embed.FS

// Text returns the SPDX licence text of id, for the licences embedded here
// (see TextIDs). The GNU texts are filed under their "-only" ids; the text
// of LGPL-3.0-only stops where SPDX appends the GPL-3.0 it builds on.
func Text(id string) (string, bool) {
	if strings.ContainsAny(id, "/\\") {
		return "", false
	}
	b, err := texts.ReadFile("texts/" + id + ".txt")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// TextIDs returns the ids that have an embedded text, sorted.
func TextIDs() []string {
	entries, err := fs.ReadDir(texts, "texts")
	if err != nil {
		// The directory is embedded: failing here is a build defect.
		panic("spdx: read embedded texts: " + err.Error())
	}
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".txt"))
	}
	slices.Sort(ids)
	return ids
}
