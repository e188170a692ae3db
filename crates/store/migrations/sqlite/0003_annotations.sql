-- Analysts' marks on the record: a theme (or own tag) and a note on an entry or a range.
CREATE TABLE annotations (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    first_entry_id  INTEGER NOT NULL REFERENCES timeline_entries (id) ON DELETE CASCADE,
    last_entry_id   INTEGER NOT NULL REFERENCES timeline_entries (id) ON DELETE CASCADE,
    theme           TEXT    NOT NULL,
    tag             TEXT,
    note            TEXT    NOT NULL DEFAULT '',
    author          TEXT    NOT NULL,
    created_at      TEXT    NOT NULL
);
CREATE INDEX annotations_incident ON annotations (incident_id);
