//! Aliases and the references a git scan stores, on both stores.

use lore_core::NewIncident;
use lore_store::{GitScanRecord, NewGitReference, Store, StoreError};
use time::macros::datetime;

use super::slug;

fn reference(slug: &str, kind: &str, path: Option<&str>, line: i64, text: &str) -> NewGitReference {
    NewGitReference {
        slug: slug.into(),
        kind: kind.into(),
        commit: "a".repeat(40),
        path: path.map(Into::into),
        line,
        matched: slug.into(),
        author: Some("Jonah".into()),
        committed_at: Some(datetime!(2026-03-20 10:00 UTC)),
        line_text: text.into(),
    }
}

fn record(
    full: bool,
    commits: Vec<NewGitReference>,
    paths: &[&str],
    files: Vec<NewGitReference>,
) -> GitScanRecord {
    GitScanRecord {
        path: "/srv/repos/fleet".into(),
        name: "fleet".into(),
        head: Some("b".repeat(40)),
        state: "{}".into(),
        full_rescan: full,
        commit_references: commits,
        rescanned_paths: paths.iter().map(|p| p.to_string()).collect(),
        file_references: files,
    }
}

pub async fn aliases_name_one_incident_in_any_case(store: &Store) {
    let a = store
        .create_incident(&NewIncident::new(slug("riverton"), "Riverton"))
        .await
        .unwrap();
    let b = store
        .create_incident(&NewIncident::new(slug("billing"), "Billing"))
        .await
        .unwrap();
    store
        .add_incident_alias(&a, " INC-3117 ", "ada")
        .await
        .unwrap();
    store
        .add_incident_alias(&a, "inc-3117", "ada")
        .await
        .unwrap();
    assert!(matches!(
        store.add_incident_alias(&b, "Inc-3117", "ada").await,
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(matches!(
        store.add_incident_alias(&b, "two\nlines", "ada").await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.add_incident_alias(&b, &"x".repeat(101), "ada").await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.incident_aliases(a.id).await.unwrap(), ["INC-3117"]);
    store
        .rename_incident(&slug("riverton"), &slug("riverton-stations"))
        .await
        .unwrap();
    let names = store.incident_names().await.unwrap();
    let riverton = names.iter().find(|n| n.incident_id == a.id).unwrap();
    assert_eq!(
        (
            riverton.slug.as_str(),
            riverton.old_slugs.as_slice(),
            riverton.aliases.as_slice()
        ),
        (
            "riverton-stations",
            &["riverton".to_string()][..],
            &["INC-3117".to_string()][..]
        )
    );
}

pub async fn git_scans_replace_file_references_path_by_path(store: &Store) {
    let a = store
        .create_incident(&NewIncident::new(slug("riverton"), "Riverton"))
        .await
        .unwrap();
    let stored = store
        .record_git_scan(&record(
            true,
            vec![reference(
                "riverton",
                "commit",
                None,
                1,
                "Fix keepalive (riverton)",
            )],
            &["src/mqtt.rs", "docs/runbook.md"],
            vec![
                reference(
                    "riverton",
                    "code",
                    Some("src/mqtt.rs"),
                    12,
                    "// keepalive < NAT timeout, see riverton",
                ),
                reference(
                    "riverton",
                    "doc",
                    Some("docs/runbook.md"),
                    3,
                    "See riverton.",
                ),
                reference("nowhere", "doc", Some("docs/runbook.md"), 4, "See nowhere."),
            ],
        ))
        .await
        .unwrap();
    assert_eq!((stored.added, stored.removed, stored.unknown), (3, 0, 1));
    assert_eq!(
        store.git_scan_state("/srv/repos/fleet").await.unwrap(),
        Some(("fleet".to_string(), "{}".to_string()))
    );

    // An incremental scan: the runbook changed and no longer cites it; mqtt.rs untouched.
    let stored = store
        .record_git_scan(&record(false, vec![], &["docs/runbook.md"], vec![]))
        .await
        .unwrap();
    assert_eq!((stored.added, stored.removed), (0, 1));
    let refs = store.git_references(a.id, 500).await.unwrap();
    let mut places: Vec<(String, Option<String>, i64)> = refs
        .iter()
        .map(|r| (r.kind.clone(), r.path.clone(), r.line))
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            ("code".into(), Some("src/mqtt.rs".into()), 12),
            ("commit".into(), None, 1)
        ]
    );
    assert!(
        refs.iter()
            .all(|r| r.repository == "fleet" && r.author.as_deref() == Some("Jonah"))
    );

    // References are searchable, and go from search when they go from the repository.
    let admin = lore_core::Account {
        id: 0,
        username: lore_core::Username::parse("cli").unwrap(),
        role: lore_core::Role::Admin,
        created_at: time::OffsetDateTime::now_utc(),
    };
    let q = lore_core::search::SearchQuery::parse("keepalive kind:reference").unwrap();
    let found = store.search(&admin, &q, Default::default()).await.unwrap();
    assert_eq!(found.total_hits, 2);
    assert_eq!(
        found.groups[0].hits[0].permalink,
        "/incidents/riverton#cited-by"
    );

    // A full rescan replaces everything the repository had.
    let stored = store
        .record_git_scan(&record(true, vec![], &[], vec![]))
        .await
        .unwrap();
    assert_eq!((stored.added, stored.removed), (0, 2));
    assert!(store.git_references(a.id, 500).await.unwrap().is_empty());
    let q = lore_core::search::SearchQuery::parse("keepalive").unwrap();
    assert_eq!(
        store
            .search(&admin, &q, Default::default())
            .await
            .unwrap()
            .total_hits,
        0
    );
}
