package search

import (
	"maps"
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
	CountryName     string     `json:"country_name"`
	NamePlain       string     `json:"name_plain"`
	TextPlain       string     `json:"text_plain"`
	// Publiccode holds the publiccode.yml descriptions by field language
	// (see publiccodeFieldLanguage).
	Publiccode map[string]string `json:"publiccode,omitempty"`
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
	d.CountryName = countryName(p.Country)
	d.NamePlain = p.Name
	d.Publiccode = publiccodeTexts(p.Publiccode)
	d.TextPlain = strings.Join([]string{p.Description, p.ParticipantName, d.CountryName, publiccodeNames(p.Publiccode)}, "\n")
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

// publiccodeTexts gathers each language's publiccode.yml description (its
// localised name, short and long descriptions and features) under the
// language's field, or nil when there are none.
func publiccodeTexts(pc *registry.Publiccode) map[string]string {
	if pc == nil || len(pc.Descriptions) == 0 {
		return nil
	}
	keys := slices.Sorted(maps.Keys(pc.Descriptions))
	texts := make(map[string][]string)
	for _, key := range keys {
		desc := pc.Descriptions[key]
		lang := publiccodeFieldLanguage(key)
		texts[lang] = append(texts[lang], desc.LocalisedName, desc.ShortDescription, desc.LongDescription)
		texts[lang] = append(texts[lang], desc.Features...)
	}
	out := make(map[string]string, len(texts))
	for lang, parts := range texts {
		out[lang] = strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "\n")
	}
	return out
}

// publiccodeNames lists the publiccode.yml name and localised names, which
// are matched with typo tolerance like the project's name.
func publiccodeNames(pc *registry.Publiccode) string {
	if pc == nil {
		return ""
	}
	names := []string{pc.Name}
	for _, key := range slices.Sorted(maps.Keys(pc.Descriptions)) {
		names = append(names, pc.Descriptions[key].LocalisedName)
	}
	return strings.Join(names, "\n")
}
