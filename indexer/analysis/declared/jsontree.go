package declared

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonKind is the type of a JSON value.
type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

func (k jsonKind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// jsonValue is a parsed JSON value that remembers where it starts, so that
// a validation error can name the line and column.
type jsonValue struct {
	kind jsonKind
	// offset is the byte offset of the value's first character.
	offset int64
	// text is a string's value or a number as written.
	text   string
	fields []jsonField
	items  []*jsonValue
}

type jsonField struct {
	key   string
	value *jsonValue
}

// get returns the member key of an object (the last one, as JSON decoders
// do when a key is repeated), nil when v is not an object or has no such
// member.
func (v *jsonValue) get(key string) *jsonValue {
	if v == nil || v.kind != jsonObject {
		return nil
	}
	var found *jsonValue
	for _, f := range v.fields {
		if f.key == key {
			found = f.value
		}
	}
	return found
}

// has reports whether an object has the member key.
func (v *jsonValue) has(key string) bool { return v.get(key) != nil }

// jsonError is a JSON syntax error at a byte offset.
type jsonError struct {
	offset int64
	msg    string
}

func (e *jsonError) Error() string { return e.msg }

// parseJSON parses one JSON document with the offset of every value. A
// syntax error is a *jsonError.
func parseJSON(data []byte) (*jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readJSONValue(dec, data)
	if err != nil {
		return nil, err
	}
	rest := valueStart(data, dec.InputOffset())
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &jsonError{rest, "unexpected data after the JSON value"}
	}
	return v, nil
}

// readJSONValue reads the next value from dec.
func readJSONValue(dec *json.Decoder, data []byte) (*jsonValue, error) {
	start := valueStart(data, dec.InputOffset())
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxError(data, err)
	}
	v := &jsonValue{offset: start}
	switch t := tok.(type) {
	case nil:
		v.kind = jsonNull
	case bool:
		v.kind, v.text = jsonBool, fmt.Sprint(t)
	case json.Number:
		v.kind, v.text = jsonNumber, t.String()
	case string:
		v.kind, v.text = jsonString, t
	case json.Delim:
		switch t {
		case '[':
			v.kind = jsonArray
			for dec.More() {
				item, err := readJSONValue(dec, data)
				if err != nil {
					return nil, err
				}
				v.items = append(v.items, item)
			}
		case '{':
			v.kind = jsonObject
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return nil, syntaxError(data, err)
				}
				value, err := readJSONValue(dec, data)
				if err != nil {
					return nil, err
				}
				v.fields = append(v.fields, jsonField{key.(string), value})
			}
		}
		if _, err := dec.Token(); err != nil { // the closing ] or }
			return nil, syntaxError(data, err)
		}
	}
	return v, nil
}

// valueStart skips the white space and separators between offset and the
// next value.
func valueStart(data []byte, offset int64) int64 {
	for offset < int64(len(data)) {
		switch data[offset] {
		case ' ', '\t', '\r', '\n', ',', ':':
			offset++
		default:
			return offset
		}
	}
	return offset
}

// syntaxError places a decoder error: at the offset the decoder reports
// (the wrong character, or the start of the value holding it), or at the
// end of the input.
func syntaxError(data []byte, err error) error {
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		return &jsonError{syntax.Offset, syntax.Error()}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return &jsonError{int64(len(data)), "unexpected end of JSON input"}
	}
	return &jsonError{0, err.Error()}
}
