//! The learning signals at scale (issue 11, "Speed and scale"): a synthetic organisation
//! (`support/learning_corpus.rs`: by default 10,000 incidents, 5,000 people, 2,000,000 reads
//! and 200,000 comments, with stories, reviews, attendance and citations) in SQLite and, when
//! `LORE_BENCH_DATABASE_URL` or `LORE_TEST_DATABASE_URL` names a server, in PostgreSQL.
//!
//! Measured, as p50 / p95 / p99 in ms:
//! - `Store::learning_signals` (the `/learning` dashboard's numbers) for an admin and for a
//!   reader who may see a third of the restricted incidents (the visibility filter at work),
//!   `LORE_BENCH_RUNS` runs (default 50) after a warm-up; goal p95 < 200 ms on SQLite;
//! - `Store::record_read` and `Store::add_reading_time` (to a visit just recorded, and with no
//!   visit to add to), `LORE_BENCH_WRITES` calls each (default 10,000); goal p99 < 1 ms;
//! - over HTTP on loopback, with the application in this process: the reading-time beacon
//!   (`POST /incidents/{slug}/reading-time`) and `GET /healthz` (a trivial route: the constant
//!   part), `LORE_BENCH_REQUESTS` each (default 2,000), timed by the client and, inside the
//!   server, from the request reaching the router to its response (the server time); and
//!   `GET /learning` as the reader.
//!
//! Sizes: `LORE_BENCH_INCIDENTS`, `…_ACCOUNTS`, `…_READS`, `…_COMMENTS` (PostgreSQL:
//! `LORE_BENCH_PG_…`, by default the same). The stores are generated once and kept (SQLite
//! under the target directory, `bench-learning/SIZES/`; PostgreSQL as a database named by the
//! sizes); the measured writes add rows to them.
//!
//! Run: `cargo bench -p lore-cli --bench learning` (`LORE_BENCH_READS=200000
//! LORE_BENCH_COMMENTS=20000` for a quick look; `LORE_BENCH_ONLY=dashboard,writes,http` for
//! some of the parts; `LORE_BENCH_SKIP_SQLITE=1` for PostgreSQL alone).

