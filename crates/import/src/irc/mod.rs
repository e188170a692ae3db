//! IRC logs, as clients, bouncers, bots and public archives write them.
//!
//! Dialects ([`Dialect`]), detected from the first 50 non-empty lines unless given:
//! - `irssi`: `--- Log opened Wed Oct 02 08:25:06 2019`, `--- Day changed Thu Oct 03 2019`,
//!   `08:25 <nick> msg`, `08:25  * nick does`, `08:25 -!- nick [user@host] has joined #chan`;
//! - `weechat`: `2019-10-02 08:25:06<TAB>nick<TAB>msg`, prefixes `-->`, `<--`, `--`, `*`;
//! - `znc`: `[08:25:06] <nick> msg`, `[08:25:06] * nick does`, `[08:25:06] *** Joins: …`;
//! - `limnoria` (and Supybot) ChannelLogger: `2019-10-02T08:25:06  <nick> msg`, `… *** …`;
//! - `ubuntu` (irclogs.ubuntu.com): `[09:14] <nick> msg` and untimed `=== …` lines, also with
//!   the `CHANNEL YYYY-MM-DD ` prefix the irc-disentanglement corpus puts on its other channels;
//! - `plain`: `09:14 <nick> msg`.
//!
//! A line that does not fit the dialect is a warning naming it, never silently dropped.
//!
//! Time. Times are local to whoever logged them and IRC logs never say which zone that was, so
//! the caller gives the offset ([`IrcOptions::tz`]); nothing here guesses. `time_text` is the
//! timestamp as written (`[09:14]`, `2019-10-02 08:25:06`), `time_zone` the offset (`+02:00`).
//! Lines with only a time take their date from the log's headers (irssi), else `--date`, else
//! the file name ([`date_from_file_name`]); with none of these the log is refused. When such a
//! log's time goes back by more than 12 hours (23:59 → 00:01) the day turns, with a warning;
//! a smaller step back stays on the same day, also with a warning. Lines with no time at all
//! (irclogs' `===`) take the time of the line before them.
//!
//! Entries are of kind `chat` and keep the raw line (decoded, formatting codes and all).
//! Messages, actions (`* nick does`) and notices are not noise; joins, parts, quits, renames,
//! modes, topics and client messages are. Authors are handles: the first nick seen for each
//! person in the log, followed across renames (see `People`).
//!
//! Channel. An entry's channel is the one its line names (the corpus form's prefix, written
//! with its `#`: `rust` is `#rust`), else the log's: the channel its system lines name (`has
//! joined #lore`, `mode/#lore`, irssi's `Irssi: #lore:`), else the one in the file name
//! (`#ubuntu.txt`, `irc.libera.#lore.weechatlog`, `#lore.2019-10-02.log`). A log whose lines name
//! two channels is not one channel's log: its entries get none, with a warning, as do entries of
//! logs that never say (ZNC's `Joins:` lines name no channel). Nothing is guessed from `--channel`.
//!
//! Encoding: each line is UTF-8 if it decodes as such, else Windows-1252, counted in one
//! warning. mIRC formatting codes are removed from the text.

mod detection;
mod parse;
mod people;
mod reader;

use std::fmt;
use std::io::BufRead;
use std::str::FromStr;

use encoding_rs::WINDOWS_1252;
use time::{Date, Duration};

use crate::lines::LineReader;
use crate::zone::Zone;
use crate::{ImportError, Timeline};
pub use detection::detect;
use detection::{detect_in, take_sample};
use reader::Reader;

/// The shape of an IRC log, by the program that wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    Irssi,
    Weechat,
    Znc,
    Limnoria,
    IrclogsUbuntu,
    Plain,
}

impl Dialect {
    /// Every dialect, in the order messages list them.
    pub const ALL: [Dialect; 6] = [
        Dialect::Irssi,
        Dialect::Weechat,
        Dialect::Znc,
        Dialect::Limnoria,
        Dialect::IrclogsUbuntu,
        Dialect::Plain,
    ];

    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Irssi => "irssi",
            Dialect::Weechat => "weechat",
            Dialect::Znc => "znc",
            Dialect::Limnoria => "limnoria",
            Dialect::IrclogsUbuntu => "ubuntu",
            Dialect::Plain => "plain",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown IRC log format {0:?}: expected one of irssi, weechat, znc, limnoria, ubuntu, plain"
)]
pub struct DialectError(pub String);

