//! Who is asking, and may they: password hashing, the session's contents and the extractors
//! that enforce roles on every route.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use lore_core::{Account, Password, Role};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use time::OffsetDateTime;

use tokio::sync::Semaphore;
use tower_sessions::Session;

use crate::error::AppError;
use crate::state::AppState;

const SESSION_KEY: &str = "signed_in";

/// How many Argon2 hashes this process computes at once. Each holds about 19 MiB and a core
/// for tens of milliseconds: without a bound, 16 concurrent sign-ins for an unknown user took a
/// server from 168 to 433 MB.
const ARGON2_AT_ONCE: usize = 2;
/// How many more may wait for a slot; past that a sign-in is answered "busy" at once.
const ARGON2_WAITING: usize = 32;

static ARGON2_SLOTS: Semaphore = Semaphore::const_new(ARGON2_AT_ONCE);
static ARGON2_QUEUED: AtomicUsize = AtomicUsize::new(0);
#[cfg(test)]
static ARGON2_RUNNING: AtomicUsize = AtomicUsize::new(0);
#[cfg(test)]
static ARGON2_PEAK: AtomicUsize = AtomicUsize::new(0);

/// Too many password checks are waiting already.
#[derive(Debug, thiserror::Error)]
#[error("too many sign-ins at once; try again in a moment")]
pub struct Busy;

/// Runs Argon2 work on a blocking thread once a slot is free.
async fn with_argon2_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Busy> {
    if ARGON2_QUEUED.fetch_add(1, Ordering::SeqCst) >= ARGON2_AT_ONCE + ARGON2_WAITING {
        ARGON2_QUEUED.fetch_sub(1, Ordering::SeqCst);
        return Err(Busy);
    }
    let permit = ARGON2_SLOTS.acquire().await;
    let out = tokio::task::spawn_blocking(move || {
        #[cfg(test)]
        {
            let running = ARGON2_RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
            ARGON2_PEAK.fetch_max(running, Ordering::SeqCst);
        }
        let out = work();
        #[cfg(test)]
        ARGON2_RUNNING.fetch_sub(1, Ordering::SeqCst);
        out
    })
    .await;
    drop(permit);
    ARGON2_QUEUED.fetch_sub(1, Ordering::SeqCst);
    // The closure does not panic; if it did, the caller sees a refusal, not a crash.
    out.map_err(|_| Busy)
}

/// Hashes a password with Argon2id off the async threads (it takes tens of milliseconds by
/// design), a few at a time.
pub async fn hash_password(password: &Password) -> anyhow::Result<String> {
    let password = password.expose().to_owned();
    with_argon2_slot(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
    })
    .await?
}

/// Checks a password against a stored hash, off the async threads, a few at a time. A
/// malformed hash is a mismatch, not an error: the person sees "wrong username or password"
/// either way.
pub async fn verify_password(password: &str, hash: &str) -> Result<bool, Busy> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    with_argon2_slot(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
}

/// A hash no password matches, checked when the username is unknown so that a wrong username
/// takes as long to refuse as a wrong password.
pub(crate) const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$VnQmH6NQvmNYzQ2NOE3D4e4Jcm9p2rZx0pV3ZxGhZ9w";

/// What the session remembers about the person signed in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SignedIn {
    account_id: i64,
    /// When they signed in (Unix microseconds); a password change after this ends the session.
    since_us: i64,
}

fn unix_us(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}

/// Starts a signed-in session, under a new session id so that an id planted before sign-in
/// is worthless afterwards.
pub(crate) async fn begin_session(session: &Session, account: &Account) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|e| anyhow::anyhow!("renewing session id: {e}"))?;
    let signed_in = SignedIn {
        account_id: account.id,
        since_us: unix_us(OffsetDateTime::now_utc()),
    };
    session
        .insert(SESSION_KEY, signed_in)
        .await
        .map_err(|e| anyhow::anyhow!("storing session: {e}"))?;
    Ok(())
}

pub(crate) async fn end_session(session: &Session) -> Result<(), AppError> {
    session
        .flush()
        .await
        .map_err(|e| anyhow::anyhow!("ending session: {e}"))?;
    Ok(())
}

