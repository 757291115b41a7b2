package manifests

import (
	"encoding/json"
	"strings"
)

func parsePackageJSON(data []byte) (Manifest, error) {
	var pkg struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		License     json.RawMessage `json:"license"`
		Licenses    json.RawMessage `json:"licenses"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return Manifest{}, err
	}
	m := Manifest{Name: pkg.Name, Description: pkg.Description}
	// "license" is a string; old packages used {"type": "MIT"} or a
	// "licenses" list of those, meaning a choice.
	if l := licenseStrings(pkg.License); len(l) > 0 {
		m.License, m.LicenseSPDX = alternatives(l, nil)
		m.LicenseField = "license"
	} else if l := licenseStrings(pkg.Licenses); len(l) > 0 {
		m.License, m.LicenseSPDX = alternatives(l, nil)
		m.LicenseField = "licenses"
	}
	return m, nil
}

func parseComposerJSON(data []byte) (Manifest, error) {
	var pkg struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		License     json.RawMessage `json:"license"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return Manifest{}, err
	}
	m := Manifest{Name: pkg.Name, Description: pkg.Description}
	// A string, or an array of licences the user may choose from.
	if l := licenseStrings(pkg.License); len(l) > 0 {
		m.License, m.LicenseSPDX = alternatives(l, nil)
		m.LicenseField = "license"
	}
	return m, nil
}

// licenseStrings reads a licence field that is a string, a {"type": ...}
// object, or an array of either; anything else gives nothing.
func licenseStrings(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return []string{s}
	}
	var typed struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &typed) == nil && strings.TrimSpace(typed.Type) != "" {
		return []string{typed.Type}
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	var out []string
	for _, item := range list {
		out = append(out, licenseStrings(item)...)
	}
	return out
}
