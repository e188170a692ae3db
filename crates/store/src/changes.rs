//! Whether anything a page shows has changed, for the servers' page caches: every process
//! writing to the database (another `lore serve`, a `lore import` run beside a server) makes
//! its writes known here, so that a server never serves a page it kept from before them.
//!
//! The two backends do it the way each does best (migration `0031`):
//! - SQLite counts content changes in one row, kept by triggers; a server reads the count
//!   ([`Store::content_changes`]) before serving a kept page. SQLite has one writer at a time,
//!   so the counter costs no concurrency.
//! - PostgreSQL announces them with `NOTIFY lore_changes` from statement triggers (delivered
//!   at commit, once per transaction), and each server listens ([`Store::listen_for_changes`]).
//!   A counter row there would make every writing transaction wait for the one before.
//!
//! What counts as content, and what not (reads and reading time, derived search data), is
//! decided per table in the migration; [`Store::tables_without_change_tracking`] lists the
//! tables that are in neither list, for the test that keeps the decision complete.

use sqlx::postgres::PgListener;

use crate::{Db, Result, Store};

/// The channel PostgreSQL's triggers announce changes on.
const CHANNEL: &str = "lore_changes";

/// Tables whose writes change no kept page at once (see migration `0031`).
pub const UNTRACKED_TABLES: &[&str] = &[
    "reads",
    "reads_by_incident_month",
    "reads_by_month",
    "reading_opt_outs",
    "search_docs",
    "search_index_state",
    "incident_terms",
    "entry_identity_state",
    // SQLite's counter itself.
    "content_changes",
];

/// What a [`ChangeListener`] heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A transaction that wrote to this table committed.
    Written { table: String },
    /// The connection was lost and made again: announcements may have been missed meanwhile.
    MayHaveMissed,
}

/// PostgreSQL's announcements of content changes, on a connection of its own.
pub struct ChangeListener {
    listener: PgListener,
}

impl ChangeListener {
    /// Waits for the next announcement: one per table a committed transaction wrote to.
    pub async fn next(&mut self) -> Result<Change> {
        Ok(match self.listener.try_recv().await? {
            Some(n) => Change::Written {
                table: n.payload().to_owned(),
            },
            None => Change::MayHaveMissed,
        })
    }
}

impl Store {
    /// SQLite: how many content changes the database has seen (only ever grows). PostgreSQL:
    /// `None`, because it announces them instead ([`Store::listen_for_changes`]).
    pub async fn content_changes(&self) -> Result<Option<i64>> {
        match &self.db {
            Db::Sqlite(pool) => {
                let (n,): (i64,) = sqlx::query_as("SELECT n FROM content_changes WHERE id = 1")
                    .fetch_one(pool)
                    .await?;
                Ok(Some(n))
            }
            Db::Postgres(_) => Ok(None),
        }
    }

    /// PostgreSQL: starts listening for content changes announced by any process sharing the
    /// database. SQLite: `None` ([`Store::content_changes`] instead). The listener holds one
    /// of the pool's connections for as long as it lives.
    pub async fn listen_for_changes(&self) -> Result<Option<ChangeListener>> {
        match &self.db {
            Db::Sqlite(_) => Ok(None),
            Db::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                Ok(Some(ChangeListener { listener }))
            }
        }
    }

    /// Tables that are neither tracked for content changes (SQLite: a trigger that counts
    /// them; PostgreSQL: one that announces them) nor listed in [`UNTRACKED_TABLES`]: empty
    /// unless a migration added a table without deciding.
    pub async fn tables_without_change_tracking(&self) -> Result<Vec<String>> {
        let tables: Vec<(String,)> = match &self.db {
            Db::Sqlite(pool) => {
                sqlx::query_as(
                    "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' \
                     AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '%_fts%' AND m.name <> '_sqlx_migrations' \
                     AND NOT EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'trigger' \
                         AND t.tbl_name = m.name AND t.sql LIKE '%UPDATE content_changes%') \
                     ORDER BY m.name",
                )
                .fetch_all(pool)
                .await?
            }
            Db::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT c.relname::text FROM pg_class c \
                     WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace \
                     AND c.relname <> '_sqlx_migrations' \
                     AND NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid \
                         WHERE t.tgrelid = c.oid AND p.proname = 'lore_announce_change') \
                     ORDER BY c.relname",
                )
                .fetch_all(pool)
                .await?
            }
        };
        Ok(tables
            .into_iter()
            .map(|(t,)| t)
            .filter(|t| !UNTRACKED_TABLES.contains(&t.as_str()))
            .collect())
    }
}