#[path = "support/bench_db.rs"]
mod bench_db;
#[path = "support/learning_corpus.rs"]
mod learning_corpus;
#[path = "support/lore_server.rs"]
#[allow(dead_code)] // its `serve`: this bench starts the web app in process
mod lore_server;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use bench_db::{Percentiles, env_number, time};
use learning_corpus::{ADMIN, MEMBER, PASSWORD, Sizes};
use lore_core::Account;
use lore_store::{Db, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const DEFAULT: Sizes = Sizes {
    incidents: 10_000,
    accounts: 5_000,
    reads: 2_000_000,
    comments: 200_000,
};

fn row(what: &str, p: Percentiles) {
    println!(
        "{what:<44} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
        p.p50, p.p95, p.p99, p.max
    );
}

async fn account(store: &Store, name: &str) -> Account {
    store
        .account_by_username(name)
        .await
        .unwrap()
        .expect("bench account")
        .account
}

/// Ids of the incidents everyone may see, and of some readers.
async fn open_incidents_and_readers(store: &Store) -> (Vec<(i64, String)>, Vec<i64>) {
    let incidents = "SELECT id, slug FROM incidents WHERE NOT restricted ORDER BY id";
    let readers = "SELECT id FROM accounts WHERE username LIKE 'reader-%' ORDER BY id LIMIT 500";
    match store.db() {
        Db::Sqlite(pool) => (
            sqlx::query_as(incidents).fetch_all(pool).await.unwrap(),
            sqlx::query_scalar(readers).fetch_all(pool).await.unwrap(),
        ),
        Db::Postgres(pool) => (
            sqlx::query_as(incidents).fetch_all(pool).await.unwrap(),
            sqlx::query_scalar(readers).fetch_all(pool).await.unwrap(),
        ),
    }
}

/// The months' readers, reading seconds, comments and late comments counted the plain way,
/// from every row joined with its incident (the store's queries before `reads_by_month`),
/// must be the store's figures.
async fn check_against_the_plain_queries(store: &Store, a: &Account, now: time::OffsetDateTime) {
    let signals = store.learning_signals(a, now).await.unwrap();
    let since = &signals.months[0].month;
    let visible = "(NOT incidents.restricted OR $1 OR EXISTS (SELECT 1 FROM incident_access a \
                   WHERE a.incident_id = incidents.id AND a.account_id = $2))";
    let (month, late, since) = match store.db() {
        Db::Sqlite(_) => (
            "substr(x, 1, 7)",
            "julianday(c.created_at) - julianday(COALESCE(incidents.resolved_at, max(incidents.started_at, incidents.detected_at), incidents.started_at, incidents.detected_at, incidents.created_at)) > 90",
            format!("'{since}-01'"),
        ),
        Db::Postgres(_) => (
            "to_char(x AT TIME ZONE 'UTC', 'YYYY-MM')",
            "c.created_at - COALESCE(incidents.resolved_at, GREATEST(incidents.started_at, incidents.detected_at), incidents.created_at) > INTERVAL '90 days'",
            format!("TIMESTAMPTZ '{since}-01 00:00:00Z'"),
        ),
    };
    let reads = format!(
        "SELECT {m}, COUNT(DISTINCT r.account_id), CAST(SUM(r.seconds) AS BIGINT) FROM reads r \
         JOIN incidents ON incidents.id = r.incident_id WHERE r.read_at >= {since} AND {visible} GROUP BY 1",
        m = month.replace('x', "r.read_at")
    );
    let comments = format!(
        "SELECT {m}, COUNT(*), CAST(SUM(CASE WHEN {late} THEN 1 ELSE 0 END) AS BIGINT) FROM comments c \
         JOIN incidents ON incidents.id = c.incident_id \
         WHERE c.created_at >= {since} AND c.removed_at IS NULL AND {visible} GROUP BY 1",
        m = month.replace('x', "c.created_at")
    );
    let admin = a.role == lore_core::Role::Admin;
    let mut plain: Vec<Vec<(String, i64, i64)>> = Vec::new();
    for sql in [reads, comments] {
        plain.push(match store.db() {
            Db::Sqlite(pool) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(a.id)
                .fetch_all(pool)
                .await
                .unwrap(),
            Db::Postgres(pool) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(admin)
                .bind(a.id)
                .fetch_all(pool)
                .await
                .unwrap(),
        });
    }
    for m in &signals.months {
        let find = |rows: &[(String, i64, i64)]| {
            rows.iter()
                .find(|r| r.0 == m.month)
                .map_or((0, 0), |r| (r.1 as u64, r.2 as u64))
        };
        let (readers, seconds) = find(&plain[0]);
        let (comments, late) = find(&plain[1]);
        assert_eq!(
            (
                m.readers,
                (m.reading_hours * 3600.0).round() as u64,
                m.comments,
                m.late_comments
            ),
            (readers, seconds, comments, late),
            "{} as {}",
            m.month,
            a.username.as_str()
        );
    }
}

/// All reading seconds recorded: changes while beacons are still being written.
async fn reads_and_seconds(store: &Store) -> i64 {
    let sql = "SELECT CAST(COALESCE(SUM(seconds), 0) + COUNT(*) AS BIGINT) FROM reads";
    match store.db() {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
    }
}

async fn measure_dashboard(store: &Store, runs: usize) {
    let admin = account(store, ADMIN).await;
    let member = account(store, MEMBER).await;
    let now = time::OffsetDateTime::now_utc();
    for (who, a) in [("admin", &admin), ("reader", &member)] {
        let s = store.learning_signals(a, now).await.unwrap();
        let m = s.months.last().unwrap();
        let readers: u64 = s.months.iter().map(|m| m.readers).sum();
        let comments: u64 = s.months.iter().map(|m| m.comments).sum();
        eprintln!(
            "  as {who}: {} this month: {} readers, {:.0} h, {} comments ({} late), {} stories, {} reviews, {} attendees; \
             12 months: {readers} reader-months, {comments} comments; citations {:?}",
            m.month,
            m.readers,
            m.reading_hours,
            m.comments,
            m.late_comments,
            m.stories,
            m.reviews,
            m.attendees,
            s.citations
        );
    }
    for a in [&admin, &member] {
        check_against_the_plain_queries(store, a, now).await;
    }
    for (who, a) in [("admin", &admin), ("reader (visibility filter)", &member)] {
        let p = time(runs, || async {
            store.learning_signals(a, now).await.unwrap();
        })
        .await;
        row(&format!("learning_signals, {who}"), p);
        // The rest of what /learning reads: comments by age, the most read incidents,
        // reading-list progress and the period's facts (the page reads all five at once).
        let year_ago = now - time::Duration::days(365);
        let p = time(runs, || async {
            tokio::try_join!(
                store.learning_signals(a, now),
                store.comments_by_age(a, year_ago),
                store.most_read_incidents(a, year_ago),
                store.reading_list_progress(a),
                store.period_facts(a, year_ago),
            )
            .unwrap();
        })
        .await;
        row(&format!("the whole dashboard, {who}"), p);
        // Its parts one at a time: which of them the whole waits for.
        let p = time(runs, || async {
            store.comments_by_age(a, year_ago).await.unwrap();
        })
        .await;
        row(&format!("  comments_by_age, {who}"), p);
        let p = time(runs, || async {
            store.most_read_incidents(a, year_ago).await.unwrap();
        })
        .await;
        row(&format!("  most_read_incidents, {who}"), p);
        let p = time(runs, || async {
            store.reading_list_progress(a).await.unwrap();
        })
        .await;
        row(&format!("  reading_list_progress, {who}"), p);
        let p = time(runs, || async {
            store.period_facts(a, year_ago).await.unwrap();
        })
        .await;
        row(&format!("  period_facts, {who}"), p);
    }
    // Each connection drops its page cache when another has written since: on a live server,
    // where reads are recorded all the time, the dashboard mostly starts cold.
    let (incidents, _) = open_incidents_and_readers(store).await;
    let mut rng = StdRng::seed_from_u64(clock_seed());
    let mut t = Vec::with_capacity(runs);
    for _ in 0..runs {
        let incident = incidents[rng.random_range(0..incidents.len())].0;
        store.record_read(incident, &admin).await.unwrap();
        let started = Instant::now();
        store.learning_signals(&member, now).await.unwrap();
        t.push(started.elapsed());
    }
    row(
        "learning_signals, reader, each after a write",
        Percentiles::of(t),
    );
}

/// A seed from the clock: each run writes for other readers and incidents than the last (a
/// read within half an hour of another is not recorded again).
fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

async fn measure_writes(store: &Store, writes: usize) {
    let (incidents, readers) = open_incidents_and_readers(store).await;
    let mut accounts = Vec::with_capacity(readers.len());
    for id in readers {
        accounts.push(store.account_by_id(id).await.unwrap().unwrap().account);
    }
    // Pairs no earlier run has read lately.
    let mut rng = StdRng::seed_from_u64(clock_seed());
    let mut pick = || {
        (
            incidents[rng.random_range(0..incidents.len())].0,
            accounts[rng.random_range(0..accounts.len())].clone(),
        )
    };
    let pairs: Vec<(i64, Account)> = (0..writes).map(|_| pick()).collect();
    let fresh: Vec<(i64, Account)> = (0..writes).map(|_| pick()).collect();

    let timed = |t: Instant| t.elapsed();
    let mut recorded = 0;
    let mut t_read = Vec::with_capacity(writes);
    for (incident, account) in &pairs {
        let t = Instant::now();
        recorded += store.record_read(*incident, account).await.unwrap() as usize;
        t_read.push(timed(t));
    }
    let mut t_add = Vec::with_capacity(writes);
    for (incident, account) in &pairs {
        let t = Instant::now();
        store
            .add_reading_time(*incident, account, 20)
            .await
            .unwrap();
        t_add.push(timed(t));
    }
    let mut t_new = Vec::with_capacity(writes);
    for (incident, account) in &fresh {
        let t = Instant::now();
        store
            .add_reading_time(*incident, account, 20)
            .await
            .unwrap();
        t_new.push(timed(t));
    }
    row(
        &format!("record_read ({recorded} of {writes} added a visit)"),
        Percentiles::of(t_read),
    );
    row(
        "add_reading_time, to the visit just recorded",
        Percentiles::of(t_add),
    );
    row(
        "add_reading_time, no recent visit (inserts)",
        Percentiles::of(t_new),
    );
}

/// Time from the request reaching the router to its response, per route kind.
type ServerTimes = Arc<Mutex<Vec<(&'static str, Duration)>>>;

async fn measure_http(store: &Store, requests: usize) {
    let (incidents, _) = open_incidents_and_readers(store).await;
    let times: ServerTimes = Arc::default();
    let recorder = times.clone();
    let app = lore_web::router(lore_web::AppState::new(store.clone(), false)).layer(
        axum::middleware::from_fn(move |req: Request, next: Next| {
            let recorder = recorder.clone();
            async move {
                let kind = match req.uri().path() {
                    "/healthz" => "healthz",
                    "/learning" => "learning",
                    p if p.ends_with("/reading-time") => "beacon",
                    _ => "other",
                };
                let t = Instant::now();
                let res: Response = next.run(req).await;
                recorder.lock().unwrap().push((kind, t.elapsed()));
                res
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = lore_server::sign_in(&client, &base, MEMBER, PASSWORD).await;

    let mut rng = StdRng::seed_from_u64(clock_seed());
    let send = async |req: reqwest::RequestBuilder, expect: u16| {
        let t = Instant::now();
        let res = req.header("cookie", &cookie).send().await.unwrap();
        assert_eq!(res.status().as_u16(), expect);
        res.bytes().await.unwrap();
        t.elapsed()
    };
    let mut client_times: Vec<(&'static str, Duration)> = Vec::new();
    for i in 0..requests + 20 {
        if i == 20 {
            // Warm-up done.
            client_times.clear();
            times.lock().unwrap().clear();
        }
        let slug = &incidents[rng.random_range(0..incidents.len())].1;
        let beacon = client
            .post(format!("{base}/incidents/{slug}/reading-time"))
            .form(&[("seconds", "15")]);
        client_times.push(("beacon", send(beacon, 204).await));
        let health = client.get(format!("{base}/healthz"));
        client_times.push(("healthz", send(health, 200).await));
    }
    // The beacons' writes land after their answers, from a queue: let it drain before the
    // page is timed, so that the page is measured on its own rather than against 2,000 writes.
    let mut last = -1;
    loop {
        let count = reads_and_seconds(store).await;
        if count == last {
            break;
        }
        last = count;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    for _ in 0..env_number("PAGE_RUNS", 50) {
        let page = client.get(format!("{base}/learning"));
        client_times.push(("learning", send(page, 200).await));
    }
    server.abort();

    let of = |list: &[(&'static str, Duration)], kind: &str| {
        Percentiles::of(
            list.iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, d)| *d)
                .collect(),
        )
    };
    let server_times = times.lock().unwrap().clone();
    row("beacon POST, server time", of(&server_times, "beacon"));
    row(
        "beacon POST, client round trip",
        of(&client_times, "beacon"),
    );
    row("GET /healthz, server time", of(&server_times, "healthz"));
    row(
        "GET /healthz, client round trip",
        of(&client_times, "healthz"),
    );
    row(
        "GET /learning (reader), server time",
        of(&server_times, "learning"),
    );
}

async fn measure(store: &Store, label: &str) {
    let runs = env_number("RUNS", 50);
    let writes = env_number("WRITES", 10_000);
    let requests = env_number("REQUESTS", 2_000);
    println!("\n{label}");
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>9}",
        "ms", "p50", "p95", "p99", "max"
    );
    let only = std::env::var("LORE_BENCH_ONLY").unwrap_or_default();
    let part = |name: &str| only.is_empty() || only.split(',').any(|p| p == name);
    if part("dashboard") {
        measure_dashboard(store, runs).await;
    }
    if part("writes") {
        measure_writes(store, writes).await;
    }
    if part("http") {
        measure_http(store, requests).await;
    }
}

fn label(backend: &str, s: Sizes) -> String {
    format!(
        "{backend}: {} incidents, {} people, {} reads, {} comments",
        s.incidents, s.accounts, s.reads, s.comments
    )
}

fn main() {
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("LORE_LOG") {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    }
    let sizes = Sizes::from_env("", DEFAULT);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        if std::env::var("LORE_BENCH_SKIP_SQLITE").is_err() {
            let store = bench_db::sqlite_store("learning", &sizes.key(), |store| async move {
                learning_corpus::generate(&store, sizes).await;
                store
            })
            .await;
            measure(&store, &label("SQLite", sizes)).await;
            store.close().await;
        }

        let server = ["LORE_BENCH_DATABASE_URL", "LORE_TEST_DATABASE_URL"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()));
        match server {
            Some(server) => {
                let pg = Sizes::from_env("PG_", sizes);
                let store =
                    bench_db::postgres_store(&server, "learning", &pg.key(), |store| async move {
                        learning_corpus::generate(&store, pg).await;
                        store
                    })
                    .await;
                measure(&store, &label("PostgreSQL", pg)).await;
                store.close().await;
            }
            None => println!(
                "\nLORE_BENCH_DATABASE_URL / LORE_TEST_DATABASE_URL not set (cargo xtask pg): PostgreSQL skipped"
            ),
        }
    });
}
