//! Which column (CSV) or key (JSONL) holds which of Lore's fields, and how their values read.
//!
//! Timesketch-style files name their columns `message`, `datetime`, `timestamp`, ... and need no
//! configuration. Other exports (a deploy log, an alert export) use their own names; the person
//! importing says which is which with repeated `--map COLUMN=FIELD` options, fixes the kind of
//! every entry with `--kind`, and gives the offset of offset-less times with `--tz`.
//!
//! A column maps to a field when it is mapped explicitly, or when its name is the field's name
//! and neither the column nor the field is mapped to something else: with
//! `--map deployed_at=datetime`, a column that happens to be called `datetime` is an ordinary
//! column.
//!
//! Times are read the same way for every mapped format (see [`parse_datetime`]):
//! - `datetime`: RFC 3339 / ISO 8601 text, `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]` followed by
//!   `Z`, `UTC`, `+HH:MM` or `+HHMM` (optionally after one space); without an offset only when
//!   [`FieldMap::assume_tz`] is set, because guessing the zone moves every entry by hours;
//! - `timestamp`: whole microseconds since the Unix epoch, as in Timesketch;
//! - `epoch_seconds`: seconds since the Unix epoch, optionally with up to nine decimals.

use std::fmt;
use std::str::FromStr;

use lore_core::EntryKind;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::zone::Zone;

/// One of the fields Lore reads from a record; every other column or key is kept only in the
/// raw record (and, for CSV without a `message` column, in the message built from them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Message,
    Datetime,
    /// Microseconds since the Unix epoch (Timesketch's `timestamp`).
    Timestamp,
    /// Seconds since the Unix epoch, as most logs and alert exports write them.
    EpochSeconds,
    TimestampDesc,
    Author,
    Kind,
    Id,
    ThreadParent,
    Noise,
    /// The conversation a record was said in (a chat export's channel column).
    Channel,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Message,
        Field::Datetime,
        Field::Timestamp,
        Field::EpochSeconds,
        Field::TimestampDesc,
        Field::Author,
        Field::Kind,
        Field::Id,
        Field::ThreadParent,
        Field::Noise,
        Field::Channel,
    ];

    /// The name used in `--map` and, by default, as the column or key name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Message => "message",
            Field::Datetime => "datetime",
            Field::Timestamp => "timestamp",
            Field::EpochSeconds => "epoch_seconds",
            Field::TimestampDesc => "timestamp_desc",
            Field::Author => "author",
            Field::Kind => "kind",
            Field::Id => "id",
            Field::ThreadParent => "thread_parent",
            Field::Noise => "noise",
            Field::Channel => "channel",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Field {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown field {s:?}: expected one of {}", field_names()))
    }
}

fn field_names() -> String {
    Field::ALL.map(Field::name).join(", ")
}

/// Parses one `--map COLUMN=FIELD` argument. The column is everything before the last `=`,
/// taken exactly (column names may contain spaces, and `=` too: field names never do).
pub fn parse_map_arg(s: &str) -> Result<(String, Field), String> {
    let Some((column, field)) = s.rsplit_once('=') else {
        return Err(format!("--map expects COLUMN=FIELD, got {s:?}"));
    };
    if column.is_empty() {
        return Err(format!("--map {s}: the column name is empty"));
    }
    let field = field.parse().map_err(|e| format!("--map {s}: {e}"))?;
    Ok((column.to_owned(), field))
}

/// Parses a `--tz` argument: `Z`, `UTC`, `+HH:MM`, `+HHMM` or `+HH` (and the same with `-`).
pub fn parse_offset_arg(s: &str) -> Result<UtcOffset, String> {
    let bad = || format!("--tz expects an offset like +02:00, -0500 or UTC, got {s:?}");
    if matches!(s, "Z" | "z" | "UTC") {
        return Ok(UtcOffset::UTC);
    }
    let b = s.as_bytes();
    let hhmm = match b.len() {
        3 => [b.get(1), b.get(2), Some(&b'0'), Some(&b'0')],
        5 => [b.get(1), b.get(2), b.get(3), b.get(4)],
        6 if b.get(3) == Some(&b':') => [b.get(1), b.get(2), b.get(4), b.get(5)],
        _ => return Err(bad()),
    };
    let mut digits = [0u8; 4];
    for (d, c) in digits.iter_mut().zip(hhmm) {
        match c {
            Some(c) if c.is_ascii_digit() => *d = c - b'0',
            _ => return Err(bad()),
        }
    }
    offset_from(b.first().copied(), digits).ok_or_else(bad)
}

