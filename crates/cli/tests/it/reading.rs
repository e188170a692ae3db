//! Reading over HTTP: a visit is recorded when the page is served, reading time by the beacon,
//! counts for everyone, history for oneself, the switch, and nothing for what one may not read.

use std::time::Duration;

use crate::support::{Home, get_text, get_with, http_client, sign_in};

#[tokio::test]
async fn reads_are_recorded_counted_and_private() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("sam", "reader", "reader-password-2");
    home.create_open_and_restricted_incidents();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let sam = sign_in(&client, base, "sam", "reader-password-2").await;
    let beacon = |cookie: &str, slug: &str, seconds: &str| {
        client
            .post(format!("{base}/incidents/{slug}/reading-time"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&[("seconds", seconds.to_owned())])
            .send()
    };

    let page = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    assert!(page.contains(r#"data-reading-time="/incidents/riverton/reading-time""#));
    // The visit and the reading time are written after the answer: wait for them (bounded).
    let history_with = |needle: &'static str| {
        let (client, rita) = (&client, &rita);
        async move {
            let mut history = String::new();
            for _ in 0..50 {
                history = get_text(client, format!("{base}/me/reading"), rita).await;
                if history.contains(needle) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            history
        }
    };
    let history = history_with("/incidents/riverton").await;
    assert!(
        history.contains(r#"<a href="/incidents/riverton">Riverton</a></td><td>1</td><td>—</td>"#),
        "{history}"
    );
    assert_eq!(
        beacon(&rita, "riverton", "125").await.unwrap().status(),
        204
    );
    let history = history_with("<td>1</td><td>2 min</td>").await;
    assert!(history.contains("<td>1</td><td>2 min</td>"), "{history}");
    // Sam sees counts on the page, and nobody's name.
    let as_sam = get_text(&client, format!("{base}/incidents/riverton"), &sam).await;
    assert!(
        as_sam.contains("Read by 1 person (1 visit, 2 min of reading)."),
        "{as_sam}"
    );
    assert!(!as_sam.contains("rita"));
    // His own history has his visit at most, never Rita's reading time.
    let sams = get_text(&client, format!("{base}/me/reading"), &sam).await;
    assert!(!sams.contains("2 min"), "{sams}");

    // What one may not read, or what does not exist, or no session: the same answer as any
    // beacon (it tells nothing), and nothing recorded. Beacons are recorded in the order they
    // came, so once a later one has landed these have been dealt with.
    for (cookie, slug) in [
        (rita.as_str(), "secret"),
        (rita.as_str(), "no-such-incident"),
        ("", "riverton"),
    ] {
        assert_eq!(beacon(cookie, slug, "60").await.unwrap().status(), 204);
    }
    assert_eq!(beacon(&rita, "riverton", "60").await.unwrap().status(), 204);
    let history = history_with("<td>1</td><td>3 min</td>").await;
    assert!(history.contains("<td>1</td><td>3 min</td>"), "{history}");
    assert!(!history.contains("secret"), "{history}");
    // A value that is not a number: 422.
    assert_eq!(
        get_with(&client, format!("{base}/incidents/secret"), &rita)
            .await
            .status(),
        404
    );
    assert_eq!(
        beacon(&rita, "riverton", "lots").await.unwrap().status(),
        422
    );
    assert!(
        !get_text(&client, format!("{base}/me/reading"), &rita)
            .await
            .contains("secret")
    );

    // Switched off, nothing more is recorded.
    let off = client
        .post(format!("{base}/me/reading"))
        .header("cookie", rita.clone())
        .header("origin", base.to_owned())
        .form(&[("record", "off")])
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 303);
    assert_eq!(
        beacon(&rita, "riverton", "600").await.unwrap().status(),
        204
    );
    // Sam's beacon, sent after, lands after: then Rita's has been dealt with.
    assert_eq!(beacon(&sam, "riverton", "90").await.unwrap().status(), 204);
    for _ in 0..50 {
        if get_text(&client, format!("{base}/me/reading"), &sam)
            .await
            .contains("<td>1 min</td>")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        get_text(&client, format!("{base}/me/reading"), &sam)
            .await
            .contains("<td>1 min</td>")
    );
    let history = get_text(&client, format!("{base}/me/reading"), &rita).await;
    assert!(
        history.contains("Recording is <strong>off</strong>") && history.contains("<td>3 min</td>"),
        "{history}"
    );
}

#[tokio::test]
async fn the_feed_is_atom_and_the_library_remembers_this_week() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    let now = time::OffsetDateTime::now_utc();
    let dir = tempfile::tempdir().unwrap();
    let write_up = |name: &str, title: &str, started: time::OffsetDateTime, restricted: bool| {
        let path = dir.path().join(format!("{name}.md"));
        let started = started
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
        std::fs::write(
            &path,
            format!(
                "---\nslug: {name}\ntitle: \"{title}\"\nstarted: {started}\nrestricted: {restricted}\nsummary: \"Ampersands & <angles>\"\n---\n\n## What happened\n\nWords.\n"
            ),
        )
        .unwrap();
        path.to_str().unwrap().to_owned()
    };
    let two_years_ago = now.replace_year(now.year() - 2).unwrap();
    let files = [
        write_up("old-outage", "An old outage", two_years_ago, false),
        write_up("old-secret", "An old secret", two_years_ago, true),
        write_up(
            "recent",
            "A recent one",
            now - time::Duration::days(40),
            false,
        ),
    ];
    let mut args = vec!["import", "writeup"];
    args.extend(files.iter().map(String::as_str));
    home.run(&args).ok();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;

    let library = get_text(&client, format!("{base}/"), &rita).await;
    let week = library
        .split("This week, years ago")
        .nth(1)
        .expect("the section is there");
    let week = week.split("</section>").next().unwrap();
    assert!(
        week.contains(
            r#"<a href="/incidents/old-outage">An old outage</a> <span class="muted">2 years ago"#
        ),
        "{week}"
    );
    assert!(
        !week.contains("old-secret") && !week.contains("recent"),
        "{week}"
    );

    let res = get_with(&client, format!("{base}/feed.atom"), &rita).await;
    assert_eq!(
        res.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let body = res.text().await.unwrap();
    let feed = atom_syndication::Feed::read_from(body.as_bytes()).expect("valid Atom");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"An old outage") && titles.contains(&"A recent one"));
    let entry = &feed.entries()[0];
    assert!(entry.links()[0].href().starts_with("/incidents/"));
    let summary = entry.summary().map(|s| s.as_str()).unwrap_or_default();
    assert!(
        summary.contains("Ampersands & <angles> (Narrative version 1.)"),
        "{summary}"
    );
    assert!(entry.id().starts_with("tag:lore,2026:incidents/"));
    // Signed out, the feed asks to sign in like every page.
    let anonymous = client
        .get(format!("{base}/feed.atom"))
        .send()
        .await
        .unwrap();
    assert!(
        anonymous.status().is_redirection() || anonymous.status() == 401,
        "{}",
        anonymous.status()
    );
}

