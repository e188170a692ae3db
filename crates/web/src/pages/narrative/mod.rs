//! The narrative: the editor (an outline to start from, a preview that shows the text as the
//! page will, saves that never overwrite someone else's), the second reader's flags on the
//! draft ([`second_reader`]), and every version with the differences between any two.

pub mod second_reader;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use lore_core::{Account, GlossaryTerm, Incident};
use lore_render::SafeHtml;
use lore_store::{Narrative, StoreError, StoredDismissal};
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::format::utc_text;
use crate::incident_access::{IncidentRecord, Needs, Visible};
use crate::pages::incident::window;
use crate::pages::{UserView, render};
use crate::prose::{Prose, off_the_workers, within_limits};
use crate::state::AppState;

/// How a new narrative starts: the sections a good write-up has, to fill or delete.
const NARRATIVE_OUTLINE: &str = "## Backdrop\n\nWhat else was going on that day: launches, \
    changes, people away, the season.\n\n## What happened\n\n## What was surprising\n\n\
    ## What was hard\n\n## What people understood at the time\n\n## Still unclear\n";

/// The longest narrative accepted, in characters.
const MAX_NARRATIVE_CHARS: usize = 500_000;

/// What the editor says when a save was refused.
pub struct ConflictView {
    pub base_label: String,
    pub current_label: String,
    pub their_body: String,
}

#[derive(Template)]
#[template(path = "narrative_edit.html")]
pub struct NarrativeEditPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    /// The version this edit builds on; empty when there is none yet.
    pub base_version: String,
    pub save_label: String,
    pub body: String,
    pub preview_html: Option<SafeHtml>,
    pub conflict: Option<ConflictView>,
    /// Acronyms the text uses that the glossary does not define.
    pub undefined_acronyms: Vec<String>,
    /// The id of an image just uploaded, to show how to use it.
    pub uploaded: Option<i64>,
    /// The second reader's flags on the text.
    pub second_reader: second_reader::SecondReader,
}

/// Who is editing what, for building the editor page.
struct Editing<'a> {
    user: &'a Account,
    incident: &'a Incident,
    glossary: &'a [GlossaryTerm],
    uploaded: Option<i64>,
    dismissals: &'a [StoredDismissal],
}

impl Editing<'_> {
    fn page(
        &self,
        base: Option<i64>,
        body: String,
        preview_html: Option<SafeHtml>,
        conflict: Option<ConflictView>,
    ) -> NarrativeEditPage {
        let (second_reader, _) = second_reader::read(&body, self.dismissals);
        NarrativeEditPage {
            second_reader,
            uploaded: self.uploaded,
            undefined_acronyms: lore_core::undefined_acronyms(&body, self.glossary),
            user: Some(self.user.into()),
            slug: self.incident.slug.to_string(),
            title: self.incident.title.clone(),
            base_version: base.map(|v| v.to_string()).unwrap_or_default(),
            save_label: format!("as version {}", base.unwrap_or(0) + 1),
            preview_html,
            body,
            conflict,
        }
    }
}

/// A draft exactly as the incident page will show it, diagrams and all, with the second
/// reader's open flags underlined, rendered on the blocking pool. Gives the record and the
/// draft back, with the flags.
pub async fn preview(
    state: &AppState,
    record: IncidentRecord,
    body: String,
    dismissals: Vec<StoredDismissal>,
) -> Result<
    (
        IncidentRecord,
        String,
        SafeHtml,
        second_reader::SecondReader,
    ),
    AppError,
> {
    // The draft's citations and diagrams are read as the incident page reads its prose's: the
    // entries cited and each block's slice, never the whole timeline.
    let mut record = record;
    let (store, cache) = (state.store(), state.render_cache());
    let texts = [body.as_str()];
    let (cited, blocks) = tokio::try_join!(
        window::cited_in(store, record.incident.id, &texts, Vec::new()),
        window::block_diagrams_in(store, cache, &record, &texts),
    )?;
    record.timeline = cited;
    record.block_diagrams = blocks;
    let shared = state.clone();
    off_the_workers(state, move || {
        let (reader, marked) = second_reader::read(&body, &dismissals);
        let html = Prose::new(&record, shared.render_cache()).preview(&marked);
        let html = second_reader::inline(&html, &reader);
        (record, body, html, reader)
    })
    .await
}

