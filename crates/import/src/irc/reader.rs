//! Reading a log's lines, once its dialect is known, into entries: dates and the day turning,
//! channels, people, and the warnings for what does not fit.

use std::collections::HashMap;

use lore_core::{EntryKind, NewTimelineEntry, PersonHint, Provenance};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::parse::{self, Parsed, Stamp, System, What};
use super::people::People;
use super::{
    Decoded, Dialect, IrcOptions, LISTED, ROLLOVER, channel_in_file_name, channel_name,
    date_from_file_name,
};
use crate::{ImportError, Timeline};

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

pub(super) struct Reader<'a> {
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
    pub(super) fn new(file: &'a str, opts: &'a IrcOptions, dialect: Dialect) -> Self {
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

    pub(super) fn line(&mut self, n: u64, raw: &str) -> Result<(), ImportError> {
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

    pub(super) fn finish(mut self, decoded: Decoded) -> Result<Timeline, ImportError> {
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
