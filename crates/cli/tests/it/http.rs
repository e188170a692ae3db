use std::collections::BTreeSet;

use crate::support::{
    DEMO_SLUG, DemoServer, FOLLOW_UP_SLUG, Home, api_entries, get_json, get_text, get_with,
    http_client, session_cookie, sign_in,
};

#[tokio::test]
async fn demo_serves_pages_behind_sign_in_with_security_headers() {
    let home = Home::new();
    let server = home.serve(&["--demo"]);
    assert!(
        server
            .printed
            .iter()
            .any(|l| l.contains("Sign in as user 'demo' with password 'demo-password'")),
        "{:?}",
        server.printed
    );
    let base = &server.url;
    let client = http_client();

    let health = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);

    let anon = client
        .get(format!("{base}/incidents/{DEMO_SLUG}"))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 303);
    assert_eq!(
        anon.headers()["location"],
        format!("/login?next=/incidents/{DEMO_SLUG}").as_str()
    );

    let login = client.get(format!("{base}/login")).send().await.unwrap();
    let headers = login.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");

    let wrong = client
        .post(format!("{base}/login"))
        .form(&[("username", "demo"), ("password", "not-the-password")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(session_cookie(&wrong).is_none() || !wrong.text().await.unwrap().contains("Signed in"));

    let cookie = sign_in(&client, base, "demo", "demo-password").await;
    let page = client
        .get(format!("{base}/incidents/{DEMO_SLUG}"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Data we relied on"));
    assert!(
        html.contains("<h2 id=\"what-was-surprising\">What was surprising"),
        "narrative rendered"
    );
    assert!(html.contains("Narrative version 1, by lore demo"));
    assert!(html.contains("demo/files/slack-export"));
    assert!(html.contains("demo/files/bridge-call.vtt"));
    // The pasted error page in the demo chat arrives escaped, never as markup.
    assert!(
        html.contains("&#60;script&#62;window.location="),
        "imported HTML is escaped"
    );
    assert_eq!(
        html.matches("<script").count(),
        1,
        "the only script element is Lore's own file"
    );
    assert!(html.contains("<script src=\"/static/lore.js\" defer></script>"));
    assert_eq!(
        html.matches("class=\"entry ").count(),
        115,
        "125 entries less 10 noise"
    );
    let noisy = client
        .get(format!("{base}/incidents/{DEMO_SLUG}?noise=show"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(noisy.matches("class=\"entry ").count(), 125);

    // Sign-out ends the session for good.
    let out = client
        .post(format!("{base}/logout"))
        .header("cookie", &cookie)
        .header("origin", base.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let after = client
        .get(format!("{base}/"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 303, "old cookie no longer works");
}

#[tokio::test]
async fn roles_csrf_and_restricted_incidents_are_enforced() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("ada", "admin", "admin-password-1");
    home.run(&[
        "incident",
        "create",
        "secret-breach",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let reader = sign_in(&client, base, "rita", "reader-password-1").await;
    let admin = sign_in(&client, base, "ada", "admin-password-1").await;
    let get = |cookie: &str, path: &str| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", cookie.to_owned())
            .send()
    };

    assert_eq!(get(&reader, "/admin/users").await.unwrap().status(), 403);
    assert_eq!(get(&admin, "/admin/users").await.unwrap().status(), 200);
    // Restricted: invisible to the reader (404, absent from the list), visible to the admin.
    assert_eq!(
        get(&reader, "/incidents/secret-breach")
            .await
            .unwrap()
            .status(),
        404
    );
    let library = get(&reader, "/").await.unwrap().text().await.unwrap();
    assert!(!library.contains("secret-breach"));
    assert!(
        library.contains("No incidents yet"),
        "not even a count gives it away"
    );
    assert_eq!(
        get(&admin, "/incidents/secret-breach")
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        get(&reader, "/incidents/never-existed")
            .await
            .unwrap()
            .status(),
        404
    );

    let set_role = |cookie: &str, origin: Option<&str>| {
        let mut req = client
            .post(format!("{base}/admin/users/rita/role"))
            .header("cookie", cookie.to_owned())
            .form(&[("role", "analyst")]);
        if let Some(o) = origin {
            req = req.header("origin", o.to_owned());
        }
        req.send()
    };
    // A cross-site form post is refused even with the admin's cookie.
    let forged = set_role(&admin, Some("http://evil.example")).await.unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(role_of(&home, "rita"), "reader");
    assert_eq!(set_role(&reader, Some(base)).await.unwrap().status(), 403);
    let done = set_role(&admin, Some(base)).await.unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("rita is now analyst."));
    assert_eq!(role_of(&home, "rita"), "analyst");

    // A password reset ends the sessions that began before it.
    home.run_with_stdin(
        &["user", "reset-password", "rita", "--password-stdin"],
        "another-password-2\n",
    )
    .ok();
    assert_eq!(get(&reader, "/").await.unwrap().status(), 303);
}

fn role_of(home: &Home, user: &str) -> String {
    let list = home.run(&["user", "list"]).ok().stdout;
    let line = list
        .lines()
        .find(|l| l.split_whitespace().next() == Some(user))
        .unwrap_or_else(|| panic!("{user} not listed: {list}"));
    line.split_whitespace().nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn timeline_filters_and_the_as_known_at_view() {
    let home = Home::new();
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let cookie = sign_in(&client, base, "demo", "demo-password").await;
    let page = |query: String| {
        let url = format!("{base}/incidents/{DEMO_SLUG}{query}");
        let req = client.get(url).header("cookie", cookie.clone());
        async move {
            let res = req.send().await.unwrap();
            (res.status(), res.text().await.unwrap())
        }
    };
    let entries = |html: &str| html.matches("class=\"entry ").count();
    // What the page should show, worked out from the export of the same timeline.
    let all: Vec<serde_json::Value> = home
        .run(&["timeline", DEMO_SLUG, "--format", "jsonl"])
        .ok()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let count = |keep: &dyn Fn(&serde_json::Value) -> bool| {
        all.iter()
            .filter(|e| e["noise"] == false && keep(e))
            .count()
    };

    let (status, html) = page("?kind=deploy".into()).await;
    assert_eq!(status, 200);
    assert_eq!(entries(&html), count(&|e| e["kind"] == "deploy"));
    assert_eq!(entries(&html), 6);

    let (_, html) = page("?at=2026-03-17T11:30".into()).await;
    let before = count(&|e| e["time"].as_str().unwrap() <= "2026-03-17T11:30:00Z");
    let later = all
        .iter()
        .filter(|e| e["time"].as_str().unwrap() > "2026-03-17T11:30:00Z")
        .count();
    assert!(before > 0 && later > 0);
    assert_eq!(entries(&html), before);
    assert!(
        html.contains(&format!(
            "only what had been said or observed by then. {later} later entries are not shown."
        )),
        "{}",
        &html[html.find("known-at").unwrap_or(0)..][..300]
    );
    assert!(
        html.contains("value=\"2026-03-17T11:30\""),
        "the form keeps the moment"
    );

    // People are chosen by id from the form's own options.
    let option = html
        .split("<option value=\"")
        .find(|o| o.contains(">Nadia Okafor</option>"))
        .expect("Nadia is offered, once: her Slack, call, CSV and notes records are merged");
    let nadia_id = option.split('"').next().unwrap();
    let (_, html) = page(format!("?person={nadia_id}")).await;
    assert_eq!(entries(&html), count(&|e| e["author"] == "Nadia Okafor"));
    let sources: std::collections::BTreeSet<&str> = all
        .iter()
        .filter(|e| e["author"] == "Nadia Okafor")
        .map(|e| e["source"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources.into_iter().collect::<Vec<_>>(),
        ["csv", "jsonl", "slack", "vtt"],
        "one person across four sources"
    );

    // As seen by one person: the channels the export lists them in (or they spoke in), their
    // own entries, and sources without channels.
    let channels: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../demo/files/slack-export/channels.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let greta_in: Vec<&str> = channels
        .iter()
        .filter(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "U04GRETA06")
        })
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        !greta_in.contains(&"deploys"),
        "the demo has a channel Greta is not in"
    );
    let option = html
        .split("<option value=\"")
        .find(|o| o.contains(">Greta Holm</option>"))
        .expect("Greta is offered");
    let greta_id = option.split('"').next().unwrap();
    let could_see = |e: &serde_json::Value| {
        e["author"] == "Greta Holm" || e["channel"].as_str().is_none_or(|c| greta_in.contains(&c))
    };
    let (status, html) = page(format!("?at=2026-03-17T15:30&seen_by={greta_id}")).await;
    assert_eq!(status, 200);
    let by_then = |e: &serde_json::Value| e["time"].as_str().unwrap() <= "2026-03-17T15:30:00Z";
    assert_eq!(entries(&html), count(&|e| by_then(e) && could_see(e)));
    let unseen = all.iter().filter(|e| by_then(e) && !could_see(e)).count();
    assert!(unseen > 0, "something Greta could not have seen by then");
    assert!(
        html.contains(&format!(
            "{unseen} entries in channels they could not read then are not shown."
        )),
        "{}",
        &html[html.find("As seen by <strong>").unwrap_or(0)..][..400]
    );
    assert!(html.contains("by <strong>Greta Holm</strong>"));
    assert!(html.contains("(#inc-3117-riverton-stations, #ops)"));
    let api: Vec<serde_json::Value> = api_entries(
        &client,
        format!("{base}/api/incidents/{DEMO_SLUG}/timeline?seen_by={greta_id}&noise=show"),
        &cookie,
    )
    .await;
    assert_eq!(api.len(), all.iter().filter(|e| could_see(e)).count());

    // As known at 11:35:30 by Rafa: he joined the incident channel at 11:35:59 (the export's
    // channel_join message), so nothing said there shows yet, though he was in #ops.
    let incident_day: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../demo/files/slack-export/inc-3117-riverton-stations/2026-03-17.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let joined: f64 = incident_day
        .iter()
        .find(|m| m["subtype"] == "channel_join" && m["user"] == "U04RAFAQ03")
        .and_then(|m| m["ts"].as_str()?.parse().ok())
        .unwrap();
    let joined = time::OffsetDateTime::from_unix_timestamp(joined as i64).unwrap();
    let at = time::macros::datetime!(2026-03-17 11:35:30 UTC);
    assert!(joined > at, "the demo has Rafa join after 11:35:30");
    let option = html
        .split("<option value=\"")
        .find(|o| o.contains(">Rafa</option>"))
        .expect("Rafa is offered");
    let rafa_id = option.split('"').next().unwrap();
    let (_, html) = page(format!("?at=2026-03-17T11:35:30&seen_by={rafa_id}")).await;
    let rafa_saw = |e: &serde_json::Value| {
        e["time"].as_str().unwrap() <= "2026-03-17T11:35:30Z"
            && (e["author"] == "Rafa"
                || match e["channel"].as_str() {
                    None => true,
                    Some("inc-3117-riverton-stations") => false,
                    Some(c) => channels.iter().any(|ch| {
                        ch["name"] == c
                            && ch["members"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .any(|m| m == "U04RAFAQ03")
                    }),
                })
    };
    assert_eq!(entries(&html), count(&rafa_saw));
    let said_there = all
        .iter()
        .filter(|e| {
            e["time"].as_str().unwrap() <= "2026-03-17T11:35:30Z"
                && e["channel"] == "inc-3117-riverton-stations"
        })
        .count();
    assert!(said_there > 0, "the channel had entries before 11:35:30");
    assert!(
        html.contains("Not yet in #inc-3117-riverton-stations (joined 2026-03-17 11:35:59 UTC)"),
        "{}",
        &html[html.find("As seen by <strong>").unwrap_or(0)..][..500]
    );

    let (_, html) = page("?kind=chat&noise=show".into()).await;
    assert_eq!(
        entries(&html),
        all.iter().filter(|e| e["kind"] == "chat").count()
    );
    assert!(
        html.contains("?kind=chat#timeline-heading\">Hide noise entries"),
        "the toggle keeps the filter"
    );

    // Long silences are marked between entries.
    let (_, html) = page(String::new()).await;
    assert!(html.contains("<li class=\"gap\"><span>"), "gaps are shown");

    for bad in [
        "?kind=tweet",
        "?at=yesterday",
        "?source=x",
        "?seen_by=greta",
    ] {
        let (status, _) = page(bad.into()).await;
        assert_eq!(status, 400, "{bad}");
    }
}

#[tokio::test]
async fn the_timeline_diagram_is_inline_and_downloadable() {
    let home = Home::new();
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let cookie = sign_in(&client, base, "demo", "demo-password").await;
    let get = |path: String| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", cookie.clone())
            .send()
    };

    let res = get(format!("/incidents/{DEMO_SLUG}/timeline.svg"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"{DEMO_SLUG}-timeline.svg\"").as_str()
    );
    let svg = res.text().await.unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..100]);
    // One linked dot per entry shown (noise hidden by default); each source is a lane.
    assert_eq!(svg.matches("<a href=\"#entry-").count(), 115);
    assert!(svg.contains(">demo/files/slack-export<") || svg.contains("demo/files/slack-export\n"));
    assert!(!svg.contains("<script"), "the pasted <script> stays text");

    let by_people = get(format!(
        "/incidents/{DEMO_SLUG}/timeline.svg?lanes=people&kind=deploy"
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert_eq!(by_people.matches("<a href=\"#entry-").count(), 6);
    assert!(by_people.contains("timeline by person"));

    let page = get(format!("/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<figure class=\"diagram\" id=\"diagram\">"));
    let figure = &page[page.find("<figure class=\"diagram\"").unwrap()..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    assert_eq!(
        figure.matches("<a href=\"#entry-").count(),
        115,
        "the inline diagram links every entry shown"
    );
}

#[tokio::test]
async fn the_json_api_serves_the_same_objects_with_the_same_rules() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    let server = home.serve(&["--demo"]);
    home.run(&[
        "incident",
        "create",
        "secret-breach",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let base = &server.url;
    let client = http_client();
    let anon = client
        .get(format!("{base}/api/incidents"))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
    assert_eq!(
        anon.json::<serde_json::Value>().await.unwrap()["error"],
        "sign in first"
    );

    let cookie = sign_in(&client, base, "rita", "reader-password-1").await;
    let get = |path: String| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", cookie.clone())
            .send()
    };
    let list: serde_json::Value = get("/api/incidents".into())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slugs: Vec<&str> = list["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        [
            FOLLOW_UP_SLUG,
            DEMO_SLUG,
            "2025-08-30-app-unlocks-failed-after-a-dns-change",
            "2025-02-11-dock-broker-certificate-expired",
            "2024-09-18-nightly-export-counted-rides-twice",
        ],
        "the restricted incident is not listed"
    );
    assert_eq!(
        get("/api/incidents/secret-breach".into())
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        get("/api/incidents/secret-breach/timeline".into())
            .await
            .unwrap()
            .status(),
        404
    );

    let detail: serde_json::Value = get(format!("/api/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(detail["severity"], "SEV2");
    assert_eq!(detail["narrative"]["version"], 1);
    assert!(
        detail["narrative"]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("## Backdrop")
    );
    assert!(
        detail["narrative"]["html"]
            .as_str()
            .unwrap()
            .contains("<h2 id=\"backdrop\">")
    );
    assert_eq!(detail["sources"].as_array().unwrap().len(), 7);

    // The API's timeline is exactly what `lore timeline --format jsonl` prints.
    let api: serde_json::Value = get(format!("/api/incidents/{DEMO_SLUG}/timeline?noise=show"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cli: Vec<serde_json::Value> = home
        .run(&["timeline", DEMO_SLUG, "--format", "jsonl"])
        .ok()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(api["entries"].as_array().unwrap(), &cli);
    let deploys: serde_json::Value =
        get(format!("/api/incidents/{DEMO_SLUG}/timeline?kind=deploy"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(deploys["entries"].as_array().unwrap().len(), 6);
    let bad = get(format!("/api/incidents/{DEMO_SLUG}/timeline?kind=tweet"))
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(
        bad.json::<serde_json::Value>().await.unwrap()["error"]
            .as_str()
            .unwrap()
            .contains("tweet")
    );
}

#[tokio::test]
async fn analysts_mark_moments_readers_cannot() {
    let demo = DemoServer::start().await;
    let home = &demo.home;
    let base = &demo.server.url;
    let client = demo.client.clone();
    let (analyst, reader) = (demo.analyst.clone(), demo.reader.clone());
    let entries: Vec<serde_json::Value> = home
        .run(&["timeline", DEMO_SLUG, "--format", "jsonl"])
        .ok()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = entries[10]["id"].as_i64().unwrap().to_string();
    let last = entries[14]["id"].as_i64().unwrap().to_string();
    let ids = |list: &[serde_json::Value]| -> BTreeSet<i64> {
        list.iter().map(|e| e["id"].as_i64().unwrap()).collect()
    };
    let surprise_api =
        format!("{base}/api/incidents/{DEMO_SLUG}/timeline?theme=surprise&noise=show");
    // The demo marks surprises of its own: this test's mark adds to them.
    let demo_surprises: Vec<serde_json::Value> =
        api_entries(&client, surprise_api.clone(), &reader).await;
    let post = |cookie: &str, form: Vec<(&'static str, String)>, origin: &str| {
        client
            .post(format!("{base}/incidents/{DEMO_SLUG}/annotations"))
            .header("cookie", cookie.to_owned())
            .header("origin", origin.to_owned())
            .form(&form)
            .send()
    };
    let surprise = vec![
        ("entry", first.clone()),
        ("through", format!("#{last}")),
        ("theme", "surprise".to_owned()),
        (
            "note",
            "Fixed stations went back to amber <b>13 minutes</b> later".to_owned(),
        ),
    ];
    assert_eq!(
        post(&reader, surprise.clone(), base)
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        post(&analyst, surprise.clone(), "http://evil.example")
            .await
            .unwrap()
            .status(),
        403,
        "cross-site"
    );
    let done = post(&analyst, surprise, base).await.unwrap();
    assert_eq!(done.status(), 303);
    let location = done.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("/incidents/{DEMO_SLUG}#moment-")),
        "{location}"
    );

    let page = get_text(&client, format!("{base}/incidents/{DEMO_SLUG}"), &reader).await;
    let anchor = location.split('#').nth(1).unwrap();
    assert!(page.contains(&format!(
        "<li id=\"{anchor}\" class=\"moment theme-surprise\">"
    )));
    assert!(
        page.contains("Fixed stations went back to amber &#60;b&#62;13 minutes&#60;/b&#62; later")
    );
    assert!(page.contains(&format!(
        "<a class=\"mark\" href=\"#{anchor}\">Surprise</a>"
    )));
    assert!(
        !page.contains("Mark this moment"),
        "readers get no annotation forms"
    );
    // The diagram marks the moment too, linked to it.
    let svg = get_text(
        &client,
        format!("{base}/incidents/{DEMO_SLUG}/timeline.svg"),
        &reader,
    )
    .await;
    assert!(
        svg.contains(&format!("<a href=\"#{anchor}\">")),
        "the diagram marks the moment"
    );
    assert!(svg.contains(
        "Surprise: Fixed stations went back to amber &lt;b&gt;13 minutes&lt;/b&gt; later"
    ));

    // The theme filter keeps exactly the marked ranges (the demo's and this one), on the
    // page's API as on the page.
    let marked: Vec<serde_json::Value> = api_entries(&client, surprise_api, &reader).await;
    let expected: BTreeSet<i64> = ids(&demo_surprises)
        .union(&ids(&entries[10..=14]))
        .copied()
        .collect();
    assert_eq!(ids(&marked), expected);
    let filtered = get_text(
        &client,
        format!("{base}/incidents/{DEMO_SLUG}?theme=surprise&noise=show"),
        &reader,
    )
    .await;
    assert_eq!(filtered.matches("<li id=\"entry-").count(), expected.len());
    assert!(filtered.contains("<option value=\"surprise\" selected>Surprise</option>"));

    // Each entry links to one shared form instead of carrying a form of its own.
    let analyst_page = get_text(&client, format!("{base}/incidents/{DEMO_SLUG}"), &analyst).await;
    assert!(analyst_page.contains(&format!(
        "href=\"/incidents/{DEMO_SLUG}/moments/new?entry={first}\""
    )));
    let mark_form = client
        .get(format!(
            "{base}/incidents/{DEMO_SLUG}/moments/new?entry={first}"
        ))
        .header("cookie", analyst.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(mark_form.status(), 200);
    let mark_form = mark_form.text().await.unwrap();
    assert!(mark_form.contains(&format!("name=\"entry\" value=\"{first}\"")));
    assert!(mark_form.contains(&html_escape(entries[10]["text"].as_str().unwrap())));
    // An entry of another incident is not this incident's: not found.
    let elsewhere: Vec<serde_json::Value> = api_entries(
        &client,
        format!("{base}/api/incidents/{FOLLOW_UP_SLUG}/timeline"),
        &analyst,
    )
    .await;
    let elsewhere = elsewhere[0]["id"].as_i64().unwrap().to_string();
    for (cookie, entry, status) in [
        (&reader, first.as_str(), 403),
        (&analyst, "999999", 404),
        (&analyst, elsewhere.as_str(), 404),
    ] {
        let res = client
            .get(format!(
                "{base}/incidents/{DEMO_SLUG}/moments/new?entry={entry}"
            ))
            .header("cookie", cookie.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "mark form for {entry}");
    }

    for (form, why) in [
        (
            vec![("entry", first.clone()), ("theme", "boring".to_owned())],
            "unknown theme",
        ),
        (
            vec![("entry", first.clone()), ("theme", "custom".to_owned())],
            "own tag needs a tag",
        ),
        (
            vec![
                ("entry", "999999".to_owned()),
                ("theme", "dilemma".to_owned()),
            ],
            "not in this incident",
        ),
        (
            vec![
                ("entry", first.clone()),
                ("through", "x".to_owned()),
                ("theme", "dilemma".to_owned()),
            ],
            "entry number",
        ),
    ] {
        let res = post(&analyst, form, base).await.unwrap();
        assert_eq!(res.status(), 400, "{why}");
        assert!(res.text().await.unwrap().contains(why), "{why}");
    }
}

/// What askama makes of text: enough of its escaping to find imported words in a page.
fn html_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn passages_of_the_narrative_are_marked_and_themes_found_across_incidents() {
    let demo = DemoServer::start().await;
    let home = &demo.home;
    let base = &demo.server.url;
    let client = demo.client.clone();
    let (analyst, reader) = (demo.analyst.clone(), demo.reader.clone());
    let post = |form: Vec<(&'static str, &str)>| {
        client
            .post(format!("{base}/incidents/{DEMO_SLUG}/annotations"))
            .header("cookie", analyst.clone())
            .header("origin", base.as_str())
            .form(&form)
            .send()
    };
    // Words as the reader sees them (the Markdown has `MAINT` in code), line breaks and all.
    let quote = "nobody knew cancel\n  wasn't an undo";
    let res = post(vec![
        ("passage", quote),
        ("theme", "misunderstanding"),
        ("note", "cancel <i>looked</i> like undo"),
    ])
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    let moment = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('#')
        .nth(1)
        .unwrap()
        .to_owned();
    let id = moment.trim_start_matches("moment-");
    for (form, why) in [
        (
            vec![("passage", "words nobody wrote"), ("theme", "paradox")],
            "not in the current narrative",
        ),
        (
            vec![("passage", "  "), ("theme", "paradox")],
            "say what to mark",
        ),
        (vec![("theme", "paradox")], "say what to mark"),
    ] {
        let res = post(form).await.unwrap();
        assert_eq!(res.status(), 400, "{why}");
        assert!(res.text().await.unwrap().contains(why), "{why}");
    }

    let page = get_text(&client, format!("{base}/incidents/{DEMO_SLUG}"), &reader).await;
    assert!(
        page.contains(&format!(
            "<mark id=\"passage-{id}\" class=\"passage theme-misunderstanding\" \
             title=\"Misunderstanding: cancel &lt;i&gt;looked&lt;/i&gt; like undo\">nobody knew cancel wasn&#39;t an undo</mark>\
             <a class=\"passage-ref\" href=\"#{moment}\">Misunderstanding</a>"
        )) || page.contains(&format!(
            "<mark id=\"passage-{id}\" class=\"passage theme-misunderstanding\" \
             title=\"Misunderstanding: cancel &lt;i&gt;looked&lt;/i&gt; like undo\">nobody knew cancel wasn't an undo</mark>\
             <a class=\"passage-ref\" href=\"#{moment}\">Misunderstanding</a>"
        )),
        "the passage is highlighted in place"
    );
    assert!(page.contains(&format!(
        "<li id=\"{moment}\" class=\"moment theme-misunderstanding\">"
    )));
    assert!(page.contains("<q class=\"passage-quote\">nobody knew cancel wasn&#39;t an undo</q>"));
    assert!(page.contains(&format!("<a href=\"#passage-{id}\">in the narrative</a>")));

    // Across incidents: a second incident with its own moment, one restricted.
    home.run(&[
        "incident",
        "create",
        "other-outage",
        "--title",
        "Another outage",
    ])
    .ok();
    let search = |q: &str| {
        client
            .get(format!("{base}/moments?{q}"))
            .header("cookie", reader.clone())
            .send()
    };
    let found = search("theme=misunderstanding").await.unwrap();
    assert_eq!(found.status(), 200);
    let found = found.text().await.unwrap();
    assert!(found.contains(&format!("href=\"/incidents/{DEMO_SLUG}#{moment}\"")));
    assert!(found.contains("In the narrative: “nobody knew cancel wasn&#39;t an undo”"));
    let words = search("q=LIKE+UNDO").await.unwrap().text().await.unwrap();
    assert!(
        words.contains(&format!("#{moment}")),
        "found by the note's words"
    );
    let paradoxes = search("theme=paradox").await.unwrap().text().await.unwrap();
    assert!(
        !paradoxes.contains(&format!("#{moment}")),
        "another theme's moments only"
    );
    let none = search("theme=paradox&q=LIKE+UNDO")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(none.contains("No moments match."));
    assert_eq!(search("theme=nonsense").await.unwrap().status(), 400);

    home.run(&[
        "incident",
        "create",
        "hidden-one",
        "--title",
        "Hidden",
        "--restricted",
    ])
    .ok();
    let json: serde_json::Value = get_json(
        &client,
        format!("{base}/api/incidents/{DEMO_SLUG}"),
        &reader,
    )
    .await;
    let marked = json["moments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id.parse::<i64>().unwrap())
        .expect("the moment in the incident's JSON");
    assert_eq!(marked["on"], "passage");
    assert_eq!(marked["quote"], "nobody knew cancel wasn't an undo");
    assert_eq!(marked["theme"], "misunderstanding");
}

#[tokio::test]
async fn narratives_embed_timeline_blocks_and_threads_fold_under_their_first_message() {
    let home = Home::new();
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let analyst = sign_in(&client, base, "demo", "demo-password").await;
    let get = |url: String| client.get(url).header("cookie", analyst.clone()).send();
    let page = get(format!("{base}/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The demo's Slack channel has threads: their replies sit in a <details> under the
    // message that started them, and the entry count is unchanged.
    let threads = page.matches("<details class=\"thread\" open>").count();
    assert!(threads >= 3, "{threads} threads");
    assert_eq!(
        page.matches("<li id=\"entry-").count(),
        115,
        "every shown entry is still listed once"
    );
    // Folded on request, every thread at once; the filter form and the toggle keep the choice.
    assert!(page.contains(&format!(
        "<a href=\"/incidents/{DEMO_SLUG}?threads=folded#timeline-heading\">Fold all threads</a>"
    )));
    let folded = get(format!(
        "{base}/incidents/{DEMO_SLUG}?kind=chat&threads=folded"
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert_eq!(
        folded.matches("<details class=\"thread\">").count(),
        threads
    );
    assert!(!folded.contains("<details class=\"thread\" open>"));
    assert!(folded.contains("<input type=\"hidden\" name=\"threads\" value=\"folded\">"));
    assert!(folded.contains(&format!(
        "<a href=\"/incidents/{DEMO_SLUG}?kind=chat#timeline-heading\">Unfold all threads</a>"
    )));

    // The live preview renders a draft as the page will, diagrams and citations included,
    // lists acronyms not in the glossary, and saves nothing. It reads the entries the draft
    // cites, not the timeline: a cited entry gets its words as the link's title.
    let page = get_text(&client, format!("{base}/incidents/{DEMO_SLUG}"), &analyst).await;
    let cited_id: i64 = page
        .split("id=\"entry-")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("the demo page shows entries");
    let draft = format!(
        "## Draft\n\n*soon*, says the [NOC](#entry-{cited_id})\n\n```lore-timeline\nlanes=people kind=deploy\n```\n"
    );
    let draft = draft.as_str();
    let preview = |origin: &str| {
        client
            .post(format!(
                "{base}/api/incidents/{DEMO_SLUG}/narrative/preview"
            ))
            .header("cookie", analyst.clone())
            .header("origin", origin.to_owned())
            .form(&[("body", draft)])
            .send()
    };
    let fragment = preview(base).await.unwrap();
    assert_eq!(fragment.status(), 200);
    let fragment: serde_json::Value = fragment.json().await.unwrap();
    let html = fragment["html"].as_str().unwrap();
    assert!(html.contains("<em>soon</em>"));
    assert!(html.contains("preview-diagram-1-title"));
    assert!(
        html.contains("<a class=\"citation\" title=\"")
            && html.contains(&format!("href=\"#entry-{cited_id}\"")),
        "{html}"
    );
    assert!(!html.contains("<html"), "a fragment, not a page");
    assert_eq!(fragment["undefined_acronyms"], serde_json::json!(["NOC"]));
    assert_eq!(preview("http://evil.example").await.unwrap().status(), 403);
    let history = get(format!("{base}/incidents/{DEMO_SLUG}/narrative/history"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!history.contains("Draft"), "previews save nothing");

    let editor = format!("{base}/incidents/{DEMO_SLUG}/narrative");
    let body = "## Backdrop\n\nThe first hour:\n\n```lore-timeline\nfrom=2026-03-17T11:00 to=2026-03-17T12:00 lanes=people\n```\n\n```lore-timeline\nfrom=yesterday\n```\n";
    let saved = client
        .post(&editor)
        .header("cookie", analyst.clone())
        .header("origin", base.as_str())
        .form(&[("base_version", "1"), ("body", body), ("action", "save")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let page = get(format!("{base}/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The figure has an id, for a repeated block to link to.
    assert!(page.contains("<figure class=\"diagram embedded\" id=\"narrative-diagram-1\">"));
    assert!(
        page.contains("aria-labelledby=\"narrative-diagram-1-title narrative-diagram-1-desc\"")
    );
    assert!(page.contains(
        "This timeline block could not be drawn: from must be a time like 2026-03-17T07:45, not &quot;yesterday&quot;"
    ) || page.contains(
        "This timeline block could not be drawn: from must be a time like 2026-03-17T07:45, not \"yesterday\""
    ));
    // The embedded diagram shows only its slice: every dot's time is within the hour.
    let embedded = &page[page.find("narrative-diagram-1-title").unwrap()..];
    let embedded = &embedded[..embedded.find("</svg>").unwrap()];
    let whole = &page[page.find("lore-diagram-title").unwrap()..];
    let whole = &whole[..whole.find("</svg>").unwrap()];
    let dots = |svg: &str| svg.matches("<circle").count();
    assert!(
        dots(embedded) > 0 && dots(embedded) < dots(whole),
        "{} of {}",
        dots(embedded),
        dots(whole)
    );
}

#[tokio::test]
async fn perspectives_are_added_by_anyone_signed_in_and_kept_apart() {
    let home = Home::new();
    home.add_user("tomas", "reader", "reader-password-1");
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let responder = sign_in(&client, base, "tomas", "reader-password-1").await;
    let analyst = sign_in(&client, base, "demo", "demo-password").await;
    let post = |cookie: &str, form: Vec<(&'static str, String)>, origin: &str| {
        client
            .post(format!("{base}/incidents/{DEMO_SLUG}/perspectives"))
            .header("cookie", cookie.to_owned())
            .header("origin", origin.to_owned())
            .form(&form)
            .send()
    };
    let perspectives = || async {
        let api: serde_json::Value = get_json(
            &client,
            format!("{base}/api/incidents/{DEMO_SLUG}"),
            &analyst,
        )
        .await;
        api["perspectives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["id"].as_i64().unwrap(),
                    p["person"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    // The demo comes with perspectives of its own; the ones added here go after them.
    let demo_perspectives = perspectives().await;
    let cited = home
        .run(&["timeline", DEMO_SLUG, "--format", "jsonl"])
        .ok()
        .stdout
        .lines()
        .nth(2)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .unwrap();
    let own = vec![
        ("person", "Tomás Brennan".to_owned()),
        (
            "body",
            format!(
                "When Nadia said *kill the window* I cancelled it in the scheduler. See [my message](#entry-{cited}).\n\n<script>alert(1)</script>"
            ),
        ),
    ];
    assert_eq!(
        post(&responder, own.clone(), "http://evil.example")
            .await
            .unwrap()
            .status(),
        403
    );
    let res = post(&responder, own, base).await.unwrap();
    assert_eq!(res.status(), 303);
    let own_anchor = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('#')
        .nth(1)
        .unwrap()
        .to_owned();
    assert!(own_anchor.starts_with("perspective-"), "{own_anchor}");
    let interview = vec![
        ("person", "Nadia Okafor".to_owned()),
        ("interview", "yes".to_owned()),
        (
            "body",
            "She meant: stop the stations being told to go into maintenance.".to_owned(),
        ),
    ];
    let res = post(&analyst, interview, base).await.unwrap();
    assert_eq!(res.status(), 303);
    let interview_anchor = res.headers()["location"]
        .to_str()
        .unwrap()
        .split('#')
        .nth(1)
        .unwrap()
        .to_owned();
    let empty = vec![
        ("person", "Nadia Okafor".to_owned()),
        ("body", "  ".to_owned()),
    ];
    let res = post(&analyst, empty, base).await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("needs some words"));

    let page = get_text(&client, format!("{base}/incidents/{DEMO_SLUG}"), &analyst).await;
    let article = |anchor: &str| {
        let start = page
            .find(&format!("<article id=\"{anchor}\""))
            .unwrap_or_else(|| panic!("no article {anchor}"));
        let rest = &page[start..];
        rest[..rest.find("</article>").unwrap()].to_owned()
    };
    let own = article(&own_anchor);
    assert!(own.contains("Tomás Brennan&#39;s account") || own.contains("Tomás Brennan's account"));
    assert!(own.contains("Written by tomas,"));
    assert!(own.contains("<em>kill the window</em>"));
    assert!(
        own.contains("class=\"citation\"") && own.contains(&format!("href=\"#entry-{cited}\"")),
        "citations link to entries: {own}"
    );
    let interview = article(&interview_anchor);
    assert!(interview.contains("Interview with Nadia Okafor"));
    assert!(interview.contains("Written by demo,"));
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only Lore's own script element"
    );
    // Every account is an article of its own: nothing merges them.
    let all = perspectives().await;
    assert_eq!(all.len(), demo_perspectives.len() + 2);
    assert_eq!(
        page.matches("<article id=\"perspective-").count(),
        all.len()
    );
    assert_eq!(all[..demo_perspectives.len()], demo_perspectives[..]);
    let added: Vec<&str> = all[demo_perspectives.len()..]
        .iter()
        .map(|(_, person)| person.as_str())
        .collect();
    assert_eq!(added, ["Tomás Brennan", "Nadia Okafor"]);

    // One at a time: the first on its own, with the way to the next and back to all; the last
    // with the way back.
    let total = all.len();
    let alone = |id: i64| {
        get_text(
            &client,
            format!("{base}/incidents/{DEMO_SLUG}?perspective={id}"),
            &analyst,
        )
    };
    let nav = |id: i64, label: &str| {
        format!(
            "<a href=\"/incidents/{DEMO_SLUG}?perspective={id}#perspectives-heading\">{label}</a>"
        )
    };
    let first = alone(all[0].0).await;
    assert_eq!(first.matches("<article id=\"perspective-").count(), 1);
    assert!(first.contains(&format!("<article id=\"perspective-{}\"", all[0].0)));
    assert!(first.contains(&format!("<span>Perspective 1 of {total}</span>")));
    assert!(first.contains(&nav(all[1].0, "Next")));
    assert!(!first.contains(">Previous</a>"));
    assert!(first.contains(&format!("All {total} side by side")));
    let last = alone(all[total - 1].0).await;
    assert!(last.contains(&format!("<article id=\"perspective-{}\"", all[total - 1].0)));
    assert!(last.contains(&format!("<span>Perspective {total} of {total}</span>")));
    assert!(last.contains(&nav(all[total - 2].0, "Previous")));
    assert!(!last.contains(">Next</a>"));
}

#[tokio::test]
async fn two_analysts_saving_the_same_version_get_a_refusal_and_both_texts() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let demo = sign_in(&client, base, "demo", "demo-password").await;
    let ana = sign_in(&client, base, "ana", "analyst-password-1").await;
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let editor = format!("{base}/incidents/{DEMO_SLUG}/narrative");
    let get =
        |cookie: &str, url: String| client.get(url).header("cookie", cookie.to_owned()).send();
    let save = |cookie: &str, base_version: &str, body: &str, action: &str| {
        client
            .post(&editor)
            .header("cookie", cookie.to_owned())
            .header("origin", base.as_str())
            .form(&[
                ("base_version", base_version),
                ("body", body),
                ("action", action),
            ])
            .send()
    };

    assert_eq!(get(&rita, editor.clone()).await.unwrap().status(), 403);
    let form = get(&demo, editor.clone())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("name=\"base_version\" value=\"1\""),
        "both start from version 1"
    );
    assert!(form.contains("Save as version 2"));

    // A preview saves nothing.
    let preview = save(&ana, "1", "## Draft\n\n*Nothing saved*", "preview")
        .await
        .unwrap();
    assert_eq!(preview.status(), 200);
    assert!(
        preview
            .text()
            .await
            .unwrap()
            .contains("<em>Nothing saved</em>")
    );

    let first = save(&demo, "1", "## Backdrop\n\nDemo's edit.\n", "save")
        .await
        .unwrap();
    assert_eq!(first.status(), 303);
    let refused = save(&ana, "1", "## Backdrop\n\nAna's edit.\n", "save")
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Someone else saved first"));
    assert!(page.contains("You were editing version 1, but version 2 was saved by demo at"));
    assert!(
        page.contains("Demo&#39;s edit.") || page.contains("Demo's edit."),
        "their text is shown"
    );
    assert!(
        page.contains("Ana&#39;s edit.") || page.contains("Ana's edit."),
        "her text is kept"
    );
    assert!(
        page.contains("name=\"base_version\" value=\"2\""),
        "saving again builds on theirs"
    );
    let merged = save(
        &ana,
        "2",
        "## Backdrop\n\nDemo's edit.\nAna's edit.\n",
        "save",
    )
    .await
    .unwrap();
    assert_eq!(merged.status(), 303);

    let history = get(&rita, format!("{editor}/history"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        history.matches("<tr><td>").count(),
        3,
        "versions 3, 2 and 1"
    );
    let diff = get(&rita, format!("{editor}/diff?from=2&to=3"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(diff.contains("<li class=\"diff-added\"><span class=\"sign\">+</span><span class=\"visually-hidden\"> added: </span>Ana&#39;s edit.</li>")
        || diff.contains("Ana's edit.</li>"), "{}", &diff[diff.find("class=\"diff\"").unwrap_or(0)..][..400]);
    assert_eq!(
        get(&rita, format!("{editor}/diff?from=1&to=9"))
            .await
            .unwrap()
            .status(),
        404
    );
    let api: serde_json::Value = get(&rita, format!("{base}/api/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["narrative"]["version"], 3);
    assert_eq!(api["narrative"]["author"], "ana");
}

#[tokio::test]
async fn glossary_terms_link_themselves_and_undefined_acronyms_are_pointed_out() {
    let demo = DemoServer::start().await;
    let base = &demo.server.url;
    let client = demo.client.clone();
    let (analyst, reader) = (demo.analyst.clone(), demo.reader.clone());
    let get = |cookie: &str, path: String| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", cookie.to_owned())
            .send()
    };
    let add = |cookie: &str, form: Vec<(&'static str, &'static str)>| {
        client
            .post(format!("{base}/glossary"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.as_str())
            .form(&form)
            .send()
    };
    let narrative_of = |page: &str| page[page.find("id=\"narrative\"").unwrap()..].to_owned();

    // The demo's glossary defines the story's protocol terms (MQTT among them) but not every
    // acronym the narrative uses: NTP is one it leaves to the reader.
    let editor = get(&analyst, format!("/incidents/{DEMO_SLUG}/narrative"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        editor.contains("Acronyms used but not in the"),
        "the writer is told"
    );
    assert!(editor.contains("<strong>NTP</strong>"));
    assert!(
        !editor.contains("<strong>MQTT</strong>"),
        "the demo defines it"
    );
    let page = get(&reader, format!("/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let narrative = narrative_of(&page);
    assert_eq!(
        narrative.matches("href=\"/glossary#term-mqtt\"").count(),
        1,
        "linked once, on first use"
    );
    assert!(!narrative.contains("href=\"/glossary#term-ntp\""));

    let ntp = vec![
        ("term", "NTP"),
        ("aliases", "Network Time Protocol"),
        (
            "definition",
            "How Kittiwake's stations keep their clocks right; offsets are checked in the fleet dashboard.",
        ),
        ("link", "https://www.ntp.org/"),
    ];
    assert_eq!(add(&reader, ntp.clone()).await.unwrap().status(), 403);
    let res = add(&analyst, ntp.clone()).await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/glossary#term-ntp");
    // A term is one term, whatever its case: the demo's own MQTT too.
    for again in ["ntp", "mqtt"] {
        let res = add(&analyst, vec![("term", again), ("definition", "again")])
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            409,
            "a term that exists is a conflict: {again}"
        );
        assert!(res.text().await.unwrap().contains("already exists"));
    }
    let bad = add(
        &analyst,
        vec![
            ("term", "X"),
            ("definition", "y"),
            ("link", "javascript:alert(1)"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(bad.status(), 400);

    let page = get(&reader, format!("/incidents/{DEMO_SLUG}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let narrative = narrative_of(&page);
    assert!(
        narrative.contains("<a class=\"term\" href=\"/glossary#term-ntp\" title=\"How Kittiwake&#39;s stations keep their clocks right; offsets are checked in the fleet dashboard.\">NTP</a>"),
        "{}",
        &narrative[..narrative.find("NTP").map_or(0, |i| i + 200).min(narrative.len())]
    );
    let glossary = get(&reader, "/glossary".into())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(glossary.contains("<dt id=\"term-ntp\">NTP"));
    assert!(glossary.contains("<dt id=\"term-mqtt\">MQTT"));
    assert!(glossary.contains(&format!("Used in: <a href=\"/incidents/{DEMO_SLUG}\">")));
    assert!(
        !glossary.contains("Add a term"),
        "readers do not get the form"
    );
    let editor = get(&analyst, format!("/incidents/{DEMO_SLUG}/narrative"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!editor.contains("<strong>NTP</strong>"), "defined now");
}

#[tokio::test]
async fn renamed_incidents_keep_their_old_links() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let cookie = sign_in(&client, base, "rita", "reader-password-1").await;
    let out = home
        .run(&["incident", "rename", DEMO_SLUG, "2026-03-17-riverton"])
        .ok()
        .stdout;
    assert!(out.contains("is now 2026-03-17-riverton"), "{out}");
    let get = |path: String| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", cookie.clone())
            .send()
    };
    for (old, new) in [
        (
            format!("/incidents/{DEMO_SLUG}"),
            "/incidents/2026-03-17-riverton".to_owned(),
        ),
        (
            format!("/incidents/{DEMO_SLUG}/timeline.svg?lanes=people"),
            "/incidents/2026-03-17-riverton/timeline.svg?lanes=people".to_owned(),
        ),
        (
            format!("/api/incidents/{DEMO_SLUG}/timeline"),
            "/api/incidents/2026-03-17-riverton/timeline".to_owned(),
        ),
    ] {
        let res = get(old.clone()).await.unwrap();
        assert_eq!(res.status(), 308, "{old}");
        assert_eq!(res.headers()["location"], new.as_str(), "{old}");
    }
    assert_eq!(
        get("/incidents/2026-03-17-riverton".into())
            .await
            .unwrap()
            .status(),
        200
    );

    // A restricted incident's old slug tells nobody without access anything.
    home.run(&[
        "incident",
        "create",
        "secret-one",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    home.run(&["incident", "rename", "secret-one", "secret-two"])
        .ok();
    assert_eq!(
        get("/incidents/secret-one".into()).await.unwrap().status(),
        404
    );
    home.run(&["incident", "rename", "secret-two", "2026-03-17-riverton"])
        .fails_with(1, "incident \"2026-03-17-riverton\" already exists");
}

/// A multipart/form-data body with one file field, as a browser sends it.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "lore-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn images_are_uploaded_checked_from_their_bytes_and_served_to_readers() {
    let demo = DemoServer::start().await;
    let base = &demo.server.url;
    let client = demo.client.clone();
    let (analyst, reader) = (demo.analyst.clone(), demo.reader.clone());
    let upload = |cookie: &str, name: &str, bytes: &[u8]| {
        let (content_type, body) = multipart(name, bytes);
        client
            .post(format!("{base}/incidents/{DEMO_SLUG}/images"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.as_str())
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4000u32).map(|i| (i % 251) as u8));

    assert_eq!(upload(&reader, "x.png", &png).await.unwrap().status(), 403);
    let res = upload(&analyst, "../Board photo;x.png", &png)
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let id = location.rsplit('=').next().unwrap().to_owned();
    let editor = get_text(&client, format!("{base}{location}"), &analyst).await;
    assert!(editor.contains(&format!(
        "![what it shows](/incidents/{DEMO_SLUG}/images/{id})"
    )));

    let got = client
        .get(format!("{base}/incidents/{DEMO_SLUG}/images/{id}"))
        .header("cookie", reader.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "image/png");
    assert_eq!(
        got.headers()["content-disposition"],
        "inline; filename=\"Board_photo_x.png\""
    );
    assert_eq!(got.headers()["x-content-type-options"], "nosniff");
    // Kept by the browser but asked for every time, so that revoked access takes effect.
    assert_eq!(got.headers()["cache-control"], "private, no-cache");
    let etag = got.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(
        got.bytes().await.unwrap().as_ref(),
        png.as_slice(),
        "the same bytes back"
    );
    let again = client
        .get(format!("{base}/incidents/{DEMO_SLUG}/images/{id}"))
        .header("cookie", reader.clone())
        .header("if-none-match", etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304, "unchanged: no bytes again");
    let anonymous = client
        .get(format!("{base}/incidents/{DEMO_SLUG}/images/{id}"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        anonymous.status(),
        303,
        "access is checked before the validator"
    );

    // A PNG named like a web page is saved as what it is.
    let res = upload(&analyst, "p.html", &png).await.unwrap();
    let disguised = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('=')
        .next()
        .unwrap()
        .to_owned();
    let got = client
        .get(format!("{base}/incidents/{DEMO_SLUG}/images/{disguised}"))
        .header("cookie", reader.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        got.headers()["content-disposition"],
        "inline; filename=\"p.png\""
    );

    let html = upload(&analyst, "evil.png", b"<svg onload=alert(1)></svg>")
        .await
        .unwrap();
    assert_eq!(html.status(), 400);
    assert!(
        html.text()
            .await
            .unwrap()
            .contains("evil.png is not a PNG, JPEG, GIF or WebP image")
    );
    let mut huge = b"\x89PNG\r\n\x1a\n".to_vec();
    huge.resize(6 * 1024 * 1024, 0);
    match upload(&analyst, "huge.png", &huge).await {
        Ok(res) => assert!(res.status().is_client_error(), "{}", res.status()),
        // The server may answer and close before the client has sent all 6 MiB.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    // A connection the server closed mid-upload must not be reused from the pool.
    let client = http_client();
    let next: i64 = disguised.parse::<i64>().unwrap() + 1;
    let stored = client
        .get(format!("{base}/incidents/{DEMO_SLUG}/images/{next}"))
        .header("cookie", reader.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(stored.status(), 404, "the refused uploads were not stored");
    assert_eq!(
        client
            .get(format!("{base}/incidents/{DEMO_SLUG}/images/999"))
            .header("cookie", reader.clone())
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn people_pages_merge_records_of_one_person() {
    let demo = DemoServer::start().await;
    let base = &demo.server.url;
    let client = demo.client.clone();
    let (analyst, reader) = (demo.analyst.clone(), demo.reader.clone());
    let people_url = format!("{base}/incidents/{DEMO_SLUG}/people");
    let get = |cookie: &str| {
        client
            .get(&people_url)
            .header("cookie", cookie.to_owned())
            .send()
    };

    // The demo merged what it could guess: Nadia's Slack, call, CSV and notes records.
    let page = get(&reader).await.unwrap().text().await.unwrap();
    assert!(page.contains("Nadia Okafor"));
    assert!(page.contains("also Nadia <span class=\"muted\">#"));
    assert!(
        !page.contains("/people/merge"),
        "readers see, and do not merge"
    );
    let page = get(&analyst).await.unwrap().text().await.unwrap();
    assert!(
        !page.contains("Suggested merges"),
        "the demo applied its suggestions"
    );
    // A nickname is not guessed: Rafa stays apart until someone merges him.
    let option = |name: &str| -> String {
        page.split("<option value=\"")
            .find(|o| o.contains(&format!(">{name} (")))
            .unwrap_or_else(|| panic!("{name} is offered"))
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    };
    let (rafa, rafael) = (option("Rafa"), option("Rafael Quintero"));
    let post = |cookie: &str, origin: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{people_url}/merge"))
            .header("cookie", cookie.to_owned())
            .header("origin", origin.to_owned())
            .form(&form)
            .send()
    };
    let merge = vec![("from", rafa.clone()), ("into", rafael.clone())];
    assert_eq!(
        post(&reader, base, merge.clone()).await.unwrap().status(),
        403
    );
    assert_eq!(
        post(&analyst, "http://evil.example", merge.clone())
            .await
            .unwrap()
            .status(),
        403
    );
    for (form, why) in [
        (
            vec![("from", rafa.clone()), ("into", "999999".to_owned())],
            "both people must be in this incident",
        ),
        (
            vec![("from", rafa.clone()), ("into", rafa.clone())],
            "cannot be merged into itself",
        ),
    ] {
        let res = post(&analyst, base, form).await.unwrap();
        assert_eq!(res.status(), 400, "{why}");
        assert!(res.text().await.unwrap().contains(why), "{why}");
    }
    let done = post(&analyst, base, merge).await.unwrap();
    assert_eq!(done.status(), 303);
    let authors = || async {
        let entries: Vec<serde_json::Value> = api_entries(
            &client,
            format!("{base}/api/incidents/{DEMO_SLUG}/timeline?noise=show"),
            &analyst,
        )
        .await;
        entries
            .iter()
            .filter_map(|e| e["author"].as_str().map(str::to_owned))
            .collect::<std::collections::BTreeSet<_>>()
    };
    let names = authors().await;
    assert!(
        names.contains("Rafael Quintero") && !names.contains("Rafa"),
        "{names:?}"
    );
    let page = get(&analyst).await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("also Rafa <span class=\"muted\">#{rafa}: slack ")));

    // And undone.
    let undone = post(
        &analyst,
        base,
        vec![("from", rafa.clone()), ("action", "unmerge".into())],
    )
    .await
    .unwrap();
    assert_eq!(undone.status(), 303);
    assert!(authors().await.contains("Rafa"));
}

/// Issue 9: sign-in sends people only to paths on this site, and failed attempts make the
/// next ones wait (per account name, before the password is even checked).
#[tokio::test]
async fn sign_in_is_throttled_and_never_redirects_off_site() {
    let home = Home::new();
    home.add_user("ana", "reader", "ana-password-1");
    home.add_user("bo", "reader", "bo-password-1");
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let cookie = sign_in(&client, base, "ana", "ana-password-1").await;

    // Signed in already: `next` decides where the form sends you.
    for (next, expected) in [
        ("/incidents/x?noise=show", "/incidents/x?noise=show"),
        ("/%09/evil.example/x", "/"),
        ("/%0D%0ASet-Cookie:%20x=1", "/"),
        ("/%0B/evil.example", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("https://evil.example/", "/"),
    ] {
        let res = get_with(&client, format!("{base}/login?next={next}"), &cookie).await;
        assert_eq!(res.status(), 303, "{next}");
        assert_eq!(res.headers()["location"], expected, "{next}");
    }
    let sign_in_as = |user: &'static str, password: &'static str| {
        client
            .post(format!("{base}/login"))
            .form(&[
                ("username", user),
                ("password", password),
                ("next", "/\t/evil.example"),
            ])
            .send()
    };
    let res = sign_in_as("bo", "bo-password-1").await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/", "a tab in next goes home");

    // Five wrong passwords are answered as such; the sixth attempt waits, even with the
    // right password, and says how long.
    for _ in 0..5 {
        assert_eq!(sign_in_as("ana", "wrong").await.unwrap().status(), 401);
    }
    for password in ["wrong", "ana-password-1"] {
        let res = sign_in_as("ana", password).await.unwrap();
        assert_eq!(res.status(), 429, "{password}");
        let wait: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=900).contains(&wait), "{wait}");
        let page = res.text().await.unwrap();
        assert!(page.contains("Too many failed sign-ins"), "{page}");
        assert!(page.contains(&format!("Try again in {wait} s.")), "{page}");
    }
    // Another account from the same address is not held back by ana's failures.
    assert_eq!(
        sign_in_as("bo", "bo-password-1").await.unwrap().status(),
        303
    );
    let plain = client.get(format!("{base}/login")).send().await.unwrap();
    assert!(
        plain.headers().get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );

    // Behind HTTPS (secure cookies), browsers are told to stay on HTTPS.
    let https = home.serve(&["--secure-cookies"]);
    let res = client
        .get(format!("{}/login", https.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

/// Issue 9, item 6: an analyst without access to a restricted incident cannot merge (or
/// unmerge) a person who also appears there, through an incident they can see: 404, as for
/// the incident itself, and the restricted incident's authors stay as they were. People who
/// appear only in incidents they can see they still merge, and the page offers only that.
#[tokio::test]
async fn merges_touching_a_restricted_incident_are_not_found_for_analysts_without_access() {
    let home = Home::new();
    home.add_user("sam", "analyst", "analyst-password-1");
    home.add_user("ada", "admin", "admin-password-1");
    home.run(&["incident", "create", "open-one", "--title", "Open"])
        .ok();
    home.run(&[
        "incident",
        "create",
        "secret-one",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, minute: u32, author: &str| {
        format!(
            "{{\"id\": \"{id}\", \"datetime\": \"2026-03-17T11:{minute:02}:00Z\", \"message\": \"{id}\", \"author\": \"{author}\"}}\n"
        )
    };
    let write = |name: &str, lines: &[String]| {
        let path = dir.path().join(name);
        std::fs::write(&path, lines.concat()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    // Nadia writes in both; "Nadia" (another record of hers), Rafa and Rafael only in the open one.
    let open = write(
        "open.jsonl",
        &[
            line("o1", 0, "nadia"),
            line("o2", 1, "Nadia"),
            line("o3", 2, "rafa"),
            line("o4", 3, "rafael"),
            line("o5", 4, "rq"),
        ],
    );
    let secret = write(
        "secret.jsonl",
        &[line("s1", 0, "nadia"), line("s2", 1, "someone")],
    );
    home.run(&["import", "jsonl", &open, "--incident", "open-one"])
        .ok();
    home.run(&["import", "jsonl", &secret, "--incident", "secret-one"])
        .ok();
    let list = home.run(&["person", "list", "open-one"]).ok().stdout;
    let id = |name: &str| -> String {
        list.lines()
            .find(|l| l.split('\t').nth(1) == Some(name))
            .unwrap_or_else(|| panic!("{name} in:\n{list}"))
            .split('\t')
            .next()
            .unwrap()
            .to_owned()
    };
    let (nadia, nadia_2, rafa, rafael, rq) =
        (id("nadia"), id("Nadia"), id("rafa"), id("rafael"), id("rq"));

    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let sam = sign_in(&client, base, "sam", "analyst-password-1").await;
    let ada = sign_in(&client, base, "ada", "admin-password-1").await;
    let people_url = format!("{base}/incidents/open-one/people");
    let post = |cookie: &str, slug: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{base}/incidents/{slug}/people/merge"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&form)
            .send()
    };
    let secret_authors = || async {
        let entries: Vec<serde_json::Value> = api_entries(
            &client,
            format!("{base}/api/incidents/secret-one/timeline"),
            &ada,
        )
        .await;
        entries
            .iter()
            .map(|e| (e["author_person_id"].clone(), e["author"].clone()))
            .collect::<Vec<_>>()
    };
    let before = secret_authors().await;
    assert_eq!(before.len(), 2);
    assert_eq!(before[0].1, "nadia");

    // The page offers sam only what sam may do: nothing with Nadia, not even the suggestion.
    let page = get_text(&client, &people_url, &sam).await;
    assert!(!page.contains("Suggested merges"), "{page}");
    assert!(!page.contains(&format!("<option value=\"{nadia}\">")));
    assert!(page.contains(&format!("<option value=\"{nadia_2}\">")));
    assert!(page.contains(&format!("<option value=\"{rafa}\">")));
    let admin_page = get_text(&client, &people_url, &ada).await;
    assert!(admin_page.contains("Suggested merges"), "{admin_page}");
    assert!(admin_page.contains(&format!("<option value=\"{nadia}\">")));

    // Asking anyway: 404, the very answer for an incident that does not exist.
    let missing = post(
        &sam,
        "never-existed",
        vec![("from", rafa.clone()), ("into", rafael.clone())],
    )
    .await
    .unwrap();
    assert_eq!(missing.status(), 404);
    let missing = missing.text().await.unwrap();
    for form in [
        vec![("from", nadia_2.clone()), ("into", nadia.clone())],
        vec![("from", nadia.clone()), ("into", nadia_2.clone())],
        vec![("from", nadia.clone()), ("into", rafael.clone())],
        vec![("from", nadia.clone()), ("action", "unmerge".into())],
    ] {
        let res = post(&sam, "open-one", form.clone()).await.unwrap();
        assert_eq!(res.status(), 404, "{form:?}");
        assert_eq!(res.text().await.unwrap(), missing, "{form:?}");
    }
    assert_eq!(
        secret_authors().await,
        before,
        "the restricted authors stand"
    );

    // An admin's merge of Nadia: sam cannot undo it either, and is offered no Undo.
    let done = post(
        &ada,
        "open-one",
        vec![("from", nadia.clone()), ("into", nadia_2.clone())],
    )
    .await
    .unwrap();
    assert_eq!(done.status(), 303);
    let merged = secret_authors().await;
    assert_eq!(merged[0].1, "Nadia", "{merged:?}");
    let page = get_text(&client, &people_url, &sam).await;
    assert!(
        page.contains("also nadia <span class=\"muted\">#"),
        "{page}"
    );
    assert!(!page.contains("value=\"unmerge\""), "{page}");
    let undo = post(
        &sam,
        "open-one",
        vec![("from", nadia.clone()), ("action", "unmerge".into())],
    )
    .await
    .unwrap();
    assert_eq!(undo.status(), 404);
    assert_eq!(secret_authors().await, merged);
    let undo = post(
        &ada,
        "open-one",
        vec![("from", nadia.clone()), ("action", "unmerge".into())],
    )
    .await
    .unwrap();
    assert_eq!(undo.status(), 303);
    assert_eq!(secret_authors().await, before);

    // People who appear only where sam can see: merged, and undone.
    let done = post(
        &sam,
        "open-one",
        vec![("from", rafa.clone()), ("into", rafael.clone())],
    )
    .await
    .unwrap();
    assert_eq!(done.status(), 303);
    let open_authors = || async {
        let entries: Vec<serde_json::Value> = api_entries(
            &client,
            format!("{base}/api/incidents/open-one/timeline"),
            &sam,
        )
        .await;
        entries
            .iter()
            .filter_map(|e| e["author"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        open_authors().await,
        ["nadia", "Nadia", "rafael", "rafael", "rq"]
    );
    // Rafael is rq: Rafa moves along, and Undo on Rafa takes back that merge (the last that
    // moved Rafa), then Rafa's own.
    let done = post(
        &sam,
        "open-one",
        vec![("from", rafael.clone()), ("into", rq.clone())],
    )
    .await
    .unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(open_authors().await, ["nadia", "Nadia", "rq", "rq", "rq"]);
    let page = get_text(&client, &people_url, &sam).await;
    assert!(
        page.contains(&format!(", moved here with #{rafael}</span>")),
        "{page}"
    );
    assert!(page.contains(&format!(
        "Undo<span class=\"visually-hidden\"> the merge of #{rafael} into rq #{rq}, which moved rafa #{rafa} too</span>"
    )));
    let undo_rafa = || {
        post(
            &sam,
            "open-one",
            vec![("from", rafa.clone()), ("action", "unmerge".into())],
        )
    };
    assert_eq!(undo_rafa().await.unwrap().status(), 303);
    assert_eq!(
        open_authors().await,
        ["nadia", "Nadia", "rafael", "rafael", "rq"]
    );
    assert_eq!(undo_rafa().await.unwrap().status(), 303);
    assert_eq!(
        open_authors().await,
        ["nadia", "Nadia", "rafa", "rafael", "rq"]
    );
    let not_merged = undo_rafa().await.unwrap();
    assert_eq!(not_merged.status(), 400);
    assert!(not_merged.text().await.unwrap().contains("is not merged"));
    assert_eq!(secret_authors().await, before);
}
