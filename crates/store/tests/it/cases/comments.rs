//! Comments: threads, anchors within the incident, edit history, removal that keeps replies,
//! the long tail, search and citations.

use lore_core::search::SearchQuery;
use lore_core::{
    Account, CitationKind, CommentAnchor, IncidentLinkRef, MarkedOn, NewAnnotation, NewComment,
    NewIncident, NewPerspective, References, Role, Theme,
};
use lore_store::{SearchPage, Store, StoreError};
use time::{Duration, OffsetDateTime};

use super::{account, batch, chat, slug};

fn comment(incident_id: i64, author: &str, body: &str) -> NewComment {
    NewComment {
        incident_id,
        author: author.into(),
        body: body.into(),
        parent_id: None,
        anchor: None,
        created_at: OffsetDateTime::now_utc(),
    }
}

async fn add(store: &Store, new: NewComment) -> Result<i64, StoreError> {
    store.add_comment(&new, &References::default()).await
}

/// Every hit for `q` as `kind permalink`.
async fn found(store: &Store, who: &Account, q: &str) -> Vec<String> {
    let query = SearchQuery::parse(q).unwrap();
    let r = store
        .search(who, &query, SearchPage::default())
        .await
        .unwrap();
    r.groups
        .iter()
        .flat_map(|g| g.hits.iter().map(|h| format!("{} {}", h.kind, h.permalink)))
        .collect()
}

/// Issue 11, item 2: replies thread under their parent in the same incident only; anchors name
/// a section, entry, moment or perspective of the same incident, or are refused.
pub async fn comments_thread_and_anchor_within_their_incident(store: &Store) {
    let one = store
        .create_incident(&NewIncident::new(slug("one"), "One"))
        .await
        .unwrap();
    let two = store
        .create_incident(&NewIncident::new(slug("two"), "Two"))
        .await
        .unwrap();
    let t0 = time::macros::datetime!(2026-03-17 11:00 UTC);
    for (id, file) in [(one.id, "one.jsonl"), (two.id, "two.jsonl")] {
        store
            .import(&batch(id, file, vec![chat(file, t0, "nadia", "hello")]))
            .await
            .unwrap();
    }
    let entry = |id| async move { store.timeline(id).await.unwrap()[0].id };
    let (entry_one, entry_two) = (entry(one.id).await, entry(two.id).await);
    store
        .save_narrative(
            one.id,
            None,
            "# What happened\n\nIt broke.",
            "ada",
            &References::default(),
        )
        .await
        .unwrap();
    let moment = |incident_id, entry| NewAnnotation {
        incident_id,
        on: MarkedOn::Entries {
            first: entry,
            last: entry,
        },
        theme: Theme::Surprise,
        tag: None,
        note: "n".into(),
        author: "ada".into(),
    };
    let moment_one = store
        .add_annotation(&moment(one.id, entry_one))
        .await
        .unwrap()
        .id;
    let moment_two = store
        .add_annotation(&moment(two.id, entry_two))
        .await
        .unwrap()
        .id;
    let perspective = |incident_id| NewPerspective {
        incident_id,
        person: "Nadia".into(),
        written_by: "nadia".into(),
        interview: false,
        body: "My view.".into(),
    };
    let refs = References::default();
    let p_one = store
        .add_perspective(&perspective(one.id), &refs)
        .await
        .unwrap();
    let p_two = store
        .add_perspective(&perspective(two.id), &refs)
        .await
        .unwrap();

    let first = add(store, comment(one.id, "rex", "Why *then*?"))
        .await
        .unwrap();
    let reply = add(
        store,
        NewComment {
            parent_id: Some(first),
            ..comment(one.id, "rita", "Because of the deploy.")
        },
    )
    .await
    .unwrap();
    let mut anchored = Vec::new();
    for anchor in [
        CommentAnchor::Section("what-happened".into()),
        CommentAnchor::Entry(entry_one),
        CommentAnchor::Moment(moment_one),
        CommentAnchor::Perspective(p_one),
    ] {
        let new = NewComment {
            anchor: Some(anchor.clone()),
            ..comment(one.id, "rex", "about this")
        };
        add(store, new).await.unwrap();
        anchored.push(Some(anchor));
    }
    // Another incident's parent, entry, moment or perspective, or a section that is not there.
    let elsewhere = add(store, comment(two.id, "rex", "elsewhere"))
        .await
        .unwrap();
    let refused = [
        NewComment {
            parent_id: Some(elsewhere),
            ..comment(one.id, "rex", "x")
        },
        NewComment {
            parent_id: Some(999_999),
            ..comment(one.id, "rex", "x")
        },
    ]
    .into_iter()
    .chain(
        [
            CommentAnchor::Section("nowhere".into()),
            CommentAnchor::Entry(entry_two),
            CommentAnchor::Moment(moment_two),
            CommentAnchor::Perspective(p_two),
        ]
        .into_iter()
        .map(|a| NewComment {
            anchor: Some(a),
            ..comment(one.id, "rex", "x")
        }),
    );
    for new in refused {
        match add(store, new.clone()).await {
            Err(StoreError::Invalid(_)) => {}
            other => panic!("{new:?}: {other:?}"),
        }
    }
    assert!(matches!(
        add(store, comment(one.id, "rex", "   ")).await,
        Err(StoreError::Invalid(_))
    ));
    let listed = store.comments(one.id).await.unwrap();
    assert_eq!(listed.len(), 6, "nothing refused was kept");
    assert_eq!(listed[0].id, first);
    assert_eq!(listed[1].parent_id, Some(first));
    assert_eq!(listed[1].id, reply);
    let anchors: Vec<Option<CommentAnchor>> =
        listed[2..].iter().map(|c| c.anchor.clone()).collect();
    assert_eq!(anchors, anchored);
}

