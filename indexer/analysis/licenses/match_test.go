package licenses

import (
	"strings"
	"testing"
)

func TestStatedLicence(t *testing.T) {
	tests := []struct {
		text   string
		want   string
		wantOK bool
	}{
		{"Licensed under the EUPL-1.2.", "EUPL-1.2", true},
		{"This project is released under the terms of the Apache-2.0 licence.", "Apache-2.0", true},
		{"Copyright 2024 City of Example\nSPDX-License-Identifier: MIT\n", "MIT", true},
		{"Distributed under the MIT license.", "MIT", true},
		{"Licensed under GPL-3.0+", "GPL-3.0-or-later", true},
		{"In licentie gegeven krachtens de EUPL-1.2", "EUPL-1.2", true},
		{"Publié sous licence CECILL-2.1.", "CECILL-2.1", true},
		{"Licensed under the same terms as Perl itself.", "", false},
		{"Licensed under GNU terms.", "", false},
		{"Licensed under the LicenseRef-city.", "", false},
		{"Licensed under the EUPL-1.2." + strings.Repeat(" More words here.", 30), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, _, ok := statedLicence(tt.text, words(tt.text))
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("statedLicence(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestLicenceVersionsOfTranslations(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"EUPL 1.2 in Dutch", "OPENBARE LICENTIE VAN DE EUROPESE UNIE v. 1.2\nEUPL © Europese Unie 2007, 2016\nDe EUPL is ...", "EUPL-1.2"},
		{"EUPL 1.2 in French", "LICENCE PUBLIQUE DE L'UNION EUROPÉENNE v. 1.2\nEUPL © Union européenne 2007, 2016\n", "EUPL-1.2"},
		{"EUPL 1.1 in German", "Open-Source-Lizenz für die Europäische Union\n\nV.1.1\n\nEUPL © Europäische Gemeinschaft 2007\n", "EUPL-1.1"},
		{"EUPL 1.2 in Polish", "LICENCJA PUBLICZNA UNII EUROPEJSKIEJ wersja 1.2\nEUPL © Unia Europejska 2007, 2016\n", "EUPL-1.2"},
		{"EUPL by its years only", "EUPL © Unión Europea 2007, 2016\nLa EUPL se aplica ...", "EUPL-1.2"},
		{"one mention of the EUPL", "Compatible with the EUPL.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := euplVersion(tt.text); got != tt.want {
				t.Errorf("euplVersion = %q, want %q", got, tt.want)
			}
		})
	}
	cecill := []struct{ text, want string }{
		{"CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL\n\nVersion 2.1 du 2013-06-21\n", "CECILL-2.1"},
		{"CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL\n\nVersion 2.0 du 2006-09-05\n", "CECILL-2.0"},
		{"CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL-B\n\nVersion 1.0 du 2006-09-05\n", "CECILL-B"},
		{"CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL-C\n\nVersion 1.0 du 2006-09-05\n", "CECILL-C"},
		{"CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL\n\nVersion 3.0 du 2030-01-01\n", ""},
	}
	for _, tt := range cecill {
		if got := cecillVersion(tt.text); got != tt.want {
			t.Errorf("cecillVersion(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"The above copyright notice and this permission notice shall be included in all copies of the Software.", "en"},
		{"L'avis de droit d'auteur ci-dessus et le présent avis d'autorisation doivent être inclus dans toutes les copies du Logiciel.", "fr"},
		{"Het werk wordt verstrekt onder de voorwaarden van deze licentie en is voor iedereen beschikbaar.", "nl"},
		{"Das Werk darf nur in der durch diese Lizenz gestatteten Form genutzt werden und ist frei.", "de"},
		{"MIT", ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := language(words(tt.text)); got != tt.want {
				t.Errorf("language(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestScanTextNoticeList(t *testing.T) {
	text := "# Third-party licences\n\n## left-pad\n\n" + licenseText(t, "MIT")
	m := scanText([]byte(text))
	if m.thirdParty == "" || len(m.ids) != 0 {
		t.Errorf("scanText = %+v, want a third-party notice", m)
	}
}

func TestScanTextMentionOfThirdPartyCodeOnTop(t *testing.T) {
	text := "Copyright 2024 City of Example\nThis project includes third-party components, see NOTICE.\n\n" + licenseText(t, "MIT")
	m := scanText([]byte(text))
	if m.thirdParty != "" || len(m.ids) != 1 || m.ids[0] != "MIT" {
		t.Errorf("scanText = %+v, want MIT", m)
	}
}
