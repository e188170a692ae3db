//! Review meetings end to end: an analyst schedules one, its invitation parses with a real
//! iCalendar parser, a change raises SEQUENCE under the same UID, an invitee answers, the
//! facilitator records attendance and the page shows the counts, cancelling makes the
//! invitation a METHOD:CANCEL; a restricted incident's reviews are 404 to non-members.

use icalendar::parser::{read_calendar, unfold};

use crate::support::{Home, get_text, http_client, sign_in};

/// A property of the calendar (`None`) or of its VEVENT, as the parser reads it.
pub(crate) fn prop(ics: &str, event: bool, name: &str) -> String {
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    let props = if event {
        let events: Vec<_> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        assert_eq!(events.len(), 1, "{ics}");
        &events[0].properties
    } else {
        &cal.properties
    };
    props
        .iter()
        .find(|p| p.name.as_str() == name)
        .unwrap_or_else(|| panic!("no {name} in {ics}"))
        .val
        .as_str()
        .to_owned()
}

fn attendees(ics: &str) -> Vec<String> {
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).unwrap();
    cal.components[0]
        .properties
        .iter()
        .filter(|p| p.name.as_str() == "ATTENDEE")
        .map(|p| p.val.as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn reviews_are_scheduled_invited_changed_attended_and_cancelled() {
    let home = Home::new();
    home.add_user("fran", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("sam", "reader", "reader-password-2");
    home.run(&[
        "incident",
        "create",
        "riverton",
        "--title",
        "Riverton, stations; stuck",
    ])
    .ok();
    home.run(&[
        "incident",
        "create",
        "secret",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let server = home.serve(&[]);
    let (base, client) = (server.url.clone(), http_client());
    let fran = sign_in(&client, &base, "fran", "analyst-password-1").await;
    let rita = sign_in(&client, &base, "rita", "reader-password-1").await;
    let sam = sign_in(&client, &base, "sam", "reader-password-2").await;
    let post = |path: String, cookie: String, form: Vec<(&'static str, String)>| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            client
                .post(format!("{base}{path}"))
                .header("cookie", cookie)
                .header("origin", base.as_str())
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    let plan = |time: &str| {
        vec![
            ("date", "2026-04-02".to_owned()),
            ("time", time.to_owned()),
            ("zone", "Europe/Berlin".to_owned()),
            ("minutes", "60".to_owned()),
            (
                "place",
                "https://meet.example/riverton?room=4,5;x".to_owned(),
            ),
            ("facilitator", "fran".to_owned()),
            ("invitees", "rita\nguest@example.com".to_owned()),
        ]
    };

    // A reader may not schedule; an analyst may.
    let refused = post(
        "/incidents/riverton/reviews".into(),
        rita.clone(),
        plan("16:00"),
    )
    .await;
    assert_eq!(refused.status(), 403);
    let done = post(
        "/incidents/riverton/reviews".into(),
        fran.clone(),
        plan("16:00"),
    )
    .await;
    assert_eq!(done.status(), 303, "{:?}", done.text().await);
    let at = done.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = at.rsplit_once("#review-").unwrap().1.parse().unwrap();
    let ics_url = format!("/incidents/riverton/reviews/{id}/invite.ics");

    let res = client
        .get(format!("{base}{ics_url}"))
        .header("cookie", rita.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let first = res.text().await.unwrap();
    assert_eq!(prop(&first, false, "METHOD"), "REQUEST");
    assert_eq!(prop(&first, false, "VERSION"), "2.0");
    assert_eq!(prop(&first, false, "X-WR-TIMEZONE"), "Europe/Berlin");
    assert_eq!(prop(&first, true, "SEQUENCE"), "0");
    // 16:00 in Berlin on 2 April 2026 (summer time, +02:00) is 14:00 UTC.
    assert_eq!(prop(&first, true, "DTSTART"), "20260402T140000Z");
    assert_eq!(prop(&first, true, "DTEND"), "20260402T150000Z");
    assert_eq!(
        prop(&first, true, "SUMMARY"),
        "Review: Riverton, stations; stuck"
    );
    assert_eq!(
        prop(&first, true, "LOCATION"),
        "https://meet.example/riverton?room=4,5;x"
    );
    let description = prop(&first, true, "DESCRIPTION");
    assert!(
        description.contains(&format!("{base}/incidents/riverton")),
        "{description}"
    );
    assert!(
        description.contains("Attendance is voluntary"),
        "{description}"
    );
    assert_eq!(
        attendees(&first),
        ["mailto:rita@lore.invalid", "mailto:guest@example.com"]
    );
    let uid = prop(&first, true, "UID");

    // A change: same UID, SEQUENCE up by one, new time.
    let changed = post(
        format!("/incidents/riverton/reviews/{id}"),
        fran.clone(),
        plan("17:30"),
    )
    .await;
    assert_eq!(changed.status(), 303);
    let second = get_text(&client, format!("{base}{}", &ics_url), &rita).await;
    assert_eq!(prop(&second, true, "UID"), uid);
    assert_eq!(prop(&second, true, "SEQUENCE"), "1");
    assert_eq!(prop(&second, true, "DTSTART"), "20260402T153000Z");

    // Rita answers; the page says attendance is voluntary.
    let page = get_text(
        &client,
        format!("{base}{}", "/incidents/riverton/reviews"),
        &rita,
    )
    .await;
    assert!(page.contains("Attendance is voluntary"));
    assert!(page.contains("Will you come?"));
    let answered = post(
        format!("/incidents/riverton/reviews/{id}/answer"),
        rita.clone(),
        vec![("answer", "yes".into())],
    )
    .await;
    assert_eq!(answered.status(), 303);
    let not_invited = post(
        format!("/incidents/riverton/reviews/{id}/answer"),
        sam.clone(),
        vec![("answer", "yes".into())],
    )
    .await;
    assert_eq!(not_invited.status(), 404);

    // The facilitator records: rita attended and spoke, sam came uninvited and asked.
    let by_rita = post(
        format!("/incidents/riverton/reviews/{id}/attendance"),
        rita.clone(),
        vec![],
    )
    .await;
    assert_eq!(
        by_rita.status(),
        403,
        "only the facilitator records attendance"
    );
    let recorded = post(
        format!("/incidents/riverton/reviews/{id}/attendance"),
        fran.clone(),
        vec![
            ("person-0", "rita".into()),
            ("attended-0", "on".into()),
            ("spoke-0", "on".into()),
            ("person-1", "guest@example.com".into()),
            ("guest-2", "sam".into()),
            ("asked-2", "on".into()),
            ("guest-3", "".into()),
        ],
    )
    .await;
    assert_eq!(recorded.status(), 303, "{:?}", recorded.text().await);
    let page = get_text(
        &client,
        format!("{base}{}", "/incidents/riverton/reviews"),
        &fran,
    )
    .await;
    let counts = page.split("<caption>Who came</caption>").nth(1).unwrap();
    let row = counts
        .split("<tbody><tr>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    // invited, said yes, attended, took part, attended without being invited
    assert_eq!(row, "<td>2</td><td>1</td><td>2</td><td>2</td><td>1</td>");

    // Cancelled: METHOD:CANCEL, STATUS:CANCELLED, the same UID, SEQUENCE up again.
    let cancelled = post(
        format!("/incidents/riverton/reviews/{id}/cancel"),
        fran.clone(),
        vec![],
    )
    .await;
    assert_eq!(cancelled.status(), 303);
    let last = get_text(&client, format!("{base}{}", &ics_url), &rita).await;
    assert_eq!(prop(&last, false, "METHOD"), "CANCEL");
    assert_eq!(prop(&last, true, "STATUS"), "CANCELLED");
    assert_eq!(prop(&last, true, "UID"), uid);
    assert_eq!(prop(&last, true, "SEQUENCE"), "2");

    // A restricted incident: its reviews are not found by those without access.
    let secret = post(
        "/incidents/secret/reviews".into(),
        fran.clone(),
        plan("16:00"),
    )
    .await;
    assert_eq!(secret.status(), 404, "fran has no access either");
    for path in [
        "/incidents/secret/reviews",
        "/incidents/secret/reviews/1/invite.ics",
    ] {
        let res = client
            .get(format!("{base}{path}"))
            .header("cookie", sam.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let other = client
        .get(format!(
            "{base}/incidents/riverton/reviews/999999/invite.ics"
        ))
        .header("cookie", sam.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
}
