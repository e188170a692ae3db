//! The JSON API: the same objects as the pages, with the same roles and the same access rules
//! (a restricted incident is a 404 here too). Signed-in sessions only for now; errors are JSON
//! with the status the page would have had, and 401 instead of a redirect to sign in.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use lore_core::{EntryRecord, Incident};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;

use crate::auth::{Admin, Analyst, Reader};
use crate::error::ApiError;
use crate::error::AppError;
use crate::incident_access::{Needs, Visible};
use crate::pages::narrative::{accept_body, preview};
use crate::prose::off_the_workers;
use crate::render_cache::CacheStats;
use crate::state::AppState;
use crate::timeline_query::TimelineQuery;
use crate::timeline_slice::{Counts, Resolved, resolve};
use crate::timeline_window::{WindowAt, WindowQuery, load_window};

type ApiResult<T> = Result<Json<T>, ApiError>;

fn rfc3339(t: Option<time::OffsetDateTime>) -> Option<String> {
    t.and_then(|t| t.format(&Rfc3339).ok())
}

#[derive(Serialize)]
pub struct IncidentSummary {
    slug: String,
    title: String,
    summary: String,
    severity: Option<String>,
    services: Vec<String>,
    tags: Vec<String>,
    restricted: bool,
    started_at: Option<String>,
    detected_at: Option<String>,
    resolved_at: Option<String>,
    url: String,
}

impl From<&Incident> for IncidentSummary {
    fn from(i: &Incident) -> Self {
        IncidentSummary {
            slug: i.slug.to_string(),
            title: i.title.clone(),
            summary: i.summary.clone(),
            severity: i.severity.clone(),
            services: i.services.clone(),
            tags: i.tags.clone(),
            restricted: i.restricted,
            started_at: rfc3339(i.times.started_at),
            detected_at: rfc3339(i.times.detected_at),
            resolved_at: rfc3339(i.times.resolved_at),
            url: format!("/incidents/{}", i.slug),
        }
    }
}

/// Incidents a library page of the API holds unless asked for fewer (`limit`, at most this).
pub const INCIDENTS_PER_PAGE: u32 = 100;
/// Entries a timeline page of the API holds unless asked for fewer (`limit`, at most
/// [`crate::timeline_window::MAX_WINDOW`]).
pub const ENTRIES_PER_PAGE: u32 = 500;

#[derive(Deserialize)]
pub struct PageParams {
    cursor: Option<String>,
    limit: Option<String>,
}

/// `limit` as asked (a 400 outside 1 to `max`), or `default`.
fn page_limit(limit: Option<&str>, default: u32, max: u32) -> Result<u32, AppError> {
    match limit.map(str::trim).filter(|l| !l.is_empty()) {
        None => Ok(default),
        Some(l) => l
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                AppError::BadRequest(format!("limit must be a number from 1 to {max}, not {l:?}"))
            }),
    }
}

#[derive(Serialize)]
pub struct IncidentsPage {
    incidents: Vec<IncidentSummary>,
    /// The next page's `cursor`; `null` on the last page.
    next_cursor: Option<String>,
}

