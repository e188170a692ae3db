//! Comments on an incident: every signed-in person who may see it may comment, reply, edit
//! their own comments (each earlier text kept and shown) and remove them (admins any); a
//! removed comment stays in its thread as "comment removed". Each is rendered as safe
//! Markdown through the prose pipeline. The section ends with the long tail: how many came
//! more than 30, 90 and 365 days after the incident ended.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use lore_core::search::narrative_sections;
use lore_core::{Account, Comment, CommentAnchor, LongTail, NewComment, Role};
use lore_render::SafeHtml;
use serde::Deserialize;

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::{iso, utc_text};
use crate::incident_access::{IncidentRecord, Visible};
use crate::pages::Choice;
use crate::prose::{Prose, off_the_workers, within_limits};
use crate::state::AppState;

/// Replies are indented up to this depth; deeper ones sit at it.
const MAX_DEPTH: usize = 4;

/// An earlier text of a comment.
pub struct VersionView {
    pub written: String,
    pub html: SafeHtml,
}

/// A comment as the incident page shows it, in thread order.
pub struct CommentView {
    pub id: i64,
    pub depth: usize,
    pub author: String,
    pub written: String,
    pub written_iso: String,
    pub edited: Option<String>,
    /// `None` once removed.
    pub html: Option<SafeHtml>,
    /// The Markdown, for the edit form.
    pub body: String,
    /// What it is about: the words and the place on the page.
    pub anchor: Option<(String, String)>,
    /// The comment it answers: its id and author.
    pub reply_to: Option<(i64, String)>,
    pub history: Vec<VersionView>,
    pub can_edit: bool,
    pub can_remove: bool,
}

pub struct CommentsView {
    pub comments: Vec<CommentView>,
    /// What a new comment may be about: sections, moments and perspectives.
    pub anchors: Vec<Choice>,
    pub long_tail: LongTail,
    /// Whether the incident has a time the long tail counts from.
    pub has_end: bool,
}

impl CommentsView {
    pub fn build(user: &Account, record: &IncidentRecord, prose: &Prose<'_>) -> Self {
        let sections: Vec<(String, String)> = record
            .narrative
            .as_ref()
            .map(|n| {
                narrative_sections(&n.body)
                    .into_iter()
                    .filter(|s| !s.anchor.is_empty())
                    .map(|s| (s.anchor, s.heading))
                    .collect()
            })
            .unwrap_or_default();
        let perspectives: HashMap<i64, &str> = record
            .perspectives
            .iter()
            .map(|p| (p.id, p.person.as_str()))
            .collect();
        let describe = |a: &CommentAnchor| match a {
            CommentAnchor::Section(anchor) => {
                let heading = sections
                    .iter()
                    .find(|s| s.0 == *anchor)
                    .map_or(anchor.as_str(), |s| s.1.as_str());
                (format!("on section “{heading}”"), anchor.clone())
            }
            CommentAnchor::Entry(id) => (format!("on entry #{id}"), format!("entry-{id}")),
            CommentAnchor::Moment(id) => (format!("on moment #{id}"), format!("moment-{id}")),
            CommentAnchor::Perspective(id) => (
                format!(
                    "on {}'s perspective",
                    perspectives.get(id).copied().unwrap_or("a")
                ),
                format!("perspective-{id}"),
            ),
        };
        let by_id: HashMap<i64, &Comment> = record.comments.iter().map(|c| (c.id, c)).collect();
        let mut children: HashMap<Option<i64>, Vec<&Comment>> = HashMap::new();
        for c in &record.comments {
            // A parent that is not listed cannot happen (same incident, kept when removed).
            let parent = c.parent_id.filter(|p| by_id.contains_key(p));
            children.entry(parent).or_default().push(c);
        }
        let mut ordered = Vec::with_capacity(record.comments.len());
        let mut stack: Vec<(&Comment, usize)> = children
            .get(&None)
            .map(|v| v.iter().rev().map(|c| (*c, 0)).collect())
            .unwrap_or_default();
        while let Some((c, depth)) = stack.pop() {
            ordered.push((c, depth));
            if let Some(replies) = children.get(&Some(c.id)) {
                stack.extend(replies.iter().rev().map(|r| (*r, depth + 1)));
            }
        }
        let render = |id: i64, body: &str| {
            prose
                .render(body, &format!("comment-{id}-diagram"), &[])
                .html
        };
        let comments = ordered
            .into_iter()
            .map(|(c, depth)| {
                let mine = c.author == user.username.as_str();
                let live = c.removed.is_none();
                CommentView {
                    id: c.id,
                    depth: depth.min(MAX_DEPTH),
                    author: c.author.clone(),
                    written: utc_text(c.created_at),
                    written_iso: iso(c.created_at),
                    edited: c.edited_at.map(utc_text),
                    html: live.then(|| render(c.id, &c.body)),
                    body: c.body.clone(),
                    anchor: c.anchor.as_ref().map(describe),
                    reply_to: c
                        .parent_id
                        .and_then(|p| by_id.get(&p))
                        .map(|p| (p.id, p.author.clone())),
                    history: c
                        .history
                        .iter()
                        .map(|v| VersionView {
                            written: utc_text(v.written_at),
                            html: render(c.id, &v.body),
                        })
                        .collect(),
                    can_edit: live && mine,
                    can_remove: live && (mine || user.role == Role::Admin),
                }
            })
            .collect();
        let choice = |value: String, label: String| Choice {
            value,
            label,
            selected: false,
        };
        let anchors = sections
            .iter()
            .map(|(anchor, heading)| {
                choice(format!("section:{anchor}"), format!("Section: {heading}"))
            })
            .chain(record.annotations.iter().map(|a| {
                choice(
                    format!("moment:{}", a.id),
                    format!("Moment #{}: {}", a.id, a.label()),
                )
            }))
            .chain(record.perspectives.iter().map(|p| {
                choice(
                    format!("perspective:{}", p.id),
                    format!("{}'s perspective", p.person),
                )
            }))
            .collect();
        CommentsView {
            comments,
            anchors,
            long_tail: record.long_tail,
            has_end: LongTail::ended(&record.incident.times).is_some(),
        }
    }
}

