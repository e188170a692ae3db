//! Rendered prose kept per content: a bounded, least-recently-used map in this process from a
//! 128-bit key (a hash of everything the output depends on) to the output, so that a view of
//! an unchanged page renders no Markdown.
//!
//! In-process, per server: several Lore servers behind a load balancer each keep their own
//! (nothing to invalidate across them, because a key names the content, not a row: new text
//! is a new key, and stale entries simply age out). Keys are SipHash under two keys drawn at
//! start, so nobody outside can aim two texts at one key. Keys always include the incident the
//! text belongs to, so a hit never says anything about another incident's text.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// A key: 128 bits of keyed hash.
pub type Key = u128;

/// The memory the cache may hold by default (values' own accounting, see [`Weigh`]).
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// What a cached value costs in memory, roughly (bytes it holds on the heap).
pub trait Weigh {
    fn weight(&self) -> usize;
}

struct Slot {
    value: Arc<dyn Any + Send + Sync>,
    weight: usize,
    used: u64,
}

#[derive(Default)]
struct Lru {
    slots: HashMap<Key, Slot>,
    /// Last use → key: the least recently used first.
    by_use: BTreeMap<u64, Key>,
    clock: u64,
    bytes: usize,
}

/// Counters since the server started, for `GET /api/admin/render-cache`.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct CacheStats {
    pub entries: usize,
    pub bytes: usize,
    pub max_bytes: usize,
    pub hits: u64,
    /// Each miss is one rendering.
    pub misses: u64,
    pub evictions: u64,
    /// Values too big to keep (over a quarter of the cache).
    pub too_big: u64,
}

pub struct RenderCache {
    lru: Mutex<Lru>,
    max_bytes: usize,
    keys: (
        std::collections::hash_map::RandomState,
        std::collections::hash_map::RandomState,
    ),
    hits: AtomicU64,
    misses: AtomicU64,
    evictions: AtomicU64,
    too_big: AtomicU64,
}

/// Hashes the parts of a key into two independently keyed hashers at once.
pub struct KeyHasher {
    a: std::collections::hash_map::DefaultHasher,
    b: std::collections::hash_map::DefaultHasher,
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.a.write(bytes);
        self.b.write(bytes);
    }

    fn finish(&self) -> u64 {
        self.a.finish()
    }
}

impl KeyHasher {
    pub fn key(&self) -> Key {
        (u128::from(self.a.finish()) << 64) | u128::from(self.b.finish())
    }
}

impl RenderCache {
    pub fn new(max_bytes: usize) -> Self {
        RenderCache {
            lru: Mutex::new(Lru::default()),
            max_bytes,
            keys: Default::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            evictions: AtomicU64::new(0),
            too_big: AtomicU64::new(0),
        }
    }

    /// A hasher for a key; feed it every input, then call [`KeyHasher::key`].
    pub fn hasher(&self) -> KeyHasher {
        KeyHasher {
            a: self.keys.0.build_hasher(),
            b: self.keys.1.build_hasher(),
        }
    }

    /// The key of one value.
    pub fn key_of(&self, parts: impl Hash) -> Key {
        let mut h = self.hasher();
        parts.hash(&mut h);
        h.key()
    }

    /// The value under `key`, or what `make` makes (then kept, if it fits).
    pub fn get_or_insert_with<T>(&self, key: Key, make: impl FnOnce() -> T) -> Arc<T>
    where
        T: Weigh + Send + Sync + 'static,
    {
        if let Some(found) = self.get::<T>(key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return found;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let value = Arc::new(make());
        self.insert(key, value.clone());
        value
    }

    /// The value under `key`, if kept: for values made by async work ([`RenderCache::keep`]
    /// after a miss), which `get_or_insert_with` cannot await.
    pub fn lookup<T: Send + Sync + 'static>(&self, key: Key) -> Option<Arc<T>> {
        let found = self.get::<T>(key);
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Keeps a value made after a [`RenderCache::lookup`] missed (if it fits).
    pub fn keep<T: Weigh + Send + Sync + 'static>(&self, key: Key, value: T) -> Arc<T> {
        let value = Arc::new(value);
        self.insert(key, value.clone());
        value
    }

