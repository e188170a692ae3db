-- Every merge of people's records, so that undoing one puts back exactly the pointers it
-- changed, and the record says who merged whom and when. Keep in step with
-- ../postgres/0012_person_merges.sql: a test checks that both produce the same tables and
-- columns.
CREATE TABLE person_merges (
    id              INTEGER PRIMARY KEY,
    -- The record the merge was asked for, and the one it was merged into: the record `into`
    -- resolved to, which was not itself merged at the time (merges are one level deep).
    from_person_id  INTEGER NOT NULL REFERENCES people (id),
    into_person_id  INTEGER NOT NULL REFERENCES people (id),
    merged_by       TEXT    NOT NULL,
    merged_at       TEXT    NOT NULL,
    -- Set when the merge was undone; an undone merge is kept, and is no longer undoable.
    undone_by       TEXT,
    undone_at       TEXT
);

-- The records one merge moved, and where each pointed before: `from` itself (NULL, or the
-- person it was merged into before), and every record merged into `from` earlier, which
-- followed it to `into` (previously `from`).
CREATE TABLE person_merge_moves (
    merge_id       INTEGER NOT NULL REFERENCES person_merges (id),
    person_id      INTEGER NOT NULL REFERENCES people (id),
    previous_into  INTEGER REFERENCES people (id),
    PRIMARY KEY (merge_id, person_id)
);
CREATE INDEX person_merge_moves_person ON person_merge_moves (person_id, merge_id);

-- Merges made before they were recorded: one merge each, moving the record from being its own
-- person. Who made them is not known; the time is the record's creation, the earliest they
-- can have been made.
INSERT INTO person_merges (from_person_id, into_person_id, merged_by, merged_at)
    SELECT id, merged_into, '(before merges were recorded)', created_at FROM people
    WHERE merged_into IS NOT NULL ORDER BY id;
INSERT INTO person_merge_moves (merge_id, person_id, previous_into)
    SELECT id, from_person_id, NULL FROM person_merges;
