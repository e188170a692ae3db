//! The zone given with `--tz` for times written without one: a fixed UTC offset (`+02:00`,
//! `-0500`, `UTC`) or an IANA zone name (`Europe/Athens`), whose offset is found for each time
//! on its own, so a log that crosses a daylight-saving change is right on both sides.

use std::fmt;

use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::field_map::parse_offset_arg;

/// A fixed offset, or a named zone from the tz database bundled with Lore.
#[derive(Debug, Clone)]
pub enum Zone {
    Offset(UtcOffset),
    Named {
        name: String,
        tz: jiff::tz::TimeZone,
    },
}

impl Zone {
    pub const UTC: Zone = Zone::Offset(UtcOffset::UTC);

    /// Parses a `--tz` argument: an offset as [`parse_offset_arg`] reads it, else a zone name
    /// the tz database knows. The error names the value.
    pub fn parse(s: &str) -> Result<Zone, String> {
        if let Ok(offset) = parse_offset_arg(s) {
            return Ok(Zone::Offset(offset));
        }
        let looks_like_a_name = s.chars().any(|c| c.is_ascii_alphabetic());
        match jiff::tz::TimeZone::get(s) {
            Ok(tz) if looks_like_a_name => Ok(Zone::Named {
                name: s.to_owned(),
                tz,
            }),
            _ if looks_like_a_name => Err(format!(
                "--tz {s:?}: no time zone has that name (expected a zone name like \
                 Europe/Athens, or an offset like +02:00, -0500 or UTC)"
            )),
            _ => Err(format!(
                "--tz expects an offset like +02:00, -0500 or UTC, or a zone name like \
                 Europe/Athens, got {s:?}"
            )),
        }
    }

    /// The offset in force at `local`, a wall-clock time in this zone. A time that a change
    /// skips or repeats takes the offset before the change (jiff's `compatible`: a skipped
    /// 03:30 is read as 04:30 after it, a repeated one as the first); `None` only for a time
    /// outside the range both libraries represent.
    pub fn offset_at(&self, local: PrimitiveDateTime) -> Option<UtcOffset> {
        use jiff::tz::AmbiguousOffset;
        let tz = match self {
            Zone::Offset(offset) => return Some(*offset),
            Zone::Named { tz, .. } => tz,
        };
        let civil = jiff::civil::DateTime::new(
            i16::try_from(local.year()).ok()?,
            local.month() as i8,
            local.day() as i8,
            local.hour() as i8,
            local.minute() as i8,
            local.second() as i8,
            i32::try_from(local.nanosecond()).ok()?,
        )
        .ok()?;
        let offset = match tz.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            AmbiguousOffset::Gap { before, .. } | AmbiguousOffset::Fold { before, .. } => before,
        };
        UtcOffset::from_whole_seconds(offset.seconds()).ok()
    }

    /// [`Zone::offset_at`] a day and time, with the zone's name, or for a fixed offset the
    /// offset as `time` writes it (`+01:00:00`).
    pub fn labelled_offset(&self, day: Date, time: Time) -> Option<(String, UtcOffset)> {
        let offset = self.offset_at(PrimitiveDateTime::new(day, time))?;
        Some((
            self.name().map_or(offset.to_string(), str::to_owned),
            offset,
        ))
    }

    /// The zone's name, for a named zone.
    pub fn name(&self) -> Option<&str> {
        match self {
            Zone::Offset(_) => None,
            Zone::Named { name, .. } => Some(name),
        }
    }

    /// `local` as an instant in this zone (see [`Zone::offset_at`]).
    pub fn assume(&self, local: PrimitiveDateTime) -> Option<OffsetDateTime> {
        Some(local.assume_offset(self.offset_at(local)?))
    }
}

impl From<UtcOffset> for Zone {
    fn from(offset: UtcOffset) -> Self {
        Zone::Offset(offset)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Zone::Offset(a), Zone::Offset(b)) => a == b,
            (Zone::Named { name: a, .. }, Zone::Named { name: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl Eq for Zone {}

/// The zone as entries record it: `+02:00` (seconds only when the offset has them), or the
/// zone's name.
impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Offset(tz) => {
                let (h, m, s) = tz.as_hms();
                let sign = if tz.is_negative() { '-' } else { '+' };
                let (h, m, s) = (h.unsigned_abs(), m.unsigned_abs(), s.unsigned_abs());
                if s == 0 {
                    write!(f, "{sign}{h:02}:{m:02}")
                } else {
                    write!(f, "{sign}{h:02}:{m:02}:{s:02}")
                }
            }
            Zone::Named { name, .. } => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    #[test]
    fn offsets_and_names_parse_and_bad_values_are_named() {
        assert_eq!(Zone::parse("+02:00").unwrap(), Zone::Offset(offset!(+2)));
        assert_eq!(Zone::parse("UTC").unwrap(), Zone::UTC);
        assert_eq!(
            Zone::parse("Europe/Athens").unwrap().to_string(),
            "Europe/Athens"
        );
        let e = Zone::parse("Europe/Atlantis").unwrap_err();
        assert!(
            e.contains("\"Europe/Atlantis\"") && e.contains("no time zone"),
            "{e}"
        );
        let e = Zone::parse("+25:00").unwrap_err();
        assert!(e.contains("\"+25:00\""), "{e}");
    }

    #[test]
    fn a_named_zone_gives_each_time_its_own_offset() {
        // Athens moves from +02:00 to +03:00 at 01:00 UTC on the last Sunday of March.
        let athens = Zone::parse("Europe/Athens").unwrap();
        let before = athens.assume(datetime!(2024-03-31 02:59:59)).unwrap();
        assert_eq!(before, datetime!(2024-03-31 00:59:59 UTC));
        let after = athens.assume(datetime!(2024-03-31 04:00)).unwrap();
        assert_eq!(after, datetime!(2024-03-31 01:00 UTC));
        // 03:30 does not exist that night; it is read with the offset before the change.
        let skipped = athens.assume(datetime!(2024-03-31 03:30)).unwrap();
        assert_eq!(skipped, datetime!(2024-03-31 01:30 UTC));
        // 03:30 comes twice on 27 October; the first is taken.
        let repeated = athens.assume(datetime!(2024-10-27 03:30)).unwrap();
        assert_eq!(repeated, datetime!(2024-10-27 00:30 UTC));
        assert_eq!(
            Zone::Offset(offset!(-5:30)).assume(datetime!(2024-01-01 00:00)),
            Some(datetime!(2024-01-01 05:30 UTC))
        );
    }

    #[test]
    fn zones_print_as_entries_record_them() {
        assert_eq!(Zone::Offset(offset!(+2)).to_string(), "+02:00");
        assert_eq!(Zone::Offset(offset!(-5:30)).to_string(), "-05:30");
        assert_eq!(Zone::UTC.to_string(), "+00:00");
        assert_eq!(Zone::Offset(offset!(+0:00:30)).to_string(), "+00:00:30");
    }
}
