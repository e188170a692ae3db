//! Remembering: incidents whose anniversary falls this week ("this week, years ago"), and the
//! write-ups most recently created or changed (the Atom feed). Both through `VISIBLE_TO`.

use lore_core::{Account, Incident, Role};
use time::{Date, Duration, OffsetDateTime};

use crate::incidents::{IncidentRow, SELECT_INCIDENT, VISIBLE_TO};
use crate::{Db, DbTime, Result, Store, on_db};

/// Days either side of today that count as "this week".
const WEEK_EITHER_SIDE: i64 = 3;

/// A write-up as the feed lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentWriteUp {
    pub incident: Incident,
    /// When the incident or its narrative last changed.
    pub updated_at: OffsetDateTime,
    /// The current narrative version, if there is a narrative.
    pub narrative_version: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RecentRow {
    #[sqlx(flatten)]
    incident: IncidentRow,
    narrative_version: Option<i64>,
    narrative_at: Option<DbTime>,
}

impl Store {
    /// Incidents that began in an earlier year within three days of `today`'s date, the most
    /// recent year first: "this week, years ago". At most `limit`.
    pub async fn anniversaries(
        &self,
        account: &Account,
        today: Date,
        limit: i64,
    ) -> Result<Vec<Incident>> {
        let days: Vec<String> = (-WEEK_EITHER_SIDE..=WEEK_EITHER_SIDE)
            .map(|d| {
                let day = today + Duration::days(d);
                format!("{:02}-{:02}", u8::from(day.month()), day.day())
            })
            .collect();
        let month_day = match self.db {
            Db::Sqlite(_) => "substr(incidents.started_at, 6, 5)",
            Db::Postgres(_) => "to_char(incidents.started_at AT TIME ZONE 'UTC', 'MM-DD')",
        };
        let start_of_year = DbTime::new(
            Date::from_calendar_date(today.year(), time::Month::January, 1)
                .expect("1 January exists")
                .midnight()
                .assume_utc(),
        );
        let placeholders: Vec<String> = (0..days.len()).map(|i| format!("${}", i + 5)).collect();
        let sql = format!(
            "{SELECT_INCIDENT} WHERE {VISIBLE_TO} AND incidents.started_at < $3 \
             AND {month_day} IN ({}) ORDER BY incidents.started_at DESC LIMIT $4",
            placeholders.join(", ")
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<IncidentRow> = on_db!(&self.db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(start_of_year)
                .bind(limit);
            for d in &days {
                q = q.bind(d.clone());
            }
            q.fetch_all(pool).await
        })?;
        rows.into_iter().map(IncidentRow::into_incident).collect()
    }

    /// The write-ups created or changed most recently (the incident, or a new narrative
    /// version), newest first, at most `limit`.
    pub async fn recent_write_ups(
        &self,
        account: &Account,
        limit: i64,
    ) -> Result<Vec<RecentWriteUp>> {
        let columns = SELECT_INCIDENT
            .strip_prefix("SELECT ")
            .and_then(|s| s.strip_suffix(" FROM incidents"))
            .expect("SELECT … FROM incidents");
        let qualified: Vec<String> = columns
            .split(", ")
            .map(|c| format!("incidents.{}", c.trim()))
            .collect();
        let sql = format!(
            "SELECT {}, n.version AS narrative_version, n.created_at AS narrative_at \
             FROM incidents LEFT JOIN narratives n ON n.incident_id = incidents.id \
             AND n.version = (SELECT MAX(version) FROM narratives WHERE incident_id = incidents.id) \
             WHERE {VISIBLE_TO} \
             ORDER BY COALESCE(n.created_at, incidents.created_at) DESC, incidents.id DESC LIMIT $3",
            qualified.join(", ")
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<RecentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|r| {
                let incident = r.incident.into_incident()?;
                let updated_at = r
                    .narrative_at
                    .map(|t| t.0)
                    .filter(|t| *t > incident.created_at)
                    .unwrap_or(incident.created_at);
                Ok(RecentWriteUp {
                    incident,
                    updated_at,
                    narrative_version: r.narrative_version,
                })
            })
            .collect()
    }
}
