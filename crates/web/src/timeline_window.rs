//! The timeline a window at a time, for incidents of any size (the page, the API and the
//! entry permalinks share it): where the reader is ([`WindowQuery`]: the start, after or
//! before an entry, around a time, around an entry, the end) and the window's entries
//! ([`load_window`]), bounded by its size whatever the incident's: one keyset read of the
//! index, and a probe on each side for "earlier" and "later". The slice it reads and what
//! describes the whole slice are `timeline_slice`'s.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use lore_core::TimelineEntry;
use lore_store::{EntryKey, EntrySlice, Store, WindowFrom, library_sort_time};
use time::OffsetDateTime;

use crate::error::AppError;
use crate::timeline_query::parse_moment;

/// Entries a window shows unless the reader asks for another size (`per`).
pub const DEFAULT_WINDOW: u32 = 200;
/// The most a reader may ask for.
pub const MAX_WINDOW: u32 = lore_store::MAX_WINDOW;

/// Where in the slice a window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WindowAt {
    /// The first entries.
    #[default]
    Start,
    /// The last entries (`last=1`).
    End,
    /// The entries after this entry (`after=ID`): the next window.
    After(i64),
    /// The entries before this entry (`before=ID`): the previous window.
    Before(i64),
    /// The entries from this time on, with a few before it (`around=TIME`): jump to a time.
    Around(OffsetDateTime),
    /// The window around this entry (`entry=ID`): where its permalink leads.
    Entry(i64),
}

/// Where the reader is in the timeline and how many entries a window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowQuery {
    pub size: u32,
    pub at: WindowAt,
}

impl Default for WindowQuery {
    fn default() -> Self {
        WindowQuery {
            size: DEFAULT_WINDOW,
            at: WindowAt::Start,
        }
    }
}

fn entry_id(field: &str, v: &str) -> Result<i64, AppError> {
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            AppError::BadRequest(format!("{field} must be an entry's number, not {v:?}"))
        })
}

impl WindowQuery {
    /// From a query string's pairs (other names are the timeline query's, or someone else's).
    /// Each value is checked: a size outside 1 to [`MAX_WINDOW`], a cursor that is not an
    /// entry's number, a time that is not one, or two places at once are a 400 naming it.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, AppError> {
        let mut w = WindowQuery::default();
        let mut places = Vec::new();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            if value.trim().is_empty() {
                continue;
            }
            match key {
                "per" => {
                    w.size = value
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=MAX_WINDOW).contains(n))
                        .ok_or_else(|| {
                            AppError::BadRequest(format!(
                                "per must be a number of entries from 1 to {MAX_WINDOW}, not {value:?}"
                            ))
                        })?;
                }
                "after" => places.push(WindowAt::After(entry_id("after", value)?)),
                "before" => places.push(WindowAt::Before(entry_id("before", value)?)),
                "entry" => places.push(WindowAt::Entry(entry_id("entry", value)?)),
                "last" => places.push(WindowAt::End),
                "around" => places.push(WindowAt::Around(parse_moment(value.trim()).ok_or_else(
                    || {
                        AppError::BadRequest(format!(
                            "around must be a time like 2026-03-17T07:45, not {value:?}"
                        ))
                    },
                )?)),
                _ => {}
            }
        }
        match places.as_slice() {
            [] => {}
            [one] => w.at = *one,
            _ => {
                return Err(AppError::BadRequest(
                    "ask for one place in the timeline: after, before, around, entry or last"
                        .into(),
                ));
            }
        }
        Ok(w)
    }

    /// `per=N` when the size is not the default (every link keeps it), else nothing.
    pub fn size_param(&self) -> Option<String> {
        (self.size != DEFAULT_WINDOW).then(|| format!("per={}", self.size))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for WindowQuery {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|e| AppError::BadRequest(format!("cannot read the query string: {e}")))?;
        WindowQuery::from_pairs(pairs)
    }
}

/// A query string with more parameters: `?a=1` and `b=2` make `?a=1&b=2`.
pub fn with_params(query: &str, extra: &[String]) -> String {
    let mut out = query.to_owned();
    for p in extra {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(p);
    }
    out
}

/// One window of a slice, and whether there is more on either side.
#[derive(Debug, Default)]
pub struct Window {
    pub entries: Vec<TimelineEntry>,
    pub earlier: bool,
    pub later: bool,
}

