-- An import links each staged reply to its parent with one probe per row (import/postgres.rs,
-- INSERT_STAGED): the first entry, by id, of the incident with the reply's thread key. That
-- statement is planned once, at the import's first batch, when the incident usually has no
-- entries yet, and the plan is kept for the whole import (a statement without parameters
-- keeps its one plan; nothing in the import invalidates it). On an empty table every index
-- that begins with incident_id costs the same for that probe, and PostgreSQL took the one
-- created last: timeline_entries_window after 0029, the unique (incident_id, content_hash)
-- index after 0030 rebuilt it. Each probe then read every entry of the incident, so an import
-- slowed with the square of its size (100,000 Slack messages: 152 s).
-- With id as its last column this index answers the probe's ORDER BY id LIMIT 1 by itself,
-- so it is the cheapest plan at any size, empty or not, whatever index comes later.
DROP INDEX timeline_entries_message_key;
CREATE INDEX timeline_entries_message_key ON timeline_entries (incident_id, message_key, id);
