package ui

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// exportHeader is the header row of an export of the whole fixture: the
// checks' columns come grouped by principle, in the order first met.
var exportHeader = []string{
	"id", "name", "url", "participant", "participant_name", "country", "commit", "committed_at",
	"license", "declared_license", "licence_consistent", "overall", "pass", "warn", "fail",
	"check:licence-present", "check:licence-consistent", "check:licence-osi-approved",
	"check:open-standards-used",
	"check:metadata-valid",
	"check:readme-present", "check:security-policy", "check:maintained-recently",
	"standards", "proprietary_formats", "stale",
}

// exportRows are the fixture's projects as export rows, most recent commit
// first, as the search lists them.
var exportRows = map[string][]string{
	frontendURL: {projectID(frontendURL), "frontend", frontendURL, "gb-gds", "Government Digital Service", "GB",
		"1111111111111111111111111111111111111111", "2026-02-20T09:30:00Z", "MIT", "MIT", "pass", "warn", "4", "1", "0",
		"pass", "pass", "", "pass", "", "pass", "warn", "", "openapi;wcag", "", "false"},
	formsURL: {projectID(formsURL), "forms", formsURL, "gb-gds", "Government Digital Service", "GB",
		"2222222222222222222222222222222222222222", "2026-02-10T09:30:00Z", "Apache-2.0", "", "", "", "0", "0", "0",
		"", "", "", "", "", "", "", "", "", "", "true"},
	payrollURL: {projectID(payrollURL), "payroll", payrollURL, "gb-gds", "Government Digital Service", "GB",
		"3333333333333333333333333333333333333333", "2026-02-01T09:30:00Z", "MIT", "'@SUM(A1:A9)", "", "", "0", "0", "0",
		"", "", "", "", "", "", "", "", "", "", "false"},
	taxURL: {projectID(taxURL), "tax-calculator", taxURL, "ee-ria", "Information System Authority", "EE",
		"4444444444444444444444444444444444444444", "2026-01-20T09:30:00Z", "EUPL-1.2", "EUPL-1.2", "fail", "fail", "1", "1", "2",
		"", "fail", "pass", "warn", "fail", "", "", "", "", "ooxml", "false"},
	addressURL: {projectID(addressURL), `'=HYPERLINK("https://evil.example","address-lookup")`, addressURL, "ee-ria", "Information System Authority", "EE",
		"5555555555555555555555555555555555555555", "2026-01-10T09:30:00Z", "MIT", "", "", "pass", "1", "0", "0",
		"", "", "", "", "", "", "", "pass", "geojson", "ooxml", "false"},
}

// readCSV fetches path and parses it as CSV, checking the status.
func readCSV(t *testing.T, base, path string, wantStatus int) (response, [][]string) {
	t.Helper()
	res := get(t, base, path)
	if res.status != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body:\n%s", path, res.status, wantStatus, res.body)
	}
	if wantStatus != http.StatusOK {
		return res, nil
	}
	records, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
	if err != nil {
		t.Fatalf("GET %s: parse CSV: %v\n%s", path, err, res.body)
	}
	return res, records
}

