package licenses

import "testing"

func TestClassifyName(t *testing.T) {
	tests := []struct {
		name string
		want candidateKind
	}{
		{"LICENSE", licenseFile},
		{"license", licenseFile},
		{"LICENCE", licenseFile},
		{"License.md", licenseFile},
		{"LICENSE.txt", licenseFile},
		{"LICENSE.rst", licenseFile},
		{"LICENSE.markdown", licenseFile},
		{"COPYING", licenseFile},
		{"COPYING.LESSER", licenseFile},
		{"UNLICENSE", licenseFile},
		{"MIT-LICENSE", licenseFile},
		{"MIT_LICENSE.txt", licenseFile},
		{"LICENSE-MIT", licenseFile},
		{"LICENSE-APACHE", licenseFile},
		{"LICENSE-APACHE-2.0.txt", licenseFile},
		{"LICENSE.AGPL.txt", licenseFile},
		{"LICENSE.LGPL", licenseFile},
		{"LICENSE.docs", licenseFile},
		{"COPYRIGHT", copyrightFile},
		{"COPYRIGHT.txt", copyrightFile},
		{"LICENSE-3RD-PARTY.txt", noticeFile},
		{"LICENSE.third-party", noticeFile},
		{"THIRD-PARTY-NOTICES.txt", noticeFile},
		{"NOTICE", noticeFile},
		{"NOTICE.md", noticeFile},
		{"third_party_licenses.md", noticeFile},
		{"ThirdPartyNotices.txt", noticeFile},
		{"ACKNOWLEDGEMENTS", notCandidate},
		{"LICENSE.dependencies", noticeFile},
		{"notice.go", notCandidate},
		{"licenses", notCandidate},
		{"license.go", notCandidate},
		{"license_test.py", notCandidate},
		{"license-checker.js", notCandidate},
		{"LICENSE.html", notCandidate},
		{"copyright.json", notCandidate},
		{"README.md", notCandidate},
		{".md", notCandidate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classifyName(tt.name); got != tt.want {
				t.Errorf("classifyName(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestInExcludedDir(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"LICENSE", false},
		{"api/LICENSE", false},
		{"vendor/github.com/x/LICENSE", true},
		{"web/node_modules/react/LICENSE", true},
		{"third_party/zlib/LICENSE", true},
		{"Third-Party/zlib/LICENSE", true},
		{"external/lib/LICENSE", true},
		{"pkg/testdata/LICENSE", true},
		{".github/LICENSE", true},
		{"licenses/LICENSE-slf4j.txt", true},
		{"web/Licences/MIT.txt", true},
		{"LICENSES/MIT.txt", false},
		{"deps/zlib/LICENSE", true},
		{"src/vendors.go", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := inExcludedDir(tt.path); got != tt.want {
				t.Errorf("inExcludedDir(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestHeaderExpression(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		want   string
		wantOK bool
	}{
		{"line comment", "// SPDX-License-Identifier: MIT\npackage x\n", "MIT", true},
		{"block comment", "/* SPDX-License-Identifier: Apache-2.0 */\n", "Apache-2.0", true},
		{"html comment", "<!-- SPDX-License-Identifier: EUPL-1.2 -->\n", "EUPL-1.2", true},
		{"expression", "# SPDX-License-Identifier: GPL-2.0-or-later OR MIT\n", "GPL-2.0-or-later OR MIT", true},
		{"lower case id", "-- SPDX-License-Identifier: apache-2.0\r\n", "Apache-2.0", true},
		{"with exception", "// SPDX-License-Identifier: GPL-2.0-only WITH Classpath-exception-2.0\n", "GPL-2.0-only WITH Classpath-exception-2.0", true},
		{"placeholder", "// SPDX-License-Identifier: $LICENSE\n", "", false},
		{"empty", "// SPDX-License-Identifier:\n", "", false},
		{"none", "package x\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := headerExpression([]byte(tt.head))
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("headerExpression(%q) = %q, %v; want %q, %v", tt.head, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
