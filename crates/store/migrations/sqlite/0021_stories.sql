-- Stories from anyone: a short account of an incident (one Lore knows, or one it has no record
-- of) that analysts turn into a perspective (with the author's consent), attach to an
-- incident, or start a new incident from.
CREATE TABLE stories (
    id               INTEGER PRIMARY KEY,
    author_id        INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    incident_id      INTEGER REFERENCES incidents (id) ON DELETE SET NULL,
    about            TEXT    NOT NULL DEFAULT '',
    title            TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    consent          BOOLEAN NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'perspective', 'attached', 'incident')),
    perspective_id   INTEGER REFERENCES perspectives (id) ON DELETE SET NULL,
    handled_by       TEXT,
    handled_at       TEXT,
    created_at       TEXT    NOT NULL
);
CREATE INDEX stories_status ON stories (status, created_at);
CREATE INDEX stories_author ON stories (author_id, created_at);
