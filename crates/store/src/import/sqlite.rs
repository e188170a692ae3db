//! The SQLite side of bulk entry inserts, straight through SQLite's C API.
//!
//! sqlx runs every SQLite statement on a worker thread and copies each bound value into its
//! own allocation; for a million-row import that bookkeeping cost several times the inserts
//! themselves (measured: about 31,000 rows/s through sqlx with 500-row statements). Here one
//! single-row statement is prepared once per batch and stepped for every row, with values
//! bound without copying, on the connection sqlx holds for the import's transaction (so the
//! rows are part of that transaction and roll back with it).
//!
//! Safety: everything here runs while the caller holds sqlx's lock on the connection
//! (`LockedSqliteHandle`), so no other code uses the handle meanwhile; every statement is
//! finalized before returning, on success and on error; bound text points into `rows`, which
//! outlives each `sqlite3_step` it is bound for (`SQLITE_STATIC` is exactly that promise).

use std::ffi::{CStr, c_int};
use std::ptr;

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

use crate::entry_rows::EntryValues;
use crate::{Result, StoreError};

/// Past this many rows an import is big enough for `BIG_IMPORT_CACHE`.
const BIG_IMPORT_ROWS: usize = 50_000;
/// 128 MiB of page cache for the importing connection (a limit: it is used as pages are read).
const BIG_IMPORT_CACHE: &str = "PRAGMA cache_size = -131072";

/// Writes an import's entries on its SQLite connection, and gives that connection a bigger
/// page cache once the import is big (`finish` puts it back).
#[derive(Debug, Default)]
pub(crate) struct EntryWriter {
    /// Rows offered so far in this import.
    rows_offered: usize,
    /// Whether the connection has `BIG_IMPORT_CACHE`.
    big_cache: bool,
}

impl EntryWriter {
    /// Inserts the rows, skipping those whose content hash the incident already has; returns
    /// how many were added.
    pub(crate) async fn insert(
        &mut self,
        conn: &mut SqliteConnection,
        rows: &[EntryValues<'_>],
    ) -> Result<u64> {
        self.rows_offered += rows.len();
        if !self.big_cache && self.rows_offered > BIG_IMPORT_ROWS {
            // Big imports spend their time moving index pages in and out of a cache
            // sized for pages: a larger one for this connection while it imports
            // (20.3 s → 15.7 s for a million Slack messages), put back by `finish`.
            sqlx::query(BIG_IMPORT_CACHE).execute(&mut *conn).await?;
            self.big_cache = true;
        }
        let mut handle = conn.lock_handle().await?;
        let db = handle.as_raw_handle().as_ptr();
        // SAFETY: the lock gives this code the connection alone until it is dropped at the end
        // of this function.
        unsafe { insert_rows(db, rows) }.map_err(StoreError::Bulk)
    }

    /// Puts the connection's page cache back to every connection's size, before the
    /// connection returns to the pool. Call before committing.
    pub(crate) async fn finish(self, conn: &mut SqliteConnection) -> Result<()> {
        if self.big_cache {
            let reset = format!("PRAGMA cache_size = {}", crate::connect::SQLITE_CACHE_KIB);
            sqlx::query(sqlx::AssertSqlSafe(reset))
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}

/// Parameters 1 to 17 in [`EntryValues`]' order, then the thread parent's id.
const INSERT_ONE: &CStr = c"INSERT INTO timeline_entries (incident_id, source_id, seq, \
    occurred_at, time_text, time_zone, author_person_id, kind, body, message_key, \
    thread_parent_key, noise, prov_path, prov_line, raw, content_hash, channel, \
    thread_parent_id) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) \
    ON CONFLICT (incident_id, content_hash) DO NOTHING";

/// A reply's parent when it is already stored: the usual case, since exports list a thread's
/// start before its replies. Linking here saves rewriting every reply after the import;
/// `end_source` links the rest.
const FIND_PARENT: &CStr = c"SELECT id FROM timeline_entries \
    WHERE incident_id = ?1 AND message_key = ?2 ORDER BY id LIMIT 1";

/// The message SQLite gives for the connection's last error.
fn last_error(db: *mut ffi::sqlite3, what: &str) -> String {
    // SAFETY: `db` is a live connection; sqlite3_errmsg returns a NUL-terminated string owned
    // by SQLite, valid until the next call on the connection, and copied here at once.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db)) };
    format!("{what}: {}", message.to_string_lossy())
}

/// A prepared statement, finalized when dropped.
struct Statement {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
}

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: `stmt` came from sqlite3_prepare_v2 on `db` and is finalized only here.
        unsafe {
            ffi::sqlite3_finalize(self.stmt);
        }
    }
}

impl Statement {
    fn check(&self, rc: c_int, what: &str) -> Result<(), String> {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(last_error(self.db, what))
        }
    }

