package standards

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPatternNeedles(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`/\.well-known/openid-configuration\b`, []string{"/.well-known/openid-configuration"}},
		{`(?i)grant_type["']?\s*[:=]`, []string{"grant_type"}},
		{`\bWebCoverageService\s*\(`, []string{"webcoverageservice"}},
		// On a tie the later literal: the name after the keyword.
		{`\bnew\s+(?:ol\.format\.)?WFS\s*\(`, []string{"wfs"}},
		{`TileWMS|ImageWMS|WebMapService`, []string{"tilewms", "imagewms", "webmapservice"}},
		{`(?m)^BEGIN:VCALENDAR(?:\r?\n)+`, []string{"begin:vcalendar"}},
		// Too short, optional, or not a literal: no prefilter.
		{`<(?:\w+:)?x`, nil},
		{`(?:abcdef)?x`, nil},
		{`[a-z]+`, nil},
		{`abc|\d+`, nil},
		{`(?i)straße`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			p, err := compilePattern(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			got := p.needles
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("needles mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPatternPrefilterIsSound checks, for every pattern of the register,
// that the prefilter never rejects a text the pattern matches.
func TestPatternPrefilterIsSound(t *testing.T) {
	reg, err := embeddedRegister()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"SERVICE=WMS&REQUEST=GetMap", "?service=wms&request=getcapabilities", "grant_type=client_credentials",
		"BEGIN:VCALENDAR", "new TileWMS(", "WCAG 2.1 AA", "EN 301 549 V3.2.1", "urn:oasis:names:tc:SAML:2.0:x",
		`"openid-client": "1"`, "oic==1", "<pdfaid:part>2</pdfaid:part>", `"oscal-version": "1.1.2"`,
		"package transit_realtime;", "euro_dcat_ap_3", "http://data.europa.eu/r5r/",
	}
	for _, l := range reg.leaves {
		patterns := slices.Clone(l.content)
		if l.dependencies != nil {
			patterns = append(patterns, l.dependencies.inJSON, l.dependencies.inText)
		}
		for _, p := range patterns {
			for _, text := range texts {
				if p.re.MatchString(text) && !p.mayMatch(reg.needles.scan([]byte(text), nil)) {
					t.Errorf("%s matches %q but its prefilter rejects it", p.re, text)
				}
			}
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	got := []string{"3.10.0", "3.1.0", "3.0.3", "draft-07", "2020-12", "2.0", "draft-04"}
	slices.SortFunc(got, naturalCompare)
	want := []string{"2.0", "3.0.3", "3.1.0", "3.10.0", "2020-12", "draft-04", "draft-07"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order mismatch (-want +got):\n%s", diff)
	}
}
