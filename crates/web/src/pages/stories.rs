//! Stories from anyone (`/stories`): every signed-in person may tell what they remember of an
//! incident, one Lore knows or one it has no record of; analysts see the queue and turn a
//! story into the author's perspective (only with their consent), attach it to an incident,
//! or start a new incident from it. Stories are shown as written (escaped text), so hostile
//! Markdown stays inert and a long queue costs no rendering.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
use lore_core::{NewIncident, NewPerspective, Role, Slug};
use lore_store::{NewStory, Story, StoryStatus};
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::format::utc_text;
use crate::pages::{UserView, render};
use crate::prose::{off_the_workers, within_limits};
use crate::state::AppState;

/// Stories listed in the queue at once.
const QUEUE_SHOWN: usize = 50;

pub struct StoryView {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub author: String,
    pub when: String,
    /// The incident it is about: slug and title; or what the author said.
    pub incident: Option<(String, String)>,
    pub about: String,
    pub consent: bool,
    pub status: &'static str,
}

impl From<&Story> for StoryView {
    fn from(s: &Story) -> Self {
        StoryView {
            id: s.id,
            title: s.title.clone(),
            body: s.body.clone(),
            author: s.author.clone(),
            when: utc_text(s.created_at),
            incident: s.incident_slug.clone().zip(s.incident_title.clone()),
            about: s.about.clone(),
            consent: s.consent,
            status: match s.status {
                StoryStatus::New => "waiting for an analyst",
                StoryStatus::Perspective => "published as your perspective",
                StoryStatus::Attached => "attached to the incident",
                StoryStatus::Incident => "the start of a new incident",
            },
        }
    }
}

#[derive(Template)]
#[template(path = "stories.html")]
pub struct StoriesPage {
    pub user: Option<UserView>,
    pub mine: Vec<StoryView>,
    pub queue: Option<Vec<StoryView>>,
    pub waiting: usize,
}

pub async fn stories(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let analyst = user.role.allows(Role::Analyst);
    let (mine, queue) = tokio::try_join!(state.store().my_stories(&user), async {
        if analyst {
            state.store().stories_to_handle(&user).await
        } else {
            Ok(Vec::new())
        }
    })?;
    Ok(Html(render(&StoriesPage {
        user: Some((&user).into()),
        mine: mine.iter().map(Into::into).collect(),
        waiting: queue.len(),
        queue: analyst.then(|| queue.iter().take(QUEUE_SHOWN).map(Into::into).collect()),
    })))
}

#[derive(Deserialize)]
pub struct StoryForm {
    #[serde(default)]
    incident: String,
    #[serde(default)]
    about: String,
    title: String,
    body: String,
    #[serde(default)]
    consent: Option<String>,
}

/// The incident a form names by slug, as this account may see it: a 400 naming it otherwise.
async fn visible_incident(
    state: &AppState,
    user: &lore_core::Account,
    slug: &str,
) -> Result<lore_core::Incident, AppError> {
    let bad = || AppError::BadRequest(format!("there is no incident {slug:?} that you may see"));
    let slug = Slug::parse(slug.trim()).map_err(|_| bad())?;
    state
        .store()
        .incident_visible_to(&slug, user)
        .await?
        .ok_or_else(bad)
}

pub async fn submit(
    State(state): State<AppState>,
    Reader(user): Reader,
    Form(form): Form<StoryForm>,
) -> Result<Redirect, AppError> {
    within_limits("a story", &form.body)?;
    let incident_id = match form.incident.trim() {
        "" => None,
        slug => Some(visible_incident(&state, &user, slug).await?.id),
    };
    let new = NewStory {
        incident_id,
        about: form.about,
        title: form.title,
        body: form.body,
        consent: form.consent.is_some(),
    };
    let id = state.store().submit_story(&user, &new).await?;
    tracing::info!(user = %user.username, story = id, "story submitted");
    Ok(Redirect::to("/stories#your-stories"))
}

/// The story, if this analyst may see it and it is still waiting.
async fn waiting_story(
    state: &AppState,
    user: &lore_core::Account,
    id: i64,
) -> Result<Story, AppError> {
    let story = state
        .store()
        .story(id, user)
        .await?
        .ok_or(AppError::NotFound)?;
    if story.status != StoryStatus::New {
        return Err(AppError::BadRequest(
            "this story was handled already".into(),
        ));
    }
    Ok(story)
}

/// Publishes the story as its author's perspective on the incident it is about.
pub async fn to_perspective(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let story = waiting_story(&state, &user, id).await?;
    if !story.consent {
        return Err(AppError::BadRequest(
            "its author did not agree to publish it: attach it, or ask them".into(),
        ));
    }
    let slug = story.incident_slug.clone().ok_or_else(|| {
        AppError::BadRequest("attach it to an incident first, or start one from it".into())
    })?;
    let incident = visible_incident(&state, &user, &slug).await?;
    let new = NewPerspective {
        incident_id: incident.id,
        person: story.author.clone(),
        written_by: user.username.to_string(),
        interview: false,
        body: format!("**{}**\n\n{}", story.title.replace('*', "\\*"), story.body),
    };
    new.validate()?;
    let glossary = state.store().glossary().await?;
    let (new, refs) = off_the_workers(&state, move || {
        let refs = lore_render::references(&new.body, &glossary);
        (new, refs)
    })
    .await?;
    // Two writes: if marking fails after the perspective is added, the story stays in the queue
    // with its perspective published, which an analyst sees and can mark by hand.
    let perspective = state.store().add_perspective(&new, &refs).await?;
    state
        .store()
        .mark_story(
            id,
            StoryStatus::Perspective,
            None,
            Some(perspective),
            user.username.as_str(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/incidents/{}#perspective-{perspective}",
        incident.slug
    )))
}

#[derive(Deserialize)]
pub struct AttachForm {
    incident: String,
}

/// Links the story to an incident without publishing it.
pub async fn attach(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(id): Path<i64>,
    Form(form): Form<AttachForm>,
) -> Result<Redirect, AppError> {
    waiting_story(&state, &user, id).await?;
    let incident = visible_incident(&state, &user, &form.incident).await?;
    state
        .store()
        .mark_story(
            id,
            StoryStatus::Attached,
            Some(incident.id),
            None,
            user.username.as_str(),
        )
        .await?;
    Ok(Redirect::to("/stories"))
}

#[derive(Deserialize)]
pub struct NewIncidentForm {
    slug: String,
    title: String,
}

/// Starts a new incident from the story: its words become the first narrative.
pub async fn to_incident(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Path(id): Path<i64>,
    Form(form): Form<NewIncidentForm>,
) -> Result<Redirect, AppError> {
    let story = waiting_story(&state, &user, id).await?;
    let slug = Slug::parse(form.slug.trim()).map_err(|e| AppError::BadRequest(e.to_string()))?;
    if form.title.trim().is_empty() {
        return Err(AppError::BadRequest("a new incident needs a title".into()));
    }
    let mut new = NewIncident::new(slug, form.title.trim());
    new.summary = story.about.clone();
    let incident = state.store().create_incident(&new).await?;
    let narrative = format!(
        "## {}\n\nAs {} told it:\n\n{}",
        story.title.replace('#', "\\#"),
        story.author,
        story.body
    );
    state
        .store()
        .save_narrative(
            incident.id,
            None,
            &narrative,
            user.username.as_str(),
            &Default::default(),
        )
        .await?;
    state
        .store()
        .mark_story(
            id,
            StoryStatus::Incident,
            Some(incident.id),
            None,
            user.username.as_str(),
        )
        .await?;
    Ok(Redirect::to(&format!("/incidents/{}", incident.slug)))
}
