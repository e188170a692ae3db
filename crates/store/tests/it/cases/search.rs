//! Search across incidents, on both stores: every query form, every filter, facets, paging,
//! the access rule, and queries that would be syntax errors if passed through.

use lore_core::search::{HitKind, MATCH_END, MATCH_START, SearchQuery};
use lore_core::{
    Account, EntryKind, IncidentTimes, MarkedOn, NewAnnotation, NewGlossaryTerm, NewIncident,
    NewPerspective, References, Role, Theme, Username,
};
use lore_store::{SearchPage, SearchResults, Store};
use time::macros::datetime;

use super::{account, batch, chat, slug};

struct Library {
    rita: Account,
    rex: Account,
    ada: Account,
}

fn started(at: time::OffsetDateTime) -> IncidentTimes {
    IncidentTimes {
        started_at: Some(at),
        ..IncidentTimes::default()
    }
}

/// Three incidents (one restricted), a narrative, a perspective, moments, entries from two
/// people, and a glossary term.
async fn library(store: &Store) -> Library {
    let rita = account(store, "rita", Role::Reader).await;
    let rex = account(store, "rex", Role::Reader).await;
    let ada = account(store, "ada", Role::Admin).await;

    let mut dock = NewIncident::new(
        slug("dock-broker-outage"),
        "Dock broker dropped every NAT connection",
    );
    dock.summary = "Chargers lost their session when the café gateway rotated.".into();
    dock.services = vec!["dock-broker".into(), "nat-gateway".into()];
    dock.tags = vec!["mqtt".into()];
    dock.severity = Some("SEV2".into());
    dock.times = started(datetime!(2025-06-02 09:00 UTC));
    let dock = store.create_incident(&dock).await.unwrap();

    let mut billing = NewIncident::new(slug("billing-delay"), "Invoices went out late");
    billing.summary = "The billing queue backed up behind one slow consumer.".into();
    billing.services = vec!["billing".into()];
    billing.severity = Some("SEV3".into());
    billing.times = started(datetime!(2026-01-15 10:00 UTC));
    let billing = store.create_incident(&billing).await.unwrap();

    let mut secret = NewIncident::new(
        slug("secret-breach"),
        "Zanzibar credentials leaked through the broker",
    );
    secret.services = vec!["vault".into()];
    secret.restricted = true;
    secret.times = started(datetime!(2026-02-01 08:00 UTC));
    let secret = store.create_incident(&secret).await.unwrap();
    store
        .grant_access(&secret, &Username::parse("rex").unwrap(), "ada")
        .await
        .unwrap();

    store
        .save_narrative(
            dock.id,
            None,
            "Opening words.\n\n## Backdrop\n\nThe NAT gateway had run for years.\n\n\
             ## What surprised us\n\nA **stale cache** kept the old address.\n",
            "ada",
            &References::default(),
        )
        .await
        .unwrap();
    store
        .add_perspective(
            &NewPerspective {
                incident_id: dock.id,
                person: "Nadia Okafor".into(),
                written_by: "ada".into(),
                interview: true,
                body: "I thought the failover had worked, because the dashboard was green.".into(),
            },
            &References::default(),
        )
        .await
        .unwrap();

    let at = datetime!(2025-06-02 09:05 UTC);
    let mut deploy = chat("d1", at, "ci", "deploy dock-broker v2.3 to production");
    deploy.kind = EntryKind::Deploy;
    let dock_entries = vec![
        chat("m1", at, "nadia", "restarting the broker now"),
        chat(
            "m2",
            at + time::Duration::minutes(1),
            "sam",
            "NAT table looks full",
        ),
        deploy,
    ];
    store
        .import(&batch(dock.id, "dock.jsonl", dock_entries))
        .await
        .unwrap();
    let billing_entries = vec![chat(
        "b1",
        datetime!(2026-01-15 10:01 UTC),
        "sam",
        "the broker queue grew again",
    )];
    store
        .import(&batch(billing.id, "billing.jsonl", billing_entries))
        .await
        .unwrap();
    let secret_entries = vec![chat(
        "s1",
        datetime!(2026-02-01 08:01 UTC),
        "nadia",
        "zanzibar keys revoked by the broker",
    )];
    store
        .import(&batch(secret.id, "secret.jsonl", secret_entries))
        .await
        .unwrap();

    let entries = store.timeline(dock.id).await.unwrap();
    let first = entries[0].id;
    store
        .add_annotation(&NewAnnotation {
            incident_id: dock.id,
            on: MarkedOn::Entries { first, last: first },
            theme: Theme::Misunderstanding,
            tag: Some("retries".into()),
            note: "Everyone assumed retries were harmless.".into(),
            author: "ada".into(),
        })
        .await
        .unwrap();
    let secret_first = store.timeline(secret.id).await.unwrap()[0].id;
    store
        .add_annotation(&NewAnnotation {
            incident_id: secret.id,
            on: MarkedOn::Entries {
                first: secret_first,
                last: secret_first,
            },
            theme: Theme::Paradox,
            tag: None,
            note: "Rotation made it worse.".into(),
            author: "ada".into(),
        })
        .await
        .unwrap();
    store
        .add_glossary_term(&NewGlossaryTerm {
            term: "NAT".into(),
            aliases: vec!["network address translation".into()],
            definition: "Rewriting addresses at a gateway so many hosts share one.".into(),
            link: None,
            created_by: "ada".into(),
        })
        .await
        .unwrap();
    Library { rita, rex, ada }
}

