use crate::{Db, Result, Store};

/// Each table's columns, sorted: what a migration set produces, in a form two backends can be
/// compared in.
pub type TableColumns = Vec<(String, Vec<String>)>;

impl Store {
    /// The application's tables and their columns. SQLite's FTS5 virtual tables and their
    /// shadow tables are left out: PostgreSQL indexes the same text with an expression index.
    pub async fn table_columns(&self) -> Result<TableColumns> {
        let rows: Vec<(String, String)> =
            match &self.db {
                Db::Sqlite(pool) => {
                    sqlx::query_as(
                        "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                     AND m.name NOT LIKE 'timeline_fts%' ORDER BY m.name, c.name",
                    )
                    .fetch_all(pool)
                    .await?
                }
                Db::Postgres(pool) => sqlx::query_as(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() ORDER BY table_name, column_name",
                )
                .fetch_all(pool)
                .await?,
            };
        let mut tables: TableColumns = Vec::new();
        for (table, column) in rows {
            match tables.last_mut() {
                Some((t, cols)) if *t == table => cols.push(column),
                _ => tables.push((table, vec![column])),
            }
        }
        Ok(tables)
    }
}
