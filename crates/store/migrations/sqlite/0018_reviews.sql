-- Review meetings of an incident (issue 11, item 3). Times are UTC; `zone` is the organiser's
-- IANA zone name, kept to show the meeting in the time it was planned in. `uid` is the
-- invitation's stable UID; `sequence` goes up on every change and on cancellation.
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    uid             TEXT    NOT NULL UNIQUE,
    starts_at       TEXT    NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    zone            TEXT    NOT NULL,
    place           TEXT    NOT NULL,
    facilitator_id  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_by      TEXT    NOT NULL,
    sequence        INTEGER NOT NULL DEFAULT 0,
    cancelled       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX reviews_incident ON reviews (incident_id, starts_at);

-- Who is invited: an account or an e-mail address, never both. Their answer is voluntary.
CREATE TABLE review_invitees (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    account_id   INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    email        TEXT,
    answer       TEXT    CHECK (answer IN ('yes', 'no', 'maybe')),
    answered_at  TEXT,
    CHECK ((account_id IS NULL) <> (email IS NULL)),
    UNIQUE (review_id, account_id),
    UNIQUE (review_id, email)
);

-- Who attended, invited or not, and how they took part; recorded by the facilitator.
CREATE TABLE review_attendance (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    account_id  INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    email       TEXT,
    spoke       BOOLEAN NOT NULL DEFAULT FALSE,
    asked       BOOLEAN NOT NULL DEFAULT FALSE,
    added_note  BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK ((account_id IS NULL) <> (email IS NULL)),
    UNIQUE (review_id, account_id),
    UNIQUE (review_id, email)
);

-- The facilitator's notes, each anchored to a section of the narrative (its heading's id).
CREATE TABLE review_notes (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    anchor      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    written_by  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX review_notes_review ON review_notes (review_id);
