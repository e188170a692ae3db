//! The one seam between a request and an incident: [`Visible`] resolves the path's `{slug}`
//! for the signed-in account, applying the restricted-incident rule (which the store writes
//! once, in SQL: a restricted incident the account may not see is not found, exactly like a
//! slug that does not exist), and [`Visible::load`] reads what a view needs of it, side by
//! side. Every page, the preview, the diagram, the API and every route to come about one
//! incident go through here.

use std::collections::HashMap;
use std::marker::PhantomData;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use lore_core::{
    Account, Annotation, Citation, GlossaryTerm, Incident, LongTail, Perspective, RelatedIncident,
    Slug, Source, TimelineEntry,
};
use lore_store::{Narrative, Store};

use crate::auth::RoleAccount;
use crate::error::AppError;
use crate::state::AppState;
use crate::timeline_filter::ChannelAccess;
use crate::timeline_slice::{Facets, Version};

/// An incident the signed-in account may see, with the role `R` (`Reader`, `Analyst`,
/// `Admin`) checked first.
pub struct Visible<R> {
    pub user: Account,
    pub incident: Incident,
    role: PhantomData<R>,
}

impl<R> FromRequestParts<AppState> for Visible<R>
where
    R: RoleAccount + FromRequestParts<AppState, Rejection = AppError> + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = R::from_request_parts(parts, state).await?.account();
        // Routes under an incident may have other parameters (`/images/{id}`): take the slug.
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let slug = params.get("slug").ok_or(AppError::NotFound)?;
        let slug = Slug::parse(slug).map_err(|_| AppError::NotFound)?;
        let incident = state
            .store()
            .incident_visible_to(&slug, &user)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Visible {
            user,
            incident,
            role: PhantomData,
        })
    }
}

/// Which parts of an incident's record a view reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub narrative: bool,
    pub sources: bool,
    pub timeline: bool,
    pub annotations: bool,
    pub perspectives: bool,
    /// Who was in which channel, and since when: for "as seen by".
    pub channels: bool,
    pub glossary: bool,
    /// What cites it and which incidents are related, as this account may see them.
    pub connections: bool,
    /// Its comments and their long tail.
    pub comments: bool,
}

/// How many related incidents a page shows.
pub const RELATED_SHOWN: usize = 5;

impl Needs {
    /// Everything, the whole timeline included (the incident page takes [`Needs::PAGE`]).
    pub const ALL: Needs = Needs {
        narrative: true,
        sources: true,
        timeline: true,
        annotations: true,
        perspectives: true,
        channels: true,
        glossary: true,
        connections: true,
        comments: true,
    };
    /// The incident page: everything but the whole timeline, which it reads a window at a
    /// time, and the channels, which it works out from the entries' facets when "as seen by"
    /// asks (`timeline_slice::channel_access`).
    pub const PAGE: Needs = Needs {
        timeline: false,
        channels: false,
        ..Needs::ALL
    };
    /// A slice of the timeline and its diagram: the SVG download.
    pub const TIMELINE: Needs = Needs {
        narrative: false,
        sources: true,
        timeline: true,
        annotations: true,
        perspectives: false,
        channels: true,
        glossary: false,
        connections: false,
        comments: false,
    };
    /// Prose as the page shows it, diagrams and all: the editor's preview, which then reads the
    /// entries its draft cites and its blocks' slices (`narrative::preview`), not the timeline.
    pub const PROSE: Needs = Needs {
        timeline: false,
        channels: false,
        glossary: true,
        ..Needs::TIMELINE
    };
}

/// What a view reads of one incident; the parts it did not ask for are empty.
#[derive(Debug)]
pub struct IncidentRecord {
    pub incident: Incident,
    pub narrative: Option<Narrative>,
    pub sources: Vec<Source>,
    pub timeline: Vec<TimelineEntry>,
    pub annotations: Vec<Annotation>,
    pub perspectives: Vec<Perspective>,
    pub channels: ChannelAccess,
    pub glossary: Vec<GlossaryTerm>,
    pub cited_by: Vec<Citation>,
    pub related: Vec<RelatedIncident>,
    /// Names other systems give it (`INC-3117`).
    pub aliases: Vec<String>,
    /// How many have read it, and for how long (counts only).
    pub reading: lore_store::ReadingStats,
    /// Its other learning signals: readers and comments by age, reviews, stories, lists.
    pub signals: lore_store::IncidentSignals,
    /// The first page of its comments.
    pub comments: lore_store::CommentPage,
    /// How many comments came long after the incident ended.
    pub long_tail: LongTail,
    /// Diagrams of the prose's timeline blocks, read from the store for a page that does not
    /// hold the whole timeline, by each block's canonical query (see `prose`).
    pub block_diagrams: HashMap<String, lore_render::TimelineDiagram>,
}

