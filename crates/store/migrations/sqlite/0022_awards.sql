-- The yearly award for the most memorable incident story. An admin sets each round's windows
-- and rules; during the nomination window anyone signed in nominates incidents they may read,
-- each with a reason (several people may nominate the same incident, every reason is kept);
-- then, until voting closes, each person has one vote, which they may change; the results
-- and the winner are shown after the close. A round's phase is computed from its three
-- instants and the time asked about, never stored.
CREATE TABLE award_rounds (
    id                    INTEGER PRIMARY KEY,
    year                  INTEGER NOT NULL UNIQUE,
    title                 TEXT    NOT NULL,
    rules                 TEXT    NOT NULL DEFAULT '',
    nominations_open_at   TEXT    NOT NULL,
    nominations_close_at  TEXT    NOT NULL,
    voting_close_at       TEXT    NOT NULL,
    created_by            TEXT    NOT NULL,
    created_at            TEXT    NOT NULL,
    CHECK (nominations_open_at < nominations_close_at AND nominations_close_at < voting_close_at)
);

CREATE TABLE award_nominations (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES award_rounds (id) ON DELETE CASCADE,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    nominated_by  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    UNIQUE (round_id, incident_id, nominated_by)
);
CREATE INDEX award_nominations_incident ON award_nominations (incident_id);

-- One vote per person per round; voting again replaces it.
CREATE TABLE award_votes (
    round_id     INTEGER NOT NULL REFERENCES award_rounds (id) ON DELETE CASCADE,
    voter_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    voted_at     TEXT    NOT NULL,
    PRIMARY KEY (round_id, voter_id)
);
CREATE INDEX award_votes_incident ON award_votes (round_id, incident_id);
