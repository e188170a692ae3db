//! Review meetings on both stores: schedule, change, cancel, answers, attendance and the
//! per-meeting counts; reviews of a restricted incident reach only those who may see it.

use lore_core::{Account, NewIncident, Role};
use lore_store::{Answer, Attendee, ReviewPerson, ReviewPlan, Store, StoreError};
use time::macros::datetime;

use super::{account, slug};

fn person(s: &str) -> ReviewPerson {
    ReviewPerson::parse(s).unwrap()
}

fn plan(invitees: &[&str]) -> ReviewPlan {
    ReviewPlan {
        starts_at: datetime!(2026-04-02 14:00 UTC),
        minutes: 60,
        zone: "Europe/Berlin".into(),
        place: "https://meet.example/riverton, room 4; bring notes".into(),
        facilitator: Some("fran".into()),
        invitees: invitees.iter().map(|s| person(s)).collect(),
    }
}

fn attended(who: &str, spoke: bool, asked: bool, noted: bool) -> Attendee {
    Attendee {
        person: person(who),
        spoke,
        asked,
        added_note: noted,
    }
}

pub async fn reviews_are_scheduled_changed_answered_attended_and_cancelled(store: &Store) {
    for (name, role) in [
        ("fran", Role::Analyst),
        ("nadia", Role::Reader),
        ("jonah", Role::Reader),
    ] {
        account(store, name, role).await;
    }
    let incident = store
        .create_incident(&NewIncident::new(slug("riverton"), "Riverton"))
        .await
        .unwrap();
    let id = store
        .schedule_review(
            incident.id,
            "uid-1@lore",
            &plan(&["nadia", "jonah", " Rita@Example.COM ", "nadia"]),
            "fran",
        )
        .await
        .unwrap();
    let review = store.review(incident.id, id).await.unwrap().unwrap();
    assert_eq!(review.uid, "uid-1@lore");
    assert_eq!(review.sequence, 0);
    assert!(!review.cancelled);
    assert_eq!(review.starts_at, datetime!(2026-04-02 14:00 UTC));
    assert_eq!(review.ends_at(), datetime!(2026-04-02 15:00 UTC));
    assert_eq!(review.zone, "Europe/Berlin");
    assert_eq!(
        review.place,
        "https://meet.example/riverton, room 4; bring notes"
    );
    assert_eq!(review.facilitator.as_deref(), Some("fran"));
    let invited: Vec<&str> = review.invitees.iter().map(|i| i.person.label()).collect();
    assert_eq!(invited, ["nadia", "jonah", "rita@example.com"]);

    // Unknown accounts and bad lengths are refused, and nothing is written.
    assert!(matches!(
        store
            .schedule_review(incident.id, "uid-2@lore", &plan(&["ghost"]), "fran")
            .await,
        Err(StoreError::Invalid(_))
    ));
    let mut long = plan(&[]);
    long.minutes = 600;
    assert!(matches!(
        store
            .schedule_review(incident.id, "uid-3@lore", &long, "fran")
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(ReviewPerson::parse("a b").is_err());
    assert!(ReviewPerson::parse("x@y").is_err());
    assert_eq!(store.reviews(incident.id).await.unwrap().len(), 1);

    // Answers: voluntary, only by invitees.
    store
        .answer_review(id, "nadia", Some(Answer::Yes))
        .await
        .unwrap();
    store
        .answer_review(id, "jonah", Some(Answer::Maybe))
        .await
        .unwrap();
    assert!(matches!(
        store.answer_review(id, "fran", Some(Answer::Yes)).await,
        Err(StoreError::NotFound(_))
    ));

    // A change raises the sequence and keeps the answers of those still invited.
    let mut later = plan(&["nadia", "rita@example.com"]);
    later.starts_at = datetime!(2026-04-03 09:30 UTC);
    store.change_review(incident.id, id, &later).await.unwrap();
    let review = store.review(incident.id, id).await.unwrap().unwrap();
    assert_eq!((review.sequence, review.uid.as_str()), (1, "uid-1@lore"));
    assert_eq!(review.starts_at, datetime!(2026-04-03 09:30 UTC));
    let answers: Vec<(&str, Option<Answer>)> = review
        .invitees
        .iter()
        .map(|i| (i.person.label(), i.answer))
        .collect();
    assert_eq!(
        answers,
        [("nadia", Some(Answer::Yes)), ("rita@example.com", None)]
    );
    // Another incident's review id is not found through this one.
    let other = store
        .create_incident(&NewIncident::new(slug("other"), "Other"))
        .await
        .unwrap();
    assert!(matches!(
        store.change_review(other.id, id, &later).await,
        Err(StoreError::NotFound(_))
    ));

    // Attendance: nadia (invited) spoke, jonah came uninvited and asked, a guest only listened.
    store
        .record_attendance(
            id,
            &[
                attended("nadia", true, false, false),
                attended("jonah", false, true, true),
                attended("guest@example.com", false, false, false),
            ],
        )
        .await
        .unwrap();
    store
        .add_review_note(
            id,
            "what-was-surprising",
            "The retained message; nobody knew.",
            "fran",
        )
        .await
        .unwrap();
    assert!(matches!(
        store.add_review_note(id, " ", "x", "fran").await,
        Err(StoreError::Invalid(_))
    ));
    let review = store.review(incident.id, id).await.unwrap().unwrap();
    let counts = review.counts();
    assert_eq!(
        (
            counts.invited,
            counts.said_yes,
            counts.attended,
            counts.took_part,
            counts.attended_uninvited
        ),
        (2, 1, 3, 2, 2)
    );
    assert_eq!(review.notes.len(), 1);
    assert_eq!(review.notes[0].anchor, "what-was-surprising");
    // Recording again replaces.
    store
        .record_attendance(id, &[attended("nadia", false, false, false)])
        .await
        .unwrap();
    let counts = store
        .review(incident.id, id)
        .await
        .unwrap()
        .unwrap()
        .counts();
    assert_eq!(
        (counts.attended, counts.took_part, counts.attended_uninvited),
        (1, 0, 0)
    );

    // Cancelling raises the sequence once more; a cancelled review cannot be changed.
    store.cancel_review(incident.id, id).await.unwrap();
    let review = store.review(incident.id, id).await.unwrap().unwrap();
    assert!(review.cancelled);
    assert_eq!(review.sequence, 2);
    assert!(matches!(
        store.change_review(incident.id, id, &later).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.cancel_review(incident.id, id).await,
        Err(StoreError::NotFound(_))
    ));
}

pub async fn reviews_of_restricted_incidents_reach_only_their_readers(store: &Store) {
    let fran = account(store, "fran", Role::Analyst).await;
    let sam = account(store, "sam", Role::Reader).await;
    let ada = account(store, "ada", Role::Admin).await;
    let open = store
        .create_incident(&NewIncident::new(slug("open"), "Open"))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    store
        .grant_access(&secret, &fran.username, "ada")
        .await
        .unwrap();
    store
        .schedule_review(open.id, "open@lore", &plan(&[]), "fran")
        .await
        .unwrap();
    let hidden = store
        .schedule_review(secret.id, "secret@lore", &plan(&[]), "fran")
        .await
        .unwrap();
    let cancelled = store
        .schedule_review(open.id, "gone@lore", &plan(&[]), "fran")
        .await
        .unwrap();
    store.cancel_review(open.id, cancelled).await.unwrap();
    let after = datetime!(2026-04-01 00:00 UTC);
    let slugs = |who: Account| async move {
        store
            .upcoming_reviews_visible_to(&who, after)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.slug)
            .collect::<Vec<_>>()
    };
    assert_eq!(slugs(sam.clone()).await, ["open"]);
    assert_eq!(slugs(fran.clone()).await, ["open", "secret"]);
    assert_eq!(slugs(ada).await, ["open", "secret"]);
    assert!(
        store
            .upcoming_reviews_visible_to(&sam, datetime!(2026-05-01 00:00 UTC))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.reviews(secret.id).await.unwrap()[0].id, hidden);
}
