//! Statuspage's `history.atom`: one `<entry>` per incident, its updates as escaped HTML.
//!
//! The feed is read with quick-xml. An entry's `<id>` (`tag:…:Incident/123`) and `<title>` are
//! required; `<published>` and `<updated>` are RFC 3339. `<content type="html">` holds the
//! updates, newest first, each a paragraph of this shape:
//!
//! ```html
//! <p><small>Jan <var data-var='date'>12</var>, <var data-var='time'>17:40</var> UTC</small><br>
//! <strong>Resolved</strong> - This incident has been resolved.</p>
//! ```
//!
//! The paragraphs are cut out of the HTML with a small scanner that knows this shape and
//! nothing more; anything else in `<content>` is an error naming the entry and paragraph, never
//! silently dropped. Each paragraph becomes an entry whose raw record is the paragraph's HTML,
//! whose text is `Status: body` in plain text, and whose message id is `<entry id>#<n>`, `n`
//! counting from the oldest update (so the numbers stay put when later updates are added).
//!
//! # The year of an update
//!
//! The timestamp says `Jan 12, 17:40 UTC`: no year. The year is the one that puts the update
//! nearest to the entry's `<published>` time (`<updated>` when there is no `<published>`),
//! choosing among the year of that time and the years either side. So an update of `Dec 31`
//! in an entry published on 2 January belongs to the previous year, and an update of `Jan 2`
//! (a late postmortem) in an entry published on 30 December to the next. This is right as long
//! as every update lies within six months of its entry's publication; in GitHub's history,
//! 4,570 updates over 2022–2026, the furthest is seven days away. A timestamp that gives its
//! year (`Jul 29, 2026 - 20:33 UTC`, as Statuspage writes on some pages) is taken as written.
//!
//! # Time zones
//!
//! Statuspage writes the page's zone as an abbreviation. `UTC` and `GMT` are read, and a short
//! list of abbreviations that mean one offset only (`PDT`, `CEST`, `JST`, ...). Ambiguous ones
//! (`CST`, `IST`, `BST`) are refused with an error rather than guessed.

use lore_core::IncidentTimes;
use quick_xml::Reader;
use quick_xml::events::Event;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::{
    Draft, EntryParts, Provider, Stamp, check_size, entry, entry_text, file_error, finish,
    html_to_text, offset_text, quoted, shown_id, summarize, tag_at,
};
use crate::{ImportError, IncidentRecord};

/// Reads a Statuspage `history.atom` feed. A feed without entries gives no records.
pub fn read_feed(bytes: &[u8], file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    check_size(bytes, file)?;
    let (bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        file_error(
            file,
            format!("not UTF-8 at byte offset {}", e.valid_up_to() + bom),
        )
    })?;
    let feed = parse_feed(text, bom as u64, file)?;
    let provider = Provider::named(feed.author.or_else(|| {
        // `GitHub Status - Incident History`, for a feed without an author.
        feed.title
            .as_deref()
            .and_then(|t| t.split_once(" Status"))
            .map(|(name, _)| name.to_owned())
    }));
    let drafts = feed
        .entries
        .into_iter()
        .map(|e| read_entry(e, &provider, file))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(finish(drafts, &provider))
}

#[derive(Default)]
struct Feed {
    title: Option<String>,
    author: Option<String>,
    entries: Vec<RawEntry>,
}

/// An `<entry>`'s elements as text, before they are checked.
#[derive(Default)]
struct RawEntry {
    /// Byte offset of `<entry>` in the file, for errors before the id is known.
    offset: u64,
    id: Option<String>,
    title: Option<String>,
    title_is_html: bool,
    published: Option<String>,
    updated: Option<String>,
    content: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    FeedTitle,
    FeedAuthorName,
    Id,
    Title,
    Published,
    Updated,
    Content,
}

