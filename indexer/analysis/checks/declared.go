package checks

import (
	"regexp"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
)

// lowerOperator finds SPDX operators written in lower case, which SPDX
// tolerates in practice and go-spdx does not.
var lowerOperator = regexp.MustCompile(`\s(?i:and|or|with)\s`)

// normalizeSPDX validates an SPDX expression and returns its canonical
// spelling ("apache-2.0 or mit" becomes "Apache-2.0 OR MIT").
func normalizeSPDX(expr string) (string, bool) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return "", false
	}
	expr = lowerOperator.ReplaceAllStringFunc(expr, strings.ToUpper)
	norm, invalid := spdxexp.ValidateAndNormalizeLicensesWithOptions([]string{expr}, spdxexp.ValidateLicensesOptions{})
	if len(invalid) > 0 || len(norm) != 1 {
		return "", false
	}
	return norm[0], true
}

// Declarations that are not licences but say something about licensing.
const (
	// declaredUnlicensed is npm's "UNLICENSED": not licensed for reuse.
	declaredUnlicensed = "UNLICENSED"
	// declaredNone is SPDX "NONE": no licence.
	declaredNone = "NONE"
)

// declaredKind says how a declared value was read.
type declaredKind int

const (
	// declaredUnreadable is a value that is no licence govshare can name.
	declaredUnreadable declaredKind = iota
	// declaredExpression is an SPDX expression (or a name read as one).
	declaredExpression
	// declaredNoAssertion makes no claim ("NOASSERTION", empty).
	declaredNoAssertion
	// declaredSeeFile points at the licence file ("SEE LICENSE IN LICENSE").
	declaredSeeFile
)

// seeLicenseIn is npm's way of pointing at a file instead of naming a
// licence.
var seeLicenseIn = regexp.MustCompile(`(?i)^see licen[cs]e in\s+(\S+)`)

// readDeclared reads a declared licence: the SPDX expression the metadata
// analyser already normalised, else the value as an SPDX expression, else
// the value as a licence name people write ("Apache 2.0", "GNU GPL v3",
// "MIT License"). It returns the expression (for declaredExpression) or the
// referenced file (for declaredSeeFile).
func readDeclared(value, spdx string) (string, declaredKind) {
	if s, ok := normalizeSPDX(spdx); ok {
		return s, declaredExpression
	}
	value = strings.TrimSpace(value)
	switch strings.ToUpper(value) {
	case "", "NOASSERTION":
		return "", declaredNoAssertion
	case declaredUnlicensed, "UNLICENCED":
		return declaredUnlicensed, declaredExpression
	case declaredNone:
		return declaredNone, declaredExpression
	}
	if m := seeLicenseIn.FindStringSubmatch(value); m != nil {
		return m[1], declaredSeeFile
	}
	if s, ok := normalizeSPDX(value); ok {
		return s, declaredExpression
	}
	if id, ok := licenceNames[licenceNameKey(value)]; ok {
		return id, declaredExpression
	}
	if expr, ok := readNameList(value); ok {
		return expr, declaredExpression
	}
	return "", declaredUnreadable
}

// nameSeparator splits "MIT/Apache-2.0" and "MIT or Apache 2.0" into
// licence names; the slash is how Cargo once wrote a choice.
var nameSeparator = regexp.MustCompile(`\s*/\s*|\s+(?i:or|and)\s+`)

// readNameList reads licence names joined by "/", "or" or "and" as an SPDX
// expression, when every name can be read.
func readNameList(value string) (string, bool) {
	seps := nameSeparator.FindAllString(value, -1)
	if len(seps) == 0 {
		return "", false
	}
	var b strings.Builder
	for i, name := range nameSeparator.Split(value, -1) {
		id, ok := normalizeSPDX(name)
		if !ok {
			id, ok = licenceNames[licenceNameKey(name)]
		}
		if !ok || strings.ContainsRune(id, ' ') {
			return "", false
		}
		if i > 0 {
			op := " OR "
			if strings.EqualFold(strings.TrimSpace(seps[i-1]), "and") {
				op = " AND "
			}
			b.WriteString(op)
		}
		b.WriteString(id)
	}
	return normalizeSPDX(b.String())
}

// namePhrases turn the long names of licences into their short forms before
// the words are split; the longest phrases come first.
var namePhrases = strings.NewReplacer(
	"gnu affero general public license", "agpl",
	"affero general public license", "agpl",
	"affero gpl", "agpl",
	"gnu lesser general public license", "lgpl",
	"lesser general public license", "lgpl",
	"gnu library general public license", "lgpl",
	"library general public license", "lgpl",
	"gnu general public license", "gpl",
	"general public license", "gpl",
	"mozilla public license", "mpl",
	"eclipse public license", "epl",
	"european union public license", "eupl",
	"boost software license", "bsl",
	"creative commons", "cc",
	"attribution", "by",
	"share alike", "sa",
	"sharealike", "sa",
	"open government license", "ogl",
	"license ouverte", "etalab",
	"open license", "etalab",
)

