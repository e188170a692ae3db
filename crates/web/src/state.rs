//! The application state every handler shares: the store and how cookies are set.

use std::sync::Arc;

use lore_store::Store;

use crate::sign_in_throttle::SignInThrottle;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<StateInner>,
}

struct StateInner {
    store: Store,
    secure_cookies: bool,
    sign_in_throttle: SignInThrottle,
}

impl AppState {
    /// `secure_cookies` marks the session cookie `Secure`; set it whenever Lore is reached over
    /// HTTPS (behind a TLS-terminating proxy).
    pub fn new(store: Store, secure_cookies: bool) -> Self {
        AppState {
            inner: Arc::new(StateInner {
                store,
                secure_cookies,
                sign_in_throttle: SignInThrottle::default(),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn secure_cookies(&self) -> bool {
        self.inner.secure_cookies
    }

    /// This process's count of failed sign-ins.
    pub fn sign_in_throttle(&self) -> &SignInThrottle {
        &self.inner.sign_in_throttle
    }
}