    fn get<T: Send + Sync + 'static>(&self, key: Key) -> Option<Arc<T>> {
        let mut lru = self.lru.lock().unwrap_or_else(|e| e.into_inner());
        lru.clock += 1;
        let now = lru.clock;
        let slot = lru.slots.get_mut(&key)?;
        let value = slot.value.clone().downcast::<T>().ok()?;
        let before = std::mem::replace(&mut slot.used, now);
        lru.by_use.remove(&before);
        lru.by_use.insert(now, key);
        Some(value)
    }

    fn insert<T: Weigh + Send + Sync + 'static>(&self, key: Key, value: Arc<T>) {
        // Keys and bookkeeping cost something too.
        let weight = value.weight() + 128;
        if weight > self.max_bytes / 4 {
            self.too_big.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let mut lru = self.lru.lock().unwrap_or_else(|e| e.into_inner());
        lru.clock += 1;
        let now = lru.clock;
        if let Some(old) = lru.slots.insert(
            key,
            Slot {
                value,
                weight,
                used: now,
            },
        ) {
            lru.by_use.remove(&old.used);
            lru.bytes -= old.weight;
        }
        lru.by_use.insert(now, key);
        lru.bytes += weight;
        while lru.bytes > self.max_bytes {
            let Some((_, oldest)) = lru.by_use.pop_first() else {
                break;
            };
            if let Some(gone) = lru.slots.remove(&oldest) {
                lru.bytes -= gone.weight;
                self.evictions.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    pub fn stats(&self) -> CacheStats {
        let lru = self.lru.lock().unwrap_or_else(|e| e.into_inner());
        CacheStats {
            entries: lru.slots.len(),
            bytes: lru.bytes,
            max_bytes: self.max_bytes,
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            evictions: self.evictions.load(Ordering::Relaxed),
            too_big: self.too_big.load(Ordering::Relaxed),
        }
    }
}

impl Weigh for lore_render::SafeHtml {
    fn weight(&self) -> usize {
        self.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Blob(usize);

    impl Weigh for Blob {
        fn weight(&self) -> usize {
            self.0
        }
    }

    #[test]
    fn keeps_what_fits_and_drops_the_least_recently_used() {
        let cache = RenderCache::new(4 * 1024);
        let made = std::cell::Cell::new(0);
        let get = |key: Key| {
            cache.get_or_insert_with(key, || {
                made.set(made.get() + 1);
                Blob(800)
            })
        };
        for key in 0..4 {
            get(key);
        }
        assert_eq!(made.get(), 4);
        // Key 0 is used again, so key 1 is the oldest when 4 needs room.
        get(0);
        get(4);
        assert_eq!(made.get(), 5);
        let stats = cache.stats();
        assert_eq!((stats.entries, stats.evictions, stats.hits), (4, 1, 1));
        assert!(stats.bytes <= 4 * 1024);
        get(0);
        assert_eq!(made.get(), 5, "0 was kept");
        get(1);
        assert_eq!(made.get(), 6, "1 was dropped");
        // Something over a quarter of the cache is made every time, never kept.
        cache.get_or_insert_with(99, || Blob(2000));
        assert_eq!(cache.stats().too_big, 1);
        assert_eq!(cache.stats().entries, 4);
    }

    #[test]
    fn keys_differ_with_any_part() {
        let cache = RenderCache::new(1024);
        assert_eq!(cache.key_of(("a", 1)), cache.key_of(("a", 1)));
        assert_ne!(cache.key_of(("a", 1)), cache.key_of(("a", 2)));
        assert_ne!(cache.key_of(("ab", "")), cache.key_of(("a", "b")));
        assert_ne!(
            RenderCache::new(1).key_of("a"),
            cache.key_of("a"),
            "keyed per process"
        );
    }
}
