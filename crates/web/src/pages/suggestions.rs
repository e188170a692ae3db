//! Suggested moments (`/incidents/{slug}/suggestions`, analysts): the second reader's
//! reading of the timeline (lore_lint::moments): the ten strongest candidates for a closer
//! look, each with why. Accepting one marks it as a moment with its theme; dismissing it sets
//! it aside for good. Entries already marked are not suggested again. The reading goes over the
//! whole timeline once per timeline version, a window of entries at a time, and is kept; a view
//! reads the suggested entries.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, Redirect};
use lore_core::{MarkedOn, NewAnnotation, Theme, TimelineEntry};
use lore_lint::moments::{ChatLine, MAX_SUGGESTIONS, MomentKind, Suggester};
use lore_store::MAX_CHAT_WINDOW;
use serde::Deserialize;

use crate::auth::Analyst;
use crate::error::AppError;
use crate::format::utc_text;
use crate::incident_access::{Needs, Visible};
use crate::pages::{UserView, render};
use crate::prose::off_the_workers;
use crate::render_cache::Weigh;
use crate::state::AppState;
use crate::timeline_slice::Version;

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

/// The second reader's suggestions for one version of an incident's timeline, best first:
/// worked out over every entry once per version (an import or a merge of people makes a new
/// one), then kept, so that a view reads only the entries suggested, not the whole timeline.
struct KeptSuggestions(Vec<KeptSuggestion>);

struct KeptSuggestion {
    entry_id: i64,
    kind: MomentKind,
    why: String,
}

impl Weigh for KeptSuggestions {
    fn weight(&self) -> usize {
        self.0.iter().map(|s| 48 + s.why.len()).sum()
    }
}

/// The incident's suggestions as its timeline is now, from the render cache or worked out.
async fn kept_suggestions(
    state: &AppState,
    incident_id: i64,
) -> Result<Arc<KeptSuggestions>, AppError> {
    let cache = state.render_cache();
    // The version is read before the timeline: an import landing in between is then kept
    // under the older version, which no later view asks for, never the other way round.
    let version = Version::read(state.store(), incident_id).await?;
    let key = version.key(cache, "moment suggestions");
    if let Some(found) = cache.lookup::<KeptSuggestions>(key) {
        return Ok(found);
    }
    let kept = KeptSuggestions(
        read_timeline(state, incident_id)
            .await?
            .into_iter()
            .map(|(s, entry_id)| KeptSuggestion {
                entry_id,
                kind: s.kind,
                why: s.why,
            })
            .collect(),
    );
    Ok(cache.keep(key, kept))
}

/// The second reader over the whole timeline, read a window at a time (`MAX_CHAT_WINDOW` lines
/// of what a reader needs, each window read off the async workers), so that memory stays that
/// of one window whatever the incident's size: 1,000,000 entries read whole had taken 914 MiB.
async fn read_timeline(
    state: &AppState,
    incident_id: i64,
) -> Result<Vec<(lore_lint::moments::Suggestion, i64)>, AppError> {
    let store = state.store();
    // Every author's name as the entries carry it (as merged), for finding who a line names.
    // (Read here rather than through the kept facets: this runs once per version anyway.)
    let records: Vec<i64> = store
        .timeline_facets(incident_id)
        .await?
        .into_iter()
        .filter_map(|f| f.author)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let names: Vec<String> = store
        .people_as_merged(&records)
        .await?
        .into_values()
        .map(|(_, name)| name)
        .collect();
    let mut suggester = Suggester::new(names.iter().map(String::as_str), MAX_SUGGESTIONS);
    let mut after = None;
    loop {
        let window = store
            .chat_lines(incident_id, after, MAX_CHAT_WINDOW)
            .await?;
        let Some(last) = window.last() else { break };
        after = Some(last.key);
        let full = window.len() == MAX_CHAT_WINDOW as usize;
        suggester = off_the_workers(state, move || {
            for row in &window {
                let line = ChatLine {
                    at: row.key.at.unix_timestamp(),
                    author: row.author.as_deref(),
                    text: &row.text,
                    system: row.noise,
                };
                suggester.push(&line, row.key.id);
            }
            suggester
        })
        .await?;
        if !full {
            break;
        }
    }
    Ok(suggester.finish())
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
    let (kept, record, dismissed) = tokio::try_join!(
        kept_suggestions(&state, incident_id),
        seen.load(&state, needs),
        async {
            Ok(state
                .store()
                .dismissed_moment_suggestions(incident_id)
                .await?)
        }
    )?;
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
