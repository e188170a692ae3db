//! One line at a time: the shapes each client writes, and the system lines they share.
//!
//! Parsers work on a line whose formatting codes are already stripped ([`strip_formatting`]) and
//! return `None` when the line does not have their shape, so that detection can count fits and
//! the reader can report the rest. They never index into a string without checking: every input
//! is hostile.

use std::borrow::Cow;

use time::{Date, Month, PrimitiveDateTime, Time};

use super::Dialect;

/// When a line says it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stamp<'a> {
    /// A date and a time on the line itself (weechat, Limnoria, the prefixed corpus form).
    Full(PrimitiveDateTime, &'a str),
    /// A time of day; the date comes from a header, the file name or `--date`.
    Time(Time, &'a str),
    /// A date but no time (the corpus form's `=== …` lines).
    DateOnly(Date, &'a str),
    /// Nothing (irclogs.ubuntu.com's `=== …` lines).
    None,
}

impl<'a> Stamp<'a> {
    pub(super) fn text(&self) -> &'a str {
        match self {
            Stamp::Full(_, t) | Stamp::Time(_, t) | Stamp::DateOnly(_, t) => t,
            Stamp::None => "",
        }
    }
}

/// What a line records, before nicks are resolved to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What<'a> {
    Message {
        nick: &'a str,
        text: &'a str,
    },
    Action {
        nick: &'a str,
        text: &'a str,
    },
    Notice {
        nick: &'a str,
        text: &'a str,
    },
    /// Joins, quits, renames, modes, topics, client messages: the words after the marker.
    /// `actions`: in the old irclogs.ubuntu.com form, `=== nick does` is also how `/me` was
    /// written, so a system line that is none of the known events is an action there.
    System {
        content: &'a str,
        actions: bool,
    },
    /// irssi's `--- Log opened …` and `--- Day changed …`: the date of the lines that follow.
    Date(Date),
    /// A line that fits the format and records nothing (irssi's `--- Log closed`).
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parsed<'a> {
    pub stamp: Stamp<'a>,
    /// The channel the line names, in forms that name one on every line.
    pub channel: Option<&'a str>,
    pub what: What<'a>,
}

/// Removes mIRC formatting (bold `\x02`, colour `\x03NN,NN`, hex colour `\x04RRGGBB,RRGGBB`,
/// reset `\x0f`, reverse `\x16`, italic `\x1d`, strike `\x1e`, underline `\x1f`, monospace
/// `\x11`) and any other control character but the tab, which weechat uses as a separator.
pub(super) fn strip_formatting(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\u{3}' => rest = skip_colour(rest, |b| b.is_ascii_digit(), 2),
            '\u{4}' => rest = skip_colour(rest, |b| b.is_ascii_hexdigit(), 6),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Skips a colour code's `FG[,BG]` digits. A comma not followed by a digit is text.
fn skip_colour(rest: &str, digit: fn(&u8) -> bool, max: usize) -> &str {
    let count = |s: &str| {
        s.as_bytes()
            .iter()
            .take(max)
            .take_while(|b| digit(b))
            .count()
    };
    let fg = count(rest);
    if fg == 0 {
        return rest;
    }
    // The counted bytes are ASCII, so these slices fall on character boundaries.
    let after = &rest[fg..];
    if let Some(bg_part) = after.strip_prefix(',') {
        let bg = count(bg_part);
        if bg > 0 {
            return &bg_part[bg..];
        }
    }
    after
}

/// Parses one line in one dialect; `None` when the line does not have that dialect's shape.
pub(super) fn parse(dialect: Dialect, line: &str) -> Option<Parsed<'_>> {
    match dialect {
        Dialect::Irssi => irssi(line),
        Dialect::Weechat => weechat(line),
        Dialect::Znc => znc(line),
        Dialect::Limnoria => limnoria(line),
        Dialect::IrclogsUbuntu => ubuntu(line),
        Dialect::Plain => plain(line),
    }
}

