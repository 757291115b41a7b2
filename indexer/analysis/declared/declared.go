// Package declared gathers what a repository's machine-readable metadata
// says about it: the licences declared in publiccode.yml, code.json
// (code.gov 2.0), catalog-info.yaml (Backstage) and package manifests, and
// whether each of those files is valid, so that the declarations can be
// compared with the licence files.
//
// code.json and catalog-info.yaml are read at the root only. Package
// manifests are read as package manifests says: the root's describe the
// project, a subfolder's a component (its DeclaredLicense.Path names the
// folder), and those under vendor/, node_modules/, testdata/, tests/,
// examples/ and the like are not read.
//
// Read never fails: a file that does not parse or validate is listed with
// Valid false and diagnostics (line and column where the parser gives
// them), and a file that cannot be read at all is named in a warning.
package declared

import (
	"context"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/indexer/analysis/manifests"
	"github.com/govshare/govshare/registry"
)

// Result is what the metadata of one repository declares.
type Result struct {
	// Licenses lists every declared licence: publiccode.yml first, then
	// code.json, catalog-info.yaml, the root manifests and the component
	// manifests.
	Licenses []registry.DeclaredLicense
	// Metadata lists every metadata file found, in the same order.
	Metadata []registry.MetadataFile
	// Primary is the declared licence to show in Record.DeclaredLicense:
	// publiccode.yml's if it declares one, else the first licence declared
	// at the root; its SPDX form when it has one, else as written. A
	// component's licence never becomes Primary.
	Primary string
	// Name and Description are the first ones declared by code.json,
	// catalog-info.yaml or a root manifest, in that order, for when
	// neither publiccode.yml nor the README gives one.
	Name, Description string
}

// Files at the root read besides publiccode.yml and the manifests.
var (
	codeJSONNames    = []string{"code.json"}
	catalogInfoNames = []string{"catalog-info.yaml", "catalog-info.yml"}
)

// Read returns every licence metadata declares and every machine-readable
// metadata file found. pc is the publiccode.yml already parsed, nil when
// there is none.
func Read(ctx context.Context, tree *filetree.Tree, pc *registry.Publiccode) (Result, []string) {
	var res Result
	var warnings []string
	if pc != nil {
		errs := pc.Errors
		if errs == nil {
			errs = []registry.Diagnostic{}
		}
		res.Metadata = append(res.Metadata, registry.MetadataFile{Path: pc.Path, Format: "publiccode.yml", Valid: pc.Valid, Errors: errs})
		if l := strings.TrimSpace(pc.License); l != "" {
			res.Licenses = append(res.Licenses, registry.DeclaredLicense{Path: pc.Path, Field: "legal.license", Value: l, SPDX: manifests.NormalizeLicense(l)})
		}
	}
	var names, descriptions []string
	if p := rootFile(tree, codeJSONNames); p != "" && ctx.Err() == nil {
		if data, err := tree.ReadFile(p); err != nil {
			warnings = append(warnings, filetree.Skipped(p, err))
		} else {
			cj := readCodeJSON(p, data)
			res.Metadata = append(res.Metadata, metadataFile(p, "code.json", cj.errors))
			res.Licenses = append(res.Licenses, cj.licenses...)
			names, descriptions = append(names, cj.name), append(descriptions, cj.description)
		}
	}
	if p := rootFile(tree, catalogInfoNames); p != "" && ctx.Err() == nil {
		if data, err := tree.ReadFile(p); err != nil {
			warnings = append(warnings, filetree.Skipped(p, err))
		} else {
			ci := readCatalogInfo(p, data)
			res.Metadata = append(res.Metadata, metadataFile(p, "catalog-info.yaml", ci.errors))
			res.Licenses = append(res.Licenses, ci.licenses...)
			names, descriptions = append(names, ci.name), append(descriptions, ci.description)
		}
	}
	mfs, mw := manifests.Read(ctx, tree)
	warnings = append(warnings, mw...)
	for _, m := range mfs {
		res.Metadata = append(res.Metadata, m.MetadataFile())
		if m.License != "" {
			res.Licenses = append(res.Licenses, registry.DeclaredLicense{Path: m.Path, Field: m.LicenseField, Value: m.License, SPDX: m.LicenseSPDX})
		}
		if !m.Component {
			names, descriptions = append(names, m.Name), append(descriptions, m.Description)
		}
	}
	res.Name = firstNonBlank(names...)
	res.Description = firstNonBlank(descriptions...)
	for _, l := range res.Licenses {
		if !strings.Contains(l.Path, "/") {
			res.Primary = firstNonBlank(l.SPDX, l.Value)
			break
		}
	}
	return res, warnings
}

// rootFile returns the first of names present at the root of tree (case
// insensitive), "" when there is none.
func rootFile(tree *filetree.Tree, names []string) string {
	found, rank := "", len(names)
	for _, f := range tree.Files() {
		if !f.AtRoot() {
			continue
		}
		for i, n := range names {
			if i < rank && strings.EqualFold(f.Path, n) {
				found, rank = f.Path, i
			}
		}
	}
	return found
}

func metadataFile(path, format string, errs []registry.Diagnostic) registry.MetadataFile {
	if errs == nil {
		errs = []registry.Diagnostic{}
	}
	return registry.MetadataFile{Path: path, Format: format, Valid: len(errs) == 0, Errors: errs}
}
