//! Content changes, as the servers' page caches learn of them: every table is either tracked
//! or deliberately left out, content writes are seen (SQLite: the counter; PostgreSQL: the
//! announcement naming the table), and reads and reading time are not.

use std::time::Duration;

use lore_core::{NewGlossaryTerm, NewIncident, Role};
use lore_store::{Change, ChangeListener, Store};

use super::{account, slug};

pub async fn content_changes_cover_every_table(store: &Store) {
    assert_eq!(
        store.tables_without_change_tracking().await.unwrap(),
        Vec::<String>::new(),
        "a table neither tracked (migration 0031's triggers) nor in UNTRACKED_TABLES"
    );
}

/// The next table PostgreSQL announces, waiting at most ten seconds.
async fn next_table(listener: &mut ChangeListener) -> String {
    match tokio::time::timeout(Duration::from_secs(10), listener.next())
        .await
        .expect("an announcement within 10 s")
        .unwrap()
    {
        Change::Written { table } => table,
        Change::MayHaveMissed => panic!("the listener lost its connection"),
    }
}

pub async fn content_writes_are_seen_and_reads_are_not(store: &Store) {
    let mut listener = store.listen_for_changes().await.unwrap();
    let sqlite = store.content_changes().await.unwrap();
    // Exactly one of the two ways, by backend.
    assert_eq!(listener.is_some(), sqlite.is_none());

    let rita = account(store, "rita", Role::Reader).await;
    let incident = store
        .create_incident(&NewIncident::new(slug("changes"), "Changes"))
        .await
        .unwrap();
    let after_writes = store.content_changes().await.unwrap();
    if let Some(before) = sqlite {
        assert!(
            after_writes.unwrap() >= before + 2,
            "an account and an incident"
        );
    }
    if let Some(listener) = listener.as_mut() {
        assert_eq!(next_table(listener).await, "accounts");
        let mut seen = next_table(listener).await;
        // The incident's creation may touch other tracked tables in its transaction.
        while seen != "incidents" {
            seen = next_table(listener).await;
        }
    }

    // Reading is not a content change: a page kept may show counts a minute old.
    assert!(store.record_read(incident.id, &rita).await.unwrap());
    assert!(
        store
            .add_reading_time(incident.id, &rita, 30)
            .await
            .unwrap()
    );
    assert_eq!(store.content_changes().await.unwrap(), after_writes);

    store
        .add_glossary_term(&NewGlossaryTerm {
            term: "MQTT".into(),
            aliases: Vec::new(),
            definition: "A message protocol.".into(),
            link: None,
            created_by: "nadia".into(),
        })
        .await
        .unwrap();
    if let Some(n) = after_writes {
        assert_eq!(store.content_changes().await.unwrap(), Some(n + 1));
    }
    if let Some(listener) = listener.as_mut() {
        // Announcements arrive in commit order: had the reads been announced, they would
        // come first.
        assert_eq!(next_table(listener).await, "glossary_terms");
    }
}
