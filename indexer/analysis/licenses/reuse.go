package licenses

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// reuseDir is where the REUSE specification keeps the licence texts, one
// file per licence named after its SPDX id (LICENSES/EUPL-1.2.txt).
const reuseDir = "LICENSES"

// The two files in which REUSE annotates many files at once.
const (
	reuseTOML = "REUSE.toml"
	reuseDep5 = ".reuse/dep5"
)

// reuseID returns the SPDX id a LICENSES/ file is named after, normalised,
// or false when the name is not a valid id or LicenseRef-.
func reuseID(name string) (string, bool) {
	id := strings.TrimSuffix(name, path.Ext(name))
	if strings.Contains(id, " ") {
		return "", false
	}
	norm, ok := Normalize(id)
	return canonicalGNU(norm), ok
}

// annotation is one licence a REUSE.toml or .reuse/dep5 stanza gives to a
// set of files.
type annotation struct {
	expr  string   // normalised SPDX expression
	paths []string // the globs it applies to
}

// reuseAnnotations reads a REUSE.toml or .reuse/dep5 file. A problem in one
// annotation is a warning naming the line, and the others are still read.
func reuseAnnotations(filePath string, text []byte) ([]annotation, []string) {
	if filePath == reuseDep5 {
		return dep5Annotations(text)
	}
	return tomlAnnotations(text)
}

// reuseFile is the part of REUSE.toml detection reads. Path and licence may
// each be a string or a list of strings.
type reuseFile struct {
	Annotations []struct {
		Path    any `toml:"path"`
		License any `toml:"SPDX-License-Identifier"`
	} `toml:"annotations"`
}

func tomlAnnotations(text []byte) ([]annotation, []string) {
	var f reuseFile
	if err := toml.Unmarshal(text, &f); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, col := derr.Position()
			return nil, []string{fmt.Sprintf("%s line %d, column %d: %v; annotations not read", reuseTOML, row, col, derr)}
		}
		return nil, []string{fmt.Sprintf("%s: %v; annotations not read", reuseTOML, err)}
	}
	var out []annotation
	var warnings []string
	for i, a := range f.Annotations {
		for _, expr := range stringsOf(a.License) {
			norm, ok := Normalize(expr)
			if !ok {
				warnings = append(warnings, fmt.Sprintf("%s annotation %d: %q is not a valid SPDX expression; skipped", reuseTOML, i+1, expr))
				continue
			}
			out = append(out, annotation{expr: norm, paths: stringsOf(a.Path)})
		}
	}
	return out, warnings
}

// stringsOf returns a TOML value that is a string or a list of strings.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// dep5Field is one "Name: value" line of the Debian copyright format.
var dep5Field = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$`)

// dep5Stanza is one paragraph of a dep5 file.
type dep5Stanza struct {
	line   int               // where the paragraph starts
	fields map[string]string // first line of each field, by lower-cased name
	lines  map[string]int    // where each field is
	broken int               // the first line that is neither field nor continuation, 0 if none
}

// dep5Annotations reads a .reuse/dep5 file (the Debian machine-readable
// copyright format): a header paragraph, then paragraphs with Files,
// Copyright and License fields. A paragraph with a line that is neither a
// field nor a continuation, or Files without License, is skipped with a
// warning naming its line; the others are read.
func dep5Annotations(text []byte) ([]annotation, []string) {
	var out []annotation
	var warnings []string
	for i, st := range dep5Stanzas(string(text)) {
		files, hasFiles := st.fields["files"]
		license, hasLicense := st.fields["license"]
		switch {
		case st.broken > 0:
			warnings = append(warnings, fmt.Sprintf("%s line %d: malformed stanza (a line that is neither a field nor an indented continuation); stanza skipped", reuseDep5, st.broken))
		case i == 0 && !hasFiles:
			// The header paragraph: Format, Upstream-Name, Source.
		case !hasFiles && hasLicense:
			// A stand-alone licence paragraph holding a licence text.
		case !hasFiles:
			warnings = append(warnings, fmt.Sprintf("%s line %d: stanza without a Files field; skipped", reuseDep5, st.line))
		case !hasLicense || strings.TrimSpace(license) == "":
			warnings = append(warnings, fmt.Sprintf("%s line %d: stanza for %q has no License field; skipped", reuseDep5, st.line, excerpt(files)))
		default:
			norm, ok := Normalize(dep5Expression(license))
			if !ok {
				warnings = append(warnings, fmt.Sprintf("%s line %d: License %q is not a valid SPDX expression; skipped", reuseDep5, st.lines["license"], license))
				continue
			}
			out = append(out, annotation{expr: norm, paths: strings.Fields(files)})
		}
	}
	return out, warnings
}

// dep5Expression turns the Debian spelling of an expression ("GPL-2+ or
// MIT") into SPDX's.
func dep5Expression(s string) string {
	r := strings.NewReplacer(" or ", " OR ", " and ", " AND ", " with ", " WITH ")
	return r.Replace(strings.TrimSpace(s))
}

// dep5Stanzas splits a dep5 file into paragraphs, keeping line numbers.
func dep5Stanzas(text string) []dep5Stanza {
	var stanzas []dep5Stanza
	var cur *dep5Stanza
	field := ""
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			if cur != nil {
				stanzas = append(stanzas, *cur)
				cur = nil
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		if cur == nil {
			cur = &dep5Stanza{line: n, fields: map[string]string{}, lines: map[string]int{}}
			field = ""
		}
		if line[0] == ' ' || line[0] == '\t' {
			if field == "" && cur.broken == 0 {
				cur.broken = n
			}
			continue
		}
		m := dep5Field.FindStringSubmatch(line)
		if m == nil {
			if cur.broken == 0 {
				cur.broken = n
			}
			continue
		}
		field = strings.ToLower(m[1])
		cur.fields[field] = m[2]
		cur.lines[field] = n
	}
	if cur != nil {
		stanzas = append(stanzas, *cur)
	}
	return stanzas
}
