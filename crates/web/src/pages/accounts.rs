//! Signing in and out, and the admin's list of accounts and their roles.

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use lore_core::{Account, Role, Username};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::{self, Admin};
use crate::error::AppError;
use crate::format::utc_text;
use crate::pages::{UserView, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub user: Option<UserView>,
    pub next: String,
    pub username: String,
    pub error: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// Where to go after signing in: a path on this site, or the library. `next` arrives decoded
/// from the query string or the form, so it is checked as the browser will read the
/// `Location` header: only visible ASCII (a tab, CR, LF or any control character would be
/// dropped or break the header, and `/\t/evil.example` becomes `//evil.example`), no
/// backslash (browsers read it as `/`), and, parsed as a URI, no scheme and no authority, with
/// a path that starts with one `/`.
fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/";
    let Some(next) = next else {
        return HOME.to_owned();
    };
    let visible_ascii = next.bytes().all(|b| b.is_ascii_graphic());
    if !visible_ascii || next.contains('\\') || next.len() > 2048 {
        return HOME.to_owned();
    }
    match next.parse::<axum::http::Uri>() {
        Ok(uri)
            if uri.scheme().is_none()
                && uri.authority().is_none()
                && uri.path().starts_with('/')
                && !uri.path().starts_with("//") =>
        {
            next.to_owned()
        }
        _ => HOME.to_owned(),
    }
}

pub async fn login_form(
    session: Session,
    State(state): State<AppState>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let next = safe_next(q.next.as_deref());
    if auth::current_account(&session, &state).await?.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(Html(render(&LoginPage {
        user: None,
        next,
        username: String::new(),
        error: None,
    }))
    .into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

/// The address the request came from (the TCP peer: behind a proxy, the proxy's), when the
/// server records it.
pub struct ClientAddress(Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(a)| a.ip()),
        ))
    }
}

/// The sign-in page again, with a message and a status.
fn refused(status: StatusCode, form: LoginForm, next: String, message: String) -> Response {
    let page = LoginPage {
        user: None,
        next,
        username: form.username,
        error: Some(message),
    };
    (status, Html(render(&page))).into_response()
}

/// Signs in. Failed attempts make later ones wait, per account name and per address (see
/// `sign_in_throttle`); a waiting attempt is answered 429 with `Retry-After` before its
/// password is even checked, and every attempt is logged with the address it came from.
pub async fn login(
    session: Session,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let throttle = state.sign_in_throttle();
    let typed = form.username.trim().to_owned();
    let wait = throttle.wait(&typed, address, Instant::now());
    if !wait.is_zero() {
        // Whole seconds, rounded up: "try again in 0 s" would be a lie.
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        tracing::warn!(user = %typed, address = ?address, wait_s = seconds, "sign-in throttled");
        let message = format!(
            "Too many failed sign-ins for this account or from this address. Try again in {seconds} s."
        );
        let mut res = refused(StatusCode::TOO_MANY_REQUESTS, form, next, message);
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        return Ok(res);
    }
    let found = match Username::parse(&typed) {
        Ok(name) => state.store().account_by_username(name.as_str()).await?,
        Err(_) => None,
    };
    let hash = found
        .as_ref()
        .map_or(auth::DUMMY_HASH, |f| f.password_hash.as_str());
    let Ok(password_ok) = auth::verify_password(&form.password, hash).await else {
        tracing::warn!(user = %typed, address = ?address, "sign-in refused: password checks busy");
        let message = "Lore is busy checking other sign-ins. Try again in a moment.".to_owned();
        let mut res = refused(StatusCode::SERVICE_UNAVAILABLE, form, next, message);
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return Ok(res);
    };
    match found {
        Some(f) if password_ok => {
            throttle.succeeded(&typed);
            auth::begin_session(&session, &f.account).await?;
            tracing::info!(user = %f.account.username, address = ?address, "signed in");
            Ok(Redirect::to(&next).into_response())
        }
        _ => {
            throttle.failed(&typed, address, Instant::now());
            tracing::info!(user = %typed, address = ?address, "sign-in refused");
            let message = "Wrong username or password.".to_owned();
            Ok(refused(StatusCode::UNAUTHORIZED, form, next, message))
        }
    }
}

pub async fn logout(session: Session) -> Result<Redirect, AppError> {
    auth::end_session(&session).await?;
    Ok(Redirect::to("/login"))
}

pub struct AccountRow {
    pub username: String,
    pub role: &'static str,
    pub created: String,
}

#[derive(Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    pub user: Option<UserView>,
    pub accounts: Vec<AccountRow>,
    pub roles: [&'static str; 3],
    pub notice: Option<String>,
}

async fn users_page(
    state: &AppState,
    admin: &Account,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    let accounts = state.store().list_accounts().await?;
    Ok(Html(render(&UsersPage {
        user: Some(admin.into()),
        accounts: accounts
            .iter()
            .map(|a| AccountRow {
                username: a.username.to_string(),
                role: a.role.as_str(),
                created: utc_text(a.created_at),
            })
            .collect(),
        roles: Role::ALL.map(Role::as_str),
        notice,
    })))
}

pub async fn users(
    State(state): State<AppState>,
    Admin(admin): Admin,
) -> Result<Html<String>, AppError> {
    users_page(&state, &admin, None).await
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(username): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Html<String>, AppError> {
    let username = Username::parse(&username).map_err(|_| AppError::NotFound)?;
    let role: Role = form.role.parse()?;
    let changed = state.store().set_role(&username, role).await?;
    tracing::info!(by = %admin.username, user = %changed.username, role = %changed.role, "role changed");
    let notice = format!("{} is now {}.", changed.username, changed.role);
    users_page(&state, &admin, Some(notice)).await
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn sign_in_never_redirects_off_site() {
        assert_eq!(
            safe_next(Some("/incidents/x?noise=show")),
            "/incidents/x?noise=show"
        );
        assert_eq!(safe_next(Some("/moments?q=a%20b#x")), "/moments?q=a%20b#x");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "evil",
            // Browsers drop tabs and newlines: this is //evil.example/x to them.
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\x0b/evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