/// Edits keep every earlier text; removal empties a comment, keeps its replies, and is for
/// its author or an admin only; search follows each change.
pub async fn comment_edits_keep_history_and_removal_keeps_replies(store: &Store) {
    let rex = account(store, "rex", Role::Reader).await;
    let rita = account(store, "rita", Role::Reader).await;
    let ada = account(store, "ada", Role::Admin).await;
    let one = store
        .create_incident(&NewIncident::new(slug("one"), "One"))
        .await
        .unwrap();
    let first = add(store, comment(one.id, "rex", "The quokka alarm"))
        .await
        .unwrap();
    let reply = add(
        store,
        NewComment {
            parent_id: Some(first),
            ..comment(one.id, "rita", "A reply")
        },
    )
    .await
    .unwrap();
    assert_eq!(
        found(store, &rita, "quokka").await,
        [format!("comment /incidents/one/comments/{first}")]
    );
    let none = References::default();
    store
        .edit_comment(one.id, first, &rex, "The wombat alarm", &none)
        .await
        .unwrap();
    store
        .edit_comment(one.id, first, &rex, "The wombat alarm, again", &none)
        .await
        .unwrap();
    assert!(matches!(
        store
            .edit_comment(one.id, first, &rita, "mine now", &none)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store
            .edit_comment(one.id + 1, first, &rex, "wrong incident", &none)
            .await,
        Err(StoreError::NotFound(_))
    ));
    let c = &store.comments(one.id).await.unwrap()[0];
    assert_eq!(c.body, "The wombat alarm, again");
    assert!(c.edited_at.is_some());
    let history: Vec<&str> = c.history.iter().map(|v| v.body.as_str()).collect();
    assert_eq!(history, ["The quokka alarm", "The wombat alarm"]);
    assert_eq!(c.history[0].written_at, c.created_at);
    assert!(
        found(store, &rita, "quokka").await.is_empty(),
        "old text is not found"
    );
    assert_eq!(found(store, &rita, "wombat").await.len(), 1);

    assert!(matches!(
        store.remove_comment(one.id, first, &rita).await,
        Err(StoreError::Invalid(_))
    ));
    store.remove_comment(one.id, first, &rex).await.unwrap();
    store
        .remove_comment(one.id, reply, &ada)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let listed = store.comments(one.id).await.unwrap();
    assert_eq!(listed.len(), 2, "removed comments stay in the thread");
    assert_eq!(listed[0].body, "");
    assert!(listed[0].history.is_empty());
    assert_eq!(
        listed[0].removed.as_ref().map(|r| r.0.as_str()),
        Some("rex")
    );
    assert_eq!(listed[1].parent_id, Some(first));
    assert_eq!(
        listed[1].removed.as_ref().map(|r| r.0.as_str()),
        Some("ada")
    );
    assert!(found(store, &rita, "wombat").await.is_empty());
    assert!(matches!(
        store.edit_comment(one.id, first, &rex, "back", &none).await,
        Err(StoreError::Invalid(_))
    ));
    // A rebuilt index leaves removed comments out too.
    store.rebuild_search_index().await.unwrap();
    assert!(found(store, &rita, "wombat").await.is_empty());
}

