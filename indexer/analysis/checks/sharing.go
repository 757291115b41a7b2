package checks

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/govshare/govshare/registry"
)

// substantialReadmeWords is the README length, in words, that counts as
// documentation on its own: enough for what the project does, how to
// install it and how to use it.
const substantialReadmeWords = 300

// readmePresent passes when the repository has a README at its root.
func (e evaluation) readmePresent() (registry.Check, bool) {
	rd := e.rec.Readme
	if rd == nil || rd.Path == "" {
		return newCheck(ReadmePresent, registry.CheckFail,
			"No README was found at the root of the repository.", nil,
			"Add a README.md at the root saying what the project does, who it is for, how to install and use it, "+
				"and who maintains it."), true
	}
	reason := rd.Path + " is present."
	if rd.Summary != "" {
		reason = fmt.Sprintf("%s is present; it begins: %q", rd.Path, shorten(rd.Summary, 160))
	}
	return newCheck(ReadmePresent, registry.CheckPass, reason, []registry.Evidence{{Path: rd.Path}}, ""), true
}

// shorten cuts s to at most n runes at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// documentation passes with a documentation folder or site, or a README of
// at least substantialReadmeWords words; warns with a shorter README; fails
// with neither.
func (e evaluation) documentation() (registry.Check, bool) {
	if e.files == nil {
		return registry.Check{}, false
	}
	if docs := e.files.documentation(3); len(docs) > 0 {
		var evidence []registry.Evidence
		for _, p := range docs {
			evidence = append(evidence, registry.Evidence{Path: p})
		}
		return newCheck(Documentation, registry.CheckPass,
			fmt.Sprintf("The repository has documentation beyond its README: %s.", joinAnd(docs)), evidence, ""), true
	}
	fix := "Document installation, configuration and use: in a docs/ folder, or in a README of a few hundred words at least."
	rd := e.rec.Readme
	if rd == nil || rd.Path == "" {
		return newCheck(Documentation, registry.CheckFail,
			"No documentation was found: no README and no docs/ folder.", nil, fix), true
	}
	words := len(strings.Fields(rd.Text))
	evidence := []registry.Evidence{{Path: rd.Path, Note: fmt.Sprintf("%d words", words)}}
	if words >= substantialReadmeWords {
		return newCheck(Documentation, registry.CheckPass,
			fmt.Sprintf("%s has %d words of documentation.", rd.Path, words), evidence, ""), true
	}
	return newCheck(Documentation, registry.CheckWarn,
		fmt.Sprintf("The only documentation is %s, %d words long (under %d), and there is no docs/ folder.",
			rd.Path, words, substantialReadmeWords), evidence, fix), true
}

// communityFile is a check that passes when one of a few conventional files
// is present and warns otherwise.
type communityFile struct {
	id     string
	dirs   []string
	stems  []string
	what   string // "a contributing guide"
	absent string // the reason when missing
	fix    string
}

func (e evaluation) communityFile(c communityFile) (registry.Check, bool) {
	if e.files == nil {
		return registry.Check{}, false
	}
	found := e.files.withStem(c.dirs, c.stems...)
	if len(found) == 0 {
		return newCheck(c.id, registry.CheckWarn, c.absent, nil, c.fix), true
	}
	var evidence []registry.Evidence
	for _, p := range found {
		evidence = append(evidence, registry.Evidence{Path: p})
	}
	return newCheck(c.id, registry.CheckPass,
		fmt.Sprintf("The repository has %s: %s.", c.what, listPaths(found, 3)), evidence, ""), true
}

func (e evaluation) contributingGuide() (registry.Check, bool) {
	return e.communityFile(communityFile{
		id:     ContributingGuide,
		dirs:   communityDirs,
		stems:  []string{"CONTRIBUTING", "CONTRIBUTE"},
		what:   "a contributing guide",
		absent: "No contributing guide (CONTRIBUTING.md at the root, in .github/ or in docs/) was found.",
		fix: "Add a CONTRIBUTING.md saying how to report a problem, propose a change and get it reviewed, " +
			"so that other administrations can take part.",
	})
}

func (e evaluation) securityPolicy() (registry.Check, bool) {
	return e.communityFile(communityFile{
		id:     SecurityPolicy,
		dirs:   slices.Concat(communityDirs, []string{".well-known"}),
		stems:  []string{"SECURITY"},
		what:   "a security policy",
		absent: "No security policy (SECURITY.md at the root, in .github/ or in docs/) was found.",
		fix: "Add a SECURITY.md saying how to report a vulnerability privately (an address or a form) " +
			"and how reports are handled.",
	})
}

func (e evaluation) codeOfConduct() (registry.Check, bool) {
	return e.communityFile(communityFile{
		id:     CodeOfConduct,
		dirs:   communityDirs,
		stems:  []string{"CODE_OF_CONDUCT", "CONDUCT"},
		what:   "a code of conduct",
		absent: "No code of conduct (CODE_OF_CONDUCT.md at the root, in .github/ or in docs/) was found.",
		fix:    "Add a CODE_OF_CONDUCT.md, for instance the Contributor Covenant, naming who to contact.",
	})
}

// maintainedRecently measures the age of the last commit: under 12 months
// passes, under 24 warns, older fails. Without a commit date it warns.
func (e evaluation) maintainedRecently() (registry.Check, bool) {
	at := e.rec.CommittedAt
	fix := "If the project is still in use, say who maintains it (publiccode.yml maintenance) and keep its dependencies up to date; " +
		"if it is finished or abandoned, say so in the README."
	if at.IsZero() {
		return newCheck(MaintainedRecently, registry.CheckWarn,
			"There is no commit date to measure maintenance by (a plain directory, not a git repository).", nil,
			"Inspect the git repository rather than a copy of its files."), true
	}
	last := "The last commit"
	if e.rec.Commit != "" {
		last += " (" + shortHash(e.rec.Commit) + ")"
	}
	last += fmt.Sprintf(" is from %s (%s)", at.UTC().Format(time.DateOnly), ago(monthsBetween(at, e.now)))
	switch {
	case !at.Before(e.now.AddDate(-1, 0, 0)):
		return newCheck(MaintainedRecently, registry.CheckPass, last+".", nil, ""), true
	case !at.Before(e.now.AddDate(-2, 0, 0)):
		return newCheck(MaintainedRecently, registry.CheckWarn, last+": more than 12 months without a change.", nil, fix), true
	}
	return newCheck(MaintainedRecently, registry.CheckFail, last+": more than 24 months without a change.", nil, fix), true
}

// monthsBetween counts the whole calendar months from a to b.
func monthsBetween(a, b time.Time) int {
	a, b = a.UTC(), b.UTC()
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return max(m, 0)
}

func ago(months int) string {
	switch {
	case months == 0:
		return "less than a month ago"
	case months < 24:
		return fmt.Sprintf("%d %s ago", months, plural(months, "month", "months"))
	}
	return fmt.Sprintf("%d years ago", months/12)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