#[tokio::test]
async fn the_learning_dashboard_counts_what_the_reader_may_see() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("ada", "admin", "admin-password-1");
    home.create_open_and_restricted_incidents();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let ada = sign_in(&client, base, "ada", "admin-password-1").await;
    get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    get_text(&client, format!("{base}/incidents/secret"), &ada).await;
    let month = {
        let now = time::OffsetDateTime::now_utc();
        format!("{:04}-{:02}", now.year(), u8::from(now.month()))
    };
    let readers_this_month = |page: &str| -> String {
        let table = page.split(r#"id="chart-readers""#).nth(1).unwrap();
        let row = table
            .split(&format!(r#"<th scope="row">{month}</th><td>"#))
            .nth(1)
            .unwrap();
        row.split('<').next().unwrap().to_owned()
    };
    // The reads are written after the pages are served: wait for both (bounded).
    let mut as_ada = String::new();
    for _ in 0..50 {
        as_ada = get_text(&client, format!("{base}/learning"), &ada).await;
        if readers_this_month(&as_ada) == "2" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        readers_this_month(&as_ada),
        "2",
        "both reads, the secret incident's too"
    );
    let as_rita = get_text(&client, format!("{base}/learning"), &rita).await;
    assert_eq!(
        readers_this_month(&as_rita),
        "1",
        "the restricted incident's reader is not counted for rita"
    );
    assert!(as_rita.contains("<svg") && as_rita.contains(r#"class="chart""#));
    // The most read incidents: the secret one only for those who may read it.
    assert!(as_ada.contains(r#"href="/incidents/secret#signals""#));
    assert!(as_rita.contains(r#"href="/incidents/riverton#signals""#));
    assert!(!as_rita.contains("/incidents/secret"), "{as_rita}");
    assert!(as_rita.contains("Median time from start to resolution"));
    // The incident's own panel: its readers by how long after it ended they came.
    let page = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    let panel = page.split(r#"id="signals""#).nth(1).unwrap();
    let panel = panel.split("</section>").next().unwrap();
    assert!(panel.contains("Read by 1 person"), "{panel}");
    assert!(
        panel.contains("Readers and comments by how long after"),
        "{panel}"
    );
}
