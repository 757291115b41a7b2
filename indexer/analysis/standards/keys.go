package standards

import (
	"bytes"
	"encoding/json"
	"strings"
)

// topKey is one key at the top level of a JSON or YAML document.
type topKey struct {
	name string
	// value is the scalar as a string (quotes removed), or the raw text of
	// a nested value, bounded by maxKeyValue.
	value string
	line  int
}

// maxKeyValue bounds the text kept for one value.
const maxKeyValue = 4 << 10

// utf8BOM starts some files written on Windows.
var utf8BOM = []byte("\xef\xbb\xbf")

// topLevelKeys lists the top-level keys of the document at the start of
// data, which may be cut short: the keys read before the cut are kept. A
// document whose first character is { is read as JSON, anything else as
// block YAML (only its first document).
func topLevelKeys(data []byte) []topKey {
	data = bytes.TrimPrefix(data, utf8BOM)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0 || trimmed[0] == '[':
		return nil
	case trimmed[0] == '{':
		return jsonKeys(data)
	default:
		return yamlKeys(data)
	}
}

// jsonKeys reads the keys of a JSON object token by token.
func jsonKeys(data []byte) []topKey {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []topKey
	lines := lineCounter{data: data}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		name, ok := tok.(string)
		if !ok {
			break
		}
		line := lines.lineAt(int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			break
		}
		keys = append(keys, topKey{name: name, value: jsonValue(raw), line: line})
	}
	return keys
}

// jsonValue returns a JSON string unquoted, anything else as written.
func jsonValue(raw json.RawMessage) string {
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return bounded(s)
		}
	}
	return bounded(string(raw))
}

// yamlKeys reads the keys of a block mapping at column 0, line by line, so
// that a document cut short still yields its first keys. A key with no
// value on its line takes the indented lines below it as its value.
func yamlKeys(data []byte) []topKey {
	var keys []topKey
	var block *strings.Builder
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		text := string(line)
		switch {
		case text == "---" || strings.HasPrefix(text, "--- ") || text == "...":
			if len(keys) > 0 {
				return finishBlock(keys, block)
			}
			continue
		case strings.TrimSpace(text) == "" || text[0] == '#' || text[0] == '%':
			continue
		case text[0] == ' ' || text[0] == '\t' || text[0] == '-':
			if block != nil && block.Len() < maxKeyValue {
				block.WriteString(text)
				block.WriteByte('\n')
			}
			continue
		}
		keys = finishBlock(keys, block)
		block = nil
		name, value, ok := yamlKeyValue(text)
		if !ok {
			continue
		}
		keys = append(keys, topKey{name: name, value: value, line: lineNo})
		if value == "" || value[0] == '|' || value[0] == '>' {
			block = &strings.Builder{}
		}
	}
	return finishBlock(keys, block)
}

// finishBlock gives the last key the indented lines collected under it.
func finishBlock(keys []topKey, block *strings.Builder) []topKey {
	if block != nil && len(keys) > 0 {
		keys[len(keys)-1].value = bounded(strings.TrimRight(block.String(), "\n"))
	}
	return keys
}

// yamlKeyValue splits `key: value` (the key plain or quoted) and returns
// the value without quotes or a trailing comment.
func yamlKeyValue(text string) (name, value string, ok bool) {
	var rest string
	switch text[0] {
	case '"', '\'':
		end := strings.IndexByte(text[1:], text[0])
		if end < 0 {
			return "", "", false
		}
		name, rest = text[1:1+end], text[2+end:]
	default:
		i := strings.Index(text, ":")
		for i >= 0 && i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\t' {
			// A colon inside the key (a URL, a time): look further.
			next := strings.Index(text[i+1:], ":")
			if next < 0 {
				i = -1
				break
			}
			i += 1 + next
		}
		if i < 0 {
			return "", "", false
		}
		name, rest = strings.TrimRight(text[:i], " \t"), text[i:]
		if strings.ContainsAny(name, "{}[],#") {
			return "", "", false
		}
	}
	rest = strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(rest, ":") {
		return "", "", false
	}
	return name, yamlScalar(strings.TrimSpace(rest[1:])), true
}

// yamlScalar unquotes a quoted scalar, or drops a trailing comment from a
// plain one.
func yamlScalar(s string) string {
	if s == "" {
		return ""
	}
	switch s[0] {
	case '"':
		if end := strings.LastIndexByte(s, '"'); end > 0 {
			return bounded(strings.ReplaceAll(s[1:end], `\"`, `"`))
		}
	case '\'':
		if end := strings.LastIndexByte(s, '\''); end > 0 {
			return bounded(strings.ReplaceAll(s[1:end], "''", "'"))
		}
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return bounded(s)
}

func bounded(s string) string {
	if len(s) > maxKeyValue {
		return s[:maxKeyValue]
	}
	return s
}

// lineCounter turns increasing byte offsets into line numbers without
// counting from the start each time.
type lineCounter struct {
	data   []byte
	offset int
	line   int
}

func (c *lineCounter) lineAt(offset int) int {
	if c.line == 0 {
		c.line = 1
	}
	offset = min(offset, len(c.data))
	if offset > c.offset {
		c.line += bytes.Count(c.data[c.offset:offset], []byte("\n"))
		c.offset = offset
	}
	return c.line
}