/// The entries of the window `at`, in timeline order: at most `size`, read by keyset. An
/// entry named by a cursor must be one of this incident's (else a 400): its place is the
/// cursor, whether or not the slice selects it.
pub async fn load_window(
    store: &Store,
    incident_id: i64,
    slice: &EntrySlice,
    at: WindowQuery,
) -> Result<Window, AppError> {
    let size = at.size.clamp(1, MAX_WINDOW);
    let key_of = |id: i64| async move {
        store
            .entry_key(incident_id, id)
            .await?
            .ok_or_else(|| AppError::BadRequest(format!("there is no entry {id} in this incident")))
    };
    let entries = match at.at {
        WindowAt::Start => {
            store
                .timeline_window(incident_id, slice, WindowFrom::First, size)
                .await?
        }
        WindowAt::End => {
            store
                .timeline_window(incident_id, slice, WindowFrom::Last, size)
                .await?
        }
        WindowAt::After(id) => {
            let k = key_of(id).await?;
            store
                .timeline_window(incident_id, slice, WindowFrom::After(k), size)
                .await?
        }
        WindowAt::Before(id) => {
            let k = key_of(id).await?;
            store
                .timeline_window(incident_id, slice, WindowFrom::Before(k), size)
                .await?
        }
        WindowAt::Around(t) => {
            let k = EntryKey::before_all_at(t);
            around(store, incident_id, slice, k, k, size).await?
        }
        WindowAt::Entry(id) => {
            let k = key_of(id).await?;
            // From the entry itself on; before it, what comes strictly before.
            let just_before = EntryKey { id: k.id - 1, ..k };
            around(store, incident_id, slice, just_before, k, size).await?
        }
    };
    let (earlier, later) = match (entries.first(), entries.last()) {
        (Some(first), Some(last)) => {
            let (before, after) = tokio::try_join!(
                store.timeline_window(
                    incident_id,
                    slice,
                    WindowFrom::Before(EntryKey::of(first)),
                    1
                ),
                store.timeline_window(incident_id, slice, WindowFrom::After(EntryKey::of(last)), 1),
            )?;
            (!before.is_empty(), !after.is_empty())
        }
        // Past either end: the way back is the start or the end of the slice.
        _ => (at.at != WindowAt::Start, false),
    };
    Ok(Window {
        entries,
        earlier,
        later,
    })
}

/// A quarter of the window before the place, the rest from it on (more before when the slice
/// ends sooner).
async fn around(
    store: &Store,
    incident_id: i64,
    slice: &EntrySlice,
    after: EntryKey,
    before: EntryKey,
    size: u32,
) -> Result<Vec<TimelineEntry>, AppError> {
    let later = store
        .timeline_window(
            incident_id,
            slice,
            WindowFrom::After(after),
            size - size / 4,
        )
        .await?;
    let room = size - later.len() as u32;
    let mut entries = if room > 0 {
        store
            .timeline_window(incident_id, slice, WindowFrom::Before(before), room)
            .await?
    } else {
        Vec::new()
    };
    entries.extend(later);
    Ok(entries)
}

/// Where an incident sorts in the library, with its id: the API's library cursor.
pub fn library_cursor(i: &lore_core::Incident) -> String {
    let t = library_sort_time(i);
    format!("{}.{}", t.unix_timestamp_nanos() / 1_000, i.id)
}

/// The library cursor read back (a 400 when it is not one this server wrote).
pub fn parse_library_cursor(s: &str) -> Result<(OffsetDateTime, i64), AppError> {
    let bad = || AppError::BadRequest(format!("cursor {s:?} is not one this API gave"));
    let (micros, id) = s.split_once('.').ok_or_else(bad)?;
    let micros: i128 = micros.parse().map_err(|_| bad())?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    let t = OffsetDateTime::from_unix_timestamp_nanos(micros * 1_000).map_err(|_| bad())?;
    Ok((t, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn parse(pairs: &[(&str, &str)]) -> Result<WindowQuery, AppError> {
        WindowQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn reads_each_place_and_refuses_what_is_not_one() {
        assert_eq!(parse(&[]).unwrap(), WindowQuery::default());
        assert_eq!(
            parse(&[("after", "42"), ("per", "50"), ("kind", "chat")]).unwrap(),
            WindowQuery {
                size: 50,
                at: WindowAt::After(42)
            }
        );
        assert_eq!(
            parse(&[("around", "2026-03-17T07:45")]).unwrap().at,
            WindowAt::Around(datetime!(2026-03-17 07:45 UTC))
        );
        for (pairs, message) in [
            (
                vec![("per", "0")],
                "per must be a number of entries from 1 to 1000",
            ),
            (
                vec![("per", "1001")],
                "per must be a number of entries from 1 to 1000",
            ),
            (vec![("per", "many")], "per must be"),
            (vec![("after", "x")], "after must be an entry's number"),
            (vec![("before", "-3")], "before must be an entry's number"),
            (vec![("around", "noon")], "around must be a time"),
            (vec![("after", "1"), ("before", "2")], "ask for one place"),
        ] {
            let err = parse(&pairs).unwrap_err().to_string();
            assert!(err.contains(message), "{pairs:?}: {err}");
        }
    }

    #[test]
    fn library_cursors_round_trip() {
        let t = datetime!(2026-03-17 07:45:30.123456 UTC);
        let i = lore_core::Incident {
            id: 7,
            slug: lore_core::Slug::parse("a-b").unwrap(),
            title: String::new(),
            summary: String::new(),
            severity: None,
            services: Vec::new(),
            tags: Vec::new(),
            restricted: false,
            times: lore_core::IncidentTimes {
                started_at: Some(t),
                ..Default::default()
            },
            created_at: t,
        };
        assert_eq!(parse_library_cursor(&library_cursor(&i)).unwrap(), (t, 7));
        assert!(parse_library_cursor("yesterday").is_err());
    }
}
