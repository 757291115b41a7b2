package checks

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/govshare/govshare/registry"
)

func TestDefaultPolicyMatchesItsFile(t *testing.T) {
	fromFile, err := ParsePolicy("default-policy.yaml", DefaultPolicyYAML())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultPolicy(), fromFile); diff != "" {
		t.Errorf("DefaultPolicy and default-policy.yaml differ (-code +file):\n%s", diff)
	}
	for _, id := range checkIDs() {
		if _, ok := fromFile.Rules[id]; !ok {
			t.Errorf("default-policy.yaml does not name %s", id)
		}
	}
	want := []string{LicencePresent, LicenceOSIApproved, LicenceConsistent, MetadataValid, ReadmePresent}
	if diff := cmp.Diff(want, DefaultPolicy().Required()); diff != "" {
		t.Errorf("required checks (-want +got):\n%s", diff)
	}
	b := DefaultPolicyYAML()
	b[0] = 'X'
	if DefaultPolicyYAML()[0] == 'X' {
		t.Error("DefaultPolicyYAML returns the embedded bytes themselves")
	}
}

func TestLoadPolicy(t *testing.T) {
	p, err := LoadPolicy(filepath.Join("testdata", "policies", "strict.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := &Policy{Rules: map[string]Rule{
		LicencePresent:     {Required: true},
		LicenceConsistent:  {Required: true, TreatWarnAs: TreatWarnAsFail},
		SecurityPolicy:     {Required: true},
		MaintainedRecently: {Required: true, TreatWarnAs: TreatWarnAsFail},
		CodeOfConduct:      {TreatWarnAs: TreatWarnAsPass},
	}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLoadPolicyErrors(t *testing.T) {
	dir := filepath.Join("testdata", "policies")
	tests := []struct {
		file string
		want []string // the lines of the error, each with file:line:column
	}{
		{"unknown-check.yaml", []string{
			dir + "/unknown-check.yaml:5:3: unknown check \"licence-foo\" (known checks: " + strings.Join(checkIDs(), ", ") + ")",
		}},
		{"bad-values.yaml", []string{
			dir + "/bad-values.yaml:1:10: version must be 1, not \"2\"",
			dir + "/bad-values.yaml:4:15: readme-present: required must be true or false, not \"yes\"",
			dir + "/bad-values.yaml:7:20: documentation: treat_warn_as must be fail or pass, not \"error\"",
			dir + "/bad-values.yaml:9:5: security-policy: unknown key \"requried\" (a check has required and treat_warn_as)",
			dir + "/bad-values.yaml:10:20: licence-present must be a mapping",
			dir + "/bad-values.yaml:11:3: \"readme-present\" is given twice",
			dir + "/bad-values.yaml:13:1: unknown key \"owner\" (a policy has version and checks)",
		}},
		{"syntax.yaml", []string{
			"parse policy " + dir + "/syntax.yaml: yaml: line 4: found character that cannot start any token",
		}},
		{"empty.yaml", []string{"parse policy " + dir + "/empty.yaml: the file is empty"}},
		{"no-checks.yaml", []string{dir + "/no-checks.yaml:1:1: no checks: list the checks under \"checks:\""}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := LoadPolicy(filepath.ToSlash(filepath.Join(dir, tt.file)))
			if err == nil {
				t.Fatal("no error")
			}
			if diff := cmp.Diff(tt.want, strings.Split(err.Error(), "\n")); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		_, err := LoadPolicy(filepath.Join(dir, "nope.yaml"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %v, want one wrapping fs.ErrNotExist", err)
		}
	})
	t.Run("checks with nothing under it", func(t *testing.T) {
		p, err := LoadPolicy(filepath.Join(dir, "checks-null.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Required()) != 0 {
			t.Errorf("required %v, want none", p.Required())
		}
	})
}

func check(id, status string) registry.Check {
	return registry.Check{ID: id, Status: status}
}

func TestFailures(t *testing.T) {
	strict, err := LoadPolicy(filepath.Join("testdata", "policies", "strict.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		policy *Policy
		checks []registry.Check
		want   []string
	}{
		{"all pass", DefaultPolicy(), []registry.Check{
			check(LicencePresent, "pass"), check(LicenceOSIApproved, "pass"), check(ReadmePresent, "pass"),
		}, nil},
		{"a required check fails", DefaultPolicy(), []registry.Check{
			check(LicencePresent, "pass"), check(LicenceConsistent, "fail"), check(ReadmePresent, "fail"),
		}, []string{LicenceConsistent, ReadmePresent}},
		{"a check that is not required fails", DefaultPolicy(), []registry.Check{
			check(LicencePresent, "pass"), check(MaintainedRecently, "fail"), check(SecurityPolicy, "fail"),
		}, nil},
		{"a warning is no failure by default", DefaultPolicy(), []registry.Check{
			check(LicenceOSIApproved, "warn"), check(LicenceConsistent, "warn"),
		}, nil},
		{"absent required checks do not apply", DefaultPolicy(), []registry.Check{
			check(LicencePresent, "pass"),
		}, nil},
		{"an unknown status fails closed", DefaultPolicy(), []registry.Check{
			check(LicencePresent, "maybe"),
		}, []string{LicencePresent}},
		{"treat_warn_as fail", strict, []registry.Check{
			check(LicenceConsistent, "warn"), check(MaintainedRecently, "warn"), check(SecurityPolicy, "warn"), check(LicenceOSIApproved, "fail"),
		}, []string{LicenceConsistent, MaintainedRecently}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range tt.policy.Failures(tt.checks) {
				got = append(got, c.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestOutcome(t *testing.T) {
	strict, err := LoadPolicy(filepath.Join("testdata", "policies", "strict.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, status, want string
	}{
		{LicenceConsistent, "warn", "fail"},
		{CodeOfConduct, "warn", "pass"},
		{SecurityPolicy, "warn", "warn"},
		{SecurityPolicy, "pass", "pass"},
		{CodeOfConduct, "fail", "fail"},
		{ReadmePresent, "", "fail"},
	}
	for _, tt := range tests {
		if got := strict.Outcome(check(tt.id, tt.status)); got != tt.want {
			t.Errorf("Outcome(%s %q) = %q, want %q", tt.id, tt.status, got, tt.want)
		}
	}
}

// TestDefaultPolicyOnEvaluate runs the default policy on a real evaluation:
// the BSD-3-Clause-Clear mismatch is the one required failure.
func TestDefaultPolicyOnEvaluate(t *testing.T) {
	rec := withLicences("BSD-3-Clause", lf("BSD-3-Clause", "LICENSE", "project"))
	rec.DeclaredLicenses = []registry.DeclaredLicense{declared("publiccode.yml", "legal.license", "BSD-3-Clause-Clear", "BSD-3-Clause-Clear")}
	rec.Publiccode = &registry.Publiccode{Path: "publiccode.yml", Valid: true, License: "BSD-3-Clause-Clear"}
	rec.CommittedAt = now.AddDate(-5, 0, 0)
	checks := Evaluate(rec, treeOf(t, map[string]string{"LICENSE": "x", "README.md": "x", "publiccode.yml": "x"}), now)
	var got []string
	for _, c := range DefaultPolicy().Failures(checks) {
		got = append(got, c.ID)
	}
	if diff := cmp.Diff([]string{LicenceConsistent}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
