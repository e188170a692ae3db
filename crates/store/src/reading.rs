//! Reading: who opened which write-up and for how long. A person's own rows are theirs to see
//! (`reading_history`); everything else Lore shows of them is a count (`reading_stats`).
//! Nothing is recorded for someone who switched recording off.

use lore_core::{Account, Incident, Role};
use time::{Duration, OffsetDateTime};

use crate::incidents::VISIBLE_TO;
use crate::{DbTime, Result, Store, on_db, with_write_tx};

/// A reload within this long is the same visit.
pub const SAME_VISIT: Duration = Duration::minutes(30);
/// Reading time reported later than this after the visit began starts a visit of its own.
pub const VISIT_LASTS: Duration = Duration::hours(12);
/// Most seconds one report may add: a tab left open all night is not reading.
pub const MAX_REPORTED_SECONDS: i64 = 30 * 60;
/// Most seconds one visit may hold.
pub const MAX_VISIT_SECONDS: i64 = 4 * 60 * 60;

/// What everyone may know about an incident's readers: counts, never who.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingStats {
    pub readers: u64,
    pub visits: u64,
    pub seconds: u64,
    /// Distinct readers whose visits came more than 30, 90 and 365 days after the incident
    /// ended (or, without an end, began): re-reads long after show here.
    pub readers_after_30_days: u64,
    pub readers_after_90_days: u64,
    pub readers_after_365_days: u64,
}

/// One incident in a person's own reading history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRecord {
    pub slug: String,
    pub title: String,
    pub visits: u64,
    pub seconds: u64,
    pub last_read: OffsetDateTime,
}