async fn search(store: &Store, who: &Account, q: &str) -> SearchResults {
    let query = SearchQuery::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    store
        .search(who, &query, SearchPage::default())
        .await
        .unwrap_or_else(|e| panic!("{q}: {e}"))
}

/// Group slugs in rank order (`glossary` for the glossary's group).
fn groups(r: &SearchResults) -> Vec<String> {
    r.groups
        .iter()
        .map(|g| {
            g.incident
                .as_ref()
                .map_or("glossary".to_string(), |i| i.slug.clone())
        })
        .collect()
}

/// Every shown hit as `kind permalink`.
fn hits(r: &SearchResults) -> Vec<String> {
    let mut v: Vec<String> = r
        .groups
        .iter()
        .flat_map(|g| g.hits.iter().map(|h| format!("{} {}", h.kind, h.permalink)))
        .collect();
    v.sort();
    v
}

fn facet(values: &[lore_store::FacetCount]) -> Vec<(String, u64)> {
    values.iter().map(|f| (f.value.clone(), f.count)).collect()
}

pub async fn search_finds_words_phrases_prefixes_and_leaves_out_exclusions(store: &Store) {
    let lib = library(store).await;
    let ada = &lib.ada;
    let id = |r: &SearchResults, kind: HitKind| {
        r.groups
            .iter()
            .flat_map(|g| &g.hits)
            .find(|h| h.kind == kind)
            .map(|h| h.permalink.clone())
    };

    // Words: all must be in one document.
    let r = search(store, ada, "NAT broker").await;
    assert_eq!(groups(&r), ["dock-broker-outage"]);
    assert_eq!(hits(&r), ["incident /incidents/dock-broker-outage"]);

    // A phrase, found in a narrative section and linked to its heading.
    let r = search(store, ada, "\"stale cache\"").await;
    assert_eq!(
        hits(&r),
        ["narrative /incidents/dock-broker-outage#what-surprised-us"]
    );
    let s = &r.groups[0].hits[0].snippet;
    assert!(
        s.contains(&format!(
            "{MATCH_START}stale{MATCH_END} {MATCH_START}cache{MATCH_END}"
        )),
        "{s}"
    );
    assert!(
        search(store, ada, "\"cache stale\"")
            .await
            .groups
            .is_empty()
    );

    // A prefix.
    let r = search(store, ada, "restart*").await;
    assert!(
        hits(&r)[0].starts_with("entry /incidents/dock-broker-outage#entry-"),
        "{:?}",
        hits(&r)
    );
    assert_eq!(r.total_hits, 1);

    // Exclusion.
    let r = search(store, ada, "broker -nat -zanzibar").await;
    let mut g = groups(&r);
    g.sort();
    assert_eq!(g, ["billing-delay", "dock-broker-outage"]);
    for h in r.groups.iter().flat_map(|g| &g.hits) {
        assert!(!h.snippet.to_lowercase().contains("nat "), "{h:?}");
    }
    // Every kind of document: perspective, moment, glossary.
    assert_eq!(
        id(
            &search(store, ada, "dashboard green").await,
            HitKind::Perspective
        )
        .as_deref(),
        Some("/incidents/dock-broker-outage#perspective-1")
    );
    let r = search(store, ada, "harmless").await;
    assert!(
        id(&r, HitKind::Moment)
            .unwrap()
            .starts_with("/incidents/dock-broker-outage#moment-")
    );
    let r = search(store, ada, "translation").await;
    assert_eq!(groups(&r), ["glossary"]);
    assert_eq!(hits(&r), ["glossary /glossary#term-nat"]);

    // Accents are kept and case is folded beyond ASCII, the same on both stores.
    assert_eq!(
        groups(&search(store, ada, "CAFÉ").await),
        ["dock-broker-outage"]
    );
    assert!(search(store, ada, "cafe").await.groups.is_empty());
}

