//! Comments on an incident (see `lore_core::Comment`): added, edited (each earlier text kept
//! in `comment_versions`), removed (the row stays, its text gone, so replies keep their place)
//! and listed, with the long tail. Each write replaces the comment's search document and the
//! links it makes (`TextSource::Comment`) in the same transaction.

use std::collections::HashMap;

use lore_core::search::narrative_sections;
use lore_core::{
    Account, Comment, CommentAnchor, CommentVersion, Incident, LongTail, NewComment, References,
    Role, TextSource,
};

use crate::links::replace_references;
use crate::search::index::{Doc, Owner, comment_doc, replace_docs};
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    incident_id: i64,
    parent_id: Option<i64>,
    author: String,
    body: String,
    anchor_kind: Option<String>,
    anchor_section: Option<String>,
    anchor_id: Option<i64>,
    created_at: DbTime,
    edited_at: Option<DbTime>,
    removed_by: Option<String>,
    removed_at: Option<DbTime>,
}

/// The columns a [`CommentRow`] reads.
const COMMENT_COLUMNS: &str = "id, incident_id, parent_id, author, body, anchor_kind, \
     anchor_section, anchor_id, created_at, edited_at, removed_by, removed_at";

/// The most earlier texts of one comment a page shows (the latest).
pub const VERSIONS_SHOWN: i64 = 3;

/// One page of an incident's comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentPage {
    pub comments: Vec<Comment>,
    /// Comments on the incident, on every page.
    pub total: u64,
    /// Comments with more earlier texts than [`VERSIONS_SHOWN`]: how many more.
    pub versions_not_shown: HashMap<i64, u64>,
    /// The author of each comment on an earlier page that a comment here replies to.
    pub earlier_parents: HashMap<i64, String>,
}

/// Comments with their earlier texts (`versions` in the order written).
fn with_history(rows: Vec<CommentRow>, versions: Vec<(i64, String, DbTime)>) -> Vec<Comment> {
    let mut history: HashMap<i64, Vec<CommentVersion>> = HashMap::new();
    for (comment_id, body, written_at) in versions {
        history.entry(comment_id).or_default().push(CommentVersion {
            body,
            written_at: written_at.into(),
        });
    }
    rows.into_iter()
        .map(|r| Comment {
            id: r.id,
            incident_id: r.incident_id,
            author: r.author,
            body: r.body,
            parent_id: r.parent_id,
            anchor: r
                .anchor_kind
                .and_then(|k| CommentAnchor::from_stored(&k, r.anchor_section, r.anchor_id)),
            created_at: r.created_at.into(),
            edited_at: r.edited_at.map(Into::into),
            removed: r.removed_by.zip(r.removed_at.map(Into::into)),
            history: history.remove(&r.id).unwrap_or_default(),
        })
        .collect()
}

/// The state of one comment a write reads before changing it.
#[derive(sqlx::FromRow)]
struct Current {
    author: String,
    body: String,
    created_at: DbTime,
    edited_at: Option<DbTime>,
    removed_at: Option<DbTime>,
}

const CURRENT: &str = "SELECT author, body, created_at, edited_at, removed_at FROM comments \
                       WHERE id = $1 AND incident_id = $2";

/// Checks, inside a write, that an anchor names something of this incident: a section of its
/// current narrative, or one of its entries, moments or perspectives.
macro_rules! check_anchor {
    ($tx:expr, $incident_id:expr, $anchor:expr) => {{
        let (incident_id, anchor): (i64, &CommentAnchor) = ($incident_id, $anchor);
        let found = match anchor {
            CommentAnchor::Section(wanted) => {
                let body: Option<(String,)> = sqlx::query_as(
                    "SELECT body FROM narratives WHERE incident_id = $1 \
                     ORDER BY version DESC LIMIT 1",
                )
                .bind(incident_id)
                .fetch_optional(&mut *$tx)
                .await?;
                body.is_some_and(|(body,)| {
                    narrative_sections(&body)
                        .iter()
                        .any(|s| !s.anchor.is_empty() && s.anchor == *wanted)
                })
            }
            other => {
                let sql = match other {
                    CommentAnchor::Entry(_) => {
                        "SELECT COUNT(*) FROM timeline_entries WHERE id = $1 AND incident_id = $2"
                    }
                    CommentAnchor::Moment(_) => {
                        "SELECT COUNT(*) FROM annotations WHERE id = $1 AND incident_id = $2"
                    }
                    _ => "SELECT COUNT(*) FROM perspectives WHERE id = $1 AND incident_id = $2",
                };
                let (n,): (i64,) = sqlx::query_as(sql)
                    .bind(other.id().unwrap_or(0))
                    .bind(incident_id)
                    .fetch_one(&mut *$tx)
                    .await?;
                n > 0
            }
        };
        if !found {
            return Err(StoreError::Invalid(format!(
                "a comment can be anchored only to a {} of this incident",
                anchor.kind()
            )));
        }
    }};
}

