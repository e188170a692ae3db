//! The Slack export reader against a real 2016 export, a hand-made modern export and hostile
//! archives.
//!
//! Expected figures for the real archive were computed with python3 over the unzipped JSON
//! (the script is in `tests/data/slack/README.md`), not copied from this reader's output.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use lore_core::{EntryKind, NewTimelineEntry, PersonHint};
use lore_import::Timeline;
use lore_import::slack::{SlackOptions, ZipLimits, read_export, read_zip_bytes};
use proptest::prelude::*;
use time::macros::datetime;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/slack")
        .join(name)
}

fn real_zip() -> Vec<u8> {
    std::fs::read(data("testarchive.zip")).unwrap()
}

fn all() -> SlackOptions {
    SlackOptions::default()
}

fn by_id<'t>(t: &'t Timeline, id: &str) -> &'t NewTimelineEntry {
    t.entries
        .iter()
        .find(|e| e.provenance.message_id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no entry {id}"))
}

fn per_channel(t: &Timeline, noise_only: bool) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for e in t.entries.iter().filter(|e| !noise_only || e.noise) {
        let id = e.provenance.message_id.as_deref().unwrap();
        let channel = id.split_once('/').unwrap().0.to_owned();
        *counts.entry(channel).or_default() += 1;
    }
    counts
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

fn people(t: &Timeline) -> Vec<(&str, &str)> {
    t.people
        .iter()
        .map(
            |PersonHint {
                 handle,
                 display_name,
             }| (handle.as_str(), display_name.as_str()),
        )
        .collect()
}

