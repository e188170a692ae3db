//! What the incident page reads of its timeline, bounded by the window and not by the
//! incident: the window's entries (and the parents of its replies), the slice's exact counts,
//! the filter form's choices, the diagram, the entries its prose cites and the diagrams its
//! prose draws. The reads run side by side; counts, choices and diagrams come from the render
//! cache while the timeline's version is unchanged.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use lore_core::TimelineEntry;
use lore_render::TimelineDiagram;
use lore_store::Store;

use crate::error::AppError;
use crate::incident_access::IncidentRecord;
use crate::render_cache::RenderCache;
use crate::timeline_diagram::{DiagramOf, slice_diagram};
use crate::timeline_filter::ChannelAccess;
use crate::timeline_query::TimelineQuery;
use crate::timeline_slice::{Counts, Facets, Resolved, Version, channel_access, resolve, slice_of};
use crate::timeline_window::{Window, WindowQuery, load_window};

/// At most this many entries cited by the page's prose are read for their citations.
const MAX_CITED: usize = 2_000;
/// At most this many distinct timeline blocks of the page's prose are read for drawing (the
/// page draws fewer: `BlockDiagrams::MAX_DRAWINGS`).
const MAX_BLOCKS: usize = 32;

/// The page's timeline, as read for one window.
pub struct WindowedTimeline {
    pub at: WindowQuery,
    pub window: Window,
    pub counts: Counts,
    pub facets: Arc<Facets>,
    /// People records as merged: record → (person, name).
    pub people: HashMap<i64, (i64, String)>,
    /// Entries replies in the window answer that are not in it.
    pub parents: Vec<TimelineEntry>,
    pub diagram: TimelineDiagram,
    /// Who was in which channel, when "as seen by" asks.
    pub access: ChannelAccess,
}

impl WindowedTimeline {
    /// Whether the slice is longer than this window.
    pub fn windowed(&self) -> bool {
        self.window.earlier || self.window.later
    }
}

/// Reads the window and all the page says about its slice. `record` holds the incident, its
/// sources, annotations and channel members.
pub async fn load(
    store: &Store,
    cache: &RenderCache,
    record: &IncidentRecord,
    query: &TimelineQuery,
    at: WindowQuery,
) -> Result<WindowedTimeline, AppError> {
    let id = record.incident.id;
    let Resolved {
        version,
        facets,
        access,
        slice,
    } = resolve(store, cache, id, query, &record.annotations).await?;
    let (window, counts) = tokio::try_join!(
        load_window(store, id, &slice, at),
        Counts::load(store, cache, &version, &slice, query.known_at),
    )?;
    let windowed = counts.shown > window.entries.len() as u64;
    let slug = record.incident.slug.to_string();
    let of = DiagramOf {
        slug: &slug,
        title: &record.incident.title,
        sources: &record.sources,
        annotations: &record.annotations,
        query,
        slice: &slice,
        shown: counts.shown,
        windowed,
    };
    let in_window: HashSet<i64> = window.entries.iter().map(|e| e.id).collect();
    let parent_ids: Vec<i64> = window
        .entries
        .iter()
        .filter_map(|e| e.thread_parent)
        .filter(|p| !in_window.contains(p))
        .collect();
    let mut records: Vec<i64> = facets.0.iter().filter_map(|f| f.author).collect();
    records.sort_unstable();
    records.dedup();
    let (diagram, parents, people) = tokio::try_join!(
        slice_diagram(store, cache, &version, of),
        async { Ok(store.entries_by_id(id, &parent_ids).await?) },
        async { Ok(store.people_as_merged(&records).await?) },
    )?;
    Ok(WindowedTimeline {
        at,
        window,
        counts,
        facets,
        people,
        parents,
        diagram,
        access,
    })
}

/// Entry numbers a text links to: `#entry-N` anchors and `/entries/N` permalinks.
pub fn cited_ids(text: &str, into: &mut Vec<i64>) {
    for marker in ["entry-", "/entries/"] {
        let mut rest = text;
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            let digits: &str = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
            if let Ok(id) = digits.parse::<i64>() {
                into.push(id);
            }
            if into.len() >= MAX_CITED {
                return;
            }
        }
    }
}

/// The prose a page shows beside its timeline: the narrative, perspectives and comments.
pub fn shown_prose(record: &IncidentRecord) -> Vec<&str> {
    let mut texts: Vec<&str> = record
        .perspectives
        .iter()
        .map(|p| p.body.as_str())
        .collect();
    texts.extend(record.comments.comments.iter().map(|c| c.body.as_str()));
    if let Some(n) = &record.narrative {
        texts.push(&n.body);
    }
    texts
}