    fn int(&self, index: c_int, value: Option<i64>) -> Result<(), String> {
        // SAFETY: `stmt` is a live prepared statement and `index` one of its parameters.
        let rc = unsafe {
            match value {
                Some(v) => ffi::sqlite3_bind_int64(self.stmt, index, v),
                None => ffi::sqlite3_bind_null(self.stmt, index),
            }
        };
        self.check(rc, "binding a value")
    }

    fn text(&self, index: c_int, value: Option<&str>) -> Result<(), String> {
        let rc = match value {
            // SAFETY: the bytes stay alive and unchanged until the statement is stepped and
            // reset (the caller's rows outlive the loop), which is what SQLITE_STATIC asks.
            Some(v) => unsafe {
                ffi::sqlite3_bind_text(
                    self.stmt,
                    index,
                    v.as_ptr().cast(),
                    c_int::try_from(v.len()).map_err(|_| "a value is over 2 GiB".to_owned())?,
                    ffi::SQLITE_STATIC(),
                )
            },
            // SAFETY: as in `int`.
            None => unsafe { ffi::sqlite3_bind_null(self.stmt, index) },
        };
        self.check(rc, "binding a value")
    }
}

fn prepare(db: *mut ffi::sqlite3, sql: &CStr) -> Result<Statement, String> {
    let mut stmt = ptr::null_mut();
    // SAFETY: `db` is live (the callers' promise); the SQL is NUL-terminated.
    let rc = unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut()) };
    if rc != ffi::SQLITE_OK {
        return Err(last_error(db, "preparing a bulk statement"));
    }
    Ok(Statement { db, stmt })
}

/// The id of the entry with this source id in the incident, if stored.
fn find_parent(find: &Statement, incident_id: i64, key: &str) -> Result<Option<i64>, String> {
    find.int(1, Some(incident_id))?;
    find.text(2, Some(key))?;
    // SAFETY: the statement is live and both parameters are bound.
    let rc = unsafe { ffi::sqlite3_step(find.stmt) };
    let found = match rc {
        // SAFETY: a row is available; column 0 is the id.
        ffi::SQLITE_ROW => Some(unsafe { ffi::sqlite3_column_int64(find.stmt, 0) }),
        ffi::SQLITE_DONE => None,
        _ => return Err(last_error(find.db, "looking up a thread's parent")),
    };
    // SAFETY: resetting a stepped statement for its next use.
    unsafe {
        ffi::sqlite3_reset(find.stmt);
    }
    Ok(found)
}

/// Inserts the rows, skipping those whose content hash the incident already has; returns how
/// many were added.
///
/// # Safety
/// `db` must be a live connection that nothing else uses during the call.
unsafe fn insert_rows(db: *mut ffi::sqlite3, rows: &[EntryValues<'_>]) -> Result<u64, String> {
    let stmt = prepare(db, INSERT_ONE)?;
    let find = prepare(db, FIND_PARENT)?;
    let mut added = 0u64;
    for row in rows {
        let parent = match row.thread_parent_key {
            Some(key) => find_parent(&find, row.incident_id, key)?,
            None => None,
        };
        stmt.int(18, parent)?;
        stmt.int(1, Some(row.incident_id))?;
        stmt.int(2, Some(row.source_id))?;
        stmt.int(3, Some(row.seq))?;
        stmt.text(4, Some(&row.occurred_at))?;
        stmt.text(5, Some(row.time_text))?;
        stmt.text(6, row.time_zone)?;
        stmt.int(7, row.author_person_id)?;
        stmt.text(8, Some(row.kind))?;
        stmt.text(9, Some(row.body))?;
        stmt.text(10, row.message_key)?;
        stmt.text(11, row.thread_parent_key)?;
        stmt.int(12, Some(i64::from(row.noise)))?;
        stmt.text(13, Some(row.prov_path))?;
        stmt.int(14, row.prov_line)?;
        stmt.text(15, Some(row.raw))?;
        stmt.text(16, Some(&row.content_hash))?;
        stmt.text(17, row.channel)?;
        // SAFETY: the statement is live and every parameter is bound.
        let rc = unsafe { ffi::sqlite3_step(stmt.stmt) };
        if rc != ffi::SQLITE_DONE {
            return Err(last_error(db, "inserting a timeline entry"));
        }
        // SAFETY: `db` is live; counts the rows the last statement changed (0 on conflict).
        added += unsafe { ffi::sqlite3_changes64(db) } as u64;
        // SAFETY: resetting a stepped statement for its next row.
        unsafe {
            ffi::sqlite3_reset(stmt.stmt);
        }
    }
    Ok(added)
}
