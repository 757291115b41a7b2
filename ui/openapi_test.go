package ui

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The OpenAPI document is checked three ways: every route the server has
// is in it (and nothing else), every example in it matches its schema, and
// the server's real answers match the schemas too.
//
// Examples and answers are checked by schemaValidator, which knows the
// subset of JSON Schema the document uses: $ref, allOf, type, format
// (date-time), properties, required, additionalProperties, items, enum,
// nullable, minimum and maximum. It refuses a schema using any other
// keyword, so that the document cannot lean on one the check ignores. An
// object schema with properties is closed: a property it does not list is
// an error unless additionalProperties allows it, so that an example or
// answer cannot carry fields the document does not describe.

// openAPI is the document, decoded loosely.
type openAPI struct {
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas   map[string]map[string]any `json:"schemas"`
		Responses map[string]responseSpec   `json:"responses"`
	} `json:"components"`
}

type operation struct {
	RequestBody *struct {
		Content map[string]mediaType `json:"content"`
	} `json:"requestBody"`
	Responses map[string]responseSpec `json:"responses"`
}

type responseSpec struct {
	Ref     string               `json:"$ref"`
	Content map[string]mediaType `json:"content"`
}

type mediaType struct {
	Schema  map[string]any `json:"schema"`
	Example any            `json:"example"`
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &doc
}

// response resolves a response, following a $ref to components.
func (doc *openAPI) response(r responseSpec) responseSpec {
	if name, ok := strings.CutPrefix(r.Ref, "#/components/responses/"); ok {
		return doc.Components.Responses[name]
	}
	return r
}

// ginParam matches a gin path parameter, :id, for OpenAPI's {id}.
var ginParam = regexp.MustCompile(`:([A-Za-z]+)`)

func openAPIPath(ginPath string) string { return ginParam.ReplaceAllString(ginPath, "{$1}") }

func documented(path string) bool { return strings.HasPrefix(path, "/api/v1/") || path == "/healthz" }

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	s := newCatalogue(t).server(t)
	served := map[string]bool{}
	for _, r := range s.engine.Routes() {
		if !documented(r.Path) {
			continue
		}
		key := strings.ToLower(r.Method) + " " + openAPIPath(r.Path)
		served[key] = true
		if _, ok := doc.Paths[openAPIPath(r.Path)][strings.ToLower(r.Method)]; !ok {
			t.Errorf("%s %s is not in openapi.json", r.Method, r.Path)
		}
	}
	for p, ops := range doc.Paths {
		for method := range ops {
			if !served[method+" "+p] {
				t.Errorf("openapi.json describes %s %s, which the server does not have", strings.ToUpper(method), p)
			}
		}
	}
}

