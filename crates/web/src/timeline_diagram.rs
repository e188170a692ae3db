//! The timeline diagram's content: the entries a filter shows, in lanes by source or by
//! person, with the moments whose first entry is on it. `lore-render` draws it.
//!
//! A slice with more entries than dots can show ([`MAX_DOTS`]) is drawn as density: each
//! lane's entries counted per stretch of time (one grouped pass in the store), each stretch
//! linked to the window of the timeline at its start. Either way the drawing is bounded: at
//! most `MAX_DOTS` dots, or lanes × [`STRETCHES`] bars.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use lore_core::{Annotation, Source, TimelineEntry};
use lore_render::{DensityBar, DiagramEntry, DiagramMoment, Lane, TimelineDiagram};
use lore_store::{EntrySlice, LaneKey, Store, WindowFrom};

use crate::error::AppError;
use crate::format::{iso, url_encode};
use crate::incident_access::IncidentRecord;
use crate::render_cache::{RenderCache, Weigh};
use crate::timeline_filter::TimelineFilter;
use crate::timeline_query::TimelineQuery;
use crate::timeline_slice::Version;
use crate::timeline_window::with_params;

/// Up to this many entries, a dot each; past it, density.
pub const MAX_DOTS: u64 = 500;
/// Stretches of time a density diagram counts in.
pub const STRETCHES: i32 = 80;

impl Weigh for TimelineDiagram {
    fn weight(&self) -> usize {
        256 + self.title.len()
            + self.lanes.iter().map(|l| l.label.len() + 32).sum::<usize>()
            + self
                .entries
                .iter()
                .map(|e| e.summary.len() + 64)
                .sum::<usize>()
            + self
                .moments
                .iter()
                .map(|m| m.label.len() + 64)
                .sum::<usize>()
            + self
                .density
                .iter()
                .map(|b| b.href.len() + 64)
                .sum::<usize>()
    }
}

/// What one diagram of a slice needs besides the store.
pub struct DiagramOf<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub sources: &'a [Source],
    pub annotations: &'a [Annotation],
    pub query: &'a TimelineQuery,
    pub slice: &'a EntrySlice,
    /// Entries the slice selects (exact).
    pub shown: u64,
    /// Whether the page holds only a window of them: dots then link to the entries'
    /// permalinks, which open the window that holds each.
    pub windowed: bool,
}

/// The diagram of a slice, read from the store and kept under the timeline's version (with
/// the moments, the title and the lanes that it shows).
pub async fn slice_diagram(
    store: &Store,
    cache: &RenderCache,
    version: &Version,
    of: DiagramOf<'_>,
) -> Result<TimelineDiagram, AppError> {
    let mut h = cache.hasher();
    (
        "slice diagram",
        version,
        of.slug,
        of.title,
        of.slice,
        of.query.lanes_by_people(),
        of.windowed,
    )
        .hash(&mut h);
    for a in of.annotations {
        (
            a.id,
            a.on.first_entry(),
            a.theme.as_str(),
            a.label(),
            &a.note,
        )
            .hash(&mut h);
    }
    for s in of.sources {
        (s.id, &s.file_name).hash(&mut h);
    }
    let key = h.key();
    if let Some(found) = cache.lookup::<TimelineDiagram>(key) {
        return Ok((*found).clone());
    }
    let id = version.incident_id;
    let diagram = if of.shown <= MAX_DOTS {
        let limit = u32::try_from(MAX_DOTS).unwrap_or(u32::MAX);
        let entries = store
            .timeline_window(id, of.slice, WindowFrom::First, limit)
            .await?;
        let mut d = from_entries(
            of.title,
            of.sources,
            of.annotations,
            of.query.lanes_by_people(),
            entries.iter(),
        );
        if of.windowed {
            d.entry_href = Some(format!("/incidents/{}/entries/", of.slug));
        }
        d
    } else {
        density(store, &of, id).await?
    };
    Ok((*cache.keep(key, diagram)).clone())
}

