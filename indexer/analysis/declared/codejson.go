package declared

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/govshare/govshare/indexer/analysis/manifests"
	"github.com/govshare/govshare/registry"
)

// code.gov metadata schema 2.0.0: the enumerations it defines.
var (
	usageTypes = []string{"openSource", "governmentWideReuse", "exemptByLaw", "exemptByNationalSecurity",
		"exemptByAgencySystem", "exemptByAgencyMission", "exemptByCIO", "exemptByPolicyDate"}
	releaseStatuses    = []string{"Ideation", "Development", "Alpha", "Beta", "Release Candidate", "Production", "Archival"}
	measurementMethods = []string{"linesOfCode", "modernSystems", "cost", "projects", "systems", "other"}
)

// codeJSON is what a code.json file declares and what is wrong with it.
type codeJSON struct {
	name, description string
	licenses          []registry.DeclaredLicense
	errors            []registry.Diagnostic
}

// readCodeJSON parses and validates a code.json against the code.gov 2.0
// schema. The file is either an agency inventory ({"version", "agency",
// "measurementType", "releases": [...]}) or a single release object. Name,
// description and licences are taken only when the file describes one
// release: an inventory of several describes other repositories too.
func readCodeJSON(path string, data []byte) codeJSON {
	check := jsonCheck{data: data}
	root, err := parseJSON(data)
	if err != nil {
		je := err.(*jsonError)
		check.reportAt(je.offset, "", je.msg)
		return codeJSON{errors: check.errs}
	}
	if root.kind != jsonObject {
		check.report(root, "", "code.json must hold an object, not "+root.kind.String())
		return codeJSON{errors: check.errs}
	}
	var release *jsonValue
	prefix := ""
	if root.has("releases") || root.has("agency") || root.has("measurementType") {
		releases := check.agency(root)
		if len(releases) == 1 {
			release, prefix = releases[0], "releases[0]"
		}
	} else {
		check.release(root, "")
		release = root
	}
	out := codeJSON{errors: check.errs}
	if release == nil {
		return out
	}
	out.name = stringValue(release.get("name"))
	out.description = stringValue(release.get("description"))
	licenses := release.get("permissions").get("licenses")
	if licenses == nil {
		return out
	}
	for i, l := range licenses.items {
		field := join(prefix, fmt.Sprintf("permissions.licenses[%d]", i))
		name, link := strings.TrimSpace(stringValue(l.get("name"))), strings.TrimSpace(stringValue(l.get("URL")))
		d := registry.DeclaredLicense{Path: path, Field: field + ".name", Value: name, SPDX: manifests.NormalizeLicense(name)}
		if name == "" {
			d.Field, d.Value = field+".URL", link
		}
		if d.SPDX == "" && link != "" {
			d.SPDX = manifests.NormalizeLicense(link)
		}
		if d.Value != "" {
			out.licenses = append(out.licenses, d)
		}
	}
	return out
}

// agency validates an agency inventory and returns its releases.
func (c *jsonCheck) agency(root *jsonValue) []*jsonValue {
	if v := c.required(root, "", "version", jsonString); v != nil && !strings.HasPrefix(v.text, "2.") {
		c.report(v, "version", fmt.Sprintf("version %q is not 2.0.0: only the code.gov 2.0 schema is supported", v.text))
	}
	c.nonEmpty(root, "", "agency")
	if m := c.required(root, "", "measurementType", jsonObject); m != nil {
		method := c.oneOf(m, "measurementType", "method", measurementMethods, true)
		if method == "other" {
			c.nonEmpty(m, "measurementType", "ifOther")
		}
	}
	releases := c.required(root, "", "releases", jsonArray)
	if releases == nil {
		return nil
	}
	for i, r := range releases.items {
		path := fmt.Sprintf("releases[%d]", i)
		if r.kind != jsonObject {
			c.report(r, path, path+" must be an object, not "+r.kind.String())
			continue
		}
		c.release(r, path)
	}
	return releases.items
}

