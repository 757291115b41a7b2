package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	pathpkg "path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// ParticipantsFile is the operator's participants file, checked: the
// government bodies taking part and the repositories each shares.
type ParticipantsFile struct {
	// Path is the file's name as it was given to the loader.
	Path         string
	Participants []Participant
}

// Participant is one government body in the participants file.
type Participant struct {
	// ID is the participant's stable identifier: lower-case letters, digits
	// and hyphens, unique in the file.
	ID   string
	Name string
	// Country is an upper-case ISO 3166-1 alpha-2 code.
	Country string
	// Website is an https:// URL, or "".
	Website string
	Sources []Source
	// Line is where the participant starts in the file.
	Line int
}

// Source is one repository, or one organisation, a participant shares.
// Exactly one of Repo and Org is set.
type Source struct {
	// Org is an organisation's address on its code host (https only):
	// every repository in it is discovered and indexed. Host names the
	// host's kind when the address does not (self-hosted GitLab, Gitea or
	// Forgejo); the filters choose the repositories.
	Org          string
	Host         string
	SkipForks    bool
	SkipArchived bool
	Include      []string
	Exclude      []string

	// Repo is the repository's address, normalised: an http(s):// or ssh://
	// URL with a lower-case host and no trailing slash, an scp-like address
	// (git@host:owner/repo.git), a file:// URL or an absolute, cleaned local
	// path.
	Repo string
	// Line is where the source starts in the file.
	Line int
}

// Field names allowed at each level of a participants file. A source will
// one day also accept org: (every repository of an organisation).
var (
	participantsFileKeys = []string{"participants"}
	participantKeys      = []string{"id", "name", "country", "website", "sources"}
	sourceKeys           = []string{"repo", "org", "host", "skip_forks", "skip_archived", "include", "exclude"}
	orgOnlyKeys          = []string{"host", "skip_forks", "skip_archived", "include", "exclude"}
	hostKinds            = []string{"github", "gitlab", "gitea", "bitbucket"}
)

// participantID is the rule registry.ValidID applies; config keeps its own
// copy because it imports no other govshare package.
var participantID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// LoadParticipants reads and checks the participants file at path. Relative
// local repository paths in it are taken from the file's directory. A file
// that does not pass returns a *ValidationError listing every problem.
func LoadParticipants(path string) (*ParticipantsFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read participants file: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("locate participants file %s: %w", path, err)
	}
	return ParseParticipants(path, data, filepath.Dir(abs))
}

// ParseParticipants checks a participants file's contents. name is what
// problems and the result call the file; relative local repository paths are
// taken from baseDir (itself taken from the working directory when
// relative). A file that does not pass returns a *ValidationError listing
// every problem.
func ParseParticipants(name string, data []byte, baseDir string) (*ParticipantsFile, error) {
	base, err := filepath.Abs(baseDir)
	if err != nil {
		return nil, fmt.Errorf("resolve base directory %s: %w", baseDir, err)
	}
	p := &participantsParser{
		problems: problemList{file: name},
		baseDir:  base,
		ids:      map[string]int{},
		repos:    map[string]repoSeen{},
	}
	participants := p.parse(data)
	if err := p.problems.err(); err != nil {
		return nil, err
	}
	return &ParticipantsFile{Path: name, Participants: participants}, nil
}

// participantsParser walks a participants file's YAML nodes, collecting the
// participants and every problem.
type participantsParser struct {
	problems problemList
	baseDir  string
	// ids maps each participant ID to the line it was first used on.
	ids map[string]int
	// repos maps each normalised repository to where it was first listed.
	repos map[string]repoSeen
}

// repoSeen is where a repository was first listed.
type repoSeen struct {
	line        int
	participant string
}

func (p *participantsParser) parse(data []byte) []Participant {
	root, ok := decodeDocument(data, &p.problems)
	if !ok {
		return nil
	}
	if root == nil {
		p.problems.at(nil, "", `the file is empty: list the participants under a "participants" key`)
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.problems.at(root, "", `the file must be a mapping with a "participants" key, not %s`, kindName(root))
		return nil
	}
	fields := readMapping(root, "", participantsFileKeys, &p.problems)
	if fields.missing(root, "", "participants", &p.problems) {
		return nil
	}
	list := fields.entries["participants"]
	if isNull(list.value) || list.value.Kind == yaml.SequenceNode && len(list.value.Content) == 0 {
		p.problems.at(list.key, "participants", "must list at least one participant")
		return nil
	}
	if list.value.Kind != yaml.SequenceNode {
		p.problems.at(list.value, "participants", "must be a list of participants, not %s", kindName(list.value))
		return nil
	}
	participants := make([]Participant, 0, len(list.value.Content))
	for i, item := range list.value.Content {
		if participant, ok := p.participant(resolved(item), fmt.Sprintf("participants[%d]", i)); ok {
			participants = append(participants, participant)
		}
	}
	return participants
}