pub async fn search_ranks_titles_over_chat_and_pages_groups(store: &Store) {
    let lib = library(store).await;
    let r = search(store, &lib.ada, "broker").await;
    // The secret incident's title says broker too: the admin sees it.
    assert_eq!(r.total_groups, 3);
    // In each incident the title and summary come before chat.
    let dock = r
        .groups
        .iter()
        .find(|g| g.incident.as_ref().unwrap().slug == "dock-broker-outage")
        .unwrap();
    assert_eq!(dock.hits[0].kind, HitKind::Incident);
    assert_eq!(dock.hit_count, 3, "{:?}", dock.hits);
    // A title match outranks a group whose only hit is chat.
    let order = groups(&r);
    let pos = |s: &str| order.iter().position(|g| g == s).unwrap();
    assert!(
        pos("dock-broker-outage") < pos("billing-delay"),
        "{order:?}"
    );

    let query = SearchQuery::parse("broker").unwrap();
    let mut seen = Vec::new();
    for number in 1..=3 {
        let page = store
            .search(
                &lib.ada,
                &query,
                SearchPage {
                    number,
                    per_page: 1,
                },
            )
            .await
            .unwrap();
        assert_eq!(
            (page.pages, page.groups.len(), page.total_groups),
            (3, 1, 3)
        );
        seen.extend(groups(&page));
    }
    assert_eq!(seen, order);
    let past = store
        .search(
            &lib.ada,
            &query,
            SearchPage {
                number: 9,
                per_page: 1,
            },
        )
        .await
        .unwrap();
    assert!(past.groups.is_empty());
}

