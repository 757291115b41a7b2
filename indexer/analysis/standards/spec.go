package standards

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// registerSpec is register.yaml as written.
type registerSpec struct {
	Defaults struct {
		Head    int      `yaml:"head"`
		Exclude []string `yaml:"exclude"`
	} `yaml:"defaults"`
	Globsets  map[string][]string `yaml:"globsets"`
	Standards []standardSpec      `yaml:"standards"`
}

type standardSpec struct {
	ID          string     `yaml:"id"`
	Name        string     `yaml:"name"`
	Body        string     `yaml:"body"`
	Versions    []string   `yaml:"versions"`
	Status      string     `yaml:"status"`
	Description string     `yaml:"description"`
	URL         string     `yaml:"url"`
	Evidence    string     `yaml:"evidence"`
	Rules       []ruleSpec `yaml:"rules"`
}

// ruleSpec is one rule: a file rule (Files or Dependencies set) or a
// combination (All or Any set).
type ruleSpec struct {
	Files           []string    `yaml:"files"`
	Exclude         []string    `yaml:"exclude"`
	DefaultExcludes *bool       `yaml:"default_excludes"`
	Content         patternList `yaml:"content"`
	Keys            keyPatterns `yaml:"keys"`
	Dependencies    []string    `yaml:"dependencies"`
	Version         string      `yaml:"version"`
	VersionFrom     string      `yaml:"version_from"`
	Note            string      `yaml:"note"`
	Head            int         `yaml:"head"`
	Binary          bool        `yaml:"binary"`
	All             []ruleSpec  `yaml:"all"`
	Any             []ruleSpec  `yaml:"any"`
	SameDir         bool        `yaml:"same_dir"`
}

// patternList is one pattern or a list of them.
type patternList []string

// UnmarshalYAML accepts a string or a sequence of strings.
func (p *patternList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*p = patternList{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*p = list
	return nil
}

// keyPatterns keeps the keys of a mapping in the order they were written.
type keyPatterns []keyPattern

type keyPattern struct{ key, pattern string }

// UnmarshalYAML reads a mapping of key to pattern, keeping its order.
func (k *keyPatterns) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: keys must be a mapping of key to pattern", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode || value.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: keys must map a key to a pattern string", key.Line)
		}
		*k = append(*k, keyPattern{key: key.Value, pattern: value.Value})
	}
	return nil
}
