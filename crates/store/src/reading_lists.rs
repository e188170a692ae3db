//! Reading lists: named, ordered lists of incidents that analysts curate, with a note per
//! item. Positions stay dense (0, 1, 2, …): adding appends, moves and removals renumber.
//!
//! Every read applies [`VISIBLE_TO`] to the listed incident: an account sees, counts and reads
//! progress over only the items it may see. Each item cites its incident
//! ([`lore_core::CitationKind::ReadingList`], in `links.rs`).

use lore_core::{Account, Role};
use time::OffsetDateTime;

use crate::error::is_unique_violation;
use crate::incidents::VISIBLE_TO;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// Inside a write transaction: gives the list's items the positions 0, 1, 2, … in `order`.
macro_rules! renumber {
    ($tx:expr, $list_id:expr, $order:expr) => {
        for (position, incident_id) in $order.iter().enumerate() {
            sqlx::query(
                "UPDATE reading_list_items SET position = $1 WHERE list_id = $2 AND incident_id = $3",
            )
            .bind(position as i64)
            .bind($list_id)
            .bind(*incident_id)
            .execute(&mut *$tx)
            .await?;
        }
    };
}

/// The longest title of a list, in characters.
pub const MAX_LIST_TITLE_CHARS: usize = 200;
/// The longest description of a list or note of an item, in characters.
pub const MAX_LIST_NOTE_CHARS: usize = 4000;
/// The most incidents one list holds: a list is for reading through, and its page and its
/// progress are read whole.
pub const MAX_LIST_ITEMS: i64 = 500;
/// The most lists `/lists` shows (the newest).
pub const LISTS_LISTED: i64 = 200;

/// A list as the account sees it: `items` and `read` count only incidents it may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingListSummary {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub created_by: String,
    pub created_at: OffsetDateTime,
    /// Items the account may see.
    pub items: u64,
    /// Of those, how many the account has read.
    pub read: u64,
}

/// One item of a list, as the account sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingListItem {
    pub incident_id: i64,
    pub slug: String,
    pub title: String,
    /// Its place in the whole list (0-based; hidden items keep theirs).
    pub position: i64,
    pub note: String,
    /// Whether the account has a read of this incident.
    pub read: bool,
}

/// A list with its items in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingList {
    pub summary: ReadingListSummary,
    pub items: Vec<ReadingListItem>,
}

type SummaryRow = (i64, String, String, String, DbTime, i64, i64);
type ItemRow = (i64, String, String, i64, String, bool);

fn summary(
    (id, title, description, created_by, created_at, items, read): SummaryRow,
) -> ReadingListSummary {
    ReadingListSummary {
        id,
        title,
        description,
        created_by,
        created_at: created_at.0,
        items: items.max(0) as u64,
        read: read.max(0) as u64,
    }
}

/// The per-list counts for account `$2` (admin flag `$1`): visible items and those read.
const SUMMARY: &str = "SELECT l.id, l.title, l.description, l.created_by, l.created_at, \
     (SELECT COUNT(*) FROM reading_list_items i JOIN incidents ON incidents.id = i.incident_id \
      WHERE i.list_id = l.id AND {VISIBLE_TO}), \
     (SELECT COUNT(*) FROM reading_list_items i JOIN incidents ON incidents.id = i.incident_id \
      WHERE i.list_id = l.id AND {VISIBLE_TO} AND EXISTS \
      (SELECT 1 FROM reads r WHERE r.incident_id = i.incident_id AND r.account_id = $2)) \
     FROM reading_lists l";

fn checked(what: &str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.chars().count() > max {
        return Err(StoreError::Invalid(format!(
            "{what} is longer than {max} characters"
        )));
    }
    Ok(text.to_owned())
}

