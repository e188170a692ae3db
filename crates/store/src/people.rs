/// Finds or creates the person behind each handle, inside an open write transaction.
///
/// Expanded once per backend (see `on_db!`) inside a function returning `crate::Result`, so
/// `?` rolls the whole transaction back. `$tx` is the transaction, `$kind` the source kind the
/// handles belong to, `$handles` an iterator of `(&str handle, &str display name)`.
/// Evaluates to `(HashMap<handle, person id>, number of people created)`.
macro_rules! resolve_people {
    ($tx:expr, $kind:expr, $handles:expr) => {{
        let mut ids: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut created = 0usize;
        for (handle, display_name) in $handles {
            if ids.contains_key(handle) {
                continue;
            }
            let existing: Option<(i64,)> = sqlx::query_as(
                "SELECT person_id FROM person_handles WHERE source_kind = $1 AND handle = $2",
            )
            .bind($kind)
            .bind(handle)
            .fetch_optional(&mut *$tx)
            .await?;
            let id = match existing {
                Some((id,)) => id,
                None => {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO people (display_name, created_at) VALUES ($1, $2) RETURNING id",
                    )
                    .bind(display_name)
                    .bind($crate::DbTime::now())
                    .fetch_one(&mut *$tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO person_handles (person_id, source_kind, handle) VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind($kind)
                    .bind(handle)
                    .execute(&mut *$tx)
                    .await?;
                    created += 1;
                    id
                }
            };
            ids.insert(handle.to_owned(), id);
        }
        (ids, created)
    }};
}
pub(crate) use resolve_people;

use lore_core::{Handle, Person};

use crate::{Result, Store, StoreError, on_db, with_write_tx};

/// Someone in one incident's record, with how many of its entries they wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInIncident {
    pub person: Person,
    pub entries: i64,
}

impl Store {
    /// The people of an incident's record: authors of its entries and members of its channels,
    /// each record as stored (merged ones too, with `merged_into` set), oldest first, with
    /// their handles.
    pub async fn people_of_incident(&self, incident_id: i64) -> Result<Vec<PersonInIncident>> {
        let rows: Vec<(i64, String, Option<i64>, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT p.id, p.display_name, p.merged_into, \
                 (SELECT COUNT(*) FROM timeline_entries e \
                  WHERE e.incident_id = $1 AND e.author_person_id = p.id) \
                 FROM people p WHERE p.id IN \
                 (SELECT author_person_id FROM timeline_entries WHERE incident_id = $1 \
                  UNION SELECT person_id FROM channel_members WHERE incident_id = $1) \
                 ORDER BY p.id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let handles: Vec<(i64, String, String)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT h.person_id, h.source_kind, h.handle FROM person_handles h WHERE h.person_id IN \
                 (SELECT author_person_id FROM timeline_entries WHERE incident_id = $1 \
                  UNION SELECT person_id FROM channel_members WHERE incident_id = $1) \
                 ORDER BY h.person_id, h.source_kind, h.handle",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(id, display_name, merged_into, entries)| PersonInIncident {
                    person: Person {
                        id,
                        display_name,
                        handles: handles
                            .iter()
                            .filter(|h| h.0 == id)
                            .map(|(_, source_kind, handle)| Handle {
                                source_kind: source_kind.clone(),
                                handle: handle.clone(),
                            })
                            .collect(),
                        merged_into,
                    },
                    entries,
                },
            )
            .collect())
    }

    /// Records that `from` is the same person as `into`: from now on everything `from` wrote
    /// or was a member of reads as `into`'s (name and id), in every incident. Merging into a
    /// merged record merges into the one it points at; records already merged into `from`
    /// follow it, so there is never a chain. Handles stay where they are, so `unmerge_person`
    /// can undo it. Returns the id merged into.
    pub async fn merge_person(&self, from: i64, into: i64) -> Result<i64> {
        let outcome: std::result::Result<i64, StoreError> = with_write_tx!(&self.db, tx => {
            let target: Option<(i64, Option<i64>)> =
                sqlx::query_as("SELECT id, merged_into FROM people WHERE id = $1")
                    .bind(into)
                    .fetch_optional(&mut *tx)
                    .await?;
            let source: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE id = $1")
                .bind(from)
                .fetch_optional(&mut *tx)
                .await?;
            match (target, source) {
                (None, _) => Err(StoreError::NotFound(format!("person {into}"))),
                (_, None) => Err(StoreError::NotFound(format!("person {from}"))),
                (Some((id, merged)), Some(_)) => {
                    let canonical = merged.unwrap_or(id);
                    if canonical == from {
                        Err(StoreError::Invalid(format!(
                            "person {from} cannot be merged into itself"
                        )))
                    } else {
                        sqlx::query("UPDATE people SET merged_into = $1 WHERE id = $2 OR merged_into = $2")
                            .bind(canonical)
                            .bind(from)
                            .execute(&mut *tx)
                            .await?;
                        Ok(canonical)
                    }
                }
            }
        });
        outcome
    }

    /// Undoes a merge: the record reads as its own person again.
    pub async fn unmerge_person(&self, id: i64) -> Result<()> {
        let changed = on_db!(&self.db, pool => {
            sqlx::query("UPDATE people SET merged_into = NULL WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("person {id}")));
        }
        Ok(())
    }
}
