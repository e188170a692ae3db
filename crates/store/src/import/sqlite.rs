//! The SQLite side of bulk entry inserts, straight through SQLite's C API.
//!
//! sqlx runs every SQLite statement on a worker thread and copies each bound value into its
//! own allocation; for a million-row import that bookkeeping cost several times the inserts
//! themselves (measured: about 31,000 rows/s through sqlx with 500-row statements). Here one
//! single-row statement is prepared once per batch and stepped for every row, with values
//! bound without copying, on the connection sqlx holds for the import's transaction (so the
//! rows are part of that transaction and roll back with it).
//!
//! Each added row's body goes into the full-text index (`timeline_fts`) by a second prepared
//! statement in the same loop, while the text is at hand: FTS5 collects the terms in memory and
//! writes its segments as they fill and at commit, so the index is complete when the import
//! commits. The alternative, one `INSERT … SELECT` after the rows, read every row back through
//! the incident's index at the end (1,000,000 rows: more than the rows' own inserts, once they
//! no longer fit in the page cache).
//!
//! The statement and its binds follow the declaration in `entry_rows`: the column list and
//! the `?1…?N` parameters are built from [`ENTRY_COLUMNS`], and each row binds
//! [`EntryValues::values`] in a loop.
//!
//! Safety: every call into SQLite happens inside [`EntryWriter::insert`] while it holds sqlx's
//! lock on the connection (`LockedSqliteHandle`), so no other code uses the handle meanwhile.
//! Every statement is a [`Statement`], finalized when dropped, on success and on error. Text is
//! bound without copying (`SQLITE_STATIC`: the promise that the bytes stay alive and unchanged
//! until the parameter is bound again or the statement finalized); `Statement<'bound>` keeps
//! that promise through the borrow checker: it binds only text borrowed for `'bound` (the
//! rows, through [`EntryValues::values`], which borrows from the row and never from a
//! temporary), and being a type that cannot outlive `'bound`, it is finalized while that text
//! is still alive.

use std::ffi::{CStr, CString, c_int};
use std::marker::PhantomData;
use std::ptr;
use std::sync::LazyLock;

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

use crate::entry_rows::{ENTRY_COLUMN_COUNT, ENTRY_COLUMNS, EntryValues, Value, column_list};
use crate::{Result, StoreError};

/// Past this many rows an import is big enough for `BIG_IMPORT_CACHE`.
const BIG_IMPORT_ROWS: usize = 50_000;
/// 48 MiB of page cache for the importing connection (a limit: it is used as pages are read).
/// 1,000,000 Slack messages with 16 KiB pages, runs alternated on a quiet machine: 48 MiB
/// 17.7 / 16.5 s at a 220 / 200 MiB peak, 64 MiB 16.5 / 17.5 s at 241 / 218 MiB, 128 MiB
/// 16.5 / 15.7 s at 300–316 MiB. The memory goal is 200 MiB.
const BIG_IMPORT_CACHE: &str = "PRAGMA cache_size = -49152";

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
    /// Inserts the rows and indexes their text, skipping those whose content hash the
    /// incident already has; returns which were added, in the rows' order.
    pub(crate) async fn insert(
        &mut self,
        conn: &mut SqliteConnection,
        rows: &[EntryValues<'_>],
    ) -> Result<Vec<bool>> {
        self.rows_offered += rows.len();
        if !self.big_cache && self.rows_offered > BIG_IMPORT_ROWS {
            // Big imports spend their time moving index pages in and out of a cache
            // sized for pages: a larger one for this connection while it imports (see
            // `BIG_IMPORT_CACHE`), put back by `finish`.
            sqlx::query(BIG_IMPORT_CACHE).execute(&mut *conn).await?;
            self.big_cache = true;
        }
        let mut handle = conn.lock_handle().await?;
        let db = handle.as_raw_handle().as_ptr();
        // SAFETY: `db` is live while `handle` is; the lock gives this code the connection
        // alone until `handle` is dropped, after the call.
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

/// The declared columns as parameters `?1…?N` in [`EntryValues::values`]' order, then the
/// thread parent's id.
static INSERT_ONE: LazyLock<CString> = LazyLock::new(|| {
    let params: Vec<String> = (1..=ENTRY_COLUMN_COUNT + 1)
        .map(|i| format!("?{i}"))
        .collect();
    let sql = format!(
        "INSERT INTO timeline_entries ({}, thread_parent_id) VALUES ({}) \
         ON CONFLICT (incident_id, content_hash) DO NOTHING",
        column_list(""),
        params.join(", "),
    );
    CString::new(sql).expect("column names have no NUL")
});

/// An added entry's text into the full-text index, by its rowid.
const INDEX_ONE: &CStr = c"INSERT INTO timeline_fts (rowid, body) VALUES (?1, ?2)";

/// `INSERT_ONE`'s parameter for the thread parent's id, after the declared columns.
const PARENT_PARAM: c_int = ENTRY_COLUMN_COUNT as c_int + 1;

/// A reply's parent when it is already stored: the usual case, since exports list a thread's
/// start before its replies. Linking here saves rewriting every reply after the import;
/// `end_source` links the rest.
const FIND_PARENT: &CStr = c"SELECT id FROM timeline_entries \
    WHERE incident_id = ?1 AND message_key = ?2 ORDER BY id LIMIT 1";

/// The plan SQLite makes for [`FIND_PARENT`] on this store as it is now (`EXPLAIN QUERY
/// PLAN`'s details, one a line).
#[cfg(feature = "test-support")]
pub(crate) async fn find_parent_plan(pool: &sqlx::SqlitePool) -> Result<String> {
    let sql = FIND_PARENT.to_str().expect("the statement is UTF-8");
    let rows: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
            .bind(1_i64)
            .bind("key")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(_, _, _, detail)| detail)
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The message SQLite gives for the connection's last error.
fn last_error(db: *mut ffi::sqlite3, what: &str) -> String {
    // SAFETY: `db` is a live connection; sqlite3_errmsg returns a NUL-terminated string owned
    // by SQLite, valid until the next call on the connection, and copied here at once.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db)) };
    format!("{what}: {}", message.to_string_lossy())
}

/// A prepared statement, finalized when dropped. Text bound to it is borrowed for `'bound`;
/// the statement cannot outlive `'bound`, so SQLite never reads bound text after it is gone.
struct Statement<'bound> {
    db: *mut ffi::sqlite3,
    stmt: *mut ffi::sqlite3_stmt,
    bound: PhantomData<&'bound str>,
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        // SAFETY: `stmt` came from sqlite3_prepare_v2 on `db` and is finalized only here.
        unsafe {
            ffi::sqlite3_finalize(self.stmt);
        }
    }
}

