package checks

import (
	"testing"
)

func TestReadDeclared(t *testing.T) {
	tests := []struct {
		value, spdx string
		want        string
		wantKind    declaredKind
	}{
		{"MIT", "MIT", "MIT", declaredExpression},
		{"whatever the manifest wrote", "Apache-2.0", "Apache-2.0", declaredExpression},
		{"apache-2.0 or mit", "", "Apache-2.0 OR MIT", declaredExpression},
		{"Apache 2.0", "", "Apache-2.0", declaredExpression},
		{"Apache License, Version 2.0", "", "Apache-2.0", declaredExpression},
		{"Apache-2", "", "Apache-2.0", declaredExpression},
		{"Apache License", "", "", declaredUnreadable},
		{"The MIT License (MIT)", "", "MIT", declaredExpression},
		{"BSD 3-Clause License", "", "BSD-3-Clause", declaredExpression},
		{"New BSD", "", "BSD-3-Clause", declaredExpression},
		{"Simplified BSD", "", "BSD-2-Clause", declaredExpression},
		{"GNU General Public License v3.0", "", "GPL-3.0", declaredExpression},
		{"GNU General Public License, version 3 or later", "", "GPL-3.0-or-later", declaredExpression},
		{"GNU GPL v2 or any later version", "", "GPL-2.0-or-later", declaredExpression},
		{"GPLv3+", "", "GPL-3.0-or-later", declaredExpression},
		{"GPLv3 only", "", "GPL-3.0-only", declaredExpression},
		{"GNU Affero General Public License v3.0", "", "AGPL-3.0", declaredExpression},
		{"GNU Lesser General Public License v2.1", "", "LGPL-2.1", declaredExpression},
		{"LGPLv3", "", "LGPL-3.0", declaredExpression},
		{"EUPL 1.2", "", "EUPL-1.2", declaredExpression},
		{"EUPLv1.2", "", "EUPL-1.2", declaredExpression},
		{"European Union Public Licence v. 1.1", "", "EUPL-1.1", declaredExpression},
		{"Mozilla Public License 2.0", "", "MPL-2.0", declaredExpression},
		{"CC0 1.0 Universal", "", "CC0-1.0", declaredExpression},
		{"CC0", "", "CC0-1.0", declaredExpression},
		{"Creative Commons Attribution 4.0 International", "", "CC-BY-4.0", declaredExpression},
		{"Open Government Licence v3.0", "", "OGL-UK-3.0", declaredExpression},
		{"Licence Ouverte 2.0", "", "etalab-2.0", declaredExpression},
		{"CeCILL 2.1", "", "CECILL-2.1", declaredExpression},
		{"0BSD", "", "0BSD", declaredExpression},
		{"UNLICENSED", "", declaredUnlicensed, declaredExpression},
		{"NONE", "", declaredNone, declaredExpression},
		{"NOASSERTION", "", "", declaredNoAssertion},
		{"  ", "", "", declaredNoAssertion},
		{"SEE LICENSE IN LICENSE.md", "", "LICENSE.md", declaredSeeFile},
		{"proprietary", "", "", declaredUnreadable},
		{"MIT/Apache-2.0", "", "MIT OR Apache-2.0", declaredExpression},
		{"MIT or Apache License 2.0", "", "MIT OR Apache-2.0", declaredExpression},
		{"EUPL 1.2 and CC BY 4.0", "", "EUPL-1.2 AND CC-BY-4.0", declaredExpression},
		{"MIT or something else", "", "", declaredUnreadable},
		{"GNU GPL v2 or later", "", "GPL-2.0-or-later", declaredExpression},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			got, kind := readDeclared(tt.value, tt.spdx)
			if got != tt.want || kind != tt.wantKind {
				t.Errorf("readDeclared(%q, %q) = %q, %d; want %q, %d (key %q)",
					tt.value, tt.spdx, got, kind, tt.want, tt.wantKind, licenceNameKey(tt.value))
			}
		})
	}
}
