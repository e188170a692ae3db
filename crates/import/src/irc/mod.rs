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

mod parse;

use std::collections::HashMap;
use std::fmt;
use std::io::BufRead;
use std::str::FromStr;

use encoding_rs::WINDOWS_1252;
use lore_core::{EntryKind, NewTimelineEntry, PersonHint, Provenance};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::lines::LineReader;
use crate::zone::Zone;
use crate::{ImportError, Timeline};
use parse::{Parsed, Stamp, System, What};

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

/// The dialect of a log, as [`read`] detects it when not told: the one that fits most of the
/// first 50 non-empty lines, provided it fits at least half of them.
pub fn detect<R: BufRead>(reader: R, file: &str) -> Result<Dialect, ImportError> {
    let mut lines = LineReader::new(reader, file);
    let sample = take_sample(&mut lines, &mut Decoded::default())?;
    detect_in(&sample, file)
}

/// The lines up to the [`SAMPLE_LINES`]th non-empty one, numbered and decoded.
fn take_sample<R: BufRead>(
    lines: &mut LineReader<R>,
    decoded: &mut Decoded,
) -> Result<Vec<(u64, String)>, ImportError> {
    let mut sample = Vec::new();
    let mut non_empty = 0;
    while non_empty < SAMPLE_LINES {
        let Some((n, bytes)) = lines.next_bytes()? else {
            break;
        };
        let text = decoded.decode(n, bytes);
        if !text.trim().is_empty() {
            non_empty += 1;
        }
        sample.push((n, text));
    }
    Ok(sample)
}

fn detect_in(sample: &[(u64, String)], file: &str) -> Result<Dialect, ImportError> {
    let lines: Vec<_> = sample
        .iter()
        .map(|(_, text)| parse::strip_formatting(text))
        .filter(|text| !text.trim().is_empty())
        .collect();
    let fits = |d: Dialect| {
        lines
            .iter()
            .filter(|l| parse::parse(d, l).is_some())
            .count()
    };
    let mut best = (Dialect::Plain, 0);
    for d in PREFERENCE {
        let n = fits(d);
        if n > best.1 {
            best = (d, n);
        }
    }
    if best.1 == 0 || best.1 * 2 < lines.len() {
        return Err(ImportError::File {
            file: file.to_owned(),
            message: format!(
                "not a recognised IRC log (tried {}); use --format",
                Dialect::ALL.map(Dialect::as_str).join(", ")
            ),
        });
    }
    Ok(best.0)
}

/// Warnings of one kind: the first few listed, the rest counted.
#[derive(Default)]
struct Tally {
    count: u64,
    first: Option<u64>,
}

impl Tally {
    fn note(&mut self, line: u64, warnings: &mut Vec<String>, message: impl FnOnce() -> String) {
        self.count += 1;
        self.first.get_or_insert(line);
        if self.count <= LISTED {
            warnings.push(message());
        }
    }

    /// Counts without listing, for kinds reported only as a total.
    fn count(&mut self, line: u64) {
        self.count += 1;
        self.first.get_or_insert(line);
    }

    fn unlisted(&self) -> u64 {
        self.count.saturating_sub(LISTED)
    }
}

/// People by nick. A nick belongs to the person who last held it: after `joe is now known as
/// joe_away` both nicks are one person, whose handle is the first nick seen for them in this log
/// (`joe`). A rename onto a nick another person used earlier in the log (`joe_ is now known as
/// joe`, after a reconnect) makes the two one person: on IRC that is nearly always someone
/// reclaiming their nick, and Lore can merge people but not split them, so each such merge is
/// also a warning naming the line.
#[derive(Default)]
struct People {
    /// Nick (IRC case-folded) → person.
    by_nick: HashMap<String, usize>,
    /// Each person's first nick and the line it was seen on, in order of first sighting.
    first: Vec<(String, u64)>,
    /// Union-find over persons: a merged person points at the one first seen.
    parent: Vec<usize>,
}

