-- An entry's identity (timeline_entries.content_hash) now includes the conversation it was
-- said in: its channel, or the file's name for sources without channels (Slack's `ts` is
-- unique per channel only, so one message in two channels was stored once). The new identity
-- is a hash of the old one and the conversation (lore_core::entry_identity), which SQL cannot
-- compute on SQLite: the store recomputes every stored entry's identity from its stored
-- columns (content_hash, channel, prov_path) on start, in one transaction, and clears the
-- flag. Every stored entry is kept. Keep in step with the other backend's 0026.
CREATE TABLE entry_identity_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    needs_rehash   BOOLEAN NOT NULL
);
INSERT INTO entry_identity_state (id, needs_rehash) VALUES (1, TRUE);
