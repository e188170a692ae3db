//! Old links keep working: a request for an incident under a slug it had before a rename is
//! redirected (301) to the same place under its current slug, for people who may see it. For
//! everyone else it stays a 404, so a rename reveals nothing about a restricted incident.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use lore_core::Slug;
use tower_sessions::Session;

use crate::state::AppState;

/// `(prefix, slug, rest)` for `/incidents/SLUG…` and `/api/incidents/SLUG…`.
fn split_incident_path(path: &str) -> Option<(&'static str, &str, &str)> {
    for prefix in ["/incidents/", "/api/incidents/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            let end = rest.find('/').unwrap_or(rest.len());
            return Some((prefix, &rest[..end], &rest[end..]));
        }
    }
    None
}

pub async fn redirect_renamed(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let session = request.extensions().get::<Session>().cloned();
    let response = next.run(request).await;
    if response.status() != StatusCode::NOT_FOUND || !matches!(method, Method::GET | Method::HEAD) {
        return response;
    }
    let Some((prefix, old, rest)) = split_incident_path(uri.path()) else {
        return response;
    };
    let Ok(old) = Slug::parse(old) else {
        return response;
    };
    let found = async {
        let account = crate::auth::current_account(session.as_ref()?, &state)
            .await
            .ok()??;
        state
            .store()
            .renamed_incident_visible_to(&old, &account)
            .await
            .ok()?
    };
    match found.await {
        Some(incident) => {
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            Redirect::permanent(&format!("{prefix}{}{rest}{query}", incident.slug)).into_response()
        }
        None => response,
    }
}

#[cfg(test)]
mod tests {
    use super::split_incident_path;

    #[test]
    fn finds_the_slug_in_incident_paths() {
        assert_eq!(
            split_incident_path("/incidents/a-b"),
            Some(("/incidents/", "a-b", ""))
        );
        assert_eq!(
            split_incident_path("/incidents/a-b/timeline.svg"),
            Some(("/incidents/", "a-b", "/timeline.svg"))
        );
        assert_eq!(
            split_incident_path("/api/incidents/x/timeline"),
            Some(("/api/incidents/", "x", "/timeline"))
        );
        assert_eq!(split_incident_path("/glossary"), None);
    }
}
