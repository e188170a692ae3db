//! The learning dashboard's numbers: signals that people learn from incidents, month by month
//! over the last year, as one account may see them (every query applies `VISIBLE_TO`, to the
//! incident it joins or as the set of incidents it leaves out): readers and reading time
//! (from `reads_by_month`, less the reads of hidden incidents), comments (and those more than
//! 90 days after the incident ended), stories told, review meetings held and attended, and
//! citations by kind. Counts only: nothing here says who read or wrote what.

use std::collections::BTreeMap;

use lore_core::{Account, Role};
use time::{Date, Month, OffsetDateTime};

use crate::incidents::VISIBLE_TO;
use crate::{Db, DbTime, Result, Store, on_db};

/// Months shown, the current one last.
pub const MONTHS: usize = 12;

/// One month's signals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthSignals {
    /// `2026-03`.
    pub month: String,
    pub readers: u64,
    pub reading_hours: f64,
    pub comments: u64,
    /// Comments written more than 90 days after their incident ended.
    pub late_comments: u64,
    pub stories: u64,
    pub reviews: u64,
    pub attendees: u64,
    pub took_part: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LearningSignals {
    pub months: Vec<MonthSignals>,
    /// Citations of visible incidents by kind: other incidents, reading lists, and git
    /// references by their kind (`commit`, `code`, `doc`, `config`, `other`).
    pub citations: Vec<(String, u64)>,
}

/// Microseconds in a day, the unit of a comment's `age_micros`.
pub(crate) const MICROS_A_DAY: i64 = 86_400_000_000;

impl Store {
    /// SQL that holds for a comment `c` written more than 90 days after its incident ended
    /// (its `age_micros`, kept by triggers: migration 0028; when an incident ended is
    /// `LongTail::ended`).
    pub(crate) fn late_comment_sql(&self) -> String {
        format!("c.age_micros > {}", 90 * MICROS_A_DAY)
    }

