-- Entry identities (timeline_entries.content_hash) are now the first 32 hex digits (128 bits)
-- of the SHA-256 instead of all 64 (lore_core::entry_identity): every imported entry is looked
-- up at a random place in the unique (incident_id, content_hash) index, and a narrower key
-- keeps more of that index in the page cache (1,000,000 entries: about 81 MiB of index at 64
-- digits). Cutting a stored identity gives exactly the new one. Identities still waiting for
-- migration 0026's recomputation (entry_identity_state.needs_rehash) are record hashes that the
-- recomputation needs whole: it writes them already cut. Keep in step with the other backend's
-- 0030.
UPDATE timeline_entries SET content_hash = substr(content_hash, 1, 32)
WHERE length(content_hash) > 32
  AND NOT (SELECT needs_rehash FROM entry_identity_state WHERE id = 1);
