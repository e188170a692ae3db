//! Import throughput: a synthetic Slack export of N messages (`LORE_BENCH_MESSAGES`, default
//! 1,000,000) imported by the real `lore` binary into SQLite and, when `LORE_TEST_DATABASE_URL`
//! names a server (`cargo xtask pg` starts one), into PostgreSQL; beside them, the `sqlite3`
//! shell importing the same rows from CSV into a plain table, on the same machine in the same
//! run. Reports messages per second and peak memory (the process's VmHWM).
//!
//! After Lore's own import, each database's own bulk path loads the rows Lore stored into a fresh
//! store of Lore's schema (`sqlite3` with `INSERT … SELECT` from the imported store and one pass
//! into the full-text index; `psql` with `\copy` of the rows written out beforehand): the
//! schema's own cost, with no parsing, hashing or round trips, which no import into that schema
//! can beat. Its setup (the fresh store, its people and sources, the rows written out) is not
//! timed.
//!
//! Run: `cargo bench -p lore-cli --bench import` (add `LORE_BENCH_MESSAGES=100000` for a
//! quick look). `LORE_BENCH_BEFORE=PATH` also times another `lore` binary (an earlier build)
//! on the same rows in the same run, so a change is measured against the load of the moment.

#[path = "support/synthetic_slack.rs"]
mod synthetic_slack;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LORE: &str = env!("CARGO_BIN_EXE_lore");

struct Measured {
    seconds: f64,
    peak_mib: f64,
}

/// Runs a command to completion, timing it and sampling its peak resident memory.
fn measure(cmd: &mut Command) -> Measured {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start command");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    loop {
        // VmHWM is the high-water mark, so the last reading before exit is the peak.
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            let mut out = String::new();
            std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut out).ok();
            assert!(status.success(), "{cmd:?} failed: {out}");
            print!("{out}");
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Measured {
        seconds: started.elapsed().as_secs_f64(),
        peak_mib: peak_kib as f64 / 1024.0,
    }
}

fn lore(bin: &Path, data_dir: &Path, database_url: Option<&str>) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("--data-dir").arg(data_dir);
    if let Some(url) = database_url {
        cmd.arg("--database-url").arg(url);
    }
    cmd
}

/// A fresh store's incident `bench`, the store migrated on the way.
fn create_incident(bin: &Path, data_dir: &Path, database_url: Option<&str>) {
    let created = lore(bin, data_dir, database_url)
        .args(["incident", "create", "bench", "--title", "Benchmark"])
        .output()
        .expect("run lore");
    assert!(created.status.success(), "{created:?}");
}

fn import_with_lore(
    bin: &Path,
    export: &Path,
    data_dir: &Path,
    database_url: Option<&str>,
) -> Measured {
    create_incident(bin, data_dir, database_url);
    measure(
        lore(bin, data_dir, database_url)
            .args(["import", "slack"])
            .arg(export)
            .args(["--incident", "bench"]),
    )
}

/// The `sqlite3` shell loading the entries of the store in `imported` into a fresh Lore store in
/// `data_dir`, as one transaction, with the page cache and foreign keys Lore's import has.
fn sqlite_schema_load(imported: &Path, data_dir: &Path) -> Measured {
    create_incident(Path::new(LORE), data_dir, None);
    let db = data_dir.join("lore.sqlite3");
    let attach = format!("ATTACH '{}' AS src;", imported.display());
    // Untimed: the rows the entries refer to (same ids: both stores began empty).
    let setup = Command::new("sqlite3")
        .arg(&db)
        .arg(format!(
            "{attach} INSERT INTO people SELECT * FROM src.people; \
             INSERT INTO sources SELECT * FROM src.sources;"
        ))
        .output()
        .expect("run sqlite3");
    assert!(setup.status.success(), "{setup:?}");
    let m = measure(Command::new("sqlite3").arg(&db).arg(format!(
        "PRAGMA foreign_keys = ON; PRAGMA cache_size = -49152; {attach} BEGIN; \
         INSERT INTO timeline_entries SELECT * FROM src.timeline_entries ORDER BY id; \
         INSERT INTO timeline_fts (rowid, body) SELECT id, body FROM timeline_entries ORDER BY id; \
         COMMIT;"
    )));
    let check = Command::new("sqlite3")
        .arg(&db)
        .arg(format!(
            "{attach} SELECT (SELECT count(*) FROM timeline_entries) = \
             (SELECT count(*) FROM src.timeline_entries);"
        ))
        .output()
        .expect("run sqlite3");
    assert_eq!(
        String::from_utf8_lossy(&check.stdout).trim(),
        "1",
        "every row loaded"
    );
    m
}

