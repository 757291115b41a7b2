package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
)

// languageAnalyzers maps a language code to the Bleve analyzer that stems
// it. A publiccode.yml description in one of these languages is indexed in
// a field of its own, analysed as that language.
var languageAnalyzers = map[string]string{
	"da": da.AnalyzerName,
	"de": de.AnalyzerName,
	"en": en.AnalyzerName,
	"es": es.AnalyzerName,
	"fi": fi.AnalyzerName,
	"fr": fr.AnalyzerName,
	"hu": hu.AnalyzerName,
	"it": it.AnalyzerName,
	"nl": nl.AnalyzerName,
	"no": no.AnalyzerName,
	"nb": no.AnalyzerName, // Norwegian Bokmål
	"nn": no.AnalyzerName, // Norwegian Nynorsk
	"pt": pt.AnalyzerName,
	"ro": ro.AnalyzerName,
	"ru": ru.AnalyzerName,
	"sv": sv.AnalyzerName,
	"tr": tr.AnalyzerName,
}

// otherLanguage names the field for descriptions in languages without an
// analyzer of their own: they are split into plain words.
const otherLanguage = "other"

// publiccodeFieldLanguages lists, sorted, the language part of every
// publiccode field name.
func publiccodeFieldLanguages() []string {
	langs := []string{otherLanguage}
	for lang := range languageAnalyzers {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	return langs
}

// publiccodeAnalyzer is the analyzer of a publiccode field's language.
func publiccodeAnalyzer(lang string) string {
	if a, ok := languageAnalyzers[lang]; ok {
		return a
	}
	return plainAnalyzer
}

// publiccodeFieldLanguage is the field language for a publiccode.yml
// language key: its primary subtag ("pt" for "pt-BR"), or otherLanguage.
func publiccodeFieldLanguage(key string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(key)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if _, ok := languageAnalyzers[primary]; ok {
		return primary
	}
	return otherLanguage
}

// englishStopWords are the words English analysis drops, which loose
// matching drops too.
var englishStopWords = func() map[string]bool {
	words := make(map[string]bool)
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		w, _, _ := strings.Cut(line, "|")
		if w = strings.TrimSpace(w); w != "" {
			words[w] = true
		}
	}
	return words
}()

func isStopWord(w string) bool { return englishStopWords[w] }
