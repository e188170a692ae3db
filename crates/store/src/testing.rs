//! Helpers for tests in this and other crates that need a real database (feature
//! `test-support`).

use crate::entry_rows::drift::{self, Backend};
use crate::{ConnectOptions, Db, Result, Store};

/// The PostgreSQL server tests use, from `LORE_TEST_DATABASE_URL` (set by `cargo xtask test`).
///
/// `None`, with a message, when it is unset outside CI. In CI a missing server panics: a
/// PostgreSQL suite that silently skips proves nothing.
pub fn postgres_server_url() -> Option<String> {
    match std::env::var("LORE_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => {
            panic!("LORE_TEST_DATABASE_URL is not set, but CI is: PostgreSQL tests must run")
        }
        _ => {
            eprintln!("skipping: LORE_TEST_DATABASE_URL is not set (cargo xtask test sets it)");
            None
        }
    }
}

/// Creates an empty database with a unique name on the test server and returns its URL, so
/// that tests running in parallel never see each other's rows.
pub async fn fresh_postgres_database(server_url: &str) -> String {
    let admin = Store::connect(&ConnectOptions {
        migrate: false,
        ..ConnectOptions::url(server_url)
    })
    .await
    .expect("connect to the PostgreSQL test server");
    let Db::Postgres(pool) = admin.db() else {
        panic!("LORE_TEST_DATABASE_URL is not a postgres:// URL: {server_url}");
    };
    let name = format!("lore_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(pool)
        .await
        .expect("create test database");
    admin.close().await;
    match server_url.rsplit_once('/') {
        Some((server, _)) if server.contains("://") && !server.ends_with('/') => {
            format!("{server}/{name}")
        }
        _ => panic!("LORE_TEST_DATABASE_URL must end in /DATABASE: {server_url}"),
    }
}

/// Where the bulk inserts' declaration of an entry row (`entry_rows::ENTRY_COLUMNS`) and this
/// store's real `timeline_entries` table disagree, one sentence each; empty when they agree.
pub async fn entry_row_drift(store: &Store) -> Result<Vec<String>> {
    let table = store.describe_table("timeline_entries").await?;
    let backend = match store.db() {
        Db::Sqlite(_) => Backend::Sqlite,
        Db::Postgres(_) => Backend::Postgres,
    };
    Ok(drift::problems(backend, &table))
}

/// Stores `hash` as one entry's identity, as an older version of Lore would have (with
/// [`mark_entry_identities_old`], to test the recomputation after migration 0026).
pub async fn set_entry_identity(store: &Store, entry_id: i64, hash: &str) -> Result<()> {
    crate::on_db!(store.db(), pool => {
        sqlx::query("UPDATE timeline_entries SET content_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(entry_id)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Marks every stored identity as computed the way it was before migration 0026, so that the
/// next [`Store::migrate`] recomputes them.
pub async fn mark_entry_identities_old(store: &Store) -> Result<()> {
    crate::on_db!(store.db(), pool => {
        sqlx::query("UPDATE entry_identity_state SET needs_rehash = TRUE WHERE id = 1")
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Runs migration 0030's cut of the stored entry identities again, as it ran on a store whose
/// identities had all 64 hex digits (with [`set_entry_identity`], to test it).
pub async fn cut_entry_identities_as_migration_0030(store: &Store) -> Result<()> {
    let sql = match store.db() {
        Db::Sqlite(_) => include_str!("../migrations/sqlite/0030_shorter_entry_identities.sql"),
        Db::Postgres(_) => {
            include_str!("../migrations/postgres/0030_shorter_entry_identities.sql")
        }
    };
    // Only its UPDATE: the rest changes the column's definition, done once.
    let update = sql
        .split(';')
        .find(|s| s.contains("UPDATE timeline_entries"))
        .expect("0030 cuts the identities");
    crate::on_db!(store.db(), pool => {
        sqlx::raw_sql(sqlx::AssertSqlSafe(update.to_owned()))
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// The plan the store makes for an import's probe of a reply's parent, on the store as it is
/// now: on SQLite the probe's own statement, on PostgreSQL the whole `INSERT … SELECT` from
/// the staging table, of which the probe is a subplan (migration 0032 says why it matters on an
/// empty incident).
pub async fn import_parent_probe_plan(store: &Store) -> Result<String> {
    crate::import::parent_probe_plan(store.db()).await
}
