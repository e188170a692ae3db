//! Dates, times and zones as people type them into write-ups.
//!
//! Only shapes that read one way are accepted: ISO dates (`2023-02-14`), dates with the month
//! spelt out (`Jan 14`, `29 September 2025`, `Tuesday 2 May 2023`, `November 24th, 2025`),
//! clock times (`09:14`, `9:14am`, `10:18 AM`, `14:32:05`) and the zone written after them
//! (`UTC`, `CET`, `UTC+2`, `Z`, `+02:00`). Numeric dates with slashes (`03/04/2021`) are
//! refused: the same text is March or April depending on who wrote it.

mod zones;

use time::{Date, Month, Time, UtcOffset, Weekday};

use crate::dates::month_named;
use zones::zone_after;
pub(crate) use zones::{zone_at_start, zone_in};

/// A calendar day as written: complete, or a month and day waiting for a year from context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Day {
    Full(Date),
    MonthDay(Month, u8),
}

impl Day {
    /// The date, taking the year from `context` when the text gave none.
    pub(crate) fn resolve(self, context: Option<Date>) -> Option<Date> {
        match self {
            Day::Full(d) => Some(d),
            Day::MonthDay(m, d) => Date::from_calendar_date(context?.year(), m, d).ok(),
        }
    }
}

/// A zone as written next to a time or in a table header, with its offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Zone {
    /// As written, upper-cased: `UTC`, `CET`, `UTC+2`, `+02:00`.
    pub name: String,
    pub offset: UtcOffset,
}

/// What a date-time prefix of some text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub day: Option<Day>,
    /// `None` when only a day was written (`2021-12-10`).
    pub time: Option<Time>,
    pub zone: Option<Zone>,
    /// The end of a range written after the time (`09:00 - 11:00`), when it reads as a time.
    pub until: Option<Time>,
    /// Bytes of the text the stamp covers.
    pub len: usize,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A byte cursor over ASCII-led text. Every step checks bounds, so any input is safe.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.pos + ahead).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, lit: &str) -> bool {
        if self.s[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Skips spaces and tabs, returning how many.
    fn spaces(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Between `min` and `max` ASCII digits, not followed by another digit.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        let mut value = 0u32;
        while self.pos - start < max {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        let n = self.pos - start;
        if n < min || n == 0 || matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos = start;
            return None;
        }
        Some(value)
    }

    /// A run of ASCII letters, lower-cased.
    fn word(&mut self) -> Option<String> {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        if self.pos == start {
            return None;
        }
        Some(String::from_utf8_lossy(&self.s[start..self.pos]).to_ascii_lowercase())
    }

    /// True at the end or before a character that cannot continue a word or number.
    fn at_boundary(&self) -> bool {
        let rest = &self.s[self.pos.min(self.s.len())..];
        // The cursor only ever steps over ASCII, so it sits on a character boundary; decode
        // just the next character rather than validating the rest of the text.
        let next = (1..=rest.len().min(4))
            .find_map(|n| std::str::from_utf8(&rest[..n]).ok())
            .and_then(|s| s.chars().next());
        next.is_none_or(|ch| !ch.is_alphanumeric())
    }
}

fn weekday_named(word: &str) -> bool {
    word.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|name| *name == word || (word.len() <= 5 && name.starts_with(word)))
}

/// `YYYY-MM-DD` with a valid calendar date.
fn iso_day(c: &mut Cursor) -> Option<Date> {
    let start = *c;
    let parsed = (|| {
        let y = c.number(4, 4)?;
        if !c.eat(b'-') {
            return None;
        }
        let m = c.number(2, 2)?;
        if !c.eat(b'-') {
            return None;
        }
        let d = c.number(2, 2)?;
        let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
        Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
    })();
    if parsed.is_none() {
        *c = start;
    }
    parsed
}

/// A day of the month (1–31) with an optional ordinal suffix.
fn day_of_month(c: &mut Cursor) -> Option<u8> {
    let start = *c;
    let d = c.number(1, 2)?;
    if !(1..=31).contains(&d) {
        *c = start;
        return None;
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if c.eat_str(suffix) {
            break;
        }
    }
    if !c.at_boundary() {
        *c = start;
        return None;
    }
    u8::try_from(d).ok()
}

