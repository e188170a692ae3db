//! Learning signals per incident: who came back to it and when, measured from when it ended
//! (readers and comments by age), its review meetings' invitations and attendance, the stories
//! told about it and the reading lists that hold it; and, for the dashboard, the incidents most
//! read over the last year and each reading list's progress. Counts only, never who.
//!
//! Everything an account is shown across incidents goes through [`VISIBLE_TO`]; the
//! one-incident reads expect the caller to have checked the reader may see it (the web's
//! `Visible` seam does).

use lore_core::{Account, Incident, LongTail, Role};
use time::{Duration, OffsetDateTime};

use crate::incidents::VISIBLE_TO;
use crate::{Db, DbTime, Result, Store, on_db};

/// The ages, counted from when the incident ended, that readers and comments are grouped by:
/// a label and the first day of each band. The first band also holds what came before the
/// end (reading while it was still going on).
pub const AGE_BANDS: [(&str, i64); 5] = [
    ("first week", 0),
    ("1–4 weeks", 7),
    ("1–3 months", 30),
    ("3–12 months", 90),
    ("over a year", 365),
];

/// The most incidents the dashboard's per-incident table lists.
pub const MOST_READ_LISTED: i64 = 20;
/// The most reading lists the dashboard shows progress for (the newest).
pub const LISTS_SHOWN: i64 = 20;

/// Readers and comments that came in one age band.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgeBand {
    pub label: &'static str,
    pub readers: u64,
    pub visits: u64,
    pub seconds: u64,
    pub comments: u64,
}

/// An incident's review meetings added up: held (not cancelled, already started), and over
/// those, the people invited, those who said yes, those who came, those who took part, and
/// those who came without being invited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewTotals {
    pub held: u64,
    pub planned: u64,
    pub invited: u64,
    pub said_yes: u64,
    pub attended: u64,
    pub took_part: u64,
    pub uninvited: u64,
}

/// One incident's own signals, for the panel on its page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentSignals {
    /// [`AGE_BANDS`] in order; empty when the incident has no time to count from.
    pub by_age: Vec<AgeBand>,
    pub reviews: ReviewTotals,
    /// Stories anyone told about it, handled or not.
    pub stories: u64,
    /// Reading lists that hold it.
    pub reading_lists: u64,
}

/// One row of the dashboard's table of the most read incidents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentActivity {
    pub slug: String,
    pub title: String,
    pub readers: u64,
    pub seconds: u64,
    pub comments: u64,
    /// Comments more than 90 days after the incident ended.
    pub late_comments: u64,
    pub attended: u64,
    /// Other incidents and reading lists citing it.
    pub citations: u64,
}

/// How far people have got through one reading list (items the viewer may see).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListProgress {
    pub id: i64,
    pub title: String,
    pub items: u64,
    /// People who have read at least one item.
    pub started: u64,
    /// People who have read every item.
    pub finished: u64,
}

/// Facts about the incidents of a period, for the dashboard's footnote: how many there were,
/// how many have a written narrative, and (one fact among many) the median time to resolve.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodFacts {
    pub incidents: u64,
    pub written_up: u64,
    pub resolved: u64,
    pub median_minutes_to_resolve: Option<i64>,
}

/// Which band `days` after the end falls in.
fn band_case(column: &str, first_param: usize) -> String {
    let mut sql = String::from("CAST(CASE");
    for (i, _) in AGE_BANDS.iter().enumerate().skip(1).rev() {
        sql.push_str(&format!(
            " WHEN {column} >= ${} THEN {i}",
            first_param + i - 1
        ));
    }
    sql.push_str(" ELSE 0 END AS BIGINT)");
    sql
}

/// The band starts after `ended`, as bound parameters (the first band needs none).
fn band_starts(ended: OffsetDateTime) -> Vec<DbTime> {
    AGE_BANDS[1..]
        .iter()
        .map(|(_, days)| DbTime::new(ended + Duration::days(*days)))
        .collect()
}

