//! Reading: visits, reading time, the opt-out, counts for everyone and history for oneself.

use lore_core::{NewIncident, Role};
use lore_store::{MAX_REPORTED_SECONDS, MAX_VISIT_SECONDS, Store};

use super::{account, slug};

pub async fn reads_are_counted_for_all_and_listed_only_for_the_reader(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let sam = account(store, "sam", Role::Reader).await;
    let open = store
        .create_incident(&NewIncident::new(slug("open"), "Open"))
        .await
        .unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();

    assert!(store.record_read(open.id, &rita).await.unwrap());
    // A reload is the same visit.
    assert!(!store.record_read(open.id, &rita).await.unwrap());
    assert!(store.record_read(open.id, &sam).await.unwrap());
    // Reading time goes to the latest visit, bounded per report and per visit.
    assert!(store.add_reading_time(open.id, &rita, 95).await.unwrap());
    store
        .add_reading_time(open.id, &rita, 10_000)
        .await
        .unwrap();
    let stats = store.reading_stats(&open).await.unwrap();
    assert_eq!(
        (stats.readers, stats.visits, stats.seconds),
        (2, 2, 95 + MAX_REPORTED_SECONDS as u64)
    );
    for _ in 0..10 {
        store
            .add_reading_time(open.id, &sam, MAX_REPORTED_SECONDS)
            .await
            .unwrap();
    }
    let stats = store.reading_stats(&open).await.unwrap();
    assert_eq!(
        stats.seconds,
        95 + MAX_REPORTED_SECONDS as u64 + MAX_VISIT_SECONDS as u64
    );
    // The incident was created just now: nobody read it a month after it ended.
    assert_eq!(stats.readers_after_30_days, 0);

    // Rita's history is hers: the secret incident she once read is gone once she cannot see it.
    store.record_read(secret.id, &rita).await.unwrap();
    let history = store.reading_history(&rita).await.unwrap();
    assert_eq!(
        history.iter().map(|r| r.slug.as_str()).collect::<Vec<_>>(),
        ["open"]
    );
    assert_eq!(
        (history[0].visits, history[0].seconds),
        (1, 95 + MAX_REPORTED_SECONDS as u64)
    );
    assert_eq!(store.reading_history(&sam).await.unwrap()[0].visits, 1);

    // Switched off: nothing more is recorded, what was recorded stays hers.
    assert!(store.reading_recorded(&rita).await.unwrap());
    store.set_reading_recorded(&rita, false).await.unwrap();
    store.set_reading_recorded(&rita, false).await.unwrap();
    assert!(!store.reading_recorded(&rita).await.unwrap());
    let other = store
        .create_incident(&NewIncident::new(slug("other"), "Other"))
        .await
        .unwrap();
    assert!(!store.record_read(other.id, &rita).await.unwrap());
    assert!(!store.add_reading_time(other.id, &rita, 60).await.unwrap());
    assert_eq!(store.reading_stats(&other).await.unwrap().readers, 0);
    store.set_reading_recorded(&rita, true).await.unwrap();
    assert!(store.record_read(other.id, &rita).await.unwrap());

    // Read today, an incident that ended in 2024 is read more than a year after.
    let mut old = NewIncident::new(slug("old"), "Old");
    old.times.resolved_at = Some(time::macros::datetime!(2024-01-01 00:00 UTC));
    let old = store.create_incident(&old).await.unwrap();
    store.record_read(old.id, &sam).await.unwrap();
    let stats = store.reading_stats(&old).await.unwrap();
    assert_eq!(
        (
            stats.readers_after_30_days,
            stats.readers_after_90_days,
            stats.readers_after_365_days
        ),
        (1, 1, 1)
    );
}

