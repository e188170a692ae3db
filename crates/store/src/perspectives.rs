use lore_core::{NewPerspective, Perspective, References, TextSource};

use crate::links::replace_references;

use crate::search::index::{Owner, perspective_doc, replace_docs};
use crate::{DbTime, Result, Store, on_db, with_write_tx};

#[derive(sqlx::FromRow)]
struct PerspectiveRow {
    id: i64,
    incident_id: i64,
    person: String,
    written_by: String,
    interview: bool,
    body: String,
    created_at: DbTime,
}

impl From<PerspectiveRow> for Perspective {
    fn from(r: PerspectiveRow) -> Self {
        Perspective {
            id: r.id,
            incident_id: r.incident_id,
            person: r.person,
            written_by: r.written_by,
            interview: r.interview,
            body: r.body,
            created_at: r.created_at.into(),
        }
    }
}

impl Store {
    /// Adds a perspective, and what it refers to (`refs`, found by the caller), in one
    /// transaction.
    pub async fn add_perspective(&self, new: &NewPerspective, refs: &References) -> Result<i64> {
        Ok(with_write_tx!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO perspectives (incident_id, person, written_by, interview, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(new.incident_id)
            .bind(new.person.trim())
            .bind(&new.written_by)
            .bind(new.interview)
            .bind(&new.body)
            .bind(self.db_now())
            .fetch_one(&mut *tx)
            .await?;
            replace_references!(tx, new.incident_id, TextSource::Perspective(id), refs);
            replace_docs!(
                tx,
                Owner::Perspective(id),
                [perspective_doc(id, new.incident_id, new.person.trim(), &new.body)]
            );
            id
        }))
    }

    /// An incident's perspectives, in the order they were added.
    pub async fn perspectives(&self, incident_id: i64) -> Result<Vec<Perspective>> {
        let rows: Vec<PerspectiveRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT id, incident_id, person, written_by, interview, body, created_at \
                 FROM perspectives WHERE incident_id = $1 ORDER BY id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
