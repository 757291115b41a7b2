package ui

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// projectReport is a project's compliance report: what a procurement team
// keeps on file, with the evidence for every claim.
type projectReport struct {
	Project     reportProject          `json:"project"`
	GeneratedAt string                 `json:"generated_at"`
	Summary     checkSummary           `json:"summary"`
	Checks      []registry.Check       `json:"checks"`
	Standards   []registry.Standard    `json:"standards"`
	Licenses    []registry.LicenseFile `json:"licenses"`
	// DeclaredLicenses are what metadata files declare, to be read next to
	// Licenses, what the files say.
	DeclaredLicenses []registry.DeclaredLicense `json:"declared_licenses"`
	Metadata         []registry.MetadataFile    `json:"metadata"`
}

// reportProject identifies the project and commit a report is about.
type reportProject struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	URL             string    `json:"url"`
	Commit          string    `json:"commit"`
	CommittedAt     time.Time `json:"committed_at"`
	Participant     string    `json:"participant"`
	ParticipantName string    `json:"participant_name"`
	Country         string    `json:"country"`
	License         string    `json:"license"`
	DeclaredLicense string    `json:"declared_license"`
	IndexedAt       time.Time `json:"indexed_at"`
	// Stale is true when the last crawl failed and the report describes the
	// last good record.
	Stale bool `json:"stale"`
}

func (s *Server) apiProjectReport(c *gin.Context) error {
	p, done, err := s.readProject(c, reportPath)
	if done || err != nil {
		return err
	}
	s.writeJSON(c, http.StatusOK, buildReport(p, s.clock()))
	return nil
}

// buildReport makes p's report as generated at now. Every list is an array,
// never null, down to each check's and standard's evidence.
func buildReport(p *registry.Project, now time.Time) projectReport {
	r := p.Record
	r.Normalize()
	checks := make([]registry.Check, 0, len(r.Checks))
	for _, c := range r.Checks {
		c.Evidence = nonNil(c.Evidence)
		checks = append(checks, c)
	}
	standards := make([]registry.Standard, 0, len(r.Standards))
	for _, st := range r.Standards {
		st.Evidence = nonNil(st.Evidence)
		standards = append(standards, st)
	}
	metadata := make([]registry.MetadataFile, 0, len(r.Metadata))
	for _, m := range r.Metadata {
		m.Errors = nonNil(m.Errors)
		metadata = append(metadata, m)
	}
	return projectReport{
		Project: reportProject{
			ID:              p.ID,
			Name:            r.Name,
			URL:             r.URL,
			Commit:          r.Commit,
			CommittedAt:     r.CommittedAt,
			Participant:     p.ParticipantID,
			ParticipantName: p.ParticipantName,
			Country:         p.Country,
			License:         r.License,
			DeclaredLicense: r.DeclaredLicense,
			IndexedAt:       p.IndexedAt,
			Stale:           p.Stale,
		},
		GeneratedAt:      now.UTC().Format(time.RFC3339),
		Summary:          summariseChecks(r.Checks),
		Checks:           checks,
		Standards:        standards,
		Licenses:         r.Licenses,
		DeclaredLicenses: r.DeclaredLicenses,
		Metadata:         metadata,
	}
}

// nonNil returns s, or an empty slice for nil, so that JSON shows [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// reportPath is the address of a project's JSON compliance report.
func reportPath(projectID string) string {
	return "/api/v1/projects/" + url.PathEscape(projectID) + "/report"
}
