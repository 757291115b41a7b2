package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/govshare/govshare/indexer"
	"github.com/govshare/govshare/indexer/analysis/checks"
	"github.com/govshare/govshare/registry"
)

func (a *app) inspect(ctx context.Context, args []string) error {
	var s settings
	fs := a.newFlagSet("inspect", "[--json] TARGET",
		"Analyse one repository and print its record, without any store or index: the same\n"+
			"analysers a crawl runs. TARGET is a local path to a git repository (bare or not) or a\n"+
			"git URL (https, ssh, file://). A local directory that is not a repository is analysed\n"+
			"as it is on disk.", &s)
	asJSON := fs.Bool("json", false, "print the record as JSON")
	check := fs.Bool("check", false, "judge the checks by a policy: exit 1 when a required check fails")
	policyFile := fs.String("policy", "", "the policy for --check (YAML; default: the built-in policy, see docs/checks.md)")
	if err := a.parse(fs, &s, args, 1); err != nil {
		return err
	}
	if *policyFile != "" && !*check {
		return usageError{errors.New("--policy goes with --check")}
	}
	policy := checks.DefaultPolicy()
	if *policyFile != "" {
		p, err := checks.LoadPolicy(*policyFile)
		if err != nil {
			return err
		}
		policy = p
	}
	if fs.NArg() != 1 {
		return usageError{fmt.Errorf("want exactly one TARGET, got %d", fs.NArg())}
	}
	cfg := s.cfg
	logger := a.logger(cfg)
	rec, err := indexer.Inspect(ctx, fetcherFor(cfg, logger), fs.Arg(0), crawlerOptions(cfg, logger).Analysis)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rec); err != nil {
			return err
		}
	} else {
		writeRecord(a.stdout, rec)
	}
	if !*check {
		return nil
	}
	failed := policy.Failures(rec.Checks)
	if !*asJSON {
		writeChecks(a.stdout, rec.Checks, policy)
	}
	if len(failed) == 0 {
		fmt.Fprintf(a.stderr, "govshare inspect: no required check failed (%s judged)\n", plural(len(rec.Checks), "check", "checks"))
		return nil
	}
	ids := make([]string, len(failed))
	for i, c := range failed {
		ids[i] = c.ID
	}
	fmt.Fprintf(a.stderr, "govshare inspect: %s failed: %s\n", plural(len(failed), "required check", "required checks"), strings.Join(ids, ", "))
	return errChecksFailed
}

// writeChecks prints the checks grouped by principle, each with the status
// the policy gives it, marking the required ones and saying how to fix
// what does not pass.
func writeChecks(w io.Writer, list []registry.Check, policy *checks.Policy) {
	fmt.Fprintln(w)
	for _, principle := range checks.Principles() {
		var group []registry.Check
		for _, c := range list {
			if c.Principle == principle {
				group = append(group, c)
			}
		}
		if len(group) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s\n", principle)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, c := range group {
			required := ""
			if policy.Rule(c.ID).Required {
				required = "required"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", strings.ToUpper(policy.Outcome(c)), c.ID, required, printable(oneLine(c.Reason)))
			if c.Status != registry.CheckPass && c.Fix != "" {
				fmt.Fprintf(tw, "  \t\t\tfix: %s\n", printable(oneLine(c.Fix)))
			}
		}
		tw.Flush()
	}
}

// writeRecord prints a record for people.
func writeRecord(w io.Writer, r *registry.Record) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	// Everything printed comes from the repository: control characters
	// (terminal escapes) are dropped so that a README cannot drive the
	// reader's terminal.
	row := func(label, format string, args ...any) {
		fmt.Fprintf(tw, "%s\t%s\n", label, printable(fmt.Sprintf(format, args...)))
	}

	row("name", "%s", r.Name)
	row("url", "%s", r.URL)
	if r.Description != "" {
		row("description", "%s", r.Description)
	}
	if r.Commit != "" {
		row("commit", "%s on %s, %s", shortHash(r.Commit), orNone(r.Branch, "a detached HEAD"), r.CommittedAt.Format(time.RFC3339))
	}
	row("licence", "%s", orNone(r.License, "none found"))
	for _, l := range r.Licenses {
		osi := ""
		if l.OSIApproved {
			osi = ", OSI approved"
		}
		row("", "%s: %s (%.0f%% of the text%s)", l.Path, l.SPDX, l.Coverage, osi)
	}
	row("declared licence", "%s", orNone(r.DeclaredLicense, "none"))
	switch pc := r.Publiccode; {
	case pc == nil:
		row("publiccode.yml", "none")
	case pc.Valid:
		row("publiccode.yml", "%s: valid", pc.Path)
	default:
		row("publiccode.yml", "%s: %s", pc.Path, plural(len(pc.Errors), "error", "errors"))
		for _, e := range pc.Errors {
			row("", "%d:%d: %s", e.Line, e.Column, e.Message)
		}
	}
	var total int64
	for _, l := range r.Languages {
		total += l.Bytes
	}
	langs := make([]string, 0, len(r.Languages))
	for _, l := range r.Languages {
		langs = append(langs, fmt.Sprintf("%s %.1f%%", l.Name, 100*float64(l.Bytes)/float64(max(total, 1))))
	}
	row("languages", "%s", orNone(strings.Join(langs, ", "), "none detected"))
	if r.Readme != nil {
		row("readme", "%s", r.Readme.Path)
		if r.Readme.Summary != "" {
			row("", "%s", r.Readme.Summary)
		}
	} else {
		row("readme", "none")
	}
	for i, st := range r.Standards {
		label := ""
		if i == 0 {
			label = "standards"
		}
		files := make([]string, 0, len(st.Evidence))
		for _, e := range st.Evidence {
			files = append(files, e.Path)
		}
		row(label, "%s %s (%s): %s", st.Name, st.Version, st.Status, strings.Join(files, ", "))
	}
	if len(r.Standards) == 0 {
		row("standards", "no open standard detected")
	}
	var counts [3]int
	for _, c := range r.Checks {
		switch c.Status {
		case registry.CheckPass:
			counts[0]++
		case registry.CheckWarn:
			counts[1]++
		default:
			counts[2]++
		}
	}
	if len(r.Checks) > 0 {
		row("checks", "%d pass, %d warn, %d fail (--check for the details)", counts[0], counts[1], counts[2])
	}
	for i, warning := range r.Warnings {
		label := ""
		if i == 0 {
			label = "warnings"
		}
		row(label, "%s", warning)
	}
}

// printable removes control characters, keeping the text's words apart.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r' || r == '\n':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
