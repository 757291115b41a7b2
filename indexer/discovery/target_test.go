package discovery

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestParseOrg(t *testing.T) {
	tests := []struct {
		url, host string
		want      Target
	}{
		{"https://github.com/alphagov", "",
			Target{Host: registry.HostGitHub, APIBase: "https://api.github.com", Owner: "alphagov", WebBase: "https://github.com"}},
		{"https://github.com/alphagov/?tab=repositories", "",
			Target{Host: registry.HostGitHub, APIBase: "https://api.github.com", Owner: "alphagov", WebBase: "https://github.com"}},
		{"https://www.github.com/orgs/alphagov/repositories", "",
			Target{Host: registry.HostGitHub, APIBase: "https://api.github.com", Owner: "alphagov", WebBase: "https://github.com"}},
		{"https://github.com/alphagov", "github",
			Target{Host: registry.HostGitHub, APIBase: "https://api.github.com", Owner: "alphagov", WebBase: "https://github.com"}},
		{"https://github.example.gov/digital-team", "github",
			Target{Host: registry.HostGitHub, APIBase: "https://github.example.gov/api/v3", Owner: "digital-team", WebBase: "https://github.example.gov"}},
		{"https://gitlab.com/groups/govuk/platform", "",
			Target{Host: registry.HostGitLab, APIBase: "https://gitlab.com/api/v4", Owner: "govuk/platform", WebBase: "https://gitlab.com"}},
		{"https://gitlab.com/govuk/platform/", "",
			Target{Host: registry.HostGitLab, APIBase: "https://gitlab.com/api/v4", Owner: "govuk/platform", WebBase: "https://gitlab.com"}},
		{"https://gitlab.com/groups/govuk/-/shared", "",
			Target{Host: registry.HostGitLab, APIBase: "https://gitlab.com/api/v4", Owner: "govuk", WebBase: "https://gitlab.com"}},
		{"https://gitlab.example.gov:8443/digital", "GitLab",
			Target{Host: registry.HostGitLab, APIBase: "https://gitlab.example.gov:8443/api/v4", Owner: "digital", WebBase: "https://gitlab.example.gov:8443"}},
		{"https://codeberg.org/forgejo", "",
			Target{Host: registry.HostGitea, APIBase: "https://codeberg.org/api/v1", Owner: "forgejo", WebBase: "https://codeberg.org"}},
		{"https://git.example.gov/digital", "gitea",
			Target{Host: registry.HostGitea, APIBase: "https://git.example.gov/api/v1", Owner: "digital", WebBase: "https://git.example.gov"}},
		{"https://bitbucket.org/govtech-demo", "",
			Target{Host: registry.HostBitbucket, APIBase: "https://api.bitbucket.org/2.0", Owner: "govtech-demo", WebBase: "https://bitbucket.org"}},
		{"https://bitbucket.org/govtech-demo/workspace/repositories/", "",
			Target{Host: registry.HostBitbucket, APIBase: "https://api.bitbucket.org/2.0", Owner: "govtech-demo", WebBase: "https://bitbucket.org"}},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got, err := ParseOrg(tt.url, tt.host)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseOrg (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseOrgRefuses(t *testing.T) {
	tests := []struct {
		url, host, want string
	}{
		{"github.com/alphagov", "", `"github.com/alphagov" is not the web address of an organisation: give one like https://github.com/alphagov`},
		{"ftp://github.com/alphagov", "", `"ftp://github.com/alphagov" is not the web address of an organisation: give one like https://github.com/alphagov`},
		{"https://ghp_x@github.com/alphagov", "", "do not put credentials in an organisation's address: access tokens belong in govshare's configuration"},
		{"https://git.example.gov/digital", "", "cannot tell which code host git.example.gov runs: say whether it is github, gitlab, gitea or bitbucket"},
		{"https://git.example.gov/digital", "svn", `unknown code host "svn": it must be github, gitlab, gitea or bitbucket`},
		{"https://github.com/alphagov", "gitlab", "github.com is GitHub, not GitLab"},
		{"https://github.com/", "", "https://github.com/ names no organisation or user"},
		{"https://github.com/alphagov/govuk-frontend", "", "https://github.com/alphagov/govuk-frontend is a repository, not an organisation or user: register it as a repository, or give the organisation or user's address"},
		{"https://codeberg.org/forgejo/forgejo", "", "https://codeberg.org/forgejo/forgejo is a repository, not an organisation or user: register it as a repository, or give the organisation or user's address"},
		{"https://bitbucket.org/govtech-demo/forms-api", "", "https://bitbucket.org/govtech-demo/forms-api is a repository, not a workspace: register it as a repository, or give the workspace's address"},
		{"https://bitbucket.example.gov/projects/DIG", "bitbucket", "only Bitbucket Cloud (bitbucket.org) can be discovered; register bitbucket.example.gov's repositories one by one"},
		{"https://gitlab.com/groups/", "", "https://gitlab.com/groups/ names no group"},
		{"https://gitlab.com/govuk/plat%20form", "", `"govuk/plat form" is not a valid group path`},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := ParseOrg(tt.url, tt.host)
			if registry.ErrorCode(err) != registry.EINVALID {
				t.Fatalf("ParseOrg: %v; want an EINVALID error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}