    /// The last [`MONTHS`] months of signals up to `now`.
    pub async fn learning_signals(
        &self,
        account: &Account,
        now: OffsetDateTime,
    ) -> Result<LearningSignals> {
        let months = month_labels(now.date());
        let since = first_day(&months[0]);
        let month_of = |column: &str| match self.db {
            Db::Sqlite(_) => format!("substr({column}, 1, 7)"),
            Db::Postgres(_) => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"),
        };
        let late = self.late_comment_sql();
        // From the first month on. On SQLite, by the month's text, so that reads and comments
        // are found in an index on that expression (0023) in the order they are grouped by.
        let from_since = |column: &str| match self.db {
            Db::Sqlite(_) => format!("substr({column}, 1, 7) >= substr($3, 1, 7)"),
            Db::Postgres(_) => format!("{column} >= $3"),
        };
        // The incidents the account may not see: few (restricted ones), so the big tables are
        // filtered by them rather than joined with every incident.
        let hidden = format!("SELECT incidents.id FROM incidents WHERE NOT {VISIBLE_TO}");
        let admin = account.role == Role::Admin;
        let queries = [
            (
                // Readers and seconds per month from `reads_by_month` (one row per reader a
                // month), less the reads of hidden incidents: their seconds, and the readers
                // all of whose reads that month were of hidden incidents. The first month is a
                // subquery so that PostgreSQL formats it once, not once a row.
                "reads",
                format!(
                    "SELECT month, CAST(SUM(readers) AS BIGINT), CAST(SUM(seconds) AS BIGINT) FROM (\
                     SELECT b.month AS month, COUNT(*) AS readers, SUM(b.seconds) AS seconds \
                     FROM reads_by_month b WHERE b.month >= (SELECT {since}) GROUP BY b.month \
                     UNION ALL \
                     SELECT h.month, -SUM(CASE WHEN h.visits = b.visits THEN 1 ELSE 0 END), -SUM(h.seconds) \
                     FROM (SELECT {m} AS month, r.account_id, COUNT(*) AS visits, SUM(r.seconds) AS seconds \
                     FROM reads r WHERE r.incident_id IN ({hidden}) AND r.read_at >= $3 \
                     GROUP BY {m}, r.account_id) h \
                     JOIN reads_by_month b ON b.month = h.month AND b.account_id = h.account_id \
                     GROUP BY h.month) x GROUP BY month",
                    m = month_of("r.read_at"),
                    since = month_of("$3"),
                ),
            ),
            (
                "comments",
                format!(
                    "SELECT {m} AS month, COUNT(*), CAST(COALESCE(SUM(CASE WHEN {late} THEN 1 ELSE 0 END), 0) AS BIGINT) \
                     FROM comments c \
                     WHERE {since} AND c.removed_at IS NULL AND c.incident_id NOT IN ({hidden}) GROUP BY {m}",
                    m = month_of("c.created_at"),
                    since = from_since("c.created_at"),
                ),
            ),
            (
                "stories",
                format!(
                    "SELECT {m} AS month, COUNT(*), CAST(0 AS BIGINT) FROM stories s \
                     LEFT JOIN incidents ON incidents.id = s.incident_id \
                     WHERE s.created_at >= $3 AND (s.incident_id IS NULL OR {VISIBLE_TO}) GROUP BY {m}",
                    m = month_of("s.created_at")
                ),
            ),
            (
                "reviews",
                format!(
                    "SELECT {m} AS month, COUNT(DISTINCT v.id), CAST(0 AS BIGINT) FROM reviews v \
                     JOIN incidents ON incidents.id = v.incident_id \
                     WHERE v.starts_at >= $3 AND v.starts_at <= $4 AND NOT v.cancelled AND {VISIBLE_TO} GROUP BY {m}",
                    m = month_of("v.starts_at")
                ),
            ),
            (
                "attendance",
                format!(
                    "SELECT {m} AS month, COUNT(*), \
                     CAST(COALESCE(SUM(CASE WHEN a.spoke OR a.asked OR a.added_note THEN 1 ELSE 0 END), 0) AS BIGINT) \
                     FROM review_attendance a JOIN reviews v ON v.id = a.review_id \
                     JOIN incidents ON incidents.id = v.incident_id \
                     WHERE v.starts_at >= $3 AND v.starts_at <= $4 AND NOT v.cancelled AND {VISIBLE_TO} GROUP BY {m}",
                    m = month_of("v.starts_at")
                ),
            ),
        ];
        let mut by_month: BTreeMap<String, MonthSignals> = months
            .iter()
            .map(|m| {
                (
                    m.clone(),
                    MonthSignals {
                        month: m.clone(),
                        ..Default::default()
                    },
                )
            })
            .collect();
        // Each query on its own connection, all at once: on two cores the dashboard costs
        // about its slowest query, not their sum.
        let [reads, comments, stories, reviews, attendance] = queries;
        let month_rows = |sql: String| self.month_rows(sql, admin, account.id, since, now);
        let citations_sql = format!(
            "WITH hidden AS ({hidden}) \
             SELECT 'incident', COUNT(*) FROM incident_links l \
             WHERE l.cited_incident_id NOT IN (SELECT id FROM hidden) AND l.citing_incident_id NOT IN (SELECT id FROM hidden) \
             UNION ALL SELECT 'reading-list', COUNT(*) FROM reading_list_items i WHERE i.incident_id NOT IN (SELECT id FROM hidden) \
             UNION ALL SELECT g.kind, COUNT(*) FROM git_references g WHERE g.incident_id NOT IN (SELECT id FROM hidden) GROUP BY g.kind"
        );
        let citations = async {
            let rows: Vec<(String, i64)> = on_db!(&self.db, pool => {
                sqlx::query_as(sqlx::AssertSqlSafe(citations_sql))
                    .bind(admin)
                    .bind(account.id)
                    .fetch_all(pool)
                    .await
            })?;
            Ok::<_, crate::StoreError>(rows)
        };
        let (r, c, s, v, a, citations) = tokio::try_join!(
            month_rows(reads.1),
            month_rows(comments.1),
            month_rows(stories.1),
            month_rows(reviews.1),
            month_rows(attendance.1),
            citations,
        )?;
        for (what, rows) in [
            (reads.0, r),
            (comments.0, c),
            (stories.0, s),
            (reviews.0, v),
            (attendance.0, a),
        ] {
            for (month, a, b) in rows {
                let Some(m) = by_month.get_mut(&month) else {
                    continue;
                };
                let (a, b) = (a.max(0) as u64, b.max(0) as u64);
                match what {
                    "reads" => {
                        m.readers = a;
                        m.reading_hours = b as f64 / 3600.0;
                    }
                    "comments" => {
                        m.comments = a;
                        m.late_comments = b;
                    }
                    "stories" => m.stories = a,
                    "reviews" => m.reviews = a,
                    _ => {
                        m.attendees = a;
                        m.took_part = b;
                    }
                }
            }
        }
        Ok(LearningSignals {
            months: by_month.into_values().collect(),
            citations: citations
                .into_iter()
                .map(|(k, n)| (k, n.max(0) as u64))
                .collect(),
        })
    }
}

/// `YYYY-MM` for the [`MONTHS`] months up to the one `today` is in, oldest first.
impl Store {
    /// One of the dashboard's monthly queries: (month, count, second count) rows, with the
    /// visibility parameters ($1 admin, $2 account) and the period ($3 since, $4 now).
    async fn month_rows(
        &self,
        sql: String,
        admin: bool,
        account_id: i64,
        since: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<Vec<(String, i64, i64)>> {
        Ok(on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account_id)
                .bind(DbTime::new(since))
                .bind(DbTime::new(now))
                .fetch_all(pool)
                .await
        })?)
    }
}

fn month_labels(today: Date) -> Vec<String> {
    let (mut year, mut month) = (today.year(), u8::from(today.month()));
    let mut out = Vec::with_capacity(MONTHS);
    for _ in 0..MONTHS {
        out.push(format!("{year:04}-{month:02}"));
        if month == 1 {
            month = 12;
            year -= 1;
        } else {
            month -= 1;
        }
    }
    out.reverse();
    out
}

fn first_day(label: &str) -> OffsetDateTime {
    let year: i32 = label[..4].parse().expect("a year");
    let month: u8 = label[5..7].parse().expect("a month");
    Date::from_calendar_date(year, Month::try_from(month).expect("a month"), 1)
        .expect("the first of a month")
        .midnight()
        .assume_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_up_to_this_one_across_a_year() {
        let labels = month_labels(Date::from_calendar_date(2026, Month::March, 17).unwrap());
        assert_eq!(labels.first().unwrap(), "2025-04");
        assert_eq!(labels.last().unwrap(), "2026-03");
        assert_eq!(labels.len(), 12);
    }
}