fn parse_feed(text: &str, bom: u64, file: &str) -> Result<Feed, ImportError> {
    let mut reader = Reader::from_str(text);
    let mut feed = Feed::default();
    let mut depth = 0usize;
    let mut seen_root = false;
    let mut in_feed_author = false;
    let mut entry: Option<RawEntry> = None;
    // The element whose text is being collected, the depth it opened at, and the text.
    let mut field: Option<(Field, usize, String)> = None;
    loop {
        let start = reader.buffer_position() + bom;
        let event = reader.read_event().map_err(|e| {
            file_error(
                file,
                format!(
                    "malformed XML at byte offset {}: {e}",
                    reader.error_position() + bom
                ),
            )
        })?;
        let (open, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = open {
            depth += 1;
            let local = e.local_name();
            let name = local.as_ref();
            match depth {
                1 if seen_root => {
                    return Err(file_error(
                        file,
                        format!(
                            "not an Atom feed: a second root element <{name}> at byte offset {start}"
                        ),
                    ));
                }
                1 if name != "feed" => {
                    return Err(file_error(
                        file,
                        format!("not an Atom feed: the root element is <{name}>, not <feed>"),
                    ));
                }
                1 => seen_root = true,
                2 => match name {
                    "entry" => {
                        entry = Some(RawEntry {
                            offset: start,
                            ..RawEntry::default()
                        })
                    }
                    "title" => field = Some((Field::FeedTitle, depth, String::new())),
                    "author" => in_feed_author = true,
                    _ => {}
                },
                3 if entry.is_some() => {
                    let f = match name {
                        "id" => Some(Field::Id),
                        "title" => {
                            if let Some(en) = entry.as_mut() {
                                en.title_is_html = matches!(
                                    e.try_get_attribute("type"),
                                    Ok(Some(a)) if &*a.value == "html"
                                );
                            }
                            Some(Field::Title)
                        }
                        "published" => Some(Field::Published),
                        "updated" => Some(Field::Updated),
                        "content" => Some(Field::Content),
                        _ => None,
                    };
                    field = f.map(|f| (f, depth, String::new()));
                }
                3 if in_feed_author && name == "name" => {
                    field = Some((Field::FeedAuthorName, depth, String::new()));
                }
                _ => {
                    if let (Some((Field::Content, _, _)), Some(en)) = (&field, &entry) {
                        return Err(file_error(
                            file,
                            format!(
                                "{}: <content> holds XML elements (<{name}> at byte offset {start}), not escaped HTML",
                                entry_place(en)
                            ),
                        ));
                    }
                }
            }
        }
        let closes = empty || matches!(event, Event::End(_));
        match event {
            Event::Text(t) => {
                if let Some((_, _, buf)) = field.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some((_, _, buf)) = field.as_mut() {
                    buf.push_str(&c.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, _, buf)) = field.as_mut() {
                    let c = match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    let c = c.ok_or_else(|| {
                        file_error(
                            file,
                            format!(
                                "malformed XML at byte offset {start}: unknown entity &{};",
                                r.chars().take(40).collect::<String>()
                            ),
                        )
                    })?;
                    buf.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if closes {
            if let Some((f, _, buf)) = field.take_if(|(_, at, _)| *at == depth) {
                match (f, entry.as_mut()) {
                    (Field::FeedTitle, _) => feed.title = Some(buf),
                    (Field::FeedAuthorName, _) => feed.author = Some(buf),
                    (Field::Id, Some(en)) => en.id = Some(buf),
                    (Field::Title, Some(en)) => en.title = Some(buf),
                    (Field::Published, Some(en)) => en.published = Some(buf),
                    (Field::Updated, Some(en)) => en.updated = Some(buf),
                    (Field::Content, Some(en)) => en.content = Some(buf),
                    (_, None) => {}
                }
            }
            if depth == 2 {
                if let Some(en) = entry.take() {
                    feed.entries.push(en);
                }
                in_feed_author = false;
            }
            depth = depth.saturating_sub(1);
        }
    }
    if !seen_root {
        return Err(file_error(file, "not an Atom feed: no <feed> element"));
    }
    if depth > 0 {
        return Err(file_error(
            file,
            "malformed XML: the document ends before </feed>",
        ));
    }
    Ok(feed)
}

fn entry_place(e: &RawEntry) -> String {
    match e.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        Some(id) => format!("entry {}", shown_id(id)),
        None => format!("entry at byte offset {}", e.offset),
    }
}

fn read_entry(raw: RawEntry, provider: &Provider, file: &str) -> Result<Draft, ImportError> {
    let id = raw
        .id
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .ok_or_else(|| file_error(file, format!("{}: missing <id>", entry_place(&raw))))?
        .to_owned();
    let place = format!("entry {}", shown_id(&id));
    let err = |m: String| file_error(file, format!("{place}: {m}"));
    let title = raw
        .title
        .as_deref()
        .map(|t| {
            if raw.title_is_html {
                html_to_text(t, false)
            } else {
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        })
        .filter(|t| !t.is_empty())
        .ok_or_else(|| err("missing <title>".to_owned()))?;
    let time = |name: &str, text: &Option<String>| -> Result<Option<Stamp>, ImportError> {
        match text.as_deref().map(str::trim) {
            None => Ok(None),
            Some(t) => Stamp::rfc3339(t)
                .map(Some)
                .ok_or_else(|| err(format!("<{name}> {} is not RFC 3339", quoted(t)))),
        }
    };
    let published = time("published", &raw.published)?;
    let updated = time("updated", &raw.updated)?;
    let reference = published.as_ref().or(updated.as_ref()).map(|s| s.at);

    let content = raw.content.as_deref().unwrap_or_default();
    let paragraphs = split_paragraphs(content).map_err(err)?;
    if !paragraphs.is_empty() && reference.is_none() {
        return Err(err(
            "no <published> or <updated> to take the updates' year from".to_owned(),
        ));
    }
    let count = paragraphs.len();
    let mut entries = Vec::with_capacity(count);
    let mut first: Option<OffsetDateTime> = None;
    let mut first_resolved: Option<OffsetDateTime> = None;
    let mut latest: Option<(OffsetDateTime, usize, String)> = None;
    // Newest first in the feed: the last paragraph is update #1.
    for (k, html) in paragraphs.iter().enumerate().rev() {
        let number = count - k;
        let reference = reference.unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let update = parse_update(html, reference)
            .map_err(|m| err(format!("paragraph {} of <content>: {m}", k + 1)))?;
        let at = update.stamp.at;
        first = Some(first.map_or(at, |f| f.min(at)));
        if update.label.eq_ignore_ascii_case("resolved")
            || update.label.eq_ignore_ascii_case("completed")
        {
            first_resolved = Some(first_resolved.map_or(at, |f| f.min(at)));
        }
        if latest
            .as_ref()
            .is_none_or(|(t, n, _)| (at, number) > (*t, *n))
        {
            latest = Some((at, number, update.body.clone()));
        }
        entries.push(entry(
            EntryParts {
                stamp: update.stamp,
                text: entry_text(&update.label, &update.body),
                message_id: format!("{id}#{number}"),
                raw: (*html).to_owned(),
            },
            provider,
            file,
        ));
    }
    Ok(Draft {
        source_id: id.rsplit(['/', ':']).next().unwrap_or(&id).to_owned(),
        title,
        summary: latest.map(|(_, _, b)| summarize(&b)).unwrap_or_default(),
        severity: None,
        services: Vec::new(),
        extra_tags: Vec::new(),
        // The feed has no start or creation time of its own: the first update is when the
        // incident appeared on the page.
        times: IncidentTimes {
            started_at: first,
            detected_at: first,
            resolved_at: first_resolved,
        },
        fallback_date: reference,
        entries,
    })
}

/// Whether `s` has `prefix` at `at`, ignoring ASCII case.
fn has_ci(s: &str, at: usize, prefix: &str) -> bool {
    s.as_bytes()
        .get(at..at + prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Where `needle` (ASCII) first occurs in `s` at or after `from`, ignoring ASCII case.
fn find_ci(s: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = s.as_bytes();
    let n = needle.len();
    (from..=hay.len().checked_sub(n)?)
        .find(|&i| hay[i..i + n].eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether `s` opens the element `name` at `at` (`<p>`, `<p class=x>`, not `<pre>`).
fn opens(s: &str, at: usize, name: &str) -> bool {
    has_ci(s, at, &format!("<{name}"))
        && matches!(
            s.as_bytes().get(at + 1 + name.len()),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        )
}

/// The `<p>…</p>` paragraphs of a `<content>`, in document order. Only whitespace may lie
/// between them.
fn split_paragraphs(html: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while html.as_bytes().get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i >= html.len() {
            return Ok(out);
        }
        let n = out.len() + 1;
        if !opens(html, i, "p") {
            let found: String = html[i..].chars().take(30).collect();
            return Err(format!(
                "paragraph {n} of <content>: expected <p>, found {}",
                quoted(&found)
            ));
        }
        let close = find_ci(html, i, "</p>")
            .ok_or_else(|| format!("paragraph {n} of <content>: no </p>"))?;
        out.push(&html[i..close + 4]);
        i = close + 4;
    }
}

#[derive(Debug)]
struct Update {
    stamp: Stamp,
    label: String,
    body: String,
}

/// One `<p><small>TIME</small><br><strong>Status</strong> - body</p>`.
fn parse_update(p: &str, reference: OffsetDateTime) -> Result<Update, String> {
    // `p` starts with `<p…>` and ends with `</p>` (see `split_paragraphs`).
    let open_end = p.find('>').map_or(p.len(), |i| i + 1);
    let inner = p
        .get(open_end..p.len().saturating_sub(4))
        .unwrap_or_default();
    let inner = inner.trim_start();
    if !opens(inner, 0, "small") {
        return Err("no <small> timestamp at its start".to_owned());
    }
    let small_start = inner.find('>').map_or(inner.len(), |i| i + 1);
    let small_end = find_ci(inner, small_start, "</small>").ok_or("no </small>")?;
    let time_text = html_to_text(&inner[small_start..small_end], false);
    let mut rest = &inner[small_end + "</small>".len()..];
    loop {
        rest = rest.trim_start();
        match tag_at(rest) {
            Some((len, name, _)) if name == "br" => rest = &rest[len..],
            _ => break,
        }
    }
    if !opens(rest, 0, "strong") {
        return Err("no <strong> status after the timestamp".to_owned());
    }
    let strong_start = rest.find('>').map_or(rest.len(), |i| i + 1);
    let strong_end = find_ci(rest, strong_start, "</strong>").ok_or("no </strong>")?;
    let label = html_to_text(&rest[strong_start..strong_end], false);
    let rest = rest[strong_end + "</strong>".len()..].trim_start();
    let rest = rest
        .strip_prefix(['-', '–', '—'])
        .unwrap_or(rest)
        .trim_start();
    Ok(Update {
        stamp: parse_stamp(&time_text, reference)?,
        label,
        body: html_to_text(rest, false),
    })
}

/// `Jan 12, 17:40 UTC` (or `Jul 29, 2026 - 20:33 UTC`), its year taken from `reference` when
/// it gives none (see the module documentation).
fn parse_stamp(text: &str, reference: OffsetDateTime) -> Result<Stamp, String> {
    let bad = || {
        format!(
            "timestamp {} is not like \"Jan 12, 17:40 UTC\"",
            quoted(text)
        )
    };
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty() && !matches!(*t, "-" | "–" | "—" | "at"))
        .collect();
    let mut it = tokens.iter().copied().peekable();
    let month = it
        .next()
        .and_then(crate::dates::month_named)
        .ok_or_else(bad)?;
    let day: u8 = it.next().and_then(|d| d.parse().ok()).ok_or_else(bad)?;
    let year: Option<i32> = match it.peek() {
        Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            let y = y.parse().ok();
            it.next();
            y
        }
        _ => None,
    };
    let (h, m) = it
        .next()
        .and_then(|t| t.split_once(':'))
        .and_then(|(h, m)| Some((h.parse::<u8>().ok()?, m.parse::<u8>().ok()?)))
        .ok_or_else(bad)?;
    let h = match it.peek().map(|t| t.to_ascii_uppercase()) {
        Some(ampm) if ampm == "AM" || ampm == "PM" => {
            it.next();
            if !(1..=12).contains(&h) {
                return Err(bad());
            }
            (h % 12) + if ampm == "PM" { 12 } else { 0 }
        }
        _ => h,
    };
    let zone = it.next().ok_or_else(bad)?;
    if it.next().is_some() {
        return Err(bad());
    }
    let offset = zone_offset(zone).ok_or_else(|| {
        format!(
            "time zone {} in {} is not one this reader knows (UTC, GMT, or an unambiguous abbreviation such as PDT or CEST)",
            quoted(zone),
            quoted(text)
        )
    })?;
    let time = Time::from_hms(h, m, 0).map_err(|_| bad())?;
    let at_year = |y: i32| {
        Date::from_calendar_date(y, month, day)
            .ok()
            .map(|d| PrimitiveDateTime::new(d, time).assume_offset(offset))
    };
    let at = match year {
        Some(y) => at_year(y).ok_or_else(bad)?,
        None => {
            let y = reference
                .checked_to_offset(offset)
                .map_or(reference.year(), |r| r.year());
            [y - 1, y, y + 1]
                .into_iter()
                .filter_map(at_year)
                .min_by_key(|t| (*t - reference).abs())
                .ok_or_else(|| {
                    format!(
                        "timestamp {} is not a date within a year of the entry's publication",
                        quoted(text)
                    )
                })?
        }
    };
    Ok(Stamp {
        at,
        text: text.to_owned(),
        zone: offset_text(offset),
    })
}

/// Zone abbreviations that mean one offset only.
fn zone_offset(zone: &str) -> Option<UtcOffset> {
    let hours: i8 = match zone.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "UT" | "Z" | "WET" => 0,
        "WEST" | "CET" => 1,
        "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "JST" | "KST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        "NZST" => 12,
        "NZDT" => 13,
        "HST" => -10,
        "AKST" => -9,
        "AKDT" | "PST" => -8,
        "PDT" | "MST" => -7,
        "MDT" => -6,
        "CDT" | "EST" => -5,
        "EDT" => -4,
        _ => return None,
    };
    UtcOffset::from_hms(hours, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const REF: OffsetDateTime = datetime!(2024-01-02 03:00 UTC);

    #[test]
    fn years_come_from_the_nearest_publication() {
        let at = |text: &str, reference| parse_stamp(text, reference).unwrap().at;
        assert_eq!(
            at("Dec 31, 23:10 UTC", REF),
            datetime!(2023-12-31 23:10 UTC)
        );
        assert_eq!(at("Jan 1, 00:30 UTC", REF), datetime!(2024-01-01 00:30 UTC));
        let late = datetime!(2023-12-30 12:00 UTC);
        assert_eq!(
            at("Jan 2, 09:00 UTC", late),
            datetime!(2024-01-02 09:00 UTC)
        );
        assert_eq!(
            at("Jul 29, 2021 - 20:33 UTC", REF),
            datetime!(2021-07-29 20:33 UTC)
        );
        assert_eq!(
            at("Mar 3, 1:05 PM PDT", REF),
            datetime!(2024-03-03 13:05 -7)
        );
        assert_eq!(
            at("Feb 29, 12:00 UTC", REF),
            datetime!(2024-02-29 12:00 UTC)
        );
        assert!(
            parse_stamp("Feb 29, 12:00 UTC", datetime!(2022-06-01 0:00 UTC))
                .unwrap_err()
                .contains("not a date within a year")
        );
        assert_eq!(
            parse_stamp("Jan 12, 17:40 CST", REF).unwrap_err(),
            "time zone \"CST\" in \"Jan 12, 17:40 CST\" is not one this reader knows (UTC, GMT, or an unambiguous abbreviation such as PDT or CEST)"
        );
        for bad in [
            "",
            "Jan",
            "Foo 12, 17:40 UTC",
            "Jan 12 17:40",
            "Jan 12, 25:40 UTC",
            "Jan 32, 17:40 UTC",
            "Jan 12, 17:40 UTC extra",
        ] {
            assert!(parse_stamp(bad, REF).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn paragraphs_follow_the_known_shape() {
        let html = " <p> <small>Jan <var data-var='date'> 2</var>, <var data-var='time'>01:00</var> UTC</small><br> <strong>Resolved</strong> - Done &amp; dusted.<br />Bye </p>\n<P><small>Dec <var data-var='date'>31</var>, <var data-var='time'>23:59</var> UTC</small><br><strong>Investigating</strong> - Looking</P>";
        let ps = split_paragraphs(html).unwrap();
        assert_eq!(ps.len(), 2);
        let u = parse_update(ps[0], REF).unwrap();
        assert_eq!(u.stamp.text, "Jan 2, 01:00 UTC");
        assert_eq!(u.stamp.at, datetime!(2024-01-02 01:00 UTC));
        assert_eq!(u.label, "Resolved");
        assert_eq!(u.body, "Done & dusted.\nBye");
        let u = parse_update(ps[1], REF).unwrap();
        assert_eq!(u.stamp.at, datetime!(2023-12-31 23:59 UTC));
        assert_eq!(
            split_paragraphs("<p>x</p> text").unwrap_err(),
            "paragraph 2 of <content>: expected <p>, found \"text\""
        );
        assert_eq!(
            split_paragraphs("<pre>x</pre>").unwrap_err(),
            "paragraph 1 of <content>: expected <p>, found \"<pre>x</pre>\""
        );
        assert_eq!(
            parse_update("<p>Just text</p>", REF).unwrap_err(),
            "no <small> timestamp at its start"
        );
    }
}