fn parsed<'a>(stamp: Stamp<'a>, what: What<'a>) -> Parsed<'a> {
    Parsed {
        stamp,
        channel: None,
        what,
    }
}

// ---- dialects ------------------------------------------------------------------------------

/// `08:25 <nick> msg`, `08:25  * nick does`, `08:25 -!- …`, `08:25 -nick(host)- notice`, and
/// the `--- Log opened` / `--- Day changed` lines that carry the date.
fn irssi(line: &str) -> Option<Parsed<'_>> {
    if let Some(rest) = line.strip_prefix("--- ") {
        if let Some(when) = rest.strip_prefix("Log opened ") {
            // `Wed Oct 02 08:25:06 2019`
            let w: Vec<&str> = when.split_whitespace().collect();
            let [_, month, day, _, year] = w.as_slice() else {
                return None;
            };
            return Some(parsed(
                Stamp::None,
                What::Date(month_day_year(month, day, year)?),
            ));
        }
        if let Some(when) = rest.strip_prefix("Day changed ") {
            // `Thu Oct 03 2019`
            let w: Vec<&str> = when.split_whitespace().collect();
            let [_, month, day, year] = w.as_slice() else {
                return None;
            };
            return Some(parsed(
                Stamp::None,
                What::Date(month_day_year(month, day, year)?),
            ));
        }
        if rest.starts_with("Log closed") {
            return Some(parsed(Stamp::None, What::Nothing));
        }
        return None;
    }
    let (time, text, rest) = leading_time(line)?;
    let stamp = Stamp::Time(time, text);
    let rest = rest.strip_prefix(' ')?;
    if let Some(content) = rest.strip_prefix("-!- ") {
        return Some(parsed(
            stamp,
            What::System {
                content,
                actions: false,
            },
        ));
    }
    Some(parsed(stamp, body(rest.trim_start())?))
}

/// `2019-10-02 08:25:06<TAB>prefix<TAB>message`, the prefix being a nick (with its mode), `-->`
/// (join), `<--` (quit, part), `--` (network), `*` (action) or `=!=` (error).
fn weechat(line: &str) -> Option<Parsed<'_>> {
    let (stamp_text, rest) = line.split_once('\t')?;
    let (prefix, message) = rest.split_once('\t')?;
    let (date, time) = stamp_text.split_once(' ')?;
    let at = PrimitiveDateTime::new(ymd(date)?, hms(time)?);
    let stamp = Stamp::Full(at, stamp_text);
    let what = match prefix.trim() {
        "-->" | "<--" | "--" | "=!=" => What::System {
            content: message,
            actions: false,
        },
        "*" => {
            let (nick, text) = nick_and_rest(message)?;
            What::Action { nick, text }
        }
        nick => What::Message {
            nick: nick_checked(nick)?,
            text: message.trim(),
        },
    };
    Some(parsed(stamp, what))
}

/// `[08:25:06] <nick> msg`, `[08:25:06] * nick does`, `[08:25:06] *** …`, `-nick- notice`.
fn znc(line: &str) -> Option<Parsed<'_>> {
    let (time, text, rest) = bracketed_time(line)?;
    Some(parsed(
        Stamp::Time(time, text),
        star_body(rest.strip_prefix(' ')?)?,
    ))
}

/// Limnoria's (and Supybot's) ChannelLogger with its default timestamp:
/// `2019-10-02T08:25:06  <nick> msg`, `… * nick does`, `… *** …`, `… -nick- notice`.
fn limnoria(line: &str) -> Option<Parsed<'_>> {
    let stamp_text = line.get(..19)?;
    let (date, time) = stamp_text.split_once('T')?;
    let at = PrimitiveDateTime::new(ymd(date)?, hms(time)?);
    let rest = line.get(19..)?;
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() == rest.len() {
        return None;
    }
    Some(parsed(Stamp::Full(at, stamp_text), star_body(trimmed)?))
}

