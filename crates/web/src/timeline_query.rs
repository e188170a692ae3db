//! How a reader is reading an incident's timeline, as one value: the filters (source, person,
//! kind, marked theme, a window of time), "as known at" a moment, "as seen by" a person, noise
//! shown, threads folded, diagram lanes, and the perspective read on its own.
//!
//! [`TimelineQuery`] parses from a query string (or a ```` ```lore-timeline ```` block's
//! settings, which take the same names) and serialises back to one, in one canonical order. Every
//! link on the incident page that changes how it reads is the page's own value with one field
//! changed, so no link drops the rest of the reader's state.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use lore_core::{Annotation, EntryKind, Theme};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::error::AppError;
use crate::format::{iso, url_encode};

/// Diagram lanes: one per source (the default) or one per person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lanes {
    #[default]
    Sources,
    People,
}

/// Moments of one theme, or with one own tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeChoice {
    Theme(Theme),
    Tag(String),
}

impl ThemeChoice {
    pub fn parse(s: &str) -> Result<Self, AppError> {
        match s.strip_prefix("tag:") {
            Some(tag) if !tag.trim().is_empty() => Ok(ThemeChoice::Tag(tag.trim().to_owned())),
            Some(_) => Err(AppError::BadRequest("theme tag: needs a tag".into())),
            None => Ok(ThemeChoice::Theme(s.parse()?)),
        }
    }

    /// The query-string value.
    pub fn value(&self) -> String {
        match self {
            ThemeChoice::Theme(t) => t.as_str().to_owned(),
            ThemeChoice::Tag(tag) => format!("tag:{tag}"),
        }
    }

    pub fn matches(&self, a: &Annotation) -> bool {
        match self {
            ThemeChoice::Theme(t) => a.theme == *t,
            ThemeChoice::Tag(tag) => a
                .tag
                .as_deref()
                .is_some_and(|own| own.eq_ignore_ascii_case(tag)),
        }
    }
}

/// How the incident page is being read. `Default` is the page as it opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineQuery {
    pub source: Option<i64>,
    pub person: Option<i64>,
    pub kind: Option<EntryKind>,
    /// A theme (`surprise`) or an analyst's own tag (`tag:retained-messages`): the entries of
    /// the moments marked so.
    pub theme: Option<ThemeChoice>,
    /// A window of time, both ends included.
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
    /// "As known at": only what had been said or observed by then (`at`).
    pub known_at: Option<OffsetDateTime>,
    /// A person: only what they could have seen — the channels they were in, their own
    /// entries, and sources without channels.
    pub seen_by: Option<i64>,
    /// Noise entries (joins, bot chatter) shown (`noise=show`).
    pub show_noise: bool,
    pub lanes: Lanes,
    /// Every thread folded under its first message (`threads=folded`).
    pub fold_threads: bool,
    /// A perspective read on its own.
    pub perspective: Option<i64>,
}

/// Where the settings come from: a page's query string (names it does not know belong to
/// someone else and are ignored) or a timeline block a writer typed (where an unknown name is
/// a typo worth pointing out, and only the slice's own settings make sense).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    QueryString,
    Block,
}

/// The settings a timeline block takes, in the order its error message lists them.
const BLOCK_SETTINGS: &str = "from, to, lanes, source, person, kind, theme, at, seen_by or noise";

fn non_empty(v: &str) -> Option<&str> {
    Some(v.trim()).filter(|s| !s.is_empty())
}

/// `2026-03-17T07:45` as a browser's datetime-local field sends it (read as UTC, as the form
/// says), with optional seconds, or full RFC 3339.
pub fn parse_moment(s: &str) -> Option<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    PrimitiveDateTime::parse(s, minutes)
        .or_else(|_| PrimitiveDateTime::parse(s, seconds))
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

fn number(field: &str, v: &str) -> Result<Option<i64>, AppError> {
    non_empty(v)
        .map(|s| {
            s.parse::<i64>()
                .map_err(|_| AppError::BadRequest(format!("{field} must be a number, not {s:?}")))
        })
        .transpose()
}

fn moment(field: &str, v: &str) -> Result<Option<OffsetDateTime>, AppError> {
    non_empty(v)
        .map(|s| {
            parse_moment(s).ok_or_else(|| {
                AppError::BadRequest(format!(
                    "{field} must be a time like 2026-03-17T07:45, not {s:?}"
                ))
            })
        })
        .transpose()
}

