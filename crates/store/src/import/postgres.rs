//! The PostgreSQL side of bulk entry inserts: COPY into a staging table, then one
//! `INSERT … SELECT` that skips known entries and links replies whose parent is already stored.
//! Every statement names its columns from [`ENTRY_COLUMNS`], and every COPY row is written
//! from [`EntryValues::values`], so they follow the declaration in `entry_rows`.

use std::fmt::Write as _;
use std::sync::LazyLock;

use sqlx::PgConnection;

use crate::Result;
use crate::entry_rows::{ENTRY_COLUMNS, EntryValues, Value, column_list};

/// Where PostgreSQL imports stage entries; dropped with the transaction.
const STAGING: &str = "lore_staged_entries";

/// The staging table: the declared columns with their types and no constraints (the
/// `INSERT … SELECT` into `timeline_entries` checks those).
static CREATE_STAGING: LazyLock<String> = LazyLock::new(|| {
    let columns: Vec<String> = ENTRY_COLUMNS
        .iter()
        .map(|c| format!("{} {}", c.name, c.ty.postgres()))
        .collect();
    format!(
        "CREATE TEMP TABLE {STAGING} ({}) ON COMMIT DROP",
        columns.join(", ")
    )
});

/// COPY in [`EntryValues::values`]' order.
static COPY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "COPY {STAGING} ({}) FROM STDIN (FORMAT text)",
        column_list("")
    )
});

/// Staged entries into the timeline, in file order, skipping known ones; a reply whose parent
/// was stored by an earlier statement is linked here, the rest by `end_source`. Returns the
/// places (`seq`) of the rows added, so the session counts them without reading them back.
static INSERT_STAGED: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO timeline_entries ({}, thread_parent_id) \
         SELECT {}, \
         (SELECT p.id FROM timeline_entries p WHERE p.incident_id = s.incident_id \
          AND p.message_key = s.thread_parent_key ORDER BY p.id LIMIT 1) \
         FROM {STAGING} s ORDER BY s.seq \
         ON CONFLICT (incident_id, content_hash) DO NOTHING RETURNING seq",
        column_list(""),
        column_list("s."),
    )
});

static TRUNCATE_STAGING: LazyLock<String> = LazyLock::new(|| format!("TRUNCATE {STAGING}"));

/// COPY data is sent in chunks of about this many bytes.
const COPY_CHUNK: usize = 1 << 20;

/// Writes an import's entries on its PostgreSQL connection.
#[derive(Debug, Default)]
pub(crate) struct EntryWriter {
    /// Whether this transaction has created the staging table.
    staging_ready: bool,
}

impl EntryWriter {
    /// Inserts the rows, skipping those whose content hash the incident already has; returns
    /// which were added, in the rows' order.
    pub(crate) async fn insert(
        &mut self,
        conn: &mut PgConnection,
        rows: &[EntryValues<'_>],
    ) -> Result<Vec<bool>> {
        if !self.staging_ready {
            sqlx::query(CREATE_STAGING.as_str())
                .execute(&mut *conn)
                .await?;
            self.staging_ready = true;
        }
        let mut copy = conn.copy_in_raw(&COPY).await?;
        let mut buf = String::with_capacity(COPY_CHUNK);
        for row in rows {
            copy_row(&mut buf, &row.values());
            if buf.len() >= COPY_CHUNK {
                copy.send(std::mem::take(&mut buf).into_bytes()).await?;
            }
        }
        if !buf.is_empty() {
            copy.send(buf.into_bytes()).await?;
        }
        copy.finish().await?;
        let added: Vec<(i64,)> = sqlx::query_as(INSERT_STAGED.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let first_seq = rows.first().map_or(0, |r| r.seq);
        let mut flags = vec![false; rows.len()];
        for (seq,) in added {
            if let Some(flag) = usize::try_from(seq - first_seq)
                .ok()
                .and_then(|i| flags.get_mut(i))
            {
                *flag = true;
            }
        }
        sqlx::query(TRUNCATE_STAGING.as_str())
            .execute(&mut *conn)
            .await?;
        Ok(flags)
    }
}

/// The plan PostgreSQL makes for [`INSERT_STAGED`] on this connection's store as it is now
/// (`EXPLAIN`, without costs), with the staging table created in a transaction rolled back
/// afterwards. Made on an empty incident, it is the plan a whole import keeps (migration 0032).
#[cfg(feature = "test-support")]
pub(crate) async fn insert_plan(pool: &sqlx::PgPool) -> Result<String> {
    let mut tx = pool.begin().await?;
    sqlx::query(CREATE_STAGING.as_str())
        .execute(&mut *tx)
        .await?;
    let lines: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "EXPLAIN (COSTS OFF) {}",
        INSERT_STAGED.as_str()
    )))
    .fetch_all(&mut *tx)
    .await?;
    tx.rollback().await?;
    Ok(lines
        .into_iter()
        .map(|(line,)| line)
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Appends one row in COPY's text format: tab-separated, `\N` for NULL, `t`/`f` for booleans,
/// backslash escapes in text.
fn copy_row(buf: &mut String, values: &[Value<'_>]) {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            buf.push('\t');
        }
        match *value {
            Value::Int(None) | Value::Text(None) => buf.push_str("\\N"),
            Value::Int(Some(n)) => write!(buf, "{n}").expect("writing to a String cannot fail"),
            Value::Bool(b) => buf.push(if b { 't' } else { 'f' }),
            Value::Text(Some(text)) => push_escaped(buf, text),
        }
    }
    buf.push('\n');
}

/// Appends text with COPY's escapes for the characters that would end a value or a row.
fn push_escaped(buf: &mut String, text: &str) {
    let mut plain_from = 0;
    for (at, c) in text.match_indices(['\\', '\n', '\r', '\t']) {
        buf.push_str(&text[plain_from..at]);
        buf.push_str(match c {
            "\\" => "\\\\",
            "\n" => "\\n",
            "\r" => "\\r",
            _ => "\\t",
        });
        plain_from = at + 1;
    }
    buf.push_str(&text[plain_from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_rows_escape_text_and_spell_nulls_and_booleans() {
        let mut buf = String::new();
        copy_row(
            &mut buf,
            &[
                Value::Int(Some(-7)),
                Value::Int(None),
                Value::Text(Some("a\tb\nc\rd\\e ✓")),
                Value::Text(None),
                Value::Text(Some("")),
                Value::Bool(true),
                Value::Bool(false),
            ],
        );
        assert_eq!(buf, "-7\t\\N\ta\\tb\\nc\\rd\\\\e ✓\t\\N\t\tt\tf\n");
    }
}
