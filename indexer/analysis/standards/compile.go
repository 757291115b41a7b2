package standards

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/govshare/govshare/registry"
)

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	globsetPattern  = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	notePlaceholder = regexp.MustCompile(`\{[^}]*\}`)
)

// compiler turns a registerSpec into a register, collecting every error.
type compiler struct {
	spec     *registerSpec
	globsets map[string][]*glob
	compiled map[string]*glob
	reg      *register
	errs     []error
}

func (c *compiler) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf(format, args...))
}

func (c *compiler) compile() *register {
	c.reg = &register{}
	head := c.spec.Defaults.Head
	switch {
	case head == 0:
		c.errorf("defaults: head is missing")
	case head < 0 || head > maxHead:
		c.errorf("defaults: head %d is not between 1 and %d", head, maxHead)
	}
	c.reg.maxHead = head
	for name, globs := range c.spec.Globsets {
		if !globsetPattern.MatchString(name) {
			c.errorf("globsets: name %q is not lowercase letters, digits, - and _", name)
		}
		if len(globs) == 0 {
			c.errorf("globsets: %s is empty", name)
		}
		for _, g := range globs {
			compiled, err := c.compileGlob(g)
			if err != nil {
				c.errorf("globsets: %s: %v", name, err)
				continue
			}
			c.globsets[name] = append(c.globsets[name], compiled)
		}
	}
	c.reg.defaultExclude = c.globs("defaults: exclude", c.spec.Defaults.Exclude)
	if len(c.spec.Standards) == 0 {
		c.errorf("standards: the register lists none")
	}
	seen := map[string]bool{}
	for i, s := range c.spec.Standards {
		where := fmt.Sprintf("standard %d (%s)", i+1, s.ID)
		if seen[s.ID] {
			c.errorf("%s: duplicate id", where)
		}
		seen[s.ID] = true
		c.reg.standards = append(c.reg.standards, c.standard(where, s, head))
	}
	return c.reg
}

func (c *compiler) standard(where string, s standardSpec, head int) *standard {
	if s.ID != "" && !idPattern.MatchString(s.ID) {
		c.errorf("%s: id must be lowercase words joined by -", where)
	}
	for field, value := range map[string]string{
		"id": s.ID, "name": s.Name, "body": s.Body, "status": s.Status,
		"description": s.Description, "url": s.URL, "evidence": s.Evidence,
	} {
		if strings.TrimSpace(value) == "" {
			c.errorf("%s: %s is missing", where, field)
		}
	}
	switch s.Status {
	case "", registry.RoyaltyFree, registry.FRAND, registry.Proprietary:
	default:
		c.errorf("%s: status %q is not %s, %s or %s", where, s.Status,
			registry.RoyaltyFree, registry.FRAND, registry.Proprietary)
	}
	if s.URL != "" && !strings.HasPrefix(s.URL, "https://") {
		c.errorf("%s: url must start with https://", where)
	}
	if len(s.Rules) == 0 {
		c.errorf("%s: rules are missing", where)
	}
	std := &standard{entry: Entry{
		ID: s.ID, Name: s.Name, Body: s.Body, Versions: s.Versions, Status: s.Status,
		Description: strings.TrimSpace(s.Description), URL: s.URL,
		Evidence: strings.TrimSpace(s.Evidence),
	}}
	if std.entry.Versions == nil {
		std.entry.Versions = []string{}
	}
	for i, r := range s.Rules {
		std.rules = append(std.rules, c.rule(fmt.Sprintf("%s: rule %d", where, i+1), r, len(c.reg.standards), head))
	}
	return std
}

// rule compiles one rule of standard number std.
func (c *compiler) rule(where string, r ruleSpec, std, head int) *node {
	isLeaf := len(r.Files) > 0 || len(r.Dependencies) > 0
	isCombination := len(r.All) > 0 || len(r.Any) > 0
	switch {
	case isLeaf && isCombination:
		c.errorf("%s: a rule has files or dependencies, or all/any, not both", where)
		return &node{}
	case len(r.All) > 0 && len(r.Any) > 0:
		c.errorf("%s: a rule has all or any, not both", where)
		return &node{}
	case isCombination:
		return c.combination(where, r, std, head)
	case !isLeaf:
		c.errorf("%s: files (or dependencies, or all/any) is missing", where)
		return &node{}
	}
	if r.SameDir {
		c.errorf("%s: same_dir applies to all only", where)
	}
	return &node{leaf: c.leaf(where, r, std, head)}
}

