//! Replays a `git log --name-status` dump into a real repository with `git fast-import`, and
//! drives fast-import for generated histories (the benchmark's). Shared by the tests and the
//! benchmark (`#[path]`), so it depends on nothing but std and `time`.
//!
//! What is kept exactly: each commit's author name, author date (with its offset) and message,
//! and which paths it added, modified, deleted or renamed. What is not in the log and so is
//! synthesised: file contents (a file holds its path and the full message of the last commit
//! that touched it), author e-mails (`name@example.invalid`), and the shape of the history: the
//! log does not give parents, so the replay is one linear chain, oldest first, and a merge
//! commit becomes an ordinary commit that changes nothing. Commit ids therefore differ from the
//! original repository's.
#![allow(dead_code)]

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// One commit of the log.
#[derive(Debug, Clone)]
pub struct LogCommit {
    pub id: String,
    pub author: String,
    /// Seconds since the epoch and the offset as git writes it (`+0100`).
    pub seconds: i64,
    pub offset: String,
    pub message: String,
    /// Name-status lines: the status (`A`, `M`, `D`, `R100`…) and its paths.
    pub changes: Vec<(String, Vec<String>)>,
}

/// Parses the output of
/// `git log --date=iso-strict --name-status --format='commit %H%nAuthor: %an%nDate:   %ad%n%n%w(0,4,4)%B'`.
pub fn parse_log(text: &str) -> Vec<LogCommit> {
    let mut commits: Vec<LogCommit> = Vec::new();
    let mut message: Vec<&str> = Vec::new();
    let finish = |commits: &mut Vec<LogCommit>, message: &mut Vec<&str>| {
        if let Some(last) = commits.last_mut() {
            while message.last().is_some_and(|l| l.is_empty()) {
                message.pop();
            }
            last.message = message.join("\n") + "\n";
        }
        message.clear();
    };
    let mut in_changes = false;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("commit ") {
            finish(&mut commits, &mut message);
            in_changes = false;
            commits.push(LogCommit {
                id: id.to_owned(),
                author: String::new(),
                seconds: 0,
                offset: String::new(),
                message: String::new(),
                changes: Vec::new(),
            });
            continue;
        }
        let Some(commit) = commits.last_mut() else {
            continue;
        };
        if let Some(author) = line
            .strip_prefix("Author: ")
            .filter(|_| commit.author.is_empty() && message.is_empty())
        {
            commit.author = author.to_owned();
        } else if let Some(date) = line
            .strip_prefix("Date:   ")
            .filter(|_| commit.offset.is_empty() && message.is_empty())
        {
            let parsed =
                time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc3339)
                    .unwrap_or_else(|e| panic!("bad date {date:?}: {e}"));
            commit.seconds = parsed.unix_timestamp();
            let minutes = parsed.offset().whole_minutes();
            let sign = if minutes < 0 { '-' } else { '+' };
            commit.offset = format!("{sign}{:02}{:02}", minutes.abs() / 60, minutes.abs() % 60);
        } else if let Some(body) = line.strip_prefix("    ").filter(|_| !in_changes) {
            message.push(body);
        } else if line.is_empty() {
            if !in_changes && !message.is_empty() {
                message.push("");
            }
        } else if is_status(line) {
            in_changes = true;
            let mut fields = line.split('\t');
            let status = fields.next().unwrap_or_default().to_owned();
            commit
                .changes
                .push((status, fields.map(str::to_owned).collect()));
        }
    }
    finish(&mut commits, &mut message);
    commits
}

fn is_status(line: &str) -> bool {
    let (status, _) = line.split_once('\t').unwrap_or((line, ""));
    line.contains('\t')
        && status
            .chars()
            .next()
            .is_some_and(|c| "ACDMRTUX".contains(c))
        && status[1..].chars().all(|c| c.is_ascii_digit())
}

/// Runs `git fast-import` in `dir` (a fresh repository is made there) with the stream that
/// `write` produces, then points HEAD at `refs/heads/main`.
pub fn fast_import(dir: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    std::fs::create_dir_all(dir).unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?} failed");
    };
    git(&["init", "-q", "-b", "main"]);
    let mut child = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import runs");
    {
        let mut stdin = BufWriter::with_capacity(1 << 20, child.stdin.take().unwrap());
        write(&mut stdin).expect("writing the fast-import stream");
        stdin.flush().unwrap();
    }
    assert!(child.wait().unwrap().success(), "git fast-import failed");
}

/// Writes one `data` command.
pub fn data(out: &mut dyn Write, bytes: &[u8]) -> std::io::Result<()> {
    writeln!(out, "data {}", bytes.len())?;
    out.write_all(bytes)?;
    out.write_all(b"\n")
}

/// Replays `commits` (newest first, as the log lists them) into a new repository at `dir`.
pub fn replay(commits: &[LogCommit], dir: &Path) {
    fast_import(dir, |out| {
        for (mark, commit) in commits.iter().rev().enumerate() {
            let mark = mark + 1;
            let who = format!(
                "{} <{}@example.invalid> {} {}",
                commit.author,
                commit.author.replace(' ', "."),
                commit.seconds,
                commit.offset
            );
            write!(
                out,
                "commit refs/heads/main\nmark :{mark}\nauthor {who}\ncommitter {who}\n"
            )?;
            data(out, commit.message.as_bytes())?;
            if mark > 1 {
                writeln!(out, "from :{}", mark - 1)?;
            }
            for (status, paths) in &commit.changes {
                let content = |path: &str| {
                    format!(
                        "{path}\nLast changed by {} ({}):\n{}",
                        commit.author, commit.id, commit.message
                    )
                };
                match (status.as_bytes()[0], paths.as_slice()) {
                    (b'D', [path]) => writeln!(out, "D {path}")?,
                    (b'R', [old, new]) => {
                        writeln!(out, "D {old}\nM 100644 inline {new}")?;
                        data(out, content(new).as_bytes())?;
                    }
                    (b'C', [_, new]) | (_, [new]) => {
                        writeln!(out, "M 100644 inline {new}")?;
                        data(out, content(new).as_bytes())?;
                    }
                    _ => {}
                }
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    });
}
