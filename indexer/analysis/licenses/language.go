package licenses

import "strings"

// stopwords are frequent little words that tell the languages of licence
// texts apart: those of the European Union's official translations of the
// EUPL that repositories most often carry, and English. Words common to
// several of these languages are left out.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "that", "for", "this", "with", "any", "be", "by", "you", "are", "shall", "which", "such", "or", "without"},
	"fr": {"le", "les", "des", "du", "et", "est", "une", "dans", "pour", "par", "sur", "qui", "aux", "ce", "sont", "être", "cette", "présente", "logiciel"},
	"nl": {"het", "een", "van", "dat", "op", "voor", "met", "zijn", "niet", "deze", "wordt", "worden", "door", "bij", "aan", "naar", "onder"},
	"de": {"der", "und", "ist", "nicht", "zu", "den", "von", "für", "auf", "dem", "des", "eine", "ein", "oder", "werden", "sich", "mit", "diese"},
	"it": {"il", "di", "che", "per", "un", "della", "dei", "delle", "sono", "alla", "nel", "è", "gli", "questa", "licenza"},
	"es": {"el", "los", "las", "y", "es", "al", "su", "esta", "lo", "licencia", "sus"},
	"pt": {"os", "do", "dos", "das", "em", "não", "ao", "uma", "pelo", "pela", "licença"},
	"pl": {"i", "w", "z", "na", "nie", "się", "jest", "oraz", "lub", "że", "przez", "dla", "od"},
	"sv": {"och", "att", "som", "av", "för", "är", "på", "inte", "till", "eller"},
	"da": {"og", "af", "er", "ikke", "denne", "skal", "hvis"},
}

// stopwordLanguage maps each stopword to its language.
var stopwordLanguage = func() map[string]string {
	m := map[string]string{}
	for lang, list := range stopwords {
		for _, w := range list {
			m[w] = lang
		}
	}
	return m
}()

// language guesses the language of ws (lower-case words): the language most
// of its stopwords belong to, as an ISO 639-1 code, or "" when there are
// too few stopwords to tell.
func language(ws []string) string {
	counts := map[string]int{}
	total := 0
	for _, w := range ws {
		if lang, ok := stopwordLanguage[w]; ok {
			counts[lang]++
			total++
		}
	}
	best, n := "", 0
	for lang, c := range counts {
		if c > n || c == n && lang < best {
			best, n = lang, c
		}
	}
	if n < 3 || n*10 < len(ws) || n*2 < total {
		return ""
	}
	return best
}

// licenceLanguage is the language of the SPDX text of id: English except
// for the licences written in another language.
func licenceLanguage(id string) string {
	switch {
	case strings.HasPrefix(id, "etalab-"), strings.HasPrefix(id, "LiLiQ-"):
		return "fr"
	case strings.HasPrefix(id, "DL-DE-"):
		return "de"
	}
	return "en"
}
