-- The incident page reads its timeline a window at a time, by keyset on (occurred_at, id), and
-- counts what a filter selects. This index replaces timeline_entries_time (its first three
-- columns) and carries every column a filter tests, so windows and counts are read from the
-- index alone: a filter's count steps over index entries, never over the rows' text.
DROP INDEX timeline_entries_time;
CREATE INDEX timeline_entries_window ON timeline_entries
    (incident_id, occurred_at, id, noise, source_id, author_person_id, kind, channel);
