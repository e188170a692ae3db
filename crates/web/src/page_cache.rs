//! Whole pages kept as sent, with their gzip and brotli bodies, so that a page nothing has
//! changed since is answered from memory: no session read, no access check, no query, no
//! rendering.
//!
//! What a kept page may be served for, and why that is safe:
//! - **Who**: a page is kept per account (its id, name and role) and request path with its
//!   query; a session is mapped to its account the same way. A reader's page is never an
//!   analyst's, and a page is only ever served to the account it was rendered for, which could
//!   read the incident when it was rendered.
//! - **When**: both are kept under the *generation* of the content they were rendered at, and
//!   only served while it is unchanged. The generation moves on with every write through this
//!   server (the [`note_writes`] layer, after any request that may write), and with every
//!   write by any other process (migration `0031`): SQLite counts content changes in a row read
//!   before each kept page is served; PostgreSQL announces them with NOTIFY to every server
//!   sharing the database, which listens. Access changes, role changes, sign-outs, renames,
//!   imports and every edit are writes, so any of them makes every kept page stale at once.
//! - **What is not a write**: reading time, and reads on other servers. The counts they feed
//!   ("read by 12 people, 40 minutes in all") may be up to [`KEPT_FOR`] old on a kept page; so
//!   may the date a page was rendered on (the library's "this week" anniversaries). A visit
//!   that counts makes the pages kept by the server that recorded it stale ([`record_read`]).
//!
//! On PostgreSQL, pages are kept only while this server is listening: until the listener is
//! connected, and whenever it fails, every request is rendered. A write on one server reaches
//! the others' caches when its announcement arrives (at its commit, plus the time to deliver
//! it); a server whose listener lost its connection treats everything as changed once it is
//! back.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lore_core::Account;
use lore_store::{Change, Store};
use tower_sessions::Session;

use crate::render_cache::{CacheStats, RenderCache, Weigh};
use crate::state::AppState;

/// How long a kept page (and a session's account) may be served at most, whatever else:
/// the staleness allowed to what is not a write (reading counts, today's date).
pub const KEPT_FOR: Duration = Duration::from_secs(60);
/// The memory kept pages may hold (each page's bytes and its compressed bodies).
const PAGES_MAX_BYTES: usize = 128 * 1024 * 1024;
/// The memory the sessions' accounts may hold.
const VIEWERS_MAX_BYTES: usize = 4 * 1024 * 1024;
/// The largest page kept (the incident page is bounded well below this by its window).
const PAGE_MAX_BYTES: usize = 16 * 1024 * 1024;
/// How long a reader's visit on a kept page is not recorded again: far inside the store's own
/// "same visit" (30 minutes), so this only spares the store writes it would refuse anyway.
const READ_NOTED_FOR: Duration = Duration::from_secs(60);
/// Visits remembered for [`READ_NOTED_FOR`] at most: bounds the memory and the sweeps.
const READS_NOTED_MAX: usize = 100_000;
/// Brotli's quality for kept pages: compressed once per page and generation.
const BROTLI_QUALITY: u32 = 6;

/// What a kept page or session was rendered at: writes through this server, and the
/// database's changes (SQLite's counter; PostgreSQL's announcements heard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Generation {
    local: u64,
    database: u64,
}

/// A response from a handler that may be kept: whose it is, and (for an incident page) the
/// incident whose reading a hit records as the handler would.
#[derive(Debug, Clone)]
pub struct RenderedFor {
    pub account: Account,
    pub read_of: Option<i64>,
}

struct KeptViewer {
    account: Account,
    kept_at: Instant,
}

impl Weigh for KeptViewer {
    fn weight(&self) -> usize {
        64 + self.account.username.as_str().len()
    }
}

struct KeptPage {
    content_type: HeaderValue,
    identity: Bytes,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
    kept_at: Instant,
    read_of: Option<i64>,
}

impl Weigh for KeptPage {
    /// The page and, once made, its two compressed bodies (about a quarter of it together on
    /// HTML, counted up front since they are added to a kept page).
    fn weight(&self) -> usize {
        self.identity.len() + self.identity.len() / 2
    }
}

