package discovery

import (
	"context"
	"encoding/json"
	"net/url"
)

// bitbucketPage is Bitbucket Cloud's paginated list of repositories.
type bitbucketPage struct {
	Values *[]bitbucketRepo `json:"values"`
	Next   string           `json:"next"`
}

// bitbucketRepo is what discovery reads of Bitbucket's repository object.
// Bitbucket has no archived flag.
type bitbucketRepo struct {
	UUID      string          `json:"uuid"`
	FullName  string          `json:"full_name"`
	IsPrivate bool            `json:"is_private"`
	Parent    json.RawMessage `json:"parent"`
	Links     struct {
		HTML struct {
			Href string `json:"href"`
		} `json:"html"`
		Clone []struct {
			Name string `json:"name"`
			Href string `json:"href"`
		} `json:"clone"`
	} `json:"links"`
}

// listBitbucket lists a workspace's repositories (GET
// /repositories/{workspace}?pagelen=100), following the body's next link.
func (c *call) listBitbucket(ctx context.Context) error {
	q := url.Values{"pagelen": {"100"}}
	return c.eachPage(ctx, c.endpoint(q, "repositories", c.t.Owner), c.bitbucketPage)
}

func (c *call) bitbucketPage(r *response) (*url.URL, error) {
	var page bitbucketPage
	if err := c.decode(r, &page); err != nil {
		return nil, err
	}
	if page.Values == nil {
		return nil, c.notAPI("no values in the page")
	}
	for _, b := range *page.Values {
		l := listed{
			id:        b.UUID,
			name:      b.FullName,
			webURL:    b.Links.HTML.Href,
			fork:      len(b.Parent) > 0 && string(b.Parent) != "null",
			notPublic: b.IsPrivate,
		}
		for _, clone := range b.Links.Clone {
			if clone.Name == "https" {
				l.cloneURL = clone.Href
			}
		}
		c.add(l)
	}
	if page.Next != "" {
		return c.follow(r.url, page.Next)
	}
	return nil, nil
}
