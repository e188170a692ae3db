//! The application state every handler shares: the store, how cookies are set, the cache of
//! rendered prose, the kept pages and the permits for rendering off the async workers.

use std::sync::Arc;

use lore_store::Store;
use tokio::sync::Semaphore;

use crate::beacons::BeaconQueue;
use crate::moment_reading::MomentReadings;
use crate::page_cache::PageCache;
use crate::render_cache::{DEFAULT_MAX_BYTES, RenderCache};
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
    render_cache: RenderCache,
    /// Renderings running at once on the blocking pool: as many as there are cores, so that
    /// expensive views queue instead of crowding each other (and everything else) out.
    render_permits: Semaphore,
    /// Reading-time beacons, recorded after their answer (see `beacons`).
    beacons: BeaconQueue,
    /// Whole pages kept while nothing they show has changed (see `page_cache`).
    page_cache: Arc<PageCache>,
    /// Long timelines being read for suggested moments (see `moment_reading`).
    moment_readings: MomentReadings,
}

impl AppState {
    /// `secure_cookies` marks the session cookie `Secure`; set it whenever Lore is reached over
    /// HTTPS (behind a TLS-terminating proxy).
    pub fn new(store: Store, secure_cookies: bool) -> Self {
        AppState {
            inner: Arc::new(StateInner {
                beacons: BeaconQueue::new(store.clone()),
                page_cache: PageCache::new(&store),
                moment_readings: MomentReadings::default(),
                store,
                secure_cookies,
                sign_in_throttle: SignInThrottle::default(),
                render_cache: RenderCache::new(DEFAULT_MAX_BYTES),
                render_permits: Semaphore::new(
                    std::thread::available_parallelism().map_or(2, |n| n.get()),
                ),
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

    pub fn render_cache(&self) -> &RenderCache {
        &self.inner.render_cache
    }

    pub fn render_permits(&self) -> &Semaphore {
        &self.inner.render_permits
    }

    pub fn page_cache(&self) -> &PageCache {
        &self.inner.page_cache
    }

    pub fn moment_readings(&self) -> &MomentReadings {
        &self.inner.moment_readings
    }

    pub fn beacons(&self) -> &BeaconQueue {
        &self.inner.beacons
    }
}
