package manifests

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"github.com/govshare/govshare/registry"
)

// positionError is a parse error at a known line and column (1-based; 0
// when unknown), for the formats whose parser reports them but does not
// put them in its error type.
type positionError struct {
	line, column int
	err          error
}

func (e *positionError) Error() string { return e.err.Error() }
func (e *positionError) Unwrap() error { return e.err }

// diagnosticOf turns a parse error into the diagnostic shown on the
// metadata file, with the line and column when the parser gave them.
func diagnosticOf(data []byte, err error) registry.Diagnostic {
	d := registry.Diagnostic{Message: err.Error()}
	var (
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
		tomlErr *toml.DecodeError
		posErr  *positionError
	)
	switch {
	case errors.As(err, &syntax):
		d.Line, d.Column = LineColumn(data, errorOffset(data, syntax.Offset))
	case errors.As(err, &typeErr):
		d.Line, d.Column = LineColumn(data, errorOffset(data, typeErr.Offset))
		if typeErr.Field != "" {
			d.Key = typeErr.Field
		}
	case errors.As(err, &tomlErr):
		d.Line, d.Column = tomlErr.Position()
		d.Key = strings.Join(tomlErr.Key(), ".")
	case errors.As(err, &posErr):
		d.Line, d.Column = posErr.line, posErr.column
	}
	return d
}

// errorOffset turns the offset encoding/json reports, just past the byte
// that was wrong, into the offset of that byte; at the end of the input it
// stays where the input ended.
func errorOffset(data []byte, offset int64) int64 {
	if offset > 0 && offset <= int64(len(data)) {
		return offset - 1
	}
	return offset
}

// LineColumn converts a byte offset into data to a 1-based line and a
// 1-based column counted in characters, as editors show them. An offset
// past the end gives the position just after the last character.
func LineColumn(data []byte, offset int64) (line, column int) {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// withoutBOM drops a UTF-8 byte order mark, which editors on Windows add
// and JSON and TOML parsers refuse.
func withoutBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\ufeff"))
}
