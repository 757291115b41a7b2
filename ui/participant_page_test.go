package ui

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/govshare/govshare/registry"
)

// Repositories of the ee-ria organisation discoverRIA sets up.
const (
	riaOrgURL     = "https://github.com/ria-org"
	riaKeepURL    = "https://github.com/ria-org/keep.git"
	riaOldURL     = "https://github.com/ria-org/old-name.git"
	riaNewURL     = "https://github.com/ria-org/new-name.git"
	riaArchiveURL = "https://github.com/ria-org/archived.git"
	riaGoneURL    = "https://github.com/ria-org/vanishing.git"
)

// discoverRIA registers an organisation for ee-ria and discovers it twice:
// between the two, one repository is renamed (its project redirects), one
// is archived and one disappears. The renamed one's new project has no
// licence.
func (f *accessFixture) discoverRIA(t *testing.T) *registry.Source {
	t.Helper()
	ctx := context.Background()
	org := f.addAPISource(t, "ee-ria", riaOrgURL, registry.KindOrg, registry.HostGitHub)
	first := []registry.DiscoveredRepo{
		{HostID: "1", Name: "ria-org/keep", CloneURL: riaKeepURL},
		{HostID: "2", Name: "ria-org/old-name", CloneURL: riaOldURL},
		{HostID: "3", Name: "ria-org/archived", CloneURL: riaArchiveURL},
		{HostID: "4", Name: "ria-org/vanishing", CloneURL: riaGoneURL},
	}
	if _, _, err := f.cat.store.SyncDiscovered(ctx, org.ID, first, indexedAt); err != nil {
		t.Fatal(err)
	}
	f.recordProject(t, riaOldURL, registry.Record{Name: "old-name", License: "MIT"})
	f.recordProject(t, riaKeepURL, registry.Record{Name: "keep", License: "MIT"})
	second := []registry.DiscoveredRepo{
		{HostID: "1", Name: "ria-org/keep", CloneURL: riaKeepURL},
		{HostID: "2", Name: "ria-org/new-name", CloneURL: riaNewURL},
		{HostID: "3", Name: "ria-org/archived", CloneURL: riaArchiveURL, Archived: true},
	}
	if _, _, err := f.cat.store.SyncDiscovered(ctx, org.ID, second, indexedAt.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	f.recordProject(t, riaNewURL, registry.Record{Name: "new-name"})
	return org
}

func TestRenamedProjectRedirects(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	f.discoverRIA(t)
	oldID, newID := registry.ProjectID(riaOldURL), registry.ProjectID(riaNewURL)
	tests := []struct {
		path         string
		wantStatus   int
		wantLocation string
	}{
		{"/projects/" + oldID, http.StatusMovedPermanently, "/projects/" + newID},
		{"/api/v1/projects/" + oldID, http.StatusMovedPermanently, "/api/v1/projects/" + newID},
		{"/api/v1/projects/" + oldID + "/report?format=json", http.StatusMovedPermanently, "/api/v1/projects/" + newID + "/report?format=json"},
		{"/projects/" + newID, http.StatusOK, ""},
		{"/projects/never-existed-00000000", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			res := f.send(t, nil, request{method: "GET", path: tc.path})
			got := [2]any{res.status, res.header.Get("Location")}
			if diff := cmp.Diff([2]any{tc.wantStatus, tc.wantLocation}, got); diff != "" {
				t.Errorf("status and Location (-want +got):\n%s", diff)
			}
		})
	}
}

// repoProblemsOnPage reads a participant page: each repository's address
// with the titles of its problems, in page order.
func repoProblemsOnPage(t *testing.T, body string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	section := element(t, doc, "aria-labelledby", "repos-heading")
	var out []string
	for li := range section.Descendants() {
		if li.Type != html.ElementNode || !hasClass(li, "app-repo") {
			continue
		}
		line := ""
		for d := range li.Descendants() {
			switch {
			case d.Type == html.ElementNode && d.Data == "h3":
				line = textOf(d)
			case d.Type == html.ElementNode && hasClass(d, "app-check__title"):
				line += " | " + textOf(d)
			}
		}
		out = append(out, line)
	}
	return out
}

