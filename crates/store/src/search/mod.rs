//! Search across every incident an account may see.
//!
//! A search runs in three steps, whatever the library's size:
//! 1. **Candidates**: at most [`CANDIDATE_CAP`] matches from the documents index and as many
//!    from the timeline index (the most recent first), each with its relevance, its incident
//!    and what facets need. Visibility ([`crate::incidents::VISIBLE_TO`]) and the filters are
//!    conditions of these queries, so a restricted incident never becomes a candidate: it is
//!    in no hit, no facet count and no total.
//! 2. **Ranking, grouping, facets** in Rust over the candidates: score = relevance × the kind's
//!    weight ([`HitKind::weight`]: title and summary outweigh chat); hits grouped by incident;
//!    groups ranked by their best hit; one page of groups kept.
//! 3. **Details** for the page only: titles, bodies (the first 64 Ki characters) for snippets, times.
//!
//! When a step 1 query reaches the cap, [`SearchResults::capped`] says so and the counts are
//! of the capped set: the reader is asked to narrow the search rather than made to wait.

mod candidates;
mod facets;
pub(crate) mod index;
mod library;
mod rebuild;
mod run;
mod similar;
pub(crate) mod sql;

pub use library::LibraryResults;
pub use similar::SimilarIncident;

use lore_core::search::{HitKind, strip_marks};
use serde::{Serialize, Serializer};
use time::OffsetDateTime;

/// Most candidates read from each index per search.
pub const CANDIDATE_CAP: usize = 5_000;
/// Hits shown per incident on a page; the rest are counted.
pub const HITS_PER_GROUP: usize = 3;
/// Most incidents per page.
pub const MAX_PER_PAGE: u32 = 100;

/// Which page of groups to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchPage {
    /// From 1.
    pub number: u32,
    pub per_page: u32,
}

impl Default for SearchPage {
    fn default() -> Self {
        SearchPage {
            number: 1,
            per_page: 20,
        }
    }
}

/// One page of results with the counts and facets of the whole search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub groups: Vec<HitGroup>,
    /// Hits across all pages.
    pub total_hits: u64,
    /// Groups (incidents, and the glossary) across all pages.
    pub total_groups: u64,
    /// Incidents with a hit, across all pages.
    pub total_incidents: u64,
    /// More matched than [`CANDIDATE_CAP`] in an index: the counts are of the most recent.
    pub capped: bool,
    pub facets: Facets,
    pub page: u32,
    pub pages: u32,
}

/// The hits in one incident (or, with `incident: None`, in the glossary).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitGroup {
    pub incident: Option<GroupIncident>,
    /// The best [`HITS_PER_GROUP`], best first.
    pub hits: Vec<SearchHit>,
    pub hit_count: u64,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupIncident {
    pub slug: String,
    pub title: String,
    pub year: Option<i32>,
    pub severity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// For entries: chat, deploy, alert…
    pub entry_kind: Option<String>,
    /// A perspective's person, a section's heading, a moment's theme, a term; for entries the
    /// author.
    pub title: String,
    /// Text around the first match, matched tokens between
    /// [`lore_core::search::MATCH_START`] and [`lore_core::search::MATCH_END`] (serialised
    /// without them: JSON readers get plain text).
    #[serde(serialize_with = "plain_snippet")]
    pub snippet: String,
    /// Where the hit is, as a path on Lore's site (`/incidents/slug#entry-42`).
    pub permalink: String,
    pub score: f64,
    #[serde(with = "time::serde::rfc3339::option")]
    pub at: Option<OffsetDateTime>,
}

fn plain_snippet<S: Serializer>(snippet: &str, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&strip_marks(snippet))
}

/// How many hits (people, kinds) or incidents (the rest) each value of a facet has among the
/// results, most first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub themes: Vec<FacetCount>,
    pub services: Vec<FacetCount>,
    pub tags: Vec<FacetCount>,
    pub people: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    pub kinds: Vec<FacetCount>,
    pub severities: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}
