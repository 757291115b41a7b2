package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// rowText is a table row's cells' text, joined by " | ".
func rowText(tr *html.Node) string {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
			cells = append(cells, textOf(c))
		}
	}
	return strings.Join(cells, " | ")
}

// principleView is one principle's group of checks as a reader sees it.
type principleView struct {
	Heading string
	Checks  []string
}

// complianceGroups reads the compliance panel's groups: each heading, and
// each check's text with whitespace collapsed.
func complianceGroups(t *testing.T, doc *html.Node) []principleView {
	t.Helper()
	var groups []principleView
	for d := range element(t, doc, "class", "app-compliance").Descendants() {
		if d.Type != html.ElementNode || !hasClass(d, "app-principle") {
			continue
		}
		g := principleView{}
		for e := range d.Descendants() {
			switch {
			case e.Type == html.ElementNode && e.Data == "h3":
				g.Heading = textOf(e)
			case e.Type == html.ElementNode && e.Data == "li" && hasClass(e, "app-check"):
				g.Checks = append(g.Checks, textOf(e))
			}
		}
		groups = append(groups, g)
	}
	return groups
}

func TestProjectPageCompliance(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	const taxCommit = "https://gitlab.com/ria/tax-calculator/-/blob/4444444444444444444444444444444444444444/"
	tests := []struct {
		name        string
		url         string
		wantSummary string
		want        []principleView
		wantLinks   []link
	}{
		{
			name:        "failures with evidence and fixes, on GitLab",
			url:         taxURL,
			wantSummary: "1 pass, 1 warn, 2 fail.",
			want: []principleView{
				{"Open source", []string{
					"Fail Declared licence matches the files pom.xml declares Apache-2.0, but LICENSE.txt is EUPL-1.2. Evidence: pom.xml, line 14: <name>Apache License, Version 2.0</name> LICENSE.txt How to fix: Declare EUPL-1.2 in pom.xml, or change the licence files if Apache-2.0 is meant.",
					"Pass The licence is OSI approved EUPL-1.2 is OSI approved. Evidence: LICENSE.txt",
				}},
				{"Open standards", []string{
					"Warn Uses open standards No open standard detected, and docs/manual.docx is in a proprietary format. Evidence: docs/manual.docx How to fix: Publish the manual as ODF or PDF/A.",
				}},
				{"Open government and licensing", []string{
					"Fail Metadata files are valid publiccode.yml does not validate. Evidence: publiccode.yml, line 3: url is a required field How to fix: Add the repository's url to publiccode.yml.",
				}},
			},
			wantLinks: []link{
				{Text: "pom.xml, line 14", Href: taxCommit + "pom.xml#L14"},
				{Text: "LICENSE.txt", Href: taxCommit + "LICENSE.txt"},
				{Text: "LICENSE.txt", Href: taxCommit + "LICENSE.txt"},
				{Text: "docs/manual.docx", Href: taxCommit + "docs/manual.docx"},
				{Text: "publiccode.yml, line 3", Href: taxCommit + "publiccode.yml#L3"},
				{Text: "JSON", Href: "/api/v1/projects/" + projectID(taxURL) + "/report"},
			},
		},
		{
			name:        "grouped in principle order, no fix shown for a pass, no empty group",
			url:         frontendURL,
			wantSummary: "4 pass, 1 warn, 0 fail.",
			want: []principleView{
				{"Open source", []string{
					"Pass Has an open-source licence LICENSE holds the MIT licence, which the OSI approves. Evidence: LICENSE",
					"Pass Declared licence matches the files publiccode.yml and package.json declare MIT, as LICENSE says. Evidence: publiccode.yml, line 30 package.json, line 5 LICENSE",
				}},
				{"Open standards", []string{"Pass Uses open standards The API is described in OpenAPI 3.1.0. Evidence: api/openapi.yaml, line 1"}},
				{"Share and reuse", []string{
					"Pass Has a README README.md describes the project. Evidence: README.md",
					"Warn Has a security policy No SECURITY.md says how to report a vulnerability. Evidence: looked for SECURITY.md, .github/SECURITY.md and docs/SECURITY.md How to fix: Add a SECURITY.md saying how to report a vulnerability and how soon you answer.",
				}},
			},
		},
		{
			name: "evidence on an unknown host is text",
			url:  addressURL,
			want: []principleView{
				{"Share and reuse", []string{"Pass Maintained recently The last commit is from 2026-01-10."}},
			},
			wantSummary: "1 pass, 0 warn, 0 fail.",
			wantLinks:   []link{{Text: "JSON", Href: "/api/v1/projects/" + projectID(addressURL) + "/report"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := getPage(t, srv.URL, "/projects/"+projectID(tc.url), http.StatusOK)
			if got := textOf(element(t, doc, "class", "app-check-summary")); got != tc.wantSummary {
				t.Errorf("summary %q, want %q", got, tc.wantSummary)
			}
			if diff := cmp.Diff(tc.want, complianceGroups(t, doc)); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
			if tc.wantLinks != nil {
				if diff := cmp.Diff(tc.wantLinks, links(element(t, doc, "class", "app-compliance"))); diff != "" {
					t.Errorf("links (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestProjectPageWithoutChecks(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/projects/"+projectID(payrollURL), http.StatusOK)
	got := textOf(element(t, doc, "class", "app-compliance"))
	want := "Compliance checks No compliance check has been run on this record yet. This compliance report as JSON."
	if !strings.HasPrefix(got, want) {
		t.Errorf("compliance panel reads %q, want %q", got, want)
	}
}

func TestProjectPageStandards(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		name string
		url  string
		want string
	}{
		{
			name: "open standards with versions, bodies and evidence",
			url:  frontendURL,
			want: "Open standards " +
				"OpenAPI Specification 3.1, OpenAPI Initiative (Linux Foundation). Royalty-free. Evidence: api/openapi.yaml, line 1: openapi: 3.1.0 " +
				"WCAG conformance claim 2.1, W3C. Royalty-free. Evidence: docs/accessibility statement.md, line 3",
		},
		{
			name: "only a proprietary format: no open standard detected",
			url:  taxURL,
			want: "Open standards No open standard detected. Only what files in the repository show counts: a specification generated when the software runs is not evidence. " +
				"Proprietary formats Office Open XML documents (.docx, .xlsx, .pptx), Microsoft (ECMA-376, ISO/IEC 29500). Proprietary. Evidence: docs/manual.docx",
		},
		{
			name: "an open standard and a proprietary format",
			url:  addressURL,
			want: "Open standards GeoJSON RFC 7946, IETF. Royalty-free. Evidence: data/regions.geojson " +
				"Proprietary formats Office Open XML documents (.docx, .xlsx, .pptx), Microsoft (ECMA-376, ISO/IEC 29500). Proprietary. Evidence: docs/plan.docx",
		},
		{
			name: "nothing",
			url:  payrollURL,
			want: "Open standards No open standard detected. Only what files in the repository show counts: a specification generated when the software runs is not evidence.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, body := getPage(t, srv.URL, "/projects/"+projectID(tc.url), http.StatusOK)
			section := element(t, doc, "aria-labelledby", "standards-heading")
			if got := textOf(section); got != tc.want {
				t.Errorf("standards section reads\n%q\nwant\n%q", got, tc.want)
			}
			if strings.Contains(strings.ToLower(body), "absent") {
				t.Error(`page says "absent": evidence can only show a standard is not detected`)
			}
		})
	}

	// A path with a space is escaped in the link and shown as written.
	doc, _ := getPage(t, srv.URL, "/projects/"+projectID(frontendURL), http.StatusOK)
	l := linkTo(t, element(t, doc, "aria-labelledby", "standards-heading"), "docs/accessibility")
	if want := "https://github.com/gds/frontend/blob/1111111111111111111111111111111111111111/docs/accessibility%20statement.md#L3"; l.Href != want {
		t.Errorf("evidence link %q, want %q", l.Href, want)
	}
}

func TestProjectPageLicenceMismatch(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		name         string
		url          string
		wantRows     []string
		wantMismatch []string // rows marked as a mismatch
		wantNotice   string
	}{
		{
			name: "a manifest disagrees with the files",
			url:  taxURL,
			wantRows: []string{
				"publiccode.yml | legal.license | EUPL-1.2 | EUPL-1.2 | Matches the files",
				"pom.xml | project.licenses.license.name | Apache License, Version 2.0 (Apache-2.0) | EUPL-1.2 | Does not match the files",
			},
			wantMismatch: []string{"pom.xml | project.licenses.license.name | Apache License, Version 2.0 (Apache-2.0) | EUPL-1.2 | Does not match the files"},
			wantNotice:   "! Warning The declared licence does not match the files pom.xml (project.licenses.license.name) declares Apache License, Version 2.0; the files say EUPL-1.2.",
		},
		{
			name: "every declaration agrees",
			url:  frontendURL,
			wantRows: []string{
				"publiccode.yml | legal.license | MIT | MIT | Matches the files",
				"package.json | license | mit (MIT) | MIT | Matches the files",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, body := getPage(t, srv.URL, "/projects/"+projectID(tc.url), http.StatusOK)
			var rows, mismatched []string
			for d := range element(t, doc, "class", "app-declared").Descendants() {
				if d.Type == html.ElementNode && d.Data == "tr" && d.Parent.Data == "tbody" {
					rows = append(rows, rowText(d))
					if hasClass(d, "app-row--mismatch") {
						mismatched = append(mismatched, rowText(d))
					}
				}
			}
			if diff := cmp.Diff(tc.wantRows, rows); diff != "" {
				t.Errorf("declared licences (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantMismatch, mismatched); diff != "" {
				t.Errorf("rows marked as a mismatch (-want +got):\n%s", diff)
			}
			if tc.wantNotice == "" {
				if strings.Contains(body, "does not match the files") {
					t.Error("page warns of a mismatch that is not there")
				}
				return
			}
			section := element(t, doc, "aria-labelledby", "licence-heading")
			if got := textOf(element(t, section, "class", "app-mismatches")); got != tc.wantNotice {
				t.Errorf("notice reads %q, want %q", got, tc.wantNotice)
			}
		})
	}
}

func TestProjectPageLicenceFiles(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/projects/"+projectID(taxURL), http.StatusOK)
	var rows []string
	for d := range element(t, doc, "class", "app-licence-files").Descendants() {
		if d.Type == html.ElementNode && d.Data == "tr" && d.Parent.Data == "tbody" {
			rows = append(rows, rowText(d))
		}
	}
	want := []string{
		"LICENSE.txt | EUPL-1.2 | Whole project | 98.5% | Yes | The Dutch text of the EUPL.",
		"docs/LICENSE | LicenseRef-govshare-modified-CC-BY-4.0 Modified closest to CC-BY-4.0 | Component | 91.2% | No | Section 3(a) was changed: attribution must name the ministry.",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("licence files (-want +got):\n%s", diff)
	}
}

func TestProjectPageMetadataFiles(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/projects/"+projectID(taxURL), http.StatusOK)
	got := textOf(element(t, doc, "class", "app-metadata"))
	want := "publiccode.yml is not valid line 3:5 url: url is a required field pom.xml is valid"
	if got != want {
		t.Errorf("metadata files read %q, want %q", got, want)
	}
}

func TestProjectPageReportLinks(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/projects/"+projectID(taxURL), http.StatusOK)
	want := []link{
		{Text: "This record as JSON", Href: "/api/v1/projects/" + projectID(taxURL)},
		{Text: "Its compliance report as JSON", Href: "/api/v1/projects/" + projectID(taxURL) + "/report"},
		{Text: "Every project Information System Authority shares, as CSV", Href: "/api/v1/participants/ee-ria/report.csv"},
	}
	// The record's links close the page, after the compliance panel's.
	var last *html.Node
	for d := range doc.Descendants() {
		if d.Type == html.ElementNode && hasClass(d, "app-api-link") {
			last = d
		}
	}
	if diff := cmp.Diff(want, links(last)); diff != "" {
		t.Errorf("report links (-want +got):\n%s", diff)
	}
	// Each link answers.
	for _, l := range want {
		if res := get(t, srv.URL, l.Href); res.status != http.StatusOK {
			t.Errorf("GET %s: status %d", l.Href, res.status)
		}
	}
}

func TestSearchPageExportLink(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		path string
		want string // "" for no link
	}{
		{"/search", "/api/v1/projects.csv"},
		{"/search?q=tax&license=EUPL-1.2&page=1&per_page=5", "/api/v1/projects.csv?license=EUPL-1.2&q=tax"},
		{"/search?participant=ee-ria&country=EE&page=2&per_page=1", "/api/v1/projects.csv?country=EE&participant=ee-ria"},
		{"/search?q=zzzyzzx", ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			doc, body := getPage(t, srv.URL, tc.path, http.StatusOK)
			if tc.want == "" {
				if strings.Contains(body, "Download these results") {
					t.Error("an empty result offers a download")
				}
				return
			}
			l := linkTo(t, doc, "Download these results as CSV")
			if l.Href != tc.want {
				t.Errorf("export link %q, want %q", l.Href, tc.want)
			}
		})
	}
}