/// Refuses a narrative over the size limit or the render limits (a 400 that names the
/// limit); turns Windows line ends into `\n`.
pub fn accept_body(body: &str) -> Result<String, AppError> {
    if body.chars().count() > MAX_NARRATIVE_CHARS {
        return Err(AppError::BadRequest(
            "a narrative is at most 500,000 characters".into(),
        ));
    }
    let body = body.replace("\r\n", "\n");
    within_limits("a narrative", &body)?;
    Ok(body)
}

#[derive(Deserialize)]
pub struct EditQuery {
    uploaded: Option<i64>,
}

/// The narrative editor, on the current version.
pub async fn edit_narrative(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Query(q): Query<EditQuery>,
) -> Result<Html<String>, AppError> {
    let record = seen
        .load(
            &state,
            Needs {
                narrative: true,
                glossary: true,
                ..Needs::default()
            },
        )
        .await?;
    let base = record.narrative.as_ref().map(|n| n.version);
    let body = record
        .narrative
        .as_ref()
        .map_or_else(|| NARRATIVE_OUTLINE.to_owned(), |n| n.body.clone());
    let dismissals = state.store().flag_dismissals(seen.incident.id).await?;
    let editing = Editing {
        user: &seen.user,
        incident: &seen.incident,
        glossary: &record.glossary,
        uploaded: q.uploaded,
        dismissals: &dismissals,
    };
    Ok(Html(render(&editing.page(base, body, None, None))))
}

/// The editor's form: the fixed fields, and the second reader's dismissals (`dismiss-N-…`).
pub struct NarrativeForm {
    base_version: String,
    body: String,
    action: String,
    dismissals: Vec<lore_store::FlagDismissal>,
}

impl NarrativeForm {
    fn from_fields(fields: &[(String, String)]) -> Result<Self, AppError> {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        Ok(NarrativeForm {
            base_version: field("base_version").unwrap_or_default(),
            body: field("body")
                .ok_or_else(|| AppError::BadRequest("the form has no body".into()))?,
            action: field("action")
                .ok_or_else(|| AppError::BadRequest("the form has no action".into()))?,
            dismissals: second_reader::dismissals_from_form(fields),
        })
    }
}

/// The refusal of a save on a version that is no longer current, as the editor explains it.
fn conflict_view(base: Option<i64>, current: Option<&Narrative>) -> ConflictView {
    ConflictView {
        base_label: base.map_or_else(|| "a new narrative".to_owned(), |v| format!("version {v}")),
        current_label: current.map_or_else(
            || "the narrative changed".to_owned(),
            |n| {
                format!(
                    "version {} was saved by {} at {}",
                    n.version,
                    n.author.as_deref().unwrap_or("someone"),
                    utc_text(n.created_at)
                )
            },
        ),
        their_body: current.map(|n| n.body.clone()).unwrap_or_default(),
    }
}

