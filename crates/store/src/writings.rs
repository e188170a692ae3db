//! What people wrote about incidents (summary, narrative, perspectives), read for many
//! incidents at once: the glossary page looks for its terms in every incident a reader may
//! see, and reading incident by incident would cost two queries per incident.

use std::collections::HashMap;

use lore_core::{Account, Role, Slug};

use crate::incidents::VISIBLE_TO;
use crate::{Result, Store, StoreError, on_db};

/// One incident's written words: its summary, the current version of its narrative and every
/// perspective.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentWritings {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    /// The current (latest) narrative's body, if the incident has a narrative.
    pub narrative: Option<String>,
    /// Every perspective's body, in the order they were added.
    pub perspectives: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct WritingsRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    narrative: Option<String>,
}

impl Store {
    /// The writings of every incident this account may see, newest first (as
    /// [`Store::incidents_visible_to`]), in two queries however many incidents there are: the
    /// incidents with their current narratives, then the perspectives of all of them.
    /// Restricted incidents the account has not been granted are in neither.
    pub async fn writings_visible_to(&self, account: &Account) -> Result<Vec<IncidentWritings>> {
        let admin = account.role == Role::Admin;
        // The current narrative is the highest version; (incident_id, version) is unique.
        let incidents_sql = format!(
            "SELECT incidents.id, incidents.slug, incidents.title, incidents.summary, \
             n.body AS narrative \
             FROM incidents LEFT JOIN narratives n ON n.incident_id = incidents.id \
             AND n.version = (SELECT MAX(v.version) FROM narratives v \
                              WHERE v.incident_id = incidents.id) \
             WHERE {VISIBLE_TO} \
             ORDER BY COALESCE(incidents.started_at, incidents.detected_at, incidents.created_at) \
             DESC, incidents.id DESC"
        );
        let perspectives_sql = format!(
            "SELECT p.incident_id, p.body FROM perspectives p \
             JOIN incidents ON incidents.id = p.incident_id \
             WHERE {VISIBLE_TO} ORDER BY p.id"
        );
        let (incidents, perspectives): (Vec<WritingsRow>, Vec<(i64, String)>) = on_db!(&self.db, pool => {
            let incidents = sqlx::query_as(sqlx::AssertSqlSafe(incidents_sql))
                .bind(admin)
                .bind(account.id)
                .fetch_all(pool)
                .await?;
            let perspectives = sqlx::query_as(sqlx::AssertSqlSafe(perspectives_sql))
                .bind(admin)
                .bind(account.id)
                .fetch_all(pool)
                .await?;
            (incidents, perspectives)
        });
        let mut perspectives_by_incident: HashMap<i64, Vec<String>> = HashMap::new();
        for (incident_id, body) in perspectives {
            perspectives_by_incident
                .entry(incident_id)
                .or_default()
                .push(body);
        }
        incidents
            .into_iter()
            .map(|row| {
                let slug = Slug::parse(&row.slug)
                    .map_err(|e| StoreError::Corrupt(format!("incident {}: {e}", row.id)))?;
                Ok(IncidentWritings {
                    slug,
                    title: row.title,
                    summary: row.summary,
                    narrative: row.narrative,
                    // The two queries are two snapshots: access revoked between them can
                    // list an incident without its perspectives, never the other way round.
                    perspectives: perspectives_by_incident.remove(&row.id).unwrap_or_default(),
                })
            })
            .collect()
    }
}
