//! What slice of a timeline a reader asked for, from the incident page's query string: a
//! source, a person, a kind, a theme analysts marked, noise shown or hidden, and "as known at" a
//! moment — the guard against hindsight: only what had been said or observed by then.

use std::collections::{BTreeSet, HashMap, HashSet};

use lore_core::{Annotation, EntryKind, MarkedOn, Theme, TimelineEntry};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::AppError;

/// The query string as sent by the filter form (empty fields mean "any").
#[derive(Debug, Default, Deserialize)]
pub struct TimelineQuery {
    source: Option<String>,
    person: Option<String>,
    kind: Option<String>,
    at: Option<String>,
    noise: Option<String>,
    /// A theme (`surprise`) or an analyst's own tag (`tag:retained-messages`).
    theme: Option<String>,
    /// A person: only what they could have seen — the channels they were in, their own
    /// entries, and sources without channels.
    seen_by: Option<String>,
    /// A window of time, both ends included.
    from: Option<String>,
    to: Option<String>,
    /// `people` for one diagram lane per person (default: per source).
    lanes: Option<String>,
}

impl TimelineQuery {
    pub fn lanes_by_people(&self) -> bool {
        non_empty(&self.lanes) == Some("people")
    }

    /// The settings of a ```` ```lore-timeline ```` block in a narrative, which take the same
    /// names as the page's query string.
    pub fn from_settings(settings: &[(String, String)]) -> Result<Self, String> {
        let mut q = TimelineQuery::default();
        for (key, value) in settings {
            let slot = match key.as_str() {
                "source" => &mut q.source,
                "person" => &mut q.person,
                "kind" => &mut q.kind,
                "at" => &mut q.at,
                "noise" => &mut q.noise,
                "theme" => &mut q.theme,
                "from" => &mut q.from,
                "to" => &mut q.to,
                "seen_by" => &mut q.seen_by,
                "lanes" => &mut q.lanes,
                other => {
                    return Err(format!(
                        "unknown setting {other:?}: use from, to, lanes, source, person, kind, theme, at, seen_by or noise"
                    ));
                }
            };
            *slot = Some(value.clone());
        }
        if q.lanes
            .as_deref()
            .is_some_and(|l| l != "people" && l != "sources")
        {
            return Err(format!(
                "lanes must be people or sources, not {:?}",
                q.lanes.unwrap_or_default()
            ));
        }
        Ok(q)
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TimelineFilter {
    pub source: Option<i64>,
    pub person: Option<i64>,
    pub kind: Option<EntryKind>,
    pub known_at: Option<OffsetDateTime>,
    pub show_noise: bool,
    pub theme: Option<ThemeChoice>,
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
    pub seen_by: Option<i64>,
    /// The channels `seen_by` was in (without `#`, lower case), once `narrow_to_channels` has
    /// looked.
    seen_channels: Option<BTreeSet<String>>,
    /// When `seen_by` joined channels, where a source recorded it (keys as `seen_channels`).
    seen_joins: HashMap<String, OffsetDateTime>,
    /// The entries marked with `theme`, once `narrow_to_marks` has looked.
    marked: Option<HashSet<i64>>,
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
            None => s
                .parse()
                .map(ThemeChoice::Theme)
                .map_err(|e: lore_core::ThemeError| AppError::BadRequest(e.to_string())),
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

/// Who was in which channel of an incident, and since when where a source recorded it.
#[derive(Debug, Default)]
pub struct ChannelAccess {
    pub channels: HashMap<i64, BTreeSet<String>>,
    pub joins: HashMap<(i64, String), OffsetDateTime>,
}

/// Channels compared the way people name them: Slack folders are `ops`, IRC and hand-made
/// timelines say `#ops`.
fn channel_key(c: &str) -> String {
    c.trim().trim_start_matches('#').to_lowercase()
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `2026-03-17T07:45` as a browser's datetime-local field sends it (read as UTC, as the form
/// says), with optional seconds, or full RFC 3339.
fn parse_moment(s: &str) -> Option<OffsetDateTime> {
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

impl TimelineFilter {
    pub fn from_query(q: &TimelineQuery) -> Result<Self, AppError> {
        let id = |field: &str, v: &Option<String>| -> Result<Option<i64>, AppError> {
            non_empty(v)
                .map(|s| {
                    s.parse::<i64>().map_err(|_| {
                        AppError::BadRequest(format!("{field} must be a number, not {s:?}"))
                    })
                })
                .transpose()
        };
        let moment =
            |field: &str, v: &Option<String>| -> Result<Option<OffsetDateTime>, AppError> {
                non_empty(v)
                    .map(|s| {
                        parse_moment(s).ok_or_else(|| {
                            AppError::BadRequest(format!(
                                "{field} must be a time like 2026-03-17T07:45, not {s:?}"
                            ))
                        })
                    })
                    .transpose()
            };
        Ok(TimelineFilter {
            source: id("source", &q.source)?,
            person: id("person", &q.person)?,
            kind: non_empty(&q.kind)
                .map(|k| {
                    k.parse()
                        .map_err(|e: lore_core::EntryKindError| AppError::BadRequest(e.to_string()))
                })
                .transpose()?,
            known_at: moment("at", &q.at)?,
            from: moment("from", &q.from)?,
            to: moment("to", &q.to)?,
            show_noise: non_empty(&q.noise) == Some("show"),
            theme: non_empty(&q.theme).map(ThemeChoice::parse).transpose()?,
            seen_by: id("seen_by", &q.seen_by)?,
            seen_channels: None,
            seen_joins: HashMap::new(),
            marked: None,
        })
    }

    /// Works out which channels the "seen by" person was in, and since when. Without one,
    /// nothing changes.
    pub fn narrow_to_channels(&mut self, access: &ChannelAccess) {
        let Some(person) = self.seen_by else { return };
        self.seen_channels = Some(
            access
                .channels
                .get(&person)
                .into_iter()
                .flatten()
                .map(|c| channel_key(c))
                .collect(),
        );
        self.seen_joins = access
            .joins
            .iter()
            .filter(|((p, _), _)| *p == person)
            .map(|((_, c), at)| (channel_key(c), *at))
            .collect();
    }

    /// Channels the "seen by" person joined after the "as known at" moment: not yet theirs.
    pub fn joined_later(&self) -> Vec<(String, OffsetDateTime)> {
        let Some(t) = self.known_at else {
            return Vec::new();
        };
        let mut later: Vec<(String, OffsetDateTime)> = self
            .seen_joins
            .iter()
            .filter(|(_, at)| **at > t)
            .map(|(c, at)| (c.clone(), *at))
            .collect();
        later.sort();
        later
    }

    /// The channels the "seen by" person was in, as the page names them.
    pub fn seen_channels(&self) -> Option<&BTreeSet<String>> {
        self.seen_channels.as_ref()
    }

    /// Whether the "seen by" person could have seen the entry: said in a channel they were in,
    /// written by them, or from a source without channels (a deploy log, an alert, a ticket:
    /// Lore cannot tell who saw those, so it does not hide them).
    ///
    /// As known at a moment, a channel they joined later is not theirs yet (once in, Slack
    /// shows a channel's history, so what was said before they joined counts from then on).
    pub fn seen(&self, e: &TimelineEntry) -> bool {
        match (&self.seen_channels, self.seen_by, &e.channel) {
            (None, _, _) | (_, _, None) => true,
            (Some(_), Some(p), _) if e.author_person_id == Some(p) => true,
            (Some(channels), _, Some(c)) => {
                let key = channel_key(c);
                let joined_by_then = match (self.known_at, self.seen_joins.get(&key)) {
                    (Some(t), Some(joined)) => *joined <= t,
                    _ => true,
                };
                channels.contains(&key) && joined_by_then
            }
        }
    }

    /// Works out which entries the theme filter keeps: every entry inside a marked range (in
    /// timeline order), for the annotations of the chosen theme. Without a theme, nothing
    /// changes.
    pub fn narrow_to_marks(&mut self, annotations: &[Annotation], timeline: &[TimelineEntry]) {
        let Some(choice) = &self.theme else { return };
        let position: std::collections::HashMap<i64, usize> = timeline
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        let mut marked = HashSet::new();
        for a in annotations.iter().filter(|a| choice.matches(a)) {
            if let MarkedOn::Entries { first, last } = a.on
                && let (Some(&i), Some(&j)) = (position.get(&first), position.get(&last))
            {
                marked.extend(timeline[i.min(j)..=i.max(j)].iter().map(|e| e.id));
            }
        }
        self.marked = Some(marked);
    }

    /// Whether the entry belongs to the slice, noise aside.
    pub fn selects(&self, e: &TimelineEntry) -> bool {
        self.source.is_none_or(|s| e.source_id == s)
            && self.person.is_none_or(|p| e.author_person_id == Some(p))
            && self.kind.is_none_or(|k| e.kind == k)
            && self.known_at.is_none_or(|t| e.occurred_at <= t)
            && self.from.is_none_or(|t| e.occurred_at >= t)
            && self.to.is_none_or(|t| e.occurred_at <= t)
            && self.marked.as_ref().is_none_or(|m| m.contains(&e.id))
            && self.seen(e)
    }

    /// The query string for this filter with noise shown or hidden, for the toggle link.
    pub fn query_with_noise(&self, show_noise: bool) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.source {
            parts.push(format!("source={s}"));
        }
        if let Some(p) = self.person {
            parts.push(format!("person={p}"));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={k}"));
        }
        if let Some(t) = self.known_at {
            parts.push(format!(
                "at={}",
                crate::views::url_encode(&t.format(&Rfc3339).unwrap_or_default())
            ));
        }
        if let Some(p) = self.seen_by {
            parts.push(format!("seen_by={p}"));
        }
        for (name, t) in [("from", self.from), ("to", self.to)] {
            if let Some(t) = t {
                parts.push(format!(
                    "{name}={}",
                    crate::views::url_encode(&t.format(&Rfc3339).unwrap_or_default())
                ));
            }
        }
        if let Some(theme) = &self.theme {
            parts.push(format!(
                "theme={}",
                crate::views::url_encode(&theme.value())
            ));
        }
        if show_noise {
            parts.push("noise=show".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The value for the form's datetime-local field.
    pub fn known_at_field(&self) -> String {
        self.known_at
            .and_then(|t| {
                t.to_offset(time::UtcOffset::UTC)
                    .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
                    .ok()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn q(pairs: &[(&str, &str)]) -> TimelineQuery {
        let mut t = TimelineQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "source" => t.source = v,
                "person" => t.person = v,
                "kind" => t.kind = v,
                "at" => t.at = v,
                "noise" => t.noise = v,
                "theme" => t.theme = v,
                "from" => t.from = v,
                "to" => t.to = v,
                "seen_by" => t.seen_by = v,
                "lanes" => t.lanes = v,
                _ => unreachable!(),
            }
        }
        t
    }

    #[test]
    fn parses_the_form_and_round_trips_the_toggle() {
        let f = TimelineFilter::from_query(&q(&[
            ("source", "3"),
            ("kind", "deploy"),
            ("at", "2026-03-17T07:45"),
            ("person", ""),
        ]))
        .unwrap();
        assert_eq!(f.source, Some(3));
        assert_eq!(f.person, None);
        assert_eq!(f.kind, Some(EntryKind::Deploy));
        assert_eq!(f.known_at, Some(datetime!(2026-03-17 07:45 UTC)));
        assert_eq!(
            f.query_with_noise(true),
            "?source=3&kind=deploy&at=2026-03-17T07%3A45%3A00Z&noise=show"
        );
        assert_eq!(f.known_at_field(), "2026-03-17T07:45");
        let again = TimelineFilter::from_query(&q(&[("at", "2026-03-17T07:45:00Z")])).unwrap();
        assert_eq!(again.known_at, f.known_at);
        assert_eq!(TimelineFilter::default().query_with_noise(false), "");
    }

    #[test]
    fn bad_values_are_named() {
        for (field, value, message) in [
            ("source", "x", "source must be a number, not \"x\""),
            ("kind", "tweet", "unknown entry kind \"tweet\""),
            ("theme", "boring", "unknown theme \"boring\""),
            ("theme", "tag: ", "theme tag: needs a tag"),
            (
                "at",
                "yesterday",
                "at must be a time like 2026-03-17T07:45, not \"yesterday\"",
            ),
        ] {
            let err = TimelineFilter::from_query(&q(&[(field, value)])).unwrap_err();
            assert!(err.to_string().contains(message), "{err}");
        }
    }
}
