package registry

import "time"

// AnalyserVersion changes whenever the analysers would produce a different
// record for the same commit. A stored record with an older version is
// re-analysed even when its repository has not moved.
const AnalyserVersion = 3

// Record is what the analysers say about one repository at one commit. It is
// the output of `govshare inspect --json` and the core of a catalogue entry.
//
// Slices are never nil once a record has been through Normalize, so that the
// JSON form always carries arrays, never null, for list fields.
type Record struct {
	URL             string        `json:"url"`
	Commit          string        `json:"commit"`
	Branch          string        `json:"branch"`
	CommittedAt     time.Time     `json:"committed_at"`
	Name            string        `json:"name"`
	Description     string        `json:"description"`
	License         string        `json:"license"`
	Licenses        []LicenseFile `json:"licenses"`
	DeclaredLicense string        `json:"declared_license"`
	// DeclaredLicenses lists every licence a metadata file declares, so a
	// disagreement with the files can be shown with both sides.
	DeclaredLicenses []DeclaredLicense `json:"declared_licenses"`
	Publiccode       *Publiccode       `json:"publiccode"`
	// LastValidPubliccode is the last valid publiccode.yml the catalogue
	// saw, kept while the current one is invalid so that an entry keeps its
	// declared name and description until the file is fixed; nil when the
	// current one is valid or there never was a valid one. It was read at
	// LastValidPubliccodeCommit.
	LastValidPubliccode       *Publiccode `json:"last_valid_publiccode,omitempty"`
	LastValidPubliccodeCommit string      `json:"last_valid_publiccode_commit,omitempty"`
	// Metadata lists the machine-readable metadata files found
	// (publiccode.yml, code.json, catalog-info.yaml, package manifests).
	Metadata  []MetadataFile `json:"metadata"`
	Languages []Language     `json:"languages"`
	Readme    *Readme        `json:"readme"`
	Standards []Standard     `json:"standards"`
	Checks    []Check        `json:"checks"`
	// Warnings lists what the analysers had to skip (an unreadable or
	// oversized file, say); the record is still usable.
	Warnings        []string `json:"warnings"`
	AnalyserVersion int      `json:"analyser_version"`
}

