//! Older, shorter demo incidents (`demo/library/incidents.json`), and the names other systems
//! give the demo incidents, so that search, the library's facets, related incidents and
//! "Cited by" have a library to work on, not one incident.

use anyhow::Context;
use lore_core::{NewIncident, Slug};
use lore_store::Store;
use serde::Deserialize;

const INCIDENTS_JSON: &str = include_str!("../../../../demo/library/incidents.json");

#[derive(Deserialize)]
struct LibraryIncident {
    incident: NewIncident,
    narrative: String,
}

/// Aliases as a ticket system or a status page would name the demo incidents.
const ALIASES: &[(&str, &str)] = &[
    (
        "2026-03-17-riverton-stations-stuck-in-maintenance",
        "INC-3117",
    ),
    (
        "2026-05-06-firmware-rollout-paused-by-a-stale-notice",
        "INC-3204",
    ),
    ("2025-02-11-dock-broker-certificate-expired", "INC-2871"),
];

/// Creates each incident unless it exists, with its narrative; then the aliases. Running it
/// again changes nothing.
pub(super) async fn load(store: &Store) -> anyhow::Result<()> {
    let incidents: Vec<LibraryIncident> =
        serde_json::from_str(INCIDENTS_JSON).context("demo/library/incidents.json is invalid")?;
    let glossary = store.glossary().await?;
    let mut session = store.begin_import(Some("lore demo")).await?;
    for i in &incidents {
        let (id, created) = session.find_or_create_incident(&i.incident).await?;
        if created {
            let refs = lore_render::references(&i.narrative, &glossary);
            session.set_first_narrative(id, &i.narrative, &refs).await?;
        }
    }
    session.commit().await?;
    for (slug, alias) in ALIASES {
        let slug = Slug::parse(slug)?;
        let incident = store
            .incident_by_slug(&slug)
            .await?
            .with_context(|| format!("the demo has no incident {slug}"))?;
        store
            .add_incident_alias(&incident, alias, "lore demo")
            .await?;
    }
    Ok(())
}
