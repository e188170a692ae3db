-- Nothing to change on SQLite; the number keeps the two migration sets in step. PostgreSQL's
-- 0032 adds id to timeline_entries_message_key so that the import's parent probe (the first
-- entry, by id, with a thread key) is answered by that index alone. SQLite's index on
-- (incident_id, message_key) already ends with the rowid, which is id, and its planner takes
-- it for the same probe on an empty table (import/sqlite.rs, FIND_PARENT).
SELECT 1;
