//! Learning signals per incident and the dashboard's per-incident and per-list views: readers
//! and comments by how long after the incident they came (history dated with `Store::dated`),
//! review totals, stories and lists; restricted incidents stay out of every cross-incident view.

use lore_core::{IncidentTimes, NewComment, NewIncident, Role};
use lore_store::{AGE_BANDS, Answer, Attendee, NewStory, ReviewPerson, ReviewPlan, Store};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::{account, slug};

const ENDED: OffsetDateTime = datetime!(2025-01-10 12:00 UTC);

async fn ended_incident(store: &Store, s: &str, restricted: bool) -> lore_core::Incident {
    let mut new = NewIncident::new(slug(s), format!("Incident {s}"));
    new.times = IncidentTimes {
        started_at: Some(ENDED - Duration::hours(3)),
        detected_at: None,
        resolved_at: Some(ENDED),
    };
    new.restricted = restricted;
    store.create_incident(&new).await.unwrap()
}

async fn comment_at(store: &Store, incident_id: i64, author: &str, at: OffsetDateTime) {
    store
        .add_comment(
            &NewComment {
                incident_id,
                author: author.into(),
                body: "Still thinking about this one.".into(),
                parent_id: None,
                anchor: None,
                created_at: at,
            },
            &Default::default(),
        )
        .await
        .unwrap();
}

fn person(s: &str) -> ReviewPerson {
    ReviewPerson::parse(s).unwrap()
}

pub async fn incident_signals_count_by_age_since_the_end(store: &Store) {
    let fran = account(store, "fran", Role::Analyst).await;
    let nadia = account(store, "nadia", Role::Reader).await;
    let jonah = account(store, "jonah", Role::Reader).await;
    let incident = ended_incident(store, "riverton", false).await;
    let day = |d: i64| ENDED + Duration::days(d);

    // Read the next day (twice, a day apart), in week three, and again a year and a half later.
    for (who, at, seconds) in [
        (&nadia, day(1), 300),
        (&nadia, day(2), 120),
        (&jonah, day(1), 60),
        (&jonah, day(20), 600),
        (&nadia, day(540), 900),
    ] {
        let dated = store.dated(at);
        assert!(dated.record_read(incident.id, who).await.unwrap());
        dated
            .add_reading_time(incident.id, who, seconds)
            .await
            .unwrap();
    }
    // A reload within the half hour, as of that time, is the same visit.
    assert!(
        !store
            .dated(day(540) + Duration::minutes(10))
            .record_read(incident.id, &nadia)
            .await
            .unwrap()
    );
    for d in [0, 45, 100, 400] {
        comment_at(store, incident.id, "jonah", day(d)).await;
    }

    // A review held at day 14: nadia invited and said yes; both came, jonah uninvited and
    // took part; one planned for the future; one cancelled.
    let plan = |starts_at: OffsetDateTime, invitees: &[&str]| ReviewPlan {
        starts_at,
        minutes: 60,
        zone: "Europe/Berlin".into(),
        place: "Room 4".into(),
        facilitator: Some("fran".into()),
        invitees: invitees.iter().map(|s| person(s)).collect(),
    };
    let held = store
        .schedule_review(
            incident.id,
            "held@lore",
            &plan(day(14), &["nadia", "ops@example.com"]),
            "fran",
        )
        .await
        .unwrap();
    store
        .answer_review(held, "nadia", Some(Answer::Yes))
        .await
        .unwrap();
    store
        .record_attendance(
            held,
            &[
                Attendee {
                    person: person("nadia"),
                    spoke: false,
                    asked: false,
                    added_note: false,
                },
                Attendee {
                    person: person("jonah"),
                    spoke: true,
                    asked: false,
                    added_note: false,
                },
            ],
        )
        .await
        .unwrap();
    let future = OffsetDateTime::now_utc() + Duration::days(30);
    store
        .schedule_review(incident.id, "later@lore", &plan(future, &["nadia"]), "fran")
        .await
        .unwrap();
    let cancelled = store
        .schedule_review(incident.id, "off@lore", &plan(day(15), &["jonah"]), "fran")
        .await
        .unwrap();
    store.cancel_review(incident.id, cancelled).await.unwrap();

    store
        .submit_story(
            &nadia,
            &NewStory {
                incident_id: Some(incident.id),
                about: String::new(),
                title: "The amber lights".into(),
                body: "I was at the depot.".into(),
                consent: true,
            },
        )
        .await
        .unwrap();
    for title in ["Boot camp", "Firmware"] {
        let list = store.create_reading_list(title, "", "fran").await.unwrap();
        store
            .add_reading_list_item(list, incident.id, "")
            .await
            .unwrap();
    }

    let s = store.incident_signals(&incident).await.unwrap();
    let bands: Vec<(&str, u64, u64, u64, u64)> = s
        .by_age
        .iter()
        .map(|b| (b.label, b.readers, b.visits, b.seconds, b.comments))
        .collect();
    assert_eq!(
        bands,
        [
            (AGE_BANDS[0].0, 2, 3, 480, 1),
            (AGE_BANDS[1].0, 1, 1, 600, 0),
            (AGE_BANDS[2].0, 0, 0, 0, 1),
            (AGE_BANDS[3].0, 0, 0, 0, 1),
            (AGE_BANDS[4].0, 1, 1, 900, 1),
        ]
    );
    let r = &s.reviews;
    assert_eq!(
        (
            r.held,
            r.planned,
            r.invited,
            r.said_yes,
            r.attended,
            r.took_part,
            r.uninvited
        ),
        (1, 1, 2, 1, 2, 1, 1)
    );
    assert_eq!((s.stories, s.reading_lists), (1, 2));
    let _ = fran;

    // An incident nobody touched: every band present and empty.
    let quiet = ended_incident(store, "quiet", false).await;
    let s = store.incident_signals(&quiet).await.unwrap();
    assert_eq!(s.by_age.len(), AGE_BANDS.len());
    assert!(s.by_age.iter().all(|b| b.readers == 0 && b.comments == 0));
    assert_eq!(s.reviews, Default::default());
}

