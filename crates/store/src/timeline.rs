use std::collections::HashMap;

use lore_core::{
    EntryKind, NewSource, NewTimelineEntry, PersonHint, Provenance, Source, TimelineEntry,
};
use time::OffsetDateTime;

use crate::error::is_unique_violation;
use crate::people::resolve_people;
use crate::{Db, DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// Everything one import adds, stored in one transaction.
#[derive(Debug, Clone)]
pub struct ImportBatch {
    pub incident_id: i64,
    pub source: NewSource,
    /// Who ran the import (an account name, or the operating-system user for the CLI).
    pub imported_by: Option<String>,
    pub people: Vec<PersonHint>,
    pub entries: Vec<NewTimelineEntry>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The source row, unless the same bytes had been imported into this incident before.
    pub source_id: Option<i64>,
    pub already_imported: bool,
    pub added: usize,
    /// Entries already in the incident (from this file or another).
    pub duplicates: usize,
    /// Added entries marked as noise.
    pub noise: usize,
    /// Distinct authors in the batch.
    pub people_found: usize,
    /// Of those, people the store had not seen before.
    pub people_created: usize,
    pub first: Option<OffsetDateTime>,
    pub last: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    incident_id: i64,
    source_id: i64,
    occurred_at: DbTime,
    time_text: String,
    time_zone: Option<String>,
    author_person_id: Option<i64>,
    author_name: Option<String>,
    kind: String,
    body: String,
    thread_parent_id: Option<i64>,
    noise: bool,
    prov_path: String,
    prov_line: Option<i64>,
    message_key: Option<String>,
    raw: String,
}

impl EntryRow {
    fn into_entry(self) -> Result<TimelineEntry> {
        let kind: EntryKind = self
            .kind
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("timeline entry {}: {e}", self.id)))?;
        Ok(TimelineEntry {
            id: self.id,
            incident_id: self.incident_id,
            source_id: self.source_id,
            occurred_at: self.occurred_at.into(),
            time_text: self.time_text,
            time_zone: self.time_zone,
            author_person_id: self.author_person_id,
            author_name: self.author_name,
            kind,
            text: self.body,
            thread_parent: self.thread_parent_id,
            noise: self.noise,
            provenance: Provenance {
                path: self.prov_path,
                line: self.prov_line.and_then(|l| u64::try_from(l).ok()),
                message_id: self.message_key,
            },
            raw: self.raw,
        })
    }
}

#[derive(sqlx::FromRow)]
struct SourceRow {
    id: i64,
    incident_id: i64,
    kind: String,
    file_name: String,
    content_hash: String,
    imported_at: DbTime,
    imported_by: Option<String>,
    entry_count: i64,
}

impl From<SourceRow> for Source {
    fn from(r: SourceRow) -> Self {
        Source {
            id: r.id,
            incident_id: r.incident_id,
            kind: r.kind,
            file_name: r.file_name,
            content_hash: r.content_hash,
            imported_at: r.imported_at.into(),
            imported_by: r.imported_by,
            entry_count: r.entry_count,
        }
    }
}

impl Store {
    /// Stores one import atomically: the source, the people behind its authors, its entries,
    /// their threads and their search index rows. The same bytes imported again into the same
    /// incident add nothing; entries already present (by content hash) are skipped.
    pub async fn import(&self, batch: &ImportBatch) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let mut authors: Vec<(&str, &str)> = Vec::new();
        {
            let hints: HashMap<&str, &str> = batch
                .people
                .iter()
                .map(|p| (p.handle.as_str(), p.display_name.as_str()))
                .collect();
            for handle in batch
                .entries
                .iter()
                .filter_map(|e| e.author_handle.as_deref())
            {
                if !authors.iter().any(|(h, _)| *h == handle) {
                    authors.push((handle, hints.get(handle).copied().unwrap_or(handle)));
                }
            }
        }
        report.people_found = authors.len();
        let is_sqlite = matches!(self.db, Db::Sqlite(_));

