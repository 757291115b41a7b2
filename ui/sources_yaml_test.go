package ui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestExportSourcesYAML(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	org := &registry.Source{ParticipantID: "gb-gds", URL: "https://github.com/gds-org", Origin: registry.OriginAPI, Kind: registry.KindOrg,
		Host: registry.HostGitHub, Filters: registry.SourceFilters{SkipForks: true, SkipArchived: true, Include: []string{"api-*", "web-*"}, Exclude: []string{"web-legacy"}}}
	if err := f.cat.store.AddSource(context.Background(), org); err != nil {
		t.Fatal(err)
	}
	// A discovered repository comes from its organisation, not the file.
	if _, _, err := f.cat.store.SyncDiscovered(context.Background(), org.ID, []registry.DiscoveredRepo{
		{HostID: "1", Name: "gds-org/api-one", CloneURL: "https://github.com/gds-org/api-one.git"},
	}, indexedAt); err != nil {
		t.Fatal(err)
	}

	res := f.send(t, nil, request{method: "GET", path: "/api/v1/participants/gb-gds/sources.yaml"})
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/yaml; charset=utf-8" ||
		res.header.Get("Content-Disposition") != `attachment; filename="govshare-gb-gds-sources.yaml"` {
		t.Fatalf("export: status %d, headers %v", res.status, res.header)
	}
	want := `# The sources of gb-gds in govshare, exported on 2026-03-02.
# Import it again with POST /api/v1/participants/gb-gds/sources.yaml.
participants:
  - id: gb-gds
    name: Government Digital Service
    country: GB
    website: https://www.gov.uk
    sources:
      - repo: /srv/git/payroll
      - repo: https://example.org/gds/forms.git
      - org: https://github.com/gds-org
        host: github
        skip_forks: true
        skip_archived: true
        include: [api-*, web-*]
        exclude: [web-legacy]
      - repo: https://github.com/gds/frontend
`
	if diff := cmp.Diff(want, res.body); diff != "" {
		t.Errorf("export (-want +got):\n%s", diff)
	}

	// It reads back as the same sources.
	entries, err := parseImport([]byte(res.body), "gb-gds")
	if err != nil {
		t.Fatal(err)
	}
	var got []sourceRequest
	for _, e := range entries {
		if err := e.check(); err != nil {
			t.Errorf("exported source %+v does not pass: %v", e, err)
		}
		got = append(got, e.request())
	}
	wantRequests := []sourceRequest{
		{URL: payrollURL, Kind: "repo"},
		{URL: formsURL, Kind: "repo"},
		{URL: org.URL, Kind: "org", Host: "github", Filters: org.Filters},
		{URL: frontendURL, Kind: "repo"},
	}
	if diff := cmp.Diff(wantRequests, got); diff != "" {
		t.Errorf("export read back (-want +got):\n%s", diff)
	}
}

