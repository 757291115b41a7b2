package manifests

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/licenses"
)

// NormalizeLicense returns the SPDX expression a declared licence stands
// for: the declaration itself, normalised, when it is a valid SPDX
// expression; else the identifier of a well-known licence name ("The Apache
// Software License, Version 2.0", "GNU General Public License v3 or later")
// or licence URL ("https://www.apache.org/licenses/LICENSE-2.0"), and names
// joined with AND or OR. It returns "" when the declaration is none of
// those ("SEE LICENSE IN LICENSE.txt", "UNLICENSED", "Proprietary").
//
// A GNU licence named without "only" or "or later" is given as its bare
// family (GPL-3.0), the way the licence files are when nothing settles it.
func NormalizeLicense(declared string) string {
	declared = strings.TrimSpace(declared)
	if declared == "" {
		return ""
	}
	if id, ok := licenses.Normalize(declared); ok {
		return id
	}
	if id := licenseFromURL(declared); id != "" {
		return id
	}
	if id := licenseFromName(declared); id != "" {
		return id
	}
	// "Apache 2.0 OR MIT": map each side, then check the whole.
	parts := expressionOperator.Split(declared, -1)
	if len(parts) < 2 {
		return ""
	}
	ops := expressionOperator.FindAllString(declared, -1)
	var b strings.Builder
	for i, p := range parts {
		p = strings.Trim(strings.TrimSpace(p), "()")
		id := NormalizeLicense(p)
		if id == "" {
			return ""
		}
		if i > 0 {
			b.WriteString(" " + strings.TrimSpace(ops[i-1]) + " ")
		}
		b.WriteString(parenthesise(id))
	}
	if id, ok := licenses.Normalize(b.String()); ok {
		return id
	}
	return ""
}

// expressionOperator splits an expression written with licence names. Only
// the upper-case operators count: "GPL v2 or later" is one name.
var expressionOperator = regexp.MustCompile(`\s+(OR|AND)\s+`)

// licenseNames maps licence names, reduced by nameKey, to SPDX. GNU
// licences map to their bare family; "only" and "or later" are added by
// licenseFromName.
var licenseNames = byName(map[string][]string{
	"Apache-2.0":         {"apache 2", "asl 2", "al 2"},
	"MIT":                {"mit", "expat", "mit x 11"},
	"ISC":                {"isc", "iscl"},
	"BSD-2-Clause":       {"bsd 2 clause", "bsd 2 clause simplified", "2 clause bsd", "simplified bsd", "freebsd"},
	"BSD-3-Clause":       {"bsd 3 clause", "bsd 3 clause new or revised", "3 clause bsd", "new bsd", "bsd new", "modified bsd", "revised bsd"},
	"BSD-3-Clause-Clear": {"bsd 3 clause clear", "clear bsd"},
	"GPL-2.0":            {"gnu general public 2", "gnu gpl 2", "gpl 2"},
	"GPL-3.0":            {"gnu general public 3", "gnu gpl 3", "gpl 3"},
	"LGPL-2.0":           {"gnu library general public 2", "gnu lesser general public 2", "lgpl 2"},
	"LGPL-2.1":           {"gnu lesser general public 2.1", "gnu library general public 2.1", "gnu lgpl 2.1", "lgpl 2.1"},
	"LGPL-3.0":           {"gnu lesser general public 3", "gnu lgpl 3", "lgpl 3"},
	"AGPL-3.0":           {"gnu affero general public 3", "affero general public 3", "gnu agpl 3", "agpl 3"},
	"MPL-1.1":            {"mozilla public 1.1", "mpl 1.1"},
	"MPL-2.0":            {"mozilla public 2", "mpl 2"},
	"EPL-1.0":            {"eclipse public 1", "epl 1"},
	"EPL-2.0":            {"eclipse public 2", "epl 2"},
	"EUPL-1.1":           {"european union public 1.1", "eupl 1.1"},
	"EUPL-1.2":           {"european union public 1.2", "eupl 1.2"},
	"Unlicense":          {"unlicense"},
	"CC0-1.0": {"cc 0", "cc 0 1", "cc 0 1 universal", "cc 0 1 universal public domain dedication",
		"creative commons zero 1 universal", "creative commons cc 0 1 universal"},
	"CC-BY-4.0": {"creative commons attribution 4", "creative commons attribution 4 international",
		"cc by 4", "cc by 4 international"},
	"CC-BY-SA-4.0": {"creative commons attribution sharealike 4", "creative commons attribution share alike 4",
		"creative commons attribution sharealike 4 international", "cc by sa 4", "cc by sa 4 international"},
	"OGL-UK-3.0":   {"open government 3", "open government uk 3", "uk open government 3", "ogl 3", "ogl uk 3"},
	"etalab-2.0":   {"etalab 2", "etalab open 2", "ouverte 2", "ouverte open 2", "ouverte etalab 2"},
	"CECILL-2.1":   {"cecill 2.1"},
	"CECILL-B":     {"cecill b"},
	"CECILL-C":     {"cecill c"},
	"BSL-1.0":      {"boost 1", "bsl 1"},
	"Zlib":         {"zlib", "zlib libpng"},
	"AFL-3.0":      {"academic free 3"},
	"Artistic-2.0": {"artistic 2"},
})

