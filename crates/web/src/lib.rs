//! Lore's web application: server-rendered pages (and later the JSON API) on one port.
//!
//! A request flows through [`router`]: security headers are added to every response, the
//! session layer loads the signed-in account's session from the database, [`csrf`] refuses
//! cross-site state changes, and each handler states the role it needs by taking a
//! [`auth::Reader`], [`auth::Analyst`] or [`auth::Admin`] extractor. Handlers ask the store for
//! data and hand plain view structs to askama templates, which escape everything they print.

mod api;
pub mod auth;
mod csrf;
mod error;
mod images;
mod pages;
mod renamed;
mod security_headers;
mod session_store;
mod timeline_filter;
mod views;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use lore_store::Store;
use tokio::net::TcpListener;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use error::AppError;
pub use session_store::DbSessionStore;

/// How long a session lasts without use.
const SESSION_IDLE: time::Duration = time::Duration::hours(12);

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<StateInner>,
}

struct StateInner {
    store: Store,
    secure_cookies: bool,
}

impl AppState {
    /// `secure_cookies` marks the session cookie `Secure`; set it whenever Lore is reached over
    /// HTTPS (behind a TLS-terminating proxy).
    pub fn new(store: Store, secure_cookies: bool) -> Self {
        AppState {
            inner: Arc::new(StateInner {
                store,
                secure_cookies,
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }
}

/// The whole application as an axum router.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.store().clone()))
        .with_name("lore_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.inner.secure_cookies)
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));

    Router::new()
        .route("/", get(pages::library))
        .route("/incidents/{slug}", get(pages::incident))
        .route("/incidents/{slug}/timeline.svg", get(pages::diagram_svg))
        .route("/incidents/{slug}/annotations", post(pages::annotate))
        .route("/incidents/{slug}/moments/new", get(pages::mark_form))
        .route("/incidents/{slug}/people", get(pages::people))
        .route("/incidents/{slug}/people/merge", post(pages::merge_people))
        .route(
            "/incidents/{slug}/perspectives",
            post(pages::add_perspective),
        )
        .route(
            "/incidents/{slug}/narrative",
            get(pages::edit_narrative).post(pages::save_narrative),
        )
        .route(
            "/incidents/{slug}/narrative/history",
            get(pages::narrative_history),
        )
        .route(
            "/incidents/{slug}/narrative/diff",
            get(pages::narrative_history),
        )
        .route(
            "/incidents/{slug}/images",
            post(images::upload).layer(images::body_limit()),
        )
        .route("/incidents/{slug}/images/{id}", get(images::serve))
        .route("/moments", get(pages::moments))
        .route("/glossary", get(pages::glossary).post(pages::add_term))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route("/admin/users", get(pages::users))
        .route("/admin/users/{username}/role", post(pages::set_role))
        .route("/api/incidents", get(api::incidents))
        .route("/api/incidents/{slug}", get(api::incident))
        .route("/api/incidents/{slug}/timeline", get(api::timeline))
        .route(
            "/api/incidents/{slug}/narrative/preview",
            post(api::preview_narrative),
        )
        .route("/healthz", get(pages::healthz))
        .route("/static/lore.css", get(pages::stylesheet))
        .route("/static/lore.js", get(pages::script))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(csrf::refuse_cross_site_writes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            renamed::redirect_renamed,
        ))
        .layer(sessions)
        .layer(security_headers::layer())
        .with_state(state)
}

/// Serves the application until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