/// Reads one part when asked for, nothing otherwise.
async fn part<T: Default>(
    wanted: bool,
    read: impl Future<Output = lore_store::Result<T>>,
) -> lore_store::Result<T> {
    if wanted { read.await } else { Ok(T::default()) }
}

/// What the page shows around the story: what cites the incident, what is related to it (as
/// the account may see them), the names other systems give it, and its learning signals.
type Connections = (
    Vec<Citation>,
    Vec<RelatedIncident>,
    Vec<String>,
    lore_store::ReadingStats,
    lore_store::IncidentSignals,
);

async fn connections(
    state: &AppState,
    incident: &Incident,
    account: &Account,
) -> lore_store::Result<Connections> {
    let store = state.store();
    // Who wrote this incident's entries, from the facets kept per timeline version: the
    // related incidents' query then starts from those records, not from every entry.
    let related = async {
        let version = Version::read(store, incident.id).await?;
        let facets = Facets::load(store, state.render_cache(), &version).await?;
        let mut authors: Vec<i64> = facets.0.iter().filter_map(|f| f.author).collect();
        authors.sort_unstable();
        authors.dedup();
        store
            .related_incidents_among(incident, account, RELATED_SHOWN, Some(&authors))
            .await
    };
    tokio::try_join!(
        store.cited_by(incident, account),
        related,
        store.incident_aliases(incident.id),
        store.reading_stats(incident),
        store.incident_signals(incident),
    )
}

/// The first page of the incident's comments and their long tail.
async fn comments(
    store: &Store,
    incident: &Incident,
) -> lore_store::Result<(lore_store::CommentPage, LongTail)> {
    tokio::try_join!(
        store.comments_page(incident.id, 1, crate::pages::comments::COMMENTS_PER_PAGE),
        store.comment_long_tail(incident)
    )
}

async fn channel_access(store: &Store, incident_id: i64) -> lore_store::Result<ChannelAccess> {
    let (channels, joins) = tokio::try_join!(
        store.channels_by_person(incident_id),
        store.channel_joins(incident_id),
    )?;
    Ok(ChannelAccess { channels, joins })
}

impl<R> Visible<R> {
    /// Reads the parts of the incident's record a view needs. The reads are independent and
    /// run side by side, each on a pooled connection (SQLite's WAL lets readers run together),
    /// so a view waits for the slowest, not for the sum.
    pub async fn load(&self, state: &AppState, needs: Needs) -> Result<IncidentRecord, AppError> {
        let (store, id) = (state.store(), self.incident.id);
        let (
            narrative,
            sources,
            timeline,
            annotations,
            perspectives,
            channels,
            glossary,
            (cited_by, related, aliases, reading, signals),
            (comments, long_tail),
        ) = tokio::try_join!(
            part(needs.narrative, store.narrative(id)),
            part(needs.sources, store.sources(id)),
            part(needs.timeline, store.timeline(id)),
            part(needs.annotations, store.annotations(id)),
            part(needs.perspectives, store.perspectives(id)),
            part(needs.channels, channel_access(store, id)),
            part(needs.glossary, store.glossary()),
            part(
                needs.connections,
                connections(state, &self.incident, &self.user)
            ),
            part(needs.comments, comments(store, &self.incident)),
        )?;
        Ok(IncidentRecord {
            incident: self.incident.clone(),
            narrative,
            sources,
            timeline,
            annotations,
            perspectives,
            channels,
            glossary,
            cited_by,
            related,
            aliases,
            reading,
            signals,
            comments,
            long_tail,
            block_diagrams: HashMap::new(),
        })
    }
}