// participant checks one entry of the participants list.
func (p *participantsParser) participant(n *yaml.Node, path string) (Participant, bool) {
	if n.Kind != yaml.MappingNode {
		p.problems.at(n, path, "each participant must be a mapping with id, name, country and sources, not %s", kindName(n))
		return Participant{}, false
	}
	fields := readMapping(n, path, participantKeys, &p.problems)
	participant := Participant{Line: n.Line}

	if id, node := p.requiredText(n, fields, path, "id"); node != nil {
		participant.ID = id
		p.checkID(id, node, path)
	}
	if name, node := p.requiredText(n, fields, path, "name"); node != nil {
		participant.Name = name
		if strings.ContainsFunc(name, unicode.IsControl) {
			p.problems.at(node, fieldPath(path, "name"), "must be a single line of text")
		}
	}
	if country, node := p.requiredText(n, fields, path, "country"); node != nil {
		participant.Country = country
		if msg := checkCountry(country); msg != "" {
			p.problems.at(node, fieldPath(path, "country"), "%s", msg)
		}
	}
	if website, ok := fields.entries["website"]; ok {
		if text, ok := scalarText(website.value, fieldPath(path, "website"), &p.problems); ok && text != "" {
			participant.Website = text
			if msg := checkWebsite(text); msg != "" {
				p.problems.at(website.value, fieldPath(path, "website"), "%s", msg)
			}
		}
	}
	if sources, ok := fields.entries["sources"]; ok {
		participant.Sources = p.sources(sources.value, fieldPath(path, "sources"), participant.ID)
	}
	return participant, true
}

// requiredText returns a required text field's value and node. A missing
// or empty field is recorded as a problem; node is nil when there is no
// usable value.
func (p *participantsParser) requiredText(parent *yaml.Node, fields mappingFields, path, key string) (text string, node *yaml.Node) {
	if fields.missing(parent, path, key, &p.problems) {
		return "", nil
	}
	field := fieldPath(path, key)
	entry := fields.entries[key]
	text, ok := scalarText(entry.value, field, &p.problems)
	if !ok {
		return "", nil
	}
	if text == "" {
		p.problems.at(entry.value, field, "must not be empty")
		return "", nil
	}
	return text, entry.value
}

// checkID records what is wrong with a participant ID, including a second
// use of the same one.
func (p *participantsParser) checkID(id string, n *yaml.Node, path string) {
	field := fieldPath(path, "id")
	switch {
	case len(id) > 63:
		p.problems.at(n, field, "must be at most 63 characters long, not %d", len(id))
		return
	case participantID.MatchString(strings.ToLower(id)) && !participantID.MatchString(id):
		p.problems.at(n, field, "must be lower case: %q", strings.ToLower(id))
		return
	case !participantID.MatchString(id):
		p.problems.at(n, field, "%q must hold only lower-case letters, digits and hyphens, and start with a letter or digit", id)
		return
	}
	if first, dup := p.ids[id]; dup {
		p.problems.at(n, field, "id %q is already used on line %d", id, first)
		return
	}
	p.ids[id] = n.Line
}

// sources checks a participant's list of repositories.
func (p *participantsParser) sources(n *yaml.Node, path, participantID string) []Source {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.problems.at(n, path, `must be a list of "- repo: URL" entries, not %s`, kindName(n))
		return nil
	}
	var sources []Source
	for i, item := range n.Content {
		item = resolved(item)
		itemPath := fmt.Sprintf("%s[%d]", path, i)
		if item.Kind == yaml.ScalarNode && !isNull(item) {
			p.problems.at(item, itemPath, "each source must be a mapping: write \"- repo: %s\"", item.Value)
			continue
		}
		if item.Kind != yaml.MappingNode {
			p.problems.at(item, itemPath, `each source must be a mapping with a "repo" field, not %s`, kindName(item))
			continue
		}
		fields := readMapping(item, itemPath, sourceKeys, &p.problems)
		_, hasRepo := fields.entries["repo"]
		_, hasOrg := fields.entries["org"]
		switch {
		case hasRepo && hasOrg:
			p.problems.at(item, itemPath, `give either "repo" or "org", not both`)
			continue
		case hasOrg:
			if source, ok := p.org(fields, itemPath, participantID); ok {
				source.Line = item.Line
				sources = append(sources, source)
			}
			continue
		}
		for _, key := range orgOnlyKeys {
			if e, ok := fields.entries[key]; ok {
				p.problems.at(e.key, fieldPath(itemPath, key), `goes with "org", not "repo"`)
			}
		}
		if fields.missing(item, itemPath, "repo", &p.problems) {
			continue
		}
		if source, ok := p.source(fields.entries["repo"].value, fieldPath(itemPath, "repo"), participantID); ok {
			source.Line = item.Line
			sources = append(sources, source)
		}
	}
	return sources
}

