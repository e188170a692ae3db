//! What the second reader suggested and people set aside: flags a writer dismissed, each
//! with its reason, kept with the narrative version saved alongside (a flag is recognised in
//! later drafts by its category and sentence, so a dismissal carries forward until the
//! sentence changes); and suggested moments an analyst dismissed, never suggested again.

use time::OffsetDateTime;

use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// The most dismissals one save records.
pub const MAX_DISMISSALS_PER_SAVE: usize = 200;
/// The longest reason, sentence or span kept, in characters.
pub const MAX_DISMISSAL_CHARS: usize = 2000;
/// The most dismissals read for one incident (the newest).
const MAX_DISMISSALS_READ: i64 = 5000;

/// A flag the writer dismissed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagDismissal {
    pub category: String,
    pub sentence: String,
    pub span: String,
    pub reason: String,
}

/// A dismissal as kept: with the version and who dismissed it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDismissal {
    pub version: i64,
    pub dismissal: FlagDismissal,
    pub dismissed_by: String,
    pub created_at: OffsetDateTime,
}

fn bounded(what: &str, text: &str) -> Result<()> {
    if text.chars().count() > MAX_DISMISSAL_CHARS {
        return Err(StoreError::Invalid(format!(
            "a dismissal's {what} is longer than {MAX_DISMISSAL_CHARS} characters"
        )));
    }
    Ok(())
}

impl Store {
    /// Keeps the dismissals made with narrative `version` (all or none).
    pub async fn record_flag_dismissals(
        &self,
        incident_id: i64,
        version: i64,
        dismissals: &[FlagDismissal],
        by: &str,
    ) -> Result<()> {
        if dismissals.len() > MAX_DISMISSALS_PER_SAVE {
            return Err(StoreError::Invalid(format!(
                "at most {MAX_DISMISSALS_PER_SAVE} flags can be dismissed in one save"
            )));
        }
        for d in dismissals {
            if lore_lint_category(&d.category).is_none() {
                return Err(StoreError::Invalid(format!(
                    "{:?} is not a flag's category",
                    d.category
                )));
            }
            if d.reason.trim().is_empty() {
                return Err(StoreError::Invalid(
                    "a dismissed flag needs a reason".into(),
                ));
            }
            bounded("reason", &d.reason)?;
            bounded("sentence", &d.sentence)?;
            bounded("words", &d.span)?;
        }
        let now = self.db_now();
        with_write_tx!(&self.db, tx => {
            for d in dismissals {
                sqlx::query(
                    "INSERT INTO flag_dismissals (incident_id, version, category, sentence, span, reason, dismissed_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(incident_id)
                .bind(version)
                .bind(&d.category)
                .bind(&d.sentence)
                .bind(&d.span)
                .bind(d.reason.trim())
                .bind(by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }

    /// The incident's dismissals, newest first.
    pub async fn flag_dismissals(&self, incident_id: i64) -> Result<Vec<StoredDismissal>> {
        type Row = (i64, String, String, String, String, String, DbTime);
        let rows: Vec<Row> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT version, category, sentence, span, reason, dismissed_by, created_at \
                 FROM flag_dismissals WHERE incident_id = $1 ORDER BY id DESC LIMIT {MAX_DISMISSALS_READ}"
            )))
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(version, category, sentence, span, reason, dismissed_by, created_at)| {
                    StoredDismissal {
                        version,
                        dismissal: FlagDismissal {
                            category,
                            sentence,
                            span,
                            reason,
                        },
                        dismissed_by,
                        created_at: created_at.into(),
                    }
                },
            )
            .collect())
    }
}

impl Store {
    /// Sets aside a suggested moment on one of the incident's entries (again: no change).
    pub async fn dismiss_moment_suggestion(
        &self,
        incident_id: i64,
        entry_id: i64,
        kind: &str,
        by: &str,
    ) -> Result<()> {
        let now = self.db_now();
        let changed = on_db!(&self.db, pool => {
            sqlx::query(
                "INSERT INTO moment_suggestion_dismissals (incident_id, entry_id, kind, dismissed_by, created_at) \
                 SELECT $1, $2, $3, $4, $5 WHERE EXISTS \
                 (SELECT 1 FROM timeline_entries WHERE id = $2 AND incident_id = $1) \
                 ON CONFLICT (incident_id, entry_id) DO NOTHING",
            )
            .bind(incident_id)
            .bind(entry_id)
            .bind(kind)
            .bind(by)
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
        })?;
        if changed == 0 {
            let (exists,): (i64,) = on_db!(&self.db, pool => {
                sqlx::query_as("SELECT COUNT(*) FROM timeline_entries WHERE id = $1 AND incident_id = $2")
                    .bind(entry_id)
                    .bind(incident_id)
                    .fetch_one(pool)
                    .await
            })?;
            if exists == 0 {
                return Err(StoreError::NotFound(format!("entry {entry_id}")));
            }
        }
        Ok(())
    }

    /// The entries of the incident whose suggested moment was dismissed.
    pub async fn dismissed_moment_suggestions(&self, incident_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT entry_id FROM moment_suggestion_dismissals WHERE incident_id = $1")
                .bind(incident_id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}

/// The categories the second reader has (the store keeps their names, not the crate).
fn lore_lint_category(name: &str) -> Option<&'static str> {
    ["counterfactual", "blame", "minimiser", "single-cause"]
        .into_iter()
        .find(|c| *c == name)
}
