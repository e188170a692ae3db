//! How a request fails, in one place: [`AppError`] for pages, [`ApiError`] for the JSON API.
//! Store outcomes that are answers rather than failures (not found, already exists, invalid
//! input, a save that lost a race) become 404, 409 and 400 here, so handlers use `?` and never
//! pick a status by hand.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use lore_store::StoreError;
use serde_json::json;

use crate::format::url_encode;

/// How a request can fail. The person sees a short message; the cause of a 500 goes to the log
/// with a reference they can quote, never to the page.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not there, or not for this person: the two look the same from outside, so that restricted
    /// incidents cannot be discovered by probing.
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Not signed in: go to the sign-in page and come back to `next`.
    #[error("sign-in required")]
    SignIn { next: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request collides with what is stored: a name already taken, a save on a version that
    /// is no longer current.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => AppError::NotFound,
            StoreError::AlreadyExists(what) => AppError::Conflict(format!("{what} already exists")),
            StoreError::Invalid(why) => AppError::BadRequest(why),
            conflict @ StoreError::Conflict(_) => AppError::Conflict(conflict.to_string()),
            other => AppError::Internal(other.into()),
        }
    }
}

/// Input that the domain refused is the asker's mistake, said in the domain's own words.
macro_rules! bad_request_from {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for AppError {
            fn from(e: $error) -> Self {
                AppError::BadRequest(e.to_string())
            }
        }
    )*};
}

bad_request_from!(
    lore_core::ThemeError,
    lore_core::EntryKindError,
    lore_core::RoleError,
    lore_core::AnnotationError,
    lore_core::PerspectiveError,
    lore_core::CommentError,
    lore_core::GlossaryError,
);

impl AppError {
    /// Status and the message the person may see (the cause of a 500 is logged here).
    fn status_and_message(self) -> (StatusCode, &'static str, String) {
        match self {
            // Pages redirect instead (see `into_response`).
            AppError::SignIn { .. } => (
                StatusCode::UNAUTHORIZED,
                "Sign in first",
                "Sign in to continue.".to_owned(),
            ),
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Not found",
                "There is nothing here, or you do not have access to it.".to_owned(),
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "Not allowed",
                "Your role does not allow this. Ask an admin if you need it.".to_owned(),
            ),
            AppError::BadRequest(why) => (StatusCode::BAD_REQUEST, "Bad request", why),
            AppError::Conflict(why) => (StatusCode::CONFLICT, "Conflict", why),
            AppError::Internal(cause) => {
                let reference = reference();
                tracing::error!(%reference, error = ?cause, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    format!("Lore could not complete this request. Reference: {reference}."),
                )
            }
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    /// Always `None`: error pages may be rendered before anyone is known.
    user: Option<crate::layout::UserView>,
    title: &'a str,
    message: &'a str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignIn { next } = &self {
            return Redirect::to(&format!("/login?next={}", url_encode(next))).into_response();
        }
        let (status, title, message) = self.status_and_message();
        let page = ErrorPage {
            user: None,
            title,
            message: &message,
        };
        (status, Html(crate::layout::render(&page))).into_response()
    }
}

/// An [`AppError`] answered as JSON, with the status the page would have had, and 401 instead
/// of a redirect to sign in.
pub struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, _, message) = match self.0 {
            AppError::SignIn { .. } => (StatusCode::UNAUTHORIZED, "", "sign in first".to_owned()),
            AppError::NotFound => (StatusCode::NOT_FOUND, "", "not found".to_owned()),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "",
                "your role does not allow this".to_owned(),
            ),
            other => other.status_and_message(),
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

/// A short random reference for correlating an error page with the log.
fn reference() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(time::OffsetDateTime::now_utc().unix_timestamp_nanos() as u128);
    format!("{:016x}", h.finish())
}
