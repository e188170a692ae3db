//! WebVTT transcripts: Zoom's speaker labels, the specification's voice spans and blocks, and
//! the errors a person importing would see.

use lore_core::{EntryKind, PersonHint};
use lore_import::MAX_LINE_BYTES;
use lore_import::vtt::read;
use proptest::prelude::*;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const START: OffsetDateTime = datetime!(2026-03-17 09:00 -4);

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/vtt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn err(input: &str) -> String {
    read(input.as_bytes(), "call.vtt", START)
        .unwrap_err()
        .to_string()
}

fn person(name: &str) -> PersonHint {
    PersonHint {
        handle: name.into(),
        display_name: name.into(),
    }
}

#[test]
fn zoom_transcript() {
    let t = read(&data("zoom.vtt")[..], "zoom.vtt", START).unwrap();
    let e = &t.entries;
    assert_eq!(e.len(), 6);
    let authors: Vec<_> = e.iter().map(|e| e.author_handle.as_deref()).collect();
    assert_eq!(
        authors,
        [
            Some("Nadia Okafor"),
            Some("Nadia Okafor"),
            Some("Omar Haddad"),
            Some("Lena Vogel"),
            None,
            Some("Omar Haddad"),
        ]
    );
    assert_eq!(
        t.people,
        [
            person("Nadia Okafor"),
            person("Omar Haddad"),
            person("Lena Vogel")
        ]
    );
    let lines: Vec<_> = e.iter().map(|e| e.provenance.line.unwrap()).collect();
    assert_eq!(lines, [4, 8, 12, 19, 23, 27]);
    let ids: Vec<_> = e
        .iter()
        .map(|e| e.provenance.message_id.as_deref())
        .collect();
    assert_eq!(
        ids,
        [
            Some("1"),
            Some("2"),
            Some("3"),
            Some("4"),
            Some("5"),
            Some("6")
        ]
    );
    let offsets: Vec<_> = e.iter().map(|e| e.occurred_at - START).collect();
    assert_eq!(
        offsets,
        [
            Duration::ZERO,
            Duration::milliseconds(4_350),
            Duration::milliseconds(9_800),
            Duration::seconds(18),
            Duration::milliseconds(22_500),
            Duration::milliseconds(62_040),
        ]
    );
    assert_eq!(e[5].occurred_at, datetime!(2026-03-17 13:01:02.04 UTC));
    assert!(e.iter().all(|e| e.kind == EntryKind::Transcript
        && e.time_zone.as_deref() == Some("-04:00:00")
        && e.provenance.path == "zoom.vtt"
        && e.thread_parent.is_none()
        && !e.noise));
    assert_eq!(
        e[0].text,
        "Okay, we're recording. This is the review of the checkout incident."
    );
    assert_eq!(e[0].time_text, "00:00:00.000 --> 00:00:04.350");
    assert_eq!(
        e[2].text,
        "Sure. The error rate alert fired at 7:30 and I saw 502s\nfrom the API pods right after the 1.2.3 deploy."
    );
    assert_eq!(
        e[2].raw,
        "3\n00:00:09.800 --> 00:00:17.460\nOmar Haddad: Sure. The error rate alert fired at 7:30 and I saw 502s\nfrom the API pods right after the 1.2.3 deploy."
    );
    assert_eq!(
        e[3].text,
        "We rolled back at 7:58 & errors dropped within <2 minutes."
    );
    assert_eq!(e[4].text, "Okay.");
    assert_eq!(
        e[5].text,
        "One more thing: the canary didn't cover checkout."
    );
    assert_eq!(
        t.warnings,
        ["zoom.vtt:23: 1 cue has no speaker (the first is here); imported without an author"]
    );
}

#[test]
fn voice_spans_blocks_settings_and_markup() {
    let t = read(&data("voices.vtt")[..], "voices.vtt", START).unwrap();
    let e = &t.entries;
    assert_eq!(e.len(), 5);
    let lines: Vec<_> = e.iter().map(|e| e.provenance.line.unwrap()).collect();
    assert_eq!(lines, [11, 15, 18, 24, 26]);
    let ids: Vec<_> = e
        .iter()
        .map(|e| e.provenance.message_id.as_deref())
        .collect();
    assert_eq!(ids, [None, Some("intro-2"), None, None, None]);
    let authors: Vec<_> = e
        .iter()
        .map(|e| e.author_handle.as_deref().unwrap())
        .collect();
    assert_eq!(
        authors,
        [
            "Esme Lindqvist",
            "Mary Ng",
            "Esme Lindqvist",
            "Mary Ng",
            "Esme"
        ]
    );
    let texts: Vec<_> = e.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The queue is still growing",
            "Then page storage & networking!",
            "Paging. (typing)",
            "An hour in and still going\u{a0}\u{200e}",
            "latency > 2s, p99 < 5s",
        ]
    );
    let offsets: Vec<_> = e.iter().map(|e| e.occurred_at - START).collect();
    assert_eq!(
        offsets,
        [
            Duration::seconds(1),
            Duration::seconds(4),
            Duration::milliseconds(6_500),
            Duration::hours(1),
            Duration::seconds(3_602),
        ]
    );
    assert_eq!(
        e[0].time_text,
        "00:01.000 --> 00:04.000 line:0 position:20% align:start"
    );
    assert_eq!(
        e[1].raw,
        "intro-2\n00:04.000 --> 00:06.500\n<v.loud Mary Ng>Then page storage &amp; networking!</v>"
    );
    assert_eq!(
        e[3].raw,
        "01:00:00.000 --> 01:00:02.000\n<v Mary Ng>An hour in <01:00:01.000>and <c.highlight>still</c> going&nbsp;&lrm;</v>"
    );
    assert_eq!(t.people.len(), 3);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn odd_blocks_are_skipped_with_a_warning() {
    let input = "WEBVTT\n00:00.000 --> 00:01.000\nA: first\n\nstray text\nmore\n\n\
                 00:02.000 --> 00:03.000\n\n00:04.000 --> 00:05.000\nno label\n\n\
                 00:06.000 --> 00:07.000\nstill none\n";
    let t = read(input.as_bytes(), "call.vtt", START).unwrap();
    let texts: Vec<_> = t.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["first", "no label", "still none"]);
    assert_eq!(
        t.entries[0].provenance.line,
        Some(2),
        "a cue right under the signature"
    );
    assert_eq!(
        t.warnings,
        [
            "call.vtt:5: skipped a block that is not a cue (no `-->` timing line)",
            "call.vtt:8: skipped a cue with no text",
            "call.vtt:10: 2 cues have no speaker (the first is here); imported without an author",
        ]
    );
}

