package config

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Problem is one thing wrong in a configuration or participants file, or in
// an environment variable.
type Problem struct {
	// File is the file the problem is in; "" for an environment variable
	// or a value that came from no file.
	File string
	// Line and Column are 1-based; 0 when unknown.
	Line, Column int
	// Field is where the value sits, like "participants[1].country" (indexes
	// count from 0), or the name of an environment variable; "" for a
	// problem with the file as a whole.
	Field   string
	Message string
}

// String formats the problem as "file:line:col: field: message", leaving out
// the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(":")
	}
	if p.Line > 0 {
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(":")
		if p.Column > 0 {
			b.WriteString(strconv.Itoa(p.Column))
			b.WriteString(":")
		}
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError lists every problem found in a file or the environment,
// sorted by position.
type ValidationError struct {
	Problems []Problem
}

// Error prints one line per problem.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problemList collects problems while a file is walked.
type problemList struct {
	file     string
	problems []Problem
}

// at records a problem at a node's position.
func (l *problemList) at(n *yaml.Node, field, format string, args ...any) {
	p := Problem{File: l.file, Field: field, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Column = n.Line, n.Column
	}
	l.problems = append(l.problems, p)
}

// err returns the problems as a *ValidationError sorted by position, or nil
// when there are none.
func (l *problemList) err() error {
	if len(l.problems) == 0 {
		return nil
	}
	sorted := slices.Clone(l.problems)
	slices.SortStableFunc(sorted, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return &ValidationError{Problems: sorted}
}
