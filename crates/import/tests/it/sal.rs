//! Server admin logs read as write-ups: each action's nick is its author.

use lore_import::writeup::{self, WriteupOptions};
use time::macros::datetime;

/// Shaped like Wikimedia's Server Admin Log: newest day first, one `* HH:MM nick: action` per
/// line, times in UTC.
const SAL: &str = "\
# Server Admin Log

All times in UTC.

## 2019-12-31
* 19:45 James_F: Zuul: [mediawiki/extensions/Foo] Drop Bar from CI
* 19:40 bd808: restarted nginx on deploy1001
* 18:02 wm-bot[bot]: deployed new config
* 16:10 no nick here, just a note

## 2019-12-30
* 23:59 marxarelli-away: synced l10n
";

#[test]
fn a_server_admin_log_keeps_each_nick_as_the_author() {
    let record = writeup::read_bytes(SAL.as_bytes(), "sal.md", &WriteupOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<_> = record
        .timeline
        .entries
        .iter()
        .map(|e| {
            (
                e.provenance.line.unwrap(),
                e.occurred_at,
                e.author_handle.as_deref(),
                e.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                6,
                datetime!(2019-12-31 19:45 UTC),
                Some("James_F"),
                "Zuul: [mediawiki/extensions/Foo] Drop Bar from CI"
            ),
            (
                7,
                datetime!(2019-12-31 19:40 UTC),
                Some("bd808"),
                "restarted nginx on deploy1001"
            ),
            (
                8,
                datetime!(2019-12-31 18:02 UTC),
                Some("wm-bot[bot]"),
                "deployed new config"
            ),
            (
                9,
                datetime!(2019-12-31 16:10 UTC),
                None,
                "no nick here, just a note"
            ),
            (
                12,
                datetime!(2019-12-30 23:59 UTC),
                Some("marxarelli-away"),
                "synced l10n"
            ),
        ]
    );
    // The raw record keeps the line as written, nick and all.
    assert_eq!(
        record.timeline.entries[1].raw,
        "* 19:40 bd808: restarted nginx on deploy1001"
    );
}

#[test]
fn a_postmortem_with_labelled_steps_under_a_dated_heading_gets_no_authors() {
    let md = "# Outage\n\n## 2019-12-31\n- 14:05 Detected: alerts fired\n- 14:10 paged the on-call\n- 14:20 rolled back\n";
    let record = writeup::read_bytes(md.as_bytes(), "pm.md", &WriteupOptions::default()).unwrap();
    let entries = &record.timeline.entries;
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e.author_handle.is_none()));
    assert_eq!(entries[0].text, "Detected: alerts fired");
}
