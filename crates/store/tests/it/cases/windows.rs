//! The timeline a window at a time: keyset pages forward and back cover every entry once, in
//! the order of the whole timeline; counts of a slice are exact for every filter; density adds
//! up to the count; the library pages by keyset and hides what the account may not see.

use lore_core::{EntryKind, NewIncident, Role, TimelineEntry};
use lore_store::{EntryKey, EntrySlice, LaneKey, SeenRule, Store, WindowFrom, library_sort_time};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::{account, batch, chat, incident, slug};

const ENTRIES: usize = 1_000;

/// 1,000 entries over about 40 minutes, some at the same instant (ties), every seventh noise,
/// three authors, two channels and entries without one, three kinds.
async fn big_incident(store: &Store) -> (i64, Vec<TimelineEntry>) {
    let id = incident(store, "big").await;
    let t0 = datetime!(2026-03-17 07:00 UTC);
    let entries = (0..ENTRIES)
        .map(|i| {
            // Every fifth entry shares its second with the one before: ties keep import order.
            let at = t0 + Duration::milliseconds(2_500 * (i as i64 - (i as i64 % 5 == 4) as i64));
            let author = ["nadia", "jonah", "greta"][i % 3];
            let mut e = chat(&format!("m{i}"), at, author, &format!("message {i}"));
            e.channel = match i % 4 {
                0 => None,
                1 | 2 => Some("#ops".into()),
                _ => Some("#dev".into()),
            };
            e.kind = [EntryKind::Chat, EntryKind::Chat, EntryKind::Deploy][i % 3 / 2 + i % 2];
            e.noise = i % 7 == 0;
            e
        })
        .collect();
    store
        .import(&batch(id, "big.jsonl", entries))
        .await
        .unwrap();
    let all = store.timeline(id).await.unwrap();
    assert_eq!(all.len(), ENTRIES);
    (id, all)
}

fn ids(entries: &[TimelineEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.id).collect()
}

