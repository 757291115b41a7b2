package ui

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/govshare/govshare/registry"
)

// statusView is what the crawl status page shows.
type statusView struct {
	LastRun *registry.CrawlRun
	Sources []sourceRow
	Failed  int
}

// sourceRow is one source with its participant's name and a safe link.
type sourceRow struct {
	*registry.Source
	ParticipantName string
	Link            string
}

// statusRank orders sources on the status page: failures first, as they are
// what a reader of this page is looking for.
var statusRank = map[string]int{
	registry.SourceFailed:  0,
	registry.SourcePending: 1,
	registry.SourceOK:      2,
}

func (s *Server) statusPage(c *gin.Context) error {
	sources, err := s.store.Sources(c.Request.Context(), "")
	if err != nil {
		return fmt.Errorf("list sources: %w", err)
	}
	names, err := s.participantNames(c)
	if err != nil {
		return err
	}
	run, err := s.lastCrawlRun(c)
	if err != nil {
		return err
	}
	view := statusView{LastRun: run, Sources: make([]sourceRow, 0, len(sources))}
	for _, src := range sources {
		name := names[src.ParticipantID]
		if name == "" {
			name = src.ParticipantID
		}
		view.Sources = append(view.Sources, sourceRow{Source: src, ParticipantName: name, Link: webLink(src.URL)})
		if src.Status == registry.SourceFailed {
			view.Failed++
		}
	}
	slices.SortStableFunc(view.Sources, func(a, b sourceRow) int {
		return cmp.Or(
			cmp.Compare(rank(a.Status), rank(b.Status)),
			cmp.Compare(a.ParticipantName, b.ParticipantName),
			cmp.Compare(a.URL, b.URL),
		)
	})
	return s.render(c, http.StatusOK, "status", "status", "Crawl status", view)
}

// rank places unknown states after the known ones.
func rank(status string) int {
	if r, ok := statusRank[status]; ok {
		return r
	}
	return len(statusRank)
}