impl Store {
    /// Creates an empty list; returns its id.
    pub async fn create_reading_list(
        &self,
        title: &str,
        description: &str,
        created_by: &str,
    ) -> Result<i64> {
        let title = checked("a list's title", title, MAX_LIST_TITLE_CHARS)?;
        if title.is_empty() {
            return Err(StoreError::Invalid("a list needs a title".into()));
        }
        let description = checked("a list's description", description, MAX_LIST_NOTE_CHARS)?;
        let (id,): (i64,) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "INSERT INTO reading_lists (title, description, created_by, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&title)
            .bind(&description)
            .bind(created_by)
            .bind(self.db_now())
            .fetch_one(pool)
            .await
        })?;
        Ok(id)
    }

    /// Appends an incident to a list with a note. The same incident twice is refused.
    pub async fn add_reading_list_item(
        &self,
        list_id: i64,
        incident_id: i64,
        note: &str,
    ) -> Result<()> {
        let note = checked("a note", note, MAX_LIST_NOTE_CHARS)?;
        let inserted: std::result::Result<u64, sqlx::Error> = with_write_tx!(&self.db, tx => {
            let (lists,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reading_lists WHERE id = $1")
                .bind(list_id)
                .fetch_one(&mut *tx)
                .await?;
            if lists == 0 {
                return Err(StoreError::NotFound(format!("reading list {list_id}")));
            }
            let (items,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM reading_list_items WHERE list_id = $1")
                    .bind(list_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if items >= MAX_LIST_ITEMS {
                return Err(StoreError::Invalid(format!(
                    "a reading list holds at most {MAX_LIST_ITEMS} incidents"
                )));
            }
            sqlx::query(
                "INSERT INTO reading_list_items (list_id, incident_id, position, note) \
                 SELECT $1, $2, (SELECT COUNT(*) FROM reading_list_items WHERE list_id = $1), $3",
            )
            .bind(list_id)
            .bind(incident_id)
            .bind(&note)
            .execute(&mut *tx)
            .await
            .map(|r| r.rows_affected())
        });
        match inserted {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(StoreError::AlreadyExists(
                "this incident on the list".into(),
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// Moves an item to `position` (0-based, clamped to the list), shifting the others.
    pub async fn move_reading_list_item(
        &self,
        list_id: i64,
        incident_id: i64,
        position: usize,
    ) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT incident_id FROM reading_list_items WHERE list_id = $1 ORDER BY position, incident_id",
            )
            .bind(list_id)
            .fetch_all(&mut *tx)
            .await?;
            let mut order: Vec<i64> = rows.into_iter().map(|(id,)| id).collect();
            let Some(at) = order.iter().position(|id| *id == incident_id) else {
                return Err(StoreError::NotFound("that item of the list".into()));
            };
            let moved = order.remove(at);
            order.insert(position.min(order.len()), moved);
            renumber!(tx, list_id, order);
        });
        Ok(())
    }

    /// Removes an item; those after it move up.
    pub async fn remove_reading_list_item(&self, list_id: i64, incident_id: i64) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            let gone = sqlx::query("DELETE FROM reading_list_items WHERE list_id = $1 AND incident_id = $2")
                .bind(list_id)
                .bind(incident_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if gone == 0 {
                return Err(StoreError::NotFound("that item of the list".into()));
            }
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT incident_id FROM reading_list_items WHERE list_id = $1 ORDER BY position, incident_id",
            )
            .bind(list_id)
            .fetch_all(&mut *tx)
            .await?;
            let order: Vec<i64> = rows.into_iter().map(|(id,)| id).collect();
            renumber!(tx, list_id, order);
        });
        Ok(())
    }

    /// The newest [`LISTS_LISTED`] lists, with the account's counts.
    pub async fn reading_lists(&self, account: &Account) -> Result<Vec<ReadingListSummary>> {
        let sql = format!(
            "{} ORDER BY l.id DESC LIMIT {LISTS_LISTED}",
            SUMMARY.replace("{VISIBLE_TO}", VISIBLE_TO)
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<SummaryRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(summary).collect())
    }

    /// One list with the items the account may see, in order, each marked read or not.
    pub async fn reading_list(&self, id: i64, account: &Account) -> Result<Option<ReadingList>> {
        let sql = format!(
            "{} WHERE l.id = $3",
            SUMMARY.replace("{VISIBLE_TO}", VISIBLE_TO)
        );
        let items_sql = format!(
            "SELECT i.incident_id, incidents.slug, incidents.title, i.position, i.note, \
             EXISTS (SELECT 1 FROM reads r WHERE r.incident_id = i.incident_id AND r.account_id = $2) \
             FROM reading_list_items i JOIN incidents ON incidents.id = i.incident_id \
             WHERE i.list_id = $3 AND {VISIBLE_TO} ORDER BY i.position, i.incident_id"
        );
        let admin = account.role == Role::Admin;
        let (row, items): (Option<SummaryRow>, Vec<ItemRow>) = on_db!(&self.db, pool => {
            let row = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(id)
                .fetch_optional(pool)
                .await?;
            let items = sqlx::query_as(sqlx::AssertSqlSafe(items_sql))
                .bind(admin)
                .bind(account.id)
                .bind(id)
                .fetch_all(pool)
                .await?;
            Ok::<_, sqlx::Error>((row, items))
        })?;
        Ok(row.map(|row| ReadingList {
            summary: summary(row),
            items: items
                .into_iter()
                .map(
                    |(incident_id, slug, title, position, note, read)| ReadingListItem {
                        incident_id,
                        slug,
                        title,
                        position,
                        note,
                        read,
                    },
                )
                .collect(),
        }))
    }
}
