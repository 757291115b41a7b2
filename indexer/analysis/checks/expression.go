package checks

import (
	"fmt"
	"slices"
	"strings"
)

// expression is a parsed SPDX licence expression: a leaf (one licence,
// maybe WITH an exception) or an AND / OR of sub-expressions. Checks need
// its shape, which go-spdx does not export: an OR is acceptable when one
// choice is, an AND only when every part is.
type expression struct {
	op        string // "AND", "OR", or "" for a leaf
	id        string // the licence of a leaf
	exception string // the WITH exception of a leaf, if any
	args      []*expression
}

// parseExpression parses s, which should be a valid SPDX expression. Anything
// it cannot parse becomes a single leaf holding s, so that a comparison
// still sees it (and finds it different from everything else).
func parseExpression(s string) *expression {
	s = strings.TrimSpace(s)
	p := exprParser{tokens: tokenize(s)}
	e, err := p.or()
	if err == nil && p.pos != len(p.tokens) {
		err = fmt.Errorf("unexpected %q", p.tokens[p.pos])
	}
	if err != nil || e == nil {
		return &expression{id: s}
	}
	return e
}

func tokenize(s string) []string {
	s = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(s)
	return strings.Fields(s)
}

type exprParser struct {
	tokens []string
	pos    int
}

func (p *exprParser) peek() string {
	if p.pos < len(p.tokens) {
		return p.tokens[p.pos]
	}
	return ""
}

func (p *exprParser) or() (*expression, error) {
	return p.binary("OR", p.and)
}

func (p *exprParser) and() (*expression, error) {
	return p.binary("AND", p.with)
}

func (p *exprParser) binary(op string, operand func() (*expression, error)) (*expression, error) {
	first, err := operand()
	if err != nil {
		return nil, err
	}
	args := []*expression{first}
	for strings.EqualFold(p.peek(), op) {
		p.pos++
		next, err := operand()
		if err != nil {
			return nil, err
		}
		args = append(args, next)
	}
	if len(args) == 1 {
		return first, nil
	}
	return &expression{op: op, args: args}, nil
}

func (p *exprParser) with() (*expression, error) {
	e, err := p.atom()
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(p.peek(), "WITH") {
		p.pos++
		exc := p.peek()
		if exc == "" || isOperator(exc) {
			return nil, fmt.Errorf("WITH without an exception")
		}
		p.pos++
		if e.op != "" {
			return nil, fmt.Errorf("WITH after a compound expression")
		}
		e.exception = exc
	}
	return e, nil
}

func (p *exprParser) atom() (*expression, error) {
	t := p.peek()
	switch {
	case t == "":
		return nil, fmt.Errorf("unexpected end")
	case t == "(":
		p.pos++
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, fmt.Errorf("missing )")
		}
		p.pos++
		return e, nil
	case isOperator(t):
		return nil, fmt.Errorf("unexpected %q", t)
	}
	p.pos++
	return &expression{id: t}, nil
}

func isOperator(t string) bool {
	switch strings.ToUpper(t) {
	case "AND", "OR", "WITH", "(", ")":
		return true
	}
	return false
}

// leaves returns the licence ids of e, in order, each once.
func (e *expression) leaves() []string {
	var out []string
	e.walk(func(leaf *expression) {
		if !slices.Contains(out, leaf.id) {
			out = append(out, leaf.id)
		}
	})
	return out
}

func (e *expression) walk(visit func(leaf *expression)) {
	if e.op == "" {
		visit(e)
		return
	}
	for _, a := range e.args {
		a.walk(visit)
	}
}

// canonical returns e with nested operators of the same kind flattened,
// operands sorted and repeated operands dropped, as a string. Two
// expressions that mean the same up to order ("MIT OR Apache-2.0" and
// "Apache-2.0 OR MIT") have the same canonical form.
func (e *expression) canonical() string {
	if e.op == "" {
		if e.exception != "" {
			return e.id + " WITH " + e.exception
		}
		return e.id
	}
	var parts []string
	var collect func(x *expression)
	collect = func(x *expression) {
		if x.op == e.op {
			for _, a := range x.args {
				collect(a)
			}
			return
		}
		s := x.canonical()
		if x.op != "" {
			s = "(" + s + ")"
		}
		parts = append(parts, s)
	}
	collect(e)
	slices.Sort(parts)
	parts = slices.Compact(parts)
	if len(parts) == 1 {
		return strings.TrimSuffix(strings.TrimPrefix(parts[0], "("), ")")
	}
	return strings.Join(parts, " "+e.op+" ")
}

// mapLeaves returns a copy of e with every leaf id replaced by f(id).
func (e *expression) mapLeaves(f func(string) string) *expression {
	if e.op == "" {
		return &expression{id: f(e.id), exception: e.exception}
	}
	c := &expression{op: e.op}
	for _, a := range e.args {
		c.args = append(c.args, a.mapLeaves(f))
	}
	return c
}

// without returns e with the leaves for which drop is true removed, nil
// when nothing is left.
func (e *expression) without(drop func(id string) bool) *expression {
	if e.op == "" {
		if drop(e.id) {
			return nil
		}
		return e
	}
	c := &expression{op: e.op}
	for _, a := range e.args {
		if kept := a.without(drop); kept != nil {
			c.args = append(c.args, kept)
		}
	}
	switch len(c.args) {
	case 0:
		return nil
	case 1:
		return c.args[0]
	}
	return c
}

// licenceFamily strips the "-only", "-or-later" and "+" that tell GNU
// licence versions apart, so GPL-3.0, GPL-3.0-only, GPL-3.0-or-later and
// GPL-3.0+ are one family.
func licenceFamily(id string) string {
	id = strings.TrimSuffix(id, "+")
	id = strings.TrimSuffix(id, "-or-later")
	return strings.TrimSuffix(id, "-only")
}
