//! The start of a timeline line: the time it leads with, a label (`Start:`, `Detected:`), a
//! range of times, or a zone the write-up declares for the lines after it.

use super::body::{DETECTED, RESOLVED, STARTED};
use super::when::{self, Stamp, Zone};

/// A time at the start of a line's content, and what follows it.
pub(super) struct Timed {
    pub(super) stamp: Stamp,
    pub(super) time_text: String,
    pub(super) text: String,
}

/// Splits `09:14 text`, `**09:14 UTC** - text`, `2021-03-12 09:14: text` into the stamp, the
/// time as written and the text. With `need_separator` (paragraphs, where prose may start
/// with a time) a `-`, `–`, `—` or `:` must follow the time.
pub(super) fn split_timed(content: &str, need_separator: bool) -> Option<Timed> {
    let (marker, inner) = match content.get(..2) {
        Some(m @ ("**" | "__")) => (Some(m), &content[2..]),
        _ => (None, content),
    };
    let stamp = when::stamp(inner)?;
    let time_text = inner.get(..stamp.len)?.trim().to_owned();
    let mut rest = inner.get(stamp.len..)?;
    let mut reopen = "";
    if let Some(m) = marker {
        let r = rest.trim_start();
        match r.strip_prefix(m) {
            Some(after) => rest = after,
            // The bold ran on past the time (`**09:14 database down**`): keep it bold.
            None => {
                reopen = m;
                rest = r;
            }
        }
    }
    let r = rest.trim_start();
    let after_sep = ["-", "\u{2013}", "\u{2014}", ":", "|"]
        .iter()
        .find_map(|sep| r.strip_prefix(sep));
    if need_separator && after_sep.is_none() {
        return None;
    }
    let text = after_sep.unwrap_or(r).trim();
    Some(Timed {
        stamp,
        time_text,
        text: format!("{reopen}{text}"),
    })
}

pub(super) enum Label {
    Time(usize),
    Duration,
}

/// `First detected: 2023-09-18 13:42`, `Fault occurs 2020-02-12 11:45`,
/// `**Resolved:** ...`, `Resolved at ...`: the label and the text after it.
pub(super) fn split_label(content: &str) -> Option<(Label, &str)> {
    let s = content.trim_start_matches(['*', '_']);
    let end = s.find(|c: char| c == ':' || c.is_ascii_digit())?;
    let label = s[..end]
        .trim()
        .trim_end_matches(['*', '_'])
        .trim()
        .to_ascii_lowercase();
    let label = label
        .strip_suffix(" at")
        .or_else(|| label.strip_suffix(" on"))
        .unwrap_or(&label);
    let which = match label {
        "start" | "started" | "start time" | "began" | "fault occurs" | "fault occurred"
        | "incident start" | "impact start" | "impact started" => Label::Time(STARTED),
        "detected" | "first detected" | "fault detected" | "detection" | "detection time"
        | "team aware" => Label::Time(DETECTED),
        "resolved" | "end" | "ended" | "end time" | "fixed" | "incident end" | "impact end" => {
            Label::Time(RESOLVED)
        }
        "duration" => Label::Duration,
        _ => return None,
    };
    let mut value = &s[end..];
    if let Some(v) = value.strip_prefix(':') {
        value = v;
    }
    let value = value.trim_start_matches(['*', '_', ' ', '\t']);
    let value = value
        .strip_prefix("at ")
        .or_else(|| value.strip_prefix("on "))
        .unwrap_or(value)
        .trim_start();
    Some((which, value))
}

/// `21:45 to 23:28 UTC`, `09:00 - 11:00`, `22:30 UTC on October 29 to 05:39 UTC on October 30`.
/// A zone written only after the end applies to both ends.
pub(super) fn duration_range(value: &str) -> Option<(Stamp, Stamp)> {
    let mut from = when::stamp(value)?;
    from.time?;
    let to = if let Some(until) = from.until {
        Stamp {
            time: Some(until),
            until: None,
            len: 0,
            ..from.clone()
        }
    } else {
        let rest = value.get(from.len..)?.trim_start();
        let rest = ["to ", "until ", "- ", "\u{2013} ", "\u{2014} "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))?
            .trim_start();
        let mut to = when::stamp(rest)?;
        to.time?;
        if to.day.is_none() {
            to.day = from.day;
        }
        to
    };
    if from.zone.is_none() {
        from.zone.clone_from(&to.zone);
    }
    Some((from, to))
}

/// "All times in UTC.", "Times are in CET", "Timezone: UTC".
pub(super) fn zone_declaration(trimmed: &str) -> Option<Zone> {
    let t = trimmed.trim_matches(|c: char| matches!(c, '*' | '_' | '(' | ')' | ' '));
    let lower = t.to_ascii_lowercase();
    let rest_len = [
        "all times are in ",
        "all times in ",
        "all times are ",
        "all times ",
        "times are in ",
        "times in ",
        "timezone: ",
        "time zone: ",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p).map(str::len))?;
    // ASCII lower-casing keeps byte offsets, so the same tail of `t` is the zone text.
    when::zone_at_start(&t[t.len() - rest_len..])
}
