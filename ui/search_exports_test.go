package ui

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestExportProjectsJSON(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		path    string
		wantIDs []string
	}{
		// The broken repository never had a record: it is not a project.
		{"/api/v1/projects.json?country=EE&sort=name", []string{projectID(addressURL), projectID(taxURL)}},
		{"/api/v1/projects.json?license_family=permissive&sort=name", []string{
			projectID(addressURL), projectID(formsURL), projectID(frontendURL), projectID(payrollURL)}},
		{"/api/v1/projects.json?q=zzzyzzx", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := get(t, srv.URL, tt.path)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="govshare-projects-20260302.json"`) {
				t.Errorf("Content-Disposition %q", cd)
			}
			var export struct {
				Total     int                 `json:"total"`
				Truncated bool                `json:"truncated"`
				Items     []*registry.Project `json:"items"`
			}
			if err := json.Unmarshal([]byte(r.body), &export); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if export.Items == nil {
				t.Error("items is null, want an array")
			}
			var ids []string
			for _, p := range export.Items {
				ids = append(ids, p.ID)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("exported projects (-want +got):\n%s", diff)
			}
			if export.Total != len(tt.wantIDs) || export.Truncated {
				t.Errorf("total %d, truncated %v", export.Total, export.Truncated)
			}
		})
	}
}

func TestExportBadSortIsRefused(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	for _, path := range []string{"/api/v1/projects.json?sort=stars", "/api/v1/code.json?sort=stars", "/feed.atom?sort=stars", "/api/v1/projects?sort=stars"} {
		if r := get(t, srv.URL, path); r.status != http.StatusBadRequest || !strings.Contains(r.body, "sort must be one of") {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		}
	}
}

func TestExportCodeJSON(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	r := get(t, srv.URL, "/api/v1/code.json?sort=name")
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var inv codeInventory
	if err := json.Unmarshal([]byte(r.body), &inv); err != nil {
		t.Fatal(err)
	}
	if inv.Version != "2.0.0" || inv.MeasurementType.Method != "projects" || !strings.HasPrefix(inv.Agency, "govshare catalogue at http://127.0.0.1:") {
		t.Errorf("inventory header: %+v", inv)
	}
	byRepo := map[string]codeRelease{}
	for _, rel := range inv.Releases {
		byRepo[rel.RepositoryURL] = rel
		// Every field the schema requires is present, arrays never null.
		if rel.Name == "" || rel.RepositoryURL == "" || rel.Permissions.UsageType == "" ||
			rel.Tags == nil || rel.Languages == nil || rel.Permissions.Licenses == nil || rel.VCS != "git" {
			t.Errorf("release %s lacks a required field: %+v", rel.RepositoryURL, rel)
		}
	}
	if len(inv.Releases) != 5 {
		t.Errorf("%d releases, want every project (5)", len(inv.Releases))
	}
	tax := byRepo[taxURL]
	want := codePermissions{
		Licenses:  []codeLicense{{URL: "https://spdx.org/licenses/EUPL-1.2.html", Name: "EUPL-1.2"}},
		UsageType: "openSource",
	}
	if diff := cmp.Diff(want, tax.Permissions); diff != "" {
		t.Errorf("tax-calculator permissions (-want +got):\n%s", diff)
	}
	if tax.Organization == "" || !strings.HasSuffix(tax.Contact.URL, "/participants/ee-ria") || tax.Date.LastModified != "2026-01-20" {
		t.Errorf("tax-calculator release: %+v", tax)
	}
	for _, license := range []string{"", "LicenseRef-govshare-modified-MIT", "CC-BY-NC-4.0"} {
		p := &registry.Project{ID: "x", Record: registry.Record{URL: "https://example.org/x.git", License: license}}
		if got := codeReleaseOf(p, "http://h").Permissions.UsageType; got != "governmentWideReuse" {
			t.Errorf("licence %q: usage type %q, want governmentWideReuse: it is not open source", license, got)
		}
	}
}

func TestCatalogueFeed(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		path      string
		wantTitle string
		wantNames []string
	}{
		{"/feed.atom", "govshare: new and updated projects",
			[]string{"frontend", "forms", "payroll", "tax-calculator", `=HYPERLINK("https://evil.example","address-lookup")`}},
		{"/feed.atom?country=GB", "govshare: projects matching a search", []string{"frontend", "forms", "payroll"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := get(t, srv.URL, tt.path)
			if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("status %d, type %q", r.status, r.header.Get("Content-Type"))
			}
			var feed atomFeed
			if err := xml.Unmarshal([]byte(r.body), &feed); err != nil {
				t.Fatal(err)
			}
			if feed.Title != tt.wantTitle {
				t.Errorf("title %q, want %q", feed.Title, tt.wantTitle)
			}
			var names []string
			for _, e := range feed.Entries {
				names = append(names, e.Title[:strings.LastIndex(e.Title, " (")])
				if !strings.HasPrefix(e.Link.Href, srv.URL+"/projects/") {
					t.Errorf("entry link %q is not an absolute project address", e.Link.Href)
				}
			}
			// The broken repository never had a record, so it has no entry.
			if diff := cmp.Diff(tt.wantNames, names); diff != "" {
				t.Errorf("entries, newest first (-want +got):\n%s", diff)
			}
			if len(feed.Entries) > 0 && feed.Updated != feed.Entries[0].Updated {
				t.Errorf("feed updated %s, newest entry %s", feed.Updated, feed.Entries[0].Updated)
			}
		})
	}
}

func TestSearchPageLinksItsExports(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	doc, _ := getPage(t, srv.URL, "/search?q=calculator&country=EE", http.StatusOK)
	var hrefs []string
	for _, l := range links(doc) {
		hrefs = append(hrefs, l.Href)
	}
	for _, want := range []string{
		"/api/v1/projects.csv?country=EE&q=calculator",
		"/api/v1/projects.json?country=EE&q=calculator",
		"/api/v1/code.json?country=EE&q=calculator",
		"/feed.atom?country=EE&q=calculator",
	} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("the search page does not link %s", want)
		}
	}
}