func TestParticipantPage(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	f.discoverRIA(t)
	doc, body := getPage(t, f.srv.URL, "/participants/ee-ria", http.StatusOK)

	want := []string{
		brokenURL + " | Fail The last crawl failed",
		riaNewURL + " | Fail No licence found",
		riaGoneURL + " | Fail The host no longer lists this repository",
		taxURL + " | Fail publiccode.yml is not valid | Fail The declared licence does not match the files | Warn Uses open standards",
		addressURL,
		riaArchiveURL,
		riaKeepURL,
		riaOldURL,
	}
	if diff := cmp.Diff(want, repoProblemsOnPage(t, body)); diff != "" {
		t.Errorf("repositories and problems, worst first (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		// A crawl error, with the fix for its reason.
		"repository not found (HTTP 404)",
		"Check the address. If the repository was renamed or moved, register its new address",
		// publiccode.yml's errors at their line and column.
		"<code>line 3:5</code> <code>url</code>: url is a required field",
		"<code>line 12:1</code> <code>legal.license</code>: invalid license &#34;EUPL&#34;",
		// The analysers' fixes, where the record has them.
		"Add the repository&#39;s url to publiccode.yml.",
		"pom.xml (project.licenses.license.name) declares Apache License, Version 2.0; the files say EUPL-1.2.",
		"Declare EUPL-1.2 in pom.xml, or change the licence files if Apache-2.0 is meant.",
		"Publish the manual as ODF or PDF/A.",
		fixNoLicence,
		// Discovered repositories' states.
		`Renamed at its host: it carries on as <a class="govuk-link" href="/projects/` + registry.ProjectID(riaNewURL) + `">` + riaNewURL + `</a>.`,
		"Archived at its host: it stays in the catalogue, marked archived.",
		"Discovered in " + riaOrgURL,
		"5 repositories discovered",
		// Links for the participant.
		`href="/participants/ee-ria/feed.atom"`,
		`href="/api/v1/participants/ee-ria/sources.yaml"`,
		`<link rel="alternate" type="application/atom+xml"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(body, "Metadata files are valid") {
		t.Error("the metadata-valid check is listed apart from the invalid file it is about")
	}
	if forms := element(t, doc, "aria-labelledby", "repos-heading"); strings.Contains(textOf(forms), "Remove") {
		t.Error("an anonymous visitor sees Remove buttons")
	}

	getPage(t, f.srv.URL, "/participants/xx-none", http.StatusNotFound)
}

// TestParticipantPageStaleRecord checks a repository whose last crawl
// failed after a good one: the page says the record is the last valid
// one.
func TestParticipantPageStaleRecord(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	_, body := getPage(t, f.srv.URL, "/participants/gb-gds", http.StatusOK)
	for _, want := range []string{
		"clone https://example.org/gds/forms.git: authentication required",
		"govshare only indexes public repositories.",
		"The catalogue shows the last valid record, indexed",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestCrawlFix(t *testing.T) {
	tests := map[string]string{
		"clone https://x/y.git: the host asks for credentials: the repository is private, or does not exist":       "govshare only indexes public repositories.",
		"list references of https://x/y.git: repository not found (it may be private, renamed or deleted)":         "Check the address.",
		"list references of https://x/y.git: cannot reach the host: no such host x":                                "Check the host name",
		"timed out: clone https://x/y.git: no answer within 5m0s":                                                  "did not answer in time",
		"the repository is empty: https://x/y.git has no commits":                                                  "Push at least one commit",
		"clone https://x/y.git: not a git repository":                                                              "you would give to git clone",
		"the repository is too large: clone https://x/y.git: the repository's pack is larger than the 2 GiB limit": "over the size limit",
		"discover https://github.com/org: GitHub API rate limit exceeded":                                          "rate limit was reached",
		"something nobody foresaw": "The next crawl tries again",
	}
	for reason, want := range tests {
		if got := crawlFix(reason); !strings.Contains(got, want) {
			t.Errorf("crawlFix(%q) = %q, want it to say %q", reason, got, want)
		}
	}
}
