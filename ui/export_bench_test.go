package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/govshare/govshare/registry"
)

// BenchmarkProjectsCSV writes a full export: 10,000 projects with sixteen
// checks and two standards each.
func BenchmarkProjectsCSV(b *testing.B) {
	projects := make([]*registry.Project, maxExportRows)
	for i := range projects {
		p := &registry.Project{ID: fmt.Sprintf("project-%05d", i), ParticipantID: "gb-gds", ParticipantName: "Government Digital Service", Country: "GB"}
		p.Name = fmt.Sprintf("=project %d", i)
		p.URL = fmt.Sprintf("https://github.com/gds/project-%d", i)
		p.Commit = "1111111111111111111111111111111111111111"
		p.CommittedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		p.License = "MIT"
		p.DeclaredLicenses = []registry.DeclaredLicense{{Path: "package.json", Value: "MIT", SPDX: "MIT"}}
		for c := range 16 {
			p.Checks = append(p.Checks, registry.Check{
				ID: fmt.Sprintf("check-%02d", c), Principle: principles[c%len(principles)].ID, Status: registry.CheckPass,
			})
		}
		p.Standards = []registry.Standard{{ID: "openapi", Status: registry.RoyaltyFree}, {ID: "ooxml", Status: registry.Proprietary}}
		projects[i] = p
	}
	b.ReportAllocs()
	for b.Loop() {
		body, err := projectsCSV(projects)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(body)))
	}
}
