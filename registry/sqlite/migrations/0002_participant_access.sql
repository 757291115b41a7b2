-- Participants manage their own entries: API tokens (stored as hashes),
-- an audit log, organisation sources whose repositories are discovered,
-- and redirects for repositories renamed at their host.

ALTER TABLE sources ADD COLUMN kind TEXT NOT NULL DEFAULT 'repo';
ALTER TABLE sources ADD COLUMN host TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN filters TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sources ADD COLUMN parent_id INTEGER REFERENCES sources(id) ON DELETE CASCADE;
ALTER TABLE sources ADD COLUMN host_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN renamed_to TEXT NOT NULL DEFAULT '';
CREATE INDEX sources_parent ON sources(parent_id);

CREATE TABLE tokens (
	id             INTEGER PRIMARY KEY,
	participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE, -- NULL: an operator token
	name           TEXT NOT NULL,
	hash           BLOB NOT NULL UNIQUE,
	created_at     TEXT NOT NULL,
	last_used_at   TEXT NOT NULL DEFAULT '',
	revoked_at     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit (
	id             INTEGER PRIMARY KEY,
	at             TEXT NOT NULL,
	actor          TEXT NOT NULL,
	participant_id TEXT NOT NULL,
	action         TEXT NOT NULL,
	target         TEXT NOT NULL,
	detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_participant ON audit(participant_id, id);

CREATE TABLE redirects (
	old_project_id TEXT PRIMARY KEY,
	new_project_id TEXT NOT NULL
);
