//! Imports: everything one import adds goes in through an [`ImportSession`], which is one
//! write transaction. Entries are added in batches of any size, so a reader can stream a large
//! export through in bounded memory; nothing is visible to others until `commit`, and dropping
//! the session (an error, a cancelled import) rolls it all back.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lore_core::{
    ChannelMembers, NewIncident, NewSource, NewTimelineEntry, PersonHint, References, Slug,
    TextSource,
};
use sqlx::{Postgres, Sqlite, Transaction};
use time::OffsetDateTime;

use crate::entry_rows::{EntryValues, InstantText};
use crate::links::replace_references;
use crate::people::resolve_people;
use crate::search::index::{Owner, incident_doc, narrative_docs, replace_docs};
use crate::{Db, DbTime, Result, Store};

mod postgres;
mod sqlite;

/// The plan each backend makes for the import's probe of a reply's parent, on the store as it
/// is now (for `testing::import_parent_probe_plan`).
#[cfg(feature = "test-support")]
pub(crate) async fn parent_probe_plan(db: &Db) -> Result<String> {
    match db {
        Db::Sqlite(pool) => sqlite::find_parent_plan(pool).await,
        Db::Postgres(pool) => postgres::insert_plan(pool).await,
    }
}

/// Everything one import into an existing incident adds, for [`Store::import`].
#[derive(Debug, Clone)]
pub struct ImportBatch {
    pub incident_id: i64,
    pub source: NewSource,
    /// Who ran the import (an account name, or the operating-system user for the CLI).
    pub imported_by: Option<String>,
    pub people: Vec<PersonHint>,
    pub entries: Vec<NewTimelineEntry>,
    /// Who was in the source's channels, by the handles its entries use.
    pub channel_members: Vec<ChannelMembers>,
}

/// What an import did to one incident.
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
    /// Distinct authors in the entries offered.
    pub people_found: usize,
    /// Of those, people the store had not seen before.
    pub people_created: usize,
    /// Memberships recorded (one person in one channel), for sources that list them. Members
    /// who wrote nothing are not counted among the people above, though the store creates
    /// them as it does authors.
    pub channel_members: usize,
    pub first: Option<OffsetDateTime>,
    pub last: Option<OffsetDateTime>,
}

