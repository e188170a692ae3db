//! The people of an incident's record: each source names people its own way, and records
//! that are one person are merged here (or the merge undone).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, Redirect};
use lore_core::{Account, Incident, Person, Role};
use lore_store::PersonInIncident;
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::incident_access::Visible;
use crate::pages::{Choice, UserView, render};
use crate::state::AppState;

/// One person as the page shows them: the record that stands for them, and the other records
/// merged into it.
pub struct PersonView {
    pub id: i64,
    pub name: String,
    pub handles: String,
    pub entries: i64,
    /// Records merged into this one: id, name, handles, entries.
    pub merged: Vec<(i64, String, String, i64)>,
}

pub struct SuggestionView {
    pub from: i64,
    pub from_name: String,
    pub into: i64,
    pub into_name: String,
    pub reason: &'static str,
}

#[derive(Template)]
#[template(path = "people.html")]
pub struct PeoplePage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub people: Vec<PersonView>,
    pub suggestions: Vec<SuggestionView>,
    pub can_merge: bool,
    /// Every standing person, for the manual merge form.
    pub choices: Vec<Choice>,
}

fn handles(p: &Person) -> String {
    p.handles
        .iter()
        .map(|h| format!("{} {}", h.source_kind, h.handle))
        .collect::<Vec<_>>()
        .join(", ")
}

impl PeoplePage {
    pub fn build(user: &Account, incident: &Incident, people: &[PersonInIncident]) -> Self {
        let mut views: Vec<PersonView> = people
            .iter()
            .filter(|p| p.person.merged_into.is_none())
            .map(|p| {
                let merged: Vec<(i64, String, String, i64)> = people
                    .iter()
                    .filter(|m| m.person.merged_into == Some(p.person.id))
                    .map(|m| {
                        (
                            m.person.id,
                            m.person.display_name.clone(),
                            handles(&m.person),
                            m.entries,
                        )
                    })
                    .collect();
                PersonView {
                    id: p.person.id,
                    name: p.person.display_name.clone(),
                    handles: handles(&p.person),
                    entries: p.entries + merged.iter().map(|m| m.3).sum::<i64>(),
                    merged,
                }
            })
            .collect();
        views.sort_by(|a, b| {
            b.entries
                .cmp(&a.entries)
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let all: Vec<Person> = people.iter().map(|p| p.person.clone()).collect();
        let name = |id: i64| {
            all.iter()
                .find(|p| p.id == id)
                .map_or_else(String::new, |p| p.display_name.clone())
        };
        PeoplePage {
            user: Some(user.into()),
            slug: incident.slug.to_string(),
            title: incident.title.clone(),
            suggestions: lore_core::merge_suggestions(&all)
                .into_iter()
                .map(|s| SuggestionView {
                    from_name: name(s.from),
                    into_name: name(s.into),
                    from: s.from,
                    into: s.into,
                    reason: s.reason,
                })
                .collect(),
            choices: views
                .iter()
                .map(|v| Choice {
                    value: v.id.to_string(),
                    label: format!("{} ({})", v.name, v.handles),
                    selected: false,
                })
                .collect(),
            people: views,
            can_merge: user.role.allows(Role::Analyst),
        }
    }
}

pub async fn people(
    State(state): State<AppState>,
    seen: Visible<Reader>,
) -> Result<Html<String>, AppError> {
    let people = state.store().people_of_incident(seen.incident.id).await?;
    Ok(Html(render(&PeoplePage::build(
        &seen.user,
        &seen.incident,
        &people,
    ))))
}

#[derive(Deserialize)]
pub struct MergeForm {
    from: i64,
    #[serde(default)]
    into: Option<i64>,
    /// `unmerge` to undo the merge of `from`.
    #[serde(default)]
    action: String,
}

/// Merges two records of this incident's people (or undoes a merge). Both must be in this
/// incident's record, so that nobody merges people they cannot see.
pub async fn merge_people(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(form): Form<MergeForm>,
) -> Result<Redirect, AppError> {
    let (user, incident) = (&seen.user, &seen.incident);
    let people = state.store().people_of_incident(incident.id).await?;
    let known = |id: i64| people.iter().any(|p| p.person.id == id);
    if !known(form.from) || form.into.is_some_and(|i| !known(i)) {
        return Err(AppError::BadRequest(
            "both people must be in this incident's record".into(),
        ));
    }
    match (form.action.as_str(), form.into) {
        ("unmerge", _) => state.store().unmerge_person(form.from).await?,
        (_, Some(into)) => {
            state.store().merge_person(form.from, into).await?;
        }
        (_, None) => return Err(AppError::BadRequest("say whom to merge into".into())),
    }
    tracing::info!(user = %user.username, incident = %incident.slug, from = form.from, into = ?form.into, action = %form.action, "people merged");
    Ok(Redirect::to(&format!(
        "/incidents/{}/people",
        incident.slug
    )))
}
