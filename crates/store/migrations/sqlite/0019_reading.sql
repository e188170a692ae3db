-- Who opened which write-up, when, and (with JavaScript) for how long they read it: the first
-- signal that anyone is learning from it. One row per visit; a reload within half an hour is
-- the same visit. Readers see their own rows; everyone else sees counts.
CREATE TABLE reads (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    read_at      TEXT    NOT NULL,
    seconds      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reads_incident ON reads (incident_id, read_at);
CREATE INDEX reads_account ON reads (account_id, read_at);

-- People who switched recording off (from then on nothing of theirs is recorded).
CREATE TABLE reading_opt_outs (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    since       TEXT    NOT NULL
);
