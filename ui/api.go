package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// healthz answers 200 while the store answers.
func (s *Server) healthz(c *gin.Context) error {
	if _, err := s.store.Participants(c.Request.Context()); err != nil {
		// The store's own error is kept for the log; the user learns only
		// that the catalogue is unavailable.
		unavailable := registry.Errorf(registry.EUNAVAILABLE, "The catalogue is not available right now.")
		return fmt.Errorf("%w: health check: %w", unavailable, err)
	}
	s.writeJSON(c, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// projectList is the JSON answer to a search.
type projectList struct {
	Total   int                              `json:"total"`
	Page    int                              `json:"page"`
	PerPage int                              `json:"per_page"`
	Items   []*registry.Project              `json:"items"`
	Facets  map[string][]registry.FacetValue `json:"facets"`
}

func (s *Server) apiProjects(c *gin.Context) error {
	q, err := parseSearchQuery(c.Request.URL.Query())
	if err != nil {
		return err
	}
	found, err := s.runSearch(c, q)
	if err != nil {
		return err
	}
	items := make([]*registry.Project, 0, len(found.projects))
	for _, p := range found.projects {
		items = append(items, p.project)
	}
	counts := make(map[string][]registry.FacetValue, len(facets))
	for _, f := range facets {
		values := found.result.Facets[f.Param]
		if values == nil {
			values = []registry.FacetValue{}
		}
		counts[f.Param] = values
	}
	s.writeJSON(c, http.StatusOK, projectList{
		Total:   found.result.Total,
		Page:    q.Page,
		PerPage: q.PerPage,
		Items:   items,
		Facets:  counts,
	})
	return nil
}

func (s *Server) apiProject(c *gin.Context) error {
	p, done, err := s.readProject(c, apiProjectPath)
	if done || err != nil {
		return err
	}
	s.writeJSON(c, http.StatusOK, p)
	return nil
}

// sourceList is the JSON answer listing sources and the last crawl.
type sourceList struct {
	Items   []*registry.Source `json:"items"`
	LastRun *registry.CrawlRun `json:"last_run"`
}

func (s *Server) apiSources(c *gin.Context) error {
	sources, err := s.store.Sources(c.Request.Context(), "")
	if err != nil {
		return fmt.Errorf("list sources: %w", err)
	}
	if sources == nil {
		sources = []*registry.Source{}
	}
	run, err := s.lastCrawlRun(c)
	if err != nil {
		return err
	}
	s.writeJSON(c, http.StatusOK, sourceList{Items: sources, LastRun: run})
	return nil
}

// lastCrawlRun returns the last crawl run, or nil when none has run.
func (s *Server) lastCrawlRun(c *gin.Context) (*registry.CrawlRun, error) {
	run, err := s.store.LastCrawlRun(c.Request.Context())
	if registry.ErrorCode(err) == registry.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read last crawl run: %w", err)
	}
	return run, nil
}

// apiProjectPath is the API address of a project.
func apiProjectPath(id string) string { return "/api/v1/projects/" + url.PathEscape(id) }
