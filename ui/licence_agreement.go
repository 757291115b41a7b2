package ui

import "github.com/govshare/govshare/registry"

// licenseMatchCheck is the ID of the analysers' check that the declared
// licence matches the files (checks.LicenceConsistent, which ui may not
// import). Its outcome is the licence consistency exports report.
const licenseMatchCheck = "licence-consistent"

// declaredView is one declared licence next to what the files say.
type declaredView struct {
	Path     string
	PathLink string
	Field    string
	Value    string
	SPDX     string
	// Files is the licence expression the declaration was compared with,
	// "" for none.
	Files string
	// Agreement is the analysers' verdict (registry.Agreement*).
	Agreement string
	// AgreementLabel says the agreement in words.
	AgreementLabel string
}

// Mismatch reports whether the declaration disagrees with the files.
func (d declaredView) Mismatch() bool { return d.Agreement == registry.AgreementMismatch }

// agreementLabels say each verdict in words.
var agreementLabels = map[string]string{
	registry.AgreementMatch:    "Matches the files",
	registry.AgreementPartial:  "Same licence, version or combination differs",
	registry.AgreementMismatch: "Does not match the files",
	registry.AgreementUnknown:  "Cannot compare",
}

// buildDeclared lists a record's declared licences with the analysers'
// verdict on each: the catalogue shows their judgement, never one of its
// own, so the page, the exports and the checks always agree.
func buildDeclared(r *registry.Record) []declaredView {
	views := make([]declaredView, 0, len(r.DeclaredLicenses))
	for _, d := range r.DeclaredLicenses {
		agreement, files := d.Agreement, d.Files
		if agreement == "" { // a record made before declarations were compared
			agreement, files = registry.AgreementUnknown, r.License
		}
		views = append(views, declaredView{
			Path:           d.Path,
			PathLink:       sourceFileLink(r.URL, r.Commit, d.Path, 0),
			Field:          d.Field,
			Value:          d.Value,
			SPDX:           d.SPDX,
			Files:          files,
			Agreement:      agreement,
			AgreementLabel: agreementLabels[agreement],
		})
	}
	return views
}

// licenseConsistency is the outcome of the analysers' licence-consistent
// check, "" when the record has none (nothing declared).
func licenseConsistency(r *registry.Record) string {
	for _, c := range r.Checks {
		if c.ID == licenseMatchCheck {
			return c.Status
		}
	}
	return ""
}
