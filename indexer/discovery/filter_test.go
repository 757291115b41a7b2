package discovery

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestFilter(t *testing.T) {
	repos := []registry.DiscoveredRepo{
		{HostID: "1", Name: "govuk/platform/api-gateway"},
		{HostID: "2", Name: "govuk/platform/api-legacy", Archived: true},
		{HostID: "3", Name: "govuk/platform/API-Docs"},
		{HostID: "4", Name: "govuk/platform/tools/deploy"},
		{HostID: "5", Name: "govuk/platform/nginx", Fork: true},
		{HostID: "6", Name: "govuk/platform/router"},
	}
	tests := []struct {
		name    string
		filters registry.SourceFilters
		want    []string // HostIDs
	}{
		{"no filters", registry.SourceFilters{}, []string{"1", "2", "3", "4", "5", "6"}},
		{"skip forks", registry.SourceFilters{SkipForks: true}, []string{"1", "2", "3", "4", "6"}},
		{"skip archived", registry.SourceFilters{SkipArchived: true}, []string{"1", "3", "4", "5", "6"}},
		{"include, any case", registry.SourceFilters{Include: []string{"api-*"}}, []string{"1", "2", "3"}},
		{"exclude wins", registry.SourceFilters{Include: []string{"api-*"}, Exclude: []string{"*-legacy"}}, []string{"1", "3"}},
		{"exclude only", registry.SourceFilters{Exclude: []string{"router", "nginx"}}, []string{"1", "2", "3", "4"}},
		{"subgroup pattern", registry.SourceFilters{Include: []string{"tools/*"}}, []string{"4"}},
		{"full path pattern", registry.SourceFilters{Exclude: []string{"govuk/platform/*"}}, []string{"4"}},
		{"more segments than the name", registry.SourceFilters{Include: []string{"a/b/c/d/e/*"}}, nil},
		{"malformed pattern matches nothing", registry.SourceFilters{Exclude: []string{"[api"}}, []string{"1", "2", "3", "4", "5", "6"}},
		{"everything", registry.SourceFilters{SkipForks: true, SkipArchived: true, Include: []string{"*"}, Exclude: []string{"api-docs"}}, []string{"1", "4", "6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Filter(repos, tt.filters) {
				got = append(got, r.HostID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("kept (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateFilters(t *testing.T) {
	tests := []struct {
		name    string
		filters registry.SourceFilters
		want    string
	}{
		{"none", registry.SourceFilters{}, ""},
		{"good", registry.SourceFilters{Include: []string{"api-*", "tools/[a-c]*"}, Exclude: []string{"?"}}, ""},
		{"malformed", registry.SourceFilters{Exclude: []string{"ok", "[api"}}, `filter pattern "[api" is malformed: use * for any characters, ? for one, [abc] for a set`},
		{"empty", registry.SourceFilters{Include: []string{" "}}, "a filter pattern is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateFilters(tt.filters)
			got := ""
			if err != nil {
				got = err.Error()
				if registry.ErrorCode(err) != registry.EINVALID {
					t.Errorf("code %q, want %q", registry.ErrorCode(err), registry.EINVALID)
				}
			}
			if got != tt.want {
				t.Errorf("ValidateFilters = %q, want %q", got, tt.want)
			}
		})
	}
}
