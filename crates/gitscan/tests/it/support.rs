//! Builds real repositories with the `git` CLI (only to build them: the crate under test never
//! runs git). Global and system configuration are ignored and every date is fixed, so commit
//! ids are the same on every machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const NAME: &str = "Ada Analyst";

/// A command running git on `dir` with a clean, fixed environment.
pub fn git_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", NAME)
        .env("GIT_AUTHOR_EMAIL", "ada@example.invalid")
        .env("GIT_COMMITTER_NAME", NAME)
        .env("GIT_COMMITTER_EMAIL", "ada@example.invalid")
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "core.autocrlf=false",
            "-c",
            "commit.gpgsign=false",
        ]);
    command
}

/// Runs git, panicking with its error output if it fails; returns standard output, trimmed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, args, None)
}

fn git_at(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut command = git_command(dir);
    command.args(args).stdin(Stdio::null());
    if let Some(date) = date {
        command
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let output = command.output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("git prints UTF-8")
        .trim()
        .to_owned()
}

/// A repository in a temporary directory whose commits are one day apart.
pub struct Repo {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    day: u32,
}

impl Repo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("repo");
        std::fs::create_dir(&path).unwrap();
        git(&path, &["init", "-q"]);
        Repo {
            _dir: dir,
            path,
            day: 0,
        }
    }

    pub fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let full = self.path.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
    }

    /// The date the next commit gets, and advances the clock.
    pub fn next_date(&mut self) -> String {
        self.day += 1;
        format!("2026-03-{:02}T10:00:00+01:00", self.day)
    }

    pub fn git(&self, args: &[&str]) -> String {
        git(&self.path, args)
    }

    /// Stages everything and commits with `message`; returns the new commit's id.
    pub fn commit(&mut self, message: &str) -> String {
        let date = self.next_date();
        git(&self.path, &["add", "-A"]);
        git_at(
            &self.path,
            &["commit", "-q", "--allow-empty", "-m", message],
            Some(&date),
        );
        git(&self.path, &["rev-parse", "HEAD"])
    }

    /// Runs a git command that makes a commit (a merge), dated like [`Repo::commit`].
    pub fn git_dated(&mut self, args: &[&str]) -> String {
        let date = self.next_date();
        git_at(&self.path, args, Some(&date));
        git(&self.path, &["rev-parse", "HEAD"])
    }

    /// The date of the `n`th commit made (1-based), as the scanner reports it.
    pub fn date_of(n: u32) -> time::OffsetDateTime {
        let text = format!("2026-03-{n:02}T10:00:00+01:00");
        time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).unwrap()
    }
}
