pub mod import;
pub mod incident;
pub mod lint;
pub mod person;
pub mod scan;
pub mod search;
pub mod serve;
pub mod timeline;
pub mod user;

use anyhow::Context;
use lore_core::{Incident, Slug};
use lore_store::Store;

/// The incident a command names, or an error that says which slug was not found.
pub async fn find_incident(store: &Store, slug: &Slug) -> anyhow::Result<Incident> {
    store.incident_by_slug(slug).await?.with_context(|| {
        format!(
            "no incident with slug {:?} (see `lore incident list`)",
            slug.as_str()
        )
    })
}

/// Who is running a CLI command, for "imported by".
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .map(|u| format!("{u} (cli)"))
        .unwrap_or_else(|_| "cli".to_owned())
}
