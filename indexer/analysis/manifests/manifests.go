// Package manifests reads the package manifests at the root of a repository
// tree that cost one small file each to read: package.json (npm), Cargo.toml
// (Rust) and pyproject.toml (Python). From each it takes the name, the
// description and the declared licence.
//
// Read never returns an error: a manifest that cannot be read is named in a
// warning, one that cannot be parsed too, and neither stops the others.
package manifests

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

// Manifest is what one package manifest declares.
type Manifest struct {
	// Path is the manifest file, relative to the root.
	Path        string
	Name        string
	Description string
	// License is the declared licence as written (usually an SPDX
	// expression, but "SEE LICENSE IN ..." and the like happen).
	License string
}

// parsers maps each supported root file to the function that reads it, in
// the order manifests are reported.
var parsers = []struct {
	name  string
	parse func([]byte) (Manifest, error)
}{
	{"package.json", parsePackageJSON},
	{"Cargo.toml", parseCargoTOML},
	{"pyproject.toml", parsePyprojectTOML},
}

// Read returns the manifests found at the root of tree, in the order
// package.json, Cargo.toml, pyproject.toml.
func Read(ctx context.Context, tree *filetree.Tree) ([]Manifest, []string) {
	present := map[string]bool{}
	for _, f := range tree.Files() {
		if f.AtRoot() {
			present[f.Path] = true
		}
	}
	var out []Manifest
	var warnings []string
	for _, p := range parsers {
		if !present[p.name] || ctx.Err() != nil {
			continue
		}
		data, err := tree.ReadFile(p.name)
		if err != nil {
			warnings = append(warnings, filetree.Skipped(p.name, err))
			continue
		}
		m, err := p.parse(data)
		if err != nil {
			warnings = append(warnings, filetree.Skipped(p.name, err))
			continue
		}
		m.Path = p.name
		m.Name = strings.TrimSpace(m.Name)
		m.Description = strings.TrimSpace(m.Description)
		m.License = strings.TrimSpace(m.License)
		out = append(out, m)
	}
	return out, warnings
}

func parsePackageJSON(data []byte) (Manifest, error) {
	var pkg struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		License     json.RawMessage `json:"license"`
		Licenses    []struct {
			Type string `json:"type"`
		} `json:"licenses"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return Manifest{}, fmt.Errorf("parse package.json: %w", err)
	}
	m := Manifest{Name: pkg.Name, Description: pkg.Description}
	// "license" is a string; old packages used {"type": "MIT"} or a
	// "licenses" list of those.
	var s string
	var typed struct {
		Type string `json:"type"`
	}
	switch {
	case json.Unmarshal(pkg.License, &s) == nil:
		m.License = s
	case json.Unmarshal(pkg.License, &typed) == nil:
		m.License = typed.Type
	case len(pkg.Licenses) > 0:
		var types []string
		for _, l := range pkg.Licenses {
			if l.Type != "" {
				types = append(types, l.Type)
			}
		}
		m.License = strings.Join(types, " OR ")
	}
	return m, nil
}

func parseCargoTOML(data []byte) (Manifest, error) {
	var cargo struct {
		Package struct {
			Name        any `toml:"name"`
			Description any `toml:"description"`
			License     any `toml:"license"`
		} `toml:"package"`
	}
	if err := toml.Unmarshal(data, &cargo); err != nil {
		return Manifest{}, fmt.Errorf("parse Cargo.toml: %w", err)
	}
	// In a workspace these may be {workspace = true}: only strings count.
	return Manifest{
		Name:        stringOf(cargo.Package.Name),
		Description: stringOf(cargo.Package.Description),
		License:     stringOf(cargo.Package.License),
	}, nil
}

func parsePyprojectTOML(data []byte) (Manifest, error) {
	var py struct {
		Project struct {
			Name        string `toml:"name"`
			Description string `toml:"description"`
			// PEP 639 makes this an SPDX string; before it was a table
			// {text = "..."} or {file = "..."}.
			License any `toml:"license"`
		} `toml:"project"`
		Tool struct {
			Poetry struct {
				Name        string `toml:"name"`
				Description string `toml:"description"`
				License     string `toml:"license"`
			} `toml:"poetry"`
		} `toml:"tool"`
	}
	if err := toml.Unmarshal(data, &py); err != nil {
		return Manifest{}, fmt.Errorf("parse pyproject.toml: %w", err)
	}
	m := Manifest{Name: py.Project.Name, Description: py.Project.Description}
	switch l := py.Project.License.(type) {
	case string:
		m.License = l
	case map[string]any:
		m.License = stringOf(l["text"])
	}
	poetry := py.Tool.Poetry
	m.Name = firstNonEmpty(m.Name, poetry.Name)
	m.Description = firstNonEmpty(m.Description, poetry.Description)
	m.License = firstNonEmpty(m.License, poetry.License)
	return m, nil
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
