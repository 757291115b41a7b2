package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestPubliccodeFieldLanguage(t *testing.T) {
	tests := []struct{ key, want string }{
		{"en", "en"},
		{"IT", "it"},
		{"pt-BR", "pt"},
		{"en_GB", "en"},
		{"nb", "nb"},
		{" de ", "de"},
		{"ca", otherLanguage}, // no Catalan stemmer in Bleve
		{"", otherLanguage},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := publiccodeFieldLanguage(tt.key); got != tt.want {
				t.Errorf("publiccodeFieldLanguage(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestPubliccodeTexts(t *testing.T) {
	tests := []struct {
		name string
		pc   *registry.Publiccode
		want map[string]string
	}{
		{"no publiccode.yml", nil, nil},
		{"no descriptions", &registry.Publiccode{Name: "x"}, nil},
		{
			"each language in its field, unknown ones together",
			&registry.Publiccode{Descriptions: map[string]registry.PubliccodeDescription{
				"it":    {LocalisedName: "Firma", ShortDescription: "Firma digitale.", Features: []string{"PAdES", "CAdES"}},
				"pt-BR": {ShortDescription: "Assinatura digital."},
				"ca":    {ShortDescription: "Signatura digital."},
				"eu":    {LongDescription: "Sinadura digitala."},
			}},
			map[string]string{
				"it":          "Firma\nFirma digitale.\nPAdES\nCAdES",
				"pt":          "Assinatura digital.",
				otherLanguage: "Signatura digital.\nSinadura digitala.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, publiccodeTexts(tt.pc)); diff != "" {
				t.Errorf("publiccodeTexts (-want +got):\n%s", diff)
			}
		})
	}
}
