//! Recomputing stored entries' identities once after migration 0026 made the conversation part
//! of an entry's identity (`lore_core::entry_identity`): the new identity is a hash of the
//! stored one and the conversation, computed here from the stored columns because SQLite has no
//! SHA-256 in SQL. Every entry is kept; an export imported before the change and imported again
//! after it adds nothing.

use lore_core::{conversation_of, entry_identity};

use crate::{Result, Store, on_db, with_write_tx};

/// Entries read and rewritten per round trip.
const BATCH: i64 = 10_000;

impl Store {
    /// Recomputes every stored entry's identity if a migration asked for it. Called after
    /// migrating; one transaction, so a crash leaves the flag set and the old identities.
    pub(crate) async fn ensure_entry_identities(&self) -> Result<()> {
        let (needed,): (bool,) = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT needs_rehash FROM entry_identity_state WHERE id = 1")
                .fetch_one(pool)
                .await
        })?;
        if !needed {
            return Ok(());
        }
        let rehashed = with_write_tx!(&self.db, tx => {
            let mut after = 0_i64;
            let mut rehashed = 0_usize;
            loop {
                let rows: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
                    "SELECT id, content_hash, channel, prov_path FROM timeline_entries \
                     WHERE id > $1 ORDER BY id LIMIT $2",
                )
                .bind(after)
                .bind(BATCH)
                .fetch_all(&mut *tx)
                .await?;
                let Some(last) = rows.last() else { break };
                after = last.0;
                rehashed += rows.len();
                let (ids, hashes): (Vec<i64>, Vec<String>) = rows
                    .into_iter()
                    .map(|(id, hash, channel, path)| {
                        (id, entry_identity(&hash, &conversation_of(channel.as_deref(), &path)))
                    })
                    .unzip();
                Rewrite::rewrite_identities(&mut *tx, &ids, &hashes).await?;
            }
            sqlx::query("UPDATE entry_identity_state SET needs_rehash = FALSE WHERE id = 1")
                .execute(&mut *tx)
                .await?;
            rehashed
        });
        if rehashed > 0 {
            tracing::info!(
                entries = rehashed,
                "recomputed stored entries' identities with their conversations"
            );
        }
        Ok(())
    }
}

/// Writes new identities, by entry id.
trait Rewrite {
    async fn rewrite_identities(&mut self, ids: &[i64], hashes: &[String]) -> Result<()>;
}

impl Rewrite for sqlx::SqliteConnection {
    async fn rewrite_identities(&mut self, ids: &[i64], hashes: &[String]) -> Result<()> {
        for (id, hash) in ids.iter().zip(hashes) {
            sqlx::query("UPDATE timeline_entries SET content_hash = $1 WHERE id = $2")
                .bind(hash)
                .bind(id)
                .execute(&mut *self)
                .await?;
        }
        Ok(())
    }
}

impl Rewrite for sqlx::PgConnection {
    async fn rewrite_identities(&mut self, ids: &[i64], hashes: &[String]) -> Result<()> {
        sqlx::query(
            "UPDATE timeline_entries t SET content_hash = v.hash \
             FROM UNNEST($1::BIGINT[], $2::TEXT[]) AS v (id, hash) WHERE t.id = v.id",
        )
        .bind(ids)
        .bind(hashes)
        .execute(&mut *self)
        .await?;
        Ok(())
    }
}
