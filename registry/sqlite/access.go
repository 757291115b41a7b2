package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/govshare/govshare/registry"
)

// CreateParticipant implements registry.Store.
func (s *Store) CreateParticipant(ctx context.Context, p *registry.Participant) error {
	if !registry.ValidID(p.ID) {
		return registry.Errorf(registry.EINVALID, "participant id %q is not valid: use lower-case letters, digits and hyphens", p.ID)
	}
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO participants (id, name, country, website) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		p.ID, p.Name, p.Country, p.Website)
	if err != nil {
		return fmt.Errorf("add participant %s: %w", p.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return registry.Errorf(registry.ECONFLICT, "participant %q exists already", p.ID)
	}
	return nil
}

// CreateToken implements registry.Store.
func (s *Store) CreateToken(ctx context.Context, t *registry.Token, hash []byte) error {
	var participant any
	if t.ParticipantID != "" {
		participant = t.ParticipantID
		if _, err := s.Participant(ctx, t.ParticipantID); err != nil {
			return err
		}
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO tokens (participant_id, name, hash, created_at) VALUES (?, ?, ?, ?)`,
		participant, t.Name, hash, formatTime(t.CreatedAt))
	if err != nil {
		return fmt.Errorf("create token %s: %w", t.Name, err)
	}
	t.ID, err = res.LastInsertId()
	return err
}

const tokenColumns = `id, COALESCE(participant_id, ''), name, created_at, last_used_at, revoked_at`

func scanToken(row scanner) (*registry.Token, error) {
	var t registry.Token
	var created, used, revoked string
	if err := row.Scan(&t.ID, &t.ParticipantID, &t.Name, &created, &used, &revoked); err != nil {
		return nil, err
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if t.LastUsedAt, err = parseTime(used); err != nil {
		return nil, err
	}
	if t.RevokedAt, err = parseTime(revoked); err != nil {
		return nil, err
	}
	return &t, nil
}

// TokenByHash implements registry.Store.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (*registry.Token, error) {
	t, err := scanToken(s.db.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hash))
	if isNoRows(err) {
		return nil, registry.Errorf(registry.ENOTFOUND, "no such token")
	}
	if err != nil {
		return nil, fmt.Errorf("look up token: %w", err)
	}
	return t, nil
}

// Tokens implements registry.Store.
func (s *Store) Tokens(ctx context.Context, participantID string) ([]*registry.Token, error) {
	query := `SELECT ` + tokenColumns + ` FROM tokens WHERE participant_id = ? ORDER BY id`
	args := []any{participantID}
	if participantID == "" {
		query, args = `SELECT `+tokenColumns+` FROM tokens WHERE participant_id IS NULL ORDER BY id`, nil
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	out := []*registry.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TouchToken implements registry.Store.
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ?`, formatTime(at), id)
	return err
}

// RevokeToken implements registry.Store.
func (s *Store) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''`, formatTime(at), id)
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return registry.Errorf(registry.ENOTFOUND, "no unrevoked token %d", id)
	}
	return nil
}

// Record implements registry.Store.
func (s *Store) Record(ctx context.Context, e *registry.AuditEntry) error {
	return recordAudit(ctx, s.db, e)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func recordAudit(ctx context.Context, db execer, e *registry.AuditEntry) error {
	res, err := db.ExecContext(ctx, `
		INSERT INTO audit (at, actor, participant_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		formatTime(e.At), e.Actor, e.ParticipantID, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("record %s in the audit log: %w", e.Action, err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

// Audit implements registry.Store.
func (s *Store) Audit(ctx context.Context, participantID string, limit int) ([]*registry.AuditEntry, error) {
	query := `SELECT id, at, actor, participant_id, action, target, detail FROM audit`
	var args []any
	if participantID != "" {
		query += ` WHERE participant_id = ?`
		args = append(args, participantID)
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	out := []*registry.AuditEntry{}
	for rows.Next() {
		var e registry.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.ParticipantID, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, err
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}
