//! The one place in Lore that knows SQL.
//!
//! [`Store`] wraps a pool for one of two backends ([`Db`]): SQLite, embedded and the default,
//! or PostgreSQL for several Lore servers sharing one database. Every query is written once and
//! compiled for both backends by [`on_db!`]; dialect-specific SQL lives in per-backend
//! branches next to the shared code. Migrations for each backend are embedded in the binary and
//! applied at start.
//!
//! Invariants:
//! - every write that belongs together is one transaction (an import is one transaction);
//! - SQLite write transactions start with `BEGIN IMMEDIATE`, so two writers queue instead of
//!   failing half-way with `SQLITE_BUSY` on lock upgrade;
//! - instants are stored in UTC ([`DbTime`]).

mod accounts;
mod annotations;
mod awards;
mod changes;
mod comments;
mod connect;
mod db_time;
mod entry_identity;
mod entry_rows;
mod error;
mod flag_dismissals;
mod git_refs;
mod glossary;
mod images;
mod import;
mod incident_signals;
mod incidents;
mod learning;
mod links;
mod people;
mod perspectives;
mod reading;
mod reading_lists;
mod remembering;
mod reviews;
mod schema;
mod search;
mod sessions;
mod stories;
mod timeline;
mod timeline_window;
mod writings;

#[cfg(feature = "test-support")]
pub mod testing;

pub use accounts::{AccountWithSecret, NewAccount};
pub use annotations::{FoundMoment, MomentSearch};
pub use awards::{
    AwardNominee, AwardPhase, AwardReason, AwardRound, AwardRoundPlan, AwardTally, AwardWinner,
    MAX_AWARD_REASON_CHARS, MAX_AWARD_RULES_BYTES, MAX_AWARD_TITLE_CHARS,
    MAX_NOMINATIONS_PER_PERSON,
};
pub use changes::{Change, ChangeListener, UNTRACKED_TABLES};
pub use comments::{CommentPage, VERSIONS_SHOWN};
pub use connect::{ConnectOptions, redact_url};
pub use db_time::DbTime;
pub use error::{Result, StoreError};
pub use flag_dismissals::{
    FlagDismissal, MAX_DISMISSAL_CHARS, MAX_DISMISSALS_PER_SAVE, StoredDismissal,
};
pub use git_refs::{
    GitReference, GitScanRecord, GitScanStored, IncidentNames, MAX_ALIAS_CHARS, NewGitReference,
};
pub use images::StoredImage;
pub use import::{
    ImportBatch, ImportReport, ImportSession, IncidentImport, IncidentImportReport, PreparedEntries,
};
pub use incident_signals::{
    AGE_BANDS, AgeBand, IncidentActivity, IncidentSignals, ListProgress, PeriodFacts, ReviewTotals,
};
pub use incidents::library_sort_time;
pub use learning::{LearningSignals, MONTHS, MonthSignals};
pub use links::MAX_CITATIONS_LISTED;
pub use people::{MergeRef, Merged, PersonInIncident, Unmerged};
pub use reading::{
    MAX_REPORTED_SECONDS, MAX_VISIT_SECONDS, ReadRecord, ReadingStats, SAME_VISIT, VISIT_LASTS,
};
pub use reading_lists::{
    LISTS_LISTED, MAX_LIST_ITEMS, MAX_LIST_NOTE_CHARS, MAX_LIST_TITLE_CHARS, ReadingList,
    ReadingListItem, ReadingListSummary,
};
pub use remembering::RecentWriteUp;
pub use reviews::{
    Answer, Attendee, Invitee, Review, ReviewCounts, ReviewNote, ReviewPerson, ReviewPlan,
    ReviewSummary,
};
pub use schema::{ColumnDescription, TableColumns};
pub use search::{
    CANDIDATE_CAP, FacetCount, Facets, GroupIncident, HITS_PER_GROUP, HitGroup, LibraryResults,
    MAX_PER_PAGE, SearchHit, SearchPage, SearchResults, SimilarIncident,
};
pub use sessions::SessionRecord;
pub use stories::{
    MAX_STORY_ABOUT, MAX_STORY_BYTES, MAX_STORY_TITLE, NewStory, Story, StoryStatus,
};
pub use timeline::Narrative;
pub use timeline_window::{
    ChatLineRow, DensityCell, EntryKey, EntrySlice, LaneKey, MAX_CHAT_WINDOW, MAX_WINDOW, SeenRule,
    TimelineFacet, WindowFrom,
};
pub use writings::IncidentWritings;

use sqlx::{PgPool, SqlitePool};

/// A connection pool for one backend.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code against whichever backend the store uses. The body is compiled once per
/// backend, so each query is type-checked for both.
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// Begins a write transaction on the given pool: `BEGIN IMMEDIATE` on SQLite (see the crate
/// docs), a plain `BEGIN` on PostgreSQL.
macro_rules! begin_write {
    (Sqlite, $pool:expr) => {
        $pool.begin_with("BEGIN IMMEDIATE")
    };
    (Postgres, $pool:expr) => {
        $pool.begin()
    };
}
pub(crate) use begin_write;

/// Runs a write transaction body against either backend. Inside the body, `$tx` is the open
/// transaction; the body's `Ok` commits, its `Err` rolls back (by dropping the transaction).
macro_rules! with_write_tx {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite(pool) => {
                let mut $tx = $crate::begin_write!(Sqlite, pool).await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::Db::Postgres(pool) => {
                let mut $tx = $crate::begin_write!(Postgres, pool).await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}
pub(crate) use with_write_tx;

/// Lore's store: repositories for incidents, sources, timeline entries, people, accounts and
/// sessions over one database.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
    /// The database URL with any password removed, for messages and logs.
    display_url: String,
    /// When set, the time the learning records (reads, comments, reviews, stories, reading
    /// lists, perspectives, moments) are dated with instead of the clock: see [`Store::dated`].
    dated: Option<time::OffsetDateTime>,
}

impl Store {
    /// A handle on the same database whose learning records are dated `at` rather than now:
    /// for loading history that happened before Lore kept it (the demo's year of activity, an
    /// earlier tool's review attendance). Rules that compare with now (a reload within half an
    /// hour is the same visit) compare with `at`.
    pub fn dated(&self, at: time::OffsetDateTime) -> Store {
        Store {
            dated: Some(at),
            ..self.clone()
        }
    }

    /// Now, or the time this handle was [`dated`](Store::dated) with.
    pub(crate) fn now(&self) -> time::OffsetDateTime {
        self.dated.unwrap_or_else(time::OffsetDateTime::now_utc)
    }

    pub(crate) fn db_now(&self) -> DbTime {
        DbTime::new(self.now())
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The database this store uses, safe to print.
    pub fn display_url(&self) -> &str {
        &self.display_url
    }

    pub fn backend_name(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self.db, Db::Sqlite(_))
    }

    /// Whether [`Store::close`] was called (on this handle or a clone).
    pub fn is_closed(&self) -> bool {
        on_db!(&self.db, pool => pool.is_closed())
    }

    /// Checks that the database answers; used by `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        on_db!(&self.db, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_db!(&self.db, pool => pool.close().await)
    }
}