/// Builds an offset from a sign byte and the digits of `HHMM`; `None` when out of range.
fn offset_from(sign: Option<u8>, [h1, h2, m1, m2]: [u8; 4]) -> Option<UtcOffset> {
    let sign: i8 = match sign {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let (h, m) = ((h1 * 10 + h2) as i8, (m1 * 10 + m2) as i8);
    // Real offsets run from -12:00 to +14:00; `time` would take up to 25 hours.
    if h > 18 || m > 59 {
        return None;
    }
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

/// How to read a file whose columns are not named the way Lore names its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    /// Explicit `COLUMN=FIELD` mappings, in the order given.
    columns: Vec<(String, Field)>,
    /// The kind of entries whose record has no (or an empty) `kind`: `--kind deploy` for a
    /// deploy log. Without it such entries are notes.
    pub default_kind: Option<EntryKind>,
    /// The zone of datetimes written without an offset (`--tz`). Without it they are refused.
    pub assume_tz: Option<Zone>,
}

impl FieldMap {
    /// A map from `--map` arguments, each `COLUMN=FIELD`.
    pub fn from_args<'a>(args: impl IntoIterator<Item = &'a str>) -> Result<FieldMap, String> {
        let mut map = FieldMap::default();
        for arg in args {
            let (column, field) = parse_map_arg(arg)?;
            map.map(column, field)?;
        }
        Ok(map)
    }

    /// Reads `column` as `field`. Refuses a column mapped twice and a field mapped from two
    /// columns: either would leave it to chance which value wins.
    pub fn map(&mut self, column: impl Into<String>, field: Field) -> Result<(), String> {
        let column = column.into();
        if let Some((_, f)) = self.columns.iter().find(|(c, _)| *c == column) {
            return Err(format!(
                "--map: column `{column}` is mapped twice ({f} and {field})"
            ));
        }
        if let Some((c, _)) = self.columns.iter().find(|(_, f)| *f == field) {
            return Err(format!(
                "--map: field {field} is mapped from both `{c}` and `{column}`"
            ));
        }
        self.columns.push((column, field));
        Ok(())
    }

    /// The explicit mappings, in the order given.
    pub fn mappings(&self) -> &[(String, Field)] {
        &self.columns
    }

    /// The column or key that holds `field` when present: the one mapped to it, or the one
    /// named like it. For error messages.
    pub(crate) fn name_for(&self, field: Field) -> &str {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map_or(field.name(), |(c, _)| c.as_str())
    }

    /// Which of `columns` holds each field, by position.
    pub(crate) fn resolve<S: AsRef<str>>(&self, columns: &[S]) -> Resolved {
        let position = |name: &str| columns.iter().position(|c| c.as_ref() == name);
        let mut slots = [None; Field::ALL.len()];
        for field in Field::ALL {
            slots[field.index()] = match self.columns.iter().find(|(_, f)| *f == field) {
                Some((column, _)) => position(column),
                None if self.columns.iter().any(|(c, _)| c == field.name()) => None,
                None => position(field.name()),
            };
        }
        Resolved { slots }
    }
}

/// Which column holds each field in one file (or one JSON object).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    slots: [Option<usize>; Field::ALL.len()],
}

impl Resolved {
    pub(crate) fn get(&self, field: Field) -> Option<usize> {
        self.slots[field.index()]
    }

    /// Whether column `index` holds one of Lore's fields.
    pub(crate) fn is_mapped(&self, index: usize) -> bool {
        self.slots.contains(&Some(index))
    }
}

