package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// decodeJSON reads a request body holding exactly one JSON value into v,
// refusing unknown fields so that a misspelt one is not silently ignored.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("more than one JSON value")
		}
	}
	if err == nil {
		return nil
	}
	if maxBytes := new(http.MaxBytesError); errors.As(err, &maxBytes) {
		return err
	}
	if errors.Is(err, io.EOF) {
		return registry.Errorf(registry.EINVALID, "The request body is empty: send a JSON object.")
	}
	return fmt.Errorf("%w: %w", registry.Errorf(registry.EINVALID, "The request body is not valid JSON for this route: %s.", err.Error()), err)
}

// participantSources is the JSON answer listing a participant's sources.
type participantSources struct {
	Items []*registry.Source `json:"items"`
}

// apiListSources lists a participant's sources; like /api/v1/sources, it
// is public.
func (s *Server) apiListSources(c *gin.Context) error {
	id := c.Param("id")
	if _, err := s.store.Participant(c.Request.Context(), id); err != nil {
		return fmt.Errorf("read participant %q: %w", id, err)
	}
	sources, err := s.store.Sources(c.Request.Context(), id)
	if err != nil {
		return fmt.Errorf("list sources of %q: %w", id, err)
	}
	s.writeJSON(c, http.StatusOK, participantSources{Items: nonNil(sources)})
	return nil
}

func (s *Server) apiAddSource(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	var req sourceRequest
	if err := decodeJSON(c.Request, &req); err != nil {
		return err
	}
	src, err := s.addSource(c.Request.Context(), who, p.ID, req)
	if err != nil {
		return err
	}
	c.Header("Location", sourcePath(p.ID, src.ID))
	s.writeJSON(c, http.StatusCreated, src)
	return nil
}

// sourceUpdate is what PATCH changes: an organisation's filters.
type sourceUpdate struct {
	Filters *registry.SourceFilters `json:"filters"`
}

func (s *Server) apiUpdateSource(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	src, err := s.ownSource(c.Request.Context(), p.ID, c.Param("sid"))
	if err != nil {
		return err
	}
	var req sourceUpdate
	if err := decodeJSON(c.Request, &req); err != nil {
		return err
	}
	if req.Filters == nil {
		return registry.Errorf(registry.EINVALID, "Send the new filters: {\"filters\": {...}}.")
	}
	updated, err := s.updateSource(c.Request.Context(), who, src, *req.Filters)
	if err != nil {
		return err
	}
	s.writeJSON(c, http.StatusOK, updated)
	return nil
}

// removedSource is the JSON answer to removing a source.
type removedSource struct {
	Removed         *registry.Source `json:"removed"`
	RemovedProjects []string         `json:"removed_projects"`
}

func (s *Server) apiRemoveSource(c *gin.Context) error {
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	src, err := s.ownSource(c.Request.Context(), p.ID, c.Param("sid"))
	if err != nil {
		return err
	}
	removed, err := s.removeSource(c.Request.Context(), who, src)
	if err != nil {
		return err
	}
	s.writeJSON(c, http.StatusOK, removedSource{Removed: src, RemovedProjects: nonNil(removed)})
	return nil
}

// auditList is the JSON answer listing audit log entries.
type auditList struct {
	Items []*registry.AuditEntry `json:"items"`
}

// Audit log page sizes.
const (
	defaultAuditLimit = 100
	maxAuditLimit     = 1000
)

// apiAudit lists a participant's audit log, newest first, to the
// participant and operators only.
func (s *Server) apiAudit(c *gin.Context) error {
	_, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	limit, err := intParam(c.Request.URL.Query(), "limit", defaultAuditLimit, 1, maxAuditLimit)
	if err != nil {
		return err
	}
	entries, err := s.store.Audit(c.Request.Context(), p.ID, limit)
	if err != nil {
		return fmt.Errorf("read the audit log of %q: %w", p.ID, err)
	}
	s.writeJSON(c, http.StatusOK, auditList{Items: nonNil(entries)})
	return nil
}

// sourcePath is the API address of one source.
func sourcePath(participantID string, sourceID int64) string {
	return "/api/v1/participants/" + url.PathEscape(participantID) + "/sources/" + strconv.FormatInt(sourceID, 10)
}
