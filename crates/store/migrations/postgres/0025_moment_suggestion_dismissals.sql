-- See ../sqlite/0025_moment_suggestion_dismissals.sql.
CREATE TABLE moment_suggestion_dismissals (
    incident_id   BIGINT      NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    entry_id      BIGINT      NOT NULL REFERENCES timeline_entries (id) ON DELETE CASCADE,
    kind          TEXT        NOT NULL,
    dismissed_by  TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, entry_id)
);
