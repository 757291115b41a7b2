package ui

import (
	"github.com/govshare/govshare/indexer/analysis/licenses"
	"github.com/govshare/govshare/indexer/analysis/standards"
	"github.com/govshare/govshare/registry"
)

// fixedValueLabels name the values of the facets whose values are codes.
var fixedValueLabels = map[string]map[string]string{
	"license_family": {
		licenses.FamilyPermissive:           "Permissive",
		licenses.FamilyWeakCopyleft:         "Weak copyleft",
		licenses.FamilyStrongCopyleft:       "Strong copyleft",
		licenses.FamilyPublicDomain:         "Public domain",
		licenses.FamilyProprietaryOrUnknown: "Not open or unknown",
	},
	"check_status": {
		registry.CheckPass: "All checks pass",
		registry.CheckWarn: "Warnings",
		registry.CheckFail: "Failing checks",
	},
	"activity": {
		registry.ActivityMonth:      "In the last 30 days",
		registry.ActivityYear:       "1 month to 1 year ago",
		registry.ActivityThreeYears: "1 to 3 years ago",
		registry.ActivityOlder:      "More than 3 years ago",
	},
	"has_publiccode": {"true": "Yes", "false": "No"},
}

// standardNames maps the ids of the open-standards register to names.
func standardNames() map[string]string {
	names := map[string]string{}
	for _, e := range standards.Register() {
		names[e.ID] = e.Name
	}
	return names
}

// facetValueLabel is how pages show a facet's value: a participant's name,
// a country's name, a standard's name, or the words for a coded value.
// Anything unknown shows as it is.
func (s *Server) facetValueLabel(param, value string, participants map[string]string) string {
	var label string
	switch param {
	case "participant":
		label = participants[value]
	case "country":
		label = registry.CountryName(value)
	case "standard":
		label = s.standardNames[value]
	default:
		label = fixedValueLabels[param][value]
	}
	if label == "" {
		return value
	}
	return label
}