pub async fn search_filters_narrow_and_facets_count(store: &Store) {
    let lib = library(store).await;
    let ada = &lib.ada;
    let r = search(store, ada, "kind:deploy").await;
    assert_eq!(hits(&r).len(), 1);
    assert_eq!(r.groups[0].hits[0].entry_kind.as_deref(), Some("deploy"));

    let r = search(store, ada, "broker service:dock-broker").await;
    assert_eq!(groups(&r), ["dock-broker-outage"]);
    let r = search(store, ada, "service:billing service:vault").await;
    assert_eq!(r.total_groups, 2, "either value of one field");
    assert_eq!(
        groups(&search(store, ada, "tag:MQTT").await),
        ["dock-broker-outage"]
    );
    assert_eq!(
        groups(&search(store, ada, "year:2026 broker").await).len(),
        2
    );
    assert_eq!(
        groups(&search(store, ada, "severity:sev3").await),
        ["billing-delay"]
    );
    assert_eq!(
        groups(&search(store, ada, "theme:misunderstanding").await),
        ["dock-broker-outage"]
    );
    assert_eq!(
        groups(&search(store, ada, "broker incident:billing-delay").await),
        ["billing-delay"]
    );
    assert_eq!(
        search(store, ada, "source:jsonl broker").await.total_hits,
        4
    );
    assert_eq!(
        search(store, ada, "source:slack broker").await.total_hits,
        0
    );

    // person: entries they wrote and perspectives they told, across incidents they may see.
    let r = search(store, ada, "person:\"nadia okafor\"").await;
    let mut found = hits(&r);
    found.retain(|h| h.starts_with("perspective") || h.starts_with("entry"));
    assert_eq!(found.len(), 3, "{found:?}");
    let r = search(store, &lib.rita, "person:\"Nadia Okafor\"").await;
    assert_eq!(
        r.total_hits, 2,
        "the restricted incident's entry is not counted for rita"
    );

    // kind: a document kind.
    assert_eq!(
        hits(&search(store, ada, "nat kind:narrative").await),
        ["narrative /incidents/dock-broker-outage#backdrop"]
    );

    // Facets: incidents per service, theme, year and severity; hits per person and kind.
    let r = search(store, ada, "broker").await;
    assert_eq!(
        facet(&r.facets.services),
        [
            ("billing", 1),
            ("dock-broker", 1),
            ("nat-gateway", 1),
            ("vault", 1)
        ]
        .map(|(a, b)| (a.to_string(), b))
    );
    assert_eq!(
        facet(&r.facets.years),
        [("2026".to_string(), 2), ("2025".to_string(), 1)]
    );
    assert_eq!(
        facet(&r.facets.themes),
        [
            ("misunderstanding".to_string(), 1),
            ("paradox".to_string(), 1)
        ]
    );
    assert_eq!(
        facet(&r.facets.kinds),
        [("chat", 3), ("incident", 2), ("deploy", 1)].map(|(a, b)| (a.to_string(), b))
    );
    assert_eq!(
        facet(&r.facets.people),
        [("Nadia Okafor", 2), ("ci", 1), ("sam", 1)].map(|(a, b)| (a.to_string(), b))
    );
}

pub async fn restricted_incidents_are_found_by_no_one_without_access(store: &Store) {
    let lib = library(store).await;
    for q in [
        "zanzibar",
        "service:vault",
        "theme:paradox",
        "incident:secret-breach",
        "revoked",
    ] {
        let Ok(query) = SearchQuery::parse(q) else {
            continue;
        };
        let r = store
            .search(&lib.rita, &query, SearchPage::default())
            .await
            .unwrap();
        assert_eq!((r.total_hits, r.total_groups), (0, 0), "{q}");
        assert!(r.groups.is_empty(), "{q}");
        assert_eq!(r.facets, lore_store::Facets::default(), "{q}");
    }
    let r = search(store, &lib.rita, "broker").await;
    assert!(!groups(&r).contains(&"secret-breach".to_string()));
    assert!(r.facets.services.iter().all(|f| f.value != "vault"));
    assert!(r.facets.themes.iter().all(|f| f.value != "paradox"));
    assert_eq!(r.total_groups, 2);

    // The access list opens it; so does being an admin.
    assert_eq!(
        groups(&search(store, &lib.rex, "zanzibar").await),
        ["secret-breach"]
    );
    assert_eq!(
        groups(&search(store, &lib.ada, "zanzibar").await),
        ["secret-breach"]
    );
    assert_eq!(
        search(store, &lib.rex, "theme:paradox").await.total_groups,
        1
    );
}

pub async fn search_operators_in_text_are_only_words(store: &Store) {
    let lib = library(store).await;
    // Words FTS5 and tsquery would read as operators, column filters or syntax.
    for q in [
        "NOT",
        "AND OR NEAR",
        "broker NEAR/2 nat",
        "title:",
        "\"a\" + (b) ^c",
        "col\\umn",
        "!nat",
        "nat & broker",
        "'quoted'",
        "nat:*",
        "{x}",
    ] {
        let Ok(query) = SearchQuery::parse(q) else {
            continue;
        };
        store
            .search(&lib.ada, &query, SearchPage::default())
            .await
            .unwrap_or_else(|e| panic!("{q}: {e}"));
    }
    let r = search(store, &lib.ada, "nat & broker").await;
    assert_eq!(groups(&r), ["dock-broker-outage"]);
}