func (c *compiler) combination(where string, r ruleSpec, std, head int) *node {
	if len(r.Exclude) > 0 || len(r.Content) > 0 || len(r.Keys) > 0 || r.Version != "" ||
		r.VersionFrom != "" || r.Note != "" || r.Head != 0 || r.Binary || r.DefaultExcludes != nil {
		c.errorf("%s: all/any combine rules; file settings belong in those rules", where)
	}
	n := &node{sameDir: r.SameDir}
	if r.SameDir && len(r.All) == 0 {
		c.errorf("%s: same_dir applies to all only", where)
	}
	children := r.All
	if len(r.Any) > 0 {
		children = r.Any
	}
	for i, child := range children {
		compiled := c.rule(fmt.Sprintf("%s.%d", where, i+1), child, std, head)
		if r.SameDir && compiled.leaf == nil {
			c.errorf("%s.%d: same_dir combines file rules only", where, i+1)
		}
		if len(r.All) > 0 {
			n.all = append(n.all, compiled)
		} else {
			n.any = append(n.any, compiled)
		}
	}
	return n
}

func (c *compiler) leaf(where string, r ruleSpec, std, head int) *leaf {
	l := &leaf{
		index:           len(c.reg.leaves),
		standard:        std,
		defaultExcludes: r.DefaultExcludes == nil || *r.DefaultExcludes,
		version:         r.Version,
		note:            r.Note,
		binary:          r.Binary,
	}
	c.reg.leaves = append(c.reg.leaves, l)
	files := r.Files
	if len(files) == 0 {
		files = []string{"$manifests"}
	}
	l.files = c.globs(where+": files", files)
	l.exclude = c.globs(where+": exclude", r.Exclude)

	for i, p := range r.Content {
		re, err := compilePattern(p)
		if err != nil {
			c.errorf("%s: content %d: %v", where, i+1, err)
			continue
		}
		l.content = append(l.content, re)
	}
	if len(r.Dependencies) > 0 {
		if len(r.Content) > 0 || len(r.Keys) > 0 {
			c.errorf("%s: a rule has dependencies, or content and keys, not both", where)
		}
		deps, err := compileDependencies(r.Dependencies)
		if err != nil {
			c.errorf("%s: dependencies: %v", where, err)
		}
		l.dependencies = deps
	}
	seenKeys := map[string]bool{}
	for _, k := range r.Keys {
		if seenKeys[k.key] {
			c.errorf("%s: keys: %q is listed twice", where, k.key)
		}
		seenKeys[k.key] = true
		re, err := compilePattern(k.pattern)
		if err != nil {
			c.errorf("%s: keys: %s: %v", where, k.key, err)
			continue
		}
		l.keys = append(l.keys, keyMatcher{name: k.key, value: re})
	}

	l.versionFrom = r.VersionFrom
	switch {
	case r.VersionFrom == "":
	case r.Version != "":
		c.errorf("%s: a rule has version or version_from, not both", where)
	case r.VersionFrom == "content":
		if !hasGroups(l.content) {
			c.errorf("%s: version_from: content needs a content pattern with a capture group", where)
		}
	case seenKeys[r.VersionFrom]:
	default:
		c.errorf("%s: version_from %q is neither content nor one of the keys", where, r.VersionFrom)
	}
	for _, placeholder := range notePlaceholder.FindAllString(r.Note, -1) {
		if placeholder != "{version}" {
			c.errorf("%s: note: unknown placeholder %s (only {version})", where, placeholder)
		}
	}
	if strings.Contains(r.Note, "{version}") && r.VersionFrom == "" && r.Version == "" {
		c.errorf("%s: note uses {version} but the rule has no version", where)
	}
	if r.Binary && len(l.content) == 0 {
		c.errorf("%s: binary applies to content rules only", where)
	}
	l.head = head
	if r.Head != 0 {
		if r.Head < 0 || r.Head > maxHead {
			c.errorf("%s: head %d is not between 1 and %d", where, r.Head, maxHead)
		}
		l.head = r.Head
	}
	if !l.readsContent() {
		l.head = 0
	}
	c.reg.maxHead = max(c.reg.maxHead, l.head)
	return l
}

// globs compiles a list of globs, expanding $globset references.
func (c *compiler) globs(where string, list []string) []*glob {
	var out []*glob
	for _, g := range list {
		if name, ok := strings.CutPrefix(g, "$"); ok {
			set, known := c.globsets[name]
			if !known {
				c.errorf("%s: unknown globset $%s", where, name)
			}
			out = append(out, set...)
			continue
		}
		compiled, err := c.compileGlob(g)
		if err != nil {
			c.errorf("%s: %v", where, err)
			continue
		}
		out = append(out, compiled)
	}
	return out
}

// compileGlob compiles a glob and numbers it. A glob written several
// times is compiled once, so that a path is matched against it once.
func (c *compiler) compileGlob(text string) (*glob, error) {
	if g, ok := c.compiled[text]; ok {
		return g, nil
	}
	g, err := compileGlob(text)
	if err != nil {
		return nil, err
	}
	g.index = c.reg.globs
	c.reg.globs++
	c.compiled[text] = g
	return g, nil
}

// hasGroups reports whether any of the patterns has a capture group.
func hasGroups(patterns []*pattern) bool {
	for _, p := range patterns {
		if p.re.NumSubexp() > 0 {
			return true
		}
	}
	return false
}
