//! Comments on an incident: every signed-in person who may see it may comment, reply, edit
//! their own comments (each earlier text kept and shown) and remove them (admins any); a
//! removed comment stays in its thread as "comment removed". Each is rendered as safe
//! Markdown through the prose pipeline. The section ends with the long tail: how many came
//! more than 30, 90 and 365 days after the incident ended.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, Redirect};
use lore_core::search::narrative_sections;
use lore_core::{Account, Comment, CommentAnchor, LongTail, NewComment, Role};
use lore_render::SafeHtml;
use serde::Deserialize;

use crate::auth::Reader;
use crate::error::AppError;
use crate::format::{iso, utc_text};
use crate::incident_access::{IncidentRecord, Needs, Visible};
use crate::pages::{Choice, UserView, render};
use crate::prose::{Prose, off_the_workers, within_limits};
use crate::state::AppState;

/// Replies are indented up to this depth; deeper ones sit at it.
const MAX_DEPTH: usize = 4;
/// Comments on the incident page and on each page of `/incidents/{slug}/comments`.
pub const COMMENTS_PER_PAGE: u32 = 50;
/// Markdown a page of comments renders, in bytes; texts past it show as plain text, so that
/// no number of long comments or edits makes a page cost more than this much rendering.
pub const COMMENT_RENDER_BUDGET: usize = 256 * 1024;

/// A comment's text as shown: rendered Markdown, or (past the page's budget) the Markdown
/// as plain text.
pub enum CommentText {
    Html(SafeHtml),
    Plain(String),
}

/// An earlier text of a comment.
pub struct VersionView {
    pub written: String,
    pub text: CommentText,
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
    pub text: Option<CommentText>,
    /// The Markdown, for the edit form.
    pub body: String,
    /// What it is about: the words and the address of the place.
    pub anchor: Option<(String, String)>,
    /// The comment it answers: its address and author.
    pub reply_to: Option<(String, String)>,
    /// The latest earlier texts, and how many older ones are not shown.
    pub history: Vec<VersionView>,
    pub older_versions: u64,
    pub can_edit: bool,
    pub can_remove: bool,
}

pub struct CommentsView {
    pub comments: Vec<CommentView>,
    /// The pages before and after this one: address and words.
    pub previous: Option<(String, String)>,
    pub next: Option<(String, String)>,
    /// Comments on the incident, on every page.
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// What a new comment may be about: sections, moments and perspectives.
    pub anchors: Vec<Choice>,
    pub long_tail: LongTail,
    /// Whether the incident has a time the long tail counts from.
    pub has_end: bool,
}

impl CommentsView {
    /// `page` of the comments; `on_incident_page` keeps links to the incident's own places
    /// as fragments, so they keep the reader's filters.
    pub fn build(
        user: &Account,
        record: &IncidentRecord,
        prose: &Prose<'_>,
        page: u32,
        on_incident_page: bool,
    ) -> Self {
        let slug = record.incident.slug.as_str();
        let here = if on_incident_page {
            String::new()
        } else {
            format!("/incidents/{slug}")
        };
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
                (
                    format!("on section “{heading}”"),
                    format!("{here}#{anchor}"),
                )
            }
            CommentAnchor::Entry(id) => (format!("on entry #{id}"), format!("{here}#entry-{id}")),
            CommentAnchor::Moment(id) => {
                (format!("on moment #{id}"), format!("{here}#moment-{id}"))
            }
            CommentAnchor::Perspective(id) => (
                format!(
                    "on {}'s perspective",
                    perspectives.get(id).copied().unwrap_or("a")
                ),
                format!("{here}#perspective-{id}"),
            ),
        };
        let listed = &record.comments.comments;
        let by_id: HashMap<i64, &Comment> = listed.iter().map(|c| (c.id, c)).collect();
        let mut children: HashMap<Option<i64>, Vec<&Comment>> = HashMap::new();
        for c in listed {
            // A parent that is not listed cannot happen (same incident, kept when removed).
            let parent = c.parent_id.filter(|p| by_id.contains_key(p));
            children.entry(parent).or_default().push(c);
        }
        let mut ordered = Vec::with_capacity(listed.len());
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
        let budget = std::cell::Cell::new(COMMENT_RENDER_BUDGET);
        let render = |id: i64, body: &str| {
            if body.len() > budget.get() {
                return CommentText::Plain(body.to_owned());
            }
            budget.set(budget.get() - body.len());
            CommentText::Html(
                prose
                    .render(body, &format!("comment-{id}-diagram"), &[])
                    .html,
            )
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
                    text: live.then(|| render(c.id, &c.body)),
                    body: c.body.clone(),
                    anchor: c.anchor.as_ref().map(describe),
                    reply_to: c.parent_id.and_then(|p| match by_id.get(&p) {
                        Some(parent) => Some((format!("#comment-{p}"), parent.author.clone())),
                        None => record.comments.earlier_parents.get(&p).map(|author| {
                            (format!("/incidents/{slug}/comments/{p}"), author.clone())
                        }),
                    }),
                    history: c
                        .history
                        .iter()
                        .map(|v| VersionView {
                            written: utc_text(v.written_at),
                            text: render(c.id, &v.body),
                        })
                        .collect(),
                    older_versions: record
                        .comments
                        .versions_not_shown
                        .get(&c.id)
                        .copied()
                        .unwrap_or(0),
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
        let total = record.comments.total;
        let per_page = u64::from(COMMENTS_PER_PAGE);
        let pages = total.div_ceil(per_page).max(1) as u32;
        let href = |p: u32| {
            if p == 1 {
                format!("/incidents/{slug}#comments")
            } else {
                format!("/incidents/{slug}/comments?page={p}")
            }
        };
        let previous = (page > 1).then(|| (href(page - 1), "Earlier comments".to_owned()));
        let next = (page < pages).then(|| {
            let after = u64::from(page) * per_page;
            let count = (total - after).min(per_page);
            (
                href(page + 1),
                format!(
                    "The next {count} of {total} comments (page {} of {pages})",
                    page + 1
                ),
            )
        });
        CommentsView {
            comments,
            previous,
            next,
            total,
            page,
            pages,
            anchors,
            long_tail: record.long_tail,
            has_end: LongTail::ended(&record.incident.times).is_some(),
        }
    }
}