func TestOpenAPIExamplesValidate(t *testing.T) {
	doc := loadOpenAPI(t)
	v := schemaValidator{schemas: doc.Components.Schemas}
	checked := 0
	check := func(where string, m mediaType) {
		t.Helper()
		if m.Schema == nil || m.Example == nil {
			t.Errorf("%s: no schema or no example", where)
			return
		}
		checked++
		for _, err := range v.validate(m.Example, m.Schema, "example") {
			t.Errorf("%s: %v", where, err)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(doc.Paths)) {
		for _, method := range slices.Sorted(maps.Keys(doc.Paths[p])) {
			op := doc.Paths[p][method]
			where := strings.ToUpper(method) + " " + p
			if op.RequestBody != nil {
				for ct, m := range op.RequestBody.Content {
					check(where+" request "+ct, m)
				}
			}
			if len(op.Responses) == 0 {
				t.Errorf("%s: no responses", where)
			}
			for status, r := range op.Responses {
				for ct, m := range doc.response(r).Content {
					check(fmt.Sprintf("%s %s %s", where, status, ct), m)
				}
			}
		}
	}
	for name, r := range doc.Components.Responses {
		for ct, m := range r.Content {
			check("response "+name+" "+ct, m)
		}
	}
	if checked < 50 {
		t.Errorf("only %d examples checked", checked)
	}
}

// TestOpenAPIMatchesAnswers sends real requests and checks each answer
// against the schema the document gives for its route and status.
func TestOpenAPIMatchesAnswers(t *testing.T) {
	doc := loadOpenAPI(t)
	v := schemaValidator{schemas: doc.Components.Schemas}
	f := newAccessFixture(t, Limits{SignIn: 1, Writes: 1000, AddressWrites: 1000}, false)
	f.discoverRIA(t)
	org := f.addAPISource(t, "gb-gds", "https://github.com/gds-org", "org", "github")
	tokens := f.state(t, "gb-gds").Tokens
	gds, ria, op := f.tokens["gds"], f.tokens["ria"], f.tokens["operator"]
	github := readWebhook(t, "github-push.json")
	yamlFile := "participants:\n  - id: gb-gds\n    sources:\n      - repo: https://github.com/gds/frontend\n      - repo: https://github.com/gds/imported\n      - repo: file:///x\n"

	tests := []struct {
		route string // as in the document
		req   request
		want  int
	}{
		{"/healthz", request{method: "GET", path: "/healthz"}, 200},
		{"/api/v1/openapi.json", request{method: "GET", path: "/api/v1/openapi.json"}, 200},
		{"/api/v1/projects", request{method: "GET", path: "/api/v1/projects"}, 200},
		{"/api/v1/projects", request{method: "GET", path: "/api/v1/projects?page=0"}, 400},
		{"/api/v1/projects.csv", request{method: "GET", path: "/api/v1/projects.csv"}, 200},
		{"/api/v1/projects.csv", request{method: "GET", path: "/api/v1/projects.csv?sort=stars"}, 400},
		{"/api/v1/projects", request{method: "GET", path: "/api/v1/projects?q=tax&sort=name&check_status=fail&activity=year"}, 200},
		{"/api/v1/projects.json", request{method: "GET", path: "/api/v1/projects.json?license_family=permissive"}, 200},
		{"/api/v1/projects.json", request{method: "GET", path: "/api/v1/projects.json?sort=stars"}, 400},
		{"/api/v1/code.json", request{method: "GET", path: "/api/v1/code.json"}, 200},
		{"/api/v1/projects/{id}", request{method: "GET", path: "/api/v1/projects/" + projectID(taxURL)}, 200},
		{"/api/v1/projects/{id}", request{method: "GET", path: "/api/v1/projects/" + projectID(riaNewURL)}, 200},
		{"/api/v1/projects/{id}", request{method: "GET", path: "/api/v1/projects/" + projectID(riaOldURL)}, 301},
		{"/api/v1/projects/{id}", request{method: "GET", path: "/api/v1/projects/nope"}, 404},
		{"/api/v1/projects/{id}/report", request{method: "GET", path: "/api/v1/projects/" + projectID(frontendURL) + "/report"}, 200},
		{"/api/v1/participants/{id}/report.csv", request{method: "GET", path: "/api/v1/participants/gb-gds/report.csv"}, 200},
		{"/api/v1/sources", request{method: "GET", path: "/api/v1/sources"}, 200},
		{"/api/v1/participants/{id}/sources", request{method: "GET", path: "/api/v1/participants/ee-ria/sources"}, 200},
		{"/api/v1/participants/{id}/sources", request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: gds,
			body: `{"url": "https://github.com/gds-2", "kind": "org", "filters": {"skip_forks": true}}`}, 201},
		{"/api/v1/participants/{id}/sources", request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: gds, body: `{"url": "file:///x"}`}, 400},
		{"/api/v1/participants/{id}/sources", request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: "gvs_wrong"}, 401},
		{"/api/v1/participants/{id}/sources", request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: ria}, 403},
		{"/api/v1/participants/{id}/sources", request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: gds, body: `{"url": "` + frontendURL + `"}`}, 409},
		{"/api/v1/participants/{id}/sources", request{method: "POST", path: "/api/v1/participants/gb-gds/sources", token: gds,
			body: `{"url": "` + strings.Repeat("x", int(maxBodyBytes)) + `"}`}, 413},
		{"/api/v1/participants/{id}/sources/{sid}", request{method: "PATCH", path: sourcePath("gb-gds", org.ID), token: gds, body: `{"filters": {"include": ["a-*"]}}`}, 200},
		{"/api/v1/participants/{id}/sources/{sid}", request{method: "DELETE", path: sourcePath("gb-gds", f.sourceID(t, frontendURL)), token: gds}, 409},
		{"/api/v1/participants/{id}/sources/{sid}", request{method: "DELETE", path: sourcePath("gb-gds", org.ID), token: gds}, 200},
		{"/api/v1/participants/{id}/sources.yaml", request{method: "GET", path: "/api/v1/participants/gb-gds/sources.yaml"}, 200},
		{"/api/v1/participants/{id}/sources.yaml", request{method: "POST", path: "/api/v1/participants/gb-gds/sources.yaml", token: gds, body: yamlFile}, 200},
		{"/api/v1/participants/{id}/tokens", request{method: "GET", path: "/api/v1/participants/gb-gds/tokens", token: op}, 200},
		{"/api/v1/participants/{id}/tokens", request{method: "POST", path: "/api/v1/participants/gb-gds/tokens", token: gds, body: `{"name": "CI"}`}, 201},
		{"/api/v1/participants/{id}/tokens/{tid}", request{method: "DELETE", path: "/api/v1/participants/gb-gds/tokens/" + itoa(tokens[1].ID), token: gds}, 409},
		{"/api/v1/participants/{id}/audit", request{method: "GET", path: "/api/v1/participants/gb-gds/audit", token: gds}, 200},
		{"/api/v1/webhooks/github", request{method: "POST", path: "/api/v1/webhooks/github", body: github,
			header: map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + hexHMAC(webhookSecret, github)}}, 202},
		{"/api/v1/webhooks/gitlab", request{method: "POST", path: "/api/v1/webhooks/gitlab", body: "{}", header: map[string]string{"X-Gitlab-Event": "Push Hook"}}, 401},
		{"/api/v1/webhooks/gitea", request{method: "POST", path: "/api/v1/webhooks/gitea", body: "{}",
			header: map[string]string{"X-Gitea-Event": "push", "X-Gitea-Signature": hexHMAC(webhookSecret, "{}")}}, 202},
		// The last, as it spends the token's allowance.
		{"/api/v1/participants/{id}/tokens/{tid}", request{method: "DELETE", path: "/api/v1/participants/gb-gds/tokens/" + itoa(tokens[0].ID), token: gds}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.req.method+" "+tc.req.path[:min(len(tc.req.path), 80)], func(t *testing.T) {
			res := f.send(t, nil, tc.req)
			if res.status != tc.want {
				t.Fatalf("status %d, want %d; body:\n%s", res.status, tc.want, res.body)
			}
			op, ok := doc.Paths[tc.route][strings.ToLower(tc.req.method)]
			if !ok {
				t.Fatalf("%s %s is not documented", tc.req.method, tc.route)
			}
			spec, ok := op.Responses[strconv.Itoa(res.status)]
			if !ok {
				t.Fatalf("status %d of %s %s is not documented", res.status, tc.req.method, tc.route)
			}
			ct, _, _ := strings.Cut(res.header.Get("Content-Type"), ";")
			content := doc.response(spec).Content
			if len(content) == 0 {
				if res.body != "" {
					t.Errorf("documented without a body, answered %q", res.body)
				}
				return
			}
			m, ok := content[ct]
			if !ok {
				t.Fatalf("content type %q is not documented for %d (%v)", ct, res.status, slices.Collect(maps.Keys(content)))
			}
			var body any = res.body
			if ct == "application/json" {
				if err := json.Unmarshal([]byte(res.body), &body); err != nil {
					t.Fatal(err)
				}
			}
			for _, err := range v.validate(body, m.Schema, "answer") {
				t.Error(err)
			}
		})
	}
}

