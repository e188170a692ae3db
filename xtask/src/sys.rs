//! Facts about the machine and scratch resources shared by the services.

use std::fs;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd;

/// Whether we run as root, the only case where packages can be installed and
/// PostgreSQL must be run as its own user (it refuses to run as root).
pub fn is_root() -> Result<bool> {
    let uid = cmd::stdout_of(Command::new("id").arg("-u")).context("checking the user id")?;
    Ok(uid.trim() == "0")
}

/// An empty directory `<tmp>/<prefix>-<pid>`, removing a stale one left by an
/// earlier process that had the same pid.
pub fn fresh_temp_dir(prefix: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir)
            .with_context(|| format!("removing stale directory {}", dir.display()))?;
    }
    fs::create_dir(&dir).with_context(|| format!("creating directory {}", dir.display()))?;
    Ok(dir)
}

/// Removes a scratch directory if it is still there.
pub fn remove_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    Ok(())
}

/// A TCP port on 127.0.0.1 that was free a moment ago. The listener is dropped
/// before returning so the service can bind it; the tiny race is acceptable
/// for a test runner.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .context("binding 127.0.0.1:0 to find a free port")?;
    let port = listener
        .local_addr()
        .context("reading the port of a bound socket")?
        .port();
    Ok(port)
}

/// The last `lines` lines of a log file, for error messages.
pub fn tail(path: &Path, lines: usize) -> String {
    match fs::read_to_string(path) {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(err) => format!("(could not read {}: {err})", path.display()),
    }
}
