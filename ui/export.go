package ui

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// maxExportRows is the most projects one CSV export holds. It is also as
// deep as the search index lets anyone page, so an export never asks for a
// page the index refuses. A longer result is cut, and the response says
// so in the X-Govshare-Truncated header (CSV has no place for comments).
const maxExportRows = maxSearchResults

// Export response headers.
const (
	truncatedHeader = "X-Govshare-Truncated"
	totalHeader     = "X-Govshare-Total"
)

// exportColumnsBefore and exportColumnsAfter are the CSV columns either
// side of the checks, which get one column each, named "check:" and the
// check's ID.
var (
	exportColumnsBefore = []string{
		"id", "name", "url", "participant", "participant_name", "country", "commit", "committed_at",
		"license", "declared_license", "licence_consistent", "overall", "pass", "warn", "fail",
	}
	exportColumnsAfter = []string{"standards", "proprietary_formats", "stale"}
)

// checkColumnPrefix starts the name of a check's column, so that a check's
// ID never clashes with another column's name.
const checkColumnPrefix = "check:"

// exportProjects exports every project a search matches as CSV, taking the
// same text and filters as the search API and ignoring its paging.
func (s *Server) exportProjects(c *gin.Context) error {
	q, err := parseSearchFilters(c.Request.URL.Query())
	if err != nil {
		return err
	}
	return s.writeExport(c, q, "govshare-projects-"+s.clock().UTC().Format("20060102")+".csv")
}

// exportParticipant exports every project of one participant as CSV.
func (s *Server) exportParticipant(c *gin.Context) error {
	id := c.Param("id")
	p, err := s.store.Participant(c.Request.Context(), id)
	if err != nil {
		return fmt.Errorf("read participant %q: %w", id, err)
	}
	// The ID comes from the store, where it was validated: lower-case
	// letters, digits and hyphens, safe in a file name.
	name := "govshare-" + p.ID + "-" + s.clock().UTC().Format("20060102") + ".csv"
	return s.writeExport(c, registry.SearchQuery{Participant: p.ID}, name)
}

// writeExport collects the projects q matches and writes them as a CSV
// attachment named filename. The whole file is built before a byte is
// written, so a failure is a clean error answer.
func (s *Server) writeExport(c *gin.Context, q registry.SearchQuery, filename string) error {
	export, err := s.collectProjects(c, q)
	if err != nil {
		return err
	}
	body, err := projectsCSV(export.projects)
	if err != nil {
		return fmt.Errorf("write CSV of %d projects: %w", len(export.projects), err)
	}
	setExportHeaders(c, filename, export)
	c.Data(http.StatusOK, "text/csv; charset=utf-8; header=present", body)
	return nil
}

// setExportHeaders names an export's file and says how many projects the
// search matched and whether the export holds them all.
func setExportHeaders(c *gin.Context, filename string, export projectExport) {
	h := c.Writer.Header()
	h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	h.Set(truncatedHeader, strconv.FormatBool(export.truncated))
	h.Set(totalHeader, strconv.Itoa(export.total))
}

// projectExport is what an export holds: the projects, how many the search
// matched, and whether the export stopped short of them at the limit.
type projectExport struct {
	projects  []*registry.Project
	total     int
	truncated bool
}

// collectProjects reads every project q matches, page by page through the
// searcher and in its order, up to the server's export limit.
func (s *Server) collectProjects(c *gin.Context, q registry.SearchQuery) (projectExport, error) {
	q.PerPage = s.exportPageSize
	var export projectExport
	seen := map[string]bool{}
	for q.Page = 1; ; q.Page++ {
		found, err := s.runSearch(c, q)
		if err != nil {
			return projectExport{}, fmt.Errorf("export page %d: %w", q.Page, err)
		}
		export.total = found.result.Total
		for _, f := range found.projects {
			// A project written to the index between two pages can move
			// from one page to the next; it is exported once.
			if !seen[f.project.ID] {
				seen[f.project.ID] = true
				export.projects = append(export.projects, f.project)
			}
		}
		last := len(found.result.Hits) == 0 || q.Page*q.PerPage >= export.total
		if len(export.projects) >= s.exportLimit {
			export.truncated = len(export.projects) > s.exportLimit || !last
			export.projects = export.projects[:s.exportLimit]
			return export, nil
		}
		if last {
			return export, nil
		}
	}
}