/// Why a `datetime` value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatetimeError {
    /// A valid date and time without a UTC offset, and no offset to assume.
    NoOffset,
    /// Not a date and time in any accepted layout; the reason names what is wrong.
    Invalid(String),
}

/// Reads a date and time in the layouts described in the module documentation. Surrounding
/// whitespace is ignored. The result keeps the offset the text gives (or `assume_tz`).
pub fn parse_datetime(
    text: &str,
    assume_tz: Option<&Zone>,
) -> Result<OffsetDateTime, DatetimeError> {
    let invalid = |why: &str| DatetimeError::Invalid(why.to_owned());
    let mut p = Cursor {
        b: text.trim().as_bytes(),
        i: 0,
    };
    let year = p.digits(4).ok_or_else(|| invalid("expected YYYY-MM-DD"))?;
    let month = p
        .expect(b'-')
        .and_then(|()| p.digits(2))
        .ok_or_else(|| invalid("expected YYYY-MM-DD"))?;
    let day = p
        .expect(b'-')
        .and_then(|()| p.digits(2))
        .ok_or_else(|| invalid("expected YYYY-MM-DD"))?;
    if !matches!(p.peek(), Some(b'T' | b't' | b' ')) {
        return Err(invalid("expected a time after the date"));
    }
    p.i += 1;
    let hour = p.digits(2).ok_or_else(|| invalid("expected HH:MM"))?;
    let minute = p
        .expect(b':')
        .and_then(|()| p.digits(2))
        .ok_or_else(|| invalid("expected HH:MM"))?;
    let mut second = 0;
    let mut nanos = 0;
    if p.peek() == Some(b':') {
        p.i += 1;
        second = p
            .digits(2)
            .ok_or_else(|| invalid("expected seconds as SS"))?;
        if matches!(p.peek(), Some(b'.' | b',')) {
            p.i += 1;
            nanos = p
                .fraction()
                .ok_or_else(|| invalid("expected 1 to 9 digits of fraction"))?;
        }
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| invalid("no such month"))?;
    let date = Date::from_calendar_date(year as i32, month, day as u8)
        .map_err(|_| invalid("no such date"))?;
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos)
        .map_err(|_| invalid("no such time of day"))?;
    let local = PrimitiveDateTime::new(date, time);

    // The offset, if any; one space before it is allowed (`10:31:00 +0000`, `10:31:00 UTC`).
    let rest = &p.b[p.i..];
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let offset = match rest {
        [] => {
            let zone = assume_tz.ok_or(DatetimeError::NoOffset)?;
            return zone
                .assume(local)
                .ok_or_else(|| invalid("out of the time zone's range"));
        }
        b"Z" | b"z" | b"UTC" => UtcOffset::UTC,
        [sign, h1, h2, b':', m1, m2] | [sign, h1, h2, m1, m2]
            if matches!(sign, b'+' | b'-')
                && [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            offset_from(Some(*sign), [h1 - b'0', h2 - b'0', m1 - b'0', m2 - b'0'])
                .ok_or_else(|| invalid("the UTC offset is out of range"))?
        }
        _ => {
            return Err(invalid(
                "expected a UTC offset (Z, +HH:MM) or nothing after the time",
            ));
        }
    };
    Ok(local.assume_offset(offset))
}

/// Reads Timesketch's `timestamp`: whole microseconds since the Unix epoch.
pub fn parse_timestamp_micros(text: &str) -> Result<OffsetDateTime, String> {
    let us: i64 = text
        .trim()
        .parse()
        .map_err(|_| "is not a whole number of microseconds since 1970-01-01".to_owned())?;
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1000)
        .map_err(|_| "is out of range".to_owned())
}

