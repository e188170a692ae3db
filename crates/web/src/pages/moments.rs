//! Moments: analysts mark what made an incident memorable (a theme or their own tag, and a
//! note) on timeline entries or on a passage of the narrative, and anyone finds them again
//! across every incident they may read.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, Redirect};
use lore_core::{Account, Incident, MarkedOn, NewAnnotation, Theme, TimelineEntry};
use lore_store::{FoundMoment, MomentSearch};
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::format::utc_text;
use crate::incident_access::{Needs, Visible};
use crate::pages::{Choice, UserView, render, theme_choices};
use crate::prose::off_the_workers;
use crate::state::AppState;
use crate::timeline_query::ThemeChoice;

/// How many moments the search page lists.
pub const MOMENTS_SHOWN: i64 = 200;
/// The longest words the search takes.
const SEARCH_CHARS: usize = 200;
/// How much of a marked entry's words the search page quotes.
const EVIDENCE_CHARS: usize = 280;

#[derive(Deserialize)]
pub struct AnnotationForm {
    /// The entry marked (or the first of a range); absent for a passage.
    #[serde(default)]
    entry: String,
    #[serde(default)]
    through: String,
    /// Words of the narrative, for a passage.
    #[serde(default)]
    passage: String,
    theme: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    note: String,
}

/// An entry number as people type it: `42` or `#42`.
fn entry_number(field: &str, value: &str) -> Result<i64, AppError> {
    value.trim().trim_start_matches('#').parse().map_err(|_| {
        AppError::BadRequest(format!("{field} must be an entry number, not {value:?}"))
    })
}

/// Marks a moment: a theme (or own tag) and a note on an entry, on a range of entries up to
/// `through` (an entry number), or on a passage of the narrative, which must be in its current
/// text. Then back to the page, at the new moment.
pub async fn annotate(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(form): Form<AnnotationForm>,
) -> Result<Redirect, AppError> {
    let theme: Theme = form.theme.parse()?;
    let on = match (form.entry.trim(), form.passage.trim()) {
        ("", "") => {
            return Err(AppError::BadRequest(
                "say what to mark: an entry, or a passage of the narrative".into(),
            ));
        }
        ("", quote) => {
            let record = seen
                .load(
                    &state,
                    Needs {
                        narrative: true,
                        ..Needs::default()
                    },
                )
                .await?;
            let narrative = record.narrative.ok_or_else(|| {
                AppError::BadRequest("this incident has no narrative to mark yet".into())
            })?;
            // Read as the page shows it: rendered (once per version, off the async workers).
            let cache = state.clone();
            let (id, body, words) = (seen.incident.id, narrative.body.clone(), quote.to_owned());
            let found = off_the_workers(&state, move || {
                let cache = cache.render_cache();
                let key = cache.key_of(("api narrative", id, &body));
                let html =
                    cache.get_or_insert_with(key, || lore_render::markdown_to_safe_html(&body));
                lore_render::find_passage(&html, &words).is_some()
            })
            .await?;
            if !found {
                return Err(AppError::BadRequest(
                    "those words are not in the current narrative: copy the passage from the page as it reads"
                        .into(),
                ));
            }
            MarkedOn::Passage {
                quote: lore_render::normalise_space(quote),
                narrative_version: Some(narrative.version),
            }
        }
        (entry, _) => {
            let first = entry_number("entry", entry)?;
            let last = match form.through.trim() {
                "" => first,
                n => entry_number("\"through\"", n)?,
            };
            MarkedOn::Entries { first, last }
        }
    };
    let (user, incident) = (&seen.user, &seen.incident);
    let new = NewAnnotation {
        incident_id: incident.id,
        on,
        theme,
        tag: Some(form.tag.trim().to_owned()).filter(|t| !t.is_empty()),
        note: form.note.trim().to_owned(),
        author: user.username.to_string(),
    };
    new.validate()?;
    let added = state.store().add_annotation(&new).await?;
    tracing::info!(user = %user.username, incident = %incident.slug, theme = %added.theme, "moment marked");
    Ok(Redirect::to(&format!(
        "/incidents/{}#moment-{}",
        incident.slug, added.id
    )))
}

/// The form for marking a moment on one entry.
#[derive(Template)]
#[template(path = "mark.html")]
pub struct MarkPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub entry_id: i64,
    pub who: String,
    pub when: String,
    pub text: String,
    pub themes: Vec<Choice>,
}

