-- Content changes, for the servers' page caches (crates/web/src/page_cache.rs): every statement
-- that writes what a page can show announces its table on the channel `lore_changes` (delivered
-- at commit, once per table and transaction however many statements), and every server sharing this
-- database listens and treats its kept pages as stale at once. SQLite counts the same changes
-- in a table instead (its 0031).
--
-- Not announced, because no kept page depends on them at once: reads and reading time,
-- reading opt-outs, and what the search index and entry identities derive from announced
-- tables. A test (`content_changes_cover_every_table`) fails when a table is added without a
-- decision here.
CREATE FUNCTION lore_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lore_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['accounts', 'annotations', 'award_nominations', 'award_rounds', 'award_votes', 'channel_members', 'comment_versions', 'comments', 'flag_dismissals', 'git_references', 'git_repositories', 'glossary_terms', 'images', 'incident_access', 'incident_aliases', 'incident_links', 'incident_slug_history', 'incidents', 'moment_suggestion_dismissals', 'narratives', 'people', 'person_handles', 'person_merge_moves', 'person_merges', 'perspectives', 'reading_list_items', 'reading_lists', 'review_attendance', 'review_invitees', 'review_notes', 'reviews', 'sessions', 'sources', 'stories', 'timeline_entries']
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION lore_announce_change()',
            t || '_changes', t);
    END LOOP;
END
$$;
