package manifests

import (
	"regexp"
	"strings"
)

// Literal assignments in a Gem::Specification block: spec.license = "MIT",
// spec.licenses = ["MIT", "Apache-2.0"] or %w[MIT Apache-2.0].
var (
	gemLicense  = regexp.MustCompile(`\b(\w+\.licen[cs]e)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')`)
	gemLicenses = regexp.MustCompile(`\b(\w+\.licen[cs]es)\s*=\s*(?:\[([^\]]*)\]|%[wW][\[(]([^\])]*)[\])])`)
	gemQuoted   = regexp.MustCompile(`"([^"\n]*)"|'([^'\n]*)'`)
	gemName     = regexp.MustCompile(`\b\w+\.name\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')`)
	gemSummary  = regexp.MustCompile(`\b\w+\.summary\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')`)
)

// parseGemspec reads literal strings only; the Ruby is never run.
func parseGemspec(data []byte) (Manifest, error) {
	text := string(data)
	m := Manifest{}
	if n := gemName.FindStringSubmatch(text); n != nil {
		m.Name = n[1] + n[2]
	}
	if s := gemSummary.FindStringSubmatch(text); s != nil {
		m.Description = s[1] + s[2]
	}
	if l := gemLicenses.FindStringSubmatch(text); l != nil {
		var names []string
		if l[2] != "" {
			for _, q := range gemQuoted.FindAllStringSubmatch(l[2], -1) {
				names = append(names, q[1]+q[2])
			}
		} else {
			names = strings.Fields(l[3])
		}
		// RubyGems reads several licences as a choice.
		m.License, m.LicenseSPDX = alternatives(names, nil)
		m.LicenseField = l[1]
	} else if l := gemLicense.FindStringSubmatch(text); l != nil {
		m.License, m.LicenseField = l[2]+l[3], l[1]
	}
	return m, nil
}
