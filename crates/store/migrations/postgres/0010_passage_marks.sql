-- A moment can be marked on words of the narrative as well as on timeline entries: the entry
-- columns become optional and the quoted passage (with the narrative version it was marked on)
-- is kept instead.
ALTER TABLE annotations ALTER COLUMN first_entry_id DROP NOT NULL;
ALTER TABLE annotations ALTER COLUMN last_entry_id DROP NOT NULL;
ALTER TABLE annotations ADD COLUMN passage TEXT;
ALTER TABLE annotations ADD COLUMN narrative_version BIGINT;
ALTER TABLE annotations ADD CONSTRAINT annotations_entries_both
    CHECK ((first_entry_id IS NULL) = (last_entry_id IS NULL));
ALTER TABLE annotations ADD CONSTRAINT annotations_one_target
    CHECK ((first_entry_id IS NULL) <> (passage IS NULL));
CREATE INDEX annotations_theme ON annotations (theme, incident_id);
