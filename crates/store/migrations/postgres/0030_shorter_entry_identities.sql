-- Entry identities are now 32 hex digits: see ../sqlite/0030_shorter_entry_identities.sql.
-- Also compared byte by byte (COLLATE "C"): they are hex digits, whose order under the
-- database's collation means nothing, and each comparison through the locale cost more than
-- the lookup needs.
UPDATE timeline_entries SET content_hash = left(content_hash, 32)
WHERE length(content_hash) > 32
  AND NOT (SELECT needs_rehash FROM entry_identity_state WHERE id = 1);
ALTER TABLE timeline_entries ALTER COLUMN content_hash TYPE TEXT COLLATE "C";