// source checks one repository address, including a second listing of the
// same repository anywhere in the file.
func (p *participantsParser) source(n *yaml.Node, field, participantID string) (Source, bool) {
	raw, ok := scalarText(n, field, &p.problems)
	if !ok {
		return Source{}, false
	}
	repo, problem := normaliseRepo(raw, p.baseDir)
	if problem != "" {
		p.problems.at(n, field, "%s", problem)
		return Source{}, false
	}
	if first, dup := p.repos[repo]; dup {
		msg := fmt.Sprintf("repository %s is already listed on line %d", repo, first.line)
		if first.participant != "" && first.participant != participantID {
			msg += fmt.Sprintf(" (participant %q)", first.participant)
		}
		p.problems.at(n, field, "%s", msg)
		return Source{}, false
	}
	p.repos[repo] = repoSeen{line: n.Line, participant: participantID}
	return Source{Repo: repo}, true
}

// checkWebsite returns what is wrong with a participant's website, or ""
// when it is an absolute https:// URL.
func checkWebsite(raw string) string {
	const want = "must be an absolute https:// URL, such as https://www.gov.uk/government/organisations/government-digital-service"
	if strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "must not contain spaces or control characters"
	}
	u, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return "is not a valid URL: " + err.Error()
	}
	switch {
	case strings.EqualFold(u.Scheme, "http"):
		return "must use https://, not http://"
	case !strings.EqualFold(u.Scheme, "https") || u.Host == "":
		return want
	case u.User != nil:
		return "must not contain a user name or password"
	}
	return ""
}

// org reads an organisation source: its https address, host kind and
// filters.
func (p *participantsParser) org(fields mappingFields, path, participantID string) (Source, bool) {
	n := fields.entries["org"].value
	field := fieldPath(path, "org")
	raw, ok := scalarText(n, field, &p.problems)
	if !ok {
		return Source{}, false
	}
	org, problem := normaliseRepo(raw, p.baseDir)
	if problem == "" && !strings.HasPrefix(org, "https://") {
		problem = "an organisation must be an https:// address on its code host, e.g. https://github.com/alphagov"
	}
	if problem != "" {
		p.problems.at(n, field, "%s", problem)
		return Source{}, false
	}
	if first, dup := p.repos[org]; dup {
		p.problems.at(n, field, "organisation %s is already listed on line %d", org, first.line)
		return Source{}, false
	}
	p.repos[org] = repoSeen{line: n.Line, participant: participantID}
	src := Source{Org: org}
	good := true
	if e, ok := fields.entries["host"]; ok {
		host, ok := scalarText(e.value, fieldPath(path, "host"), &p.problems)
		switch {
		case !ok:
			good = false
		case !slices.Contains(hostKinds, host):
			p.problems.at(e.value, fieldPath(path, "host"), "must be one of %s, not %q", strings.Join(hostKinds, ", "), host)
			good = false
		default:
			src.Host = host
		}
	}
	for key, dst := range map[string]*bool{"skip_forks": &src.SkipForks, "skip_archived": &src.SkipArchived} {
		if e, ok := fields.entries[key]; ok {
			if e.value.Kind != yaml.ScalarNode || (e.value.Value != "true" && e.value.Value != "false") {
				p.problems.at(e.value, fieldPath(path, key), "must be true or false")
				good = false
				continue
			}
			*dst = e.value.Value == "true"
		}
	}
	for key, dst := range map[string]*[]string{"include": &src.Include, "exclude": &src.Exclude} {
		e, ok := fields.entries[key]
		if !ok {
			continue
		}
		if e.value.Kind != yaml.SequenceNode {
			p.problems.at(e.value, fieldPath(path, key), `must be a list of name patterns, e.g. ["api-*"]`)
			good = false
			continue
		}
		for i, item := range e.value.Content {
			pattern, ok := scalarText(item, fmt.Sprintf("%s[%d]", fieldPath(path, key), i), &p.problems)
			if !ok {
				good = false
				continue
			}
			if _, err := pathpkg.Match(pattern, ""); err != nil {
				p.problems.at(item, fmt.Sprintf("%s[%d]", fieldPath(path, key), i), "is not a valid pattern: %v", err)
				good = false
				continue
			}
			*dst = append(*dst, pattern)
		}
	}
	return src, good
}