impl Store {
    /// Adds a comment and what it refers to (`refs`, found by the caller) in one transaction.
    /// Its parent and anchor must belong to the same incident (`Invalid` otherwise).
    pub async fn add_comment(&self, new: &NewComment, refs: &References) -> Result<i64> {
        lore_core::validate_comment_body(&new.body)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        Ok(with_write_tx!(&self.db, tx => {
            if let Some(parent) = new.parent_id {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM comments WHERE id = $1 AND incident_id = $2",
                )
                .bind(parent)
                .bind(new.incident_id)
                .fetch_one(&mut *tx)
                .await?;
                if n == 0 {
                    return Err(StoreError::Invalid(
                        "a reply must answer a comment on the same incident".into(),
                    ));
                }
            }
            if let Some(anchor) = &new.anchor {
                check_anchor!(tx, new.incident_id, anchor);
            }
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO comments (incident_id, parent_id, author, body, anchor_kind, \
                 anchor_section, anchor_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(new.incident_id)
            .bind(new.parent_id)
            .bind(&new.author)
            .bind(&new.body)
            .bind(new.anchor.as_ref().map(CommentAnchor::kind))
            .bind(new.anchor.as_ref().and_then(CommentAnchor::section))
            .bind(new.anchor.as_ref().and_then(CommentAnchor::id))
            .bind(DbTime::from(new.created_at))
            .fetch_one(&mut *tx)
            .await?;
            replace_references!(tx, new.incident_id, TextSource::Comment(id), refs);
            replace_docs!(
                tx,
                Owner::Comment(id),
                [comment_doc(id, new.incident_id, &new.author, &new.body)]
            );
            id
        }))
    }

