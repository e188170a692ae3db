//! The reader's [`TimelineQuery`] as the store selects it ([`slice_of`]), and what describes a
//! whole slice, kept in the render cache under the incident's timeline [`Version`]: the
//! entries' [`Facets`] (the filter form's choices, each source's time range, who wrote where),
//! the slice's exact [`Counts`], and who was in which channel for "as seen by"
//! ([`channel_access`]). Each is one pass over the window index, read again only after an
//! import or a merge of people changes the timeline.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;
use std::sync::Arc;

use lore_core::{Annotation, MarkedOn};
use lore_store::{EntryKey, EntrySlice, SeenRule, Store, TimelineFacet};
use time::OffsetDateTime;

use crate::error::AppError;
use crate::render_cache::{Key, RenderCache, Weigh};
use crate::timeline_filter::{ChannelAccess, channel_key};
use crate::timeline_query::TimelineQuery;

/// The reader's query as the store selects it: people as the records that read as them,
/// "as known at" as the end of time, "as seen by" as the channels (as stored) the person was
/// in by then, a theme as the ranges of its moments. `channels` is every channel value the
/// incident's entries and member lists hold.
pub async fn slice_of(
    store: &Store,
    incident_id: i64,
    query: &TimelineQuery,
    annotations: &[Annotation],
    access: &ChannelAccess,
    channels: &BTreeSet<String>,
) -> Result<EntrySlice, AppError> {
    let authors = match query.person {
        Some(p) => Some(store.person_records(p).await?),
        None => None,
    };
    let to = match (query.to, query.known_at) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let seen = match query.seen_by {
        None => None,
        Some(person) => {
            let member: BTreeSet<String> = access
                .channels
                .get(&person)
                .into_iter()
                .flatten()
                .map(|c| channel_key(c))
                .collect();
            let joined: HashMap<String, OffsetDateTime> = access
                .joins
                .iter()
                .filter(|((p, _), _)| *p == person)
                .map(|((_, c), at)| (channel_key(c), *at))
                .collect();
            // The rule of `TimelineFilter::seen`, value by value: a channel they were in and,
            // as known at a moment, had joined by then.
            let channels = channels
                .iter()
                .filter(|c| {
                    let key = channel_key(c);
                    let by_then = match (query.known_at, joined.get(&key)) {
                        (Some(t), Some(at)) => *at <= t,
                        _ => true,
                    };
                    member.contains(&key) && by_then
                })
                .cloned()
                .collect();
            Some(SeenRule {
                authors: store.person_records(person).await?,
                channels,
            })
        }
    };
    let ranges = match &query.theme {
        None => None,
        Some(choice) => {
            let marked: Vec<(i64, i64)> = annotations
                .iter()
                .filter(|a| choice.matches(a))
                .filter_map(|a| match a.on {
                    MarkedOn::Entries { first, last } => Some((first, last)),
                    _ => None,
                })
                .collect();
            let ids: Vec<i64> = marked.iter().flat_map(|(a, b)| [*a, *b]).collect();
            let keys: HashMap<i64, EntryKey> = store
                .entries_by_id(incident_id, &ids)
                .await?
                .iter()
                .map(|e| (e.id, EntryKey::of(e)))
                .collect();
            Some(
                marked
                    .iter()
                    .filter_map(|(a, b)| {
                        let (a, b) = (keys.get(a)?, keys.get(b)?);
                        Some((*a.min(b), *a.max(b)))
                    })
                    .collect(),
            )
        }
    };
    Ok(EntrySlice {
        source: query.source,
        authors,
        kind: query.kind,
        from: query.from,
        to,
        seen,
        ranges,
        noise: query.show_noise,
    })
}

/// The incident's timeline version and what it keys: counts, facets and density are kept
/// under it, so a kept value is never read after an import or a merge changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Version {
    pub incident_id: i64,
    pub stamp: [i64; 5],
}

impl Version {
    pub async fn read(store: &Store, incident_id: i64) -> lore_store::Result<Version> {
        Ok(Version {
            incident_id,
            stamp: store.timeline_version(incident_id).await?,
        })
    }

    pub fn key(&self, cache: &RenderCache, what: impl Hash) -> Key {
        cache.key_of(("timeline window", self, what))
    }
}

/// Each (source, kind, author, channel) of the incident's entries, kept per version.
pub struct Facets(pub Vec<TimelineFacet>);

