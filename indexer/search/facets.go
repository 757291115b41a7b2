package search

import (
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/govshare/govshare/registry"
)

// Facet names in SearchResult.Facets.
const (
	FacetLicense       = "license"
	FacetLicenseFamily = "license_family"
	FacetLanguage      = "language"
	FacetParticipant   = "participant"
	FacetCountry       = "country"
	FacetStandard      = "standard"
	FacetCheckStatus   = "check_status"
	FacetActivity      = "activity"
	FacetHasPubliccode = "has_publiccode"
)

// facetSize is how many values of a facet are returned, most frequent
// first, unless the facet says otherwise. Participants and countries are
// all returned (up to far more than any catalogue has), so that pages can
// list every one of them with its count.
const (
	facetSize            = 30
	facetSizeParticipant = 5000
	facetSizeCountry     = 300
)

// termFacets are the facets that count the values of a keyword field, each
// with the query's filter on that field.
var termFacets = []struct {
	name, field string
	filter      func(registry.SearchQuery) string
	size        int // 0 is facetSize
}{
	{FacetLicense, fieldLicense, func(q registry.SearchQuery) string { return q.License }, 0},
	{FacetLicenseFamily, fieldLicenseFamily, func(q registry.SearchQuery) string { return q.LicenseFamily }, 0},
	{FacetLanguage, fieldLanguage, func(q registry.SearchQuery) string { return q.Language }, 0},
	{FacetParticipant, fieldParticipant, func(q registry.SearchQuery) string { return q.Participant }, facetSizeParticipant},
	{FacetCountry, fieldCountry, func(q registry.SearchQuery) string { return q.Country }, facetSizeCountry},
	{FacetStandard, fieldStandard, func(q registry.SearchQuery) string { return q.Standard }, 0},
	{FacetCheckStatus, fieldCheckStatus, func(q registry.SearchQuery) string { return q.CheckStatus }, 0},
	{FacetHasPubliccode, fieldHasPubliccode, func(q registry.SearchQuery) string { return q.HasPubliccode }, 0},
}

// activitySpan is the commit dates of one last-activity bucket: from start,
// included, to end, excluded. A zero start or end leaves that side open.
type activitySpan struct {
	name       string
	start, end time.Time
}

// activitySpans are the last-activity buckets as seen at now, newest first:
// within 30 days, then up to a year, up to three years, and older.
func activitySpans(now time.Time) []activitySpan {
	month := now.Add(-30 * 24 * time.Hour)
	year := now.AddDate(-1, 0, 0)
	threeYears := now.AddDate(-3, 0, 0)
	return []activitySpan{
		{registry.ActivityMonth, month, time.Time{}},
		{registry.ActivityYear, year, month},
		{registry.ActivityThreeYears, threeYears, year},
		{registry.ActivityOlder, time.Time{}, threeYears},
	}
}

// activityNames lists the last-activity buckets, for error messages.
func activityNames() string {
	return strings.Join([]string{registry.ActivityMonth, registry.ActivityYear, registry.ActivityThreeYears, registry.ActivityOlder}, ", ")
}

// filterQueries are the query's facet filters, to be searched without
// scores (see catalogueQuery), or an EINVALID error for an unknown
// activity.
func filterQueries(q registry.SearchQuery, now time.Time) ([]query.Query, error) {
	var filters []query.Query
	for _, f := range termFacets {
		value := f.filter(q)
		if value == "" {
			continue
		}
		t := bleve.NewTermQuery(value)
		t.SetField(f.field)
		filters = append(filters, t)
	}
	if q.Activity != "" {
		span, ok := activitySpanNamed(q.Activity, now)
		if !ok {
			return nil, registry.Errorf(registry.EINVALID, "Unknown activity %q: use one of %s.", q.Activity, activityNames())
		}
		inclusive, exclusive := true, false
		r := bleve.NewDateRangeInclusiveQuery(span.start, span.end, &inclusive, &exclusive)
		r.SetField(fieldCommittedAt)
		filters = append(filters, r)
	}
	return filters, nil
}

func activitySpanNamed(name string, now time.Time) (activitySpan, bool) {
	for _, s := range activitySpans(now) {
		if s.name == name {
			return s, true
		}
	}
	return activitySpan{}, false
}
