use std::collections::HashMap;

use lore_core::{
    EntryKind, NewIncident, NewSource, NewTimelineEntry, PersonHint, Provenance, Slug, Source,
    TimelineEntry,
};
use time::OffsetDateTime;

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

/// An incident's narrative (Markdown) at one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    pub version: i64,
    pub body: String,
    pub author: Option<String>,
    pub created_at: OffsetDateTime,
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

/// Columns one entry fills, in the order `bind_entry!` binds them.
const ENTRY_COLUMNS: &str = "incident_id, source_id, seq, occurred_at, time_text, time_zone, \
     author_person_id, kind, body, message_key, thread_parent_key, noise, prov_path, prov_line, \
     raw, content_hash";
const ENTRY_COLUMN_COUNT: usize = 16;
/// Rows per multi-row INSERT: 500 × 16 = 8,000 parameters, under both SQLite's (32,766) and
/// PostgreSQL's (65,535) limits, and large enough that per-statement costs vanish.
const ROWS_PER_INSERT: usize = 500;

/// `INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING` for `rows` entries.
fn insert_entries_sql(rows: usize) -> String {
    let mut sql = format!("INSERT INTO timeline_entries ({ENTRY_COLUMNS}) VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..ENTRY_COLUMN_COUNT {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("${}", r * ENTRY_COLUMN_COUNT + c + 1));
        }
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT (incident_id, content_hash) DO NOTHING");
    sql
}

/// Distinct author handles of a batch with the display name a hint gives (else the handle).
fn authors<'a>(
    people: &'a [PersonHint],
    entries: &'a [NewTimelineEntry],
) -> Vec<(&'a str, &'a str)> {
    let hints: HashMap<&str, &str> = people
        .iter()
        .map(|p| (p.handle.as_str(), p.display_name.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    entries
        .iter()
        .filter_map(|e| e.author_handle.as_deref())
        .filter(|h| seen.insert(*h))
        .map(|h| (h, hints.get(h).copied().unwrap_or(h)))
        .collect()
}

/// Stores one batch inside an open write transaction; see [`Store::import`]. Expanded once per
/// backend, inside a function returning `crate::Result`, so `?` rolls everything back.
macro_rules! import_in_tx {
    ($tx:ident, $is_sqlite:expr, $incident_id:expr, $source:expr, $imported_by:expr, $people:expr, $entries:expr) => {{
        let incident_id: i64 = $incident_id;
        let source: &NewSource = $source;
        let entries: &[NewTimelineEntry] = $entries;
        let mut report = ImportReport::default();
        let authors = authors($people, entries);
        report.people_found = authors.len();

        // ON CONFLICT rather than catching the violation: in PostgreSQL a failed statement
        // aborts the transaction, and an import of several incidents must go on.
        let inserted: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO sources (incident_id, kind, file_name, content_hash, imported_at, imported_by) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (incident_id, content_hash) DO NOTHING RETURNING id",
        )
        .bind(incident_id)
        .bind(&source.kind)
        .bind(&source.file_name)
        .bind(&source.content_hash)
        .bind(DbTime::now())
        .bind($imported_by)
        .fetch_optional(&mut *$tx)
        .await?;
        match inserted {
            // Imported before (perhaps by another process a moment ago): nothing to add.
            None => {
                report.already_imported = true;
                report.duplicates = entries.len();
                report
            }
            Some((source_id,)) => {
                report.source_id = Some(source_id);
                let (person_ids, created) =
                    resolve_people!($tx, source.kind.as_str(), authors.iter().copied());
                report.people_created = created;

                let full_sql = insert_entries_sql(ROWS_PER_INSERT);
                let mut added = 0u64;
                for (chunk_no, chunk) in entries.chunks(ROWS_PER_INSERT).enumerate() {
                    let sql = if chunk.len() == ROWS_PER_INSERT {
                        full_sql.clone()
                    } else {
                        insert_entries_sql(chunk.len())
                    };
                    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for (i, e) in chunk.iter().enumerate() {
                        let seq = (chunk_no * ROWS_PER_INSERT + i) as i64;
                        let author = e.author_handle.as_deref().and_then(|h| person_ids.get(h)).copied();
                        query = query
                            .bind(incident_id)
                            .bind(source_id)
                            .bind(seq)
                            .bind(DbTime::new(e.occurred_at))
                            .bind(e.time_text.as_str())
                            .bind(e.time_zone.as_deref())
                            .bind(author)
                            .bind(e.kind.as_str())
                            .bind(e.text.as_str())
                            .bind(e.provenance.message_id.as_deref())
                            .bind(e.thread_parent.as_deref())
                            .bind(e.noise)
                            .bind(e.provenance.path.as_str())
                            .bind(e.provenance.line.and_then(|l| i64::try_from(l).ok()))
                            .bind(e.raw.as_str())
                            .bind(e.content_hash());
                    }
                    added += query.execute(&mut *$tx).await?.rows_affected();
                }
                report.added = added as usize;
                report.duplicates = entries.len() - report.added;

                // Link replies to parents by the source's own ids, in this import or earlier
                // ones; replies whose parent never arrived stay unlinked (the key is kept).
                sqlx::query(
                    "UPDATE timeline_entries SET thread_parent_id = ( \
                         SELECT p.id FROM timeline_entries p \
                         WHERE p.incident_id = timeline_entries.incident_id \
                           AND p.message_key = timeline_entries.thread_parent_key \
                           AND p.id <> timeline_entries.id \
                         ORDER BY p.id LIMIT 1) \
                     WHERE incident_id = $1 AND thread_parent_key IS NOT NULL AND thread_parent_id IS NULL",
                )
                .bind(incident_id)
                .execute(&mut *$tx)
                .await?;

                if $is_sqlite {
                    // One bulk insert into the external-content FTS index (PostgreSQL's GIN
                    // index maintains itself).
                    sqlx::query(
                        "INSERT INTO timeline_fts (rowid, body) \
                         SELECT id, body FROM timeline_entries WHERE source_id = $1",
                    )
                    .bind(source_id)
                    .execute(&mut *$tx)
                    .await?;
                }

                let (noise, first, last): (i64, Option<DbTime>, Option<DbTime>) = sqlx::query_as(
                    "SELECT COALESCE(SUM(CASE WHEN noise THEN 1 ELSE 0 END), 0), \
                     MIN(occurred_at), MAX(occurred_at) FROM timeline_entries WHERE source_id = $1",
                )
                .bind(source_id)
                .fetch_one(&mut *$tx)
                .await?;
                report.noise = noise as usize;
                report.first = first.map(Into::into);
                report.last = last.map(Into::into);

                sqlx::query("UPDATE sources SET entry_count = $1 WHERE id = $2")
                    .bind(added as i64)
                    .bind(source_id)
                    .execute(&mut *$tx)
                    .await?;
                report
            }
        }
    }};
}

/// An incident that an import describes by itself (a status-page incident, a write-up), with
/// its entries.
#[derive(Debug, Clone)]
pub struct IncidentImport {
    pub incident: NewIncident,
    /// Becomes the narrative's first version when the incident has none yet.
    pub narrative: Option<String>,
    pub people: Vec<PersonHint>,
    pub entries: Vec<NewTimelineEntry>,
}

/// What an import did to one incident it describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentImportReport {
    pub slug: Slug,
    /// False when the incident existed and the entries were attached to it.
    pub created: bool,
    pub report: ImportReport,
}

