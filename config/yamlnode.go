package config

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlErrorLine picks the line out of yaml.v3's syntax errors, which carry
// it only in their text ("yaml: line 3: did not find expected key").
var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeDocument parses data as a single YAML document and returns its root
// node. A nil root with ok true means the document is empty (nothing, or
// only comments). ok is false when the YAML is malformed; the problem has
// been recorded.
func decodeDocument(data []byte, l *problemList) (root *yaml.Node, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, true
		}
		syntaxProblem(err, l)
		return nil, false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		l.at(&next, "", "only one YAML document is allowed, found a second one")
		ok = false
	case !errors.Is(err, io.EOF):
		syntaxProblem(err, l)
		ok = false
	default:
		ok = true
	}
	if len(doc.Content) == 0 {
		return nil, ok
	}
	root = resolved(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, ok
	}
	return root, ok
}

// parserErrors are yaml.v3's parser (as opposed to scanner) messages. Their
// line numbers count from 0, where the scanner's count from 1, so they are
// shifted to match what an editor shows.
var parserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// syntaxProblem records a yaml.v3 parse error, with its line when the error
// has one. yaml.v3 gives the line only in the message's text, and leaves it
// out altogether for the first line.
func syntaxProblem(err error, l *problemList) {
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 0
	if m := yamlErrorLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	switch {
	case parserErrors[msg]:
		line++
	case line == 0 && (strings.HasPrefix(msg, "found ") || strings.HasPrefix(msg, "did not find ")):
		line = 1
	}
	l.problems = append(l.problems, Problem{File: l.file, Line: line, Message: "invalid YAML: " + msg})
}

// resolved follows YAML aliases (*name) to the node they stand for.
func resolved(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// mappingEntry is one key and its value in a YAML mapping.
type mappingEntry struct {
	key, value *yaml.Node
}

// mappingFields holds the known fields of a YAML mapping.
type mappingFields struct {
	entries map[string]mappingEntry
	// suggested holds the fields that an unknown key was taken to be a
	// misspelling of; their absence needs no second problem.
	suggested map[string]bool
}

// missing reports whether a field is absent and, unless a misspelt key
// already explains why, records that as a problem at the mapping m.
func (f mappingFields) missing(m *yaml.Node, path, key string, l *problemList) bool {
	if _, ok := f.entries[key]; ok {
		return false
	}
	if !f.suggested[key] {
		l.at(m, fieldPath(path, key), "missing required field %q", key)
	}
	return true
}

// readMapping returns the known fields of mapping node m. Keys not in
// known, duplicate keys and keys that are not plain words are recorded as
// problems and left out. path names m in problems ("participants[2]").
func readMapping(m *yaml.Node, path string, known []string, l *problemList) mappingFields {
	fields := make(map[string]mappingEntry, len(m.Content)/2)
	suggested := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, value := resolved(m.Content[i]), resolved(m.Content[i+1])
		if key.Kind != yaml.ScalarNode {
			l.at(key, path, "field names must be plain words, not %s", kindName(key))
			continue
		}
		name := key.Value
		if key.Tag == "!!merge" {
			l.at(key, fieldPath(path, name), "merge keys (<<) are not supported here")
			continue
		}
		if !slices.Contains(known, name) {
			msg := "unknown field " + strconv.Quote(name)
			if s := suggestKey(name, known); s != "" {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
				suggested[s] = true
			}
			l.at(key, fieldPath(path, name), "%s", msg)
			continue
		}
		if first, dup := fields[name]; dup {
			l.at(key, fieldPath(path, name), "duplicate field %q (first given on line %d)", name, first.key.Line)
			continue
		}
		fields[name] = mappingEntry{key: key, value: value}
	}
	return mappingFields{entries: fields, suggested: suggested}
}

// fieldPath joins a parent path and a field name with a dot.
func fieldPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// kindName describes a node's kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return "a single value"
	}
	return "something else"
}

// isNull reports whether a node is YAML null: "~", "null" or nothing at all.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// scalarText returns a scalar node's text. A null value gives "". A list or
// mapping is recorded as a problem and gives ok false.
func scalarText(n *yaml.Node, field string, l *problemList) (text string, ok bool) {
	if n.Kind != yaml.ScalarNode {
		l.at(n, field, "must be a single value, not %s", kindName(n))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}