/// A content coding the client accepts, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best coding `Accept-Encoding` allows: brotli, then gzip, else none. A coding given
    /// `q=0` is refused; `*` stands for any not named.
    pub fn preferred(headers: &HeaderMap) -> Encoding {
        let Some(accept) = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
        else {
            return Encoding::Identity;
        };
        let q_of = |name: &str| -> Option<f32> {
            let mut star = None;
            for item in accept.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                if coding.eq_ignore_ascii_case(name) {
                    return Some(q);
                }
                if coding == "*" {
                    star = Some(q);
                }
            }
            star
        };
        if q_of("br").is_some_and(|q| q > 0.0) {
            Encoding::Brotli
        } else if q_of("gzip").is_some_and(|q| q > 0.0) {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Identity => None,
        }
    }
}

/// Makes a compressed body.
type Compress = fn(&[u8]) -> Bytes;

fn gzip(bytes: &[u8]) -> Bytes {
    use std::io::Write;
    let mut out = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::default(),
    );
    out.write_all(bytes).expect("writing to memory");
    Bytes::from(out.finish().expect("writing to memory"))
}

fn brotli(bytes: &[u8]) -> Bytes {
    use std::io::Write;
    let mut out = brotli::CompressorWriter::new(
        Vec::with_capacity(bytes.len() / 5),
        4096,
        BROTLI_QUALITY,
        22,
    );
    out.write_all(bytes).expect("writing to memory");
    Bytes::from(out.into_inner())
}

impl KeptPage {
    /// Where the body in a content coding is kept, and how it is made.
    fn coded(&self, encoding: Encoding) -> Option<(&OnceLock<Bytes>, Compress)> {
        match encoding {
            Encoding::Identity => None,
            Encoding::Gzip => Some((&self.gzip, gzip)),
            Encoding::Brotli => Some((&self.brotli, brotli)),
        }
    }

    /// The body in `encoding`, compressed (off the async workers) the first time it is asked.
    async fn body(self: &Arc<Self>, encoding: Encoding) -> Bytes {
        let Some((slot, _)) = self.coded(encoding) else {
            return self.identity.clone();
        };
        if let Some(done) = slot.get() {
            return done.clone();
        }
        let page = self.clone();
        let made = tokio::task::spawn_blocking(move || {
            let (slot, compress) = page.coded(encoding)?;
            Some(slot.get_or_init(|| compress(&page.identity)).clone())
        })
        .await;
        // Compression of bytes in memory does not fail; were the task lost, send it plain.
        made.ok().flatten().unwrap_or_else(|| self.identity.clone())
    }

    async fn respond(self: &Arc<Self>, encoding: Encoding) -> Response {
        let body = self.body(encoding).await;
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(coding) = encoding.header() {
            headers.insert(header::CONTENT_ENCODING, coding);
        }
        response
    }
}

/// Counters for `GET /api/admin/render-cache`.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct PageCacheStats {
    pub pages: CacheStats,
    pub sessions: CacheStats,
    /// Whether pages are kept now (PostgreSQL: while the listener is connected).
    pub keeping: bool,
    pub writes_here: u64,
    pub changes_heard: u64,
    /// SQLite: reads of the content changes (each shared by the requests waiting for it).
    pub changes_read: u64,
}

pub struct PageCache {
    pages: RenderCache,
    viewers: RenderCache,
    /// Writes through this server.
    local: AtomicU64,
    /// PostgreSQL: announcements heard (and lost connections, each counted as a change).
    announced: AtomicU64,
    /// Whether pages may be kept and served: always on SQLite; on PostgreSQL, while listening.
    keeping: AtomicBool,
    /// SQLite: the reads of the content changes, shared by the requests waiting for one.
    probe: Probe,
    /// Visits recorded from kept pages: (account, incident) → when.
    reads_noted: std::sync::Mutex<std::collections::HashMap<(i64, i64), Instant>>,
}

