package checks

import (
	"path"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/filetree"
)

// fileIndex answers "is there a file called X in one of these folders",
// case-insensitively, over one repository tree.
type fileIndex struct {
	files []filetree.File
	// shallow are the files at the root or one folder down, where
	// community files live.
	shallow []filetree.File
}

func indexFiles(tree *filetree.Tree) *fileIndex {
	x := &fileIndex{files: tree.Files()}
	for _, f := range x.files {
		if strings.Count(f.Path, "/") <= 1 {
			x.shallow = append(x.shallow, f)
		}
	}
	return x
}

// communityDirs are the folders code hosts read community files from, the
// root first.
var communityDirs = []string{".", ".github", "docs", ".gitlab"}

// withStem returns the paths of the files, in dirs (the root or top-level
// folders, compared case-insensitively), whose name before the first dot is
// one of stems. Stems are compared with case, "-" and "_" ignored, so
// "CODE_OF_CONDUCT", "code-of-conduct" and "CodeOfConduct" are one stem.
func (x *fileIndex) withStem(dirs []string, stems ...string) []string {
	var found []string
	for _, f := range x.shallow {
		if !inOneOf(f.Dir(), dirs) {
			continue
		}
		stem, _, _ := strings.Cut(f.Name(), ".")
		stem = squash(stem)
		for _, s := range stems {
			if stem == squash(s) {
				found = append(found, f.Path)
				break
			}
		}
	}
	return found
}

// inOneOf reports whether dir is one of dirs, case-insensitively.
func inOneOf(dir string, dirs []string) bool {
	for _, d := range dirs {
		if strings.EqualFold(dir, d) {
			return true
		}
	}
	return false
}

// squash lower-cases s and drops "-" and "_".
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// docsDirs are the top-level folders that hold documentation.
var docsDirs = []string{"docs", "doc", "documentation", "wiki", "manual"}

// docsSiteConfigs are root files that configure a documentation site.
var docsSiteConfigs = []string{
	"mkdocs.yml", "mkdocs.yaml", "docusaurus.config.js", "docusaurus.config.ts",
	".readthedocs.yml", ".readthedocs.yaml", "book.toml", "antora.yml", "antora-playbook.yml",
}

// documentation returns the first few files of a documentation folder, or
// the documentation site configuration, at most limit paths.
func (x *fileIndex) documentation(limit int) []string {
	var found []string
	for _, f := range x.files {
		if len(found) == limit {
			break
		}
		top, _, nested := strings.Cut(f.Path, "/")
		switch {
		case nested && inOneOf(top, docsDirs):
			found = append(found, f.Path)
		case !nested && inOneOf(f.Path, docsSiteConfigs):
			found = append(found, f.Path)
		}
	}
	return found
}

// notProjectDirs hold other people's code or test fixtures: what sits in
// them says nothing about the project's own choices.
var notProjectDirs = map[string]bool{
	"vendor": true, "node_modules": true, "third_party": true, "third-party": true,
	"thirdparty": true, "external": true, "bower_components": true,
	"testdata": true, "test": true, "tests": true, "__tests__": true, "fixtures": true,
	"test-fixtures": true, "spec": true,
}

// inProjectDirs reports whether no folder on p's path is one of
// notProjectDirs.
func inProjectDirs(p string) bool {
	dir := path.Dir(p)
	if dir == "." {
		return true
	}
	for _, part := range strings.Split(dir, "/") {
		if notProjectDirs[strings.ToLower(part)] {
			return false
		}
	}
	return true
}
