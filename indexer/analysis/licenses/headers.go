package licenses

import (
	"bytes"
	"strings"

	"github.com/go-enry/go-enry/v2"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

const (
	// headerBytes is how much of a source file is searched for an
	// SPDX-License-Identifier line: headers sit at the top.
	headerBytes = 4 << 10
	// maxHeaderFiles caps how many source files are opened for headers, so
	// that a huge repository costs no more than a mid-sized one.
	maxHeaderFiles = 2000
)

var spdxTag = []byte("SPDX-License-Identifier:")

// isSourceFile reports whether a file is worth searching for an SPDX header:
// a file whose name or extension enry knows, outside third-party folders.
func isSourceFile(f filetree.File) bool {
	if f.Size == 0 || inExcludedDir(f.Path) {
		return false
	}
	if lang, _ := enry.GetLanguageByExtension(f.Path); lang != "" {
		return true
	}
	lang, _ := enry.GetLanguageByFilename(f.Path)
	return lang != ""
}

// headerExpression returns the expression of the first
// SPDX-License-Identifier line in head, normalised, or false when there is
// none or it is not a valid SPDX expression (a template placeholder, a
// string in code that talks about headers).
func headerExpression(head []byte) (string, bool) {
	value, ok := headerValue(head)
	if !ok {
		return "", false
	}
	return Normalize(value)
}

// headerValue returns the text after the first SPDX-License-Identifier tag
// in head, cut at the end of its line or comment.
func headerValue(head []byte) (string, bool) {
	i := bytes.Index(head, spdxTag)
	if i < 0 {
		return "", false
	}
	line := head[i+len(spdxTag):]
	if j := bytes.IndexAny(line, "\r\n"); j >= 0 {
		line = line[:j]
	}
	value := string(line)
	// Cut at whatever closes the comment or string the line sits in.
	for _, end := range []string{"*/", "-->", "*)", "#}", "%}", "-}", `"`, "'", "`", `\n`} {
		if k := strings.Index(value, end); k >= 0 {
			value = value[:k]
		}
	}
	return strings.TrimRight(strings.TrimSpace(value), ";,"), true
}
