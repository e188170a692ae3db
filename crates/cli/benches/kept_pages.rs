//! Kept pages against a static file server, in the same run: `lore serve --demo` (release
//! build, SQLite) signed in as the demo analyst, and nginx serving the very bytes Lore sent
//! for the demo incident page and the library, both under wrk (2 threads, 32 connections,
//! `LORE_BENCH_SECONDS` each, default 10) on loopback; nginx runs a worker per core. Prints requests/s, p50/p99 latency and
//! the ratio to nginx for each page, plain and with `Accept-Encoding: br` (nginx then serves
//! the brotli body Lore sent, as a precompressed file).
//!
//! Needs `wrk` and `nginx` (Debian packages); says so and stops without them.
//! Run: `cargo bench -p lore-cli --bench kept_pages`.

use std::process::{Command, Stdio};

#[path = "support/lore_server.rs"]
mod lore_server;

const LORE: &str = env!("CARGO_BIN_EXE_lore");
const SLUG: &str = "2026-03-17-riverton-stations-stuck-in-maintenance";

fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// wrk's figures: requests/s, p50 and p99 in ms, and errors (non-2xx, socket errors).
#[derive(Debug, Clone, Copy)]
struct Load {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

fn millis(text: &str) -> f64 {
    let text = text.trim();
    let (number, unit) = text.split_at(text.find(|c: char| c.is_alphabetic()).unwrap());
    let n: f64 = number.parse().unwrap();
    match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        other => panic!("wrk latency unit {other}"),
    }
}

fn wrk(url: &str, headers: &[String], seconds: u64) -> Load {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", "-c32", &format!("-d{seconds}s"), "--latency"]);
    for h in headers {
        cmd.args(["-H", h]);
    }
    let out = cmd.arg(url).output().expect("run wrk");
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(prefix))
            .map(str::to_owned)
    };
    let errors = field("Non-2xx or 3xx responses:").map_or(0, |n| n.trim().parse::<u64>().unwrap())
        + field("Socket errors:").map_or(0, |s| {
            s.split(',')
                .filter_map(|p| p.split_whitespace().last()?.parse::<u64>().ok())
                .sum()
        });
    Load {
        per_second: field("Requests/sec:").unwrap().trim().parse().unwrap(),
        p50_ms: millis(&field("50%").unwrap()),
        p99_ms: millis(&field("99%").unwrap()),
        errors,
    }
}

fn main() {
    if !have("wrk") || !have("nginx") {
        println!("kept_pages: needs wrk and nginx (apt-get install wrk nginx-light); skipped");
        return;
    }
    let seconds: u64 = std::env::var("LORE_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let dir = tempfile::tempdir().unwrap();
    let (mut lore, base) = lore_server::serve(LORE, &dir.path().join("lore"), &["--demo"]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let cookie = runtime.block_on(lore_server::sign_in(
        &client,
        &base,
        "demo",
        "demo-password",
    ));

    // The bytes Lore sends, plain and brotli, written where nginx serves them.
    let root = dir.path().join("static");
    std::fs::create_dir_all(&root).unwrap();
    let pages = [
        (
            "incident page",
            format!("/incidents/{SLUG}"),
            "incident.html",
        ),
        ("library", "/".to_owned(), "library.html"),
    ];
    for (_, path, file) in &pages {
        runtime.block_on(async {
            // Twice: the first view's read makes the next render again; then it is kept.
            for _ in 0..3 {
                client
                    .get(format!("{base}{path}"))
                    .header("cookie", &cookie)
                    .send()
                    .await
                    .unwrap();
            }
            let plain = client
                .get(format!("{base}{path}"))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(plain.status(), 200);
            std::fs::write(root.join(file), plain.bytes().await.unwrap()).unwrap();
            let br = client
                .get(format!("{base}{path}"))
                .header("cookie", &cookie)
                .header("accept-encoding", "br")
                .send()
                .await
                .unwrap();
            assert_eq!(br.headers()["content-encoding"], "br");
            std::fs::write(root.join(format!("{file}.br")), br.bytes().await.unwrap()).unwrap();
        });
    }
    let port = free_port();
    let conf = dir.path().join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "daemon off; worker_processes auto; pid {pid}; error_log {log} warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;\n\
               server {{ listen 127.0.0.1:{port}; root {root};\n\
                 location / {{ default_type text/html; }}\n\
                 location ~ \\.br$ {{ default_type text/html; add_header Content-Encoding br; }} }} }}\n",
            pid = dir.path().join("nginx.pid").display(),
            log = dir.path().join("nginx-error.log").display(),
            root = root.display(),
        ),
    )
    .unwrap();
    let mut nginx = Command::new("nginx")
        .args([
            "-c",
            conf.to_str().unwrap(),
            "-p",
            dir.path().to_str().unwrap(),
        ])
        .stderr(Stdio::null())
        .spawn()
        .expect("start nginx");
    std::thread::sleep(std::time::Duration::from_millis(500));

    println!(
        "wrk -t2 -c32 -d{seconds}s, same run; Lore: SQLite, signed in as the demo analyst; \
         nginx (a worker per core) serving the same bytes"
    );
    println!(
        "{:<30} {:>10} {:>9} {:>9} {:>7} | {:>10} {:>9} {:>9} | {:>6}",
        "page",
        "Lore rq/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "nginx rq/s",
        "p50 ms",
        "p99 ms",
        "ratio"
    );
    for (name, path, file) in &pages {
        for (coding, suffix) in [("plain", ""), ("brotli", ".br")] {
            let mut headers = vec![format!("Cookie: {cookie}")];
            if suffix == ".br" {
                headers.push("Accept-Encoding: br".into());
            }
            let ours = wrk(&format!("{base}{path}"), &headers, seconds);
            let theirs = wrk(
                &format!("http://127.0.0.1:{port}/{file}{suffix}"),
                &[],
                seconds,
            );
            println!(
                "{:<30} {:>10.0} {:>9.2} {:>9.2} {:>7} | {:>10.0} {:>9.2} {:>9.2} | {:>5.2}x",
                format!("{name} ({coding})"),
                ours.per_second,
                ours.p50_ms,
                ours.p99_ms,
                ours.errors,
                theirs.per_second,
                theirs.p50_ms,
                theirs.p99_ms,
                ours.per_second / theirs.per_second
            );
        }
    }
    // SIGTERM: the master stops its workers (SIGKILL would leave them running, holding our
    // output open).
    let _ = Command::new("kill")
        .args(["-TERM", &nginx.id().to_string()])
        .status();
    let _ = nginx.wait();
    let _ = lore.kill();
    let _ = lore.wait();
}
