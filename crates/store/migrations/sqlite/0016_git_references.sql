-- Identifiers an analyst adds to an incident so that other systems' names for it are
-- recognised: INC-3117, a ticket key, a status page id. A scan of git repositories looks for
-- these beside the slug and the permalink. One alias names one incident, in any case.
CREATE TABLE incident_aliases (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    alias        TEXT    NOT NULL,
    alias_key    TEXT    NOT NULL UNIQUE,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX incident_aliases_incident ON incident_aliases (incident_id);

-- Each local repository `lore scan git` has read, with the scanner's state (JSON) so that the
-- next scan reads only what changed. `path` is where it is on this machine (for rescans, never
-- shown to readers); `name` is what readers see.
CREATE TABLE git_repositories (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    head        TEXT,
    state       TEXT    NOT NULL,
    scanned_at  TEXT    NOT NULL
);

-- One citation of an incident in a repository: a line of a commit message, or a line of a file
-- at HEAD (code, doc, config or other). File references are replaced path by path on each
-- scan; commit references only grow (commits do not change), unless history was rewritten.
CREATE TABLE git_references (
    id             INTEGER PRIMARY KEY,
    repository_id  INTEGER NOT NULL REFERENCES git_repositories (id) ON DELETE CASCADE,
    incident_id    INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('commit', 'code', 'doc', 'config', 'other')),
    commit_id      TEXT    NOT NULL,
    path           TEXT,
    line           INTEGER NOT NULL,
    matched        TEXT    NOT NULL,
    author         TEXT,
    committed_at   TEXT,
    line_text      TEXT    NOT NULL
);
CREATE INDEX git_references_incident ON git_references (incident_id);
CREATE INDEX git_references_path ON git_references (repository_id, path);
