//! An incident's timeline a window at a time, for incidents of any size: the entries a slice
//! selects, read by keyset on their place in the timeline ([`EntryKey`]: time, then id, the
//! index `timeline_entries_window`), never by offset; exact counts of a slice; the density of
//! a slice per lane and stretch of time, for a diagram too full to draw a dot per entry; and
//! what the filter form offers (who wrote, which kinds, each source's time range).
//!
//! A slice ([`EntrySlice`]) is the reader's filter written as the database can test it: the
//! caller resolves people as merged, "as seen by" into channels, and themes into ranges of
//! keys. The rows a call returns are bounded by its `limit` (or by the number of lanes and
//! buckets); counting and density step over the index, not over the entries' text.

use std::collections::HashMap;

use lore_core::{EntryKind, TimelineEntry};
use time::OffsetDateTime;

use crate::search::sql::{Bind, Dialect, Sql, bind_all, ids_in, texts_in};
use crate::timeline::{ENTRY_SELECT, EntryRow};
use crate::{Db, DbTime, Result, Store, on_db};

/// At most this many entries per window read.
pub const MAX_WINDOW: u32 = 1_000;

/// At most this many lines per [`Store::chat_lines`] read.
pub const MAX_CHAT_WINDOW: u32 = 5_000;

/// An entry as a reader of the conversation sees it: when, who (as merged), what, and whether
/// it is noise (a join, a bot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLineRow {
    pub key: EntryKey,
    pub author: Option<String>,
    pub text: String,
    pub noise: bool,
}

/// An entry's place in the timeline: its time, then its id (ties keep import order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryKey {
    pub at: OffsetDateTime,
    pub id: i64,
}

impl EntryKey {
    pub fn of(e: &TimelineEntry) -> EntryKey {
        EntryKey {
            at: e.occurred_at,
            id: e.id,
        }
    }

    /// The place just before every entry at `at` or later.
    pub fn before_all_at(at: OffsetDateTime) -> EntryKey {
        EntryKey { at, id: i64::MIN }
    }
}

/// "As seen by": entries without a channel (deploys, alerts: Lore cannot tell who saw them),
/// those written by `authors`, and those said in `channels` (stored values, exactly).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SeenRule {
    pub authors: Vec<i64>,
    pub channels: Vec<String>,
}

/// Which entries of an incident a reader's slice selects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct EntrySlice {
    pub source: Option<i64>,
    /// Written by any of these people records (a person and the records merged into it).
    pub authors: Option<Vec<i64>>,
    pub kind: Option<EntryKind>,
    /// Both ends included.
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
    pub seen: Option<SeenRule>,
    /// Only entries inside one of these ranges of keys, both ends included (the entries of the
    /// moments marked with a theme).
    pub ranges: Option<Vec<(EntryKey, EntryKey)>>,
    /// Noise entries (joins, bot chatter) included.
    pub noise: bool,
}

/// Where a window starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowFrom {
    /// The first entries of the slice.
    First,
    /// The last entries of the slice.
    Last,
    /// The entries after this place, in order.
    After(EntryKey),
    /// The entries before this place (the window that ends there).
    Before(EntryKey),
}

/// The diagram's lanes, as the density counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LaneKey {
    Source,
    /// The author's own record (not as merged: the caller merges, so a merge needs no new
    /// count).
    Author,
}

/// How many entries of one lane fall in one stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DensityCell {
    /// The source id or the author's record id (`None`: no author).
    pub lane: Option<i64>,
    /// The stretch: `start + bucket × width`.
    pub bucket: i64,
    pub count: u64,
}

/// What the timeline's filter form offers and "Data we relied on" shows, from one pass: each
/// (source, kind, author record, channel) with its entries' count and time range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineFacet {
    pub source_id: i64,
    pub kind: EntryKind,
    pub author: Option<i64>,
    pub channel: Option<String>,
    pub count: u64,
    pub first: OffsetDateTime,
    pub last: OffsetDateTime,
}

fn dialect(db: &Db) -> Dialect {
    match db {
        Db::Sqlite(_) => Dialect::Sqlite,
        Db::Postgres(_) => Dialect::Postgres,
    }
}

/// `(e.occurred_at, e.id) op (key)`, written out: both stores read it as a range of the index.
fn key_cmp(op: &str, key: EntryKey, sql: &mut Sql) -> String {
    let at = sql.param(Bind::Time(DbTime::new(key.at)));
    let id = sql.param(Bind::Int(key.id));
    format!("(e.occurred_at, e.id) {op} ({at}, {id})")
}