impl Store {
    /// Records that `account` opened the incident's write-up, unless they switched recording
    /// off or opened it less than [`SAME_VISIT`] ago. Returns whether a visit was added.
    pub async fn record_read(&self, incident_id: i64, account: &Account) -> Result<bool> {
        let now = self.now();
        // One statement (its own transaction, holding the write lock from its start on
        // SQLite): one round trip instead of five.
        let added = on_db!(&self.db, pool => {
            sqlx::query(
                "INSERT INTO reads (incident_id, account_id, read_at, seconds) SELECT $1, $2, $3, 0 \
                 WHERE NOT EXISTS (SELECT 1 FROM reading_opt_outs WHERE account_id = $2) \
                 AND NOT EXISTS (SELECT 1 FROM reads WHERE incident_id = $1 AND account_id = $2 AND read_at > $4)",
            )
            .bind(incident_id)
            .bind(account.id)
            .bind(DbTime::new(now))
            .bind(DbTime::new(now - SAME_VISIT))
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(added > 0)
    }

    /// Adds reading time the page reported to the reader's latest visit (a visit of its own
    /// when there is none within [`VISIT_LASTS`]); at most [`MAX_REPORTED_SECONDS`] a report
    /// and [`MAX_VISIT_SECONDS`] a visit. Nothing for someone who switched recording off.
    pub async fn add_reading_time(
        &self,
        incident_id: i64,
        account: &Account,
        seconds: i64,
    ) -> Result<bool> {
        let seconds = seconds.clamp(0, MAX_REPORTED_SECONDS);
        let now = self.now();
        Ok(with_write_tx!(&self.db, tx => {
            let (opted_out,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM reading_opt_outs WHERE account_id = $1")
                    .bind(account.id)
                    .fetch_one(&mut *tx)
                    .await?;
            if opted_out > 0 || seconds == 0 {
                false
            } else {
                // The few visits of the last hours, the latest picked here: with an ORDER BY,
                // SQLite would walk all the account's recent reads in `reads_account`'s order
                // rather than seek this incident's in `reads_incident`.
                let visits: Vec<(i64, DbTime)> = sqlx::query_as(
                    "SELECT id, read_at FROM reads WHERE incident_id = $1 AND account_id = $2 AND read_at > $3",
                )
                .bind(incident_id)
                .bind(account.id)
                .bind(DbTime::new(now - VISIT_LASTS))
                .fetch_all(&mut *tx)
                .await?;
                match visits.into_iter().max_by_key(|&(id, at)| (at, id)) {
                    Some((id, _)) => {
                        sqlx::query(
                            "UPDATE reads SET seconds = CASE WHEN seconds + $1 > $2 THEN $2 ELSE seconds + $1 END \
                             WHERE id = $3",
                        )
                        .bind(seconds)
                        .bind(MAX_VISIT_SECONDS)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    }
                    None => {
                        sqlx::query("INSERT INTO reads (incident_id, account_id, read_at, seconds) VALUES ($1, $2, $3, $4)")
                            .bind(incident_id)
                            .bind(account.id)
                            .bind(DbTime::new(now))
                            .bind(seconds)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                true
            }
        }))
    }

    /// Switches recording of the account's reading on or off. Off keeps what was recorded
    /// (the person's own history) and adds nothing from then on.
    pub async fn set_reading_recorded(&self, account: &Account, recorded: bool) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            if recorded {
                sqlx::query("DELETE FROM reading_opt_outs WHERE account_id = $1")
                    .bind(account.id)
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(
                    "INSERT INTO reading_opt_outs (account_id, since) VALUES ($1, $2) \
                     ON CONFLICT (account_id) DO NOTHING",
                )
                .bind(account.id)
                .bind(self.db_now())
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }

    pub async fn reading_recorded(&self, account: &Account) -> Result<bool> {
        let (n,): (i64,) = on_db!(&self.db, pool => {
            sqlx::query_as("SELECT COUNT(*) FROM reading_opt_outs WHERE account_id = $1")
                .bind(account.id)
                .fetch_one(pool)
                .await
        })?;
        Ok(n == 0)
    }

    /// Counts of an incident's readers. The caller has checked the reader may see the incident.
    pub async fn reading_stats(&self, incident: &Incident) -> Result<ReadingStats> {
        let times = &incident.times;
        let since = times
            .resolved_at
            .or(times.detected_at)
            .or(times.started_at)
            .unwrap_or(incident.created_at);
        let after = |days: i64| DbTime::new(since + Duration::days(days));
        let row: (i64, i64, Option<i64>, i64, i64, i64) = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT COUNT(DISTINCT account_id), COUNT(*), CAST(SUM(seconds) AS BIGINT), \
                 COUNT(DISTINCT CASE WHEN read_at > $2 THEN account_id END), \
                 COUNT(DISTINCT CASE WHEN read_at > $3 THEN account_id END), \
                 COUNT(DISTINCT CASE WHEN read_at > $4 THEN account_id END) \
                 FROM reads WHERE incident_id = $1",
            )
            .bind(incident.id)
            .bind(after(30))
            .bind(after(90))
            .bind(after(365))
            .fetch_one(pool)
            .await
        })?;
        let n = |v: i64| v.max(0) as u64;
        Ok(ReadingStats {
            readers: n(row.0),
            visits: n(row.1),
            seconds: n(row.2.unwrap_or(0)),
            readers_after_30_days: n(row.3),
            readers_after_90_days: n(row.4),
            readers_after_365_days: n(row.5),
        })
    }

    /// The account's own reading, most recent first, of incidents it may still see.
    pub async fn reading_history(&self, account: &Account) -> Result<Vec<ReadRecord>> {
        let sql = format!(
            "SELECT incidents.slug, incidents.title, COUNT(*), CAST(SUM(r.seconds) AS BIGINT), MAX(r.read_at) \
             FROM reads r JOIN incidents ON incidents.id = r.incident_id \
             WHERE r.account_id = $2 AND {VISIBLE_TO} \
             GROUP BY incidents.id, incidents.slug, incidents.title ORDER BY MAX(r.read_at) DESC LIMIT 500"
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<(String, String, i64, Option<i64>, DbTime)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(slug, title, visits, seconds, last)| ReadRecord {
                slug,
                title,
                visits: visits.max(0) as u64,
                seconds: seconds.unwrap_or(0).max(0) as u64,
                last_read: last.0,
            })
            .collect())
    }
}
