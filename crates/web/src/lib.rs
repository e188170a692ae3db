//! Lore's web application: server-rendered pages and a JSON API on one port.
//!
//! A request flows through [`router`]: security headers are added to every response, the
//! session layer loads the signed-in account's session from the database, [`csrf`] refuses
//! cross-site state changes, and each handler states the role it needs by taking a
//! [`auth::Reader`], [`auth::Analyst`] or [`auth::Admin`] extractor — or, for anything about
//! one incident, [`incident_access::Visible`], which also applies the restricted-incident
//! rule. Handlers live in [`pages`], one module per page family, and in [`api`]; they ask the
//! store for data and hand plain view structs to askama templates, which escape everything
//! they print except `lore-render`'s [`lore_render::SafeHtml`].

mod api;
pub mod auth;
mod beacons;
mod csrf;
mod error;
mod format;
pub mod ics;
mod incident_access;
mod layout;
mod moment_reading;
mod page_cache;
mod pages;
mod prose;
mod renamed;
mod render_cache;
mod security_headers;
mod session_store;
mod sign_in_throttle;
mod state;
mod timeline_diagram;
mod timeline_filter;
mod timeline_query;
mod timeline_slice;
mod timeline_window;

use std::future::Future;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use error::AppError;
pub use session_store::DbSessionStore;
pub use state::AppState;

/// How long a session lasts without use.
const SESSION_IDLE: time::Duration = time::Duration::hours(12);

/// The whole application as an axum router.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.store().clone()))
        .with_name("lore_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies())
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));

    use pages::{
        accounts, aliases, assets, awards, comments, diagram, feed, glossary, images, incident,
        learning, library, moments, narrative, people, perspectives, reading, reading_lists,
        reviews, search, stories, suggestions,
    };
    // The pages kept whole while nothing they show changes (see `page_cache`).
    let kept = || axum::middleware::from_fn_with_state(state.clone(), page_cache::serve_kept);
    Router::new()
        .route("/", get(library::library).route_layer(kept()))
        .route(
            "/incidents/{slug}",
            get(incident::incident).route_layer(kept()),
        )
        .route("/incidents/{slug}/timeline.svg", get(diagram::diagram_svg))
        .route(
            "/incidents/{slug}/entries/{id}",
            get(incident::entry_permalink),
        )
        .route("/incidents/{slug}/annotations", post(moments::annotate))
        .route("/incidents/{slug}/moments/new", get(moments::mark_form))
        .route(
            "/incidents/{slug}/suggestions",
            get(suggestions::suggestions),
        )
        .route(
            "/incidents/{slug}/suggestions/accept",
            post(suggestions::accept),
        )
        .route(
            "/incidents/{slug}/suggestions/dismiss",
            post(suggestions::dismiss),
        )
        .route("/incidents/{slug}/aliases", post(aliases::add_alias))
        .route(
            "/incidents/{slug}/reading-time",
            post(reading::reading_time),
        )
        .route(
            "/lists",
            get(reading_lists::lists).post(reading_lists::create),
        )
        .route("/lists/{id}", get(reading_lists::list))
        .route("/lists/{id}/items", post(reading_lists::add_item))
        .route("/lists/{id}/move", post(reading_lists::move_item))
        .route("/lists/{id}/remove", post(reading_lists::remove_item))
        .route(
            "/me/reading",
            get(reading::history).post(reading::set_recording),
        )
        .route(
            "/incidents/{slug}/comments",
            get(comments::comments_page).post(comments::add_comment),
        )
        .route(
            "/incidents/{slug}/comments/{id}",
            get(comments::comment_permalink),
        )
        .route(
            "/incidents/{slug}/comments/{id}/edit",
            post(comments::edit_comment),
        )
        .route(
            "/incidents/{slug}/comments/{id}/remove",
            post(comments::remove_comment),
        )
        .route(
            "/incidents/{slug}/reviews",
            get(reviews::reviews_page).post(reviews::schedule),
        )
        .route("/incidents/{slug}/reviews/{id}", post(reviews::change))
        .route(
            "/incidents/{slug}/reviews/{id}/cancel",
            post(reviews::cancel),
        )
        .route(
            "/incidents/{slug}/reviews/{id}/answer",
            post(reviews::answer),
        )
        .route(
            "/incidents/{slug}/reviews/{id}/attendance",
            post(reviews::attendance),
        )
        .route(
            "/incidents/{slug}/reviews/{id}/notes",
            post(reviews::add_note),
        )
        .route(
            "/incidents/{slug}/reviews/{id}/invite.ics",
            get(reviews::invite_ics),
        )
        .route("/incidents/{slug}/people", get(people::people))
        .route("/incidents/{slug}/people/merge", post(people::merge_people))
        .route(
            "/incidents/{slug}/perspectives",
            post(perspectives::add_perspective),
        )
        .route(
            "/incidents/{slug}/narrative",
            get(narrative::edit_narrative).post(narrative::save_narrative),
        )
        .route(
            "/incidents/{slug}/narrative/history",
            get(narrative::narrative_history),
        )
        .route(
            "/incidents/{slug}/narrative/diff",
            get(narrative::narrative_history),
        )
        .route(
            "/incidents/{slug}/images",
            post(images::upload).layer(images::body_limit()),
        )
        .route("/incidents/{slug}/images/{id}", get(images::serve))
        .route("/moments", get(moments::moments))
        .route("/search", get(search::search))
        .route("/feed.atom", get(feed::feed))
        .route("/learning", get(learning::learning))
        .route("/stories", get(stories::stories).post(stories::submit))
        .route("/stories/{id}/perspective", post(stories::to_perspective))
        .route("/stories/{id}/attach", post(stories::attach))
        .route("/stories/{id}/incident", post(stories::to_incident))
        .route("/award", get(awards::award))
        .route("/award/{year}", get(awards::award_of_year))
        .route("/award/rounds", post(awards::create_round))
        .route("/award/rounds/{id}", post(awards::change_round))
        .route("/award/rounds/{id}/nominations", post(awards::nominate))
        .route("/award/rounds/{id}/vote", post(awards::vote))
        .route("/api/search", get(api::search))
        .route(
            "/glossary",
            get(glossary::glossary).post(glossary::add_term),
        )
        .route("/login", get(accounts::login_form).post(accounts::login))
        .route("/logout", post(accounts::logout))
        .route("/admin/users", get(accounts::users))
        .route("/admin/users/{username}/role", post(accounts::set_role))
        .route("/api/incidents", get(api::incidents))
        .route("/api/incidents/{slug}", get(api::incident))
        .route("/api/incidents/{slug}/timeline", get(api::timeline))
        .route("/api/incidents/{slug}/cited-by", get(api::cited_by))
        .route(
            "/api/incidents/{slug}/narrative/preview",
            post(api::preview_narrative),
        )
        .route("/api/admin/render-cache", get(api::render_cache))
        .route("/api/admin/page-cache", get(api::page_cache))
        .route("/healthz", get(assets::healthz))
        .route("/static/lore.css", get(assets::stylesheet))
        .route("/static/lore.js", get(assets::script))
        .fallback(assets::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::note_writes,
        ))
        .layer(axum::middleware::from_fn(csrf::refuse_cross_site_writes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            renamed::redirect_renamed,
        ))
        .layer(sessions)
        .layer(security_headers::layer(state.secure_cookies()))
        .with_state(state)
}

/// Serves the application until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The client's address, for the sign-in throttle.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
