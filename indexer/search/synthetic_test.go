package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/govshare/govshare/registry"
)

// Vocabulary of the synthetic catalogue.
var (
	syntheticWords = strings.Fields(`permit tax benefit citizen portal form signature identity
		archive document records payment invoice procurement tender budget grant health school
		transport parking waste water energy map geodata address registry census statistics vote
		election council meeting agenda library museum open data api gateway authentication consent
		notification appointment booking case management workflow inspection licence subsidy housing`)
	syntheticLicenses  = []string{"EUPL-1.2", "MIT", "Apache-2.0", "AGPL-3.0-only", "GPL-3.0-or-later", "MPL-2.0", ""}
	syntheticLanguages = []string{"Go", "Java", "Python", "JavaScript", "TypeScript", "PHP", "C#", "Ruby"}
	syntheticCountries = []string{"NL", "FR", "IT", "DE", "ES", "SE", "FI", "EE"}
	// syntheticPubliccodeLanguages are the second language of a synthetic
	// publiccode.yml, next to English.
	syntheticPubliccodeLanguages = []string{"it", "de", "fr", "nl", "es", "sv", "fi", "et"}
)

// syntheticProjects makes n varied projects, the same ones on every call.
func syntheticProjects(n int) []*registry.Project {
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = syntheticWords[rng.IntN(len(syntheticWords))]
		}
		return strings.Join(w, " ")
	}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	projects := make([]*registry.Project, n)
	for i := range projects {
		participant := rng.IntN(40)
		license := syntheticLicenses[rng.IntN(len(syntheticLicenses))]
		p := &registry.Project{
			ID:              fmt.Sprintf("project-%05d", i),
			ParticipantID:   fmt.Sprintf("participant-%02d", participant),
			ParticipantName: "Ministry of " + syntheticWords[participant],
			Country:         syntheticCountries[participant%len(syntheticCountries)],
			Record: registry.Record{
				Name:        words(2),
				Description: "A " + words(12) + ".",
				CommittedAt: start.Add(time.Duration(rng.IntN(5*365*24)) * time.Hour),
				License:     license,
				Readme:      &registry.Readme{Path: "README.md", Text: words(120)},
			},
		}
		for j := range 1 + rng.IntN(3) {
			p.Languages = append(p.Languages, registry.Language{Name: syntheticLanguages[(i+j)%len(syntheticLanguages)], Bytes: 1000})
		}
		if rng.IntN(3) == 0 {
			p.Publiccode = &registry.Publiccode{Path: "publiccode.yml", Valid: true, Descriptions: map[string]registry.PubliccodeDescription{
				"en": {ShortDescription: words(8), LongDescription: words(30)},
				syntheticPubliccodeLanguages[rng.IntN(len(syntheticPubliccodeLanguages))]: {ShortDescription: words(8)},
			}}
		}
		projects[i] = p
	}
	return projects
}
