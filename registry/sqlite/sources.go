package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/govshare/govshare/registry"
)

// SyncDeclared implements registry.Store. It runs in one transaction: the
// registry never shows half of a participants file.
func (s *Store) SyncDeclared(ctx context.Context, declared []registry.Declared) (registry.SyncResult, []string, error) {
	var res registry.SyncResult
	var removedProjects []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		owner := map[string]string{} // url -> participant, to catch a repository declared twice
		for _, d := range declared {
			p := d.Participant
			if !registry.ValidID(p.ID) {
				return registry.Errorf(registry.EINVALID, "participant id %q is not valid", p.ID)
			}
			var oldName, oldCountry string
			err := tx.QueryRowContext(ctx, `SELECT name, country FROM participants WHERE id = ?`, p.ID).Scan(&oldName, &oldCountry)
			if err != nil && !isNoRows(err) {
				return fmt.Errorf("look up participant %s: %w", p.ID, err)
			}
			if err == nil && (oldName != p.Name || oldCountry != p.Country) {
				// The index holds the name and country with every project.
				ids, err := participantProjects(ctx, tx, p.ID)
				if err != nil {
					return err
				}
				res.Reindex = append(res.Reindex, ids...)
			}
			_, err = tx.ExecContext(ctx, `
				INSERT INTO participants (id, name, country, website) VALUES (?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, website = excluded.website`,
				p.ID, p.Name, p.Country, p.Website)
			if err != nil {
				return fmt.Errorf("save participant %s: %w", p.ID, err)
			}
			res.Participants++
			for _, org := range d.Orgs {
				if prev, ok := owner[org.URL]; ok {
					return registry.Errorf(registry.ECONFLICT, "organisation %s is declared by both %s and %s", org.URL, prev, p.ID)
				}
				owner[org.URL] = p.ID
				added, err := syncDeclaredOrg(ctx, tx, p.ID, org)
				if err != nil {
					return err
				}
				if added {
					res.SourcesAdded++
				}
			}
			for _, u := range d.Sources {
				if prev, ok := owner[u]; ok {
					return registry.Errorf(registry.ECONFLICT, "repository %s is declared by both %s and %s", u, prev, p.ID)
				}
				owner[u] = p.ID
				var existing string
				err := tx.QueryRowContext(ctx, `SELECT participant_id FROM sources WHERE url = ?`, u).Scan(&existing)
				switch {
				case isNoRows(err):
					_, err = tx.ExecContext(ctx, `
						INSERT INTO sources (participant_id, url, origin, project_id) VALUES (?, ?, ?, ?)`,
						p.ID, u, registry.OriginConfig, registry.ProjectID(u))
					if err != nil {
						return fmt.Errorf("add source %s: %w", u, err)
					}
					res.SourcesAdded++
				case err != nil:
					return fmt.Errorf("look up source %s: %w", u, err)
				case existing != p.ID:
					// The operator moved a repository to another participant.
					if _, err := tx.ExecContext(ctx, `UPDATE sources SET participant_id = ? WHERE url = ?`, p.ID, u); err != nil {
						return fmt.Errorf("move source %s: %w", u, err)
					}
					res.Reindex = append(res.Reindex, registry.ProjectID(u))
				}
			}
		}
		// Config-origin sources that are no longer declared leave the registry.
		rows, err := tx.QueryContext(ctx, `SELECT id, url, project_id FROM sources WHERE origin = ?`, registry.OriginConfig)
		if err != nil {
			return fmt.Errorf("list sources: %w", err)
		}
		var gone []int64
		for rows.Next() {
			var id int64
			var u, projectID string
			if err := rows.Scan(&id, &u, &projectID); err != nil {
				rows.Close()
				return err
			}
			if _, ok := owner[u]; !ok {
				gone = append(gone, id)
				removedProjects = append(removedProjects, projectID)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range gone {
			// An organisation takes the repositories found in it along.
			children, err := childProjects(ctx, tx, id)
			if err != nil {
				return err
			}
			removedProjects = append(removedProjects, children...)
			if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id); err != nil {
				return fmt.Errorf("remove source %d: %w", id, err)
			}
		}
		res.SourcesRemoved = len(gone)
		return nil
	})
	if err != nil {
		return registry.SyncResult{}, nil, err
	}
	return res, removedProjects, nil
}

