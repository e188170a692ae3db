-- Conversations: which channel each entry was said in, and who was in each channel, so that a
-- page can show what one person could have read at a given moment. Keep in step with
-- ../postgres/0009_channels.sql: a test checks that both produce the same tables and columns.

-- NULL for entries from sources that are not conversations, and for entries stored before
-- channels were kept.
ALTER TABLE timeline_entries ADD COLUMN channel TEXT;

-- Membership as a source lists it (Slack's `members`), one row per person per channel per
-- source; people who spoke in a channel are found from their entries as well.
CREATE TABLE channel_members (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    UNIQUE (source_id, channel, person_id)
);
CREATE INDEX channel_members_person ON channel_members (incident_id, person_id);
