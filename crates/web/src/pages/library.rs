//! The incident library: every incident the reader may see, newest first.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use lore_core::Incident;

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::{date_text, iso};
use crate::pages::{UserView, render};
use crate::state::AppState;

pub struct IncidentCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub severity: Option<String>,
    pub when: Option<String>,
    pub when_iso: Option<String>,
    pub tags: Vec<String>,
    pub restricted: bool,
}

impl From<&Incident> for IncidentCard {
    fn from(i: &Incident) -> Self {
        let when = i.times.started_at.or(i.times.detected_at);
        IncidentCard {
            slug: i.slug.to_string(),
            title: i.title.clone(),
            summary: i.summary.clone(),
            severity: i.severity.clone(),
            when: when.map(date_text),
            when_iso: when.map(iso),
            tags: i.tags.clone(),
            restricted: i.restricted,
        }
    }
}

#[derive(Template)]
#[template(path = "library.html")]
pub struct LibraryPage {
    pub user: Option<UserView>,
    pub incidents: Vec<IncidentCard>,
}

pub async fn library(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let incidents = state.store().incidents_visible_to(&user).await?;
    Ok(Html(render(&LibraryPage {
        user: Some((&user).into()),
        incidents: incidents.iter().map(Into::into).collect(),
    })))
}
