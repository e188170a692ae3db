//! Real-shaped Slack exports through the reader and the store: an entry's identity includes
//! its channel, and identities stored before that are recomputed so nothing is added twice.

use std::path::Path;

use lore_core::{NewSource, NewTimelineEntry, content_hash};
use lore_import::slack::{SlackOptions, read_export};
use lore_store::{ImportBatch, Store, testing};

use super::incident;

const USERS: &str = r#"[
 {"id": "U01NADIA", "name": "nadia", "real_name": "Nadia Okafor", "profile": {"real_name": "Nadia Okafor", "display_name": "nadia"}},
 {"id": "U02JONAH", "name": "jonah", "real_name": "Jonah Reyes", "profile": {"real_name": "Jonah Reyes", "display_name": "jonah"}}
]"#;

const CHANNELS: &str = r#"[
 {"id": "C01GENERAL", "name": "general", "created": 1560000000, "members": ["U01NADIA", "U02JONAH"]},
 {"id": "C02RANDOM", "name": "random", "created": 1560000000, "members": ["U01NADIA", "U02JONAH"]}
]"#;

/// Jonah joins both channels in the same second: Slack gives both messages the same `ts` and
/// the same record, one per channel.
const JOIN: &str = r#"{"type": "message", "subtype": "channel_join", "ts": "1577836800.000200", "user": "U02JONAH", "text": "<@U02JONAH> has joined the channel"}"#;

/// Writes an export folder: users, channels, and one day file per channel with the given
/// messages.
fn write_export(dir: &Path, general: &[&str], random: &[&str]) {
    std::fs::write(dir.join("users.json"), USERS).unwrap();
    std::fs::write(dir.join("channels.json"), CHANNELS).unwrap();
    for (channel, messages) in [("general", general), ("random", random)] {
        std::fs::create_dir_all(dir.join(channel)).unwrap();
        std::fs::write(
            dir.join(channel).join("2020-01-01.json"),
            format!("[\n{}\n]", messages.join(",\n")),
        )
        .unwrap();
    }
}

