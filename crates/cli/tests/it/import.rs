//! `lore import KIND …` end to end, on the real files the importers' own tests use
//! (`crates/import/tests/data`, each with its SOURCE note): the command wiring, the report,
//! idempotency, and that a failed import leaves the store as it was.

use std::collections::BTreeSet;
use std::path::PathBuf;

use lore_core::Slug;
use lore_store::{ConnectOptions, Store};

use crate::support::Home;

fn data(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/data")
        .join(path);
    assert!(p.exists(), "missing test data {}", p.display());
    p.to_str().unwrap().to_owned()
}

fn incident_count(home: &Home) -> usize {
    home.run(&["incident", "list"]).ok().stdout.lines().count()
}

fn entry_count(home: &Home, slug: &str) -> usize {
    home.run(&["timeline", slug, "--format", "jsonl"])
        .ok()
        .stdout
        .lines()
        .count()
}

#[test]
fn slack_export_zip_imports_with_exact_counts_once() {
    let home = Home::new();
    home.run(&["incident", "create", "mesos", "--title", "Mesos"])
        .ok();
    let zip = data("slack/testarchive.zip");
    let out = home
        .run(&["import", "slack", &zip, "--incident", "mesos"])
        .ok()
        .stdout;
    assert!(
        out.contains(
            ": 158 entries added, 0 skipped as duplicates, 105 marked as noise, 7 people (7 new)"
        ),
        "{out}"
    );
    assert!(
        out.contains("time range: 2016-01-15T05:55:18.000002Z to 2016-03-29T12:33:06.000027Z"),
        "{out}"
    );
    let again = home
        .run(&["import", "slack", &zip, "--incident", "mesos"])
        .ok()
        .stdout;
    assert!(
        again.contains("testarchive.zip: already imported into this incident; nothing added."),
        "{again}"
    );
    assert_eq!(entry_count(&home, "mesos"), 158);

    home.run(&[
        "incident",
        "create",
        "one-channel",
        "--title",
        "One channel",
    ])
    .ok();
    let out = home
        .run(&[
            "import",
            "slack",
            &zip,
            "--incident",
            "one-channel",
            "--channels",
            "enrique",
        ])
        .ok()
        .stdout;
    assert!(out.contains(": 102 entries added"), "{out}");
    home.run(&[
        "import",
        "slack",
        &zip,
        "--incident",
        "one-channel",
        "--channels",
        "nope",
    ])
    .fails_with(
        1,
        "no channel \"nope\" in this export; it has: enrique, traveling-sailor",
    );
}

#[test]
fn slack_import_records_the_members_of_the_channels_taken() {
    let home = Home::new();
    home.run(&["incident", "create", "window", "--title", "Window"])
        .ok();
    let zip = data("slack/testarchive.zip");
    // A window in which only two of enrique's members said anything.
    let report = home
        .run(&[
            "import",
            "slack",
            &zip,
            "--incident",
            "window",
            "--channels",
            "enrique",
            "--from",
            "2016-01-15T05:55:52Z",
            "--to",
            "2016-01-16T00:00:00Z",
        ])
        .ok()
        .stdout;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let channels: serde_json::Value =
        serde_json::from_reader(archive.by_name("channels.json").unwrap()).unwrap();
    let enrique = channels
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "enrique")
        .unwrap();
    let listed = enrique["members"].as_array().unwrap().len();
    assert!(
        report.contains(&format!("  channel members recorded: {listed} (")),
        "{report}"
    );

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::connect(&ConnectOptions::sqlite_in(home.data_dir()))
            .await
            .unwrap();
        let slug = Slug::parse("window").unwrap();
        let incident = store.incident_by_slug(&slug).await.unwrap().unwrap();
        let authors: BTreeSet<i64> = store
            .timeline(incident.id)
            .await
            .unwrap()
            .iter()
            .filter_map(|e| e.author_person_id)
            .collect();
        let by_person = store.channels_by_person(incident.id).await.unwrap();
        assert_eq!(store.channels(incident.id).await.unwrap(), ["enrique"]);
        assert_eq!(authors.len(), 2);
        assert_eq!(
            by_person.len(),
            listed,
            "every member, not only the authors"
        );
        assert!(authors.iter().all(|a| by_person.contains_key(a)));
        store.close().await;
    });
}

#[test]
fn a_broken_file_fails_the_whole_import_and_changes_nothing() {
    let home = Home::new();
    home.run(&["incident", "create", "x", "--title", "X"]).ok();
    let bytes = std::fs::read(data("slack/testarchive.zip")).unwrap();
    let truncated = home.dir.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let run = home.run(&[
        "import",
        "slack",
        truncated.to_str().unwrap(),
        "--incident",
        "x",
    ]);
    let run = run.fails_with(1, "truncated.zip");
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{run:#?}");

    // Two files, the second bad: one import, so the first is not kept either.
    let good = crate::support::demo_timeline();
    let bad = home.dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"datetime\":\"2026-03-17T07:30:00Z\",\"message\":\"ok\"}\nnot json\n",
    )
    .unwrap();
    home.run(&[
        "import",
        "jsonl",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--incident",
        "x",
    ])
    .fails_with(1, "bad.jsonl:2: invalid JSON");
    assert_eq!(entry_count(&home, "x"), 0);
    let show = home.run(&["incident", "show", "x"]).ok().stdout;
    assert!(show.contains("Sources (0):"), "{show}");
}