pub async fn search_index_follows_saves_and_rebuilds_the_same(store: &Store) {
    let lib = library(store).await;
    let dock = store
        .incident_by_slug(&slug("dock-broker-outage"))
        .await
        .unwrap()
        .unwrap();
    let current = store.narrative(dock.id).await.unwrap().unwrap();
    store
        .save_narrative(
            dock.id,
            Some(current.version),
            "## Later\n\nA quokka appeared.\n",
            "ada",
            &References::default(),
        )
        .await
        .unwrap();
    // The old version's words are no longer found; the new ones are.
    assert!(
        search(store, &lib.ada, "\"stale cache\"")
            .await
            .groups
            .is_empty()
    );
    assert_eq!(
        hits(&search(store, &lib.ada, "quokka").await),
        ["narrative /incidents/dock-broker-outage#later"]
    );

    let before: Vec<Vec<String>> = [
        search(store, &lib.ada, "broker").await,
        search(store, &lib.ada, "quokka").await,
    ]
    .iter()
    .map(hits)
    .collect();
    let written = store.rebuild_search_index().await.unwrap();
    // 3 incidents, 1 narrative section, 1 perspective, 2 moments, 1 glossary term.
    assert_eq!(written, 8);
    let after: Vec<Vec<String>> = [
        search(store, &lib.ada, "broker").await,
        search(store, &lib.ada, "quokka").await,
    ]
    .iter()
    .map(hits)
    .collect();
    assert_eq!(before, after);

    // An empty query finds nothing and costs nothing.
    let r = search(store, &lib.ada, "   ").await;
    assert_eq!((r.total_hits, r.pages), (0, 0));
}

