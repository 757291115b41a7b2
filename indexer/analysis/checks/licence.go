package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/govshare/govshare/registry"
)

// licencePresent fails when no licence was found, warns when the only
// licence is a sub-folder's or only SPDX headers name one (no licence text
// the project as a whole is offered under), and passes otherwise.
func (e evaluation) licencePresent() (registry.Check, bool) {
	rec := e.rec
	if strings.TrimSpace(rec.License) == "" {
		return newCheck(LicencePresent, registry.CheckFail,
			"No licence was found: no LICENSE, LICENCE or COPYING file, no LICENSES/ folder and no SPDX-License-Identifier headers. "+
				"Without a licence nobody may legally reuse the code.",
			nil,
			"Add a LICENSE file at the root of the repository holding the full text of an OSI approved licence "+
				"(EUPL-1.2, Apache-2.0, MIT, GPL-3.0-or-later...), and declare it in publiccode.yml (legal.license)."), true
	}
	src := projectLicenceSource(rec)
	reason := capitalize(src.describe(rec.License)) + "."
	if strings.Contains(rec.License, unknownLicence) {
		reason += " A licence text is there but was not recognised (see licence-osi-approved)."
	}
	switch src.scope {
	case scopeComponent:
		return newCheck(LicencePresent, registry.CheckWarn, reason, src.evidence(),
			"Put the project's licence at the root of the repository (LICENSE), so that it plainly covers the whole project."), true
	case scopeFile:
		return newCheck(LicencePresent, registry.CheckWarn,
			reason+" No licence text is in the repository, only identifiers.", src.evidence(),
			"Add the full licence text: a LICENSE file at the root, or LICENSES/<id>.txt as REUSE asks."), true
	}
	return newCheck(LicencePresent, registry.CheckPass, reason, src.evidence(), ""), true
}

// licenceOSIApproved judges the project licence expression: OSI approved
// licences and public-domain dedications pass, licences for content and
// data warn, anything else (another licence, a custom, unknown or modified
// text) fails. Without a licence it does not apply.
func (e evaluation) licenceOSIApproved() (registry.Check, bool) {
	rec := e.rec
	if strings.TrimSpace(rec.License) == "" {
		return registry.Check{}, false
	}
	expr := parseExpression(rec.License)
	status := judgeExpression(expr)
	src := projectLicenceSource(rec)
	leaves := expr.leaves()
	var reason string
	if len(leaves) == 1 {
		reason = fmt.Sprintf("%s (%s).", capitalize(src.describe(rec.License)), judgeLicence(leaves[0]).note)
	} else {
		var parts []string
		for _, id := range leaves {
			parts = append(parts, fmt.Sprintf("%s is %s", id, judgeLicence(id).note))
		}
		reason = fmt.Sprintf("%s: %s.", capitalize(src.describe(rec.License)), strings.Join(parts, "; "))
		if expr.op == "OR" && status == registry.CheckPass {
			reason += " The project may be used under an approved choice."
		}
	}
	fix := ""
	switch status {
	case registry.CheckWarn:
		fix = "Keep licences for documents and data (CC-BY-4.0, OGL-UK-3.0, etalab-2.0) for documentation and data, " +
			"and license the code under an OSI approved licence; say which applies where (REUSE.toml, or the README)."
	case registry.CheckFail:
		fix = "License the code under an OSI approved licence, in its standard wording (EUPL-1.2 was written for public bodies; " +
			"Apache-2.0, MIT and GPL-3.0-or-later are common). If the text was not recognised, replace it with the exact " +
			"text published by SPDX or the licence steward."
	}
	return newCheck(LicenceOSIApproved, status, reason, src.evidence(), fix), true
}

// licenceModified lists the licence texts that were changed from their
// standard wording: failing when one is the project's licence, warning when
// only a component's. Without any licence text (no licence at all, or SPDX
// identifiers only) it does not apply.
func (e evaluation) licenceModified() (registry.Check, bool) {
	rec := e.rec
	if len(rec.Licenses) == 0 {
		return registry.Check{}, false
	}
	projectIDs := parseExpression(rec.License).leaves()
	status := registry.CheckPass
	var sentences []string
	var evidence []registry.Evidence
	var closest []string
	for _, lf := range rec.Licenses {
		for _, id := range parseExpression(lf.SPDX).leaves() {
			if !strings.HasPrefix(id, modifiedPrefix) {
				continue
			}
			near := lf.Closest
			if near == "" {
				near = strings.TrimPrefix(id, modifiedPrefix)
			}
			s := fmt.Sprintf("%s is a modified %s text (%s)", lf.Path, near, id)
			if lf.Note != "" {
				s += ": " + lf.Note
			}
			if slices.Contains(projectIDs, id) {
				status = registry.CheckFail
			} else {
				status = worse(status, registry.CheckWarn)
				s += "; it is a component's licence, not the project's"
			}
			sentences = append(sentences, s)
			evidence = append(evidence, licenceEvidence(lf))
			if !slices.Contains(closest, near) {
				closest = append(closest, near)
			}
		}
	}
	if status == registry.CheckPass {
		var texts []string
		for _, lf := range rec.Licenses {
			if scopeOf(lf) != scopeFile && !slices.Contains(texts, lf.Path) {
				texts = append(texts, lf.Path)
			}
		}
		if len(texts) == 0 {
			return registry.Check{}, false // identifiers only: no text that could be changed
		}
		return newCheck(LicenceModified, registry.CheckPass,
			fmt.Sprintf("No licence text differs from its standard wording (%s).", listPaths(texts, 3)), nil, ""), true
	}
	fix := fmt.Sprintf("Use the standard text of %s unchanged, and put project-specific terms in a separate file (NOTICE, README). "+
		"If the changes are intended, have them reviewed: a modified licence is a new licence, not %s.",
		joinAnd(closest), joinAnd(closest))
	return newCheck(LicenceModified, status, strings.Join(sentences, ". ")+".", evidence, fix), true
}

// capitalize upper-cases the first letter of a sentence, leaving paths
// ("api/LICENSE") alone.
func capitalize(s string) string {
	if s == "" || !strings.HasPrefix(s, "the ") {
		return s
	}
	return "The " + strings.TrimPrefix(s, "the ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
