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
