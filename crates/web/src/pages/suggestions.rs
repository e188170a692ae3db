//! Suggested moments (`/incidents/{slug}/suggestions`, analysts): the second reader's
//! reading of the timeline (lore_lint::moments): the ten strongest candidates for a closer
//! look, each with why. Accepting one marks it as a moment with its theme; dismissing it sets
//! it aside for good. Entries already marked are not suggested again. The reading goes over the
//! whole timeline once per timeline version and is kept (`moment_reading`: in the background
//! for a long timeline, the page saying how far it has got); a view reads the suggested entries.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, Redirect};
use lore_core::{MarkedOn, NewAnnotation, Theme, TimelineEntry};
use lore_lint::moments::MomentKind;
use serde::Deserialize;

use crate::auth::Analyst;
use crate::error::AppError;
use crate::format::{thousands, utc_text};
use crate::incident_access::{Needs, Visible};
use crate::moment_reading::{KeptSuggestion, Reading, reading};
use crate::pages::{UserView, render};
use crate::state::AppState;

/// Suggestions shown at once.
pub const SHOWN: usize = 10;

pub struct SuggestionView {
    pub entry_id: i64,
    pub kind: &'static str,
    pub label: &'static str,
    pub why: String,
    pub when: String,
    pub who: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "suggestions.html")]
pub struct SuggestionsPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub suggestions: Vec<SuggestionView>,
    /// The timeline still being read in the background: how far.
    pub underway: Option<Underway>,
}

pub struct Underway {
    pub read: String,
    pub of: String,
    pub percent: u64,
}

impl Underway {
    fn new(read: u64, of: u64) -> Underway {
        let read = read.min(of);
        Underway {
            read: thousands(read),
            of: thousands(of),
            percent: (read * 100).checked_div(of).unwrap_or(0),
        }
    }
}

/// The moment a suggestion becomes: its theme and, for kinds without a theme of their own,
/// an own tag.
fn theme_of(kind: MomentKind) -> (Theme, Option<&'static str>) {
    match kind {
        MomentKind::Surprise => (Theme::Surprise, None),
        MomentKind::Misunderstanding => (Theme::Misunderstanding, None),
        MomentKind::ChangeOfPlan => (Theme::Dilemma, None),
        MomentKind::Severity => (Theme::Difficulty, None),
        MomentKind::Disagreement => (Theme::Custom, Some("disagreement")),
        MomentKind::Silence => (Theme::Custom, Some("long silence")),
        MomentKind::Joining => (Theme::Custom, Some("people joining")),
    }
}

pub async fn suggestions(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
) -> Result<Html<String>, AppError> {
    let needs = Needs {
        annotations: true,
        ..Needs::default()
    };
    let incident_id = seen.incident.id;
    // While a long timeline is still being read, the page says how far: nothing else to load
    // (lore.js asks again every few seconds).
    let kept = match reading(&state, incident_id).await? {
        Reading::Done(kept) => kept,
        Reading::Underway { read, of } => {
            return Ok(Html(render(&SuggestionsPage {
                user: Some((&seen.user).into()),
                slug: seen.incident.slug.to_string(),
                title: seen.incident.title.clone(),
                suggestions: Vec::new(),
                underway: Some(Underway::new(read, of)),
            })));
        }
    };
    let (record, dismissed) = tokio::try_join!(seen.load(&state, needs), async {
        Ok(state
            .store()
            .dismissed_moment_suggestions(incident_id)
            .await?)
    })?;
    let mut set_aside: HashSet<i64> = dismissed.into_iter().collect();
    for a in &record.annotations {
        if let MarkedOn::Entries { first, last } = a.on {
            set_aside.extend(first..=last.min(first + 1000));
        }
    }
    let shown: Vec<&KeptSuggestion> = kept
        .0
        .iter()
        .filter(|s| !set_aside.contains(&s.entry_id))
        .take(SHOWN)
        .collect();
    let ids: Vec<i64> = shown.iter().map(|s| s.entry_id).collect();
    let entries: HashMap<i64, TimelineEntry> = state
        .store()
        .entries_by_id(incident_id, &ids)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let suggestions = shown
        .into_iter()
        .filter_map(|s| {
            let e = entries.get(&s.entry_id)?;
            Some(SuggestionView {
                entry_id: e.id,
                kind: s.kind.as_str(),
                label: s.kind.label(),
                why: s.why.clone(),
                when: utc_text(e.occurred_at),
                who: e.author_name.clone().unwrap_or_default(),
                text: e.text.chars().take(600).collect(),
            })
        })
        .collect();
    let html = render(&SuggestionsPage {
        user: Some((&seen.user).into()),
        slug: record.incident.slug.to_string(),
        title: record.incident.title.clone(),
        suggestions,
        underway: None,
    });
    Ok(Html(html))
}

#[derive(Deserialize)]
pub struct SuggestionForm {
    entry: i64,
    kind: String,
    #[serde(default)]
    why: String,
}

fn kind(form: &SuggestionForm) -> Result<MomentKind, AppError> {
    MomentKind::parse(&form.kind)
        .ok_or_else(|| AppError::BadRequest(format!("{:?} is not a kind of moment", form.kind)))
}

/// Marks the suggested entry as a moment with the suggestion's theme and why as its note.
pub async fn accept(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(form): Form<SuggestionForm>,
) -> Result<Redirect, AppError> {
    let (theme, tag) = theme_of(kind(&form)?);
    let new = NewAnnotation {
        incident_id: seen.incident.id,
        on: MarkedOn::Entries {
            first: form.entry,
            last: form.entry,
        },
        theme,
        tag: tag.map(str::to_owned),
        note: format!("Suggested: {}", form.why.trim())
            .chars()
            .take(1000)
            .collect(),
        author: seen.user.username.to_string(),
    };
    new.validate()?;
    let added = state.store().add_annotation(&new).await?;
    Ok(Redirect::to(&format!(
        "/incidents/{}#moment-{}",
        seen.incident.slug, added.id
    )))
}

/// Sets the suggestion aside: not suggested again.
pub async fn dismiss(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(form): Form<SuggestionForm>,
) -> Result<Redirect, AppError> {
    let kind = kind(&form)?;
    state
        .store()
        .dismiss_moment_suggestion(
            seen.incident.id,
            form.entry,
            kind.as_str(),
            seen.user.username.as_str(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/incidents/{}/suggestions",
        seen.incident.slug
    )))
}
