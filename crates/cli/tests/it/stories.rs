//! Stories from anyone over HTTP: told by a reader, handled by an analyst (published with
//! consent, attached, or the start of an incident), hidden with a restricted incident.

use crate::support::{Home, get_text, http_client, sign_in};

#[tokio::test]
async fn stories_are_told_by_anyone_and_handled_by_analysts() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("ana", "analyst", "analyst-password-1");
    home.create_open_and_restricted_incidents();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let ana = sign_in(&client, base, "ana", "analyst-password-1").await;
    let post = |cookie: &str, path: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{base}{path}"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&form)
            .send()
    };
    let tell = |incident: &str, about: &str, title: &str, consent: bool| {
        let mut form = vec![
            ("incident", incident.to_owned()),
            ("about", about.to_owned()),
            ("title", title.to_owned()),
            (
                "body",
                "The light was *solid*.<script>alert(1)</script>".to_owned(),
            ),
        ];
        if consent {
            form.push(("consent", "yes".to_owned()));
        }
        post(&rita, "/stories", form)
    };
    assert_eq!(
        tell("riverton", "", "Solid light", true)
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        tell("riverton", "", "Not for publishing", false)
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        tell("", "The 2019 payments outage", "Payments", true)
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        tell("secret", "", "Hidden", true).await.unwrap().status(),
        400,
        "rita may not see it"
    );
    assert_eq!(
        tell("", "", "Which one?", true).await.unwrap().status(),
        400
    );

    // The analyst's queue shows the stories as written, escaped.
    let queue = get_text(&client, format!("{base}/stories"), &ana).await;
    assert!(queue.contains("Waiting for an analyst (3)"), "{queue}");
    assert!(queue.contains("&#60;script&#62;alert(1)") && !queue.contains("<script>alert"));
    let ids: Vec<i64> = queue
        .match_indices("id=\"story-")
        .filter_map(|(at, _)| queue[at + 10..].split('"').next()?.parse().ok())
        .collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    // Readers may not handle stories.
    assert_eq!(
        post(
            &rita,
            &format!("/stories/{}/attach", ids[0]),
            vec![("incident", "riverton".into())]
        )
        .await
        .unwrap()
        .status(),
        403
    );
    // Without consent, no perspective.
    assert_eq!(
        post(&ana, &format!("/stories/{}/perspective", ids[1]), vec![])
            .await
            .unwrap()
            .status(),
        400
    );
    let published = post(&ana, &format!("/stories/{}/perspective", ids[0]), vec![])
        .await
        .unwrap();
    assert_eq!(published.status(), 303);
    let page = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    let heading = page
        .find("class=\"perspective\"")
        .map(|at| &page[at..(at + 400).min(page.len())])
        .unwrap_or("no perspective");
    assert!(
        heading.contains("rita&#39;s account"),
        "the perspective is the author's: {heading}"
    );
    assert!(page.contains("<strong>Solid light</strong>") && !page.contains("<script>alert"));
    assert_eq!(
        post(
            &ana,
            &format!("/stories/{}/attach", ids[1]),
            vec![("incident", "riverton".into())]
        )
        .await
        .unwrap()
        .status(),
        303
    );
    let started = post(
        &ana,
        &format!("/stories/{}/incident", ids[2]),
        vec![
            ("slug", "2019-payments".into()),
            ("title", "Payments, 2019".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(started.status(), 303);
    let new_page = get_text(&client, format!("{base}/incidents/2019-payments"), &ana).await;
    assert!(new_page.contains("As rita told it"), "{new_page}");
    // Handled once.
    assert_eq!(
        post(
            &ana,
            &format!("/stories/{}/attach", ids[1]),
            vec![("incident", "riverton".into())]
        )
        .await
        .unwrap()
        .status(),
        400
    );

    let mine = get_text(&client, format!("{base}/stories"), &rita).await;
    for status in [
        "published as your perspective",
        "attached to the incident",
        "the start of a new incident",
    ] {
        assert!(mine.contains(status), "{status}: {mine}");
    }
    assert!(
        !mine.contains("Waiting for an analyst ("),
        "readers see no queue"
    );
}
