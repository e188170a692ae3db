-- A moment can be marked on words of the narrative as well as on timeline entries: the entry
-- columns become optional and the quoted passage (with the narrative version it was marked on)
-- is kept instead. SQLite cannot drop NOT NULL in place, so the table is rebuilt.
CREATE TABLE annotations_new (
    id                 INTEGER PRIMARY KEY,
    incident_id        INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    first_entry_id     INTEGER REFERENCES timeline_entries (id) ON DELETE CASCADE,
    last_entry_id      INTEGER REFERENCES timeline_entries (id) ON DELETE CASCADE,
    passage            TEXT,
    narrative_version  INTEGER,
    theme              TEXT    NOT NULL,
    tag                TEXT,
    note               TEXT    NOT NULL DEFAULT '',
    author             TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    CHECK ((first_entry_id IS NULL) = (last_entry_id IS NULL)),
    CHECK ((first_entry_id IS NULL) <> (passage IS NULL))
);
INSERT INTO annotations_new (id, incident_id, first_entry_id, last_entry_id, theme, tag, note,
                             author, created_at)
    SELECT id, incident_id, first_entry_id, last_entry_id, theme, tag, note, author, created_at
    FROM annotations;
DROP TABLE annotations;
ALTER TABLE annotations_new RENAME TO annotations;
CREATE INDEX annotations_incident ON annotations (incident_id);
CREATE INDEX annotations_theme ON annotations (theme, incident_id);
