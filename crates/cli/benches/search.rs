//! Search over a large library: a synthetic corpus (`support/search_corpus.rs`: by default
//! 10,000 incidents and 5,000,000 timeline entries) in SQLite and, when
//! `LORE_TEST_DATABASE_URL` names a server, in PostgreSQL. For each query of a mix (one word,
//! a rare word, two words, a phrase, a word with a service, year or theme filter, a prefix)
//! `Store::search` runs as an admin and as a reader (5% of incidents are restricted), and
//! beside it the raw full-text query on the same database in the same run (FTS5 `MATCH …
//! ORDER BY rank LIMIT 20` over both indexes; on PostgreSQL the same `@@` with `ts_rank_cd`):
//! p50 and p95 of `LORE_BENCH_RUNS` runs (default 30) after a warm-up, and ours/raw.
//! Goals (issue 10): p95 < 50 ms, ours ≤ 2× raw.
//!
//! Sizes: `LORE_BENCH_INCIDENTS`, `LORE_BENCH_ENTRIES` (PostgreSQL: `LORE_BENCH_PG_INCIDENTS`,
//! `LORE_BENCH_PG_ENTRIES`, by default the same). The SQLite file is kept under the target
//! directory (`bench-search/SIZES/`) and the PostgreSQL database on the server (named by the
//! sizes), so later runs skip generation.
//!
//! Run: `cargo bench -p lore-cli --bench search` (add `LORE_BENCH_ENTRIES=500000
//! LORE_BENCH_INCIDENTS=1000` for a quick look; `LORE_BENCH_ONLY=year` to run only the
//! queries whose name contains it, `LORE_LOG=sqlx=debug` to see each statement's time).

#[path = "support/bench_db.rs"]
mod bench_db;
#[path = "support/search_corpus.rs"]
mod search_corpus;

use bench_db::{Percentiles, time};

use lore_core::Account;
use lore_core::search::{SearchQuery, Term};
use lore_store::{Db, SearchPage, Store};
use search_corpus::{
    ADMIN, MID_WORD, PHRASE, PREFIX, RARE_WORD, READER, SECOND_WORD, SERVICE, Sizes, YEAR,
};

const DEFAULT: Sizes = Sizes {
    incidents: 10_000,
    entries: 5_000_000,
};

fn query_mix() -> Vec<(&'static str, String)> {
    vec![
        ("word (mid-frequency)", MID_WORD.to_string()),
        ("word (rare)", RARE_WORD.to_string()),
        ("two words", format!("{MID_WORD} {SECOND_WORD}")),
        ("phrase", format!("\"{PHRASE}\"")),
        ("word + service:", format!("{MID_WORD} service:{SERVICE}")),
        ("word + year:", format!("{MID_WORD} year:{YEAR}")),
        (
            "word + theme:",
            format!("{MID_WORD} theme:misunderstanding"),
        ),
        ("prefix", format!("{PREFIX}*")),
    ]
}

/// The FTS5 expression the store builds for a query (its builder is crate-private; this is
/// the same rule: quoted tokens, AND, NOT, `"tok"*`).
fn fts5_match(q: &SearchQuery) -> String {
    let phrase = |t: &Term| {
        let s = format!("\"{}\"", t.tokens.join(" "));
        if t.prefix { s + "*" } else { s }
    };
    let mut out = format!(
        "({})",
        q.include
            .iter()
            .map(phrase)
            .collect::<Vec<_>>()
            .join(" AND ")
    );
    for t in &q.exclude {
        out += &format!(" NOT {}", phrase(t));
    }
    out
}

/// The `tsquery` text the store builds for PostgreSQL.
fn tsquery(q: &SearchQuery) -> String {
    let phrase = |t: &Term| {
        let last = t.tokens.len() - 1;
        let parts: Vec<String> = t
            .tokens
            .iter()
            .enumerate()
            .map(|(i, tok)| {
                if t.prefix && i == last {
                    format!("'{tok}':*")
                } else {
                    format!("'{tok}'")
                }
            })
            .collect();
        format!("({})", parts.join(" <-> "))
    };
    let mut parts: Vec<String> = q.include.iter().map(phrase).collect();
    parts.extend(q.exclude.iter().map(|t| format!("!{}", phrase(t))));
    parts.join(" & ")
}

/// The raw full-text queries: the 20 best of each index.
async fn raw(store: &Store, q: &SearchQuery) -> usize {
    match store.db() {
        Db::Sqlite(pool) => {
            let m = fts5_match(q);
            let a: Vec<(i64, f64)> = sqlx::query_as(
                "SELECT rowid, bm25(timeline_fts) FROM timeline_fts \
                 WHERE timeline_fts MATCH ?1 ORDER BY rank LIMIT 20",
            )
            .bind(&m)
            .fetch_all(pool)
            .await
            .unwrap();
            let b: Vec<(i64, f64)> = sqlx::query_as(
                "SELECT rowid, bm25(search_fts, 10.0, 1.0) FROM search_fts \
                 WHERE search_fts MATCH ?1 ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT 20",
            )
            .bind(&m)
            .fetch_all(pool)
            .await
            .unwrap();
            a.len() + b.len()
        }
        Db::Postgres(pool) => {
            let t = tsquery(q);
            let a: Vec<(i64, f32)> = sqlx::query_as(
                "SELECT id, ts_rank_cd(to_tsvector('simple', lore_search_text(body)), q) AS r \
                 FROM timeline_entries, to_tsquery('simple', $1) q \
                 WHERE to_tsvector('simple', lore_search_text(body)) @@ q ORDER BY r DESC LIMIT 20",
            )
            .bind(&t)
            .fetch_all(pool)
            .await
            .unwrap();
            let b: Vec<(i64, f32)> = sqlx::query_as(
                "SELECT id, ts_rank_cd(v, q) AS r FROM (SELECT id, \
                 setweight(to_tsvector('simple', lore_search_text(title)), 'A') \
                 || setweight(to_tsvector('simple', lore_search_text(body)), 'B') AS v \
                 FROM search_docs) d, to_tsquery('simple', $1) q WHERE v @@ q \
                 ORDER BY r DESC LIMIT 20",
            )
            .bind(&t)
            .fetch_all(pool)
            .await
            .unwrap();
            a.len() + b.len()
        }
    }
}

