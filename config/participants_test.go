package config

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestParseParticipantsValid(t *testing.T) {
	data := `
participants:
  - id: gb-gds
    name: Government Digital Service
    country: GB
    website: https://www.gov.uk/government/organisations/government-digital-service
    sources:
      - repo: https://GitHub.com/alphagov/govuk-frontend/
      - repo: git@github.com:alphagov/notifications-api.git
      - repo: ssh://git@gitlab.example.org:2222/gds/router.git
  - id: ee-ria
    name: Information System Authority
    country: EE
    sources:
      - repo: ../mirrors/DigiDoc4-Client.git
      - repo: /srv/git/libdigidocpp.git/
      - repo: file:///srv/git/digidoc4j.git
  - id: "123"
    name: A participant with nothing to share yet
    country: XK
    sources:
`
	want := &ParticipantsFile{
		Path: "participants.yaml",
		Participants: []Participant{
			{
				ID:      "gb-gds",
				Name:    "Government Digital Service",
				Country: "GB",
				Website: "https://www.gov.uk/government/organisations/government-digital-service",
				Sources: []Source{
					{Repo: "https://github.com/alphagov/govuk-frontend", Line: 8},
					{Repo: "git@github.com:alphagov/notifications-api.git", Line: 9},
					{Repo: "ssh://git@gitlab.example.org:2222/gds/router.git", Line: 10},
				},
				Line: 3,
			},
			{
				ID:      "ee-ria",
				Name:    "Information System Authority",
				Country: "EE",
				Sources: []Source{
					{Repo: "/srv/mirrors/DigiDoc4-Client.git", Line: 15},
					{Repo: "/srv/git/libdigidocpp.git", Line: 16},
					{Repo: "file:///srv/git/digidoc4j.git", Line: 17},
				},
				Line: 11,
			},
			{ID: "123", Name: "A participant with nothing to share yet", Country: "XK", Line: 18},
		},
	}
	got, err := ParseParticipants("participants.yaml", []byte(data), "/srv/govshare")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseParticipants mismatch (-want +got):\n%s", diff)
	}
}

