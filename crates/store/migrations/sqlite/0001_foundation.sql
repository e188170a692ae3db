-- Lore's foundation schema, SQLite dialect. Keep in step with ../postgres/0001_foundation.sql:
-- a test checks that both produce the same tables and columns.
-- Instants are TEXT in a fixed-width UTC form (see src/db_time.rs), so text order is time order.

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    display_name  TEXT    NOT NULL,
    merged_into   INTEGER REFERENCES people (id),
    created_at    TEXT    NOT NULL
);

CREATE TABLE person_handles (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    source_kind  TEXT    NOT NULL,
    handle       TEXT    NOT NULL,
    UNIQUE (source_kind, handle)
);
CREATE INDEX person_handles_person ON person_handles (person_id);

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE,
    password_hash        TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
    person_id            INTEGER REFERENCES people (id),
    created_at           TEXT    NOT NULL,
    password_changed_at  TEXT    NOT NULL
);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL DEFAULT '',
    severity     TEXT,
    services     TEXT    NOT NULL DEFAULT '[]',
    tags         TEXT    NOT NULL DEFAULT '[]',
    restricted   BOOLEAN NOT NULL DEFAULT FALSE,
    started_at   TEXT,
    detected_at  TEXT,
    resolved_at  TEXT,
    created_at   TEXT    NOT NULL
);
CREATE INDEX incidents_created_at ON incidents (created_at);

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    imported_at   TEXT    NOT NULL,
    imported_by   TEXT,
    entry_count   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (incident_id, content_hash)
);

CREATE TABLE timeline_entries (
    id                INTEGER PRIMARY KEY,
    incident_id       INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    source_id         INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    occurred_at       TEXT    NOT NULL,
    time_text         TEXT    NOT NULL,
    time_zone         TEXT,
    author_person_id  INTEGER REFERENCES people (id),
    kind              TEXT    NOT NULL,
    body              TEXT    NOT NULL CHECK (length(body) <= 1048576),
    thread_parent_id  INTEGER REFERENCES timeline_entries (id),
    message_key       TEXT,
    noise             BOOLEAN NOT NULL DEFAULT FALSE,
    prov_path         TEXT    NOT NULL,
    prov_line         INTEGER,
    raw               TEXT    NOT NULL,
    content_hash      TEXT    NOT NULL,
    UNIQUE (incident_id, content_hash)
);
CREATE INDEX timeline_entries_time ON timeline_entries (incident_id, occurred_at, id);
CREATE INDEX timeline_entries_message_key ON timeline_entries (incident_id, message_key);

-- Full-text search over entry bodies. External content: the index holds no second copy of the
-- text. Fed in bulk by each import (not by per-row triggers, which are several times slower).
CREATE VIRTUAL TABLE timeline_fts USING fts5 (
    body,
    content = 'timeline_entries',
    content_rowid = 'id'
);
