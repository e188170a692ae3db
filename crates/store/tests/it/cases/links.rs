//! Links between incidents, what cites an incident, and related incidents.

use lore_core::{
    Account, CitationKind, CitationPlace, IncidentLinkRef, MarkedOn, NewAnnotation,
    NewGlossaryTerm, NewIncident, NewPerspective, References, RelatedReason, Role, Section, Slug,
    TextSource, Theme,
};
use lore_store::Store;
use time::macros::datetime;

use super::{account, batch, chat, slug};

fn link(to: &str, target: &str, section: Option<(&str, &str)>, context: &str) -> IncidentLinkRef {
    IncidentLinkRef {
        slug: slug(to),
        target: target.into(),
        section: section.map(|(heading, anchor)| Section {
            heading: heading.into(),
            anchor: anchor.into(),
        }),
        context: context.into(),
    }
}

fn links(list: Vec<IncidentLinkRef>) -> References {
    References {
        incidents: list,
        terms: Vec::new(),
    }
}

/// The slugs and sections of what cites an incident, as an account sees it.
async fn cited_from(
    store: &Store,
    cited: &Slug,
    who: &Account,
) -> Vec<(String, Option<String>, Option<i64>)> {
    let incident = store.incident_by_slug(cited).await.unwrap().unwrap();
    let all = store.cited_by(&incident, who).await.unwrap();
    let counts = store.citation_counts(&incident, who).await.unwrap();
    assert_eq!(counts.get(CitationKind::Incident), all.len() as u64);
    assert_eq!(counts.total(), all.len() as u64);
    all.into_iter()
        .map(|c| match c.place {
            CitationPlace::Incident {
                slug,
                section,
                perspective,
                ..
            } => (
                slug.to_string(),
                section.map(|s| s.anchor),
                perspective.map(|p| p.id),
            ),
            other => panic!("only incidents cite so far: {other:?}"),
        })
        .collect()
}

/// A link is kept by the cited incident's id: written with an old slug it finds the
/// incident, it survives a rename, and each save replaces what the text linked before.
/// Links to no incident, and to the citing incident itself, are not kept.
pub async fn links_are_kept_by_id_and_replaced_on_each_save(store: &Store) {
    let ada = account(store, "ada", Role::Admin).await;
    let target = store
        .create_incident(&NewIncident::new(slug("dock-broker-outage"), "Dock broker"))
        .await
        .unwrap();
    let citing = store
        .create_incident(&NewIncident::new(slug("stations-stuck"), "Stations"))
        .await
        .unwrap();
    let first = links(vec![
        link(
            "dock-broker-outage",
            "#backdrop",
            Some(("What was surprising", "what-was-surprising")),
            "as in the broker outage before",
        ),
        link("no-such-incident", "", None, "nowhere"),
        link("stations-stuck", "", None, "itself"),
    ]);
    store
        .save_narrative(citing.id, None, "v1", "nadia", &first)
        .await
        .unwrap();
    assert_eq!(
        cited_from(store, &target.slug, &ada).await,
        [(
            "stations-stuck".to_owned(),
            Some("what-was-surprising".to_owned()),
            None
        )]
    );
    let all = store.cited_by(&target, &ada).await.unwrap();
    assert_eq!(all[0].text, "as in the broker outage before");
    assert_eq!(all[0].target, "#backdrop");
    assert!(
        store.cited_by(&citing, &ada).await.unwrap().is_empty(),
        "a link to itself is not a citation"
    );

    // Renamed: the link still points at it, and a link written with the old slug finds it.
    let renamed = store
        .rename_incident(&target.slug, &slug("dock-broker-2025"))
        .await
        .unwrap();
    assert_eq!(cited_from(store, &renamed.slug, &ada).await.len(), 1);
    let p = store
        .add_perspective(
            &NewPerspective {
                incident_id: citing.id,
                person: "Nadia Okafor".into(),
                written_by: "nadia".into(),
                interview: false,
                body: "see [[dock-broker-outage]]".into(),
            },
            &links(vec![link(
                "dock-broker-outage",
                "",
                None,
                "see dock-broker-outage",
            )]),
        )
        .await
        .unwrap();
    assert_eq!(
        cited_from(store, &renamed.slug, &ada).await,
        [
            (
                "stations-stuck".to_owned(),
                Some("what-was-surprising".to_owned()),
                None
            ),
            ("stations-stuck".to_owned(), None, Some(p)),
        ]
    );

    // A new version without the link drops the narrative's; the perspective's stays.
    store
        .save_narrative(citing.id, Some(1), "v2", "nadia", &References::default())
        .await
        .unwrap();
    assert_eq!(
        cited_from(store, &renamed.slug, &ada).await,
        [("stations-stuck".to_owned(), None, Some(p))]
    );
    // A refused save changes nothing.
    assert!(
        store
            .save_narrative(citing.id, Some(1), "stale", "jonah", &References::default())
            .await
            .is_err()
    );
    store
        .record_references(
            citing.id,
            TextSource::Perspective(p),
            &References::default(),
        )
        .await
        .unwrap();
    assert!(cited_from(store, &renamed.slug, &ada).await.is_empty());
}

