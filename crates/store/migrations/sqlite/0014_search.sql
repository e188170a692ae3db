-- Search across incidents. Everything a reader can find that is not a timeline entry is one
-- row of search_docs: an incident's title and summary, each section of its current narrative,
-- each perspective, each moment, each glossary term. The store replaces an owner's rows in the
-- same transaction as the write that changed it (src/search/index.rs). Timeline entries stay
-- in timeline_entries, indexed by timeline_fts.
CREATE TABLE search_docs (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER REFERENCES incidents (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('incident', 'narrative', 'perspective', 'moment', 'glossary', 'comment', 'reference')),
    ref_id       INTEGER,
    anchor       TEXT    NOT NULL DEFAULT '',
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    person       TEXT
);
CREATE INDEX search_docs_owner ON search_docs (kind, incident_id, ref_id);
CREATE INDEX search_docs_incident ON search_docs (incident_id);

-- Tokens are runs of letters and digits, case folded, accents kept: what PostgreSQL's
-- 'simple' configuration makes of the same text (see the PostgreSQL migration), so both
-- stores find the same things.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title,
    body,
    content = 'search_docs',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
-- Documents are few and small beside timeline entries: triggers keep the index exact.
CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

-- The timeline index, rebuilt with the same tokenizer (accents kept).
DROP TABLE timeline_fts;
CREATE VIRTUAL TABLE timeline_fts USING fts5 (
    body,
    content = 'timeline_entries',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO timeline_fts (timeline_fts) VALUES ('rebuild');

-- Set when search_docs must be built from what is stored (after this migration, for data
-- written before it); the store builds it on start and clears the flag.
CREATE TABLE search_index_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    needs_rebuild  BOOLEAN NOT NULL
);
INSERT INTO search_index_state (id, needs_rebuild) VALUES (1, TRUE);
