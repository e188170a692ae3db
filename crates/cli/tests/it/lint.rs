//! Issue 12: the second reader. `lore lint` on files, directories and standard input (text
//! and JSON lines, exit codes, hostile input), and in the narrative editor over HTTP: flags
//! listed and underlined in the preview, a save never blocked, a dismissal kept with the
//! version and shown on the next edit.

use std::io::Write;
use std::process::Stdio;

use crate::support::{DEMO_SLUG, Home, get_text, http_client, sign_in};

const JUDGING: &str = "Nadia should have cancelled the notice, not the window.";
const SYSTEM: &str = "The cache should have expired after five minutes.";

#[test]
fn lint_reports_flags_with_places_and_exit_codes() {
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("nested")).unwrap();
    std::fs::write(
        docs.join("a.md"),
        format!("# Write-up\n\n{SYSTEM}\n{JUDGING}\n"),
    )
    .unwrap();
    std::fs::write(
        docs.join("nested/clean.md"),
        "Everything here is description.\n",
    )
    .unwrap();
    std::fs::write(docs.join("notes.txt"), "They should have known.\n").unwrap();
    let a = docs.join("a.md");
    let a = a.to_str().unwrap();

    let text = home.run(&["lint", a]);
    assert_eq!(text.code, Some(1), "{text:?}");
    assert!(
        text.stdout.starts_with(&format!(
            "{a}:4:7: counterfactual: \"should have cancelled\"\n  why: "
        )),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("  try: Nadia had not cancelled the notice, not the window.")
    );

    let jsonl = home.run(&["lint", "--format", "jsonl", docs.to_str().unwrap()]);
    assert_eq!(jsonl.code, Some(1));
    let lines: Vec<serde_json::Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "only a.md's one flag; .txt files are not read: {}",
        jsonl.stdout
    );
    let f = &lines[0];
    for (field, value) in [
        ("path", serde_json::json!(a)),
        ("line", 4.into()),
        ("column", 7.into()),
        ("end_line", 4.into()),
        ("end_column", 28.into()),
        ("span", "should have cancelled".into()),
        ("sentence", JUDGING.into()),
        ("category", "counterfactual".into()),
    ] {
        assert_eq!(f[field], value, "{field} in {f}");
    }
    assert!(f["explanation"].as_str().unwrap().len() > 40);
    assert!(
        f["suggestion"]
            .as_str()
            .unwrap()
            .starts_with("Nadia had not cancelled")
    );

    let clean = home.run(&["lint", docs.join("nested").to_str().unwrap()]);
    assert_eq!((clean.code, clean.stdout.as_str()), (Some(0), ""));
    let clean_stdin = home.run_with_stdin(&["lint", "-"], SYSTEM);
    assert_eq!(clean_stdin.code, Some(0));
    let usage = home.run(&["lint"]);
    assert_eq!(usage.code, Some(2));
    let missing = home.run(&["lint", "/nonexistent/x.md", a]);
    assert_eq!(missing.code, Some(2), "a file that cannot be read");
    assert!(
        missing.stderr.contains("/nonexistent/x.md"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stdout.contains("should have cancelled"),
        "the others are still read"
    );

    // Hostile input: invalid UTF-8 on standard input, a binary file.
    let mut child = home
        .command(&["lint", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"fine line\n\xff\xfe broken")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: <stdin> is not UTF-8 text (line 2, byte 10)"
    );
    let binary = dir.path().join("image.md");
    std::fs::write(&binary, b"PNG\0\0\x01").unwrap();
    let bin = home.run(&["lint", binary.to_str().unwrap()]);
    assert_eq!(bin.code, Some(2));
    assert!(
        bin.stderr.contains("looks binary (a NUL byte at byte 3)"),
        "{}",
        bin.stderr
    );
}

