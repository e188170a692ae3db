-- Content changes, for the servers' page caches (crates/web/src/page_cache.rs): every write to
-- what a page can show adds one to a counter that a server reads before it serves a kept page,
-- so a write by any process (another `lore` command while `lore serve` runs) makes every kept
-- page stale at once. PostgreSQL announces the same changes with NOTIFY instead (its 0031).
--
-- Not counted, because no kept page depends on them at once: reads and reading time (the
-- counts a page shows may be a minute old), reading opt-outs, and what the search index and
-- entry identities derive from counted tables. A timeline entry's insert is not counted either:
-- an import inserts it with its source's row, which is (one count per source, not per entry,
-- keeps a million-row import from updating the counter a million times), nor are the updates an
-- import makes to link replies to their parents (thread_parent_*, in the same transaction as
-- its source's row) or the recomputation of entries' identities (content_hash), which change
-- nothing a page shows.
-- A test (`content_changes_cover_every_table`) fails when a table is added without a decision here.
CREATE TABLE content_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO content_changes (id, n) VALUES (1, 0);
CREATE TRIGGER accounts_changes_insert AFTER INSERT ON accounts BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER accounts_changes_update AFTER UPDATE ON accounts BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER accounts_changes_delete AFTER DELETE ON accounts BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER annotations_changes_insert AFTER INSERT ON annotations BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER annotations_changes_update AFTER UPDATE ON annotations BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER annotations_changes_delete AFTER DELETE ON annotations BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_nominations_changes_insert AFTER INSERT ON award_nominations BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_nominations_changes_update AFTER UPDATE ON award_nominations BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_nominations_changes_delete AFTER DELETE ON award_nominations BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_rounds_changes_insert AFTER INSERT ON award_rounds BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_rounds_changes_update AFTER UPDATE ON award_rounds BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_rounds_changes_delete AFTER DELETE ON award_rounds BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_votes_changes_insert AFTER INSERT ON award_votes BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_votes_changes_update AFTER UPDATE ON award_votes BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER award_votes_changes_delete AFTER DELETE ON award_votes BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER channel_members_changes_insert AFTER INSERT ON channel_members BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER channel_members_changes_update AFTER UPDATE ON channel_members BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER channel_members_changes_delete AFTER DELETE ON channel_members BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER comment_versions_changes_insert AFTER INSERT ON comment_versions BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER comment_versions_changes_update AFTER UPDATE ON comment_versions BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER comment_versions_changes_delete AFTER DELETE ON comment_versions BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER comments_changes_insert AFTER INSERT ON comments BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER comments_changes_update AFTER UPDATE ON comments BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER comments_changes_delete AFTER DELETE ON comments BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER flag_dismissals_changes_insert AFTER INSERT ON flag_dismissals BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER flag_dismissals_changes_update AFTER UPDATE ON flag_dismissals BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER flag_dismissals_changes_delete AFTER DELETE ON flag_dismissals BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER git_references_changes_insert AFTER INSERT ON git_references BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER git_references_changes_update AFTER UPDATE ON git_references BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER git_references_changes_delete AFTER DELETE ON git_references BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER git_repositories_changes_insert AFTER INSERT ON git_repositories BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER git_repositories_changes_update AFTER UPDATE ON git_repositories BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER git_repositories_changes_delete AFTER DELETE ON git_repositories BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER glossary_terms_changes_insert AFTER INSERT ON glossary_terms BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER glossary_terms_changes_update AFTER UPDATE ON glossary_terms BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER glossary_terms_changes_delete AFTER DELETE ON glossary_terms BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER images_changes_insert AFTER INSERT ON images BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER images_changes_update AFTER UPDATE ON images BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER images_changes_delete AFTER DELETE ON images BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_access_changes_insert AFTER INSERT ON incident_access BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_access_changes_update AFTER UPDATE ON incident_access BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_access_changes_delete AFTER DELETE ON incident_access BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_aliases_changes_insert AFTER INSERT ON incident_aliases BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_aliases_changes_update AFTER UPDATE ON incident_aliases BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_aliases_changes_delete AFTER DELETE ON incident_aliases BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_links_changes_insert AFTER INSERT ON incident_links BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_links_changes_update AFTER UPDATE ON incident_links BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_links_changes_delete AFTER DELETE ON incident_links BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_slug_history_changes_insert AFTER INSERT ON incident_slug_history BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_slug_history_changes_update AFTER UPDATE ON incident_slug_history BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incident_slug_history_changes_delete AFTER DELETE ON incident_slug_history BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incidents_changes_insert AFTER INSERT ON incidents BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incidents_changes_update AFTER UPDATE ON incidents BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER incidents_changes_delete AFTER DELETE ON incidents BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER moment_suggestion_dismissals_changes_insert AFTER INSERT ON moment_suggestion_dismissals BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER moment_suggestion_dismissals_changes_update AFTER UPDATE ON moment_suggestion_dismissals BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER moment_suggestion_dismissals_changes_delete AFTER DELETE ON moment_suggestion_dismissals BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER narratives_changes_insert AFTER INSERT ON narratives BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER narratives_changes_update AFTER UPDATE ON narratives BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER narratives_changes_delete AFTER DELETE ON narratives BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER people_changes_insert AFTER INSERT ON people BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER people_changes_update AFTER UPDATE ON people BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER people_changes_delete AFTER DELETE ON people BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_handles_changes_insert AFTER INSERT ON person_handles BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_handles_changes_update AFTER UPDATE ON person_handles BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_handles_changes_delete AFTER DELETE ON person_handles BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_merge_moves_changes_insert AFTER INSERT ON person_merge_moves BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_merge_moves_changes_update AFTER UPDATE ON person_merge_moves BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_merge_moves_changes_delete AFTER DELETE ON person_merge_moves BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_merges_changes_insert AFTER INSERT ON person_merges BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_merges_changes_update AFTER UPDATE ON person_merges BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER person_merges_changes_delete AFTER DELETE ON person_merges BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER perspectives_changes_insert AFTER INSERT ON perspectives BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER perspectives_changes_update AFTER UPDATE ON perspectives BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER perspectives_changes_delete AFTER DELETE ON perspectives BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reading_list_items_changes_insert AFTER INSERT ON reading_list_items BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reading_list_items_changes_update AFTER UPDATE ON reading_list_items BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reading_list_items_changes_delete AFTER DELETE ON reading_list_items BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reading_lists_changes_insert AFTER INSERT ON reading_lists BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reading_lists_changes_update AFTER UPDATE ON reading_lists BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reading_lists_changes_delete AFTER DELETE ON reading_lists BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_attendance_changes_insert AFTER INSERT ON review_attendance BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_attendance_changes_update AFTER UPDATE ON review_attendance BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_attendance_changes_delete AFTER DELETE ON review_attendance BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_invitees_changes_insert AFTER INSERT ON review_invitees BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_invitees_changes_update AFTER UPDATE ON review_invitees BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_invitees_changes_delete AFTER DELETE ON review_invitees BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_notes_changes_insert AFTER INSERT ON review_notes BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_notes_changes_update AFTER UPDATE ON review_notes BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER review_notes_changes_delete AFTER DELETE ON review_notes BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reviews_changes_insert AFTER INSERT ON reviews BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reviews_changes_update AFTER UPDATE ON reviews BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER reviews_changes_delete AFTER DELETE ON reviews BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER sessions_changes_insert AFTER INSERT ON sessions BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER sessions_changes_update AFTER UPDATE ON sessions BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER sessions_changes_delete AFTER DELETE ON sessions BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER sources_changes_insert AFTER INSERT ON sources BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER sources_changes_update AFTER UPDATE ON sources BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER sources_changes_delete AFTER DELETE ON sources BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER stories_changes_insert AFTER INSERT ON stories BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER stories_changes_update AFTER UPDATE ON stories BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER stories_changes_delete AFTER DELETE ON stories BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER timeline_entries_changes_update AFTER UPDATE OF incident_id, source_id, seq, occurred_at, time_text, time_zone, author_person_id, kind, body, noise, channel, prov_path, prov_line, raw ON timeline_entries BEGIN UPDATE content_changes SET n = n + 1; END;
CREATE TRIGGER timeline_entries_changes_delete AFTER DELETE ON timeline_entries BEGIN UPDATE content_changes SET n = n + 1; END;
