//! Links between incidents end to end: a narrative saved through the web that links another
//! incident shows in that incident's "Cited by" (page, API and `lore incident cited-by`),
//! keeps doing so after a rename, and one from a restricted incident reaches only those who
//! may read it. A write-up imported from the command line records its links too.

use crate::support::{DEMO_SLUG, DemoServer, Home, get_json, get_text};

/// The follow-up demo incident's narrative links the demo incident three times.
/// The follow-up's three links and one from each of two older library incidents.
const FROM_THE_DEMO: usize = 5;
/// The demo repository's commits, code comments and runbook that cite the demo incident.
const FROM_THE_DEMO_REPOSITORY: usize = 5;
/// The demo's boot camp reading list, which holds the demo incident.
const FROM_THE_DEMO_LISTS: usize = 1;

#[tokio::test]
async fn cited_by_follows_links_through_renames_and_hides_restricted_citers() {
    let demo = DemoServer::start().await;
    let (home, base, client) = (&demo.home, &demo.server.url, &demo.client);
    home.add_user("ada", "admin", "admin-password-1");
    let admin = crate::support::sign_in(client, base, "ada", "admin-password-1").await;
    home.run(&[
        "incident",
        "create",
        "citing-one",
        "--title",
        "The citing one",
    ])
    .ok();
    home.run(&[
        "incident",
        "create",
        "secret-citer",
        "--title",
        "Secret citer",
        "--restricted",
    ])
    .ok();
    let save = |slug: &'static str, cookie: String, body: String| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let res = client
                .post(format!("{base}/incidents/{slug}/narrative"))
                .header("cookie", cookie)
                .header("origin", base.as_str())
                .form(&[("base_version", ""), ("body", &body), ("action", "save")])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{slug}: {:?}", res.text().await);
        }
    };
    save(
        "citing-one",
        demo.analyst.clone(),
        format!(
            "## Earlier incidents\n\nThe same trap as [[{DEMO_SLUG}]] and [its surprise]({base}/incidents/{DEMO_SLUG}#what-was-surprising).\n\n[[no-such-incident]] is not recorded.\n"
        ),
    )
    .await;
    save(
        "secret-citer",
        admin.clone(),
        format!("## Secret words\n\nAlso see (a bare path is no link) /incidents/{DEMO_SLUG} and <https://lore.example/incidents/{DEMO_SLUG}/entries/1>.\n"),
    )
    .await;

    // A perspective's links are recorded too (anyone signed in may add one).
    let added = client
        .post(format!("{base}/incidents/citing-one/perspectives"))
        .header("cookie", demo.reader.clone())
        .header("origin", base.as_str())
        .form(&[
            ("person", "Rita"),
            (
                "body",
                &format!("I was there for [[{DEMO_SLUG}|the first one]] too."),
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);

    let page = get_text(
        client,
        format!("{base}/incidents/{DEMO_SLUG}"),
        &demo.reader,
    )
    .await;
    assert!(
        page.contains("in Rita&#39;s perspective"),
        "the perspective cites it"
    );
    assert!(
        page.contains("id=\"cited-by-heading\""),
        "the panel is there"
    );
    assert!(
        page.contains("<a href=\"/incidents/citing-one#earlier-incidents\">The citing one, Earlier incidents</a>"),
        "the citing section is linked"
    );
    assert!(
        page.contains("The same trap as"),
        "with the words around it"
    );
    assert!(!page.contains("secret-citer") && !page.contains("Secret words"));
    // The [[slug]] renders as a link to the cited incident.
    let citing = get_text(client, format!("{base}/incidents/citing-one"), &demo.reader).await;
    assert!(
        citing.contains(&format!("<a href=\"/incidents/{DEMO_SLUG}\"")),
        "{citing}"
    );
    assert!(
        citing.contains("[[no-such-incident]]")
            || citing.contains("href=\"/incidents/no-such-incident\"")
    );

    // Renamed: the citations follow the incident.
    home.run(&["incident", "rename", DEMO_SLUG, "stations-stuck"])
        .ok();
    let cited = |cookie: String| {
        let client = client.clone();
        let base = base.clone();
        async move {
            get_json::<serde_json::Value>(
                &client,
                format!("{base}/api/incidents/stations-stuck/cited-by"),
                &cookie,
            )
            .await
        }
    };
    let for_reader = cited(demo.reader.clone()).await;
    let citers = |v: &serde_json::Value| {
        let mut s: Vec<String> = v["citations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["where"]["incident"].as_str().map(str::to_owned))
            .collect();
        s.dedup();
        s
    };
    assert_eq!(for_reader["counts"]["incident"], 3 + FROM_THE_DEMO);
    assert!(!citers(&for_reader).contains(&"secret-citer".to_owned()));
    let first = &for_reader["citations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["where"]["incident"] == "citing-one")
        .unwrap();
    assert_eq!(first["kind"], "incident");
    assert_eq!(first["where"]["section"]["anchor"], "earlier-incidents");
    let for_admin = cited(admin.clone()).await;
    assert_eq!(for_admin["counts"]["incident"], 4 + FROM_THE_DEMO);
    assert!(citers(&for_admin).contains(&"secret-citer".to_owned()));
    let renamed = get_text(
        client,
        format!("{base}/incidents/stations-stuck"),
        &demo.reader,
    )
    .await;
    assert!(renamed.contains("The citing one, Earlier incidents"));
    assert!(renamed.contains("id=\"related-heading\""));

    // The command line, as the operator and as the reader.
    let all = home
        .run(&[
            "incident",
            "cited-by",
            "stations-stuck",
            "--format",
            "jsonl",
        ])
        .ok()
        .stdout;
    assert_eq!(
        all.lines().count(),
        4 + FROM_THE_DEMO + FROM_THE_DEMO_REPOSITORY + FROM_THE_DEMO_LISTS,
        "{all}"
    );
    for line in all.lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let placed = match c["kind"].as_str() {
            Some("incident") => c["where"]["incident"].is_string(),
            Some("reading-list") => c["where"]["reading_list"].is_i64(),
            _ => c["where"]["repository"].is_string(),
        };
        assert!(placed && c["text"].is_string(), "{c}");
    }
    let as_rita = home
        .run(&[
            "incident",
            "cited-by",
            "stations-stuck",
            "--format",
            "jsonl",
            "--as",
            "rita",
        ])
        .ok()
        .stdout;
    assert_eq!(
        as_rita.lines().count(),
        3 + FROM_THE_DEMO + FROM_THE_DEMO_REPOSITORY + FROM_THE_DEMO_LISTS,
        "{as_rita}"
    );
    assert!(!as_rita.contains("secret-citer"));
    let text = home
        .run(&["incident", "cited-by", "stations-stuck"])
        .ok()
        .stdout;
    assert!(
        text.contains("citing-one#earlier-incidents (Earlier incidents)"),
        "{text}"
    );
    home.run(&["incident", "cited-by", "secret-citer", "--as", "rita"])
        .fails_with(1, "no incident with slug");
}

/// A write-up imported from the command line records its links with its narrative, and
/// `lore incident cited-by` lists them in text and JSON Lines.
#[tokio::test]
async fn imported_write_ups_record_their_links() {
    let home = Home::new();
    home.run(&[
        "incident",
        "create",
        "dock-broker-outage",
        "--title",
        "Dock broker",
    ])
    .ok();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("later.md");
    std::fs::write(
        &file,
        "---\ntitle: A later outage\nslug: a-later-outage\n---\n\n## What was surprising\n\nLike [[dock-broker-outage]] before it.\n",
    )
    .unwrap();
    home.run(&["import", "writeup", file.to_str().unwrap()])
        .ok();
    let jsonl = home
        .run(&[
            "incident",
            "cited-by",
            "dock-broker-outage",
            "--format",
            "jsonl",
        ])
        .ok()
        .stdout;
    let c: serde_json::Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert_eq!(c["where"]["incident"], "a-later-outage");
    assert_eq!(c["where"]["section"]["heading"], "What was surprising");
    assert_eq!(c["text"], "Like dock-broker-outage before it.");
    let text = home
        .run(&["incident", "cited-by", "a-later-outage"])
        .ok()
        .stdout;
    assert_eq!(text.trim(), "Nothing cites a-later-outage yet.");
}
