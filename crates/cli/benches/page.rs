//! Server time for the demo incident's page: a `lore serve --demo` (release build) on loopback,
//! a warm-up, then `LORE_BENCH_REQUESTS` (default 500) sequential requests for the incident
//! page as a signed-in analyst. Reports p50, p90, p99 and max, measured from the client on the
//! same machine (so they include loopback HTTP, not a browser's rendering).
//!
//! Then a big incident: `LORE_BENCH_BIG_ENTRIES` (default 100,000; 0 skips it) generated
//! entries in four sources (chat in three channels, alerts, deploys, tickets) over three
//! days, imported with `lore import jsonl` into a fresh SQLite store. Its page's bytes, the
//! first request (nothing kept yet: counts, choices and density read from the store), then
//! the same requests for the first window, for windows around times spread over the
//! incident, for the next window after an entry, and for a filter's first window.
//!
//! Run: `cargo bench -p lore-cli --bench page`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LORE: &str = env!("CARGO_BIN_EXE_lore");
const SLUG: &str = "2026-03-17-riverton-stations-stuck-in-maintenance";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let requests = env_number("LORE_BENCH_REQUESTS", 500);
    demo(requests);
    let big = env_number("LORE_BENCH_BIG_ENTRIES", 100_000);
    if big > 0 {
        big_incident(big, requests);
    }
}

#[path = "support/lore_server.rs"]
mod lore_server;

fn serve(dir: &std::path::Path, extra: &[&str]) -> (std::process::Child, String) {
    lore_server::serve(LORE, dir, extra)
}

fn demo(requests: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut server, base) = serve(dir.path(), &["--demo"]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let timings = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let cookie = lore_server::sign_in(&client, &base, "demo", "demo-password").await;
        let url = format!("{base}/incidents/{SLUG}");
        let fetch = || async {
            let started = Instant::now();
            let res = client
                .get(&url)
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            let body = res.bytes().await.unwrap();
            (started.elapsed(), body.len())
        };
        for _ in 0..20 {
            fetch().await;
        }
        let mut timings = Vec::with_capacity(requests);
        let mut size = 0;
        for _ in 0..requests {
            let (t, len) = fetch().await;
            timings.push(t);
            size = len;
        }
        println!("page size: {} KiB", size / 1024);
        timings
    });
    let _ = server.kill();
    let _ = server.wait();
    report(
        &format!("demo incident page, {requests} requests"),
        &timings,
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, timings: &[Duration]) {
    let mut sorted = timings.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{what}: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(at(0.50)),
        ms(at(0.90)),
        ms(at(0.99)),
        ms(*sorted.last().unwrap())
    );
}

/// The big incident's four files, as a team's exports would be: chat in three channels
/// (about 80%, one in twenty a bot's noise, one in fifty a reply), alerts, deploys, tickets;
/// an entry every 2.6 seconds on average.
fn write_big_incident(dir: &std::path::Path, n: usize) -> Vec<std::path::PathBuf> {
    use std::io::Write;
    let start = 1_773_705_600_000_i64; // 2026-03-17T00:00:00Z, in ms
    let names = [
        "chat.jsonl",
        "alerts.jsonl",
        "deploys.jsonl",
        "tickets.jsonl",
    ];
    let paths: Vec<_> = names.iter().map(|n| dir.join(n)).collect();
    let mut files: Vec<_> = paths
        .iter()
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).unwrap()))
        .collect();
    let people = [
        "nadia", "jonah", "tomas", "meilin", "rafa", "devika", "sam", "li",
    ];
    for i in 0..n {
        let at = time::OffsetDateTime::from_unix_timestamp_nanos(
            i128::from(start + 2_600 * i as i64 + (i as i64 * 7919) % 1_000) * 1_000_000,
        )
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
        let file = match i % 20 {
            0 | 10 => 1,
            5 => 2,
            15 => 3,
            _ => 0,
        };
        let kind = ["chat", "alert", "deploy", "ticket"][file];
        let mut record = serde_json::json!({
            "id": format!("e{i}"),
            "datetime": at,
            "message": format!("message {i}: the broker kept retrying at station {}; queue depth {}", i % 400, (i * 31) % 9_000),
            "author": people[(i * 7) % people.len()],
            "kind": kind,
            "timestamp_desc": "Message",
        });
        if file == 0 {
            record["channel"] = ["#ops", "#incident", "#field"][i % 3].into();
            if i % 20 == 7 {
                record["noise"] = true.into();
            }
            if i % 50 == 49 {
                record["thread_parent"] = format!("e{}", i - 30).into();
            }
        }
        writeln!(files[file], "{record}").unwrap();
    }
    for f in &mut files {
        f.flush().unwrap();
    }
    paths
}

