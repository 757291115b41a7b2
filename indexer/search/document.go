package search

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"

	"github.com/govshare/govshare/indexer/analysis/licenses"
	"github.com/govshare/govshare/registry"
)

// NoLicense is the licence facet value of a project without any licence.
const NoLicense = "none"

// projectDocument is what the index holds for one project. Its json tags
// are the field names of the mapping.
type projectDocument struct {
	Name            string   `json:"name"`
	NameSort        string   `json:"name_sort"`
	Description     string   `json:"description"`
	Readme          string   `json:"readme"`
	ParticipantName string   `json:"participant_name"`
	Participant     string   `json:"participant"`
	Country         string   `json:"country"`
	License         []string `json:"license"`
	LicenseFamily   string   `json:"license_family"`
	Language        []string `json:"language"`
	Standard        []string `json:"standard"`
	// CheckStatus is the worst outcome among the checks, and empty (so no
	// term) when there are none.
	CheckStatus   []string   `json:"check_status"`
	HasPubliccode string     `json:"has_publiccode"`
	Stale         string     `json:"stale"`
	CommittedAt   *time.Time `json:"committed_at"` // nil when unknown
	Committed     []string   `json:"committed"`    // empty when unknown, so it sorts last
	CountryName   string     `json:"country_name"`
	NamePlain     string     `json:"name_plain"`
	TextPlain     string     `json:"text_plain"`
	About         string     `json:"about"`
	// Publiccode holds the publiccode.yml descriptions by field language
	// (see publiccodeFieldLanguage).
	Publiccode map[string]string `json:"publiccode,omitempty"`
}

// Type names the document's mapping, for bleve's mapping.Classifier.
func (projectDocument) Type() string { return documentType }

func newProjectDocument(p *registry.Project) *projectDocument {
	d := &projectDocument{
		Name:            p.Name,
		NameSort:        nameKey(p.Name),
		Description:     p.Description,
		ParticipantName: p.ParticipantName,
		Participant:     p.ParticipantID,
		Country:         p.Country,
		License:         licenseIDs(p.License, p.Licenses),
		LicenseFamily:   licenses.Family(p.License),
		Language:        languageNames(p.Languages),
		Standard:        standardIDs(p.Standards),
		CheckStatus:     worstCheckStatus(p.Checks),
		HasPubliccode:   strconv.FormatBool(p.Publiccode != nil),
		Stale:           strconv.FormatBool(p.Stale),
	}
	if p.Readme != nil {
		d.Readme = p.Readme.Text
	}
	d.CountryName = registry.CountryName(p.Country)
	d.NamePlain = p.Name
	d.Publiccode = publiccodeTexts(p.Publiccode)
	d.About = strings.Join([]string{p.Name, p.Description, d.Publiccode["en"]}, "\n")
	d.TextPlain = strings.Join([]string{p.Description, p.ParticipantName, d.CountryName, publiccodeNames(p.Publiccode)}, "\n")
	if !p.CommittedAt.IsZero() {
		// Both to the second, so that the range filter and the facet
		// columns, which read the text, place a commit alike.
		t := p.CommittedAt.UTC().Truncate(time.Second)
		d.CommittedAt = &t
		d.Committed = []string{t.Format(time.RFC3339)}
	}
	return d
}

// nameKey is a name as the name_sort field holds it, for sorting and for
// matching a whole name: lower case, accents folded, spaces collapsed, so
// that "Éole" sorts among the E's and "geoportail" is the whole name
// "Géoportail".
func nameKey(name string) string {
	folded := string(asciifolding.New().Filter([]byte(name)))
	return strings.Join(strings.Fields(strings.ToLower(folded)), " ")
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

// languageNames lists, sorted and once each, the project's languages.
func languageNames(languages []registry.Language) []string {
	return sortedUnique(languages, func(l registry.Language) string { return l.Name })
}

// standardIDs lists, sorted and once each, the ids of the standards a
// project shows evidence of.
func standardIDs(standards []registry.Standard) []string {
	return sortedUnique(standards, func(s registry.Standard) string { return s.ID })
}

// sortedUnique returns the non-empty keys of items, sorted, once each.
func sortedUnique[T any](items []T, key func(T) string) []string {
	keys := make([]string, 0, len(items))
	for _, it := range items {
		if k := key(it); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// checkSeverity ranks check outcomes, the worst highest; an unknown
// outcome ranks nowhere.
var checkSeverity = map[string]int{registry.CheckPass: 1, registry.CheckWarn: 2, registry.CheckFail: 3}

// worstCheckStatus is the worst outcome among checks (fail, then warn, then
// pass), as a one-value list, or nil when no check has an outcome.
func worstCheckStatus(checks []registry.Check) []string {
	worst := ""
	for _, c := range checks {
		if checkSeverity[c.Status] > checkSeverity[worst] {
			worst = c.Status
		}
	}
	if worst == "" {
		return nil
	}
	return []string{worst}
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