/// irclogs.ubuntu.com: `[09:14] <nick> msg`, `[09:14]  * nick does`, and `=== …` lines with no
/// time (joins, parts, renames, and in old logs `/me` actions). Also the form the
/// irc-disentanglement corpus gives its other channels, each line prefixed with the channel
/// and the date: `rust 2018-05-29 [21:20:37] <nick> msg`, `ubuntu-meeting 2010-11-08 === …`.
fn ubuntu(line: &str) -> Option<Parsed<'_>> {
    let (channel, date, rest) = match corpus_prefix(line) {
        Some((channel, date, date_text, rest)) => (Some(channel), Some((date, date_text)), rest),
        None => (None, None, line),
    };
    let out = |stamp, what| {
        Some(Parsed {
            stamp,
            channel,
            what,
        })
    };
    let system = |content| What::System {
        content,
        actions: true,
    };
    if let Some(content) = rest.strip_prefix("=== ") {
        let stamp = match date {
            Some((d, text)) => Stamp::DateOnly(d, text),
            None => Stamp::None,
        };
        return out(stamp, system(content));
    }
    let (time, time_text, after) = bracketed_time(rest)?;
    let stamp = match date {
        // The time as written is the date and the time: `2018-05-29 [21:20:37]`.
        Some((d, date_text)) => {
            let start = line.len() - rest.len() - date_text.len() - 1;
            let end = line.len() - after.len();
            Stamp::Full(PrimitiveDateTime::new(d, time), line.get(start..end)?)
        }
        None => Stamp::Time(time, time_text),
    };
    let after = after.strip_prefix(' ')?.trim_start_matches(' ');
    if let Some(content) = after.strip_prefix("=== ") {
        return out(stamp, system(content));
    }
    out(stamp, body(after)?)
}

/// `09:14 <nick> msg`, `09:14 * nick does` (seconds allowed): the least a log can be.
fn plain(line: &str) -> Option<Parsed<'_>> {
    let (time, text, rest) = leading_time(line)?;
    let rest = rest.strip_prefix(' ')?;
    Some(parsed(Stamp::Time(time, text), body(rest.trim_start())?))
}

// ---- shared pieces -------------------------------------------------------------------------

/// `<nick> msg`, `* nick does`, `-nick- notice`, `-nick(user@host)- notice`,
/// `-nick:#chan- notice`.
fn body(rest: &str) -> Option<What<'_>> {
    if let Some(after) = rest.strip_prefix('<') {
        let (inner, text) = after.split_once('>')?;
        return Some(What::Message {
            nick: nick_checked(inner)?,
            text: text.trim(),
        });
    }
    if let Some(after) = rest.strip_prefix("* ") {
        let (nick, text) = nick_and_rest(after)?;
        return Some(What::Action { nick, text });
    }
    if let Some(after) = rest.strip_prefix('-') {
        let (head, text) = after.split_once("- ").or_else(|| {
            // A notice with nothing after it: `-nick-`.
            after.strip_suffix('-').map(|h| (h, ""))
        })?;
        let nick = head.split(['(', ':']).next().unwrap_or(head);
        return Some(What::Notice {
            nick: nick_checked(nick)?,
            text: text.trim(),
        });
    }
    None
}

/// [`body`] plus `*** …` system lines (ZNC, Limnoria).
fn star_body(rest: &str) -> Option<What<'_>> {
    match rest.strip_prefix("*** ") {
        Some(content) => Some(What::System {
            content,
            actions: false,
        }),
        None => body(rest),
    }
}

/// `HH:MM` or `HH:MM:SS` at the start of the line.
fn leading_time(line: &str) -> Option<(Time, &str, &str)> {
    if let Some(text) = line.get(..8)
        && let Some(t) = hms(text)
    {
        return Some((t, text, &line[8..]));
    }
    let text = line.get(..5)?;
    Some((hm(text)?, text, &line[5..]))
}

