package manifests

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"

	"golang.org/x/net/html/charset"
)

func parsePOM(data []byte) (Manifest, error) {
	var pom struct {
		XMLName     xml.Name `xml:"project"`
		ArtifactID  string   `xml:"artifactId"`
		Name        string   `xml:"name"`
		Description string   `xml:"description"`
		Licenses    []struct {
			Name string `xml:"name"`
			URL  string `xml:"url"`
		} `xml:"licenses>license"`
	}
	if err := decodeXML(data, &pom); err != nil {
		return Manifest{}, err
	}
	m := Manifest{Name: firstNonEmpty(pom.Name, pom.ArtifactID), Description: pom.Description}
	// Maven reads several licences as a choice. A licence with only a URL
	// is common; the URL then is the declaration.
	var written, ids []string
	field := "project.licenses.license.name"
	for _, l := range pom.Licenses {
		name, url := strings.TrimSpace(l.Name), strings.TrimSpace(l.URL)
		if name == "" && url == "" {
			continue
		}
		id := ""
		if name != "" {
			id = NormalizeLicense(name)
		}
		if id == "" && url != "" {
			id = NormalizeLicense(url)
		}
		if name == "" {
			name, field = url, "project.licenses.license.url"
		}
		written, ids = append(written, name), append(ids, id)
	}
	if len(written) > 1 {
		field = "project.licenses"
	}
	m.License, m.LicenseSPDX = alternatives(written, ids)
	m.LicenseField = field
	return m, nil
}

// decodeXML decodes data into v, in whichever encoding the XML declaration
// names; a syntax error carries its line and column.
func decodeXML(data []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	if err := d.Decode(v); err != nil {
		line, column := d.InputPos()
		return &positionError{line, column, err}
	}
	return nil
}

// The licences block of Gradle's maven-publish DSL, in Groovy or Kotlin:
//
//	licenses { license { name = 'Apache-2.0'; url = '...' } }
var (
	gradleLicenses     = regexp.MustCompile(`\blicenses\s*\{`)
	gradleLicenseBlock = regexp.MustCompile(`\blicense\s*\{([^{}]*)\}`)
	gradleName         = regexp.MustCompile(`\bname\s*(?:=|\.set\(|\()?\s*["']([^"'\n]+)["']`)
	gradleURL          = regexp.MustCompile(`\burl\s*(?:=|\.set\(|\()?\s*["']([^"'\n]+)["']`)
	gradleDescription  = regexp.MustCompile(`(?m)^\s*description\s*=\s*["']([^"'\n]+)["']`)
)

// parseGradle reads the licences a Gradle build publishes in its POM, from
// literal strings only: the build script is never run.
func parseGradle(data []byte) (Manifest, error) {
	text := string(data)
	m := Manifest{}
	if d := gradleDescription.FindStringSubmatch(text); d != nil {
		m.Description = d[1]
	}
	loc := gradleLicenses.FindStringIndex(text)
	if loc == nil {
		return m, nil
	}
	var written, ids []string
	field := "licenses.license.name"
	for _, block := range gradleLicenseBlock.FindAllStringSubmatch(text[loc[1]:], -1) {
		name, url := "", ""
		if n := gradleName.FindStringSubmatch(block[1]); n != nil {
			name = n[1]
		}
		if u := gradleURL.FindStringSubmatch(block[1]); u != nil {
			url = u[1]
		}
		id := NormalizeLicense(name)
		if id == "" && url != "" {
			id = NormalizeLicense(url)
		}
		if name == "" {
			name, field = url, "licenses.license.url"
		}
		if name != "" {
			written, ids = append(written, name), append(ids, id)
		}
	}
	if len(written) > 1 {
		field = "licenses"
	}
	m.License, m.LicenseSPDX = alternatives(written, ids)
	m.LicenseField = field
	return m, nil
}
