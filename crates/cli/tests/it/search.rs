//! Search end to end on the real binary: the page, its facets and pages, the JSON API and
//! `lore search`, on the demo's data, with a restricted incident no reader may find.

use crate::support::{DEMO_SLUG, Home, get_text, get_with, http_client, sign_in};

/// A demo with a reader, and a restricted incident whose words only an admin may find.
fn demo_home() -> Home {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("ada", "admin", "admin-password-1");
    home.run(&[
        "incident",
        "create",
        "zanzibar-leak",
        "--title",
        "Zanzibar credentials leaked over NAT",
        "--summary",
        "Keys <script>alert(1)</script> in a vault service log.",
        "--restricted",
    ])
    .ok();
    home
}

#[tokio::test]
async fn the_search_page_finds_highlights_narrows_and_hides_restricted_incidents() {
    let home = demo_home();
    let server = home.serve(&["--demo"]);
    let base = &server.url;
    let client = http_client();
    let demo = sign_in(&client, base, "demo", "demo-password").await;
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let ada = sign_in(&client, base, "ada", "admin-password-1").await;

    // Every page has the search box.
    let library = get_text(&client, format!("{base}{}", "/"), &demo).await;
    assert!(
        library
            .contains(r#"<form class="site-search" method="get" action="/search" role="search">"#)
    );

    let page = get_text(&client, format!("{base}{}", "/search?q=nat"), &ada).await;
    assert!(page.contains("<mark>NAT</mark>"), "matches are highlighted");
    let sections = get_text(
        &client,
        format!("{base}/search?q=nat%20kind%3Anarrative"),
        &ada,
    )
    .await;
    assert!(
        sections.contains(&format!(
            r#"href="/incidents/{DEMO_SLUG}#what-was-surprising""#
        )),
        "a hit links to its section"
    );
    assert!(page.contains(r#"href="/glossary#term-nat-idle-timeout""#));
    assert!(page.contains("Narrow by"));
    // An admin finds the restricted incident, its text escaped.
    assert!(page.contains("Zanzibar credentials leaked"));
    assert!(
        !page.contains("<script>alert(1)"),
        "imported text is escaped"
    );

    // A facet link narrows; the same link again takes the filter out.
    let narrowed_href = "/search?q=nat%20theme%3Asurprise";
    assert!(
        page.contains(&format!(r#"href="{narrowed_href}""#)),
        "theme facet link"
    );
    let narrowed = get_text(&client, format!("{base}{}", narrowed_href), &ada).await;
    assert!(narrowed.contains(r#"aria-current="true" class="active""#));
    assert!(
        !narrowed.contains("Zanzibar"),
        "the restricted incident has no surprise"
    );
    assert!(
        narrowed.contains(r#"href="/search?q=nat""#),
        "the active facet removes itself"
    );

    // The reader never sees the restricted incident: not in hits, facets or counts.
    let as_rita = get_text(&client, format!("{base}{}", "/search?q=zanzibar"), &rita).await;
    assert!(as_rita.contains("Nothing matches."), "{as_rita}");
    let as_rita = get_text(&client, format!("{base}{}", "/search?q=nat"), &rita).await;
    assert!(!as_rita.contains("Zanzibar") && !as_rita.contains("zanzibar-leak"));
    let count = |page: &str| {
        let at = page.find("role=\"status\">").unwrap() + 14;
        page[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert_eq!(
        count(&page),
        count(&as_rita) + 1,
        "one match fewer: the restricted title"
    );

    // A malformed query is answered on the page, as a 400, never a 500.
    let res = get_with(
        &client,
        format!("{base}{}", "/search?q=%22open%20phrase"),
        &demo,
    )
    .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(body.contains("A quotation mark is not closed"), "{body}");
    assert!(
        body.contains(r#"value="&#34;open phrase""#)
            || body.contains(r#"value="&quot;open phrase""#),
        "the form keeps what was typed"
    );
    for q in [
        "colour%3Ared",
        "year%3A25",
        "-alone",
        "a*",
        "NEAR%2F2%20AND%20OR",
    ] {
        let status = get_with(
            &client,
            format!("{base}{}", &format!("/search?q={q}")),
            &demo,
        )
        .await
        .status();
        assert!(status == 200 || status == 400, "{q}: {status}");
    }

    // Pages: one incident per page through the API's per_page, the page's own pager.
    let api: serde_json::Value = client
        .get(format!("{base}/api/search?q=nat&per_page=1"))
        .header("cookie", ada.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Both demo incidents (the second, linked to the first, says NAT too) and two others.
    assert_eq!(api["pages"], 6, "{api}");
    assert_eq!(
        api["total_groups"], 6,
        "five incidents say NAT, and the glossary"
    );
    let hit = &api["groups"][0]["hits"][0];
    assert!(
        hit["permalink"]
            .as_str()
            .unwrap()
            .starts_with("/incidents/")
    );
    assert!(
        !hit["snippet"].as_str().unwrap().contains('\u{E000}'),
        "plain text in JSON"
    );
    let api_rita: serde_json::Value = client
        .get(format!("{base}/api/search?q=zanzibar"))
        .header("cookie", rita.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            api_rita["total_hits"].as_u64(),
            api_rita["groups"].as_array().map(Vec::len)
        ),
        (Some(0), Some(0))
    );
    let bad = client
        .get(format!("{base}/api/search?q=theme%3Aanger"))
        .header("cookie", demo.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let bad: serde_json::Value = bad.json().await.unwrap();
    assert!(
        bad["error"].as_str().unwrap().contains("is not a theme"),
        "{bad}"
    );
    // Signed out: the API says so; the page sends to sign in.
    let anonymous = client
        .get(format!("{base}/api/search?q=nat"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[test]
fn lore_search_prints_hits_as_text_or_json_lines_as_an_account() {
    let home = demo_home();
    // `serve --demo` loads the demo; the search runs on the same data directory after it.
    drop(home.serve(&["--demo"]));
    let out = home.run(&["search", "nat", "--format", "jsonl"]).ok();
    check_cli(&home, &out.stdout);
}

fn check_cli(home: &Home, jsonl: &str) {
    let hits: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(hits.len() >= 3, "{jsonl}");
    for h in &hits {
        for field in ["kind", "permalink", "snippet", "score"] {
            assert!(!h[field].is_null(), "{field} in {h}");
        }
    }
    assert!(
        hits.iter().any(|h| h["incident"] == "zanzibar-leak"),
        "admins see everything by default"
    );
    assert!(
        hits.iter()
            .any(|h| h["kind"] == "glossary" && h["incident"].is_null())
    );
    let as_rita = home
        .run(&["search", "nat", "--format", "jsonl", "--as", "rita"])
        .ok();
    assert!(!as_rita.stdout.contains("zanzibar"), "{}", as_rita.stdout);
    assert_eq!(as_rita.stdout.lines().count(), hits.len() - 1);
    let text = home.run(&["search", "nat"]).ok().stdout;
    assert!(text.contains("[NAT]"), "{text}");
    home.run(&["search", "\"open"])
        .fails_with(1, "A quotation mark is not closed");
    home.run(&["search", "nat", "--as", "nobody"])
        .fails_with(1, "no such account");
}

/// Runs `git` to build a repository for a test (the scan itself never runs git).
fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Jonah Reyes",
            "-c",
            "user.email=jonah@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2026-03-20T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-03-20T10:00:00+00:00")
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn lore_scan_git_finds_citations_and_rescans_only_what_changed() {
    let home = Home::new();
    home.run(&[
        "incident",
        "create",
        "riverton-stations",
        "--title",
        "Riverton stations",
    ])
    .ok();
    home.run(&["incident", "alias", "riverton-stations", "INC-3117"])
        .ok();
    home.run(&["incident", "alias", "riverton-stations", "inc-3117"])
        .ok();
    home.run(&["incident", "create", "billing-delay", "--title", "Billing"])
        .ok();
    home.run(&["incident", "alias", "billing-delay", "INC-3117"])
        .fails_with(1, "another incident has it");
    assert!(
        home.run(&["incident", "show", "riverton-stations"])
            .ok()
            .stdout
            .contains("aliases:     INC-3117")
    );

    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.join("docs")).unwrap();
    std::fs::write(
        dir.join("keepalive.rs"),
        "fn main() {}\n// below the NAT timeout: see INC-3117\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("docs/runbook.md"),
        "# Runbook\n\nRead https://lore.example.com/incidents/riverton-stations first.\n",
    )
    .unwrap();
    git(dir, &["add", "."]);
    git(
        dir,
        &[
            "commit",
            "-q",
            "-m",
            "Shorter keepalive\n\nAfter riverton-stations (INC-31170 is unrelated).",
        ],
    );
    let path = dir.to_str().unwrap();

    let first = home
        .run(&[
            "scan",
            "git",
            path,
            "--base-url",
            "https://lore.example.com/",
            "--name",
            "fleet",
        ])
        .ok();
    assert!(
        first.stdout.contains(
            "fleet: 1 commits and 2 files read (full scan); 3 references added, 0 removed"
        ),
        "{}",
        first.stdout
    );
    let found = home
        .run(&["search", "kind:reference", "--format", "jsonl"])
        .ok()
        .stdout;
    let hits: Vec<serde_json::Value> = found
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut titles: Vec<&str> = hits.iter().map(|h| h["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles.len(), 3, "{found}");
    assert!(
        titles.contains(&"fleet docs/runbook.md:3") && titles.contains(&"fleet keepalive.rs:2"),
        "{titles:?}"
    );
    assert!(hits.iter().all(|h| h["incident"] == "riverton-stations"));

    // Nothing changed: nothing read.
    let again = home
        .run(&[
            "scan",
            "git",
            path,
            "--base-url",
            "https://lore.example.com",
        ])
        .ok()
        .stdout;
    assert!(
        again.contains("fleet: 0 commits and 0 files read; 0 references added, 0 removed"),
        "{again}"
    );

    // A rename and a removed citation: the rescan reads one commit and the changed files.
    git(dir, &["mv", "keepalive.rs", "mqtt_keepalive.rs"]);
    std::fs::write(
        dir.join("docs/runbook.md"),
        "# Runbook\n\nNothing to see.\n",
    )
    .unwrap();
    git(dir, &["commit", "-q", "-am", "Rename; drop the link"]);
    let third = home
        .run(&[
            "scan",
            "git",
            path,
            "--base-url",
            "https://lore.example.com",
        ])
        .ok()
        .stdout;
    // The renamed file is read at its new path, the changed runbook again.
    assert!(
        third.contains("fleet: 1 commits and 2 files read; 1 references added, 2 removed"),
        "{third}"
    );
    let found = home
        .run(&["search", "kind:reference", "--format", "jsonl"])
        .ok()
        .stdout;
    assert!(
        found.contains("fleet mqtt_keepalive.rs:2") && !found.contains("runbook"),
        "{found}"
    );

    // A path that is not a repository is named; the other paths are still scanned.
    let not_repo = tempfile::tempdir().unwrap();
    let run = home.run(&[
        "scan",
        "git",
        not_repo.path().to_str().unwrap(),
        path,
        "--base-url",
        "https://lore.example.com",
    ]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("not a git repository")
            || run
                .stderr
                .contains("does not appear to be a git repository"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("0 commits and 0 files read"),
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn analysts_add_aliases_on_the_incident_page() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    home.run(&["incident", "create", "riverton", "--title", "Riverton"])
        .ok();
    home.run(&["incident", "create", "billing", "--title", "Billing"])
        .ok();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let ana = sign_in(&client, base, "ana", "analyst-password-1").await;
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let add = |cookie: &str, slug: &str, alias: &str| {
        client
            .post(format!("{base}/incidents/{slug}/aliases"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&[("alias", alias.to_owned())])
            .send()
    };
    assert_eq!(
        add(&ana, "riverton", " INC-3117 ").await.unwrap().status(),
        303
    );
    let page = get_text(&client, format!("{base}/incidents/riverton"), &ana).await;
    assert!(
        page.contains(r#"<dt>Also known as</dt><dd><code class="alias">INC-3117</code>"#),
        "{page}"
    );
    assert!(page.contains(r#"action="/incidents/riverton/aliases""#));
    assert_eq!(
        add(&ana, "billing", "inc-3117").await.unwrap().status(),
        409
    );
    assert_eq!(
        add(&ana, "billing", "two\nlines").await.unwrap().status(),
        400
    );
    assert_eq!(add(&rita, "billing", "OPS-1").await.unwrap().status(), 403);
    let as_reader = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    assert!(
        as_reader.contains("INC-3117") && !as_reader.contains("/aliases\""),
        "readers see it, no form"
    );
    assert!(
        home.run(&["incident", "show", "billing"])
            .ok()
            .stdout
            .lines()
            .all(|l| !l.starts_with("aliases:"))
    );
}
