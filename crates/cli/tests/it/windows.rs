//! Big incidents through the real server: the page shows one window of the timeline with exact
//! counts, earlier and later windows, a time to jump to and permalinks that open the window
//! holding their entry; the API pages the timeline and the library with cursors; bad window
//! values are a 400 naming them; and nobody reaches a restricted incident's entries through
//! any of it. Work is bounded by counting what a page holds, not by timing it.

use std::collections::HashMap;

use serde_json::Value;

use crate::support::{home_with_a_big_incident, http_client, sign_in};

const ENTRIES: usize = 2_000;

/// Entry ids by record id (`e17` → its id), from `lore timeline`, which streams them.
fn entry_ids(home: &crate::support::Home, slug: &str) -> HashMap<String, i64> {
    let out = home
        .run(&["timeline", slug, "--format", "jsonl"])
        .ok()
        .stdout;
    out.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["provenance"]["message_id"].as_str().unwrap().to_owned(),
                v["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The entries a page shows, in order, by their anchors.
fn shown(html: &str) -> Vec<i64> {
    html.split("<li id=\"entry-")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect()
}

fn link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("\" rel=\"{rel}\""))?;
    let start = html[..at].rfind("href=\"")? + 6;
    Some(html[start..at].replace("&amp;", "&").replace("&#38;", "&"))
}

