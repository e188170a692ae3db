//! Reading lists: `/lists` (every list, with the reader's own "N of M read"), `/lists/{id}`
//! (its items in order with notes, each marked read or not for this reader), and for analysts
//! the forms that create a list and add, move and remove items by incident slug.
//!
//! What a list shows is what the reader may see: the store leaves out restricted incidents
//! the account has no access to, and analysts add, move and remove only incidents they may see
//! (any other slug is not found, exactly like one that does not exist).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
use lore_core::{Account, Incident, Role, Slug};
use lore_store::{ReadingList, ReadingListSummary};
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::format::date_text;
use crate::pages::{UserView, render};
use crate::state::AppState;

pub struct ListRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub created_by: String,
    pub created_on: String,
    pub progress: String,
}

impl From<&ReadingListSummary> for ListRow {
    fn from(s: &ReadingListSummary) -> Self {
        ListRow {
            id: s.id,
            title: s.title.clone(),
            description: s.description.clone(),
            created_by: s.created_by.clone(),
            created_on: date_text(s.created_at),
            progress: format!("{} of {} read", s.read, s.items),
        }
    }
}

#[derive(Template)]
#[template(path = "reading_lists.html")]
pub struct ListsPage {
    pub user: Option<UserView>,
    pub lists: Vec<ListRow>,
    pub can_edit: bool,
}

/// `GET /lists`.
pub async fn lists(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let lists = state.store().reading_lists(&user).await?;
    Ok(Html(render(&ListsPage {
        user: Some((&user).into()),
        lists: lists.iter().map(Into::into).collect(),
        can_edit: user.role.allows(Role::Analyst),
    })))
}

pub struct ItemRow {
    pub number: i64,
    pub slug: String,
    pub title: String,
    pub note: String,
    pub read: bool,
}

#[derive(Template)]
#[template(path = "reading_list.html")]
pub struct ListPage {
    pub user: Option<UserView>,
    pub list: ListRow,
    pub items: Vec<ItemRow>,
    pub can_edit: bool,
}

async fn visible_list(state: &AppState, id: i64, user: &Account) -> Result<ReadingList, AppError> {
    state
        .store()
        .reading_list(id, user)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /lists/{id}`.
pub async fn list(
    State(state): State<AppState>,
    Reader(user): Reader,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let list = visible_list(&state, id, &user).await?;
    Ok(Html(render(&ListPage {
        user: Some((&user).into()),
        list: (&list.summary).into(),
        items: list
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| ItemRow {
                number: n as i64 + 1,
                slug: i.slug.clone(),
                title: i.title.clone(),
                note: i.note.clone(),
                read: i.read,
            })
            .collect(),
        can_edit: user.role.allows(Role::Analyst),
    })))
}

#[derive(Deserialize)]
pub struct NewList {
    title: String,
    #[serde(default)]
    description: String,
}

/// `POST /lists` (analysts): creates a list and opens it.
pub async fn create(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Form(form): Form<NewList>,
) -> Result<Redirect, AppError> {
    let id = state
        .store()
        .create_reading_list(&form.title, &form.description, user.username.as_str())
        .await?;
    Ok(Redirect::to(&format!("/lists/{id}")))
}

/// The incident a form names, if this account may see it.
async fn incident_named(
    state: &AppState,
    slug: &str,
    user: &Account,
) -> Result<Incident, AppError> {
    let slug = Slug::parse(slug.trim()).map_err(|_| AppError::NotFound)?;
    state
        .store()
        .incident_visible_to(&slug, user)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize)]
pub struct NewItem {
    slug: String,
    #[serde(default)]
    note: String,
}

/// `POST /lists/{id}/items` (analysts): appends an incident with a note.
pub async fn add_item(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(id): Path<i64>,
    Form(form): Form<NewItem>,
) -> Result<Redirect, AppError> {
    let incident = incident_named(&state, &form.slug, &user).await?;
    state
        .store()
        .add_reading_list_item(id, incident.id, &form.note)
        .await?;
    Ok(Redirect::to(&format!("/lists/{id}")))
}

#[derive(Deserialize)]
pub struct MoveItem {
    slug: String,
    /// 1-based, as the page numbers the items.
    position: usize,
}

/// `POST /lists/{id}/move` (analysts): moves an item to a place in the list.
pub async fn move_item(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(id): Path<i64>,
    Form(form): Form<MoveItem>,
) -> Result<Redirect, AppError> {
    let incident = incident_named(&state, &form.slug, &user).await?;
    state
        .store()
        .move_reading_list_item(id, incident.id, form.position.saturating_sub(1))
        .await?;
    Ok(Redirect::to(&format!("/lists/{id}")))
}

#[derive(Deserialize)]
pub struct RemoveItem {
    slug: String,
}

/// `POST /lists/{id}/remove` (analysts): takes an item off the list.
pub async fn remove_item(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(id): Path<i64>,
    Form(form): Form<RemoveItem>,
) -> Result<Redirect, AppError> {
    let incident = incident_named(&state, &form.slug, &user).await?;
    state
        .store()
        .remove_reading_list_item(id, incident.id)
        .await?;
    Ok(Redirect::to(&format!("/lists/{id}")))
}
