use std::collections::{BTreeSet, HashMap};

use lore_core::{EntryKind, Provenance, References, Source, TextSource, TimelineEntry};
use time::OffsetDateTime;

use crate::links::replace_references;
use crate::search::index::{Owner, narrative_docs, replace_docs};
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// An incident's narrative (Markdown) at one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    pub version: i64,
    pub body: String,
    pub author: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
pub(crate) struct EntryRow {
    id: i64,
    incident_id: i64,
    source_id: i64,
    occurred_at: DbTime,
    time_text: String,
    time_zone: Option<String>,
    author_person_id: Option<i64>,
    author_name: Option<String>,
    channel: Option<String>,
    kind: String,
    body: String,
    thread_parent_id: Option<i64>,
    thread_parent_key: Option<String>,
    noise: bool,
    prov_path: String,
    prov_line: Option<i64>,
    message_key: Option<String>,
    raw: String,
}

/// The columns of an entry as read, its author as merged; `FROM timeline_entries e` and the
/// joins, ready for a `WHERE`.
pub(crate) const ENTRY_SELECT: &str = "SELECT e.id, e.incident_id, e.source_id, e.occurred_at, \
    e.time_text, e.time_zone, p.id AS author_person_id, p.display_name AS author_name, e.channel, \
    e.kind, e.body, e.thread_parent_id, e.thread_parent_key, e.noise, e.prov_path, e.prov_line, \
    e.message_key, e.raw FROM timeline_entries e LEFT JOIN people a ON a.id = e.author_person_id \
    LEFT JOIN people p ON p.id = COALESCE(a.merged_into, a.id)";

impl EntryRow {
    pub(crate) fn into_entry(self) -> Result<TimelineEntry> {
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
            channel: self.channel,
            kind,
            text: self.body,
            thread_parent: self.thread_parent_id,
            thread_parent_key: self.thread_parent_key,
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
    /// Saves a new version of the narrative, provided `base_version` is still the current one
    /// (`None`: there is none yet). Otherwise nothing is saved and the current version comes
    /// back as `Err(StoreError::Conflict)`: no save ever silently overwrites another. What the
    /// text refers to (`refs`, found by the caller) replaces what the narrative referred to
    /// before, in the same transaction.
    pub async fn save_narrative(
        &self,
        incident_id: i64,
        base_version: Option<i64>,
        body: &str,
        author: &str,
        refs: &References,
    ) -> Result<Narrative> {
        let saved: std::result::Result<i64, Option<i64>> = with_write_tx!(&self.db, tx => {
            let (current,): (Option<i64>,) =
                sqlx::query_as("SELECT MAX(version) FROM narratives WHERE incident_id = $1")
                    .bind(incident_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if current != base_version {
                Err(current)
            } else {
                let next = current.unwrap_or(0) + 1;
                // The unique (incident_id, version) index refuses a concurrent save of the same
                // next version; ON CONFLICT turns that into "nothing inserted".
                let inserted: Option<(i64,)> = sqlx::query_as(
                    "INSERT INTO narratives (incident_id, version, body, author, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (incident_id, version) DO NOTHING \
                     RETURNING version",
                )
                .bind(incident_id)
                .bind(next)
                .bind(body)
                .bind(author)
                .bind(DbTime::now())
                .fetch_optional(&mut *tx)
                .await?;
                if inserted.is_some() {
                    replace_references!(tx, incident_id, TextSource::Narrative, refs);
                    replace_docs!(tx, Owner::Narrative(incident_id), narrative_docs(incident_id, next, body));
                }
                inserted.map(|(v,)| v).ok_or(Some(next))
            }
        });
        match saved {
            Ok(version) => self
                .narrative_version(incident_id, version)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("narrative version {version}"))),
            Err(_) => Err(StoreError::Conflict(Box::new(
                self.narrative(incident_id).await?,
            ))),
        }
    }

    /// One version of an incident's narrative.
    pub async fn narrative_version(
        &self,
        incident_id: i64,
        version: i64,
    ) -> Result<Option<Narrative>> {
        let row: Option<(i64, String, Option<String>, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT version, body, author, created_at FROM narratives \
                 WHERE incident_id = $1 AND version = $2",
            )
            .bind(incident_id)
            .bind(version)
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

    /// Every version of an incident's narrative, newest first.
    pub async fn narrative_versions(&self, incident_id: i64) -> Result<Vec<Narrative>> {
        let rows: Vec<(i64, String, Option<String>, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT version, body, author, created_at FROM narratives \
                 WHERE incident_id = $1 ORDER BY version DESC",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(version, body, author, created_at)| Narrative {
                version,
                body,
                author,
                created_at: created_at.into(),
            })
            .collect())
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