/// `, 2025` or ` 2025` after a month-name date; a number followed by `:` is a time, not a year.
fn year_after(c: &mut Cursor) -> Option<i32> {
    let start = *c;
    c.eat(b',');
    if c.spaces() == 0 {
        *c = start;
        return None;
    }
    match c.number(4, 4) {
        Some(y) if c.peek() != Some(b':') && c.at_boundary() => i32::try_from(y).ok(),
        _ => {
            *c = start;
            None
        }
    }
}

/// `Jan 14`, `January 14th, 2025`, `October 29-30, 2025`, `14 Jan 2025`, `24th of November`,
/// each optionally after a weekday (`Tuesday 2 May 2023`).
fn named_day(c: &mut Cursor) -> Option<Day> {
    let start = *c;
    if let Some(w) = c.word() {
        if weekday_named(&w) {
            c.eat(b'.');
            c.eat(b',');
            if c.spaces() == 0 {
                *c = start;
                return None;
            }
        } else {
            *c = start;
        }
    }
    let found = named_day_after_weekday(c);
    if found.is_none() {
        *c = start;
    }
    found
}

fn named_day_after_weekday(c: &mut Cursor) -> Option<Day> {
    let start = *c;
    // Month first: `Jan 14`, `October 29-30, 2025`.
    if let Some(w) = c.word() {
        if let Some(month) = month_named(&w) {
            c.eat(b'.');
            if c.spaces() > 0
                && let Some(d) = day_of_month(c)
            {
                // A range of days (`29-30`) names the first.
                let before_range = *c;
                if c.eat(b'-') && day_of_month(c).is_none() {
                    *c = before_range;
                }
                return Some(with_year(month, d, year_after(c)));
            }
        }
        *c = start;
        return None;
    }
    // Day first: `14 Jan 2025`, `24th of November`.
    let d = day_of_month(c)?;
    if c.spaces() > 0 {
        let before_of = *c;
        if !(c.eat_str("of") && c.spaces() > 0) {
            *c = before_of;
        }
        if let Some(w) = c.word()
            && let Some(month) = month_named(&w)
        {
            c.eat(b'.');
            if c.at_boundary() {
                return Some(with_year(month, d, year_after(c)));
            }
        }
    }
    *c = start;
    None
}

fn with_year(month: Month, day: u8, year: Option<i32>) -> Day {
    match year.and_then(|y| Date::from_calendar_date(y, month, day).ok()) {
        Some(d) => Day::Full(d),
        None => Day::MonthDay(month, day),
    }
}

fn any_day(c: &mut Cursor) -> Option<Day> {
    if let Some(d) = iso_day(c) {
        return Some(Day::Full(d));
    }
    named_day(c)
}

