package checks

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/govshare/govshare/registry"
)

// declarations returns every licence the metadata declares: the record's
// DeclaredLicenses, plus publiccode.yml's legal.license when no declaration
// comes from that file, plus DeclaredLicense when nothing else says where it
// comes from.
func declarations(rec *registry.Record) []registry.DeclaredLicense {
	decls := slices.Clone(rec.DeclaredLicenses)
	if pc := rec.Publiccode; pc != nil && strings.TrimSpace(pc.License) != "" &&
		!slices.ContainsFunc(decls, func(d registry.DeclaredLicense) bool { return d.Path == pc.Path }) {
		decls = append(decls, registry.DeclaredLicense{Path: pc.Path, Field: "legal.license", Value: pc.License})
	}
	if len(decls) == 0 && strings.TrimSpace(rec.DeclaredLicense) != "" {
		decls = append(decls, registry.DeclaredLicense{Value: rec.DeclaredLicense})
	}
	return decls
}

// CompareDeclared says how one declared licence compares with the licence
// the files show for the declaring file's folder: the verdict the
// licence-consistent check gives it, as a registry.Agreement* value, and
// the files' expression it was compared with.
func CompareDeclared(rec *registry.Record, d registry.DeclaredLicense) (agreement, files string) {
	expr, kind := readDeclared(d.Value, d.SPDX)
	detected, _ := licenceFor(rec, d.Path)
	switch {
	case kind == declaredNoAssertion, kind == declaredUnreadable:
		return registry.AgreementUnknown, detected
	case kind == declaredSeeFile:
		if detected == "" {
			return registry.AgreementMismatch, ""
		}
		return registry.AgreementMatch, detected
	case detected == "":
		return registry.AgreementMismatch, ""
	}
	switch status, _ := compareLicences(expr, detected); status {
	case registry.CheckPass:
		return registry.AgreementMatch, detected
	case registry.CheckWarn:
		return registry.AgreementPartial, detected
	}
	return registry.AgreementMismatch, detected
}

// licenceConsistent compares every declared licence with the licence the
// files show. Equal expressions (up to order) pass; the same licences with
// only -only / -or-later / bare GNU versions differing, or combined with
// AND instead of OR, warn; a declaration that cannot be read, or a licence
// text that could not be recognised, warns; anything else fails, with both
// sides in the reason. It does not apply when nothing is declared.
func (e evaluation) licenceConsistent() (registry.Check, bool) {
	status := registry.CheckPass
	var sentences, fixes []string
	var evidence, filesEvidence []registry.Evidence
	compared := 0
	for _, d := range declarations(e.rec) {
		expr, kind := readDeclared(d.Value, d.SPDX)
		if kind == declaredNoAssertion {
			continue
		}
		compared++
		detected, src := licenceFor(e.rec, d.Path)
		filesSide := "no licence was found in the files"
		if detected != "" {
			filesSide = src.describe(detected)
		}
		for _, ev := range src.evidence() {
			if !slices.Contains(filesEvidence, ev) {
				filesEvidence = append(filesEvidence, ev)
			}
		}
		says := fmt.Sprintf("%s says %s", declarationPlace(d), quoteDeclared(d.Value, expr, kind))
		evidence = append(evidence, e.declarationEvidence(d))
		switch {
		case kind == declaredSeeFile:
			sentences = append(sentences, fmt.Sprintf("%s, pointing at the licence file; %s", says, filesSide))
			if detected == "" {
				status = registry.CheckFail
				fixes = append(fixes, fmt.Sprintf("add the licence file %s points at", declarationPlace(d)))
			}
		case kind == declaredUnreadable:
			status = worse(status, registry.CheckWarn)
			sentences = append(sentences, fmt.Sprintf("%s, which is not a licence name govshare can read; %s", says, filesSide))
			fixes = append(fixes, fmt.Sprintf("write the licence in %s as an SPDX identifier", declarationPlace(d)))
		case detected == "":
			status = registry.CheckFail
			sentences = append(sentences, fmt.Sprintf("%s, but %s", says, filesSide))
			fixes = append(fixes, fmt.Sprintf("add the licence text that %s declares", declarationPlace(d)))
		default:
			s, why := compareLicences(expr, detected)
			status = worse(status, s)
			sentence := fmt.Sprintf("%s; %s", says, filesSide)
			if why != "" {
				sentence += " (" + why + ")"
			}
			sentences = append(sentences, sentence)
			if s != registry.CheckPass {
				fixes = append(fixes, fmt.Sprintf("make %s and the licence files say the same licence (now %s versus %s)",
					declarationPlace(d), expr, detected))
			}
		}
	}
	if compared == 0 {
		return registry.Check{}, false
	}
	evidence = append(evidence, filesEvidence...)
	for i, s := range sentences {
		sentences[i] = capitalize(s)
	}
	reason := strings.Join(sentences, ". ") + "."
	fix := ""
	if len(fixes) > 0 {
		fix = strings.Join(fixes, "; ") + ". Change whichever side is wrong: the licence files are what legally applies."
		fix = strings.ToUpper(fix[:1]) + fix[1:]
	}
	return newCheck(LicenceConsistent, status, reason, evidence, fix), true
}