impl PageCache {
    pub fn new(store: &Store) -> Arc<Self> {
        let cache = Arc::new(PageCache {
            pages: RenderCache::new(PAGES_MAX_BYTES),
            viewers: RenderCache::new(VIEWERS_MAX_BYTES),
            local: AtomicU64::new(0),
            announced: AtomicU64::new(0),
            keeping: AtomicBool::new(store.is_sqlite()),
            probe: Probe::default(),
            reads_noted: Default::default(),
        });
        if !store.is_sqlite() {
            // A state made outside a runtime (none is) keeps nothing on PostgreSQL.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(listen(Arc::downgrade(&cache), store.clone()));
            }
        }
        cache
    }

    /// This server wrote (or may have): everything kept so far is stale.
    pub fn note_write(&self) {
        self.local.fetch_add(1, Ordering::SeqCst);
    }

    /// The generation now, or `None` when nothing may be kept or served (PostgreSQL without
    /// its listener, or the store not answering).
    async fn generation(&self, store: &Store) -> Option<Generation> {
        if !self.keeping.load(Ordering::SeqCst) {
            return None;
        }
        // This server's writes first: one that lands after this read only makes what is
        // rendered now stale sooner.
        let local = self.local.load(Ordering::SeqCst);
        let database = match self.probe.content_changes(store).await {
            Ok(Some(n)) => n,
            Ok(None) => self.announced.load(Ordering::SeqCst),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the content changes; page not kept");
                return None;
            }
        };
        Some(Generation { local, database })
    }

    pub fn stats(&self) -> PageCacheStats {
        PageCacheStats {
            pages: self.pages.stats(),
            sessions: self.viewers.stats(),
            keeping: self.keeping.load(Ordering::SeqCst),
            writes_here: self.local.load(Ordering::SeqCst),
            changes_heard: self.announced.load(Ordering::SeqCst),
            changes_read: self.probe.made.load(Ordering::Relaxed),
        }
    }

    /// Whether a visit of `account` to `incident` should be recorded now (not recorded from a
    /// kept page in the last [`READ_NOTED_FOR`]).
    fn note_read(&self, account: i64, incident: i64) -> bool {
        let mut noted = self.reads_noted.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if noted.len() > READS_NOTED_MAX {
            noted.retain(|_, at| now.duration_since(*at) < READ_NOTED_FOR);
            // Still full of fresh visits: forget them all rather than sweep again on every
            // call (forgetting only costs store writes the store itself refuses).
            if noted.len() > READS_NOTED_MAX / 2 {
                noted.clear();
            }
        }
        match noted.get(&(account, incident)) {
            Some(at) if now.duration_since(*at) < READ_NOTED_FOR => false,
            _ => {
                noted.insert((account, incident), now);
                true
            }
        }
    }
}

/// One read of SQLite's content changes answers every request that arrived before it began:
/// under load, requests that arrive while a read runs wait for the next one and share it,
/// instead of each taking a connection for a read of their own (that read was most of a kept
/// page's cost: 11,500 library pages/s with a read each, 30,000 without any).
#[derive(Default)]
struct Probe {
    /// Reads begun so far.
    begun: AtomicU64,
    /// The last read to finish: its number and what it read.
    last: tokio::sync::Mutex<(u64, u64)>,
    /// Reads made (for the counters and the test that they are shared).
    made: AtomicU64,
}

impl Probe {
    async fn content_changes(&self, store: &Store) -> lore_store::Result<Option<u64>> {
        // Any read numbered above this began after this request arrived, so it sees every
        // write committed before the request.
        let arrived = self.begun.load(Ordering::SeqCst);
        let mut last = self.last.lock().await;
        if last.0 > arrived {
            return Ok(Some(last.1));
        }
        let number = self.begun.fetch_add(1, Ordering::SeqCst) + 1;
        self.made.fetch_add(1, Ordering::Relaxed);
        let Some(n) = store.content_changes().await? else {
            return Ok(None);
        };
        *last = (number, n as u64);
        Ok(Some(n as u64))
    }
}