/// The account behind this request, if a valid session names one.
pub async fn current_account(
    session: &Session,
    state: &AppState,
) -> Result<Option<Account>, AppError> {
    session_account(session, state.store()).await
}

/// [`current_account`] with the store alone, for work done after the response has gone
/// (the reading-time beacons).
pub(crate) async fn session_account(
    session: &Session,
    store: &lore_store::Store,
) -> Result<Option<Account>, AppError> {
    let signed_in: Option<SignedIn> = session
        .get(SESSION_KEY)
        .await
        .map_err(|e| anyhow::anyhow!("reading session: {e}"))?;
    let Some(signed_in) = signed_in else {
        return Ok(None);
    };
    let Some(found) = store.account_by_id(signed_in.account_id).await? else {
        end_session(session).await?;
        return Ok(None);
    };
    if unix_us(found.password_changed_at) > signed_in.since_us {
        end_session(session).await?;
        return Ok(None);
    }
    Ok(Some(found.account))
}

async fn require(parts: &mut Parts, state: &AppState, role: Role) -> Result<Account, AppError> {
    let session = Session::from_request_parts(parts, state)
        .await
        .map_err(|(_, why)| anyhow::anyhow!("session layer missing: {why}"))?;
    let next = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let account = current_account(&session, state)
        .await?
        .ok_or(AppError::SignIn { next })?;
    if account.role.allows(role) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A role extractor's account, for extractors generic over the role
/// (`Visible` in `incident_access`).
pub trait RoleAccount {
    fn account(self) -> Account;
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $role:expr) => {
        $(#[$doc])*
        pub struct $name(pub Account);

        impl RoleAccount for $name {
            fn account(self) -> Account {
                self.0
            }
        }

        impl FromRequestParts<AppState> for $name {
            type Rejection = AppError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                require(parts, state, $role).await.map($name)
            }
        }
    };
}

role_extractor!(
    /// Any signed-in account: reads incidents.
    Reader,
    Role::Reader
);
role_extractor!(
    /// An analyst or admin: imports, annotates, writes.
    Analyst,
    Role::Analyst
);
role_extractor!(
    /// An admin: manages accounts, sees restricted incidents.
    Admin,
    Role::Admin
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests below share the process's Argon2 queue: one fills it on purpose, so they take
    /// turns (otherwise the other may be told the queue is full).
    static QUEUE_IN_USE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

    #[tokio::test]
    async fn hashes_verify_and_are_salted() {
        let _turn = QUEUE_IN_USE.lock().await;
        let pw = Password::parse("correct horse battery").unwrap();
        let a = hash_password(&pw).await.unwrap();
        let b = hash_password(&pw).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("correct horse battery", &a).await.unwrap());
        assert!(!verify_password("correct horse battery!", &a).await.unwrap());
        assert!(!verify_password("anything", "not a hash").await.unwrap());
        assert!(!verify_password("anything", DUMMY_HASH).await.unwrap());
    }

    /// However many sign-ins arrive together, only a few hashes run at once, and past the
    /// queue the rest are told to come back rather than held.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn argon2_runs_a_few_at_a_time() {
        let _turn = QUEUE_IN_USE.lock().await;
        let tries: Vec<_> = (0..ARGON2_AT_ONCE + ARGON2_WAITING + 20)
            .map(|_| tokio::spawn(verify_password("guess", DUMMY_HASH)))
            .collect();
        let mut checked = 0;
        let mut busy = 0;
        for t in tries {
            match t.await.unwrap() {
                Ok(matched) => {
                    assert!(!matched);
                    checked += 1;
                }
                Err(Busy) => busy += 1,
            }
        }
        let peak = ARGON2_PEAK.load(Ordering::SeqCst);
        assert!(
            (1..=ARGON2_AT_ONCE).contains(&peak),
            "{peak} hashes ran at once"
        );
        assert!(checked >= ARGON2_AT_ONCE, "{checked} checked, {busy} busy");
        assert!(
            verify_password("guess", DUMMY_HASH).await.is_ok(),
            "every slot was given back"
        );
    }
}