// Normalize replaces nil slices with empty ones.
func (r *Record) Normalize() {
	if r.Licenses == nil {
		r.Licenses = []LicenseFile{}
	}
	if r.Languages == nil {
		r.Languages = []Language{}
	}
	if r.Standards == nil {
		r.Standards = []Standard{}
	}
	if r.Checks == nil {
		r.Checks = []Check{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	if r.DeclaredLicenses == nil {
		r.DeclaredLicenses = []DeclaredLicense{}
	}
	if r.Metadata == nil {
		r.Metadata = []MetadataFile{}
	}
	if r.Publiccode != nil {
		if r.Publiccode.Errors == nil {
			r.Publiccode.Errors = []Diagnostic{}
		}
		if r.Publiccode.Warnings == nil {
			r.Publiccode.Warnings = []Diagnostic{}
		}
	}
}

// LicenseFile is one licence found in the repository's files.
type LicenseFile struct {
	// SPDX is the licence identifier, or a LicenseRef- for a text that is
	// recognisably a licence but not one on the SPDX list.
	SPDX string `json:"spdx"`
	// Path is the file, relative to the repository root, with forward slashes.
	Path string `json:"path"`
	// Coverage is the percentage of the file's words the match accounts for.
	Coverage float64 `json:"coverage"`
	// OSIApproved is true when the SPDX list marks the licence OSI-approved.
	OSIApproved bool `json:"osi_approved"`
	// Scope says whose licence this is: "project" (the repository's own),
	// "component" (a subfolder's), or "file" (SPDX headers, REUSE
	// annotations).
	Scope string `json:"scope,omitempty"`
	// Closest names the SPDX licence a modified or unrecognised text is
	// nearest to, when SPDX is a LicenseRef-.
	Closest string `json:"closest,omitempty"`
	// Note explains anything a reader should know about the match (a
	// translated text, a changed clause, -only versus -or-later).
	Note string `json:"note,omitempty"`
}

// DeclaredLicense is a licence a metadata file declares.
type DeclaredLicense struct {
	// Path is the metadata file, e.g. publiccode.yml or package.json.
	Path string `json:"path"`
	// Field is where in the file, e.g. legal.license.
	Field string `json:"field"`
	// Value is the declaration as written.
	Value string `json:"value"`
	// SPDX is Value as a normalised SPDX expression, "" when it is not one.
	SPDX string `json:"spdx"`
	// Agreement is how the declaration compares with the licence files
	// (the licence-consistent check's verdict on it): AgreementMatch,
	// AgreementPartial (the same licences, with the -only/-or-later suffix
	// or AND/OR differing), AgreementMismatch, or AgreementUnknown (a value
	// that is not a licence name, or nothing to compare with).
	Agreement string `json:"agreement,omitempty"`
	// Files is the licence expression of the files it was compared with.
	Files string `json:"files,omitempty"`
}

// Agreements of a declared licence with the files.
const (
	AgreementMatch    = "match"
	AgreementPartial  = "partial"
	AgreementMismatch = "mismatch"
	AgreementUnknown  = "unknown"
)

// MetadataFile is one machine-readable metadata file and whether it parses
// and validates against its format.
type MetadataFile struct {
	Path string `json:"path"`
	// Format is publiccode.yml, code.json, catalog-info.yaml, package.json,
	// pyproject.toml, Cargo.toml, pom.xml, composer.json, gemspec, ...
	Format string       `json:"format"`
	Valid  bool         `json:"valid"`
	Errors []Diagnostic `json:"errors"`
}

// Language is one programming language and the bytes of code written in it.
type Language struct {
	Name  string `json:"name"`
	Bytes int64  `json:"bytes"`
}

// Readme locates the repository's README.
type Readme struct {
	Path string `json:"path"`
	// Format is how the README is written: ReadmeMarkdown, ReadmeRST or
	// ReadmeText, decided by its file name.
	Format string `json:"format,omitempty"`
	// Summary is the first paragraph of prose, as plain text.
	Summary string `json:"summary"`
	// Text is the README as plain text, bounded in size, for the search index.
	// It is kept out of the JSON record, which stays small.
	Text string `json:"-"`
	// Source is the README as written, for the project page to render:
	// valid UTF-8, line endings normalised to "\n", a byte order mark
	// removed, and cut at a line boundary when it is longer than the
	// analyser's bound. Like Text it is kept out of the JSON record.
	Source string `json:"-"`
}

// Formats of a README.
const (
	ReadmeMarkdown = "markdown"
	ReadmeRST      = "rst"
	ReadmeText     = "text"
)

// Publiccode is what a publiccode.yml file declares, and whether it is valid.
type Publiccode struct {
	Path     string       `json:"path"`
	Valid    bool         `json:"valid"`
	Errors   []Diagnostic `json:"errors"`
	Warnings []Diagnostic `json:"warnings"`

	Version            string   `json:"publiccode_yml_version,omitempty"`
	Name               string   `json:"name,omitempty"`
	URL                string   `json:"url,omitempty"`
	LandingURL         string   `json:"landing_url,omitempty"`
	SoftwareVersion    string   `json:"software_version,omitempty"`
	ReleaseDate        string   `json:"release_date,omitempty"`
	Platforms          []string `json:"platforms,omitempty"`
	Categories         []string `json:"categories,omitempty"`
	DevelopmentStatus  string   `json:"development_status,omitempty"`
	SoftwareType       string   `json:"software_type,omitempty"`
	License            string   `json:"license,omitempty"`
	MainCopyrightOwner string   `json:"main_copyright_owner,omitempty"`
	MaintenanceType    string   `json:"maintenance_type,omitempty"`
	// Descriptions are keyed by language code (en, it, de...).
	Descriptions map[string]PubliccodeDescription `json:"descriptions,omitempty"`
}

// PubliccodeDescription is one language's description block.
type PubliccodeDescription struct {
	LocalisedName    string   `json:"localised_name,omitempty"`
	ShortDescription string   `json:"short_description,omitempty"`
	LongDescription  string   `json:"long_description,omitempty"`
	Features         []string `json:"features,omitempty"`
}

// Diagnostic is a problem found in a metadata file.
type Diagnostic struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Key     string `json:"key,omitempty"`
	Message string `json:"message"`
}

// Evidence points at the file (and, where it helps, the line) that supports
// a claim.
type Evidence struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Note string `json:"note,omitempty"`
}

// Royalty statuses of a standard.
const (
	RoyaltyFree = "royalty-free"
	FRAND       = "frand"
	Proprietary = "proprietary"
)

// Standard is an open (or, as the opposite signal, proprietary) standard
// the repository shows evidence of using. There is no claim without
// evidence: Evidence is never empty.
type Standard struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Body string `json:"body"`
	// Version is the version the evidence shows, "" when it does not say.
	Version string `json:"version,omitempty"`
	// Status is RoyaltyFree, FRAND or Proprietary.
	Status   string     `json:"status"`
	Evidence []Evidence `json:"evidence"`
}

// Check outcomes.
const (
	CheckPass = "pass"
	CheckWarn = "warn"
	CheckFail = "fail"
)

// Check is one compliance check with its outcome and the evidence for it.
type Check struct {
	ID string `json:"id"`
	// Principle groups checks: open-source, open-standards,
	// open-government (licensing and metadata), share-and-reuse.
	Principle string `json:"principle"`
	Title     string `json:"title"`
	// Status is CheckPass, CheckWarn or CheckFail.
	Status string `json:"status"`
	// Reason says, in plain language, why the check has this status.
	Reason   string     `json:"reason"`
	Evidence []Evidence `json:"evidence"`
	// Fix says what to change when the check does not pass.
	Fix string `json:"fix,omitempty"`
}
