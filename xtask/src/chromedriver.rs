//! chromedriver on a free port, driving Debian's Chromium.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{cmd, sys};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian packages providing [`CHROMIUM`] and [`CHROMEDRIVER`].
pub const CHROMIUM_PACKAGE: &str = "chromium";
pub const CHROMEDRIVER_PACKAGE: &str = "chromium-driver";

const READY_TIMEOUT: Duration = Duration::from_secs(20);
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// A running chromedriver; [`Chromedriver::stop`] (also called by `Drop`)
/// kills it and removes its log directory.
pub struct Chromedriver {
    child: Option<Child>,
    dir: PathBuf,
    port: u16,
}

impl Chromedriver {
    /// Starts chromedriver and waits until it answers `GET /status`.
    pub fn start() -> Result<Chromedriver> {
        for program in [CHROMIUM, CHROMEDRIVER] {
            if !Path::new(program).is_file() {
                bail!("{program} not found");
            }
        }
        let dir = sys::fresh_temp_dir("lore-chromedriver")?;
        let log_path = dir.join("chromedriver.log");
        let mut driver = Chromedriver {
            child: None,
            dir,
            port: sys::free_port()?,
        };
        let log =
            File::create(&log_path).with_context(|| format!("creating {}", log_path.display()))?;
        let log_for_stderr = log
            .try_clone()
            .with_context(|| format!("duplicating the handle of {}", log_path.display()))?;
        let mut command = Command::new(CHROMEDRIVER);
        command
            .arg(format!("--port={}", driver.port))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_for_stderr)
            // Its own process group: Ctrl-C is handled by our teardown, and
            // the teardown can kill any Chromium it left behind with it.
            .process_group(0);
        let child = command
            .spawn()
            .with_context(|| format!("could not start `{}`", cmd::describe(&command)))?;
        driver.child = Some(child);
        if let Err(err) = driver.wait_until_ready() {
            bail!(
                "chromedriver on port {} is not ready: {err:#}\nits log:\n{}",
                driver.port,
                sys::tail(&log_path, 20)
            );
        }
        Ok(driver)
    }

    /// The WebDriver URL for the tests.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn wait_until_ready(&mut self) -> Result<()> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(child) = self.child.as_mut() {
                let exited = child.try_wait().context("checking on chromedriver")?;
                if let Some(status) = exited {
                    bail!("chromedriver exited early with {status}");
                }
            }
            if status_answers(self.port) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!("no answer to GET /status within {READY_TIMEOUT:?}");
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// Kills chromedriver (and its process group) and removes its directory;
    /// safe to call twice.
    pub fn stop(&mut self) -> Result<()> {
        let killed = match self.child.take() {
            Some(child) => kill(child),
            None => Ok(()),
        };
        let removed = sys::remove_dir(&self.dir);
        killed.and(removed)
    }
}

fn kill(mut child: Child) -> Result<()> {
    // Best effort for browsers the tests did not quit; chromedriver itself is
    // killed and reaped below either way.
    let group = format!("-{}", child.id());
    let _ = Command::new("kill")
        .args(["-KILL", "--", &group])
        .stderr(Stdio::null())
        .status();
    if child
        .try_wait()
        .context("checking on chromedriver")?
        .is_none()
    {
        child.kill().context("killing chromedriver")?;
    }
    child.wait().context("waiting for chromedriver to exit")?;
    Ok(())
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        if let Err(err) = self.stop() {
            eprintln!("warning: tearing down chromedriver: {err:#}");
        }
    }
}

/// Whether `GET /status` on 127.0.0.1:`port` answers 200, with a minimal
/// HTTP/1.1 client (no HTTP crate for one request).
fn status_answers(port: u16) -> bool {
    http_get_status(port, "/status").is_ok_and(|code| code == 200)
}

fn http_get_status(port: u16, path: &str) -> std::io::Result<u16> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1))?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    // Only the status line is read: chromedriver keeps the connection open
    // despite `Connection: close`, so reading to the end would time out.
    let head = read_status_line(&mut stream)?;
    parse_status_code(&head)
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP response: {head:?}")))
}

/// Reads until the end of the first line (or of the stream).
fn read_status_line(stream: &mut impl Read) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 256];
    while !head.contains(&b'\n') {
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..read]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// The status code of an HTTP response: "HTTP/1.1 200 OK" -> 200.
fn parse_status_code(response: &str) -> Option<u16> {
    let status_line = response.lines().next()?;
    let mut parts = status_line.split_whitespace();
    parts.next()?.starts_with("HTTP/").then_some(())?;
    parts.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::parse_status_code;

    #[test]
    fn reads_http_status_code() {
        assert_eq!(parse_status_code("HTTP/1.1 200 OK\r\n\r\n{}"), Some(200));
        assert_eq!(parse_status_code("HTTP/1.0 404 Not Found\r\n"), Some(404));
        assert_eq!(parse_status_code("garbage"), None);
        assert_eq!(parse_status_code(""), None);
    }
}
