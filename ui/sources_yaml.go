package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
	"gopkg.in/yaml.v3"

	"github.com/govshare/govshare/registry"
)

// participantsFile is the operator's participants file format, as far as
// one participant's sources go: what the export writes and the import
// reads. A source is "repo: URL" or "org: URL", with an organisation's
// host and filters beside it.
type participantsFile struct {
	Participants []fileParticipant `yaml:"participants"`
}

// fileParticipant is one participant of a participants file.
type fileParticipant struct {
	ID      string       `yaml:"id"`
	Name    string       `yaml:"name"`
	Country string       `yaml:"country"`
	Website string       `yaml:"website,omitempty"`
	Sources []fileSource `yaml:"sources"`
}

// fileSource is one source of a participants file.
type fileSource struct {
	Repo         string   `yaml:"repo,omitempty"`
	Org          string   `yaml:"org,omitempty"`
	Host         string   `yaml:"host,omitempty"`
	SkipForks    bool     `yaml:"skip_forks,omitempty"`
	SkipArchived bool     `yaml:"skip_archived,omitempty"`
	Include      []string `yaml:"include,omitempty,flow"`
	Exclude      []string `yaml:"exclude,omitempty,flow"`

	// line is where the source starts in an imported file.
	line int
}

// Fields allowed at each level of a participants file.
var (
	fileKeys            = []string{"participants"}
	fileParticipantKeys = []string{"id", "name", "country", "website", "sources"}
	fileSourceKeys      = []string{"repo", "org", "host", "skip_forks", "skip_archived", "include", "exclude"}
)

// UnmarshalYAML reads a participants file, refusing unknown fields.
func (f *participantsFile) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "the file", fileKeys); err != nil {
		return err
	}
	type plain participantsFile
	return n.Decode((*plain)(f))
}

// UnmarshalYAML reads a participant, refusing unknown fields.
func (p *fileParticipant) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "a participant", fileParticipantKeys); err != nil {
		return err
	}
	type plain fileParticipant
	return n.Decode((*plain)(p))
}

// UnmarshalYAML reads a source, refusing unknown fields and noting its line.
func (s *fileSource) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: each source must be a mapping, such as \"- repo: https://github.com/owner/name\"", n.Line)
	}
	if err := checkKeys(n, "a source", fileSourceKeys); err != nil {
		return err
	}
	type plain fileSource
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.line = n.Line
	return nil
}

