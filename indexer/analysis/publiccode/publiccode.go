// Package publiccode reads the publiccode.yml at the root of a repository
// tree with the reference parser (italia/publiccode-parser-go), with every
// network and external-file check turned off: the file is judged on its
// content alone.
//
// Parse never returns an error: a missing file gives nil, an invalid one a
// Publiccode with Valid false and its errors (a YAML syntax error with its
// line), and an unreadable one nil and a warning.
package publiccode

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strings"
	"sync"

	parser "github.com/italia/publiccode-parser-go/v5"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// fileNames are the names looked for at the root, in order of preference.
// Copies under testdata/, tests/, examples/ and the like are never read:
// only the root counts.
var fileNames = []string{"publiccode.yml", "publiccode.yaml"}

// offlineParser is built once: the reference parser's constructor sets a
// package-level HTTP client in one of its dependencies, so building one per
// call would race between concurrent analyses. The parser is safe for
// concurrent use once built.
var offlineParser = sync.OnceValues(func() (*parser.Parser, error) {
	return parser.NewParser(parser.ParserConfig{
		DisableNetwork:        true,
		DisableExternalChecks: true,
		// Never fetched (external checks are off); set so that the parser
		// does not fall back to the process's working directory.
		BaseURL: "https://publiccode.invalid/",
	})
})

// Parse finds publiccode.yml (or publiccode.yaml) at the root of tree and
// parses it. It returns nil when there is none.
func Parse(ctx context.Context, tree *filetree.Tree) (*registry.Publiccode, []string) {
	name := find(tree)
	if name == "" || ctx.Err() != nil {
		return nil, nil
	}
	data, err := tree.ReadFile(name)
	if err != nil {
		return nil, []string{filetree.Skipped(name, err)}
	}
	return ParseBytes(name, data), nil
}

// find returns the path of the root publiccode file, "" when there is none.
func find(tree *filetree.Tree) string {
	found := ""
	rank := len(fileNames)
	for _, f := range tree.Files() {
		if !f.AtRoot() {
			continue
		}
		for i, n := range fileNames {
			if i < rank && strings.EqualFold(f.Path, n) {
				found, rank = f.Path, i
			}
		}
	}
	return found
}

// ParseBytes parses the content of a publiccode file found at path.
func ParseBytes(path string, data []byte) *registry.Publiccode {
	pc := &registry.Publiccode{Path: path, Errors: []registry.Diagnostic{}, Warnings: []registry.Diagnostic{}}
	p, err := offlineParser()
	if err != nil {
		pc.Errors = append(pc.Errors, registry.Diagnostic{Message: "publiccode parser: " + err.Error()})
		return pc
	}
	parsed, err := p.ParseStream(bytes.NewReader(data))
	pc.Errors, pc.Warnings = diagnostics(err)
	pc.Valid = len(pc.Errors) == 0
	fill(pc, parsed)
	return pc
}

// diagnostics splits the parser's results into errors and warnings.
func diagnostics(err error) (errs, warnings []registry.Diagnostic) {
	errs, warnings = []registry.Diagnostic{}, []registry.Diagnostic{}
	if err == nil {
		return errs, warnings
	}
	var results parser.ValidationResults
	if !errors.As(err, &results) {
		return append(errs, registry.Diagnostic{Message: err.Error()}), warnings
	}
	for _, r := range results {
		var e parser.ValidationError
		var w parser.ValidationWarning
		switch {
		case errors.As(r, &e):
			errs = append(errs, registry.Diagnostic{Line: e.Line, Column: e.Column, Key: e.Key, Message: e.Description})
		case errors.As(r, &w):
			warnings = append(warnings, registry.Diagnostic{Line: w.Line, Column: w.Column, Key: w.Key, Message: w.Description})
		default:
			errs = append(errs, registry.Diagnostic{Message: r.Error()})
		}
	}
	return errs, warnings
}

