//! Status pages: the incidents a provider published about itself, each update a timeline entry.
//!
//! Three formats, one reader each:
//! - [`statuspage::read_json`]: Atlassian Statuspage API v2 `summary.json` and `incidents.json`;
//! - [`atom::read_feed`]: Statuspage's `history.atom` feed, updates parsed out of its HTML;
//! - [`gcp::read_incidents`]: Google Cloud's `incidents.json`.
//!
//! [`read_json`] picks the JSON reader by the document's shape.
//!
//! Every reader returns one [`IncidentRecord`] per published incident. The caller either creates
//! incidents from them or attaches all their entries to an incident it already has. What the
//! readers share:
//!
//! - Slugs are `{date} {provider} {title}` through [`Slug::derive`], the date being the start
//!   (UTC); the provider is left out when unknown or when the title already begins with it. Two
//!   incidents of one file that would share a slug get the source's id appended to the second.
//! - Entries are `EntryKind::Status`, written by the provider (`GitHub`, `Google Cloud`), their
//!   text `Label: body` in plain text, sorted by time; updates at the same instant keep the
//!   order they were published in.
//! - `time_text` is the time as the source wrote it; `time_zone` is always the offset as
//!   `+HH:MM` (`Z` and `UTC` are `+00:00`), whatever spelling the source used.
//! - The raw record of a JSON update is its original bytes with the whitespace between tokens
//!   removed: an update reads the same from a compact API response and from a pretty-printed
//!   snapshot, so an unchanged update in overlapping snapshots is one entry (same content
//!   hash). Re-serialising a parsed value instead would make the raw text, and so the entry's
//!   identity, depend on serde_json's `preserve_order` feature, which other crates switch on in
//!   a workspace build.
//! - Documents over [`MAX_DOCUMENT_BYTES`] are refused before parsing.

pub mod atom;
pub mod gcp;
mod json;
pub mod statuspage;
mod text;

use lore_core::{IncidentTimes, NewIncident, NewTimelineEntry, PersonHint, Slug};
use time::{OffsetDateTime, UtcOffset, format_description::well_known::Rfc3339};

use crate::{ImportError, IncidentRecord, Timeline};
pub(crate) use json::{JsonDoc, JsonValue, json_kind_name};
use text::tag_at;
pub(crate) use text::{entry_text, html_to_text, push_unique, shorten, status_label, summarize};

/// The largest status document a reader accepts. GitHub's whole `history.atom` is about 100 KiB
/// and Google Cloud's full `incidents.json` about 1.3 MiB; anything near this size is the wrong
/// file or a hostile one, and the readers hold the whole document in memory.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// The longest incident summary, in characters, cut from the last update's text.
const SUMMARY_CHARS: usize = 280;

/// Reads a status-page JSON document of either shape: a Statuspage `summary.json` or
/// `incidents.json` (an object) or Google Cloud's `incidents.json` (an array).
pub fn read_json(bytes: &[u8], file: &str) -> Result<Vec<IncidentRecord>, ImportError> {
    let doc = JsonDoc::parse(bytes, file)?;
    match doc.top_kind() {
        b'{' => statuspage::read_doc(&doc, file),
        b'[' => gcp::read_doc(&doc, file),
        other => Err(file_error(
            file,
            format!(
                "not a Statuspage summary.json or incidents.json, nor a Google Cloud incidents.json: the document is {}",
                json_kind_name(other)
            ),
        )),
    }
}

pub(crate) fn file_error(file: &str, message: impl Into<String>) -> ImportError {
    ImportError::File {
        file: file.to_owned(),
        message: message.into(),
    }
}

fn check_size(bytes: &[u8], file: &str) -> Result<(), ImportError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(file_error(
            file,
            format!(
                "document is {} bytes, larger than the {MAX_DOCUMENT_BYTES}-byte limit",
                bytes.len()
            ),
        ));
    }
    Ok(())
}

/// A value from the input, shortened and quoted so that an error message stays one readable
/// line whatever the input holds.
pub(crate) fn quoted(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &s[..cut]),
        None => format!("{s:?}"),
    }
}

