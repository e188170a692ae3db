-- The second reader's flags a writer dismissed, with their reason, kept with the narrative
-- version saved at the same time. A later draft with the same flag (category and sentence)
-- shows it as dismissed, with the reason.
CREATE TABLE flag_dismissals (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    category      TEXT    NOT NULL CHECK (category IN ('counterfactual', 'blame', 'minimiser', 'single-cause')),
    sentence      TEXT    NOT NULL,
    span          TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    dismissed_by  TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);
CREATE INDEX flag_dismissals_incident ON flag_dismissals (incident_id, version);