impl MarkPage {
    pub fn build(user: &Account, incident: &Incident, entry: &TimelineEntry) -> Self {
        MarkPage {
            user: Some(user.into()),
            slug: incident.slug.to_string(),
            title: incident.title.clone(),
            entry_id: entry.id,
            who: entry
                .author_name
                .clone()
                .unwrap_or_else(|| "unknown".into()),
            when: utc_text(entry.occurred_at),
            text: entry.text.clone(),
            themes: theme_choices(None),
        }
    }
}

#[derive(Deserialize)]
pub struct MarkQuery {
    entry: String,
}

/// The form for marking a moment on one entry (linked from every entry, so the timeline
/// carries a link per entry instead of a form per entry).
pub async fn mark_form(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Query(q): Query<MarkQuery>,
) -> Result<Html<String>, AppError> {
    let id = entry_number("entry", &q.entry)?;
    // The one entry, by id within this incident (an entry of another incident is not found):
    // the form costs the same whatever the incident's size.
    let entry = state
        .store()
        .entries_by_id(seen.incident.id, &[id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(Html(render(&MarkPage::build(
        &seen.user,
        &seen.incident,
        &entry,
    ))))
}

/// A moment found across incidents.
pub struct FoundMomentView {
    pub theme: &'static str,
    pub label: String,
    pub note: String,
    pub author: String,
    pub slug: String,
    pub incident_title: String,
    pub anchor: String,
    /// What was marked: the entry's words with who and when, or the passage.
    pub evidence: String,
}

impl From<&FoundMoment> for FoundMomentView {
    fn from(f: &FoundMoment) -> Self {
        let a = &f.annotation;
        let evidence = match (&a.on, &f.evidence) {
            (MarkedOn::Passage { quote, .. }, _) => format!("In the narrative: “{quote}”"),
            (MarkedOn::Entries { .. }, Some((at, who, body))) => {
                let words: String = body.chars().take(EVIDENCE_CHARS).collect();
                format!(
                    "{} at {}: {words}",
                    who.as_deref().unwrap_or("unknown"),
                    utc_text(*at)
                )
            }
            (MarkedOn::Entries { .. }, None) => "an entry".to_owned(),
        };
        FoundMomentView {
            theme: a.theme.as_str(),
            label: a.label().to_owned(),
            note: a.note.clone(),
            author: a.author.clone(),
            slug: f.incident_slug.clone(),
            incident_title: f.incident_title.clone(),
            anchor: format!("moment-{}", a.id),
            evidence,
        }
    }
}

#[derive(Template)]
#[template(path = "moments.html")]
pub struct MomentsPage {
    pub user: Option<UserView>,
    pub themes: Vec<Choice>,
    pub text: String,
    pub searched: bool,
    pub found: Vec<FoundMomentView>,
    pub more: bool,
}

#[derive(Deserialize)]
pub struct MomentsQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    q: String,
}

/// Moments across every incident the reader may see, by theme or own tag and by words.
pub async fn moments(
    State(state): State<AppState>,
    Reader(user): Reader,
    Query(q): Query<MomentsQuery>,
) -> Result<Html<String>, AppError> {
    let choice = match q.theme.trim() {
        "" => None,
        t => Some(ThemeChoice::parse(t)?),
    };
    let (theme, tag) = match &choice {
        Some(ThemeChoice::Theme(t)) => (Some(*t), None),
        Some(ThemeChoice::Tag(tag)) => (None, Some(tag.clone())),
        None => (None, None),
    };
    let text = q.q.trim().to_owned();
    if text.chars().count() > SEARCH_CHARS {
        return Err(AppError::BadRequest(format!(
            "search words are at most {SEARCH_CHARS} characters"
        )));
    }
    let found = state
        .store()
        .search_moments(
            &user,
            &MomentSearch {
                theme,
                tag,
                text: Some(text.clone()).filter(|t| !t.is_empty()),
                limit: MOMENTS_SHOWN + 1,
            },
        )
        .await?;
    let mut themes = theme_choices(choice.as_ref());
    // An own tag asked for by link (`theme=tag:…`) stays chosen in the form.
    if let Some(ThemeChoice::Tag(tag)) = &choice {
        themes.push(Choice {
            value: format!("tag:{tag}"),
            label: format!("Own tag: {tag}"),
            selected: true,
        });
    }
    let shown = found.len().min(MOMENTS_SHOWN as usize);
    Ok(Html(render(&MomentsPage {
        user: Some((&user).into()),
        themes,
        searched: choice.is_some() || !text.is_empty(),
        text,
        more: found.len() > shown,
        found: found[..shown].iter().map(Into::into).collect(),
    })))
}