pub async fn anniversaries_and_recent_write_ups_follow_the_access_rule(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let at = |y: i32, m: u8, d: u8| {
        time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d)
            .unwrap()
            .with_hms(9, 0, 0)
            .unwrap()
            .assume_utc()
    };
    let create = |s: &'static str, started: time::OffsetDateTime, restricted: bool| async move {
        let mut new = NewIncident::new(slug(s), s);
        new.times.started_at = Some(started);
        new.restricted = restricted;
        store.create_incident(&new).await.unwrap()
    };
    create("two-years-ago", at(2024, 12, 5), false).await;
    create("last-year", at(2025, 12, 1), false).await;
    create("this-year", at(2026, 12, 2), false).await;
    create("other-week", at(2025, 11, 20), false).await;
    create("secret-anniversary", at(2023, 12, 3), true).await;
    let today = time::Date::from_calendar_date(2026, time::Month::December, 3).unwrap();
    let found = store.anniversaries(&rita, today, 10).await.unwrap();
    let slugs: Vec<&str> = found.iter().map(|i| i.slug.as_str()).collect();
    assert_eq!(slugs, ["last-year", "two-years-ago"]);
    let admin = account(store, "ada", Role::Admin).await;
    assert_eq!(
        store.anniversaries(&admin, today, 10).await.unwrap().len(),
        3
    );

    let open = store
        .incident_by_slug(&slug("other-week"))
        .await
        .unwrap()
        .unwrap();
    store
        .save_narrative(
            open.id,
            None,
            "# Later\n\nWritten last.",
            "ada",
            &Default::default(),
        )
        .await
        .unwrap();
    let recent = store.recent_write_ups(&rita, 3).await.unwrap();
    assert_eq!(
        recent[0].incident.slug.as_str(),
        "other-week",
        "a new narrative version comes first"
    );
    assert_eq!(recent[0].narrative_version, Some(1));
    assert_eq!(recent.len(), 3);
    assert!(
        store
            .recent_write_ups(&rita, 100)
            .await
            .unwrap()
            .iter()
            .all(|r| !r.incident.restricted)
    );
}

pub async fn learning_signals_count_by_month_within_sight(store: &Store) {
    let rita = account(store, "rita", Role::Reader).await;
    let admin = account(store, "ada", Role::Admin).await;
    let mut old = NewIncident::new(slug("old"), "Old");
    old.times.resolved_at = Some(time::macros::datetime!(2024-01-01 00:00 UTC));
    let old = store.create_incident(&old).await.unwrap();
    let mut secret = NewIncident::new(slug("secret"), "Secret");
    secret.restricted = true;
    let secret = store.create_incident(&secret).await.unwrap();
    store.record_read(old.id, &rita).await.unwrap();
    store.add_reading_time(old.id, &rita, 1800).await.unwrap();
    store.record_read(old.id, &admin).await.unwrap();
    store.record_read(secret.id, &admin).await.unwrap();
    store
        .add_reading_time(secret.id, &admin, 900)
        .await
        .unwrap();
    // Someone who read only what Rita may not see is no reader of hers, nor is their time.
    let sam = account(store, "sam", Role::Reader).await;
    store.record_read(secret.id, &sam).await.unwrap();
    store.add_reading_time(secret.id, &sam, 600).await.unwrap();
    let now = time::OffsetDateTime::now_utc();
    for (incident, body) in [(old.id, "Still true two years on."), (secret.id, "Hidden.")] {
        store
            .add_comment(
                &lore_core::NewComment {
                    incident_id: incident,
                    author: "ada".into(),
                    body: body.into(),
                    parent_id: None,
                    anchor: None,
                    created_at: now,
                },
                &Default::default(),
            )
            .await
            .unwrap();
    }
    store
        .submit_story(
            &rita,
            &lore_store::NewStory {
                incident_id: Some(old.id),
                about: String::new(),
                title: "t".into(),
                body: "b".into(),
                consent: false,
            },
        )
        .await
        .unwrap();

    let this_month = |s: &lore_store::LearningSignals| s.months.last().unwrap().clone();
    let as_rita = store.learning_signals(&rita, now).await.unwrap();
    assert_eq!(as_rita.months.len(), lore_store::MONTHS);
    let m = this_month(&as_rita);
    assert_eq!(
        m.month,
        format!("{:04}-{:02}", now.year(), u8::from(now.month()))
    );
    assert_eq!(
        (m.readers, m.comments, m.late_comments, m.stories),
        (2, 1, 1, 1)
    );
    assert!((m.reading_hours - 0.5).abs() < 1e-9, "{}", m.reading_hours);
    let as_admin = this_month(&store.learning_signals(&admin, now).await.unwrap());
    assert_eq!(
        (as_admin.readers, as_admin.comments),
        (3, 2),
        "the admin also sees the secret incident's"
    );
    let hours = (1800.0 + 900.0 + 600.0) / 3600.0;
    assert!(
        (as_admin.reading_hours - hours).abs() < 1e-9,
        "{}",
        as_admin.reading_hours
    );
}