/// An incident that an import describes by itself (a status-page incident, a write-up), with
/// its entries, for [`Store::import_incidents`].
#[derive(Debug, Clone)]
pub struct IncidentImport {
    pub incident: NewIncident,
    /// Becomes the narrative's first version when the incident has none yet.
    pub narrative: Option<String>,
    /// What the narrative refers to (`lore_render::incident_links`).
    pub references: References,
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

/// What the store derives from each entry before writing it: its identity
/// ([`NewTimelineEntry::content_hash`]) and its instant as stored.
#[derive(Debug, Clone)]
struct Derived {
    identity: String,
    occurred_at: InstantText,
}

impl Derived {
    fn of(entry: &NewTimelineEntry) -> Self {
        Derived {
            identity: entry.content_hash(),
            occurred_at: DbTime::new(entry.occurred_at).into(),
        }
    }
}

/// Entries made ready for [`ImportSession::add_prepared`]: each one's identity hashed and its
/// instant formatted as stored. That per-entry work touches no database, so an import can do it
/// on its reading thread while the session writes the batch before (a million Slack messages:
/// two SHA-256 passes and a handful of allocations each, otherwise done between inserts on the
/// thread that holds the write lock).
#[derive(Debug, Clone)]
pub struct PreparedEntries {
    entries: Vec<NewTimelineEntry>,
    derived: Vec<Derived>,
}

impl PreparedEntries {
    pub fn new(entries: Vec<NewTimelineEntry>) -> Self {
        let derived = entries.iter().map(Derived::of).collect();
        PreparedEntries { entries, derived }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The session's transaction, with the backend's writer of entry rows.
enum Tx {
    Sqlite(Transaction<'static, Sqlite>, sqlite::EntryWriter),
    Postgres(Transaction<'static, Postgres>, postgres::EntryWriter),
}

/// Runs a body with `$conn` bound to the session's connection, once per backend.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            Tx::Sqlite(t, _) => {
                let $conn = &mut **t;
                $body
            }
            Tx::Postgres(t, _) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// The source currently being imported within a session.
struct OpenSource {
    incident_id: i64,
    source_id: i64,
    kind: String,
    next_seq: i64,
    report: ImportReport,
    /// Person ids of the authors seen so far in this source, by handle.
    author_ids: HashMap<String, i64>,
    /// Members of each channel, by handle, recorded when the source ends.
    members: BTreeMap<String, BTreeSet<String>>,
    /// When each (channel, handle) joined, the earliest the source says.
    joined: BTreeMap<(String, String), time::OffsetDateTime>,
}

/// One import: a write transaction into which sources and their entries are streamed.
pub struct ImportSession {
    tx: Tx,
    imported_by: Option<String>,
    /// Display names for handles, from every hint given so far.
    hints: HashMap<String, String>,
    open: Option<OpenSource>,
}

impl Store {
    /// Starts an import. `imported_by` is recorded on every source it adds.
    pub async fn begin_import(&self, imported_by: Option<&str>) -> Result<ImportSession> {
        let tx = match &self.db {
            // IMMEDIATE takes the write lock now, so a concurrent writer waits rather than
            // failing half-way through on lock upgrade.
            Db::Sqlite(pool) => Tx::Sqlite(
                pool.begin_with("BEGIN IMMEDIATE").await?,
                sqlite::EntryWriter::default(),
            ),
            Db::Postgres(pool) => {
                Tx::Postgres(pool.begin().await?, postgres::EntryWriter::default())
            }
        };
        Ok(ImportSession {
            tx,
            imported_by: imported_by.map(str::to_owned),
            hints: HashMap::new(),
            open: None,
        })
    }

    /// Stores one batch into an existing incident atomically: the source, the people behind
    /// its authors and channel members, its entries, their threads and their search index rows. The same bytes
    /// imported again into the same incident add nothing; entries already present (by content
    /// hash) are skipped.
    pub async fn import(&self, batch: &ImportBatch) -> Result<ImportReport> {
        let mut session = self.begin_import(batch.imported_by.as_deref()).await?;
        let report = session
            .add_source(
                batch.incident_id,
                &batch.source,
                &batch.people,
                &batch.entries,
                &batch.channel_members,
            )
            .await?;
        session.commit().await?;
        Ok(report)
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
        let mut session = self.begin_import(imported_by).await?;
        let mut out = Vec::with_capacity(records.len());
        for record in records {
            let (incident_id, created) = session.find_or_create_incident(&record.incident).await?;
            if let Some(body) = &record.narrative {
                session
                    .set_first_narrative(incident_id, body, &record.references)
                    .await?;
            }
            // Status pages and write-ups have no conversations.
            let report = session
                .add_source(incident_id, source, &record.people, &record.entries, &[])
                .await?;
            out.push(IncidentImportReport {
                slug: record.incident.slug.clone(),
                created,
                report,
            });
        }
        session.commit().await?;
        Ok(out)
    }
}

impl ImportSession {
    /// Display names for handles the entries will use (later hints win).
    pub fn add_people(&mut self, hints: &[PersonHint]) {
        for h in hints {
            self.hints.insert(h.handle.clone(), h.display_name.clone());
        }
    }

    /// Creates the incident unless its slug exists; returns its id and whether it was created.
    pub async fn find_or_create_incident(&mut self, new: &NewIncident) -> Result<(i64, bool)> {
        let services = serde_json::to_string(&new.services).expect("strings serialise");
        let tags = serde_json::to_string(&new.tags).expect("strings serialise");
        let found: (i64, bool) = on_tx!(&mut self.tx, conn => {
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
            .bind(&services)
            .bind(&tags)
            .bind(new.restricted)
            .bind(new.times.started_at.map(DbTime::new))
            .bind(new.times.detected_at.map(DbTime::new))
            .bind(new.times.resolved_at.map(DbTime::new))
            .bind(DbTime::now())
            .fetch_optional(&mut *conn)
            .await?;
            match created {
                Some((id,)) => {
                    replace_docs!(
                        conn,
                        Owner::Incident(id),
                        [incident_doc(id, &new.title, &new.summary, &new.services, &new.tags)]
                    );
                    (id, true)
                }
                None => {
                    let (id,): (i64,) = sqlx::query_as("SELECT id FROM incidents WHERE slug = $1")
                        .bind(new.slug.as_str())
                        .fetch_one(&mut *conn)
                        .await?;
                    (id, false)
                }
            }
        });
        Ok(found)
    }

    /// Gives the incident its narrative's first version, unless it has a narrative already.
    /// What the text refers to (`refs`) is recorded with it.
    pub async fn set_first_narrative(
        &mut self,
        incident_id: i64,
        body: &str,
        refs: &References,
    ) -> Result<()> {
        let author = self.imported_by.clone();
        on_tx!(&mut self.tx, conn => {
            let inserted = sqlx::query(
                "INSERT INTO narratives (incident_id, version, body, author, created_at) \
                 VALUES ($1, 1, $2, $3, $4) ON CONFLICT (incident_id, version) DO NOTHING",
            )
            .bind(incident_id)
            .bind(body)
            .bind(&author)
            .bind(DbTime::now())
            .execute(&mut *conn)
            .await?;
            if inserted.rows_affected() == 1 {
                replace_docs!(conn, Owner::Narrative(incident_id), narrative_docs(incident_id, 1, body));
                replace_references!(conn, incident_id, TextSource::Narrative, refs);
            }
        });
        Ok(())
    }

    /// Opens a source for an incident. False when the same bytes were imported into this
    /// incident before (perhaps by another process a moment ago): then add nothing.
    pub async fn begin_source(&mut self, incident_id: i64, source: &NewSource) -> Result<bool> {
        assert!(self.open.is_none(), "end_source before beginning another");
        let imported_by = self.imported_by.clone();
        // ON CONFLICT rather than catching the violation: in PostgreSQL a failed statement
        // aborts the transaction, and an import of several incidents must go on.
        let inserted: Option<(i64,)> = on_tx!(&mut self.tx, conn => {
            sqlx::query_as(
                "INSERT INTO sources (incident_id, kind, file_name, content_hash, imported_at, imported_by) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (incident_id, content_hash) DO NOTHING RETURNING id",
            )
            .bind(incident_id)
            .bind(&source.kind)
            .bind(&source.file_name)
            .bind(&source.content_hash)
            .bind(DbTime::now())
            .bind(&imported_by)
            .fetch_optional(&mut *conn)
            .await?
        });
        let Some((source_id,)) = inserted else {
            return Ok(false);
        };
        self.open = Some(OpenSource {
            incident_id,
            source_id,
            kind: source.kind.clone(),
            next_seq: 0,
            report: ImportReport {
                source_id: Some(source_id),
                ..ImportReport::default()
            },
            author_ids: HashMap::new(),
            members: BTreeMap::new(),
            joined: BTreeMap::new(),
        });
        Ok(true)
    }

    /// The report for a source that `begin_source` found already imported.
    pub fn skip_source(&self, entries_offered: usize) -> ImportReport {
        ImportReport {
            already_imported: true,
            duplicates: entries_offered,
            ..ImportReport::default()
        }
    }

    /// Imports one source whose entries are all at hand: `begin_source`, `add_entries`,
    /// `add_channel_members`, `end_source`, or the skip report when these bytes were imported
    /// into the incident before.
    pub async fn add_source(
        &mut self,
        incident_id: i64,
        source: &NewSource,
        people: &[PersonHint],
        entries: &[NewTimelineEntry],
        channel_members: &[ChannelMembers],
    ) -> Result<ImportReport> {
        self.add_people(people);
        if !self.begin_source(incident_id, source).await? {
            return Ok(self.skip_source(entries.len()));
        }
        self.add_entries(entries).await?;
        self.add_channel_members(channel_members);
        self.end_source().await
    }

    /// Records who was in the open source's channels, by the handles its entries use
    /// (resolved to people as authors are, of the source's kind; unknown ones are created,
    /// named by the hints given). Call as often as needed; the same person in the same channel
    /// counts once. They are written by `end_source`, after the entries, so that the people
    /// counted in the report stay the authors.
    pub fn add_channel_members(&mut self, channel_members: &[ChannelMembers]) {
        let open = self
            .open
            .as_mut()
            .expect("begin_source before add_channel_members");
        for m in channel_members {
            let listed = open.members.entry(m.channel.clone()).or_default();
            listed.extend(m.handles.iter().cloned());
            listed.extend(m.joined.iter().map(|(h, _)| h.clone()));
            for (handle, at) in &m.joined {
                open.joined
                    .entry((m.channel.clone(), handle.clone()))
                    .and_modify(|t| *t = (*t).min(*at))
                    .or_insert(*at);
            }
        }
    }

    /// Adds entries to the open source, in order. Call as often as needed.
    pub async fn add_entries(&mut self, entries: &[NewTimelineEntry]) -> Result<()> {
        let derived: Vec<Derived> = entries.iter().map(Derived::of).collect();
        self.add_derived(entries, &derived).await
    }

    /// Adds entries made ready by [`PreparedEntries::new`] to the open source, in order: what
    /// [`ImportSession::add_entries`] does, without the per-entry work done beforehand.
    pub async fn add_prepared(&mut self, batch: &PreparedEntries) -> Result<()> {
        self.add_derived(&batch.entries, &batch.derived).await
    }

    async fn add_derived(
        &mut self,
        entries: &[NewTimelineEntry],
        derived: &[Derived],
    ) -> Result<()> {
        debug_assert_eq!(entries.len(), derived.len());
        let open = self.open.as_mut().expect("begin_source before add_entries");
        // People first: every author of this batch gets a person id (found or created).
        let mut new_authors: Vec<(&str, &str)> = Vec::new();
        for handle in entries.iter().filter_map(|e| e.author_handle.as_deref()) {
            if !open.author_ids.contains_key(handle)
                && !new_authors.iter().any(|(h, _)| *h == handle)
            {
                let name = self.hints.get(handle).map_or(handle, String::as_str);
                new_authors.push((handle, name));
            }
        }
        open.report.people_found += new_authors.len();
        if !new_authors.is_empty() {
            let kind = open.kind.as_str();
            let (ids, created) = on_tx!(&mut self.tx, conn => {
                resolve_people!(conn, kind, new_authors.iter().copied())
            });
            open.report.people_created += created;
            open.author_ids.extend(ids);
        }

        let first_seq = open.next_seq;
        open.next_seq += entries.len() as i64;
        let (incident_id, source_id) = (open.incident_id, open.source_id);
        let author_ids = &open.author_ids;
        let author_of = |e: &NewTimelineEntry| {
            e.author_handle
                .as_deref()
                .and_then(|h| author_ids.get(h))
                .copied()
        };
        let rows: Vec<EntryValues<'_>> = entries
            .iter()
            .zip(derived)
            .enumerate()
            .map(|(i, (e, d))| EntryValues {
                incident_id,
                source_id,
                seq: first_seq + i as i64,
                occurred_at: &d.occurred_at,
                time_text: &e.time_text,
                time_zone: e.time_zone.as_deref(),
                author_person_id: author_of(e),
                kind: e.kind.as_str(),
                body: &e.text,
                message_key: e.provenance.message_id.as_deref(),
                thread_parent_key: e.thread_parent.as_deref(),
                noise: e.noise,
                prov_path: &e.provenance.path,
                prov_line: e.provenance.line.and_then(|l| i64::try_from(l).ok()),
                raw: &e.raw,
                content_hash: &d.identity,
                channel: e.channel.as_deref(),
            })
            .collect();
        let added = match &mut self.tx {
            Tx::Sqlite(t, writer) => writer.insert(t, &rows).await?,
            Tx::Postgres(t, writer) => writer.insert(t, &rows).await?,
        };
        // The report's counts and time range from the rows as they go in, rather than from
        // reading the source's rows back at its end (a second pass over every row).
        let report = &mut open.report;
        for (entry, _) in entries.iter().zip(&added).filter(|(_, added)| **added) {
            report.added += 1;
            report.noise += usize::from(entry.noise);
            // As stored: UTC, to the microsecond.
            let at = OffsetDateTime::from(DbTime::new(entry.occurred_at));
            report.first = Some(report.first.map_or(at, |t| t.min(at)));
            report.last = Some(report.last.map_or(at, |t| t.max(at)));
        }
        report.duplicates += entries.len() - added.iter().filter(|a| **a).count();
        Ok(())
    }

    /// Closes the open source: records its channels' members, links threads, records the
    /// counts. (The search index was fed as the entries went in.)
    pub async fn end_source(&mut self) -> Result<ImportReport> {
        let open = self.open.take().expect("begin_source before end_source");
        let channel_members = self.record_members(&open).await?;
        let mut report = open.report;
        report.channel_members = channel_members;
        on_tx!(&mut self.tx, conn => {
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
            .bind(open.incident_id)
            .execute(&mut *conn)
            .await?;
            sqlx::query("UPDATE sources SET entry_count = $1 WHERE id = $2")
                .bind(report.added as i64)
                .bind(open.source_id)
                .execute(&mut *conn)
                .await?;
        });
        Ok(report)
    }

    /// Writes the open source's channel members, finding or creating their people as
    /// `add_entries` does for authors; returns how many memberships were added.
    async fn record_members(&mut self, open: &OpenSource) -> Result<usize> {
        if open.members.is_empty() {
            return Ok(0);
        }
        // Members who wrote something already have their person.
        let unknown: BTreeSet<&str> = open
            .members
            .values()
            .flatten()
            .map(String::as_str)
            .filter(|h| !open.author_ids.contains_key(*h))
            .collect();
        let hints = &self.hints;
        let named = unknown
            .into_iter()
            .map(|h| (h, hints.get(h).map_or(h, String::as_str)));
        let kind = open.kind.as_str();
        let added: u64 = on_tx!(&mut self.tx, conn => {
            let (ids, _created) = resolve_people!(conn, kind, named);
            let mut added = 0;
            for (channel, handles) in &open.members {
                for handle in handles {
                    let person_id = open
                        .author_ids
                        .get(handle)
                        .or_else(|| ids.get(handle))
                        .copied()
                        .expect("every member's handle is an author's or was resolved above");
                    let joined = open
                        .joined
                        .get(&(channel.clone(), handle.clone()))
                        .map(|t| crate::DbTime::from(*t));
                    added += sqlx::query(
                        "INSERT INTO channel_members (incident_id, source_id, channel, person_id, \
                         joined_at) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (source_id, channel, person_id) DO NOTHING",
                    )
                    .bind(open.incident_id)
                    .bind(open.source_id)
                    .bind(channel)
                    .bind(person_id)
                    .bind(joined)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                }
            }
            added
        });
        Ok(added as usize)
    }

    /// Makes everything added visible at once.
    pub async fn commit(self) -> Result<()> {
        assert!(self.open.is_none(), "end_source before commit");
        match self.tx {
            Tx::Sqlite(mut tx, writer) => {
                writer.finish(&mut tx).await?;
                tx.commit().await?;
            }
            Tx::Postgres(tx, _) => tx.commit().await?,
        }
        Ok(())
    }
}