/// Entries the query's words match, however many (its selectivity).
async fn matching_entries(store: &Store, q: &SearchQuery) -> i64 {
    match store.db() {
        Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM timeline_fts WHERE timeline_fts MATCH ?1")
                .bind(fts5_match(q))
                .fetch_one(pool)
                .await
                .unwrap()
        }
        Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT COUNT(*) FROM timeline_entries \
             WHERE to_tsvector('simple', lore_search_text(body)) @@ to_tsquery('simple', $1)",
        )
        .bind(tsquery(q))
        .fetch_one(pool)
        .await
        .unwrap(),
    }
}

async fn account(store: &Store, name: &str) -> Account {
    store
        .account_by_username(name)
        .await
        .unwrap()
        .expect("bench account")
        .account
}

/// Times the mix on one store and prints its table.
async fn measure(store: &Store, label: &str, runs: usize) {
    let admin = account(store, ADMIN).await;
    let reader = account(store, READER).await;
    println!("\n{label}: p50 / p95 in ms over {runs} runs; ratio = ours ÷ raw (p50, p95)");
    println!(
        "{:<22} {:>8} {:>7} {:>6} | {:>15} | {:>15} | {:>15} | {:>9} {:>9}",
        "query", "entries", "hits", "capped", "admin", "reader", "raw", "admin×", "reader×"
    );
    let mut worst_p95: f64 = 0.0;
    let mut worst_ratio: f64 = 0.0;
    let only = std::env::var("LORE_BENCH_ONLY").unwrap_or_default();
    for (name, text) in query_mix().into_iter().filter(|(n, _)| n.contains(&only)) {
        let q = SearchQuery::parse(&text).unwrap();
        let matching = matching_entries(store, &q).await;
        let results = store
            .search(&admin, &q, SearchPage::default())
            .await
            .unwrap();
        let ours_admin = time(runs, || async {
            store
                .search(&admin, &q, SearchPage::default())
                .await
                .unwrap();
        })
        .await;
        let ours_reader = time(runs, || async {
            store
                .search(&reader, &q, SearchPage::default())
                .await
                .unwrap();
        })
        .await;
        let base = time(runs, || async {
            raw(store, &q).await;
        })
        .await;
        let ratio = |o: Percentiles| (o.p50 / base.p50, o.p95 / base.p95);
        let (a50, a95) = ratio(ours_admin);
        let (r50, r95) = ratio(ours_reader);
        worst_p95 = worst_p95.max(ours_admin.p95).max(ours_reader.p95);
        worst_ratio = worst_ratio.max(a95).max(r95);
        println!(
            "{name:<22} {matching:>8} {:>7} {:>6} | {:>6.1} / {:>6.1} | {:>6.1} / {:>6.1} | {:>6.1} / {:>6.1} | {a50:>4.1} {a95:>4.1} {r50:>4.1} {r95:>4.1}",
            results.total_hits,
            if results.capped { "yes" } else { "no" },
            ours_admin.p50,
            ours_admin.p95,
            ours_reader.p50,
            ours_reader.p95,
            base.p50,
            base.p95,
        );
    }
    println!(
        "worst p95 {worst_p95:.1} ms (goal < 50), worst p95 ratio {worst_ratio:.1}× (goal ≤ 2)"
    );
}

async fn sqlite_store(sizes: Sizes) -> Store {
    bench_db::sqlite_store("search", &sizes.key(), |store| async move {
        search_corpus::generate(&store, sizes).await;
        store
    })
    .await
}

async fn postgres_store(server: &str, sizes: Sizes) -> Store {
    bench_db::postgres_store(server, "search", &sizes.key(), |store| async move {
        search_corpus::generate(&store, sizes).await;
        store
    })
    .await
}

fn main() {
    // LORE_LOG=sqlx=debug prints every statement with its time: where a search spends it.
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("LORE_LOG") {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    }
    let runs: usize = std::env::var("LORE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let sizes = Sizes::from_env("", DEFAULT);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = sqlite_store(sizes).await;
        let label = format!(
            "SQLite, {} incidents, {} entries",
            sizes.incidents, sizes.entries
        );
        measure(&store, &label, runs).await;
        store.close().await;

        match std::env::var("LORE_TEST_DATABASE_URL") {
            Ok(server) if !server.is_empty() => {
                let pg_sizes = Sizes::from_env("PG_", sizes);
                let store = postgres_store(&server, pg_sizes).await;
                let label = format!(
                    "PostgreSQL, {} incidents, {} entries",
                    pg_sizes.incidents, pg_sizes.entries
                );
                measure(&store, &label, runs).await;
                store.close().await;
            }
            _ => println!("\nLORE_TEST_DATABASE_URL not set (cargo xtask pg): PostgreSQL skipped"),
        }
    });
}
