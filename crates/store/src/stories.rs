//! Stories from anyone: what a person remembers of an incident, submitted by every signed-in
//! person, then handled by an analyst: turned into a perspective (only with the author's
//! consent), attached to an incident, or the start of a new incident. A story about a
//! restricted incident is seen only by those who may see that incident (`VISIBLE_TO`).

use lore_core::{Account, Role};
use time::OffsetDateTime;

use crate::incidents::VISIBLE_TO;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// Longest title, in characters.
pub const MAX_STORY_TITLE: usize = 200;
/// Longest description of an incident Lore has no record of, in characters.
pub const MAX_STORY_ABOUT: usize = 500;
/// Longest story, in bytes (its Markdown is also checked against the render limits).
pub const MAX_STORY_BYTES: usize = 64 * 1024;

/// A story as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStory {
    /// The incident it is about, when Lore has it.
    pub incident_id: Option<i64>,
    /// Otherwise, which incident: "the payments outage in spring 2019".
    pub about: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// The author agrees that it may be published as their perspective.
    pub consent: bool,
}

/// What became of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryStatus {
    New,
    /// Published as the author's perspective.
    Perspective,
    /// Linked to an incident, not published.
    Attached,
    /// A new incident was started from it.
    Incident,
}

impl StoryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StoryStatus::New => "new",
            StoryStatus::Perspective => "perspective",
            StoryStatus::Attached => "attached",
            StoryStatus::Incident => "incident",
        }
    }

    fn parse(s: &str) -> Result<StoryStatus> {
        Ok(match s {
            "new" => StoryStatus::New,
            "perspective" => StoryStatus::Perspective,
            "attached" => StoryStatus::Attached,
            "incident" => StoryStatus::Incident,
            other => return Err(StoreError::Corrupt(format!("story status {other:?}"))),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: i64,
    pub author: String,
    pub incident_slug: Option<String>,
    pub incident_title: Option<String>,
    pub about: String,
    pub title: String,
    pub body: String,
    pub consent: bool,
    pub status: StoryStatus,
    pub perspective_id: Option<i64>,
    pub handled_by: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct StoryRow {
    id: i64,
    author: String,
    incident_slug: Option<String>,
    incident_title: Option<String>,
    about: String,
    title: String,
    body: String,
    consent: bool,
    status: String,
    perspective_id: Option<i64>,
    handled_by: Option<String>,
    created_at: DbTime,
}

impl StoryRow {
    fn into_story(self) -> Result<Story> {
        Ok(Story {
            id: self.id,
            author: self.author,
            incident_slug: self.incident_slug,
            incident_title: self.incident_title,
            about: self.about,
            title: self.title,
            body: self.body,
            consent: self.consent,
            status: StoryStatus::parse(&self.status)?,
            perspective_id: self.perspective_id,
            handled_by: self.handled_by,
            created_at: self.created_at.0,
        })
    }
}

const SELECT_STORY: &str = "SELECT s.id, a.username AS author, incidents.slug AS incident_slug, \
     incidents.title AS incident_title, s.about, s.title, s.body, s.consent, s.status, \
     s.perspective_id, s.handled_by, s.created_at \
     FROM stories s JOIN accounts a ON a.id = s.author_id \
     LEFT JOIN incidents ON incidents.id = s.incident_id";

/// Stories whose incident the account may see (or that name none).
const STORY_VISIBLE: &str = "(s.incident_id IS NULL OR (SELECT COUNT(*) FROM incidents \
     WHERE incidents.id = s.incident_id AND {VISIBLE}) > 0)";

impl NewStory {
    /// Checks sizes and that the story says which incident it is about.
    pub fn validate(&self) -> Result<()> {
        let invalid = |m: &str| Err(StoreError::Invalid(m.to_owned()));
        if self.title.trim().is_empty() || self.title.chars().count() > MAX_STORY_TITLE {
            return invalid("a story needs a title of at most 200 characters");
        }
        if self.body.trim().is_empty() || self.body.len() > MAX_STORY_BYTES {
            return invalid("a story needs words, at most 64 KiB of them");
        }
        if self.about.chars().count() > MAX_STORY_ABOUT {
            return invalid("say which incident in at most 500 characters");
        }
        if self.incident_id.is_none() && self.about.trim().is_empty() {
            return invalid("say which incident the story is about: choose one, or describe it");
        }
        Ok(())
    }
}

impl Store {
    /// Submits a story; returns its id.
    pub async fn submit_story(&self, author: &Account, new: &NewStory) -> Result<i64> {
        new.validate()?;
        Ok(with_write_tx!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO stories (author_id, incident_id, about, title, body, consent, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(author.id)
            .bind(new.incident_id)
            .bind(new.about.trim())
            .bind(new.title.trim())
            .bind(&new.body)
            .bind(new.consent)
            .bind(self.db_now())
            .fetch_one(&mut *tx)
            .await?;
            id
        }))
    }

    /// The stories waiting for an analyst, oldest first, that this account may see.
    pub async fn stories_to_handle(&self, account: &Account) -> Result<Vec<Story>> {
        self.stories_where(account, "s.status = 'new'", "s.created_at, s.id")
            .await
    }

    /// The account's own stories, newest first.
    pub async fn my_stories(&self, account: &Account) -> Result<Vec<Story>> {
        self.stories_where(account, "s.author_id = $2", "s.created_at DESC, s.id DESC")
            .await
    }

    /// One story, if the account may see it.
    pub async fn story(&self, id: i64, account: &Account) -> Result<Option<Story>> {
        let admin = account.role == Role::Admin;
        let sql = format!(
            "{SELECT_STORY} WHERE s.id = $3 AND {}",
            STORY_VISIBLE.replace("{VISIBLE}", VISIBLE_TO)
        );
        let row: Option<StoryRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(admin).bind(account.id).bind(id).fetch_optional(pool).await
        })?;
        row.map(StoryRow::into_story).transpose()
    }

    async fn stories_where(
        &self,
        account: &Account,
        condition: &str,
        order: &str,
    ) -> Result<Vec<Story>> {
        let admin = account.role == Role::Admin;
        let sql = format!(
            "{SELECT_STORY} WHERE {condition} AND {} ORDER BY {order} LIMIT 500",
            STORY_VISIBLE.replace("{VISIBLE}", VISIBLE_TO)
        );
        let rows: Vec<StoryRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(admin).bind(account.id).fetch_all(pool).await
        })?;
        rows.into_iter().map(StoryRow::into_story).collect()
    }

    /// Records what an analyst made of a new story. Refused (`Invalid`) when the story was
    /// handled already, or when it would become a perspective without the author's consent.
    pub async fn mark_story(
        &self,
        id: i64,
        status: StoryStatus,
        incident_id: Option<i64>,
        perspective_id: Option<i64>,
        by: &str,
    ) -> Result<()> {
        let done: u64 = with_write_tx!(&self.db, tx => {
            sqlx::query(
                "UPDATE stories SET status = $1, incident_id = COALESCE($2, incident_id), \
                 perspective_id = $3, handled_by = $4, handled_at = $5 \
                 WHERE id = $6 AND status = 'new' AND ($1 <> 'perspective' OR consent)",
            )
            .bind(status.as_str())
            .bind(incident_id)
            .bind(perspective_id)
            .bind(by)
            .bind(self.db_now())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::Invalid(
                "this story was handled already, or its author did not agree to publish it".into(),
            ));
        }
        Ok(())
    }
}
