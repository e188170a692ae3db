use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub const LORE: &str = env!("CARGO_BIN_EXE_lore");
pub const DEMO_SLUG: &str = "2026-03-17-riverton-stations-stuck-in-maintenance";
/// The demo's second incident, which links to the first.
pub const FOLLOW_UP_SLUG: &str = "2026-05-06-firmware-rollout-paused-by-a-stale-notice";

/// The repository's demo timeline, a real file to import.
pub fn demo_timeline() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/timeline.jsonl")
}

/// A fresh data directory and a way to run `lore` against it.
pub struct Home {
    pub dir: TempDir,
    pub database_url: Option<String>,
}

/// What one run of `lore` did, with everything needed to understand a failed assertion.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, Some(0), "lore failed: {self:#?}");
        self
    }

    #[track_caller]
    pub fn fails_with(self, code: i32, message: &str) -> Self {
        assert_eq!(self.code, Some(code), "unexpected exit: {self:#?}");
        assert!(
            self.stderr.contains(message),
            "stderr lacks {message:?}: {self:#?}"
        );
        self
    }
}

impl Home {
    pub fn new() -> Self {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
            database_url: None,
        }
    }

    pub fn with_database(url: String) -> Self {
        Home {
            database_url: Some(url),
            ..Home::new()
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(LORE);
        cmd.arg("--data-dir").arg(self.data_dir());
        cmd.env_remove("LORE_DATABASE_URL")
            .env_remove("LORE_DATA_DIR");
        if let Some(url) = &self.database_url {
            cmd.arg("--database-url").arg(url);
        }
        cmd.args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start lore");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let Output {
            status,
            stdout,
            stderr,
        } = child.wait_with_output().expect("wait for lore");
        Run {
            code: status.code(),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    /// Creates two incidents: `riverton`, open to everyone signed in, and `secret`, restricted
    /// (only admins and its access list see it).
    pub fn create_open_and_restricted_incidents(&self) {
        self.run(&["incident", "create", "riverton", "--title", "Riverton"])
            .ok();
        self.run(&[
            "incident",
            "create",
            "secret",
            "--title",
            "Secret",
            "--restricted",
        ])
        .ok();
    }

    /// Adds an account with a known password.
    pub fn add_user(&self, name: &str, role: &str, password: &str) {
        self.run_with_stdin(
            &["user", "add", name, "--role", role, "--password-stdin"],
            &format!("{password}\n"),
        )
        .ok();
    }

    /// Starts `lore serve` on a free loopback port and waits until it says where it listens.
    pub fn serve(&self, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--listen", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        let mut child = self
            .command(&args)
            .env("LORE_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start lore serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        let mut server = Server {
            child,
            url: String::new(),
            printed: Vec::new(),
        };
        while Instant::now() < deadline {
            let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) else {
                if let Some(status) = server.child.try_wait().unwrap() {
                    panic!("lore serve exited with {status} before listening; stdout: {seen:#?}");
                }
                continue;
            };
            if let Some(rest) = line.strip_prefix("Lore is listening on ") {
                server.url = rest
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .trim_end_matches('/')
                    .to_owned();
            }
            seen.push(line);
            // The demo prints two more lines after the address.
            let want = if extra.contains(&"--demo") { 3 } else { 1 };
            if !server.url.is_empty() && seen.len() >= want {
                server.printed = seen;
                return server;
            }
        }
        panic!("lore serve did not report its address within 60 s; stdout: {seen:#?}");
    }
}

/// A running `lore serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub printed: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client that follows no redirects, so tests see exactly what the server answered.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Signs in through the form and returns the session cookie (`name=value`).
pub async fn sign_in(client: &reqwest::Client, base: &str, user: &str, password: &str) -> String {
    let res = client
        .post(format!("{base}/login"))
        .form(&[("username", user), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        303,
        "sign-in as {user} failed: {:?}",
        res.text().await
    );
    session_cookie(&res).expect("sign-in sets a session cookie")
}

pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lore_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

/// GETs `url` with a session cookie; a request that fails fails the test.
pub async fn get_with(
    client: &reqwest::Client,
    url: impl reqwest::IntoUrl,
    cookie: &str,
) -> reqwest::Response {
    client
        .get(url)
        .header("cookie", cookie.to_owned())
        .send()
        .await
        .unwrap()
}

/// GETs `url` with a session cookie and reads the body as JSON.
pub async fn get_json<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    url: impl reqwest::IntoUrl,
    cookie: &str,
) -> T {
    get_with(client, url, cookie).await.json().await.unwrap()
}

