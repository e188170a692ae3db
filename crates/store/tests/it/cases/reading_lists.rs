//! Reading lists: order, moves and removals (dense positions), restricted items hidden from
//! those without access (and not citations for them), and each reader's progress.

use lore_core::{Account, CitationKind, CitationPlace, NewIncident, Role, Username};
use lore_store::{NewAccount, Store, StoreError};

use super::slug;

async fn account(store: &Store, name: &str, role: Role) -> Account {
    store
        .create_account(&NewAccount {
            username: Username::parse(name).unwrap(),
            password_hash: "x".into(),
            role,
        })
        .await
        .unwrap()
}

async fn order(store: &Store, list: i64, who: &Account) -> Vec<(String, i64)> {
    store
        .reading_list(list, who)
        .await
        .unwrap()
        .unwrap()
        .items
        .into_iter()
        .map(|i| (i.slug, i.position))
        .collect()
}

pub async fn reading_lists_keep_order_hide_restricted_and_show_progress(store: &Store) {
    account(store, "ana", Role::Analyst).await;
    let sam = account(store, "sam", Role::Reader).await;
    let rita = account(store, "rita", Role::Reader).await;
    let mut ids = Vec::new();
    for s in ["a", "b", "c"] {
        ids.push(
            store
                .create_incident(&NewIncident::new(slug(s), format!("Incident {s}")))
                .await
                .unwrap(),
        );
    }
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    store
        .grant_access(&secret, &rita.username, "ana")
        .await
        .unwrap();

    assert!(matches!(
        store.create_reading_list("  ", "", "ana").await,
        Err(StoreError::Invalid(_))
    ));
    let list = store
        .create_reading_list("Boot camp", "Read these first.", "ana")
        .await
        .unwrap();
    for (incident, note) in [(&ids[0], "start here"), (&ids[1], ""), (&ids[2], "last")] {
        store
            .add_reading_list_item(list, incident.id, note)
            .await
            .unwrap();
    }
    assert!(matches!(
        store.add_reading_list_item(list, ids[0].id, "again").await,
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(matches!(
        store.add_reading_list_item(999_999, ids[0].id, "").await,
        Err(StoreError::NotFound(_))
    ));
    store
        .add_reading_list_item(list, secret.id, "restricted")
        .await
        .unwrap();
    let pairs = |v: &[(&str, i64)]| {
        v.iter()
            .map(|(s, p)| (s.to_string(), *p))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(store, list, &rita).await,
        pairs(&[("a", 0), ("b", 1), ("c", 2), ("secret", 3)])
    );

    // Moves shift the others; positions stay dense.
    store
        .move_reading_list_item(list, ids[2].id, 0)
        .await
        .unwrap();
    store
        .move_reading_list_item(list, ids[0].id, 99)
        .await
        .unwrap();
    assert_eq!(
        order(store, list, &rita).await,
        pairs(&[("c", 0), ("b", 1), ("secret", 2), ("a", 3)])
    );
    store
        .remove_reading_list_item(list, ids[1].id)
        .await
        .unwrap();
    assert_eq!(
        order(store, list, &rita).await,
        pairs(&[("c", 0), ("secret", 1), ("a", 2)])
    );
    assert!(matches!(
        store.remove_reading_list_item(list, ids[1].id).await,
        Err(StoreError::NotFound(_))
    ));
    store
        .add_reading_list_item(list, ids[1].id, "back")
        .await
        .unwrap();

    // Sam may not see the secret incident: not listed, not counted, not a citation for him.
    assert_eq!(
        order(store, list, &sam).await,
        pairs(&[("c", 0), ("a", 2), ("b", 3)])
    );
    let lists = store.reading_lists(&sam).await.unwrap();
    assert_eq!(lists.len(), 1);
    assert_eq!((lists[0].items, lists[0].read), (3, 0));
    assert_eq!(store.reading_lists(&rita).await.unwrap()[0].items, 4);
    assert_eq!(
        store
            .citation_counts(&secret, &sam)
            .await
            .unwrap()
            .get(CitationKind::ReadingList),
        0
    );
    assert!(store.cited_by(&secret, &sam).await.unwrap().is_empty());
    let cited = store.cited_by(&secret, &rita).await.unwrap();
    assert_eq!(cited.len(), 1);
    assert_eq!(cited[0].kind, CitationKind::ReadingList);
    assert_eq!(
        cited[0].place,
        CitationPlace::ReadingList {
            id: list,
            title: "Boot camp".into()
        }
    );
    assert_eq!(cited[0].text, "restricted");
    assert_eq!(
        store
            .citation_counts(&ids[0], &sam)
            .await
            .unwrap()
            .get(CitationKind::ReadingList),
        1
    );

    // Progress: each reader's own reads.
    store.record_read(ids[2].id, &sam).await.unwrap();
    store.record_read(secret.id, &sam).await.unwrap();
    store.record_read(ids[0].id, &rita).await.unwrap();
    let seen = store.reading_list(list, &sam).await.unwrap().unwrap();
    assert_eq!((seen.summary.items, seen.summary.read), (3, 1));
    let read: Vec<(&str, bool)> = seen
        .items
        .iter()
        .map(|i| (i.slug.as_str(), i.read))
        .collect();
    assert_eq!(read, [("c", true), ("a", false), ("b", false)]);
    let hers = store.reading_lists(&rita).await.unwrap();
    assert_eq!((hers[0].items, hers[0].read), (4, 1));
    assert_eq!(seen.summary.description, "Read these first.");
    assert!(store.reading_list(999_999, &sam).await.unwrap().is_none());
}

/// A list holds at most MAX_LIST_ITEMS incidents; the next is refused and nothing changes.
pub async fn a_reading_list_holds_a_bounded_number_of_incidents(store: &Store) {
    let list = store
        .create_reading_list("Everything", "", "mei")
        .await
        .unwrap();
    for n in 0..=lore_store::MAX_LIST_ITEMS {
        let incident = store
            .create_incident(&NewIncident::new(slug(&format!("i-{n}")), "x"))
            .await
            .unwrap();
        let added = store.add_reading_list_item(list, incident.id, "").await;
        if n < lore_store::MAX_LIST_ITEMS {
            added.unwrap();
        } else {
            assert!(matches!(added, Err(StoreError::Invalid(_))), "{added:?}");
        }
    }
    let ada = account(store, "ada", Role::Admin).await;
    let read = store.reading_list(list, &ada).await.unwrap().unwrap();
    assert_eq!(read.items.len() as i64, lore_store::MAX_LIST_ITEMS);
}