// byName turns a list of names per SPDX id into a lookup by name.
func byName(names map[string][]string) map[string]string {
	out := map[string]string{}
	for id, ns := range names {
		for _, n := range ns {
			out[n] = id
		}
	}
	return out
}

// gnuFamilies are the SPDX ids that take -only and -or-later.
var gnuFamilies = map[string]bool{
	"GPL-2.0": true, "GPL-3.0": true, "LGPL-2.0": true, "LGPL-2.1": true, "LGPL-3.0": true, "AGPL-3.0": true,
}

// licenseFromName maps a licence name to SPDX, "" when it is not a known
// one.
func licenseFromName(name string) string {
	key, orLater, only := nameKey(name)
	id := licenseNames[key]
	switch {
	case id == "":
		return ""
	case gnuFamilies[id] && orLater:
		return id + "-or-later"
	case gnuFamilies[id] && only:
		return id + "-only"
	case orLater || only:
		return ""
	}
	return id
}

var (
	parenthesised = regexp.MustCompile(`\([^)]*\)`)
	nameSeparator = regexp.MustCompile(`[^a-z0-9.+]+`)
	// nameAndVersion splits "gplv3", "apache2" and "v2.0".
	nameAndVersion = regexp.MustCompile(`^([a-z]*?)(v?)(\d+(?:\.\d+)*)(\+?)$`)
	trailingZero   = regexp.MustCompile(`(\.0)+$`)
)

// nameKeyDropped are words that do not tell licences apart.
var nameKeyDropped = map[string]bool{
	"the": true, "license": true, "licensed": true, "version": true, "v": true, "software": true,
	"any": true,
}

// nameKey reduces a licence name to the words that identify it:
// "The Apache Software License, Version 2.0" becomes "apache 2", "GNU
// General Public License v3 or later (GPLv3+)" becomes "gnu general public
// 3" with orLater set.
func nameKey(name string) (key string, orLater, only bool) {
	s := strings.ToLower(name)
	s = strings.ReplaceAll(s, "licence", "license")
	if p := parenthesised.ReplaceAllString(s, " "); strings.TrimSpace(p) != "" {
		s = p
	}
	var words []string
	for _, w := range strings.Fields(nameSeparator.ReplaceAllString(s, " ")) {
		if m := nameAndVersion.FindStringSubmatch(w); m != nil {
			if m[1] != "" {
				words = append(words, m[1])
			}
			words = append(words, trailingZero.ReplaceAllString(m[3], ""))
			orLater = orLater || m[4] == "+"
			continue
		}
		if strings.HasSuffix(w, "+") {
			w, orLater = strings.TrimSuffix(w, "+"), true
		}
		if w != "" {
			words = append(words, w)
		}
	}
	var kept []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "or" && i+1 < len(words) && (words[i+1] == "later" || words[i+1] == "newer"):
			orLater = true
			i++
		case w == "or" && i+2 < len(words) && words[i+1] == "any" && words[i+2] == "later":
			orLater = true
			i += 2
		case w == "only":
			only = true
		case nameKeyDropped[w]:
		default:
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " "), orLater, only
}

