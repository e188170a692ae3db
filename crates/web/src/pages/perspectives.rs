//! Perspectives: each person's own account (or an analyst's interview write-up), kept beside
//! the others and never merged into one story; read side by side or one at a time.

use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use lore_core::{NewPerspective, Perspective};
use lore_render::SafeHtml;
use serde::Deserialize;

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::utc_text;
use crate::incident_access::Visible;
use crate::prose::{Prose, off_the_workers, within_limits};
use crate::state::AppState;
use crate::timeline_query::TimelineQuery;

/// Side by side, perspectives are shown in full until their Markdown reaches this many bytes
/// or their HTML [`SIDE_BY_SIDE_HTML`]; the rest are offered to read on their own. Each text is
/// bounded by the render limits, but anyone signed in may add one, so their number is not:
/// this keeps what one view renders and sends bounded however many there are.
pub const SIDE_BY_SIDE_MARKDOWN: usize = 1024 * 1024;
pub const SIDE_BY_SIDE_HTML: usize = 4 * 1024 * 1024;

/// A perspective as the incident page shows it.
pub struct PerspectiveView {
    pub anchor: String,
    pub heading: String,
    pub byline: String,
    /// `None` when the page already carries as much as it can side by side.
    pub html: Option<SafeHtml>,
    /// The page with this perspective on its own, the rest of the reading kept.
    pub alone_query: String,
}

/// The perspectives section: all side by side, or one on its own with the way to the others.
pub struct PerspectivesView {
    pub shown: Vec<PerspectiveView>,
    pub total: usize,
    /// The one shown on its own, and its place ("2 of 3").
    pub alone: Option<String>,
    /// Query strings for the previous and next perspective, and for all side by side.
    pub previous_query: Option<String>,
    pub next_query: Option<String>,
    pub all_query: String,
}

impl PerspectivesView {
    pub fn build(perspectives: &[Perspective], query: &TimelineQuery, prose: &Prose<'_>) -> Self {
        let at = query
            .perspective
            .and_then(|id| perspectives.iter().position(|p| p.id == id));
        let reading = |id: Option<i64>| query.with(|q| q.perspective = id).to_query();
        let (mut markdown, mut html) = (0, 0);
        let shown = perspectives
            .iter()
            .enumerate()
            .filter(|(i, _)| at.is_none_or(|at| at == *i))
            .map(|(_, p)| PerspectiveView {
                anchor: format!("perspective-{}", p.id),
                heading: if p.interview {
                    format!("Interview with {}", p.person)
                } else {
                    format!("{}'s account", p.person)
                },
                byline: format!("Written by {}, {}", p.written_by, utc_text(p.created_at)),
                html: {
                    markdown += p.body.len();
                    let fits = at.is_some()
                        || (markdown <= SIDE_BY_SIDE_MARKDOWN && html < SIDE_BY_SIDE_HTML);
                    fits.then(|| {
                        let rendered = prose
                            .render(&p.body, &format!("perspective-{}-diagram", p.id), &[])
                            .html;
                        html += rendered.len();
                        rendered
                    })
                },
                alone_query: reading(Some(p.id)),
            })
            .collect();
        PerspectivesView {
            shown,
            total: perspectives.len(),
            alone: at.map(|i| format!("{} of {}", i + 1, perspectives.len())),
            previous_query: at
                .and_then(|i| i.checked_sub(1))
                .map(|i| reading(Some(perspectives[i].id))),
            next_query: at
                .and_then(|i| perspectives.get(i + 1))
                .map(|p| reading(Some(p.id))),
            all_query: reading(None),
        }
    }
}

#[derive(Deserialize)]
pub struct PerspectiveForm {
    person: String,
    #[serde(default)]
    interview: Option<String>,
    body: String,
}

/// Adds a perspective: anyone signed in may tell their story (responders their own, analysts
/// their interview write-ups); it is kept beside the others, never merged.
pub async fn add_perspective(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Form(form): Form<PerspectiveForm>,
) -> Result<Redirect, AppError> {
    let (user, incident) = (&seen.user, &seen.incident);
    let new = NewPerspective {
        incident_id: incident.id,
        person: form.person,
        written_by: user.username.to_string(),
        interview: form.interview.is_some(),
        body: form.body,
    };
    new.validate()?;
    within_limits("a perspective", &new.body)?;
    let glossary = state.store().glossary().await?;
    let (new, refs) = off_the_workers(&state, move || {
        let refs = lore_render::references(&new.body, &glossary);
        (new, refs)
    })
    .await?;
    let id = state.store().add_perspective(&new, &refs).await?;
    tracing::info!(user = %user.username, incident = %incident.slug, "perspective added");
    Ok(Redirect::to(&format!(
        "/incidents/{}#perspective-{id}",
        incident.slug
    )))
}
