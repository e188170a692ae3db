//! The people of an incident's record: each source names people its own way, and records
//! that are one person are merged here (or the merge undone).
//!
//! A merge changes how a person reads in every incident they appear in, so an analyst may
//! merge (or unmerge) only people whose every appearance is in incidents they can see: the
//! store decides (`Store::merge_person_as`, `unmerge_person_as`, `people_within_sight`, the
//! SQL rule `VISIBLE_TO`), and anything else is a 404, as for an incident they cannot see.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, Redirect};
use std::collections::HashSet;

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
    /// Records merged into this one.
    pub merged: Vec<MergedView>,
    /// Whether this user may merge this person, or undo merges into them.
    pub may_change: bool,
}

/// A record merged into a person, and the merge its Undo takes back.
pub struct MergedView {
    pub id: i64,
    pub name: String,
    pub handles: String,
    pub entries: i64,
    /// When the record moved here with another record's merge (it had been merged into that
    /// record before): that record's id. Undo takes back that whole merge.
    pub moved_with: Option<i64>,
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
    /// Every standing person this user may merge, for the manual merge form.
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
    /// `within_sight`: the records this user may merge and unmerge (as the store answers
    /// `people_within_sight`); only those are offered.
    pub fn build(
        user: &Account,
        incident: &Incident,
        people: &[PersonInIncident],
        within_sight: &HashSet<i64>,
    ) -> Self {
        let can_merge = user.role.allows(Role::Analyst);
        let may_change = |id: i64| can_merge && within_sight.contains(&id);
        let mut views: Vec<PersonView> = people
            .iter()
            .filter(|p| p.person.merged_into.is_none())
            .map(|p| {
                let merged: Vec<MergedView> = people
                    .iter()
                    .filter(|m| m.person.merged_into == Some(p.person.id))
                    .map(|m| MergedView {
                        id: m.person.id,
                        name: m.person.display_name.clone(),
                        handles: handles(&m.person),
                        entries: m.entries,
                        moved_with: m
                            .last_merge
                            .map(|merge| merge.from)
                            .filter(|&from| from != m.person.id),
                    })
                    .collect();
                PersonView {
                    id: p.person.id,
                    name: p.person.display_name.clone(),
                    handles: handles(&p.person),
                    entries: p.entries + merged.iter().map(|m| m.entries).sum::<i64>(),
                    merged,
                    may_change: may_change(p.person.id),
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
                // Readers see every suggestion; analysts are offered the ones they may do.
                .filter(|s| !can_merge || (may_change(s.from) && may_change(s.into)))
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
                .filter(|v| v.may_change)
                .map(|v| Choice {
                    value: v.id.to_string(),
                    label: format!("{} ({})", v.name, v.handles),
                    selected: false,
                })
                .collect(),
            people: views,
            can_merge,
        }
    }
}

pub async fn people(
    State(state): State<AppState>,
    seen: Visible<Reader>,
) -> Result<Html<String>, AppError> {
    let store = state.store();
    let people = store.people_of_incident(seen.incident.id).await?;
    let within_sight = if seen.user.role.allows(Role::Analyst) {
        store
            .people_within_sight(seen.incident.id, &seen.user)
            .await?
    } else {
        HashSet::new()
    };
    Ok(Html(render(&PeoplePage::build(
        &seen.user,
        &seen.incident,
        &people,
        &within_sight,
    ))))
}

#[derive(Deserialize)]
pub struct MergeForm {
    from: i64,
    #[serde(default)]
    into: Option<i64>,
    /// `unmerge` to undo the merge that put `from` where it is.
    #[serde(default)]
    action: String,
}

/// Merges two records of this incident's people (or undoes a merge). Both must be in this
/// incident's record (400 otherwise), and the store refuses, as not found (404), a merge or
/// undo that touches a person who also appears in an incident this user cannot see.
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
        ("unmerge", _) => {
            let undone = state.store().unmerge_person_as(form.from, user).await?;
            tracing::info!(user = %user.username, incident = %incident.slug, merge = undone.merge.id, from = undone.merge.from, into = undone.merge.into, restored = ?undone.restored, "merge of people undone");
        }
        (_, Some(into)) => {
            let merged = state.store().merge_person_as(form.from, into, user).await?;
            tracing::info!(user = %user.username, incident = %incident.slug, merge = ?merged.merge_id, from = form.from, into = merged.into, moved = ?merged.moved, "people merged");
        }
        (_, None) => return Err(AppError::BadRequest("say whom to merge into".into())),
    }
    Ok(Redirect::to(&format!(
        "/incidents/{}/people",
        incident.slug
    )))
}
