package manifests

import "strings"

// parseMSBuild reads a .csproj or Directory.Build.props. MSBuild
// properties ($(...)) are not evaluated: a licence written with one is
// reported as written, without SPDX.
func parseMSBuild(data []byte) (Manifest, error) {
	var project struct {
		PropertyGroups []struct {
			PackageID                string `xml:"PackageId"`
			AssemblyName             string `xml:"AssemblyName"`
			Description              string `xml:"Description"`
			PackageLicenseExpression string `xml:"PackageLicenseExpression"`
			PackageLicenseURL        string `xml:"PackageLicenseUrl"`
		} `xml:"PropertyGroup"`
	}
	if err := decodeXML(data, &project); err != nil {
		return Manifest{}, err
	}
	m := Manifest{}
	url := ""
	for _, g := range project.PropertyGroups {
		m.Name = firstNonEmpty(m.Name, g.PackageID, g.AssemblyName)
		m.Description = firstNonEmpty(m.Description, g.Description)
		m.License = firstNonEmpty(m.License, g.PackageLicenseExpression)
		url = firstNonEmpty(url, g.PackageLicenseURL)
	}
	m.LicenseField = "PackageLicenseExpression"
	if strings.TrimSpace(m.License) == "" {
		// Deprecated by NuGet, still common in older projects.
		m.License, m.LicenseField = url, "PackageLicenseUrl"
	}
	return m, nil
}

func parseNuspec(data []byte) (Manifest, error) {
	var pkg struct {
		Metadata struct {
			ID          string `xml:"id"`
			Description string `xml:"description"`
			Summary     string `xml:"summary"`
			License     struct {
				Type  string `xml:"type,attr"`
				Value string `xml:",chardata"`
			} `xml:"license"`
			LicenseURL string `xml:"licenseUrl"`
		} `xml:"metadata"`
	}
	if err := decodeXML(data, &pkg); err != nil {
		return Manifest{}, err
	}
	md := pkg.Metadata
	m := Manifest{Name: md.ID, Description: firstNonEmpty(md.Summary, md.Description)}
	// <license type="file"> names a file in the package, not a licence.
	if md.License.Type == "expression" && strings.TrimSpace(md.License.Value) != "" {
		m.License, m.LicenseField = md.License.Value, "package.metadata.license"
	} else if strings.TrimSpace(md.LicenseURL) != "" {
		m.License, m.LicenseField = md.LicenseURL, "package.metadata.licenseUrl"
	}
	return m, nil
}
