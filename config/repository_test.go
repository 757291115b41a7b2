package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormaliseRepo(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		// problem is a piece of the expected problem; "" when the address
		// is accepted.
		problem string
	}{
		// Accepted, and normalised.
		{raw: "https://github.com/alphagov/govuk-frontend", want: "https://github.com/alphagov/govuk-frontend"},
		{raw: "HTTPS://GitHub.COM/alphagov/govuk-frontend//", want: "https://github.com/alphagov/govuk-frontend"},
		{raw: "https://github.com/alphagov/govuk-frontend.git", want: "https://github.com/alphagov/govuk-frontend.git"},
		{raw: "http://git.example.org:8080/team/repo", want: "http://git.example.org:8080/team/repo"},
		{raw: "https://git.example.org/some%20group/repo", want: "https://git.example.org/some%20group/repo"},
		{raw: "ssh://git@GitLab.example.org:2222/team/repo.git", want: "ssh://git@gitlab.example.org:2222/team/repo.git"},
		{raw: "git@github.com:alphagov/router.git", want: "git@github.com:alphagov/router.git"},
		{raw: "git@github.com:alphagov/router/", want: "git@github.com:alphagov/router"},
		{raw: "github.com:alphagov/router", want: "github.com:alphagov/router"},
		{raw: "file:///srv/git/repo.git", want: "file:///srv/git/repo.git"},
		{raw: "file://localhost/srv/git/../git/repo.git/", want: "file:///srv/git/repo.git"},
		{raw: "/srv/mirrors/some-repo.git", want: "/srv/mirrors/some-repo.git"},
		{raw: "/srv/mirrors//some-repo.git/", want: "/srv/mirrors/some-repo.git"},
		{raw: "mirrors/repo", want: "/etc/govshare/mirrors/repo"},
		{raw: "../repo", want: "/etc/repo"},
		{raw: "./repo:v2", want: "/etc/govshare/repo:v2"},

		// Refused.
		{raw: "", problem: "must not be empty"},
		{raw: " https://github.com/a/b", problem: "spaces or control characters"},
		{raw: "https://github.com/a/b\t", problem: "spaces or control characters"},
		{raw: "https://github.com/a\x00/b", problem: "spaces or control characters"},
		{raw: "https://user:secret@github.com/a/b", problem: "do not put credentials in the participants file"},
		{raw: "https://ghp_token@github.com/a/b", problem: "do not put credentials in the participants file"},
		{raw: "ssh://git:secret@github.com/a/b", problem: "do not put credentials in the participants file"},
		{raw: "user:secret@github.com:a/b.git", problem: "do not put credentials in the participants file"},
		{raw: "user:secret@github.com/a/b.git", problem: "do not put credentials in the participants file"},
		{raw: "file://me@localhost/srv/repo", problem: "do not put credentials in the participants file"},
		{raw: "https://github.com/a/b?tab=readme", problem: "query"},
		{raw: "https://github.com/a/b?", problem: "query"},
		{raw: "https://github.com/a/b#readme", problem: "fragment"},
		{raw: "git@github.com:a/b?x", problem: "query"},
		{raw: "file:///srv/repo#x", problem: "query"},
		{raw: "ftp://example.org/repo.git", problem: `unsupported scheme "ftp://"`},
		{raw: "git://github.com/a/b", problem: `unsupported scheme "git://"`},
		{raw: "https:///a/b", problem: "must name a host"},
		{raw: "https://github.com", problem: "must name a repository, not only a host"},
		{raw: "https://github.com/", problem: "must name a repository, not only a host"},
		{raw: "https://github.com:port/a/b", problem: "is not a valid URL"},
		{raw: "https:github.com/a/b", problem: "write the scheme with two slashes"},
		{raw: "https:/github.com/a/b", problem: "write the scheme with two slashes"},
		{raw: "@github.com:a/b", problem: "empty user name"},
		{raw: "git@github_com:a/b", problem: "is not a valid address"},
		{raw: "git@github.com:", problem: "must name a repository after the colon"},
		{raw: "file://server/share/repo", problem: "must name a local path"},
		{raw: "file://", problem: "absolute path"},
		{raw: "file:///", problem: "not the root directory"},
		{raw: "/", problem: "not the root directory"},
		{raw: "~/mirrors/repo.git", problem: "~ is not expanded"},
		{raw: "github.com/alphagov/router", problem: "write https://github.com/alphagov/router"},
		{raw: "www.github.com/alphagov/router/", problem: "write https://www.github.com/alphagov/router"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, problem := normaliseRepo(tt.raw, "/etc/govshare")
			if tt.problem == "" {
				if problem != "" {
					t.Fatalf("normaliseRepo(%q) refused: %s", tt.raw, problem)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("normaliseRepo(%q) mismatch (-want +got):\n%s", tt.raw, diff)
				}
				return
			}
			if !strings.Contains(problem, tt.problem) {
				t.Errorf("normaliseRepo(%q) = %q, problem %q; want a problem containing %q", tt.raw, got, problem, tt.problem)
			}
			if got != "" {
				t.Errorf("normaliseRepo(%q) returned %q along with a problem", tt.raw, got)
			}
		})
	}
}