/// `H:MM`, `HH:MM:SS(.fff)`, `9:14am`, `10:18 AM`; with `dot`, also `15.26` (only after a
/// date, where a dotted number cannot be a version or an amount).
fn clock(c: &mut Cursor, dot: bool) -> Option<Time> {
    let start = *c;
    let parsed = (|| {
        let h = c.number(1, 2)?;
        let sep = c.peek()?;
        if !(sep == b':' || (dot && sep == b'.')) {
            return None;
        }
        c.pos += 1;
        let m = c.number(2, 2)?;
        let mut s = 0;
        if sep == b':' && c.peek() == Some(b':') && matches!(c.peek_at(1), Some(b'0'..=b'9')) {
            c.pos += 1;
            s = c.number(2, 2)?;
            if c.peek() == Some(b'.') && matches!(c.peek_at(1), Some(b'0'..=b'9')) {
                c.pos += 1;
                while matches!(c.peek(), Some(b'0'..=b'9')) {
                    c.pos += 1;
                }
            }
        }
        let mut h = h;
        let before_meridiem = *c;
        c.spaces();
        let meridiem = match c.peek().map(|b| b.to_ascii_lowercase()) {
            Some(b @ (b'a' | b'p')) if matches!(c.peek_at(1), Some(b'm' | b'M' | b'.')) => {
                c.pos += 1;
                c.eat(b'.');
                if matches!(c.peek(), Some(b'm' | b'M')) {
                    c.pos += 1;
                    c.eat(b'.');
                    Some(b == b'p')
                } else {
                    None
                }
            }
            _ => None,
        };
        match meridiem {
            Some(pm) if c.at_boundary() => {
                if !(1..=12).contains(&h) {
                    return None;
                }
                h = match (h, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
            }
            _ => *c = before_meridiem,
        }
        if h > 23 || m > 59 || s > 59 {
            return None;
        }
        Time::from_hms(h as u8, m as u8, s as u8).ok()
    })();
    if parsed.is_none() {
        *c = start;
    }
    parsed
}

/// The end of a range: a time, or a time with unknown minutes (`12:??`), which is accepted
/// so that the start can still be placed.
fn range_end(c: &mut Cursor) -> Option<Option<Time>> {
    let start = *c;
    c.spaces();
    if !(c.eat(b'-') || c.eat_str("\u{2013}") || c.eat_str("\u{2014}")) {
        *c = start;
        return None;
    }
    c.spaces();
    if let Some(t) = clock(c, false) {
        return Some(Some(t));
    }
    let before = *c;
    if c.number(1, 2).is_some() && c.eat_str(":??") && c.at_boundary() {
        return Some(None);
    }
    *c = before;
    *c = start;
    None
}

/// Reads a date and/or time at the start of `text`.
///
/// Accepted: a day (`2023-02-14`, `Jan 14`), a day and a time (`2023-02-14 10:46`,
/// `2023-02-14T10:46:00Z`, `Jan 14, 10:18 AM`), or a time alone, which may be followed by its
/// day in brackets or after "on" (`22:30 UTC (Oct 29)`, `22:30 UTC on October 29`). A zone,
/// a range end (`09:00 - 11:00`) and a `~` for "about" may follow; a `~` may also lead.
/// The stamp must end at a word boundary: `10:30abc` is not a time.
pub(crate) fn stamp(text: &str) -> Option<Stamp> {
    let mut c = Cursor {
        s: text.as_bytes(),
        pos: 0,
    };
    c.eat(b'~');
    let day = any_day(&mut c);
    let mut time = None;
    if day.is_some() {
        let after_day = c;
        let separated = c.eat(b'T') || {
            c.eat(b',');
            c.spaces() > 0
        };
        if separated {
            let before_at = c;
            if !(c.eat_str("at") && c.spaces() > 0) {
                c = before_at;
            }
            time = clock(&mut c, true);
        }
        if time.is_none() {
            c = after_day;
        }
    } else {
        time = Some(clock(&mut c, false)?);
    }
    let mut stamp = Stamp {
        day,
        time,
        zone: None,
        until: None,
        len: 0,
    };
    if stamp.time.is_some() {
        stamp.zone = zone_after(&mut c);
        if let Some(end) = range_end(&mut c) {
            stamp.until = end;
            if stamp.zone.is_none() {
                stamp.zone = zone_after(&mut c);
            }
        }
        c.eat(b'~');
        if stamp.day.is_none() {
            stamp.day = day_after_time(&mut c);
        }
    }
    if !c.at_boundary() {
        return None;
    }
    stamp.len = c.pos;
    Some(stamp)
}

/// ` (Oct 29)` or ` on October 29` after a time.
fn day_after_time(c: &mut Cursor) -> Option<Day> {
    let start = *c;
    if c.spaces() > 0 {
        if c.eat(b'(') {
            c.spaces();
            if let Some(d) = any_day(c) {
                c.spaces();
                if c.eat(b')') {
                    return Some(d);
                }
            }
        } else if c.eat_str("on")
            && c.spaces() > 0
            && let Some(d) = any_day(c)
        {
            return Some(d);
        }
    }
    *c = start;
    None
}

/// The first date written anywhere in `text` (a heading, a title), ISO or with the month
/// spelt out.
pub(crate) fn day_in(text: &str) -> Option<Day> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if word_start && bytes[i].is_ascii_alphanumeric() {
            let mut c = Cursor { s: bytes, pos: i };
            if let Some(d) = any_day(&mut c) {
                return Some(d);
            }
        }
    }
    None
}

