//! A throwaway PostgreSQL cluster in a temporary directory. (The module is
//! not called `postgres` so that its unit tests stay out of the `postgres`
//! test group.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{cmd, sys};

/// Where Debian installs each PostgreSQL major version: `<root>/<version>/bin`.
const INSTALL_ROOT: &str = "/usr/lib/postgresql";

/// Debian package that provides `initdb` and `pg_ctl`.
pub const PACKAGE: &str = "postgresql";

/// A running cluster; stopping it and removing its directory happens in
/// [`Postgres::stop`], which `Drop` calls too, so no exit path leaks it.
pub struct Postgres {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    port: u16,
    /// Root must hand the work to the `postgres` user: PostgreSQL refuses to
    /// run as root.
    as_root: bool,
    running: bool,
}

/// The `bin` directory of the highest installed PostgreSQL version that has
/// both `initdb` and `pg_ctl`.
pub fn find_bin_dir() -> Option<PathBuf> {
    let entries = fs::read_dir(INSTALL_ROOT).ok()?;
    entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version = parse_version(&entry.file_name().to_string_lossy())?;
            let bin = entry.path().join("bin");
            let complete = bin.join("initdb").is_file() && bin.join("pg_ctl").is_file();
            complete.then_some((version, bin))
        })
        .max_by(|(a, _), (b, _)| a.cmp(b))
        .map(|(_, bin)| bin)
}

/// "15" or "9.6" as comparable numbers; other directory names are ignored.
fn parse_version(name: &str) -> Option<Vec<u32>> {
    name.split('.').map(|part| part.parse().ok()).collect()
}

impl Postgres {
    /// Creates a fresh cluster and starts it on a free port of 127.0.0.1.
    pub fn start(as_root: bool) -> Result<Postgres> {
        let bin_dir = find_bin_dir()
            .with_context(|| format!("no initdb and pg_ctl under {INSTALL_ROOT}/*/bin"))?;
        let data_dir = sys::fresh_temp_dir("lore-pg")?;
        // From here on the guard owns the directory, so an error below still
        // removes it.
        let mut pg = Postgres {
            bin_dir,
            data_dir,
            port: 0,
            as_root,
            running: false,
        };
        if as_root {
            cmd::run_quiet(
                Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(&pg.data_dir),
            )
            .context("giving the data directory to the postgres user")?;
        }
        pg.initdb()?;
        pg.port = sys::free_port()?;
        pg.start_server()?;
        Ok(pg)
    }

    /// The URL the tests connect with (trust authentication, no password).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn initdb(&self) -> Result<()> {
        let mut initdb = self.tool("initdb");
        initdb.arg("-D").arg(&self.data_dir).args([
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
            // Letters beyond ASCII are letters (search tokenises and lower-cases them as
            // SQLite does), whatever locale the machine's environment has.
            "--locale=C.UTF-8",
        ]);
        cmd::run_quiet(&mut initdb).context("creating the PostgreSQL cluster (initdb)")
    }

    fn start_server(&mut self) -> Result<()> {
        let log = self.log_path();
        // The socket goes into the data directory: the default one
        // (/var/run/postgresql) may not exist or belong to another server.
        let server_options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            self.data_dir.display()
        );
        let mut pg_ctl = self.tool("pg_ctl");
        pg_ctl
            .arg("-D")
            .arg(&self.data_dir)
            .arg("-l")
            .arg(&log)
            .arg("-w")
            .arg("-o")
            .arg(server_options)
            .arg("start");
        if let Err(err) = cmd::run_quiet(&mut pg_ctl) {
            bail!(
                "starting PostgreSQL on port {}: {err:#}\nserver log:\n{}",
                self.port,
                sys::tail(&log, 20)
            );
        }
        self.running = true;
        Ok(())
    }

    /// Stops the server and removes the data directory; safe to call twice.
    pub fn stop(&mut self) -> Result<()> {
        let stopped = if self.running {
            // Cleared first so a failed stop is not retried by `Drop`.
            self.running = false;
            let mut pg_ctl = self.tool("pg_ctl");
            pg_ctl
                .arg("-D")
                .arg(&self.data_dir)
                .args(["-m", "immediate", "stop"]);
            cmd::run_quiet(&mut pg_ctl).context("stopping PostgreSQL")
        } else {
            Ok(())
        };
        // Removed even when the stop failed: the postmaster shuts itself down
        // once its lock file is gone.
        let removed = sys::remove_dir(&self.data_dir);
        stopped.and(removed)
    }

    /// A PostgreSQL program, run as `postgres` when we are root. It runs in
    /// the data directory because the `postgres` user may not be allowed into
    /// our working directory.
    fn tool(&self, name: &str) -> Command {
        let program = self.bin_dir.join(name);
        let mut command = if self.as_root {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(program);
            runuser
        } else {
            Command::new(program)
        };
        command.current_dir(&self.data_dir);
        command
    }

    fn log_path(&self) -> PathBuf {
        self.data_dir.join("log")
    }

    /// The data directory, for messages.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Err(err) = self.stop() {
            eprintln!("warning: tearing down PostgreSQL: {err:#}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_version;

    #[test]
    fn versions_compare_numerically() {
        assert!(parse_version("15") > parse_version("9.6"));
        assert!(parse_version("16") > parse_version("15"));
        assert_eq!(parse_version("not-a-version"), None);
    }
}