impl Store {
    /// The incident's own signals. The caller has checked the reader may see it.
    pub async fn incident_signals(&self, incident: &Incident) -> Result<IncidentSignals> {
        let ended = LongTail::ended(&incident.times).unwrap_or(incident.created_at);
        let starts = band_starts(ended);
        let reads_sql = format!(
            "SELECT {} AS band, COUNT(DISTINCT account_id), COUNT(*), CAST(COALESCE(SUM(seconds), 0) AS BIGINT) \
             FROM reads WHERE incident_id = $1 GROUP BY 1",
            band_case("read_at", 2)
        );
        let comments_sql = format!(
            "SELECT {} AS band, COUNT(*) FROM comments WHERE incident_id = $1 AND removed_at IS NULL GROUP BY 1",
            band_case("created_at", 2)
        );
        let now = DbTime::new(self.now());
        let invited = "(SELECT COUNT(*) FROM review_invitees i WHERE i.review_id = v.id)";
        let said_yes = "(SELECT COUNT(*) FROM review_invitees i WHERE i.review_id = v.id AND i.answer = 'yes')";
        let uninvited = "(SELECT COUNT(*) FROM review_attendance a WHERE a.review_id = v.id AND NOT EXISTS \
             (SELECT 1 FROM review_invitees i WHERE i.review_id = v.id \
              AND (i.account_id = a.account_id OR i.email = a.email)))";
        let reviews_sql = format!(
            "SELECT CAST(COALESCE(SUM(CASE WHEN v.starts_at <= $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN v.starts_at > $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN v.starts_at <= $2 THEN {invited} ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN v.starts_at <= $2 THEN {said_yes} ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN v.starts_at <= $2 THEN \
               (SELECT COUNT(*) FROM review_attendance a WHERE a.review_id = v.id) ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN v.starts_at <= $2 THEN \
               (SELECT COUNT(*) FROM review_attendance a WHERE a.review_id = v.id AND (a.spoke OR a.asked OR a.added_note)) \
               ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN v.starts_at <= $2 THEN {uninvited} ELSE 0 END), 0) AS BIGINT) \
             FROM reviews v WHERE v.incident_id = $1 AND NOT v.cancelled"
        );
        let counts_sql = "SELECT (SELECT COUNT(*) FROM stories WHERE incident_id = $1), \
             (SELECT COUNT(DISTINCT list_id) FROM reading_list_items WHERE incident_id = $1)";
        type ReviewRow = (i64, i64, i64, i64, i64, i64, i64);
        type Rows = (
            Vec<(i64, i64, i64, i64)>,
            Vec<(i64, i64)>,
            ReviewRow,
            (i64, i64),
        );
        let (reads, comments, review, counts): Rows = on_db!(&self.db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(reads_sql)).bind(incident.id);
            for s in &starts {
                q = q.bind(*s);
            }
            let reads = q.fetch_all(pool).await?;
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(comments_sql)).bind(incident.id);
            for s in &starts {
                q = q.bind(*s);
            }
            let comments = q.fetch_all(pool).await?;
            let review = sqlx::query_as(sqlx::AssertSqlSafe(reviews_sql))
                .bind(incident.id)
                .bind(now)
                .fetch_one(pool)
                .await?;
            let counts = sqlx::query_as(counts_sql).bind(incident.id).fetch_one(pool).await?;
            Ok::<_, sqlx::Error>((reads, comments, review, counts))
        })?;
        let n = |v: i64| v.max(0) as u64;
        let mut by_age: Vec<AgeBand> = AGE_BANDS
            .iter()
            .map(|(label, _)| AgeBand {
                label,
                ..Default::default()
            })
            .collect();
        for (band, readers, visits, seconds) in reads {
            if let Some(b) = by_age.get_mut(band.max(0) as usize) {
                (b.readers, b.visits, b.seconds) = (n(readers), n(visits), n(seconds));
            }
        }
        for (band, count) in comments {
            if let Some(b) = by_age.get_mut(band.max(0) as usize) {
                b.comments = n(count);
            }
        }
        Ok(IncidentSignals {
            by_age,
            reviews: ReviewTotals {
                held: n(review.0),
                planned: n(review.1),
                invited: n(review.2),
                said_yes: n(review.3),
                attended: n(review.4),
                took_part: n(review.5),
                uninvited: n(review.6),
            },
            stories: n(counts.0),
            reading_lists: n(counts.1),
        })
    }

    /// Comments on the incidents the account may see, written since `since`, by how long after
    /// their incident ended: the long tail, organisation-wide.
    pub async fn comments_by_age(
        &self,
        account: &Account,
        since: OffsetDateTime,
    ) -> Result<Vec<(&'static str, u64)>> {
        // Each comment's age is kept in `age_micros` (migration 0028): an integer compare a
        // row, not two timestamps parsed.
        let mut band = String::from("CAST(CASE");
        for (i, (_, first_day)) in AGE_BANDS.iter().enumerate().skip(1).rev() {
            let micros = first_day * crate::learning::MICROS_A_DAY;
            band.push_str(&format!(" WHEN c.age_micros >= {micros} THEN {i}"));
        }
        band.push_str(" ELSE 0 END AS BIGINT)");
        // On SQLite the year of comments is found in the month index (0023), which covers
        // every column read here.
        let since_month = match self.db {
            Db::Sqlite(_) => "substr(c.created_at, 1, 7) >= substr($3, 1, 7) AND ",
            Db::Postgres(_) => "",
        };
        let sql = format!(
            "SELECT {band} AS band, COUNT(*) FROM comments c JOIN incidents ON incidents.id = c.incident_id \
             WHERE {since_month}c.created_at >= $3 AND c.removed_at IS NULL AND {VISIBLE_TO} GROUP BY 1"
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<(i64, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(DbTime::new(since))
                .fetch_all(pool)
                .await
        })?;
        let mut out: Vec<(&'static str, u64)> = AGE_BANDS.iter().map(|(l, _)| (*l, 0)).collect();
        for (band, count) in rows {
            if let Some(b) = out.get_mut(band.max(0) as usize) {
                b.1 = count.max(0) as u64;
            }
        }
        Ok(out)
    }

    /// The [`MOST_READ_LISTED`] incidents the account may see with the most visits in the
    /// months since `since` (from the monthly counts), each with its readers, reading time
    /// and other signals since `since`, most readers first.
    pub async fn most_read_incidents(
        &self,
        account: &Account,
        since: OffsetDateTime,
    ) -> Result<Vec<IncidentActivity>> {
        let admin = account.role == Role::Admin;
        // Ranked by visits from the monthly counts (one row per incident a month, not every
        // read); the readers and reading time of the few listed are then counted exactly.
        let since_month = format!("{:04}-{:02}", since.year(), u8::from(since.month()));
        // Each incident's months summed in incident order (an index on it, 0028), then only
        // the incidents' rows the visibility test needs: no sort of a year of month rows.
        let top_sql = format!(
            "SELECT incidents.id, incidents.slug, incidents.title, t.visits FROM \
             (SELECT m.incident_id, CAST(SUM(m.visits) AS BIGINT) AS visits FROM reads_by_incident_month m \
              WHERE m.month >= $3 GROUP BY m.incident_id) t \
             JOIN incidents ON incidents.id = t.incident_id WHERE {VISIBLE_TO} \
             ORDER BY t.visits DESC, incidents.id DESC LIMIT {MOST_READ_LISTED}"
        );
        let ranked: Vec<(i64, String, String, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(top_sql))
                .bind(admin)
                .bind(account.id)
                .bind(since_month)
                .fetch_all(pool)
                .await
        })?;
        if ranked.is_empty() {
            return Ok(Vec::new());
        }
        let listed = ranked
            .iter()
            .map(|t| t.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        // The ids are integers read above, never text from a request.
        let readers_sql = format!(
            "SELECT incident_id, COUNT(DISTINCT account_id), CAST(COALESCE(SUM(seconds), 0) AS BIGINT) \
             FROM reads WHERE incident_id IN ({listed}) AND read_at >= $1 GROUP BY incident_id"
        );
        let readers: Vec<(i64, i64, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(readers_sql))
                .bind(DbTime::new(since))
                .fetch_all(pool)
                .await
        })?;
        let mut top: Vec<(i64, String, String, i64, i64)> = ranked
            .into_iter()
            .map(|(id, slug, title, _)| {
                let (r, s) = readers
                    .iter()
                    .find(|r| r.0 == id)
                    .map_or((0, 0), |r| (r.1, r.2));
                (id, slug, title, r, s)
            })
            .filter(|t| t.3 > 0)
            .collect();
        top.sort_by(|a, b| b.3.cmp(&a.3).then(b.0.cmp(&a.0)));
        if top.is_empty() {
            return Ok(Vec::new());
        }
        let ids = top
            .iter()
            .map(|t| t.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let late = self.late_comment_sql();
        // The ids are integers from the query above, never text from a request.
        let others_sql = format!(
            "SELECT incidents.id, \
             (SELECT COUNT(*) FROM comments c WHERE c.incident_id = incidents.id AND c.removed_at IS NULL AND c.created_at >= $1), \
             (SELECT COUNT(*) FROM comments c WHERE c.incident_id = incidents.id AND c.removed_at IS NULL AND c.created_at >= $1 AND {late}), \
             (SELECT COUNT(*) FROM review_attendance a JOIN reviews v ON v.id = a.review_id \
              WHERE v.incident_id = incidents.id AND NOT v.cancelled AND v.starts_at >= $1), \
             (SELECT COUNT(*) FROM incident_links l WHERE l.cited_incident_id = incidents.id) + \
             (SELECT COUNT(*) FROM reading_list_items i WHERE i.incident_id = incidents.id) \
             FROM incidents WHERE incidents.id IN ({ids})"
        );
        let others: Vec<(i64, i64, i64, i64, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(others_sql))
                .bind(DbTime::new(since))
                .fetch_all(pool)
                .await
        })?;
        let n = |v: i64| v.max(0) as u64;
        Ok(top
            .into_iter()
            .map(|(id, slug, title, readers, seconds)| {
                let o = others.iter().find(|o| o.0 == id);
                IncidentActivity {
                    slug,
                    title,
                    readers: n(readers),
                    seconds: n(seconds),
                    comments: o.map_or(0, |o| n(o.1)),
                    late_comments: o.map_or(0, |o| n(o.2)),
                    attended: o.map_or(0, |o| n(o.3)),
                    citations: o.map_or(0, |o| n(o.4)),
                }
            })
            .collect())
    }

    /// How far people have got through the newest [`LISTS_SHOWN`] reading lists, counting
    /// only the items the account may see.
    pub async fn reading_list_progress(&self, account: &Account) -> Result<Vec<ListProgress>> {
        let admin = account.role == Role::Admin;
        // Started: the distinct readers of the list's visible items. Finished: of the readers
        // of one item (the lowest id), those for whom no visible item is unread; an index
        // probe or two each, not a count of every (list, reader) pair, which cost ~100 ms
        // over 80,000 reads of 20 lists.
        let sql = format!(
            "WITH lists AS (SELECT id, title FROM reading_lists ORDER BY id DESC LIMIT {LISTS_SHOWN}), \
             items AS (SELECT i.list_id, i.incident_id FROM reading_list_items i \
               JOIN lists ON lists.id = i.list_id JOIN incidents ON incidents.id = i.incident_id WHERE {VISIBLE_TO}), \
             totals AS (SELECT list_id, COUNT(*) AS total, MIN(incident_id) AS first_item FROM items GROUP BY list_id) \
             SELECT lists.id, lists.title, COALESCE(totals.total, 0), \
             (SELECT COUNT(DISTINCT r.account_id) FROM items JOIN reads r ON r.incident_id = items.incident_id \
              WHERE items.list_id = lists.id), \
             (SELECT COUNT(DISTINCT r.account_id) FROM reads r WHERE r.incident_id = totals.first_item \
              AND NOT EXISTS (SELECT 1 FROM reading_list_items i JOIN incidents ON incidents.id = i.incident_id \
                WHERE i.list_id = lists.id AND {VISIBLE_TO} AND NOT EXISTS \
                (SELECT 1 FROM reads r2 WHERE r2.incident_id = i.incident_id AND r2.account_id = r.account_id))) \
             FROM lists LEFT JOIN totals ON totals.list_id = lists.id ORDER BY lists.id DESC"
        );
        let rows: Vec<(i64, String, i64, i64, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .fetch_all(pool)
                .await
        })?;
        let n = |v: i64| v.max(0) as u64;
        Ok(rows
            .into_iter()
            .map(|(id, title, items, started, finished)| ListProgress {
                id,
                title,
                items: n(items),
                started: n(started),
                finished: if items > 0 { n(finished) } else { 0 },
            })
            .collect())
    }
}

