use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::views::ErrorPage;

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
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<lore_store::StoreError> for AppError {
    fn from(e: lore_store::StoreError) -> Self {
        AppError::Internal(e.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, message) = match self {
            AppError::SignIn { next } => {
                let target = format!("/login?next={}", crate::views::url_encode(&next));
                return Redirect::to(&target).into_response();
            }
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
            AppError::Internal(cause) => {
                let reference = uuid_like();
                tracing::error!(%reference, error = ?cause, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    format!("Lore could not complete this request. Reference: {reference}."),
                )
            }
        };
        let page = ErrorPage {
            user: None,
            title,
            message: &message,
        };
        (status, Html(crate::views::render(&page))).into_response()
    }
}

/// A short random reference for correlating an error page with the log.
fn uuid_like() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(time::OffsetDateTime::now_utc().unix_timestamp_nanos() as u128);
    format!("{:016x}", h.finish())
}
