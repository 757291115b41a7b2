// Package checks turns an analysed record into compliance checks a
// procurement team can rely on: each one passes, warns or fails, says why in
// plain language with the values it found, points at the files that prove
// it and, when it does not pass, says what to change.
//
// Evaluate is a pure function of the record, the repository's file tree and
// the time given as "now": the same inputs always give the same checks, in
// the same order. It runs after the other analysers have filled the record
// (licences, declared licences, publiccode.yml, metadata files, standards,
// README, languages, commit date). The tree is used to see which files exist
// (CONTRIBUTING, SECURITY, docs/...) and to read a few small manifests.
//
// A check that cannot apply to a repository is left out of the list rather
// than reported as passed: licence-consistent without any declared licence,
// metadata-valid without metadata files, api-described for a repository that
// neither looks like a web service nor holds an API description,
// publiccode-matches without a publiccode.yml url. With a nil tree, the
// checks that only the files can answer (documentation, contributing-guide,
// security-policy, code-of-conduct) are left out too, and
// proprietary-formats and api-described rely on the record's standards
// alone.
//
// A Policy (see LoadPolicy and DefaultPolicy) says which checks must pass,
// which is what `govshare inspect --check` enforces.
package checks

import (
	"slices"
	"time"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// The principles checks are grouped by.
const (
	PrincipleOpenSource     = "open-source"
	PrincipleOpenStandards  = "open-standards"
	PrincipleOpenGovernment = "open-government"
	PrincipleShareAndReuse  = "share-and-reuse"
)

// Check ids. They are stable: policies and reports refer to them.
const (
	LicencePresent     = "licence-present"
	LicenceOSIApproved = "licence-osi-approved"
	LicenceConsistent  = "licence-consistent"
	LicenceModified    = "licence-modified"
	OpenStandardsUsed  = "open-standards-used"
	ProprietaryFormats = "proprietary-formats"
	APIDescribed       = "api-described"
	MetadataPresent    = "metadata-present"
	MetadataValid      = "metadata-valid"
	PubliccodeMatches  = "publiccode-matches"
	ReadmePresent      = "readme-present"
	Documentation      = "documentation"
	ContributingGuide  = "contributing-guide"
	SecurityPolicy     = "security-policy"
	CodeOfConduct      = "code-of-conduct"
	MaintainedRecently = "maintained-recently"
)

// Definition describes one check, for documentation and for the UI.
type Definition struct {
	ID        string
	Principle string
	Title     string
	// Summary says in one sentence what the check looks at.
	Summary string
}

// definitions lists every check in the order Evaluate reports them. It is
// only read.
var definitions = []Definition{
	{LicencePresent, PrincipleOpenSource, "Licence present",
		"The repository carries a licence text (LICENSE, LICENCE, COPYING, LICENSES/, or SPDX headers)."},
	{LicenceOSIApproved, PrincipleOpenSource, "Licence is OSI approved",
		"Every licence the project must be used under is approved by the Open Source Initiative."},
	{LicenceConsistent, PrincipleOpenSource, "Declared licence matches the files",
		"The licence that publiccode.yml, code.json or a package manifest declares is the one in the licence files."},
	{LicenceModified, PrincipleOpenSource, "Licence text unmodified",
		"No licence text was changed from its standard wording."},
	{OpenStandardsUsed, PrincipleOpenStandards, "Open standards used",
		"The files show evidence of at least one royalty-free open standard."},
	{ProprietaryFormats, PrincipleOpenStandards, "No proprietary office formats",
		"The repository holds no documents in proprietary office formats (.docx, .xlsx, .doc...)."},
	{APIDescribed, PrincipleOpenStandards, "API described with an open standard",
		"A repository that looks like a web service ships an OpenAPI or AsyncAPI description."},
	{MetadataPresent, PrincipleOpenGovernment, "Catalogue metadata present",
		"The repository describes itself in machine-readable metadata: publiccode.yml, code.json or catalog-info.yaml."},
	{MetadataValid, PrincipleOpenGovernment, "Metadata valid",
		"Every metadata file parses and validates against its format."},
	{PubliccodeMatches, PrincipleOpenGovernment, "publiccode.yml describes this repository",
		"The url in publiccode.yml is this repository's, not another project's."},
	{ReadmePresent, PrincipleShareAndReuse, "README present",
		"A README at the root says what the project is."},
	{Documentation, PrincipleShareAndReuse, "Documentation",
		"A docs/ folder or documentation site, or a README of substance."},
	{ContributingGuide, PrincipleShareAndReuse, "Contributing guide",
		"A CONTRIBUTING file says how to take part."},
	{SecurityPolicy, PrincipleShareAndReuse, "Security policy",
		"A SECURITY file says how to report a vulnerability."},
	{CodeOfConduct, PrincipleShareAndReuse, "Code of conduct",
		"A CODE_OF_CONDUCT file sets the rules of the community."},
	{MaintainedRecently, PrincipleShareAndReuse, "Maintained recently",
		"The last commit is less than 12 months old."},
}

// Definitions returns every check Evaluate may report, in report order.
// The slice is a copy.
func Definitions() []Definition {
	return slices.Clone(definitions)
}

// Principles returns the principles in report order.
func Principles() []string {
	return []string{PrincipleOpenSource, PrincipleOpenStandards, PrincipleOpenGovernment, PrincipleShareAndReuse}
}

// definition returns the definition of a known id.
func definition(id string) (Definition, bool) {
	for _, d := range definitions {
		if d.ID == id {
			return d, true
		}
	}
	return Definition{}, false
}

// Evaluate runs every check that applies to rec and returns them in the
// order of Definitions. now is the time "maintained recently" is measured
// against. tree may be nil, in which case the checks that need the files are
// left out.
func Evaluate(rec *registry.Record, tree *filetree.Tree, now time.Time) []registry.Check {
	var files *fileIndex
	if tree != nil {
		files = indexFiles(tree)
	}
	e := evaluation{rec: rec, tree: tree, files: files, now: now}
	var out []registry.Check
	for _, run := range []func() (registry.Check, bool){
		e.licencePresent,
		e.licenceOSIApproved,
		e.licenceConsistent,
		e.licenceModified,
		e.openStandardsUsed,
		e.proprietaryFormats,
		e.apiDescribed,
		e.metadataPresent,
		e.metadataValid,
		e.publiccodeMatches,
		e.readmePresent,
		e.documentation,
		e.contributingGuide,
		e.securityPolicy,
		e.codeOfConduct,
		e.maintainedRecently,
	} {
		if c, ok := run(); ok {
			out = append(out, c)
		}
	}
	return out
}

// evaluation is what every check reads.
type evaluation struct {
	rec   *registry.Record
	tree  *filetree.Tree // nil when Evaluate got none
	files *fileIndex     // nil when tree is nil
	now   time.Time
}

// newCheck starts a check of a known id with its principle and title.
func newCheck(id, status, reason string, evidence []registry.Evidence, fix string) registry.Check {
	d, _ := definition(id)
	if evidence == nil {
		evidence = []registry.Evidence{}
	}
	if status == registry.CheckPass {
		fix = ""
	}
	return registry.Check{
		ID:        id,
		Principle: d.Principle,
		Title:     d.Title,
		Status:    status,
		Reason:    reason,
		Evidence:  evidence,
		Fix:       fix,
	}
}

// worse returns the worse of two statuses: fail, then warn, then pass.
func worse(a, b string) string {
	if statusRank(b) > statusRank(a) {
		return b
	}
	return a
}

// better returns the better of two statuses.
func better(a, b string) string {
	if statusRank(b) < statusRank(a) {
		return b
	}
	return a
}

func statusRank(s string) int {
	switch s {
	case registry.CheckPass:
		return 0
	case registry.CheckWarn:
		return 1
	default:
		return 2
	}
}