// checkKeys refuses a node that is not a mapping of the allowed keys.
func checkKeys(n *yaml.Node, what string, allowed []string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s must be a mapping", n.Line, what)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(allowed, k.Value) {
			return fmt.Errorf("line %d: unknown field %q in %s (known fields: %s)", k.Line, k.Value, what, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// exportSourcesYAML writes a participant and the sources registered for it
// (not the repositories discovered in its organisations, which come from
// the organisation) as a participants file.
func (s *Server) exportSourcesYAML(c *gin.Context) error {
	ctx := c.Request.Context()
	id := c.Param("id")
	p, err := s.store.Participant(ctx, id)
	if err != nil {
		return fmt.Errorf("read participant %q: %w", id, err)
	}
	sources, err := s.store.Sources(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("list sources of %s: %w", p.ID, err)
	}
	body, err := sourcesYAML(p, sources, s.clock().UTC().Format("2006-01-02"))
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="govshare-`+p.ID+`-sources.yaml"`)
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", body)
	return nil
}

// sourcesYAML writes p and its own sources as a participants file.
func sourcesYAML(p *registry.Participant, sources []*registry.Source, date string) ([]byte, error) {
	fp := fileParticipant{ID: p.ID, Name: p.Name, Country: p.Country, Website: p.Website, Sources: []fileSource{}}
	for _, src := range sources {
		if src.ParentID != 0 {
			continue
		}
		fs := fileSource{Host: src.Host}
		if src.Kind == registry.KindOrg {
			fs.Org = src.URL
			fs.SkipForks, fs.SkipArchived = src.Filters.SkipForks, src.Filters.SkipArchived
			fs.Include, fs.Exclude = src.Filters.Include, src.Filters.Exclude
		} else {
			fs.Repo = src.URL
		}
		fp.Sources = append(fp.Sources, fs)
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# The sources of %s in govshare, exported on %s.\n", p.ID, date)
	buf.WriteString("# Import it again with POST /api/v1/participants/" + p.ID + "/sources.yaml.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(participantsFile{Participants: []fileParticipant{fp}}); err != nil {
		return nil, fmt.Errorf("write the sources of %s as YAML: %w", p.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write the sources of %s as YAML: %w", p.ID, err)
	}
	return buf.Bytes(), nil
}

// maxImportSources bounds the sources one import may hold: each address is
// checked, which may take a DNS lookup.
const maxImportSources = 500

// Outcomes of one imported source.
const (
	importAdded   = "added"
	importExists  = "exists"
	importRefused = "refused"
)

// importResult is what happened to one source of an imported file.
type importResult struct {
	Line    int              `json:"line"`
	URL     string           `json:"url"`
	Kind    string           `json:"kind"`
	Status  string           `json:"status"`
	Message string           `json:"message,omitempty"`
	Source  *registry.Source `json:"source,omitempty"`
}

// importReport is the JSON answer to an import.
type importReport struct {
	Added   int            `json:"added"`
	Exists  int            `json:"exists"`
	Refused int            `json:"refused"`
	Items   []importResult `json:"items"`
}

// importSourcesYAML registers the sources of a participants file that are
// not registered yet. The file must list exactly the participant of the
// path; its name, country and website are the operator's to set and are
// not read. Each source is reported: added, already there, or refused with
// the reason.
func (s *Server) importSourcesYAML(c *gin.Context) error {
	ctx := c.Request.Context()
	who, p, err := s.manager(c, c.Param("id"))
	if err != nil {
		return err
	}
	data, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return fmt.Errorf("read the imported file: %w", err)
	}
	entries, err := parseImport(data, p.ID)
	if err != nil {
		return err
	}
	existing, err := s.store.Sources(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("list sources of %s: %w", p.ID, err)
	}
	registered := map[string]bool{}
	for _, src := range existing {
		registered[src.URL] = true
	}
	report := importReport{Items: []importResult{}}
	for _, e := range entries {
		result, err := s.importSource(ctx, who, p.ID, e, registered)
		if err != nil {
			return err
		}
		switch result.Status {
		case importAdded:
			report.Added++
		case importExists:
			report.Exists++
		default:
			report.Refused++
		}
		report.Items = append(report.Items, result)
	}
	s.writeJSON(c, http.StatusOK, report)
	return nil
}

// importSource registers one source of an imported file unless it is
// registered already, and says what happened. Only a fault of the server
// is an error; a refusal is reported with its reason.
func (s *Server) importSource(ctx context.Context, who registry.Principal, participantID string, e fileSource, registered map[string]bool) (importResult, error) {
	req := e.request()
	result := importResult{Line: e.line, URL: req.URL, Kind: req.Kind}
	exists := func() (importResult, error) {
		result.Status, result.Message = importExists, "registered already"
		return result, nil
	}
	if registered[strings.TrimSpace(req.URL)] {
		// Checked before the URL policy, which may refuse what the
		// operator's own file registered, such as a local path.
		return exists()
	}
	err := e.check()
	var src *registry.Source
	if err == nil {
		src, err = s.prepareSource(ctx, participantID, req)
	}
	if err == nil && registered[src.URL] {
		return exists()
	}
	if err == nil {
		src, err = s.registerSource(ctx, who, src)
	}
	switch code := registry.ErrorCode(err); code {
	case "":
		registered[src.URL] = true
		result.Status, result.Source = importAdded, src
	case registry.EINVALID, registry.ECONFLICT:
		result.Status, result.Message = importRefused, registry.ErrorMessage(err)
	default:
		return importResult{}, err
	}
	return result, nil
}

// parseImport reads an imported participants file and returns the sources
// of participantID, which must be the only participant in it.
// maxImportNodes bounds the YAML nodes an import may hold, counted before
// anything is decoded: far more than 500 sources with their filters need.
const maxImportNodes = 50_000

// checkImportShape refuses YAML aliases and anchors (a participants file
// has no use for them, and each decoding step would expand them afresh,
// so a few kilobytes could cost minutes and gigabytes) and documents
// with more nodes than an honest import needs.
func checkImportShape(data []byte) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil // the decoder below says what is wrong, with its line
	}
	count := 0
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		count++
		switch {
		case count > maxImportNodes:
			return registry.Errorf(registry.EINVALID, "The file is too large to import: split it into smaller files.")
		case n.Kind == yaml.AliasNode || n.Anchor != "":
			return registry.Errorf(registry.EINVALID, "Line %d: YAML anchors and aliases (& and *) are not accepted in an import; write each source out.", n.Line)
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(&root)
}

func parseImport(data []byte, participantID string) ([]fileSource, error) {
	if err := checkImportShape(data); err != nil {
		return nil, err
	}
	var f participantsFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %w", registry.Errorf(registry.EINVALID, "The file is not a participants file: %s.", strings.TrimPrefix(err.Error(), "yaml: ")), err)
	}
	if len(f.Participants) != 1 || f.Participants[0].ID != participantID {
		var ids []string
		for _, p := range f.Participants {
			ids = append(ids, fmt.Sprintf("%q", p.ID))
		}
		return nil, registry.Errorf(registry.EINVALID, "The file must list participant %q alone; it lists [%s].", participantID, strings.Join(ids, ", "))
	}
	sources := f.Participants[0].Sources
	if len(sources) > maxImportSources {
		return nil, registry.Errorf(registry.EINVALID, "The file lists %d sources; import at most %d at a time.", len(sources), maxImportSources)
	}
	return sources, nil
}

// check refuses a source that is neither or both of repo and org, or a
// repository with filters.
func (fs fileSource) check() error {
	switch {
	case fs.Repo != "" && fs.Org != "":
		return registry.Errorf(registry.EINVALID, "A source is either \"repo: URL\" or \"org: URL\", not both.")
	case fs.Repo == "" && fs.Org == "":
		return registry.Errorf(registry.EINVALID, "Give \"repo: URL\" or \"org: URL\".")
	case fs.Repo != "" && (fs.SkipForks || fs.SkipArchived || len(fs.Include) > 0 || len(fs.Exclude) > 0):
		return registry.Errorf(registry.EINVALID, "skip_forks, skip_archived, include and exclude choose among an organisation's repositories: use them with \"org: URL\".")
	}
	return nil
}

// request turns a file's source, checked, into a registration.
func (fs fileSource) request() sourceRequest {
	if fs.Org == "" {
		return sourceRequest{URL: fs.Repo, Kind: registry.KindRepo, Host: fs.Host}
	}
	return sourceRequest{URL: fs.Org, Kind: registry.KindOrg, Host: fs.Host, Filters: registry.SourceFilters{
		SkipForks: fs.SkipForks, SkipArchived: fs.SkipArchived,
		Include: fs.Include, Exclude: fs.Exclude,
	}}
}
