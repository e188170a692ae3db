//! Parsers for the import commands' time options (`--tz` is `lore_import::field_map`'s).

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

/// `--date`: `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s, format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("{s:?} is not a date: use YYYY-MM-DD"))
}

/// `--from`, `--to`, `--start`: RFC 3339 (`2026-03-17T09:00:00-04:00`), or a date meaning its
/// midnight UTC.
pub fn parse_instant(s: &str) -> Result<OffsetDateTime, String> {
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Ok(t);
    }
    parse_date(s)
        .map(|d| d.midnight().assume_utc())
        .map_err(|_| {
            format!("{s:?} is not a time: use RFC 3339 (2026-03-17T09:00:00-04:00) or YYYY-MM-DD")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn instants_and_dates() {
        assert_eq!(
            parse_instant("2026-03-17T09:00:00-04:00").unwrap(),
            datetime!(2026-03-17 13:00 UTC)
        );
        assert_eq!(
            parse_instant("2026-03-17").unwrap(),
            datetime!(2026-03-17 0:00 UTC)
        );
        assert_eq!(parse_date("2026-03-17").unwrap(), date!(2026 - 03 - 17));
        assert!(parse_instant("yesterday").is_err());
    }
}