/// A ZIP written with the `zip` crate's writer, members in the order given.
fn make_zip(files: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The hand-made modern export as a ZIP, every member under `prefix`.
fn modern_zip(prefix: &str) -> Vec<u8> {
    let root = data("modern");
    let mut files = Vec::new();
    for top in std::fs::read_dir(&root).unwrap() {
        let top = top.unwrap().path();
        let mut paths = vec![top.clone()];
        if top.is_dir() {
            paths = std::fs::read_dir(&top)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
        }
        for p in paths {
            if p.extension().is_some_and(|x| x == "json") {
                let rel = p.strip_prefix(&root).unwrap().to_str().unwrap().to_owned();
                files.push((format!("{prefix}{rel}"), std::fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    make_zip(&refs, CompressionMethod::Deflated)
}

fn err_bytes(bytes: &[u8], opts: &SlackOptions) -> String {
    read_zip_bytes(bytes, "x.zip", opts)
        .unwrap_err()
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// The real 2016 export (old format: no threads, single `file`, GitHub integration posts).

#[test]
fn real_export_counts_noise_people_and_times() {
    let t = read_export(&data("testarchive.zip"), &all()).unwrap();
    assert_eq!(t.entries.len(), 158);
    assert_eq!(
        per_channel(&t, false),
        counts(&[("enrique", 102), ("traveling-sailor", 56)])
    );
    // 8 channel_join + 3 bot_add + 94 GitHub bot_message.
    assert_eq!(t.entries.iter().filter(|e| e.noise).count(), 105);
    assert_eq!(
        per_channel(&t, true),
        counts(&[("enrique", 72), ("traveling-sailor", 33)])
    );
    assert_eq!(
        people(&t),
        [
            ("B0JL6RASU", "github"),
            ("B0JL6UFSL", "github"),
            ("B0VJZKVHC", "github"),
            ("U0BMM2FEH", "heroeshannibal"),
            ("U0BMQB6JE", "hamza"),
            ("U0BMS113R", "doubledeez"),
            ("U0BMYT2FL", "abilinski"),
        ]
    );
    assert_eq!(t.warnings, Vec::<String>::new());

    let first = &t.entries[0];
    assert_eq!(first.occurred_at, datetime!(2016-01-15 05:55:18.000002 UTC));
    assert_eq!(first.time_text, "1452837318.000002");
    assert_eq!(
        first.provenance.message_id.as_deref(),
        Some("enrique/1452837318.000002")
    );
    let last = t.entries.last().unwrap();
    assert_eq!(last.occurred_at, datetime!(2016-03-29 12:33:06.000027 UTC));
    assert_eq!(
        last.provenance.message_id.as_deref(),
        Some("traveling-sailor/1459254786.000027")
    );
    assert!(
        t.entries
            .windows(2)
            .all(|w| w[0].occurred_at <= w[1].occurred_at)
    );
    assert!(t.entries.iter().all(|e| e.kind == EntryKind::Chat
        && e.time_zone.as_deref() == Some("UTC")
        && e.thread_parent.is_none()
        && e.provenance.line.is_none()));
}

#[test]
fn real_export_texts_authors_and_provenance() {
    let t = read_zip_bytes(&real_zip(), "testarchive.zip", &all()).unwrap();

    let mention = by_id(&t, "enrique/1452837352.000006");
    assert_eq!(
        mention.text,
        "@abilinski: Created an issue for a setup.py so that it can be installed to a standard place"
    );
    assert_eq!(mention.author_handle.as_deref(), Some("U0BMQB6JE"));
    assert!(!mention.noise);
    assert_eq!(mention.provenance.path, "enrique/2016-01-14.json");
    assert_eq!(
        mention.raw,
        r#"{"type":"message","user":"U0BMQB6JE","text":"<@U0BMYT2FL>: Created an issue for a setup.py so that it can be installed to a standard place","ts":"1452837352.000006"}"#
    );

    let quote = by_id(&t, "enrique/1458228721.000002");
    assert_eq!(
        quote.text,
        ">\"Essentially what I'm getting from this is that SA is just a bad metaheuristic for us to try and apply to huge problem set and to effectively parallelize\"\nso....what now then?"
    );

    let share = by_id(&t, "traveling-sailor/1459052866.000012");
    assert_eq!(
        share.text,
        "@doubledeez uploaded a file: 100 cities (https://mesos-magellan.slack.com/files/U0BMS113R/F0VNAKDE2/100_cities.js)\n[file: 100 cities (100_cities.js)]"
    );
    assert_eq!(share.author_handle.as_deref(), Some("U0BMS113R"));
    assert!(!share.noise);
    assert_eq!(share.provenance.path, "traveling-sailor/2016-03-26.json");

    // A file comment names its author only inside `comment`.
    let comment = by_id(&t, "traveling-sailor/1459106048.000018");
    assert_eq!(comment.author_handle.as_deref(), Some("U0BMS113R"));
    assert!(comment.text.starts_with(
        "@doubledeez commented on @doubledeez’s file 10 cities (https://mesos-magellan.slack.com/files/U0BMS113R/F0VQ4C4BT/10_cities.js): ```'cities': {"
    ));
    assert!(
        comment
            .text
            .ends_with("}```\n[file: 10 cities (10_cities.js)]")
    );

    let bot = by_id(&t, "enrique/1454957471.000024");
    assert_eq!(
        bot.text,
        "[attachment] [enrique:master] 1 new commit by Anthony Bilinski:\nf30c7c2 (https://github.com/mesos-magellan/enrique/commit/f30c7c23fc51dcca9e7e3fc246438b85a4edab31): added interpreter to init.py - Anthony Bilinski"
    );
    assert_eq!(bot.author_handle.as_deref(), Some("B0JL6RASU"));
    assert!(bot.noise);

    let edited = by_id(&t, "traveling-sailor/1458972985.000010");
    assert!(
        edited
            .text
            .starts_with("```{\"cities\": {\n    \"New York City\": [40.72, 74.00],")
    );
    assert!(
        edited
            .text
            .ends_with("}```\n[edited 2016-03-26 08:32:14 UTC]")
    );
    assert_eq!(
        edited.occurred_at,
        datetime!(2016-03-26 06:16:25.000010 UTC)
    );

    let join = by_id(&t, "traveling-sailor/1452988822.000004");
    assert_eq!(join.text, "@heroeshannibal has joined the channel");
    assert!(join.noise);
}

#[test]
fn real_export_rezipped_under_a_folder() {
    // The zip crate cannot extract here (we never write to disk), so rebuild the ZIP with the
    // real archive's members under a top-level folder, as when someone unzips and re-zips.
    let mut archive = zip::ZipArchive::new(Cursor::new(real_zip())).unwrap();
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        if f.is_file() {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
            files.push((format!("export/{}", f.name().unwrap()), bytes));
        }
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let nested = make_zip(&refs, CompressionMethod::Stored);
    let t = read_zip_bytes(&nested, "nested.zip", &all()).unwrap();
    assert_eq!(t.entries.len(), 158);
    assert_eq!(
        by_id(&t, "enrique/1452837352.000006").provenance.path,
        "export/enrique/2016-01-14.json"
    );
}

#[test]
fn real_export_time_window_and_channels() {
    // Day files are cut at local midnight (Pacific here): enrique/2016-01-14.json holds
    // messages from 2016-01-15 UTC, and must still be read for a window starting that day.
    let opts = SlackOptions {
        channels: Some(vec!["enrique".into()]),
        from: Some(datetime!(2016-01-15 05:55:52 UTC)),
        to: Some(datetime!(2016-01-16 00:00 UTC)),
        ..all()
    };
    let t = read_export(&data("testarchive.zip"), &opts).unwrap();
    let ids: Vec<&str> = t
        .entries
        .iter()
        .map(|e| e.provenance.message_id.as_deref().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "enrique/1452837352.000006",
            "enrique/1452837359.000007",
            "enrique/1452845865.000008",
            "enrique/1452845924.000009",
            "enrique/1452845956.000010",
            "enrique/1452846025.000011",
            "enrique/1452849641.000013",
            "enrique/1452849677.000014",
        ]
    );
    // Two authors in the window; the channel's other two members are named as well, since
    // membership comes with the channel whatever the window.
    assert_eq!(
        people(&t),
        [
            ("U0BMM2FEH", "heroeshannibal"),
            ("U0BMQB6JE", "hamza"),
            ("U0BMS113R", "doubledeez"),
            ("U0BMYT2FL", "abilinski"),
        ]
    );

    let opts = SlackOptions {
        from: Some(datetime!(2016-03-28 00:00 UTC)),
        ..all()
    };
    let t = read_export(&data("testarchive.zip"), &opts).unwrap();
    assert_eq!(t.entries.len(), 26);
    assert_eq!(
        per_channel(&t, false),
        counts(&[("enrique", 19), ("traveling-sailor", 7)])
    );
    // Channel ids select too.
    let opts = SlackOptions {
        channels: Some(vec!["C0JL6CGQ2".into()]),
        ..all()
    };
    let t = read_export(&data("testarchive.zip"), &opts).unwrap();
    assert_eq!(per_channel(&t, false), counts(&[("traveling-sailor", 56)]));
}

// ---------------------------------------------------------------------------------------------
// The hand-made modern export (threads, edits, deletions, blocks, bots, a DM).

#[test]
fn modern_export_entries_in_order() {
    let t = read_export(&data("modern"), &all()).unwrap();
    let got: Vec<(&str, Option<&str>, bool, &str)> = t
        .entries
        .iter()
        .map(|e| {
            (
                e.provenance.message_id.as_deref().unwrap(),
                e.author_handle.as_deref(),
                e.noise,
                e.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "incident-42/1714572000.000100",
                Some("U01NADIA"),
                true,
                "@nadia has joined the channel"
            ),
            (
                "incident-42/1714572010.000200",
                Some("U01NADIA"),
                true,
                "set the channel topic: SEV2 checkout errors"
            ),
            (
                "general/1714572030.000100",
                Some("U02SAM"),
                false,
                "@nadia FYI there is an incident in #incident-42"
            ),
            (
                "incident-42/1714572060.000300",
                Some("U01NADIA"),
                false,
                "@here checkout p99 is up, @Sam Lee can you look? See status page (https://status.example.com/incidents/42) and #general; paging @oncall",
            ),
            (
                "D01DM/1714572090.000100",
                Some("U02SAM"),
                false,
                "@nadia call me?"
            ),
            (
                "incident-42/1714572120.000400",
                Some("U02SAM"),
                false,
                "on it & looking at db-1 <-> db-2 lag\n[edited 2024-05-01 14:02:10 UTC]",
            ),
            (
                "incident-42/1714572180.000500",
                Some("U02SAM"),
                false,
                "Replication lag on db-2 is 40s"
            ),
            (
                "incident-42/1714572200.000600",
                Some("B01PAGER"),
                true,
                "[attachment] #4711 checkout p99 > 2s (https://acme.pagerduty.com/incidents/4711)\nService: checkout\nUrgency: high",
            ),
            (
                "incident-42/1714572240.000700",
                Some("U03DEPLOY"),
                true,
                "*Rollback* of `checkout` requested by @nadia\ndeploy #991",
            ),
            (
                "incident-42/1714572300.000800",
                Some("U01NADIA"),
                false,
                "rollback started on db-2\n[edited 2024-05-02 00:00:00 UTC; first posted as: rollback started on db-1]",
            ),
            (
                "incident-42/1714572360.000900",
                Some("U02SAM"),
                false,
                "restarting checkout-7 now\n[deleted 2024-05-01 14:07:00 UTC]",
            ),
            (
                "incident-42/1714572420.001000",
                None,
                true,
                "[deletion of incident-42/1714572360.000900] it read: restarting checkout-7 now",
            ),
            (
                "incident-42/1714572480.001100",
                Some("U02SAM"),
                false,
                "p99 graph\n[file: p99 latency (grafana.png)]"
            ),
            (
                "incident-42/1714572500.001200",
                Some("U01NADIA"),
                true,
                "@nadia pinned a message to this channel."
            ),
            (
                "incident-42/1714572540.001300",
                Some("U99GUEST"),
                false,
                "vendor here: mail support@vendor.example"
            ),
            (
                "sre-private/1714572600.000100",
                Some("U02SAM"),
                false,
                "@channel do not touch db-2 until #incident-42 says so"
            ),
            (
                "incident-42/1714608000.000100",
                Some("U01NADIA"),
                true,
                "[edit of incident-42/1714572300.000800] rollback started on db-2",
            ),
            (
                "incident-42/1714608060.000200",
                Some("U02SAM"),
                true,
                "@Sam Lee has left the channel"
            ),
        ]
    );
    assert_eq!(
        people(&t),
        [
            ("B01PAGER", "PagerDuty"),
            ("U01NADIA", "nadia"),
            ("U02SAM", "Sam Lee"),
            ("U03DEPLOY", "Deploy Bot"),
            ("U99GUEST", "Vic Vendor"),
        ]
    );
    assert_eq!(
        t.warnings,
        [
            "general/notes.json: file name is not a date (YYYY-MM-DD.json); read anyway",
            "incident-42/2024-05-01.json: message 1714572540.001300: user U99GUEST is not in users.json; shown by id",
        ]
    );
}

#[test]
fn modern_export_threads_provenance_and_raw() {
    let t = read_export(&data("modern"), &all()).unwrap();
    let parent = by_id(&t, "incident-42/1714572060.000300");
    assert_eq!(parent.thread_parent, None);
    for reply in [
        "incident-42/1714572120.000400",
        "incident-42/1714572180.000500",
    ] {
        assert_eq!(
            by_id(&t, reply).thread_parent.as_deref(),
            Some("incident-42/1714572060.000300"),
            "{reply}"
        );
    }
    assert_eq!(
        t.entries
            .iter()
            .filter(|e| e.thread_parent.is_some())
            .count(),
        2
    );
    let reply = by_id(&t, "incident-42/1714572120.000400");
    assert_eq!(reply.provenance.path, "incident-42/2024-05-01.json");
    assert_eq!(reply.occurred_at, datetime!(2024-05-01 14:02:00.0004 UTC));
    assert_eq!(reply.time_text, "1714572120.000400");
    // The record as written (key order kept), without the file's indentation.
    assert_eq!(
        reply.raw,
        r#"{"client_msg_id":"5c1d7c2e-0000-4000-8000-000000000002","type":"message","text":"on it &amp; looking at db-1 &lt;-&gt; db-2 lag","user":"U02SAM","ts":"1714572120.000400","team":"T01ACME","edited":{"user":"U02SAM","ts":"1714572130.000000"},"thread_ts":"1714572060.000300","parent_user_id":"U01NADIA"}"#
    );
    // The edited original keeps its own record; the edit event keeps its own.
    let original = by_id(&t, "incident-42/1714572300.000800");
    assert!(
        original
            .raw
            .contains(r#""text":"rollback started on db-1""#)
    );
    let event = by_id(&t, "incident-42/1714608000.000100");
    assert_eq!(event.provenance.path, "incident-42/2024-05-02.json");
    assert!(
        event
            .raw
            .starts_with(r#"{"type":"message","subtype":"message_changed","hidden":true,"#)
    );
}

#[test]
fn modern_export_zip_reads_like_the_folder() {
    let folder = read_export(&data("modern"), &all()).unwrap();
    let zipped = read_zip_bytes(&modern_zip(""), "modern.zip", &all()).unwrap();
    assert_eq!(zipped.entries, folder.entries);
    assert_eq!(zipped.people, folder.people);
    assert_eq!(zipped.warnings, folder.warnings);
    let nested = read_zip_bytes(&modern_zip("slack-export/"), "modern.zip", &all()).unwrap();
    assert_eq!(nested.entries.len(), 18);
    assert_eq!(
        by_id(&nested, "D01DM/1714572090.000100").provenance.path,
        "slack-export/D01DM/2024-05-01.json"
    );
}

#[test]
fn modern_export_selection() {
    // Only the incident channel, from the first reply to the file share: edits made later
    // (next day's file) still apply, and the reply keeps its parent outside the window.
    let opts = SlackOptions {
        channels: Some(vec!["incident-42".into()]),
        from: Some(datetime!(2024-05-01 14:02:00 UTC)),
        to: Some(datetime!(2024-05-01 14:08:00.0011 UTC)),
        ..all()
    };
    let t = read_export(&data("modern"), &opts).unwrap();
    let ids: Vec<&str> = t
        .entries
        .iter()
        .map(|e| e.provenance.message_id.as_deref().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "incident-42/1714572120.000400",
            "incident-42/1714572180.000500",
            "incident-42/1714572200.000600",
            "incident-42/1714572240.000700",
            "incident-42/1714572300.000800",
            "incident-42/1714572360.000900",
            "incident-42/1714572420.001000",
            "incident-42/1714572480.001100",
        ]
    );
    assert!(
        by_id(&t, "incident-42/1714572300.000800")
            .text
            .starts_with("rollback started on db-2\n[edited 2024-05-02 00:00:00 UTC")
    );
    assert_eq!(
        by_id(&t, "incident-42/1714572120.000400")
            .thread_parent
            .as_deref(),
        Some("incident-42/1714572060.000300")
    );
    assert_eq!(
        people(&t),
        [
            ("B01PAGER", "PagerDuty"),
            ("U01NADIA", "nadia"),
            ("U02SAM", "Sam Lee"),
            ("U03DEPLOY", "Deploy Bot"),
        ]
    );
    assert_eq!(t.warnings, Vec::<String>::new());

    // A DM by its folder (its id), a channel with a leading `#`.
    let opts = SlackOptions {
        channels: Some(vec!["D01DM".into(), "#sre-private".into()]),
        ..all()
    };
    let t = read_export(&data("modern"), &opts).unwrap();
    assert_eq!(
        per_channel(&t, false),
        counts(&[("D01DM", 1), ("sre-private", 1)])
    );

    let path = data("modern");
    let opts = SlackOptions {
        channels: Some(vec!["incident-42".into(), "incident-43".into()]),
        ..all()
    };
    assert_eq!(
        read_export(&path, &opts).unwrap_err().to_string(),
        format!(
            "{}: no channel \"incident-43\" in this export; it has: D01DM, general, incident-42, sre-private",
            path.display()
        )
    );
    let opts = SlackOptions {
        from: Some(datetime!(2024-05-02 00:00 UTC)),
        to: Some(datetime!(2024-05-01 00:00 UTC)),
        ..all()
    };
    assert_eq!(
        read_export(&path, &opts).unwrap_err().to_string(),
        format!(
            "{}: the time window is empty: from 2024-05-02 00:00:00 UTC is after to 2024-05-01 00:00:00 UTC",
            path.display()
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: each error names the file and the place.

const CHANNELS: &[u8] = br#"[{"id":"C1","name":"general"}]"#;

#[test]
fn truncated_random_and_non_archives() {
    let real = real_zip();
    assert_eq!(
        err_bytes(&real[..10_000], &all()),
        "x.zip: truncated or corrupt ZIP archive: invalid Zip archive: Could not find EOCD"
    );
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    assert_eq!(
        err_bytes(&random, &all()),
        "x.zip: not a ZIP archive (nor a folder holding an unpacked one)"
    );
    assert_eq!(
        err_bytes(b"", &all()),
        "x.zip: not a ZIP archive (nor a folder holding an unpacked one)"
    );
    let source = data("SOURCE.txt");
    assert_eq!(
        read_export(&source, &all()).unwrap_err().to_string(),
        format!(
            "{}: not a ZIP archive (nor a folder holding an unpacked one)",
            source.display()
        )
    );
    let missing = data("no-such.zip");
    assert!(
        read_export(&missing, &all())
            .unwrap_err()
            .to_string()
            .starts_with(&format!("{}: cannot read: ", missing.display()))
    );
    let not_slack = make_zip(&[("readme.txt", b"hello")], CompressionMethod::Deflated);
    assert_eq!(
        err_bytes(&not_slack, &all()),
        "x.zip: not a Slack export (no channels.json or groups.json)"
    );
}

#[test]
fn member_names_that_escape_are_refused() {
    for (name, why) in [
        ("../evil.json", "name climbs out of the archive (`..`)"),
        (
            "general/../../evil.json",
            "name climbs out of the archive (`..`)",
        ),
        ("/etc/evil.json", "absolute path"),
        ("general\\evil.json", "name contains a backslash"),
        ("C:/evil.json", "name starts with a drive letter"),
    ] {
        let bytes = make_zip(
            &[("channels.json", CHANNELS), (name, b"[]")],
            CompressionMethod::Stored,
        );
        assert_eq!(
            err_bytes(&bytes, &all()),
            format!("x.zip: member {name:?}: refused: {why}")
        );
    }
}

#[test]
fn zip_bombs_and_limits() {
    // 5 MiB of blanks deflates to about 5 kB: a ratio near 1000.
    let blanks = vec![b' '; 5 * 1024 * 1024];
    let bomb = make_zip(
        &[("channels.json", CHANNELS), ("users.json", &blanks)],
        CompressionMethod::Deflated,
    );
    let compressed = zip::ZipArchive::new(Cursor::new(&bomb))
        .unwrap()
        .by_name("users.json")
        .unwrap()
        .compressed_size();
    assert!(compressed < 10_000, "{compressed}");
    assert_eq!(
        err_bytes(&bomb, &all()),
        format!(
            "x.zip: member users.json: decompresses to more than 200 times its {compressed} compressed bytes: refused as a likely zip bomb"
        )
    );

    let small = |f: fn(&mut ZipLimits)| {
        let mut limits = ZipLimits::default();
        f(&mut limits);
        SlackOptions { limits, ..all() }
    };
    let real = real_zip();
    assert_eq!(
        err_bytes(&real, &small(|l| l.max_entries = 5)),
        "x.zip: lists 22 members, more than the limit of 5"
    );
    // users.json (8902 bytes) is read first, then channels.json (1097), then the day files in
    // channel and date order; the largest member is enrique/2016-03-28.json (17431).
    assert_eq!(
        err_bytes(&real, &small(|l| l.max_entry_bytes = 8901)),
        "x.zip: member users.json: decompresses to more than 8901 bytes, the limit for one member"
    );
    assert!(read_zip_bytes(&real, "x.zip", &small(|l| l.max_entry_bytes = 17_431)).is_ok());
    assert_eq!(
        err_bytes(&real, &small(|l| l.max_total_bytes = 20_000)),
        "x.zip: decompresses to more than 20000 bytes in total (the limit), reading member enrique/2016-02-07.json"
    );
    // The whole export decompresses to 144184 bytes, integration_logs.json (8912) unread.
    assert!(
        read_zip_bytes(
            &real,
            "x.zip",
            &small(|l| l.max_total_bytes = 144_184 - 8_912)
        )
        .is_ok()
    );
    assert_eq!(
        err_bytes(&real, &small(|l| l.max_total_bytes = 144_184 - 8_913)),
        "x.zip: decompresses to more than 135271 bytes in total (the limit), reading member traveling-sailor/2016-03-29.json"
    );

    // The same caps apply to a folder.
    let path = data("modern");
    let opts = SlackOptions {
        limits: ZipLimits {
            max_entry_bytes: 1000,
            ..ZipLimits::default()
        },
        ..all()
    };
    assert_eq!(
        read_export(&path, &opts).unwrap_err().to_string(),
        format!(
            "{}: member users.json: is larger than 1000 bytes, the limit for one member",
            path.display()
        )
    );
    let opts = SlackOptions {
        limits: ZipLimits {
            max_entries: 10,
            ..ZipLimits::default()
        },
        ..all()
    };
    assert_eq!(
        read_export(&path, &opts).unwrap_err().to_string(),
        format!(
            "{}: holds more than 10 files and folders, the limit",
            path.display()
        )
    );
}

#[test]
fn unsupported_compression_is_named() {
    let mut bytes = make_zip(&[("channels.json", CHANNELS)], CompressionMethod::Stored);
    // Rewrite the method (stored, 0) as bzip2 (12) in the local and central headers.
    let local = 0;
    assert_eq!(&bytes[local..local + 4], b"PK\x03\x04");
    bytes[local + 8] = 12;
    let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 10] = 12;
    assert_eq!(
        err_bytes(&bytes, &all()),
        "x.zip: member channels.json: compression method Bzip2 is not supported (only stored and deflate)"
    );
}

#[test]
fn bad_day_files() {
    let day = "general/2016-01-14.json";
    let with_day = |content: &[u8]| {
        make_zip(
            &[("channels.json", CHANNELS), (day, content)],
            CompressionMethod::Deflated,
        )
    };
    assert_eq!(
        err_bytes(&with_day(b"[\n  {\"ts\": \"1.0\"},\n  {oops}\n]"), &all()),
        "general/2016-01-14.json: invalid JSON at line 3 column 4: key must be a string"
    );
    assert_eq!(
        err_bytes(&with_day(br#"{"ts": "1452720000.000002"}"#), &all()),
        "general/2016-01-14.json: expected a JSON array, found an object"
    );
    assert_eq!(
        err_bytes(
            &with_day(br#"[{"ts": "1452720000.000002"}, {"text": "hi"}]"#),
            &all()
        ),
        "general/2016-01-14.json: message 2: missing field `ts`"
    );
    assert_eq!(
        err_bytes(&with_day(br#"[{"ts": "yesterday", "text": "hi"}]"#), &all()),
        "general/2016-01-14.json: message 1: field `ts`: \"yesterday\" is not a Slack timestamp (seconds.microseconds, like \"1452720000.000002\")"
    );
    assert_eq!(
        err_bytes(&with_day(br#"[{"ts": 1452720000.5}]"#), &all()),
        "general/2016-01-14.json: message 1: field `ts`: expected a string like \"1452720000.000002\", found a number"
    );
    assert_eq!(
        err_bytes(&with_day(br#"[["not", "a", "message"]]"#), &all()),
        "general/2016-01-14.json: message 1: expected a JSON object, found an array"
    );
    assert_eq!(
        err_bytes(
            &make_zip(
                &[("channels.json", b"{\"id\": \"C1\"}")],
                CompressionMethod::Stored
            ),
            &all()
        ),
        "channels.json: expected a JSON array, found an object"
    );
    // A message from someone missing from users.json is imported with a warning.
    let t = read_zip_bytes(
        &make_zip(
            &[
                ("channels.json", CHANNELS),
                ("users.json", br#"[{"id": "U1", "name": "ann"}]"#),
                (
                    day,
                    br#"[{"ts": "1452720000.000002", "user": "U2", "text": "hi <@U1>"}]"#,
                ),
            ],
            CompressionMethod::Deflated,
        ),
        "x.zip",
        &all(),
    )
    .unwrap();
    assert_eq!(t.entries[0].text, "hi @ann");
    assert_eq!(
        t.entries[0].occurred_at,
        datetime!(2016-01-13 21:20:00.000002 UTC)
    );
    assert_eq!(
        t.warnings,
        [
            "general/2016-01-14.json: message 1452720000.000002: user U2 is not in users.json; shown by id"
        ]
    );
    assert!(t.people.is_empty());

    let t = read_zip_bytes(
        &make_zip(
            &[
                ("channels.json", CHANNELS),
                (day, br#"[{"ts": "1452720000.000002", "subtype": "message_deleted", "hidden": true}]"#),
            ],
            CompressionMethod::Deflated,
        ),
        "x.zip",
        &all(),
    )
    .unwrap();
    assert_eq!(t.entries[0].text, "[deletion of a message in general]");
    assert!(t.entries[0].noise);
    assert_eq!(
        t.warnings,
        [
            "users.json: missing: authors are shown by their Slack ids",
            "general/2016-01-14.json: message 1452720000.000002: does not say which message it edits or deletes; kept as is",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Channels and their members.

/// Bytes of one member of a ZIP, read with the `zip` crate alone.
fn zip_member(zip: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut bytes).unwrap();
    bytes
}

/// Conversation → its `members`, as a conversation list (`channels.json`, `dms.json`, ...)
/// gives them, read with serde_json alone. DMs are named by id, the rest by name.
fn listed_members(list: &[u8], by_id: bool) -> BTreeMap<String, Vec<String>> {
    let list: Vec<serde_json::Value> = serde_json::from_slice(list).unwrap();
    list.iter()
        .map(|c| {
            let name = c[if by_id { "id" } else { "name" }]
                .as_str()
                .unwrap()
                .to_owned();
            let members = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_owned())
                .collect();
            (name, members)
        })
        .collect()
}

/// Conversation → members, as the reader delivered them.
fn members(t: &Timeline) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for m in &t.channel_members {
        assert!(
            out.insert(m.channel.clone(), m.handles.clone()).is_none(),
            "{} delivered twice",
            m.channel
        );
    }
    out
}

fn sizes(members: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, usize> {
    members.iter().map(|(c, m)| (c.clone(), m.len())).collect()
}

#[test]
fn real_export_entries_name_their_channel_and_members_come_with_it() {
    let zip = real_zip();
    let listed = listed_members(&zip_member(&zip, "channels.json"), false);
    let t = read_zip_bytes(&zip, "testarchive.zip", &all()).unwrap();

    // Every entry is in the channel its id names, and every channel the list has is there.
    for e in &t.entries {
        let id = e.provenance.message_id.as_deref().unwrap();
        assert_eq!(
            e.channel.as_deref(),
            id.split_once('/').map(|(c, _)| c),
            "{id}"
        );
    }
    let mut by_channel: BTreeMap<String, usize> = BTreeMap::new();
    for e in &t.entries {
        *by_channel.entry(e.channel.clone().unwrap()).or_default() += 1;
    }
    assert_eq!(by_channel, per_channel(&t, false));
    assert_eq!(
        by_channel.keys().collect::<Vec<_>>(),
        listed.keys().collect::<Vec<_>>()
    );

    // Members exactly as channels.json lists them, and each one named from users.json.
    assert_eq!(members(&t), listed);
    assert_eq!(sizes(&members(&t)), sizes(&listed));
    let users: Vec<serde_json::Value> =
        serde_json::from_slice(&zip_member(&zip, "users.json")).unwrap();
    for handle in listed.values().flatten() {
        let user = users.iter().find(|u| u["id"] == *handle.as_str()).unwrap();
        let hint = t.people.iter().find(|p| p.handle == *handle).unwrap();
        assert_eq!(
            hint.display_name,
            user["name"].as_str().unwrap(),
            "{handle}"
        );
    }
    assert_eq!(t.warnings, Vec::<String>::new());

    // Only the channels selected.
    let opts = SlackOptions {
        channels: Some(vec!["traveling-sailor".into()]),
        ..all()
    };
    let one = read_zip_bytes(&zip, "testarchive.zip", &opts).unwrap();
    assert_eq!(
        members(&one).keys().collect::<Vec<_>>(),
        ["traveling-sailor"]
    );
    assert_eq!(
        members(&one)["traveling-sailor"],
        listed["traveling-sailor"]
    );

    // Streamed, each conversation comes with its own members.
    let mut batches = Vec::new();
    let warnings =
        lore_import::slack::read_export_by_channel(&data("testarchive.zip"), &all(), |b| {
            batches.push(b);
            Ok(())
        })
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(batches.len(), listed.len());
    for batch in &batches {
        let channel = batch.entries[0].channel.clone().unwrap();
        assert!(
            batch
                .entries
                .iter()
                .all(|e| e.channel.as_deref() == Some(&channel))
        );
        assert_eq!(
            members(batch),
            BTreeMap::from([(channel.clone(), listed[&channel].clone())])
        );
    }
}

#[test]
fn modern_export_members_of_channels_groups_and_dms() {
    let root = data("modern");
    let read = |file: &str, by_id| listed_members(&std::fs::read(root.join(file)).unwrap(), by_id);
    let mut listed = read("channels.json", false);
    listed.extend(read("groups.json", false));
    listed.extend(read("dms.json", true));
    assert_eq!(listed.len(), 4, "channels, a private channel and a DM");

    let t = read_export(&root, &all()).unwrap();
    assert_eq!(members(&t), listed);
    assert_eq!(
        by_id(&t, "D01DM/1714572090.000100").channel.as_deref(),
        Some("D01DM"),
        "a DM is named by its folder, as its message ids are"
    );
    assert_eq!(
        by_id(&t, "sre-private/1714572600.000100")
            .channel
            .as_deref(),
        Some("sre-private")
    );
    let zipped = read_zip_bytes(&modern_zip("export/"), "modern.zip", &all()).unwrap();
    assert_eq!(zipped.channel_members, t.channel_members);
}

#[test]
fn malformed_member_lists_are_warnings_naming_file_and_item() {
    let zip = make_zip(
        &[
            (
                "users.json",
                br#"[{"id":"U1","name":"ann"},{"id":"U2","name":"bob"},{"id":"U3","name":"cy"}]"#,
            ),
            (
                "channels.json",
                br#"[{"id":"C1","name":"ops","members":"U1"},
                     {"id":"C2","name":"dev","members":["U1",7,"","U2","U1",null]},
                     {"id":"C3","name":"quiet","members":{"U3":true}}]"#,
            ),
            (
                "groups.json",
                br#"[{"id":"G1","name":"sre","members":["U3"]}]"#,
            ),
            (
                "ops/2024-05-01.json",
                br#"[{"type":"message","user":"U1","text":"hi","ts":"1714572000.000100"}]"#,
            ),
            (
                "dev/2024-05-01.json",
                br#"[{"type":"message","user":"U2","text":"yo","ts":"1714572001.000100"}]"#,
            ),
            (
                "sre/2024-05-01.json",
                br#"[{"type":"message","user":"U3","text":"hey","ts":"1714572002.000100"}]"#,
            ),
        ],
        CompressionMethod::Stored,
    );
    let t = read_zip_bytes(&zip, "bad-members.zip", &all()).unwrap();
    assert_eq!(t.entries.len(), 3, "every message is read");
    assert_eq!(
        members(&t),
        BTreeMap::from([
            ("dev".to_owned(), vec!["U1".to_owned(), "U2".to_owned()]),
            ("sre".to_owned(), vec!["U3".to_owned()]),
        ])
    );
    // `quiet` has no folder, so it is not read and its broken list is nobody's concern.
    assert_eq!(
        t.warnings,
        [
            "channels.json: item 2 (dev): `members` item 2: a number is not a user id; skipped",
            "channels.json: item 2 (dev): `members` item 3: an empty string is not a user id; skipped",
            "channels.json: item 2 (dev): `members` item 6: null is not a user id; skipped",
            "channels.json: item 1 (ops): `members` is a string, not a list of user ids; its members are not recorded",
        ]
    );
    // Warnings only for the conversations selected.
    let opts = SlackOptions {
        channels: Some(vec!["sre".into()]),
        ..all()
    };
    let sre = read_zip_bytes(&zip, "bad-members.zip", &opts).unwrap();
    assert_eq!(sre.warnings, Vec::<String>::new());
    assert_eq!(members(&sre).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Never a panic, whatever the bytes.

const TINY_DAY: &[u8] = br#"[{"ts":"1452720000.000002","user":"U1","text":"<@U1> <#C1> <!here> <https://x|y> &amp;","thread_ts":"1452720000.000001","files":[{"name":"a.png"}],"attachments":[{"fallback":"f","fields":[{"title":"t","value":"v"}]}]},{"ts":"1452720001.000000","subtype":"message_changed","message":{"ts":"1452720000.000002","text":"x"}},{"ts":"1452720002","subtype":"message_deleted","deleted_ts":"1452720000.000002"},{"ts":"1452720003.1","bot_id":"B1","text":"","blocks":[{"type":"rich_text","elements":[{"type":"rich_text_list","elements":[{"type":"rich_text_section","elements":[{"type":"user","user_id":"U1"},{"type":"text","text":" "},{"type":"link","url":"https://x"}]}]}]}]}]"#;

fn tiny_export_with_day(day: &[u8]) -> Vec<u8> {
    make_zip(
        &[
            (
                "users.json",
                br#"[{"id":"U1","name":"ann","profile":{"display_name":"Ann"}}]"#,
            ),
            ("channels.json", CHANNELS),
            ("general/2016-01-14.json", day),
        ],
        CompressionMethod::Stored,
    )
}

fn tiny_export() -> Vec<u8> {
    tiny_export_with_day(TINY_DAY)
}

#[test]
fn tiny_export_reads() {
    let t = read_zip_bytes(&tiny_export(), "tiny.zip", &all()).unwrap();
    let texts: Vec<&str> = t.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "x\n[edited 2016-01-13 21:20:01 UTC; first posted as: @Ann #general @here y (https://x) &\n[file: a.png]\n[attachment] t: v]\n[deleted 2016-01-13 21:20:02 UTC]",
            "[edit of general/1452720000.000002] x",
            "[deletion of general/1452720000.000002]",
            "- @Ann https://x",
        ]
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_zip_bytes(&bytes, "fuzz.zip", &all());
        let mut with_magic = b"PK\x03\x04".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = read_zip_bytes(&with_magic, "fuzz.zip", &all());
    }

    #[test]
    fn flipped_bytes_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let mut bytes = tiny_export();
        for (at, value) in flips {
            let i = at % bytes.len();
            bytes[i] = value;
        }
        let _ = read_zip_bytes(&bytes, "fuzz.zip", &all());
    }

    /// Flips inside the day file, zipped afterwards so that the CRC matches and the JSON and
    /// message handling see the damage rather than the ZIP layer.
    #[test]
    fn flipped_day_files_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let mut day = TINY_DAY.to_vec();
        for (at, value) in flips {
            let i = at % day.len();
            day[i] = value;
        }
        let _ = read_zip_bytes(&tiny_export_with_day(&day), "fuzz.zip", &all());
    }
}

#[test]
fn options_default_to_everything() {
    let o = SlackOptions::default();
    assert!(o.channels.is_none() && o.from.is_none() && o.to.is_none());
    assert_eq!(o.limits, ZipLimits::default());
    assert_eq!(ZipLimits::default().max_total_bytes, 4 << 30);
}
