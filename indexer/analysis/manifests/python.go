package manifests

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

func parsePyprojectTOML(data []byte) (Manifest, error) {
	var py struct {
		Project struct {
			Name        string `toml:"name"`
			Description string `toml:"description"`
			// PEP 639 makes this an SPDX string; before it was a table
			// {text = "..."} or {file = "..."}.
			License     any      `toml:"license"`
			Classifiers []string `toml:"classifiers"`
		} `toml:"project"`
		Tool struct {
			Poetry struct {
				Name        string   `toml:"name"`
				Description string   `toml:"description"`
				License     string   `toml:"license"`
				Classifiers []string `toml:"classifiers"`
			} `toml:"poetry"`
		} `toml:"tool"`
	}
	if err := toml.Unmarshal(data, &py); err != nil {
		return Manifest{}, err
	}
	project, poetry := py.Project, py.Tool.Poetry
	m := Manifest{
		Name:        firstNonEmpty(project.Name, poetry.Name),
		Description: firstNonEmpty(project.Description, poetry.Description),
	}
	switch l := project.License.(type) {
	case string:
		m.License, m.LicenseField = l, "project.license"
	case map[string]any:
		m.License, m.LicenseField = stringOf(l["text"]), "project.license.text"
	}
	if strings.TrimSpace(m.License) == "" && strings.TrimSpace(poetry.License) != "" {
		m.License, m.LicenseField = poetry.License, "tool.poetry.license"
	}
	if strings.TrimSpace(m.License) == "" {
		m.License, m.LicenseSPDX = classifierLicenses(append(project.Classifiers, poetry.Classifiers...))
		m.LicenseField = "project.classifiers"
	}
	return m, nil
}

// classifierLicenses reads the Trove classifiers "License :: OSI Approved
// :: MIT License"; several are a choice.
func classifierLicenses(classifiers []string) (license, licenseSPDX string) {
	var names []string
	for _, c := range classifiers {
		parts := strings.Split(c, "::")
		if len(parts) < 2 || strings.TrimSpace(parts[0]) != "License" {
			continue
		}
		name := strings.TrimSpace(parts[len(parts)-1])
		if name == "OSI Approved" || name == "Other/Proprietary License" {
			continue
		}
		names = append(names, name)
	}
	return alternatives(names, nil)
}

// setupCfgKey matches "key = value" or "key: value" in an INI file.
var setupCfgKey = regexp.MustCompile(`^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$`)

func parseSetupCfg(data []byte) (Manifest, error) {
	metadata := map[string]string{}
	section, key := "", ""
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";"):
		case line[0] == ' ' || line[0] == '\t':
			if key == "" {
				return Manifest{}, &positionError{n, 1, fmt.Errorf("indented line %q continues no key", trimmed)}
			}
			if section == "metadata" {
				metadata[key] += "\n" + trimmed
			}
		case strings.HasPrefix(trimmed, "["):
			if !strings.HasSuffix(trimmed, "]") {
				return Manifest{}, &positionError{n, len(line) + 1, fmt.Errorf("section header %q has no closing ]", trimmed)}
			}
			section, key = strings.TrimSpace(trimmed[1:len(trimmed)-1]), ""
		default:
			kv := setupCfgKey.FindStringSubmatch(trimmed)
			if kv == nil {
				return Manifest{}, &positionError{n, 1, fmt.Errorf("line %q is neither a section, a key nor a comment", trimmed)}
			}
			key = strings.ToLower(kv[1])
			if section == "metadata" {
				metadata[key] = kv[2]
			}
		}
	}
	m := Manifest{Name: metadata["name"], Description: metadata["description"]}
	if strings.HasPrefix(strings.TrimSpace(m.Description), "file:") {
		m.Description = ""
	}
	for _, k := range []string{"license_expression", "license"} {
		if v := strings.TrimSpace(metadata[k]); v != "" && m.License == "" {
			m.License, m.LicenseField = v, "metadata."+k
		}
	}
	if m.License == "" {
		m.License, m.LicenseSPDX = classifierLicenses(strings.Split(metadata["classifiers"], "\n"))
		m.LicenseField = "metadata.classifiers"
	}
	return m, nil
}

// setup.py keyword arguments with a literal string value.
var (
	setupPyArg        = regexp.MustCompile(`\b(name|description|license_expression|license)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')`)
	setupPyClassifier = regexp.MustCompile(`["'](License\s*::[^"'\n]*)["']`)
)

// parseSetupPy reads the literal keyword arguments of the setup() call;
// the file is never executed, so a computed value is not seen.
func parseSetupPy(data []byte) (Manifest, error) {
	text := string(data)
	if i := strings.Index(text, "setup("); i >= 0 {
		text = text[i:]
	}
	args := map[string]string{}
	for _, m := range setupPyArg.FindAllStringSubmatch(text, -1) {
		if _, seen := args[m[1]]; !seen {
			args[m[1]] = m[2] + m[3]
		}
	}
	m := Manifest{Name: args["name"], Description: args["description"]}
	for _, k := range []string{"license_expression", "license"} {
		if v := strings.TrimSpace(args[k]); v != "" && m.License == "" {
			m.License, m.LicenseField = v, k
		}
	}
	if m.License == "" {
		var classifiers []string
		for _, c := range setupPyClassifier.FindAllStringSubmatch(text, -1) {
			classifiers = append(classifiers, c[1])
		}
		m.License, m.LicenseSPDX = classifierLicenses(classifiers)
		m.LicenseField = "classifiers"
	}
	return m, nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