async fn density(store: &Store, of: &DiagramOf<'_>, id: i64) -> Result<TimelineDiagram, AppError> {
    let by_people = of.query.lanes_by_people();
    let (first, last) = tokio::try_join!(
        store.timeline_window(id, of.slice, WindowFrom::First, 1),
        store.timeline_window(id, of.slice, WindowFrom::Last, 1),
    )?;
    let (Some(first), Some(last)) = (first.first(), last.first()) else {
        return Ok(from_entries(
            of.title,
            of.sources,
            of.annotations,
            by_people,
            std::iter::empty(),
        ));
    };
    let (start, end) = (first.occurred_at, last.occurred_at);
    let width = ((end - start) / STRETCHES).max(time::Duration::SECOND);
    let lane_key = if by_people {
        LaneKey::Author
    } else {
        LaneKey::Source
    };
    let cells = store
        .timeline_density(id, of.slice, lane_key, start, width)
        .await?;
    // Lanes as the reader knows them: a source's file, or a person as merged.
    let records: Vec<i64> = if by_people {
        let mut r: Vec<i64> = cells.iter().filter_map(|c| c.lane).collect();
        r.sort_unstable();
        r.dedup();
        r
    } else {
        Vec::new()
    };
    let people = store.people_as_merged(&records).await?;
    let lane_of = |lane: Option<i64>| -> (Option<i64>, String) {
        match (by_people, lane) {
            (true, Some(r)) => people
                .get(&r)
                .map_or((Some(r), format!("person {r}")), |(p, name)| {
                    (Some(*p), name.clone())
                }),
            (true, None) => (None, "unknown".into()),
            (false, lane) => (
                lane,
                lane.and_then(|l| of.sources.iter().find(|s| s.id == l))
                    .map_or_else(|| "unknown source".to_owned(), |s| s.file_name.clone()),
            ),
        }
    };
    // (lane, stretch) → count, records of one person added together.
    let mut counted: BTreeMap<(Option<i64>, i64), u64> = BTreeMap::new();
    let mut labels: HashMap<Option<i64>, (i64, String)> = HashMap::new();
    for c in &cells {
        let (lane, label) = lane_of(c.lane);
        *counted.entry((lane, c.bucket)).or_default() += c.count;
        let first_seen = labels.entry(lane).or_insert((c.bucket, label));
        first_seen.0 = first_seen.0.min(c.bucket);
    }
    // Lanes in the order they begin, as the dots' lanes are.
    let mut order: Vec<(Option<i64>, (i64, String))> = labels.into_iter().collect();
    order.sort_by(|a, b| (a.1.0, &a.1.1).cmp(&(b.1.0, &b.1.1)));
    let index: HashMap<Option<i64>, usize> = order
        .iter()
        .enumerate()
        .map(|(i, (lane, _))| (*lane, i))
        .collect();
    let base = of.query.to_query();
    let density = counted
        .into_iter()
        .map(|((lane, bucket), count)| {
            let from = start + width * i32::try_from(bucket).unwrap_or(i32::MAX);
            let around = format!("around={}", url_encode(&iso(from)));
            DensityBar {
                lane: index[&lane],
                from,
                to: from + width,
                count,
                href: format!(
                    "/incidents/{}{}#timeline-heading",
                    of.slug,
                    with_params(&base, &[around])
                ),
            }
        })
        .collect();
    // Moments whose first entry falls within the slice's time.
    let firsts: Vec<i64> = of
        .annotations
        .iter()
        .filter_map(|a| a.on.first_entry())
        .collect();
    let at: HashMap<i64, time::OffsetDateTime> = store
        .entries_by_id(id, &firsts)
        .await?
        .into_iter()
        .map(|e| (e.id, e.occurred_at))
        .collect();
    let moments = of
        .annotations
        .iter()
        .filter_map(|a| {
            let t = *at.get(&a.on.first_entry()?)?;
            (start..=end).contains(&t).then(|| moment(a, t))
        })
        .collect();
    Ok(TimelineDiagram {
        id: "lore-diagram".into(),
        title: title(of.title, by_people),
        lanes: order
            .into_iter()
            .map(|(_, (_, label))| Lane { label })
            .collect(),
        moments,
        entries: Vec::new(),
        density,
        entry_href: None,
    })
}

fn title(incident: &str, by_people: bool) -> String {
    format!(
        "{incident}: timeline by {}",
        if by_people { "person" } else { "source" }
    )
}

fn moment(a: &Annotation, at: time::OffsetDateTime) -> DiagramMoment {
    let mut label = a.label().to_owned();
    if !a.note.is_empty() {
        label.push_str(": ");
        label.push_str(&a.note);
    }
    DiagramMoment {
        at,
        theme: a.theme.as_str().to_owned(),
        label,
        moment_id: a.id,
    }
}

/// The diagram of the entries `filter` shows (noise left out unless shown), from a record that
/// holds the whole timeline (the SVG download, a draft's preview).
pub fn diagram(record: &IncidentRecord, filter: &TimelineFilter) -> TimelineDiagram {
    from_entries(
        &record.incident.title,
        &record.sources,
        &record.annotations,
        filter.query().lanes_by_people(),
        record.timeline.iter().filter(|e| filter.shows(e)),
    )
}

/// A dot per entry, in lanes by source or by person (in the order they begin).
fn from_entries<'e>(
    title_of: &str,
    sources: &[Source],
    annotations: &[Annotation],
    by_people: bool,
    shown: impl Iterator<Item = &'e TimelineEntry>,
) -> TimelineDiagram {
    let lane_key = |e: &TimelineEntry| -> (Option<i64>, String) {
        if by_people {
            (
                e.author_person_id,
                e.author_name.clone().unwrap_or_else(|| "unknown".into()),
            )
        } else {
            let file = sources
                .iter()
                .find(|s| s.id == e.source_id)
                .map_or_else(|| "unknown source".to_owned(), |s| s.file_name.clone());
            (Some(e.source_id), file)
        }
    };
    let mut lanes: Vec<(Option<i64>, String)> = Vec::new();
    let mut entries = Vec::new();
    for e in shown {
        let key = lane_key(e);
        let lane = match lanes.iter().position(|l| l.0 == key.0) {
            Some(i) => i,
            None => {
                lanes.push(key);
                lanes.len() - 1
            }
        };
        let who = e.author_name.as_deref().unwrap_or("unknown");
        entries.push(DiagramEntry {
            lane,
            at: e.occurred_at,
            kind: e.kind.as_str().to_owned(),
            entry_id: e.id,
            summary: format!("{who}: {}", e.text),
        });
    }
    // Moments whose first entry is on the diagram.
    let moments = annotations
        .iter()
        .filter_map(|a| {
            let first_id = a.on.first_entry()?;
            let first = entries.iter().find(|e| e.entry_id == first_id)?;
            Some(moment(a, first.at))
        })
        .collect();
    TimelineDiagram {
        id: "lore-diagram".into(),
        title: title(title_of, by_people),
        lanes: lanes.into_iter().map(|(_, label)| Lane { label }).collect(),
        moments,
        entries,
        density: Vec::new(),
        entry_href: None,
    }
}
