package licenses

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"

	"github.com/govshare/govshare/registry"
)

// unsettledNote is the note on a GNU licence whose "-only" or "-or-later"
// suffix no evidence settles. Its id stays the bare family (GPL-3.0): a
// deprecated SPDX id, still valid, and the honest answer.
const unsettledNote = "version suffix not settled by evidence: no notice, SPDX header or README wording says -only or -or-later"

// prose is text that may say how the project is licensed, with where it
// comes from.
type prose struct {
	source string // "README", or the licence file's path
	text   string
}

// headerCount is how many source files declare one licence id in an
// SPDX-License-Identifier line, and the first of them.
type headerCount struct {
	files int
	first string
}

var (
	lgplMention = regexp.MustCompile(`(?i)\bLGPL|\b(?:lesser|library) general public licen[cs]e`)
	agplMention = regexp.MustCompile(`(?i)\bAGPL|\baffero general public licen[cs]e`)
	gplMention  = regexp.MustCompile(`(?i)\bGPL|\bgeneral public licen[cs]e`)
	orLater     = regexp.MustCompile(`(?i)\bor\s+(?:\(at your option\)\s+)?(?:any\s+)?(?:later|newer)\b|-or-later\b|\d\+|\band later\b`)
	onlyVersion = regexp.MustCompile(`(?i)-only\b|\bonly\s+version\b|\b(?:version\s+|v)?\d(?:\.\d)?\s+only\b`)
)

// settleVersion decides the suffix of a bare GNU id (GPL-3.0) from the
// evidence around the licence file: the SPDX headers of source files
// first, as they are declarations made for exactly this purpose, then the
// notice around the licence text and the README, and only when the files
// say nothing, the licence the metadata files declare (publiccode.yml,
// package manifests): metadata that contradicts the files is a finding,
// not evidence. A declaration settles only the suffix of the family and
// version the files hold: it never replaces what the files say. It returns the id, settled or not, and a
// note saying what settled it.
func settleVersion(bare string, headers map[string]headerCount, declared []registry.DeclaredLicense, texts []prose) (string, string) {
	only, later := headers[bare+"-only"], headers[bare+"-or-later"]
	switch {
	case later.files > 0 && later.files >= 2*only.files:
		return bare + "-or-later", headerNote(later, only.files)
	case only.files > 0 && only.files >= 2*later.files:
		return bare + "-only", headerNote(only, later.files)
	}
	for _, p := range texts {
		if suffix, sentence := proseVersion(bare, p.text); suffix != "" {
			return bare + suffix, fmt.Sprintf("%s%s: %s says %q", bare, suffix, p.source, excerpt(sentence))
		}
	}
	for _, dl := range declared {
		if suffix := declaredVersion(bare, dl.SPDX); suffix != "" {
			return bare + suffix, fmt.Sprintf("%s%s: %s %s declares it", bare, suffix, dl.Path, dl.Field)
		}
	}
	return bare, unsettledNote
}

// declaredVersion returns "-or-later" or "-only" when the declared
// expression names bare (GPL-3.0) with that suffix, and no other suffix. A
// declared bare id settles nothing: it is what people write when they have
// not thought about the suffix.
func declaredVersion(bare, expr string) string {
	ids, err := spdxexp.ExtractLicenses(expr)
	if err != nil {
		return ""
	}
	found := ""
	for _, id := range ids {
		id = canonicalGNU(id)
		var suffix string
		switch id {
		case bare + "-or-later":
			suffix = "-or-later"
		case bare + "-only":
			suffix = "-only"
		default:
			continue
		}
		if found != "" && found != suffix {
			return ""
		}
		found = suffix
	}
	return found
}

func headerNote(h headerCount, disagreeing int) string {
	note := fmt.Sprintf("SPDX headers of %d source files say so (first: %s)", h.files, h.first)
	if disagreeing > 0 {
		note += fmt.Sprintf("; %d say otherwise", disagreeing)
	}
	return note
}

// proseVersion finds a sentence about the family and version of bare
// ("LGPL-2.1") that says "or any later version" or "only", and returns
// "-or-later" or "-only" with the sentence. A sentence that says both, or
// names another version, settles nothing.
func proseVersion(bare, text string) (string, string) {
	fam, version, _ := strings.Cut(bare, "-")
	major := strings.TrimSuffix(version, ".0")
	versionMention := regexp.MustCompile(`(?i)(?:version\s+|\bv\.?\s?|gpl-?v?|gpl\s+)` + regexp.QuoteMeta(major) + `(?:\.0)?(?:\b|\+)`)
	for _, sentence := range sentenceEnd.Split(text, -1) {
		if !mentionsFamily(sentence, fam) || !versionMention.MatchString(sentence) {
			continue
		}
		later, only := orLater.MatchString(sentence), onlyVersion.MatchString(sentence)
		switch {
		case later && !only:
			return "-or-later", sentence
		case only && !later:
			return "-only", sentence
		}
	}
	return "", ""
}

// mentionsFamily reports whether sentence names the GNU family fam (GPL,
// LGPL, AGPL or GFDL), telling the GPL apart from its Lesser and Affero
// siblings.
func mentionsFamily(sentence, fam string) bool {
	switch fam {
	case "LGPL":
		return lgplMention.MatchString(sentence)
	case "AGPL":
		return agplMention.MatchString(sentence)
	case "GPL":
		rest := lgplMention.ReplaceAllString(sentence, "")
		rest = agplMention.ReplaceAllString(rest, "")
		return gplMention.MatchString(rest)
	case "GFDL":
		return strings.Contains(strings.ToLower(sentence), "free documentation licen") || strings.Contains(sentence, "GFDL")
	}
	return false
}
