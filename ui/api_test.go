package ui

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

// projectPage is the JSON answer to a search, with items kept whole.
type projectPageJSON struct {
	Total   int                              `json:"total"`
	Page    int                              `json:"page"`
	PerPage int                              `json:"per_page"`
	Items   []*registry.Project              `json:"items"`
	Facets  map[string][]registry.FacetValue `json:"facets"`
}

// searchSummary is the part of a search answer the table compares.
type searchSummary struct {
	Total, Page, PerPage int
	IDs                  []string
	Licenses             []registry.FacetValue
	FacetNames           []string
}

func summarise(p projectPageJSON) searchSummary {
	s := searchSummary{Total: p.Total, Page: p.Page, PerPage: p.PerPage, Licenses: p.Facets["license"]}
	for _, it := range p.Items {
		s.IDs = append(s.IDs, it.ID)
	}
	for _, f := range facets {
		if _, ok := p.Facets[f.Param]; ok {
			s.FacetNames = append(s.FacetNames, f.Param)
		}
	}
	return s
}

func TestAPIProjects(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	allFacets := []string{"license_family", "license", "language", "participant", "country", "standard", "check_status", "activity", "has_publiccode"}
	tests := []struct {
		name string
		path string
		want searchSummary
	}{
		{
			name: "everything, most recent commit first",
			path: "/api/v1/projects",
			want: searchSummary{
				Total: 5, Page: 1, PerPage: 20,
				IDs: []string{projectID(frontendURL), projectID(formsURL), projectID(payrollURL), projectID(taxURL), projectID(addressURL)},
				Licenses: []registry.FacetValue{
					{Value: "MIT", Count: 3}, {Value: "Apache-2.0", Count: 1}, {Value: "EUPL-1.2", Count: 1},
				},
				FacetNames: allFacets,
			},
		},
		{
			name: "free text",
			path: "/api/v1/projects?q=calculator",
			want: searchSummary{
				Total: 1, Page: 1, PerPage: 20,
				IDs:        []string{projectID(taxURL)},
				Licenses:   []registry.FacetValue{{Value: "EUPL-1.2", Count: 1}},
				FacetNames: allFacets,
			},
		},
		{
			name: "licence filter",
			path: "/api/v1/projects?license=MIT",
			want: searchSummary{
				Total: 3, Page: 1, PerPage: 20,
				IDs:        []string{projectID(frontendURL), projectID(payrollURL), projectID(addressURL)},
				Licenses:   []registry.FacetValue{{Value: "MIT", Count: 3}},
				FacetNames: allFacets,
			},
		},
		{
			name: "two filters",
			path: "/api/v1/projects?license=MIT&participant=ee-ria",
			want: searchSummary{
				Total: 1, Page: 1, PerPage: 20,
				IDs:        []string{projectID(addressURL)},
				Licenses:   []registry.FacetValue{{Value: "MIT", Count: 1}},
				FacetNames: allFacets,
			},
		},
		{
			name: "last page",
			path: "/api/v1/projects?per_page=2&page=3",
			want: searchSummary{
				Total: 5, Page: 3, PerPage: 2,
				IDs: []string{projectID(addressURL)},
				Licenses: []registry.FacetValue{
					{Value: "MIT", Count: 3}, {Value: "Apache-2.0", Count: 1}, {Value: "EUPL-1.2", Count: 1},
				},
				FacetNames: allFacets,
			},
		},
		{
			name: "nothing matches",
			path: "/api/v1/projects?q=zzzyzzx",
			want: searchSummary{Total: 0, Page: 1, PerPage: 20, Licenses: []registry.FacetValue{}, FacetNames: allFacets},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got projectPageJSON
			getJSON(t, srv.URL, tc.path, http.StatusOK, &got)
			if diff := cmp.Diff(tc.want, summarise(got)); diff != "" {
				t.Errorf("GET %s (-want +got):\n%s", tc.path, diff)
			}
			if got.Items == nil {
				t.Errorf("GET %s: items is null, want an array", tc.path)
			}
		})
	}
}

// TestAPIProjectsItemsAreStoreRecords checks that search items are the
// store's project records, whole.
func TestAPIProjectsItemsAreStoreRecords(t *testing.T) {
	cat := newCatalogue(t)
	srv := cat.serve(t)
	want, err := cat.store.Project(context.Background(), projectID(taxURL))
	if err != nil {
		t.Fatal(err)
	}
	want.Readme.Text = "" // not part of the JSON form

	var list projectPageJSON
	getJSON(t, srv.URL, "/api/v1/projects?q=calculator", http.StatusOK, &list)
	if len(list.Items) != 1 {
		t.Fatalf("got %d items, want 1", len(list.Items))
	}
	if diff := cmp.Diff(want, list.Items[0]); diff != "" {
		t.Errorf("search item (-want +got):\n%s", diff)
	}

	var one registry.Project
	getJSON(t, srv.URL, "/api/v1/projects/"+projectID(taxURL), http.StatusOK, &one)
	if diff := cmp.Diff(want, &one); diff != "" {
		t.Errorf("project (-want +got):\n%s", diff)
	}
}