        with_write_tx!(&self.db, tx => {
            let seen: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM sources WHERE incident_id = $1 AND content_hash = $2",
            )
            .bind(batch.incident_id)
            .bind(&batch.source.content_hash)
            .fetch_optional(&mut *tx)
            .await?;
            if seen.is_some() {
                report.already_imported = true;
                report.duplicates = batch.entries.len();
                return Ok(report);
            }

            let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
                "INSERT INTO sources (incident_id, kind, file_name, content_hash, imported_at, imported_by) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(batch.incident_id)
            .bind(&batch.source.kind)
            .bind(&batch.source.file_name)
            .bind(&batch.source.content_hash)
            .bind(DbTime::now())
            .bind(&batch.imported_by)
            .fetch_one(&mut *tx)
            .await;
            let source_id = match inserted {
                Ok((id,)) => id,
                // Another process imported the same bytes while this one was starting.
                Err(e) if is_unique_violation(&e) => {
                    report.already_imported = true;
                    report.duplicates = batch.entries.len();
                    return Ok(report);
                }
                Err(e) => return Err(e.into()),
            };
            report.source_id = Some(source_id);

            let (person_ids, created) =
                resolve_people!(tx, batch.source.kind.as_str(), authors.iter().copied());
            report.people_created = created;

            let mut ids_by_key: HashMap<&str, i64> = HashMap::new();
            let mut replies: Vec<(i64, &str)> = Vec::new();
            for (seq, entry) in batch.entries.iter().enumerate() {
                let author = entry.author_handle.as_deref().and_then(|h| person_ids.get(h));
                let inserted: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO timeline_entries (incident_id, source_id, seq, occurred_at, time_text, \
                     time_zone, author_person_id, kind, body, message_key, noise, prov_path, prov_line, \
                     raw, content_hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
                     ON CONFLICT (incident_id, content_hash) DO NOTHING RETURNING id",
                )
                .bind(batch.incident_id)
                .bind(source_id)
                .bind(i64::try_from(seq).unwrap_or(i64::MAX))
                .bind(DbTime::new(entry.occurred_at))
                .bind(&entry.time_text)
                .bind(&entry.time_zone)
                .bind(author)
                .bind(entry.kind.as_str())
                .bind(&entry.text)
                .bind(&entry.provenance.message_id)
                .bind(entry.noise)
                .bind(&entry.provenance.path)
                .bind(entry.provenance.line.and_then(|l| i64::try_from(l).ok()))
                .bind(&entry.raw)
                .bind(entry.content_hash())
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id,)) = inserted else {
                    report.duplicates += 1;
                    continue;
                };
                report.added += 1;
                report.noise += usize::from(entry.noise);
                let at = entry.occurred_at;
                report.first = Some(report.first.map_or(at, |f| f.min(at)));
                report.last = Some(report.last.map_or(at, |l| l.max(at)));
                if let Some(key) = entry.provenance.message_id.as_deref() {
                    ids_by_key.insert(key, id);
                }
                if let Some(parent) = entry.thread_parent.as_deref() {
                    replies.push((id, parent));
                }
            }

            // Threads are linked after every entry is in, so a reply may come before its
            // parent in the file, or point at a parent from an earlier import.
            for (id, parent_key) in replies {
                let parent = match ids_by_key.get(parent_key) {
                    Some(&parent) => Some(parent),
                    None => sqlx::query_as::<_, (i64,)>(
                        "SELECT id FROM timeline_entries WHERE incident_id = $1 AND message_key = $2 \
                         ORDER BY id LIMIT 1",
                    )
                    .bind(batch.incident_id)
                    .bind(parent_key)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|(p,)| p),
                };
                if let Some(parent) = parent.filter(|&p| p != id) {
                    sqlx::query("UPDATE timeline_entries SET thread_parent_id = $1 WHERE id = $2")
                        .bind(parent)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }

            if is_sqlite {
                // One bulk insert into the external-content FTS index (PostgreSQL's GIN index
                // maintains itself).
                sqlx::query(
                    "INSERT INTO timeline_fts (rowid, body) \
                     SELECT id, body FROM timeline_entries WHERE source_id = $1",
                )
                .bind(source_id)
                .execute(&mut *tx)
                .await?;
            }

            sqlx::query("UPDATE sources SET entry_count = $1 WHERE id = $2")
                .bind(i64::try_from(report.added).unwrap_or(i64::MAX))
                .bind(source_id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(report)
    }

    /// Every entry of an incident in time order (ties keep each source's own order).
    pub async fn timeline(&self, incident_id: i64) -> Result<Vec<TimelineEntry>> {
        let rows: Vec<EntryRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT e.id, e.incident_id, e.source_id, e.occurred_at, e.time_text, e.time_zone, \
                 e.author_person_id, p.display_name AS author_name, e.kind, e.body, e.thread_parent_id, \
                 e.noise, e.prov_path, e.prov_line, e.message_key, e.raw \
                 FROM timeline_entries e LEFT JOIN people p ON p.id = e.author_person_id \
                 WHERE e.incident_id = $1 ORDER BY e.occurred_at, e.source_id, e.seq",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    /// The sources imported into an incident, oldest import first.
    pub async fn sources(&self, incident_id: i64) -> Result<Vec<Source>> {
        let rows: Vec<SourceRow> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT id, incident_id, kind, file_name, content_hash, imported_at, imported_by, \
                 entry_count FROM sources WHERE incident_id = $1 ORDER BY imported_at, id",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(Source::from).collect())
    }
}
