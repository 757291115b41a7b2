package search

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/govshare/govshare/registry"
)

// NoLicense is the licence facet value of a project without any licence.
const NoLicense = "none"

// projectDocument is what the index holds for one project. Its json tags
// are the field names of the mapping.
type projectDocument struct {
	Name            string     `json:"name"`
	NameSort        string     `json:"name_sort"`
	Description     string     `json:"description"`
	Readme          string     `json:"readme"`
	ParticipantName string     `json:"participant_name"`
	Participant     string     `json:"participant"`
	Country         string     `json:"country"`
	License         []string   `json:"license"`
	Language        []string   `json:"language"`
	HasPubliccode   string     `json:"has_publiccode"`
	Stale           string     `json:"stale"`
	CommittedAt     *time.Time `json:"committed_at"` // nil when unknown, so it sorts last
}

// Type names the document's mapping, for bleve's mapping.Classifier.
func (projectDocument) Type() string { return documentType }

func newProjectDocument(p *registry.Project) *projectDocument {
	d := &projectDocument{
		Name:            p.Name,
		NameSort:        strings.ToLower(p.Name),
		Description:     p.Description,
		ParticipantName: p.ParticipantName,
		Participant:     p.ParticipantID,
		Country:         p.Country,
		License:         licenseIDs(p.License, p.Licenses),
		Language:        languageNames(p.Languages),
		HasPubliccode:   strconv.FormatBool(p.Publiccode != nil),
		Stale:           strconv.FormatBool(p.Stale),
	}
	if p.Readme != nil {
		d.Readme = p.Readme.Text
	}
	if !p.CommittedAt.IsZero() {
		t := p.CommittedAt.UTC()
		d.CommittedAt = &t
	}
	return d
}

// licenseIDs lists, sorted and once each, the licence identifiers in an SPDX
// expression and in the licence files, or NoLicense when there are none.
// Operators, parentheses and the exception after WITH are not licences.
func licenseIDs(expression string, files []registry.LicenseFile) []string {
	var ids []string
	tokens := strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(expression))
	for i := 0; i < len(tokens); i++ {
		switch strings.ToUpper(tokens[i]) {
		case "AND", "OR":
			continue
		case "WITH":
			i++ // skip the exception identifier
			continue
		}
		ids = append(ids, tokens[i])
	}
	for _, f := range files {
		// A component's licence (a subfolder's, a file header's) is not
		// the project's: filtering on it would list, say, an MIT project
		// under Apache-2.0 for one vendored file.
		if f.SPDX != "" && (f.Scope == "" || f.Scope == "project") {
			ids = append(ids, f.SPDX)
		}
	}
	if len(ids) == 0 {
		return []string{NoLicense}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func languageNames(languages []registry.Language) []string {
	names := make([]string, 0, len(languages))
	for _, l := range languages {
		if l.Name != "" {
			names = append(names, l.Name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}
