//! Running the test groups and reading their counts.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::thread;

use anyhow::{Context, Result, anyhow};

use crate::services::{self, Services};
use crate::{cmd, interrupt};

/// cargo-nextest when installed (clearer output, per-test processes), else
/// plain `cargo test`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Runner {
    Nextest,
    CargoTest,
}

impl Runner {
    pub fn detect(workspace_root: &Path) -> Runner {
        let nextest = Command::new("cargo")
            .args(["nextest", "--version"])
            .current_dir(workspace_root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if nextest {
            Runner::Nextest
        } else {
            Runner::CargoTest
        }
    }
}

/// A slice of the workspace's tests, selected by name. The three groups
/// partition all tests: every test whose name contains neither "postgres"
/// nor "browser" is in the first.
pub struct Group {
    pub name: &'static str,
    nextest_filter: &'static str,
    cargo_test_args: &'static [&'static str],
    /// The variables of the services these tests need: when all are exported,
    /// the group must run at least one test.
    needs: &'static [&'static str],
}

pub const GROUPS: [Group; 3] = [
    Group {
        name: "unit and SQLite tests",
        nextest_filter: "not (test(/postgres/) | test(/browser/))",
        cargo_test_args: &["--skip", "postgres", "--skip", "browser"],
        needs: &[],
    },
    Group {
        name: "PostgreSQL store tests",
        nextest_filter: "test(/postgres/)",
        cargo_test_args: &["postgres"],
        needs: &[services::DATABASE_URL_VAR],
    },
    Group {
        name: "browser tests (headless Chromium)",
        nextest_filter: "test(/browser/)",
        cargo_test_args: &["browser"],
        needs: &[services::WEBDRIVER_URL_VAR, services::AXE_PATH_VAR],
    },
];

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

/// What one group did: its counts when the runner printed them, and why it
/// failed, if it did.
pub struct Outcome {
    pub name: &'static str,
    pub counts: Option<Counts>,
    pub problem: Option<String>,
}

/// Runs every group, even after one fails, so one run shows all failures.
pub fn run_groups(runner: Runner, services: &Services, root: &Path) -> Result<Vec<Outcome>> {
    let mut outcomes = Vec::new();
    for group in &GROUPS {
        interrupt::check()?;
        println!("\n==> Running {}", group.name);
        outcomes.push(run_group(runner, group, services, root)?);
    }
    interrupt::check()?;
    Ok(outcomes)
}

fn run_group(runner: Runner, group: &Group, services: &Services, root: &Path) -> Result<Outcome> {
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .envs(services.env())
        .env("NEXTEST_HIDE_PROGRESS_BAR", "1");
    match runner {
        Runner::Nextest => command.args([
            "nextest",
            "run",
            "--workspace",
            "--no-fail-fast",
            // Zero tests is judged below, knowing whether the service is up.
            "--no-tests=pass",
            "-E",
            group.nextest_filter,
        ]),
        Runner::CargoTest => command
            .args(["test", "--workspace", "--"])
            .args(group.cargo_test_args),
    };
    let (status, lines) = tee(&mut command)?;

    let counts = match runner {
        Runner::Nextest => parse_nextest_summary(&lines).map(|(run, passed)| Counts {
            passed,
            failed: run.saturating_sub(passed),
            skipped: nextest_ignored_count(group, root),
        }),
        Runner::CargoTest => parse_cargo_test_results(&lines),
    };
    let problem = judge(status, counts, services.provides(group.needs));
    Ok(Outcome {
        name: group.name,
        counts,
        problem,
    })
}

/// Why a group failed, or `None` when it passed.
fn judge(status: ExitStatus, counts: Option<Counts>, service_up: bool) -> Option<String> {
    match counts {
        Some(counts) if counts.failed > 0 => Some(format!("{} failed", counts.failed)),
        _ if !status.success() => Some(format!("cargo exited with {status}")),
        None => Some("no test summary in the output".to_owned()),
        // The tests exist; running none means the name filter broke.
        Some(counts) if counts.passed == 0 && service_up => Some("ran no tests".to_owned()),
        Some(_) => None,
    }
}

/// nextest's summary counts tests filtered out by `-E` as skipped too, so the
/// group's own skipped tests (the `#[ignore]`d ones) are listed separately.
/// A count is not worth failing the run for: 0 with a warning if that fails.
fn nextest_ignored_count(group: &Group, root: &Path) -> usize {
    let mut list = Command::new("cargo");
    list.current_dir(root).args([
        "nextest",
        "list",
        "--workspace",
        "--run-ignored",
        "only",
        "--message-format",
        "oneline",
        "-E",
        group.nextest_filter,
    ]);
    match cmd::stdout_of(&mut list) {
        Ok(text) => text.lines().filter(|line| !line.trim().is_empty()).count(),
        Err(err) => {
            eprintln!("warning: counting ignored tests: {err:#}");
            0
        }
    }
}

