package ui

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/govshare/govshare/registry"
)

// problem is one thing wrong with a repository's entry, with how to fix it.
type problem struct {
	// Key names the problem stably within its source: the same problem
	// keeps its key from crawl to crawl, and a new one gets a new key, so
	// that feed readers see it as new.
	Key string
	// Severity is registry.CheckFail or registry.CheckWarn.
	Severity string
	Title    string
	Detail   string
	// Diagnostics point into a metadata file, by line and column.
	Diagnostics []registry.Diagnostic
	Evidence    []evidenceView
	Fix         string
	// Seen is when the problem was last seen: the crawl that failed, or
	// the record that shows it.
	Seen time.Time
}

// SeverityLabel is the word a badge shows.
func (p problem) SeverityLabel() string { return checkLabels[p.Severity] }

// Checks that a more specific problem already shows, by ID (the analysers'
// checks package's, which ui may not import). When the specific problem is
// listed, the check only lends it its fix.
const (
	checkLicencePresent = "licence-present"
	checkMetadataValid  = "metadata-valid"
)

// Fixes for the problems ui finds itself, when the record has no check
// with a fix of its own.
const (
	fixNoLicence = "Add a LICENSE file at the root of the repository with the full, unchanged text of an " +
		"open-source licence (the EUPL-1.2, MIT or Apache-2.0, for example), or follow REUSE: " +
		"SPDX-License-Identifier headers in the files and the licence texts under LICENSES/."
	fixMetadata = "Correct the file at the lines shown and commit it: the entry updates at the next crawl, " +
		"and until then the catalogue keeps showing the last valid record."
	fixMismatch = "Make the declaration say the same SPDX expression as the licence files, or change the " +
		"files if the declaration is the one that is right."
)

// repoProblems lists what is wrong with a repository source and its
// project (nil before the first good crawl): failures first.
func repoProblems(src *registry.Source, p *registry.Project) []problem {
	var out []problem
	if src.LastError != "" {
		title := "The last crawl failed"
		if src.State == registry.StateGone {
			title = "The host no longer lists this repository"
		}
		out = append(out, problem{
			Key: "crawl-" + shortHash(src.LastError), Severity: registry.CheckFail,
			Title: title, Detail: src.LastError, Fix: crawlFix(src.LastError), Seen: src.LastCrawlAt,
		})
	}
	if p == nil {
		return out
	}
	r := &p.Record
	fixes := map[string]string{}
	for _, c := range r.Checks {
		fixes[c.ID] = c.Fix
	}
	folded := map[string]bool{}
	if r.License == "" {
		folded[checkLicencePresent] = true
		out = append(out, problem{
			Key: "no-licence", Severity: registry.CheckFail, Title: "No licence found",
			Detail: "No licence file, SPDX header or REUSE declaration was found in the repository.",
			Fix:    cmp.Or(fixes[checkLicencePresent], fixNoLicence), Seen: p.IndexedAt,
		})
	}
	for _, m := range invalidMetadata(r) {
		folded[checkMetadataValid] = true
		out = append(out, problem{
			Key: "metadata-" + shortHash(m.Path+diagnosticsText(m.Errors)), Severity: registry.CheckFail,
			Title: m.Path + " is not valid", Diagnostics: m.Errors, Evidence: evidenceViews(r, []registry.Evidence{{Path: m.Path}}),
			Fix: cmp.Or(fixes[checkMetadataValid], fixMetadata), Seen: p.IndexedAt,
		})
	}
	if mismatches := licenceMismatches(r); len(mismatches) > 0 {
		folded[licenseMatchCheck] = true
		out = append(out, problem{
			Key: "mismatch-" + shortHash(strings.Join(mismatches, "\n")), Severity: registry.CheckFail,
			Title: "The declared licence does not match the files", Detail: strings.Join(mismatches, " "),
			Fix: cmp.Or(fixes[licenseMatchCheck], fixMismatch), Seen: p.IndexedAt,
		})
	}
	for _, c := range r.Checks {
		if (c.Status != registry.CheckFail && c.Status != registry.CheckWarn) || folded[c.ID] {
			continue
		}
		out = append(out, problem{
			Key: "check-" + c.ID + "-" + c.Status + "-" + shortHash(c.Reason), Severity: c.Status,
			Title: cmp.Or(c.Title, c.ID), Detail: c.Reason, Evidence: evidenceViews(r, c.Evidence),
			Fix: c.Fix, Seen: p.IndexedAt,
		})
	}
	slices.SortStableFunc(out, func(a, b problem) int {
		return cmp.Compare(checkSeverity[b.Severity], checkSeverity[a.Severity])
	})
	return out
}

