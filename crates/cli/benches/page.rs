//! Server time for the demo incident's page: a `lore serve --demo` (release build) on loopback,
//! a warm-up, then `LORE_BENCH_REQUESTS` (default 500) sequential requests for the incident
//! page as a signed-in analyst. Reports p50, p90, p99 and max, measured from the client on the
//! same machine (so they include loopback HTTP, not a browser's rendering).
//!
//! Run: `cargo bench -p lore-cli --bench page`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LORE: &str = env!("CARGO_BIN_EXE_lore");
const SLUG: &str = "2026-03-17-riverton-stations-stuck-in-maintenance";

fn main() {
    let requests: usize = std::env::var("LORE_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Command::new(LORE)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .env("LORE_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start lore serve");
    let mut base = String::new();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.expect("read server output");
        if let Some(rest) = line.strip_prefix("Lore is listening on ") {
            base = rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_owned();
            break;
        }
    }
    assert!(!base.is_empty(), "the server did not say where it listens");
    // Keep reading what the server prints, so it never writes into a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let timings = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let login = client
            .post(format!("{base}/login"))
            .form(&[("username", "demo"), ("password", "demo-password")])
            .send()
            .await
            .unwrap();
        let cookie = login
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("lore_session="))
            .map(|v| v.split(';').next().unwrap().to_owned())
            .expect("signed in");
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

    let mut sorted = timings.clone();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "demo incident page, {requests} requests: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(at(0.50)),
        ms(at(0.90)),
        ms(at(0.99)),
        ms(*sorted.last().unwrap())
    );
}
