mod awards;
mod comments;
mod content_changes;
mod git_refs;
mod reading;
mod reading_lists;
mod reviews;
mod search;
mod second_reader;
mod signals;
mod slack_export;
mod stories;
mod windows;

pub use awards::*;
pub use comments::*;
pub use content_changes::*;
pub use git_refs::*;
pub use reading::*;
pub use reading_lists::*;
pub use reviews::*;
pub use search::*;
pub use second_reader::*;
pub use signals::*;
pub use slack_export::*;
pub use stories::*;
pub use windows::*;

use std::collections::{BTreeSet, HashMap};

use lore_core::{
    ChannelMembers, EntryKind, IncidentTimes, NewIncident, NewSource, NewTimelineEntry, PersonHint,
    Provenance, References, Role, Slug, Username, content_hash,
};
use lore_store::{
    ImportBatch, IncidentImport, NewAccount, PreparedEntries, SessionRecord, Store, StoreError,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

mod links;
pub use links::*;

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

/// An account with a throwaway password hash.
async fn account(store: &Store, name: &str, role: Role) -> lore_core::Account {
    store
        .create_account(&NewAccount {
            username: Username::parse(name).unwrap(),
            password_hash: "x".into(),
            role,
        })
        .await
        .unwrap()
}

async fn incident(store: &Store, s: &str) -> i64 {
    store
        .create_incident(&NewIncident::new(slug(s), format!("Incident {s}")))
        .await
        .unwrap()
        .id
}

fn chat(id: &str, at: OffsetDateTime, author: &str, text: &str) -> NewTimelineEntry {
    NewTimelineEntry {
        occurred_at: at,
        time_text: at.to_string(),
        time_zone: Some(at.offset().to_string()),
        author_handle: Some(author.to_owned()),
        channel: None,
        kind: EntryKind::Chat,
        text: text.to_owned(),
        thread_parent: None,
        noise: false,
        provenance: Provenance {
            path: "timeline.jsonl".into(),
            line: None,
            message_id: Some(id.to_owned()),
        },
        raw: format!(r#"{{"id":"{id}","message":"{text}"}}"#),
    }
}

fn batch(incident_id: i64, file: &str, entries: Vec<NewTimelineEntry>) -> ImportBatch {
    let bytes: String = entries.iter().map(|e| e.raw.clone()).collect();
    ImportBatch {
        incident_id,
        source: NewSource {
            kind: "jsonl".into(),
            file_name: file.into(),
            content_hash: content_hash(bytes),
        },
        imported_by: Some("tester".into()),
        people: vec![PersonHint {
            handle: "nadia".into(),
            display_name: "Nadia Okafor".into(),
        }],
        entries,
        channel_members: Vec::new(),
    }
}

/// Row counts of the tables an import writes, to prove a failed one changed nothing.
async fn counts(store: &Store) -> Vec<i64> {
    let tables = ["people", "person_handles", "sources", "timeline_entries"];
    let mut out = Vec::new();
    for t in tables {
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: (i64,) = match store.db() {
            lore_store::Db::Sqlite(p) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .fetch_one(p)
                .await
                .unwrap(),
            lore_store::Db::Postgres(p) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .fetch_one(p)
                .await
                .unwrap(),
        };
        out.push(n.0);
    }
    out
}

pub async fn incidents_round_trip_with_times_in_utc(store: &Store) {
    let mut new = NewIncident::new(slug("2026-03-17-riverton"), "Stations stuck in maintenance");
    new.summary = "A retained message.".into();
    new.severity = Some("SEV2".into());
    new.services = vec!["station-gateway".into(), "mqtt".into()];
    new.tags = vec!["firmware".into()];
    new.times = IncidentTimes {
        started_at: Some(datetime!(2026-03-17 06:58:04.25 -4)),
        detected_at: None,
        // Contradictory on purpose: kept as given.
        resolved_at: Some(datetime!(2026-03-17 06:00 -4)),
    };
    let created = store.create_incident(&new).await.unwrap();
    let got = store.incident_by_slug(&new.slug).await.unwrap().unwrap();
    assert_eq!(created, got);
    assert_eq!(got.title, "Stations stuck in maintenance");
    assert_eq!(got.services, vec!["station-gateway", "mqtt"]);
    assert_eq!(got.tags, vec!["firmware"]);
    assert_eq!(got.severity.as_deref(), Some("SEV2"));
    assert!(!got.restricted);
    assert_eq!(
        got.times.started_at,
        Some(datetime!(2026-03-17 10:58:04.25 UTC))
    );
    assert_eq!(got.times.started_at.unwrap().offset(), time::UtcOffset::UTC);
    assert_eq!(got.times.detected_at, None);
    assert_eq!(got.times.resolved_at, Some(datetime!(2026-03-17 10:00 UTC)));
    assert_eq!(got.times.contradictions().len(), 1);
    assert!(
        store
            .incident_by_slug(&slug("nope"))
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn incident_slugs_are_unique(store: &Store) {
    incident(store, "dup").await;
    let err = store
        .create_incident(&NewIncident::new(slug("dup"), "again"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err:?}");
    assert_eq!(err.to_string(), "incident \"dup\" already exists");
    assert_eq!(store.list_incidents(true).await.unwrap().len(), 1);
}

pub async fn library_lists_newest_first_and_hides_restricted(store: &Store) {
    for (s, day, restricted) in [
        ("old", 1, false),
        ("newest", 20, false),
        ("secret", 10, true),
    ] {
        let mut new = NewIncident::new(slug(s), s);
        new.times.started_at = Some(OffsetDateTime::new_utc(
            time::Date::from_calendar_date(2026, time::Month::March, day).unwrap(),
            time::Time::MIDNIGHT,
        ));
        new.restricted = restricted;
        store.create_incident(&new).await.unwrap();
    }
    let visible: Vec<String> = store
        .list_incidents(false)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.slug.to_string())
        .collect();
    assert_eq!(visible, ["newest", "old"]);
    let all: Vec<String> = store
        .list_incidents(true)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.slug.to_string())
        .collect();
    assert_eq!(all, ["newest", "secret", "old"]);
}

pub async fn accounts_have_unique_names_and_changeable_roles(store: &Store) {
    let name = Username::parse("nadia").unwrap();
    let new = NewAccount {
        username: name.clone(),
        password_hash: "$argon2id$fake".into(),
        role: Role::Reader,
    };
    let acct = store.create_account(&new).await.unwrap();
    assert_eq!(acct.role, Role::Reader);
    let err = store.create_account(&new).await.unwrap_err();
    assert_eq!(err.to_string(), "user \"nadia\" already exists");

    let promoted = store.set_role(&name, Role::Analyst).await.unwrap();
    assert_eq!(promoted.role, Role::Analyst);
    let by_id = store.account_by_id(acct.id).await.unwrap().unwrap();
    assert_eq!(by_id.account.role, Role::Analyst);
    assert_eq!(by_id.password_hash, "$argon2id$fake");

    let ghost = Username::parse("ghost").unwrap();
    let err = store.set_role(&ghost, Role::Admin).await.unwrap_err();
    assert_eq!(err.to_string(), "user \"ghost\" not found");
    let names: Vec<String> = store
        .list_accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.username.to_string())
        .collect();
    assert_eq!(names, ["nadia"]);
}

pub async fn password_change_moves_the_session_cutoff(store: &Store) {
    let name = Username::parse("jonah").unwrap();
    store
        .create_account(&NewAccount {
            username: name.clone(),
            password_hash: "old".into(),
            role: Role::Analyst,
        })
        .await
        .unwrap();
    let before = store.account_by_username("jonah").await.unwrap().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store.set_password_hash(&name, "new").await.unwrap();
    let after = store.account_by_username("jonah").await.unwrap().unwrap();
    assert_eq!(after.password_hash, "new");
    assert!(after.password_changed_at > before.password_changed_at);
    let ghost = Username::parse("ghost").unwrap();
    assert!(matches!(
        store.set_password_hash(&ghost, "x").await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn sessions_expire_and_can_be_deleted(store: &Store) {
    let live = SessionRecord {
        data: r#"{"account":1}"#.into(),
        expires_at: OffsetDateTime::now_utc() + Duration::hours(1),
    };
    assert!(store.create_session("a", &live).await.unwrap());
    assert!(
        !store.create_session("a", &live).await.unwrap(),
        "ids are never reused"
    );
    let loaded = store.load_session("a").await.unwrap().unwrap();
    assert_eq!(loaded.data, live.data);
    assert!((loaded.expires_at - live.expires_at).abs() < Duration::milliseconds(1));

    let changed = SessionRecord {
        data: r#"{"account":2}"#.into(),
        ..live.clone()
    };
    store.save_session("a", &changed).await.unwrap();
    assert_eq!(
        store.load_session("a").await.unwrap().unwrap().data,
        changed.data
    );

    let expired = SessionRecord {
        data: "{}".into(),
        expires_at: OffsetDateTime::now_utc() - Duration::seconds(1),
    };
    store.save_session("old", &expired).await.unwrap();
    assert_eq!(store.load_session("old").await.unwrap(), None);
    assert_eq!(store.delete_expired_sessions().await.unwrap(), 1);

    store.delete_session("a").await.unwrap();
    assert_eq!(store.load_session("a").await.unwrap(), None);
}

pub async fn import_links_people_threads_and_provenance(store: &Store) {
    let id = incident(store, "threads").await;
    let t0 = datetime!(2026-03-17 07:30 -4);
    let mut reply = chat(
        "m3",
        t0 + Duration::minutes(2),
        "jonah",
        "is it the deploy?",
    );
    reply.thread_parent = Some("m1".into());
    // A reply that comes before its parent in the file still finds it.
    let mut early = chat("m0", t0 - Duration::minutes(1), "nadia", "replying early");
    early.thread_parent = Some("m2".into());
    let mut join = chat("m4", t0 + Duration::minutes(3), "bot", "has joined");
    join.noise = true;
    join.provenance.line = Some(4);
    let entries = vec![
        early,
        chat("m1", t0, "nadia", "stations are <b>amber</b>"),
        chat("m2", t0 + Duration::minutes(1), "jonah", "looking"),
        reply,
        join,
    ];
    let report = store
        .import(&batch(id, "demo.jsonl", entries))
        .await
        .unwrap();
    assert_eq!(report.added, 5);
    assert_eq!(report.duplicates, 0);
    assert_eq!(report.noise, 1);
    assert_eq!(report.people_found, 3);
    assert_eq!(report.people_created, 3);
    assert_eq!(report.first, Some(t0 - Duration::minutes(1)));
    assert_eq!(report.last, Some(t0 + Duration::minutes(3)));

    let timeline = store.timeline(id).await.unwrap();
    let keys: Vec<&str> = timeline
        .iter()
        .map(|e| e.provenance.message_id.as_deref().unwrap())
        .collect();
    assert_eq!(keys, ["m0", "m1", "m2", "m3", "m4"]);
    let by_key = |k: &str| {
        timeline
            .iter()
            .find(|e| e.provenance.message_id.as_deref() == Some(k))
            .unwrap()
    };
    assert_eq!(by_key("m3").thread_parent, Some(by_key("m1").id));
    assert_eq!(by_key("m0").thread_parent, Some(by_key("m2").id));
    assert_eq!(by_key("m1").thread_parent, None);
    assert_eq!(by_key("m1").author_name.as_deref(), Some("Nadia Okafor"));
    assert_eq!(by_key("m2").author_name.as_deref(), Some("jonah"));
    assert_eq!(by_key("m1").text, "stations are <b>amber</b>");
    assert!(by_key("m4").noise);
    assert_eq!(by_key("m4").provenance.line, Some(4));
    assert_eq!(by_key("m1").time_zone.as_deref(), Some("-04:00:00"));
    assert!(by_key("m1").raw.contains(r#""id":"m1""#));

    let sources = store.sources(id).await.unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].entry_count, 5);
    assert_eq!(sources[0].file_name, "demo.jsonl");
    assert_eq!(sources[0].imported_by.as_deref(), Some("tester"));

    // The same people are recognised by handle in a later import.
    let other = incident(store, "other").await;
    let again = store
        .import(&batch(
            other,
            "b.jsonl",
            vec![chat("x", t0, "nadia", "hello again")],
        ))
        .await
        .unwrap();
    assert_eq!((again.people_found, again.people_created), (1, 0));
}

pub async fn importing_the_same_file_twice_adds_nothing(store: &Store) {
    let id = incident(store, "twice").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let make = || {
        batch(
            id,
            "a.jsonl",
            vec![chat("1", t0, "nadia", "one"), chat("2", t0, "nadia", "two")],
        )
    };
    let first = store.import(&make()).await.unwrap();
    assert_eq!((first.added, first.already_imported), (2, false));
    let before = counts(store).await;
    let second = store.import(&make()).await.unwrap();
    assert!(second.already_imported);
    assert_eq!((second.added, second.duplicates), (0, 2));
    assert_eq!(second.source_id, None);
    assert_eq!(counts(store).await, before);
}

pub async fn overlapping_files_skip_entries_already_present(store: &Store) {
    let id = incident(store, "overlap").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let a = vec![
        chat("1", t0, "nadia", "one"),
        chat("2", t0 + Duration::seconds(1), "nadia", "two"),
    ];
    let b = vec![
        chat("2", t0 + Duration::seconds(1), "nadia", "two"),
        chat("3", t0 + Duration::seconds(2), "nadia", "three"),
    ];
    store.import(&batch(id, "day1.jsonl", a)).await.unwrap();
    let report = store.import(&batch(id, "day2.jsonl", b)).await.unwrap();
    assert_eq!((report.added, report.duplicates), (1, 1));
    assert_eq!(store.timeline(id).await.unwrap().len(), 3);
    let sources = store.sources(id).await.unwrap();
    assert_eq!(
        sources.iter().map(|s| s.entry_count).collect::<Vec<_>>(),
        [2, 1]
    );
}

pub async fn failed_import_leaves_the_store_as_it_was(store: &Store) {
    let id = incident(store, "atomic").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    store
        .import(&batch(
            id,
            "first.jsonl",
            vec![chat("1", t0, "nadia", "kept")],
        ))
        .await
        .unwrap();
    let before = counts(store).await;
    // The third entry breaks the schema's size limit after a source, a new person and two
    // entries were written in the same transaction.
    let huge = "x".repeat(1024 * 1024 + 1);
    let entries = vec![
        chat("2", t0, "newcomer", "a"),
        chat("3", t0, "newcomer", "b"),
        chat("4", t0, "newcomer", &huge),
    ];
    let err = store
        .import(&batch(id, "bad.jsonl", entries))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Sqlx(_) | StoreError::Bulk(_)),
        "{err:?}"
    );
    assert_eq!(counts(store).await, before);
    assert_eq!(store.sources(id).await.unwrap().len(), 1);
}

pub async fn timeline_orders_by_instant_across_offsets(store: &Store) {
    let id = incident(store, "offsets").await;
    // 07:00 at -04:00 is 11:00 UTC: after 10:59:59.5 UTC, before 11:00:00.5 UTC.
    let entries = vec![
        chat("late", datetime!(2026-03-17 11:00:00.5 UTC), "a", "late"),
        chat("local", datetime!(2026-03-17 07:00 -4), "a", "local"),
        chat("early", datetime!(2026-03-17 10:59:59.5 UTC), "a", "early"),
    ];
    store
        .import(&batch(id, "mixed.jsonl", entries))
        .await
        .unwrap();
    let order: Vec<String> = store
        .timeline(id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(order, ["early", "local", "late"]);
}

pub async fn two_writers_do_not_lose_imports(store: &Store) {
    let id = incident(store, "concurrent").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let mut tasks = Vec::new();
    for w in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let entries = (0..25)
                .map(|i| {
                    chat(
                        &format!("{w}-{i}"),
                        t0 + Duration::seconds(i),
                        &format!("p{w}"),
                        &format!("w{w} m{i}"),
                    )
                })
                .collect();
            store
                .import(&batch(id, &format!("w{w}.jsonl"), entries))
                .await
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap().added, 25);
    }
    assert_eq!(store.timeline(id).await.unwrap().len(), 100);
}

fn described(
    slug_text: &str,
    narrative: Option<&str>,
    entries: Vec<NewTimelineEntry>,
) -> IncidentImport {
    IncidentImport {
        incident: NewIncident::new(slug(slug_text), format!("Status: {slug_text}")),
        narrative: narrative.map(str::to_owned),
        references: References::default(),
        people: vec![PersonHint {
            handle: "GitHub".into(),
            display_name: "GitHub status".into(),
        }],
        entries,
    }
}

fn status_source() -> NewSource {
    NewSource {
        kind: "statuspage".into(),
        file_name: "incidents.json".into(),
        content_hash: content_hash("incidents.json bytes"),
    }
}

pub async fn file_describing_incidents_creates_or_attaches_them(store: &Store) {
    let existing = incident(store, "2026-01-12-actions").await;
    let t0 = datetime!(2026-01-12 17:40 UTC);
    let records = vec![
        described(
            "2026-01-12-actions",
            Some("ignored: the incident exists"),
            vec![chat("u1", t0, "GitHub", "Investigating")],
        ),
        described(
            "2026-01-13-pages",
            Some("# Pages\n\nWhat happened."),
            vec![
                chat("u2", t0 + Duration::days(1), "GitHub", "Investigating"),
                chat(
                    "u3",
                    t0 + Duration::days(1) + Duration::minutes(30),
                    "GitHub",
                    "Resolved",
                ),
            ],
        ),
    ];
    let reports = store
        .import_incidents(&status_source(), Some("tester"), &records)
        .await
        .unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!((reports[0].created, reports[0].report.added), (false, 1));
    assert_eq!((reports[1].created, reports[1].report.added), (true, 2));
    assert_eq!(
        reports[1].report.people_created, 0,
        "GitHub was created with the first"
    );
    assert_eq!(store.timeline(existing).await.unwrap().len(), 1);
    let pages = store
        .incident_by_slug(&slug("2026-01-13-pages"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pages.title, "Status: 2026-01-13-pages");
    let narrative = store.narrative(pages.id).await.unwrap().unwrap();
    assert_eq!(
        (narrative.version, narrative.body.as_str()),
        (1, "# Pages\n\nWhat happened.")
    );
    assert_eq!(narrative.author.as_deref(), Some("tester"));
    let first = store.narrative(existing).await.unwrap().unwrap();
    assert_eq!(
        first.body, "ignored: the incident exists",
        "an incident without a narrative gets one"
    );

    let before = counts(store).await;
    let again = store
        .import_incidents(&status_source(), Some("tester"), &records)
        .await
        .unwrap();
    assert!(
        again
            .iter()
            .all(|r| r.report.already_imported && !r.created)
    );
    assert_eq!(counts(store).await, before);
    assert_eq!(store.narrative(pages.id).await.unwrap().unwrap().version, 1);
}

pub async fn failed_incident_import_creates_nothing(store: &Store) {
    let t0 = datetime!(2026-01-12 17:40 UTC);
    let huge = "x".repeat(1024 * 1024 + 1);
    let records = vec![
        described(
            "first-fine",
            Some("text"),
            vec![chat("u1", t0, "GitHub", "ok")],
        ),
        described("second-broken", None, vec![chat("u2", t0, "GitHub", &huge)]),
    ];
    let before = counts(store).await;
    assert!(
        store
            .import_incidents(&status_source(), None, &records)
            .await
            .is_err()
    );
    assert_eq!(counts(store).await, before);
    assert!(store.list_incidents(true).await.unwrap().is_empty());
}

pub async fn replies_find_parents_imported_later(store: &Store) {
    let id = incident(store, "late-parent").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let mut reply = chat("r1", t0 + Duration::minutes(5), "jonah", "replying");
    reply.thread_parent = Some("p1".into());
    store
        .import(&batch(id, "day2.jsonl", vec![reply]))
        .await
        .unwrap();
    assert_eq!(store.timeline(id).await.unwrap()[0].thread_parent, None);
    store
        .import(&batch(
            id,
            "day1.jsonl",
            vec![chat("p1", t0, "nadia", "parent")],
        ))
        .await
        .unwrap();
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(timeline[1].text, "replying");
    assert_eq!(timeline[1].thread_parent, Some(timeline[0].id));
}

pub async fn streamed_import_commits_once_and_rolls_back_when_dropped(store: &Store) {
    let id = incident(store, "streamed").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let source = |name: &str| NewSource {
        kind: "slack".into(),
        file_name: name.into(),
        content_hash: content_hash(name),
    };
    let mut session = store.begin_import(Some("tester")).await.unwrap();
    assert!(session.begin_source(id, &source("big.zip")).await.unwrap());
    for part in 0..3 {
        let entries: Vec<NewTimelineEntry> = (0..700)
            .map(|i| {
                let n = part * 700 + i;
                let mut e = chat(
                    &format!("m{n}"),
                    t0 + Duration::seconds(n),
                    &format!("u{}", n % 7),
                    &format!("message {n}"),
                );
                if part == 2 && i == 0 {
                    e.thread_parent = Some("m1".into());
                }
                e
            })
            .collect();
        // The middle part goes in prepared beforehand, as `lore import slack` sends it.
        if part == 1 {
            let prepared = PreparedEntries::new(entries);
            assert_eq!(prepared.len(), 700);
            session.add_prepared(&prepared).await.unwrap();
        } else {
            session.add_entries(&entries).await.unwrap();
        }
    }
    let report = session.end_source().await.unwrap();
    assert_eq!(
        (
            report.added,
            report.duplicates,
            report.people_found,
            report.people_created
        ),
        (2100, 0, 7, 7)
    );
    assert_eq!(report.first, Some(t0));
    assert_eq!(report.last, Some(t0 + Duration::seconds(2099)));
    session.commit().await.unwrap();
    let timeline = store.timeline(id).await.unwrap();
    assert_eq!(timeline.len(), 2100);
    assert_eq!(timeline[1400].thread_parent, Some(timeline[1].id));
    assert_eq!(timeline[700].text, "message 700");
    assert_eq!(timeline[700].occurred_at, t0 + Duration::seconds(700));

    // Prepared entries have the identity unprepared ones have: the middle part offered again,
    // unprepared, in another file, is all duplicates.
    let again: Vec<NewTimelineEntry> = (700..1400)
        .map(|n| {
            chat(
                &format!("m{n}"),
                t0 + Duration::seconds(n),
                &format!("u{}", n % 7),
                &format!("message {n}"),
            )
        })
        .collect();
    let mut session = store.begin_import(Some("tester")).await.unwrap();
    let report = session
        .add_source(id, &source("again.zip"), &[], &again, &[])
        .await
        .unwrap();
    session.commit().await.unwrap();
    assert_eq!((report.added, report.duplicates), (0, 700));

    let before = counts(store).await;
    let mut abandoned = store.begin_import(None).await.unwrap();
    assert!(
        abandoned
            .begin_source(id, &source("other.zip"))
            .await
            .unwrap()
    );
    abandoned
        .add_entries(&[chat("x", t0, "newcomer", "never committed")])
        .await
        .unwrap();
    drop(abandoned);
    assert_eq!(counts(store).await, before);
}

pub async fn awkward_text_round_trips_exactly(store: &Store) {
    let id = incident(store, "awkward").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let texts = [
        "tab\there",
        "two\nlines\r\nand CRLF",
        "back\\slash and a literal \\N",
        "\\N",
        "",
        "ünïcödé — 🚲 <script>alert(1)</script>",
    ];
    let entries: Vec<NewTimelineEntry> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut e = chat(
                &format!("k{i}"),
                t0 + Duration::seconds(i as i64),
                "a\tb",
                t,
            );
            e.raw = format!("raw\t{t}");
            e.time_zone = None;
            e.provenance.line = None;
            e
        })
        .collect();
    store
        .import(&batch(id, "awkward.jsonl", entries))
        .await
        .unwrap();
    let timeline = store.timeline(id).await.unwrap();
    let got: Vec<&str> = timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(got, texts);
    for (e, t) in timeline.iter().zip(texts) {
        assert_eq!(e.raw, format!("raw\t{t}"));
        assert_eq!(e.time_zone, None);
        assert_eq!(e.provenance.line, None);
        assert_eq!(e.author_name.as_deref(), Some("a\tb"));
    }
}

pub async fn annotations_mark_entries_of_their_own_incident_only(store: &Store) {
    use lore_core::{MarkedOn, NewAnnotation, Theme};
    let id = incident(store, "annotated").await;
    let other = incident(store, "other-one").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    store
        .import(&batch(
            id,
            "a.jsonl",
            vec![
                chat("1", t0, "nadia", "one"),
                chat("2", t0 + Duration::minutes(1), "nadia", "two"),
            ],
        ))
        .await
        .unwrap();
    store
        .import(&batch(
            other,
            "b.jsonl",
            vec![chat("9", t0, "nadia", "elsewhere")],
        ))
        .await
        .unwrap();
    let mine = store.timeline(id).await.unwrap();
    let theirs = store.timeline(other).await.unwrap();
    let mark = |first: i64, last: i64, theme: Theme, tag: Option<&str>| NewAnnotation {
        incident_id: id,
        on: MarkedOn::Entries { first, last },
        theme,
        tag: tag.map(str::to_owned),
        note: "fixed stations went back into maintenance".into(),
        author: "nadia".into(),
    };
    let a = store
        .add_annotation(&mark(mine[0].id, mine[1].id, Theme::Surprise, None))
        .await
        .unwrap();
    assert_eq!(
        (a.theme, &a.on),
        (
            Theme::Surprise,
            &MarkedOn::Entries {
                first: mine[0].id,
                last: mine[1].id
            }
        )
    );
    let b = store
        .add_annotation(&mark(
            mine[1].id,
            mine[1].id,
            Theme::Custom,
            Some(" retained "),
        ))
        .await
        .unwrap();
    assert_eq!(b.tag.as_deref(), Some("retained"));
    let err = store
        .add_annotation(&mark(theirs[0].id, theirs[0].id, Theme::Dilemma, None))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let passage = store
        .add_annotation(&NewAnnotation {
            on: MarkedOn::Passage {
                quote: "  the notice was retained ".into(),
                narrative_version: Some(2),
            },
            ..mark(0, 0, Theme::Paradox, None)
        })
        .await
        .unwrap();
    assert_eq!(
        passage.on,
        MarkedOn::Passage {
            quote: "the notice was retained".into(),
            narrative_version: Some(2)
        }
    );
    let all = store.annotations(id).await.unwrap();
    assert_eq!(
        all.iter().map(|a| a.id).collect::<Vec<_>>(),
        [a.id, b.id, passage.id]
    );
    assert!(store.annotations(other).await.unwrap().is_empty());
}

/// Themes are found again across the library, but never in incidents the reader may not see.
pub async fn moments_are_searchable_across_visible_incidents(store: &Store) {
    use lore_core::{MarkedOn, NewAnnotation, Theme};
    use lore_store::MomentSearch;
    let reader = store
        .create_account(&NewAccount {
            username: Username::parse("rita").unwrap(),
            password_hash: "x".into(),
            role: Role::Reader,
        })
        .await
        .unwrap();
    let open = incident(store, "open-one").await;
    let mut secret = NewIncident::new(slug("secret-one"), "Secret one");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    let t0 = datetime!(2026-03-17 11:00 UTC);
    for (incident_id, file, text) in [
        (open, "a.jsonl", "the NAT dropped the session"),
        (secret.id, "b.jsonl", "a secret surprise"),
    ] {
        store
            .import(&batch(
                incident_id,
                file,
                vec![chat("1", t0, "nadia", text)],
            ))
            .await
            .unwrap();
    }
    let mark = |incident_id: i64, theme: Theme, tag: Option<&str>, note: &str, on: MarkedOn| {
        NewAnnotation {
            incident_id,
            on,
            theme,
            tag: tag.map(str::to_owned),
            note: note.into(),
            author: "sam".into(),
        }
    };
    let open_entry = store.timeline(open).await.unwrap()[0].id;
    let secret_entry = store.timeline(secret.id).await.unwrap()[0].id;
    let entry = |id: i64| MarkedOn::Entries {
        first: id,
        last: id,
    };
    for new in [
        mark(
            open,
            Theme::Surprise,
            None,
            "nobody expected it",
            entry(open_entry),
        ),
        mark(
            open,
            Theme::Custom,
            Some("Retained-Messages"),
            "",
            MarkedOn::Passage {
                quote: "stations went back into maintenance at 100%".into(),
                narrative_version: None,
            },
        ),
        mark(
            secret.id,
            Theme::Surprise,
            None,
            "hidden",
            entry(secret_entry),
        ),
    ] {
        store.add_annotation(&new).await.unwrap();
    }
    let search = |theme: Option<Theme>, tag: Option<&str>, text: Option<&str>| MomentSearch {
        theme,
        tag: tag.map(str::to_owned),
        text: text.map(str::to_owned),
        limit: 100,
    };
    let found = store
        .search_moments(&reader, &search(Some(Theme::Surprise), None, None))
        .await
        .unwrap();
    assert_eq!(
        found.len(),
        1,
        "the restricted incident's surprise stays hidden"
    );
    assert_eq!(found[0].incident_slug, "open-one");
    let (at, author, body) = found[0].evidence.clone().unwrap();
    assert_eq!(
        (at, author.as_deref(), body.as_str()),
        (t0, Some("Nadia Okafor"), "the NAT dropped the session")
    );
    // Words in the marked entry, the note, the tag or the passage; any case; % taken literally.
    for (text, expected) in [
        ("nat dropped", 1),
        ("NOBODY", 1),
        ("retained-messages", 1),
        ("100%", 1),
        ("10%0", 0),
        ("secret", 0),
    ] {
        let found = store
            .search_moments(&reader, &search(None, None, Some(text)))
            .await
            .unwrap();
        assert_eq!(found.len(), expected, "searching {text:?}");
    }
    let tagged = store
        .search_moments(&reader, &search(None, Some("retained-messages"), None))
        .await
        .unwrap();
    assert_eq!(tagged.len(), 1);
    assert!(tagged[0].evidence.is_none(), "a passage has no entry");
    store
        .grant_access(&secret, &reader.username, "ada")
        .await
        .unwrap();
    let found = store
        .search_moments(&reader, &search(Some(Theme::Surprise), None, None))
        .await
        .unwrap();
    assert_eq!(found.len(), 2, "granted, the reader finds both");
}

pub async fn perspectives_are_kept_side_by_side(store: &Store) {
    use lore_core::NewPerspective;
    let id = incident(store, "perspectives").await;
    let other = incident(store, "no-perspectives").await;
    let new = |person: &str, interview: bool, body: &str| NewPerspective {
        incident_id: id,
        person: person.into(),
        written_by: "analyst".into(),
        interview,
        body: body.into(),
    };
    let a = store
        .add_perspective(
            &new(
                " Nadia Okafor ",
                false,
                "I meant: stop telling stations to go into maintenance.",
            ),
            &References::default(),
        )
        .await
        .unwrap();
    let b = store
        .add_perspective(
            &new("Tomás Brennan", true, "He cancelled the window, as asked."),
            &References::default(),
        )
        .await
        .unwrap();
    let all = store.perspectives(id).await.unwrap();
    assert_eq!(all.iter().map(|p| p.id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(all[0].person, "Nadia Okafor");
    assert!(!all[0].interview && all[1].interview);
    assert_eq!(all[1].body, "He cancelled the window, as asked.");
    assert!(store.perspectives(other).await.unwrap().is_empty());
}

pub async fn stale_narrative_saves_are_refused(store: &Store) {
    let id = incident(store, "versions").await;
    let v1 = store
        .save_narrative(id, None, "first", "nadia", &References::default())
        .await
        .unwrap();
    assert_eq!(
        (v1.version, v1.body.as_str(), v1.author.as_deref()),
        (1, "first", Some("nadia"))
    );
    // A second writer who also started from "no narrative" is refused and shown version 1.
    match store
        .save_narrative(id, None, "other first", "jonah", &References::default())
        .await
    {
        Err(StoreError::Conflict(current)) => assert_eq!(current.unwrap().body, "first"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let v2 = store
        .save_narrative(id, Some(1), "second", "nadia", &References::default())
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    match store
        .save_narrative(id, Some(1), "stale", "jonah", &References::default())
        .await
    {
        Err(StoreError::Conflict(current)) => assert_eq!(current.unwrap().version, 2),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Two saves racing from the same version: exactly one wins.
    let none = References::default();
    let (a, b) = tokio::join!(
        store.save_narrative(id, Some(2), "from a", "a", &none),
        store.save_narrative(id, Some(2), "from b", "b", &none),
    );
    assert_eq!(
        usize::from(a.is_ok()) + usize::from(b.is_ok()),
        1,
        "{a:?} {b:?}"
    );
    let versions: Vec<i64> = store
        .narrative_versions(id)
        .await
        .unwrap()
        .iter()
        .map(|n| n.version)
        .collect();
    assert_eq!(versions, [3, 2, 1]);
    assert_eq!(
        store.narrative_version(id, 1).await.unwrap().unwrap().body,
        "first"
    );
}

pub async fn glossary_terms_are_unique_in_any_case(store: &Store) {
    use lore_core::NewGlossaryTerm;
    let term = |t: &str, aliases: &[&str]| NewGlossaryTerm {
        term: t.into(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        definition: format!("What {t} means."),
        link: None,
        created_by: "nadia".into(),
    };
    store.add_glossary_term(&term("MQTT", &[])).await.unwrap();
    store
        .add_glossary_term(&term("incident commander", &["IC", " "]))
        .await
        .unwrap();
    let err = store
        .add_glossary_term(&term("mqtt", &[]))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "glossary term \"mqtt\" already exists");
    let all = store.glossary().await.unwrap();
    let names: Vec<&str> = all.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(names, ["incident commander", "MQTT"]);
    assert_eq!(all[0].aliases, ["IC"]);
}

pub async fn restricted_incidents_open_only_to_their_access_list(store: &Store) {
    let account = |name: &str, role: Role| NewAccount {
        username: Username::parse(name).unwrap(),
        password_hash: "x".into(),
        role,
    };
    let rita = store
        .create_account(&account("rita", Role::Reader))
        .await
        .unwrap();
    let sam = store
        .create_account(&account("sam", Role::Analyst))
        .await
        .unwrap();
    let ada = store
        .create_account(&account("ada", Role::Admin))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    let open = store
        .create_incident(&NewIncident::new(slug("open"), "Open"))
        .await
        .unwrap();
    let visible = |a: &lore_core::Account| {
        let a = a.clone();
        async move {
            store
                .incidents_visible_to(&a)
                .await
                .unwrap()
                .into_iter()
                .map(|i| i.slug.to_string())
                .collect::<Vec<_>>()
        }
    };
    // The one seam for a single incident: the same rule, in SQL.
    let can_read = |i: &lore_core::Incident, a: &lore_core::Account| {
        let (slug, a) = (i.slug.clone(), a.clone());
        async move {
            store
                .incident_visible_to(&slug, &a)
                .await
                .unwrap()
                .is_some()
        }
    };
    assert_eq!(visible(&rita).await, ["open"]);
    assert_eq!(visible(&ada).await.len(), 2);
    assert!(!can_read(&secret, &rita).await);
    assert!(can_read(&open, &rita).await);
    assert!(can_read(&secret, &ada).await, "admins see everything");
    store
        .grant_access(&secret, &rita.username, "ada")
        .await
        .unwrap();
    store
        .grant_access(&secret, &rita.username, "ada")
        .await
        .unwrap();
    assert!(can_read(&secret, &rita).await);
    assert!(!can_read(&secret, &sam).await, "only the one granted");
    assert_eq!(visible(&rita).await.len(), 2);
    assert_eq!(store.access_list(&secret).await.unwrap(), ["rita"]);
    // Under a slug it had before a rename, the same rule holds.
    let renamed = store
        .rename_incident(&slug("secret"), &slug("secret-2"))
        .await
        .unwrap();
    let by_old_slug = |a: &lore_core::Account| {
        let a = a.clone();
        async move {
            store
                .renamed_incident_visible_to(&slug("secret"), &a)
                .await
                .unwrap()
                .map(|i| i.id)
        }
    };
    assert_eq!(by_old_slug(&rita).await, Some(renamed.id));
    assert_eq!(by_old_slug(&sam).await, None);
    store.revoke_access(&secret, &rita.username).await.unwrap();
    assert!(!can_read(&renamed, &rita).await);
    assert_eq!(by_old_slug(&rita).await, None);
    let ghost = Username::parse("ghost").unwrap();
    assert!(matches!(
        store.grant_access(&secret, &ghost, "ada").await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn renamed_incidents_remember_their_old_slugs(store: &Store) {
    incident(store, "first-name").await;
    incident(store, "taken").await;
    let renamed = store
        .rename_incident(&slug("first-name"), &slug("second-name"))
        .await
        .unwrap();
    assert_eq!(renamed.slug.as_str(), "second-name");
    assert!(
        store
            .incident_by_slug(&slug("first-name"))
            .await
            .unwrap()
            .is_none()
    );
    let via_old = store
        .incident_by_old_slug(&slug("first-name"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(via_old.id, renamed.id);
    let err = store
        .rename_incident(&slug("second-name"), &slug("taken"))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "incident \"taken\" already exists");
    assert!(matches!(
        store
            .rename_incident(&slug("nope"), &slug("whatever"))
            .await,
        Err(StoreError::NotFound(_))
    ));
    // Renaming back: the slug is current again and no longer redirects.
    store
        .rename_incident(&slug("second-name"), &slug("first-name"))
        .await
        .unwrap();
    assert!(
        store
            .incident_by_old_slug(&slug("first-name"))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store
            .incident_by_old_slug(&slug("second-name"))
            .await
            .unwrap()
            .unwrap()
            .id,
        renamed.id
    );
}

pub async fn images_belong_to_their_incident(store: &Store) {
    let id = incident(store, "with-images").await;
    let other = incident(store, "without").await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let image = store
        .add_image(id, "board.png", "image/png", &bytes, "nadia")
        .await
        .unwrap();
    let got = store.image(id, image).await.unwrap().unwrap();
    assert_eq!(
        (got.name.as_str(), got.content_type.as_str()),
        ("board.png", "image/png")
    );
    assert_eq!(got.bytes, bytes, "every byte comes back");
    assert_eq!(store.image(other, image).await.unwrap(), None);
}

/// Rows in `channel_members`, all incidents.
async fn channel_member_rows(store: &Store) -> i64 {
    let sql = "SELECT COUNT(*) FROM channel_members";
    let (n,): (i64,) = match store.db() {
        lore_store::Db::Sqlite(p) => sqlx::query_as(sql).fetch_one(p).await.unwrap(),
        lore_store::Db::Postgres(p) => sqlx::query_as(sql).fetch_one(p).await.unwrap(),
    };
    n
}

fn said_in(channel: &str, id: &str, at: OffsetDateTime, author: &str) -> NewTimelineEntry {
    let mut e = chat(id, at, author, &format!("{id} in {channel}"));
    e.channel = Some(channel.to_owned());
    e
}

fn members(channel: &str, handles: &[&str]) -> ChannelMembers {
    ChannelMembers {
        channel: channel.to_owned(),
        handles: handles.iter().map(|h| (*h).to_owned()).collect(),
        joined: Vec::new(),
    }
}

fn slack_source(name: &str) -> NewSource {
    NewSource {
        kind: "slack".into(),
        file_name: name.into(),
        content_hash: content_hash(name),
    }
}

pub async fn channels_round_trip_and_members_come_back_by_person(store: &Store) {
    let id = incident(store, "channels").await;
    let other = incident(store, "elsewhere").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let mut session = store.begin_import(Some("tester")).await.unwrap();
    session.add_people(&[
        PersonHint {
            handle: "U1".into(),
            display_name: "Nadia Okafor".into(),
        },
        PersonHint {
            handle: "U3".into(),
            display_name: "Idle Ida".into(),
        },
    ]);
    assert!(
        session
            .begin_source(id, &slack_source("export.zip"))
            .await
            .unwrap()
    );
    // Streamed as the CLI streams Slack: a channel's members, then its entries.
    session.add_channel_members(&[members("ops", &["U1", "U2", "U3", "U1"])]);
    session
        .add_entries(&[
            said_in("ops", "ops/1", t0, "U1"),
            said_in("ops", "ops/2", t0 + Duration::minutes(1), "U2"),
        ])
        .await
        .unwrap();
    session.add_channel_members(&[members("dev", &["U2"])]);
    // U1 writes in dev without being listed there; the bot writes nowhere in particular.
    let mut unplaced = chat("b1", t0 + Duration::minutes(3), "B1", "deploy finished");
    unplaced.kind = EntryKind::Deploy;
    session
        .add_entries(&[
            said_in("dev", "dev/1", t0 + Duration::minutes(2), "U1"),
            unplaced,
        ])
        .await
        .unwrap();
    let report = session.end_source().await.unwrap();
    session.commit().await.unwrap();
    // ops: U1, U2, U3 (U1 listed twice); dev: U2.
    assert_eq!(report.channel_members, 4);
    assert_eq!(report.added, 4);
    assert_eq!(
        (report.people_found, report.people_created),
        (3, 3),
        "the people counted are the authors; the silent member is not one"
    );

    let timeline = store.timeline(id).await.unwrap();
    let got: Vec<(&str, Option<&str>)> = timeline
        .iter()
        .map(|e| {
            (
                e.provenance.message_id.as_deref().unwrap(),
                e.channel.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ops/1", Some("ops")),
            ("ops/2", Some("ops")),
            ("dev/1", Some("dev")),
            ("b1", None),
        ]
    );
    let person = |handle_text: &str| {
        timeline
            .iter()
            .find(|e| e.text.starts_with(handle_text))
            .and_then(|e| e.author_person_id)
            .unwrap()
    };
    let (u1, u2, b1) = (person("ops/1"), person("ops/2"), person("deploy"));

    let by_person = store.channels_by_person(id).await.unwrap();
    let set = |names: &[&str]| {
        names
            .iter()
            .map(|n| (*n).to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        by_person.get(&u1),
        Some(&set(&["dev", "ops"])),
        "member of ops, wrote in dev"
    );
    assert_eq!(by_person.get(&u2), Some(&set(&["dev", "ops"])));
    assert_eq!(by_person.get(&b1), None, "wrote only outside any channel");
    // The member who said nothing is a person too, found as authors are, named by the hint.
    let silent: Vec<(&i64, &BTreeSet<String>)> = by_person
        .iter()
        .filter(|(p, _)| ![u1, u2].contains(p))
        .collect();
    assert_eq!(silent.len(), 1);
    assert_eq!(silent[0].1, &set(&["ops"]));
    assert_eq!(by_person.len(), 3);
    assert_eq!(store.channels(id).await.unwrap(), ["dev", "ops"]);

    // Whole batches carry members too, and a later import finds the same people by handle.
    let mut batch = batch(other, "other.jsonl", vec![said_in("#ops", "x", t0, "U3")]);
    batch.source.kind = "slack".into();
    batch.channel_members = vec![members("#ops", &["U3", "U1"])];
    let report = store.import(&batch).await.unwrap();
    assert_eq!(report.channel_members, 2);
    assert_eq!((report.people_found, report.people_created), (1, 0));
    let elsewhere = store.channels_by_person(other).await.unwrap();
    assert_eq!(elsewhere.get(&u1), Some(&set(&["#ops"])));
    assert_eq!(
        elsewhere.keys().collect::<BTreeSet<_>>(),
        [u1, *silent[0].0].iter().collect::<BTreeSet<_>>()
    );
    assert_eq!(store.channels(other).await.unwrap(), ["#ops"]);
    // Each incident sees only its own.
    assert_eq!(store.channels(id).await.unwrap(), ["dev", "ops"]);
    let empty = incident(store, "empty").await;
    assert_eq!(
        store.channels_by_person(empty).await.unwrap(),
        HashMap::new()
    );
    assert!(store.channels(empty).await.unwrap().is_empty());
}

pub async fn failed_import_leaves_no_channel_members(store: &Store) {
    let id = incident(store, "members-atomic").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let before = counts(store).await;
    let mut session = store.begin_import(None).await.unwrap();
    // A first source goes in whole, members and all ...
    assert!(
        session
            .begin_source(id, &slack_source("a.zip"))
            .await
            .unwrap()
    );
    session.add_channel_members(&[members("ops", &["U1", "U2"])]);
    session
        .add_entries(&[said_in("ops", "1", t0, "U1")])
        .await
        .unwrap();
    assert_eq!(session.end_source().await.unwrap().channel_members, 2);
    // ... then the second breaks the schema's size limit.
    assert!(
        session
            .begin_source(id, &slack_source("b.zip"))
            .await
            .unwrap()
    );
    session.add_channel_members(&[members("dev", &["U3"])]);
    let huge = "x".repeat(1024 * 1024 + 1);
    let err = session
        .add_entries(&[said_in("dev", "2", t0, "U3"), chat("3", t0, "U3", &huge)])
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Sqlx(_) | StoreError::Bulk(_)),
        "{err:?}"
    );
    drop(session);
    assert_eq!(channel_member_rows(store).await, 0);
    assert_eq!(counts(store).await, before);
    assert!(store.channels_by_person(id).await.unwrap().is_empty());

    // Members recorded but never committed leave nothing either.
    let mut session = store.begin_import(None).await.unwrap();
    assert!(
        session
            .begin_source(id, &slack_source("c.zip"))
            .await
            .unwrap()
    );
    session.add_channel_members(&[members("ops", &["U9"])]);
    assert_eq!(session.end_source().await.unwrap().channel_members, 1);
    drop(session);
    assert_eq!(channel_member_rows(store).await, 0);
    assert_eq!(counts(store).await, before);
}

/// One person recorded three times (a Slack id, a handle in a CSV, a call's speaker label)
/// reads as one once merged: name, id and channels; and a merge can be undone.
pub async fn merged_people_read_as_one_and_can_be_unmerged(store: &Store) {
    use lore_core::merge_suggestions;
    let id = incident(store, "merged-people").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let mut session = store.begin_import(Some("tester")).await.unwrap();
    session.add_people(&[
        PersonHint {
            handle: "U1".into(),
            display_name: "Nadia".into(),
        },
        PersonHint {
            handle: "U2".into(),
            display_name: "Jonah".into(),
        },
    ]);
    assert!(
        session
            .begin_source(id, &slack_source("export.zip"))
            .await
            .unwrap()
    );
    session.add_channel_members(&[members("ops", &["U1", "U2"]), members("dev", &["U2"])]);
    session
        .add_entries(&[
            said_in("ops", "ops/1", t0, "U1"),
            said_in("dev", "dev/1", t0 + Duration::minutes(1), "U2"),
        ])
        .await
        .unwrap();
    session.end_source().await.unwrap();
    session.commit().await.unwrap();
    // The JSONL batch names "nadia" as Nadia Okafor.
    store
        .import(&batch(
            id,
            "notes.jsonl",
            vec![chat(
                "n1",
                t0 + Duration::minutes(2),
                "nadia",
                "from the notes",
            )],
        ))
        .await
        .unwrap();

    let people = store.people_of_incident(id).await.unwrap();
    let named = |name: &str| {
        people
            .iter()
            .find(|p| p.person.display_name == name)
            .unwrap_or_else(|| panic!("{name} in {people:?}"))
    };
    let (slack_nadia, full_nadia, jonah) = (
        named("Nadia").person.id,
        named("Nadia Okafor").person.id,
        named("Jonah").person.id,
    );
    assert_eq!(named("Nadia").entries, 1);
    assert_eq!(named("Nadia").person.handles[0].handle, "U1");
    assert_eq!(named("Nadia Okafor").person.handles[0].source_kind, "jsonl");
    let suggested: Vec<(i64, i64)> =
        merge_suggestions(&people.iter().map(|p| p.person.clone()).collect::<Vec<_>>())
            .iter()
            .map(|s| (s.from, s.into))
            .collect();
    assert_eq!(suggested, [(slack_nadia, full_nadia)]);

    assert_eq!(
        store
            .merge_person(slack_nadia, full_nadia, "tester")
            .await
            .unwrap()
            .into,
        full_nadia
    );
    let timeline = store.timeline(id).await.unwrap();
    let authors: Vec<(Option<i64>, Option<&str>)> = timeline
        .iter()
        .map(|e| (e.author_person_id, e.author_name.as_deref()))
        .collect();
    assert_eq!(
        authors,
        [
            (Some(full_nadia), Some("Nadia Okafor")),
            (Some(jonah), Some("Jonah")),
            (Some(full_nadia), Some("Nadia Okafor")),
        ]
    );
    let channels = store.channels_by_person(id).await.unwrap();
    assert_eq!(
        channels[&full_nadia].iter().collect::<Vec<_>>(),
        ["ops"],
        "the Slack record's channels are the merged person's"
    );
    assert!(!channels.contains_key(&slack_nadia));

    // Merging into a merged record goes to the one it points at; chains never form.
    assert_eq!(
        store
            .merge_person(jonah, slack_nadia, "tester")
            .await
            .unwrap()
            .into,
        full_nadia
    );
    assert!(matches!(
        store.merge_person(full_nadia, slack_nadia, "tester").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.merge_person(jonah, 999_999, "tester").await,
        Err(StoreError::NotFound(_))
    ));
    store.unmerge_person(jonah, "tester").await.unwrap();
    store.unmerge_person(slack_nadia, "tester").await.unwrap();
    let names: Vec<Option<String>> = store
        .timeline(id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.author_name)
        .collect();
    assert_eq!(
        names,
        [
            Some("Nadia".to_owned()),
            Some("Jonah".to_owned()),
            Some("Nadia Okafor".to_owned())
        ]
    );
    assert!(matches!(
        store.unmerge_person(999_999, "tester").await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.unmerge_person(jonah, "tester").await,
        Err(StoreError::Invalid(_))
    ));
}

/// When people joined channels, where a source says so: the earliest join per person and
/// channel, following merges; a joiner the member list does not name is still a member.
pub async fn channel_joins_are_kept_earliest_and_follow_merges(store: &Store) {
    let id = incident(store, "joins").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let mut session = store.begin_import(Some("tester")).await.unwrap();
    assert!(
        session
            .begin_source(id, &slack_source("export.zip"))
            .await
            .unwrap()
    );
    session.add_channel_members(&[ChannelMembers {
        channel: "inc".into(),
        handles: vec!["U1".into()],
        joined: vec![
            ("U1".into(), t0 + Duration::minutes(5)),
            ("U1".into(), t0 + Duration::minutes(2)),
            ("U9".into(), t0 + Duration::minutes(7)),
        ],
    }]);
    session
        .add_entries(&[said_in("inc", "inc/1", t0 + Duration::minutes(8), "U1")])
        .await
        .unwrap();
    let report = session.end_source().await.unwrap();
    session.commit().await.unwrap();
    assert_eq!(report.channel_members, 2, "U1 listed, U9 only joined");
    let people = store.people_of_incident(id).await.unwrap();
    let person = |handle: &str| {
        people
            .iter()
            .find(|p| p.person.handles.iter().any(|h| h.handle == handle))
            .unwrap()
            .person
            .id
    };
    let (u1, u9) = (person("U1"), person("U9"));
    let joins = store.channel_joins(id).await.unwrap();
    assert_eq!(joins[&(u1, "inc".to_owned())], t0 + Duration::minutes(2));
    assert_eq!(joins[&(u9, "inc".to_owned())], t0 + Duration::minutes(7));
    assert!(store.channels_by_person(id).await.unwrap()[&u9].contains("inc"));
    store.merge_person(u9, u1, "tester").await.unwrap();
    let joins = store.channel_joins(id).await.unwrap();
    assert_eq!(joins.len(), 1);
    assert_eq!(joins[&(u1, "inc".to_owned())], t0 + Duration::minutes(2));
}

/// The bulk inserts write entry rows from one declaration of their columns; it must match the
/// real `timeline_entries` table on every backend.
pub async fn entry_row_declaration_matches_the_table(store: &Store) {
    let problems = lore_store::testing::entry_row_drift(store).await.unwrap();
    assert!(
        problems.is_empty(),
        "the entry row declaration (crates/store/src/entry_rows) and timeline_entries on {} \
         disagree:\n{}",
        store.backend_name(),
        problems.join("\n")
    );
}

/// The glossary page's one read of every visible incident's words: restricted ones only for
/// those granted, each incident once, its narrative at the newest version.
pub async fn writings_of_restricted_incidents_reach_only_their_readers(store: &Store) {
    use lore_core::NewPerspective;
    let account = |name: &str, role: Role| NewAccount {
        username: Username::parse(name).unwrap(),
        password_hash: "x".into(),
        role,
    };
    let rita = store
        .create_account(&account("rita", Role::Reader))
        .await
        .unwrap();
    let ada = store
        .create_account(&account("ada", Role::Admin))
        .await
        .unwrap();
    let on_day = |s: &str, day: u8, restricted: bool| {
        let mut new = NewIncident::new(slug(s), format!("Incident {s}"));
        new.summary = format!("Summary of {s}.");
        new.times.started_at = Some(OffsetDateTime::new_utc(
            time::Date::from_calendar_date(2026, time::Month::March, day).unwrap(),
            time::Time::MIDNIGHT,
        ));
        new.restricted = restricted;
        new
    };
    let open = store
        .create_incident(&on_day("open", 1, false))
        .await
        .unwrap();
    store
        .create_incident(&on_day("bare", 5, false))
        .await
        .unwrap();
    let secret = store
        .create_incident(&on_day("secret", 10, true))
        .await
        .unwrap();
    store
        .save_narrative(
            open.id,
            None,
            "First draft.",
            "nadia",
            &References::default(),
        )
        .await
        .unwrap();
    store
        .save_narrative(
            open.id,
            Some(1),
            "The retained MQTT flag.",
            "nadia",
            &References::default(),
        )
        .await
        .unwrap();
    store
        .save_narrative(
            secret.id,
            None,
            "Secret narrative.",
            "ada",
            &References::default(),
        )
        .await
        .unwrap();
    for (incident_id, body) in [
        (open.id, "Nadia: I meant stop sending it."),
        (secret.id, "Secret perspective."),
        (open.id, "Tomás: I cancelled the window."),
    ] {
        store
            .add_perspective(
                &NewPerspective {
                    incident_id,
                    person: "someone".into(),
                    written_by: "analyst".into(),
                    interview: false,
                    body: body.into(),
                },
                &References::default(),
            )
            .await
            .unwrap();
    }
    let slugs = |w: &[lore_store::IncidentWritings]| {
        w.iter().map(|w| w.slug.to_string()).collect::<Vec<_>>()
    };

    let read = store.writings_visible_to(&rita).await.unwrap();
    assert_eq!(
        slugs(&read),
        ["bare", "open"],
        "newest first, the secret left out"
    );
    assert_eq!(read[0].summary, "Summary of bare.");
    assert_eq!(read[0].narrative, None);
    assert!(read[0].perspectives.is_empty());
    assert_eq!(read[1].title, "Incident open");
    assert_eq!(
        read[1].narrative.as_deref(),
        Some("The retained MQTT flag."),
        "the current version"
    );
    assert_eq!(
        read[1].perspectives,
        [
            "Nadia: I meant stop sending it.",
            "Tomás: I cancelled the window."
        ]
    );
    assert!(
        !format!("{read:?}").contains("Secret"),
        "nothing of the restricted incident: {read:?}"
    );
    assert_eq!(
        slugs(&store.writings_visible_to(&ada).await.unwrap()),
        ["secret", "bare", "open"]
    );

    store
        .grant_access(&secret, &rita.username, "ada")
        .await
        .unwrap();
    let read = store.writings_visible_to(&rita).await.unwrap();
    assert_eq!(
        slugs(&read),
        ["secret", "bare", "open"],
        "each incident once"
    );
    assert_eq!(read[0].narrative.as_deref(), Some("Secret narrative."));
    assert_eq!(read[0].perspectives, ["Secret perspective."]);
    assert_eq!(read[2].perspectives.len(), 2);
}

/// A big import enlarges its connection's page cache while it runs (SQLite); the connection
/// goes back to the pool with the cache every connection has.
pub async fn big_sqlite_import_puts_its_cache_back(store: &Store) {
    let lore_store::Db::Sqlite(pool) = store.db() else {
        panic!("an SQLite case");
    };
    let id = incident(store, "big").await;
    let t0 = datetime!(2026-03-17 00:00 UTC);
    let entries: Vec<NewTimelineEntry> = (0..50_001)
        .map(|i| chat(&format!("m{i}"), t0 + Duration::seconds(i), "nadia", "x"))
        .collect();
    let report = store
        .import(&batch(id, "big.jsonl", entries))
        .await
        .unwrap();
    assert_eq!(report.added, 50_001);
    // Every connection the pool has (or makes), held at once: none kept the big cache.
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        held.push(pool.acquire().await.unwrap());
    }
    for conn in &mut held {
        let (size,): (i64,) = sqlx::query_as("PRAGMA cache_size")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(size, -32768);
    }
}

/// Every entry's author as the timeline shows it (id and name), across incidents.
async fn shown_authors(
    store: &Store,
    incidents: &[i64],
) -> Vec<(i64, Option<i64>, Option<String>)> {
    let mut out = Vec::new();
    for &id in incidents {
        for e in store.timeline(id).await.unwrap() {
            out.push((e.id, e.author_person_id, e.author_name));
        }
    }
    out
}

/// The person id a handle of an incident's record resolved to.
async fn person_of(store: &Store, incident_id: i64, handle: &str) -> i64 {
    let people = store.people_of_incident(incident_id).await.unwrap();
    people
        .iter()
        .find(|p| p.person.handles.iter().any(|h| h.handle == handle))
        .unwrap_or_else(|| panic!("{handle} in {people:#?}"))
        .person
        .id
}

/// Issue 9, item 6: undo puts back exactly what each merge moved. A2 was merged into A; A is
/// merged into B (A2 follows), then B into C (A and A2 follow again). Undoing the first of the
/// two alone is refused and changes nothing; undoing both, last first, brings every entry's
/// shown author back to what it was, step by step.
pub async fn undo_puts_back_exactly_what_each_merge_moved(store: &Store) {
    let id = incident(store, "undo-merges").await;
    let other = incident(store, "undo-merges-elsewhere").await;
    let t0 = datetime!(2026-03-17 11:00 UTC);
    let entries = ["a", "a2", "b", "c", "d"]
        .iter()
        .enumerate()
        .map(|(i, who)| chat(&format!("m{i}"), t0 + Duration::minutes(i as i64), who, "x"))
        .collect();
    store
        .import(&batch(id, "undo.jsonl", entries))
        .await
        .unwrap();
    // B also writes in another incident: a merge follows a person everywhere, and so does undo.
    store
        .import(&batch(other, "other.jsonl", vec![chat("o1", t0, "b", "y")]))
        .await
        .unwrap();
    let (a, a2, b, c) = (
        person_of(store, id, "a").await,
        person_of(store, id, "a2").await,
        person_of(store, id, "b").await,
        person_of(store, id, "c").await,
    );
    let shown = || async move { shown_authors(store, &[id, other]).await };
    let name_of = |rows: &[(i64, Option<i64>, Option<String>)], i: usize| rows[i].2.clone();

    let start = shown().await;
    let first = store.merge_person(a2, a, "tester").await.unwrap();
    assert_eq!(first.moved, [a2]);
    let before = shown().await;
    assert_eq!(name_of(&before, 1).as_deref(), Some("a"));

    let a_into_b = store.merge_person(a, b, "tester").await.unwrap();
    assert_eq!(a_into_b.into, b);
    assert_eq!(a_into_b.moved, [a, a2], "A2 follows A");
    let after_first = shown().await;
    let b_into_c = store.merge_person(b, c, "tester").await.unwrap();
    assert_eq!(b_into_c.moved, [a, a2, b], "A and A2 are re-pointed to C");
    let after_both = shown().await;
    // The other incident lists C, whom its entries now read as, though C never appears there
    // (with no entries and no handles of its own there).
    let elsewhere = store.people_of_incident(other).await.unwrap();
    let listed: Vec<(i64, Option<i64>, i64, usize)> = elsewhere
        .iter()
        .map(|p| {
            (
                p.person.id,
                p.person.merged_into,
                p.entries,
                p.person.handles.len(),
            )
        })
        .collect();
    assert_eq!(listed, [(b, Some(c), 1, 1), (c, None, 0, 0)]);
    assert_eq!(
        elsewhere[0].last_merge.map(|m| (m.from, m.into)),
        Some((b, c))
    );
    let authors: Vec<Option<i64>> = after_both.iter().map(|r| r.1).collect();
    assert_eq!(
        authors,
        [Some(c), Some(c), Some(c), Some(c), after_both[4].1, Some(c)],
        "{after_both:?}"
    );

    // Undoing the first alone: A was moved since, by B's merge, so putting A back "where it
    // was" (under B) would undo part of that merge too. Refused; nothing changes.
    let refused = store
        .undo_person_merge(a_into_b.merge_id.unwrap(), "tester")
        .await;
    match refused {
        Err(StoreError::Invalid(why)) => assert!(
            why.contains(&format!("merge of person {b} into person {c}")),
            "{why}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(shown().await, after_both);

    // Last first: each undo restores exactly the state before its merge.
    let undone = store
        .undo_person_merge(b_into_c.merge_id.unwrap(), "tester")
        .await
        .unwrap();
    assert_eq!(undone.restored, [(a, Some(b)), (a2, Some(b)), (b, None)]);
    assert_eq!(shown().await, after_first);
    let undone = store
        .undo_person_merge(a_into_b.merge_id.unwrap(), "tester")
        .await
        .unwrap();
    assert_eq!(undone.restored, [(a, None), (a2, Some(a))]);
    assert_eq!(shown().await, before);
    assert!(matches!(
        store
            .undo_person_merge(a_into_b.merge_id.unwrap(), "tester")
            .await,
        Err(StoreError::Invalid(_))
    ));

    // By record: the merge that moved it last, even when it moved with another record.
    store.merge_person(a, b, "tester").await.unwrap();
    let undone = store.unmerge_person(a2, "tester").await.unwrap();
    assert_eq!(undone.merge.from, a, "A2 moved with A's merge");
    assert_eq!(shown().await, before);
    store.unmerge_person(a2, "tester").await.unwrap();
    assert_eq!(shown().await, start);
    assert!(matches!(
        store.unmerge_person(a2, "tester").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.undo_person_merge(999_999, "tester").await,
        Err(StoreError::NotFound(_))
    ));

    // A record merged before, merged elsewhere, goes back to the person it was merged into.
    store.merge_person(a2, a, "tester").await.unwrap();
    store.merge_person(a2, c, "tester").await.unwrap();
    assert_eq!(shown().await[1].1, Some(c));
    store.unmerge_person(a2, "tester").await.unwrap();
    assert_eq!(shown().await, before);
    // ...unless that person has since been merged into someone else: no chains.
    store.merge_person(a2, c, "tester").await.unwrap();
    store.merge_person(a, b, "tester").await.unwrap();
    assert!(matches!(
        store.unmerge_person(a2, "tester").await,
        Err(StoreError::Invalid(why)) if why.contains(&format!("person {a2} cannot go back to person {a}"))
    ));
    store.unmerge_person(a, "tester").await.unwrap();
    store.unmerge_person(a2, "tester").await.unwrap();
    store.unmerge_person(a2, "tester").await.unwrap();
    assert_eq!(shown().await, start);
    let people = store.people_of_incident(id).await.unwrap();
    assert!(people.iter().all(|p| p.person.merged_into.is_none()));
}

/// Issue 9, item 6: an account may merge and unmerge only people whose every appearance —
/// entries written, channels listed in, by any of their records — is in incidents it can see.
/// Anything else is not found, whoever asks through the web, and the restricted incident's
/// entries keep their authors.
pub async fn merges_stay_within_the_sight_of_whoever_makes_them(store: &Store) {
    let account = |name: &str, role: Role| NewAccount {
        username: Username::parse(name).unwrap(),
        password_hash: "x".into(),
        role,
    };
    let sam = store
        .create_account(&account("sam", Role::Analyst))
        .await
        .unwrap();
    let rita = store
        .create_account(&account("rita", Role::Analyst))
        .await
        .unwrap();
    let ada = store
        .create_account(&account("ada", Role::Admin))
        .await
        .unwrap();
    let open = incident(store, "open").await;
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    store
        .grant_access(&secret, &rita.username, "ada")
        .await
        .unwrap();
    let t0 = datetime!(2026-03-17 11:00 UTC);

    // Open: Nadia (who also writes in the secret one), nadia-o, Rafa, Rafael; U7 on Slack.
    store
        .import(&batch(
            open,
            "open.jsonl",
            ["nadia", "nadia-o", "rafa", "rafael"]
                .iter()
                .enumerate()
                .map(|(i, who)| chat(&format!("o{i}"), t0 + Duration::minutes(i as i64), who, "x"))
                .collect(),
        ))
        .await
        .unwrap();
    let mut session = store.begin_import(Some("tester")).await.unwrap();
    assert!(
        session
            .begin_source(open, &slack_source("open.zip"))
            .await
            .unwrap()
    );
    session
        .add_entries(&[said_in("ops", "s1", t0, "U7")])
        .await
        .unwrap();
    session.end_source().await.unwrap();
    // Secret: Nadia writes; U7 is only listed in a channel; U8 writes only here.
    assert!(
        session
            .begin_source(secret.id, &slack_source("secret.zip"))
            .await
            .unwrap()
    );
    session.add_channel_members(&[members("sec", &["U7"])]);
    session
        .add_entries(&[said_in("sec", "s2", t0, "U8")])
        .await
        .unwrap();
    session.end_source().await.unwrap();
    session.commit().await.unwrap();
    store
        .import(&batch(
            secret.id,
            "secret.jsonl",
            vec![chat("x1", t0, "nadia", "in secret")],
        ))
        .await
        .unwrap();
    let nadia = person_of(store, open, "nadia").await;
    let nadia_o = person_of(store, open, "nadia-o").await;
    let (rafa, rafael) = (
        person_of(store, open, "rafa").await,
        person_of(store, open, "rafael").await,
    );
    let u7 = person_of(store, open, "U7").await;
    let u8 = person_of(store, secret.id, "U8").await;
    let secret_id = secret.id;
    let secret_authors = || async move { shown_authors(store, &[secret_id]).await };
    let secret_start = secret_authors().await;
    let sight = |who: &lore_core::Account| {
        let who = who.clone();
        async move {
            let mut ids: Vec<i64> = store
                .people_within_sight(open, &who)
                .await
                .unwrap()
                .into_iter()
                .collect();
            ids.sort_unstable();
            ids
        }
    };
    let mut all = vec![nadia, nadia_o, rafa, rafael, u7];
    all.sort_unstable();
    assert_eq!(sight(&ada).await, all, "admins see everything");
    assert_eq!(sight(&rita).await, all, "rita was granted the secret one");
    assert_eq!(sight(&sam).await, [nadia_o, rafa, rafael]);

    // Out of sam's sight, in either direction, by entries or by channel membership alone:
    // not found, exactly like a person that does not exist.
    for (from, into) in [
        (nadia, nadia_o),
        (nadia_o, nadia),
        (u7, rafael),
        (rafael, u7),
        (999_999, rafael),
    ] {
        match store.merge_person_as(from, into, &sam).await {
            Err(StoreError::NotFound(_)) => {}
            other => panic!("{from} into {into}: {other:?}"),
        }
    }
    assert_eq!(secret_authors().await, secret_start);
    // Within sight: allowed, and undone.
    store.merge_person_as(rafa, rafael, &sam).await.unwrap();
    store.unmerge_person_as(rafa, &sam).await.unwrap();

    // Rita may see the secret incident, so she may merge Nadia there; sam may not undo it.
    store.merge_person_as(nadia, nadia_o, &rita).await.unwrap();
    let merged = secret_authors().await;
    assert_eq!(merged[1].1, Some(nadia_o), "{merged:?}");
    assert!(matches!(
        store.unmerge_person_as(nadia, &sam).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.unmerge_person_as(nadia_o, &sam).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(secret_authors().await, merged);
    assert_eq!(sight(&sam).await, [rafa, rafael], "nadia-o is Nadia now");
    store.unmerge_person_as(nadia, &ada).await.unwrap();
    assert_eq!(secret_authors().await, secret_start);

    // A person is every record merged into them: once U8 (only in the secret incident) is
    // Rafael, sam may no longer merge anyone into Rafael, nor undo Rafael's merges.
    store.merge_person_as(rafa, rafael, &sam).await.unwrap();
    store.merge_person_as(u8, rafael, &ada).await.unwrap();
    assert!(matches!(
        store.merge_person_as(nadia_o, rafael, &sam).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.unmerge_person_as(rafa, &sam).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(sight(&sam).await, [nadia_o]);
    store.unmerge_person_as(rafa, &ada).await.unwrap();
}