/// `GET /api/incidents?cursor=…&limit=N`: the library, newest first, a page at a time
/// (keyset: each page costs the same however far in).
pub async fn incidents(
    State(state): State<AppState>,
    user: Result<Reader, AppError>,
    params: Result<axum::extract::Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<IncidentsPage> {
    let Reader(user) = user?;
    let axum::extract::Query(params) =
        params.map_err(|e| AppError::BadRequest(format!("cannot read the query string: {e}")))?;
    let limit = page_limit(
        params.limit.as_deref(),
        INCIDENTS_PER_PAGE,
        INCIDENTS_PER_PAGE,
    )?;
    let after = params
        .cursor
        .as_deref()
        .map(crate::timeline_window::parse_library_cursor)
        .transpose()?;
    let mut incidents = state
        .store()
        .incidents_page_visible_to(&user, after, limit + 1)
        .await?;
    let more = incidents.len() > limit as usize;
    incidents.truncate(limit as usize);
    let next_cursor = incidents
        .last()
        .filter(|_| more)
        .map(crate::timeline_window::library_cursor);
    Ok(Json(IncidentsPage {
        incidents: incidents.iter().map(Into::into).collect(),
        next_cursor,
    }))
}

/// `GET /api/search?q=…&page=N&per_page=N`: the same search as `/search`, as JSON (snippets
/// as plain text). A malformed query is a 400 whose `error` says what to change.
pub async fn search(
    State(state): State<AppState>,
    user: Result<Reader, AppError>,
    axum::extract::Query(params): axum::extract::Query<ApiSearchParams>,
) -> ApiResult<lore_store::SearchResults> {
    let Reader(user) = user?;
    let query = lore_core::search::SearchQuery::parse(params.q.trim())
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let page = lore_store::SearchPage {
        number: params
            .page
            .unwrap_or(1)
            .clamp(1, crate::pages::search::MAX_PAGE),
        per_page: params
            .per_page
            .unwrap_or(crate::pages::search::GROUPS_PER_PAGE),
    };
    Ok(Json(state.store().search(&user, &query, page).await?))
}

#[derive(Deserialize)]
pub struct ApiSearchParams {
    #[serde(default)]
    q: String,
    page: Option<u32>,
    per_page: Option<u32>,
}

#[derive(Serialize)]
pub struct IncidentDetail {
    #[serde(flatten)]
    incident: IncidentSummary,
    narrative: Option<NarrativeJson>,
    perspectives: Vec<lore_core::Perspective>,
    /// The moments analysts marked, oldest mark first.
    moments: Vec<lore_core::Annotation>,
    sources: Vec<lore_core::Source>,
}

#[derive(Serialize)]
pub struct NarrativeJson {
    version: i64,
    markdown: String,
    html: String,
    author: Option<String>,
    created_at: Option<String>,
}

#[derive(Serialize)]
pub struct CitedByJson {
    incident: String,
    /// Citations by kind, as the account may see them (kinds with none left out).
    counts: std::collections::BTreeMap<&'static str, u64>,
    citations: Vec<lore_core::Citation>,
}

/// `GET /api/incidents/{slug}/cited-by`: what points at the incident, as the account may see
/// it (a citation from a restricted incident only for those who may read that incident).
pub async fn cited_by(
    State(state): State<AppState>,
    seen: Result<Visible<Reader>, AppError>,
) -> ApiResult<CitedByJson> {
    let seen = seen?;
    let (store, incident, user) = (state.store(), &seen.incident, &seen.user);
    let (citations, counts) = tokio::try_join!(
        store.cited_by(incident, user),
        store.citation_counts(incident, user),
    )?;
    Ok(Json(CitedByJson {
        incident: incident.slug.to_string(),
        counts: counts.0.iter().map(|(k, n)| (k.as_str(), *n)).collect(),
        citations,
    }))
}

/// `GET /api/incidents/{slug}`: the incident, its current narrative, its perspectives, its
/// moments and its sources.
pub async fn incident(
    State(state): State<AppState>,
    seen: Result<Visible<Reader>, AppError>,
) -> ApiResult<IncidentDetail> {
    let seen = seen?;
    let needs = Needs {
        narrative: true,
        sources: true,
        annotations: true,
        perspectives: true,
        ..Needs::default()
    };
    let record = seen.load(&state, needs).await?;
    // The narrative as sanitised HTML (no glossary, passages or diagrams), cached per text.
    let html = match &record.narrative {
        Some(n) => {
            let cache = state.clone();
            let (id, body) = (record.incident.id, n.body.clone());
            let html = off_the_workers(&state, move || {
                let cache = cache.render_cache();
                let key = cache.key_of(("api narrative", id, &body));
                cache.get_or_insert_with(key, || lore_render::markdown_to_safe_html(&body))
            })
            .await?;
            Some(html.as_str().to_owned())
        }
        None => None,
    };
    Ok(Json(IncidentDetail {
        incident: (&record.incident).into(),
        narrative: record.narrative.map(|n| NarrativeJson {
            version: n.version,
            html: html.unwrap_or_default(),
            markdown: n.body,
            author: n.author,
            created_at: rfc3339(Some(n.created_at)),
        }),
        perspectives: record.perspectives,
        moments: record.annotations,
        sources: record.sources,
    }))
}

#[derive(Serialize)]
pub struct TimelinePage<'a> {
    entries: Vec<EntryRecord<'a>>,
    /// The next page's `cursor`; `null` on the last page.
    next_cursor: Option<String>,
    /// Entries the filters select, on every page (exact).
    total: u64,
}

