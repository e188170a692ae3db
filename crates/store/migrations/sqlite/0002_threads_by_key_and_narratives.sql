-- Threads are linked by the parent's source id after an import's entries are in (so bulk
-- inserts need no per-row ids, and a reply can wait for a parent from a later import).
ALTER TABLE timeline_entries ADD COLUMN thread_parent_key TEXT;
CREATE INDEX timeline_entries_orphans ON timeline_entries (incident_id) WHERE thread_parent_key IS NOT NULL AND thread_parent_id IS NULL;

-- The write-up's narrative, versioned: every save is a new row; the highest version is current.
CREATE TABLE narratives (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    body        TEXT    NOT NULL,
    author      TEXT,
    created_at  TEXT    NOT NULL,
    UNIQUE (incident_id, version)
);
