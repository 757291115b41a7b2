package markdown

import (
	"bytes"
)

// goldmark, like most Markdown parsers, takes time that grows faster than
// the input for a few constructs no real README uses: containers nested
// thousands deep, thousands of unclosed brackets, a long line full of
// unclosed link destinations, thousands of link definitions in a row. A
// README built that way could make every view of its page cost seconds.
// tooComplex finds them in one pass over the lines, and Render shows such a
// README as text instead. The limits are far above anything a person
// writes.
const (
	// maxNesting is the most block quotes and list items a line may open.
	maxNesting = 16
	// maxListIndent is the deepest indentation, in columns, of a list item.
	maxListIndent = 64
	// maxBracketDepth is how deep square brackets may nest in a paragraph.
	maxBracketDepth = 10
	// maxDestinationWork bounds, over the whole README, the sum for each
	// line of its link openings "](" times its length: the work of looking
	// for destinations that never close.
	maxDestinationWork = 4 << 20
	// maxDefinitionRun is the most link reference definitions in a row.
	maxDefinitionRun = 500
	// maxTableColumns and maxTableCells bound a table: the table extension
	// pads every row to the header's width, so a 2,000-column header over
	// thousands of one-character lines becomes millions of cells.
	maxTableColumns = 64
	maxTableCells   = 50_000
	// maxFootnotes is the most footnote references and definitions ("[^")
	// in the whole README; their rendering grows faster than their number.
	maxFootnotes = 1000
)

// tooComplex returns why src should not be parsed as Markdown, or "".
// Lines inside fenced code blocks are not looked at: they are read as text.
func tooComplex(src []byte) string {
	var (
		fence          []byte // the opening fence while inside a fenced code block
		depth          int    // square brackets open in this paragraph
		destWork       int
		definitionsRun int
		tableColumns   int // the width of the table being read, 0 outside one
		tableCells     int
		footnotes      int
	)
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		trimmed := bytes.TrimLeft(line, " \t")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
			continue
		}
		if f := fenceOf(trimmed); f != nil {
			fence = f
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			depth, definitionsRun, tableColumns = 0, 0, 0
			continue
		}
		if n := delimiterRowColumns(trimmed); n > 0 {
			if n > maxTableColumns {
				return "a table too wide"
			}
			tableColumns = n
		}
		if tableCells += tableColumns; tableCells > maxTableCells {
			return "tables too large"
		}
		if footnotes += bytes.Count(line, []byte("[^")); footnotes > maxFootnotes {
			return "too many footnotes"
		}
		if nesting(line) > maxNesting {
			return "containers nested too deep"
		}
		if isListItem(trimmed) && columns(line[:len(line)-len(trimmed)]) > maxListIndent {
			return "a list nested too deep"
		}
		if isDefinition(trimmed) {
			if definitionsRun++; definitionsRun > maxDefinitionRun {
				return "too many link definitions in a row"
			}
		} else {
			definitionsRun = 0
		}
		if destWork += bytes.Count(line, []byte("](")) * len(line); destWork > maxDestinationWork {
			return "too many links on long lines"
		}
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '[':
				if depth++; depth > maxBracketDepth {
					return "brackets nested too deep"
				}
			case ']':
				depth = max(depth-1, 0)
			}
		}
	}
	return ""
}

// delimiterRowColumns returns how many columns a table's delimiter row
// (|---|:--:|) has, or 0 when the line is not one.
func delimiterRowColumns(trimmed []byte) int {
	row := bytes.TrimSpace(trimmed)
	if len(row) == 0 || bytes.IndexByte(row, '-') < 0 {
		return 0
	}
	for _, c := range row {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return 0
		}
	}
	cells := bytes.Split(bytes.Trim(row, "|"), []byte("|"))
	if len(cells) < 2 && bytes.IndexByte(row, '|') < 0 {
		return 0 // a thematic break (---), not a table
	}
	return len(cells)
}

// fenceOf returns the fence a line opens (``` or ~~~, three or more), or nil.
func fenceOf(trimmed []byte) []byte {
	if len(trimmed) < 3 || (trimmed[0] != '`' && trimmed[0] != '~') {
		return nil
	}
	n := 0
	for n < len(trimmed) && trimmed[n] == trimmed[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return trimmed[:n]
}

// nesting counts the block quote and list markers that start a line.
func nesting(line []byte) int {
	n := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			n++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			n++
			i += 2
		default:
			return n
		}
	}
	return n
}

// isListItem reports whether a line, without its indentation, starts a
// list item.
func isListItem(trimmed []byte) bool {
	if len(trimmed) >= 2 && (trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+') && (trimmed[1] == ' ' || trimmed[1] == '\t') {
		return true
	}
	i := 0
	for i < len(trimmed) && i < 9 && trimmed[i] >= '0' && trimmed[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(trimmed) && (trimmed[i] == '.' || trimmed[i] == ')') && (trimmed[i+1] == ' ' || trimmed[i+1] == '\t')
}

// isDefinition reports whether a line looks like a link reference
// definition, "[label]: destination".
func isDefinition(trimmed []byte) bool {
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return false
	}
	end := bytes.Index(trimmed, []byte("]:"))
	return end > 0
}

// columns is the width of leading blanks, a tab counting 4.
func columns(blank []byte) int {
	n := 0
	for _, c := range blank {
		if c == '\t' {
			n += 4
		} else {
			n++
		}
	}
	return n
}