// invalidMetadata lists the metadata files that do not validate: the
// publiccode.yml, and every other metadata file.
func invalidMetadata(r *registry.Record) []registry.MetadataFile {
	var out []registry.MetadataFile
	pc := r.Publiccode
	if pc != nil && !pc.Valid {
		out = append(out, registry.MetadataFile{Path: pc.Path, Format: "publiccode.yml", Errors: pc.Errors})
	}
	for _, m := range r.Metadata {
		if !m.Valid && (pc == nil || m.Path != pc.Path) {
			out = append(out, m)
		}
	}
	return out
}

// licenceMismatches says, one sentence each, which declarations disagree
// with the licence files.
func licenceMismatches(r *registry.Record) []string {
	var out []string
	for _, d := range buildDeclared(r) {
		if !d.Mismatch() {
			continue
		}
		where := d.Path
		if d.Field != "" {
			where += " (" + d.Field + ")"
		}
		out = append(out, fmt.Sprintf("%s declares %s; the files say %s.", where, d.Value, d.Files))
	}
	return out
}

func diagnosticsText(ds []registry.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d:%d %s %s\n", d.Line, d.Column, d.Key, d.Message)
	}
	return b.String()
}

// shortHash is a short, stable digest of s for problem keys.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// crawlFixes are the fixes for the common reasons a crawl fails, matched
// by what the indexer's reasons say (indexer/gitfetch's error kinds and
// discovery's). The first match wins.
var crawlFixes = []struct {
	says []string
	fix  string
}{
	{[]string{"no longer listed by its host"},
		"If the repository was deleted or made private, nothing is needed: its last record stays, marked. If it moved, register its new address."},
	{[]string{"asks for credentials", "authentication required"},
		"govshare only indexes public repositories. Make the repository public, or check the address: to its host, a private repository and a mistyped one look the same."},
	{[]string{"repository not found"},
		"Check the address. If the repository was renamed or moved, register its new address and remove this one; if it was deleted, remove this source."},
	{[]string{"no such host"},
		"Check the host name in the address."},
	{[]string{"cannot reach the host", "connection refused"},
		"The host did not accept the connection. Check that it is reachable from the internet, not only from inside your network; the next crawl tries again."},
	{[]string{"timed out"},
		"The host did not answer in time. This usually passes at the next crawl; if it keeps failing, check that the host is reachable from the internet."},
	{[]string{"is empty", "has no commits"},
		"Push at least one commit to the default branch."},
	{[]string{"not a git repository"},
		"Register the address you would give to git clone, not a web page about the repository."},
	{[]string{"too large"},
		"The repository is over the size limit. Remove large binary files from the default branch (and its history), or ask the operator about the limit."},
	{[]string{"damaged or incomplete", "object is missing"},
		"The host sent an incomplete repository. Run git fsck on it; if it is fine, the next crawl usually succeeds."},
	{[]string{"rate limit"},
		"The code host's API rate limit was reached; discovery tries again at the next crawl. The operator can configure an access token for the host to raise the limit."},
}

// crawlFix says how to fix a failed crawl, by its reason.
func crawlFix(reason string) string {
	lower := strings.ToLower(reason)
	for _, f := range crawlFixes {
		for _, s := range f.says {
			if strings.Contains(lower, s) {
				return f.fix
			}
		}
	}
	return "Check the address and that the repository is public. The next crawl tries again, and the last good record stays visible, marked, until it succeeds."
}