    /// Replaces a comment's text, keeping the text it replaces as an earlier version. Only
    /// its author may edit it, and not once removed (`Invalid`); a comment not on this
    /// incident is `NotFound`.
    pub async fn edit_comment(
        &self,
        incident_id: i64,
        id: i64,
        editor: &Account,
        body: &str,
        refs: &References,
    ) -> Result<()> {
        lore_core::validate_comment_body(body).map_err(|e| StoreError::Invalid(e.to_string()))?;
        with_write_tx!(&self.db, tx => {
            let current: Current = sqlx::query_as(CURRENT)
                .bind(id)
                .bind(incident_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("comment {id}")))?;
            if current.removed_at.is_some() {
                return Err(StoreError::Invalid("a removed comment cannot be edited".into()));
            }
            if current.author != editor.username.as_str() {
                return Err(StoreError::Invalid("only its author may edit a comment".into()));
            }
            sqlx::query(
                "INSERT INTO comment_versions (comment_id, body, written_at) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(&current.body)
            .bind(current.edited_at.unwrap_or(current.created_at))
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3")
                .bind(body)
                .bind(self.db_now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            replace_references!(tx, incident_id, TextSource::Comment(id), refs);
            replace_docs!(
                tx,
                Owner::Comment(id),
                [comment_doc(id, incident_id, &current.author, body)]
            );
        });
        Ok(())
    }

    /// Removes a comment's text (its author, or an admin): the comment stays in its thread as
    /// removed, with its replies; its earlier versions, links and search document go.
    pub async fn remove_comment(&self, incident_id: i64, id: i64, by: &Account) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            let current: Current = sqlx::query_as(CURRENT)
                .bind(id)
                .bind(incident_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("comment {id}")))?;
            if current.author != by.username.as_str() && by.role != Role::Admin {
                return Err(StoreError::Invalid(
                    "only its author or an admin may remove a comment".into(),
                ));
            }
            if current.removed_at.is_none() {
                sqlx::query(
                    "UPDATE comments SET body = '', removed_by = $1, removed_at = $2 WHERE id = $3",
                )
                .bind(by.username.as_str())
                .bind(self.db_now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM comment_versions WHERE comment_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                replace_references!(tx, incident_id, TextSource::Comment(id), &References::default());
                replace_docs!(tx, Owner::Comment(id), Vec::<Doc>::new());
            }
        });
        Ok(())
    }

    /// An incident's comments in the order they were written, each with its earlier texts:
    /// everything, for rebuilding the search index. Pages use [`Store::comments_page`].
    pub async fn comments(&self, incident_id: i64) -> Result<Vec<Comment>> {
        let rows: Vec<CommentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COMMENT_COLUMNS} FROM comments WHERE incident_id = $1 ORDER BY id"
            )))
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let versions: Vec<(i64, String, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT v.comment_id, v.body, v.written_at FROM comment_versions v \
                 JOIN comments c ON c.id = v.comment_id WHERE c.incident_id = $1 \
                 ORDER BY v.id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(with_history(rows, versions))
    }

    /// One comment of the incident, without its earlier texts.
    pub async fn comment(&self, incident_id: i64, id: i64) -> Result<Option<Comment>> {
        let row: Option<CommentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COMMENT_COLUMNS} FROM comments WHERE incident_id = $1 AND id = $2"
            )))
            .bind(incident_id)
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(with_history(row.into_iter().collect(), Vec::new()).pop())
    }

    /// Where the incident's comment `id` is in the order they were written (from 1), or
    /// `None` when it is not one of the incident's: which page holds it.
    pub async fn comment_position(&self, incident_id: i64, id: i64) -> Result<Option<u64>> {
        let (exists, before): (i64, i64) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM comments WHERE incident_id = $1 AND id = $2), \
                 (SELECT COUNT(*) FROM comments WHERE incident_id = $1 AND id <= $2)",
            )
            .bind(incident_id)
            .bind(id)
            .fetch_one(pool)
            .await
        })?;
        Ok((exists > 0).then_some(before.max(0) as u64))
    }

    /// One page of an incident's comments in the order they were written (`page` from 1),
    /// each with at most its [`VERSIONS_SHOWN`] latest earlier texts: what a page shows, read
    /// in bounded work however many comments and edits there are.
    pub async fn comments_page(
        &self,
        incident_id: i64,
        page: u32,
        per_page: u32,
    ) -> Result<CommentPage> {
        let per_page = i64::from(per_page.max(1));
        let offset = i64::from(page.max(1) - 1) * per_page;
        let (total,): (i64,) = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT COUNT(*) FROM comments WHERE incident_id = $1")
                .bind(incident_id)
                .fetch_one(pool)
                .await
        })?;
        let rows: Vec<CommentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COMMENT_COLUMNS} FROM comments WHERE incident_id = $1 \
                 ORDER BY id LIMIT $2 OFFSET $3"
            )))
            .bind(incident_id)
            .bind(per_page)
            .bind(offset)
            .fetch_all(pool)
            .await
        })?;
        let ids = rows.iter().map(|r| r.id.to_string()).collect::<Vec<_>>();
        let parents = rows
            .iter()
            .filter_map(|r| r.parent_id)
            .filter(|p| !rows.iter().any(|r| r.id == *p))
            .map(|p| p.to_string())
            .collect::<Vec<_>>();
        type Extras = (
            Vec<(i64, String, DbTime)>,
            Vec<(i64, i64)>,
            Vec<(i64, String)>,
        );
        let (versions, counts, earlier): Extras = if rows.is_empty() {
            Default::default()
        } else {
            // The ids are integers read above, never text from a request.
            let ids = ids.join(",");
            let latest = format!(
                "SELECT comment_id, body, written_at FROM (SELECT comment_id, body, written_at, id, \
                 ROW_NUMBER() OVER (PARTITION BY comment_id ORDER BY id DESC) AS n \
                 FROM comment_versions WHERE comment_id IN ({ids})) v WHERE n <= {VERSIONS_SHOWN} ORDER BY id"
            );
            let counts = format!(
                "SELECT comment_id, COUNT(*) FROM comment_versions WHERE comment_id IN ({ids}) GROUP BY comment_id"
            );
            let earlier = format!(
                "SELECT id, author FROM comments WHERE incident_id = $1 AND id IN ({})",
                if parents.is_empty() {
                    "0".to_owned()
                } else {
                    parents.join(",")
                }
            );
            on_db!(&self.db, pool => {
                let versions = sqlx::query_as(sqlx::AssertSqlSafe(latest)).fetch_all(pool).await?;
                let counts = sqlx::query_as(sqlx::AssertSqlSafe(counts)).fetch_all(pool).await?;
                let earlier = sqlx::query_as(sqlx::AssertSqlSafe(earlier))
                    .bind(incident_id)
                    .fetch_all(pool)
                    .await?;
                Ok::<_, sqlx::Error>((versions, counts, earlier))
            })?
        };
        let versions_not_shown = counts
            .into_iter()
            .filter(|(_, n)| *n > VERSIONS_SHOWN)
            .map(|(id, n)| (id, (n - VERSIONS_SHOWN) as u64))
            .collect();
        Ok(CommentPage {
            comments: with_history(rows, versions),
            total: total.max(0) as u64,
            versions_not_shown,
            earlier_parents: earlier.into_iter().collect(),
        })
    }

    /// How many of the incident's comments (not removed) came more than 30, 90 and 365 days
    /// after it ended ([`LongTail::ended`]); with no time recorded, only the total.
    pub async fn comment_long_tail(&self, incident: &Incident) -> Result<LongTail> {
        let far = DbTime::from(time::OffsetDateTime::new_utc(
            time::Date::MAX,
            time::Time::MIDNIGHT,
        ));
        let [d30, d90, d365] = LongTail::ended(&incident.times)
            .map(|ended| LongTail::cutoffs(ended).map(DbTime::from))
            .unwrap_or([far; 3]);
        let (total, a30, a90, a365): (i64, i64, i64, i64) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT COUNT(*), \
                 COALESCE(SUM(CASE WHEN created_at > $2 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN created_at > $3 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN created_at > $4 THEN 1 ELSE 0 END), 0) \
                 FROM comments WHERE incident_id = $1 AND removed_at IS NULL",
            )
            .bind(incident.id)
            .bind(d30)
            .bind(d90)
            .bind(d365)
            .fetch_one(pool)
            .await
        })?;
        let n = |v: i64| v.max(0) as u64;
        Ok(LongTail {
            total: n(total),
            after_30_days: n(a30),
            after_90_days: n(a90),
            after_365_days: n(a365),
        })
    }
}
