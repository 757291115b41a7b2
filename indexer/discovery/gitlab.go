package discovery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// gitlabProject is what discovery reads of GitLab's project object.
type gitlabProject struct {
	ID                int64           `json:"id"`
	PathWithNamespace string          `json:"path_with_namespace"`
	HTTPURLToRepo     string          `json:"http_url_to_repo"`
	WebURL            string          `json:"web_url"`
	Archived          bool            `json:"archived"`
	ForkedFromProject json.RawMessage `json:"forked_from_project"`
	Visibility        string          `json:"visibility"`
}

// listGitLab lists a group's projects with those of all its subgroups (GET
// /groups/{path}/projects?include_subgroups=true), archived ones included,
// projects merely shared with the group left out; or a user's (GET
// /users/{user}/projects) when no group has a one-segment name. Ordered by
// id, so that projects created during the listing do not shift the pages.
func (c *call) listGitLab(ctx context.Context) error {
	q := url.Values{
		"include_subgroups": {"true"}, "with_shared": {"false"},
		"per_page": {"100"}, "order_by": {"id"}, "sort": {"asc"},
	}
	err := c.eachPage(ctx, c.endpoint(q, "groups", c.t.Owner, "projects"), c.gitlabPage)
	if errors.Is(err, ErrNotFound) && c.pages == 0 && !strings.Contains(c.t.Owner, "/") {
		q.Del("include_subgroups")
		q.Del("with_shared")
		err = c.eachPage(ctx, c.endpoint(q, "users", c.t.Owner, "projects"), c.gitlabPage)
	}
	return err
}

// gitlabPage reads a page of projects. The next page is the one
// X-Next-Page numbers, asked of the API base discovery was given (GitLab
// builds its Link headers from its external URL, which a self-hosted
// instance reached by another address does not share), or, without that
// header (keyset pagination), the Link header's rel="next".
func (c *call) gitlabPage(r *response) (*url.URL, error) {
	var projects []gitlabProject
	if err := c.decode(r, &projects); err != nil {
		return nil, err
	}
	for _, p := range projects {
		fork := len(p.ForkedFromProject) > 0 && string(p.ForkedFromProject) != "null"
		l := listed{
			name:      p.PathWithNamespace,
			cloneURL:  p.HTTPURLToRepo,
			webURL:    p.WebURL,
			archived:  p.Archived,
			fork:      fork,
			notPublic: p.Visibility != "" && p.Visibility != "public",
		}
		if p.ID > 0 {
			l.id = strconv.FormatInt(p.ID, 10)
		}
		c.add(l)
	}
	if next, ok := r.header["X-Next-Page"]; ok {
		v := strings.TrimSpace(strings.Join(next, ""))
		if v == "" {
			return nil, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, c.notAPI(fmt.Sprintf("X-Next-Page %q is not a page number", v))
		}
		return withPage(r.url, n), nil
	}
	if link := nextLink(r.header); link != "" {
		return c.follow(r.url, link)
	}
	return nil, nil
}