// URL patterns of licence texts, tried after the host's own rules.
var (
	gnuLicenseURL = regexp.MustCompile(`^/licenses/(?:old-licenses/)?(a?gpl|lgpl)-(\d\.\d)(?:-standalone)?(?:\.en)?$`)
	ccLicenseURL  = regexp.MustCompile(`^/licenses/(by(?:-[a-z]+)*)/(\d\.\d)`)
	euplURL       = regexp.MustCompile(`eupl[-_ ]?(?:v|text[-_]eupl[-_])?1[._]?([12])`)
	cecillURL     = regexp.MustCompile(`licence_cecill(?:_v(\d\.\d)|-([bc]))`)
	eplURL        = regexp.MustCompile(`^/legal/epl-(?:v)?(1\.?0|2\.0)`)
)

// licenseFromURL maps the URL of a well-known licence text to SPDX, "" for
// any other string.
func licenseFromURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p := strings.ToLower(strings.TrimRight(u.Path, "/"))
	for _, ext := range []string{".html", ".htm", ".txt", ".php", ".md", ".json"} {
		p = strings.TrimSuffix(p, ext)
	}
	switch host {
	case "apache.org":
		if p == "/licenses/license-2.0" {
			return "Apache-2.0"
		}
	case "opensource.org":
		switch p[strings.LastIndex(p, "/")+1:] {
		case "mit-license":
			return "MIT"
		case "bsd-license":
			return "BSD-2-Clause"
		case "bsd-3-clause":
			return "BSD-3-Clause"
		}
		if strings.HasPrefix(p, "/licenses/") || strings.HasPrefix(p, "/license/") {
			return spdxID(u.Path)
		}
	case "spdx.org", "choosealicense.com":
		if strings.HasPrefix(p, "/licenses/") {
			return spdxID(u.Path)
		}
	case "licenses.nuget.org":
		if expr, err := url.PathUnescape(strings.TrimPrefix(u.EscapedPath(), "/")); err == nil {
			return NormalizeLicense(expr)
		}
	case "gnu.org":
		if m := gnuLicenseURL.FindStringSubmatch(p); m != nil {
			return strings.ToUpper(m[1]) + "-" + m[2]
		}
	case "mozilla.org":
		if strings.Contains(p, "/mpl/2.0") {
			return "MPL-2.0"
		}
	case "creativecommons.org":
		if strings.HasPrefix(p, "/publicdomain/zero/1.0") {
			return "CC0-1.0"
		}
		if m := ccLicenseURL.FindStringSubmatch(p); m != nil {
			return spdxID("CC-" + strings.ToUpper(m[1]) + "-" + m[2])
		}
	case "eclipse.org":
		if m := eplURL.FindStringSubmatch(p); m != nil {
			return "EPL-" + map[string]string{"10": "1.0", "1.0": "1.0", "2.0": "2.0"}[m[1]]
		}
	case "nationalarchives.gov.uk":
		if strings.Contains(p, "open-government-licence/version/3") {
			return "OGL-UK-3.0"
		}
	case "etalab.gouv.fr":
		if strings.Contains(p, "licence-ouverte") {
			return "etalab-2.0"
		}
	case "cecill.info":
		if m := cecillURL.FindStringSubmatch(p); m != nil {
			return spdxID("CECILL-" + strings.ToUpper(m[1]+m[2]))
		}
	case "mit-license.org":
		return "MIT"
	case "unlicense.org":
		return "Unlicense"
	}
	if host == "eupl.eu" {
		p = "/eupl-" + strings.TrimPrefix(p, "/")
	}
	if strings.HasSuffix(host, "europa.eu") || host == "eupl.eu" {
		if m := euplURL.FindStringSubmatch(p); m != nil {
			return "EUPL-1." + m[1]
		}
	}
	return ""
}

// spdxID returns the last element of a path (or the string itself) when it
// is an SPDX identifier, "" otherwise.
func spdxID(p string) string {
	p = strings.TrimRight(p, "/")
	last := p[strings.LastIndex(p, "/")+1:]
	for _, ext := range []string{".html", ".htm", ".txt", ".php", ".json"} {
		last = strings.TrimSuffix(last, ext)
	}
	if id, ok := licenses.Normalize(last); ok && !strings.ContainsAny(id, " ") {
		return id
	}
	return ""
}