/// The entries the page's prose and moments point at: what citations, moments and comments
/// show of them (a few, not the timeline).
pub async fn cited_entries(
    store: &Store,
    record: &IncidentRecord,
) -> Result<Vec<TimelineEntry>, AppError> {
    let mut ids = Vec::new();
    for a in &record.annotations {
        if let lore_core::MarkedOn::Entries { first, last } = a.on {
            ids.extend([first, last]);
        }
    }
    cited_in(store, record.incident.id, &shown_prose(record), ids).await
}

/// The entries these texts cite, with those of `ids`, at most [`MAX_CITED`].
pub async fn cited_in(
    store: &Store,
    incident_id: i64,
    texts: &[&str],
    mut ids: Vec<i64>,
) -> Result<Vec<TimelineEntry>, AppError> {
    for text in texts {
        cited_ids(text, &mut ids);
    }
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(MAX_CITED);
    Ok(store.entries_by_id(incident_id, &ids).await?)
}

/// The settings of each ```` ```lore-timeline ```` block in a Markdown text, as written
/// (fenced with backticks or tildes, inside block quotes too).
pub fn block_settings(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<(&str, String)> = None;
    for line in markdown.lines() {
        let bare = line.trim_start().trim_start_matches(['>', ' ']).trim();
        match &mut open {
            None => {
                for fence in ["```", "~~~"] {
                    if let Some(info) = bare.strip_prefix(fence)
                        && info
                            .trim_start_matches(fence.chars().next().unwrap_or('`'))
                            .trim()
                            .starts_with("lore-timeline")
                    {
                        open = Some((fence, String::new()));
                    }
                }
            }
            Some((fence, text)) => {
                if bare.starts_with(*fence) {
                    blocks.push(std::mem::take(text));
                    open = None;
                } else {
                    text.push_str(bare);
                    text.push('\n');
                }
            }
        }
    }
    blocks
}

/// The diagrams the page's prose draws (narrative, perspectives, the comments shown), by the
/// canonical query of each block (the key `Prose` looks them up by), read from the store as
/// the page's own diagram is.
pub async fn block_diagrams(
    store: &Store,
    cache: &RenderCache,
    record: &IncidentRecord,
) -> Result<HashMap<String, TimelineDiagram>, AppError> {
    block_diagrams_in(store, cache, record, &shown_prose(record)).await
}

/// The diagram of each ```` ```lore-timeline ```` block in these texts (at most
/// [`MAX_BLOCKS`]), by its query, drawn from windows and density like the page's own.
pub async fn block_diagrams_in(
    store: &Store,
    cache: &RenderCache,
    record: &IncidentRecord,
    texts: &[&str],
) -> Result<HashMap<String, TimelineDiagram>, AppError> {
    let mut queries: Vec<TimelineQuery> = Vec::new();
    for text in texts {
        for block in block_settings(text) {
            let Ok(settings) = lore_render::parse_block_settings(&block) else {
                continue;
            };
            let Ok(q) = TimelineQuery::from_block_settings(&settings) else {
                continue;
            };
            if !queries.contains(&q) && queries.len() < MAX_BLOCKS {
                queries.push(q);
            }
        }
    }
    let mut out = HashMap::new();
    if queries.is_empty() {
        return Ok(out);
    }
    let id = record.incident.id;
    let version = Version::read(store, id).await?;
    let facets = Facets::load(store, cache, &version).await?;
    let slug = record.incident.slug.to_string();
    let access = if queries.iter().any(|q| q.seen_by.is_some()) {
        channel_access(store, id, &facets).await?
    } else {
        ChannelAccess::default()
    };
    for q in queries {
        let slice = slice_of(
            store,
            id,
            &q,
            &record.annotations,
            &access,
            &facets.channels(),
        )
        .await?;
        let counts = Counts::load(store, cache, &version, &slice, q.known_at).await?;
        let of = DiagramOf {
            slug: &slug,
            title: &record.incident.title,
            sources: &record.sources,
            annotations: &record.annotations,
            query: &q,
            slice: &slice,
            shown: counts.shown,
            windowed: true,
        };
        let d = slice_diagram(store, cache, &version, of).await?;
        out.insert(q.to_query(), d);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cited_entries_and_blocks() {
        let mut ids = Vec::new();
        cited_ids(
            "See [this](#entry-12) and [that](/incidents/x/entries/7#entry-7), not entry-x.",
            &mut ids,
        );
        assert_eq!(ids, vec![12, 7, 7]);
        let md = "Text\n\n```lore-timeline\nfrom=2026-03-17T07:30\nlanes=people\n```\n\n> ~~~ lore-timeline\n> kind=deploy\n> ~~~\n\n```rust\nx\n```\n";
        assert_eq!(
            block_settings(md),
            vec!["from=2026-03-17T07:30\nlanes=people\n", "kind=deploy\n"]
        );
    }
}