impl Store {
    /// The incidents the account may see that started (or, without a start, were created)
    /// since `since`: counts, and the median time from start to resolution.
    pub async fn period_facts(
        &self,
        account: &Account,
        since: OffsetDateTime,
    ) -> Result<PeriodFacts> {
        let admin = account.role == Role::Admin;
        let began = "COALESCE(incidents.started_at, incidents.detected_at, incidents.created_at)";
        let sql = format!(
            "SELECT {began}, incidents.resolved_at, \
             EXISTS (SELECT 1 FROM narratives n WHERE n.incident_id = incidents.id) \
             FROM incidents WHERE {began} >= $3 AND {VISIBLE_TO}"
        );
        let rows: Vec<(DbTime, Option<DbTime>, bool)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(DbTime::new(since))
                .fetch_all(pool)
                .await
        })?;
        let mut minutes: Vec<i64> = rows
            .iter()
            .filter_map(|(began, resolved, _)| resolved.map(|r| (r.0 - began.0).whole_minutes()))
            .filter(|m| *m >= 0)
            .collect();
        minutes.sort_unstable();
        Ok(PeriodFacts {
            incidents: rows.len() as u64,
            written_up: rows.iter().filter(|r| r.2).count() as u64,
            resolved: minutes.len() as u64,
            median_minutes_to_resolve: (!minutes.is_empty()).then(|| minutes[minutes.len() / 2]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_tested_from_the_last_down() {
        assert_eq!(
            band_case("read_at", 2),
            "CAST(CASE WHEN read_at >= $5 THEN 4 WHEN read_at >= $4 THEN 3 WHEN read_at >= $3 THEN 2 \
             WHEN read_at >= $2 THEN 1 ELSE 0 END AS BIGINT)"
        );
    }
}
