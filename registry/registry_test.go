package registry_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/govshare/govshare/registry"
)

func TestProjectID(t *testing.T) {
	tests := []struct{ url, prefix string }{
		{"https://github.com/alphagov/govuk-frontend", "govuk-frontend-"},
		{"https://github.com/alphagov/govuk-frontend.git", "govuk-frontend-"},
		{"https://gitlab.com/group/Sub_Group/My.Project/", "my-project-"},
		{"git@github.com:open-eid/DigiDoc4-Client.git", "digidoc4-client-"},
		{"/srv/mirrors/some-repo.git", "some-repo-"},
		{"file:///srv/mirrors/x", "x-"},
		{"https://example.org/", "example-org-"},
		{"https://example.org/%%%", "repo-"},
	}
	seen := map[string]string{}
	for _, tc := range tests {
		got := registry.ProjectID(tc.url)
		if !strings.HasPrefix(got, tc.prefix) || len(got) != len(tc.prefix)+8 {
			t.Errorf("ProjectID(%q) = %q, want %s + 8 hex digits", tc.url, got, tc.prefix)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("ProjectID(%q) = ProjectID(%q) = %q", tc.url, other, got)
		}
		seen[got] = tc.url
		if again := registry.ProjectID(tc.url); again != got {
			t.Errorf("ProjectID(%q) is not stable: %q then %q", tc.url, got, again)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	notFound := registry.Errorf(registry.ENOTFOUND, "project %q not found", "x")
	tests := []struct {
		err         error
		code, words string
	}{
		{nil, "", ""},
		{notFound, registry.ENOTFOUND, `project "x" not found`},
		{fmt.Errorf("load: %w", notFound), registry.ENOTFOUND, `project "x" not found`},
		{errors.New("disk on fire at /var/lib"), registry.EINTERNAL, "Internal error."},
	}
	for _, tc := range tests {
		if got := registry.ErrorCode(tc.err); got != tc.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tc.err, got, tc.code)
		}
		if got := registry.ErrorMessage(tc.err); got != tc.words {
			t.Errorf("ErrorMessage(%v) = %q, want %q", tc.err, got, tc.words)
		}
	}
}

func TestNormalizeFillsSlices(t *testing.T) {
	r := registry.Record{Publiccode: &registry.Publiccode{}}
	r.Normalize()
	if r.Licenses == nil || r.Languages == nil || r.Standards == nil || r.Checks == nil || r.Warnings == nil ||
		r.Publiccode.Errors == nil || r.Publiccode.Warnings == nil {
		t.Errorf("Normalize left a nil slice: %+v", r)
	}
}

func TestTokenSecrets(t *testing.T) {
	a, hashA, err := registry.NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := registry.NewTokenSecret()
	if a == b || !strings.HasPrefix(a, registry.TokenPrefix) || len(a) < 40 {
		t.Errorf("secrets %q and %q", a, b)
	}
	if string(registry.HashToken(a)) != string(hashA) || string(registry.HashToken(b)) == string(hashA) {
		t.Error("HashToken does not give the hash NewTokenSecret returned")
	}
	p := registry.Principal{ParticipantID: "gb-gds", TokenName: "ci"}
	if !p.CanManage("gb-gds") || p.CanManage("ee-ria") || p.Operator() || p.Actor() != "gb-gds:ci" {
		t.Errorf("participant principal: %+v", p)
	}
	op := registry.Principal{TokenName: "ops"}
	if !op.CanManage("ee-ria") || op.Actor() != "operator:ops" {
		t.Errorf("operator principal: %+v", op)
	}
}
