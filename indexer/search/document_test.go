package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestLicenseIDs(t *testing.T) {
	tests := []struct {
		name       string
		expression string
		files      []registry.LicenseFile
		want       []string
	}{
		{"none at all", "", nil, []string{NoLicense}},
		{"one identifier", "EUPL-1.2", nil, []string{"EUPL-1.2"}},
		{"choice", "MIT OR Apache-2.0", nil, []string{"Apache-2.0", "MIT"}},
		{"nested, lower-case operators", "(MIT or BSD-3-Clause) and GPL-2.0-or-later", nil, []string{"BSD-3-Clause", "GPL-2.0-or-later", "MIT"}},
		{"exception is not a licence", "GPL-2.0-only WITH Classpath-exception-2.0", nil, []string{"GPL-2.0-only"}},
		{
			"files add their licences, once each",
			"MIT",
			[]registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE"}, {SPDX: "LicenseRef-scancode-custom", Path: "vendor.txt"}, {Path: "NOTICE"}},
			[]string{"LicenseRef-scancode-custom", "MIT"},
		},
		{"files only", "", []registry.LicenseFile{{SPDX: "CC0-1.0", Path: "LICENSE"}}, []string{"CC0-1.0"}},
		{
			"components' and headers' licences are not the project's",
			"MIT",
			[]registry.LicenseFile{{SPDX: "MIT", Path: "LICENSE", Scope: "project"}, {SPDX: "Apache-2.0", Path: "lib/x/LICENSE", Scope: "component"}, {SPDX: "BSD-3-Clause", Path: "a.go", Scope: "file"}},
			[]string{"MIT"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := licenseIDs(tt.expression, tt.files)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("licenseIDs(%q) (-want +got):\n%s", tt.expression, diff)
			}
		})
	}
}