func TestExportProjectsCSV(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	res, got := readCSV(t, srv.URL, "/api/v1/projects.csv", http.StatusOK)

	want := [][]string{exportHeader}
	for _, u := range []string{frontendURL, formsURL, payrollURL, taxURL, addressURL} {
		want = append(want, exportRows[u])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	headers := map[string]string{}
	for _, h := range []string{"Content-Type", "Content-Disposition", truncatedHeader, totalHeader} {
		headers[h] = res.header.Get(h)
	}
	wantHeaders := map[string]string{
		"Content-Type":        "text/csv; charset=utf-8; header=present",
		"Content-Disposition": `attachment; filename="govshare-projects-20260302.csv"`,
		truncatedHeader:       "false",
		totalHeader:           "5",
	}
	if diff := cmp.Diff(wantHeaders, headers); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if !strings.Contains(res.body, "\r\n") {
		t.Error("rows do not end in CRLF, as RFC 4180 has them")
	}
}

// TestExportProjectsCSVFilters checks the export takes the search API's
// text and filters, and ignores its paging: an export is every page.
func TestExportProjectsCSVFilters(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"license=MIT", []string{frontendURL, payrollURL, addressURL}},
		{"q=calculator", []string{taxURL}},
		{"participant=ee-ria&country=EE", []string{taxURL, addressURL}},
		{"language=Go&page=2&per_page=1", []string{frontendURL, payrollURL, taxURL, addressURL}},
		{"page=zero&per_page=5000", []string{frontendURL, formsURL, payrollURL, taxURL, addressURL}},
		{"q=zzzyzzx", nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			_, records := readCSV(t, srv.URL, "/api/v1/projects.csv?"+tc.query, http.StatusOK)
			if diff := cmp.Diff(exportHeader[:15], records[0][:15]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			var ids, want []string
			for _, r := range records[1:] {
				ids = append(ids, r[0])
			}
			for _, u := range tc.want {
				want = append(want, projectID(u))
			}
			if diff := cmp.Diff(want, ids); diff != "" {
				t.Errorf("projects (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExportProjectsCSVPages exports with a page size of two, so the five
// projects take three searches, and then with a limit below the total.
func TestExportProjectsCSVPages(t *testing.T) {
	cat := newCatalogue(t)
	all := []string{projectID(frontendURL), projectID(formsURL), projectID(payrollURL), projectID(taxURL), projectID(addressURL)}
	tests := []struct {
		name          string
		pageSize      int
		limit         int
		want          []string
		wantTruncated string
	}{
		{"three pages", 2, maxExportRows, all, "false"},
		{"page size divides the total", 5, maxExportRows, all, "false"},
		{"one per page", 1, maxExportRows, all, "false"},
		{"cut in the middle of a page", 2, 3, all[:3], "true"},
		{"cut at the end of a page", 2, 4, all[:4], "true"},
		{"limit equal to the total", 2, 5, all, "false"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := cat.server(t)
			s.exportPageSize, s.exportLimit = tc.pageSize, tc.limit
			srv := serveHandler(t, s.Handler())
			res, records := readCSV(t, srv.URL, "/api/v1/projects.csv", http.StatusOK)
			var ids []string
			for _, r := range records[1:] {
				ids = append(ids, r[0])
			}
			if diff := cmp.Diff(tc.want, ids); diff != "" {
				t.Errorf("projects (-want +got):\n%s", diff)
			}
			got := [2]string{res.header.Get(truncatedHeader), res.header.Get(totalHeader)}
			if diff := cmp.Diff([2]string{tc.wantTruncated, "5"}, got); diff != "" {
				t.Errorf("truncated, total headers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExportParticipantCSV(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	res, got := readCSV(t, srv.URL, "/api/v1/participants/ee-ria/report.csv", http.StatusOK)

	// Only ee-ria's checks have columns.
	header := slices.DeleteFunc(slices.Clone(exportHeader), func(c string) bool {
		return slices.Contains([]string{"check:licence-present", "check:readme-present", "check:security-policy"}, c)
	})
	keep := func(row []string) []string {
		var out []string
		for i, c := range exportHeader {
			if slices.Contains(header, c) {
				out = append(out, row[i])
			}
		}
		return out
	}
	want := [][]string{header, keep(exportRows[taxURL]), keep(exportRows[addressURL])}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	if got, want := res.header.Get("Content-Disposition"), `attachment; filename="govshare-ee-ria-20260302.csv"`; got != want {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}

	var apiErr apiErrorBody
	getJSON(t, srv.URL, "/api/v1/participants/no-such-body/report.csv", http.StatusNotFound, &apiErr)
	if apiErr.Error.Code != registry.ENOTFOUND {
		t.Errorf("unknown participant: code %q, want %q", apiErr.Error.Code, registry.ENOTFOUND)
	}
}

func TestSafeCells(t *testing.T) {
	in := []string{"=1+2", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", "", "plain", "a=b", "'quoted", "Ünïcode"}
	want := []string{"'=1+2", "'+SUM(A1)", "'-2", "'@cmd", "'\tx", "'\rx", "", "plain", "a=b", "'quoted", "Ünïcode"}
	if diff := cmp.Diff(want, safeCells(in)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestExportURL(t *testing.T) {
	tests := []struct {
		q    registry.SearchQuery
		want string
	}{
		{registry.SearchQuery{Page: 3, PerPage: 50}, "/api/v1/projects.csv"},
		{registry.SearchQuery{Text: "tax & more", License: "MIT", Country: "EE", Page: 2, PerPage: 7},
			"/api/v1/projects.csv?country=EE&license=MIT&q=tax+%26+more"},
	}
	for _, tc := range tests {
		if got := exportURL(tc.q); got != tc.want {
			t.Errorf("exportURL(%+v) = %q, want %q", tc.q, got, tc.want)
		}
	}
}
