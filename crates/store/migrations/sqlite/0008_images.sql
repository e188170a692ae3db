-- Images attached to a write-up, kept in the database so every server can serve them.
CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,
    uploaded_by   TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);
CREATE INDEX images_incident ON images (incident_id);
