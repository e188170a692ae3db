//! Installing missing Debian packages (only possible as root).

use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;

/// Installs `packages` with one `apt-get update` and one `apt-get install`.
pub fn install_packages(packages: &[&str], as_root: bool) -> Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    let list = packages.join(" ");
    if !as_root {
        bail!("{list} missing, and installing Debian packages needs root");
    }
    println!("==> Installing Debian packages: {list}");
    cmd::run(Command::new("apt-get").arg("update")).context("refreshing the apt package lists")?;
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages),
    )
    .with_context(|| format!("installing {list}"))
}
