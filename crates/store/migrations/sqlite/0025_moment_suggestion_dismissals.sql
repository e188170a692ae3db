-- Suggested moments an analyst dismissed: not suggested again for that entry.
CREATE TABLE moment_suggestion_dismissals (
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    entry_id      INTEGER NOT NULL REFERENCES timeline_entries (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    dismissed_by  TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (incident_id, entry_id)
);
