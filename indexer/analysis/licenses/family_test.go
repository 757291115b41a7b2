package licenses

import (
	"testing"

	"github.com/govshare/govshare/indexer/analysis/licenses/spdx"
)

func TestFamily(t *testing.T) {
	tests := []struct {
		expr string
		want string
	}{
		{"GPL-3.0", FamilyStrongCopyleft},
		{"GPL-3.0-or-later", FamilyStrongCopyleft},
		{"GPL-2.0+", FamilyStrongCopyleft},
		{"AGPL-3.0-only", FamilyStrongCopyleft},
		{"EUPL-1.1", FamilyStrongCopyleft},
		{"EUPL-1.2", FamilyStrongCopyleft},
		{"CECILL-2.1", FamilyStrongCopyleft},
		{"CC-BY-SA-4.0", FamilyStrongCopyleft},
		{"LGPL-2.1-only", FamilyWeakCopyleft},
		{"LGPL-3.0", FamilyWeakCopyleft},
		{"MPL-2.0", FamilyWeakCopyleft},
		{"EPL-2.0", FamilyWeakCopyleft},
		{"CECILL-C", FamilyWeakCopyleft},
		{"GPL-2.0-only WITH Classpath-exception-2.0", FamilyWeakCopyleft},
		{"GPL-2.0-with-classpath-exception", FamilyWeakCopyleft},
		{"MIT", FamilyPermissive},
		{"Apache-2.0", FamilyPermissive},
		{"BSD-2-Clause", FamilyPermissive},
		{"BSD-3-Clause", FamilyPermissive},
		{"ISC", FamilyPermissive},
		{"CECILL-B", FamilyPermissive},
		{"OGL-UK-3.0", FamilyPermissive},
		{"etalab-2.0", FamilyPermissive},
		{"CC-BY-4.0", FamilyPermissive},
		{"0BSD", FamilyPermissive},
		{"CC0-1.0", FamilyPublicDomain},
		{"Unlicense", FamilyPublicDomain},
		{"CC-BY-NC-4.0", FamilyProprietaryOrUnknown},
		{"CC-BY-NC-SA-4.0", FamilyProprietaryOrUnknown},
		{"BUSL-1.1", FamilyProprietaryOrUnknown},
		{Unknown, FamilyProprietaryOrUnknown},
		{"LicenseRef-govshare-modified-MIT", FamilyProprietaryOrUnknown},
		{"not-an-id", FamilyProprietaryOrUnknown},
		{"", FamilyProprietaryOrUnknown},
		{"MIT AND GPL-3.0-only", FamilyStrongCopyleft},
		{"MIT OR GPL-3.0-only", FamilyPermissive},
		{"CC-BY-4.0 AND (Apache-2.0 OR MIT)", FamilyPermissive},
		{"(EUPL-1.2 OR MPL-2.0) AND CC0-1.0", FamilyWeakCopyleft},
		{"MIT AND " + Unknown, FamilyProprietaryOrUnknown},
		{"MIT OR " + Unknown, FamilyPermissive},
		{"MIT AND", FamilyProprietaryOrUnknown},
		{"(MIT", FamilyProprietaryOrUnknown},
		{"MIT WITH", FamilyProprietaryOrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			if got := Family(tt.expr); got != tt.want {
				t.Errorf("Family(%q) = %q, want %q", tt.expr, got, tt.want)
			}
		})
	}
}

// TestFamilyTableIDs keeps the table in step with the embedded SPDX list:
// an id that is not on it would never be looked up.
func TestFamilyTableIDs(t *testing.T) {
	for id := range familyByID {
		if _, ok := spdx.Lookup(id); !ok {
			t.Errorf("familyByID has %q, which is not on SPDX License List %s", id, spdx.ListVersion)
		}
	}
}
