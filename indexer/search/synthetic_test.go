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
	// syntheticTopics are what synthetic projects are about: each project
	// takes two, which its name, description and README repeat.
	syntheticTopics = strings.Fields(`permit tax benefit citizen portal form signature identity
		archive document records payment invoice procurement tender budget grant health school
		transport parking waste water energy map geodata address registry census statistics vote
		election council meeting agenda library museum open data api gateway authentication consent
		notification appointment booking case management workflow inspection licence subsidy housing`)
	// syntheticCommonWords are the words nearly every README uses, most
	// frequent first.
	syntheticCommonWords = strings.Fields(`the and to of a in is for with you this on be can that it
		install run use build docker configuration api service server data file test user version
		project code application database environment deploy release documentation development
		support license command example setup public government open source web client module
		package request issue contribute requirements dependencies production variable`)
	syntheticLicenses  = []string{"EUPL-1.2", "MIT", "Apache-2.0", "AGPL-3.0-only", "GPL-3.0-or-later", "MPL-2.0", "", "CC0-1.0"}
	syntheticLanguages = []string{"Go", "Java", "Python", "JavaScript", "TypeScript", "PHP", "C#", "Ruby"}
	syntheticCountries = []string{"NL", "FR", "IT", "DE", "ES", "SE", "FI", "EE"}
	syntheticStandards = []string{"openapi", "oauth-2", "openid-connect", "saml-2", "geojson", "ogc-wms", "wcag", "dcat-ap"}
	syntheticChecks    = []string{registry.CheckPass, registry.CheckPass, registry.CheckPass, registry.CheckWarn, registry.CheckFail}
	// syntheticPubliccodeLanguages are the second language of a synthetic
	// publiccode.yml, next to English.
	syntheticPubliccodeLanguages = []string{"it", "de", "fr", "nl", "es", "sv", "fi", "et"}
)

// syntheticNow is the clock synthetic commit dates are measured from.
var syntheticNow = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// syntheticVocabulary is the background vocabulary, most frequent first:
// the common words, then a long tail of made-up words among which the
// topics are spread, one every sixty ranks from rank 200, so that a topic
// is also mentioned now and then by projects about something else.
func syntheticVocabulary() []string {
	syllables := strings.Fields("ba ke li mo nu ra se ti vo za do fe gi ha ju")
	words := append([]string(nil), syntheticCommonWords...)
	topic := 0
	for i := 0; len(words) < 8000; i++ {
		if rank := len(words); rank >= 200 && rank%60 == 20 && topic < len(syntheticTopics) {
			words = append(words, syntheticTopics[topic])
			topic++
			continue
		}
		w := ""
		for n := i; ; n /= len(syllables) {
			w += syllables[n%len(syllables)]
			if n < len(syllables) {
				break
			}
		}
		words = append(words, w+"x")
	}
	return words
}

// syntheticProjects makes n varied projects, the same ones on every call.
//
// Their text follows how real catalogues read rather than a uniform draw
// from a small vocabulary: each project is about two topics, which its
// name, description and README repeat, and the rest of its words follow a
// Zipf law over a vocabulary of 8,000 words, the common ones first. A topic
// word of the benchmark's query is thus in a few per cent of READMEs, not
// in nearly all of them (see denseSyntheticProjects for that worst case).
func syntheticProjects(n int) []*registry.Project {
	rng := rand.New(rand.NewPCG(1, 2))
	vocabulary := syntheticVocabulary()
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocabulary)-1))
	background := func(k int) []string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocabulary[zipf.Uint64()]
		}
		return w
	}
	// about mixes the topics into k background words, one in every
	// `every`.
	about := func(topics []string, k, every int) string {
		w := background(k)
		for i := rng.IntN(every); i < k; i += every {
			w[i] = topics[rng.IntN(len(topics))]
		}
		return strings.Join(w, " ")
	}
	projects := make([]*registry.Project, n)
	for i := range projects {
		first := rng.IntN(len(syntheticTopics))
		second := (first + 1 + rng.IntN(len(syntheticTopics)-1)) % len(syntheticTopics)
		topics := []string{syntheticTopics[first], syntheticTopics[second]}
		p := syntheticProject(rng, i)
		p.Name = topics[0] + " " + topics[1]
		p.Description = "A " + about(topics, 12, 6) + "."
		p.Readme = &registry.Readme{Path: "README.md", Text: about(topics, 150+rng.IntN(250), 40)}
		if rng.IntN(3) == 0 {
			p.Publiccode = &registry.Publiccode{Path: "publiccode.yml", Valid: true, Descriptions: map[string]registry.PubliccodeDescription{
				"en": {ShortDescription: about(topics, 8, 4), LongDescription: about(topics, 30, 10)},
				syntheticPubliccodeLanguages[rng.IntN(len(syntheticPubliccodeLanguages))]: {ShortDescription: about(topics, 8, 4)},
			}}
		}
		projects[i] = p
	}
	return projects
}

// denseSyntheticProjects makes n projects whose every text is a uniform
// draw from the 68 topic words: a README of 120 words holds any given word
// with a probability of 83%. No real catalogue reads like this; it is the
// worst case for free-text matching, every query word matching nearly
// every README.
func denseSyntheticProjects(n int) []*registry.Project {
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = syntheticTopics[rng.IntN(len(syntheticTopics))]
		}
		return strings.Join(w, " ")
	}
	projects := make([]*registry.Project, n)
	for i := range projects {
		p := syntheticProject(rng, i)
		p.Name = words(2)
		p.Description = "A " + words(12) + "."
		p.Readme = &registry.Readme{Path: "README.md", Text: words(120)}
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

// syntheticProject makes project i without its text: participant, country,
// licence, languages, standards, checks and last commit.
func syntheticProject(rng *rand.Rand, i int) *registry.Project {
	participant := rng.IntN(40)
	p := &registry.Project{
		ID:              fmt.Sprintf("project-%05d", i),
		ParticipantID:   fmt.Sprintf("participant-%02d", participant),
		ParticipantName: "Ministry of " + syntheticTopics[participant],
		Country:         syntheticCountries[participant%len(syntheticCountries)],
		Record: registry.Record{
			// An exponential law: a year ago on average, the recent more
			// likely, one in twenty more than three years ago.
			CommittedAt: syntheticNow.Add(-time.Duration(rng.ExpFloat64()*365*24) * time.Hour),
			License:     syntheticLicenses[rng.IntN(len(syntheticLicenses))],
		},
	}
	for j := range 1 + rng.IntN(3) {
		p.Languages = append(p.Languages, registry.Language{Name: syntheticLanguages[(i+j)%len(syntheticLanguages)], Bytes: 1000})
	}
	for range rng.IntN(3) {
		id := syntheticStandards[rng.IntN(len(syntheticStandards))]
		p.Standards = append(p.Standards, registry.Standard{ID: id, Name: id, Status: registry.RoyaltyFree,
			Evidence: []registry.Evidence{{Path: "openapi.yaml"}}})
	}
	for j := range rng.IntN(4) {
		p.Checks = append(p.Checks, registry.Check{ID: fmt.Sprintf("check-%d", j), Status: syntheticChecks[rng.IntN(len(syntheticChecks))]})
	}
	return p
}
