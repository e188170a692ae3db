use lore_store::{ConnectOptions, Store, testing};
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

/// A migrated store in a fresh database on the PostgreSQL test server (see
/// `lore_store::testing`).
pub async fn postgres() -> Option<PgDb> {
    let server = testing::postgres_server_url()?;
    let url = testing::fresh_postgres_database(&server).await;
    let store = Store::connect(&ConnectOptions::url(url))
        .await
        .expect("connect to the test database");
    Some(PgDb { store })
}