func TestParseParticipantsProblems(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string
	}{
		{
			name: "empty file",
			data: "",
			want: []string{`p.yaml: the file is empty: list the participants under a "participants" key`},
		},
		{
			name: "only comments",
			data: "# nothing yet\n",
			want: []string{`p.yaml: the file is empty: list the participants under a "participants" key`},
		},
		{
			name: "malformed YAML",
			data: "participants:\n  - id: a\n    name: [unclosed\n",
			want: []string{`p.yaml:3: invalid YAML: did not find expected ',' or ']'`},
		},
		{
			name: "tab indentation",
			data: "participants:\n\t- id: a\n",
			want: []string{`p.yaml:2: invalid YAML: found character that cannot start any token`},
		},
		{
			name: "two documents",
			data: "participants:\n  - {id: a, name: A, country: GB}\n---\nparticipants: []\n",
			want: []string{`p.yaml:3:1: only one YAML document is allowed, found a second one`},
		},
		{
			name: "second document malformed",
			data: "participants:\n  - {id: a, name: A, country: GB}\n---\n[\n",
			want: []string{`p.yaml:5: invalid YAML: did not find expected node content`},
		},
		{
			name: "control character",
			data: "participants:\n  - {id: a, name: \"\x01\", country: GB}\n",
			want: []string{`p.yaml: invalid YAML: control characters are not allowed`},
		},
		{
			name: "error on the first line",
			data: "participants: [\n",
			want: []string{`p.yaml:2: invalid YAML: did not find expected node content`},
		},
		{
			name: "key that is not a word",
			data: "participants:\n  - id: a\n    name: A\n    country: GB\n    ? [x]\n    : y\n",
			want: []string{`p.yaml:5:7: participants[0]: field names must be plain words, not a list`},
		},
		{
			name: "top level is a list",
			data: "- id: a\n",
			want: []string{`p.yaml:1:1: the file must be a mapping with a "participants" key, not a list`},
		},
		{
			name: "no participants key",
			data: "participant:\n  - id: a\n",
			want: []string{
				`p.yaml:1:1: participant: unknown field "participant" (did you mean "participants"?)`,
			},
		},
		{
			name: "participants empty",
			data: "participants:\n",
			want: []string{`p.yaml:1:1: participants: must list at least one participant`},
		},
		{
			name: "participants empty list",
			data: "participants: []\n",
			want: []string{`p.yaml:1:1: participants: must list at least one participant`},
		},
		{
			name: "participants a mapping",
			data: "participants:\n  id: a\n",
			want: []string{`p.yaml:2:3: participants: must be a list of participants, not a mapping`},
		},
		{
			name: "everything missing",
			data: "participants:\n  - {}\n",
			want: []string{
				`p.yaml:2:5: participants[0].id: missing required field "id"`,
				`p.yaml:2:5: participants[0].name: missing required field "name"`,
				`p.yaml:2:5: participants[0].country: missing required field "country"`,
			},
		},
		{
			name: "null values count as missing",
			data: "participants:\n  - id: ~\n    name: null\n    country:\n",
			want: []string{
				`p.yaml:2:9: participants[0].id: must not be empty`,
				`p.yaml:3:11: participants[0].name: must not be empty`,
				`p.yaml:4:13: participants[0].country: must not be empty`,
			},
		},
		{
			name: "name is a list",
			data: "participants:\n  - {id: a, name: [x], country: GB}\n",
			want: []string{`p.yaml:2:19: participants[0].name: must be a single value, not a list`},
		},
		{
			name: "name on two lines",
			data: "participants:\n  - id: a\n    name: |\n      two\n      lines\n    country: GB\n",
			want: []string{`p.yaml:3:11: participants[0].name: must be a single line of text`},
		},
		{
			name: "id too long",
			data: "participants:\n  - {id: " + strings.Repeat("a", 64) + ", name: A, country: GB}\n",
			want: []string{`p.yaml:2:10: participants[0].id: must be at most 63 characters long, not 64`},
		},
		{
			name: "id with underscore",
			data: "participants:\n  - {id: gb_gds, name: A, country: GB}\n",
			want: []string{`p.yaml:2:10: participants[0].id: "gb_gds" must hold only lower-case letters, digits and hyphens, and start with a letter or digit`},
		},
		{
			name: "duplicate id",
			data: "participants:\n  - {id: a, name: A, country: GB}\n  - {id: a, name: B, country: GB}\n",
			want: []string{`p.yaml:3:10: participants[1].id: id "a" is already used on line 2`},
		},
		{
			name: "duplicate field",
			data: "participants:\n  - id: a\n    id: b\n    name: A\n    country: GB\n",
			want: []string{`p.yaml:3:5: participants[0].id: duplicate field "id" (first given on line 2)`},
		},
		{
			name: "unknown fields with and without suggestions",
			data: "participants:\n  - id: a\n    Name: A\n    country: GB\n    homepage: https://a.example\n    budget: 3\n",
			want: []string{
				`p.yaml:3:5: participants[0].Name: unknown field "Name" (did you mean "name"?)`,
				`p.yaml:5:5: participants[0].homepage: unknown field "homepage" (did you mean "website"?)`,
				`p.yaml:6:5: participants[0].budget: unknown field "budget"`,
			},
		},
		{
			name: "website problems",
			data: "participants:\n" +
				"  - {id: a, name: A, country: GB, website: http://a.example}\n" +
				"  - {id: b, name: B, country: GB, website: a.example}\n" +
				"  - {id: c, name: C, country: GB, website: 'https://me:pw@a.example'}\n" +
				"  - {id: d, name: D, country: GB, website: 'https://a.example/x y'}\n" +
				"  - {id: e, name: E, country: GB, website: 'ftp://a.example'}\n" +
				"  - {id: f, name: F, country: GB, website: 'https://a.example/%zz'}\n" +
				"  - {id: g, name: G, country: GB, website: ''}\n",
			want: []string{
				`p.yaml:2:44: participants[0].website: must use https://, not http://`,
				`p.yaml:3:44: participants[1].website: must be an absolute https:// URL, such as https://www.gov.uk/government/organisations/government-digital-service`,
				`p.yaml:4:44: participants[2].website: must not contain a user name or password`,
				`p.yaml:5:44: participants[3].website: must not contain spaces or control characters`,
				`p.yaml:6:44: participants[4].website: must be an absolute https:// URL, such as https://www.gov.uk/government/organisations/government-digital-service`,
				`p.yaml:7:44: participants[5].website: is not a valid URL: invalid URL escape "%zz"`,
			},
		},
		{
			name: "sources not a list",
			data: "participants:\n  - {id: a, name: A, country: GB, sources: {repo: x}}\n",
			want: []string{`p.yaml:2:44: participants[0].sources: must be a list of "- repo: URL" entries, not a mapping`},
		},
		{
			name: "source problems",
			data: "participants:\n  - id: a\n    name: A\n    country: GB\n    sources:\n" +
				"      - https://github.com/a/b\n" +
				"      - [x]\n" +
				"      - repository: https://github.com/a/c\n" +
				"      - repo: https://github.com/a/d\n        org: a\n" +
				"      -\n",
			want: []string{
				`p.yaml:6:9: participants[0].sources[0]: each source must be a mapping: write "- repo: https://github.com/a/b"`,
				`p.yaml:7:9: participants[0].sources[1]: each source must be a mapping with a "repo" field, not a list`,
				`p.yaml:8:9: participants[0].sources[2].repository: unknown field "repository" (did you mean "repo"?)`,
				`p.yaml:9:9: participants[0].sources[3]: give either "repo" or "org", not both`,
				`p.yaml:11:8: participants[0].sources[4]: each source must be a mapping with a "repo" field, not empty`,
			},
		},
		{
			name: "same repository for two participants",
			data: "participants:\n" +
				"  - {id: a, name: A, country: GB, sources: [{repo: 'https://github.com/x/y'}]}\n" +
				"  - {id: b, name: B, country: GB, sources: [{repo: 'https://GITHUB.COM/x/y/'}]}\n",
			want: []string{`p.yaml:3:52: participants[1].sources[0].repo: repository https://github.com/x/y is already listed on line 2 (participant "a")`},
		},
		{
			name: "same local repository written two ways",
			data: "participants:\n  - id: a\n    name: A\n    country: GB\n    sources:\n" +
				"      - repo: mirrors/x.git\n" +
				"      - repo: /srv/govshare/mirrors/./x.git/\n",
			want: []string{`p.yaml:7:15: participants[0].sources[1].repo: repository /srv/govshare/mirrors/x.git is already listed on line 6`},
		},
		{
			name: "merge keys",
			data: "defaults: &d {country: GB}\nparticipants:\n  - <<: *d\n    id: a\n    name: A\n",
			want: []string{
				`p.yaml:1:1: defaults: unknown field "defaults"`,
				`p.yaml:3:5: participants[0].<<: merge keys (<<) are not supported here`,
				`p.yaml:3:5: participants[0].country: missing required field "country"`,
			},
		},
		{
			name: "aliases are followed",
			data: "participants:\n  - &p {id: a, name: A, country: GB}\n  - *p\n",
			want: []string{`p.yaml:2:13: participants[1].id: id "a" is already used on line 2`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseParticipants("p.yaml", []byte(tt.data), "/srv/govshare")
			if diff := cmp.Diff(tt.want, problemLines(t, err)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// problemLines returns the lines of a *ValidationError, failing the test for
// any other error.
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("error is %T, want *ValidationError: %v", err, err)
	}
	return strings.Split(verr.Error(), "\n")
}

// TestManyMistakes checks the report for a file with a mistake of nearly
// every kind against testdata/many-mistakes.golden; run the test with
// -update to rewrite it.
func TestManyMistakes(t *testing.T) {
	_, err := LoadParticipants("testdata/many-mistakes.yaml")
	if err == nil {
		t.Fatal("LoadParticipants succeeded, want problems")
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("error is %T, want *ValidationError: %v", err, err)
	}
	got := err.Error() + "\n"
	golden := filepath.Join("testdata", "many-mistakes.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
	for _, p := range verr.Problems {
		if p.File != "testdata/many-mistakes.yaml" || p.Line == 0 {
			t.Errorf("problem without its position: %+v", p)
		}
	}
}

func TestLoadParticipantsResolvesRelativePaths(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "participants.yaml")
	data := "participants:\n  - id: a\n    name: A\n    country: GB\n    sources:\n      - repo: ../mirrors/x.git\n      - repo: ./y\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadParticipants(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Repo: filepath.Join(filepath.Dir(dir), "mirrors", "x.git"), Line: 6},
		{Repo: filepath.Join(dir, "y"), Line: 7},
	}
	if diff := cmp.Diff(want, got.Participants[0].Sources); diff != "" {
		t.Errorf("sources mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadParticipantsMissingFile(t *testing.T) {
	_, err := LoadParticipants(filepath.Join(t.TempDir(), "absent.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want one wrapping fs.ErrNotExist", err)
	}
	var verr *ValidationError
	if errors.As(err, &verr) {
		t.Errorf("a missing file is not a validation problem: %v", err)
	}
}

// TestParticipantsExample keeps the shipped example valid and worth
// indexing. It reads the file only; nothing is fetched.
func TestParticipantsExample(t *testing.T) {
	f, err := LoadParticipants("participants.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sources := 0
	countries := map[string]bool{}
	for _, p := range f.Participants {
		sources += len(p.Sources)
		countries[p.Country] = true
		if p.Website == "" {
			t.Errorf("participant %s has no website", p.ID)
		}
		for _, s := range p.Sources {
			if !strings.HasPrefix(s.Repo, "https://github.com/") {
				t.Errorf("participant %s: source %s is not a public GitHub URL", p.ID, s.Repo)
			}
		}
	}
	if sources < 20 {
		t.Errorf("the example lists %d sources, want at least 20", sources)
	}
	if len(countries) < 6 {
		t.Errorf("the example covers %d countries, want at least 6", len(countries))
	}
}

func TestOrganisationSources(t *testing.T) {
	data := []byte(`participants:
  - id: gb-gds
    name: GDS
    country: GB
    sources:
      - org: https://GitHub.com/alphagov/
        skip_forks: true
        skip_archived: false
        include: ["govuk-*"]
        exclude: ["*-archive"]
      - org: https://git.example.gov.uk/digital
        host: gitlab
      - repo: https://github.com/alphagov/notify
`)
	f, err := ParseParticipants("p.yaml", data, "/srv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Org: "https://github.com/alphagov", SkipForks: true, Include: []string{"govuk-*"}, Exclude: []string{"*-archive"}, Line: 6},
		{Org: "https://git.example.gov.uk/digital", Host: "gitlab", Line: 11},
		{Repo: "https://github.com/alphagov/notify", Line: 13},
	}
	if diff := cmp.Diff(want, f.Participants[0].Sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

func TestOrganisationSourceProblems(t *testing.T) {
	data := []byte(`participants:
  - id: gb-gds
    name: GDS
    country: GB
    sources:
      - org: https://github.com/alphagov
        repo: https://github.com/alphagov/x
      - org: /srv/mirrors
      - org: https://gitlab.example.org/g
        host: sourcehut
        skip_forks: maybe
        include: "api-*"
      - repo: https://github.com/a/b
        skip_forks: true
      - org: https://github.com/c
        exclude: ["[bad"]
`)
	_, err := ParseParticipants("p.yaml", data, "/srv")
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("got %v, want a ValidationError", err)
	}
	got := verr.Error()
	for _, want := range []string{
		`p.yaml:6:9: participants[0].sources[0]: give either "repo" or "org", not both`,
		"p.yaml:8:14: participants[0].sources[1].org: an organisation must be an https:// address",
		`p.yaml:10:15: participants[0].sources[2].host: must be one of github, gitlab, gitea, bitbucket, not "sourcehut"`,
		"p.yaml:11:21: participants[0].sources[2].skip_forks: must be true or false",
		"p.yaml:12:18: participants[0].sources[2].include: must be a list of name patterns",
		`p.yaml:14:9: participants[0].sources[3].skip_forks: goes with "org", not "repo"`,
		"p.yaml:16:19: participants[0].sources[4].exclude[0]: is not a valid pattern",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}