#[test]
fn irc_logs_need_a_zone_and_import_with_one() {
    let home = Home::new();
    home.run(&["incident", "create", "ubuntu", "--title", "Ubuntu"])
        .ok();
    let log = data("irc/2004-12-25.train-c.raw.txt");
    home.run(&["import", "irc", &log, "--incident", "ubuntu"])
        .fails_with(2, "--tz");
    let out = home
        .run(&[
            "import",
            "irc",
            &log,
            "--incident",
            "ubuntu",
            "--tz",
            "-05:00",
        ])
        .ok()
        .stdout;
    assert!(out.contains(
            ": 1498 entries added, 2 skipped as duplicates, 321 marked as noise, 237 people (237 new)"
        ), "{out}");
    assert!(
        out.contains("  warning: "),
        "the rollover warning is shown: {out}"
    );
    home.run(&[
        "import",
        "irc",
        &log,
        "--incident",
        "ubuntu",
        "--tz",
        "Europe/Atlantis",
    ])
    .fails_with(2, "--tz \"Europe/Atlantis\": no time zone has that name");
}

#[test]
fn status_pages_create_one_incident_each_and_only_once() {
    let home = Home::new();
    let gcp = data("status/gcp/gcp-incidents.json");
    let out = home.run(&["import", "gcp-status", &gcp]).ok().stdout;
    assert_eq!(out.matches(" → created ").count(), 157, "{}", &out[..500]);
    assert_eq!(incident_count(&home), 157);
    let again = home.run(&["import", "gcp-status", &gcp]).ok().stdout;
    assert_eq!(again.matches(" → existing ").count(), 157);
    assert_eq!(again.matches("nothing added").count(), 157);
    assert_eq!(incident_count(&home), 157);
    let show = home
        .run(&[
            "incident",
            "show",
            "2022-07-01-gcp-google-bigquery-lower-throughput-from-the-read-api",
        ])
        .ok()
        .stdout;
    assert!(
        show.contains("gcp-incidents.json (gcp-status): 5 entries"),
        "{show}"
    );

    // Attached to one incident instead.
    home.run(&[
        "incident",
        "create",
        "github-week",
        "--title",
        "GitHub week",
    ])
    .ok();
    let atom = data("status/atom/github-status-history.atom");
    let out = home
        .run(&["import", "statuspage", &atom, "--incident", "github-week"])
        .ok()
        .stdout;
    assert!(out.contains(": 178 entries added"), "{out}");
    assert_eq!(incident_count(&home), 158);
}

#[test]
fn writeups_become_incidents_with_their_narrative() {
    let home = Home::new();
    let file = data("writeups/dfds/PM2023-001 - Total node failure.md");
    let out = home.run(&["import", "writeup", &file]).ok().stdout;
    assert!(
        out.contains("→ created 2023-02-13-total-node-failure: 16 entries added"),
        "{out}"
    );
    let show = home
        .run(&["incident", "show", "2023-02-13-total-node-failure"])
        .ok()
        .stdout;
    assert!(show.contains("Narrative: version 1,"), "{show}");
    assert!(show.contains("(writeup): 16 entries"), "{show}");
}

#[test]
fn csv_with_a_field_map_and_transcripts_with_a_start() {
    let home = Home::new();
    home.run(&["incident", "create", "riverton", "--title", "Riverton"])
        .ok();
    let deploys = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../demo/files/deploys.csv");
    let deploys = deploys.to_str().unwrap();
    home.run(&[
        "import",
        "csv",
        deploys,
        "--incident",
        "riverton",
        "--map",
        "deployed_at=when",
    ])
    .fails_with(1, "--map");
    let out = home
        .run(&[
            "import",
            "csv",
            deploys,
            "--incident",
            "riverton",
            "--map",
            "deployed_at=datetime",
            "--map",
            "deployer=author",
            "--map",
            "notes=message",
            "--kind",
            "deploy",
        ])
        .ok()
        .stdout;
    assert!(
        out.contains(
            ": 6 entries added, 0 skipped as duplicates, 0 marked as noise, 3 people (3 new)"
        ),
        "{out}"
    );
    let vtt = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../demo/files/bridge-call.vtt");
    let vtt = vtt.to_str().unwrap();
    home.run(&["import", "vtt", vtt, "--incident", "riverton"])
        .fails_with(2, "--start");
    let out = home
        .run(&[
            "import",
            "vtt",
            vtt,
            "--incident",
            "riverton",
            "--start",
            "2026-03-17T07:34:12-04:00",
        ])
        .ok()
        .stdout;
    assert!(out.contains(": 14 entries added"), "{out}");
    let kinds = home
        .run(&["timeline", "riverton", "--format", "jsonl"])
        .ok()
        .stdout;
    assert_eq!(kinds.matches("\"kind\":\"deploy\"").count(), 6);
    assert_eq!(kinds.matches("\"kind\":\"transcript\"").count(), 14);
}