impl Weigh for Facets {
    fn weight(&self) -> usize {
        self.0.len() * 96
            + self
                .0
                .iter()
                .map(|f| f.channel.as_ref().map_or(0, String::len))
                .sum::<usize>()
    }
}

impl Facets {
    pub async fn load(
        store: &Store,
        cache: &RenderCache,
        version: &Version,
    ) -> lore_store::Result<Arc<Facets>> {
        let key = version.key(cache, "facets");
        if let Some(found) = cache.lookup::<Facets>(key) {
            return Ok(found);
        }
        let facets = store.timeline_facets(version.incident_id).await?;
        Ok(cache.keep(key, Facets(facets)))
    }

    /// Every channel value the entries hold.
    pub fn channels(&self) -> BTreeSet<String> {
        self.0.iter().filter_map(|f| f.channel.clone()).collect()
    }
}

/// A reader's query resolved against an incident's timeline: the timeline's version, its
/// facets, who was where (read only for "as seen by") and the slice the store selects. The
/// page, the diagram download and the API all start from this.
pub struct Resolved {
    pub version: Version,
    pub facets: Arc<Facets>,
    pub access: ChannelAccess,
    pub slice: EntrySlice,
}

pub async fn resolve(
    store: &Store,
    cache: &RenderCache,
    incident_id: i64,
    query: &TimelineQuery,
    annotations: &[Annotation],
) -> Result<Resolved, AppError> {
    let version = Version::read(store, incident_id).await?;
    let facets = Facets::load(store, cache, &version).await?;
    let access = match query.seen_by {
        Some(_) => channel_access(store, incident_id, &facets).await?,
        None => ChannelAccess::default(),
    };
    let slice = slice_of(
        store,
        incident_id,
        query,
        annotations,
        &access,
        &facets.channels(),
    )
    .await?;
    Ok(Resolved {
        version,
        facets,
        access,
        slice,
    })
}

/// Who was in which channel and since when ("as seen by"), without reading the entries: the
/// member lists, and the channels each person wrote in from the facets (records as merged).
pub async fn channel_access(
    store: &Store,
    incident_id: i64,
    facets: &Facets,
) -> Result<ChannelAccess, AppError> {
    let mut records: Vec<i64> = facets.0.iter().filter_map(|f| f.author).collect();
    records.sort_unstable();
    records.dedup();
    let (mut channels, joins, people) = tokio::try_join!(
        store.channel_members_by_person(incident_id),
        store.channel_joins(incident_id),
        store.people_as_merged(&records),
    )?;
    for f in &facets.0 {
        if let (Some(record), Some(channel)) = (f.author, &f.channel)
            && let Some((person, _)) = people.get(&record)
        {
            channels.entry(*person).or_default().insert(channel.clone());
        }
    }
    Ok(ChannelAccess { channels, joins })
}

/// The exact counts the page states for a slice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entries the slice shows.
    pub shown: u64,
    /// Noise entries the slice would show with noise shown (0 when shown).
    pub hidden_noise: u64,
    /// Entries after the "as known at" moment.
    pub hidden_later: u64,
    /// Entries up to that moment in channels the "seen by" person could not read.
    pub hidden_unseen: u64,
}

impl Weigh for Counts {
    fn weight(&self) -> usize {
        32
    }
}

impl Counts {
    pub async fn load(
        store: &Store,
        cache: &RenderCache,
        version: &Version,
        slice: &EntrySlice,
        known_at: Option<OffsetDateTime>,
    ) -> Result<Counts, AppError> {
        let key = version.key(cache, ("counts", slice, known_at));
        if let Some(found) = cache.lookup::<Counts>(key) {
            return Ok(*found);
        }
        let id = version.incident_id;
        let with_noise = EntrySlice {
            noise: true,
            ..slice.clone()
        };
        let (shown, all, hidden_later, hidden_unseen) = tokio::try_join!(
            store.count_entries(id, slice, None),
            async {
                if slice.noise {
                    Ok(0)
                } else {
                    store.count_entries(id, &with_noise, None).await
                }
            },
            async {
                match known_at {
                    Some(t) => store.count_entries_after(id, t).await,
                    None => Ok(0),
                }
            },
            async {
                match &slice.seen {
                    Some(seen) => store.count_unseen(id, known_at, seen).await,
                    None => Ok(0),
                }
            },
        )?;
        let counts = Counts {
            shown,
            hidden_noise: all.saturating_sub(shown),
            hidden_later,
            hidden_unseen,
        };
        Ok(*cache.keep(key, counts))
    }
}
