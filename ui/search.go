package ui

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// searchOutcome is a search result with its hits' projects read from the
// store.
type searchOutcome struct {
	result   *registry.SearchResult
	projects []foundProject
}

// foundProject is one hit whose project the store still holds.
type foundProject struct {
	project *registry.Project
	hit     registry.SearchHit
}

// runSearch searches, then reads the hits' projects from the store in hit
// order. A hit the store no longer holds (the index lags a removal) is left
// out rather than failing the page.
func (s *Server) runSearch(c *gin.Context, q registry.SearchQuery) (*searchOutcome, error) {
	ctx := c.Request.Context()
	if q.Now.IsZero() {
		// Last activity is measured from the server's clock, so that
		// pages, exports and tests agree on what "this month" is.
		q.Now = s.clock()
	}
	result, err := s.search.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	ids := make([]string, len(result.Hits))
	hits := make(map[string]registry.SearchHit, len(result.Hits))
	for i, h := range result.Hits {
		ids[i] = h.ID
		hits[h.ID] = h
	}
	projects, err := s.store.ProjectsByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("read %d projects found: %w", len(ids), err)
	}
	out := &searchOutcome{result: result, projects: make([]foundProject, 0, len(projects))}
	for _, p := range projects {
		out.projects = append(out.projects, foundProject{project: p, hit: hits[p.ID]})
	}
	return out, nil
}