// release validates one release object.
func (c *jsonCheck) release(r *jsonValue, path string) {
	c.nonEmpty(r, path, "name")
	c.nonEmpty(r, path, "description")
	usage := ""
	if p := c.required(r, path, "permissions", jsonObject); p != nil {
		pp := join(path, "permissions")
		usage = c.oneOf(p, pp, "usageType", usageTypes, true)
		if l := c.required(p, pp, "licenses", jsonArray, jsonNull); l != nil {
			for i, item := range l.items {
				lp := join(pp, fmt.Sprintf("licenses[%d]", i))
				if item.kind != jsonObject {
					c.report(item, lp, lp+" must be an object with name and URL, not "+item.kind.String())
					continue
				}
				name := c.optional(item, lp, "name", jsonString)
				link := c.optional(item, lp, "URL", jsonString)
				if name == nil && link == nil {
					c.report(item, lp, lp+" needs a name or a URL")
				}
				c.absoluteURL(link, join(lp, "URL"))
			}
		}
		c.optional(p, pp, "exemptionText", jsonString, jsonNull)
	}
	// The schema lists repositoryURL as required and explains that closed
	// and government-wide-reuse code may leave it out.
	if usage == "openSource" || usage == "" {
		c.absoluteURL(c.required(r, path, "repositoryURL", jsonString), join(path, "repositoryURL"))
	} else {
		c.absoluteURL(c.optional(r, path, "repositoryURL", jsonString), join(path, "repositoryURL"))
	}
	if h := c.required(r, path, "laborHours", jsonNumber); h != nil && strings.HasPrefix(h.text, "-") {
		c.report(h, join(path, "laborHours"), join(path, "laborHours")+" must not be negative")
	}
	if tags := c.required(r, path, "tags", jsonArray); tags != nil {
		c.allStrings(tags, join(path, "tags"))
	}
	if contact := c.required(r, path, "contact", jsonObject); contact != nil {
		cp := join(path, "contact")
		if email := c.nonEmpty(contact, cp, "email"); email != nil && !strings.Contains(email.text, "@") {
			c.report(email, join(cp, "email"), fmt.Sprintf("%s %q is not an e-mail address", join(cp, "email"), email.text))
		}
		c.optional(contact, cp, "name", jsonString)
		c.absoluteURL(c.optional(contact, cp, "URL", jsonString), join(cp, "URL"))
		c.optional(contact, cp, "phone", jsonString)
	}
	c.oneOf(r, path, "status", releaseStatuses, false)
	for _, k := range []string{"version", "organization", "vcs", "disclaimerText"} {
		c.optional(r, path, k, jsonString)
	}
	for _, k := range []string{"homepageURL", "downloadURL", "disclaimerURL"} {
		c.absoluteURL(c.optional(r, path, k, jsonString), join(path, k))
	}
	if langs := c.optional(r, path, "languages", jsonArray); langs != nil {
		c.allStrings(langs, join(path, "languages"))
	}
	if date := c.optional(r, path, "date", jsonObject); date != nil {
		for _, k := range []string{"created", "lastModified", "metadataLastUpdated"} {
			c.optional(date, join(path, "date"), k, jsonString)
		}
	}
}

// jsonCheck collects the validation errors of one JSON document.
type jsonCheck struct {
	data []byte
	errs []registry.Diagnostic
}

func (c *jsonCheck) reportAt(offset int64, key, msg string) {
	line, column := manifests.LineColumn(c.data, offset)
	c.errs = append(c.errs, registry.Diagnostic{Line: line, Column: column, Key: key, Message: msg})
}

func (c *jsonCheck) report(v *jsonValue, key, msg string) { c.reportAt(v.offset, key, msg) }

// optional returns obj's member key when it has one of the kinds, nil when
// it is missing or has another kind (reported).
func (c *jsonCheck) optional(obj *jsonValue, path, key string, kinds ...jsonKind) *jsonValue {
	v := obj.get(key)
	if v == nil {
		return nil
	}
	if !slices.Contains(kinds, v.kind) {
		p := join(path, key)
		c.report(v, p, fmt.Sprintf("%s must be %s, not %s", p, kinds[0], v.kind))
		return nil
	}
	return v
}

// required is optional, and reports a missing member at its object.
func (c *jsonCheck) required(obj *jsonValue, path, key string, kinds ...jsonKind) *jsonValue {
	if !obj.has(key) {
		p := join(path, key)
		c.report(obj, p, p+" is required")
		return nil
	}
	return c.optional(obj, path, key, kinds...)
}

// nonEmpty is required for a string that must not be blank.
func (c *jsonCheck) nonEmpty(obj *jsonValue, path, key string) *jsonValue {
	v := c.required(obj, path, key, jsonString)
	if v != nil && strings.TrimSpace(v.text) == "" {
		c.report(v, join(path, key), join(path, key)+" must not be empty")
		return nil
	}
	return v
}

// oneOf checks a string member against an enumeration and returns it, ""
// when it is missing or not allowed.
func (c *jsonCheck) oneOf(obj *jsonValue, path, key string, allowed []string, required bool) string {
	var v *jsonValue
	if required {
		v = c.required(obj, path, key, jsonString)
	} else {
		v = c.optional(obj, path, key, jsonString)
	}
	if v == nil {
		return ""
	}
	if !slices.Contains(allowed, v.text) {
		c.report(v, join(path, key), fmt.Sprintf("%s %q is not one of %s", join(path, key), v.text, strings.Join(allowed, ", ")))
		return ""
	}
	return v.text
}

// allStrings checks that every item of an array is a string.
func (c *jsonCheck) allStrings(arr *jsonValue, path string) {
	for i, item := range arr.items {
		if item.kind != jsonString {
			p := fmt.Sprintf("%s[%d]", path, i)
			c.report(item, p, fmt.Sprintf("%s must be a string, not %s", p, item.kind))
		}
	}
}

// absoluteURL checks that a string value, when there is one, is an absolute URL.
func (c *jsonCheck) absoluteURL(v *jsonValue, path string) {
	if v == nil {
		return
	}
	u, err := url.Parse(strings.TrimSpace(v.text))
	if err != nil || u.Scheme == "" || u.Host == "" && u.Opaque == "" {
		c.report(v, path, fmt.Sprintf("%s %q is not an absolute URL", path, v.text))
	}
}

func stringValue(v *jsonValue) string {
	if v == nil || v.kind != jsonString {
		return ""
	}
	return v.text
}

// join appends key to a dotted path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
