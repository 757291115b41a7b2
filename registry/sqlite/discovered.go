package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/govshare/govshare/registry"
)

// AddSource implements registry.Store.
func (s *Store) AddSource(ctx context.Context, src *registry.Source) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return addSource(ctx, tx, src) })
}

func addSource(ctx context.Context, tx *sql.Tx, src *registry.Source) error {
	if src.Kind == "" {
		src.Kind = registry.KindRepo
	}
	if src.Origin == "" {
		src.Origin = registry.OriginAPI
	}
	if src.Kind == registry.KindRepo && src.ParentID != 0 && src.State == "" {
		src.State = registry.StateActive
	}
	var owner string
	err := tx.QueryRowContext(ctx, `SELECT participant_id FROM sources WHERE url = ?`, src.URL).Scan(&owner)
	switch {
	case err == nil:
		return registry.Errorf(registry.ECONFLICT, "%s is registered already (by %s)", src.URL, owner)
	case !isNoRows(err):
		return fmt.Errorf("look up source %s: %w", src.URL, err)
	}
	filters, err := json.Marshal(src.Filters)
	if err != nil {
		return err
	}
	var parent any
	if src.ParentID != 0 {
		parent = src.ParentID
	}
	src.ProjectID = registry.ProjectID(src.URL)
	src.Status = registry.SourcePending
	res, err := tx.ExecContext(ctx, `
		INSERT INTO sources (participant_id, url, origin, project_id, kind, host, filters, parent_id, host_id, state)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		src.ParticipantID, src.URL, src.Origin, src.ProjectID, src.Kind, src.Host, string(filters), parent, src.HostID, src.State)
	if err != nil {
		return fmt.Errorf("add source %s: %w", src.URL, err)
	}
	src.ID, err = res.LastInsertId()
	return err
}

// UpdateSourceFilters implements registry.Store.
func (s *Store) UpdateSourceFilters(ctx context.Context, id int64, f registry.SourceFilters) error {
	filters, err := json.Marshal(f)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE sources SET filters = ? WHERE id = ?`, string(filters), id)
	if err != nil {
		return fmt.Errorf("update source %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("source", fmt.Sprint(id))
	}
	return nil
}

// RemoveSource implements registry.Store.
func (s *Store) RemoveSource(ctx context.Context, id int64) ([]string, error) {
	var removed []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT project_id FROM sources WHERE id = ? OR parent_id = ?`, id, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				rows.Close()
				return err
			}
			removed = append(removed, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(removed) == 0 {
			return notFound("source", fmt.Sprint(id))
		}
		// Discovered repositories go with their organisation (ON DELETE
		// CASCADE), and projects with their sources.
		_, err = tx.ExecContext(ctx, `DELETE FROM sources WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return removed, nil
}

// SyncDiscovered implements registry.Store.
func (s *Store) SyncDiscovered(ctx context.Context, parentID int64, found []registry.DiscoveredRepo, at time.Time) (registry.DiscoveryChanges, []string, error) {
	var changes registry.DiscoveryChanges
	var dropped []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		parent, err := scanSource(tx.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE id = ?`, parentID))
		if isNoRows(err) {
			return notFound("source", fmt.Sprint(parentID))
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+sourceColumns+` FROM sources WHERE parent_id = ?`, parentID)
		if err != nil {
			return err
		}
		byHostID := map[string]*registry.Source{}
		for rows.Next() {
			src, err := scanSource(rows)
			if err != nil {
				rows.Close()
				return err
			}
			if src.State != registry.StateRenamed {
				byHostID[src.HostID] = src
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}

		seen := map[string]bool{}
		for _, repo := range found {
			seen[repo.HostID] = true
			state := registry.StateActive
			if repo.Archived {
				state = registry.StateArchived
			}
			old, known := byHostID[repo.HostID]
			switch {
			case !known:
				src := &registry.Source{
					ParticipantID: parent.ParticipantID, URL: repo.CloneURL, Origin: registry.OriginDiscovered,
					Kind: registry.KindRepo, ParentID: parentID, HostID: repo.HostID, State: state,
				}
				if err := addSource(ctx, tx, src); err != nil {
					if registry.ErrorCode(err) == registry.ECONFLICT {
						continue // registered on its own already: that registration wins
					}
					return err
				}
				changes.Added++
			case old.URL != repo.CloneURL:
				// Renamed or moved at the host: the old entry points to the
				// new one, which carries on under the new URL.
				if _, err := tx.ExecContext(ctx, `UPDATE sources SET state = ?, renamed_to = ?, host_id = '' WHERE id = ?`,
					registry.StateRenamed, repo.CloneURL, old.ID); err != nil {
					return err
				}
				src := &registry.Source{
					ParticipantID: parent.ParticipantID, URL: repo.CloneURL, Origin: registry.OriginDiscovered,
					Kind: registry.KindRepo, ParentID: parentID, HostID: repo.HostID, State: state,
				}
				if err := addSource(ctx, tx, src); err != nil {
					if registry.ErrorCode(err) != registry.ECONFLICT {
						return err
					}
					// The new name is someone else's registration: no redirect
					// to their project; this entry stays, stale, saying why.
					reason := fmt.Sprintf("renamed at its host to %s, which is registered separately", repo.CloneURL)
					if _, err := tx.ExecContext(ctx, `UPDATE projects SET stale = 1, stale_reason = ? WHERE source_id = ?`, reason, old.ID); err != nil {
						return err
					}
					changes.Renamed++
					continue
				}
				if _, err := tx.ExecContext(ctx, `
					INSERT INTO redirects (old_project_id, new_project_id) VALUES (?, ?)
					ON CONFLICT (old_project_id) DO UPDATE SET new_project_id = excluded.new_project_id`,
					old.ProjectID, registry.ProjectID(repo.CloneURL)); err != nil {
					return err
				}
				// Earlier redirects to the old name follow it.
				if _, err := tx.ExecContext(ctx, `UPDATE redirects SET new_project_id = ? WHERE new_project_id = ?`,
					registry.ProjectID(repo.CloneURL), old.ProjectID); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM projects WHERE source_id = ?`, old.ID); err != nil {
					return err
				}
				dropped = append(dropped, old.ProjectID)
				changes.Renamed++
			case old.State != state:
				if _, err := tx.ExecContext(ctx, `UPDATE sources SET state = ? WHERE id = ?`, state, old.ID); err != nil {
					return err
				}
				switch {
				case state == registry.StateArchived:
					changes.Archived++
				case old.State == registry.StateArchived:
					changes.Unarchived++
				}
			}
		}
		// Repositories the host no longer lists are kept, marked gone, with
		// their last record stale: never silently dropped.
		for hostID, old := range byHostID {
			if seen[hostID] || old.State == registry.StateGone {
				continue
			}
			reason := "the repository is no longer listed by its host: deleted, made private or moved out of the organisation"
			if _, err := tx.ExecContext(ctx, `UPDATE sources SET state = ?, last_error = ? WHERE id = ?`,
				registry.StateGone, reason, old.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE projects SET stale = 1, stale_reason = ? WHERE source_id = ?`,
				reason, old.ID); err != nil {
				return err
			}
			changes.Gone++
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE sources SET status = ?, last_crawl_at = ?, last_success_at = ?, last_error = '', failures = 0
			WHERE id = ?`, registry.SourceOK, formatTime(at), formatTime(at), parentID)
		return err
	})
	if err != nil {
		return registry.DiscoveryChanges{}, nil, err
	}
	return changes, dropped, nil
}

// Redirect implements registry.Store.
func (s *Store) Redirect(ctx context.Context, oldProjectID string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT new_project_id FROM redirects WHERE old_project_id = ?`, oldProjectID).Scan(&id)
	if isNoRows(err) {
		return "", notFound("project", oldProjectID)
	}
	if err != nil {
		return "", fmt.Errorf("look up redirect of %s: %w", oldProjectID, err)
	}
	return id, nil
}
