package discovery

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// giteaPageSize is the most items Gitea and Forgejo send a page by default
// ([api] MAX_RESPONSE_ITEMS); an instance set lower sends fewer, which the
// paging below copes with.
const giteaPageSize = 50

// giteaRepo is what discovery reads of Gitea's and Forgejo's repository
// object.
type giteaRepo struct {
	ID       int64  `json:"id"`
	FullName string `json:"full_name"`
	CloneURL string `json:"clone_url"`
	HTMLURL  string `json:"html_url"`
	Archived bool   `json:"archived"`
	Fork     bool   `json:"fork"`
	Private  bool   `json:"private"`
	Internal bool   `json:"internal"`
}

// listGitea lists an organisation's repositories (GET
// /orgs/{org}/repos?limit=50&page=N), or a user's (GET /users/{user}/repos)
// when no organisation has the name.
func (c *call) listGitea(ctx context.Context) error {
	q := url.Values{"limit": {strconv.Itoa(giteaPageSize)}, "page": {"1"}}
	err := c.eachPage(ctx, c.endpoint(q, "orgs", c.t.Owner, "repos"), c.giteaPages())
	if errors.Is(err, ErrNotFound) && c.pages == 0 {
		err = c.eachPage(ctx, c.endpoint(q, "users", c.t.Owner, "repos"), c.giteaPages())
	}
	return err
}

// giteaPages reads pages of repositories. Gitea writes its Link headers
// with its configured ROOT_URL, which need not be the address discovery
// was given, so the next page is asked for by number at that address: there
// is one while the Link header names a rel="next" or fewer repositories
// than X-Total-Count have been read, and the last page was not empty.
func (c *call) giteaPages() pageFunc {
	read := 0
	return func(r *response) (*url.URL, error) {
		var repos []giteaRepo
		if err := c.decode(r, &repos); err != nil {
			return nil, err
		}
		read += len(repos)
		for _, g := range repos {
			l := listed{
				name:      g.FullName,
				cloneURL:  g.CloneURL,
				webURL:    g.HTMLURL,
				archived:  g.Archived,
				fork:      g.Fork,
				notPublic: g.Private || g.Internal,
			}
			if g.ID > 0 {
				l.id = strconv.FormatInt(g.ID, 10)
			}
			c.add(l)
		}
		total, err := strconv.Atoi(strings.TrimSpace(r.header.Get("X-Total-Count")))
		more := nextLink(r.header) != "" || (err == nil && read < total)
		if !more || len(repos) == 0 {
			return nil, nil
		}
		page, err := strconv.Atoi(r.url.Query().Get("page"))
		if err != nil || page < 1 {
			page = 1
		}
		return withPage(r.url, page+1), nil
	}
}
