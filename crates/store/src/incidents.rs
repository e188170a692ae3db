use lore_core::{Incident, IncidentTimes, NewIncident, Slug};

use crate::{DbTime, Result, Store, StoreError, on_db};

#[derive(sqlx::FromRow)]
struct IncidentRow {
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

const SELECT_INCIDENT: &str = "SELECT id, slug, title, summary, severity, services, tags, restricted, \
     started_at, detected_at, resolved_at, created_at FROM incidents";

impl IncidentRow {
    fn into_incident(self) -> Result<Incident> {
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
