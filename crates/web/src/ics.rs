//! The `.ics` invitation to a review meeting, written by hand to RFC 5545: one VCALENDAR with
//! one VEVENT, METHOD:REQUEST (METHOD:CANCEL and STATUS:CANCELLED once cancelled), the stable
//! UID, SEQUENCE, times in UTC, text escaped (`\\`, `\;`, `\,`, `\n`), lines folded at 75
//! octets without splitting a character, CRLF line ends. A pure function: tests parse what it
//! writes with a real iCalendar parser.

use time::OffsetDateTime;
use time::macros::format_description;

/// Accounts have no e-mail address in Lore: an account invitee's calendar address is its
/// username at this reserved domain (RFC 6761), a name no mail is ever sent to.
pub const ACCOUNT_MAIL_DOMAIN: &str = "lore.invalid";

/// One calendar user: a display name and an e-mail address.
pub struct CalendarUser {
    pub name: String,
    pub email: String,
    /// An attendee's answer, as PARTSTAT (`ACCEPTED`, `DECLINED`, `TENTATIVE`, `NEEDS-ACTION`).
    pub partstat: &'static str,
}

pub struct Invitation<'a> {
    pub uid: &'a str,
    pub sequence: i64,
    pub stamp: OffsetDateTime,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub summary: &'a str,
    pub description: &'a str,
    /// A room, or a call link (which also goes in URL).
    pub place: &'a str,
    /// The organiser's IANA zone name (X-WR-TIMEZONE; all times are UTC).
    pub zone: &'a str,
    pub organizer: CalendarUser,
    pub attendees: Vec<CalendarUser>,
    pub cancelled: bool,
}

/// The calendar address of an account.
pub fn account_address(username: &str) -> String {
    format!("{username}@{ACCOUNT_MAIL_DOMAIN}")
}

/// The invitation as an RFC 5545 document.
pub fn invitation(inv: &Invitation<'_>) -> String {
    let mut out = String::new();
    let mut line = |l: String| fold_into(&mut out, &l);
    line("BEGIN:VCALENDAR".into());
    line("PRODID:-//Lore//Review meetings//EN".into());
    line("VERSION:2.0".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!(
        "METHOD:{}",
        if inv.cancelled { "CANCEL" } else { "REQUEST" }
    ));
    line(format!("X-WR-TIMEZONE:{}", text(inv.zone)));
    line("BEGIN:VEVENT".into());
    line(format!("UID:{}", text(inv.uid)));
    line(format!("SEQUENCE:{}", inv.sequence));
    line(format!("DTSTAMP:{}", utc(inv.stamp)));
    line(format!("DTSTART:{}", utc(inv.starts_at)));
    line(format!("DTEND:{}", utc(inv.ends_at)));
    line(format!("SUMMARY:{}", text(inv.summary)));
    line(format!("DESCRIPTION:{}", text(inv.description)));
    line(format!("LOCATION:{}", text(inv.place)));
    if is_link(inv.place) {
        line(format!("URL:{}", inv.place.trim()));
    }
    line(format!(
        "STATUS:{}",
        if inv.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        }
    ));
    line(format!(
        "ORGANIZER;CN={}:mailto:{}",
        param(&inv.organizer.name),
        inv.organizer.email
    ));
    for a in &inv.attendees {
        line(format!(
            "ATTENDEE;CN={};ROLE=OPT-PARTICIPANT;PARTSTAT={};RSVP=TRUE:mailto:{}",
            param(&a.name),
            a.partstat,
            a.email
        ));
    }
    line("END:VEVENT".into());
    line("END:VCALENDAR".into());
    out
}

/// A link a calendar may open: http(s) only, and nothing that could end the property.
fn is_link(place: &str) -> bool {
    let p = place.trim();
    (p.starts_with("https://") || p.starts_with("http://"))
        && !p.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn utc(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .expect("a UTC instant formats")
}

/// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, line breaks as `\n`; other
/// control characters are dropped.
pub fn text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, always quoted: no DQUOTE or control characters can be inside one.
fn param(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

/// Appends a content line folded at 75 octets (continuations start with a space, so carry at
/// most 74 octets of content), never inside a UTF-8 character, ended by CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

/// The invitation's file name.
pub fn file_name(id: i64) -> String {
    format!("review-{id}.ics")
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{read_calendar, unfold};
    use time::macros::datetime;

    fn sample(description: &str, cancelled: bool) -> String {
        invitation(&Invitation {
            uid: "0b1c@lore",
            sequence: 3,
            stamp: datetime!(2026-04-01 08:00 UTC),
            starts_at: datetime!(2026-04-02 16:00 +2),
            ends_at: datetime!(2026-04-02 17:00 +2),
            summary: "Review: Riverton, stations; stuck",
            description,
            place: "https://meet.example/riverton",
            zone: "Europe/Berlin",
            organizer: CalendarUser {
                name: "Fran \"the\" analyst".into(),
                email: account_address("fran"),
                partstat: "ACCEPTED",
            },
            attendees: vec![CalendarUser {
                name: "rita@example.com".into(),
                email: "rita@example.com".into(),
                partstat: "NEEDS-ACTION",
            }],
            cancelled,
        })
    }

    fn prop(ics: &str, component: Option<&str>, name: &str) -> String {
        let unfolded = unfold(ics);
        let cal = read_calendar(&unfolded).expect("parses");
        let props = match component {
            None => &cal.properties,
            Some(c) => {
                &cal.components
                    .iter()
                    .find(|x| x.name.as_str() == c)
                    .expect("component")
                    .properties
            }
        };
        props
            .iter()
            .find(|p| p.name.as_str() == name)
            .unwrap_or_else(|| panic!("{name} in {ics}"))
            .val
            .as_str()
            .to_owned()
    }

    #[test]
    fn hostile_text_round_trips_through_a_real_parser() {
        let hostile = format!(
            "a, b; c\\d\nnext line\r\n<script>alert(1)</script> {}",
            "🙂é".repeat(100)
        );
        let ics = sample(&hostile, false);
        assert_eq!(
            prop(&ics, Some("VEVENT"), "DESCRIPTION"),
            hostile.replace("\r\n", "\n")
        );
        assert_eq!(
            prop(&ics, Some("VEVENT"), "SUMMARY"),
            "Review: Riverton, stations; stuck"
        );
        assert_eq!(prop(&ics, None, "METHOD"), "REQUEST");
        assert_eq!(prop(&ics, Some("VEVENT"), "DTSTART"), "20260402T140000Z");
        assert_eq!(prop(&ics, Some("VEVENT"), "DTEND"), "20260402T150000Z");
        assert_eq!(prop(&ics, Some("VEVENT"), "SEQUENCE"), "3");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn a_cancelled_meeting_is_a_cancel() {
        let ics = sample("x", true);
        assert_eq!(prop(&ics, None, "METHOD"), "CANCEL");
        assert_eq!(prop(&ics, Some("VEVENT"), "STATUS"), "CANCELLED");
        assert_eq!(prop(&ics, Some("VEVENT"), "UID"), "0b1c@lore");
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "€".repeat(100));
        fold_into(&mut out, &line);
        for part in out.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75);
        }
        assert_eq!(unfold(&out).trim_end(), line);
    }
}
