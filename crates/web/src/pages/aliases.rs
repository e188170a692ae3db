//! Names other systems give an incident (`INC-3117`, a ticket key, a status page id), added by
//! analysts on the incident page: `lore scan git` looks for them beside the slug.

use axum::Form;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;

use crate::auth::Analyst;
use crate::error::AppError;
use crate::incident_access::Visible;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct AliasForm {
    alias: String,
}

/// Adds an alias, then back to the facts. One another incident has is a 409 naming it; an
/// empty, multi-line or over-long one a 400.
pub async fn add_alias(
    State(state): State<AppState>,
    seen: Visible<Analyst>,
    Form(form): Form<AliasForm>,
) -> Result<Redirect, AppError> {
    let by = seen.user.username.to_string();
    state
        .store()
        .add_incident_alias(&seen.incident, &form.alias, &by)
        .await?;
    tracing::info!(user = %by, incident = %seen.incident.slug, alias = form.alias.trim(), "alias added");
    Ok(Redirect::to(&format!(
        "/incidents/{}#facts-heading",
        seen.incident.slug
    )))
}
