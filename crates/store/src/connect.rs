use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::{Db, Result, Store, StoreError};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Where the store lives.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// `sqlite://…` or `postgres://…`; when absent, SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// Directory for the default SQLite file (`lore.sqlite3`).
    pub data_dir: PathBuf,
    /// Apply pending migrations on connect.
    pub migrate: bool,
}

impl ConnectOptions {
    pub fn sqlite_in(data_dir: impl Into<PathBuf>) -> Self {
        ConnectOptions {
            database_url: None,
            data_dir: data_dir.into(),
            migrate: true,
        }
    }

    pub fn url(url: impl Into<String>) -> Self {
        ConnectOptions {
            database_url: Some(url.into()),
            data_dir: PathBuf::from("."),
            migrate: true,
        }
    }
}

/// Removes the password from a database URL so it can be printed.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

fn prepare_data_dir(dir: &Path) -> Result<()> {
    let err = |source| StoreError::DataDir {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    // Fail here, with the directory's name, rather than later with SQLite's "unable to open
    // database file" that names nothing.
    let probe = dir.join(".lore-write-check");
    std::fs::write(&probe, b"").map_err(err)?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Every SQLite connection's page cache: 32 MiB (negative: KiB).
pub(crate) const SQLITE_CACHE_KIB: &str = "-32768";

impl Store {
    /// Connects (creating the SQLite file when needed) and, unless told not to, migrates.
    pub async fn connect(opts: &ConnectOptions) -> Result<Store> {
        let url = match &opts.database_url {
            Some(url) => url.clone(),
            None => {
                prepare_data_dir(&opts.data_dir)?;
                format!("sqlite://{}", opts.data_dir.join("lore.sqlite3").display())
            }
        };
        let display_url = redact_url(&url);
        let connect_err = |source| StoreError::Connect {
            url: display_url.clone(),
            source,
        };
        let db = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(&url)
                .map_err(connect_err)?
                .create_if_missing(true)
                // 16 KiB pages for a new store (an existing file keeps its own size): fewer,
                // wider B-tree pages to walk and rebalance for every row added to the timeline
                // and its five indexes. The schema alone, 1,000,000 rows with the full-text
                // index, loaded by the `sqlite3` shell in one run: 4 KiB 14.5/15.1 s, 16 KiB
                // 12.7/13.0 s.
                .page_size(16_384)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 32 MiB of page cache per connection (SQLite's default is 2 MiB): with less,
                // a large import re-reads index pages it just evicted, which cost more than
                // the inserts themselves when measured (1M messages: 16 MiB 20.0 s/154 MB,
                // 32 MiB see README, 48 MiB 17.9 s/192 MB).
                .pragma("cache_size", SQLITE_CACHE_KIB);
            if let Some(parent) = Path::new(options.get_filename()).parent()
                && !parent.as_os_str().is_empty()
            {
                prepare_data_dir(parent)?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(connect_err)?;
            Db::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(&url).map_err(connect_err)?;
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(connect_err)?;
            Db::Postgres(pool)
        } else {
            return Err(StoreError::UnsupportedUrl(display_url));
        };
        let store = Store {
            db,
            display_url,
            dated: None,
        };
        if opts.migrate {
            store.migrate().await?;
        }
        Ok(store)
    }

    /// Applies the migrations this binary carries that the database has not seen yet.
    pub async fn migrate(&self) -> Result<()> {
        let result = match &self.db {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        };
        result.map_err(|source| StoreError::Migrate {
            url: self.display_url.clone(),
            source,
        })?;
        self.ensure_entry_identities().await?;
        self.ensure_search_index().await
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact_url("postgres://lore:s3cret@db.internal:5432/lore"),
            "postgres://lore:***@db.internal:5432/lore"
        );
        assert_eq!(
            redact_url("postgres://lore@127.0.0.1/lore"),
            "postgres://lore@127.0.0.1/lore"
        );
        assert_eq!(redact_url("sqlite://./x.db"), "sqlite://./x.db");
    }
}