/// The long tail: comments more than 30, 90 and 365 days after the incident ended (resolved,
/// else its latest time); removed comments do not count.
pub async fn comment_long_tail_counts_by_age(store: &Store) {
    let now = OffsetDateTime::now_utc();
    let mut new = NewIncident::new(slug("old"), "Old");
    new.times.started_at = Some(now - Duration::days(500));
    new.times.resolved_at = Some(now - Duration::days(400));
    let old = store.create_incident(&new).await.unwrap();
    let ended = now - Duration::days(400);
    let mut ids = Vec::new();
    for days in [1, 31, 100, 200, 366, 399] {
        let c = NewComment {
            created_at: ended + Duration::days(days),
            ..comment(old.id, "rex", "still thinking about it")
        };
        ids.push(add(store, c).await.unwrap());
    }
    let rex = account(store, "rex", Role::Reader).await;
    store.remove_comment(old.id, ids[5], &rex).await.unwrap();
    let tail = store.comment_long_tail(&old).await.unwrap();
    assert_eq!(
        (
            tail.total,
            tail.after_30_days,
            tail.after_90_days,
            tail.after_365_days
        ),
        (5, 4, 3, 1)
    );
    // No resolution: the latest of its times.
    let mut open = NewIncident::new(slug("open"), "Open");
    open.times.started_at = Some(now - Duration::days(100));
    open.times.detected_at = Some(now - Duration::days(95));
    let open = store.create_incident(&open).await.unwrap();
    add(store, comment(open.id, "rex", "now")).await.unwrap();
    let tail = store.comment_long_tail(&open).await.unwrap();
    assert_eq!(
        (tail.after_30_days, tail.after_90_days, tail.after_365_days),
        (1, 1, 0)
    );
    // No times at all: only the total.
    let bare = store
        .create_incident(&NewIncident::new(slug("bare"), "Bare"))
        .await
        .unwrap();
    add(store, comment(bare.id, "rex", "now")).await.unwrap();
    let tail = store.comment_long_tail(&bare).await.unwrap();
    assert_eq!((tail.total, tail.after_30_days), (1, 0));
}

/// A restricted incident's comments are found by no one without access; a comment's links
/// count as citations, seen only by those who may see the commented incident.
pub async fn restricted_comments_are_found_and_cite_only_for_readers(store: &Store) {
    let rex = account(store, "rex", Role::Reader).await;
    let rita = account(store, "rita", Role::Reader).await;
    let cited = store
        .create_incident(&NewIncident::new(slug("cited"), "Cited"))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    store
        .grant_access(&secret, &rita.username, "ada")
        .await
        .unwrap();
    let refs = References {
        incidents: vec![IncidentLinkRef {
            slug: slug("cited"),
            target: String::new(),
            section: None,
            context: "like cited".into(),
        }],
        terms: Vec::new(),
    };
    let id = store
        .add_comment(
            &comment(secret.id, "rita", "Platypus, like [[cited]]"),
            &refs,
        )
        .await
        .unwrap();
    assert_eq!(
        found(store, &rita, "platypus").await,
        [format!("comment /incidents/secret/comments/{id}")]
    );
    assert!(found(store, &rex, "platypus").await.is_empty());
    let counts = |who: Account| {
        let cited = cited.clone();
        async move {
            store
                .citation_counts(&cited, &who)
                .await
                .unwrap()
                .get(CitationKind::Incident)
        }
    };
    assert_eq!(counts(rita.clone()).await, 1);
    assert_eq!(counts(rex.clone()).await, 0);
    store.remove_comment(secret.id, id, &rita).await.unwrap();
    assert_eq!(
        counts(rita.clone()).await,
        0,
        "a removed comment cites nothing"
    );
    assert!(found(store, &rita, "platypus").await.is_empty());
}

/// A page of comments is read in bounded work: `per_page` comments, each with its latest
/// earlier texts only, and the authors of the comments on earlier pages they answer.
pub async fn comments_come_in_pages_with_their_latest_versions(store: &Store) {
    let nadia = account(store, "nadia", Role::Reader).await;
    let one = store
        .create_incident(&NewIncident::new(slug("paged"), "Paged"))
        .await
        .unwrap();
    let first = add(store, comment(one.id, "nadia", "The first."))
        .await
        .unwrap();
    for n in 0..6 {
        store
            .edit_comment(
                one.id,
                first,
                &nadia,
                &format!("The first, take {n}."),
                &References::default(),
            )
            .await
            .unwrap();
    }
    let mut ids = vec![first];
    for n in 1..5 {
        let mut reply = comment(one.id, "nadia", &format!("Comment {n}."));
        reply.parent_id = Some(first);
        ids.push(add(store, reply).await.unwrap());
    }

    let page = store.comments_page(one.id, 1, 2).await.unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(
        page.comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        ids[..2]
    );
    let history: Vec<&str> = page.comments[0]
        .history
        .iter()
        .map(|v| v.body.as_str())
        .collect();
    // Six edits leave six earlier texts: the three latest are read, in the order written.
    assert_eq!(
        history,
        [
            "The first, take 2.",
            "The first, take 3.",
            "The first, take 4."
        ]
    );
    assert_eq!(page.comments[0].body, "The first, take 5.");
    assert_eq!(page.versions_not_shown.get(&first), Some(&3));
    assert!(
        page.earlier_parents.is_empty(),
        "the parent is on this page"
    );

    let second = store.comments_page(one.id, 2, 2).await.unwrap();
    assert_eq!(
        second.comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        ids[2..4]
    );
    assert_eq!(
        second.earlier_parents.get(&first).map(String::as_str),
        Some("nadia")
    );
    assert!(second.versions_not_shown.is_empty());
    let past = store.comments_page(one.id, 9, 2).await.unwrap();
    assert!(past.comments.is_empty());
    assert_eq!(past.total, 5);
    // Everything, for the search index, still has every text.
    assert_eq!(store.comments(one.id).await.unwrap()[0].history.len(), 6);
}
