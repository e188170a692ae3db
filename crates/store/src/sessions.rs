//! Web sessions, kept in the database so that every `lore serve` sharing it honours them.
//! The web layer owns what is inside a session; here it is an opaque JSON document.

use time::OffsetDateTime;

use crate::{DbTime, Result, Store, on_db, with_write_tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub data: String,
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// Inserts a new session; false if the id is taken (the caller picks another id).
    pub async fn create_session(&self, id: &str, record: &SessionRecord) -> Result<bool> {
        let inserted = with_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(&record.data)
            .bind(DbTime::new(record.expires_at))
            .execute(&mut *tx)
            .await?
            .rows_affected()
        });
        Ok(inserted == 1)
    }

    pub async fn save_session(&self, id: &str, record: &SessionRecord) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
            )
            .bind(id)
            .bind(&record.data)
            .bind(DbTime::new(record.expires_at))
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// The session, unless it is missing or has expired.
    pub async fn load_session(&self, id: &str) -> Result<Option<SessionRecord>> {
        let row: Option<(String, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(DbTime::now())
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(|(data, expires_at)| SessionRecord {
            data,
            expires_at: expires_at.into(),
        }))
    }

    pub async fn delete_session(&self, id: &str) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn delete_expired_sessions(&self) -> Result<u64> {
        Ok(with_write_tx!(&self.db, tx => {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(DbTime::now())
                .execute(&mut *tx)
                .await?
                .rows_affected()
        }))
    }
}