// participantProjects returns the project IDs of a participant's sources.
func participantProjects(ctx context.Context, tx *sql.Tx, participantID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT p.id FROM projects p JOIN sources s ON s.id = p.source_id WHERE s.participant_id = ?`, participantID)
	if err != nil {
		return nil, fmt.Errorf("list projects of %s: %w", participantID, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// childProjects returns the project IDs of the repositories discovered
// from an organisation source.
func childProjects(ctx context.Context, tx *sql.Tx, parentID int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT project_id FROM sources WHERE parent_id = ?`, parentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// syncDeclaredOrg adds or updates a config-origin organisation source and
// reports whether it was new.
func syncDeclaredOrg(ctx context.Context, tx *sql.Tx, participantID string, org registry.DeclaredOrg) (bool, error) {
	filters, err := json.Marshal(org.Filters)
	if err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE sources SET participant_id = ?, host = ?, filters = ? WHERE url = ? AND kind = ?`,
		participantID, org.Host, string(filters), org.URL, registry.KindOrg)
	if err != nil {
		return false, fmt.Errorf("update organisation %s: %w", org.URL, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return false, nil
	}
	src := &registry.Source{ParticipantID: participantID, URL: org.URL, Origin: registry.OriginConfig,
		Kind: registry.KindOrg, Host: org.Host, Filters: org.Filters}
	return true, addSource(ctx, tx, src)
}

// Participant implements registry.Store.
func (s *Store) Participant(ctx context.Context, id string) (*registry.Participant, error) {
	var p registry.Participant
	err := s.db.QueryRowContext(ctx, `SELECT id, name, country, website FROM participants WHERE id = ?`, id).
		Scan(&p.ID, &p.Name, &p.Country, &p.Website)
	if isNoRows(err) {
		return nil, notFound("participant", id)
	}
	if err != nil {
		return nil, fmt.Errorf("get participant %s: %w", id, err)
	}
	return &p, nil
}

// Participants implements registry.Store.
func (s *Store) Participants(ctx context.Context) ([]*registry.Participant, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, country, website FROM participants ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list participants: %w", err)
	}
	defer rows.Close()
	out := []*registry.Participant{}
	for rows.Next() {
		var p registry.Participant
		if err := rows.Scan(&p.ID, &p.Name, &p.Country, &p.Website); err != nil {
			return nil, err
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

const sourceColumns = `id, participant_id, url, origin, status, project_id, last_commit,
	last_crawl_at, last_success_at, last_error, failures,
	kind, host, filters, COALESCE(parent_id, 0), host_id, state, renamed_to`

type scanner interface{ Scan(dest ...any) error }

func scanSource(row scanner) (*registry.Source, error) {
	var src registry.Source
	var crawled, succeeded, filters string
	err := row.Scan(&src.ID, &src.ParticipantID, &src.URL, &src.Origin, &src.Status, &src.ProjectID,
		&src.LastCommit, &crawled, &succeeded, &src.LastError, &src.Failures,
		&src.Kind, &src.Host, &filters, &src.ParentID, &src.HostID, &src.State, &src.RenamedTo)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(filters), &src.Filters); err != nil {
		return nil, fmt.Errorf("decode filters of source %d: %w", src.ID, err)
	}
	if src.LastCrawlAt, err = parseTime(crawled); err != nil {
		return nil, err
	}
	if src.LastSuccessAt, err = parseTime(succeeded); err != nil {
		return nil, err
	}
	return &src, nil
}

// Source implements registry.Store.
func (s *Store) Source(ctx context.Context, id int64) (*registry.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, notFound("source", strconv.FormatInt(id, 10))
	}
	if err != nil {
		return nil, fmt.Errorf("get source %d: %w", id, err)
	}
	return src, nil
}

// Sources implements registry.Store.
func (s *Store) Sources(ctx context.Context, participantID string) ([]*registry.Source, error) {
	query := `SELECT ` + sourceColumns + ` FROM sources`
	var args []any
	if participantID != "" {
		query += ` WHERE participant_id = ?`
		args = append(args, participantID)
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY participant_id, url`, args...)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	out := []*registry.Source{}
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}