#[test]
fn errors_name_the_line() {
    let not_vtt = "call.vtt:1: not a WebVTT file: the first line must start with WEBVTT";
    assert_eq!(err(""), not_vtt);
    assert_eq!(err("WEBVTTX\n"), not_vtt);
    assert_eq!(err("1\n00:00:01.000 --> 00:00:02.000\nhi\n"), not_vtt);
    assert_eq!(err("\u{feff}webvtt\n"), not_vtt);
    assert!(
        read(
            &b"\xEF\xBB\xBFWEBVTT\tKind: captions\r\n"[..],
            "c.vtt",
            START
        )
        .is_ok()
    );

    assert_eq!(
        err("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nA: hi\n"),
        "call.vtt:4: malformed cue timing line \"00:00:01,000 --> 00:00:02,000\": \
         the start is not a timestamp like 00:00:01.000 or 00:01.000"
    );
    assert_eq!(
        err("WEBVTT\n\n00:01.000 --> 00:02\nA: hi\n"),
        "call.vtt:3: malformed cue timing line \"00:01.000 --> 00:02\": \
         the end is not a timestamp like 00:00:04.000 or 00:04.000"
    );
    assert_eq!(
        err("WEBVTT\n\n00:01.000 00:02.000 -->\nA: hi\n"),
        "call.vtt:3: malformed cue timing line \"00:01.000 00:02.000 -->\": \
         expected `-->` after the start time"
    );
    assert_eq!(
        err("WEBVTT\n\nA: hi\n00:01.000 --> 00:02.000\nA: one\n00:01.000 --> 00:61.000\n"),
        "call.vtt:6: malformed cue timing line \"00:01.000 --> 00:61.000\": \
         the end is not a timestamp like 00:00:04.000 or 00:04.000"
    );
    assert_eq!(
        err("WEBVTT\n\n00:05.000 --> 00:02.000\nA: hi\n"),
        "call.vtt:3: cue ends (00:02.000) before it starts (00:05.000)"
    );
    assert_eq!(
        read(
            &b"WEBVTT\n\n00:01.000 --> 00:02.000\nA: \xff\n"[..],
            "call.vtt",
            START
        )
        .unwrap_err()
        .to_string(),
        "call.vtt:4: not UTF-8 (byte 4 of the line)"
    );
    let long = format!(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n{}\n",
        "x".repeat(MAX_LINE_BYTES + 1)
    );
    assert_eq!(
        err(&long),
        format!("call.vtt:4: line is longer than {MAX_LINE_BYTES} bytes")
    );
    let many = format!(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n{}",
        format!("{}\n", "y".repeat(1023)).repeat(1025)
    );
    assert_eq!(
        err(&many),
        format!("call.vtt:3: cue is longer than {MAX_LINE_BYTES} bytes")
    );
    assert_eq!(
        read(
            "WEBVTT\n\n999999999:00:00.000 --> 999999999:00:01.000\nA: hi\n".as_bytes(),
            "call.vtt",
            START
        )
        .unwrap_err()
        .to_string(),
        "call.vtt:3: cue start 999999999:00:00.000 is out of range"
    );
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read(&bytes[..], "fuzz.vtt", START);
    }

    #[test]
    fn never_panics_on_vtt_like_input(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "WEBVTT", "\n", "\r\n", " ", "\t", "-->", "00:01.000", "01:00:00.000", "99:", ":",
            ".", "0", "NOTE", "STYLE", "<v Ann>", "<v.x", "</v>", "<b>", "<", ">", "<00:00:01.000>",
            "Ann: ", "&amp;", "&#x", "&#1114112;", ";", "&", "\u{feff}", "\u{a0}", "é",
        ]),
        0..64,
    )) {
        let text = parts.concat();
        let _ = read(text.as_bytes(), "fuzz.vtt", START);
        let _ = read(format!("WEBVTT\n\n{text}").as_bytes(), "fuzz.vtt", START);
    }
}
