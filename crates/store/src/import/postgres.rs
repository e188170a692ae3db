//! The PostgreSQL side of bulk entry inserts: COPY into a staging table, then one
//! `INSERT … SELECT` that skips known entries and links replies whose parent is already stored.

use sqlx::PgConnection;

use crate::Result;
use crate::entry_rows::EntryValues;

/// Where PostgreSQL imports stage entries; dropped with the transaction.
const PG_STAGING_TABLE: &str = "CREATE TEMP TABLE lore_staged_entries (\
     incident_id BIGINT, source_id BIGINT, seq BIGINT, occurred_at TIMESTAMPTZ, time_text TEXT, \
     time_zone TEXT, author_person_id BIGINT, kind TEXT, body TEXT, message_key TEXT, \
     thread_parent_key TEXT, noise BOOLEAN, prov_path TEXT, prov_line BIGINT, raw TEXT, \
     content_hash TEXT, channel TEXT) ON COMMIT DROP";

/// In [`EntryValues`]' order.
const PG_COPY: &str = "COPY lore_staged_entries (incident_id, source_id, seq, occurred_at, \
     time_text, time_zone, author_person_id, kind, body, message_key, thread_parent_key, noise, \
     prov_path, prov_line, raw, content_hash, channel) FROM STDIN (FORMAT text)";

/// Staged entries into the timeline, in file order, skipping known ones; a reply whose parent
/// was stored by an earlier statement is linked here, the rest by `end_source`.
const PG_INSERT_STAGED: &str = "INSERT INTO timeline_entries (incident_id, source_id, seq, \
     occurred_at, time_text, time_zone, author_person_id, kind, body, message_key, \
     thread_parent_key, noise, prov_path, prov_line, raw, content_hash, channel, \
     thread_parent_id) \
     SELECT s.incident_id, s.source_id, s.seq, s.occurred_at, s.time_text, s.time_zone, \
     s.author_person_id, s.kind, s.body, s.message_key, s.thread_parent_key, s.noise, s.prov_path, \
     s.prov_line, s.raw, s.content_hash, s.channel, \
     (SELECT p.id FROM timeline_entries p WHERE p.incident_id = s.incident_id \
      AND p.message_key = s.thread_parent_key ORDER BY p.id LIMIT 1) \
     FROM lore_staged_entries s ORDER BY s.seq \
     ON CONFLICT (incident_id, content_hash) DO NOTHING";

/// Appends one entry to a COPY buffer.
fn copy_entry(buf: &mut String, v: &EntryValues<'_>) {
    copy_row(
        buf,
        &[
            Some(&v.incident_id.to_string()),
            Some(&v.source_id.to_string()),
            Some(&v.seq.to_string()),
            Some(&v.occurred_at),
            Some(v.time_text),
            v.time_zone,
            v.author_person_id.map(|a| a.to_string()).as_deref(),
            Some(v.kind),
            Some(v.body),
            v.message_key,
            v.thread_parent_key,
            Some(if v.noise { "t" } else { "f" }),
            Some(v.prov_path),
            v.prov_line.map(|l| l.to_string()).as_deref(),
            Some(v.raw),
            Some(&v.content_hash),
            v.channel,
        ],
    );
}

/// Appends one row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes.
fn copy_row(buf: &mut String, values: &[Option<&str>]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            buf.push('\t');
        }
        match v {
            None => buf.push_str("\\N"),
            Some(v) => {
                for c in v.chars() {
                    match c {
                        '\\' => buf.push_str("\\\\"),
                        '\n' => buf.push_str("\\n"),
                        '\r' => buf.push_str("\\r"),
                        '\t' => buf.push_str("\\t"),
                        c => buf.push(c),
                    }
                }
            }
        }
    }
    buf.push('\n');
}

/// Writes an import's entries on its PostgreSQL connection.
#[derive(Debug, Default)]
pub(crate) struct EntryWriter {
    /// Whether this transaction has created the staging table.
    staging_ready: bool,
}

impl EntryWriter {
    /// Inserts the rows, skipping those whose content hash the incident already has; returns
    /// how many were added.
    pub(crate) async fn insert(
        &mut self,
        conn: &mut PgConnection,
        rows: &[EntryValues<'_>],
    ) -> Result<u64> {
        if !self.staging_ready {
            sqlx::query(PG_STAGING_TABLE).execute(&mut *conn).await?;
            self.staging_ready = true;
        }
        let mut copy = conn.copy_in_raw(PG_COPY).await?;
        let mut buf = String::with_capacity(1 << 20);
        for row in rows {
            copy_entry(&mut buf, row);
            if buf.len() >= 1 << 20 {
                copy.send(std::mem::take(&mut buf).into_bytes()).await?;
            }
        }
        if !buf.is_empty() {
            copy.send(buf.into_bytes()).await?;
        }
        copy.finish().await?;
        let added = sqlx::query(PG_INSERT_STAGED)
            .execute(&mut *conn)
            .await?
            .rows_affected();
        sqlx::query("TRUNCATE lore_staged_entries")
            .execute(&mut *conn)
            .await?;
        Ok(added)
    }
}
