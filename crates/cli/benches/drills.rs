//! Crash drills (issue 13, item 5), run with `cargo xtask drill` (which runs this):
//!
//! `import-kill`: `lore import slack` of a synthetic export (`LORE_DRILL_MESSAGES`, default
//! 1,000,000 messages) into SQLite is killed with SIGKILL at `LORE_DRILL_ROUNDS` (default 20)
//! random moments of an uninterrupted import's duration. After each kill the store must pass
//! SQLite's integrity and foreign-key checks and the full-text index's own check, and hold
//! either nothing or everything of that import (sources, people, entries, indexed rows); then
//! the same import, run again to the end, must give exactly the entries of the uninterrupted
//! one (every stored column, threads and authors compared by identity, not by row id).
//!
//! Prints one line per round and a summary; exits non-zero if any round failed.
//!
//! `serve-postgres`, `serve-sqlite`: `lore serve` under a mix of reads and writes, one server
//! killed and restarted halfway on PostgreSQL (see `support/drill_serve.rs`).

#[path = "support/drill_serve.rs"]
mod drill_serve;
#[path = "support/synthetic_slack.rs"]
mod synthetic_slack;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

const LORE: &str = env!("CARGO_BIN_EXE_lore");

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn lore(data_dir: &Path) -> Command {
    let mut cmd = Command::new(LORE);
    cmd.arg("--data-dir").arg(data_dir);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// A data directory with the incident the export goes into, and nothing else.
fn fresh_store(dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("data dir");
    let status = lore(dir)
        .args(["incident", "create", "drill", "--title", "Drill"])
        .status()
        .expect("run lore");
    assert!(status.success(), "lore incident create failed");
    dir.to_owned()
}

fn import(data_dir: &Path, export: &Path) -> Command {
    let mut cmd = lore(data_dir);
    cmd.args(["import", "slack"])
        .arg(export)
        .args(["--incident", "drill"]);
    cmd
}

async fn open(data_dir: &Path) -> SqlitePool {
    let options = SqliteConnectOptions::new()
        .filename(data_dir.join("lore.sqlite3"))
        .read_only(false);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("open the drill's store")
}

/// What a store holds of the import: counts of each kind of row it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    sources: i64,
    people: i64,
    handles: i64,
    entries: i64,
    indexed: i64,
}

impl Held {
    fn is_empty(&self) -> bool {
        *self
            == Held {
                sources: 0,
                people: 0,
                handles: 0,
                entries: 0,
                indexed: 0,
            }
    }
}

async fn held(pool: &SqlitePool) -> Held {
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await
            .expect(sql)
    };
    Held {
        sources: count("SELECT COUNT(*) FROM sources").await,
        people: count("SELECT COUNT(*) FROM people").await,
        handles: count("SELECT COUNT(*) FROM person_handles").await,
        entries: count("SELECT COUNT(*) FROM timeline_entries").await,
        // Rows the full-text index finds for a word every synthetic message may hold, and the
        // index's own row count.
        indexed: count("SELECT COUNT(*) FROM timeline_fts_docsize").await,
    }
}

/// SQLite's integrity and foreign-key checks and FTS5's check of its index against the
/// entries; the problems found, if any.
async fn integrity(pool: &SqlitePool) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = sqlx::query("PRAGMA integrity_check")
        .fetch_all(pool)
        .await
        .expect("integrity_check");
    for row in rows {
        let line: String = row.get(0);
        if line != "ok" {
            problems.push(format!("integrity_check: {line}"));
        }
    }
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(pool)
        .await
        .expect("foreign_key_check");
    if !fk.is_empty() {
        problems.push(format!("foreign_key_check: {} rows", fk.len()));
    }
    if let Err(e) =
        sqlx::query("INSERT INTO timeline_fts (timeline_fts, rank) VALUES ('integrity-check', 1)")
            .execute(pool)
            .await
    {
        problems.push(format!("fts integrity-check: {e}"));
    }
    problems
}

/// Every stored column of every entry, in identity order, hashed; row ids replaced by what
/// they point at (the thread parent's identity, the author's name), since ids may differ
/// between two stores holding the same entries.
async fn fingerprint(pool: &SqlitePool) -> (i64, u64) {
    // A page at a time, by identity: a million entries' columns would take gigabytes at once.
    let mut hasher = DefaultHasher::new();
    let mut count = 0i64;
    let mut after = String::new();
    loop {
        let rows = sqlx::query(
            "SELECT e.content_hash, e.occurred_at, e.time_text, e.time_zone, e.kind, e.body, \
             e.message_key, e.noise, e.prov_path, e.prov_line, e.raw, e.seq, \
             (SELECT p.content_hash FROM timeline_entries p WHERE p.id = e.thread_parent_id), \
             (SELECT pe.display_name FROM people pe WHERE pe.id = e.author_person_id), \
             (SELECT s.kind || ' ' || s.file_name FROM sources s WHERE s.id = e.source_id) \
             FROM timeline_entries e WHERE e.content_hash > $1 ORDER BY e.content_hash LIMIT 10000",
        )
        .bind(&after)
        .fetch_all(pool)
        .await
        .expect("read entries");
        let Some(last) = rows.last() else { break };
        after = last.get(0);
        for row in &rows {
            count += 1;
            for i in 0..15 {
                let value: Option<String> = row
                    .try_get::<Option<String>, _>(i)
                    .or_else(|_| {
                        row.try_get::<Option<i64>, _>(i)
                            .map(|v| v.map(|v| v.to_string()))
                    })
                    .expect("a text or integer column");
                value.hash(&mut hasher);
            }
        }
    }
    (count, hasher.finish())
}