fn message(ts: &str, user: &str, text: &str) -> String {
    format!(r#"{{"type": "message", "ts": "{ts}", "user": "{user}", "text": "{text}"}}"#)
}

/// Reads the export in `dir` as `lore import slack` does, into a batch whose source is
/// recognised by `source_hash` (a later export with the same messages has other bytes).
fn batch(dir: &Path, incident_id: i64, source_hash: &str) -> (ImportBatch, Vec<NewTimelineEntry>) {
    let timeline = read_export(dir, &SlackOptions::default()).unwrap();
    let batch = ImportBatch {
        incident_id,
        source: NewSource {
            kind: "slack".into(),
            file_name: "export".into(),
            content_hash: content_hash(source_hash),
        },
        imported_by: Some("tester".into()),
        people: timeline.people,
        entries: timeline.entries.clone(),
        channel_members: timeline.channel_members,
    };
    (batch, timeline.entries)
}

pub async fn same_message_in_two_channels_is_two_entries(store: &Store) {
    let id = incident(store, "two-joins").await;
    let dir = tempfile::tempdir().unwrap();
    let hello = message("1577836801.000300", "U01NADIA", "morning all");
    write_export(dir.path(), &[JOIN, &hello], &[JOIN]);
    let (first, entries) = batch(dir.path(), id, "export day 1");
    assert_eq!(entries.len(), 3);
    let report = store.import(&first).await.unwrap();
    assert_eq!((report.added, report.duplicates), (3, 0));
    let timeline = store.timeline(id).await.unwrap();
    let joins: Vec<_> = timeline
        .iter()
        .filter(|e| {
            e.provenance
                .message_id
                .as_deref()
                .is_some_and(|m| m.ends_with("/1577836800.000200"))
        })
        .map(|e| e.channel.as_deref().unwrap())
        .collect();
    assert_eq!(joins, ["general", "random"]);

    // The same bytes again: the source is known, nothing is read twice.
    let report = store.import(&first).await.unwrap();
    assert_eq!(report.added, 0);
    // A later export holding the same messages and one more: only the new one is added.
    let later = message("1577840400.000100", "U02JONAH", "is the deploy done?");
    write_export(dir.path(), &[JOIN, &hello], &[JOIN, &later]);
    let (second, _) = batch(dir.path(), id, "export day 2");
    let report = store.import(&second).await.unwrap();
    assert_eq!((report.added, report.duplicates), (1, 3));
    assert_eq!(store.timeline(id).await.unwrap().len(), 4);
}

pub async fn entries_stored_before_identities_had_channels_are_not_added_again(store: &Store) {
    let id = incident(store, "old-identities").await;
    let dir = tempfile::tempdir().unwrap();
    let hello = message("1577836801.000300", "U01NADIA", "morning all");
    let reply = message("1577836802.000400", "U02JONAH", "morning");
    write_export(dir.path(), &[JOIN, &hello], &[&reply]);
    let (first, entries) = batch(dir.path(), id, "export day 1");
    store.import(&first).await.unwrap();

    // Store every identity as the code before migration 0026 computed it: the record and its
    // instant, without the conversation.
    for stored in store.timeline(id).await.unwrap() {
        let new = entries
            .iter()
            .find(|e| e.provenance.message_id == stored.provenance.message_id)
            .unwrap();
        assert_ne!(new.record_hash(), new.content_hash());
        testing::set_entry_identity(store, stored.id, &new.record_hash())
            .await
            .unwrap();
    }
    // Unmigrated, a later export of the same messages would add them all again.
    testing::mark_entry_identities_old(store).await.unwrap();
    store.migrate().await.unwrap();
    let before: Vec<_> = store.timeline(id).await.unwrap();
    assert_eq!(before.len(), 3);

    let (again, _) = batch(dir.path(), id, "export day 1, downloaded again");
    let report = store.import(&again).await.unwrap();
    assert_eq!((report.added, report.duplicates), (0, 3));
    // Migrating again changes nothing.
    store.migrate().await.unwrap();
    let report = store
        .import(&batch(dir.path(), id, "export day 1, third copy").0)
        .await
        .unwrap();
    assert_eq!((report.added, report.duplicates), (0, 3));
    assert_eq!(store.timeline(id).await.unwrap(), before);
}

pub async fn identities_stored_whole_are_cut_to_what_imports_compute(store: &Store) {
    let id = incident(store, "whole-identities").await;
    let dir = tempfile::tempdir().unwrap();
    let hello = message("1577836801.000300", "U01NADIA", "morning all");
    write_export(dir.path(), &[JOIN, &hello], &[JOIN]);
    let (first, entries) = batch(dir.path(), id, "export day 1");
    store.import(&first).await.unwrap();

    // Store every identity as Lore computed it between migrations 0026 and 0030: all 64 hex
    // digits of the same hash.
    for stored in store.timeline(id).await.unwrap() {
        let new = entries
            .iter()
            .find(|e| {
                e.provenance.message_id == stored.provenance.message_id
                    && e.channel == stored.channel
            })
            .unwrap();
        let whole = content_hash(format!("{}\n{}", new.record_hash(), new.conversation()));
        assert_eq!(whole.len(), 64);
        assert!(whole.starts_with(&new.content_hash()));
        assert_eq!(new.content_hash().len(), lore_core::ENTRY_IDENTITY_HEX);
        testing::set_entry_identity(store, stored.id, &whole)
            .await
            .unwrap();
    }
    testing::cut_entry_identities_as_migration_0030(store)
        .await
        .unwrap();
    let before = store.timeline(id).await.unwrap();
    assert_eq!(before.len(), 3);
    let report = store
        .import(&batch(dir.path(), id, "export day 1, downloaded again").0)
        .await
        .unwrap();
    assert_eq!((report.added, report.duplicates), (0, 3));
    assert_eq!(store.timeline(id).await.unwrap(), before);
}

pub async fn replies_to_threads_begun_before_the_export_stay_replies(store: &Store) {
    let id = incident(store, "old-thread").await;
    let dir = tempfile::tempdir().unwrap();
    // Nadia's question was asked the day before this export begins; Jonah answers in its
    // thread. Slack writes the reply with the parent's `thread_ts`, the parent being absent.
    let parent = r#"{"type": "message", "ts": "1577750400.000100", "user": "U01NADIA", "text": "who owns the backup job?", "thread_ts": "1577750400.000100", "reply_count": 1}"#;
    let reply = r#"{"type": "message", "ts": "1577836900.000500", "user": "U02JONAH", "text": "me, since December", "thread_ts": "1577750400.000100", "parent_user_id": "U01NADIA"}"#;
    write_export(dir.path(), &[reply], &[]);
    let (first, entries) = batch(dir.path(), id, "export from 1 January");
    assert_eq!(
        entries[0].thread_parent.as_deref(),
        Some("general/1577750400.000100")
    );
    store.import(&first).await.unwrap();
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].thread_parent, None);
    assert_eq!(
        timeline[0].thread_parent_key.as_deref(),
        Some("general/1577750400.000100")
    );

    // An export of the day before brings the parent: the reply links to it.
    std::fs::remove_dir_all(dir.path().join("general")).unwrap();
    write_export(dir.path(), &[], &[]);
    std::fs::remove_file(dir.path().join("general/2020-01-01.json")).unwrap();
    std::fs::write(
        dir.path().join("general/2019-12-31.json"),
        format!("[\n{parent}\n]"),
    )
    .unwrap();
    let (second, _) = batch(dir.path(), id, "export of 31 December");
    let report = store.import(&second).await.unwrap();
    assert_eq!(report.added, 1);
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(timeline[0].text, "who owns the backup job?");
    assert_eq!(timeline[1].thread_parent, Some(timeline[0].id));
}

/// An import links each reply to its parent by a probe per entry, planned while the incident
/// is still empty; PostgreSQL keeps that plan for the whole import. The probe must find the
/// parent by its key in an index, not read the incident's entries one by one: that plan made
/// an import's time grow with the square of its size (migration 0032).
pub async fn an_import_finds_reply_parents_by_key_from_an_empty_incident(store: &Store) {
    incident(store, "empty-before-import").await;
    let plan = testing::import_parent_probe_plan(store).await.unwrap();
    if plan.contains("Insert on timeline_entries") {
        // PostgreSQL: the probe is the subplan of the INSERT … SELECT.
        let probe = plan
            .split_once("SubPlan")
            .map(|(_, probe)| probe)
            .unwrap_or_else(|| panic!("no subplan for the parent probe:\n{plan}"));
        assert!(
            probe.contains("Index Only Scan using timeline_entries_message_key")
                && probe.contains(
                    "Index Cond: ((incident_id = s.incident_id) AND (message_key = s.thread_parent_key))"
                ),
            "the parent probe does not look the key up in its index:\n{plan}"
        );
        // Answered in id order by the index itself: no sort, and nothing read only to be
        // filtered out.
        assert!(
            !probe.contains("Sort") && !probe.contains("Filter"),
            "{plan}"
        );
    } else {
        // SQLite: the index on (incident_id, message_key) ends with the rowid, which is id.
        assert_eq!(
            plan,
            "SEARCH timeline_entries USING COVERING INDEX timeline_entries_message_key \
             (incident_id=? AND message_key=?)",
        );
    }
}
