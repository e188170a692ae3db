use serde_json::Value;

use crate::support::{Home, demo_timeline};

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line {l:?}: {e}")))
        .collect()
}

#[test]
fn incidents_are_created_listed_and_shown() {
    let home = Home::new();
    home.run(&[
        "incident",
        "create",
        "2026-01-05-dns",
        "--title",
        "DNS went quiet",
        "--severity",
        "SEV3",
    ])
    .ok();
    home.run(&[
        "incident",
        "create",
        "2026-02-01-queue",
        "--title",
        "Queue backlog",
    ])
    .ok();
    let list = home.run(&["incident", "list"]).ok().stdout;
    assert!(list.contains("2026-01-05-dns  DNS went quiet"), "{list}");
    assert!(list.contains("2026-02-01-queue  Queue backlog"), "{list}");
    let show = home
        .run(&["incident", "show", "2026-01-05-dns"])
        .ok()
        .stdout;
    assert!(show.starts_with("DNS went quiet\n=============="), "{show}");
    assert!(show.contains("severity:    SEV3"), "{show}");
    assert!(show.contains("started:     not recorded"), "{show}");
    assert!(show.contains("Sources (0):"), "{show}");

    home.run(&["incident", "create", "2026-01-05-dns", "--title", "again"])
        .fails_with(1, "error: incident \"2026-01-05-dns\" already exists");
    home.run(&["incident", "show", "nope"])
        .fails_with(1, "no incident with slug \"nope\"");
    home.run(&["incident", "create", "Bad Slug", "--title", "x"])
        .fails_with(2, "may only contain lowercase letters");
}