struct Round {
    killed_at: f64,
    exited_before_kill: bool,
    after_kill: Held,
    problems: Vec<String>,
    rerun_equal: bool,
}

fn main() -> ExitCode {
    let what = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "import-kill".to_owned());
    match what.as_str() {
        "import-kill" => import_kill(),
        "serve-postgres" | "serve-sqlite" => {
            if drill_serve::serve_drill(what == "serve-postgres") {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        other => {
            eprintln!("unknown drill {other:?}: import-kill, serve-postgres, serve-sqlite");
            ExitCode::from(2)
        }
    }
}

fn import_kill() -> ExitCode {
    let messages = env_number("LORE_DRILL_MESSAGES", 1_000_000);
    let rounds = env_number("LORE_DRILL_ROUNDS", 20);
    let seed = env_number("LORE_DRILL_SEED", 2026) as u64;
    let work = tempfile::tempdir().expect("temp dir");
    let export = work.path().join("export");
    let t = Instant::now();
    synthetic_slack::generate(&export, &work.path().join("messages.csv"), messages)
        .expect("generate export");
    println!(
        "import-kill drill: a {messages}-message Slack export generated in {:.1} s; {rounds} rounds, seed {seed}",
        t.elapsed().as_secs_f64()
    );
    let rt = tokio::runtime::Runtime::new().expect("runtime");

    // The uninterrupted import: its duration bounds the kill moments, its entries are the
    // reference.
    let reference_dir = fresh_store(&work.path().join("reference"));
    let t = Instant::now();
    let status = import(&reference_dir, &export).status().expect("run lore");
    assert!(status.success(), "the uninterrupted import failed");
    let full_seconds = t.elapsed().as_secs_f64();
    let (full, reference) = rt.block_on(async {
        let pool = open(&reference_dir).await;
        let full = held(&pool).await;
        let problems = integrity(&pool).await;
        assert!(problems.is_empty(), "reference store: {problems:?}");
        (full, fingerprint(&pool).await)
    });
    println!(
        "uninterrupted: {full_seconds:.1} s, {} entries, {} people, {} indexed",
        full.entries, full.people, full.indexed
    );
    let _ = std::fs::remove_dir_all(&reference_dir);

    let mut rng = StdRng::seed_from_u64(seed);
    let mut results = Vec::with_capacity(rounds);
    let dir = work.path().join("drill");
    for round in 1..=rounds {
        fresh_store(&dir);
        // Anywhere in the import, start-up and final commit included.
        let kill_after = Duration::from_secs_f64(rng.random_range(0.0..full_seconds * 1.05));
        let started = Instant::now();
        let mut child = import(&dir, &export).spawn().expect("start lore import");
        let mut exited_before_kill = false;
        while started.elapsed() < kill_after {
            if child.try_wait().expect("wait").is_some() {
                exited_before_kill = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let killed_at = started.elapsed().as_secs_f64();
        if !exited_before_kill {
            child.kill().expect("SIGKILL");
        }
        child.wait().expect("reap");
        let (after_kill, mut problems) = rt.block_on(async {
            let pool = open(&dir).await;
            let held = held(&pool).await;
            let problems = integrity(&pool).await;
            pool.close().await;
            (held, problems)
        });
        if !(after_kill.is_empty() || after_kill == full) {
            problems.push(format!("partly imported: {after_kill:?}"));
        }
        let status = import(&dir, &export).status().expect("run lore");
        if !status.success() {
            problems.push("the import run again failed".to_owned());
        }
        let rerun = rt.block_on(async {
            let pool = open(&dir).await;
            let f = fingerprint(&pool).await;
            problems.extend(integrity(&pool).await);
            pool.close().await;
            f
        });
        let r = Round {
            killed_at,
            exited_before_kill,
            after_kill,
            problems,
            rerun_equal: rerun == reference,
        };
        println!(
            "round {round:>2}: killed at {:>6.2} s{} → {:>8} entries ({}), checks {}, run again: {}",
            r.killed_at,
            if r.exited_before_kill {
                " (had finished)"
            } else {
                ""
            },
            r.after_kill.entries,
            if r.after_kill.is_empty() {
                "nothing"
            } else if r.after_kill == full {
                "everything"
            } else {
                "PART"
            },
            if r.problems.is_empty() {
                "ok".to_owned()
            } else {
                r.problems.join("; ")
            },
            if r.rerun_equal {
                "the same entries"
            } else {
                "DIFFERENT entries"
            }
        );
        results.push(r);
    }
    let failed = results
        .iter()
        .filter(|r| !r.problems.is_empty() || !r.rerun_equal)
        .count();
    let nothing = results.iter().filter(|r| r.after_kill.is_empty()).count();
    println!(
        "\n{rounds} kills: {nothing} left nothing, {} everything, {} a part; {failed} failed",
        results.iter().filter(|r| r.after_kill == full).count(),
        results
            .iter()
            .filter(|r| !r.after_kill.is_empty() && r.after_kill != full)
            .count(),
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
