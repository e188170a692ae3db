//! The services the tests need, set up before and torn down after them.
//!
//! Each service is announced to the tests through an environment variable.
//! A service that cannot be set up is fatal in CI; elsewhere its variable is
//! left unset and its tests skip themselves with a message.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::chromedriver::{self, Chromedriver};
use crate::pg_cluster::{self, Postgres};
use crate::{cmd, install, sys};

pub const DATABASE_URL_VAR: &str = "LORE_TEST_DATABASE_URL";
pub const WEBDRIVER_URL_VAR: &str = "LORE_WEBDRIVER_URL";
pub const CHROMIUM_VAR: &str = "LORE_CHROMIUM";
pub const AXE_PATH_VAR: &str = "LORE_AXE_PATH";

/// The npm project pinning axe-core, relative to the workspace root.
const BROWSER_ASSETS_DIR: &str = "tests-browser";
const AXE_SCRIPT: &str = "node_modules/axe-core/axe.min.js";

/// The running services; dropping it (or calling [`Services::teardown`])
/// stops them.
#[derive(Default)]
pub struct Services {
    postgres: Option<Postgres>,
    chromedriver: Option<Chromedriver>,
    env: Vec<(&'static str, String)>,
}

impl Services {
    /// Installs what is missing (as root), then starts PostgreSQL and
    /// chromedriver and locates axe-core. With `ci`, any failure is an error.
    pub fn start(workspace_root: &Path, ci: bool) -> Result<Services> {
        let as_root = sys::is_root()?;
        if let Err(err) = install::install_packages(&missing_packages(true), as_root) {
            // Not fatal by itself: each service below reports what it lacks.
            eprintln!("warning: {err:#}");
        }

        // Filled in step by step so an error returns through `Drop`, which
        // stops whatever already started.
        let mut services = Services::default();

        println!("==> Starting PostgreSQL");
        match Postgres::start(as_root) {
            Ok(pg) => {
                services.export(DATABASE_URL_VAR, pg.url());
                services.postgres = Some(pg);
            }
            Err(err) => unavailable(ci, "PostgreSQL", err)?,
        }

        println!("==> Starting chromedriver");
        match Chromedriver::start() {
            Ok(driver) => {
                services.export(WEBDRIVER_URL_VAR, driver.url());
                services.export(CHROMIUM_VAR, chromedriver::CHROMIUM.to_owned());
                services.chromedriver = Some(driver);
            }
            Err(err) => unavailable(ci, "chromedriver", err)?,
        }

        println!("==> Locating axe-core");
        match ensure_axe(workspace_root) {
            Ok(path) => services.export(AXE_PATH_VAR, path.display().to_string()),
            Err(err) => unavailable(ci, "axe-core", err)?,
        }

        for (name, value) in &services.env {
            println!("    {name}={value}");
        }
        Ok(services)
    }

    fn export(&mut self, name: &'static str, value: String) {
        self.env.push((name, value));
    }

    /// The variables to pass to the test processes.
    pub fn env(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.env.iter().map(|(name, value)| (*name, value.as_str()))
    }

    /// Whether every one of `vars` was exported, i.e. its service is up.
    pub fn provides(&self, vars: &[&str]) -> bool {
        vars.iter()
            .all(|var| self.env.iter().any(|(name, _)| name == var))
    }

    /// Stops everything, reporting every failure rather than the first.
    pub fn teardown(&mut self) -> Result<()> {
        let mut failures = Vec::new();
        if let Some(mut driver) = self.chromedriver.take() {
            failures.extend(driver.stop().err());
        }
        if let Some(mut pg) = self.postgres.take() {
            failures.extend(pg.stop().err());
        }
        self.env.clear();
        match failures.len() {
            0 => Ok(()),
            _ => {
                let messages: Vec<String> = failures.iter().map(|e| format!("{e:#}")).collect();
                bail!("teardown failed: {}", messages.join("; "))
            }
        }
    }
}

/// Debian packages to install before starting the services.
pub fn missing_packages(with_browser: bool) -> Vec<&'static str> {
    let mut packages = Vec::new();
    if pg_cluster::find_bin_dir().is_none() {
        packages.push(pg_cluster::PACKAGE);
    }
    if with_browser {
        if !Path::new(chromedriver::CHROMIUM).is_file() {
            packages.push(chromedriver::CHROMIUM_PACKAGE);
        }
        if !Path::new(chromedriver::CHROMEDRIVER).is_file() {
            packages.push(chromedriver::CHROMEDRIVER_PACKAGE);
        }
    }
    packages
}

/// In CI a missing service must fail the run (a green run that skipped the
/// PostgreSQL or browser tests would hide breakage); locally it is a warning.
fn unavailable(ci: bool, service: &str, err: anyhow::Error) -> Result<()> {
    if ci {
        return Err(err.context(format!("{service} could not be set up, and CI requires it")));
    }
    eprintln!("warning: {service} could not be set up; its tests will skip themselves: {err:#}");
    Ok(())
}

/// The absolute path of axe.min.js, running `npm ci` first if the pinned
/// package is not installed yet.
fn ensure_axe(workspace_root: &Path) -> Result<PathBuf> {
    let assets = workspace_root.join(BROWSER_ASSETS_DIR);
    let script = assets.join(AXE_SCRIPT);
    if !script.is_file() {
        cmd::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&assets),
        )
        .with_context(|| format!("installing the pinned axe-core in {}", assets.display()))?;
    }
    if !script.is_file() {
        bail!("{} is missing even after npm ci", script.display());
    }
    Ok(script)
}
