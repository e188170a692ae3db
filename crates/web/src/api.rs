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
use crate::timeline_filter::TimelineFilter;
use crate::timeline_query::TimelineQuery;

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

/// `GET /api/incidents`: the library, newest first.
pub async fn incidents(
    State(state): State<AppState>,
    user: Result<Reader, AppError>,
) -> ApiResult<Vec<IncidentSummary>> {
    let Reader(user) = user?;
    let incidents = state.store().incidents_visible_to(&user).await?;
    Ok(Json(incidents.iter().map(Into::into).collect()))
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

/// `GET /api/incidents/{slug}/timeline`: entries in time order, with the page's filters
/// (`source`, `person`, `kind`, `theme`, `from`, `to`, `at`, `seen_by`, `noise=show`).
pub async fn timeline(
    State(state): State<AppState>,
    seen: Result<Visible<Reader>, AppError>,
    query: Result<TimelineQuery, AppError>,
) -> Result<Response, ApiError> {
    let (seen, query) = (seen?, query?);
    // Marks and channels only when the query needs them.
    let needs = Needs {
        sources: true,
        timeline: true,
        annotations: query.theme.is_some(),
        channels: query.seen_by.is_some(),
        ..Needs::default()
    };
    let record = seen.load(&state, needs).await?;
    let filter = TimelineFilter::new(
        &query,
        &record.annotations,
        &record.timeline,
        &record.channels,
    );
    let sources: HashMap<i64, &lore_core::Source> =
        record.sources.iter().map(|s| (s.id, s)).collect();
    let records: Vec<EntryRecord<'_>> = record
        .timeline
        .iter()
        .filter(|e| filter.shows(e))
        .map(|e| EntryRecord::new(e, sources.get(&e.source_id).copied()))
        .collect();
    Ok(Json(records).into_response())
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
