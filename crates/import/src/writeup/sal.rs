//! Server admin logs (Wikimedia's SAL and logs kept like it): days as headings that are only a
//! date (`## 2019-12-31`), then one list item per action, `* 19:45 nick: action`. The body
//! scan reads them as timed list items; this gives each the nick as its author.
//!
//! A write-up is read as such a log only when most of the timed list items under date-only
//! headings start with a nick and a colon, and at least two different nicks do, so that a
//! postmortem's `- 14:05 Detected: ...` under a dated heading keeps no author. Items without a
//! nick keep none. The text loses the `nick: ` it starts with; the raw line keeps it.

use std::collections::BTreeSet;

use lore_core::NewTimelineEntry;

/// Gives the entries of a server admin log their authors. `body` is the text the entries were
/// read from, its first line being line `first_line` of the file.
pub(super) fn take_nicks(body: &str, first_line: u64, entries: &mut [NewTimelineEntry]) {
    let under_date = lines_under_date_headings(body, first_line);
    let candidates: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.provenance.line.is_some_and(|l| under_date.contains(&l))
                && matches!(e.raw.trim_start().get(..2), Some("* " | "- "))
        })
        .map(|(i, _)| i)
        .collect();
    let nicked: Vec<(usize, &str)> = candidates
        .iter()
        .filter_map(|&i| nick(&entries[i].text).map(|n| (i, n)))
        .collect();
    let distinct: BTreeSet<&str> = nicked.iter().map(|(_, n)| *n).collect();
    if nicked.len() * 2 <= candidates.len() || distinct.len() < 2 {
        return;
    }
    let found: Vec<(usize, String)> = nicked.into_iter().map(|(i, n)| (i, n.to_owned())).collect();
    for (i, nick) in found {
        let e = &mut entries[i];
        e.text = e.text[nick.len() + 1..].trim_start().to_owned();
        e.author_handle = Some(nick);
    }
}

/// The file's line numbers that lie under a heading that is only a date (`## 2019-12-31`).
fn lines_under_date_headings(body: &str, first_line: u64) -> BTreeSet<u64> {
    let mut under = false;
    let mut lines = BTreeSet::new();
    for (no, line) in (first_line..).zip(body.split('\n')) {
        let t = line.trim();
        if let Some(heading) = t.strip_prefix('#') {
            let title = heading
                .trim_start_matches('#')
                .trim()
                .trim_end_matches('#')
                .trim();
            under = is_iso_day(title);
        } else if under {
            lines.insert(no);
        }
    }
    lines
}

fn is_iso_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// The nick a text starts with (`bd808: restarted nginx` → `bd808`): IRC nick characters
/// (letters, digits, `-_[]\`^{}|`, and `.` as some bridges write them), not starting with a
/// digit or `-`, at most 32, then `:` and a space.
fn nick(text: &str) -> Option<&str> {
    let (nick, rest) = text.split_once(':')?;
    let ok = |c: char| c.is_ascii_alphanumeric() || "-_[]\\`^{}|.".contains(c);
    let first = nick.chars().next()?;
    (nick.len() <= 32
        && nick.chars().all(ok)
        && !first.is_ascii_digit()
        && first != '-'
        && rest.starts_with(' '))
    .then_some(nick)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicks_are_irc_nicks_followed_by_a_colon() {
        assert_eq!(nick("bd808: restarted nginx"), Some("bd808"));
        assert_eq!(nick("James_F: Zuul: [x] y"), Some("James_F"));
        assert_eq!(nick("wm-bot[bot]: deployed"), Some("wm-bot[bot]"));
        assert_eq!(nick("marxarelli-away: synced"), Some("marxarelli-away"));
        assert_eq!(nick("no nick here, just a note"), None);
        assert_eq!(nick("two words: no"), None);
        assert_eq!(nick("http://example.org down"), None);
        assert_eq!(nick("1st: no"), None);
        assert_eq!(nick(": empty"), None);
    }

    #[test]
    fn only_lines_under_date_only_headings_count() {
        let body = "# Log\n## 2019-12-31\n* a\n* b\n## Notes\n* c\n### 2019-12-30 ###\n* d";
        let got: Vec<u64> = lines_under_date_headings(body, 10).into_iter().collect();
        assert_eq!(got, [12, 13, 17]);
    }
}
