package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping below, or what a document
// holds, changes. An index stored with another version is wiped on Open and
// must be rebuilt from the store.
const MappingVersion = 4

// documentType is the one document type in the index.
const documentType = "project"

// Field names, shared by the mapping, the documents and the queries.
const (
	fieldName            = "name"
	fieldNameSort        = "name_sort"
	fieldDescription     = "description"
	fieldReadme          = "readme"
	fieldParticipantName = "participant_name"
	fieldParticipant     = "participant"
	fieldCountry         = "country"
	fieldLicense         = "license"
	fieldLanguage        = "language"
	fieldLicenseFamily   = "license_family"
	fieldStandard        = "standard"
	fieldCheckStatus     = "check_status"
	fieldHasPubliccode   = "has_publiccode"
	fieldStale           = "stale"
	fieldCommittedAt     = "committed_at"
	// fieldCommitted is the last commit as RFC 3339 text in UTC, to the
	// second: it sorts as the date does, and its doc values are one short
	// term where the date field's are sixteen.
	fieldCommitted   = "committed"
	fieldCountryName = "country_name"
	fieldNamePlain   = "name_plain"
	fieldTextPlain   = "text_plain"
	// fieldAbout holds what a project says it is in English (name,
	// description, English publiccode.yml description) as one text, to
	// compare projects by.
	fieldAbout = "about"
	// fieldPubliccode is the sub-document of publiccode.yml descriptions:
	// one field per language, "publiccode.it", named by language code.
	fieldPubliccode = "publiccode"
)

// plainAnalyzer splits text into lower-cased words with accents folded
// ("géoportail" is "geoportail"), without stop words or stemming, so that typo-tolerant and prefix queries see words as written.
const plainAnalyzer = "plain"

// newMapping builds the explicit mapping: no dynamic fields, no _all field,
// English analysis for prose, each language's own analysis for
// publiccode.yml descriptions, plain words for fuzzy and prefix matching,
// keyword analysis for identifiers and facets.
// Only the name and the descriptions are stored, for highlighting and for
// finding similar projects, and the README, for highlighting: callers
// hydrate records from the store by ID.
func newMapping() (*mapping.IndexMappingImpl, error) {
	// prose is searched and, for phrases and highlighting, needs term
	// vectors (positions).
	prose := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = true
		f.DocValues = false
		return f
	}
	// words is searched by terms only.
	words := prose(false)
	words.IncludeTermVectors = false
	// term is matched exactly and counted in facets, which read doc values.
	term := bleve.NewKeywordFieldMapping()
	term.Analyzer = keyword.Name
	term.Store = false
	term.IncludeInAll = false
	term.IncludeTermVectors = false
	term.DocValues = true

	// date is matched by range only: sorting and facets read the
	// committed field.
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldName, prose(true))
	doc.AddFieldMappingsAt(fieldNameSort, term)
	doc.AddFieldMappingsAt(fieldDescription, prose(true))
	doc.AddFieldMappingsAt(fieldReadme, prose(true))
	doc.AddFieldMappingsAt(fieldParticipantName, words)
	doc.AddFieldMappingsAt(fieldCountryName, words)
	doc.AddFieldMappingsAt(fieldAbout, words)
	plain := prose(false)
	plain.Analyzer = plainAnalyzer
	plain.IncludeTermVectors = false
	doc.AddFieldMappingsAt(fieldNamePlain, plain)
	doc.AddFieldMappingsAt(fieldTextPlain, plain)
	publiccode := bleve.NewDocumentStaticMapping()
	for _, lang := range publiccodeFieldLanguages() {
		f := prose(true)
		f.IncludeTermVectors = false
		f.Analyzer = publiccodeAnalyzer(lang)
		publiccode.AddFieldMappingsAt(lang, f)
	}
	doc.AddSubDocumentMapping(fieldPubliccode, publiccode)
	for _, f := range []string{fieldParticipant, fieldCountry, fieldLicense, fieldLicenseFamily, fieldLanguage,
		fieldStandard, fieldCheckStatus, fieldHasPubliccode, fieldStale, fieldCommitted} {
		doc.AddFieldMappingsAt(f, term)
	}
	doc.AddFieldMappingsAt(fieldCommittedAt, date)
	// The composite _all field is disabled per document type: a disabled
	// "_all" property is what MapDocument looks for.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	m := bleve.NewIndexMapping()
	err := m.AddCustomAnalyzer(plainAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	})
	if err != nil {
		return nil, fmt.Errorf("define %s analyzer: %w", plainAnalyzer, err)
	}
	m.AddDocumentMapping(documentType, doc)
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.DefaultType = documentType
	m.DefaultAnalyzer = en.AnalyzerName
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("validate search mapping: %w", err)
	}
	return m, nil
}
