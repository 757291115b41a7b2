package standards

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/govshare/govshare/indexer/analysis/filetree"
	"github.com/govshare/govshare/registry"
)

// found is a detection as the table states it: name, body and status come
// from the register and are checked apart.
func found(id, version string, evidence ...registry.Evidence) registry.Standard {
	return registry.Standard{ID: id, Version: version, Evidence: evidence}
}

func ev(path string, line int, note string) registry.Evidence {
	return registry.Evidence{Path: path, Line: line, Note: note}
}

// file is evidence by file name alone.
func file(path string) registry.Evidence { return registry.Evidence{Path: path} }

func TestDetect(t *testing.T) {
	tests := []struct {
		fixture string
		want    []registry.Standard
	}{
		{"openapi", []registry.Standard{
			found("openapi", "3.0.3, 3.1.0",
				ev("api/openapi.yaml", 1, "openapi: 3.0.3"),
				ev("docs/api/spec.json", 2, "openapi: 3.1.0")),
		}},
		{"swagger", []registry.Standard{
			found("openapi", "3.0.1", ev("api/v3.yaml", 1, "openapi: 3.0.1")),
			found("swagger", "2.0",
				ev("api/v1.yaml", 2, "swagger: 2.0"),
				ev("swagger.json", 2, "swagger: 2.0")),
		}},
		{"asyncapi", []registry.Standard{
			found("asyncapi", "2.6.0, 3.0.0",
				ev("asyncapi.yaml", 1, "asyncapi: 2.6.0"),
				ev("events/asyncapi.json", 1, "asyncapi: 3.0.0")),
		}},
		{"json-schema", []registry.Standard{
			found("json-schema", "2020-12, draft-07",
				ev("schemas/latest.yaml", 1, "$schema: http://json-schema.org/schema#"),
				ev("schemas/order.json", 4, "$schema: https://json-schema.org/draft/2020-12/schema"),
				ev("schemas/person.schema.json", 2, "$schema: http://json-schema.org/draft-07/schema#")),
		}},
		{"geojson", []registry.Standard{
			found("geojson", "",
				file("data/districts.geojson"),
				ev("data/stops.json", 2, "type: FeatureCollection"),
				ev("data/town-hall.json", 1, "type: Feature")),
		}},
		{"ogc", []registry.Standard{
			found("ogc-api-features", "1.0",
				ev("api/conformance.yaml", 2, "- http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core")),
			found("ogc-csw", "2.0.2",
				ev("capabilities/csw.xml", 2, `<csw:Capabilities xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" version="2.0.2">`),
				ev("harvest/harvest.py", 4, `csw = CatalogueServiceWeb("https://catalogue.example.org/csw")`)),
			found("ogc-wcs", "2.0.1",
				ev("capabilities/wcs.xml", 2, `<wcs:Capabilities xmlns:wcs="http://www.opengis.net/wcs/2.0" version="2.0.1">`),
				ev("harvest/harvest.py", 5, `wcs = WebCoverageService("https://maps.example.org/wcs", version="2.0.1")`)),
			found("ogc-wfs", "2.0.0",
				ev("capabilities/wfs.xml", 2, `<wfs:WFS_Capabilities version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0">`),
				ev("mapserver/city.map", 5, `"wfs_enable_request" "*"`),
				ev("src/map.js", 4, `const features = 'https://maps.example.org/ows?SERVICE=WFS&REQUEST=GetFeature&typeName=parcels';`)),
			found("ogc-wms", "1.3.0",
				ev("capabilities/wms.xml", 2, `<WMS_Capabilities xmlns="http://www.opengis.net/wms"`),
				ev("mapserver/city.map", 4, `"wms_title" "City maps"`),
				ev("src/map.js", 3, `const layer = new TileWMS({url: 'https://maps.example.org/wms', params: {LAYERS: 'parcels'}});`)),
			found("ogc-wmts", "1.0.0",
				ev("capabilities/wmts.xml", 2, `<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" version="1.0.0">`),
				ev("src/tiles.ts", 1, `const source = new WMTS({layer: 'base', matrixSet: 'EPSG:3857'});`)),
		}},
		{"odf", []registry.Standard{
			found("odf", "", file("docs/budget.ods"), file("docs/guide.odt"), file("templates/Letter.OTT")),
		}},
		{"office", []registry.Standard{
			found("ms-office-binary", "", file("forms/Application.DOC"), file("slides/2009/kickoff.ppt")),
			found("ooxml", "", file("data/budget.xlsx"), file("docs/plan.docx")),
		}},
		{"pdf-a", []registry.Standard{
			found("pdf-a", "1, 2",
				ev("docs/annual-report.pdf", 0, "pdfaid:part 2"),
				ev("docs/decision.pdf", 0, "pdfaid:part 1")),
		}},
		{"openid-connect", []registry.Standard{
			found("openid-connect", "",
				ev("config/application.yml", 6, "jwk-set-uri: https://id.example.org/realms/city/protocol/openid-connect/certs"),
				ev("go.mod", 6, "github.com/coreos/go-oidc/v3 v3.9.0"),
				file("public/.well-known/openid-configuration"),
				ev("web/package.json", 5, `"oidc-client-ts": "^3.0.1"`)),
		}},
		{"oauth-2", []registry.Standard{
			found("oauth-2", "",
				ev("go.mod", 5, "require golang.org/x/oauth2 v0.21.0"),
				ev("src/main/resources/application.properties", 1, "spring.security.oauth2.client.registration.city.client-id=permits"),
				ev("src/token.py", 4, `return requests.post(URL, data={"grant_type": "client_credentials", "scope": "read"})`)),
		}},
		{"saml-2", []registry.Standard{
			found("saml-2", "2.0",
				ev("config/saml.php", 2, "return ['nameIdFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'];"),
				ev("metadata/idp.xml", 2, `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.org">`),
				ev("requirements.txt", 2, "python3-saml==1.16.0")),
		}},
		{"hl7-fhir", []registry.Standard{
			found("hl7-fhir", "4.0.1",
				ev("examples/observation.xml", 2, `<Observation xmlns="http://hl7.org/fhir">`),
				ev("examples/patient.json", 1, "resourceType: Patient"),
				ev("fhir/capability.json", 4, "fhirVersion: 4.0.1"),
				ev("ig/input/fsh/profiles.fsh", 2, "Profile: CityPatient"),
				ev("ig/sushi-config.yaml", 2, "fhirVersion: 4.0.1"),
				ev("server/pom.xml", 4, "<groupId>ca.uhn.hapi.fhir</groupId>")),
		}},
		{"dcat", []registry.Standard{
			found("dcat", "",
				ev("catalog/catalog.ttl", 1, "@prefix dcat: <http://www.w3.org/ns/dcat#> ."),
				ev("requirements.txt", 1, "ckanext-dcat==1.5.1")),
			found("dcat-ap", "2",
				ev("ckan/production.ini", 3, "ckanext.dcat.rdf.profiles = euro_dcat_ap_2"),
				ev("shapes/dcat-ap-shapes.ttl", 2, "@prefix dcatap: <http://data.europa.eu/r5r/> .")),
		}},
		{"csvw", []registry.Standard{
			found("csvw", "",
				ev("data/trees.csv-metadata.json", 2, `@context: ["http://www.w3.org/ns/csvw", {"@language": "en"}]`)),
		}},
		{"gtfs", []registry.Standard{
			found("gtfs", "",
				ev("feed/routes.txt", 1, "route_id,agency_id,route_short_name,route_type"),
				ev("feed/stop_times.txt", 1, "trip_id,arrival_time,departure_time,stop_id,stop_sequence"),
				ev("feed/stops.txt", 1, "stop_id,stop_name,stop_lat,stop_lon"),
				ev("feed/trips.txt", 1, "route_id,service_id,trip_id"),
				ev("package.json", 3, `"gtfs": "^4.5.0",`)),
			found("gtfs-realtime", "",
				ev("package.json", 4, `"gtfs-realtime-bindings": "^1.1.1"`),
				ev("proto/gtfs-realtime.proto", 2, "package transit_realtime;")),
		}},
		{"oscal", []registry.Standard{
			found("oscal", "1.0.4, 1.1.2",
				ev("oscal/catalog.json", 6, `"oscal-version": "1.1.2"`),
				ev("oscal/profile.xml", 5, "<oscal-version>1.1.2</oscal-version>"),
				ev("oscal/ssp.yaml", 5, "oscal-version: 1.0.4")),
		}},
		{"icalendar", []registry.Standard{
			found("icalendar", "2.0",
				ev("events/holidays.ics", 1, "BEGIN:VCALENDAR, VERSION:2.0"),
				ev("events/old.ics", 1, "BEGIN:VCALENDAR"),
				ev("internal/agenda/export.go", 3, `const header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"`)),
		}},
		{"accessibility", []registry.Standard{
			found("en-301-549", "3.2.1",
				ev("ACCESSIBILITY.md", 4, "at level AA, and the requirements of EN 301 549 V3.2.1.")),
			found("wcag", "2.1, 2.2",
				ev(".pa11yci", 2, `"defaults": {"standard": "WCAG2AA"},`),
				ev("ACCESSIBILITY.md", 3, "This service aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1"),
				ev("docs/toegankelijkheidsverklaring.md", 3, "De website voldoet aan WCAG 2.2 niveau AA.")),
		}},
		{"nothing", nil},
	}
	ignoreRegisterFields := cmpopts.IgnoreFields(registry.Standard{}, "Name", "Body", "Status")
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got, warnings := Detect(context.Background(), fixtureTree(t, tt.fixture))
			if diff := cmp.Diff(tt.want, got, ignoreRegisterFields); diff != "" {
				t.Errorf("Detect mismatch (-want +got):\n%s", diff)
			}
			if len(warnings) > 0 {
				t.Errorf("warnings: %q", warnings)
			}
		})
	}
}

