//! Import throughput: a synthetic Slack export of N messages (`LORE_BENCH_MESSAGES`, default
//! 1,000,000) imported by the real `lore` binary into SQLite and, when `LORE_TEST_DATABASE_URL`
//! names a server (`cargo xtask pg` starts one), into PostgreSQL; beside them, the `sqlite3`
//! shell importing the same rows from CSV into a plain table, on the same machine in the same
//! run. Reports messages per second and peak memory (the process's VmHWM).
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

fn import_with_lore(
    bin: &Path,
    export: &Path,
    data_dir: &Path,
    database_url: Option<&str>,
) -> Measured {
    let created = lore(bin, data_dir, database_url)
        .args(["incident", "create", "bench", "--title", "Benchmark"])
        .output()
        .expect("run lore");
    assert!(created.status.success(), "{created:?}");
    measure(
        lore(bin, data_dir, database_url)
            .args(["import", "slack"])
            .arg(export)
            .args(["--incident", "bench"]),
    )
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
    for (name, bin) in &binaries {
        let data = dir.path().join(format!("{name}-sqlite"));
        let m = import_with_lore(bin, &export, &data, None);
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
            rows.push((format!("{name} import slack → PostgreSQL"), m));
        }
    }

    println!("\n{messages} messages");
    println!(
        "{:<42} {:>10} {:>14} {:>12} {:>10}",
        "", "seconds", "messages/s", "peak MiB", "÷ baseline"
    );
    for (name, m) in &rows {
        // SQLite rows against the shell, PostgreSQL rows against COPY.
        let baseline = if name.contains("PostgreSQL") {
            copy
        } else {
            shell
        };
        println!(
            "{name:<42} {:>10.2} {:>14.0} {:>12.1} {:>10.1}",
            m.seconds,
            messages as f64 / m.seconds,
            m.peak_mib,
            baseline.map_or(f64::NAN, |b| m.seconds / b)
        );
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average at the end: {}", load.trim());
}
