package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func withReadme(path, text string) *registry.Record {
	rec := mitRecord()
	rec.Readme = nil
	if path != "" {
		rec.Readme = &registry.Readme{Path: path, Summary: shorten(text, 80), Text: text}
	}
	return rec
}

func TestReadmePresent(t *testing.T) {
	long := "Forms lets a municipality publish online forms that citizens fill in from any device, " +
		"with accessibility checked at every step of the design and the publication."
	tests := []struct {
		name string
		rec  *registry.Record
		want *outcome
	}{
		{"present", withReadme("README.md", "Forms for citizens."), &outcome{Status: "pass",
			Reason: "README.md is present; it begins: \"Forms for citizens.\"", Evidence: []registry.Evidence{{Path: "README.md"}}}},
		{"long summary shortened", withReadme("README.rst", long), &outcome{Status: "pass",
			Reason:   "README.rst is present; it begins: \"Forms lets a municipality publish online forms that citizens fill in from any…\"",
			Evidence: []registry.Evidence{{Path: "README.rst"}}}},
		{"absent", withReadme("", ""), &outcome{Status: "fail",
			Reason: "No README was found at the root of the repository.", Evidence: []registry.Evidence{},
			Fix: "Add a README.md at the root saying what the project does, who it is for, how to install and use it, and who maintains it."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, nil, ReadmePresent)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDocumentation(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) }
	fix := "Document installation, configuration and use: in a docs/ folder, or in a README of a few hundred words at least."
	tests := []struct {
		name  string
		rec   *registry.Record
		files map[string]string
		want  *outcome
	}{
		{"docs folder", withReadme("README.md", "short"), map[string]string{"Docs/install.md": "x", "Docs/use.md": "x", "README.md": "x"},
			&outcome{Status: "pass", Reason: "The repository has documentation beyond its README: Docs/install.md and Docs/use.md.",
				Evidence: []registry.Evidence{{Path: "Docs/install.md"}, {Path: "Docs/use.md"}}}},
		{"documentation site", withReadme("", ""), map[string]string{"mkdocs.yml": "site_name: x"},
			&outcome{Status: "pass", Reason: "The repository has documentation beyond its README: mkdocs.yml.",
				Evidence: []registry.Evidence{{Path: "mkdocs.yml"}}}},
		{"long README", withReadme("README.md", words(300)), map[string]string{"README.md": "x"},
			&outcome{Status: "pass", Reason: "README.md has 300 words of documentation.",
				Evidence: []registry.Evidence{{Path: "README.md", Note: "300 words"}}}},
		{"short README", withReadme("README.md", words(299)), map[string]string{"README.md": "x", "src/docs.go": "x"},
			&outcome{Status: "warn", Reason: "The only documentation is README.md, 299 words long (under 300), and there is no docs/ folder.",
				Evidence: []registry.Evidence{{Path: "README.md", Note: "299 words"}}, Fix: fix}},
		{"nothing", withReadme("", ""), map[string]string{"main.go": "x"},
			&outcome{Status: "fail", Reason: "No documentation was found: no README and no docs/ folder.", Evidence: []registry.Evidence{}, Fix: fix}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.rec, tt.files, Documentation)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCommunityFiles(t *testing.T) {
	tests := []struct {
		name  string
		id    string
		files map[string]string
		want  string
		paths []string
	}{
		{"contributing at the root", ContributingGuide, map[string]string{"CONTRIBUTING.md": ""}, "pass", []string{"CONTRIBUTING.md"}},
		{"contributing in .github, lower case", ContributingGuide, map[string]string{".github/contributing.rst": ""}, "pass", []string{".github/contributing.rst"}},
		{"contributing in docs, translated", ContributingGuide, map[string]string{"docs/CONTRIBUTING.it.md": ""}, "pass", []string{"docs/CONTRIBUTING.it.md"}},
		{"contributing elsewhere does not count", ContributingGuide, map[string]string{"src/CONTRIBUTING.md": "", "CONTRIBUTORS": ""}, "warn", nil},
		{"security policy in .github", SecurityPolicy, map[string]string{".github/SECURITY.md": ""}, "pass", []string{".github/SECURITY.md"}},
		{"security.txt", SecurityPolicy, map[string]string{".well-known/security.txt": ""}, "pass", []string{".well-known/security.txt"}},
		{"security code is no policy", SecurityPolicy, map[string]string{"security_test.go": "", "src/SECURITY.md": ""}, "warn", nil},
		{"code of conduct, dashes", CodeOfConduct, map[string]string{"code-of-conduct.md": ""}, "pass", []string{"code-of-conduct.md"}},
		{"code of conduct in .gitlab", CodeOfConduct, map[string]string{".gitlab/CODE_OF_CONDUCT.md": ""}, "pass", []string{".gitlab/CODE_OF_CONDUCT.md"}},
		{"no code of conduct", CodeOfConduct, map[string]string{"README.md": ""}, "warn", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, mitRecord(), tt.files, tt.id)
			if got == nil {
				t.Fatal("not reported")
			}
			var paths []string
			for _, ev := range got.Evidence {
				paths = append(paths, ev.Path)
			}
			if diff := cmp.Diff([]any{tt.want, tt.paths}, []any{got.Status, paths}); diff != "" {
				t.Errorf("status and evidence (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("without a tree", func(t *testing.T) {
		for _, id := range []string{ContributingGuide, SecurityPolicy, CodeOfConduct, Documentation} {
			if got := run(t, mitRecord(), nil, id); got != nil {
				t.Errorf("%s reported without a tree: %+v", id, got)
			}
		}
	})
}

func TestMaintainedRecently(t *testing.T) {
	fix := "If the project is still in use, say who maintains it (publiccode.yml maintenance) and keep its dependencies up to date; " +
		"if it is finished or abandoned, say so in the README."
	tests := []struct {
		name      string
		committed time.Time
		commit    string
		want      *outcome
	}{
		{"this week", now.AddDate(0, 0, -3), "abc", &outcome{Status: "pass",
			Reason: "The last commit (abc) is from 2025-05-29 (less than a month ago).", Evidence: []registry.Evidence{}}},
		{"just under a year", now.AddDate(-1, 0, 1), "4f1c2a9b7d3e5f60718293a4b5c6d7e8f9012345", &outcome{Status: "pass",
			Reason: "The last commit (4f1c2a9b7d3e) is from 2024-06-02 (11 months ago).", Evidence: []registry.Evidence{}}},
		{"exactly a year", now.AddDate(-1, 0, 0), "", &outcome{Status: "pass",
			Reason: "The last commit is from 2024-06-01 (12 months ago).", Evidence: []registry.Evidence{}}},
		{"14 months", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), "", &outcome{Status: "warn",
			Reason: "The last commit is from 2024-03-05 (14 months ago): more than 12 months without a change.", Evidence: []registry.Evidence{}, Fix: fix}},
		{"three years", now.AddDate(-3, -1, 0), "", &outcome{Status: "fail",
			Reason: "The last commit is from 2022-05-01 (3 years ago): more than 24 months without a change.", Evidence: []registry.Evidence{}, Fix: fix}},
		{"in the future (clock skew)", now.Add(time.Hour), "", &outcome{Status: "pass",
			Reason: "The last commit is from 2025-06-01 (less than a month ago).", Evidence: []registry.Evidence{}}},
		{"no date", time.Time{}, "", &outcome{Status: "warn",
			Reason:   "There is no commit date to measure maintenance by (a plain directory, not a git repository).",
			Evidence: []registry.Evidence{}, Fix: "Inspect the git repository rather than a copy of its files."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := mitRecord()
			rec.CommittedAt, rec.Commit = tt.committed, tt.commit
			got := run(t, rec, nil, MaintainedRecently)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