#[tokio::test]
async fn the_editor_lists_flags_underlines_them_and_keeps_dismissals() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    let server = home.serve(&["--demo"]);
    let base = server.url.clone();
    let client = http_client();
    let ana = sign_in(&client, &base, "ana", "analyst-password-1").await;
    let draft = format!("## What happened\n\n{JUDGING} {SYSTEM}\n");

    // The live preview's answer: one flag, underlined inline; the system sentence is not.
    let preview: serde_json::Value = client
        .post(format!(
            "{base}/api/incidents/{DEMO_SLUG}/narrative/preview"
        ))
        .header("cookie", ana.clone())
        .header("origin", base.clone())
        .form(&[("body", draft.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let reader = &preview["second_reader"];
    assert_eq!(
        (reader["total"].as_u64(), reader["open"].as_u64()),
        (Some(1), Some(1)),
        "{reader}"
    );
    assert_eq!(reader["flags"][0]["span"], "should have cancelled");
    let html = preview["html"].as_str().unwrap();
    assert_eq!(html.matches("<mark class=\"lint-flag").count(), 1, "{html}");
    assert!(
        html.contains(">should have cancelled<span class=\"lint-tip\" role=\"tooltip\""),
        "{html}"
    );

    // Saved with the flag dismissed: the save goes through, and the reason stays.
    let edit = get_text(
        &client,
        format!("{base}/incidents/{DEMO_SLUG}/narrative"),
        &ana,
    )
    .await;
    let version: String = edit
        .split("name=\"base_version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let saved = client
        .post(format!("{base}/incidents/{DEMO_SLUG}/narrative"))
        .header("cookie", ana.clone())
        .header("origin", base.clone())
        .form(&[
            ("base_version", version.as_str()),
            ("body", draft.as_str()),
            ("action", "save"),
            ("dismiss-0-category", "counterfactual"),
            ("dismiss-0-sentence", JUDGING),
            ("dismiss-0-span", "should have cancelled"),
            (
                "dismiss-0-reason",
                "Nadia's own words from her interview, quoted with <b>consent</b>",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let again = get_text(
        &client,
        format!("{base}/incidents/{DEMO_SLUG}/narrative"),
        &ana,
    )
    .await;
    assert!(
        again.contains("Dismissed: Nadia&#39;s own words from her interview, quoted with &#60;b&#62;consent&#60;/b&#62;"),
        "{}",
        again.split("second-reader").nth(1).unwrap_or(&again)
    );
    assert!(again.contains("0 open of 1 flag"));
    // No JavaScript: the Preview button gives the same list, the dismissal carried forward.
    let previewed = client
        .post(format!("{base}/incidents/{DEMO_SLUG}/narrative"))
        .header("cookie", ana.clone())
        .header("origin", base.clone())
        .form(&[
            ("base_version", version.as_str()),
            (
                "body",
                format!("{draft}\nThe engineer simply restarted the pod.\n").as_str(),
            ),
            ("action", "preview"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(previewed.contains("1 open of 2 flags"), "{previewed}");
    assert!(
        previewed.contains("id=\"lint-1\""),
        "the minimiser underlined"
    );
    assert!(
        !previewed.contains("id=\"lint-0\""),
        "the dismissed flag is not"
    );
}

/// Suggested moments on the demo incident: analysts only; accepting one makes it a moment,
/// setting one aside removes it for good; a reader and a non-member get nothing.
#[tokio::test]
async fn suggested_moments_are_accepted_or_set_aside() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    home.run(&[
        "incident",
        "create",
        "secret",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let server = home.serve(&["--demo"]);
    let base = server.url.clone();
    let client = http_client();
    let ana = sign_in(&client, &base, "ana", "analyst-password-1").await;
    let rita = sign_in(&client, &base, "rita", "reader-password-1").await;
    let url = format!("{base}/incidents/{DEMO_SLUG}/suggestions");
    let page = get_text(&client, &url, &ana).await;
    let entries: Vec<String> = page
        .split("id=\"suggestion-")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    assert!(entries.len() >= 5 && entries.len() <= 10, "{page}");
    let kind_of = |entry: &str| {
        page.split(&format!("id=\"suggestion-{entry}\""))
            .nth(1)
            .and_then(|s| s.split("name=\"kind\" value=\"").nth(1))
            .map(|s| s.split('"').next().unwrap().to_owned())
            .unwrap()
    };
    let post = |path: &str, form: Vec<(&str, String)>, cookie: &str| {
        client
            .post(format!("{base}/incidents/{DEMO_SLUG}/suggestions/{path}"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.clone())
            .form(&form)
            .send()
    };
    let (first, second) = (&entries[0], &entries[1]);
    let accepted = post(
        "accept",
        vec![
            ("entry", first.clone()),
            ("kind", kind_of(first)),
            ("why", "a test".into()),
        ],
        &ana,
    )
    .await
    .unwrap();
    assert_eq!(accepted.status(), 303);
    assert!(
        accepted.headers()["location"]
            .to_str()
            .unwrap()
            .contains("#moment-")
    );
    let set_aside = post(
        "dismiss",
        vec![("entry", second.clone()), ("kind", kind_of(second))],
        &ana,
    )
    .await
    .unwrap();
    assert_eq!(set_aside.status(), 303);
    let after = get_text(&client, &url, &ana).await;
    for gone in [first, second] {
        assert!(
            !after.contains(&format!("id=\"suggestion-{gone}\"")),
            "{gone} is still suggested"
        );
    }
    // Readers may not; nor may anyone touch another incident's entries through this one.
    assert_eq!(
        post(
            "dismiss",
            vec![("entry", entries[2].clone()), ("kind", "surprise".into())],
            &rita
        )
        .await
        .unwrap()
        .status(),
        403
    );
    let res = client
        .get(format!("{base}/incidents/secret/suggestions"))
        .header("cookie", ana.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        404,
        "an analyst without access to the restricted incident"
    );
    let wrong = client
        .post(format!("{base}/incidents/secret/suggestions/dismiss"))
        .header("cookie", ana.clone())
        .header("origin", base.clone())
        .form(&[("entry", entries[2].as_str()), ("kind", "surprise")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
}

/// The suggestions are worked out over the whole timeline once per timeline version: a second
/// view reads only the entries suggested (a render-cache hit, no miss), and an import by another
/// process makes a new version whose first view shows what it brought.
#[tokio::test]
async fn suggested_moments_are_worked_out_once_per_timeline_version() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("root", "admin", "admin-password-1");
    home.run(&["incident", "create", "quiet", "--title", "Quiet"])
        .ok();
    let write = |name: &str, lines: &[(&str, &str, &str)]| {
        let file = home.dir.path().join(name);
        let body: String = lines
            .iter()
            .map(|(at, who, text)| {
                format!("{{\"datetime\":\"{at}\",\"author\":\"{who}\",\"message\":\"{text}\"}}\n")
            })
            .collect();
        std::fs::write(&file, body).unwrap();
        file
    };
    let first = write(
        "first.jsonl",
        &[
            (
                "2026-03-17T07:00:00Z",
                "maria",
                "deploying the cache change now",
            ),
            (
                "2026-03-17T07:02:00Z",
                "tomas",
                "wait, what? the hit rate went to zero",
            ),
            ("2026-03-17T07:03:00Z", "maria", "rolling back"),
        ],
    );
    home.run(&[
        "import",
        "jsonl",
        first.to_str().unwrap(),
        "--incident",
        "quiet",
    ])
    .ok();
    let server = home.serve(&[]);
    let base = server.url.clone();
    let client = http_client();
    let ana = sign_in(&client, &base, "ana", "analyst-password-1").await;
    let root = sign_in(&client, &base, "root", "admin-password-1").await;
    let stats = || async {
        let v: serde_json::Value =
            crate::support::get_json(&client, format!("{base}/api/admin/render-cache"), &root)
                .await;
        (v["hits"].as_u64().unwrap(), v["misses"].as_u64().unwrap())
    };
    let url = format!("{base}/incidents/quiet/suggestions");
    let page = get_text(&client, &url, &ana).await;
    assert!(page.contains("wait, what?"), "{page}");
    let (hits, misses) = stats().await;
    let again = get_text(&client, &url, &ana).await;
    assert_eq!(again, page);
    let (hits_after, misses_after) = stats().await;
    assert_eq!(
        (hits_after - hits, misses_after - misses),
        (1, 0),
        "the second view is answered from the kept suggestions"
    );

    let second = write(
        "second.jsonl",
        &[(
            "2026-03-17T07:10:00Z",
            "tomas",
            "that's weird, the replicas disagree",
        )],
    );
    home.run(&[
        "import",
        "jsonl",
        second.to_str().unwrap(),
        "--incident",
        "quiet",
    ])
    .ok();
    let after_import = get_text(&client, &url, &ana).await;
    assert!(
        after_import.contains("the replicas disagree"),
        "{after_import}"
    );
    assert!(after_import.contains("wait, what?"));
    let (_, misses_now) = stats().await;
    assert_eq!(
        misses_now,
        misses_after + 1,
        "a new version is worked out once"
    );
}

/// The second reader goes over a long timeline a window of entries at a time (5,000 to a
/// window), in the background when it is longer than one window, and keeps what later windows
/// can still change: a question asked at the end of the first window and asked again,
/// unanswered, in the second is found, as is a surprise deep in the third.
#[tokio::test]
async fn suggested_moments_read_a_long_timeline_across_its_windows() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.run(&["incident", "create", "long", "--title", "Long"])
        .ok();
    let start = time::macros::datetime!(2026-03-17 07:00 UTC);
    let body: String = (0..10_600)
        .map(|i| {
            let (who, text) = match i {
                4_999 => ("kim", "has anyone seen the broker restart?"),
                5_001 => ("kim", "anyone? the broker is still flapping"),
                10_400 => ("lena", "wait, what? the queue is empty"),
                _ if i % 2 == 0 => ("maria", "looking at graphs"),
                _ => ("tomas", "checking the logs"),
            };
            let at = start + time::Duration::seconds(10 * i);
            let at = at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap();
            format!("{{\"datetime\":\"{at}\",\"author\":\"{who}\",\"message\":\"{text}\"}}\n")
        })
        .collect();
    let file = home.dir.path().join("long.jsonl");
    std::fs::write(&file, body).unwrap();
    home.run(&[
        "import",
        "jsonl",
        file.to_str().unwrap(),
        "--incident",
        "long",
    ])
    .ok();
    let server = home.serve(&[]);
    let client = http_client();
    let ana = sign_in(&client, &server.url, "ana", "analyst-password-1").await;
    let url = format!("{}/incidents/long/suggestions", server.url);
    // Longer than one window: the first view starts the reading in the background and says so,
    // having read nothing itself; later views say how far it has got until it is done.
    let first = get_text(&client, &url, &ana).await;
    assert!(
        first.contains("still going through this timeline: 0 of about 10,600 lines read (0 %)"),
        "{first}"
    );
    assert!(!first.contains("Mark as a moment"), "{first}");
    let mut page = first;
    for _ in 0..600 {
        if !page.contains("still going through this timeline") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        page = get_text(&client, &url, &ana).await;
    }
    assert!(
        page.contains("kim asked, nobody answered, and they asked again"),
        "{page}"
    );
    assert!(
        page.contains("has anyone seen the broker restart?"),
        "{page}"
    );
    assert!(page.contains("lena says &#34;wait, what&#34;"), "{page}");
}