/// PostgreSQL: listens for other processes' writes for as long as the cache lives; while not
/// listening, nothing is kept.
async fn listen(cache: std::sync::Weak<PageCache>, store: Store) {
    let mut failures = 0u32;
    loop {
        let listener = store.listen_for_changes().await;
        let Some(alive) = cache.upgrade() else { return };
        let mut listener = match listener {
            Ok(Some(listener)) => listener,
            Ok(None) => return,
            Err(e) => {
                alive.keeping.store(false, Ordering::SeqCst);
                if store.is_closed() {
                    return;
                }
                failures += 1;
                if failures.is_power_of_two() {
                    tracing::warn!(error = %e, "cannot listen for changes; pages are not kept");
                }
                drop(alive);
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        failures = 0;
        // Whatever was written while not listening: treat it all as changed.
        alive.announced.fetch_add(1, Ordering::SeqCst);
        alive.keeping.store(true, Ordering::SeqCst);
        drop(alive);
        loop {
            let heard = listener.next().await;
            let Some(alive) = cache.upgrade() else { return };
            match heard {
                Ok(Change::Written { .. }) | Ok(Change::MayHaveMissed) => {
                    alive.announced.fetch_add(1, Ordering::SeqCst);
                }
                Err(e) => {
                    alive.keeping.store(false, Ordering::SeqCst);
                    alive.announced.fetch_add(1, Ordering::SeqCst);
                    if !store.is_closed() {
                        tracing::warn!(error = %e, "lost the change listener; pages are not kept");
                    }
                    break;
                }
            }
        }
        if store.is_closed() {
            return;
        }
    }
}

/// Records a visit to an incident's page off the request's path (a slow write never delays
/// reading; a failed one is only logged). A visit that counts (the first in the store's "same
/// visit") makes this server's kept pages stale, so that the reader sees their own read
/// counted; other servers show it within [`KEPT_FOR`].
pub fn record_read(state: &AppState, incident: i64, account: Account) {
    let state = state.clone();
    tokio::spawn(async move {
        match state.store().record_read(incident, &account).await {
            Ok(true) => state.page_cache().note_write(),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "could not record a read"),
        }
    });
}

/// Layer over every route: after a request that may write (anything but GET, HEAD and
/// OPTIONS, and the reading-time beacon, which only adds reading time), everything kept is
/// stale.
pub async fn note_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) && !request.uri().path().ends_with("/reading-time");
    let response = next.run(request).await;
    if writes {
        state.page_cache().note_write();
    }
    response
}