func TestImportSourcesYAML(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	file := `participants:
  - id: gb-gds
    name: Government Digital Service
    country: GB
    sources:
      - repo: https://github.com/gds/frontend
      - repo: /srv/git/payroll
      - repo: https://github.com/gds/imported
      - org: https://gitlab.com/gds-group
        skip_archived: true
        exclude: [sandbox-*]
      - repo: file:///srv/git/secret.git
      - repo: https://github.com/gds/a
        org: https://github.com/gds
      - repo: https://github.com/gds/b
        skip_forks: true
      - repo: https://GitHub.com/gds/imported/
      - repo: https://gitlab.com/ria/tax-calculator.git
`
	res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/sources.yaml", body: file, token: f.tokens["gds"],
		header: map[string]string{"Content-Type": "application/yaml"}})
	if res.status != http.StatusOK {
		t.Fatalf("status %d; body:\n%s", res.status, res.body)
	}
	var got importReport
	decode(t, res, &got)
	type outcome struct {
		Line         int
		Status, Text string
	}
	var outcomes []outcome
	for _, it := range got.Items {
		outcomes = append(outcomes, outcome{it.Line, it.Status, it.URL + " " + it.Message})
	}
	want := []outcome{
		{6, "exists", "https://github.com/gds/frontend registered already"},
		{7, "exists", "/srv/git/payroll registered already"},
		{8, "added", "https://github.com/gds/imported "},
		{9, "added", "https://gitlab.com/gds-group "},
		{12, "refused", "file:///srv/git/secret.git file:// URLs are only allowed in the operator's configuration"},
		{13, "refused", `https://github.com/gds A source is either "repo: URL" or "org: URL", not both.`},
		{15, "refused", "https://github.com/gds/b skip_forks, skip_archived, include and exclude choose among an organisation's repositories: use them with \"org: URL\"."},
		{17, "exists", "https://GitHub.com/gds/imported/ registered already"},
		{18, "refused", "https://gitlab.com/ria/tax-calculator.git https://gitlab.com/ria/tax-calculator.git is registered already (by ee-ria)"},
	}
	if diff := cmp.Diff(want, outcomes); diff != "" {
		t.Errorf("import report (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([3]int{2, 3, 4}, [3]int{got.Added, got.Exists, got.Refused}); diff != "" {
		t.Errorf("added, exists, refused (-want +got):\n%s", diff)
	}
	group, err := f.cat.store.Source(context.Background(), f.sourceID(t, "https://gitlab.com/gds-group"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(registry.SourceFilters{SkipArchived: true, Exclude: []string{"sandbox-*"}}, group.Filters); diff != "" || group.Host != registry.HostGitLab {
		t.Errorf("imported group: host %q, filters (-want +got):\n%s", group.Host, diff)
	}
	if got := len(f.queue.take()); got != 2 {
		t.Errorf("%d crawls queued, want 2", got)
	}
	if got := len(f.state(t, "gb-gds").Audit); got != 2 {
		t.Errorf("%d audit entries, want 2", got)
	}
}

func TestImportSourcesYAMLRefused(t *testing.T) {
	f := newAccessFixture(t, Limits{}, false)
	tests := []struct {
		name       string
		token      string
		body       string
		wantStatus int
		want       string
	}{
		{"another participant's file", "gds", "participants:\n  - id: ee-ria\n    sources: []\n", 400, `The file must list participant \"gb-gds\" alone; it lists [\"ee-ria\"].`},
		{"two participants", "gds", "participants:\n  - id: gb-gds\n  - id: ee-ria\n", 400, "alone"},
		{"an unknown field", "gds", "participants:\n  - id: gb-gds\n    sources:\n      - repo: https://github.com/gds/x\n        branch: main\n", 400,
			`line 5: unknown field \"branch\" in a source`},
		{"a source that is not a mapping", "gds", "participants:\n  - id: gb-gds\n    sources:\n      - https://github.com/gds/x\n", 400,
			`line 4: each source must be a mapping`},
		{"not YAML", "gds", "participants: [", 400, "not a participants file"},
		{"a wrong type", "gds", "participants:\n  - id: gb-gds\n    sources:\n      - org: https://github.com/gds\n        skip_forks: often\n", 400, "line 5"},
		{"another participant's token", "ria", "participants:\n  - id: gb-gds\n", 403, "forbidden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := f.send(t, nil, request{method: "POST", path: "/api/v1/participants/gb-gds/sources.yaml", body: tc.body, token: f.tokens[tc.token]})
			if res.status != tc.wantStatus || !strings.Contains(res.body, tc.want) {
				t.Errorf("status %d, want %d; body lacks %q:\n%s", res.status, tc.wantStatus, tc.want, res.body)
			}
		})
	}
}

func TestImportRefusesAliasesAndHugeDocuments(t *testing.T) {
	var b strings.Builder
	b.WriteString("participants:\n- id: aa\n  sources: [&s {org: \"https://example.org/o\", include: [a, a, a]}")
	for range 2000 {
		b.WriteString(", *s")
	}
	b.WriteString("]\n")
	_, err := parseImport([]byte(b.String()), "aa")
	if registry.ErrorCode(err) != registry.EINVALID || !strings.Contains(registry.ErrorMessage(err), "aliases") {
		t.Errorf("an import with aliases: %v", err)
	}

	b.Reset()
	b.WriteString("participants:\n- id: aa\n  sources:\n")
	for i := range 30_000 {
		fmt.Fprintf(&b, "  - repo: https://example.org/r%d\n", i)
	}
	_, err = parseImport([]byte(b.String()), "aa")
	if registry.ErrorCode(err) != registry.EINVALID || !strings.Contains(registry.ErrorMessage(err), "too large") {
		t.Errorf("a huge import: %v", err)
	}
}