/// A date written with slashes (`24/07/25`, `03/04/2021`), which reads as day/month/year,
/// month/day/year or year/month/day depending on who wrote it. It is read only when exactly
/// one of those readings falls within 31 days of `context`, the date the write-up was at.
/// `None`: `text` is not such a date; `Some(None)`: it is one, but cannot be read for sure.
pub(crate) fn slashed_day(text: &str, context: Option<Date>) -> Option<Option<Date>> {
    let parts: Vec<&str> = text.split('/').collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str, lens: &[usize]| {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i32>().ok())
            .flatten()
    };
    let year = |p: &str| digits(p, &[2, 4]).map(|y| if p.len() == 2 { 2000 + y } else { y });
    let small = |p: &str| digits(p, &[1, 2]);
    let shaped = (small(a).is_some() && small(b).is_some() && year(c).is_some())
        || (year(a).is_some() && a.len() == 4 && small(b).is_some() && small(c).is_some());
    if !shaped {
        return None;
    }
    let date = |y: Option<i32>, m: Option<i32>, d: Option<i32>| {
        let month = Month::try_from(u8::try_from(m?).ok()?).ok()?;
        Date::from_calendar_date(y?, month, u8::try_from(d?).ok()?).ok()
    };
    let Some(context) = context else {
        return Some(None);
    };
    let mut readings: Vec<Date> = [
        date(year(c), small(b), small(a)),
        date(year(c), small(a), small(b)),
        date(year(a), small(b), small(c)),
    ]
    .into_iter()
    .flatten()
    .filter(|d| (*d - context).whole_days().abs() <= 31)
    .collect();
    readings.dedup();
    Some(match readings.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

/// An ISO date at the very start of `text` followed by a non-digit, as in file names like
/// `2025-09-29-flags-is-down.md`.
pub(crate) fn leading_iso_day(text: &str) -> Option<Date> {
    let mut c = Cursor {
        s: text.as_bytes(),
        pos: 0,
    };
    iso_day(&mut c)
}

/// True when `date` falls in European summer time (last Sunday of March to last Sunday of
/// October), when Central Europe keeps CEST rather than CET.
pub(crate) fn in_european_summer(date: Date) -> bool {
    let last_sunday = |month: Month| {
        let mut d = Date::from_calendar_date(date.year(), month, 31).ok()?;
        while d.weekday() != Weekday::Sunday {
            d = d.previous_day()?;
        }
        Some(d)
    };
    match (last_sunday(Month::March), last_sunday(Month::October)) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, offset, time};

    /// Day, time, zone name and length of a stamp.
    type Read = (Option<Day>, Option<Time>, Option<String>, usize);

    fn st(text: &str) -> Option<Read> {
        stamp(text).map(|s| (s.day, s.time, s.zone.map(|z| z.name), s.len))
    }

    #[test]
    fn reads_the_shapes_real_write_ups_use() {
        let full = |d, t| Some(Day::Full(d)).zip(Some(t));
        let s = stamp("2023-02-14 10:46 | x").unwrap();
        assert_eq!(
            Some(s.day.unwrap()).zip(s.time),
            full(date!(2023 - 02 - 14), time!(10:46))
        );
        assert_eq!(s.len, 16);
        assert_eq!(
            st("2021-12-10   15:40"),
            Some((
                Some(Day::Full(date!(2021 - 12 - 10))),
                Some(time!(15:40)),
                None,
                18
            ))
        );
        assert_eq!(
            st("16:58 UTC** - x"),
            Some((None, Some(time!(16:58)), Some("UTC".into()), 9))
        );
        assert_eq!(
            st("22:30 UTC (Oct 29)** - x").map(|s| (s.0, s.3)),
            Some((Some(Day::MonthDay(Month::October, 29)), 18))
        );
        assert_eq!(
            st("Jan 14, 10:18 AM"),
            Some((
                Some(Day::MonthDay(Month::January, 14)),
                Some(time!(10:18)),
                None,
                16
            ))
        );
        assert_eq!(st("Jan 17, 8:13 PM").unwrap().1, Some(time!(20:13)));
        assert_eq!(st("Jan 17, 12:05 AM").unwrap().1, Some(time!(00:05)));
        assert_eq!(st("9:14am: x").unwrap().1, Some(time!(09:14)));
        assert_eq!(st("2023-09-18 15.26 x").unwrap().1, Some(time!(15:26)));
        assert_eq!(st("15.26 x"), None, "a dotted time needs a date before it");
        assert_eq!(st("2024-09-20 11:21: x").unwrap().3, 16);
        let s = stamp("2020-10-06 09:00 - 11:00 | x").unwrap();
        assert_eq!((s.until, s.len), (Some(time!(11:00)), 24));
        let s = stamp("2022-08-03 12:26-12:??").unwrap();
        assert_eq!((s.time, s.until, s.len), (Some(time!(12:26)), None, 22));
        assert_eq!(stamp("2020-11-17 10:45~").unwrap().len, 17);
        assert_eq!(stamp("~2025-03-03 19:30").unwrap().len, 17);
        let s = stamp("2023-02-14T10:46:00.5+01:00").unwrap();
        assert_eq!(s.zone.unwrap().offset, offset!(+1));
        assert_eq!(s.len, 27);
        assert_eq!(stamp("10:00Z").unwrap().zone.unwrap().name, "UTC");
        assert_eq!(
            stamp("10:00 UTC+2").unwrap().zone.unwrap().offset,
            offset!(+2)
        );
        assert_eq!(
            stamp("22:30 UTC on October 29 to 05:39").unwrap().day,
            Some(Day::MonthDay(Month::October, 29))
        );
    }

    #[test]
    fn date_only_and_refusals() {
        assert_eq!(
            st("2021-12-10"),
            Some((Some(Day::Full(date!(2021 - 12 - 10))), None, None, 10))
        );
        let s = stamp("2024-03-13 14:?? | x").unwrap();
        assert_eq!((s.time, s.len), (None, 10));
        for bad in [
            "20202-01-16 12:00",
            "2022-05-?? HH:mm",
            "20xx-MM-DD HH:mm",
            "--:--",
            "9 production sites",
            "1:1 meeting",
            "24:00",
            "10:60",
            "13:00 pm",
            "10:30abc",
            "12/03/2021 09:14",
            "2021-02-30 10:00",
        ] {
            let s = stamp(bad);
            assert!(
                s.as_ref().is_none_or(|s| s.time.is_none()),
                "{bad:?} read as {s:?}"
            );
        }
        assert_eq!(st("2.0.6"), None);
        assert_eq!(
            st("10:00 est").unwrap().2,
            None,
            "lower-case words are not zones"
        );
    }

    #[test]
    fn finds_dates_in_headings_and_names() {
        let full = |d| Some(Day::Full(d));
        assert_eq!(
            day_in("PostHog Feature Flags Service Outage - September 29, 2025"),
            full(date!(2025 - 09 - 29))
        );
        assert_eq!(
            day_in("October 29-30, 2025 - CPU-Bound Latency"),
            full(date!(2025 - 10 - 29))
        );
        assert_eq!(day_in("Tuesday 2 May 2023"), full(date!(2023 - 05 - 02)));
        assert_eq!(
            day_in("Post-mortem of Shai-Hulud attack on November 24th, 2025"),
            full(date!(2025 - 11 - 24))
        );
        assert_eq!(
            day_in("Incident on 2023-09-18 - Lack of Disk space"),
            full(date!(2023 - 09 - 18))
        );
        assert_eq!(
            day_in("On 28th February"),
            Some(Day::MonthDay(Month::February, 28))
        );
        for none in [
            "Q3 2024 (July-September)",
            "Q1 2020 (January - March)",
            "What may go wrong",
            "Incident title - DD/MM/YYYY",
            "PM2023-001",
        ] {
            assert_eq!(day_in(none), None, "{none:?}");
        }
        assert_eq!(
            leading_iso_day("2025-09-29-flags-is-down.md"),
            Some(date!(2025 - 09 - 29))
        );
        assert_eq!(leading_iso_day("PM2023-001 - x.md"), None);
        assert_eq!(zone_in("Date and Time in CET").unwrap().offset, offset!(+1));
        assert_eq!(zone_in("Time (UTC)").unwrap().name, "UTC");
        assert_eq!(zone_in("Timestamp"), None);
        let ctx = Some(date!(2025 - 07 - 23));
        assert_eq!(
            slashed_day("24/07/25", ctx),
            Some(Some(date!(2025 - 07 - 24)))
        );
        assert_eq!(
            slashed_day("03/04/2021", Some(date!(2021 - 03 - 20))),
            Some(None)
        );
        assert_eq!(
            slashed_day("03/04/2021", Some(date!(2021 - 03 - 01))),
            Some(Some(date!(2021 - 03 - 04)))
        );
        assert_eq!(
            slashed_day("2025/07/24", ctx),
            Some(Some(date!(2025 - 07 - 24)))
        );
        assert_eq!(slashed_day("24/07/25", None), Some(None));
        assert_eq!(slashed_day("1/2/3", ctx), None);
        assert_eq!(slashed_day("and/or/not", ctx), None);
        assert!(in_european_summer(date!(2020 - 06 - 09)));
        assert!(!in_european_summer(date!(2019 - 12 - 05)));
        assert!(!in_european_summer(date!(2023 - 03 - 25)));
        assert!(in_european_summer(date!(2023 - 03 - 26)));
    }
}