/// The slice's conditions on `e`, after `e.incident_id = $1`.
fn slice_conditions(slice: &EntrySlice, d: Dialect, sql: &mut Sql) -> String {
    let mut c = String::new();
    if let Some(s) = slice.source {
        let p = sql.param(Bind::Int(s));
        c.push_str(&format!(" AND e.source_id = {p}"));
    }
    if let Some(authors) = &slice.authors {
        c.push_str(&format!(
            " AND {}",
            ids_in("e.author_person_id", authors, d, sql)
        ));
    }
    if let Some(k) = slice.kind {
        let p = sql.param(Bind::Text(k.as_str().to_owned()));
        c.push_str(&format!(" AND e.kind = {p}"));
    }
    if let Some(t) = slice.from {
        let p = sql.param(Bind::Time(DbTime::new(t)));
        c.push_str(&format!(" AND e.occurred_at >= {p}"));
    }
    if let Some(t) = slice.to {
        let p = sql.param(Bind::Time(DbTime::new(t)));
        c.push_str(&format!(" AND e.occurred_at <= {p}"));
    }
    if let Some(seen) = &slice.seen {
        let authors = ids_in("e.author_person_id", &seen.authors, d, sql);
        let channels = texts_in("e.channel", &seen.channels, d, sql);
        c.push_str(&format!(
            " AND (e.channel IS NULL OR {authors} OR {channels})"
        ));
    }
    if let Some(ranges) = &slice.ranges {
        if ranges.is_empty() {
            c.push_str(" AND 1 = 0");
        } else {
            let parts: Vec<String> = ranges
                .iter()
                .map(|(a, b)| {
                    let lo = key_cmp(">=", *a, sql);
                    let hi = key_cmp("<=", *b, sql);
                    format!("({lo} AND {hi})")
                })
                .collect();
            c.push_str(&format!(" AND ({})", parts.join(" OR ")));
        }
    }
    if !slice.noise {
        c.push_str(" AND NOT e.noise");
    }
    c
}

