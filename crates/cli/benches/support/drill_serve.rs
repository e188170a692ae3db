//! The serving drill (issue 13, item 5): `lore serve` under a mix of page reads and writes for
//! `LORE_DRILL_SECONDS` (default 60) from `LORE_DRILL_CONNECTIONS` (default 32) clients.
//!
//! - `serve-postgres`: two servers on one PostgreSQL (`LORE_TEST_DATABASE_URL`, as
//!   `cargo xtask pg` prints it); halfway, one is killed with SIGKILL and started again three
//!   seconds later, its clients sent to the other meanwhile, as a load balancer would.
//! - `serve-sqlite`: one server on the embedded store.
//!
//! The mix: the incident page (60 %), the library (15 %), marking a moment (17 %) and saving the
//! narrative on the version just read (8 %; a 409 for a version someone else has replaced in
//! between is the right answer, not an error). Every write has a token of its own; afterwards
//! every acknowledged one (303) must be in the store. Counted as errors: any other status, and
//! transport failures except for requests in flight to the server at the moment it was
//! killed (their outcome is unknown to the client, so they are neither acknowledged nor lost:
//! they are reported). The servers' logs are searched for "database is locked".

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::sync::RwLock;

use super::synthetic_slack;

const LORE: &str = env!("CARGO_BIN_EXE_lore");
const PASSWORD: &str = "drill-password-1";

fn lore(data_dir: &Path, database_url: Option<&str>) -> Command {
    let mut cmd = Command::new(LORE);
    cmd.arg("--data-dir").arg(data_dir);
    if let Some(url) = database_url {
        cmd.arg("--database-url").arg(url);
    }
    cmd
}

fn run(cmd: &mut Command, stdin: Option<&str>) {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run lore");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    assert!(child.wait().unwrap().success(), "{cmd:?} failed");
}

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `lore serve` on a free loopback port, its log appended to `log`.
fn serve(data_dir: &Path, database_url: Option<&str>, log: &Path) -> Server {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .expect("server log");
    let mut child = lore(data_dir, database_url)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("LORE_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("start lore serve");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    for line in stdout.lines() {
        let line = line.expect("server output");
        if let Some(rest) = line.strip_prefix("Lore is listening on ") {
            let url = rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_owned();
            return Server { child, url };
        }
    }
    let _ = child.kill();
    let status = child.wait();
    panic!("lore serve exited before listening: {status:?}");
}

#[derive(Default)]
struct Tally {
    reads: AtomicUsize,
    marks: AtomicUsize,
    saves: AtomicUsize,
    stale_refused: AtomicUsize,
    errors: AtomicUsize,
    unknown_at_kill: AtomicUsize,
}

/// Acknowledged writes: moment notes and narrative bodies, each a token of its own.
#[derive(Default)]
struct Acknowledged {
    notes: Vec<String>,
    bodies: Vec<String>,
}