impl TimelineQuery {
    /// From a query string's pairs; names it does not know are left for others.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, AppError> {
        Self::parse(pairs, Origin::QueryString)
    }

    /// From the settings of a ```` ```lore-timeline ```` block, which take the page's names for
    /// the slice it draws. The message says what to fix.
    pub fn from_block_settings(settings: &[(String, String)]) -> Result<Self, String> {
        let pairs = settings.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        Self::parse(pairs, Origin::Block).map_err(|e| match e {
            AppError::BadRequest(m) => m,
            other => other.to_string(),
        })
    }

    fn parse<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
        origin: Origin,
    ) -> Result<Self, AppError> {
        let mut q = TimelineQuery::default();
        for (key, value) in pairs {
            let value = value.as_ref();
            match key.as_ref() {
                "source" => q.source = number("source", value)?,
                "person" => q.person = number("person", value)?,
                "kind" => {
                    q.kind = non_empty(value).map(str::parse::<EntryKind>).transpose()?;
                }
                "theme" => q.theme = non_empty(value).map(ThemeChoice::parse).transpose()?,
                "from" => q.from = moment("from", value)?,
                "to" => q.to = moment("to", value)?,
                "at" => q.known_at = moment("at", value)?,
                "seen_by" => q.seen_by = number("seen_by", value)?,
                "noise" => q.show_noise = non_empty(value) == Some("show"),
                "lanes" => {
                    q.lanes = match non_empty(value) {
                        None | Some("sources") => Lanes::Sources,
                        Some("people") => Lanes::People,
                        Some(other) => {
                            return Err(AppError::BadRequest(format!(
                                "lanes must be people or sources, not {other:?}"
                            )));
                        }
                    }
                }
                "threads" if origin == Origin::QueryString => {
                    q.fold_threads = non_empty(value) == Some("folded");
                }
                "perspective" if origin == Origin::QueryString => {
                    q.perspective = number("perspective", value)?;
                }
                other if origin == Origin::Block => {
                    return Err(AppError::BadRequest(format!(
                        "unknown setting {other:?}: use {BLOCK_SETTINGS}"
                    )));
                }
                _ => {}
            }
        }
        Ok(q)
    }

    /// The query string (`?source=3&noise=show`, or empty), in one canonical order.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut put = |name: &str, value: String| parts.push(format!("{name}={value}"));
        if let Some(s) = self.source {
            put("source", s.to_string());
        }
        if let Some(p) = self.person {
            put("person", p.to_string());
        }
        if let Some(k) = self.kind {
            put("kind", k.as_str().to_owned());
        }
        if let Some(theme) = &self.theme {
            put("theme", url_encode(&theme.value()));
        }
        for (name, t) in [("from", self.from), ("to", self.to), ("at", self.known_at)] {
            if let Some(t) = t {
                put(name, url_encode(&iso(t)));
            }
        }
        if let Some(p) = self.seen_by {
            put("seen_by", p.to_string());
        }
        if self.show_noise {
            put("noise", "show".into());
        }
        if self.lanes == Lanes::People {
            put("lanes", "people".into());
        }
        if self.fold_threads {
            put("threads", "folded".into());
        }
        if let Some(p) = self.perspective {
            put("perspective", p.to_string());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// This value with one thing changed: what every toggle and link on the page is.
    pub fn with(&self, change: impl FnOnce(&mut TimelineQuery)) -> TimelineQuery {
        let mut changed = self.clone();
        change(&mut changed);
        changed
    }

    /// The filters cleared, the way of reading (noise, lanes, threads, perspective) kept.
    pub fn without_filters(&self) -> TimelineQuery {
        TimelineQuery {
            show_noise: self.show_noise,
            lanes: self.lanes,
            fold_threads: self.fold_threads,
            perspective: self.perspective,
            ..TimelineQuery::default()
        }
    }

    /// Whether any filter narrows the timeline.
    pub fn is_filtered(&self) -> bool {
        *self != self.without_filters()
    }

    pub fn lanes_by_people(&self) -> bool {
        self.lanes == Lanes::People
    }

    /// A moment as a datetime-local field shows it, in UTC: to the minute, or to the second
    /// when it has seconds (so that applying the form again keeps the same moment).
    pub fn field_value(t: Option<OffsetDateTime>) -> String {
        let Some(t) = t.map(|t| t.to_offset(time::UtcOffset::UTC)) else {
            return String::new();
        };
        let formatted = if t.second() == 0 {
            t.format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        } else {
            t.format(format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]"
            ))
        };
        formatted.unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for TimelineQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|e| AppError::BadRequest(format!("cannot read the query string: {e}")))?;
        TimelineQuery::from_pairs(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn parse(pairs: &[(&str, &str)]) -> Result<TimelineQuery, AppError> {
        TimelineQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn parses_the_form_and_round_trips() {
        let q = parse(&[
            ("source", "3"),
            ("kind", "deploy"),
            ("at", "2026-03-17T07:45"),
            ("person", ""),
            ("utm_source", "mail"),
        ])
        .unwrap();
        assert_eq!(q.source, Some(3));
        assert_eq!(q.person, None);
        assert_eq!(q.kind, Some(EntryKind::Deploy));
        assert_eq!(q.known_at, Some(datetime!(2026-03-17 07:45 UTC)));
        assert_eq!(
            q.with(|q| q.show_noise = true).to_query(),
            "?source=3&kind=deploy&at=2026-03-17T07%3A45%3A00Z&noise=show"
        );
        assert_eq!(TimelineQuery::field_value(q.known_at), "2026-03-17T07:45");
        assert_eq!(
            TimelineQuery::field_value(Some(datetime!(2026-03-17 07:45:30 -4))),
            "2026-03-17T11:45:30",
            "seconds survive the form, in UTC"
        );
        assert_eq!(TimelineQuery::default().to_query(), "");
    }

    /// Whatever the reader asked for, the query string says it again exactly.
    #[test]
    fn every_field_survives_a_round_trip() {
        let full = TimelineQuery {
            source: Some(1),
            person: Some(2),
            kind: Some(EntryKind::Chat),
            theme: Some(ThemeChoice::Tag("retained & gone".into())),
            from: Some(datetime!(2026-03-17 07:00 UTC)),
            to: Some(datetime!(2026-03-17 09:30:15 UTC)),
            known_at: Some(datetime!(2026-03-17 08:00 UTC)),
            seen_by: Some(4),
            show_noise: true,
            lanes: Lanes::People,
            fold_threads: true,
            perspective: Some(5),
        };
        let query = full.to_query();
        let uri: axum::http::Uri = format!("/incidents/x{query}").parse().unwrap();
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&uri).unwrap();
        assert_eq!(TimelineQuery::from_pairs(pairs).unwrap(), full, "{query}");
        assert!(full.is_filtered());
        let cleared = full.without_filters();
        assert!(!cleared.is_filtered());
        assert_eq!(
            cleared.to_query(),
            "?noise=show&lanes=people&threads=folded&perspective=5"
        );
    }

    #[test]
    fn bad_values_are_named() {
        for (field, value, message) in [
            ("source", "x", "source must be a number, not \"x\""),
            ("kind", "tweet", "unknown entry kind \"tweet\""),
            ("theme", "boring", "unknown theme \"boring\""),
            ("theme", "tag: ", "theme tag: needs a tag"),
            ("lanes", "rivers", "lanes must be people or sources"),
            (
                "at",
                "yesterday",
                "at must be a time like 2026-03-17T07:45, not \"yesterday\"",
            ),
        ] {
            let err = parse(&[(field, value)]).unwrap_err();
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn blocks_take_the_slice_settings_only() {
        let settings = |s: &[(&str, &str)]| -> Vec<(String, String)> {
            s.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let q = TimelineQuery::from_block_settings(&settings(&[
            ("from", "2026-03-17T07:30"),
            ("lanes", "people"),
        ]))
        .unwrap();
        assert!(q.lanes_by_people());
        for typo in ["form", "threads", "perspective"] {
            let err = TimelineQuery::from_block_settings(&settings(&[(typo, "x")])).unwrap_err();
            assert!(
                err.starts_with(&format!("unknown setting {typo:?}")),
                "{err}"
            );
        }
    }
}
