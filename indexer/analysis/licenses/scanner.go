package licenses

import (
	"strings"
	"sync"

	"github.com/google/licensecheck"

	"github.com/govshare/govshare/indexer/analysis/licenses/spdx"
)

// scanner is licensecheck's built-in licence set plus extraLicenses. Building
// its matcher takes about a second, so it is built once per process, on first
// use, and only read afterwards: like licensecheck's own built-in scanner, it
// is immutable state shared by every Detect call.
var scanner = sync.OnceValue(func() *licensecheck.Scanner {
	list := licensecheck.BuiltinLicenses()
	list = append(list, extraLicenses()...)
	s, err := licensecheck.NewScanner(list)
	if err != nil {
		// The patterns are compiled into the binary and covered by the
		// tests: failing here is a build defect, not a run-time condition.
		panic("licenses: build scanner: " + err.Error())
	}
	return s
})

// textPatternIDs are the licences whose SPDX text (in package spdx)
// licensecheck's built-in patterns do not recognise: the SPDX text of
// CECILL-2.1 differs from the one licensecheck knows, and the others are
// missing from its set.
var textPatternIDs = []string{"CECILL-2.1", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0", "NLOD-2.0"}

// extraLicenses returns the patterns added to licensecheck's set: the SPDX
// texts of textPatternIDs, and the short forms of the CC0-1.0 dedication
// that public bodies use without the legal code.
func extraLicenses() []licensecheck.License {
	var list []licensecheck.License
	for _, id := range textPatternIDs {
		text, ok := spdx.Text(id)
		if !ok {
			panic("licenses: no embedded SPDX text for " + id)
		}
		list = append(list, licensecheck.License{ID: id, LRE: textPattern(text)})
	}
	for _, lre := range cc0ShortForms {
		list = append(list, licensecheck.License{ID: "CC0-1.0", Type: licensecheck.Unrestricted, LRE: lre})
	}
	return list
}

// cc0ShortForms are license regular expressions (see licensecheck) for the
// ways CC0-1.0 is applied without its legal code: the dedication and the
// software notice Creative Commons suggests, the statement of United States
// federal projects, and the human-readable summary of the deed that often
// follows it.
var cc0ShortForms = []string{
	`//** The dedication Creative Commons suggests for CC0 **//
((
	((CC0 || CC0 1.0 || CC0 1.0 Universal))
))??
To the extent possible under law,
__20__
has waived all copyright and related or
((neighboring || neighbouring))
rights to
`,
	`//** The notice Creative Commons suggests for software dedicated with CC0 **//
To the extent possible under law,
__20__
((has || have))
dedicated all copyright and related and neighboring rights to
__10__
to the public domain worldwide.
((This software is distributed without any warranty.))??
((
	You should have received a copy of the CC0 Public Domain Dedication along with this software.
	((If not, see))??
))??
`,
	`//** United States federal projects (18F, CFPB, USDS) **//
((
	As a work of the United States
	((Government || federal government))??
	this project is in the public domain within the United States.
))??
((Additionally))??
we waive copyright and related rights in the work worldwide through the CC0 1.0 Universal public domain dedication.
`,
	`//** The human-readable summary of the CC0 deed **//
((CC0 1.0 Universal Summary))??
((
	This is a human-readable summary of the Legal Code
	((read the full text))??
))??
((No Copyright))??
The person who associated a work with this deed has dedicated the work to the public domain by waiving all
((of his or her))??
rights to the work worldwide under copyright law, including all related and neighboring rights, to the extent allowed by law.
You can copy, modify, distribute and perform the work, even for commercial purposes, all without asking permission.
((
	((Other Information))??
	In no way are the patent or trademark rights of any person affected by CC0, nor are the rights that other persons may have in the work or in how the work is used, such as publicity or privacy rights.
	Unless expressly stated otherwise, the person who associated a work with this deed makes no warranties about the work, and disclaims liability for all uses of the work, to the fullest extent permitted by applicable law.
	When using or citing the work, you should not imply endorsement by the author or the affirmer.
))??
`,
}

// textPattern turns a plain licence text into a license regular expression
// that matches it, with its title line optional. Punctuation is ignored by
// the matcher, so only the pattern syntax needs defusing.
func textPattern(text string) string {
	defuse := strings.NewReplacer("((", "( (", "))", ") )", "||", "| |", "__", "_ _", "//", "/ /", "**", "* *")
	text = defuse.Replace(strings.TrimSpace(text))
	title, rest, _ := strings.Cut(text, "\n")
	return "((\n" + title + "\n))??\n" + rest + "\n"
}