// fill copies the parsed fields into pc. The parser returns what it could
// decode even when the file is invalid, so an invalid file still shows its
// name and descriptions.
func fill(pc *registry.Publiccode, parsed parser.PublicCode) {
	switch v := parsed.(type) {
	case parser.PublicCodeV0:
		fillV0(pc, &v)
	case *parser.PublicCodeV0:
		if v != nil {
			fillV0(pc, v)
		}
	case *parser.PublicCodeV1:
		if v != nil {
			fillV1(pc, v)
		}
	case parser.PublicCodeV1:
		fillV1(pc, &v)
	}
}

func fillV0(pc *registry.Publiccode, v *parser.PublicCodeV0) {
	pc.Version = v.PubliccodeYamlVersion
	pc.Name = v.Name
	pc.URL = urlString(v.URL)
	pc.LandingURL = urlString(v.LandingURL)
	pc.SoftwareVersion = v.SoftwareVersion
	pc.ReleaseDate = deref(v.ReleaseDate)
	pc.Platforms = v.Platforms
	pc.Categories = derefSlice(v.Categories)
	pc.DevelopmentStatus = v.DevelopmentStatus
	pc.SoftwareType = v.SoftwareType
	pc.License = v.Legal.License
	pc.MainCopyrightOwner = deref(v.Legal.MainCopyrightOwner)
	pc.MaintenanceType = v.Maintenance.Type
	for lang, d := range v.Description {
		addDescription(pc, lang, registry.PubliccodeDescription{
			LocalisedName:    deref(d.LocalisedName),
			ShortDescription: strings.TrimSpace(d.ShortDescription),
			LongDescription:  strings.TrimSpace(d.LongDescription),
			Features:         derefSlice(d.Features),
		})
	}
}

func fillV1(pc *registry.Publiccode, v *parser.PublicCodeV1) {
	pc.Version = v.PubliccodeYamlVersion
	pc.Name = v.Name
	pc.URL = urlString(v.URL)
	pc.LandingURL = urlString(v.LandingURL)
	pc.SoftwareVersion = v.SoftwareVersion
	pc.ReleaseDate = deref(v.ReleaseDate)
	pc.Platforms = v.Platforms
	pc.Categories = derefSlice(v.Categories)
	pc.DevelopmentStatus = v.DevelopmentStatus
	pc.SoftwareType = v.SoftwareType
	pc.License = v.Legal.License
	pc.MainCopyrightOwner = deref(v.Legal.MainCopyrightOwner)
	pc.MaintenanceType = v.Maintenance.Type
	for lang, d := range v.Description {
		addDescription(pc, lang, registry.PubliccodeDescription{
			LocalisedName:    deref(d.LocalisedName),
			ShortDescription: strings.TrimSpace(d.ShortDescription),
			LongDescription:  strings.TrimSpace(d.LongDescription),
			Features:         derefSlice(d.Features),
		})
	}
}

func addDescription(pc *registry.Publiccode, lang string, d registry.PubliccodeDescription) {
	if pc.Descriptions == nil {
		pc.Descriptions = map[string]registry.PubliccodeDescription{}
	}
	pc.Descriptions[lang] = d
}

// ShortDescription returns the English short description, else the one of
// the first language in alphabetical order, else "".
func ShortDescription(pc *registry.Publiccode) string {
	if pc == nil || len(pc.Descriptions) == 0 {
		return ""
	}
	langs := make([]string, 0, len(pc.Descriptions))
	for lang := range pc.Descriptions {
		langs = append(langs, lang)
	}
	sort.Slice(langs, func(i, j int) bool {
		ei, ej := isEnglish(langs[i]), isEnglish(langs[j])
		if ei != ej {
			return ei
		}
		return langs[i] < langs[j]
	})
	for _, lang := range langs {
		if s := pc.Descriptions[lang].ShortDescription; s != "" {
			return s
		}
	}
	return ""
}

// isEnglish reports whether a BCP 47 tag is English ("en", "en-GB").
func isEnglish(tag string) bool {
	return strings.EqualFold(tag, "en") || strings.HasPrefix(strings.ToLower(tag), "en-")
}

func urlString(u *parser.URL) string {
	if u == nil {
		return ""
	}
	return u.String()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func derefSlice(s *[]string) []string {
	if s == nil || len(*s) == 0 {
		return nil
	}
	return *s
}
