package ui

import (
	"cmp"
	"path"
	"strconv"
	"strings"

	"github.com/govshare/govshare/registry"
)

// scopeLabels say whose licence a licence file is.
var scopeLabels = map[string]string{
	"project":   "Whole project",
	"component": "Component",
	"file":      "Files",
}

// licenseFileView is one licence found in the files, as the page shows it.
type licenseFileView struct {
	Path string
	// Link opens the file at the indexed commit, "" when it cannot.
	Link string
	SPDX string
	// Coverage is how much of the file the match accounts for, in words:
	// a licence known from an SPDX identifier alone has no text to cover,
	// and reads "SPDX identifier" rather than 0%.
	Coverage    string
	OSIApproved bool
	Scope       string
	// Modified is true for a text that is recognisably a licence on the
	// SPDX list but not as written there (a changed clause, say); Closest
	// names that licence.
	Modified bool
	Closest  string
	Note     string
}

// licenseFileViews lists the licences found in the files.
func licenseFileViews(r *registry.Record) []licenseFileView {
	views := make([]licenseFileView, 0, len(r.Licenses))
	for _, l := range r.Licenses {
		v := licenseFileView{
			Path:        l.Path,
			Link:        sourceFileLink(r.URL, r.Commit, l.Path, 0),
			SPDX:        l.SPDX,
			Coverage:    "SPDX identifier",
			OSIApproved: l.OSIApproved,
			Scope:       cmp.Or(scopeLabels[l.Scope], l.Scope, "not recorded"),
			Modified:    strings.HasPrefix(l.SPDX, "LicenseRef-") && l.Closest != "",
			Closest:     l.Closest,
			Note:        l.Note,
		}
		if l.Coverage > 0 {
			v.Coverage = formatCoverage(l.Coverage)
		}
		views = append(views, v)
	}
	return views
}

// formatCoverage shows a licence match's coverage as a percentage, with no
// more digits than it has.
func formatCoverage(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) + "%" }

// metadataView is one machine-readable metadata file.
type metadataView struct {
	Path string
	Link string
	// Format is "" when the file's name already says it.
	Format string
	Valid  bool
	Errors []registry.Diagnostic
}

// metadataViews lists the machine-readable metadata files found.
func metadataViews(r *registry.Record) []metadataView {
	views := make([]metadataView, 0, len(r.Metadata))
	for _, m := range r.Metadata {
		views = append(views, metadataView{
			Path:   m.Path,
			Link:   sourceFileLink(r.URL, r.Commit, m.Path, 0),
			Format: formatUnlessNamed(m.Format, m.Path),
			Valid:  m.Valid,
			Errors: m.Errors,
		})
	}
	return views
}

// formatUnlessNamed returns format, or "" when the file's name is the
// format's (publiccode.yml is a publiccode.yml file).
func formatUnlessNamed(format, p string) string {
	if path.Base(p) == format {
		return ""
	}
	return format
}
