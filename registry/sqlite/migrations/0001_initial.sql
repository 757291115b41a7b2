-- The first schema: participants, their sources, the project record of each
-- source's repository, and the history of crawl runs.

CREATE TABLE participants (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	country TEXT NOT NULL,
	website TEXT NOT NULL DEFAULT ''
);

-- A repository belongs to one participant: url is unique across the registry.
CREATE TABLE sources (
	id              INTEGER PRIMARY KEY,
	participant_id  TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
	url             TEXT NOT NULL UNIQUE,
	origin          TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'pending',
	project_id      TEXT NOT NULL UNIQUE,
	last_commit     TEXT NOT NULL DEFAULT '',
	last_crawl_at   TEXT NOT NULL DEFAULT '',
	last_success_at TEXT NOT NULL DEFAULT '',
	last_error      TEXT NOT NULL DEFAULT '',
	failures        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_participant ON sources(participant_id);

-- record holds registry.Record as JSON; the README text, which can be large
-- and is only needed by the search index, sits beside it.
CREATE TABLE projects (
	id           TEXT PRIMARY KEY,
	source_id    INTEGER NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
	indexed_at   TEXT NOT NULL,
	stale        INTEGER NOT NULL DEFAULT 0,
	stale_reason TEXT NOT NULL DEFAULT '',
	record       TEXT NOT NULL,
	readme_text  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE crawl_runs (
	id          INTEGER PRIMARY KEY,
	started_at  TEXT NOT NULL,
	finished_at TEXT NOT NULL DEFAULT '',
	indexed     INTEGER NOT NULL DEFAULT 0,
	unchanged   INTEGER NOT NULL DEFAULT 0,
	failed      INTEGER NOT NULL DEFAULT 0
);