/// `[HH:MM]` or `[HH:MM:SS]` at the start of the line.
fn bracketed_time(line: &str) -> Option<(Time, &str, &str)> {
    let inner_end = line.strip_prefix('[')?.find(']')?;
    let inner = line.get(1..=inner_end)?;
    let t = if inner.len() == 8 {
        hms(inner)?
    } else {
        hm(inner)?
    };
    Some((t, &line[..inner_end + 2], &line[inner_end + 2..]))
}

/// The corpus prefix `CHANNEL YYYY-MM-DD `: the channel, the date, the date as written and what
/// follows.
fn corpus_prefix(line: &str) -> Option<(&str, Date, &str, &str)> {
    let (channel, rest) = line.split_once(' ')?;
    if channel.is_empty() || channel.starts_with('[') {
        return None;
    }
    let (date_text, rest) = rest.split_once(' ')?;
    Some((channel, ymd(date_text)?, date_text, rest))
}

fn two_digits(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
}

fn hm(s: &str) -> Option<Time> {
    let (h, m) = s.split_once(':')?;
    Time::from_hms(two_digits(h)?, two_digits(m)?, 0).ok()
}

fn hms(s: &str) -> Option<Time> {
    let mut parts = s.splitn(3, ':');
    let h = two_digits(parts.next()?)?;
    let m = two_digits(parts.next()?)?;
    let sec = two_digits(parts.next()?)?;
    Time::from_hms(h, m, sec).ok()
}

/// `YYYY-MM-DD`, exactly.
pub(super) fn ymd(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i32 = s.get(..4)?.parse().ok()?;
    if !s.get(..4)?.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = Month::try_from(two_digits(s.get(5..7)?)?).ok()?;
    Date::from_calendar_date(year, month, two_digits(s.get(8..10)?)?).ok()
}

/// `Oct`, `02`, `2019` as irssi writes them in its headers.
fn month_day_year(month: &str, day: &str, year: &str) -> Option<Date> {
    let month = crate::dates::month_named(month)?;
    if year.len() != 4 || day.is_empty() || day.len() > 2 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// The nick without the channel-mode prefix clients show (`@op`, `+voice`, `%halfop`, `~owner`,
/// `&admin`, and irssi's space for none), if what is left can be a nick.
fn nick_checked(raw: &str) -> Option<&str> {
    let nick = raw.trim_start_matches(['@', '+', '%', '~', '&', ' ']);
    is_nick(nick).then_some(nick)
}

/// `nick rest of the action` → the nick and the rest.
fn nick_and_rest(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let (nick, text) = s.split_once(' ').unwrap_or((s, ""));
    Some((nick_checked(nick)?, text.trim()))
}

/// Whether a word can be a nick: RFC 2812 allows letters, digits and `[]\`_^{|}-`; networks
/// allow more (non-ASCII letters, dots), so this only rejects what no nick contains.
pub(super) fn is_nick(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with(['-', '#'])
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>*!@,:()\"'#/=$".contains(c))
}

/// The channel a system line says it happened in: `… has joined #chan`, `… has left #chan`,
/// `mode/#chan [+o x] by y` (irssi), `Mode #chan …` (weechat), `… changed the topic of #chan`,
/// irssi's `Irssi: #chan: Total of …`. Other mentions (a topic naming another channel) do not
/// count: they say nothing about where the line was logged.
pub(super) fn channel_named(content: &str) -> Option<&str> {
    const AT_START: [&str; 3] = ["mode/", "Mode ", "Irssi: "];
    // Each phrase, and whether a channel follows it: a quit names none.
    const PHRASES: [(&str, bool); 6] = [
        (" has joined ", true),
        (" has left ", true),
        (" has parted ", true),
        (" has quit", false),
        (" changed the topic of ", true),
        (" has changed topic for ", true),
    ];
    let rest = match AT_START.iter().find_map(|p| content.strip_prefix(p)) {
        Some(rest) => rest,
        None => {
            // The first event phrase wins, as in `system`: a quit reason may mention a join.
            let (at, phrase, names_one) = PHRASES
                .iter()
                .filter_map(|&(p, names_one)| content.find(p).map(|at| (at, p, names_one)))
                .min()?;
            if !names_one {
                return None;
            }
            content.get(at + phrase.len()..)?
        }
    };
    let word = rest.split([' ', ':', ',', '[', '(']).next()?;
    is_channel(word).then_some(word)
}