/// `/incidents/{slug}/comments?page=N`: every comment, a page at a time.
#[derive(Template)]
#[template(path = "comments.html")]
pub struct CommentsPage {
    pub user: Option<UserView>,
    pub slug: String,
    pub title: String,
    pub comments: CommentsView,
}

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<u32>,
}

/// One page of the incident's comments, rendered off the workers within the page's budget.
pub async fn comments_page(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Query(query): Query<PageQuery>,
) -> Result<Html<String>, AppError> {
    let page = query.page.unwrap_or(1).max(1);
    // Not the whole timeline: the entries the texts cite and the diagrams their blocks draw
    // are read for them, as on the incident page, so a big incident's comments cost the same.
    let needs = Needs {
        narrative: true,
        annotations: true,
        perspectives: true,
        glossary: true,
        sources: true,
        ..Needs::default()
    };
    let (mut record, comments) = tokio::try_join!(seen.load(&state, needs), async {
        Ok(state
            .store()
            .comments_page(seen.incident.id, page, COMMENTS_PER_PAGE)
            .await?)
    })?;
    if comments.comments.is_empty() && page > 1 {
        return Err(AppError::NotFound);
    }
    record.comments = comments;
    let (store, cache) = (state.store(), state.render_cache());
    let (cited, blocks) = tokio::try_join!(
        crate::pages::incident::window::cited_entries(store, &record),
        crate::pages::incident::window::block_diagrams(store, cache, &record),
    )?;
    record.timeline = cited;
    record.block_diagrams = blocks;
    let user = seen.user.clone();
    let shared = state.clone();
    let html = off_the_workers(&state, move || {
        let prose = Prose::new(&record, shared.render_cache());
        render(&CommentsPage {
            user: Some((&user).into()),
            slug: record.incident.slug.to_string(),
            title: record.incident.title.clone(),
            comments: CommentsView::build(&user, &record, &prose, page, false),
        })
    })
    .await?;
    Ok(Html(html))
}

/// `/incidents/{slug}/comments/{id}`: the comment on the page that holds it.
pub async fn comment_permalink(
    State(state): State<AppState>,
    seen: Visible<Reader>,
    Path(path): Path<CommentPath>,
) -> Result<Redirect, AppError> {
    let position = state
        .store()
        .comment_position(seen.incident.id, path.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&comment_address(
        seen.incident.slug.as_str(),
        path.id,
        position,
    )))
}

/// Where comment `id`, the `position`-th written, is shown.
fn comment_address(slug: &str, id: i64, position: u64) -> String {
    let page = position.saturating_sub(1) / u64::from(COMMENTS_PER_PAGE) + 1;
    if page == 1 {
        format!("/incidents/{slug}#comment-{id}")
    } else {
        format!("/incidents/{slug}/comments?page={page}#comment-{id}")
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
    redirect_to_comment(&state, incident, id).await
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

/// Back to the comment, on the page that holds it.
async fn redirect_to_comment(
    state: &AppState,
    incident: &lore_core::Incident,
    id: i64,
) -> Result<Redirect, AppError> {
    let position = state
        .store()
        .comment_position(incident.id, id)
        .await?
        .unwrap_or(1);
    Ok(Redirect::to(&comment_address(
        incident.slug.as_str(),
        id,
        position,
    )))
}

/// The comment as stored, or 404 when it is not one of this incident's.
async fn find(state: &AppState, incident_id: i64, id: i64) -> Result<Comment, AppError> {
    state
        .store()
        .comment(incident_id, id)
        .await?
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
    redirect_to_comment(&state, incident, path.id).await
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
    redirect_to_comment(&state, incident, path.id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_is_found_on_the_page_that_holds_it() {
        assert_eq!(comment_address("x", 7, 1), "/incidents/x#comment-7");
        assert_eq!(comment_address("x", 7, 50), "/incidents/x#comment-7");
        assert_eq!(
            comment_address("x", 9, 51),
            "/incidents/x/comments?page=2#comment-9"
        );
        assert_eq!(
            comment_address("x", 9, 101),
            "/incidents/x/comments?page=3#comment-9"
        );
    }
}
