use crate::{DbTime, Result, Store, on_db, with_write_tx};

/// An image as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// Keeps an image for an incident's write-up; returns its id. The caller has checked what
    /// the bytes are.
    pub async fn add_image(
        &self,
        incident_id: i64,
        name: &str,
        content_type: &str,
        bytes: &[u8],
        uploaded_by: &str,
    ) -> Result<i64> {
        Ok(with_write_tx!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO images (incident_id, name, content_type, bytes, uploaded_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(incident_id)
            .bind(name)
            .bind(content_type)
            .bind(bytes)
            .bind(uploaded_by)
            .bind(DbTime::now())
            .fetch_one(&mut *tx)
            .await?;
            id
        }))
    }

    /// An image of this incident (an id from another incident is not found).
    pub async fn image(&self, incident_id: i64, id: i64) -> Result<Option<StoredImage>> {
        let row: Option<(String, String, Vec<u8>)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT name, content_type, bytes FROM images WHERE incident_id = $1 AND id = $2",
            )
            .bind(incident_id)
            .bind(id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(name, content_type, bytes)| StoredImage {
            name,
            content_type,
            bytes,
        }))
    }
}