pub async fn library_pages_and_narrows_by_the_same_facets(store: &Store) {
    let lib = library(store).await;
    let filters = |q: &str| SearchQuery::parse(q).unwrap();
    let all = store
        .library(
            &lib.ada,
            &filters(""),
            SearchPage {
                number: 1,
                per_page: 2,
            },
        )
        .await
        .unwrap();
    let slugs = |r: &lore_store::LibraryResults| {
        r.incidents
            .iter()
            .map(|i| i.slug.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!((all.total, all.pages), (3, 2));
    assert_eq!(
        slugs(&all),
        ["secret-breach", "billing-delay"],
        "newest first"
    );
    let second = store
        .library(
            &lib.ada,
            &filters(""),
            SearchPage {
                number: 2,
                per_page: 2,
            },
        )
        .await
        .unwrap();
    assert_eq!(slugs(&second), ["dock-broker-outage"]);
    assert_eq!(
        facet(&all.facets.years),
        [("2026".to_string(), 2), ("2025".to_string(), 1)]
    );
    assert_eq!(
        facet(&all.facets.services),
        [
            ("billing", 1),
            ("dock-broker", 1),
            ("nat-gateway", 1),
            ("vault", 1)
        ]
        .map(|(a, b)| (a.to_string(), b))
    );
    assert_eq!(
        facet(&all.facets.severities),
        [("SEV2".to_string(), 1), ("SEV3".to_string(), 1)]
    );
    assert_eq!(facet(&all.facets.tags), [("mqtt".to_string(), 1)]);

    let narrowed = store
        .library(&lib.ada, &filters("year:2026"), SearchPage::default())
        .await
        .unwrap();
    assert_eq!(slugs(&narrowed), ["secret-breach", "billing-delay"]);
    assert_eq!(facet(&narrowed.facets.themes), [("paradox".to_string(), 1)]);
    let narrowed = store
        .library(
            &lib.ada,
            &filters("theme:misunderstanding service:dock-broker"),
            SearchPage::default(),
        )
        .await
        .unwrap();
    assert_eq!(slugs(&narrowed), ["dock-broker-outage"]);

    // The reader's library has no trace of the restricted incident.
    let rita = store
        .library(&lib.rita, &filters(""), SearchPage::default())
        .await
        .unwrap();
    assert_eq!(
        (rita.total, slugs(&rita)),
        (
            2,
            vec![
                "billing-delay".to_string(),
                "dock-broker-outage".to_string()
            ]
        )
    );
    assert!(rita.facets.services.iter().all(|f| f.value != "vault"));
    assert!(rita.facets.themes.iter().all(|f| f.value != "paradox"));
    assert_eq!(
        store
            .library(&lib.rita, &filters("service:vault"), SearchPage::default())
            .await
            .unwrap()
            .total,
        0
    );
}

pub async fn write_ups_that_read_alike_are_related_by_their_words(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let create = |s: &'static str, title: &'static str, summary: &'static str, restricted: bool| async move {
        let mut new = NewIncident::new(slug(s), title);
        new.summary = summary.into();
        new.restricted = restricted;
        store.create_incident(&new).await.unwrap()
    };
    let a = create(
        "keepalive-a",
        "Broker keepalive outlived the carrier's idle timeout",
        "Stations reconnected in a storm; the keepalive outlived the carrier timeout.",
        false,
    )
    .await;
    create(
        "keepalive-b",
        "Carrier idle timeout dropped broker keepalive connections",
        "Again the keepalive was longer than the carrier timeout, and stations reconnected.",
        false,
    )
    .await;
    create(
        "invoices",
        "Invoices went out late",
        "One slow consumer held the billing queue.",
        false,
    )
    .await;
    create(
        "keepalive-secret",
        "Keepalive storm behind the carrier timeout",
        "Stations reconnected; keepalive longer than the carrier timeout.",
        true,
    )
    .await;
    let related = store.related_incidents(&a, &rita, 5).await.unwrap();
    let slugs: Vec<&str> = related.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs, ["keepalive-b"], "{related:?}");
    assert!(
        matches!(related[0].reasons.as_slice(), [lore_core::RelatedReason::SimilarText(score)] if *score >= 10),
        "{related:?}"
    );
    let similar = store.similar_incidents(a.id, &rita, 5).await.unwrap();
    assert_eq!(
        similar.len(),
        1,
        "the restricted one is not similar for rita: {similar:?}"
    );
    let admin = account(store, "ada", Role::Admin).await;
    assert_eq!(
        store
            .similar_incidents(a.id, &admin, 5)
            .await
            .unwrap()
            .len(),
        2
    );
}

/// However many entries match, a search reads at most `CANDIDATE_CAP` of them per index and
/// says so: the work of one search is bounded by the cap, not by the library.
pub async fn a_search_reads_at_most_the_cap_and_says_so(store: &Store) {
    let ada = account(store, "ada", Role::Admin).await;
    let incident = store
        .create_incident(&NewIncident::new(slug("flood"), "Flood"))
        .await
        .unwrap();
    let at = datetime!(2026-01-01 00:00 UTC);
    let entries: Vec<_> = (0..=lore_store::CANDIDATE_CAP)
        .map(|i| {
            chat(
                &format!("f{i}"),
                at + time::Duration::seconds(i as i64),
                "nadia",
                &format!("flood message {i}"),
            )
        })
        .collect();
    store
        .import(&batch(incident.id, "flood.jsonl", entries))
        .await
        .unwrap();
    let r = search(store, &ada, "flood kind:entry").await;
    assert!(r.capped);
    assert_eq!(r.total_hits, lore_store::CANDIDATE_CAP as u64);
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].hits.len(), lore_store::HITS_PER_GROUP);
    // The most recent are the ones read: the last entry is among them.
    let last = store
        .timeline(incident.id)
        .await
        .unwrap()
        .last()
        .unwrap()
        .id;
    let q =
        SearchQuery::parse(&format!("\"flood message {}\"", lore_store::CANDIDATE_CAP)).unwrap();
    let found = store.search(&ada, &q, SearchPage::default()).await.unwrap();
    assert_eq!(
        found.groups[0].hits[0].permalink,
        format!("/incidents/flood#entry-{last}")
    );
    assert!(!found.capped);
}
