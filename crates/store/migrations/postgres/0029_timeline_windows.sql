-- The incident page reads its timeline a window at a time, by keyset on (occurred_at, id), and
-- counts what a filter selects. This index replaces timeline_entries_time (the same key) and
-- includes every column a filter tests, so windows and counts can be index-only scans.
DROP INDEX timeline_entries_time;
CREATE INDEX timeline_entries_window ON timeline_entries (incident_id, occurred_at, id)
    INCLUDE (noise, source_id, author_person_id, kind, channel);
