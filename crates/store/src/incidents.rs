use lore_core::{Account, Incident, IncidentTimes, NewIncident, Role, Slug, Username};
use time::OffsetDateTime;

use crate::error::is_unique_violation;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

#[derive(sqlx::FromRow)]
pub(crate) struct IncidentRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    severity: Option<String>,
    services: String,
    tags: String,
    restricted: bool,
    started_at: Option<DbTime>,
    detected_at: Option<DbTime>,
    resolved_at: Option<DbTime>,
    created_at: DbTime,
}

pub(crate) const SELECT_INCIDENT: &str = "SELECT id, slug, title, summary, severity, services, tags, restricted, \
     started_at, detected_at, resolved_at, created_at FROM incidents";

/// The condition that an incident (the `incidents` table, by that name) may be seen by an
/// account: `$1` binds whether the account is an admin, `$2` its id. Every query that lists
/// incidents' contents across incidents uses it, so restricted incidents stay out of all of them.
pub(crate) const VISIBLE_TO: &str = "(NOT incidents.restricted OR $1 OR EXISTS \
     (SELECT 1 FROM incident_access a WHERE a.incident_id = incidents.id AND a.account_id = $2))";

impl IncidentRow {
    pub(crate) fn into_incident(self) -> Result<Incident> {
        let list = |field: &str, json: &str| {
            serde_json::from_str::<Vec<String>>(json)
                .map_err(|e| StoreError::Corrupt(format!("incident {} {field}: {e}", self.slug)))
        };
        let services = list("services", &self.services)?;
        let tags = list("tags", &self.tags)?;
        let slug = Slug::parse(&self.slug)
            .map_err(|e| StoreError::Corrupt(format!("incident {}: {e}", self.id)))?;
        Ok(Incident {
            id: self.id,
            slug,
            title: self.title,
            summary: self.summary,
            severity: self.severity,
            services,
            tags,
            restricted: self.restricted,
            times: IncidentTimes {
                started_at: self.started_at.map(Into::into),
                detected_at: self.detected_at.map(Into::into),
                resolved_at: self.resolved_at.map(Into::into),
            },
            created_at: self.created_at.into(),
        })
    }
}