#[derive(Deserialize)]
pub struct CommentForm {
    body: String,
    /// The comment replied to.
    #[serde(default)]
    parent: String,
    /// `section:ANCHOR`, `moment:ID`, `perspective:ID`, or empty.
    #[serde(default)]
    on: String,
    /// An entry's number (`#123` on the timeline): anchors to it, over `on`.
    #[serde(default)]
    entry: String,
}

impl CommentForm {
    fn anchor(&self) -> Result<Option<CommentAnchor>, AppError> {
        let entry = self.entry.trim().trim_start_matches('#');
        let text = if entry.is_empty() {
            self.on.clone()
        } else {
            format!("entry:{entry}")
        };
        Ok(CommentAnchor::parse(&text)?)
    }

    fn parent(&self) -> Result<Option<i64>, AppError> {
        let p = self.parent.trim();
        if p.is_empty() {
            return Ok(None);
        }
        p.parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest("a reply names the comment it answers".into()))
    }
}

/// Finds what a comment's text refers to (links to incidents, glossary terms) off the workers.
async fn references(
    state: &AppState,
    body: String,
) -> Result<(String, lore_core::References), AppError> {
    lore_core::validate_comment_body(&body)?;
    within_limits("a comment", &body)?;
    let glossary = state.store().glossary().await?;
    off_the_workers(state, move || {
        let refs = lore_render::references(&body, &glossary);
        (body, refs)
    })
    .await
}

/// Adds a comment or a reply: anyone who may read the incident may comment.
pub async fn add_comment(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Form(form): Form<CommentForm>,
) -> Result<Redirect, AppError> {
    let (user, incident) = (&seen.user, &seen.incident);
    let (anchor, parent_id) = (form.anchor()?, form.parent()?);
    let (body, refs) = references(&state, form.body).await?;
    let new = NewComment {
        incident_id: incident.id,
        author: user.username.to_string(),
        body,
        parent_id,
        anchor,
        created_at: time::OffsetDateTime::now_utc(),
    };
    let id = state.store().add_comment(&new, &refs).await?;
    tracing::info!(user = %user.username, incident = %incident.slug, comment = id, "comment added");
    Ok(Redirect::to(&format!(
        "/incidents/{}#comment-{id}",
        incident.slug
    )))
}

#[derive(Deserialize)]
pub struct EditForm {
    body: String,
}

#[derive(Deserialize)]
pub struct CommentPath {
    #[allow(dead_code)]
    slug: String,
    id: i64,
}

/// The comment as stored, or 404 when it is not one of this incident's.
async fn find(state: &AppState, incident_id: i64, id: i64) -> Result<Comment, AppError> {
    state
        .store()
        .comments(incident_id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound)
}

/// Replaces the text of one's own comment; the earlier text is kept.
pub async fn edit_comment(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path(path): Path<CommentPath>,
    Form(form): Form<EditForm>,
) -> Result<Redirect, AppError> {
    let (user, incident) = (&seen.user, &seen.incident);
    let comment = find(&state, incident.id, path.id).await?;
    if comment.author != user.username.as_str() || comment.removed.is_some() {
        return Err(AppError::Forbidden);
    }
    let (body, refs) = references(&state, form.body).await?;
    state
        .store()
        .edit_comment(incident.id, path.id, user, &body, &refs)
        .await?;
    Ok(Redirect::to(&format!(
        "/incidents/{}#comment-{}",
        incident.slug, path.id
    )))
}

/// Removes one's own comment (admins: any); it stays in the thread as "comment removed".
pub async fn remove_comment(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path(path): Path<CommentPath>,
) -> Result<Redirect, AppError> {
    let (user, incident) = (&seen.user, &seen.incident);
    let comment = find(&state, incident.id, path.id).await?;
    if comment.author != user.username.as_str() && user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    state
        .store()
        .remove_comment(incident.id, path.id, user)
        .await?;
    tracing::info!(user = %user.username, incident = %incident.slug, comment = path.id, "comment removed");
    Ok(Redirect::to(&format!(
        "/incidents/{}#comment-{}",
        incident.slug, path.id
    )))
}
