use lore_core::{Annotation, NewAnnotation};

use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

#[derive(sqlx::FromRow)]
struct AnnotationRow {
    id: i64,
    incident_id: i64,
    first_entry_id: i64,
    last_entry_id: i64,
    theme: String,
    tag: Option<String>,
    note: String,
    author: String,
    created_at: DbTime,
}

impl Store {
    /// Adds an annotation. Both ends must be entries of the incident: otherwise `NotFound`.
    pub async fn add_annotation(&self, new: &NewAnnotation) -> Result<Annotation> {
        let id: Option<i64> = with_write_tx!(&self.db, tx => {
            let (found,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM timeline_entries WHERE incident_id = $1 AND id IN ($2, $3)",
            )
            .bind(new.incident_id)
            .bind(new.first_entry_id)
            .bind(new.last_entry_id)
            .fetch_one(&mut *tx)
            .await?;
            let wanted = if new.first_entry_id == new.last_entry_id { 1 } else { 2 };
            if found != wanted {
                None
            } else {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO annotations (incident_id, first_entry_id, last_entry_id, theme, tag, \
                     note, author, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(new.incident_id)
                .bind(new.first_entry_id)
                .bind(new.last_entry_id)
                .bind(new.theme.as_str())
                .bind(new.tag.as_deref().map(str::trim))
                .bind(&new.note)
                .bind(&new.author)
                .bind(DbTime::now())
                .fetch_one(&mut *tx)
                .await?;
                Some(id)
            }
        });
        let id =
            id.ok_or_else(|| StoreError::NotFound("timeline entry in this incident".into()))?;
        self.annotations(new.incident_id)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("annotation {id}")))
    }

    /// An incident's annotations, oldest first.
    pub async fn annotations(&self, incident_id: i64) -> Result<Vec<Annotation>> {
        let rows: Vec<AnnotationRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT id, incident_id, first_entry_id, last_entry_id, theme, tag, note, author, \
                 created_at FROM annotations WHERE incident_id = $1 ORDER BY id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(Annotation {
                    id: r.id,
                    incident_id: r.incident_id,
                    first_entry_id: r.first_entry_id,
                    last_entry_id: r.last_entry_id,
                    theme: r
                        .theme
                        .parse()
                        .map_err(|e: lore_core::ThemeError| StoreError::Corrupt(e.to_string()))?,
                    tag: r.tag,
                    note: r.note,
                    author: r.author,
                    created_at: r.created_at.into(),
                })
            })
            .collect()
    }
}
