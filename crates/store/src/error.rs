use thiserror::Error;

/// What can go wrong in the store. Messages are written for the person running Lore: they
/// name the database (with any password removed) and what was being done.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot use data directory {path}: {source}")]
    DataDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("unsupported database URL {0:?}: expected sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    #[error("cannot connect to database {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot migrate database {url}: {source}")]
    Migrate {
        url: String,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0} already exists")]
    AlreadyExists(String),
    /// Asked for something that cannot be (merging a person into themselves).
    #[error("{0}")]
    Invalid(String),
    /// A save named a version that is no longer current; the current one (if any) is here.
    #[error("someone else saved a newer version")]
    Conflict(Box<Option<crate::Narrative>>),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database error: {0}")]
    Bulk(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// True when the error is a unique-constraint violation, in either backend.
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}
