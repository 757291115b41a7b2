package ui

import (
	"cmp"
	"slices"

	"github.com/govshare/govshare/registry"
)

// principles are the principles checks serve, in the order pages and
// exports list them, with the heading a reader sees. A check naming a
// principle not listed here is grouped after these, under its own name.
var principles = []struct {
	ID    string
	Title string
}{
	{"open-source", "Open source"},
	{"open-standards", "Open standards"},
	{"open-government", "Open government and licensing"},
	{"share-and-reuse", "Share and reuse"},
}

// principleRank is a principle's place in principles, or len(principles)
// for one not listed.
func principleRank(id string) int {
	for i, p := range principles {
		if p.ID == id {
			return i
		}
	}
	return len(principles)
}

// checkLabels are the words a badge shows for each outcome, so that the
// outcome never rests on colour alone.
var checkLabels = map[string]string{
	registry.CheckPass: "Pass",
	registry.CheckWarn: "Warn",
	registry.CheckFail: "Fail",
}

// checkSeverity orders outcomes from best to worst.
var checkSeverity = map[string]int{
	registry.CheckPass: 1,
	registry.CheckWarn: 2,
	registry.CheckFail: 3,
}

// checkSummary counts checks by outcome.
type checkSummary struct {
	Pass int `json:"pass"`
	Warn int `json:"warn"`
	Fail int `json:"fail"`
	// Overall is the worst outcome, "" when there is no check.
	Overall string `json:"overall"`
}

// summariseChecks counts checks by outcome. An outcome other than pass,
// warn and fail is not counted, and cannot be the overall outcome.
func summariseChecks(checks []registry.Check) checkSummary {
	var s checkSummary
	for _, c := range checks {
		switch c.Status {
		case registry.CheckPass:
			s.Pass++
		case registry.CheckWarn:
			s.Warn++
		case registry.CheckFail:
			s.Fail++
		}
		if checkSeverity[c.Status] > checkSeverity[s.Overall] {
			s.Overall = c.Status
		}
	}
	return s
}

// complianceView is the project page's compliance panel.
type complianceView struct {
	Summary checkSummary
	Groups  []principleGroup
}

// principleGroup is the checks serving one principle.
type principleGroup struct {
	ID     string
	Title  string
	Checks []checkView
}

// checkView is one check as the page shows it.
type checkView struct {
	ID          string
	Title       string
	Status      string
	StatusLabel string
	Reason      string
	Fix         string
	Evidence    []evidenceView
}

// evidenceView is one piece of evidence; Link, when set, opens the file at
// the indexed commit.
type evidenceView struct {
	Path string
	Line int
	Note string
	Link string
}

// buildCompliance groups a record's checks by principle, principles in
// their usual order and checks in the order the analyser gave them.
func buildCompliance(r *registry.Record) complianceView {
	v := complianceView{Summary: summariseChecks(r.Checks)}
	sorted := slices.Clone(r.Checks)
	slices.SortStableFunc(sorted, func(a, b registry.Check) int {
		return cmp.Or(
			cmp.Compare(principleRank(a.Principle), principleRank(b.Principle)),
			// Unlisted principles are grouped by name.
			cmp.Compare(unlistedName(a.Principle), unlistedName(b.Principle)),
		)
	})
	for _, c := range sorted {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].ID != c.Principle {
			v.Groups = append(v.Groups, principleGroup{ID: c.Principle, Title: principleTitle(c.Principle)})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Checks = append(g.Checks, checkView{
			ID:          c.ID,
			Title:       cmp.Or(c.Title, c.ID),
			Status:      c.Status,
			StatusLabel: cmp.Or(checkLabels[c.Status], c.Status),
			Reason:      c.Reason,
			Fix:         c.Fix,
			Evidence:    evidenceViews(r, c.Evidence),
		})
	}
	return v
}

// unlistedName is a principle's name when principles does not list it, so
// that sorting by it groups the unlisted ones without moving listed ones.
func unlistedName(id string) string {
	if principleRank(id) < len(principles) {
		return ""
	}
	return id
}

// principleTitle is a principle's heading; an unknown principle is shown by
// its name, and a check with none under "Other checks".
func principleTitle(id string) string {
	if r := principleRank(id); r < len(principles) {
		return principles[r].Title
	}
	return cmp.Or(id, "Other checks")
}

// evidenceViews turns evidence into views, linking each file when the
// repository's host is known.
func evidenceViews(r *registry.Record, evidence []registry.Evidence) []evidenceView {
	views := make([]evidenceView, 0, len(evidence))
	for _, e := range evidence {
		views = append(views, evidenceView{
			Path: e.Path,
			Line: e.Line,
			Note: e.Note,
			Link: sourceFileLink(r.URL, r.Commit, e.Path, e.Line),
		})
	}
	return views
}

// royaltyLabels say what each royalty status means for a reader.
var royaltyLabels = map[string]string{
	registry.RoyaltyFree: "Royalty-free",
	registry.FRAND:       "FRAND: licensing fees may apply",
	registry.Proprietary: "Proprietary",
}

// standardsView is the project page's open standards section: the open
// standards used, and apart from them the proprietary formats found.
type standardsView struct {
	Open        []standardView
	Proprietary []standardView
}

// standardView is one detected standard with its evidence.
type standardView struct {
	ID          string
	Name        string
	Body        string
	Version     string
	Status      string
	StatusLabel string
	Evidence    []evidenceView
}

// buildStandards splits a record's standards into open ones and
// proprietary formats.
func buildStandards(r *registry.Record) standardsView {
	var v standardsView
	for _, s := range r.Standards {
		sv := standardView{
			ID:          s.ID,
			Name:        cmp.Or(s.Name, s.ID),
			Body:        s.Body,
			Version:     s.Version,
			Status:      s.Status,
			StatusLabel: cmp.Or(royaltyLabels[s.Status], s.Status, "not stated"),
			Evidence:    evidenceViews(r, s.Evidence),
		}
		if s.Status == registry.Proprietary {
			v.Proprietary = append(v.Proprietary, sv)
		} else {
			v.Open = append(v.Open, sv)
		}
	}
	return v
}