// schemaValidator checks values against the document's schemas.
type schemaValidator struct {
	schemas map[string]map[string]any
}

// schemaKeywords are the keywords validate understands; description and
// format are read too.
var schemaKeywords = []string{"$ref", "allOf", "type", "format", "properties", "required", "additionalProperties",
	"items", "enum", "nullable", "minimum", "maximum", "description"}

// validate returns every way value (decoded from JSON) breaks schema; path
// names value in the errors.
func (v schemaValidator) validate(value any, schema map[string]any, path string) []error {
	for k := range schema {
		if !slices.Contains(schemaKeywords, k) {
			return []error{fmt.Errorf("%s: the schema uses %q, which the validator does not check", path, k)}
		}
	}
	if ref, ok := schema["$ref"].(string); ok {
		name, _ := strings.CutPrefix(ref, "#/components/schemas/")
		target, ok := v.schemas[name]
		if !ok {
			return []error{fmt.Errorf("%s: no schema %s", path, ref)}
		}
		return v.validate(value, target, path)
	}
	if value == nil {
		if schema["nullable"] == true {
			return nil
		}
		return []error{fmt.Errorf("%s: null, and the schema is not nullable", path)}
	}
	var errs []error
	for _, sub := range asSlice(schema["allOf"]) {
		errs = append(errs, v.validate(value, sub.(map[string]any), path)...)
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return reflect.DeepEqual(e, value) }) {
		errs = append(errs, fmt.Errorf("%s: %v is not one of %v", path, value, enum))
	}
	switch typ, _ := schema["type"].(string); typ {
	case "":
		if schema["allOf"] == nil {
			errs = append(errs, fmt.Errorf("%s: the schema has no type", path))
		}
	case "string":
		s, ok := value.(string)
		if !ok {
			return append(errs, fmt.Errorf("%s: %v is not a string", path, value))
		}
		if schema["format"] == "date-time" {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a date-time", path, s))
			}
		}
	case "integer", "number":
		n, ok := value.(float64)
		if !ok || (typ == "integer" && n != math.Trunc(n)) {
			return append(errs, fmt.Errorf("%s: %v is not an %s", path, value, typ))
		}
		if lo, ok := schema["minimum"].(float64); ok && n < lo {
			errs = append(errs, fmt.Errorf("%s: %v is below %v", path, n, lo))
		}
		if hi, ok := schema["maximum"].(float64); ok && n > hi {
			errs = append(errs, fmt.Errorf("%s: %v is above %v", path, n, hi))
		}
	case "boolean":
		if _, ok := value.(bool); !ok {
			errs = append(errs, fmt.Errorf("%s: %v is not a boolean", path, value))
		}
	case "array":
		items, ok := value.([]any)
		if !ok {
			return append(errs, fmt.Errorf("%s: %v is not an array", path, value))
		}
		itemSchema, _ := schema["items"].(map[string]any)
		if itemSchema == nil {
			return append(errs, fmt.Errorf("%s: the array schema has no items", path))
		}
		for i, item := range items {
			errs = append(errs, v.validate(item, itemSchema, fmt.Sprintf("%s[%d]", path, i))...)
		}
	case "object":
		errs = append(errs, v.validateObject(value, schema, path)...)
	default:
		errs = append(errs, fmt.Errorf("%s: unknown type %q", path, typ))
	}
	return errs
}