impl Store {
    /// What the incident's entries, as read, depend on: its sources (entries only ever come
    /// with a source, in the import that adds it) and the merges of people (authors read as
    /// merged). Equal versions mean equal counts, density and facets, so they may be kept.
    pub async fn timeline_version(&self, incident_id: i64) -> Result<[i64; 5]> {
        let row: (i64, i64, i64, i64, i64) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM sources WHERE incident_id = $1), \
                 (SELECT COALESCE(MAX(id), 0) FROM sources WHERE incident_id = $1), \
                 (SELECT CAST(COALESCE(SUM(entry_count), 0) AS BIGINT) FROM sources \
                  WHERE incident_id = $1), \
                 (SELECT COUNT(*) FROM person_merges), \
                 (SELECT COUNT(undone_at) FROM person_merges)",
            )
            .bind(incident_id)
            .fetch_one(pool)
            .await
        })?;
        Ok([row.0, row.1, row.2, row.3, row.4])
    }

    /// The place of an entry of this incident in its timeline (`None`: no such entry here).
    pub async fn entry_key(&self, incident_id: i64, entry_id: i64) -> Result<Option<EntryKey>> {
        let row: Option<(DbTime, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT occurred_at, id FROM timeline_entries WHERE id = $1 AND incident_id = $2",
            )
            .bind(entry_id)
            .bind(incident_id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(|(at, id)| EntryKey { at: at.into(), id }))
    }

    /// At most `limit` (capped at [`MAX_WINDOW`]) entries of the slice from `from`, in
    /// timeline order. One indexed range read: the work is the window's, whatever the
    /// incident's size (a slice that selects few entries steps over the index entries between
    /// them).
    pub async fn timeline_window(
        &self,
        incident_id: i64,
        slice: &EntrySlice,
        from: WindowFrom,
        limit: u32,
    ) -> Result<Vec<TimelineEntry>> {
        let d = dialect(&self.db);
        let mut sql = Sql::new();
        sql.param(Bind::Int(incident_id));
        let conditions = slice_conditions(slice, d, &mut sql);
        let (place, descending) = match from {
            WindowFrom::First => (String::new(), false),
            WindowFrom::Last => (String::new(), true),
            WindowFrom::After(k) => (format!(" AND {}", key_cmp(">", k, &mut sql)), false),
            WindowFrom::Before(k) => (format!(" AND {}", key_cmp("<", k, &mut sql)), true),
        };
        let order = if descending { "DESC" } else { "ASC" };
        let limit = sql.param(Bind::Int(i64::from(limit.clamp(1, MAX_WINDOW))));
        sql.text = format!(
            "{ENTRY_SELECT} WHERE e.incident_id = $1{conditions}{place} \
             ORDER BY e.occurred_at {order}, e.id {order} LIMIT {limit}"
        );
        let rows: Vec<EntryRow> = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_all(pool)
                .await
        })?;
        let mut entries: Vec<TimelineEntry> = rows
            .into_iter()
            .map(EntryRow::into_entry)
            .collect::<Result<_>>()?;
        if descending {
            entries.reverse();
        }
        Ok(entries)
    }

    /// At most `limit` (capped at [`MAX_CHAT_WINDOW`]) entries after `after` (from the first
    /// when `None`), in timeline order, with only what a reader of the conversation needs: for
    /// going over a whole timeline a window at a time (the moment suggestions), several times
    /// cheaper per entry than [`Store::timeline_window`]'s whole entries.
    pub async fn chat_lines(
        &self,
        incident_id: i64,
        after: Option<EntryKey>,
        limit: u32,
    ) -> Result<Vec<ChatLineRow>> {
        let mut sql = Sql::new();
        sql.param(Bind::Int(incident_id));
        let place = after.map_or(String::new(), |k| {
            format!(" AND {}", key_cmp(">", k, &mut sql))
        });
        let limit = sql.param(Bind::Int(i64::from(limit.clamp(1, MAX_CHAT_WINDOW))));
        sql.text = format!(
            "SELECT e.id, e.occurred_at, p.display_name, e.body, e.noise \
             FROM timeline_entries e LEFT JOIN people a ON a.id = e.author_person_id \
             LEFT JOIN people p ON p.id = COALESCE(a.merged_into, a.id) \
             WHERE e.incident_id = $1{place} ORDER BY e.occurred_at, e.id LIMIT {limit}"
        );
        let rows: Vec<(i64, DbTime, Option<String>, String, bool)> = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, at, author, text, noise)| ChatLineRow {
                key: EntryKey { at: at.into(), id },
                author,
                text,
                noise,
            })
            .collect())
    }

    /// How many entries the slice selects (before `until`, when given): one count over the
    /// index.
    pub async fn count_entries(
        &self,
        incident_id: i64,
        slice: &EntrySlice,
        until: Option<EntryKey>,
    ) -> Result<u64> {
        let d = dialect(&self.db);
        let mut sql = Sql::new();
        sql.param(Bind::Int(incident_id));
        let mut conditions = slice_conditions(slice, d, &mut sql);
        if let Some(k) = until {
            conditions.push_str(&format!(" AND {}", key_cmp("<", k, &mut sql)));
        }
        sql.text =
            format!("SELECT COUNT(*) FROM timeline_entries e WHERE e.incident_id = $1{conditions}");
        let (n,): (i64,) = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_one(pool)
                .await
        })?;
        Ok(n.max(0) as u64)
    }

    /// How many entries later than `t` the incident holds, whatever a slice says ("as known
    /// at" leaves them out).
    pub async fn count_entries_after(&self, incident_id: i64, t: OffsetDateTime) -> Result<u64> {
        let (n,): (i64,) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT COUNT(*) FROM timeline_entries WHERE incident_id = $1 AND occurred_at > $2",
            )
            .bind(incident_id)
            .bind(DbTime::new(t))
            .fetch_one(pool)
            .await
        })?;
        Ok(n.max(0) as u64)
    }

    /// How many entries (noise included) up to `until` were not seen by `seen`: what "as
    /// seen by" hides.
    pub async fn count_unseen(
        &self,
        incident_id: i64,
        until: Option<OffsetDateTime>,
        seen: &SeenRule,
    ) -> Result<u64> {
        let d = dialect(&self.db);
        let mut sql = Sql::new();
        sql.param(Bind::Int(incident_id));
        let until = match until {
            Some(t) => format!(
                " AND e.occurred_at <= {}",
                sql.param(Bind::Time(DbTime::new(t)))
            ),
            None => String::new(),
        };
        let authors = ids_in("e.author_person_id", &seen.authors, d, &mut sql);
        let channels = texts_in("e.channel", &seen.channels, d, &mut sql);
        sql.text = format!(
            "SELECT COUNT(*) FROM timeline_entries e WHERE e.incident_id = $1{until} \
             AND e.channel IS NOT NULL AND NOT {channels} \
             AND (e.author_person_id IS NULL OR NOT {authors})"
        );
        let (n,): (i64,) = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_one(pool)
                .await
        })?;
        Ok(n.max(0) as u64)
    }

    /// The slice's entries counted per lane and stretch of time: stretch `n` holds the
    /// entries from `start + n × width` (included) to the next. One grouped pass over the
    /// index; the rows returned are at most lanes × stretches.
    pub async fn timeline_density(
        &self,
        incident_id: i64,
        slice: &EntrySlice,
        lanes: LaneKey,
        start: OffsetDateTime,
        width: time::Duration,
    ) -> Result<Vec<DensityCell>> {
        let d = dialect(&self.db);
        let mut sql = Sql::new();
        sql.param(Bind::Int(incident_id));
        let conditions = slice_conditions(slice, d, &mut sql);
        let t0 = sql.param(Bind::Time(DbTime::new(start)));
        let micros = i64::try_from(width.whole_microseconds())
            .unwrap_or(i64::MAX)
            .max(1);
        let w = sql.param(Bind::Int(micros));
        let lane = match lanes {
            LaneKey::Source => "e.source_id",
            LaneKey::Author => "e.author_person_id",
        };
        // Microseconds since the start, divided: exact to the microsecond on PostgreSQL; on
        // SQLite julianday's double keeps about 40 µs, so an entry within that of an edge may
        // count in the stretch beside (the totals stay exact).
        let bucket = match d {
            Dialect::Sqlite => format!(
                "CAST((julianday(e.occurred_at) - julianday({t0})) * 86400000000.0 / {w} AS INTEGER)"
            ),
            Dialect::Postgres => format!(
                "CAST(FLOOR(EXTRACT(EPOCH FROM (e.occurred_at - {t0})) * 1000000 / {w}) AS BIGINT)"
            ),
        };
        sql.text = format!(
            "SELECT {lane}, {bucket} AS bucket, COUNT(*) FROM timeline_entries e \
             WHERE e.incident_id = $1{conditions} GROUP BY {lane}, {bucket}"
        );
        let rows: Vec<(Option<i64>, i64, i64)> = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(lane, bucket, count)| DensityCell {
                lane,
                bucket,
                count: count.max(0) as u64,
            })
            .collect())
    }

    /// Each (source, kind, author record, channel) of the incident's entries with their count
    /// and time range: one grouped pass, whose rows are as many as those combinations.
    pub async fn timeline_facets(&self, incident_id: i64) -> Result<Vec<TimelineFacet>> {
        type Row = (
            i64,
            String,
            Option<i64>,
            Option<String>,
            i64,
            DbTime,
            DbTime,
        );
        let rows: Vec<Row> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT source_id, kind, author_person_id, channel, COUNT(*), MIN(occurred_at), \
                 MAX(occurred_at) FROM timeline_entries WHERE incident_id = $1 \
                 GROUP BY source_id, kind, author_person_id, channel",
            )
            .bind(incident_id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(source_id, kind, author, channel, count, first, last)| {
                Ok(TimelineFacet {
                    source_id,
                    kind: kind.parse().map_err(|e| {
                        crate::StoreError::Corrupt(format!("timeline entry kind: {e}"))
                    })?,
                    author,
                    channel,
                    count: count.max(0) as u64,
                    first: first.into(),
                    last: last.into(),
                })
            })
            .collect()
    }

    /// The entries of this incident with these ids (others are left out), in timeline order:
    /// the parents of replies in a window, the entries prose cites.
    pub async fn entries_by_id(&self, incident_id: i64, ids: &[i64]) -> Result<Vec<TimelineEntry>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let d = dialect(&self.db);
        let mut sql = Sql::new();
        sql.param(Bind::Int(incident_id));
        let within = ids_in("e.id", ids, d, &mut sql);
        sql.text = format!(
            "{ENTRY_SELECT} WHERE e.incident_id = $1 AND {within} ORDER BY e.occurred_at, e.id"
        );
        let rows: Vec<EntryRow> = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    /// The records that read as this person (itself, unless merged elsewhere, and the records
    /// merged into it): what `author_person_id` holds for their entries.
    pub async fn person_records(&self, person_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT id FROM people WHERE (id = $1 AND merged_into IS NULL) OR merged_into = $1",
            )
            .bind(person_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Each of these people records as merged: (record, the person it reads as, their name).
    pub async fn people_as_merged(&self, records: &[i64]) -> Result<HashMap<i64, (i64, String)>> {
        if records.is_empty() {
            return Ok(HashMap::new());
        }
        let d = dialect(&self.db);
        let mut sql = Sql::new();
        let within = ids_in("a.id", records, d, &mut sql);
        sql.text = format!(
            "SELECT a.id, p.id, p.display_name FROM people a \
             JOIN people p ON p.id = COALESCE(a.merged_into, a.id) WHERE {within}"
        );
        let rows: Vec<(i64, i64, String)> = on_db!(&self.db, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text.clone())), sql)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(record, person, name)| (record, (person, name)))
            .collect())
    }
}
