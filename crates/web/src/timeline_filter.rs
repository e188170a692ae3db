//! Which entries of a timeline a [`TimelineQuery`] selects: a source, a person, a kind, the
//! entries of moments marked with a theme, a window of time, "as known at" a moment — the
//! guard against hindsight: only what had been said or observed by then — and "as seen by" a
//! person, through the channels they were in.

use std::collections::{BTreeSet, HashMap, HashSet};

use lore_core::{Annotation, MarkedOn, TimelineEntry};
use time::OffsetDateTime;

use crate::timeline_query::TimelineQuery;

/// Who was in which channel of an incident, and since when where a source recorded it.
#[derive(Debug, Default)]
pub struct ChannelAccess {
    pub channels: HashMap<i64, BTreeSet<String>>,
    pub joins: HashMap<(i64, String), OffsetDateTime>,
}

/// Channels compared the way people name them: Slack folders are `ops`, IRC and hand-made
/// timelines say `#ops`.
pub fn channel_key(c: &str) -> String {
    c.trim().trim_start_matches('#').to_lowercase()
}

/// A query applied to one incident's record.
#[derive(Debug, Clone)]
pub struct TimelineFilter {
    query: TimelineQuery,
    /// The channels `seen_by` was in (without `#`, lower case).
    seen_channels: Option<BTreeSet<String>>,
    /// When `seen_by` joined channels, where a source recorded it (keys as `seen_channels`).
    seen_joins: HashMap<String, OffsetDateTime>,
    /// The entries inside ranges marked with the chosen theme.
    marked: Option<HashSet<i64>>,
}

impl TimelineFilter {
    /// Works out what the query needs from the record: the entries the theme's moments cover
    /// (every entry inside a marked range, in timeline order) and the channels the "seen by"
    /// person was in, and since when.
    pub fn new(
        query: &TimelineQuery,
        annotations: &[Annotation],
        timeline: &[TimelineEntry],
        access: &ChannelAccess,
    ) -> Self {
        let marked = query.theme.as_ref().map(|choice| {
            let position: HashMap<i64, usize> = timeline
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
            marked
        });
        let (seen_channels, seen_joins) = match query.seen_by {
            None => (None, HashMap::new()),
            Some(person) => (
                Some(
                    access
                        .channels
                        .get(&person)
                        .into_iter()
                        .flatten()
                        .map(|c| channel_key(c))
                        .collect(),
                ),
                access
                    .joins
                    .iter()
                    .filter(|((p, _), _)| *p == person)
                    .map(|((_, c), at)| (channel_key(c), *at))
                    .collect(),
            ),
        };
        TimelineFilter {
            query: query.clone(),
            seen_channels,
            seen_joins,
            marked,
        }
    }

    pub fn query(&self) -> &TimelineQuery {
        &self.query
    }

    /// Channels the "seen by" person joined after the "as known at" moment: not yet theirs.
    pub fn joined_later(&self) -> Vec<(String, OffsetDateTime)> {
        let Some(t) = self.query.known_at else {
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
        match (&self.seen_channels, self.query.seen_by, &e.channel) {
            (None, _, _) | (_, _, None) => true,
            (Some(_), Some(p), _) if e.author_person_id == Some(p) => true,
            (Some(channels), _, Some(c)) => {
                let key = channel_key(c);
                let joined_by_then = match (self.query.known_at, self.seen_joins.get(&key)) {
                    (Some(t), Some(joined)) => *joined <= t,
                    _ => true,
                };
                channels.contains(&key) && joined_by_then
            }
        }
    }

    /// Whether the entry belongs to the slice, noise aside.
    pub fn selects(&self, e: &TimelineEntry) -> bool {
        let q = &self.query;
        q.source.is_none_or(|s| e.source_id == s)
            && q.person.is_none_or(|p| e.author_person_id == Some(p))
            && q.kind.is_none_or(|k| e.kind == k)
            && q.known_at.is_none_or(|t| e.occurred_at <= t)
            && q.from.is_none_or(|t| e.occurred_at >= t)
            && q.to.is_none_or(|t| e.occurred_at <= t)
            && self.marked.as_ref().is_none_or(|m| m.contains(&e.id))
            && self.seen(e)
    }

    /// Whether the entry is shown: selected, and not noise unless noise is shown.
    pub fn shows(&self, e: &TimelineEntry) -> bool {
        self.selects(e) && (self.query.show_noise || !e.noise)
    }
}
