package manifests

import "github.com/pelletier/go-toml/v2"

func parseCargoTOML(data []byte) (Manifest, error) {
	var cargo struct {
		Package struct {
			Name        any `toml:"name"`
			Description any `toml:"description"`
			License     any `toml:"license"`
		} `toml:"package"`
	}
	if err := toml.Unmarshal(data, &cargo); err != nil {
		return Manifest{}, err
	}
	// In a workspace these may be {workspace = true}: only strings count.
	m := Manifest{
		Name:         stringOf(cargo.Package.Name),
		Description:  stringOf(cargo.Package.Description),
		License:      stringOf(cargo.Package.License),
		LicenseField: "package.license",
	}
	return m, nil
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