    /// Every entry of an incident in timeline order: time, then id (so ties keep the order
    /// they were imported in, each source's own), the order windows page by
    /// ([`crate::EntryKey`]). Authors are people as merged: a record merged into another reads
    /// as that one.
    pub async fn timeline(&self, incident_id: i64) -> Result<Vec<TimelineEntry>> {
        let rows: Vec<EntryRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{ENTRY_SELECT} WHERE e.incident_id = $1 ORDER BY e.occurred_at, e.id"
            )))
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    /// The channels each person of an incident was in: those any of its sources lists them as
    /// a member of, and those they wrote an entry in (a source's member list is who was there
    /// when it was exported, so someone who spoke and left is found by what they said). Keyed
    /// by person id as merged, as `TimelineEntry::author_person_id`; people in no channel are
    /// absent.
    pub async fn channels_by_person(
        &self,
        incident_id: i64,
    ) -> Result<HashMap<i64, BTreeSet<String>>> {
        let rows: Vec<(i64, String)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT COALESCE(p.merged_into, p.id), m.channel FROM channel_members m \
                 JOIN people p ON p.id = m.person_id WHERE m.incident_id = $1 \
                 UNION \
                 SELECT COALESCE(p.merged_into, p.id), e.channel FROM timeline_entries e \
                 JOIN people p ON p.id = e.author_person_id \
                 WHERE e.incident_id = $1 AND e.channel IS NOT NULL",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let mut out: HashMap<i64, BTreeSet<String>> = HashMap::new();
        for (person, channel) in rows {
            out.entry(person).or_default().insert(channel);
        }
        Ok(out)
    }

    /// The channels each person of an incident is listed in by its sources' member lists
    /// (keyed by person as merged): [`Store::channels_by_person`] without the channels they
    /// wrote in, which a caller that has the entries' facets adds from those, so this never
    /// reads the entries.
    pub async fn channel_members_by_person(
        &self,
        incident_id: i64,
    ) -> Result<HashMap<i64, BTreeSet<String>>> {
        let rows: Vec<(i64, String)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT DISTINCT COALESCE(p.merged_into, p.id), m.channel FROM channel_members m \
                 JOIN people p ON p.id = m.person_id WHERE m.incident_id = $1",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let mut out: HashMap<i64, BTreeSet<String>> = HashMap::new();
        for (person, channel) in rows {
            out.entry(person).or_default().insert(channel);
        }
        Ok(out)
    }

    /// When each person joined each channel, where a source recorded it (the earliest, across
    /// sources and merged records). A person and channel absent here were members for as long
    /// as the sources know, or joined unrecorded.
    pub async fn channel_joins(
        &self,
        incident_id: i64,
    ) -> Result<HashMap<(i64, String), OffsetDateTime>> {
        let rows: Vec<(i64, String, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT COALESCE(p.merged_into, p.id), m.channel, MIN(m.joined_at) \
                 FROM channel_members m JOIN people p ON p.id = m.person_id \
                 WHERE m.incident_id = $1 AND m.joined_at IS NOT NULL \
                 GROUP BY COALESCE(p.merged_into, p.id), m.channel",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let mut out: HashMap<(i64, String), OffsetDateTime> = HashMap::new();
        for (person, channel, at) in rows {
            let at: OffsetDateTime = at.into();
            out.entry((person, channel))
                .and_modify(|t| *t = (*t).min(at))
                .or_insert(at);
        }
        Ok(out)
    }

    /// Every channel of an incident, from its entries and its member lists, each once, in
    /// byte order (sorted here, not by the database, whose collation differs by backend).
    pub async fn channels(&self, incident_id: i64) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT channel FROM channel_members WHERE incident_id = $1 \
                 UNION \
                 SELECT channel FROM timeline_entries \
                 WHERE incident_id = $1 AND channel IS NOT NULL",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        let channels: BTreeSet<String> = rows.into_iter().map(|(c,)| c).collect();
        Ok(channels.into_iter().collect())
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