/// Preview (a plain form round trip: nothing saved) or save. A save names the version it
/// edits; if someone saved since, it is refused with both texts shown to merge.
pub async fn save_narrative(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = NarrativeForm::from_fields(&fields)?;
    let base = match form.base_version.trim() {
        "" => None,
        v => Some(v.parse::<i64>().map_err(|_| {
            AppError::BadRequest(format!("base_version must be a number, not {v:?}"))
        })?),
    };
    let body = accept_body(&form.body)?;
    let (user, incident) = (&seen.user, &seen.incident);
    match form.action.as_str() {
        "preview" => {
            let (record, dismissals) = tokio::try_join!(seen.load(&state, Needs::PROSE), async {
                Ok(state.store().flag_dismissals(incident.id).await?)
            })?;
            let (record, body, html, _) = preview(&state, record, body, dismissals.clone()).await?;
            let editing = Editing {
                user,
                incident,
                glossary: &record.glossary,
                uploaded: None,
                dismissals: &dismissals,
            };
            Ok(Html(render(&editing.page(base, body, Some(html), None))).into_response())
        }
        "save" => {
            let glossary = state.store().glossary().await?;
            let (body, refs) = off_the_workers(&state, move || {
                let refs = lore_render::references(&body, &glossary);
                (body, refs)
            })
            .await?;
            let saved = state
                .store()
                .save_narrative(incident.id, base, &body, user.username.as_str(), &refs)
                .await;
            match saved {
                Ok(saved) => {
                    tracing::info!(user = %user.username, incident = %incident.slug, version = saved.version, "narrative saved");
                    // Kept with the version; a failure here never undoes the save.
                    if !form.dismissals.is_empty()
                        && let Err(e) = state
                            .store()
                            .record_flag_dismissals(
                                incident.id,
                                saved.version,
                                &form.dismissals,
                                user.username.as_str(),
                            )
                            .await
                    {
                        tracing::warn!(error = %e, "could not keep the dismissed flags");
                    }
                    Ok(
                        Redirect::to(&format!("/incidents/{}#narrative", incident.slug))
                            .into_response(),
                    )
                }
                // Not a failure to report but a page to show: both texts, to merge.
                Err(StoreError::Conflict(current)) => {
                    let current = *current;
                    let glossary = state.store().glossary().await?;
                    let dismissals = state.store().flag_dismissals(incident.id).await?;
                    let editing = Editing {
                        user,
                        incident,
                        glossary: &glossary,
                        uploaded: None,
                        dismissals: &dismissals,
                    };
                    let page = editing.page(
                        current.as_ref().map(|n| n.version),
                        body,
                        None,
                        Some(conflict_view(base, current.as_ref())),
                    );
                    Ok((StatusCode::CONFLICT, Html(render(&page))).into_response())
                }
                Err(e) => Err(e.into()),
            }
        }
        other => Err(AppError::BadRequest(format!("unknown action {other:?}"))),
    }
}

pub struct VersionRow {
    pub version: i64,
    pub author: String,
    pub saved: String,
    pub lines: usize,
}

pub struct DiffLineView {
    pub op: &'static str,
    pub text: String,
}

#[derive(Template)]
#[template(path = "narrative_history.html")]
pub struct NarrativeHistoryPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub versions: Vec<VersionRow>,
    pub from: i64,
    pub to: i64,
    pub diff: Vec<DiffLineView>,
}

#[derive(Deserialize)]
pub struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// Every version, and the line differences between any two.
pub async fn narrative_history(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Query(q): Query<DiffQuery>,
) -> Result<Html<String>, AppError> {
    let versions = state.store().narrative_versions(seen.incident.id).await?;
    let newest = versions.first().map_or(0, |n| n.version);
    let to = q.to.unwrap_or(newest);
    let from = q.from.unwrap_or((to - 1).max(1));
    let body_of = |v: i64| {
        versions
            .iter()
            .find(|n| n.version == v)
            .map(|n| n.body.as_str())
    };
    let diff = match (
        q.from.is_some() || q.to.is_some(),
        body_of(from),
        body_of(to),
    ) {
        (true, Some(a), Some(b)) => lore_render::diff_lines(a, b)
            .into_iter()
            .map(|l| DiffLineView {
                op: l.op.as_str(),
                text: l.text,
            })
            .collect(),
        (true, _, _) => return Err(AppError::NotFound),
        _ => Vec::new(),
    };
    Ok(Html(render(&NarrativeHistoryPage {
        user: Some((&seen.user).into()),
        slug: seen.incident.slug.to_string(),
        title: seen.incident.title.clone(),
        versions: versions
            .iter()
            .map(|n| VersionRow {
                version: n.version,
                author: n.author.clone().unwrap_or_else(|| "unknown".into()),
                saved: utc_text(n.created_at),
                lines: n.body.lines().count(),
            })
            .collect(),
        from,
        to,
        diff,
    })))
}
