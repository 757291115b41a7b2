package registry

import "time"

// AnalyserVersion changes whenever the analysers would produce a different
// record for the same commit. A stored record with an older version is
// re-analysed even when its repository has not moved.
const AnalyserVersion = 1

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
	Publiccode      *Publiccode   `json:"publiccode"`
	Languages       []Language    `json:"languages"`
	Readme          *Readme       `json:"readme"`
	Standards       []Standard    `json:"standards"`
	Checks          []Check       `json:"checks"`
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
}

// Language is one programming language and the bytes of code written in it.
type Language struct {
	Name  string `json:"name"`
	Bytes int64  `json:"bytes"`
}

// Readme locates the repository's README.
type Readme struct {
	Path string `json:"path"`
	// Summary is the first paragraph of prose, as plain text.
	Summary string `json:"summary"`
	// Text is the README as plain text, bounded in size, for the search index.
	// It is kept out of the JSON record, which stays small.
	Text string `json:"-"`
}

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

// Standard is an open standard the repository shows evidence of using.
type Standard struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
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
	ID        string     `json:"id"`
	Principle string     `json:"principle"`
	Status    string     `json:"status"`
	Reason    string     `json:"reason"`
	Evidence  []Evidence `json:"evidence"`
}
