package standards

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed register.yaml
var registerYAML []byte

// maxHead caps how much of one file a rule may ask to read.
const maxHead = 1 << 20

// Entry is one standard of the register: what it is and what counts as
// evidence of its use. It is what the UI and the documentation list.
type Entry struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Body is the organisation that publishes the standard.
	Body string `json:"body"`
	// Versions lists the versions the register knows of, oldest first; it
	// may be empty when versions do not matter.
	Versions []string `json:"versions"`
	// Status is registry.RoyaltyFree, registry.FRAND or
	// registry.Proprietary.
	Status      string `json:"status"`
	Description string `json:"description"`
	URL         string `json:"url"`
	// Evidence says in plain words which files count as evidence of use.
	Evidence string `json:"evidence"`
}

// Register returns every standard Detect looks for, in the register's
// order. The slice is a fresh copy on each call.
func Register() []Entry {
	reg, err := embeddedRegister()
	if err != nil {
		return nil
	}
	out := make([]Entry, len(reg.standards))
	for i, s := range reg.standards {
		out[i] = s.entry
		out[i].Versions = append([]string{}, s.entry.Versions...)
	}
	return out
}

// embeddedRegister compiles the embedded register once; the result is never
// modified afterwards. The tests make sure it compiles.
var embeddedRegister = sync.OnceValues(func() (*register, error) {
	return parseRegister(registerYAML)
})

// register is the compiled register.
type register struct {
	standards      []*standard
	leaves         []*leaf
	defaultExclude []*glob
	maxHead        int
	// globs counts the compiled globs.
	globs int
	// needles finds the literals of every pattern in one pass.
	needles *needleSet
}

type standard struct {
	entry Entry
	rules []*node
}

// node is a compiled rule: a leaf (a file rule) or a combination.
type node struct {
	leaf    *leaf
	all     []*node
	any     []*node
	sameDir bool
}

// parseRegister decodes, validates and compiles a register. Every problem
// is reported, not only the first.
func parseRegister(data []byte) (*register, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var spec registerSpec
	if err := dec.Decode(&spec); err != nil {
		return nil, fmt.Errorf("read register: %w", err)
	}
	c := compiler{spec: &spec, globsets: map[string][]*glob{}, compiled: map[string]*glob{}}
	reg := c.compile()
	if len(c.errs) > 0 {
		return nil, fmt.Errorf("invalid register: %w", errors.Join(c.errs...))
	}
	reg.needles = newNeedleSet(numberNeedles(reg.leaves))
	return reg, nil
}

// numberNeedles gives every distinct needle of the leaves' patterns an id,
// records it in the patterns, and returns the needles by id.
func numberNeedles(leaves []*leaf) []string {
	ids := map[string]int{}
	var needles []string
	for _, l := range leaves {
		patterns := l.content
		if l.dependencies != nil {
			patterns = append(slices.Clip(patterns), l.dependencies.inJSON, l.dependencies.inText)
		}
		for _, p := range patterns {
			p.ids = p.ids[:0]
			for _, n := range p.needles {
				id, ok := ids[n]
				if !ok {
					id = len(needles)
					ids[n] = id
					needles = append(needles, n)
				}
				p.ids = append(p.ids, id)
			}
		}
	}
	return needles
}
