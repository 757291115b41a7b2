package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/govshare/govshare/registry"
)

// RecordSuccess implements registry.Store.
func (s *Store) RecordSuccess(ctx context.Context, sourceID int64, p *registry.Project) error {
	record, err := json.Marshal(p.Record)
	if err != nil {
		return fmt.Errorf("encode record %s: %w", p.ID, err)
	}
	readmeText, readmeSource := "", ""
	if p.Readme != nil {
		readmeText, readmeSource = p.Readme.Text, p.Readme.Source
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var projectID string
		err := tx.QueryRowContext(ctx, `SELECT project_id FROM sources WHERE id = ?`, sourceID).Scan(&projectID)
		if isNoRows(err) {
			return notFound("source", fmt.Sprint(sourceID))
		}
		if err != nil {
			return fmt.Errorf("get source %d: %w", sourceID, err)
		}
		if p.ID != projectID {
			return registry.Errorf(registry.EINVALID, "project %s does not belong to source %d", p.ID, sourceID)
		}
		at := formatTime(p.IndexedAt)
		_, err = tx.ExecContext(ctx, `
			INSERT INTO projects (id, source_id, indexed_at, stale, stale_reason, record, readme_text, readme_source)
			VALUES (?, ?, ?, 0, '', ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET indexed_at = excluded.indexed_at, stale = 0, stale_reason = '',
				record = excluded.record, readme_text = excluded.readme_text, readme_source = excluded.readme_source`,
			p.ID, sourceID, at, string(record), readmeText, readmeSource)
		if err != nil {
			return fmt.Errorf("save project %s: %w", p.ID, err)
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE sources SET status = ?, last_commit = ?, last_crawl_at = ?, last_success_at = ?,
				last_error = '', failures = 0
			WHERE id = ?`, registry.SourceOK, p.Commit, at, at, sourceID)
		if err != nil {
			return fmt.Errorf("update source %d: %w", sourceID, err)
		}
		return nil
	})
}

// RecordUnchanged implements registry.Store.
func (s *Store) RecordUnchanged(ctx context.Context, sourceID int64, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE sources SET status = ?, last_crawl_at = ?, last_success_at = ?, last_error = '', failures = 0
			WHERE id = ?`, registry.SourceOK, formatTime(at), formatTime(at), sourceID)
		if err != nil {
			return fmt.Errorf("update source %d: %w", sourceID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("source", fmt.Sprint(sourceID))
		}
		// A record that was stale is current again.
		if _, err := tx.ExecContext(ctx, `UPDATE projects SET stale = 0, stale_reason = '' WHERE source_id = ?`, sourceID); err != nil {
			return fmt.Errorf("mark project of source %d current: %w", sourceID, err)
		}
		return nil
	})
}

// RecordFailure implements registry.Store.
func (s *Store) RecordFailure(ctx context.Context, sourceID int64, at time.Time, reason string) (*registry.Project, error) {
	var projectID string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE sources SET status = ?, last_crawl_at = ?, last_error = ?, failures = failures + 1
			WHERE id = ?`, registry.SourceFailed, formatTime(at), reason, sourceID)
		if err != nil {
			return fmt.Errorf("update source %d: %w", sourceID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("source", fmt.Sprint(sourceID))
		}
		res, err = tx.ExecContext(ctx, `UPDATE projects SET stale = 1, stale_reason = ? WHERE source_id = ?`, reason, sourceID)
		if err != nil {
			return fmt.Errorf("mark project of source %d stale: %w", sourceID, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return tx.QueryRowContext(ctx, `SELECT id FROM projects WHERE source_id = ?`, sourceID).Scan(&projectID)
		}
		return nil
	})
	if err != nil || projectID == "" {
		return nil, err
	}
	return s.Project(ctx, projectID)
}

// projectQuery reads whole projects; projectListQuery leaves the README's
// text and source out, and projectIndexQuery its source (see registry.Store).
const (
	projectQuery      = projectColumns + `p.readme_text, p.readme_source` + projectTables
	projectListQuery  = projectColumns + `'', ''` + projectTables
	projectIndexQuery = projectColumns + `p.readme_text, ''` + projectTables
	projectColumns    = `
	SELECT p.id, p.source_id, s.participant_id, pa.name, pa.country, p.indexed_at, p.stale, p.stale_reason,
		p.record, `
	projectTables = `
	FROM projects p
	JOIN sources s ON s.id = p.source_id
	JOIN participants pa ON pa.id = s.participant_id`
)

func scanProject(row scanner) (*registry.Project, error) {
	var p registry.Project
	var indexed, record, readmeText, readmeSource string
	err := row.Scan(&p.ID, &p.SourceID, &p.ParticipantID, &p.ParticipantName, &p.Country, &indexed,
		&p.Stale, &p.StaleReason, &record, &readmeText, &readmeSource)
	if err != nil {
		return nil, err
	}
	if p.IndexedAt, err = parseTime(indexed); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(record), &p.Record); err != nil {
		return nil, fmt.Errorf("decode record %s: %w", p.ID, err)
	}
	if p.Readme != nil {
		p.Readme.Text, p.Readme.Source = readmeText, readmeSource
	}
	p.Normalize()
	return &p, nil
}

// Project implements registry.Store.
func (s *Store) Project(ctx context.Context, id string) (*registry.Project, error) {
	p, err := scanProject(s.db.QueryRowContext(ctx, projectQuery+` WHERE p.id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("project", id)
	}
	if err != nil {
		return nil, fmt.Errorf("get project %s: %w", id, err)
	}
	return p, nil
}

