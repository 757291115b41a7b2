package registry

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// CountryName is the English name of an ISO 3166 country code ("NL" gives
// "Netherlands"), or "" when the code names no region.
func CountryName(code string) string {
	code = strings.TrimSpace(code)
	if code == "" {
		return ""
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.English.Regions().Name(region)
}
