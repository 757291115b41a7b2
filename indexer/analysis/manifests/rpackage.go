package manifests

import (
	"fmt"
	"regexp"
	"strings"
)

// parseRDescription reads an R package's DESCRIPTION, a Debian control
// style file of "Field: value" lines and indented continuations. A file
// without a Package field is not an R package's.
func parseRDescription(data []byte) (Manifest, error) {
	fields := map[string]string{}
	key := ""
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.TrimSpace(line) == "":
		case line[0] == ' ' || line[0] == '\t':
			if key != "" {
				fields[key] += " " + strings.TrimSpace(line)
			}
		default:
			k, v, ok := strings.Cut(line, ":")
			if !ok || strings.ContainsAny(k, " \t") {
				if _, isR := fields["Package"]; !isR && i < 3 {
					return Manifest{}, errNotManifest
				}
				return Manifest{}, &positionError{i + 1, 1, fmt.Errorf("line %q is not a \"Field: value\" line", line)}
			}
			key = k
			fields[key] = strings.TrimSpace(v)
		}
	}
	if _, ok := fields["Package"]; !ok {
		return Manifest{}, errNotManifest
	}
	m := Manifest{
		Name:         fields["Package"],
		Description:  firstNonEmpty(fields["Title"], fields["Description"]),
		License:      fields["License"],
		LicenseField: "License",
	}
	m.LicenseSPDX = rLicenseSPDX(m.License)
	return m, nil
}

// R writes GPL-3 for version 3 only and GPL (>= 3) for version 3 or later.
var (
	rVersionOnly = regexp.MustCompile(`^(A?GPL|LGPL)-(\d(?:\.\d)?)$`)
	rOrLater     = regexp.MustCompile(`^(A?GPL|LGPL) *\(>= *(\d(?:\.\d)?)\)$`)
)

// rLicenseSPDX maps R's licence specification ("GPL-2 | GPL-3",
// "MIT + file LICENSE", "GPL (>= 2)") to SPDX, "" when a part does not map.
func rLicenseSPDX(spec string) string {
	var ids []string
	for _, part := range strings.Split(spec, "|") {
		part = strings.TrimSpace(part)
		// "+ file LICENSE" adds the copyright holder, not another licence.
		if i := strings.Index(part, "+ file"); i >= 0 {
			part = strings.TrimSpace(part[:i])
		}
		id := ""
		if v := rVersionOnly.FindStringSubmatch(part); v != nil {
			id = v[1] + "-" + spdxVersion(v[2]) + "-only"
		} else if v := rOrLater.FindStringSubmatch(part); v != nil {
			id = v[1] + "-" + spdxVersion(v[2]) + "-or-later"
		} else {
			id = NormalizeLicense(part)
		}
		if id == "" {
			return ""
		}
		ids = append(ids, parenthesise(id))
	}
	return NormalizeLicense(strings.Join(ids, " OR "))
}

// spdxVersion writes a GNU licence version the way SPDX does: 3 → 3.0.
func spdxVersion(v string) string {
	if !strings.Contains(v, ".") {
		return v + ".0"
	}
	return v
}
