package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/govshare/govshare/indexer"
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
	if err := a.parse(fs, &s, args, 1); err != nil {
		return err
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
		return enc.Encode(rec)
	}
	writeRecord(a.stdout, rec)
	return nil
}

// writeRecord prints a record for people.
func writeRecord(w io.Writer, r *registry.Record) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	row := func(label, format string, args ...any) {
		fmt.Fprintf(tw, "%s\t%s\n", label, fmt.Sprintf(format, args...))
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
	for i, warning := range r.Warnings {
		label := ""
		if i == 0 {
			label = "warnings"
		}
		row(label, "%s", warning)
	}
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
