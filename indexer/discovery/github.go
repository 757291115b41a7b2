package discovery

import (
	"context"
	"errors"
	"net/url"
	"strconv"
)

// githubRepo is what discovery reads of GitHub's repository object.
type githubRepo struct {
	ID         int64  `json:"id"`
	FullName   string `json:"full_name"`
	CloneURL   string `json:"clone_url"`
	HTMLURL    string `json:"html_url"`
	Archived   bool   `json:"archived"`
	Fork       bool   `json:"fork"`
	Private    bool   `json:"private"`
	Disabled   bool   `json:"disabled"`
	Visibility string `json:"visibility"`
}

// listGitHub lists an organisation's repositories (GET
// /orgs/{org}/repos?type=all), or a user's (GET /users/{user}/repos) when
// no organisation has the name, following the Link headers. Oldest first,
// so that repositories created during the listing do not shift the pages.
func (c *call) listGitHub(ctx context.Context) error {
	q := url.Values{"per_page": {"100"}, "type": {"all"}, "sort": {"created"}, "direction": {"asc"}}
	err := c.eachPage(ctx, c.endpoint(q, "orgs", c.t.Owner, "repos"), c.githubPage)
	if errors.Is(err, ErrNotFound) && c.pages == 0 {
		q.Set("type", "owner")
		err = c.eachPage(ctx, c.endpoint(q, "users", c.t.Owner, "repos"), c.githubPage)
	}
	return err
}

func (c *call) githubPage(r *response) (*url.URL, error) {
	var repos []githubRepo
	if err := c.decode(r, &repos); err != nil {
		return nil, err
	}
	for _, g := range repos {
		l := listed{
			name:      g.FullName,
			cloneURL:  g.CloneURL,
			webURL:    g.HTMLURL,
			archived:  g.Archived,
			fork:      g.Fork,
			notPublic: g.Private || g.Disabled || (g.Visibility != "" && g.Visibility != "public"),
		}
		if g.ID > 0 {
			l.id = strconv.FormatInt(g.ID, 10)
		}
		c.add(l)
	}
	if link := nextLink(r.header); link != "" {
		return c.follow(r.url, link)
	}
	return nil, nil
}
