package checks

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/govshare/govshare/registry"
)

// How a policy may treat a warning.
const (
	// TreatWarnAsFail makes a warning count as a failure.
	TreatWarnAsFail = "fail"
	// TreatWarnAsPass makes a warning count as a pass (the default: only a
	// failure fails).
	TreatWarnAsPass = "pass"
)

// Rule is what a policy says about one check.
type Rule struct {
	// Required checks make `govshare inspect --check` exit non-zero when
	// they fail.
	Required bool
	// TreatWarnAs is "", TreatWarnAsFail or TreatWarnAsPass.
	TreatWarnAs string
}

// Policy says which checks must pass. A check the policy does not name is
// not required. A required check that is absent from a report (because it
// does not apply to the repository: metadata-valid without metadata files,
// say) is not a failure.
type Policy struct {
	// Rules maps check ids to rules.
	Rules map[string]Rule
}

// defaultRequired are the checks the default policy requires: a licence,
// OSI approved, the same in the metadata as in the files, valid metadata
// (when there is any) and a README.
var defaultRequired = []string{LicencePresent, LicenceOSIApproved, LicenceConsistent, MetadataValid, ReadmePresent}

// DefaultPolicy returns the policy used when none is given. It names every
// check; defaultPolicyYAML (DefaultPolicyYAML) is the same policy as a file.
func DefaultPolicy() *Policy {
	p := &Policy{Rules: map[string]Rule{}}
	for _, d := range definitions {
		p.Rules[d.ID] = Rule{Required: slices.Contains(defaultRequired, d.ID)}
	}
	return p
}

//go:embed default-policy.yaml
var defaultPolicyYAML []byte

// DefaultPolicyYAML returns the default policy as a policy file, with
// comments, for users to copy and edit.
func DefaultPolicyYAML() []byte {
	return slices.Clone(defaultPolicyYAML)
}

// Rule returns the rule for a check id; the zero Rule when the policy does
// not name it.
func (p *Policy) Rule(id string) Rule {
	return p.Rules[id]
}

// Required returns the ids of the required checks, in report order.
func (p *Policy) Required() []string {
	var ids []string
	for _, d := range definitions {
		if p.Rules[d.ID].Required {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

// Outcome returns the status a check counts as under the policy: a warning
// becomes a failure or a pass when the check's rule says so. A status that
// is none of pass, warn or fail counts as a failure.
func (p *Policy) Outcome(c registry.Check) string {
	switch c.Status {
	case registry.CheckPass, registry.CheckFail:
		return c.Status
	case registry.CheckWarn:
		switch p.Rules[c.ID].TreatWarnAs {
		case TreatWarnAsFail:
			return registry.CheckFail
		case TreatWarnAsPass:
			return registry.CheckPass
		}
		return registry.CheckWarn
	}
	return registry.CheckFail
}

// Failures returns the required checks whose outcome is a failure, in the
// order given. A required check missing from checks does not apply to the
// repository and is not a failure.
func (p *Policy) Failures(checks []registry.Check) []registry.Check {
	var out []registry.Check
	for _, c := range checks {
		if p.Rules[c.ID].Required && p.Outcome(c) == registry.CheckFail {
			out = append(out, c)
		}
	}
	return out
}

// LoadPolicy reads a policy file. Its errors name the file, the line and
// the column of each problem (an unknown check id, a value that is not
// allowed), all of them at once.
func LoadPolicy(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read policy: %w", err)
	}
	return ParsePolicy(path, data)
}

// ParsePolicy parses the content of a policy file; name is used in errors.
//
// The format is:
//
//	version: 1            # optional
//	checks:
//	  licence-present:
//	    required: true
//	  maintained-recently:
//	    required: true
//	    treat_warn_as: fail   # or pass
func ParsePolicy(name string, data []byte) (*Policy, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse policy %s: %w", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("parse policy %s: the file is empty", name)
	}
	pp := policyParser{name: name, policy: &Policy{Rules: map[string]Rule{}}}
	pp.top(doc.Content[0])
	if len(pp.errs) > 0 {
		slices.SortStableFunc(pp.errs, func(a, b positionedError) int {
			return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.column, b.column))
		})
		errs := make([]error, len(pp.errs))
		for i, e := range pp.errs {
			errs[i] = e.err
		}
		return nil, errors.Join(errs...)
	}
	return pp.policy, nil
}

// policyParser walks a policy's YAML nodes, collecting every error.
type policyParser struct {
	name   string
	policy *Policy
	errs   []positionedError
}

// positionedError is an error and where in the file it is, to report the
// errors in file order.
type positionedError struct {
	line, column int
	err          error
}

func (pp *policyParser) errorf(n *yaml.Node, format string, args ...any) {
	pp.errs = append(pp.errs, positionedError{n.Line, n.Column,
		fmt.Errorf("%s:%d:%d: %s", pp.name, n.Line, n.Column, fmt.Sprintf(format, args...))})
}

// pairs returns the key and value nodes of a mapping, reporting repeated
// keys.
func (pp *policyParser) pairs(n *yaml.Node, what string) [][2]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		pp.errorf(n, "%s must be a mapping", what)
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			pp.errorf(k, "%q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out
}

func (pp *policyParser) top(n *yaml.Node) {
	sawChecks := false
	for _, kv := range pp.pairs(n, "a policy") {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "version":
			if v.Kind != yaml.ScalarNode || v.Value != "1" {
				pp.errorf(v, "version must be 1, not %q", v.Value)
			}
		case "checks":
			sawChecks = true
			pp.checks(v)
		default:
			pp.errorf(k, "unknown key %q (a policy has version and checks)", k.Value)
		}
	}
	if !sawChecks && n.Kind == yaml.MappingNode {
		pp.errorf(n, "no checks: list the checks under \"checks:\"")
	}
}

func (pp *policyParser) checks(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "checks:" with nothing under it: nothing required
	}
	for _, kv := range pp.pairs(n, "checks") {
		k, v := kv[0], kv[1]
		if _, ok := definition(k.Value); !ok {
			pp.errorf(k, "unknown check %q (known checks: %s)", k.Value, strings.Join(checkIDs(), ", "))
			continue
		}
		pp.policy.Rules[k.Value] = pp.rule(k.Value, v)
	}
}

func (pp *policyParser) rule(id string, n *yaml.Node) Rule {
	var r Rule
	for _, kv := range pp.pairs(n, id) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "required":
			var required bool
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&required) != nil {
				pp.errorf(v, "%s: required must be true or false, not %q", id, v.Value)
				continue
			}
			r.Required = required
		case "treat_warn_as":
			if v.Kind != yaml.ScalarNode || (v.Value != TreatWarnAsFail && v.Value != TreatWarnAsPass) {
				pp.errorf(v, "%s: treat_warn_as must be fail or pass, not %q", id, v.Value)
				continue
			}
			r.TreatWarnAs = v.Value
		default:
			pp.errorf(k, "%s: unknown key %q (a check has required and treat_warn_as)", id, k.Value)
		}
	}
	return r
}

// checkIDs returns every check id, in report order.
func checkIDs() []string {
	ids := make([]string, len(definitions))
	for i, d := range definitions {
		ids[i] = d.ID
	}
	return ids
}