/// Layer over the pages that may be kept: serves a kept page when the session's account and
/// the generation are those it was rendered for; otherwise renders it, and keeps it when the
/// handler says whose it is ([`RenderedFor`]).
pub async fn serve_kept(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = state.page_cache();
    let session = request.extensions().get::<Session>().and_then(Session::id);
    let (Some(session), true) = (session, request.method() == Method::GET) else {
        return next.run(request).await;
    };
    let Some(generation) = cache.generation(state.store()).await else {
        return next.run(request).await;
    };
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let encoding = Encoding::preferred(request.headers());
    let viewer_key = cache
        .viewers
        .key_of(("session", session.to_string(), generation));
    let page_key = |account: &Account| {
        cache.pages.key_of((
            "page",
            account.id,
            account.username.as_str(),
            account.role.as_str(),
            &path,
            generation,
        ))
    };

    if let Some(viewer) = cache.viewers.lookup::<KeptViewer>(viewer_key)
        && viewer.kept_at.elapsed() < KEPT_FOR
        && let Some(page) = cache.pages.lookup::<KeptPage>(page_key(&viewer.account))
        && page.kept_at.elapsed() < KEPT_FOR
    {
        if let Some(incident) = page.read_of
            && cache.note_read(viewer.account.id, incident)
        {
            record_read(&state, incident, viewer.account.clone());
        }
        return page.respond(encoding).await;
    }

    let response = next.run(request).await;
    let Some(rendered) = response.extensions().get::<RenderedFor>().cloned() else {
        return response;
    };
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(identity) = axum::body::to_bytes(body, PAGE_MAX_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("text/html; charset=utf-8"));
    let now = Instant::now();
    let page = cache.pages.keep(
        page_key(&rendered.account),
        KeptPage {
            content_type,
            identity,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            kept_at: now,
            read_of: rendered.read_of,
        },
    );
    cache.viewers.keep(
        viewer_key,
        KeptViewer {
            account: rendered.account,
            kept_at: now,
        },
    );
    let mut response = page.respond(encoding).await;
    // Whatever else the handler said (none of the kept pages set cookies or other headers).
    for (name, value) in parts.headers.iter() {
        if !response.headers().contains_key(name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn the_best_coding_the_client_accepts() {
        assert_eq!(Encoding::preferred(&HeaderMap::new()), Encoding::Identity);
        for (accept, expected) in [
            ("gzip, deflate, br, zstd", Encoding::Brotli),
            ("gzip", Encoding::Gzip),
            ("GZIP;q=0.5", Encoding::Gzip),
            ("br;q=0, gzip", Encoding::Gzip),
            ("br;q=0, gzip;q=0", Encoding::Identity),
            ("*", Encoding::Brotli),
            ("*;q=0, gzip", Encoding::Gzip),
            ("identity", Encoding::Identity),
            ("deflate", Encoding::Identity),
            ("", Encoding::Identity),
        ] {
            assert_eq!(
                Encoding::preferred(&accepting(accept)),
                expected,
                "{accept}"
            );
        }
    }

    /// Requests waiting together share one read of SQLite's content changes, and a write
    /// committed before a request arrives is always in what it reads.
    #[tokio::test]
    async fn waiting_requests_share_a_read_that_began_after_they_arrived() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&lore_store::ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        let cache = PageCache::new(&store);
        let before = cache.probe.content_changes(&store).await.unwrap().unwrap();
        store
            .create_incident(&lore_core::NewIncident::new(
                lore_core::Slug::parse("probe").unwrap(),
                "Probe",
            ))
            .await
            .unwrap();
        let made = cache.probe.made.load(Ordering::Relaxed);
        // 64 requests arrive while a read is under way (held here, so that when each arrives
        // does not depend on how fast the database answers).
        let under_way = cache.probe.last.lock().await;
        let reads: Vec<_> = (0..64)
            .map(|_| {
                let (cache, store) = (cache.clone(), store.clone());
                tokio::spawn(async move { cache.probe.content_changes(&store).await })
            })
            .collect();
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        drop(under_way);
        for read in reads {
            let n = read.await.unwrap().unwrap().unwrap();
            assert!(n > before, "the write committed before is seen");
        }
        let shared = cache.probe.made.load(Ordering::Relaxed) - made;
        // One read for all who arrived before it began (two, were one of them late).
        assert!(shared <= 2, "{shared} reads for 64 requests");
    }

    /// However many visits arrive within a minute, the visits remembered stay bounded, and
    /// one just remembered is not recorded twice.
    #[tokio::test]
    async fn visits_remembered_stay_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&lore_store::ConnectOptions::sqlite_in(dir.path()))
            .await
            .unwrap();
        let cache = PageCache::new(&store);
        let mut most = 0;
        for account in 0..(READS_NOTED_MAX as i64 * 5 / 2) {
            assert!(cache.note_read(account, 1));
            most = most.max(cache.reads_noted.lock().unwrap().len());
        }
        assert!(most <= READS_NOTED_MAX + 1, "{most} visits remembered");
        assert!(cache.note_read(-1, 1));
        assert!(!cache.note_read(-1, 1), "the same visit a moment later");
    }

    #[test]
    fn compressed_bodies_decode_to_the_page() {
        use std::io::Read;
        let page: Vec<u8> = (0..20_000)
            .flat_map(|i| format!("<li>entry {i} & <b>text</b></li>\n").into_bytes())
            .collect();
        let gz = gzip(&page);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, page);
        assert!(gz.len() < page.len() / 4, "{} of {}", gz.len(), page.len());
        let br = brotli(&page);
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, page);
        assert!(br.len() < gz.len(), "brotli {} gzip {}", br.len(), gz.len());
    }
}
