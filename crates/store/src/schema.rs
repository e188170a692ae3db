use crate::{Db, Result, Store};

/// Each table's columns, sorted: what a migration set produces, in a form two backends can be
/// compared in.
pub type TableColumns = Vec<(String, Vec<String>)>;

impl Store {
    /// The application's tables and their columns. SQLite's FTS5 virtual tables and their
    /// shadow tables are left out: PostgreSQL indexes the same text with an expression index; so is
    /// SQLite's `content_changes` counter: PostgreSQL announces changes instead (`changes`).
    pub async fn table_columns(&self) -> Result<TableColumns> {
        let rows: Vec<(String, String)> =
            match &self.db {
                Db::Sqlite(pool) => {
                    sqlx::query_as(
                        "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                     AND m.name NOT LIKE 'timeline_fts%' AND m.name NOT LIKE 'search_fts%' \
                     AND m.name <> 'content_changes' ORDER BY m.name, c.name",
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

/// One column of a table as the database describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDescription {
    pub name: String,
    /// PostgreSQL: `information_schema.columns.data_type` (`bigint`, `timestamp with time
    /// zone`); SQLite: the type the migration declared (`INTEGER`, `TEXT`).
    pub declared_type: String,
    pub nullable: bool,
}

impl Store {
    /// A table's columns in their order in the table (empty for a table that does not exist).
    pub async fn describe_table(&self, table: &str) -> Result<Vec<ColumnDescription>> {
        let rows: Vec<(String, String, bool)> =
            match &self.db {
                Db::Sqlite(pool) => sqlx::query_as(
                    "SELECT name, type, \"notnull\" = 0 FROM pragma_table_info($1) ORDER BY cid",
                )
                .bind(table)
                .fetch_all(pool)
                .await?,
                Db::Postgres(pool) => {
                    sqlx::query_as(
                        "SELECT column_name::text, data_type::text, is_nullable = 'YES' \
                     FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = $1 \
                     ORDER BY ordinal_position",
                    )
                    .bind(table)
                    .fetch_all(pool)
                    .await?
                }
            };
        Ok(rows
            .into_iter()
            .map(|(name, declared_type, nullable)| ColumnDescription {
                name,
                declared_type,
                nullable,
            })
            .collect())
    }
}
