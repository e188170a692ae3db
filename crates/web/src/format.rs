//! How values read on a page: times, durations, and values put into URLs. One place, so that
//! every page says "2026-03-17 11:35:30 UTC" the same way.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// `2026-03-17 11:35:30 UTC`.
pub fn utc_text(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
        ))
        .unwrap_or_default()
}

/// `2026-03-17`.
pub fn date_text(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// `11:35:30` (UTC).
pub fn hhmmss(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!("[hour]:[minute]:[second]"))
        .unwrap_or_default()
}

/// RFC 3339, for `<time datetime>` and for query strings.
pub fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// `45 min`, `2 h`, `3 h 49 min`.
pub fn duration_text(d: time::Duration) -> String {
    let minutes = d.whole_minutes();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Percent-encodes a value for a query string.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 1234567 as "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(url_encode("/incidents/a?b=c&d"), "/incidents/a%3Fb%3Dc%26d");
        assert_eq!(url_encode("ü"), "%C3%BC");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(time::Duration::minutes(45)), "45 min");
        assert_eq!(duration_text(time::Duration::minutes(120)), "2 h");
        assert_eq!(duration_text(time::Duration::minutes(229)), "3 h 49 min");
    }

    #[test]
    fn times_are_shown_in_utc_whatever_their_offset() {
        let t = datetime!(2026-03-17 07:35:30 -4);
        assert_eq!(utc_text(t), "2026-03-17 11:35:30 UTC");
        assert_eq!(hhmmss(t), "11:35:30");
        assert_eq!(date_text(datetime!(2026-03-17 22:00 -4)), "2026-03-18");
    }

    #[test]
    fn thousands_are_grouped_in_threes() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(10_600), "10,600");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