func (v schemaValidator) validateObject(value any, schema map[string]any, path string) []error {
	obj, ok := value.(map[string]any)
	if !ok {
		return []error{fmt.Errorf("%s: %v is not an object", path, value)}
	}
	var errs []error
	for _, r := range asSlice(schema["required"]) {
		if _, ok := obj[r.(string)]; !ok {
			errs = append(errs, fmt.Errorf("%s: required property %q is missing", path, r))
		}
	}
	props, _ := schema["properties"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if p, ok := props[k].(map[string]any); ok {
			errs = append(errs, v.validate(obj[k], p, path+"."+k)...)
			continue
		}
		switch extra := schema["additionalProperties"].(type) {
		case bool:
			if !extra {
				errs = append(errs, fmt.Errorf("%s: property %q is not in the schema", path, k))
			}
		case map[string]any:
			errs = append(errs, v.validate(obj[k], extra, path+"."+k)...)
		default:
			if props != nil {
				errs = append(errs, fmt.Errorf("%s: property %q is not in the schema", path, k))
			}
		}
	}
	return errs
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func TestSchemaValidator(t *testing.T) {
	v := schemaValidator{schemas: map[string]map[string]any{
		"Thing": {"type": "object", "required": []any{"id"}, "properties": map[string]any{
			"id":   map[string]any{"type": "integer", "minimum": 1.0},
			"kind": map[string]any{"type": "string", "enum": []any{"a", "b"}},
			"at":   map[string]any{"type": "string", "format": "date-time"},
			"tags": map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
			"next": map[string]any{"nullable": true, "allOf": []any{map[string]any{"$ref": "#/components/schemas/Thing"}}},
		}},
	}}
	thing := map[string]any{"$ref": "#/components/schemas/Thing"}
	tests := []struct {
		json  string
		valid bool
	}{
		{`{"id": 1, "kind": "a", "at": "2026-03-01T10:00:00Z", "tags": ["x"], "next": null}`, true},
		{`{"id": 1, "next": {"id": 2}}`, true},
		{`{"kind": "a"}`, false},
		{`{"id": 1.5}`, false},
		{`{"id": 0}`, false},
		{`{"id": 1, "kind": "c"}`, false},
		{`{"id": 1, "at": "yesterday"}`, false},
		{`{"id": 1, "tags": [1]}`, false},
		{`{"id": 1, "extra": true}`, false},
		{`{"id": 1, "next": {}}`, false},
		{`null`, false},
		{`[]`, false},
	}
	for _, tc := range tests {
		var value any
		if err := json.Unmarshal([]byte(tc.json), &value); err != nil {
			t.Fatal(err)
		}
		errs := v.validate(value, thing, "value")
		if (len(errs) == 0) != tc.valid {
			t.Errorf("validate(%s): %v, want valid=%v", tc.json, errs, tc.valid)
		}
	}
	if errs := v.validate("x", map[string]any{"type": "string", "pattern": "^x$"}, "value"); len(errs) == 0 {
		t.Error("a schema with an unknown keyword passed")
	}
}