// licenceFor returns the licence a declaration in the metadata file at
// declPath is compared with: the licence files of its own folder, or of the
// nearest folder above it that has some, for a manifest in a sub-folder (a
// component of a monorepo); the project licence otherwise.
func licenceFor(rec *registry.Record, declPath string) (string, licenceSource) {
	for dir := path.Dir(declPath); declPath != "" && dir != "." && dir != "/"; dir = path.Dir(dir) {
		var files []registry.LicenseFile
		var ids []string
		for _, lf := range rec.Licenses {
			if scopeOf(lf) == scopeComponent && path.Dir(lf.Path) == dir {
				files = append(files, lf)
				if !slices.Contains(ids, lf.SPDX) {
					ids = append(ids, lf.SPDX)
				}
			}
		}
		if len(files) == 0 {
			continue
		}
		for i, id := range ids {
			if strings.Contains(id, " ") {
				ids[i] = "(" + id + ")"
			}
		}
		return strings.Join(ids, " AND "), licenceSource{scope: scopeFolder, files: files}
	}
	return strings.TrimSpace(rec.License), projectLicenceSource(rec)
}

// compareLicences says whether a declared expression matches the detected
// one, and why not when it does not.
func compareLicences(declared, detected string) (status, why string) {
	d := parseExpression(declared).mapLeaves(synonymID)
	f := parseExpression(detected).mapLeaves(synonymID)
	if d.canonical() == f.canonical() {
		return registry.CheckPass, ""
	}
	known := f.without(func(id string) bool { return id == unknownLicence })
	if known == nil {
		return registry.CheckWarn, "the licence text was not recognised, so the declaration cannot be confirmed"
	}
	if known.canonical() == d.canonical() {
		return registry.CheckWarn, "the declared licence is there, but another licence text was not recognised"
	}
	df, ff := d.mapLeaves(licenceFamily), known.mapLeaves(licenceFamily)
	if df.canonical() == ff.canonical() {
		return registry.CheckWarn, "the same licence, but one says -only or -or-later where the other does not agree"
	}
	dl, fl := df.leaves(), ff.leaves()
	slices.Sort(dl)
	slices.Sort(fl)
	if slices.Equal(dl, fl) {
		return registry.CheckWarn, "the same licences, combined differently (AND versus OR)"
	}
	for _, id := range f.leaves() {
		if base, ok := strings.CutPrefix(id, modifiedPrefix); ok && slices.Contains(d.leaves(), base) {
			return registry.CheckFail, "the licence text is a modified " + base + ", not " + base + " itself"
		}
	}
	if extra, ok := onlyContentAdded(dl, fl); ok {
		return registry.CheckWarn, fmt.Sprintf("the declaration leaves out %s, which usually cover%s documentation, data or configuration files",
			joinAnd(extra), plural(len(extra), "s", ""))
	}
	return registry.CheckFail, ""
}

// onlyContentAdded reports whether the detected licences are the declared
// ones plus licences for documents and data or public-domain dedications
// only (the code licence declared; the documentation's, or the CC0 that
// REUSE puts on configuration files, left out), and returns those extras.
func onlyContentAdded(declared, detected []string) ([]string, bool) {
	for _, id := range declared {
		if !slices.Contains(detected, id) {
			return nil, false
		}
	}
	var extra []string
	for _, id := range detected {
		if slices.Contains(declared, id) {
			continue
		}
		if base := canonicalID(id); !contentLicences[base] && !publicDomain[base] {
			return nil, false
		}
		extra = append(extra, id)
	}
	return extra, len(extra) > 0
}

// declarationPlace names where a declaration is: "publiccode.yml
// (legal.license)".
func declarationPlace(d registry.DeclaredLicense) string {
	switch {
	case d.Path == "":
		return "the metadata"
	case d.Field == "":
		return d.Path
	}
	return fmt.Sprintf("%s (%s)", d.Path, d.Field)
}

// quoteDeclared shows a declared value, and how it was read when that is
// not plain from the value.
func quoteDeclared(value, expr string, kind declaredKind) string {
	value = strings.TrimSpace(value)
	switch {
	case kind != declaredExpression:
		return fmt.Sprintf("%q", value)
	case value == expr:
		return value
	case expr == declaredUnlicensed:
		return fmt.Sprintf("%q (not licensed for reuse)", value)
	}
	return fmt.Sprintf("%q, read as %s", value, expr)
}

// declarationEvidence points at the declaration, with its line when the
// tree is at hand and the value can be found in the file.
func (e evaluation) declarationEvidence(d registry.DeclaredLicense) registry.Evidence {
	note := "declares " + strings.TrimSpace(d.Value)
	if d.Field != "" {
		note = d.Field + ": " + strings.TrimSpace(d.Value)
	}
	ev := registry.Evidence{Path: d.Path, Note: note}
	if d.Path != "" {
		ev.Line = e.lineOf(d.Path, strings.TrimSpace(d.Value), lastField(d.Field))
	}
	return ev
}

// lastField returns the last element of a dotted field: "license" for
// "legal.license".
func lastField(field string) string {
	return path.Ext("." + field)[1:]
}

// maxSearchedFile caps the size of a metadata file lineOf reads.
const maxSearchedFile = 1 << 20

// lineOf returns the first line of the file that holds value, preferring
// one that also holds key; 0 when there is no tree, the file cannot be read
// or the value is not in it.
func (e evaluation) lineOf(name, value, key string) int {
	if e.tree == nil || value == "" {
		return 0
	}
	size := int64(-1)
	for _, f := range e.files.files {
		if f.Path == name {
			size = f.Size
			break
		}
	}
	if size > maxSearchedFile {
		return 0
	}
	data, err := e.tree.ReadFile(name)
	if err != nil {
		return 0
	}
	first := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !bytes.Contains(line, []byte(value)) {
			continue
		}
		if key != "" && bytes.Contains(bytes.ToLower(line), []byte(strings.ToLower(key))) {
			return i + 1
		}
		if first == 0 {
			first = i + 1
		}
	}
	return first
}
