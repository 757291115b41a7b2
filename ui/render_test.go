package ui

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestParsePagesFindsEveryPage(t *testing.T) {
	static, err := loadStatic(staticFiles)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := parsePages(templateFiles, static)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for name := range pages {
		got = append(got, name)
	}
	slices.Sort(got)
	// The layout is no page; every other template is.
	for _, want := range []string{"error", "participant", "project", "search", "signin", "status"} {
		if !slices.Contains(got, want) {
			t.Errorf("page %q not parsed; got %v", want, got)
		}
	}
	if slices.Contains(got, "layout") {
		t.Error("the layout is parsed as a page")
	}
}

func TestTagClass(t *testing.T) {
	tests := []struct {
		status string
		want   string
	}{
		{registry.CheckPass, "govuk-tag govuk-tag--green"},
		{registry.SourceOK, "govuk-tag govuk-tag--green"},
		{registry.CheckWarn, "govuk-tag govuk-tag--yellow"},
		{"stale", "govuk-tag govuk-tag--yellow"},
		{registry.CheckFail, "govuk-tag govuk-tag--red"},
		{registry.AgreementMismatch, "govuk-tag govuk-tag--red"},
		{registry.StateArchived, "govuk-tag govuk-tag--grey"},
		{"something new", "govuk-tag govuk-tag--grey"},
	}
	for _, tc := range tests {
		t.Run(tc.status, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tagClass(tc.status)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLanguageAttributes(t *testing.T) {
	tests := []struct {
		code     string
		wantTag  string
		wantName string
	}{
		{"en", "en", "English"},
		{"it", "it", "Italian"},
		{"pt-BR", "pt-BR", "Brazilian Portuguese"},
		{"de_DE", "de-DE", "German"},
		{"not a language!", "", "not a language!"},
		{"", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			got := []string{langTag(tc.code), langName(tc.code)}
			if diff := cmp.Diff([]string{tc.wantTag, tc.wantName}, got); diff != "" {
				t.Errorf("tag and name (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDescriptionLang(t *testing.T) {
	described := func(desc string, descs map[string]registry.PubliccodeDescription) *registry.Project {
		return &registry.Project{Record: registry.Record{Description: desc, Publiccode: &registry.Publiccode{Descriptions: descs}}}
	}
	tests := []struct {
		name    string
		project *registry.Project
		want    string
	}{
		{"from the Italian block", described("Gestione dei tributi", map[string]registry.PubliccodeDescription{
			"en": {ShortDescription: "Tax management"},
			"it": {ShortDescription: "Gestione dei tributi"},
		}), "it"},
		{"from the README, not publiccode.yml", described("A tax calculator", map[string]registry.PubliccodeDescription{
			"it": {ShortDescription: "Gestione dei tributi"},
		}), ""},
		{"no publiccode.yml", &registry.Project{Record: registry.Record{Description: "A tax calculator"}}, ""},
		{"no project", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, descriptionLang(tc.project)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