/// A citation from a restricted incident is seen only by those who may read that incident:
/// not in the list, not in the counts.
pub async fn citations_from_restricted_incidents_reach_only_their_readers(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let ada = account(store, "ada", Role::Admin).await;
    let target = store
        .create_incident(&NewIncident::new(slug("public-one"), "Public"))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret-one"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    let open = store
        .create_incident(&NewIncident::new(slug("open-one"), "Open"))
        .await
        .unwrap();
    for id in [secret.id, open.id] {
        store
            .save_narrative(
                id,
                None,
                "x",
                "ada",
                &links(vec![link("public-one", "", None, "x")]),
            )
            .await
            .unwrap();
    }
    let slugs = |list: Vec<(String, Option<String>, Option<i64>)>| {
        let mut s: Vec<String> = list.into_iter().map(|(s, _, _)| s).collect();
        s.sort();
        s
    };
    assert_eq!(
        slugs(cited_from(store, &target.slug, &rita).await),
        ["open-one"]
    );
    assert_eq!(
        store.citation_counts(&target, &rita).await.unwrap().total(),
        1
    );
    assert_eq!(
        slugs(cited_from(store, &target.slug, &ada).await),
        ["open-one", "secret-one"]
    );
    store
        .grant_access(&secret, &rita.username, "ada")
        .await
        .unwrap();
    assert_eq!(
        slugs(cited_from(store, &target.slug, &rita).await),
        ["open-one", "secret-one"]
    );
}

/// Related incidents: shared services, tags, themes, glossary terms, people and links, each
/// a reason; restricted ones only for those who may see them.
pub async fn related_incidents_come_with_their_reasons(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let ada = account(store, "ada", Role::Admin).await;
    let create = |s: &'static str, services: &[&str], tags: &[&str], restricted: bool| {
        let mut new = NewIncident::new(slug(s), format!("Incident {s}"));
        new.services = services.iter().map(|s| s.to_string()).collect();
        new.tags = tags.iter().map(|s| s.to_string()).collect();
        new.restricted = restricted;
        async move { store.create_incident(&new).await.unwrap() }
    };
    let x = create("x", &["dock-broker", "ride-api"], &["mqtt"], false).await;
    let y = create("y", &["dock-broker"], &["mqtt", "other"], false).await;
    let z = create("z", &["billing"], &["refunds"], false).await;
    let w = create("w", &["ride-api"], &[], true).await;
    let at = datetime!(2026-03-17 07:00 UTC);
    for (incident, file) in [(&x, "x.jsonl"), (&y, "y.jsonl"), (&z, "z.jsonl")] {
        let who = if incident.id == z.id {
            "jonah"
        } else {
            "nadia"
        };
        store
            .import(&batch(
                incident.id,
                file,
                vec![chat(
                    &format!("{file}-1"),
                    at,
                    who,
                    "stations went into maintenance",
                )],
            ))
            .await
            .unwrap();
    }
    for incident in [&x, &y] {
        let entry = store.timeline(incident.id).await.unwrap()[0].id;
        store
            .add_annotation(&NewAnnotation {
                incident_id: incident.id,
                on: MarkedOn::Entries {
                    first: entry,
                    last: entry,
                },
                theme: Theme::Misunderstanding,
                tag: None,
                note: "n".into(),
                author: "ada".into(),
            })
            .await
            .unwrap();
    }
    store
        .add_glossary_term(&NewGlossaryTerm {
            term: "NAT".into(),
            aliases: Vec::new(),
            definition: "d".into(),
            link: None,
            created_by: "ada".into(),
        })
        .await
        .unwrap();
    let nat = store.glossary().await.unwrap()[0].id;
    for incident in [&x, &y] {
        store
            .record_references(
                incident.id,
                TextSource::Narrative,
                &References {
                    incidents: Vec::new(),
                    terms: vec![nat],
                },
            )
            .await
            .unwrap();
    }
    // y's perspective links to x: related both ways.
    store
        .add_perspective(
            &NewPerspective {
                incident_id: y.id,
                person: "Nadia Okafor".into(),
                written_by: "nadia".into(),
                interview: false,
                body: "[[x]]".into(),
            },
            &links(vec![link("x", "", None, "x")]),
        )
        .await
        .unwrap();

    let related = store.related_incidents(&x, &ada, 5).await.unwrap();
    let slugs: Vec<&str> = related.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs, ["y", "w"], "{related:?}");
    assert_eq!(
        related[0].reasons,
        [
            RelatedReason::Linked,
            RelatedReason::Service("dock-broker".into()),
            RelatedReason::Theme("misunderstanding".into()),
            RelatedReason::People(1),
            RelatedReason::Tag("mqtt".into()),
            RelatedReason::Term("NAT".into()),
        ]
    );
    assert_eq!(related[0].score, 6 + 3 + 2 + 2 + 1 + 1);
    assert_eq!(
        related[0].reasons_text(),
        "linked, shares service dock-broker, theme misunderstanding, 1 responder, tag mqtt, term NAT"
    );
    assert_eq!(
        related[1].reasons,
        [RelatedReason::Service("ride-api".into())]
    );
    // From y, x is related by the same link (the other way).
    let back = store.related_incidents(&y, &ada, 5).await.unwrap();
    assert_eq!(back[0].slug.as_str(), "x");
    assert!(back[0].reasons.contains(&RelatedReason::Linked));

    // The restricted one is left out for those who may not see it; z shares nothing.
    let for_rita = store.related_incidents(&x, &rita, 5).await.unwrap();
    let slugs: Vec<&str> = for_rita.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs, ["y"]);
    assert!(
        store
            .related_incidents(&w, &rita, 5)
            .await
            .unwrap()
            .iter()
            .all(|r| r.slug != w.slug)
    );
    let _ = z;
}
