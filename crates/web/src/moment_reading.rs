//! The second reader's reading of a whole timeline for suggested moments
//! (`lore_lint::moments`), once per timeline version, kept in the render cache.
//!
//! Why in the background: the reading is O(entries) (1,000,000 entries took 8.8 s), and no view
//! may cost seconds. A timeline of at most one window (`MAX_CHAT_WINDOW` lines) is read while
//! the view waits, which bounds a view's work at one window; a longer one is read by a
//! background task, and views say how far it has got until it is kept. One task per timeline
//! version, however many views ask; at most [`READINGS_AT_ONCE`] tasks read at once, so that
//! views of many long incidents queue instead of crowding the server (each window is further
//! read off the async workers, under the render permits).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use lore_lint::moments::{ChatLine, MAX_SUGGESTIONS, MomentKind, Suggester};
use lore_store::MAX_CHAT_WINDOW;
use tokio::sync::Semaphore;

use crate::error::AppError;
use crate::prose::off_the_workers;
use crate::render_cache::{Key, Weigh};
use crate::state::AppState;
use crate::timeline_slice::Version;

/// Background readings running at once; the rest wait for a turn.
pub const READINGS_AT_ONCE: usize = 1;

/// The suggestions for one version of a timeline, best first.
pub struct KeptSuggestions(pub Vec<KeptSuggestion>);

pub struct KeptSuggestion {
    pub entry_id: i64,
    pub kind: MomentKind,
    pub why: String,
}

impl Weigh for KeptSuggestions {
    fn weight(&self) -> usize {
        self.0.iter().map(|s| 48 + s.why.len()).sum()
    }
}

/// Where the reading of an incident's timeline is.
pub enum Reading {
    Done(Arc<KeptSuggestions>),
    /// Being read in the background: lines read so far, of about how many (the entries the
    /// sources say they hold).
    Underway {
        read: u64,
        of: u64,
    },
}

/// The background readings under way, by the cache key their result is kept under.
pub struct MomentReadings {
    underway: Mutex<HashMap<Key, Arc<AtomicU64>>>,
    turns: Arc<Semaphore>,
}

impl Default for MomentReadings {
    fn default() -> Self {
        MomentReadings {
            underway: Mutex::new(HashMap::new()),
            turns: Arc::new(Semaphore::new(READINGS_AT_ONCE)),
        }
    }
}

/// The incident's suggestions as its timeline is now: kept, read now (one window at most), or
/// being read in the background (started here if it is not yet).
pub async fn reading(state: &AppState, incident_id: i64) -> Result<Reading, AppError> {
    let cache = state.render_cache();
    // The version is read before the timeline: an import landing in between is then kept
    // under the older version, which no later view asks for, never the other way round.
    let version = Version::read(state.store(), incident_id).await?;
    let key = version.key(cache, "moment suggestions");
    if let Some(found) = cache.lookup::<KeptSuggestions>(key) {
        return Ok(Reading::Done(found));
    }
    let of = u64::try_from(version.stamp[2]).unwrap_or(0);
    if of <= MAX_CHAT_WINDOW as u64 {
        let kept = read_timeline(state, incident_id, &AtomicU64::new(0)).await?;
        return Ok(Reading::Done(cache.keep(key, kept)));
    }
    let readings = state.moment_readings();
    let progress = {
        let mut underway = readings.underway.lock().expect("moment readings lock");
        if let Some(progress) = underway.get(&key) {
            return Ok(Reading::Underway {
                read: progress.load(Ordering::Relaxed),
                of,
            });
        }
        // A reading that ended between the lookup above and this lock has kept its result.
        if let Some(found) = cache.lookup::<KeptSuggestions>(key) {
            return Ok(Reading::Done(found));
        }
        let progress = Arc::new(AtomicU64::new(0));
        underway.insert(key, progress.clone());
        progress
    };
    let turns = readings.turns.clone();
    let state = state.clone();
    tokio::spawn(async move {
        let result = match turns.acquire_owned().await {
            Ok(_turn) => read_timeline(&state, incident_id, &progress).await,
            Err(e) => Err(AppError::Internal(e.into())),
        };
        match result {
            Ok(kept) => {
                state.render_cache().keep(key, kept);
            }
            // The next view starts it again.
            Err(e) => tracing::warn!(incident_id, "reading the timeline for moments: {e}"),
        }
        state
            .moment_readings()
            .underway
            .lock()
            .expect("moment readings lock")
            .remove(&key);
    });
    Ok(Reading::Underway { read: 0, of })
}

/// The second reader over the whole timeline, read a window at a time (`MAX_CHAT_WINDOW` lines
/// of what a reader needs, each window read off the async workers), so that memory stays that
/// of one window whatever the incident's size: 1,000,000 entries read whole had taken 914 MiB.
/// `progress` counts the lines read.
async fn read_timeline(
    state: &AppState,
    incident_id: i64,
    progress: &AtomicU64,
) -> Result<KeptSuggestions, AppError> {
    let store = state.store();
    // Every author's name as the entries carry it (as merged), for finding who a line names.
    // (Read here rather than through the kept facets: this runs once per version anyway.)
    let records: Vec<i64> = store
        .timeline_facets(incident_id)
        .await?
        .into_iter()
        .filter_map(|f| f.author)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let names: Vec<String> = store
        .people_as_merged(&records)
        .await?
        .into_values()
        .map(|(_, name)| name)
        .collect();
    let mut suggester = Suggester::new(names.iter().map(String::as_str), MAX_SUGGESTIONS);
    let mut after = None;
    loop {
        let window = store
            .chat_lines(incident_id, after, MAX_CHAT_WINDOW)
            .await?;
        let Some(last) = window.last() else { break };
        after = Some(last.key);
        let full = window.len() == MAX_CHAT_WINDOW as usize;
        let lines = window.len() as u64;
        suggester = off_the_workers(state, move || {
            for row in &window {
                let line = ChatLine {
                    at: row.key.at.unix_timestamp(),
                    author: row.author.as_deref(),
                    text: &row.text,
                    system: row.noise,
                };
                suggester.push(&line, row.key.id);
            }
            suggester
        })
        .await?;
        progress.fetch_add(lines, Ordering::Relaxed);
        if !full {
            break;
        }
    }
    Ok(KeptSuggestions(
        suggester
            .finish()
            .into_iter()
            .map(|(s, entry_id)| KeptSuggestion {
                entry_id,
                kind: s.kind,
                why: s.why,
            })
            .collect(),
    ))
}