var (
	// orLater catches the ways a GNU notice says "or any later version".
	orLater = regexp.MustCompile(`\bor (?:\(at your option\) )?(?:any )?(?:later|newer|greater)(?: version)?\b|\+`)
	// versionPrefix splits "gplv3" and "v1.2" into the name and the number.
	versionPrefix = regexp.MustCompile(`([a-z]?)v(\d)`)
	// letterDigit and digitLetter split "eupl1.2" and "0bsd".
	letterDigit = regexp.MustCompile(`([a-z])(\d)`)
	digitLetter = regexp.MustCompile(`(\d)([a-z])`)
	notWord     = regexp.MustCompile(`[^a-z0-9.+]+`)
)

// nameNoise are words that do not tell licences apart.
var nameNoise = map[string]bool{
	"the": true, "license": true, "licensed": true, "version": true, "v": true,
	"software": true, "public": true, "general": true, "gnu": true, "under": true,
	"universal": true, "international": true, "unported": true, "generic": true,
}

// licenceNameKey reduces a licence name to the words that identify it:
// "GNU General Public License, version 3 or later" becomes "gpl 3 +",
// "Apache License 2.0" becomes "apache 2".
func licenceNameKey(name string) string {
	s := strings.ToLower(name)
	s = strings.ReplaceAll(s, "licence", "license")
	s = strings.Join(strings.Fields(s), " ")
	s = namePhrases.Replace(s)
	s = orLater.ReplaceAllString(s, " + ")
	s = notWord.ReplaceAllString(s, " ")
	s = versionPrefix.ReplaceAllString(s, "$1 $2")
	s = letterDigit.ReplaceAllString(s, "$1 $2")
	s = digitLetter.ReplaceAllString(s, "$1 $2")
	var words []string
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".")
		if w == "" || nameNoise[w] {
			continue
		}
		// "3.0" and "3" are the same version.
		for strings.HasSuffix(w, ".0") {
			w = strings.TrimSuffix(w, ".0")
		}
		// "The MIT License (MIT)" names it twice.
		if len(words) > 0 && words[len(words)-1] == w {
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// licenceNames maps the keys of licence names (see licenceNameKey) to SPDX
// ids. A name without a version ("Apache License", "GPL") is left out on
// purpose: guessing the version would make up a claim.
var licenceNames = buildLicenceNames()

func buildLicenceNames() map[string]string {
	names := map[string]string{
		"mit": "MIT", "expat": "MIT", "mit x11": "MIT",
		"apache 2": "Apache-2.0", "asl 2": "Apache-2.0", "al 2": "Apache-2.0",
		"bsd 3 clause": "BSD-3-Clause", "bsd 3": "BSD-3-Clause", "3 clause bsd": "BSD-3-Clause",
		"new bsd": "BSD-3-Clause", "modified bsd": "BSD-3-Clause", "revised bsd": "BSD-3-Clause",
		"bsd 2 clause": "BSD-2-Clause", "bsd 2": "BSD-2-Clause", "2 clause bsd": "BSD-2-Clause",
		"simplified bsd": "BSD-2-Clause", "freebsd": "BSD-2-Clause",
		"bsd 3 clause clear": "BSD-3-Clause-Clear", "clear bsd": "BSD-3-Clause-Clear",
		"0 bsd": "0BSD", "isc": "ISC", "zlib": "Zlib", "unlicense": "Unlicense", "wtfpl": "WTFPL",
		"mpl 2": "MPL-2.0", "mpl 1.1": "MPL-1.1", "epl 2": "EPL-2.0", "epl 1": "EPL-1.0",
		"eupl 1.2": "EUPL-1.2", "eupl 1.1": "EUPL-1.1",
		"bsl 1": "BSL-1.0", "boost 1": "BSL-1.0",
		"cc 0": "CC0-1.0", "cc 0 1": "CC0-1.0", "cc zero": "CC0-1.0", "cc zero 1": "CC0-1.0",
		"cc by 4": "CC-BY-4.0", "cc by sa 4": "CC-BY-SA-4.0",
		"cc by 3": "CC-BY-3.0", "cc by sa 3": "CC-BY-SA-3.0",
		"ogl 3": "OGL-UK-3.0", "ogl uk 3": "OGL-UK-3.0", "open government 3": "OGL-UK-3.0",
		"etalab 2": "etalab-2.0", "etalab etalab 2": "etalab-2.0",
		"cecill 2.1": "CECILL-2.1", "cecill b": "CECILL-B", "cecill c": "CECILL-C",
	}
	// The GNU family: "gpl 3" is the bare family (GPL-3.0), "gpl 3 +" the
	// or-later licence and "gpl 3 only" the only licence.
	gnu := map[string][]string{
		"gpl":  {"1", "2", "3"},
		"lgpl": {"2", "2.1", "3"},
		"agpl": {"3"},
		"gfdl": {"1.1", "1.2", "1.3"},
	}
	for fam, versions := range gnu {
		for _, v := range versions {
			id := strings.ToUpper(fam) + "-" + v
			if !strings.Contains(v, ".") {
				id += ".0"
			}
			names[fam+" "+v] = id
			names[fam+" "+v+" +"] = id + "-or-later"
			names[fam+" "+v+" only"] = id + "-only"
		}
	}
	return names
}
