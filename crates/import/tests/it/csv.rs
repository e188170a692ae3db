//! CSV timelines: Timesketch's layout, Lore's own columns, mapped layouts (a deploy log, an
//! alert export, a real status-history CSV) and the errors a person importing would see.

use lore_core::EntryKind;
use lore_import::MAX_LINE_BYTES;
use lore_import::csv_timeline::read;
use lore_import::field_map::{FieldMap, parse_offset_arg};
use proptest::prelude::*;
use time::macros::datetime;

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn map(args: &[&str]) -> FieldMap {
    FieldMap::from_args(args.iter().copied()).unwrap()
}

fn err(input: &str, map: &FieldMap) -> String {
    read(input.as_bytes(), "x.csv", map)
        .unwrap_err()
        .to_string()
}

#[test]
fn timesketch_layout_with_extra_columns() {
    let t = read(
        &data("timesketch.csv")[..],
        "timesketch.csv",
        &FieldMap::default(),
    )
    .unwrap();
    assert_eq!(t.entries.len(), 3);
    assert!(t.people.is_empty() && t.warnings.is_empty());

    // Timesketch's own example row: `datetime` wins over a `timestamp` that disagrees.
    let a = &t.entries[0];
    assert_eq!(a.occurred_at, datetime!(2015-07-24 19:01:01 UTC));
    assert_eq!(a.time_text, "2015-07-24T19:01:01+00:00");
    assert_eq!(a.time_zone.as_deref(), Some("+00:00:00"));
    assert_eq!(a.text, "A message");
    assert_eq!(a.kind, EntryKind::Note);
    assert_eq!(a.author_handle, None);
    assert_eq!(a.provenance.path, "timesketch.csv");
    assert_eq!(a.provenance.line, Some(2));
    assert_eq!(a.provenance.message_id, None);
    assert_eq!(
        a.raw,
        r#"{"message":"A message","timestamp":"1331698658276340","datetime":"2015-07-24T19:01:01+00:00","timestamp_desc":"Write time","extra_field_1":"foo","extra_field_2":"bar"}"#
    );

    let b = &t.entries[1];
    assert_eq!(b.occurred_at, datetime!(2015-07-24 19:01:02 UTC));
    assert_eq!(b.time_text, "1437764462000000");
    assert_eq!(b.time_zone.as_deref(), Some("UTC"));
    assert_eq!(b.provenance.line, Some(3));

    let c = &t.entries[2];
    assert_eq!(c.text, r#"Quoted, with a comma and "quotes""#);
    assert_eq!(c.occurred_at, datetime!(2015-07-24 19:01:03.25 +2));
    assert_eq!(c.time_zone.as_deref(), Some("+02:00:00"));
    assert_eq!(c.provenance.line, Some(4));
    assert!(
        c.raw
            .contains(r#""message":"Quoted, with a comma and \"quotes\"""#)
    );
}

#[test]
fn lore_columns_bom_crlf_multiline_values_and_blank_lines() {
    let t = read(&data("lore.csv")[..], "lore.csv", &FieldMap::default()).unwrap();
    let e = &t.entries;
    assert_eq!(e.len(), 5);
    let lines: Vec<_> = e.iter().map(|e| e.provenance.line.unwrap()).collect();
    assert_eq!(lines, [2, 3, 5, 7, 8]);
    let authors: Vec<_> = e.iter().map(|e| e.author_handle.as_deref()).collect();
    assert_eq!(
        authors,
        [
            Some("nadia"),
            Some("omar"),
            Some("lena"),
            Some("statusbot"),
            None
        ]
    );
    let kinds: Vec<_> = e.iter().map(|e| e.kind).collect();
    use EntryKind::*;
    assert_eq!(kinds, [Chat, Chat, Chat, Status, Note]);
    let ids: Vec<_> = e
        .iter()
        .map(|e| e.provenance.message_id.as_deref())
        .collect();
    assert_eq!(ids, [Some("m1"), Some("m2"), Some("m3"), None, None]);
    let parents: Vec<_> = e.iter().map(|e| e.thread_parent.as_deref()).collect();
    assert_eq!(parents, [None, Some("m1"), None, None, None]);
    let noise: Vec<_> = e.iter().map(|e| e.noise).collect();
    assert_eq!(noise, [false, false, true, false, false]);
    assert_eq!(e[0].occurred_at, datetime!(2026-03-17 11:30 UTC));
    assert_eq!(e[0].time_zone.as_deref(), Some("-04:00:00"));
    assert_eq!(
        e[1].text,
        "on it, rolling back api 1.2.3\r\n(see the deploy log)"
    );
    assert_eq!(e[3].occurred_at, datetime!(2026-03-17 11:45 UTC));
    assert_eq!(e[3].time_text, "2026-03-17 11:45:00Z");
    assert_eq!(e[4].occurred_at, datetime!(2026-03-17 12:10 UTC));
    assert_eq!(e[4].text, "Follow-up: add checkout to the canary");
    assert!(
        e[0].raw.starts_with(r#"{"datetime":"#),
        "no BOM in the first column's name"
    );
    assert!(e[0].raw.ends_with(r##","channel":"#inc-checkout"}"##));
    // Lore's own `channel` column; the last two rows leave it empty.
    let channels: Vec<_> = e.iter().map(|e| e.channel.as_deref()).collect();
    let inc = Some("#inc-checkout");
    assert_eq!(channels, [inc, inc, inc, None, None]);
}

#[test]
fn a_deploy_log_through_map_kind_and_tz() {
    let mut m = map(&["deployed_at=datetime", "deployer=author"]);
    m.default_kind = Some(EntryKind::Deploy);
    assert_eq!(
        read(&data("deploys.csv")[..], "deploys.csv", &m)
            .unwrap_err()
            .to_string(),
        "deploys.csv:2: column `deployed_at`: \"2026-03-17 10:31\" has no UTC offset; pass --tz"
    );

    m.assume_tz = Some(parse_offset_arg("-04:00").unwrap().into());
    let t = read(&data("deploys.csv")[..], "deploys.csv", &m).unwrap();
    let texts: Vec<_> = t.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "service=api version=1.2.3",
            "service=api version=1.2.2",
            r#"service=web version="7.0.1, hotfix""#,
        ]
    );
    let authors: Vec<_> = t
        .entries
        .iter()
        .map(|e| e.author_handle.as_deref())
        .collect();
    assert_eq!(authors, [Some("omar"), Some("omar"), Some("lena")]);
    let times: Vec<_> = t.entries.iter().map(|e| e.occurred_at).collect();
    assert_eq!(
        times,
        [
            datetime!(2026-03-17 14:31 UTC),
            datetime!(2026-03-17 14:58 UTC),
            datetime!(2026-03-17 15:02:30 UTC),
        ]
    );
    assert!(
        t.entries
            .iter()
            .all(|e| e.kind == EntryKind::Deploy && e.time_zone.as_deref() == Some("-04:00:00"))
    );
    assert_eq!(t.entries[2].time_text, "2026-03-17 11:02:30");
    assert_eq!(t.entries[2].provenance.line, Some(4));
    assert_eq!(
        t.entries[2].raw,
        r#"{"deployed_at":"2026-03-17 11:02:30","service":"web","version":"7.0.1, hotfix","deployer":"lena"}"#
    );
}

#[test]
fn an_alert_export_in_epoch_seconds() {
    let mut m = map(&["fired_at=epoch_seconds", "summary=message"]);
    m.default_kind = Some(EntryKind::Alert);
    let t = read(&data("alerts.csv")[..], "alerts.csv", &m).unwrap();
    let e = &t.entries;
    assert_eq!(e.len(), 3);
    assert_eq!(e[0].occurred_at, datetime!(2026-03-17 11:30 UTC));
    assert_eq!(e[1].occurred_at, datetime!(2026-03-17 11:31:00.5 UTC));
    assert_eq!(e[1].time_text, "1773747060.5");
    assert_eq!(e[2].occurred_at, datetime!(2026-03-17 12:10 UTC));
    assert_eq!(e[0].text, "5xx ratio above 5% on checkout-api");
    assert_eq!(e[2].text, "5xx ratio back under 1%");
    assert!(e.iter().all(|e| e.kind == EntryKind::Alert
        && e.time_zone.as_deref() == Some("UTC")
        && e.author_handle.is_none()
        && e.provenance.message_id.is_none()));
    assert!(e[2].raw.contains(r#""status":"resolved""#));
}

/// A real CSV produced outside Lore: GitHub's status history as downtime windows. Expected
/// figures were computed with Python's csv module from the same file.
#[test]
fn github_status_downtime_windows() {
    let bytes = data("github-status/downtime_windows.csv");
    let mut m = map(&["downtime_start=datetime", "title=message", "incident_id=id"]);
    m.default_kind = Some(EntryKind::Status);
    let t = read(&bytes[..], "downtime_windows.csv", &m).unwrap();
    let e = &t.entries;
    assert_eq!(e.len(), 819);
    assert!(
        e.iter()
            .all(|e| e.kind == EntryKind::Status && e.author_handle.is_none())
    );

    let first = &e[0];
    assert_eq!(first.occurred_at, datetime!(2022-03-26 01:43 UTC));
    assert_eq!(first.time_text, "2022-03-26T01:43:00Z");
    assert_eq!(first.text, "Incident with Codespaces");
    assert_eq!(first.provenance.line, Some(2));
    assert_eq!(first.provenance.message_id.as_deref(), Some("9632825"));
    assert_eq!(
        first.raw,
        r#"{"incident_id":"9632825","downtime_start":"2022-03-26T01:43:00Z","downtime_end":"2022-03-26T03:35:00Z","duration_minutes":"112","source":"updates","title":"Incident with Codespaces","impact":"minor"}"#
    );

    let last = &e[818];
    assert_eq!(last.occurred_at, datetime!(2026-08-20 14:43 UTC));
    assert_eq!(last.text, "Intermittent failures creating agent tasks");
    assert_eq!(last.provenance.line, Some(820));
    assert_eq!(last.provenance.message_id.as_deref(), Some("31233568"));

    let earliest = e.iter().min_by_key(|e| e.occurred_at).unwrap();
    assert_eq!(earliest.occurred_at, datetime!(2022-03-24 19:11 UTC));
    assert_eq!(earliest.provenance.line, Some(4));
    assert_eq!(earliest.provenance.message_id.as_deref(), Some("9622130"));
    assert_eq!(
        e.iter().map(|e| e.occurred_at).max(),
        Some(datetime!(2026-08-20 14:43 UTC))
    );
    assert_eq!(
        e.iter()
            .filter(|e| e.occurred_at >= datetime!(2026-01-01 0:00 UTC))
            .count(),
        210
    );

    // A quoted title with commas, and titles with a no-break space and an en dash.
    assert_eq!(e[22].provenance.line, Some(24));
    assert_eq!(
        e[22].text,
        "Incident with GitHub Actions, API Requests, Codespaces, Git Operations, Issues, \
         GitHub Packages, GitHub Pages, Pull Requests, and Webhooks"
    );
    assert_eq!(e[723].provenance.message_id.as_deref(), Some("29800669"));
    assert_eq!(
        e[723].text,
        "Delays with Actions Jobs\u{a0}for Larger Runners using VNet Injection in the East US region"
    );
    assert_eq!(e[797].provenance.line, Some(799));
    assert_eq!(
        e[797].text,
        "Test Incident Posted in Error \u{2013} No Customer Impact (Will Be Removed)"
    );

    // Without a message column, the message is built from the columns Lore does not read.
    let m = map(&["downtime_start=datetime", "incident_id=id"]);
    let t = read(&bytes[..], "downtime_windows.csv", &m).unwrap();
    assert_eq!(t.entries.len(), 819);
    assert_eq!(
        t.entries[0].text,
        "downtime_end=2022-03-26T03:35:00Z duration_minutes=112 source=updates \
         title=\"Incident with Codespaces\" impact=minor"
    );
    assert_eq!(t.entries[0].kind, EntryKind::Note);
}

#[test]
fn header_problems_name_the_columns() {
    let none = FieldMap::default();
    assert_eq!(
        err("a,b,c\n1,2,3\n", &none),
        "x.csv: no `datetime` or `timestamp` column (columns: a, b, c); \
         map one with --map COLUMN=datetime"
    );
    assert_eq!(
        err("a,b,c\n1,2,3\n", &map(&["when=datetime"])),
        "x.csv: --map when=datetime: there is no column `when` (columns: a, b, c)"
    );
    assert_eq!(
        err("datetime,message,datetime\n", &none),
        "x.csv:1: header: column `datetime` appears twice"
    );
    assert_eq!(
        read(&b"datetime,mes\xffsage\n"[..], "x.csv", &none)
            .unwrap_err()
            .to_string(),
        "x.csv:1: header: column 2 is not UTF-8 (byte 4 of the name)"
    );
    assert_eq!(err("", &none), "x.csv: empty file: no header row");
    assert_eq!(err("\u{feff}", &none), "x.csv: empty file: no header row");
    let t = read(&b"datetime,message\r\n"[..], "x.csv", &none).unwrap();
    assert!(t.entries.is_empty());
}

#[test]
fn record_problems_name_the_line_and_column() {
    let none = FieldMap::default();
    assert_eq!(
        err(
            "datetime,message\n2026-03-17T10:00:00Z,ok\n2026-03-17T10:01:00Z,too,many\n",
            &none
        ),
        "x.csv:3: record has 3 fields, the header has 2"
    );
    assert_eq!(
        err(
            "datetime,message\r\n\"2026-03-17T10:00:00Z\",\"two\r\nlines\"\r\nonly one\r\n",
            &none
        ),
        "x.csv:4: record has 1 fields, the header has 2"
    );
    assert_eq!(
        err("datetime,message\n17/03/2026 10:00,x\n", &none),
        "x.csv:2: column `datetime`: \"17/03/2026 10:00\" is not a date and time like \
         2019-10-02T08:25:06+00:00 (expected YYYY-MM-DD)"
    );
    // The example from the design notes: a log that starts writing local times mid-file.
    assert_eq!(
        read(
            &b"deployed_at,service\n2026-03-17 10:01Z,api\n2026-03-17 10:20Z,web\n2026-03-17 10:31,api\n"[..],
            "deploys.csv",
            &map(&["deployed_at=datetime"])
        )
        .unwrap_err()
        .to_string(),
        "deploys.csv:4: column `deployed_at`: \"2026-03-17 10:31\" has no UTC offset; pass --tz"
    );
    assert_eq!(
        err("timestamp,message\nsoon,x\n", &none),
        "x.csv:2: column `timestamp`: \"soon\" is not a whole number of microseconds since 1970-01-01"
    );
    assert_eq!(
        err("t,message\n1e9,x\n", &map(&["t=epoch_seconds"])),
        "x.csv:2: column `t`: \"1e9\" is not a number of seconds since 1970-01-01"
    );
    assert_eq!(
        err("datetime,timestamp,message\n,,x\n", &none),
        "x.csv:2: no time: columns `datetime` and `timestamp` are empty"
    );
    assert_eq!(
        err("datetime,message\n ,x\n", &none),
        "x.csv:2: no time: column `datetime` is empty"
    );
    assert_eq!(
        err(
            "datetime,message,kind\n2026-03-17T10:00:00Z,x,tweet\n",
            &none
        ),
        "x.csv:2: column `kind`: unknown entry kind \"tweet\": expected one of chat, status, \
         deploy, alert, ticket, transcript, note"
    );
    assert_eq!(
        err(
            "datetime,message,noise\n2026-03-17T10:00:00Z,x,maybe\n",
            &none
        ),
        "x.csv:2: column `noise`: \"maybe\" is not true or false"
    );
    assert_eq!(
        read(
            &b"datetime,message\n2026-03-17T10:00:00Z,ok\n2026-03-17T10:00:00Z,\"a\nb\xffc\"\n"[..],
            "x.csv",
            &none
        )
        .unwrap_err()
        .to_string(),
        "x.csv:3: column `message`: not UTF-8 (byte 4 of the value)"
    );
}

#[test]
fn records_are_capped() {
    let none = FieldMap::default();
    let at_cap = format!(
        "datetime,message\n2026-03-17T10:00:00Z,{}\n",
        "x".repeat(MAX_LINE_BYTES - "2026-03-17T10:00:00Z,".len())
    );
    assert_eq!(
        read(at_cap.as_bytes(), "x.csv", &none).unwrap().entries[0]
            .text
            .len(),
        MAX_LINE_BYTES - 21
    );
    let over = at_cap.replacen(",x", ",xx", 1);
    assert_eq!(
        err(&over, &none),
        format!("x.csv:2: record is longer than {MAX_LINE_BYTES} bytes")
    );
    // A quoted value that never ends is refused before it is read whole.
    let endless = format!(
        "datetime,message\n\n2026-03-17T10:00:00Z,\"{}",
        "line\n".repeat(MAX_LINE_BYTES)
    );
    assert_eq!(
        err(&endless, &none),
        format!("x.csv:3: record is longer than {MAX_LINE_BYTES} bytes")
    );
}

fn mapped() -> FieldMap {
    let mut m = map(&["a=datetime", "b=epoch_seconds", "c=author"]);
    m.assume_tz = Some(time::UtcOffset::UTC.into());
    m.default_kind = Some(EntryKind::Deploy);
    m
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read(&bytes[..], "fuzz.csv", &FieldMap::default());
        let _ = read(&bytes[..], "fuzz.csv", &mapped());
    }

    #[test]
    fn never_panics_on_csv_like_input(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "datetime", "timestamp", "message", "kind", "noise", "a", "b", "c", ",", "\"",
            "\n", "\r\n", "\r", " ", "2026-03-17T10:00:00Z", "2026-03-17 10:00", "1773747000.5",
            "9223372036854775807", "-", ":", "+99:99", "note", "true", "\u{feff}", "\u{ff}",
        ]),
        0..64,
    )) {
        let text = parts.concat();
        let _ = read(text.as_bytes(), "fuzz.csv", &FieldMap::default());
        let _ = read(text.as_bytes(), "fuzz.csv", &mapped());
    }
}
