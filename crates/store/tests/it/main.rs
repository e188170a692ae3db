//! The store's test suite. Every test in `cases` runs twice: against SQLite in a temporary
//! directory (`sqlite::…`) and against a real PostgreSQL server (`postgres::…`), whose address
//! `cargo xtask test` passes in `LORE_TEST_DATABASE_URL`. Each PostgreSQL test gets a database
//! of its own, so tests run in parallel without seeing each other.

mod cases;
mod fixtures;

/// Declares each case once per backend.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    let db = crate::fixtures::sqlite().await;
                    crate::cases::$case(&db.store).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    let Some(db) = crate::fixtures::postgres().await else { return };
                    crate::cases::$case(&db.store).await;
                }
            )*
        }
    };
}

on_both_backends!(
    content_changes_cover_every_table,
    content_writes_are_seen_and_reads_are_not,
    windows_page_forward_and_back_over_every_entry_once,
    chat_lines_page_over_every_entry_once,
    slice_counts_are_exact_for_every_filter,
    the_library_pages_by_keyset_and_hides_the_restricted,
    replies_to_threads_begun_before_the_export_stay_replies,
    same_message_in_two_channels_is_two_entries,
    entries_stored_before_identities_had_channels_are_not_added_again,
    identities_stored_whole_are_cut_to_what_imports_compute,
    an_import_finds_reply_parents_by_key_from_an_empty_incident,
    comments_thread_and_anchor_within_their_incident,
    comment_edits_keep_history_and_removal_keeps_replies,
    comment_long_tail_counts_by_age,
    comments_come_in_pages_with_their_latest_versions,
    flag_dismissals_are_kept_with_their_version,
    set_aside_moment_suggestions_stay_set_aside,
    restricted_comments_are_found_and_cite_only_for_readers,
    incidents_round_trip_with_times_in_utc,
    incident_slugs_are_unique,
    library_lists_newest_first_and_hides_restricted,
    accounts_have_unique_names_and_changeable_roles,
    password_change_moves_the_session_cutoff,
    sessions_expire_and_can_be_deleted,
    import_links_people_threads_and_provenance,
    importing_the_same_file_twice_adds_nothing,
    overlapping_files_skip_entries_already_present,
    failed_import_leaves_the_store_as_it_was,
    timeline_orders_by_instant_across_offsets,
    two_writers_do_not_lose_imports,
    file_describing_incidents_creates_or_attaches_them,
    failed_incident_import_creates_nothing,
    replies_find_parents_imported_later,
    streamed_import_commits_once_and_rolls_back_when_dropped,
    awkward_text_round_trips_exactly,
    annotations_mark_entries_of_their_own_incident_only,
    moments_are_searchable_across_visible_incidents,
    merged_people_read_as_one_and_can_be_unmerged,
    undo_puts_back_exactly_what_each_merge_moved,
    merges_stay_within_the_sight_of_whoever_makes_them,
    channel_joins_are_kept_earliest_and_follow_merges,
    perspectives_are_kept_side_by_side,
    stale_narrative_saves_are_refused,
    glossary_terms_are_unique_in_any_case,
    restricted_incidents_open_only_to_their_access_list,
    renamed_incidents_remember_their_old_slugs,
    images_belong_to_their_incident,
    channels_round_trip_and_members_come_back_by_person,
    failed_import_leaves_no_channel_members,
    entry_row_declaration_matches_the_table,
    writings_of_restricted_incidents_reach_only_their_readers,
    search_finds_words_phrases_prefixes_and_leaves_out_exclusions,
    search_ranks_titles_over_chat_and_pages_groups,
    search_filters_narrow_and_facets_count,
    restricted_incidents_are_found_by_no_one_without_access,
    search_operators_in_text_are_only_words,
    search_index_follows_saves_and_rebuilds_the_same,
    aliases_name_one_incident_in_any_case,
    git_scans_replace_file_references_path_by_path,
    library_pages_and_narrows_by_the_same_facets,
    write_ups_that_read_alike_are_related_by_their_words,
    a_search_reads_at_most_the_cap_and_says_so,
    reads_are_counted_for_all_and_listed_only_for_the_reader,
    reading_lists_keep_order_hide_restricted_and_show_progress,
    a_reading_list_holds_a_bounded_number_of_incidents,
    anniversaries_and_recent_write_ups_follow_the_access_rule,
    learning_signals_count_by_month_within_sight,
    incident_signals_count_by_age_since_the_end,
    dashboard_lists_only_what_the_viewer_may_see,
    comment_ages_follow_the_end_of_their_incident,
    stories_are_handled_once_and_hidden_with_their_incident,
    links_are_kept_by_id_and_replaced_on_each_save,
    citations_from_restricted_incidents_reach_only_their_readers,
    related_incidents_come_with_their_reasons,
    reviews_are_scheduled_changed_answered_attended_and_cancelled,
    reviews_of_restricted_incidents_reach_only_their_readers,
    award_rounds_are_set_by_admins_within_valid_windows,
    award_nominations_and_votes_keep_their_windows,
    award_of_restricted_incidents_reaches_only_their_readers,
);

/// SQLite only: PostgreSQL has no per-connection page cache to enlarge.
#[tokio::test]
async fn big_sqlite_import_puts_its_cache_back() {
    cases::big_sqlite_import_puts_its_cache_back(&fixtures::sqlite().await.store).await;
}

/// SQLite only: a new store gets 16 KiB pages; a file made before with SQLite's default 4 KiB
/// keeps its pages (SQLite cannot change them without rewriting the file) and works as before.
#[tokio::test]
async fn new_sqlite_stores_get_16_kib_pages_and_old_ones_keep_theirs() {
    async fn page_size(store: &lore_store::Store) -> i64 {
        let lore_store::Db::Sqlite(pool) = store.db() else {
            panic!("an SQLite store");
        };
        sqlx::query_scalar("PRAGMA page_size")
            .fetch_one(pool)
            .await
            .unwrap()
    }
    let new = fixtures::sqlite().await;
    assert_eq!(page_size(&new.store).await, 16_384);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lore.sqlite3");
    {
        use sqlx::Connection as _;
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE made_before (x INTEGER)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let old = lore_store::Store::connect(&lore_store::ConnectOptions::sqlite_in(dir.path()))
        .await
        .unwrap();
    assert_eq!(page_size(&old).await, 4_096);
    let slug = lore_core::Slug::parse("old-pages").unwrap();
    old.create_incident(&lore_core::NewIncident::new(slug.clone(), "Old pages"))
        .await
        .unwrap();
    assert!(old.incident_by_slug(&slug).await.unwrap().is_some());
}

/// Both migration sets must describe the same tables and columns, or code written against one
/// backend breaks on the other.
#[tokio::test]
async fn postgres_and_sqlite_migrations_produce_the_same_tables() {
    let sqlite = fixtures::sqlite().await;
    let Some(pg) = fixtures::postgres().await else {
        return;
    };
    let lite_tables = sqlite.store.table_columns().await.unwrap();
    let pg_tables = pg.store.table_columns().await.unwrap();
    assert!(
        lite_tables.iter().any(|(t, _)| t == "timeline_entries"),
        "schema introspection found no tables: {lite_tables:?}"
    );
    assert_eq!(lite_tables, pg_tables);
}
