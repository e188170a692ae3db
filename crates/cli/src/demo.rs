//! `lore serve --demo`: an invented incident at Kittiwake Cycles, imported through the same
//! JSONL reader as any timeline, and an analyst account to read it with.

use anyhow::Context;
use lore_core::{NewIncident, NewSource, Password, PersonHint, Role, Slug, Username, content_hash};
use lore_store::{ImportBatch, NewAccount, Store, StoreError};
use serde::Deserialize;

pub const USERNAME: &str = "demo";
/// Fixed and public: which is why demo mode only listens on loopback.
pub const PASSWORD: &str = "demo-password";

const INCIDENT_JSON: &str = include_str!("../../../demo/incident.json");
const TIMELINE_JSONL: &str = include_str!("../../../demo/timeline.jsonl");
const TIMELINE_FILE: &str = "demo/timeline.jsonl";

#[derive(Deserialize)]
struct DemoIncident {
    #[serde(flatten)]
    incident: NewIncident,
    people: Vec<DemoPerson>,
}

#[derive(Deserialize)]
struct DemoPerson {
    handle: String,
    display_name: String,
}

pub struct Loaded {
    pub slug: Slug,
}

/// Loads the demo; running it again changes nothing.
pub async fn load(store: &Store) -> anyhow::Result<Loaded> {
    let demo: DemoIncident =
        serde_json::from_str(INCIDENT_JSON).context("demo/incident.json is invalid")?;
    let slug = demo.incident.slug.clone();
    let incident = match store.incident_by_slug(&slug).await? {
        Some(found) => found,
        None => match store.create_incident(&demo.incident).await {
            Ok(created) => created,
            // Another `lore serve --demo` on the same database got there first.
            Err(StoreError::AlreadyExists(_)) => store
                .incident_by_slug(&slug)
                .await?
                .context("demo incident vanished while loading")?,
            Err(e) => return Err(e.into()),
        },
    };
    let timeline = lore_import::jsonl::read(TIMELINE_JSONL.as_bytes(), TIMELINE_FILE)?;
    store
        .import(&ImportBatch {
            incident_id: incident.id,
            source: NewSource {
                kind: "jsonl".into(),
                file_name: TIMELINE_FILE.into(),
                content_hash: content_hash(TIMELINE_JSONL),
            },
            imported_by: Some("lore demo".into()),
            people: demo
                .people
                .into_iter()
                .map(|p| PersonHint {
                    handle: p.handle,
                    display_name: p.display_name,
                })
                .collect(),
            entries: timeline.entries,
        })
        .await?;

    let username = Username::parse(USERNAME)?;
    if store.account_by_username(USERNAME).await?.is_none() {
        let password_hash = lore_web::auth::hash_password(&Password::parse(PASSWORD)?).await?;
        let created = store
            .create_account(&NewAccount {
                username,
                password_hash,
                role: Role::Analyst,
            })
            .await;
        // Another `lore serve --demo` on the same database may have just created it.
        if let Err(e) = created
            && !matches!(e, StoreError::AlreadyExists(_))
        {
            return Err(e.into());
        }
    }
    Ok(Loaded { slug })
}