#[tokio::test]
async fn a_big_incident_reads_a_window_at_a_time() {
    let home = home_with_a_big_incident(ENTRIES);
    let ids = entry_ids(&home, "big");
    assert_eq!(ids.len(), ENTRIES, "lore timeline streams every entry");
    let server = home.serve(&[]);
    let base = server.url.as_str();
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let get = |path: String| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", rita.clone())
            .send()
    };
    let page = |path: String| {
        let get = &get;
        async move {
            let res = get(path.clone()).await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            res.text().await.unwrap()
        }
    };

    // The first window: 200 entries, the exact count of all, a way on, no way back.
    let noise = (0..ENTRIES).filter(|i| i % 20 == 7).count();
    let first = page("/incidents/big".into()).await;
    let first_ids = shown(&first);
    assert_eq!(first_ids.len(), 200, "one window of entries");
    assert_eq!(first_ids[0], ids["e0"]);
    assert!(
        first.contains(&format!("{} entries in all;", ENTRIES - noise)),
        "exact count"
    );
    assert!(first.contains(&format!(
        "{noise} noise entries (joins, bot chatter) hidden"
    )));
    assert!(link(&first, "prev").is_none());
    // Bounded by the window: the page holds 200 entries, the diagram at most a bar per lane
    // and stretch, whatever the incident's size.
    assert!(first.len() < 400 * 1024, "{} bytes", first.len());
    assert!(first.contains("Too many entries for a dot each"));
    let bars = first.matches("<rect").count();
    assert!(bars <= 3 * 80 + 10, "{bars} rects");

    // Next, then back: windows meet without gap or overlap.
    let next_href = link(&first, "next").expect("a later window");
    assert!(
        next_href.contains(&format!("after={}", first_ids[199])),
        "{next_href}"
    );
    let second = page(next_href.replace("#timeline-heading", "")).await;
    let second_ids = shown(&second);
    assert_eq!(second_ids.len(), 200);
    let all: Vec<i64> = {
        let mut v: Vec<(usize, i64)> = ids
            .iter()
            .map(|(k, id)| (k[1..].parse::<usize>().unwrap(), *id))
            .filter(|(i, _)| i % 20 != 7)
            .collect();
        v.sort();
        v.into_iter().map(|(_, id)| id).collect()
    };
    // Replies fold under their thread's first message when it is in the window: compare sets.
    let mut both: Vec<i64> = first_ids.iter().chain(&second_ids).copied().collect();
    both.sort();
    let mut expected = all[..400].to_vec();
    expected.sort();
    assert_eq!(both, expected);
    let back = link(&second, "prev").expect("an earlier window");
    let again = shown(&page(back.replace("#timeline-heading", "")).await);
    let mut a = again.clone();
    a.sort();
    let mut f = first_ids.clone();
    f.sort();
    assert_eq!(a, f, "back is the first window again");

    // Jump to a time: the window holds entries from it on, a few before.
    let jumped = page("/incidents/big?around=2026-03-17T01:00".into()).await;
    let jumped_ids = shown(&jumped);
    let at = 3_600_000 / 2_600 + 1; // the first entry at or after 01:00
    assert!(jumped_ids.contains(&ids[&format!("e{at}")]));
    assert!(jumped_ids.contains(&ids[&format!("e{}", at - 10)]));
    assert!(
        jumped.contains("value=\"2026-03-17T01:00\""),
        "the jump field keeps the time"
    );

    // A permalink into a later window opens the window that holds it, at its anchor.
    let target = ids["e1700"];
    let res = get(format!("/incidents/big/entries/{target}"))
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("/incidents/big?entry={target}#entry-{target}")
    );
    let held = page(location.replace(&format!("#entry-{target}"), "")).await;
    assert!(shown(&held).contains(&target));
    // A reply whose thread began in an earlier window links to it by its permalink.
    let parent = ids["e1619"];
    assert!(
        held.contains(&format!("href=\"/incidents/big/entries/{parent}\"")),
        "reply to a parent in another window"
    );
    // A noise entry's permalink shows noise; the reader's filters come along.
    let noisy = ids["e1707"];
    let res = get(format!("/incidents/big/entries/{noisy}?kind=chat"))
        .await
        .unwrap();
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/incidents/big?kind=chat&noise=show&entry={noisy}#entry-{noisy}")
    );

    // Filters stay exact: the count is every alert, the window only alerts.
    let alerts = (0..ENTRIES).filter(|i| i % 9 == 4 && i % 20 != 7).count();
    let filtered = page("/incidents/big?kind=alert".into()).await;
    assert!(
        filtered.contains(&format!("{alerts} entries in all;")),
        "alerts"
    );
    // "As known at" counts what it leaves out, exactly.
    let known = page("/incidents/big?at=2026-03-17T00:30".into()).await;
    let by_then = (0..ENTRIES).filter(|i| 2_600 * i <= 1_800_000).count();
    assert!(known.contains(&format!(
        "{} later entries are not shown.",
        ENTRIES - by_then
    )));

    // The API: pages by cursor, every entry once, in order, with the exact total.
    let mut cursor: Option<String> = None;
    let mut api_ids = Vec::new();
    loop {
        let mut path = "/api/incidents/big/timeline?noise=show&limit=700".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let body: Value = get(path).await.unwrap().json().await.unwrap();
        assert_eq!(body["total"], ENTRIES as u64);
        let entries = body["entries"].as_array().unwrap();
        assert!(entries.len() <= 700);
        api_ids.extend(entries.iter().map(|e| e["id"].as_i64().unwrap()));
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let mut in_order: Vec<(usize, i64)> = ids
        .iter()
        .map(|(k, id)| (k[1..].parse::<usize>().unwrap(), *id))
        .collect();
    in_order.sort();
    assert_eq!(
        api_ids,
        in_order.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn window_values_are_checked_and_restricted_entries_stay_hidden() {
    let home = home_with_a_big_incident(300);
    let secret_ids = entry_ids(&home, "secret");
    let secret_entry = secret_ids["e1"];
    home.run(&["incident", "create", "third", "--title", "Third"])
        .ok();
    let server = home.serve(&[]);
    let base = server.url.as_str();
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let get = |path: String| {
        client
            .get(format!("{base}{path}"))
            .header("cookie", rita.clone())
            .send()
    };
    for (path, message) in [
        (
            "/incidents/big?per=0",
            "per must be a number of entries from 1 to 1000",
        ),
        (
            "/incidents/big?per=1001",
            "per must be a number of entries from 1 to 1000",
        ),
        (
            "/incidents/big?after=abc",
            "after must be an entry&#39;s number",
        ),
        (
            "/incidents/big?around=noon",
            "around must be a time like 2026-03-17T07:45",
        ),
        (
            "/incidents/big?after=1&before=2",
            "ask for one place in the timeline",
        ),
        (
            &format!("/incidents/big?after={secret_entry}"),
            "there is no entry",
        ),
        (
            "/api/incidents/big/timeline?limit=0",
            "limit must be a number from 1 to 1000",
        ),
        (
            "/api/incidents/big/timeline?cursor=abc",
            "is not one this API gave",
        ),
        ("/api/incidents?cursor=abc", "is not one this API gave"),
        (
            "/api/incidents?limit=101",
            "limit must be a number from 1 to 100",
        ),
    ] {
        let res = get(path.to_owned()).await.unwrap();
        assert_eq!(res.status(), 400, "{path}");
        let body = res.text().await.unwrap();
        assert!(body.contains(message), "{path}: {body}");
    }
    // A smaller window when asked, and every link keeps its size.
    let small = get("/incidents/big?per=20".into())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(shown(&small).len(), 20);
    assert!(link(&small, "next").unwrap().contains("&per=20"));

    // Nobody without access reaches the restricted incident's entries, by any route.
    for path in [
        "/incidents/secret".to_owned(),
        format!("/incidents/secret/entries/{secret_entry}"),
        format!("/incidents/secret?entry={secret_entry}"),
        format!("/api/incidents/secret/timeline?cursor={secret_entry}"),
        // Nor through an incident they may read.
        format!("/incidents/big/entries/{secret_entry}"),
        "/incidents/big/entries/not-a-number".to_owned(),
    ] {
        assert_eq!(get(path.clone()).await.unwrap().status(), 404, "{path}");
    }
    // The library, a page at a time, without the restricted incident.
    let mut slugs = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = "/api/incidents?limit=1".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let body: Value = get(path).await.unwrap().json().await.unwrap();
        let page = body["incidents"].as_array().unwrap();
        assert!(page.len() <= 1);
        slugs.extend(page.iter().map(|i| i["slug"].as_str().unwrap().to_owned()));
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    slugs.sort();
    assert_eq!(slugs, vec!["big", "third"]);
    // An admin sees it, and its permalinks work.
    home.add_user("ada", "admin", "admin-password-1");
    let ada = sign_in(&client, base, "ada", "admin-password-1").await;
    let res = client
        .get(format!("{base}/incidents/secret/entries/{secret_entry}"))
        .header("cookie", ada)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}