/// Runs `command`, printing its output as it comes while keeping a copy of
/// every line (stdout and stderr together) to read the counts from.
fn tee(command: &mut Command) -> Result<(ExitStatus, Vec<String>)> {
    let description = cmd::describe(command);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{description}`"))?;
    let stdout = child.stdout.take().context("child stdout was not piped")?;
    let stderr = child.stderr.take().context("child stderr was not piped")?;

    let (out_lines, err_lines) = thread::scope(|scope| {
        let out = scope.spawn(|| forward_lines(stdout, io::stdout()));
        let err = scope.spawn(|| forward_lines(stderr, io::stderr()));
        (out.join(), err.join())
    });
    let status = child
        .wait()
        .with_context(|| format!("waiting for `{description}`"))?;

    let mut lines = Vec::new();
    for captured in [out_lines, err_lines] {
        let captured =
            captured.map_err(|_| anyhow!("output reader of `{description}` panicked"))?;
        lines.extend(captured.with_context(|| format!("reading the output of `{description}`"))?);
    }
    Ok((status, lines))
}

/// Copies `reader` to `writer` line by line and returns the lines. Write
/// errors (a closed terminal) are ignored so the child never blocks on a full
/// pipe.
fn forward_lines(reader: impl Read, mut writer: impl Write) -> io::Result<Vec<String>> {
    let mut reader = BufReader::new(reader);
    let mut lines = Vec::new();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        if reader.read_until(b'\n', &mut buffer)? == 0 {
            return Ok(lines);
        }
        let _ = writer.write_all(&buffer).and_then(|()| writer.flush());
        let line = String::from_utf8_lossy(&buffer);
        lines.push(line.trim_end_matches(['\r', '\n']).to_owned());
    }
}

/// Removes ANSI escape sequences (colours) so the summary can be parsed.
fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            plain.push(c);
            continue;
        }
        // CSI sequences ("ESC [ ... final byte") cover colours; other
        // escapes are two characters long.
        if chars.next() == Some('[') {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    plain
}

/// `(tests run, passed)` from nextest's last summary line, e.g.
/// `     Summary [   1.234s] 25 tests run: 23 passed, 2 failed, 1 skipped`.
fn parse_nextest_summary(lines: &[String]) -> Option<(usize, usize)> {
    lines.iter().rev().find_map(|line| {
        let line = strip_ansi(line);
        let after_label = line.trim_start().strip_prefix("Summary")?;
        let after_time = &after_label[after_label.find(']')? + 1..];
        let (run, results) = after_time.split_once(" run: ")?;
        // "25 tests" or, for a cancelled run, "3/25 tests".
        let run = run
            .split_whitespace()
            .next()?
            .split('/')
            .next()?
            .parse()
            .ok()?;
        let passed = labelled_counts(results, ",")
            .into_iter()
            .find_map(|(count, label)| (label == "passed").then_some(count))?;
        Some((run, passed))
    })
}

/// Sums cargo test's `test result: ok. 3 passed; 0 failed; 1 ignored; ...`
/// lines (one per test binary and doc-test run).
fn parse_cargo_test_results(lines: &[String]) -> Option<Counts> {
    let mut total: Option<Counts> = None;
    for line in lines {
        let line = strip_ansi(line);
        let Some(result) = line.trim_start().strip_prefix("test result:") else {
            continue;
        };
        let Some((_verdict, counts)) = result.split_once(". ") else {
            continue;
        };
        let mut parsed = Counts::default();
        for (count, label) in labelled_counts(counts, ";") {
            match label.as_str() {
                "passed" => parsed.passed = count,
                "failed" => parsed.failed = count,
                "ignored" => parsed.skipped = count,
                _ => {}
            }
        }
        *total.get_or_insert_with(Counts::default) += parsed;
    }
    total
}

/// "23 passed (1 slow), 2 failed" -> [(23, "passed"), (2, "failed")]; items
/// that do not start with a number are dropped.
fn labelled_counts(text: &str, separator: &str) -> Vec<(usize, String)> {
    without_parentheses(text)
        .split(separator)
        .filter_map(|item| {
            let mut words = item.split_whitespace();
            let count = words.next()?.parse().ok()?;
            let label = words.collect::<Vec<_>>().join(" ");
            Some((count, label))
        })
        .collect()
}

/// Drops parenthesised notes, which may themselves contain separators.
fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn nextest_summary_all_passed() {
        let out = lines(
            "    Starting 25 tests\n     Summary [   1.234s] 25 tests run: 25 passed, 3 skipped",
        );
        assert_eq!(parse_nextest_summary(&out), Some((25, 25)));
    }

    #[test]
    fn nextest_summary_with_failures_and_colours() {
        let out = lines(
            "\x1b[32;1m     Summary\x1b[0m [   1.234s] \x1b[1m25\x1b[0m tests run: \x1b[1m23\x1b[0m \x1b[32;1mpassed\x1b[0m (1 slow, 1 flaky), \x1b[1m2\x1b[0m failed, 1 skipped",
        );
        assert_eq!(parse_nextest_summary(&out), Some((25, 23)));
    }

    #[test]
    fn nextest_summary_singular_and_cancelled() {
        assert_eq!(
            parse_nextest_summary(&lines("Summary [ 0.1s] 1 test run: 0 passed, 1 failed")),
            Some((1, 0))
        );
        assert_eq!(
            parse_nextest_summary(&lines(
                "Summary [ 0.1s] 3/10 tests run: 3 passed, 7 skipped"
            )),
            Some((3, 3))
        );
        assert_eq!(parse_nextest_summary(&lines("error: build failed")), None);
    }

    #[test]
    fn cargo_test_results_are_summed() {
        let out = lines(
            "test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 2 filtered out; finished in 0.01s\n\
             running 2 tests\n\
             test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s",
        );
        assert_eq!(
            parse_cargo_test_results(&out),
            Some(Counts {
                passed: 4,
                failed: 1,
                skipped: 1
            })
        );
        assert_eq!(parse_cargo_test_results(&lines("error[E0425]")), None);
    }

    #[test]
    fn ansi_codes_are_stripped() {
        assert_eq!(strip_ansi("\x1b[1;32mok\x1b[0m done"), "ok done");
    }
}