impl Store {
    /// Creates an incident; a slug that is taken is refused.
    pub async fn create_incident(&self, new: &NewIncident) -> Result<Incident> {
        // The same statement every import that creates incidents uses.
        let mut session = self.begin_import(None).await?;
        let (_, created) = session.find_or_create_incident(new).await?;
        if !created {
            return Err(StoreError::AlreadyExists(format!(
                "incident {:?}",
                new.slug.as_str()
            )));
        }
        session.commit().await?;
        self.incident_by_slug(&new.slug)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("incident {:?}", new.slug.as_str())))
    }

    pub async fn incident_by_slug(&self, slug: &Slug) -> Result<Option<Incident>> {
        let sql = format!("{SELECT_INCIDENT} WHERE slug = $1");
        let row: Option<IncidentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(slug.as_str()).fetch_optional(pool).await
        })?;
        row.map(IncidentRow::into_incident).transpose()
    }

    /// The incidents this account may see, newest first: every unrestricted one, and the
    /// restricted ones it has been granted (all of them, for admins).
    pub async fn incidents_visible_to(&self, account: &Account) -> Result<Vec<Incident>> {
        let sql = format!(
            "{SELECT_INCIDENT} WHERE {VISIBLE_TO} \
             ORDER BY COALESCE(started_at, detected_at, created_at) DESC, id DESC"
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<IncidentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(admin).bind(account.id).fetch_all(pool).await
        })?;
        rows.into_iter().map(IncidentRow::into_incident).collect()
    }

    /// One page of the library as the account may see it, newest first (the order of
    /// [`Store::incidents_visible_to`]): at most `limit` incidents after `after`, the place
    /// of the last one of the page before (its sort time, as
    /// [`library_sort_time`], and its id). Keyset, so a page costs the same however deep.
    pub async fn incidents_page_visible_to(
        &self,
        account: &Account,
        after: Option<(OffsetDateTime, i64)>,
        limit: u32,
    ) -> Result<Vec<Incident>> {
        let sort = "COALESCE(started_at, detected_at, created_at)";
        let place = if after.is_some() {
            format!(" AND ({sort} < $3 OR ({sort} = $3 AND id < $4))")
        } else {
            String::new()
        };
        let sql = format!(
            "{SELECT_INCIDENT} WHERE {VISIBLE_TO}{place} ORDER BY {sort} DESC, id DESC LIMIT $5"
        );
        let admin = account.role == Role::Admin;
        let (t, id) = after.unwrap_or((OffsetDateTime::UNIX_EPOCH, 0));
        let rows: Vec<IncidentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(DbTime::new(t))
                .bind(id)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter().map(IncidentRow::into_incident).collect()
    }

    /// The incident with this slug, if the account may see it: `None` both when there is no
    /// such incident and when it is restricted and the account has no access, so that callers
    /// cannot tell the two apart. The rule is [`VISIBLE_TO`], the same condition every
    /// cross-incident query uses.
    pub async fn incident_visible_to(
        &self,
        slug: &Slug,
        account: &Account,
    ) -> Result<Option<Incident>> {
        let sql = format!("{SELECT_INCIDENT} WHERE slug = $3 AND {VISIBLE_TO}");
        self.one_visible(sql, slug, account).await
    }

    /// The incident that had this slug before a rename, if the account may see it (as
    /// [`Store::incident_visible_to`]).
    pub async fn renamed_incident_visible_to(
        &self,
        old: &Slug,
        account: &Account,
    ) -> Result<Option<Incident>> {
        let sql = format!(
            "{SELECT_INCIDENT} WHERE id = (SELECT incident_id FROM incident_slug_history \
             WHERE old_slug = $3) AND {VISIBLE_TO}"
        );
        self.one_visible(sql, old, account).await
    }

    async fn one_visible(
        &self,
        sql: String,
        slug: &Slug,
        account: &Account,
    ) -> Result<Option<Incident>> {
        let admin = account.role == Role::Admin;
        let row: Option<IncidentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(account.id)
                .bind(slug.as_str())
                .fetch_optional(pool)
                .await
        })?;
        row.map(IncidentRow::into_incident).transpose()
    }

    /// Lets an account see a restricted incident.
    pub async fn grant_access(
        &self,
        incident: &Incident,
        username: &Username,
        by: &str,
    ) -> Result<()> {
        let account = self
            .account_by_username(username.as_str())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {:?}", username.as_str())))?;
        with_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO incident_access (incident_id, account_id, granted_by, granted_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (incident_id, account_id) DO NOTHING",
            )
            .bind(incident.id)
            .bind(account.account.id)
            .bind(by)
            .bind(DbTime::now())
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    pub async fn revoke_access(&self, incident: &Incident, username: &Username) -> Result<()> {
        with_write_tx!(&self.db, tx => {
            sqlx::query(
                "DELETE FROM incident_access WHERE incident_id = $1 AND account_id = \
                 (SELECT id FROM accounts WHERE username = $2)",
            )
            .bind(incident.id)
            .bind(username.as_str())
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// The usernames granted access to an incident, alphabetically.
    pub async fn access_list(&self, incident: &Incident) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = on_db!(&self.db, pool => {
            sqlx::query_as(
                "SELECT u.username FROM incident_access a JOIN accounts u ON u.id = a.account_id \
                 WHERE a.incident_id = $1 ORDER BY u.username",
            )
            .bind(incident.id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(|(u,)| u).collect())
    }

    /// Gives an incident a new slug; the old one keeps pointing at it (see
    /// `incident_by_old_slug`). A slug already in use by another incident is refused.
    pub async fn rename_incident(&self, from: &Slug, to: &Slug) -> Result<Incident> {
        let renamed: std::result::Result<u64, sqlx::Error> = with_write_tx!(&self.db, tx => {
            let updated = sqlx::query("UPDATE incidents SET slug = $1 WHERE slug = $2")
                .bind(to.as_str())
                .bind(from.as_str())
                .execute(&mut *tx)
                .await;
            match updated {
                Ok(done) if done.rows_affected() == 1 => {
                    sqlx::query(
                        "INSERT INTO incident_slug_history (old_slug, incident_id, renamed_at) \
                         SELECT $1, id, $2 FROM incidents WHERE slug = $3 \
                         ON CONFLICT (old_slug) DO UPDATE SET incident_id = excluded.incident_id, \
                         renamed_at = excluded.renamed_at",
                    )
                    .bind(from.as_str())
                    .bind(DbTime::now())
                    .bind(to.as_str())
                    .execute(&mut *tx)
                    .await?;
                    // A slug that is current again must not also redirect elsewhere.
                    sqlx::query("DELETE FROM incident_slug_history WHERE old_slug = $1")
                        .bind(to.as_str())
                        .execute(&mut *tx)
                        .await?;
                    Ok(1)
                }
                Ok(_) => Ok(0),
                Err(e) => Err(e),
            }
        });
        match renamed {
            Err(e) if is_unique_violation(&e) => Err(StoreError::AlreadyExists(format!(
                "incident {:?}",
                to.as_str()
            ))),
            Err(e) => Err(e.into()),
            Ok(0) => Err(StoreError::NotFound(format!(
                "incident {:?}",
                from.as_str()
            ))),
            Ok(_) => self
                .incident_by_slug(to)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("incident {:?}", to.as_str()))),
        }
    }

    /// The incident that used to have this slug, if it was renamed.
    pub async fn incident_by_old_slug(&self, old: &Slug) -> Result<Option<Incident>> {
        let sql = format!(
            "{SELECT_INCIDENT} WHERE id = (SELECT incident_id FROM incident_slug_history WHERE old_slug = $1)"
        );
        let row: Option<IncidentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(old.as_str()).fetch_optional(pool).await
        })?;
        row.map(IncidentRow::into_incident).transpose()
    }

    /// The incident library, newest first (by when it started, as far as the record says).
    /// Restricted incidents are left out unless `include_restricted`.
    pub async fn list_incidents(&self, include_restricted: bool) -> Result<Vec<Incident>> {
        let sql = format!(
            "{SELECT_INCIDENT} WHERE ($1 OR NOT restricted) \
             ORDER BY COALESCE(started_at, detected_at, created_at) DESC, id DESC"
        );
        let rows: Vec<IncidentRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(include_restricted).fetch_all(pool).await
        })?;
        rows.into_iter().map(IncidentRow::into_incident).collect()
    }
}

/// Where an incident sorts in the library: its start, else its detection, else its creation.
pub fn library_sort_time(i: &Incident) -> OffsetDateTime {
    i.times
        .started_at
        .or(i.times.detected_at)
        .unwrap_or(i.created_at)
}
