//! Zones as written: the abbreviations whose offset is not in doubt, `UTC+2`, `+02:00`, and a
//! zone named on its own in a line or a table header.

use time::UtcOffset;

use super::{Cursor, Zone};

/// Abbreviations in common use whose offset is not in doubt. `CST`, `IST` and the like are
/// left out on purpose: each names several zones.
const ZONES: [(&str, i8); 17] = [
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", 1),
    ("BST", 1),
    ("CET", 1),
    ("CEST", 2),
    ("EET", 2),
    ("EEST", 3),
    ("EST", -5),
    ("EDT", -4),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
];

/// An offset written as `+02:00`, `+0200` or `+2` after its sign.
fn signed_offset(c: &mut Cursor) -> Option<UtcOffset> {
    let start = *c;
    let parsed = (|| {
        let sign: i32 = match c.peek()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        c.pos += 1;
        let digits_start = c.pos;
        let h = c.number(1, 4)?;
        let (h, m) = if c.pos - digits_start == 4 {
            (h / 100, h % 100)
        } else if c.eat(b':') {
            (h, c.number(2, 2)?)
        } else {
            (h, 0)
        };
        if h > 14 || m > 59 || !c.at_boundary() {
            return None;
        }
        UtcOffset::from_whole_seconds(sign * (h as i32 * 3600 + m as i32 * 60)).ok()
    })();
    if parsed.is_none() {
        *c = start;
    }
    parsed
}

/// A zone right after a time: attached (`Z`, `+02:00`) or after spaces (`UTC`, `CET`,
/// `UTC+2`). Abbreviations other than UTC and GMT must be written in capitals, so that words
/// like "est" in a sentence are not read as zones.
pub(super) fn zone_after(c: &mut Cursor) -> Option<Zone> {
    let start = *c;
    let text =
        |c: &Cursor, from: usize| String::from_utf8_lossy(&c.s[from..c.pos]).to_ascii_uppercase();
    if matches!(c.peek(), Some(b'+' | b'-')) {
        let from = c.pos;
        if let Some(offset) = signed_offset(c) {
            return Some(Zone {
                name: text(c, from),
                offset,
            });
        }
    }
    if c.peek() == Some(b'Z') {
        c.pos += 1;
        if c.at_boundary() {
            return Some(Zone {
                name: "UTC".into(),
                offset: UtcOffset::UTC,
            });
        }
        *c = start;
    }
    if c.spaces() == 0 {
        *c = start;
        return None;
    }
    match zone_word(c) {
        Some(z) => Some(z),
        None => {
            *c = start;
            None
        }
    }
}

/// A zone abbreviation, optionally with an offset (`UTC+2`), at the cursor.
fn zone_word(c: &mut Cursor) -> Option<Zone> {
    let start = *c;
    let from = c.pos;
    let raw_start = c.pos;
    while matches!(c.peek(), Some(b) if b.is_ascii_alphabetic()) {
        c.pos += 1;
    }
    let raw = &c.s[raw_start..c.pos];
    let upper = String::from_utf8_lossy(raw).to_ascii_uppercase();
    let base = ZONES
        .iter()
        .find(|(name, _)| *name == upper && *name != "Z")
        .map(|&(_, h)| h);
    let capitals = raw.iter().all(u8::is_ascii_uppercase);
    let Some(hours) = base.filter(|_| capitals || upper == "UTC" || upper == "GMT") else {
        *c = start;
        return None;
    };
    let mut offset = UtcOffset::from_hms(hours, 0, 0).ok()?;
    if (upper == "UTC" || upper == "GMT")
        && let Some(extra) = signed_offset(c)
    {
        offset = extra;
    }
    if !c.at_boundary() {
        *c = start;
        return None;
    }
    Some(Zone {
        name: String::from_utf8_lossy(&c.s[from..c.pos]).to_ascii_uppercase(),
        offset,
    })
}

/// A zone named on its own, as in a table header (`Time (UTC)`, `Date and Time in CET`) or in
/// "All times in UTC.": the first word of `text` that is a zone.
pub(crate) fn zone_in(text: &str) -> Option<Zone> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if word_start && bytes[i].is_ascii_alphabetic() {
            let mut c = Cursor { s: bytes, pos: i };
            if let Some(z) = zone_word(&mut c) {
                return Some(z);
            }
        }
        i += 1;
    }
    None
}

/// A zone abbreviation at the very start of `text` ("UTC." in "All times in UTC.").
pub(crate) fn zone_at_start(text: &str) -> Option<Zone> {
    zone_word(&mut Cursor {
        s: text.as_bytes(),
        pos: 0,
    })
}