pub async fn dashboard_lists_only_what_the_viewer_may_see(store: &Store) {
    let fran = account(store, "fran", Role::Analyst).await;
    let rita = account(store, "rita", Role::Reader).await;
    let ada = account(store, "ada", Role::Admin).await;
    let open = ended_incident(store, "open", false).await;
    let secret = ended_incident(store, "secret", true).await;
    let now = OffsetDateTime::now_utc();
    let since = now - Duration::days(365);

    // The secret incident is the most read; rita may not see it.
    for (i, incident) in [(0, &secret), (1, &secret), (2, &open)] {
        let reader = account(store, &format!("reader{i}"), Role::Reader).await;
        store.record_read(incident.id, &reader).await.unwrap();
    }
    let extra = account(store, "reader3", Role::Reader).await;
    store.record_read(secret.id, &extra).await.unwrap();
    comment_at(store, open.id, "fran", now).await;
    comment_at(store, secret.id, "fran", now).await;
    comment_at(store, secret.id, "fran", now).await;

    let slugs = |rows: &[lore_store::IncidentActivity]| {
        rows.iter()
            .map(|r| (r.slug.clone(), r.readers, r.comments, r.late_comments))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        slugs(&store.most_read_incidents(&rita, since).await.unwrap()),
        [("open".to_owned(), 1, 1, 1)],
        "the comment came well over 90 days after the end"
    );
    assert_eq!(
        slugs(&store.most_read_incidents(&ada, since).await.unwrap()),
        [("secret".to_owned(), 3, 2, 2), ("open".to_owned(), 1, 1, 1)]
    );
    let by_age = |rows: Vec<(&str, u64)>| rows.iter().map(|r| r.1).sum::<u64>();
    assert_eq!(
        by_age(store.comments_by_age(&rita, since).await.unwrap()),
        1
    );
    assert_eq!(by_age(store.comments_by_age(&ada, since).await.unwrap()), 3);
    let late = store.comments_by_age(&ada, since).await.unwrap();
    assert_eq!(late.last().unwrap(), &(AGE_BANDS[4].0, 3));

    // A list of both: rita sees one item; reader2 read it (finished, for her), reader0 read
    // the secret one only (not even started, for her).
    let list = store
        .create_reading_list("Boot camp", "", "fran")
        .await
        .unwrap();
    store
        .add_reading_list_item(list, open.id, "")
        .await
        .unwrap();
    store
        .add_reading_list_item(list, secret.id, "")
        .await
        .unwrap();
    let progress = |p: Vec<lore_store::ListProgress>| {
        p.iter()
            .map(|l| (l.title.clone(), l.items, l.started, l.finished))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        progress(store.reading_list_progress(&rita).await.unwrap()),
        [("Boot camp".to_owned(), 1, 1, 1)]
    );
    assert_eq!(
        progress(store.reading_list_progress(&ada).await.unwrap()),
        [("Boot camp".to_owned(), 2, 4, 0)]
    );
    // An empty list: nobody has finished nothing.
    store
        .create_reading_list("Empty", "", "fran")
        .await
        .unwrap();
    assert_eq!(
        progress(store.reading_list_progress(&fran).await.unwrap())[0],
        ("Empty".to_owned(), 0, 0, 0)
    );
}

