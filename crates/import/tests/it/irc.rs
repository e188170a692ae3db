//! The IRC reader against real logs (figures counted independently, see
//! `tests/data/irc/README.md`), hand-written fixtures for each dialect, bad input, and arbitrary
//! bytes.

use std::path::Path;

use lore_core::{EntryKind, NewTimelineEntry};
use lore_import::irc::{self, Dialect, IrcOptions};
use lore_import::{MAX_LINE_BYTES, Timeline};
use proptest::prelude::*;
use time::macros::{date, datetime, offset};
use time::{OffsetDateTime, UtcOffset};

fn data(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/irc")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_file(name: &str, opts: &IrcOptions) -> Timeline {
    irc::read(&data(name)[..], name, opts).unwrap_or_else(|e| panic!("{e}"))
}

fn detected(name: &str) -> Dialect {
    irc::detect(&data(name)[..], name).unwrap_or_else(|e| panic!("{e}"))
}

fn tz(offset: UtcOffset) -> IrcOptions {
    IrcOptions::new(offset)
}

/// The entry read from line `line`.
fn at(t: &Timeline, line: u64) -> &NewTimelineEntry {
    t.entries
        .iter()
        .find(|e| e.provenance.line == Some(line))
        .unwrap_or_else(|| panic!("no entry from line {line}"))
}

fn utc(e: &NewTimelineEntry) -> OffsetDateTime {
    e.occurred_at.to_offset(UtcOffset::UTC)
}

fn noise_count(t: &Timeline) -> usize {
    t.entries.iter().filter(|e| e.noise).count()
}

fn handles(t: &Timeline) -> Vec<&str> {
    t.people.iter().map(|p| p.handle.as_str()).collect()
}

// ---- real logs ---------------------------------------------------------------------------

#[test]
fn irclogs_ubuntu_2004_christmas() {
    let name = "2004-12-25.train-c.raw.txt";
    assert_eq!(detected(name), Dialect::IrclogsUbuntu);
    let t = read_file(name, &tz(offset!(-5)));

    assert_eq!(t.entries.len(), 1500);
    assert_eq!(noise_count(&t), 323, "277 joins, 38 parts, 8 renames");
    assert_eq!(
        t.entries.len() - noise_count(&t),
        1177,
        "1165 messages, 12 actions"
    );
    assert_eq!(t.people.len(), 237);
    assert!(t.entries.iter().all(|e| e.kind == EntryKind::Chat));
    assert!(
        t.entries
            .iter()
            .all(|e| e.time_zone.as_deref() == Some("-05:00"))
    );

    // The date comes from the file name; --tz -05:00 puts 09:14 at 14:14 UTC.
    let first = &t.entries[0];
    assert_eq!(utc(first), datetime!(2004-12-25 14:14 UTC));
    assert_eq!(first.time_text, "[09:14]");
    assert_eq!(first.author_handle.as_deref(), Some("crimsun"));
    // The log runs 09:14 … 11:55, then 00:05 … 06:09: 11h50 back, not a new day by the 12-hour
    // rule, so the rest stays on the 25th and a warning says so.
    let last = t.entries.last().unwrap();
    assert_eq!(last.provenance.line, Some(1500));
    assert_eq!(utc(last), datetime!(2004-12-25 11:09 UTC));
    assert_eq!(utc(at(&t, 637)), datetime!(2004-12-25 05:05 UTC));

    // Untimed `===` lines take the time of the line before them.
    let join = at(&t, 11);
    assert_eq!(
        join.raw,
        "=== L0sT [~waa3@raptor.ukc.ac.uk]  has joined #ubuntu"
    );
    assert_eq!(
        join.text,
        "L0sT [~waa3@raptor.ukc.ac.uk]  has joined #ubuntu"
    );
    assert!(join.noise);
    assert_eq!(join.author_handle.as_deref(), Some("L0sT"));
    assert_eq!(join.time_text, "");
    assert_eq!(join.occurred_at, at(&t, 10).occurred_at);
    // Old irclogs wrote `/me` as `=== nick does`.
    let action = at(&t, 341);
    assert_eq!(action.text, "* Tsjoklate nods at |QuaD");
    assert!(!action.noise);
    assert_eq!(action.author_handle.as_deref(), Some("Tsjoklate"));
    assert_eq!(utc(action), datetime!(2004-12-25 15:28 UTC));

    // Renames: one person under both nicks, named by the first nick seen.
    let m = at(&t, 1351);
    assert_eq!(m.author_handle.as_deref(), Some("carthikSchool__"));
    assert_eq!(
        m.text,
        "RuffianSoldier, just apt-get install KDE, it comes up automatically"
    );
    assert_eq!(at(&t, 1348).text, "carthikSchool__ is now known as carthik");
    assert!(at(&t, 1348).noise);
    assert_eq!(at(&t, 1018).author_handle.as_deref(), Some("matthew"));
    // mas01cr (line 1319) takes back Xophe (first seen at line 772): one person, Xophe.
    for line in [772, 1319, 1320] {
        assert_eq!(
            at(&t, line).author_handle.as_deref(),
            Some("Xophe"),
            "{line}"
        );
    }
    assert!(!handles(&t).contains(&"mas01cr"));
    assert!(!handles(&t).contains(&"carthik"));

    let file = name;
    assert_eq!(
        t.warnings,
        [
            format!(
                "{file}:637: the time goes back from [11:55] to [00:05]; kept on 2004-12-25 (lines out of order, or a 12-hour clock?)"
            ),
            format!(
                "{file}:1320: mas01cr is now known as Xophe, a nick first seen at line 772; read as one person, Xophe"
            ),
            format!(
                "{file}: 335 lines give no time of their own; each takes the time of the line before it (first: line 11)"
            ),
            format!(
                "{file}:70: the same line at the same time as line 69; Lore will keep one of them"
            ),
            format!(
                "{file}:923: the same line at the same time as line 921; Lore will keep one of them"
            ),
        ]
    );
}

