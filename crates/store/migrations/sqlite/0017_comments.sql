-- Comments on an incident: threaded (parent_id, in the same incident), optionally anchored to
-- a narrative section (anchor_section), an entry, a moment or a perspective (anchor_id). The
-- current text is in comments.body; each edit moves the text it replaces to comment_versions.
-- A removed comment keeps its row (so its replies keep their place) with its text emptied and
-- its earlier versions deleted.
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    author          TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    anchor_kind     TEXT    CHECK (anchor_kind IN ('section', 'entry', 'moment', 'perspective')),
    anchor_section  TEXT,
    anchor_id       INTEGER,
    created_at      TEXT    NOT NULL,
    edited_at       TEXT,
    removed_by      TEXT,
    removed_at      TEXT
);
CREATE INDEX comments_incident ON comments (incident_id, created_at);

CREATE TABLE comment_versions (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body        TEXT    NOT NULL,
    written_at  TEXT    NOT NULL
);
CREATE INDEX comment_versions_comment ON comment_versions (comment_id);