/// An id from the input for an error message: as is when it is short and plain, quoted
/// otherwise.
pub(crate) fn shown_id(s: &str) -> String {
    let plain = s.chars().count() <= 60
        && !s.is_empty()
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if plain { s.to_owned() } else { quoted(s) }
}

// ---------------------------------------------------------------------------------------------
// Times.

/// An instant with the text it was read from and the offset as `+HH:MM`.
#[derive(Debug, Clone)]
pub(crate) struct Stamp {
    pub(crate) at: OffsetDateTime,
    pub(crate) text: String,
    pub(crate) zone: String,
}

impl Stamp {
    pub(crate) fn rfc3339(text: &str) -> Option<Stamp> {
        let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        Some(Stamp {
            at,
            text: text.to_owned(),
            zone: offset_text(at.offset()),
        })
    }
}

/// `+HH:MM`, the one spelling of an offset every status reader records.
pub(crate) fn offset_text(offset: UtcOffset) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
}

// ---------------------------------------------------------------------------------------------
// Building records.

/// Who published the page: `GitHub` from a Statuspage page name or feed author, `Google Cloud`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Provider {
    /// Display name and author handle of every entry.
    pub(crate) name: Option<String>,
    /// Short form for slugs and tags: `github`, `gcp`.
    pub(crate) tag: Option<String>,
}

impl Provider {
    /// A provider known by its display name; the short form is the name as a slug.
    pub(crate) fn named(name: Option<String>) -> Provider {
        let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let tag = name
            .as_deref()
            .map(|n| Slug::derive(n).as_str().to_owned())
            .filter(|t| t != "incident");
        Provider { name, tag }
    }
}

/// One incident as a reader found it, before slugs are settled across the file.
pub(crate) struct Draft {
    /// The source's own id, appended to the slug when two incidents would share one.
    pub(crate) source_id: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) severity: Option<String>,
    pub(crate) services: Vec<String>,
    pub(crate) extra_tags: Vec<String>,
    pub(crate) times: IncidentTimes,
    /// The date for the slug when none of the times is known.
    pub(crate) fallback_date: Option<OffsetDateTime>,
    /// Entries in publication order; [`finish`] sorts them by time, keeping that order for
    /// updates at the same instant.
    pub(crate) entries: Vec<NewTimelineEntry>,
}

/// Turns drafts into records: slugs (unique within the file), tags, authors, sorted entries.
pub(crate) fn finish(drafts: Vec<Draft>, provider: &Provider) -> Vec<IncidentRecord> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(drafts.len());
    for mut d in drafts {
        let slug = unique_slug(&d, provider, &taken);
        taken.push(slug.as_str().to_owned());
        let mut tags = vec!["status-page".to_owned()];
        if let Some(tag) = &provider.tag {
            push_unique(&mut tags, tag);
        }
        for tag in &d.extra_tags {
            push_unique(&mut tags, tag);
        }
        d.entries.sort_by_key(|e| e.occurred_at);
        let people = match &provider.name {
            Some(name) => vec![PersonHint {
                handle: name.clone(),
                display_name: name.clone(),
            }],
            None => Vec::new(),
        };
        out.push(IncidentRecord {
            incident: NewIncident {
                slug,
                title: d.title,
                summary: d.summary,
                severity: d.severity,
                services: d.services,
                tags,
                restricted: false,
                times: d.times,
            },
            narrative: None,
            timeline: Timeline {
                entries: d.entries,
                people,
                ..Timeline::default()
            },
        });
    }
    out
}