/// IRC compares nicks without case, and by RFC 1459 `[]\~` are the capitals of `{}|^`.
fn fold(nick: &str) -> String {
    nick.chars()
        .map(|c| match c {
            '[' => '{',
            ']' => '}',
            '\\' => '|',
            '~' => '^',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl People {
    fn resolve(&mut self, nick: &str, line: u64) -> usize {
        let next = self.first.len();
        let person = *self.by_nick.entry(fold(nick)).or_insert(next);
        if person == next {
            self.first.push((nick.to_owned(), line));
            self.parent.push(next);
        }
        self.root(person)
    }

    /// The person a merged person was merged into, pointing everything on the way straight at
    /// it so that hostile chains of renames stay cheap.
    fn root(&mut self, person: usize) -> usize {
        let mut root = person;
        while let Some(&up) = self.parent.get(root) {
            if up == root {
                break;
            }
            root = up;
        }
        let mut at = person;
        while let Some(up) = self.parent.get_mut(at) {
            if *up == root {
                break;
            }
            at = std::mem::replace(up, root);
        }
        root
    }

    /// Gives `new` to the person who held `old`. When `new` was another person's nick, the two
    /// become one and this returns the line that nick was first seen on.
    fn rename(&mut self, old: &str, new: &str, line: u64) -> (usize, Option<u64>) {
        let person = self.resolve(old, line);
        let Some(&other) = self.by_nick.get(&fold(new)) else {
            self.by_nick.insert(fold(new), person);
            return (person, None);
        };
        let other = self.root(other);
        if other == person {
            return (person, None);
        }
        let (keep, merged) = (person.min(other), person.max(other));
        self.parent[merged] = keep;
        self.by_nick.insert(fold(new), keep);
        (keep, Some(self.first[other].1))
    }

    fn handle(&mut self, person: usize) -> String {
        let root = self.root(person);
        self.first[root].0.clone()
    }
}

struct Reader<'a> {
    file: &'a str,
    opts: &'a IrcOptions,
    dialect: Dialect,
    tz_text: String,
    /// The date for lines that give only a time.
    date: Option<Date>,
    /// The local time of the last timed line on `date` and how it was written, to notice the
    /// day turning.
    last_time: Option<(Time, String)>,
    /// The last line's instant and local date, which untimed lines borrow.
    last: Option<(OffsetDateTime, Date)>,
    /// Entries (by index) of untimed lines before the first timed one, waiting for its time.
    pending: Vec<usize>,
    entries: Vec<NewTimelineEntry>,
    /// Each entry's author, resolved to a handle at the end, once every merge is known.
    authors: Vec<Option<usize>>,
    people: People,
    warnings: Vec<String>,
    not_fitting: Tally,
    back: Tally,
    rollover: Tally,
    clashes: Tally,
    untimed: Tally,
    early: Tally,
    day_start: Tally,
    other_channel: Tally,
    /// The first channel a system line named, and its line.
    stated: Option<(String, u64)>,
    /// The first other channel a system line named, and its line: then the log is not one
    /// channel's.
    also_stated: Option<(String, u64)>,
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, opts: &'a IrcOptions, dialect: Dialect) -> Self {
        let mut warnings = Vec::new();
        let from_name = date_from_file_name(file);
        if let (Some(given), Some(named)) = (opts.date, from_name)
            && given != named
        {
            warnings.push(format!(
                "{file}: --date {given} differs from the date in the file name ({named}); using --date"
            ));
        }
        Reader {
            file,
            opts,
            dialect,
            tz_text: opts.tz.to_string(),
            date: opts.date.or(from_name),
            last_time: None,
            last: None,
            pending: Vec::new(),
            entries: Vec::new(),
            authors: Vec::new(),
            people: People::default(),
            warnings,
            not_fitting: Tally::default(),
            back: Tally::default(),
            rollover: Tally::default(),
            clashes: Tally::default(),
            untimed: Tally::default(),
            early: Tally::default(),
            day_start: Tally::default(),
            other_channel: Tally::default(),
            stated: None,
            also_stated: None,
        }
    }

    fn error(&self, line: u64, message: impl Into<String>) -> ImportError {
        ImportError::Line {
            file: self.file.to_owned(),
            line,
            message: message.into(),
        }
    }

    fn no_date(&self) -> ImportError {
        ImportError::File {
            file: self.file.to_owned(),
            message: "the log gives no date; pass --date YYYY-MM-DD or name the file with its date"
                .to_owned(),
        }
    }

    fn line(&mut self, n: u64, raw: &str) -> Result<(), ImportError> {
        let clean = parse::strip_formatting(raw);
        if clean.trim().is_empty() {
            return Ok(());
        }
        let Some(parsed) = parse::parse(self.dialect, &clean) else {
            let (file, dialect) = (self.file, self.dialect);
            self.not_fitting.note(n, &mut self.warnings, || {
                format!(
                    "{file}:{n}: not a line of a {dialect} log; skipped: {:?}",
                    snippet(&clean)
                )
            });
            return Ok(());
        };
        if let (Some(want), Some(have)) = (&self.opts.channel, parsed.channel)
            && !same_channel(want, have)
        {
            self.other_channel.count(n);
            return Ok(());
        }
        if let (None, What::System { content, .. }) = (parsed.channel, parsed.what)
            && let Some(named) = parse::channel_named(content.trim())
        {
            self.stated_channel(named, n);
        }
        self.entry(n, raw, parsed)
    }

    fn stated_channel(&mut self, named: &str, n: u64) {
        match &self.stated {
            None => self.stated = Some((named.to_owned(), n)),
            Some((first, _)) if self.also_stated.is_none() && !same_channel(first, named) => {
                self.also_stated = Some((named.to_owned(), n));
            }
            Some(_) => {}
        }
    }

    /// The channel of the lines that do not name their own, and a warning when the log is not
    /// clear about it.
    fn log_channel(&self) -> (Option<String>, Option<String>) {
        let file = self.file;
        let from_name = channel_in_file_name(file);
        match (&self.stated, &self.also_stated, from_name) {
            (Some((a, first)), Some((b, second)), _) => (
                None,
                Some(format!(
                    "{file}: names channel {a} (line {first}) and {b} (line {second}); \
                     entries without a channel of their own are given none"
                )),
            ),
            (Some((stated, line)), None, Some(named)) if !same_channel(stated, &named) => (
                Some(stated.clone()),
                Some(format!(
                    "{file}: the file name says {named} but line {line} says {stated}; using {stated}"
                )),
            ),
            (Some((stated, _)), None, _) => (Some(stated.clone()), None),
            (None, _, named) => (named, None),
        }
    }

    fn entry(&mut self, n: u64, raw: &str, parsed: Parsed<'_>) -> Result<(), ImportError> {
        // When it happened; `None` for lines that borrow a time from their neighbours.
        let at = match parsed.stamp {
            _ if matches!(parsed.what, What::Date(_) | What::Nothing) => None,
            Stamp::Full(local, _) => Some(local),
            Stamp::Time(time, text) => {
                Some(PrimitiveDateTime::new(self.day_of(n, time, text)?, time))
            }
            Stamp::DateOnly(..) | Stamp::None => None,
        };
        let (author, text, noise) = match parsed.what {
            What::Date(date) => {
                // A header: the lines after it are on this date, and the clock starts afresh.
                self.date = Some(date);
                self.last_time = None;
                return Ok(());
            }
            What::Nothing => return Ok(()),
            What::Message { nick, text } => {
                (Some(self.people.resolve(nick, n)), text.into(), false)
            }
            // `* nick does`, as clients show it, so that the text reads right on its own and an
            // action is not mistaken for the person saying "does".
            What::Action { nick, text } => (
                Some(self.people.resolve(nick, n)),
                action_text(nick, text),
                false,
            ),
            What::Notice { nick, text } => (Some(self.people.resolve(nick, n)), text.into(), false),
            What::System { content, actions } => {
                let content = content.trim();
                match parse::system(content) {
                    System::Join(nick) | System::Part(nick) | System::Quit(nick) => {
                        (Some(self.people.resolve(nick, n)), content.into(), true)
                    }
                    System::Rename { old, new } => {
                        let (person, clash) = self.people.rename(old, new, n);
                        if let Some(first) = clash {
                            let (file, handle) = (self.file, self.people.handle(person));
                            self.clashes.note(n, &mut self.warnings, || {
                                format!(
                                    "{file}:{n}: {old} is now known as {new}, a nick first seen \
                                     at line {first}; read as one person, {handle}"
                                )
                            });
                        }
                        (Some(person), content.into(), true)
                    }
                    System::Other(Some(nick)) => {
                        (Some(self.people.resolve(nick, n)), content.into(), true)
                    }
                    System::Other(None) if actions => {
                        // Old irclogs.ubuntu.com wrote `/me does` as `=== nick does`.
                        let (nick, text) = content.split_once(' ').unwrap_or((content, ""));
                        if parse::is_nick(nick) {
                            (
                                Some(self.people.resolve(nick, n)),
                                action_text(nick, text.trim()),
                                false,
                            )
                        } else {
                            (None, content.into(), true)
                        }
                    }
                    System::Other(None) => (None, content.into(), true),
                }
            }
        };
        let occurred_at = match (at, parsed.stamp) {
            (Some(local), _) => {
                let instant = self.instant(n, local)?;
                self.place_pending(instant);
                self.last = Some((instant, local.date()));
                instant
            }
            (None, stamp) => match (stamp, self.last) {
                // A dated line with no time, on a later day than the line before it (or the
                // first line): the start of its day, the only time known to be on that day.
                (Stamp::DateOnly(date, _), last)
                    if last.is_none_or(|(_, last_date)| date > last_date) =>
                {
                    let instant = self.instant(n, PrimitiveDateTime::new(date, Time::MIDNIGHT))?;
                    self.last = Some((instant, date));
                    let file = self.file;
                    self.day_start.note(n, &mut self.warnings, || {
                        format!(
                            "{file}:{n}: no time, and a day no line before it is on; placed at \
                             the start of {date}"
                        )
                    });
                    instant
                }
                (_, Some((instant, _))) => {
                    self.untimed.count(n);
                    instant
                }
                (_, None) => {
                    // Placed when the first timed line comes (`place_pending`).
                    self.early.count(n);
                    self.pending.push(self.entries.len());
                    OffsetDateTime::UNIX_EPOCH
                }
            },
        };
        self.authors.push(author);
        self.entries.push(NewTimelineEntry {
            occurred_at,
            time_text: parsed.stamp.text().to_owned(),
            time_zone: Some(self.tz_text.clone()),
            author_handle: None,
            channel: parsed.channel.map(channel_name),
            kind: EntryKind::Chat,
            text,
            thread_parent: None,
            noise,
            provenance: Provenance {
                path: self.file.to_owned(),
                line: Some(n),
                message_id: None,
            },
            raw: raw.to_owned(),
        });
        Ok(())
    }

    /// The date of a time-only line, turning the day when the clock goes back by more than
    /// [`ROLLOVER`] (23:59 → 00:01). A smaller step back stays on the same day with a warning:
    /// lines written out of order, or a log on a 12-hour clock, which no rule can tell apart.
    fn day_of(&mut self, n: u64, time: Time, text: &str) -> Result<Date, ImportError> {
        let Some(mut date) = self.date else {
            return Err(self.no_date());
        };
        if let Some((last, last_text)) = &self.last_time
            && time < *last
        {
            let file = self.file;
            if *last - time > ROLLOVER {
                date = date
                    .next_day()
                    .ok_or_else(|| self.error(n, "the date is out of range"))?;
                self.date = Some(date);
                let message = format!(
                    "{file}:{n}: the time goes back from {last_text} to {text}; read as the next \
                     day, {date}"
                );
                self.rollover.note(n, &mut self.warnings, || message);
            } else {
                let message = format!(
                    "{file}:{n}: the time goes back from {last_text} to {text}; kept on {date} \
                     (lines out of order, or a 12-hour clock?)"
                );
                self.back.note(n, &mut self.warnings, || message);
            }
        }
        self.last_time = Some((time, text.to_owned()));
        Ok(date)
    }

    fn instant(&self, n: u64, local: PrimitiveDateTime) -> Result<OffsetDateTime, ImportError> {
        self.opts
            .tz
            .assume(local)
            .and_then(|t| t.checked_to_offset(UtcOffset::UTC))
            .ok_or_else(|| self.error(n, format!("{local} {} is out of range", self.tz_text)))
    }

    /// Untimed lines before the first timed one happened by then.
    fn place_pending(&mut self, instant: OffsetDateTime) {
        for index in self.pending.drain(..) {
            if let Some(e) = self.entries.get_mut(index) {
                e.occurred_at = instant;
            }
        }
    }

    fn finish(mut self, decoded: Decoded) -> Result<Timeline, ImportError> {
        let file = self.file;
        // Untimed lines still waiting: no line of the log had a time.
        let no_time = !self.pending.is_empty();
        if let (Some(first), true) = (self.early.first, no_time) {
            // No line has a time: they happened on the log's date, at a time unknown.
            let date = self.date.ok_or_else(|| self.no_date())?;
            let instant = self.instant(first, PrimitiveDateTime::new(date, Time::MIDNIGHT))?;
            self.place_pending(instant);
            self.warnings.push(format!(
                "{file}: no line gives a time; all are placed at the start of {date}"
            ));
        }
        if self.entries.is_empty() && self.not_fitting.count > 0 {
            return Err(ImportError::File {
                file: file.to_owned(),
                message: format!(
                    "no line is in the {} format (first: line {}); check --format",
                    self.dialect,
                    self.not_fitting.first.unwrap_or(0)
                ),
            });
        }
        let w = &mut self.warnings;
        for (tally, what) in [
            (
                &self.not_fitting,
                format!("were not lines of a {} log and were skipped", self.dialect),
            ),
            (
                &self.back,
                "went back in time and were kept on the same day".to_owned(),
            ),
            (&self.rollover, "turned the day".to_owned()),
            (
                &self.day_start,
                "were placed at the start of their day".to_owned(),
            ),
            (
                &self.clashes,
                "renamed someone to a nick seen earlier".to_owned(),
            ),
        ] {
            if tally.unlisted() > 0 {
                w.push(format!("{file}: {} more lines {what}", tally.unlisted()));
            }
        }
        if let Some(first) = self.untimed.first {
            w.push(format!(
                "{file}: {} give no time of their own; each takes the time of the line before it \
                 (first: line {first})",
                lines_text(self.untimed.count)
            ));
        }
        if let (Some(first), false) = (self.early.first, no_time) {
            w.push(format!(
                "{file}: {} before the first time in the log take that time (first: line {first})",
                lines_text(self.early.count)
            ));
        }
        if let (Some(first), Some(channel)) = (self.other_channel.first, &self.opts.channel) {
            w.push(format!(
                "{file}: {} from channels other than {channel} were skipped (first: line {first})",
                lines_text(self.other_channel.count)
            ));
        }
        if let Some(first) = decoded.first {
            let n = decoded.windows_1252;
            let (were, was) = if n == 1 {
                ("was", "was")
            } else {
                ("were", "were")
            };
            w.push(format!(
                "{file}: {} {were} not UTF-8 and {was} read as Windows-1252 (first: line {first})",
                lines_text(n)
            ));
        }
        duplicates(file, &self.entries, w);
        let (log_channel, channel_warning) = self.log_channel();
        self.warnings.extend(channel_warning);
        for (entry, author) in self.entries.iter_mut().zip(&self.authors) {
            entry.author_handle = author.map(|p| self.people.handle(p));
            if entry.channel.is_none() {
                entry.channel.clone_from(&log_channel);
            }
        }
        let mut people = Vec::new();
        for p in 0..self.people.first.len() {
            if self.people.root(p) == p {
                let handle = self.people.handle(p);
                people.push(PersonHint {
                    display_name: handle.clone(),
                    handle,
                });
            }
        }
        Ok(Timeline {
            entries: self.entries,
            people,
            warnings: self.warnings,
            ..Timeline::default()
        })
    }
}

/// Lore knows an entry by its instant, kind and raw line, so the same line twice in the same
/// minute of a log that writes only minutes is one entry to the store; say so rather than let
/// the second vanish unexplained.
fn duplicates(file: &str, entries: &[NewTimelineEntry], warnings: &mut Vec<String>) {
    let mut seen: HashMap<(i128, &str), u64> = HashMap::new();
    let mut tally = Tally::default();
    for e in entries {
        let line = e.provenance.line.unwrap_or(0);
        let key = (e.occurred_at.unix_timestamp_nanos(), e.raw.as_str());
        if let Some(&first) = seen.get(&key) {
            tally.note(line, warnings, || {
                format!(
                    "{file}:{line}: the same line at the same time as line {first}; Lore will keep one of them"
                )
            });
        } else {
            seen.insert(key, line);
        }
    }
    if tally.unlisted() > 0 {
        warnings.push(format!(
            "{file}: {} more lines repeated an earlier line at the same time",
            tally.unlisted()
        ));
    }
}

fn action_text(nick: &str, text: &str) -> String {
    if text.is_empty() {
        format!("* {nick}")
    } else {
        format!("* {nick} {text}")
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

fn same_channel(a: &str, b: &str) -> bool {
    a.trim_start_matches('#')
        .eq_ignore_ascii_case(b.trim_start_matches('#'))
}

fn lines_text(n: u64) -> String {
    if n == 1 {
        "1 line".to_owned()
    } else {
        format!("{n} lines")
    }
}

/// The start of a line for a warning, cut on a character boundary.
fn snippet(s: &str) -> &str {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((at, _)) => &s[..at],
        None => s,
    }
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

    #[test]
    fn nicks_fold_by_rfc_1459_and_renames_merge() {
        assert_eq!(fold("Joe[away]~"), "joe{away}^");
        let mut people = People::default();
        let joe = people.resolve("Joe", 1);
        assert_eq!(people.resolve("JOE", 2), joe);
        assert_eq!(people.rename("joe", "joe_away", 3), (joe, None));
        assert_eq!(people.resolve("Joe_Away", 4), joe);
        // A reconnect: joe_ is someone new until they take back joe's nick.
        let joe_ = people.resolve("joe_", 5);
        assert_ne!(joe_, joe);
        assert_eq!(people.rename("joe_", "joe", 6), (joe, Some(1)));
        assert_eq!(people.handle(joe_), "Joe");
        assert_eq!(people.resolve("joe_", 7), joe);
        assert_eq!(people.rename("joe", "joe_away", 8), (joe, None));
    }
}