/// Whether a word can be a channel name (RFC 2812: `#` or `&`, then no spaces, commas or
/// control characters).
pub(super) fn is_channel(s: &str) -> bool {
    s.len() > 1
        && s.len() <= 200
        && s.starts_with(['#', '&'])
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',')
}

/// What a system line records, whichever client wrote it (irssi's `-!-`, weechat's `-->`,
/// ZNC's and Limnoria's `***`, irclogs' `===`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum System<'a> {
    Join(&'a str),
    Part(&'a str),
    Quit(&'a str),
    Rename {
        old: &'a str,
        new: &'a str,
    },
    /// Topics, modes, kicks (with the nick who did it, or whom it concerns), and lines that name
    /// nobody (client messages, netsplits).
    Other(Option<&'a str>),
}

pub(super) fn system(content: &str) -> System<'_> {
    let words: Vec<&str> = content.split_whitespace().take(7).collect();
    let first = words.first().copied().unwrap_or("");
    let second = words.get(1).copied().filter(|w| is_nick(w));
    match first {
        // ZNC: `Joins: nick (user@host)`.
        "Joins:" => return second.map_or(System::Other(None), System::Join),
        "Parts:" => return second.map_or(System::Other(None), System::Part),
        "Quits:" => return second.map_or(System::Other(None), System::Quit),
        _ => {}
    }
    if let [old, "is", "now", "known", "as", new] = words.as_slice()
        && *old != "You"
        && is_nick(old)
        && is_nick(new)
    {
        return System::Rename { old, new };
    }
    // `mode/#chan [+o nick] by op` (irssi), `Mode #chan [+o nick] by op` (weechat).
    if (first.starts_with("mode/") || first == "Mode")
        && let Some((_, by)) = content.rsplit_once(" by ")
    {
        return System::Other(Some(by.trim()).filter(|n| is_nick(n)));
    }
    if !is_nick(first) || first == "You" {
        return System::Other(None);
    }
    // `nick [user@host] has joined #chan` and the like: the first event phrase wins, so that a
    // quit reason mentioning a join stays a quit.
    let phrases = [" has joined", " has left", " has parted", " has quit"];
    let earliest = phrases
        .iter()
        .enumerate()
        .filter_map(|(i, phrase)| content.find(phrase).map(|at| (at, i)))
        .min();
    match earliest {
        Some((_, 0)) => return System::Join(first),
        Some((_, 1 | 2)) => return System::Part(first),
        Some(_) => return System::Quit(first),
        None => {}
    }
    const ABOUT_FIRST: [&str; 5] = [
        " changed the topic",
        " changes topic",
        " has changed topic",
        " sets mode",
        " was kicked",
    ];
    if ABOUT_FIRST.iter().any(|p| content.contains(p)) {
        return System::Other(Some(first));
    }
    System::Other(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    #[test]
    fn system_lines_name_their_channel() {
        for (content, want) in [
            ("joe [~joe@203.0.113.5] has joined #lore", Some("#lore")),
            ("joe <~joe@203.0.113.5> has joined #lore", Some("#lore")),
            ("ann [~ann@192.0.2.9] has left #lore [done]", Some("#lore")),
            ("mode/#lore [+o ann] by joe", Some("#lore")),
            ("Mode #lore [+o ann] by joe", Some("#lore")),
            ("Irssi: #lore: Total of 3 nicks", Some("#lore")),
            ("ann changed the topic of #lore to: see #ops", Some("#lore")),
            ("bob has quit [has joined #elsewhere]", None),
            ("Joins: joe (~joe@203.0.113.5)", None),
            ("joe has joined", None),
            ("joe has joined #", None),
            ("joe is now known as joe_", None),
        ] {
            assert_eq!(channel_named(content), want, "{content}");
        }
    }

    #[test]
    fn strips_formatting_but_keeps_tabs_and_commas() {
        assert_eq!(
            strip_formatting("\u{2}bold\u{2} \u{3}04,01red\u{3} \u{3}12,x \u{1f}u\u{f}\tend"),
            "bold red ,x u\tend"
        );
        assert_eq!(strip_formatting("\u{4}ff0000,00ff00hex\u{1d}"), "hex");
        assert_eq!(strip_formatting("\u{3}"), "");
        assert_eq!(strip_formatting("a\u{3}1,"), "a,");
        assert!(matches!(strip_formatting("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn each_dialect_reads_its_message_shape() {
        let p = irssi("08:25 <@joe> hi there").unwrap();
        assert_eq!(p.stamp, Stamp::Time(time!(08:25), "08:25"));
        assert_eq!(
            p.what,
            What::Message {
                nick: "joe",
                text: "hi there"
            }
        );
        assert_eq!(
            irssi("08:25  * joe waves").unwrap().what,
            What::Action {
                nick: "joe",
                text: "waves"
            }
        );
        assert_eq!(
            irssi("--- Day changed Thu Oct 03 2019").unwrap().what,
            What::Date(date!(2019 - 10 - 03))
        );
        let w = weechat("2019-10-02 08:25:06\t+ann\thello\tworld").unwrap();
        assert_eq!(
            w.stamp,
            Stamp::Full(datetime!(2019-10-02 08:25:06), "2019-10-02 08:25:06")
        );
        assert_eq!(
            w.what,
            What::Message {
                nick: "ann",
                text: "hello\tworld"
            }
        );
        assert_eq!(
            znc("[08:25:06] -NickServ- registered").unwrap().what,
            What::Notice {
                nick: "NickServ",
                text: "registered"
            }
        );
        assert!(limnoria("2019-10-02T08:25:06  <joe> hi").is_some());
        assert!(limnoria("2019-10-02T08:25:06<joe> hi").is_none());
        let u = ubuntu("rust 2018-05-29 [21:20:37] <talchas> but").unwrap();
        assert_eq!(u.channel, Some("rust"));
        assert_eq!(
            u.stamp,
            Stamp::Full(datetime!(2018-05-29 21:20:37), "2018-05-29 [21:20:37]")
        );
        assert_eq!(
            ubuntu("ubuntu-meeting 2010-11-08 === a is now known as b")
                .unwrap()
                .stamp,
            Stamp::DateOnly(date!(2010 - 11 - 08), "2010-11-08")
        );
        assert_eq!(ubuntu("=== x has joined").unwrap().stamp, Stamp::None);
        assert!(plain("09:14 <nick> msg").is_some());
        assert!(plain("9:14 <nick> msg").is_none());
        assert!(plain("24:00 <nick> msg").is_none());
    }

    #[test]
    fn system_lines_of_every_client() {
        assert_eq!(
            system("joe [~joe@host] has joined #chan"),
            System::Join("joe")
        );
        assert_eq!(system("Joins: joe (joe@host)"), System::Join("joe"));
        assert_eq!(
            system("joe (~j@h) has quit (someone has joined)"),
            System::Quit("joe")
        );
        assert_eq!(system("joe <j@h> has left #c (bye)"), System::Part("joe"));
        assert_eq!(
            system("joe is now known as joe_away"),
            System::Rename {
                old: "joe",
                new: "joe_away"
            }
        );
        assert_eq!(system("You are now known as x"), System::Other(None));
        assert_eq!(
            system("mode/#chan [+o ann] by joe"),
            System::Other(Some("joe"))
        );
        assert_eq!(
            system("ann changed the topic of #c to: x"),
            System::Other(Some("ann"))
        );
        assert_eq!(system("Irssi: Join to #c was synced"), System::Other(None));
        assert_eq!(system(""), System::Other(None));
    }
}