// projectsCSV writes projects as CSV: a header row, then one row per
// project, with a column for every check any of them holds.
func projectsCSV(projects []*registry.Project) ([]byte, error) {
	checkIDs := exportCheckIDs(projects)
	header := slices.Concat(exportColumnsBefore, prefixed(checkColumnPrefix, checkIDs), exportColumnsAfter)

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true // RFC 4180
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for _, p := range projects {
		if err := w.Write(safeCells(exportRow(p, checkIDs))); err != nil {
			return nil, fmt.Errorf("project %s: %w", p.ID, err)
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// exportRow is one project's cells, in header order.
func exportRow(p *registry.Project, checkIDs []string) []string {
	summary := summariseChecks(p.Checks)
	committed := ""
	if !p.CommittedAt.IsZero() {
		committed = p.CommittedAt.UTC().Format(time.RFC3339)
	}
	row := []string{
		p.ID, p.Name, p.URL, p.ParticipantID, p.ParticipantName, p.Country, p.Commit, committed,
		p.License, p.DeclaredLicense, licenseConsistency(&p.Record), summary.Overall,
		strconv.Itoa(summary.Pass), strconv.Itoa(summary.Warn), strconv.Itoa(summary.Fail),
	}
	for _, id := range checkIDs {
		status := ""
		if i := slices.IndexFunc(p.Checks, func(c registry.Check) bool { return c.ID == id }); i >= 0 {
			status = p.Checks[i].Status
		}
		row = append(row, status)
	}
	var open, proprietary []string
	for _, st := range p.Standards {
		if st.Status == registry.Proprietary {
			proprietary = append(proprietary, st.ID)
		} else {
			open = append(open, st.ID)
		}
	}
	return append(row, strings.Join(open, ";"), strings.Join(proprietary, ";"), strconv.FormatBool(p.Stale))
}

// exportCheckIDs lists every check ID the projects hold, grouped by
// principle in the usual order and, within one, in the order first met.
func exportCheckIDs(projects []*registry.Project) []string {
	type column struct {
		id    string
		rank  int
		first int
	}
	var columns []column
	seen := map[string]bool{}
	for _, p := range projects {
		for _, c := range p.Checks {
			if !seen[c.ID] {
				seen[c.ID] = true
				columns = append(columns, column{id: c.ID, rank: principleRank(c.Principle), first: len(columns)})
			}
		}
	}
	slices.SortFunc(columns, func(a, b column) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.first, b.first))
	})
	ids := make([]string, len(columns))
	for i, c := range columns {
		ids[i] = c.id
	}
	return ids
}

func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

// formulaStart holds the characters that make a spreadsheet read a cell as
// a formula (or, for tab and carriage return, hide one).
const formulaStart = "=+-@\t\r"

// safeCells guards against CSV injection: a cell that a spreadsheet would
// run as a formula gets a leading apostrophe, which makes it text. Names
// and licence declarations come from the repositories, so anyone could
// write one.
func safeCells(row []string) []string {
	for i, cell := range row {
		if cell != "" && strings.ContainsRune(formulaStart, rune(cell[0])) {
			row[i] = "'" + cell
		}
	}
	return row
}

// exportURL is the CSV export of q's text and filters, every page of them.
func exportURL(q registry.SearchQuery) string {
	return searchExportURL("/api/v1/projects.csv", q)
}

// searchExportURL is an export at path of q's text, filters and order,
// every page of them.
func searchExportURL(path string, q registry.SearchQuery) string {
	q.Page, q.PerPage = 0, 0
	v := searchValues(q)
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// participantExportPath is the CSV export of one participant's projects.
func participantExportPath(participantID string) string {
	return "/api/v1/participants/" + url.PathEscape(participantID) + "/report.csv"
}