pub fn serve_drill(postgres: bool) -> bool {
    let seconds = std::env::var("LORE_DRILL_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60u64);
    let connections = std::env::var("LORE_DRILL_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32usize);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let work = tempfile::tempdir().expect("temp dir");
    let database_url = if postgres {
        let Ok(server) = std::env::var("LORE_TEST_DATABASE_URL") else {
            eprintln!("serve-postgres needs LORE_TEST_DATABASE_URL (cargo xtask pg prints it)");
            return false;
        };
        Some(rt.block_on(lore_store::testing::fresh_postgres_database(&server)))
    } else {
        None
    };
    let url = database_url.as_deref();
    let data_dirs: Vec<PathBuf> = (0..if postgres { 2 } else { 1 })
        .map(|i| work.path().join(format!("server-{i}")))
        .collect();
    for d in &data_dirs {
        std::fs::create_dir_all(d).unwrap();
    }
    let home = &data_dirs[0];
    // An incident with a chat to mark moments on, and an analyst.
    let export = work.path().join("export");
    synthetic_slack::generate(&export, &work.path().join("messages.csv"), 2_000)
        .expect("generate export");
    run(
        lore(home, url).args(["incident", "create", "drill", "--title", "Drill"]),
        None,
    );
    run(
        lore(home, url)
            .args(["import", "slack"])
            .arg(&export)
            .args(["--incident", "drill"]),
        None,
    );
    run(
        lore(home, url).args([
            "user",
            "add",
            "drill",
            "--role",
            "analyst",
            "--password-stdin",
        ]),
        Some(&format!("{PASSWORD}\n")),
    );
    let log = work.path().join("servers.log");
    let mut servers: Vec<Server> = data_dirs.iter().map(|d| serve(d, url, &log)).collect();
    let urls: Arc<RwLock<Vec<Option<String>>>> = Arc::new(RwLock::new(
        servers.iter().map(|s| Some(s.url.clone())).collect(),
    ));
    let tally = Arc::new(Tally::default());
    let acknowledged = Arc::new(std::sync::Mutex::new(Acknowledged::default()));
    let entry_ids: Vec<i64> = rt.block_on(entry_ids(home, url));
    println!(
        "serve-{} drill: {} server(s), {connections} connections, {seconds} s; incident of {} entries",
        if postgres { "postgres" } else { "sqlite" },
        servers.len(),
        entry_ids.len()
    );

    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let handle = rt.handle().clone();
    let workers: Vec<_> = (0..connections)
        .map(|w| {
            let (urls, tally, acknowledged, ids) = (
                urls.clone(),
                tally.clone(),
                acknowledged.clone(),
                entry_ids.clone(),
            );
            handle.spawn(async move { worker(w, urls, tally, acknowledged, ids, deadline).await })
        })
        .collect();
    if postgres {
        // Halfway: kill one server, start it again three seconds later.
        std::thread::sleep(Duration::from_secs(seconds / 2));
        rt.block_on(async { urls.write().await[0] = None });
        let killed = servers.remove(0);
        drop(killed);
        println!(
            "  {:.1} s: server 0 killed (SIGKILL)",
            started.elapsed().as_secs_f64()
        );
        std::thread::sleep(Duration::from_secs(3));
        let again = serve(&data_dirs[0], url, &log);
        rt.block_on(async { urls.write().await[0] = Some(again.url.clone()) });
        println!(
            "  {:.1} s: server 0 started again",
            started.elapsed().as_secs_f64()
        );
        servers.insert(0, again);
    }
    for w in workers {
        rt.block_on(w).expect("worker");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    let (lost_notes, lost_bodies) = rt.block_on(lost_writes(home, url, &acknowledged));
    drop(servers);
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    let locked = log_text.matches("database is locked").count();
    let log_errors = log_text.lines().filter(|l| l.contains("ERROR")).count();
    let t = &tally;
    let get = |a: &AtomicUsize| a.load(Ordering::SeqCst);
    let requests = get(&t.reads) + get(&t.marks) + get(&t.saves) + get(&t.stale_refused);
    println!(
        "  {requests} answered requests in {elapsed:.1} s ({:.0}/s): {} page reads, {} moments marked, \
         {} narrative saves, {} saves refused as stale (409)",
        requests as f64 / elapsed,
        get(&t.reads),
        get(&t.marks),
        get(&t.saves),
        get(&t.stale_refused)
    );
    println!(
        "  errors: {}; in flight at the kill (outcome unknown): {}; acknowledged writes not in the store: \
         {lost_notes} moments, {lost_bodies} saves; server log: {locked} \"database is locked\", {log_errors} ERROR lines",
        get(&t.errors),
        get(&t.unknown_at_kill)
    );
    get(&t.errors) == 0 && lost_notes == 0 && lost_bodies == 0 && locked == 0 && log_errors == 0
}

async fn worker(
    w: usize,
    urls: Arc<RwLock<Vec<Option<String>>>>,
    tally: Arc<Tally>,
    acknowledged: Arc<std::sync::Mutex<Acknowledged>>,
    entry_ids: Vec<i64>,
    deadline: Instant,
) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut rng = StdRng::seed_from_u64(w as u64);
    let mut cookies: Vec<Option<String>> = vec![None; 2];
    let mut n = 0usize;
    while Instant::now() < deadline {
        n += 1;
        // This worker's server, or the other one while its own is down.
        let (server, base) = {
            let urls = urls.read().await;
            let own = w % urls.len();
            match &urls[own] {
                Some(u) => (own, u.clone()),
                None => {
                    let other = (own + 1) % urls.len();
                    (other, urls[other].clone().expect("one server is up"))
                }
            }
        };
        // A new server process has a new address; sessions live in the database.
        let cookie = match &cookies[server] {
            Some(c) => c.clone(),
            None => match sign_in(&client, &base).await {
                Some(c) => {
                    cookies[server] = Some(c.clone());
                    c
                }
                None => {
                    note_failure(&tally, &urls, server, &base).await;
                    continue;
                }
            },
        };
        let roll = rng.random_range(0..100);
        let outcome = if roll < 60 {
            get_ok(&client, &format!("{base}/incidents/drill"), &cookie)
                .await
                .map(|()| Done::Read)
        } else if roll < 75 {
            get_ok(&client, &format!("{base}/"), &cookie)
                .await
                .map(|()| Done::Read)
        } else if roll < 92 {
            let note = format!("drill-{w}-{n}");
            let entry = entry_ids[rng.random_range(0..entry_ids.len())].to_string();
            post(
                &client,
                &format!("{base}/incidents/drill/annotations"),
                &cookie,
                &base,
                &[
                    ("entry", entry.as_str()),
                    ("theme", "surprise"),
                    ("note", &note),
                ],
            )
            .await
            .map(|status| match status {
                303 => Done::Marked(note),
                other => Done::Unexpected(other),
            })
        } else {
            save_narrative(&client, &base, &cookie, &format!("Drill text {w}-{n}.")).await
        };
        match outcome {
            Ok(Done::Read) => {
                tally.reads.fetch_add(1, Ordering::SeqCst);
            }
            Ok(Done::Marked(note)) => {
                tally.marks.fetch_add(1, Ordering::SeqCst);
                acknowledged.lock().unwrap().notes.push(note);
            }
            Ok(Done::Saved(body)) => {
                tally.saves.fetch_add(1, Ordering::SeqCst);
                acknowledged.lock().unwrap().bodies.push(body);
            }
            Ok(Done::Stale) => {
                tally.stale_refused.fetch_add(1, Ordering::SeqCst);
            }
            Ok(Done::Unexpected(status)) => {
                eprintln!("  unexpected status {status} from {base}");
                tally.errors.fetch_add(1, Ordering::SeqCst);
            }
            Err(()) => {
                cookies[server] = None;
                note_failure(&tally, &urls, server, &base).await;
            }
        }
    }
}

/// A transport failure: expected only from a server that has been killed (its address is no
/// longer listed); anything else is an error.
async fn note_failure(
    tally: &Tally,
    urls: &RwLock<Vec<Option<String>>>,
    server: usize,
    base: &str,
) {
    if urls.read().await[server].as_deref() == Some(base) {
        eprintln!("  transport failure from a live server {base}");
        tally.errors.fetch_add(1, Ordering::SeqCst);
    } else {
        tally.unknown_at_kill.fetch_add(1, Ordering::SeqCst);
    }
}

enum Done {
    Read,
    Marked(String),
    Saved(String),
    Stale,
    Unexpected(u16),
}

async fn sign_in(client: &reqwest::Client, base: &str) -> Option<String> {
    let res = client
        .post(format!("{base}/login"))
        .form(&[("username", "drill"), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .ok()?;
    if res.status() != 303 {
        return None;
    }
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lore_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

async fn get_ok(client: &reqwest::Client, url: &str, cookie: &str) -> Result<(), ()> {
    let res = client
        .get(url)
        .header("cookie", cookie)
        .send()
        .await
        .map_err(|_| ())?;
    let status = res.status().as_u16();
    res.bytes().await.map_err(|_| ())?;
    if status == 200 {
        Ok(())
    } else {
        eprintln!("  GET {url}: {status}");
        Err(())
    }
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    cookie: &str,
    origin: &str,
    form: &[(&str, &str)],
) -> Result<u16, ()> {
    let res = client
        .post(url)
        .header("cookie", cookie)
        .header("origin", origin)
        .form(form)
        .send()
        .await
        .map_err(|_| ())?;
    let status = res.status().as_u16();
    res.bytes().await.map_err(|_| ())?;
    Ok(status)
}

/// Reads the editor for the current version, then saves on it.
async fn save_narrative(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    body: &str,
) -> Result<Done, ()> {
    let url = format!("{base}/incidents/drill/narrative");
    let page = client
        .get(&url)
        .header("cookie", cookie)
        .send()
        .await
        .map_err(|_| ())?
        .text()
        .await
        .map_err(|_| ())?;
    let version = page
        .split(r#"name="base_version" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_owned();
    let status = post(
        client,
        &url,
        cookie,
        base,
        &[
            ("base_version", version.as_str()),
            ("body", body),
            ("action", "save"),
        ],
    )
    .await?;
    Ok(match status {
        303 => Done::Saved(body.to_owned()),
        409 => Done::Stale,
        other => Done::Unexpected(other),
    })
}

/// The drill's store, read directly to check what the servers wrote.
enum DrillDb {
    Postgres(sqlx::PgPool),
    Sqlite(sqlx::SqlitePool),
}

impl DrillDb {
    async fn open(data_dir: &Path, database_url: Option<&str>) -> DrillDb {
        match database_url {
            Some(url) => DrillDb::Postgres(sqlx::PgPool::connect(url).await.unwrap()),
            None => DrillDb::Sqlite(
                sqlx::SqlitePool::connect(&format!(
                    "sqlite://{}",
                    data_dir.join("lore.sqlite3").display()
                ))
                .await
                .unwrap(),
            ),
        }
    }

    async fn column<T>(&self, sql: &'static str) -> Vec<T>
    where
        T: Send + Unpin,
        T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
        T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
    {
        match self {
            DrillDb::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
            DrillDb::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        }
    }
}

async fn entry_ids(data_dir: &Path, database_url: Option<&str>) -> Vec<i64> {
    DrillDb::open(data_dir, database_url)
        .await
        .column("SELECT id FROM timeline_entries ORDER BY id LIMIT 500")
        .await
}

/// How many acknowledged moments and saves the store does not hold.
async fn lost_writes(
    data_dir: &Path,
    database_url: Option<&str>,
    acknowledged: &Acknowledged,
) -> (usize, usize) {
    let db = DrillDb::open(data_dir, database_url).await;
    let notes: Vec<String> = db.column("SELECT note FROM annotations").await;
    let bodies: Vec<String> = db.column("SELECT body FROM narratives").await;
    let notes: std::collections::HashSet<String> = notes.into_iter().collect();
    let bodies: std::collections::HashSet<String> =
        bodies.into_iter().map(|b| b.trim().to_owned()).collect();
    (
        acknowledged
            .notes
            .iter()
            .filter(|n| !notes.contains(*n))
            .count(),
        acknowledged
            .bodies
            .iter()
            .filter(|b| !bodies.contains(b.trim()))
            .count(),
    )
}