impl FromStr for Dialect {
    type Err = DialectError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Dialect::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| DialectError(s.to_owned()))
    }
}

/// How to read one IRC log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrcOptions {
    /// The log's shape; `None` detects it from the first 50 non-empty lines.
    pub dialect: Option<Dialect>,
    /// The zone the log's times are in (an offset, or a named zone whose offset each line
    /// takes at its own time). Required: IRC logs never say.
    pub tz: Zone,
    /// The date of a log whose lines give only times, when no header does; it wins over a date
    /// in the file name.
    pub date: Option<Date>,
    /// Keep only this channel's lines, in logs that name the channel on every line (the
    /// irc-disentanglement corpus form); compared without case and without a leading `#`.
    /// Other logs hold one channel per file and ignore it.
    pub channel: Option<String>,
}

impl IrcOptions {
    /// Detect the dialect, no date, every channel.
    pub fn new(tz: impl Into<Zone>) -> Self {
        IrcOptions {
            dialect: None,
            tz: tz.into(),
            date: None,
            channel: None,
        }
    }
}

/// The order detection prefers dialects in when two fit a sample equally well: the one that
/// claims less first. irssi reads every plain line, so a sample without irssi's headers or
/// `-!-` lines is called plain; ZNC and irclogs.ubuntu.com write messages alike and differ in
/// their system lines, and untimed `===` lines, found in every busy irclogs sample, decide.
const PREFERENCE: [Dialect; 6] = [
    Dialect::Plain,
    Dialect::Irssi,
    Dialect::Weechat,
    Dialect::Znc,
    Dialect::Limnoria,
    Dialect::IrclogsUbuntu,
];

/// How many non-empty lines detection looks at.
const SAMPLE_LINES: usize = 50;
/// How many warnings of one kind are listed one by one before the rest are only counted.
const LISTED: u64 = 10;
/// A time-only log whose time goes back by more than this has moved on to the next day.
const ROLLOVER: Duration = Duration::hours(12);

/// Reads an IRC log. `file` is the name used in provenance, error messages and, when the log
/// gives no date of its own, to find one (`2019-10-02.log`, `#chan.20191002.log`).
pub fn read<R: BufRead>(reader: R, file: &str, opts: &IrcOptions) -> Result<Timeline, ImportError> {
    let mut lines = LineReader::new(reader, file);
    let mut decoded = Decoded::default();
    // Detection needs the first lines before any can be read; they are kept and read after.
    let (dialect, sample) = match opts.dialect {
        Some(d) => (d, Vec::new()),
        None => {
            let sample = take_sample(&mut lines, &mut decoded)?;
            (detect_in(&sample, file)?, sample)
        }
    };
    let mut reader = Reader::new(file, opts, dialect);
    for (n, text) in &sample {
        reader.line(*n, text)?;
    }
    drop(sample);
    while let Some((n, bytes)) = lines.next_bytes()? {
        let text = decoded.decode(n, bytes);
        reader.line(n, &text)?;
    }
    reader.finish(decoded)
}

/// The date a log's file name gives: `2004-12-25.train-c.raw.txt`, `#ubuntu.2019-10-02.log`,
/// `2019_10_02.txt`, `20191002.log`, `chan_20191002.log`; failing that, a date in the directory
/// path, as irclogs.ubuntu.com lays its logs out (`2019/10/02/#ubuntu.txt`).
pub fn date_from_file_name(name: &str) -> Option<Date> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    find_date(base.as_bytes(), b"-_.").or_else(|| find_date(name.as_bytes(), b"-_./"))
}

fn find_date(s: &[u8], separators: &[u8]) -> Option<Date> {
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = s.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |acc, b| acc * 10 + u32::from(b - b'0')))
    };
    let digit_at = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    // A date is not part of a longer number: no digit just before or just after it.
    (0..s.len())
        .filter(|&i| i == 0 || !digit_at(i - 1))
        .find_map(|i| {
            let year = digits(i, 4)?;
            let (month, day, end) = match s.get(i + 4) {
                Some(sep) if separators.contains(sep) && s.get(i + 7) == Some(sep) => {
                    (digits(i + 5, 2)?, digits(i + 8, 2)?, i + 10)
                }
                _ => (digits(i + 4, 2)?, digits(i + 6, 2)?, i + 8),
            };
            if digit_at(end) || !(1970..=2999).contains(&year) {
                return None;
            }
            let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
            Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
        })
}