// TestDetectFillsRegisterFields checks that a detection carries the
// register's name, body and status, proprietary formats included.
func TestDetectFillsRegisterFields(t *testing.T) {
	got, _ := Detect(context.Background(), fixtureTree(t, "office"))
	entries := map[string]Entry{}
	for _, e := range Register() {
		entries[e.ID] = e
	}
	for _, s := range got {
		e := entries[s.ID]
		want := registry.Standard{ID: e.ID, Name: e.Name, Body: e.Body, Status: registry.Proprietary, Evidence: s.Evidence}
		if diff := cmp.Diff(want, s); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", s.ID, diff)
		}
	}
	if len(got) != 2 {
		t.Errorf("got %d standards, want ooxml and ms-office-binary", len(got))
	}
}

func TestDetectCapsEvidence(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range MaxEvidence + 3 {
		fsys[fmt.Sprintf("docs/minutes-%02d.odt", i)] = &fstest.MapFile{Data: []byte("PK")}
	}
	tree, _, err := filetree.Walk(context.Background(), fsys, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := Detect(context.Background(), tree)
	if len(got) != 1 {
		t.Fatalf("got %d standards, want odf only", len(got))
	}
	evidence := got[0].Evidence
	if len(evidence) != MaxEvidence {
		t.Fatalf("got %d pieces of evidence, want %d", len(evidence), MaxEvidence)
	}
	want := ev("docs/minutes-09.odt", 0, "and 3 more files")
	if diff := cmp.Diff(want, evidence[MaxEvidence-1]); diff != "" {
		t.Errorf("last evidence mismatch (-want +got):\n%s", diff)
	}
}

// unreadableFS fails to open the files in broken, as a damaged object
// store does.
type unreadableFS struct {
	fstest.MapFS
	broken map[string]bool
}

func (u unreadableFS) Open(name string) (fs.File, error) {
	if u.broken[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("object missing")}
	}
	return u.MapFS.Open(name)
}

