package licenses

import (
	"regexp"
	"strings"
)

// minTranslationWords is how long a text must be to be taken for a full
// translated licence rather than a notice that mentions one.
const minTranslationWords = 300

// A translation recognises the official translations of one licence, whose
// full texts are not on the SPDX list, by a few distinctive phrases.
type translation struct {
	// marks are phrases of the licence in any language; at least one must
	// appear.
	marks *regexp.Regexp
	// version picks the SPDX id from the text.
	version func(text string) string
}

// translations are the licences governments publish in several official
// languages. The EUPL is legally valid in all 23 languages of the European
// Union and each keeps the acronym "EUPL" and the copyright line "EUPL © …
// 2007" (v1.1) or "2007, 2016" (v1.2); CeCILL is written in French and
// English, and its French title and dated version line are unmistakable;
// the Licence Ouverte (etalab-2.0) is on the SPDX list in French, and
// published in English as the Open Licence.
var translations = []translation{
	{
		marks: regexp.MustCompile(`(?i)\beupl\s*(?:©|\(c\))|` +
			`european union public licen[cs]e|openbare licentie van de europese unie|` +
			`licence publique de l.union europ[ée]enne|open-source-lizenz f[üu]r die europ[äa]ische union|` +
			`licenza pubblica dell.unione europea|licencia p[úu]blica de la uni[óo]n europea|` +
			`licen[çc]a p[úu]blica da uni[ãa]o europeia|licencja publiczna unii europejskiej`),
		version: euplVersion,
	},
	{
		marks:   regexp.MustCompile(`(?i)contrat de licence de logiciel libre\s+cecill`),
		version: cecillVersion,
	},
	{
		marks: regexp.MustCompile(`(?i)\blicence ouverte\b|\bopen licen[cs]e\b[^\n]{0,40}\betalab\b`),
		version: func(text string) string {
			if etalabVersion.MatchString(text) {
				return "etalab-2.0"
			}
			return ""
		},
	},
}

var (
	etalabVersion    = regexp.MustCompile(`(?im)(?:licence ouverte|open licen[cs]e)[^\n]{0,20}\b2\.0\b|^\W*version\s+2\.0\b`)
	euplNamedVersion = regexp.MustCompile(`(?i)\b(?:v|version|versie|versione|versión|versão|wersja)\.?\s*1\.([012])\b`)
	euplYears12      = regexp.MustCompile(`2007,\s*2016`)
	cecillTitle      = regexp.MustCompile(`(?i)contrat de licence de logiciel libre\s+cecill(-[bc])?\b[\s\S]{0,200}?version\s+(\d\.\d)\s+du\b`)
)

// euplVersion tells EUPL-1.2 from EUPL-1.1 by the version after the name
// or, failing that, by the years of the copyright line.
func euplVersion(text string) string {
	if m := euplNamedVersion.FindStringSubmatch(text); m != nil {
		return "EUPL-1." + m[1]
	}
	switch {
	case euplYears12.MatchString(text):
		return "EUPL-1.2"
	case strings.Contains(text, "2007"):
		return "EUPL-1.1"
	}
	return ""
}

// cecillVersion reads the version line under the French CeCILL title:
// "Version 2.1 du 2013-06-21" for CeCILL itself, "Version 1.0 du …" for
// CeCILL-B and CeCILL-C.
func cecillVersion(text string) string {
	m := cecillTitle.FindStringSubmatch(text)
	switch {
	case m == nil:
		return ""
	case m[1] != "":
		return "CECILL-" + strings.ToUpper(m[1][1:])
	case m[2] == "1.0", m[2] == "1.1", m[2] == "2.0", m[2] == "2.1":
		return "CECILL-" + m[2]
	}
	return ""
}

// recogniseTranslation reports which licence a long text in a language
// other than the SPDX text's is a translation of, and in which language.
func recogniseTranslation(text string, ws []string) (id, lang string, ok bool) {
	if len(ws) < minTranslationWords {
		return "", "", false
	}
	lang = language(ws)
	for _, t := range translations {
		if !t.marks.MatchString(text) {
			continue
		}
		id := t.version(text)
		if id == "" || lang == "" || lang == licenceLanguage(id) {
			continue
		}
		return id, lang, true
	}
	return "", "", false
}
