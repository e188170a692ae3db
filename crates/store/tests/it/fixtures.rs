use lore_store::{ConnectOptions, Store};
use tempfile::TempDir;

/// A migrated SQLite store in a directory that lives as long as this value.
pub struct SqliteDb {
    pub store: Store,
    _dir: TempDir,
}

pub async fn sqlite() -> SqliteDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&ConnectOptions::sqlite_in(dir.path()))
        .await
        .expect("connect to SQLite");
    SqliteDb { store, _dir: dir }
}

pub struct PgDb {
    pub store: Store,
}

/// A migrated store in a fresh database on the test server, or `None` (with a message) when no
/// server was given outside CI. In CI a missing server fails the test: a PostgreSQL suite that
/// silently skips proves nothing.
pub async fn postgres() -> Option<PgDb> {
    let Ok(base) = std::env::var("LORE_TEST_DATABASE_URL") else {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("LORE_TEST_DATABASE_URL is not set, but CI is: PostgreSQL tests must run");
        }
        eprintln!("skipping: LORE_TEST_DATABASE_URL is not set (cargo xtask test sets it)");
        return None;
    };
    let name = format!("lore_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Store::connect(&ConnectOptions {
        migrate: false,
        ..ConnectOptions::url(&base)
    })
    .await
    .expect("connect to the PostgreSQL test server");
    let lore_store::Db::Postgres(pool) = admin.db() else {
        panic!("LORE_TEST_DATABASE_URL is not a postgres:// URL: {base}");
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(pool)
        .await
        .expect("create test database");
    admin.close().await;
    let url = match base.rsplit_once('/') {
        Some((server, _db)) => format!("{server}/{name}"),
        None => panic!("LORE_TEST_DATABASE_URL has no database part: {base}"),
    };
    let store = Store::connect(&ConnectOptions::url(url))
        .await
        .expect("connect to the test database");
    Some(PgDb { store })
}
