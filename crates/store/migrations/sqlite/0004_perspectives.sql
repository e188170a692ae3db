-- Each person's own account, or an interview write-up: kept side by side, never merged.
CREATE TABLE perspectives (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    person       TEXT    NOT NULL,
    written_by   TEXT    NOT NULL,
    interview    BOOLEAN NOT NULL DEFAULT FALSE,
    body         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX perspectives_incident ON perspectives (incident_id);