func TestAPIErrors(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	tests := []struct {
		path       string
		wantStatus int
		wantCode   string
	}{
		{"/api/v1/projects?page=0", http.StatusBadRequest, registry.EINVALID},
		{"/api/v1/projects?page=two", http.StatusBadRequest, registry.EINVALID},
		{"/api/v1/projects?page=-1", http.StatusBadRequest, registry.EINVALID},
		{"/api/v1/projects?per_page=0", http.StatusBadRequest, registry.EINVALID},
		{"/api/v1/projects?per_page=101", http.StatusBadRequest, registry.EINVALID},
		{"/api/v1/projects/no-such-project", http.StatusNotFound, registry.ENOTFOUND},
		{"/api/v1/no-such-route", http.StatusNotFound, registry.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			var got apiErrorBody
			getJSON(t, srv.URL, tc.path, tc.wantStatus, &got)
			if got.Error.Code != tc.wantCode {
				t.Errorf("error code %q, want %q", got.Error.Code, tc.wantCode)
			}
			if got.Error.Message == "" {
				t.Error("error message is empty")
			}
		})
	}
}

func TestAPISources(t *testing.T) {
	srv := newCatalogue(t).serve(t)
	var got struct {
		Items   []*registry.Source `json:"items"`
		LastRun *registry.CrawlRun `json:"last_run"`
	}
	getJSON(t, srv.URL, "/api/v1/sources", http.StatusOK, &got)

	type row struct {
		Status, LastError string
		Failures          int
		EverSucceeded     bool
	}
	rows := map[string]row{}
	for _, s := range got.Items {
		rows[s.URL] = row{Status: s.Status, LastError: s.LastError, Failures: s.Failures, EverSucceeded: !s.LastSuccessAt.IsZero()}
	}
	want := map[string]row{
		frontendURL: {Status: registry.SourceOK, EverSucceeded: true},
		formsURL:    {Status: registry.SourceFailed, LastError: "clone https://example.org/gds/forms.git: authentication required", Failures: 1, EverSucceeded: true},
		payrollURL:  {Status: registry.SourceOK, EverSucceeded: true},
		taxURL:      {Status: registry.SourceOK, EverSucceeded: true},
		addressURL:  {Status: registry.SourceOK, EverSucceeded: true},
		brokenURL:   {Status: registry.SourceFailed, LastError: "repository not found (HTTP 404)", Failures: 1},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if got.LastRun == nil {
		t.Fatal("last_run is null, want the fixture's crawl run")
	}
	if diff := cmp.Diff([2]int{5, 2}, [2]int{got.LastRun.Indexed, got.LastRun.Failed}); diff != "" {
		t.Errorf("last run indexed, failed (-want +got):\n%s", diff)
	}
}

func TestAPISourcesBeforeAnyCrawl(t *testing.T) {
	// A fresh store has no crawl run: last_run must be null, not an error.
	srv := newEmptyCatalogue(t).serve(t)
	res := get(t, srv.URL, "/api/v1/sources")
	if diff := cmp.Diff(`{"items":[],"last_run":null}`+"\n", res.body); diff != "" {
		t.Errorf("sources of an empty store (-want +got):\n%s", diff)
	}
}

func TestHealthz(t *testing.T) {
	cat := newCatalogue(t)
	srv := cat.serve(t)
	res := get(t, srv.URL, "/healthz")
	if diff := cmp.Diff(response{status: http.StatusOK, body: `{"status":"ok"}` + "\n"}, response{status: res.status, body: res.body}, cmp.AllowUnexported(response{})); diff != "" {
		t.Errorf("healthy (-want +got):\n%s", diff)
	}

	head, err := http.Head(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	head.Body.Close()
	if head.StatusCode != http.StatusOK {
		t.Errorf("HEAD /healthz: status %d, want 200", head.StatusCode)
	}

	cat.store.Close()
	var got apiErrorBody
	getJSON(t, srv.URL, "/healthz", http.StatusServiceUnavailable, &got)
	if got.Error.Code != registry.EUNAVAILABLE {
		t.Errorf("closed store: code %q, want %q", got.Error.Code, registry.EUNAVAILABLE)
	}
}
