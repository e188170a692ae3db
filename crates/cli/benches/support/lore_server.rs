//! A `lore serve` for a benchmark: started on a free loopback port, and a session signed in
//! through the form, as a browser would.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Starts `lore serve` (the binary `lore`) on `dir` with these arguments and returns it and
/// its address once it says where it listens.
pub fn serve(lore: &str, dir: &Path, extra: &[&str]) -> (Child, String) {
    let mut server = Command::new(lore)
        .arg("--data-dir")
        .arg(dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
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
    (server, base)
}

/// Signs in through the form and returns the session cookie (`lore_session=…`).
pub async fn sign_in(client: &reqwest::Client, base: &str, user: &str, password: &str) -> String {
    let login = client
        .post(format!("{base}/login"))
        .form(&[("username", user), ("password", password)])
        .send()
        .await
        .unwrap();
    login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("lore_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("signed in")
}