/// Reads seconds since the Unix epoch, optionally with a fraction of up to nine digits. Decimal
/// text is read exactly: no float rounding moves an entry.
pub fn parse_epoch_seconds(text: &str) -> Result<OffsetDateTime, String> {
    let not_a_number = || "is not a number of seconds since 1970-01-01".to_owned();
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || whole.len() > 18
        || !whole.bytes().all(|c| c.is_ascii_digit())
        || (digits.contains('.') && fraction.is_empty())
    {
        return Err(not_a_number());
    }
    let mut p = Cursor {
        b: fraction.as_bytes(),
        i: 0,
    };
    let nanos = if fraction.is_empty() {
        0
    } else {
        match p.fraction() {
            Some(n) if p.i == p.b.len() => n,
            _ => return Err(not_a_number()),
        }
    };
    let whole: i128 = whole.parse().map_err(|_| not_a_number())?;
    let total = whole * 1_000_000_000 + i128::from(nanos);
    OffsetDateTime::from_unix_timestamp_nanos(if negative { -total } else { total })
        .map_err(|_| "is out of range".to_owned())
}

/// A position in ASCII text, for the small fixed layouts above.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let s = self.b.get(self.i..self.i + n)?;
        if !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.i += n;
        Some(s.iter().fold(0, |v, c| v * 10 + u32::from(c - b'0')))
    }

    /// 1 to 9 digits after a decimal point, as nanoseconds.
    fn fraction(&mut self) -> Option<u32> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let n = self.i - start;
        if n == 0 || n > 9 {
            return None;
        }
        let v = self.b[start..self.i]
            .iter()
            .fold(0u32, |v, c| v * 10 + u32::from(c - b'0'));
        Some(v * 10u32.pow(9 - n as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    #[test]
    fn map_args_parse_and_name_the_problem() {
        assert_eq!(
            parse_map_arg("deployed_at=datetime").unwrap(),
            ("deployed_at".to_owned(), Field::Datetime)
        );
        assert_eq!(
            parse_map_arg("a=b=epoch_seconds").unwrap(),
            ("a=b".to_owned(), Field::EpochSeconds)
        );
        assert_eq!(
            parse_map_arg("Created At=timestamp_desc").unwrap(),
            ("Created At".to_owned(), Field::TimestampDesc)
        );
        assert_eq!(
            parse_map_arg("when").unwrap_err(),
            "--map expects COLUMN=FIELD, got \"when\""
        );
        assert_eq!(
            parse_map_arg("=datetime").unwrap_err(),
            "--map =datetime: the column name is empty"
        );
        assert_eq!(
            parse_map_arg("when=date").unwrap_err(),
            "--map when=date: unknown field \"date\": expected one of message, datetime, \
             timestamp, epoch_seconds, timestamp_desc, author, kind, id, thread_parent, noise, \
             channel"
        );
        for f in Field::ALL {
            assert_eq!(f.name().parse::<Field>().unwrap(), f);
        }
    }

    #[test]
    fn a_map_refuses_ambiguity() {
        assert_eq!(
            FieldMap::from_args(["a=datetime", "a=author"]).unwrap_err(),
            "--map: column `a` is mapped twice (datetime and author)"
        );
        assert_eq!(
            FieldMap::from_args(["a=datetime", "b=datetime"]).unwrap_err(),
            "--map: field datetime is mapped from both `a` and `b`"
        );
    }

    #[test]
    fn resolution_prefers_explicit_mappings_over_names() {
        let cols = ["datetime", "deployed_at", "author", "message", "who"];
        let r = FieldMap::default().resolve(&cols);
        assert_eq!(r.get(Field::Datetime), Some(0));
        assert_eq!(r.get(Field::Author), Some(2));
        assert_eq!(r.get(Field::Kind), None);

        let map =
            FieldMap::from_args(["deployed_at=datetime", "author=message", "who=author"]).unwrap();
        let r = map.resolve(&cols);
        assert_eq!(r.get(Field::Datetime), Some(1));
        assert_eq!(
            r.get(Field::Message),
            Some(2),
            "`author` now holds the message"
        );
        assert_eq!(r.get(Field::Author), Some(4));
        assert!(
            !r.is_mapped(0),
            "a column named datetime is ordinary once datetime is mapped"
        );
        assert!(
            !r.is_mapped(3),
            "`message` is ordinary once message is mapped"
        );
        assert_eq!(map.name_for(Field::Datetime), "deployed_at");
        assert_eq!(map.name_for(Field::Kind), "kind");
    }

    #[test]
    fn datetimes_in_common_layouts() {
        let ok = |s| parse_datetime(s, None).unwrap();
        assert_eq!(
            ok("2019-10-02T08:25:06+00:00"),
            datetime!(2019-10-02 08:25:06 UTC)
        );
        assert_eq!(
            ok("2026-03-17 10:31:00.250-04:00"),
            datetime!(2026-03-17 10:31:00.25 -4)
        );
        assert_eq!(ok("2026-03-17 10:31Z"), datetime!(2026-03-17 10:31 UTC));
        assert_eq!(
            ok("2026-03-17 10:31:00,123456789 +0530"),
            datetime!(2026-03-17 10:31:00.123456789 +5:30)
        );
        assert_eq!(
            ok(" 2026-03-17t10:31:00 UTC "),
            datetime!(2026-03-17 10:31 UTC)
        );
        assert_eq!(
            parse_datetime("2026-03-17 10:31", Some(&offset!(+1).into())).unwrap(),
            datetime!(2026-03-17 10:31 +1)
        );
        assert_eq!(
            parse_datetime("2026-03-17 10:31", None),
            Err(DatetimeError::NoOffset)
        );
        let bad = |s| match parse_datetime(s, Some(&Zone::UTC)) {
            Err(DatetimeError::Invalid(why)) => why,
            other => panic!("{s:?}: {other:?}"),
        };
        assert_eq!(bad("17/03/2026 10:31"), "expected YYYY-MM-DD");
        assert_eq!(bad("2026-03-17"), "expected a time after the date");
        assert_eq!(bad("2026-02-30 10:31"), "no such date");
        assert_eq!(bad("2026-13-01 10:31"), "no such month");
        assert_eq!(bad("2026-03-17 24:00"), "no such time of day");
        assert_eq!(
            bad("2026-03-17 10:31:00.1234567890Z"),
            "expected 1 to 9 digits of fraction"
        );
        assert_eq!(
            bad("2026-03-17 10:31+19:00"),
            "the UTC offset is out of range"
        );
        assert_eq!(
            bad("2026-03-17 10:31 CET"),
            "expected a UTC offset (Z, +HH:MM) or nothing after the time"
        );
    }

    #[test]
    fn epoch_numbers_are_exact() {
        assert_eq!(
            parse_epoch_seconds("1773747000.123").unwrap(),
            datetime!(2026-03-17 11:30:00.123 UTC)
        );
        assert_eq!(
            parse_epoch_seconds("-1").unwrap(),
            datetime!(1969-12-31 23:59:59 UTC)
        );
        for bad in ["", "1.", ".5", "1e9", "+1", "1.0000000001", "x"] {
            assert!(parse_epoch_seconds(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_epoch_seconds("999999999999999999").unwrap_err(),
            "is out of range"
        );
        assert_eq!(
            parse_timestamp_micros("1773747000000000").unwrap(),
            datetime!(2026-03-17 11:30 UTC)
        );
        assert!(parse_timestamp_micros("1.5").is_err());
    }

    #[test]
    fn tz_arguments() {
        assert_eq!(parse_offset_arg("UTC").unwrap(), UtcOffset::UTC);
        assert_eq!(parse_offset_arg("+02:00").unwrap(), offset!(+2));
        assert_eq!(parse_offset_arg("-0530").unwrap(), offset!(-5:30));
        assert_eq!(parse_offset_arg("-05").unwrap(), offset!(-5));
        assert_eq!(
            parse_offset_arg("CET").unwrap_err(),
            "--tz expects an offset like +02:00, -0500 or UTC, got \"CET\""
        );
        assert!(parse_offset_arg("+99:00").is_err());
        assert!(parse_offset_arg("02:00").is_err());
    }
}