/// `GET /api/incidents/{slug}/timeline?cursor=…&limit=N`: entries in time order with the
/// page's filters (`source`, `person`, `kind`, `theme`, `from`, `to`, `at`, `seen_by`,
/// `noise=show`), a page at a time: `next_cursor` continues after the page's last entry.
pub async fn timeline(
    State(state): State<AppState>,
    seen: Result<Visible<Reader>, AppError>,
    query: Result<TimelineQuery, AppError>,
    params: Result<axum::extract::Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let (seen, query) = (seen?, query?);
    let axum::extract::Query(params) =
        params.map_err(|e| AppError::BadRequest(format!("cannot read the query string: {e}")))?;
    let limit = page_limit(
        params.limit.as_deref(),
        ENTRIES_PER_PAGE,
        crate::timeline_window::MAX_WINDOW,
    )?;
    let at = match params.cursor.as_deref().map(str::trim) {
        None | Some("") => WindowAt::Start,
        Some(c) => {
            WindowAt::After(c.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
                AppError::BadRequest(format!("cursor {c:?} is not one this API gave"))
            })?)
        }
    };
    // Marks and channels only when the query needs them.
    let needs = Needs {
        sources: true,
        annotations: query.theme.is_some(),
        ..Needs::default()
    };
    let record = seen.load(&state, needs).await?;
    let (store, cache) = (state.store(), state.render_cache());
    let id = record.incident.id;
    let Resolved { version, slice, .. } =
        resolve(store, cache, id, &query, &record.annotations).await?;
    let (window, counts) = tokio::try_join!(
        load_window(store, id, &slice, WindowQuery { size: limit, at }),
        Counts::load(store, cache, &version, &slice, query.known_at),
    )?;
    let sources: HashMap<i64, &lore_core::Source> =
        record.sources.iter().map(|s| (s.id, s)).collect();
    let next_cursor = window
        .entries
        .last()
        .filter(|_| window.later)
        .map(|e| e.id.to_string());
    let entries = window
        .entries
        .iter()
        .map(|e| EntryRecord::new(e, sources.get(&e.source_id).copied()))
        .collect();
    Ok(Json(TimelinePage {
        entries,
        next_cursor,
        total: counts.shown,
    })
    .into_response())
}

#[derive(Deserialize)]
pub struct PreviewForm {
    body: String,
}

#[derive(Serialize)]
pub struct Preview {
    /// The draft as the incident page will show it: sanitised HTML, diagrams drawn.
    html: String,
    /// Acronyms the draft uses that the glossary does not define.
    undefined_acronyms: Vec<String>,
    /// The second reader's flags on the draft (the preview underlines the open ones).
    second_reader: crate::pages::narrative::second_reader::SecondReader,
}

/// `POST /api/incidents/{slug}/narrative/preview` (form field `body`): a draft rendered as the
/// page will show it, for the editor's live preview. Nothing is saved.
pub async fn preview_narrative(
    State(state): State<AppState>,
    seen: Result<Visible<Analyst>, AppError>,
    Form(form): Form<PreviewForm>,
) -> ApiResult<Preview> {
    let seen = seen?;
    let body = accept_body(&form.body)?;
    let (record, dismissals) = tokio::try_join!(seen.load(&state, Needs::PROSE), async {
        Ok(state.store().flag_dismissals(seen.incident.id).await?)
    })?;
    let (record, body, html, second_reader) = preview(&state, record, body, dismissals).await?;
    Ok(Json(Preview {
        html: html.into_string(),
        undefined_acronyms: lore_core::undefined_acronyms(&body, &record.glossary),
        second_reader,
    }))
}

/// `GET /api/admin/render-cache` (admins): how the cache of rendered prose is doing (entries,
/// bytes, hits and misses since the server started).
pub async fn render_cache(
    State(state): State<AppState>,
    admin: Result<Admin, AppError>,
) -> ApiResult<CacheStats> {
    admin?;
    Ok(Json(state.render_cache().stats()))
}

/// `GET /api/admin/page-cache` (admins): the kept pages and sessions (entries, bytes, hits and
/// misses since the server started), whether pages are kept now, and the generation's parts.
pub async fn page_cache(
    State(state): State<AppState>,
    admin: Result<Admin, AppError>,
) -> ApiResult<crate::page_cache::PageCacheStats> {
    admin?;
    Ok(Json(state.page_cache().stats()))
}