/// GETs `url` with a session cookie and reads the body as text.
pub async fn get_text(
    client: &reqwest::Client,
    url: impl reqwest::IntoUrl,
    cookie: &str,
) -> String {
    get_with(client, url, cookie).await.text().await.unwrap()
}

/// `lore serve --demo` with a client signed in twice: as the demo analyst and as a reader.
pub struct DemoServer {
    pub home: Home,
    pub server: Server,
    pub client: reqwest::Client,
    /// Session cookies.
    pub analyst: String,
    pub reader: String,
}

impl DemoServer {
    pub async fn start() -> Self {
        let home = Home::new();
        home.add_user("rita", "reader", "reader-password-1");
        let server = home.serve(&["--demo"]);
        let client = http_client();
        let analyst = sign_in(&client, &server.url, "demo", "demo-password").await;
        let reader = sign_in(&client, &server.url, "rita", "reader-password-1").await;
        DemoServer {
            home,
            server,
            client,
            analyst,
            reader,
        }
    }
}

/// A JSON Lines timeline of `n` entries, 2.6 seconds apart from 2026-03-17 00:00 UTC: five
/// authors, two channels and entries without one, alerts among the chat, every twentieth a
/// bot's noise, and every fiftieth a reply to the entry thirty before it (in an earlier window
/// of the page). Entry `i`'s record id is `e{i}`.
pub fn big_timeline_jsonl(n: usize) -> String {
    let start = time::macros::datetime!(2026-03-17 00:00 UTC);
    let mut out = String::with_capacity(n * 220);
    for i in 0..n {
        let at = start + time::Duration::milliseconds(2_600 * i as i64);
        let at = at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
        let author = ["nadia", "jonah", "tomas", "meilin", "rafa"][i % 5];
        let mut record = serde_json::json!({
            "id": format!("e{i}"),
            "datetime": at,
            "message": format!("message {i}: the broker kept retrying at station {}", i % 400),
            "author": author,
            "kind": if i % 9 == 4 { "alert" } else { "chat" },
            "timestamp_desc": "Message",
        });
        match i % 3 {
            0 => record["channel"] = "#ops".into(),
            1 => record["channel"] = "#dev".into(),
            _ => {}
        }
        if i % 20 == 7 {
            record["noise"] = true.into();
        }
        if i % 50 == 49 {
            record["thread_parent"] = format!("e{}", i - 30).into();
        }
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

/// A home with the incident `big` holding `n` generated entries ([`big_timeline_jsonl`]), a
/// restricted incident `secret` holding a few, an analyst `ana` and a reader `rita`.
pub fn home_with_a_big_incident(n: usize) -> Home {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    home.run(&["incident", "create", "big", "--title", "Big"])
        .ok();
    home.run(&[
        "incident",
        "create",
        "secret",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let file = home.dir.path().join("big.jsonl");
    std::fs::write(&file, big_timeline_jsonl(n)).unwrap();
    let path = file.to_str().unwrap();
    home.run(&["import", "jsonl", path, "--incident", "big"])
        .ok();
    let small = home.dir.path().join("small.jsonl");
    std::fs::write(&small, big_timeline_jsonl(5)).unwrap();
    home.run(&[
        "import",
        "jsonl",
        small.to_str().unwrap(),
        "--incident",
        "secret",
    ])
    .ok();
    home
}

/// The entries of one page of `GET /api/incidents/{slug}/timeline` (the demo's fit in one).
pub async fn api_entries(
    client: &reqwest::Client,
    url: impl reqwest::IntoUrl,
    cookie: &str,
) -> Vec<serde_json::Value> {
    let page: serde_json::Value = get_json(client, url, cookie).await;
    page["entries"]
        .as_array()
        .expect("a page of entries")
        .clone()
}

/// The page without its learning signals panel, whose counts change with every new reader.
pub fn without_readers(page: &str) -> String {
    let start = page
        .find(r#"<section aria-labelledby="signals-heading""#)
        .expect("a learning signals panel");
    let end = start + page[start..].find("</section>").expect("the panel ends");
    format!("{}{}", &page[..start], &page[end..])
}
