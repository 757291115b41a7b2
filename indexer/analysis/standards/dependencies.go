package standards

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// dependencies finds a dependency, named in a list, in a package manifest.
// A manifest is read as text, line by line, not parsed: what counts is a
// name written as a whole (so that "oauth2" does not match
// "spring-security-oauth2-client") on a line that declares a dependency.
type dependencies struct {
	// inJSON matches a name as an object key, the only place package.json
	// and composer.json declare dependencies (a keywords array does not).
	inJSON *pattern
	// inText matches a name between delimiters: quotes, a slash, a colon,
	// >, the start or end of a line.
	inText *pattern
}

// notDeclarations are the starts of manifest lines that name packages
// without depending on them.
var notDeclarations = []string{
	"keywords", `"keywords"`, "tags", "classifiers", "description", `"description"`,
	"#", "//", "<!--", "summary",
}

// compileDependencies compiles the matchers for names. Names are
// case-insensitive, as NuGet and PyPI names are.
func compileDependencies(names []string) (*dependencies, error) {
	quoted := make([]string, len(names))
	for i, n := range names {
		if strings.TrimSpace(n) == "" || strings.ContainsAny(n, " \t\n\"'") {
			return nil, fmt.Errorf("%q is not a dependency name", n)
		}
		quoted[i] = regexp.QuoteMeta(n)
	}
	alternatives := strings.Join(quoted, "|")
	inJSON, err := compilePattern(`(?i)"(` + alternatives + `)"\s*:`)
	if err != nil {
		return nil, err
	}
	inText, err := compilePattern(`(?im)(?:^|[\s"'/:=(>\[,])(` + alternatives +
		`)(?:$|[\s"'<>=~!@:,;\[\]()/^])`)
	if err != nil {
		return nil, err
	}
	return &dependencies{inJSON: inJSON, inText: inText}, nil
}

// find returns the offsets of the first dependency name declared in head,
// or nil. found holds the needles head contains, for the prefilter.
func (d *dependencies) find(name string, head []byte, found needleMask) []int {
	p := d.inText
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		p = d.inJSON
	}
	if !p.mayMatch(found) {
		return nil
	}
	for _, loc := range p.re.FindAllSubmatchIndex(head, -1) {
		name := loc[2:4]
		start, end := lineBounds(head, name[0])
		if declaresDependency(head[start:end]) {
			return name
		}
	}
	return nil
}

// declaresDependency reports whether a manifest line may declare a
// dependency: it is not a keyword list, a description, a comment, or a Go
// module pulled in only indirectly.
func declaresDependency(line []byte) bool {
	trimmed := strings.ToLower(string(bytes.TrimSpace(line)))
	for _, prefix := range notDeclarations {
		if strings.HasPrefix(trimmed, prefix) {
			return false
		}
	}
	return !strings.Contains(trimmed, "// indirect")
}
