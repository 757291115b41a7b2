package standards

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// leaf is a compiled file rule: which paths it looks at and what their
// content must show.
type leaf struct {
	index    int // in register.leaves
	standard int // in register.standards

	files           []*glob
	exclude         []*glob
	defaultExcludes bool

	// content patterns must all match; the first gives the line.
	content      []*pattern
	keys         []keyMatcher
	dependencies *dependencies

	version     string
	versionFrom string
	note        string
	head        int
	binary      bool
}

// keyMatcher requires a top-level key whose value matches.
type keyMatcher struct {
	name  string
	value *pattern
}

// match is one file a leaf matched, with what it showed.
type match struct {
	path    string
	dir     string
	line    int
	note    string
	version string
}

// readsContent reports whether the leaf looks inside files.
func (l *leaf) readsContent() bool {
	return len(l.content) > 0 || len(l.keys) > 0 || l.dependencies != nil
}

// needsScan reports whether the leaf's patterns gain from the needle scan.
func (l *leaf) needsScan() bool {
	if l.dependencies != nil {
		return true
	}
	for _, p := range l.content {
		if p.needles != nil && !p.selfFiltering {
			return true
		}
	}
	return false
}

// fileContent is what a leaf may look at in one file, computed once per
// file and shared by the leaves.
type fileContent struct {
	name string
	head []byte
	// needles are the register's needles head holds; nil when head was not
	// scanned for them.
	needles needleMask
	keys    []topKey
	// keysRead is set once keys has been filled.
	keysRead bool
}

func (fc *fileContent) topKeys() []topKey {
	if !fc.keysRead {
		fc.keys = topLevelKeys(fc.head)
		fc.keysRead = true
	}
	return fc.keys
}

// evaluate returns what a leaf that reads content finds in a file it
// wants; ok is false when the content does not show the standard. The line
// and note come from the keys when the rule has some, else from the
// dependency or the first content pattern.
func (l *leaf) evaluate(f *fileContent) (m match, ok bool) {
	setVersion := func(v string) {
		if m.version == "" {
			m.version = v
		}
	}
	if len(l.keys) > 0 {
		found := f.topKeys()
		for i, k := range l.keys {
			key, present := findKey(found, k.name)
			if !present {
				return match{}, false
			}
			loc := k.value.re.FindStringSubmatchIndex(key.value)
			if loc == nil {
				return match{}, false
			}
			if i == 0 || k.name == l.versionFrom {
				m.line = key.line
				m.note = printable([]byte(key.name + ": " + key.value))
			}
			if k.name == l.versionFrom {
				setVersion(captured(key.value, loc))
			}
		}
	}
	if l.dependencies != nil {
		loc := l.dependencies.find(f.name, f.head, f.needles)
		if loc == nil {
			return match{}, false
		}
		if len(l.keys) == 0 {
			m.line, m.note = l.where(f.head, loc)
		}
	}
	for i, p := range l.content {
		if !p.mayMatch(f.needles) {
			return match{}, false
		}
		loc := p.re.FindSubmatchIndex(f.head)
		if loc == nil {
			return match{}, false
		}
		if i == 0 && len(l.keys) == 0 && l.dependencies == nil {
			m.line, m.note = l.where(f.head, loc)
		}
		if l.versionFrom == "content" && len(loc) > 2 {
			setVersion(captured(f.head, loc))
		}
	}
	if l.version != "" {
		m.version = l.version
	}
	if l.note != "" {
		m.note = strings.ReplaceAll(l.note, "{version}", m.version)
	}
	return m, true
}

// where returns the line of a match and a note showing it: the line it is
// on for a text file, the matched text itself for a binary one.
func (l *leaf) where(head []byte, loc []int) (int, string) {
	if l.binary {
		return 0, printable(head[loc[0]:loc[1]])
	}
	line := 1 + bytes.Count(head[:loc[0]], []byte("\n"))
	start, end := lineBounds(head, loc[0])
	text := head[start:end]
	if len(text) > maxNote {
		// A long line (minified code, a one-line JSON): keep the part
		// around the match.
		from := max(start, loc[0]-maxNote/4)
		to := min(end, from+maxNote)
		text = head[from:to]
	}
	return line, printable(text)
}

// maxNote bounds the text an evidence note quotes.
const maxNote = 120

// lineBounds returns the start and end of the line holding offset.
func lineBounds(data []byte, offset int) (int, int) {
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	end := bytes.IndexByte(data[offset:], '\n')
	if end < 0 {
		end = len(data)
	} else {
		end += offset
	}
	return start, end
}

// printable returns text as one trimmed line of valid, printable UTF-8,
// cut after maxNote bytes.
func printable(text []byte) string {
	var b strings.Builder
	space := false
	for len(text) > 0 && b.Len() < maxNote {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == utf8.RuneError || !unicode.IsPrint(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// findKey returns the first key named name.
func findKey(keys []topKey, name string) (topKey, bool) {
	for _, k := range keys {
		if k.name == name {
			return k, true
		}
	}
	return topKey{}, false
}

// captured returns the first capture group that matched something, or the
// whole match when the pattern has no groups.
func captured[T string | []byte](s T, loc []int) string {
	if len(loc) == 2 {
		return string(s[loc[0]:loc[1]])
	}
	for i := 2; i+1 < len(loc); i += 2 {
		if loc[i] >= 0 && loc[i+1] > loc[i] {
			return string(s[loc[i]:loc[i+1]])
		}
	}
	return ""
}