#[test]
fn corpus_ubuntu_meeting_with_dated_untimed_renames() {
    let name = "ubuntu-meeting.0.ascii.txt";
    assert_eq!(detected(name), Dialect::IrclogsUbuntu);
    let t = read_file(name, &tz(UtcOffset::UTC));
    assert_eq!(t.entries.len(), 1200);
    assert_eq!(noise_count(&t), 27);
    assert_eq!(t.people.len(), 66);
    assert_eq!(utc(&t.entries[0]), datetime!(2010-11-08 13:21 UTC));
    assert_eq!(t.entries[0].time_text, "2010-11-08 [13:21]");
    assert_eq!(
        utc(t.entries.last().unwrap()),
        datetime!(2010-11-09 19:26 UTC)
    );
    // rodrigo_ speaks from line 1; rodrigo__ takes the nick back at line 98.
    let rename = at(&t, 98);
    assert_eq!(rename.text, "rodrigo__ is now known as rodrigo_");
    assert_eq!(rename.author_handle.as_deref(), Some("rodrigo_"));
    assert_eq!(rename.time_text, "2010-11-08");
    assert_eq!(rename.occurred_at, at(&t, 96).occurred_at);
    assert!(!handles(&t).contains(&"rodrigo__"));
    // The first line of the 9th has a date and no time: the start of its day.
    assert_eq!(utc(at(&t, 467)), datetime!(2010-11-09 00:00 UTC));
    let action = at(&t, 152);
    assert_eq!(
        action.text,
        "* jdstrand finds it odd how often NFS gets borked in the dev release"
    );
    assert_eq!(action.time_text, "2010-11-08 [18:17]");
    assert!(!action.noise);

    let file = name;
    assert_eq!(
        t.warnings,
        [
            format!(
                "{file}:98: rodrigo__ is now known as rodrigo_, a nick first seen at line 1; read as one person, rodrigo_"
            ),
            format!(
                "{file}:467: no time, and a day no line before it is on; placed at the start of 2010-11-09"
            ),
            format!(
                "{file}: 26 lines give no time of their own; each takes the time of the line before it (first: line 97)"
            ),
            format!(
                "{file}:750: the same line at the same time as line 748; Lore will keep one of them"
            ),
            format!(
                "{file}:958: the same line at the same time as line 953; Lore will keep one of them"
            ),
        ]
    );

    // --channel keeps one channel of a log that names it on every line.
    let mut opts = tz(UtcOffset::UTC);
    opts.channel = Some("#Ubuntu-Meeting".into());
    assert_eq!(read_file(name, &opts).entries.len(), 1200);
    opts.channel = Some("rust".into());
    let other = read_file(name, &opts);
    assert!(other.entries.is_empty());
    assert_eq!(
        other.warnings,
        [format!(
            "{file}: 1200 lines from channels other than rust were skipped (first: line 1)"
        )]
    );
}