/// A comment's age is kept from the incident's end (resolved, else the later of start and
/// detection), and moves when the incident's times do: the dashboard's late comments and
/// age bands follow, on both stores (migration 0028's triggers).
pub async fn comment_ages_follow_the_end_of_their_incident(store: &Store) {
    let ada = account(store, "ada", Role::Admin).await;
    let started = datetime!(2025-01-10 09:00 UTC);
    let mut new = NewIncident::new(slug("moving-end"), "Moving end");
    // Detected "before" it started (clocks disagree): it ended at the later of the two.
    new.times = IncidentTimes {
        started_at: Some(started),
        detected_at: Some(started - Duration::hours(1)),
        resolved_at: None,
    };
    let incident = store.create_incident(&new).await.unwrap();
    // 95 days after the start and a microsecond: late, in the 3–12 months band.
    let written = started + Duration::days(95) + Duration::microseconds(1);
    comment_at(store, incident.id, "ada", written).await;
    // Exactly 7 days after the start: in "1–4 weeks", not the first week.
    comment_at(store, incident.id, "ada", started + Duration::days(7)).await;
    let since = started - Duration::days(1);
    let bands = |rows: Vec<(&'static str, u64)>| rows.into_iter().map(|r| r.1).collect::<Vec<_>>();
    let late =
        |rows: Vec<lore_store::IncidentActivity>| rows.iter().map(|r| r.late_comments).sum::<u64>();
    assert_eq!(
        bands(store.comments_by_age(&ada, since).await.unwrap()),
        [0, 1, 0, 1, 0]
    );
    // Read, so that it is listed among the most read with its late comments.
    store.record_read(incident.id, &ada).await.unwrap();
    assert_eq!(
        late(store.most_read_incidents(&ada, since).await.unwrap()),
        1
    );

    // Resolved ten days in: the comment 95 days after the start is now 85 days late only,
    // and the other came before the end.
    let resolved = started + Duration::days(10);
    let sql = "UPDATE incidents SET resolved_at = $1 WHERE id = $2";
    match store.db() {
        lore_store::Db::Sqlite(pool) => {
            sqlx::query(sql)
                .bind(lore_store::DbTime::new(resolved))
                .bind(incident.id)
                .execute(pool)
                .await
                .unwrap();
        }
        lore_store::Db::Postgres(pool) => {
            sqlx::query(sql)
                .bind(lore_store::DbTime::new(resolved))
                .bind(incident.id)
                .execute(pool)
                .await
                .unwrap();
        }
    }
    assert_eq!(
        bands(store.comments_by_age(&ada, since).await.unwrap()),
        [1, 0, 1, 0, 0]
    );
    assert_eq!(
        late(store.most_read_incidents(&ada, since).await.unwrap()),
        0
    );
}
