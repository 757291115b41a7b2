package declared

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/govshare/govshare/indexer/analysis/manifests"
	"github.com/govshare/govshare/registry"
)

// catalogInfo is what a Backstage catalog-info.yaml declares and what is
// wrong with it.
type catalogInfo struct {
	name, description string
	licenses          []registry.DeclaredLicense
	errors            []registry.Diagnostic
}

// specRequired lists, for the core Backstage kinds, the spec fields the
// descriptor format requires.
var specRequired = map[string][]string{
	"component": {"type", "lifecycle", "owner"},
	"api":       {"type", "lifecycle", "owner", "definition"},
	"resource":  {"type", "owner"},
	"system":    {"owner"},
	"domain":    {"owner"},
	"group":     {"type", "children"},
}

// coreAPIVersions are the apiVersions of the kinds in specRequired, User
// and Location.
var coreAPIVersions = []string{"backstage.io/v1alpha1", "backstage.io/v1beta1"}

var (
	apiVersionPattern = regexp.MustCompile(`^[a-z0-9.-]+/v[0-9]+(?:(?:alpha|beta)[0-9]+)?$`)
	// entityNamePattern is Backstage's rule for metadata.name: letters and
	// digits, separated by single -, _ or ., at most 63 characters.
	entityNamePattern = regexp.MustCompile(`^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$`)
	yamlErrorLine     = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)
	// yamlParserProblem matches the problems yaml.v3's parser (as opposed
	// to its scanner) reports, whose line it gives counted from 0.
	yamlParserProblem = regexp.MustCompile(`^(did not find expected (<document start>|node content|key|'-' indicator|',' or '[\]}]')|found (duplicate %YAML directive|incompatible YAML document|undefined tag handle|duplicate %TAG directive))$`)
)

// licenceKeys are the label and annotation names (after any prefix/)
// read as a licence. Backstage defines none; these are the ones in use.
var licenceKeys = []string{"license", "licence", "license-id", "licence-id", "spdx", "spdx-id",
	"spdx-license", "spdx-license-id", "spdx-license-identifier", "license-spdx"}

// readCatalogInfo parses and validates a catalog-info.yaml, which may hold
// several entities as several YAML documents. Name and description come
// from the first Component (else the first entity); licences from any
// entity's spec.license, and metadata.labels and metadata.annotations
// named in licenceKeys.
func readCatalogInfo(path string, data []byte) catalogInfo {
	var out catalogInfo
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			out.errors = append(out.errors, yamlDiagnostic(err))
			break
		}
		if len(doc.Content) > 0 {
			docs = append(docs, doc.Content[0])
		}
	}
	if len(docs) == 0 && len(out.errors) == 0 {
		out.errors = append(out.errors, registry.Diagnostic{Line: 1, Column: 1, Message: "catalog-info.yaml holds no entity"})
	}
	var named *yaml.Node
	for i, entity := range docs {
		prefix := ""
		if len(docs) > 1 {
			prefix = fmt.Sprintf("documents[%d]", i)
		}
		c := yamlCheck{}
		kind := c.entity(entity, prefix)
		out.errors = append(out.errors, c.errs...)
		if named == nil || kind == "component" && !strings.EqualFold(scalar(mappingValue(named, "kind")), "component") {
			named = entity
		}
		out.licenses = append(out.licenses, entityLicenses(path, entity, prefix)...)
	}
	if named != nil {
		meta := mappingValue(named, "metadata")
		out.name = firstNonBlank(scalar(mappingValue(meta, "title")), scalar(mappingValue(meta, "name")))
		out.description = scalar(mappingValue(meta, "description"))
	}
	return out
}

// entityLicenses returns the licences one entity declares.
func entityLicenses(path string, entity *yaml.Node, prefix string) []registry.DeclaredLicense {
	var out []registry.DeclaredLicense
	add := func(field, value string) {
		if value = strings.TrimSpace(value); value != "" {
			out = append(out, registry.DeclaredLicense{Path: path, Field: join(prefix, field), Value: value, SPDX: manifests.NormalizeLicense(value)})
		}
	}
	add("spec.license", scalar(mappingValue(mappingValue(entity, "spec"), "license")))
	meta := mappingValue(entity, "metadata")
	for _, group := range []string{"labels", "annotations"} {
		m := mappingValue(meta, group)
		if m == nil || m.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			key := m.Content[i].Value
			if slices.Contains(licenceKeys, strings.ToLower(key[strings.LastIndex(key, "/")+1:])) {
				add(fmt.Sprintf("metadata.%s[%s]", group, strconv.Quote(key)), scalar(m.Content[i+1]))
			}
		}
	}
	return out
}

// yamlDiagnostic places a YAML syntax error; yaml.v3 gives the line only,
// for a parser error the line where the construct it was reading began.
func yamlDiagnostic(err error) registry.Diagnostic {
	msg := err.Error()
	d := registry.Diagnostic{Message: msg}
	m := yamlErrorLine.FindStringSubmatch(msg)
	if m == nil {
		return d
	}
	d.Message = strings.TrimPrefix(msg, m[0])
	d.Line, _ = strconv.Atoi(m[1])
	if yamlParserProblem.MatchString(d.Message) {
		d.Line++
	}
	return d
}

// yamlCheck collects the validation errors of one entity.
type yamlCheck struct {
	errs []registry.Diagnostic
}