impl<'bound> Statement<'bound> {
    /// Binds parameter `index` (from 1) to `value`; `what` names it in an error.
    fn bind(&self, index: c_int, value: Value<'bound>, what: &str) -> Result<(), String> {
        // SAFETY (every arm): `stmt` is a live prepared statement and `index` one of its
        // parameters.
        let rc = match value {
            Value::Int(Some(n)) => unsafe { ffi::sqlite3_bind_int64(self.stmt, index, n) },
            Value::Bool(b) => unsafe { ffi::sqlite3_bind_int64(self.stmt, index, i64::from(b)) },
            Value::Int(None) | Value::Text(None) => unsafe {
                ffi::sqlite3_bind_null(self.stmt, index)
            },
            Value::Text(Some(text)) => {
                let len = c_int::try_from(text.len())
                    .map_err(|_| format!("binding {what}: a value is over 2 GiB"))?;
                // SAFETY: besides the above, `text` is borrowed for `'bound`, which outlives
                // this statement (see the type), so the bytes stay alive and unchanged for as
                // long as SQLite may read them: what SQLITE_STATIC asks.
                unsafe {
                    ffi::sqlite3_bind_text(
                        self.stmt,
                        index,
                        text.as_ptr().cast(),
                        len,
                        ffi::SQLITE_STATIC(),
                    )
                }
            }
        };
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(last_error(self.db, &format!("binding {what}")))
        }
    }
}

fn prepare<'bound>(db: *mut ffi::sqlite3, sql: &CStr) -> Result<Statement<'bound>, String> {
    let mut stmt = ptr::null_mut();
    // SAFETY: `db` is live (the callers' promise); the SQL is NUL-terminated.
    let rc = unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut()) };
    if rc != ffi::SQLITE_OK {
        return Err(last_error(db, "preparing a bulk statement"));
    }
    Ok(Statement {
        db,
        stmt,
        bound: PhantomData,
    })
}

/// The id of the entry with this source id in the incident, if stored.
fn find_parent<'bound>(
    find: &Statement<'bound>,
    incident_id: i64,
    key: &'bound str,
) -> Result<Option<i64>, String> {
    find.bind(1, Value::Int(Some(incident_id)), "incident_id")?;
    find.bind(2, Value::Text(Some(key)), "thread_parent_key")?;
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

/// Inserts the rows and indexes the text of those added, skipping those whose content hash the
/// incident already has; returns which were added.
///
/// # Safety
/// `db` must be a live connection that nothing else uses during the call.
unsafe fn insert_rows(
    db: *mut ffi::sqlite3,
    rows: &[EntryValues<'_>],
) -> Result<Vec<bool>, String> {
    let insert = prepare(db, &INSERT_ONE)?;
    let find = prepare(db, FIND_PARENT)?;
    let index = prepare(db, INDEX_ONE)?;
    let mut added = Vec::with_capacity(rows.len());
    for row in rows {
        let parent = match row.thread_parent_key {
            Some(key) => find_parent(&find, row.incident_id, key)?,
            None => None,
        };
        insert.bind(PARENT_PARAM, Value::Int(parent), "thread_parent_id")?;
        for ((index, column), value) in (1..).zip(ENTRY_COLUMNS).zip(row.values()) {
            insert.bind(index, value, column.name)?;
        }
        // SAFETY: the statement is live and every parameter is bound.
        let rc = unsafe { ffi::sqlite3_step(insert.stmt) };
        if rc != ffi::SQLITE_DONE {
            return Err(last_error(db, "inserting a timeline entry"));
        }
        // SAFETY: `db` is live; the rows the last statement changed (0 on conflict) and, when
        // it added one, that row's id.
        let (changed, id) = unsafe {
            (
                ffi::sqlite3_changes64(db),
                ffi::sqlite3_last_insert_rowid(db),
            )
        };
        // SAFETY: resetting a stepped statement for its next row.
        unsafe {
            ffi::sqlite3_reset(insert.stmt);
        }
        added.push(changed == 1);
        if changed == 1 {
            index.bind(1, Value::Int(Some(id)), "rowid")?;
            index.bind(2, Value::Text(Some(row.body)), "body")?;
            // SAFETY: the statement is live and both parameters are bound.
            let rc = unsafe { ffi::sqlite3_step(index.stmt) };
            // SAFETY: resetting a stepped statement for its next row.
            unsafe {
                ffi::sqlite3_reset(index.stmt);
            }
            if rc != ffi::SQLITE_DONE {
                return Err(last_error(db, "indexing a timeline entry's text"));
            }
        }
    }
    Ok(added)
}
