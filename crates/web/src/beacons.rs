//! Reading-time beacons (`POST /incidents/{slug}/reading-time`, sent by lore.js with
//! `navigator.sendBeacon`) are answered before anything about them is looked up: the request
//! costs a form parse and a place in a bounded queue, so that it stays well under a
//! millisecond of server time however busy the store is (issue 11).
//!
//! One task works through the queue, in order: it finds the session's account, applies the
//! restricted-incident rule through the store's `incident_visible_to` (the call the `Visible`
//! seam makes for every incident route), and adds the time. A beacon that may not count —
//! signed out, an incident the sender may not read, one that does not exist — records nothing,
//! and is answered the same 204 as any other: the answer says nothing about which incidents
//! exist. When the queue is full a beacon is dropped (and counted in the log): reading time is
//! a soft signal, and a flood of beacons must neither grow memory nor hold up pages.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use lore_core::Slug;
use lore_store::Store;
use tokio::sync::mpsc;
use tower_sessions::Session;

use crate::auth::session_account;
use crate::error::AppError;

/// Beacons waiting at most. Each is a few hundred bytes; a reader sends one a minute or so.
pub const QUEUE_LENGTH: usize = 4096;

/// One reading-time report, as received.
pub struct Beacon {
    pub session: Session,
    pub slug: Slug,
    pub seconds: i64,
}

pub struct BeaconQueue {
    store: Store,
    /// Started with the first beacon, inside the server's runtime.
    sender: OnceLock<mpsc::Sender<Beacon>>,
    dropped: AtomicU64,
}

impl BeaconQueue {
    pub fn new(store: Store) -> Self {
        BeaconQueue {
            store,
            sender: OnceLock::new(),
            dropped: AtomicU64::new(0),
        }
    }

    /// Queues the beacon; false when it was dropped (the queue is full or closed).
    pub fn send(&self, beacon: Beacon) -> bool {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::channel(QUEUE_LENGTH);
            tokio::spawn(work_through(self.store.clone(), receiver));
            sender
        });
        match sender.try_send(beacon) {
            Ok(()) => true,
            Err(_) => {
                let dropped = self.dropped.fetch_add(1, Ordering::Relaxed) + 1;
                // Once per power of two, so that a flood does not flood the log as well.
                if dropped.is_power_of_two() {
                    tracing::warn!(dropped, "reading-time beacons dropped: the queue is full");
                }
                false
            }
        }
    }
}

async fn work_through(store: Store, mut receiver: mpsc::Receiver<Beacon>) {
    while let Some(beacon) = receiver.recv().await {
        if let Err(e) = record(&store, beacon).await {
            tracing::warn!(error = %e, "could not add reading time");
        }
    }
}

async fn record(store: &Store, beacon: Beacon) -> Result<(), AppError> {
    let Some(account) = session_account(&beacon.session, store).await? else {
        return Ok(());
    };
    let Some(incident) = store.incident_visible_to(&beacon.slug, &account).await? else {
        return Ok(());
    };
    store
        .add_reading_time(incident.id, &account, beacon.seconds)
        .await?;
    Ok(())
}