func (c *yamlCheck) report(n *yaml.Node, key, msg string) {
	c.errs = append(c.errs, registry.Diagnostic{Line: n.Line, Column: n.Column, Key: key, Message: msg})
}

// entity validates one entity against the Backstage descriptor format and
// returns its kind, lower-cased.
func (c *yamlCheck) entity(n *yaml.Node, prefix string) string {
	if n.Kind != yaml.MappingNode {
		c.report(n, prefix, "a catalog entity must be a mapping")
		return ""
	}
	apiVersion := c.requiredString(n, prefix, "apiVersion")
	kindNode := c.requiredString(n, prefix, "kind")
	kind := ""
	if kindNode != nil {
		kind = strings.ToLower(kindNode.Value)
	}
	if apiVersion != nil {
		_, core := specRequired[kind]
		switch {
		case !apiVersionPattern.MatchString(apiVersion.Value):
			c.report(apiVersion, join(prefix, "apiVersion"), fmt.Sprintf("apiVersion %q is not of the form group/version", apiVersion.Value))
		case (core || kind == "user" || kind == "location") && !slices.Contains(coreAPIVersions, apiVersion.Value):
			c.report(apiVersion, join(prefix, "apiVersion"), fmt.Sprintf("apiVersion %q is not %s, which kind %s needs", apiVersion.Value, coreAPIVersions[0], kindNode.Value))
		}
	}
	if meta := c.required(n, prefix, "metadata", yaml.MappingNode); meta != nil {
		c.metadata(meta, join(prefix, "metadata"))
	}
	fields, core := specRequired[kind]
	if !core {
		return kind
	}
	spec := c.required(n, prefix, "spec", yaml.MappingNode)
	if spec == nil {
		return kind
	}
	sp := join(prefix, "spec")
	for _, f := range fields {
		switch f {
		case "children":
			c.required(spec, sp, f, yaml.SequenceNode)
		case "definition":
			c.required(spec, sp, f, yaml.ScalarNode, yaml.MappingNode)
		default:
			c.requiredString(spec, sp, f)
		}
	}
	return kind
}

func (c *yamlCheck) metadata(meta *yaml.Node, path string) {
	if name := c.requiredString(meta, path, "name"); name != nil {
		if len(name.Value) > 63 || !entityNamePattern.MatchString(name.Value) {
			c.report(name, join(path, "name"), fmt.Sprintf("%s %q must be at most 63 letters and digits separated by -, _ or .", join(path, "name"), name.Value))
		}
	}
	for _, k := range []string{"namespace", "title", "description"} {
		c.optional(meta, path, k, yaml.ScalarNode)
	}
	for _, k := range []string{"labels", "annotations"} {
		if m := c.optional(meta, path, k, yaml.MappingNode); m != nil {
			for i := 0; i+1 < len(m.Content); i += 2 {
				if v := resolve(m.Content[i+1]); v.Kind != yaml.ScalarNode {
					p := fmt.Sprintf("%s.%s[%s]", path, k, strconv.Quote(m.Content[i].Value))
					c.report(v, p, p+" must be a string")
				}
			}
		}
	}
	if tags := c.optional(meta, path, "tags", yaml.SequenceNode); tags != nil {
		for i, t := range tags.Content {
			if resolve(t).Kind != yaml.ScalarNode {
				p := fmt.Sprintf("%s.tags[%d]", path, i)
				c.report(t, p, p+" must be a string")
			}
		}
	}
	if links := c.optional(meta, path, "links", yaml.SequenceNode); links != nil {
		for i, l := range links.Content {
			p := fmt.Sprintf("%s.links[%d]", path, i)
			if l = resolve(l); l.Kind != yaml.MappingNode {
				c.report(l, p, p+" must be a mapping with a url")
				continue
			}
			c.requiredString(l, p, "url")
		}
	}
}

// optional returns the member key of mapping n when it has one of the
// kinds, nil when it is missing or has another kind (reported).
func (c *yamlCheck) optional(n *yaml.Node, path, key string, kinds ...yaml.Kind) *yaml.Node {
	v := mappingValue(n, key)
	if v == nil {
		return nil
	}
	if !slices.Contains(kinds, v.Kind) {
		p := join(path, key)
		c.report(v, p, fmt.Sprintf("%s must be %s", p, yamlKindName(kinds[0])))
		return nil
	}
	return v
}

// required is optional, and reports a missing member at its mapping.
func (c *yamlCheck) required(n *yaml.Node, path, key string, kinds ...yaml.Kind) *yaml.Node {
	if mappingValue(n, key) == nil {
		p := join(path, key)
		c.report(n, p, p+" is required")
		return nil
	}
	return c.optional(n, path, key, kinds...)
}

// requiredString is required for a scalar that must not be blank.
func (c *yamlCheck) requiredString(n *yaml.Node, path, key string) *yaml.Node {
	v := c.required(n, path, key, yaml.ScalarNode)
	if v != nil && (strings.TrimSpace(v.Value) == "" || v.Tag == "!!null") {
		c.report(v, join(path, key), join(path, key)+" must not be empty")
		return nil
	}
	return v
}

func yamlKindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a string"
}

// mappingValue returns the value of key in mapping n, aliases resolved;
// nil when n is not a mapping or has no such key.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return resolve(n.Content[i+1])
		}
	}
	return nil
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// scalar returns a scalar node's value, "" for anything else.
func scalar(n *yaml.Node) string {
	if n = resolve(n); n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func firstNonBlank(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