/// `psql`'s `\copy` loading the entries of the database at `imported` into a fresh database of
/// Lore's schema on the same server (written out to a file first, untimed).
fn postgres_schema_load(server: &str, imported: &str, work: &Path) -> Measured {
    let url = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(lore_store::testing::fresh_postgres_database(server));
    create_incident(Path::new(LORE), work, Some(&url));
    let psql = |db: &str, command: String| {
        let out = Command::new("psql")
            .arg(db)
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-c", &command])
            .output()
            .expect("run psql");
        assert!(out.status.success(), "{out:?}");
    };
    // Untimed: the entries and the rows they refer to, out of the imported database and, but
    // for the entries, into the fresh one (same ids: both began empty).
    let file = |table: &str| work.join(format!("{table}.copy"));
    for table in ["people", "sources", "timeline_entries"] {
        psql(
            imported,
            format!(
                "\\copy (SELECT * FROM {table} ORDER BY id) TO '{}'",
                file(table).display()
            ),
        );
    }
    for table in ["people", "sources"] {
        psql(
            &url,
            format!("\\copy {table} FROM '{}'", file(table).display()),
        );
    }
    let m = measure(
        Command::new("psql")
            .arg(&url)
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-c"])
            .arg(format!(
                "\\copy timeline_entries FROM '{}'",
                file("timeline_entries").display()
            )),
    );
    std::fs::remove_file(file("timeline_entries")).ok();
    let count = |db: &str| {
        let out = Command::new("psql")
            .arg(db)
            .args(["-At", "-c", "SELECT count(*) FROM timeline_entries"])
            .output()
            .expect("run psql");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    assert_eq!(count(&url), count(imported), "every row loaded");
    m
}

fn main() {
    let messages: usize = std::env::var("LORE_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    // LORE_BENCH_EXPORT keeps the generated export (and its CSV) in a folder of your choice,
    // reused by later runs, e.g. to profile the import on its own.
    let kept = std::env::var_os("LORE_BENCH_EXPORT").map(std::path::PathBuf::from);
    let base = kept.clone().unwrap_or_else(|| dir.path().to_owned());
    let export = base.join("export");
    let csv = base.join("messages.csv");
    if kept.is_none() || !csv.exists() {
        let t = Instant::now();
        synthetic_slack::generate(&export, &csv, messages).expect("generate export");
        println!(
            "generated a {messages}-message Slack export in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }

    let mut rows: Vec<(String, Measured)> = Vec::new();
    // The baselines' times in this run: the figures that survive a busy machine are ratios.
    let mut shell = None;
    let mut copy = None;

    let sqlite3_db = dir.path().join("shell.sqlite3");
    match Command::new("sqlite3").arg("--version").output() {
        Ok(o) if o.status.success() => {
            let m = measure(
                Command::new("sqlite3")
                    .arg(&sqlite3_db)
                    .arg("PRAGMA journal_mode=WAL;")
                    .arg(".import --csv ".to_owned() + csv.to_str().unwrap() + " messages"),
            );
            shell = Some(m.seconds);
            rows.push(("sqlite3 shell, CSV into a plain table".into(), m));
        }
        _ => println!("sqlite3 shell not found (apt-get install sqlite3): baseline skipped"),
    }

    let mut binaries = vec![("lore", std::path::PathBuf::from(LORE))];
    if let Some(before) = std::env::var_os("LORE_BENCH_BEFORE") {
        binaries.push(("before", before.into()));
    }
    let server = std::env::var("LORE_TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty());
    match &server {
        None => println!("LORE_TEST_DATABASE_URL not set (cargo xtask pg): PostgreSQL skipped"),
        Some(server) => {
            // PostgreSQL's own bulk path for the same rows: psql's \copy of the CSV into a
            // plain table, in a database of its own.
            let url = tokio::runtime::Runtime::new()
                .unwrap()
                .block_on(lore_store::testing::fresh_postgres_database(server));
            let m = measure(
                Command::new("psql")
                    .arg(&url)
                    .args(["-q", "-v", "ON_ERROR_STOP=1", "-c"])
                    .arg("CREATE TABLE messages (ts TEXT, channel TEXT, \"user\" TEXT, text TEXT)")
                    .arg("-c")
                    .arg(format!(
                        "\\copy messages FROM '{}' WITH (FORMAT csv, HEADER true)",
                        csv.display()
                    )),
            );
            copy = Some(m.seconds);
            rows.push(("psql \\copy, CSV into a plain table".into(), m));
        }
    }
    // What Lore's import takes over each database's own load into Lore's schema.
    let mut over_schema_load: Vec<(&str, f64)> = Vec::new();
    for (name, bin) in &binaries {
        let data = dir.path().join(format!("{name}-sqlite"));
        let m = import_with_lore(bin, &export, &data, None);
        if *name == "lore" && shell.is_some() {
            let load = sqlite_schema_load(
                &data.join("lore.sqlite3"),
                &dir.path().join("schema-sqlite"),
            );
            over_schema_load.push(("SQLite", m.seconds / load.seconds));
            rows.push(("sqlite3 shell, Lore's rows into Lore's schema".into(), load));
            std::fs::remove_dir_all(dir.path().join("schema-sqlite")).ok();
        }
        rows.push((format!("{name} import slack → SQLite"), m));
        // Each store is removed once measured: a million entries take about 600 MB.
        std::fs::remove_dir_all(&data).ok();
        if let Some(server) = &server {
            let url = tokio::runtime::Runtime::new()
                .unwrap()
                .block_on(lore_store::testing::fresh_postgres_database(server));
            let m = import_with_lore(
                bin,
                &export,
                &dir.path().join(format!("{name}-pg")),
                Some(&url),
            );
            if *name == "lore" {
                let load = postgres_schema_load(server, &url, dir.path());
                over_schema_load.push(("PostgreSQL", m.seconds / load.seconds));
                rows.push(("psql \\copy, Lore's rows into Lore's schema".into(), load));
            }
            rows.push((format!("{name} import slack → PostgreSQL"), m));
        }
    }

    println!("\n{messages} messages");
    println!(
        "{:<46} {:>10} {:>14} {:>12} {:>10}",
        "", "seconds", "messages/s", "peak MiB", "÷ baseline"
    );
    for (name, m) in &rows {
        // SQLite rows against the shell, PostgreSQL rows against COPY.
        let baseline = if name.contains("PostgreSQL") || name.starts_with("psql") {
            copy
        } else {
            shell
        };
        println!(
            "{name:<46} {:>10.2} {:>14.0} {:>12.1} {:>10.1}",
            m.seconds,
            messages as f64 / m.seconds,
            m.peak_mib,
            baseline.map_or(f64::NAN, |b| m.seconds / b)
        );
    }
    for (store, ratio) in over_schema_load {
        println!("lore import ÷ the database's own load into Lore's schema, {store}: {ratio:.2}");
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average at the end: {}", load.trim());
}