fn unique_slug(d: &Draft, provider: &Provider, taken: &[String]) -> Slug {
    let when = d
        .times
        .started_at
        .or(d.times.detected_at)
        .or(d.times.resolved_at)
        .or(d.fallback_date);
    let mut text = String::new();
    if let Some(when) = when {
        // The UTC date, unless that lies past year 9999 (`9999-12-31T23:00:00-02:00`).
        let date = when
            .checked_to_offset(UtcOffset::UTC)
            .map_or(when.date(), |t| t.date());
        text.push_str(&date.to_string());
        text.push(' ');
    }
    if let Some(tag) = &provider.tag {
        // `GitHub Actions outage` on GitHub's page: one `github` in the slug is enough.
        let title = Slug::derive(&d.title);
        if title.as_str() != tag.as_str() && !title.as_str().starts_with(&format!("{tag}-")) {
            text.push_str(tag);
            text.push(' ');
        }
    }
    text.push_str(&d.title);
    let base = Slug::derive(&text);
    if !taken.iter().any(|t| t == base.as_str()) {
        return base;
    }
    // The same title on the same day: tell them apart by the source's id, then by a counter.
    // At most 40 characters of the id, so that the counter always fits.
    let id = Slug::derive(&d.source_id);
    let id = id
        .as_str()
        .get(..40)
        .unwrap_or(id.as_str())
        .trim_matches('-');
    for n in 1..=taken.len() + 1 {
        let suffix = if n == 1 {
            id.to_owned()
        } else {
            format!("{id}-{n}")
        };
        let room = Slug::MAX_LEN.saturating_sub(suffix.len() + 1);
        let mut head = base.as_str().to_owned();
        if head.len() > room {
            let cut = head[..room].rfind('-').unwrap_or(room);
            head.truncate(cut);
        }
        let candidate = Slug::derive(&format!("{head} {suffix}"));
        if !taken.iter().any(|t| t == candidate.as_str()) {
            return candidate;
        }
    }
    base
}

/// An entry written by the provider.
pub(crate) struct EntryParts {
    pub(crate) stamp: Stamp,
    pub(crate) text: String,
    pub(crate) message_id: String,
    pub(crate) raw: String,
}

pub(crate) fn entry(parts: EntryParts, provider: &Provider, file: &str) -> NewTimelineEntry {
    NewTimelineEntry {
        occurred_at: parts.stamp.at,
        time_text: parts.stamp.text,
        time_zone: Some(parts.stamp.zone),
        author_handle: provider.name.clone(),
        // A status page publishes to everyone: it has no conversation.
        channel: None,
        kind: lore_core::EntryKind::Status,
        text: parts.text,
        thread_parent: None,
        noise: false,
        provenance: lore_core::Provenance {
            path: file.to_owned(),
            line: None,
            message_id: Some(parts.message_id),
        },
        raw: parts.raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_offsets() {
        assert_eq!(status_label("in_progress"), "In progress");
        assert_eq!(status_label("SERVICE_DISRUPTION"), "Service disruption");
        assert_eq!(status_label(""), "");
        assert_eq!(offset_text(UtcOffset::UTC), "+00:00");
        assert_eq!(
            offset_text(UtcOffset::from_hms(-3, -30, 0).unwrap()),
            "-03:30"
        );
    }

    #[test]
    fn slugs_leave_out_a_repeated_provider_and_stay_unique() {
        let draft = |id: &str, title: &str| Draft {
            source_id: id.into(),
            title: title.into(),
            summary: String::new(),
            severity: None,
            services: Vec::new(),
            extra_tags: Vec::new(),
            times: IncidentTimes {
                started_at: Some(time::macros::datetime!(2023-01-12 23:30 -2)),
                ..IncidentTimes::default()
            },
            fallback_date: None,
            entries: Vec::new(),
        };
        let github = Provider::named(Some("GitHub".into()));
        let recs = finish(
            vec![
                draft("A1", "Incident with Actions"),
                draft("b2", "GitHub Actions outage"),
                draft("c3", "Incident with Actions"),
            ],
            &github,
        );
        let slugs: Vec<_> = recs.iter().map(|r| r.incident.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "2023-01-13-github-incident-with-actions",
                "2023-01-13-github-actions-outage",
                "2023-01-13-github-incident-with-actions-c3"
            ]
        );
        assert_eq!(recs[0].incident.tags, ["status-page", "github"]);
        let none = finish(vec![draft("x", "Something")], &Provider::default());
        assert_eq!(none[0].incident.slug.as_str(), "2023-01-13-something");
        assert_eq!(none[0].incident.tags, ["status-page"]);
    }
}