fn lore(dir: &std::path::Path, args: &[&str], stdin: &str) {
    use std::io::Write;
    let mut child = Command::new(LORE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("run lore");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "lore {args:?} failed");
}

fn big_incident(n: usize, requests: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let files = write_big_incident(dir.path(), n);
    lore(
        &data,
        &["incident", "create", "big", "--title", "A big incident"],
        "",
    );
    for f in &files {
        let started = Instant::now();
        lore(
            &data,
            &["import", "jsonl", f.to_str().unwrap(), "--incident", "big"],
            "",
        );
        eprintln!(
            "imported {} in {:.1} s",
            f.display(),
            started.elapsed().as_secs_f64()
        );
    }
    lore(
        &data,
        &[
            "user",
            "add",
            "bench",
            "--role",
            "analyst",
            "--password-stdin",
        ],
        "bench-password-1\n",
    );
    let (mut server, base) = serve(&data, &[]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let cookie = lore_server::sign_in(&client, &base, "bench", "bench-password-1").await;
        let fetch = |path: String| {
            let (client, cookie, base) = (&client, &cookie, &base);
            async move {
                let started = Instant::now();
                let res = client
                    .get(format!("{base}{path}"))
                    .header("cookie", cookie)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "{path}");
                let body = res.bytes().await.unwrap();
                (started.elapsed(), body)
            }
        };
        let (cold, body) = fetch("/incidents/big".into()).await;
        let html = String::from_utf8_lossy(&body);
        let entries = html.matches("<li id=\"entry-").count();
        println!(
            "{n}-entry incident page: {} bytes ({} KiB), {entries} entries in its window; first request {:.1} ms (nothing kept yet)",
            body.len(),
            body.len() / 1024,
            ms(cold)
        );
        let next = html
            .split("rel=\"next\"")
            .next()
            .and_then(|h| h.rsplit("href=\"").next())
            .map(|h| h.trim_end_matches('"').trim_end().trim_end_matches('"').replace("&amp;", "&").replace("&#38;", "&"))
            .unwrap_or_default();
        let (cold_filter, _) = fetch("/incidents/big?kind=alert".into()).await;
        println!("a filter's first request (kind=alert): {:.1} ms", ms(cold_filter));
        for _ in 0..20 {
            fetch("/incidents/big".into()).await;
        }
        let mut first = Vec::with_capacity(requests);
        let mut around = Vec::with_capacity(requests);
        let mut after = Vec::with_capacity(requests);
        let mut filtered = Vec::with_capacity(requests);
        let span_minutes = (n as i64 * 2_600) / 60_000;
        for i in 0..requests {
            first.push(fetch("/incidents/big".into()).await.0);
            let minute = (i as i64 * 7_919) % span_minutes.max(1);
            let t = time::macros::datetime!(2026-03-17 00:00 UTC) + time::Duration::minutes(minute);
            let t = t
                .format(time::macros::format_description!(
                    "[year]-[month]-[day]T[hour]:[minute]"
                ))
                .unwrap();
            around.push(fetch(format!("/incidents/big?around={t}")).await.0);
            after.push(fetch(next.replace("#timeline-heading", "")).await.0);
            filtered.push(fetch("/incidents/big?kind=alert".into()).await.0);
        }
        report(&format!("first window, {requests} requests"), &first);
        report(&format!("around times spread over the incident, {requests} requests"), &around);
        report(&format!("the next window ({next}), {requests} requests"), &after);
        report(&format!("kind=alert, {requests} requests"), &filtered);
    });
    let _ = server.kill();
    let _ = server.wait();
}