// ProjectsByID implements registry.Store.
func (s *Store) ProjectsByID(ctx context.Context, ids []string) ([]*registry.Project, error) {
	if len(ids) == 0 {
		return []*registry.Project{}, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, projectListQuery+` WHERE p.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("get projects: %w", err)
	}
	defer rows.Close()
	byID := make(map[string]*registry.Project, len(ids))
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, fmt.Errorf("get projects: %w", err)
		}
		byID[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*registry.Project, 0, len(byID))
	for _, id := range ids {
		if p, ok := byID[id]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// EachProject implements registry.Store. Projects are read in pages so that
// fn may itself use the store while iterating.
func (s *Store) EachProject(ctx context.Context, fn func(*registry.Project) error) error {
	const page = 500
	after := ""
	for {
		rows, err := s.db.QueryContext(ctx, projectIndexQuery+` WHERE p.id > ? ORDER BY p.id LIMIT ?`, after, page)
		if err != nil {
			return fmt.Errorf("list projects: %w", err)
		}
		batch := make([]*registry.Project, 0, page)
		for rows.Next() {
			p, err := scanProject(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("list projects: %w", err)
			}
			batch = append(batch, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, p := range batch {
			if err := fn(p); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

// StartCrawlRun implements registry.Store.
func (s *Store) StartCrawlRun(ctx context.Context, at time.Time) (*registry.CrawlRun, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO crawl_runs (started_at) VALUES (?)`, formatTime(at))
	if err != nil {
		return nil, fmt.Errorf("start crawl run: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	return &registry.CrawlRun{ID: id, StartedAt: at}, nil
}

// FinishCrawlRun implements registry.Store.
func (s *Store) FinishCrawlRun(ctx context.Context, run *registry.CrawlRun) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE crawl_runs SET finished_at = ?, indexed = ?, unchanged = ?, failed = ? WHERE id = ?`,
		formatTime(run.FinishedAt), run.Indexed, run.Unchanged, run.Failed, run.ID)
	if err != nil {
		return fmt.Errorf("finish crawl run %d: %w", run.ID, err)
	}
	return nil
}

// LastCrawlRun implements registry.Store.
func (s *Store) LastCrawlRun(ctx context.Context) (*registry.CrawlRun, error) {
	var run registry.CrawlRun
	var started, finished string
	err := s.db.QueryRowContext(ctx, `
		SELECT id, started_at, finished_at, indexed, unchanged, failed FROM crawl_runs ORDER BY id DESC LIMIT 1`).
		Scan(&run.ID, &started, &finished, &run.Indexed, &run.Unchanged, &run.Failed)
	if isNoRows(err) {
		return nil, registry.Errorf(registry.ENOTFOUND, "no crawl has run yet")
	}
	if err != nil {
		return nil, fmt.Errorf("get last crawl run: %w", err)
	}
	if run.StartedAt, err = parseTime(started); err != nil {
		return nil, err
	}
	if run.FinishedAt, err = parseTime(finished); err != nil {
		return nil, err
	}
	return &run, nil
}