#[test]
fn jsonl_import_and_timeline_export_keep_provenance() {
    let home = Home::new();
    home.run(&["incident", "create", "riverton", "--title", "Riverton"])
        .ok();
    let file = demo_timeline();
    let file = file.to_str().unwrap();
    let report = home
        .run(&["import", "jsonl", file, "--incident", "riverton"])
        .ok()
        .stdout;
    assert!(
        report.contains(
            "114 entries added, 0 skipped as duplicates, 9 marked as noise, 12 people (12 new)"
        ),
        "{report}"
    );
    let again = home
        .run(&["import", "jsonl", file, "--incident", "riverton"])
        .ok()
        .stdout;
    assert!(
        again.contains("already imported into this incident; nothing added (114 entries)"),
        "{again}"
    );

    let entries = jsonl(
        &home
            .run(&["timeline", "riverton", "--format", "jsonl"])
            .ok()
            .stdout,
    );
    assert_eq!(entries.len(), 114);
    let source_lines: Vec<&str> = std::fs::read_to_string(demo_timeline())
        .unwrap()
        .leak()
        .lines()
        .collect();
    for e in &entries {
        for field in [
            "id",
            "time",
            "author",
            "kind",
            "text",
            "thread_parent",
            "noise",
            "source",
            "provenance",
        ] {
            assert!(e.get(field).is_some(), "missing {field}: {e}");
        }
        let time = e["time"].as_str().unwrap();
        assert!(time.ends_with('Z'), "time is UTC: {time}");
        // Each entry points back at the very line it came from.
        let line = e["provenance"]["line"].as_u64().unwrap() as usize;
        let original: Value = serde_json::from_str(source_lines[line - 1]).unwrap();
        assert_eq!(original["message"], e["text"], "line {line}");
        assert_eq!(original["id"], e["provenance"]["message_id"], "line {line}");
        assert_eq!(e["source"]["kind"], "jsonl");
    }
    // Times are in order, whatever order the file had them in.
    let times: Vec<&str> = entries
        .iter()
        .map(|e| e["time"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert_eq!(entries.iter().filter(|e| e["noise"] == true).count(), 9);

    // Threads: every reply points at the entry its source line names as parent.
    let by_key = |key: &Value| {
        entries
            .iter()
            .find(|e| &e["provenance"]["message_id"] == key)
            .unwrap()
    };
    let mut replies = 0;
    for e in &entries {
        let line = e["provenance"]["line"].as_u64().unwrap() as usize;
        let original: Value = serde_json::from_str(source_lines[line - 1]).unwrap();
        match original.get("thread_parent") {
            Some(parent_key) => {
                replies += 1;
                assert_eq!(e["thread_parent"], by_key(parent_key)["id"], "{e}");
            }
            None => assert!(e["thread_parent"].is_null(), "{e}"),
        }
    }
    assert!(replies >= 6, "the demo has threads: {replies}");

    let text = home.run(&["timeline", "riverton"]).ok().stdout;
    assert_eq!(text.lines().count(), 114);
    assert!(text.contains("timeline.jsonl:1)"), "{}", &text[..400]);
}

#[test]
fn bad_jsonl_names_file_and_line_and_changes_nothing() {
    let home = Home::new();
    home.run(&["incident", "create", "x", "--title", "X"]).ok();
    let bad = home.dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"datetime\":\"2026-03-17T07:30:00Z\",\"message\":\"fine\"}\n{\"datetime\":\"yesterday\",\"message\":\"x\"}\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    home.run(&["import", "jsonl", bad, "--incident", "x"])
        .fails_with(
            1,
            "bad.jsonl:2: field `datetime`: \"yesterday\" is not RFC 3339",
        );
    assert_eq!(
        home.run(&["timeline", "x", "--format", "jsonl"])
            .ok()
            .stdout,
        ""
    );
    let show = home.run(&["incident", "show", "x"]).ok().stdout;
    assert!(show.contains("Sources (0):"), "{show}");
}

#[test]
fn accounts_roles_and_password_policy() {
    let home = Home::new();
    let added = home
        .run(&["user", "add", "nadia", "--role", "analyst"])
        .ok()
        .stdout;
    assert!(added.contains("Added nadia (analyst)."), "{added}");
    assert!(added.contains("Password (shown once): "), "{added}");
    home.run_with_stdin(&["user", "add", "jonah", "--password-stdin"], "short\n")
        .fails_with(
            1,
            "error: password is too short: 5 characters, at least 12 needed",
        );
    home.run(&["user", "add", "jonah", "--role", "owner"])
        .fails_with(
            2,
            "unknown role \"owner\": expected one of reader, analyst, admin",
        );
    home.run(&["user", "set-role", "nadia", "superuser"])
        .fails_with(2, "unknown role \"superuser\"");
    home.run(&["user", "set-role", "ghost", "admin"])
        .fails_with(1, "error: user \"ghost\" not found");
    home.run(&["user", "set-role", "nadia", "admin"]).ok();
    let list = home.run(&["user", "list"]).ok().stdout;
    assert!(list.starts_with("nadia"), "{list}");
    assert!(list.contains(" admin "), "{list}");
    assert!(
        !list.contains("jonah"),
        "refused accounts are not created: {list}"
    );
    let reset = home
        .run_with_stdin(
            &["user", "reset-password", "nadia", "--password-stdin"],
            "a much longer password\n",
        )
        .ok()
        .stdout;
    assert!(reset.contains("their sessions have ended"), "{reset}");
}

#[test]
fn bad_configuration_gets_one_line_errors() {
    let home = Home::new();
    let one_line = |run: crate::support::Run| {
        assert_eq!(run.stderr.trim_end().lines().count(), 1, "{run:#?}");
    };
    let run = home.run(&[
        "--database-url",
        "mysql://localhost/lore",
        "incident",
        "list",
    ]);
    one_line(run.fails_with(1, "unsupported database URL \"mysql://localhost/lore\""));
    // Port 9 (discard) on loopback: nothing listens there.
    let run = home.run(&[
        "--database-url",
        "postgres://lore:hunter2@127.0.0.1:9/lore",
        "migrate",
    ]);
    assert!(!run.stderr.contains("hunter2"), "password leaked: {run:#?}");
    one_line(run.fails_with(
        1,
        "cannot connect to database postgres://lore:***@127.0.0.1:9/lore",
    ));

    let file = home.dir.path().join("not-a-dir");
    std::fs::write(&file, "").unwrap();
    let run = crate::support::Home::new()
        .command(&["incident", "list"])
        .arg("--data-dir")
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot use data directory {}", file.display())),
        "{stderr}"
    );

    let run = home.run(&["serve", "--demo", "--listen", "0.0.0.0:0"]);
    one_line(run.fails_with(
        1,
        "--demo has a well-known password, so it only listens on loopback",
    ));
    home.run(&["frobnicate"])
        .fails_with(2, "unrecognized subcommand 'frobnicate'");
}

#[test]
fn migrate_is_idempotent() {
    let home = Home::new();
    let out = home.run(&["migrate"]).ok().stdout;
    assert!(out.contains("is up to date"), "{out}");
    home.run(&["migrate"]).ok();
    assert!(home.data_dir().join("lore.sqlite3").exists());
}

/// One person under two names in two sources: `lore person list` suggests the merge,
/// `merge-suggested` applies it, and the timeline then names them once.
#[test]
fn people_recorded_twice_are_merged_and_unmerged() {
    let home = Home::new();
    home.run(&["incident", "create", "merging", "--title", "Merging"])
        .ok();
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("notes.jsonl");
    std::fs::write(
        &jsonl,
        "{\"datetime\": \"2026-03-17T11:00:00Z\", \"message\": \"paged\", \"author\": \"Nadia Okafor\"}\n",
    )
    .unwrap();
    let csv = dir.path().join("deploys.csv");
    std::fs::write(
        &csv,
        "datetime,message,author\n2026-03-17T11:05:00Z,rolled back,Nadia\n2026-03-17T11:06:00Z,checked,nadia okafor\n",
    )
    .unwrap();
    for (kind, file) in [("jsonl", &jsonl), ("csv", &csv)] {
        home.run(&[
            "import",
            kind,
            file.to_str().unwrap(),
            "--incident",
            "merging",
        ])
        .ok();
    }
    let list = home.run(&["person", "list", "merging"]).ok().stdout;
    let id = |name: &str, kind: &str| -> String {
        list.lines()
            .find(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                cols.len() > 2 && cols[1] == name && cols[2].starts_with(kind)
            })
            .unwrap_or_else(|| panic!("{name} from {kind} in:\n{list}"))
            .split('\t')
            .next()
            .unwrap()
            .to_owned()
    };
    let (full, short, other_case) = (
        id("Nadia Okafor", "jsonl"),
        id("Nadia", "csv"),
        id("nadia okafor", "csv"),
    );
    assert!(list.contains(&format!(
        "suggested (first name of): lore person merge {short} --into {full}"
    )));
    assert!(list.contains(&format!(
        "suggested (same name): lore person merge {other_case} --into {full}"
    )));
    let merged = home
        .run(&["person", "merge-suggested", "merging"])
        .ok()
        .stdout;
    assert_eq!(merged.trim(), "Merged 2 records.");
    let timeline = home.run(&["timeline", "merging"]).ok().stdout;
    assert_eq!(timeline.matches("Nadia Okafor").count(), 3, "{timeline}");
    assert!(!timeline.contains("nadia okafor"));
    let list = home.run(&["person", "list", "merging"]).ok().stdout;
    assert!(list.contains(&format!("(merged into {full})")), "{list}");
    assert!(!list.contains("suggested"), "{list}");

    home.run(&["person", "unmerge", &short]).ok();
    let timeline = home.run(&["timeline", "merging"]).ok().stdout;
    assert!(
        timeline.contains("  Nadia  [note]  rolled back"),
        "{timeline}"
    );
    home.run(&["person", "merge", &full, "--into", &full])
        .fails_with(1, "cannot be merged into itself");
    home.run(&["person", "merge", &full, "--into", "999999"])
        .fails_with(1, "person 999999 not found");
}

/// `lore person list … | head -1`: a reader that leaves early ends the command quietly, with
/// success, instead of a panic (the list is far bigger than a pipe holds, so the write fails).
#[test]
fn output_to_a_reader_that_left_ends_quietly() {
    let home = Home::new();
    home.run(&["incident", "create", "many", "--title", "Many"])
        .ok();
    let file = home.dir.path().join("many.jsonl");
    let lines: String = (0..3000)
        .map(|i| {
            format!(
                "{{\"datetime\":\"2026-03-17T07:{:02}:{:02}Z\",\"message\":\"m{i}\",\"author\":\"person-with-a-long-name-{i}\"}}\n",
                i / 60 % 60,
                i % 60
            )
        })
        .collect();
    std::fs::write(&file, lines).unwrap();
    home.run(&[
        "import",
        "jsonl",
        file.to_str().unwrap(),
        "--incident",
        "many",
    ])
    .ok();
    let mut list = home
        .command(&["person", "list", "many"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then leave.
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(list.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(first.contains("person-with-a-long-name"), "{first}");
    let out = list.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