pub async fn windows_page_forward_and_back_over_every_entry_once(store: &Store) {
    let (id, all) = big_incident(store).await;
    let shown: Vec<i64> = ids(&all.iter().filter(|e| !e.noise).cloned().collect::<Vec<_>>());
    let slice = EntrySlice::default();
    // Forward, 97 at a time.
    let mut forward = Vec::new();
    let mut from = WindowFrom::First;
    loop {
        let page = store.timeline_window(id, &slice, from, 97).await.unwrap();
        assert!(page.len() <= 97, "a window never holds more than asked");
        let Some(last) = page.last() else { break };
        from = WindowFrom::After(EntryKey::of(last));
        forward.extend(ids(&page));
    }
    assert_eq!(
        forward, shown,
        "forward pages are the timeline, in its order"
    );
    // Back from the end, 101 at a time.
    let mut back = Vec::new();
    let mut from = WindowFrom::Last;
    loop {
        let page = store.timeline_window(id, &slice, from, 101).await.unwrap();
        let Some(first) = page.first() else { break };
        from = WindowFrom::Before(EntryKey::of(first));
        back.splice(0..0, ids(&page));
    }
    assert_eq!(back, shown, "backward pages are the same timeline");
    // A window asked for more than the cap holds the cap.
    let noisy = EntrySlice {
        noise: true,
        ..EntrySlice::default()
    };
    let capped = store
        .timeline_window(id, &noisy, WindowFrom::First, 5_000)
        .await
        .unwrap();
    assert_eq!(capped.len(), lore_store::MAX_WINDOW as usize);
    // Around a time: the entries from it on, in order.
    let t = all[500].occurred_at;
    let after = store
        .timeline_window(id, &noisy, WindowFrom::After(EntryKey::before_all_at(t)), 3)
        .await
        .unwrap();
    let expected: Vec<i64> = ids(&all
        .iter()
        .filter(|e| e.occurred_at >= t)
        .take(3)
        .cloned()
        .collect::<Vec<_>>());
    assert_eq!(ids(&after), expected);
    // An entry's key, and none for another incident's entry.
    let other = incident(store, "other").await;
    assert_eq!(
        store.entry_key(id, all[3].id).await.unwrap(),
        Some(EntryKey::of(&all[3]))
    );
    assert_eq!(store.entry_key(other, all[3].id).await.unwrap(), None);
    assert!(
        store
            .entries_by_id(other, &[all[3].id])
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn slice_counts_are_exact_for_every_filter(store: &Store) {
    let (id, all) = big_incident(store).await;
    let nadia = all
        .iter()
        .find(|e| e.author_name.as_deref() == Some("Nadia Okafor"))
        .and_then(|e| e.author_person_id)
        .unwrap();
    let records = store.person_records(nadia).await.unwrap();
    assert_eq!(records, vec![nadia]);
    let (a, b) = (EntryKey::of(&all[100]), EntryKey::of(&all[180]));
    let (c, d) = (EntryKey::of(&all[600]), EntryKey::of(&all[610]));
    let from = all[200].occurred_at;
    let to = all[800].occurred_at;
    type Check = Box<dyn Fn(&TimelineEntry) -> bool>;
    let cases: Vec<(EntrySlice, Check)> = vec![
        (EntrySlice::default(), Box::new(|e| !e.noise)),
        (
            EntrySlice {
                noise: true,
                ..EntrySlice::default()
            },
            Box::new(|_| true),
        ),
        (
            EntrySlice {
                kind: Some(EntryKind::Deploy),
                ..EntrySlice::default()
            },
            Box::new(|e| !e.noise && e.kind == EntryKind::Deploy),
        ),
        (
            EntrySlice {
                authors: Some(records.clone()),
                noise: true,
                ..EntrySlice::default()
            },
            Box::new(move |e| e.author_person_id == Some(nadia)),
        ),
        (
            EntrySlice {
                from: Some(from),
                to: Some(to),
                ..EntrySlice::default()
            },
            Box::new(move |e| !e.noise && e.occurred_at >= from && e.occurred_at <= to),
        ),
        (
            // "As seen by" Nadia in #ops: no channel, her own, or #ops.
            EntrySlice {
                seen: Some(SeenRule {
                    authors: records.clone(),
                    channels: vec!["#ops".into()],
                }),
                ..EntrySlice::default()
            },
            Box::new(move |e| {
                !e.noise
                    && (e.channel.is_none()
                        || e.author_person_id == Some(nadia)
                        || e.channel.as_deref() == Some("#ops"))
            }),
        ),
        (
            // A theme's two moments.
            EntrySlice {
                ranges: Some(vec![(a, b), (c, d)]),
                noise: true,
                ..EntrySlice::default()
            },
            Box::new(move |e| {
                let k = EntryKey::of(e);
                (a..=b).contains(&k) || (c..=d).contains(&k)
            }),
        ),
        (
            EntrySlice {
                ranges: Some(Vec::new()),
                ..EntrySlice::default()
            },
            Box::new(|_| false),
        ),
    ];
    for (slice, check) in &cases {
        let expected: Vec<&TimelineEntry> = all.iter().filter(|e| check(e)).collect();
        let n = store.count_entries(id, slice, None).await.unwrap();
        assert_eq!(n, expected.len() as u64, "{slice:?}");
        // Entries before a place, for the same slice.
        let place = EntryKey::of(&all[500]);
        let before = store.count_entries(id, slice, Some(place)).await.unwrap();
        assert_eq!(
            before,
            expected.iter().filter(|e| EntryKey::of(e) < place).count() as u64
        );
        // The first window holds the slice's first entries.
        let window = store
            .timeline_window(id, slice, WindowFrom::First, 50)
            .await
            .unwrap();
        let first: Vec<i64> = expected.iter().take(50).map(|e| e.id).collect();
        assert_eq!(ids(&window), first, "{slice:?}");
        // Density per lane adds up to the count, whatever the stretch.
        if let Some(start) = expected.first().map(|e| e.occurred_at) {
            for lanes in [LaneKey::Source, LaneKey::Author] {
                let cells = store
                    .timeline_density(id, slice, lanes, start, Duration::minutes(3))
                    .await
                    .unwrap();
                assert_eq!(cells.iter().map(|c| c.count).sum::<u64>(), n);
                assert!(cells.iter().all(|c| (0..=14).contains(&c.bucket)));
            }
        }
    }
    // What "as known at" and "as seen by" leave out.
    let t = all[400].occurred_at;
    assert_eq!(
        store.count_entries_after(id, t).await.unwrap(),
        all.iter().filter(|e| e.occurred_at > t).count() as u64
    );
    let seen = SeenRule {
        authors: records.clone(),
        channels: vec!["#ops".into()],
    };
    assert_eq!(
        store.count_unseen(id, Some(t), &seen).await.unwrap(),
        all.iter()
            .filter(|e| e.occurred_at <= t
                && e.channel.as_deref() == Some("#dev")
                && e.author_person_id != Some(nadia))
            .count() as u64
    );
    // Facets: every entry counted once, with its source's time range.
    let facets = store.timeline_facets(id).await.unwrap();
    assert_eq!(facets.iter().map(|f| f.count).sum::<u64>(), ENTRIES as u64);
    assert_eq!(
        facets.iter().map(|f| f.first).min(),
        all.first().map(|e| e.occurred_at)
    );
    let version = store.timeline_version(id).await.unwrap();
    assert_eq!(version[2], ENTRIES as i64, "the version counts the entries");
}

pub async fn the_library_pages_by_keyset_and_hides_the_restricted(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let admin = account(store, "ada", Role::Admin).await;
    let base: OffsetDateTime = datetime!(2026-01-01 00:00 UTC);
    for i in 0..7 {
        let mut n = NewIncident::new(slug(&format!("inc-{i}")), format!("Incident {i}"));
        // Two share a start: the id breaks the tie.
        n.times.started_at = Some(base + Duration::days(i.min(5)));
        n.restricted = i == 3;
        store.create_incident(&n).await.unwrap();
    }
    for (who, expected) in [(&rita, 6), (&admin, 7)] {
        let whole = store.incidents_visible_to(who).await.unwrap();
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .incidents_page_visible_to(who, after, 2)
                .await
                .unwrap();
            let Some(last) = page.last() else { break };
            after = Some((library_sort_time(last), last.id));
            paged.extend(page.into_iter().map(|i| i.slug.to_string()));
        }
        let whole: Vec<String> = whole.into_iter().map(|i| i.slug.to_string()).collect();
        assert_eq!(paged, whole, "pages are the library, in its order");
        assert_eq!(paged.len(), expected);
    }
}

/// The conversation a window at a time (the moment suggestions read it so): every entry once,
/// noise included and marked, in timeline order, with its author's name, whatever the window.
pub async fn chat_lines_page_over_every_entry_once(store: &Store) {
    let (id, all) = big_incident(store).await;
    let mut read = Vec::new();
    let mut after = None;
    loop {
        let page = store.chat_lines(id, after, 333).await.unwrap();
        assert!(page.len() <= 333, "a window never holds more than asked");
        let Some(last) = page.last() else { break };
        after = Some(last.key);
        read.extend(page);
    }
    let expected: Vec<(EntryKey, Option<String>, String, bool)> = all
        .iter()
        .map(|e| {
            (
                EntryKey::of(e),
                e.author_name.clone(),
                e.text.clone(),
                e.noise,
            )
        })
        .collect();
    let got: Vec<(EntryKey, Option<String>, String, bool)> = read
        .into_iter()
        .map(|l| (l.key, l.author, l.text, l.noise))
        .collect();
    assert_eq!(got, expected);
    let capped = store.chat_lines(id, None, u32::MAX).await.unwrap();
    assert_eq!(
        capped.len(),
        ENTRIES.min(lore_store::MAX_CHAT_WINDOW as usize)
    );
}
