//! The JSON API: the same objects as the pages, with the same roles and the same access rules
//! (a restricted incident is a 404 here too). Signed-in sessions only for now; errors are JSON
//! with the status the page would have had, and 401 instead of a redirect to sign in.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use lore_core::{EntryRecord, Incident};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::format_description::well_known::Rfc3339;

use crate::auth::{Analyst, Reader};
use crate::pages::visible_incident;
use crate::timeline_filter::{TimelineFilter, TimelineQuery};
use crate::{AppError, AppState};

/// An `AppError` answered as JSON.
pub struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<lore_store::StoreError> for ApiError {
    fn from(e: lore_store::StoreError) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self.0 {
            AppError::SignIn { .. } => (StatusCode::UNAUTHORIZED, "sign in first".to_owned()),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not found".to_owned()),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "your role does not allow this".to_owned(),
            ),
            AppError::BadRequest(why) => (StatusCode::BAD_REQUEST, why),
            internal @ AppError::Internal(_) => return internal.into_response(),
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

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

/// `GET /api/incidents/{slug}`: the incident, its current narrative, its perspectives, its
/// moments and its sources.
pub async fn incident(
    State(state): State<AppState>,
    user: Result<Reader, AppError>,
    Path(slug): Path<String>,
) -> ApiResult<IncidentDetail> {
    let Reader(user) = user?;
    let incident = visible_incident(&state, &user, &slug).await?;
    let narrative = state.store().narrative(incident.id).await?;
    let sources = state.store().sources(incident.id).await?;
    let perspectives = state.store().perspectives(incident.id).await?;
    let moments = state.store().annotations(incident.id).await?;
    Ok(Json(IncidentDetail {
        incident: (&incident).into(),
        narrative: narrative.map(|n| NarrativeJson {
            version: n.version,
            html: lore_render::markdown_to_safe_html(&n.body),
            markdown: n.body,
            author: n.author,
            created_at: rfc3339(Some(n.created_at)),
        }),
        perspectives,
        moments,
        sources,
    }))
}

/// `GET /api/incidents/{slug}/timeline`: entries in time order, with the page's filters
/// (`source`, `person`, `kind`, `theme`, `from`, `to`, `at`, `seen_by`, `noise=show`).
pub async fn timeline(
    State(state): State<AppState>,
    user: Result<Reader, AppError>,
    Path(slug): Path<String>,
    Query(q): Query<TimelineQuery>,
) -> Result<Response, ApiError> {
    let Reader(user) = user?;
    let mut filter = TimelineFilter::from_query(&q)?;
    let incident = visible_incident(&state, &user, &slug).await?;
    let sources: HashMap<i64, lore_core::Source> = state
        .store()
        .sources(incident.id)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let entries = state.store().timeline(incident.id).await?;
    if filter.theme.is_some() {
        let annotations = state.store().annotations(incident.id).await?;
        filter.narrow_to_marks(&annotations, &entries);
    }
    if filter.seen_by.is_some() {
        filter.narrow_to_channels(&crate::pages::channel_access(&state, incident.id).await?);
    }
    let records: Vec<EntryRecord<'_>> = entries
        .iter()
        .filter(|e| filter.selects(e) && (filter.show_noise || !e.noise))
        .map(|e| EntryRecord::new(e, sources.get(&e.source_id)))
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
}

/// `POST /api/incidents/{slug}/narrative/preview` (form field `body`): a draft rendered as the
/// page will show it, for the editor's live preview. Nothing is saved.
pub async fn preview_narrative(
    State(state): State<AppState>,
    user: Result<Analyst, AppError>,
    Path(slug): Path<String>,
    Form(form): Form<PreviewForm>,
) -> ApiResult<Preview> {
    let Analyst(user) = user?;
    let incident = visible_incident(&state, &user, &slug).await?;
    crate::pages::check_narrative_size(&form.body)?;
    let body = form.body.replace("\r\n", "\n");
    let glossary = state.store().glossary().await?;
    Ok(Json(Preview {
        html: crate::pages::preview(&state, &incident, &glossary, &body).await?,
        undefined_acronyms: lore_core::undefined_acronyms(&body, &glossary),
    }))
}