#[test]
fn corpus_rust_with_notices_and_actions() {
    let name = "rust.0.ascii.txt";
    assert_eq!(detected(name), Dialect::IrclogsUbuntu);
    let t = read_file(name, &tz(offset!(+2)));
    assert_eq!(t.entries.len(), 1200);
    assert_eq!(noise_count(&t), 0);
    assert_eq!(t.people.len(), 122);
    assert_eq!(utc(&t.entries[0]), datetime!(2018-05-29 19:20:37 UTC));
    assert_eq!(
        utc(t.entries.last().unwrap()),
        datetime!(2018-05-31 06:21:55 UTC)
    );
    let notice = at(&t, 24);
    assert_eq!(notice.author_handle.as_deref(), Some("eval"));
    assert_eq!(notice.text, "[]");
    assert_eq!(at(&t, 40).text, "* Kingsquee pines");
    assert_eq!(at(&t, 152).author_handle.as_deref(), Some("oats"));
    assert_eq!(at(&t, 152).text, "I hope rust continues to grow in use");
    assert_eq!(at(&t, 152).time_text, "2018-05-30 [01:19:56]");
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn corpus_mediawiki_with_tabs() {
    let name = "mediawiki.0.ascii.txt";
    assert_eq!(detected(name), Dialect::IrclogsUbuntu);
    let t = read_file(name, &tz(UtcOffset::UTC));
    assert_eq!(t.entries.len(), 1200);
    assert_eq!(noise_count(&t), 0);
    assert_eq!(t.people.len(), 55);
    assert_eq!(utc(&t.entries[0]), datetime!(2013-01-26 15:04:04 UTC));
    assert_eq!(
        utc(t.entries.last().unwrap()),
        datetime!(2013-01-27 22:01:04 UTC)
    );
    let m = at(&t, 3);
    assert_eq!(m.author_handle.as_deref(), Some("MatmaRex"));
    assert_eq!(m.text, "Nemo_bis: my pleasure");
    assert_eq!(
        m.raw,
        "mediawiki 2013-01-26 [15:04:48] <MatmaRex>\t Nemo_bis: my pleasure  "
    );
    assert_eq!(at(&t, 140).text, "* Isarra mutters irritably.");
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

// ---- hand-written fixtures, one per dialect without a real sample ---------------------------

#[test]
fn irssi_headers_give_the_dates() {
    let name = "irssi-lore.log";
    assert_eq!(detected(name), Dialect::Irssi);
    let t = read_file(name, &tz(offset!(+2)));
    assert_eq!(t.entries.len(), 12);
    assert_eq!(noise_count(&t), 7);
    assert_eq!(handles(&t), ["joe", "ann", "bob"]);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);

    let first = &t.entries[0];
    assert_eq!(first.provenance.line, Some(2));
    assert_eq!(utc(first), datetime!(2019-10-02 20:58 UTC));
    assert_eq!(first.time_text, "22:58");
    assert_eq!(first.time_zone.as_deref(), Some("+02:00"));
    assert_eq!(first.text, "joe [~joe@203.0.113.5] has joined #lore");
    assert!(first.noise);
    let client = at(&t, 3);
    assert!(client.noise);
    assert_eq!(client.author_handle, None);
    let said = at(&t, 4);
    assert_eq!(
        (
            said.author_handle.as_deref(),
            said.text.as_str(),
            said.noise
        ),
        (Some("joe"), "the primary is not answering", false)
    );
    assert_eq!(at(&t, 5).author_handle.as_deref(), Some("ann"), "< ann>");
    assert_eq!(at(&t, 6).text, "* ann restarts pgbouncer");
    assert!(!at(&t, 6).noise);
    assert_eq!(
        at(&t, 7).author_handle.as_deref(),
        Some("joe"),
        "mode by joe"
    );
    assert_eq!(at(&t, 8).author_handle.as_deref(), Some("bob"), "<+bob>");
    assert_eq!(at(&t, 9).text, "joe is now known as joe_away");
    assert_eq!(at(&t, 10).author_handle.as_deref(), Some("joe"));
    assert_eq!(at(&t, 10).raw, "23:40 <joe_away> still here, on the phone");
    // After `--- Day changed Thu Oct 03 2019`: no rollover warning needed.
    assert_eq!(utc(at(&t, 12)), datetime!(2019-10-02 22:02 UTC));
    assert_eq!(at(&t, 13).author_handle.as_deref(), Some("ann"), "topic");
    assert_eq!(
        at(&t, 14).text,
        "ann [~ann@192.0.2.9] has left #lore [done]"
    );

    // The log's own header beats --date.
    let mut opts = tz(offset!(+2));
    opts.date = Some(date!(2020 - 01 - 01));
    assert_eq!(
        utc(&read_file(name, &opts).entries[0]),
        datetime!(2019-10-02 20:58 UTC)
    );
}

#[test]
fn weechat_lines_carry_their_dates() {
    let name = "irc.libera.#lore.weechatlog";
    assert_eq!(detected(name), Dialect::Weechat);
    let t = read_file(name, &tz(offset!(-4)));
    assert_eq!(t.entries.len(), 9);
    assert_eq!(noise_count(&t), 5);
    assert_eq!(handles(&t), ["joe", "ann", "bob", "ChanServ"]);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    assert_eq!(t.entries[0].text, "joe (~joe@203.0.113.5) has joined #lore");
    assert_eq!(t.entries[0].time_text, "2019-10-02 08:25:06");
    assert_eq!(utc(&t.entries[0]), datetime!(2019-10-02 12:25:06 UTC));
    assert_eq!(at(&t, 2).author_handle.as_deref(), Some("joe"), "@joe");
    assert_eq!(at(&t, 3).text, "* ann restarts pgbouncer");
    assert_eq!(at(&t, 4).text, "joe is now known as joe_away");
    assert_eq!(at(&t, 5).author_handle.as_deref(), Some("joe"));
    assert_eq!(at(&t, 6).author_handle.as_deref(), Some("bob"));
    assert!(at(&t, 7).noise);
    assert_eq!(at(&t, 8).author_handle.as_deref(), Some("ChanServ"));
    let last = at(&t, 9);
    assert_eq!(
        (
            last.author_handle.as_deref(),
            last.text.as_str(),
            last.noise
        ),
        (Some("joe"), "next day, still down", false)
    );
    assert_eq!(utc(last), datetime!(2019-10-03 04:00:01 UTC));
}

#[test]
fn znc_rolls_over_midnight_and_reports_a_stray_line() {
    let name = "znc_lore_20191002.log";
    assert_eq!(detected(name), Dialect::Znc);
    let t = read_file(name, &tz(UtcOffset::UTC));
    assert_eq!(t.entries.len(), 9);
    assert_eq!(noise_count(&t), 5);
    assert_eq!(handles(&t), ["joe", "ann", "bob", "NickServ"]);
    assert_eq!(utc(&t.entries[0]), datetime!(2019-10-02 23:55:01 UTC));
    assert_eq!(t.entries[0].text, "Joins: joe (~joe@203.0.113.5)");
    assert_eq!(t.entries[0].time_text, "[23:55:01]");
    assert_eq!(at(&t, 3).text, "* ann restarts pgbouncer");
    assert_eq!(at(&t, 5).author_handle.as_deref(), Some("joe"));
    assert_eq!(utc(at(&t, 6)), datetime!(2019-10-03 00:01 UTC));
    assert_eq!(at(&t, 6).author_handle.as_deref(), Some("bob"));
    assert_eq!(at(&t, 7).author_handle.as_deref(), Some("ann"));
    let notice = at(&t, 8);
    assert_eq!(
        (
            notice.author_handle.as_deref(),
            notice.text.as_str(),
            notice.noise
        ),
        (Some("NickServ"), "This nickname is registered.", false)
    );
    assert_eq!(
        at(&t, 10).author_handle.as_deref(),
        Some("joe"),
        "sets mode"
    );
    assert!(t.entries.iter().all(|e| e.provenance.line != Some(9)));
    assert_eq!(
        t.warnings,
        [
            "znc_lore_20191002.log:6: the time goes back from [23:58:00] to [00:01:00]; read as the next day, 2019-10-03",
            "znc_lore_20191002.log:9: not a line of a znc log; skipped: \"2019-10-03 00:04:00\\tjoe\\ta weechat line in a znc log\"",
        ]
    );

    // --date wins over the file name, and says so.
    let mut opts = tz(UtcOffset::UTC);
    opts.date = Some(date!(2019 - 10 - 05));
    let t = read_file(name, &opts);
    assert_eq!(utc(&t.entries[0]), datetime!(2019-10-05 23:55:01 UTC));
    assert_eq!(
        t.warnings[0],
        "znc_lore_20191002.log: --date 2019-10-05 differs from the date in the file name (2019-10-02); using --date"
    );
}

#[test]
fn limnoria_channel_logger() {
    let name = "lore.2019-10-02.log";
    assert_eq!(detected(name), Dialect::Limnoria);
    let t = read_file(name, &tz(offset!(+5:30)));
    assert_eq!(t.entries.len(), 8);
    assert_eq!(noise_count(&t), 4);
    assert_eq!(handles(&t), ["joe", "ann", "bob", "ChanServ"]);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    assert_eq!(t.entries[0].time_text, "2019-10-02T08:25:06");
    assert_eq!(t.entries[0].time_zone.as_deref(), Some("+05:30"));
    assert_eq!(utc(&t.entries[0]), datetime!(2019-10-02 02:55:06 UTC));
    assert_eq!(t.entries[0].text, "joe <~joe@203.0.113.5> has joined #lore");
    assert_eq!(at(&t, 3).text, "* ann restarts pgbouncer");
    assert_eq!(at(&t, 5).author_handle.as_deref(), Some("joe"));
    assert_eq!(at(&t, 6).author_handle.as_deref(), Some("bob"));
    assert_eq!(at(&t, 7).author_handle.as_deref(), Some("ann"), "topic");
    assert!(at(&t, 7).noise);
    assert!(!at(&t, 8).noise, "a notice");
}

#[test]
fn plain_needs_a_date_and_rolls_over() {
    let name = "plain-nodate.log";
    assert_eq!(detected(name), Dialect::Plain);
    let err = irc::read(&data(name)[..], name, &tz(UtcOffset::UTC)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plain-nodate.log: the log gives no date; pass --date YYYY-MM-DD or name the file with its date"
    );
    let mut opts = tz(offset!(+1));
    opts.date = Some(date!(2019 - 10 - 02));
    let t = read_file(name, &opts);
    assert_eq!(t.entries.len(), 5);
    assert_eq!(noise_count(&t), 0);
    assert_eq!(handles(&t), ["joe", "ann"]);
    assert_eq!(utc(&t.entries[0]), datetime!(2019-10-02 08:14 UTC));
    assert_eq!(at(&t, 4).text, "* ann restarts pgbouncer");
    assert_eq!(utc(at(&t, 5)), datetime!(2019-10-02 22:59 UTC));
    assert_eq!(utc(at(&t, 6)), datetime!(2019-10-02 23:01 UTC));
    assert_eq!(
        t.warnings,
        [
            "plain-nodate.log:6: the time goes back from 23:59 to 00:01; read as the next day, 2019-10-03"
        ]
    );
}

#[test]
fn windows_1252_lines_and_formatting_codes() {
    let name = "cp1252-20191002.log";
    let t = read_file(name, &tz(UtcOffset::UTC));
    assert_eq!(t.entries.len(), 3);
    assert_eq!(at(&t, 1).text, "the \u{201c}primary\u{201d} is down");
    assert_eq!(
        at(&t, 1).raw,
        "[10:00:00] <joe> the \u{201c}primary\u{201d} is down"
    );
    // UTF-8 on this line (the check mark); bold and colour codes gone from the text only.
    assert_eq!(at(&t, 2).text, "bold red text \u{2713}");
    assert_eq!(
        at(&t, 2).raw,
        "[10:01:00] <ann> \u{2}bold\u{2} \u{3}04,01red\u{3} text \u{2713}"
    );
    assert_eq!(at(&t, 3).text, "caf\u{e9}");
    assert_eq!(
        t.warnings,
        [
            "cp1252-20191002.log: 2 lines were not UTF-8 and were read as Windows-1252 (first: line 1)"
        ]
    );
}

#[test]
fn untimed_lines_before_any_time_and_logs_with_none() {
    let log = "=== joe [~j@h] has joined #c\n=== ann [~a@h] has joined #c\n[09:14] <joe> hi\n";
    let t = irc::read(log.as_bytes(), "2019-10-02.log", &tz(UtcOffset::UTC)).unwrap();
    assert_eq!(t.entries.len(), 3);
    for e in &t.entries {
        assert_eq!(utc(e), datetime!(2019-10-02 09:14 UTC));
    }
    assert_eq!(
        t.warnings,
        ["2019-10-02.log: 2 lines before the first time in the log take that time (first: line 1)"]
    );

    let only = b"=== joe [~j@h] has joined #c\n=== joe is now known as joe_\n";
    let t = irc::read(&only[..], "2019-10-02.log", &tz(offset!(+1))).unwrap();
    assert_eq!(t.entries.len(), 2);
    assert_eq!(utc(&t.entries[1]), datetime!(2019-10-01 23:00 UTC));
    assert_eq!(handles(&t), ["joe"]);
    assert_eq!(
        t.warnings,
        ["2019-10-02.log: no line gives a time; all are placed at the start of 2019-10-02"]
    );
    assert_eq!(
        err(&only[..], "x.log", &tz(UtcOffset::UTC)),
        "x.log: the log gives no date; pass --date YYYY-MM-DD or name the file with its date"
    );
}

#[test]
fn lists_ten_stray_lines_then_counts_the_rest() {
    let mut log = String::from("[10:00:00] <joe> fine\n");
    for i in 0..13 {
        log.push_str(&format!("stray {i}\n"));
    }
    let mut opts = tz(UtcOffset::UTC);
    opts.dialect = Some(Dialect::Znc);
    let t = irc::read(log.as_bytes(), "20191002.log", &opts).unwrap();
    assert_eq!(t.entries.len(), 1);
    assert_eq!(t.warnings.len(), 11);
    assert_eq!(
        t.warnings[0],
        "20191002.log:2: not a line of a znc log; skipped: \"stray 0\""
    );
    assert_eq!(
        t.warnings[10],
        "20191002.log: 3 more lines were not lines of a znc log and were skipped"
    );
}

#[test]
fn mode_prefixes_and_case_are_one_person() {
    let log =
        "[10:00] <~Joe> a\n[10:01] <%joe> b\n[10:02] <&JOE> c\n[10:03] * joe d\n[10:04] < joe> e\n";
    let mut opts = tz(UtcOffset::UTC);
    opts.date = Some(date!(2019 - 10 - 02));
    let t = irc::read(log.as_bytes(), "x.log", &opts).unwrap();
    assert_eq!(t.entries.len(), 5);
    assert_eq!(handles(&t), ["Joe"]);
    assert!(
        t.entries
            .iter()
            .all(|e| e.author_handle.as_deref() == Some("Joe"))
    );
    assert_eq!(t.people[0].display_name, "Joe");
    assert_eq!(t.entries[3].text, "* joe d");
}

/// Each entry's channel, counted: `[(channel, entries)]`.
fn channels(t: &Timeline) -> Vec<(Option<&str>, usize)> {
    let mut counts: Vec<(Option<&str>, usize)> = Vec::new();
    for e in &t.entries {
        let c = e.channel.as_deref();
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts
}

#[test]
fn channels_as_the_logs_state_them() {
    let utc_opts = tz(UtcOffset::UTC);
    // The corpus prefix names each line's channel (without its `#`).
    let rust = read_file("rust.0.ascii.txt", &tz(offset!(+2)));
    assert_eq!(channels(&rust), [(Some("#rust"), 1200)]);
    let meeting = read_file("ubuntu-meeting.0.ascii.txt", &utc_opts);
    assert_eq!(
        channels(&meeting),
        [(Some("#ubuntu-meeting"), meeting.entries.len())]
    );
    // irclogs.ubuntu.com names the channel only in its joins and parts (`#ubuntu`, and
    // `#Ubuntu` in 11 of them: the same channel, IRC ignores case); the first one counts.
    let ubuntu = read_file("2004-12-25.train-c.raw.txt", &tz(offset!(-5)));
    assert_eq!(channels(&ubuntu), [(Some("#ubuntu"), ubuntu.entries.len())]);
    // irssi's join, mode, topic and `Irssi: #lore:` lines; Limnoria's join; weechat's join and
    // its file name.
    for name in [
        "irssi-lore.log",
        "lore.2019-10-02.log",
        "irc.libera.#lore.weechatlog",
    ] {
        let t = read_file(name, &utc_opts);
        assert_eq!(channels(&t), [(Some("#lore"), t.entries.len())], "{name}");
    }
    // ZNC's `Joins:` names no channel, nor does the file name: none is guessed.
    let znc = read_file("znc_lore_20191002.log", &utc_opts);
    assert_eq!(channels(&znc), [(None, 9)]);

    // A file name alone is enough; a log's own lines win over it, with a warning.
    let mut opts = tz(UtcOffset::UTC);
    opts.date = Some(date!(2019 - 10 - 02));
    let log = "10:00 <joe> a\n10:01 <ann> b\n";
    let t = irc::read(log.as_bytes(), "logs/#ops.log", &opts).unwrap();
    assert_eq!(channels(&t), [(Some("#ops"), 2)]);
    let log = "10:00 -!- joe [~j@h] has joined #db\n10:01 <joe> a\n";
    let t = irc::read(log.as_bytes(), "logs/#ops.log", &opts).unwrap();
    assert_eq!(channels(&t), [(Some("#db"), 2)]);
    assert_eq!(
        t.warnings,
        ["logs/#ops.log: the file name says #ops but line 1 says #db; using #db"]
    );
    // Two channels in one log without per-line names: no channel, and a warning.
    let log = "10:00 -!- joe [~j@h] has joined #db\n10:01 <joe> a\n\
               10:02 -!- ann [~a@h] has joined #ops\n";
    let t = irc::read(log.as_bytes(), "x.log", &opts).unwrap();
    assert_eq!(channels(&t), [(None, 3)]);
    assert_eq!(
        t.warnings,
        [
            "x.log: names channel #db (line 1) and #ops (line 3); entries without a channel of \
             their own are given none"
        ]
    );
}

// ---- bad input -----------------------------------------------------------------------------

const NOT_IRC: &str =
    "not a recognised IRC log (tried irssi, weechat, znc, limnoria, ubuntu, plain); use --format";

fn err(bytes: &[u8], name: &str, opts: &IrcOptions) -> String {
    irc::read(bytes, name, opts).unwrap_err().to_string()
}

#[test]
fn refuses_what_is_not_an_irc_log() {
    let opts = tz(UtcOffset::UTC);
    assert_eq!(
        err(
            b"Dear team,\nthe database fell over at 09:14.\n",
            "notes.txt",
            &opts
        ),
        format!("notes.txt: {NOT_IRC}")
    );
    assert_eq!(
        err(b"", "empty.log", &opts),
        format!("empty.log: {NOT_IRC}")
    );
    // A few IRC lines among much prose are not enough.
    let mostly_prose = "09:14 <joe> hi\nsome\nprose\nhere\n";
    assert_eq!(
        err(mostly_prose.as_bytes(), "m.log", &opts),
        format!("m.log: {NOT_IRC}")
    );
    // Told the wrong format, nothing fits.
    let mut weechat = tz(UtcOffset::UTC);
    weechat.dialect = Some(Dialect::Weechat);
    assert_eq!(
        err(&data("irssi-lore.log"), "irssi-lore.log", &weechat),
        "irssi-lore.log: no line is in the weechat format (first: line 1); check --format"
    );
}

#[test]
fn refuses_binary_garbage() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let garbage: Vec<u8> = (0..65536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    assert_eq!(
        err(&garbage, "core.bin", &tz(UtcOffset::UTC)),
        format!("core.bin: {NOT_IRC}")
    );
}

#[test]
fn refuses_overlong_lines() {
    let opts = tz(UtcOffset::UTC);
    let long = vec![b'x'; MAX_LINE_BYTES + 1];
    assert_eq!(
        err(&long, "big.log", &opts),
        format!("big.log:1: line is longer than {MAX_LINE_BYTES} bytes")
    );
    // After detection, in the middle of a log.
    let mut log = b"[10:00:00] <joe> fine\n[10:00:01] <joe> ".to_vec();
    log.extend(std::iter::repeat_n(b'y', MAX_LINE_BYTES));
    assert_eq!(
        err(&log, "20191002.log", &opts),
        format!("20191002.log:2: line is longer than {MAX_LINE_BYTES} bytes")
    );
}

#[test]
fn dates_from_file_names() {
    for (name, want) in [
        ("2004-12-25.train-c.raw.txt", Some(date!(2004 - 12 - 25))),
        ("#ubuntu.2019-10-02.log", Some(date!(2019 - 10 - 02))),
        ("2019-10-02.txt", Some(date!(2019 - 10 - 02))),
        ("20191002.log", Some(date!(2019 - 10 - 02))),
        ("irc.libera.#lore.weechatlog", None),
    ] {
        assert_eq!(irc::date_from_file_name(name), want, "{name}");
    }
}

// ---- arbitrary input -----------------------------------------------------------------------

/// Pieces of real lines, so that mangled input reaches past the first check of each parser.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[23:59:59] ".to_owned()),
        Just("[00:01] ".to_owned()),
        Just("00:01 ".to_owned()),
        Just("23:59 ".to_owned()),
        Just("2019-10-02 08:25:06\t".to_owned()),
        Just("2019-10-02T08:25:06  ".to_owned()),
        Just("9999-12-31T23:59:59  ".to_owned()),
        Just("rust 2018-05-29 ".to_owned()),
        Just("=== ".to_owned()),
        Just("*** ".to_owned()),
        Just("-!- ".to_owned()),
        Just(" * ".to_owned()),
        Just("--- Day changed Thu Oct 03 2019".to_owned()),
        Just("--- Log opened Fri Dec 31 23:00:00 9999".to_owned()),
        Just("<@joe> ".to_owned()),
        Just("< ann>".to_owned()),
        Just("-nick(u@h)- ".to_owned()),
        Just("joe is now known as ann".to_owned()),
        Just("ann is now known as joe".to_owned()),
        Just("Joins: ".to_owned()),
        Just(" has joined #c".to_owned()),
        Just("mode/#c [+o x] by ".to_owned()),
        Just("\t".to_owned()),
        Just("\u{3}04,".to_owned()),
        Just("\u{3}".to_owned()),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn lines() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop::collection::vec(fragment(), 0..5).prop_map(|parts| parts.concat()),
        0..40,
    )
    .prop_map(|lines| lines.join("\n").into_bytes())
}

fn every_reading(bytes: &[u8], hours: i8, late: bool) {
    let tz = UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC);
    let mut opts = IrcOptions::new(tz);
    opts.date = Some(if late {
        date!(9999 - 12 - 31)
    } else {
        date!(2019 - 10 - 02)
    });
    let _ = irc::detect(bytes, "x.log");
    for dialect in std::iter::once(None).chain(Dialect::ALL.map(Some)) {
        opts.dialect = dialect;
        let _ = irc::read(bytes, "x.log", &opts);
        let _ = irc::read(
            bytes,
            "20191002.log",
            &IrcOptions {
                date: None,
                ..opts.clone()
            },
        );
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
        hours in -25i8..=25,
        late in any::<bool>(),
    ) {
        every_reading(&bytes, hours, late);
    }

    #[test]
    fn never_panics_on_mangled_lines(bytes in lines(), hours in -25i8..=25, late in any::<bool>()) {
        every_reading(&bytes, hours, late);
    }
}