/// Counts the lines that were not UTF-8.
#[derive(Default)]
struct Decoded {
    windows_1252: u64,
    first: Option<u64>,
}

impl Decoded {
    /// IRC has no encoding; old clients sent their system's code page, and in the West that was
    /// nearly always Windows-1252, which decodes any byte. UTF-8 is tried first, line by line,
    /// because logs mix both.
    fn decode(&mut self, line: u64, bytes: &[u8]) -> String {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                self.windows_1252 += 1;
                self.first.get_or_insert(line);
                WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned()
            }
        }
    }
}

/// A channel as entries name it: with its `#` (or other prefix), as IRC writes it; the corpus
/// form leaves the `#` out of its prefix.
fn channel_name(raw: &str) -> String {
    if raw.starts_with(['#', '&', '!', '+']) {
        raw.to_owned()
    } else {
        format!("#{raw}")
    }
}

/// The channel a log's file name gives, as clients and archives name their logs:
/// `#ubuntu.txt`, `#ubuntu.2019-10-02.log`, `irc.libera.#lore.weechatlog`, `znc_#lore_20191002.log`.
/// The name runs from the `#` to the next `.` (so `#python.de` would be read as `#python`: no
/// rule tells a dot in a name from the one before the extension).
fn channel_in_file_name(file: &str) -> Option<String> {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let from = &base[base.find('#')?..];
    let mut name = from.split('.').next().unwrap_or(from);
    // ZNC's older layout puts `_YYYYMMDD` after the channel.
    if let Some((before, date)) = name.rsplit_once('_')
        && date_from_file_name(date).is_some()
        && date.len() == 8
    {
        name = before;
    }
    parse::is_channel(name).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_from_file_names() {
        for (name, want) in [
            ("2004-12-25.train-c.raw.txt", Some(date!(2004 - 12 - 25))),
            ("#ubuntu.2019-10-02.log", Some(date!(2019 - 10 - 02))),
            ("2019-10-02.txt", Some(date!(2019 - 10 - 02))),
            ("20191002.log", Some(date!(2019 - 10 - 02))),
            ("znc_#lore_20191002.log", Some(date!(2019 - 10 - 02))),
            ("logs/2019_10_02.txt", Some(date!(2019 - 10 - 02))),
            (
                "irclogs/2019/10/02/#ubuntu.txt",
                Some(date!(2019 - 10 - 02)),
            ),
            ("2019-10-02/notes.txt", Some(date!(2019 - 10 - 02))),
            ("120191002.log", None),
            ("201910021.log", None),
            ("2019-13-02.log", None),
            ("2019-02-30.log", None),
            ("2019-10.02.log", None),
            ("00000101.log", None),
            ("chat.log", None),
            ("", None),
        ] {
            assert_eq!(date_from_file_name(name), want, "{name}");
        }
    }

    #[test]
    fn channels_from_file_names() {
        for (name, want) in [
            ("irclogs/2019/10/02/#ubuntu.txt", Some("#ubuntu")),
            ("#ubuntu.2019-10-02.log", Some("#ubuntu")),
            ("logs/irc.libera.#lore.weechatlog", Some("#lore")),
            ("znc_#lore_20191002.log", Some("#lore")),
            ("#a_b.log", Some("#a_b")),
            ("znc_lore_20191002.log", None),
            ("2004-12-25.train-c.raw.txt", None),
            ("#.log", None),
            ("", None),
        ] {
            assert_eq!(channel_in_file_name(name).as_deref(), want, "{name}");
        }
        assert_eq!(channel_name("rust"), "#rust");
        assert_eq!(channel_name("#rust"), "#rust");
    }

    #[test]
    fn dialect_names_round_trip() {
        for d in Dialect::ALL {
            assert_eq!(d.as_str().parse::<Dialect>().unwrap(), d);
            assert_eq!(d.to_string(), d.as_str());
        }
        assert_eq!(
            "mirc".parse::<Dialect>().unwrap_err().to_string(),
            "unknown IRC log format \"mirc\": expected one of irssi, weechat, znc, limnoria, ubuntu, plain"
        );
    }
}
