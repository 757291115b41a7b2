package discovery

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/govshare/govshare/registry"
)

// Target is an organisation source as discovery sees it: which kind of code
// host, where its API is, and whose repositories to list.
type Target struct {
	// Host is registry.HostGitHub, HostGitLab, HostGitea or HostBitbucket.
	Host string
	// APIBase is the API's root URL, without a trailing slash:
	// https://api.github.com, https://gitlab.example.org/api/v4,
	// https://codeberg.org/api/v1, https://api.bitbucket.org/2.0.
	APIBase string
	// Owner is the organisation, user, group path (with its subgroups:
	// "a/b") or workspace.
	Owner string
	// WebBase is the host's web root (https://github.com). Repositories
	// whose clone URL is on another host are not listed.
	WebBase string
}

// String names the target for people: github.com/alphagov.
func (t Target) String() string {
	host := t.WebBase
	if u, err := url.Parse(t.WebBase); err == nil && u.Host != "" {
		host = u.Host
	}
	return host + "/" + t.Owner
}

// webHost is the host name people know the code host by: github.com.
func (t Target) webHost() string {
	if u, err := url.Parse(t.WebBase); err == nil && u.Host != "" {
		return u.Host
	}
	return t.WebBase
}

// wellKnownHosts are the public services whose kind ParseOrg infers.
var wellKnownHosts = map[string]string{
	"github.com":        registry.HostGitHub,
	"www.github.com":    registry.HostGitHub,
	"gitlab.com":        registry.HostGitLab,
	"www.gitlab.com":    registry.HostGitLab,
	"codeberg.org":      registry.HostGitea,
	"gitea.com":         registry.HostGitea,
	"bitbucket.org":     registry.HostBitbucket,
	"www.bitbucket.org": registry.HostBitbucket,
}

// hostNames are the kinds of code host in the words people use.
var hostNames = map[string]string{
	registry.HostGitHub:    "GitHub",
	registry.HostGitLab:    "GitLab",
	registry.HostGitea:     "Gitea or Forgejo",
	registry.HostBitbucket: "Bitbucket",
}

// pathSegment is what an owner's path segment may hold on every supported
// host: letters, digits, dot, hyphen and underscore.
var pathSegment = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// ParseOrg turns the URL of an organisation's page into a Target:
//
//	https://github.com/alphagov                      GitHub organisation or user
//	https://github.com/orgs/alphagov/repositories    the same
//	https://github.example.gov/team                  GitHub Enterprise (host "github")
//	https://gitlab.com/groups/a/b, https://gitlab.com/a/b   GitLab group and its subgroups
//	https://gitlab.example.gov/group                 self-hosted GitLab (host "gitlab")
//	https://codeberg.org/org                         Forgejo; a self-hosted Gitea or Forgejo with host "gitea"
//	https://bitbucket.org/workspace                  Bitbucket Cloud workspace
//
// host is "" to infer the kind from the well-known host names (github.com,
// gitlab.com, codeberg.org, gitea.com, bitbucket.org), or one of
// registry.HostGitHub, HostGitLab, HostGitea and HostBitbucket. Errors are
// *registry.Error with code EINVALID and say how to fix the URL. ParseOrg
// does not apply the registration rules on schemes and addresses; callers
// check those first.
func ParseOrg(rawURL, host string) (Target, error) {
	raw := strings.TrimSpace(rawURL)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return Target{}, registry.Errorf(registry.EINVALID,
			"%q is not the web address of an organisation: give one like https://github.com/alphagov", raw)
	}
	if u.User != nil {
		return Target{}, registry.Errorf(registry.EINVALID,
			"do not put credentials in an organisation's address: access tokens belong in govshare's configuration")
	}
	hostname := strings.ToLower(u.Hostname())
	known := wellKnownHosts[hostname]
	kind := strings.ToLower(strings.TrimSpace(host))
	switch {
	case kind == "" && known == "":
		return Target{}, registry.Errorf(registry.EINVALID,
			"cannot tell which code host %s runs: say whether it is github, gitlab, gitea or bitbucket", hostname)
	case kind == "":
		kind = known
	case hostNames[kind] == "":
		return Target{}, registry.Errorf(registry.EINVALID,
			"unknown code host %q: it must be github, gitlab, gitea or bitbucket", host)
	case known != "" && known != kind:
		return Target{}, registry.Errorf(registry.EINVALID,
			"%s is %s, not %s", hostname, hostNames[known], hostNames[kind])
	}

	web := u.Scheme + "://" + strings.ToLower(u.Host)
	if strings.HasPrefix(hostname, "www.") && known != "" {
		web = u.Scheme + "://" + strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	t := Target{Host: kind, WebBase: web}
	switch kind {
	case registry.HostGitHub:
		t.Owner, err = githubOwner(raw, segs)
		t.APIBase = web + "/api/v3"
		if hostname == "github.com" || hostname == "www.github.com" {
			t.APIBase = "https://api.github.com"
		}
	case registry.HostGitLab:
		t.Owner, err = gitlabOwner(raw, segs)
		t.APIBase = web + "/api/v4"
	case registry.HostGitea:
		t.Owner, err = singleOwner(raw, segs, "organisation or user")
		t.APIBase = web + "/api/v1"
	case registry.HostBitbucket:
		if known != registry.HostBitbucket {
			return Target{}, registry.Errorf(registry.EINVALID,
				"only Bitbucket Cloud (bitbucket.org) can be discovered; register %s's repositories one by one", hostname)
		}
		if len(segs) >= 2 && segs[1] == "workspace" {
			segs = segs[:1] // https://bitbucket.org/ws/workspace/repositories
		}
		t.Owner, err = singleOwner(raw, segs, "workspace")
		t.APIBase = "https://api.bitbucket.org/2.0"
	}
	if err != nil {
		return Target{}, err
	}
	return t, nil
}

func githubOwner(raw string, segs []string) (string, error) {
	if len(segs) >= 2 && segs[0] == "orgs" && (len(segs) == 2 || segs[2] == "repositories") {
		segs = segs[1:2] // https://github.com/orgs/alphagov/repositories
	}
	return singleOwner(raw, segs, "organisation or user")
}

// singleOwner accepts exactly one path segment: a host's organisations,
// users and workspaces have no sub-levels, so a second one names a
// repository.
func singleOwner(raw string, segs []string, what string) (string, error) {
	switch {
	case len(segs) == 0:
		return "", registry.Errorf(registry.EINVALID, "%s names no %s", raw, what)
	case len(segs) > 1:
		article := "a"
		if strings.ContainsAny(what[:1], "aeiou") {
			article = "an"
		}
		return "", registry.Errorf(registry.EINVALID,
			"%s is a repository, not %s %s: register it as a repository, or give the %s's address", raw, article, what, what)
	case !pathSegment.MatchString(segs[0]):
		return "", registry.Errorf(registry.EINVALID, "%q is not a valid %s name", segs[0], what)
	}
	return segs[0], nil
}

func gitlabOwner(raw string, segs []string) (string, error) {
	if len(segs) > 0 && segs[0] == "groups" {
		segs = segs[1:]
	}
	for i, s := range segs {
		if s == "-" { // https://gitlab.com/groups/a/-/shared
			segs = segs[:i]
			break
		}
	}
	if len(segs) == 0 {
		return "", registry.Errorf(registry.EINVALID, "%s names no group", raw)
	}
	for _, s := range segs {
		if !pathSegment.MatchString(s) {
			return "", registry.Errorf(registry.EINVALID, "%q is not a valid group path", strings.Join(segs, "/"))
		}
	}
	return strings.Join(segs, "/"), nil
}