func TestDetectWarns(t *testing.T) {
	t.Run("unreadable file", func(t *testing.T) {
		fsys := unreadableFS{
			MapFS: fstest.MapFS{
				"api/openapi.yaml": {Data: []byte("openapi: 3.0.0\ninfo: {}\n")},
				"events/city.ics":  {Data: []byte("BEGIN:VCALENDAR\n")},
			},
			broken: map[string]bool{"api/openapi.yaml": true},
		}
		tree, _, err := filetree.Walk(context.Background(), fsys, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, warnings := Detect(context.Background(), tree)
		if len(got) != 1 || got[0].ID != "icalendar" {
			t.Errorf("Detect = %v, want icalendar only", got)
		}
		if diff := cmp.Diff([]string{"skipped api/openapi.yaml: object missing"}, warnings); diff != "" {
			t.Errorf("warnings mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("content budget", func(t *testing.T) {
		// Each PDF costs its whole head (256 KiB) of the budget.
		pdf := make([]byte, 256<<10)
		copy(pdf, "%PDF-1.7\n<pdfaid:part>2</pdfaid:part>\n")
		fsys := fstest.MapFS{}
		files := contentBudget/len(pdf) + 2
		for i := range files {
			fsys[fmt.Sprintf("archive/%04d.pdf", i)] = &fstest.MapFile{Data: pdf}
		}
		tree, _, err := filetree.Walk(context.Background(), fsys, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, warnings := Detect(context.Background(), tree)
		if len(got) != 1 || got[0].ID != "pdf-a" {
			t.Errorf("Detect = %v, want pdf-a", got)
		}
		want := []string{"standards: read 64 MiB of file contents, the limit; 2 more files were checked by name only"}
		if diff := cmp.Diff(want, warnings); diff != "" {
			t.Errorf("warnings mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestDetectCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tree := fixtureTree(t, "openapi")
	cancel()
	if got, _ := Detect(ctx, tree); got != nil {
		t.Errorf("Detect on a cancelled context = %v, want nothing", got)
	}
}

func TestRegister(t *testing.T) {
	entries := Register()
	ids := map[string]bool{}
	for _, e := range entries {
		ids[e.ID] = true
	}
	// The list of standards to cover.
	for _, id := range []string{
		"openapi", "swagger", "asyncapi", "json-schema", "geojson", "ogc-wms", "ogc-wfs",
		"ogc-wmts", "ogc-wcs", "ogc-csw", "ogc-api-features", "odf", "pdf-a", "openid-connect",
		"oauth-2", "saml-2", "hl7-fhir", "dcat", "dcat-ap", "gtfs", "gtfs-realtime", "oscal",
		"icalendar", "csvw", "wcag", "en-301-549", "ooxml", "ms-office-binary",
	} {
		if !ids[id] {
			t.Errorf("register lacks %s", id)
		}
	}
	entries[0].Versions = append(entries[0].Versions, "changed")
	entries[0].Name = "changed"
	if again := Register(); again[0].Name == "changed" || strings.Contains(strings.Join(again[0].Versions, ","), "changed") {
		t.Error("Register returns shared data: a caller's change shows in the next call")
	}
}
