package manifests

import "testing"

func TestNormalizeLicense(t *testing.T) {
	tests := []struct {
		declared, want string
	}{
		// SPDX already, normalised.
		{"MIT", "MIT"},
		{"mit", "MIT"},
		{"apache-2.0 OR mit", "Apache-2.0 OR MIT"},
		{"(MIT AND ISC)", "MIT AND ISC"},
		{"BSD-3-Clause-Clear", "BSD-3-Clause-Clear"},
		{"LicenseRef-Gemeente", "LicenseRef-Gemeente"},
		// Names.
		{"The Apache Software License, Version 2.0", "Apache-2.0"},
		{"Apache License, Version 2.0", "Apache-2.0"},
		{"Apache 2.0", "Apache-2.0"},
		{"ASL 2.0", "Apache-2.0"},
		{"The MIT License (MIT)", "MIT"},
		{"MIT License", "MIT"},
		{"BSD 3-Clause License", "BSD-3-Clause"},
		{"New BSD License", "BSD-3-Clause"},
		{"The Clear BSD License", "BSD-3-Clause-Clear"},
		{"Simplified BSD", "BSD-2-Clause"},
		{"GNU General Public License v3.0", "GPL-3.0"},
		{"GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"},
		{"GNU General Public License, version 2 or any later version", "GPL-2.0-or-later"},
		{"GNU GPL v2 only", "GPL-2.0-only"},
		{"GPLv3+", "GPL-3.0-or-later"},
		{"GNU Lesser General Public License v2.1", "LGPL-2.1"},
		{"GNU Affero General Public License v3", "AGPL-3.0"},
		{"European Union Public Licence v1.2", "EUPL-1.2"},
		{"European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2"},
		{"EUPL v1.1", "EUPL-1.1"},
		{"Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"},
		{"Eclipse Public License - v 2.0", "EPL-2.0"},
		{"Open Government Licence v3.0", "OGL-UK-3.0"},
		{"Licence Ouverte / Open Licence version 2.0", "etalab-2.0"},
		{"CeCILL 2.1", "CECILL-2.1"},
		{"CC0 1.0 Universal", "CC0-1.0"},
		{"CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"},
		{"Creative Commons Attribution 4.0 International", "CC-BY-4.0"},
		{"CC BY-SA 4.0", "CC-BY-SA-4.0"},
		{"ISC License (ISCL)", "ISC"},
		{"The Unlicense", "Unlicense"},
		{"Boost Software License 1.0", "BSL-1.0"},
		{"Apache 2.0 OR MIT", "Apache-2.0 OR MIT"},
		{"EUPL v1.2 AND CC BY 4.0", "EUPL-1.2 AND CC-BY-4.0"},
		// URLs.
		{"https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"},
		{"http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"},
		{"https://opensource.org/licenses/MIT", "MIT"},
		{"http://www.opensource.org/licenses/mit-license.php", "MIT"},
		{"https://opensource.org/license/bsd-3-clause/", "BSD-3-Clause"},
		{"https://spdx.org/licenses/EUPL-1.2.html", "EUPL-1.2"},
		{"https://choosealicense.com/licenses/mpl-2.0/", "MPL-2.0"},
		{"https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0"},
		{"https://www.gnu.org/licenses/old-licenses/lgpl-2.1.en.html", "LGPL-2.1"},
		{"https://www.gnu.org/licenses/agpl-3.0.txt", "AGPL-3.0"},
		{"https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12", "EUPL-1.2"},
		{"https://eupl.eu/1.2/nl/", "EUPL-1.2"},
		{"https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"},
		{"https://mozilla.org/MPL/2.0/", "MPL-2.0"},
		{"https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"},
		{"https://creativecommons.org/licenses/by-sa/4.0/legalcode", "CC-BY-SA-4.0"},
		{"https://www.eclipse.org/legal/epl-2.0/", "EPL-2.0"},
		{"http://www.eclipse.org/legal/epl-v10.html", "EPL-1.0"},
		{"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "OGL-UK-3.0"},
		{"https://www.etalab.gouv.fr/licence-ouverte-open-licence/", "etalab-2.0"},
		{"http://www.cecill.info/licences/Licence_CeCILL_V2.1-en.html", "CECILL-2.1"},
		{"https://cecill.info/licences/Licence_CeCILL-B_V1-fr.html", "CECILL-B"},
		{"https://licenses.nuget.org/(MIT%20OR%20Apache-2.0)", "MIT OR Apache-2.0"},
		// Not licences SPDX knows.
		{"", ""},
		{"UNLICENSED", ""},
		{"SEE LICENSE IN LICENSE.txt", ""},
		{"Proprietary", ""},
		{"BSD", ""},
		{"Apache Software License", ""},
		{"GNU General Public License", ""},
		{"MPL 2.0 or later", ""},
		{"https://github.com/city/forms/blob/main/LICENSE", ""},
		{"$(LicenseExpression)", ""},
		{"Apache 2.0 OR something else", ""},
	}
	for _, tt := range tests {
		t.Run(tt.declared, func(t *testing.T) {
			if got := NormalizeLicense(tt.declared); got != tt.want {
				t.Errorf("NormalizeLicense(%q) = %q, want %q", tt.declared, got, tt.want)
			}
		})
	}
}

func TestRLicenseSPDX(t *testing.T) {
	tests := []struct {
		spec, want string
	}{
		{"GPL-3", "GPL-3.0-only"},
		{"GPL-2 | GPL-3", "GPL-2.0-only OR GPL-3.0-only"},
		{"GPL (>= 2)", "GPL-2.0-or-later"},
		{"LGPL (>= 2.1)", "LGPL-2.1-or-later"},
		{"AGPL-3", "AGPL-3.0-only"},
		{"MIT + file LICENSE", "MIT"},
		{"EUPL-1.2", "EUPL-1.2"},
		{"Apache License 2.0", "Apache-2.0"},
		{"GPL", ""},
		{"GPL-2 | file LICENSE", ""},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			if got := rLicenseSPDX(tt.spec); got != tt.want {
				t.Errorf("rLicenseSPDX(%q) = %q, want %q", tt.spec, got, tt.want)
			}
		})
	}
}
