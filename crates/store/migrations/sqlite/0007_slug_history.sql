-- Slugs an incident had before it was renamed, so old links keep working.
CREATE TABLE incident_slug_history (
    old_slug     TEXT    PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    renamed_at   TEXT    NOT NULL
);