impl Store {
    /// Stores one import atomically: the source, the people behind its authors, its entries,
    /// their threads and their search index rows. The same bytes imported again into the same
    /// incident add nothing; entries already present (by content hash) are skipped.
    pub async fn import(&self, batch: &ImportBatch) -> Result<ImportReport> {
        let is_sqlite = matches!(self.db, Db::Sqlite(_));
        Ok(with_write_tx!(&self.db, tx => {
            import_in_tx!(tx, is_sqlite, batch.incident_id, &batch.source, &batch.imported_by, &batch.people, &batch.entries)
        }))
    }

    /// Stores incidents that one file describes (a status page's history, a write-up), all in
    /// one transaction: each incident is created unless its slug exists, in which case its
    /// entries are attached to the existing one.
    pub async fn import_incidents(
        &self,
        source: &NewSource,
        imported_by: Option<&str>,
        records: &[IncidentImport],
    ) -> Result<Vec<IncidentImportReport>> {
        let is_sqlite = matches!(self.db, Db::Sqlite(_));
        let imported_by = imported_by.map(str::to_owned);
        Ok(with_write_tx!(&self.db, tx => {
            let mut out = Vec::with_capacity(records.len());
            for record in records {
                let new = &record.incident;
                let created: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO incidents (slug, title, summary, severity, services, tags, restricted, \
                     started_at, detected_at, resolved_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (slug) DO NOTHING RETURNING id",
                )
                .bind(new.slug.as_str())
                .bind(&new.title)
                .bind(&new.summary)
                .bind(&new.severity)
                .bind(serde_json::to_string(&new.services).expect("strings serialise"))
                .bind(serde_json::to_string(&new.tags).expect("strings serialise"))
                .bind(new.restricted)
                .bind(new.times.started_at.map(DbTime::new))
                .bind(new.times.detected_at.map(DbTime::new))
                .bind(new.times.resolved_at.map(DbTime::new))
                .bind(DbTime::now())
                .fetch_optional(&mut *tx)
                .await?;
                let (incident_id, was_created) = match created {
                    Some((id,)) => (id, true),
                    None => {
                        let (id,): (i64,) = sqlx::query_as("SELECT id FROM incidents WHERE slug = $1")
                            .bind(new.slug.as_str())
                            .fetch_one(&mut *tx)
                            .await?;
                        (id, false)
                    }
                };
                if let Some(body) = &record.narrative {
                    sqlx::query(
                        "INSERT INTO narratives (incident_id, version, body, author, created_at) \
                         VALUES ($1, 1, $2, $3, $4) ON CONFLICT (incident_id, version) DO NOTHING",
                    )
                    .bind(incident_id)
                    .bind(body)
                    .bind(&imported_by)
                    .bind(DbTime::now())
                    .execute(&mut *tx)
                    .await?;
                }
                let report = import_in_tx!(tx, is_sqlite, incident_id, source, &imported_by, &record.people, &record.entries);
                out.push(IncidentImportReport { slug: new.slug.clone(), created: was_created, report });
            }
            out
        }))
    }

    /// The current (latest) narrative of an incident, if it has one.
    pub async fn narrative(&self, incident_id: i64) -> Result<Option<Narrative>> {
        let row: Option<(i64, String, Option<String>, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT version, body, author, created_at FROM narratives \
                 WHERE incident_id = $1 ORDER BY version DESC LIMIT 1",
            )
            .bind(incident_id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(version, body, author, created_at)| Narrative {
            version,
            body,
            author,
            created_at: created_at.into(),
        }))
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
