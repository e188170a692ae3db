//! `cargo xtask`: Lore's test runner.
//!
//! `cargo xtask test` checks formatting and lints, starts the services the
//! tests need (a throwaway PostgreSQL cluster, chromedriver with Chromium,
//! the pinned axe-core), runs the tests in three groups, tears the services
//! down and prints a summary. `cargo xtask pg` only starts PostgreSQL, for
//! running the PostgreSQL tests by hand.

mod chromedriver;
mod cmd;
mod install;
mod interrupt;
mod pg_cluster;
mod services;
mod sys;
mod testrun;

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::pg_cluster::Postgres;
use crate::services::Services;
use crate::testrun::{Counts, Outcome, Runner};

const USAGE: &str = "\
Usage: cargo xtask <COMMAND>

Commands:
  test [--no-lint]  Check formatting (cargo fmt) and lints (cargo clippy), set
                    up PostgreSQL, chromedriver + Chromium and axe-core, run
                    the unit and SQLite, PostgreSQL and browser test groups,
                    tear the services down and print a summary.
                    --no-lint skips cargo fmt and cargo clippy.
  pg                Start a throwaway PostgreSQL cluster, print its
                    `export LORE_TEST_DATABASE_URL=...` line and keep it
                    running until Ctrl-C or the end of standard input.
  eval [--misses] [--real-only] [--no-blind]
                    Precision and recall of the hindsight assistant (lore lint)
                    on its labelled sentences (crates/lint/eval): the old
                    tuning part, the old held-out part and both together,
                    holdout2 to holdout7 and holdout9 (released for tuning after
                    their blind figures were recorded), the training sets
                    train1 to train8, and the blind sets, holdout8 and
                    holdout10 (figures only); --misses lists the mistakes on
                    all but a blind set; --real-only leaves out the sentences
                    written for the set; --no-blind leaves out the blind
                    sets' figures.
  drill [import-kill|serve-postgres|serve-sqlite]
                    Crash drills (crates/cli/benches/drills.rs). import-kill:
                    kill -9 `lore import slack` of a 1,000,000-message export
                    at 20 random moments; after each, the store's integrity
                    checks pass, it holds nothing or everything of the import,
                    and the import run again gives exactly the entries of an
                    uninterrupted one (LORE_DRILL_MESSAGES, LORE_DRILL_ROUNDS,
                    LORE_DRILL_SEED). serve-postgres: two `lore serve` on one
                    PostgreSQL (LORE_TEST_DATABASE_URL) under 32 clients
                    reading pages, marking moments and saving the narrative
                    for 60 s, one server killed and restarted halfway;
                    serve-sqlite: one server on SQLite. Both check that every
                    acknowledged write is in the store and count errors and
                    'database is locked' (LORE_DRILL_SECONDS,
                    LORE_DRILL_CONNECTIONS).
  help              Print this help (also --help, -h).

Environment:
  CI                When set (non-empty), a service that cannot be set up is
                    an error; otherwise it is a warning and its tests skip.
";

enum Task {
    Test { lint: bool },
    Pg,
    Eval { options: Vec<String> },
    Drill { options: Vec<String> },
    Help,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = match parse_args(&args) {
        Ok(task) => task,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    interrupt::install();
    let result = match task {
        Task::Help => {
            print!("{USAGE}");
            Ok(true)
        }
        Task::Test { lint } => test(lint),
        Task::Pg => pg(),
        Task::Eval { options } => eval(&options),
        Task::Drill { options } => drill(&options),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Task, String> {
    let Some((task, options)) = args.split_first() else {
        return Err("no command given".to_owned());
    };
    if options.iter().any(|o| o == "--help" || o == "-h") {
        return Ok(Task::Help);
    }
    match task.as_str() {
        "test" => {
            let mut lint = true;
            for option in options {
                match option.as_str() {
                    "--no-lint" => lint = false,
                    other => return Err(format!("unknown option for `test`: {other}")),
                }
            }
            Ok(Task::Test { lint })
        }
        "eval" => Ok(Task::Eval {
            options: options.to_vec(),
        }),
        "drill" => Ok(Task::Drill {
            options: options.to_vec(),
        }),
        "pg" => match options.first() {
            None => Ok(Task::Pg),
            Some(other) => Err(format!("unknown option for `pg`: {other}")),
        },
        "help" | "--help" | "-h" => Ok(Task::Help),
        other => Err(format!("unknown command: {other}")),
    }
}

/// The workspace root, whatever directory xtask was started from.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// `cargo xtask test`: `Ok(true)` when everything passed.
fn test(lint: bool) -> Result<bool> {
    let root = workspace_root();
    let ci = std::env::var_os("CI").is_some_and(|value| !value.is_empty());

    // Lint failures do not stop the run: the test results are still worth
    // seeing, and the exit code reports the failure anyway.
    let mut checks = Vec::new();
    if lint {
        checks.push(lint_step(
            &root,
            "cargo fmt",
            &["fmt", "--all", "--", "--check"],
        )?);
        interrupt::check()?;
        checks.push(lint_step(
            &root,
            "cargo clippy",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )?);
        interrupt::check()?;
    }

    println!("\n==> Setting up test services");
    let mut services = Services::start(&root, ci).context("setting up the test services")?;
    let runner = Runner::detect(&root);
    if runner == Runner::CargoTest {
        println!("note: cargo-nextest not found, falling back to cargo test");
    }
    // On an error here `services` is dropped, which tears it down.
    let outcomes = testrun::run_groups(runner, &services, &root)?;

    println!("\n==> Tearing down test services");
    if let Err(err) = services.teardown() {
        eprintln!("warning: {err:#}");
    }

    print_summary(&checks, &outcomes);
    let all_passed = checks.iter().all(|(_, passed)| *passed)
        && outcomes.iter().all(|outcome| outcome.problem.is_none());
    Ok(all_passed)
}

/// Runs `cargo ARGS` as a lint step; `(name, passed)`.
fn lint_step(root: &Path, name: &'static str, args: &[&str]) -> Result<(&'static str, bool)> {
    let mut cargo = Command::new("cargo");
    cargo.current_dir(root).args(args);
    println!("\n==> {}", cmd::describe(&cargo));
    let passed = cmd::succeeds(&mut cargo)?;
    Ok((name, passed))
}

/// One line per lint step and test group, then the totals alone on the last
/// line as `N passed, M failed[, K skipped]`.
fn print_summary(checks: &[(&str, bool)], outcomes: &[Outcome]) {
    println!("\n==> Summary");
    for (name, passed) in checks {
        let result = if *passed { "ok" } else { "FAILED" };
        println!("  {name:<36} {result}");
    }
    println!(
        "  {:<36} {:>6} {:>6} {:>7}  result",
        "test group", "passed", "failed", "skipped"
    );
    let mut total = Counts::default();
    for outcome in outcomes {
        let (passed, failed, skipped) = match outcome.counts {
            Some(counts) => {
                total += counts;
                (
                    counts.passed.to_string(),
                    counts.failed.to_string(),
                    counts.skipped.to_string(),
                )
            }
            None => ("-".to_owned(), "-".to_owned(), "-".to_owned()),
        };
        let result = match &outcome.problem {
            None => "ok".to_owned(),
            Some(problem) => format!("FAILED: {problem}"),
        };
        println!(
            "  {:<36} {passed:>6} {failed:>6} {skipped:>7}  {result}",
            outcome.name
        );
    }
    let mut totals = format!("{} passed, {} failed", total.passed, total.failed);
    if total.skipped > 0 {
        totals.push_str(&format!(", {} skipped", total.skipped));
    }
    println!("{totals}");
}

/// `cargo xtask pg`: PostgreSQL alone, until Ctrl-C or end of input.
/// `cargo xtask eval`: the evaluation runs as lore-lint's example, so that xtask stays free
/// of the workspace's crates.
fn eval(options: &[String]) -> Result<bool> {
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(workspace_root())
            .args([
                "run",
                "--quiet",
                "--release",
                "-p",
                "lore-lint",
                "--example",
                "eval",
                "--",
            ])
            .args(options)
            .status()
            .context("running cargo")?;
    Ok(status.success())
}

fn drill(options: &[String]) -> Result<bool> {
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(workspace_root())
            .args(["bench", "-p", "lore-cli", "--bench", "drills", "--"])
            .args(options)
            .status()
            .context("running cargo")?;
    Ok(status.success())
}

fn pg() -> Result<bool> {
    let as_root = sys::is_root()?;
    install::install_packages(&services::missing_packages(false), as_root)?;
    let mut pg = Postgres::start(as_root).context("starting PostgreSQL")?;
    println!("export {}={}", services::DATABASE_URL_VAR, pg.url());
    eprintln!(
        "PostgreSQL is running in {}; press Ctrl-C or Ctrl-D to stop it.",
        pg.data_dir().display()
    );
    wait_for_interrupt_or_end_of_input();
    eprintln!("Stopping PostgreSQL");
    pg.stop()?;
    Ok(true)
}

fn wait_for_interrupt_or_end_of_input() {
    let input_closed = Arc::new(AtomicBool::new(false));
    // A thread, because a blocking read would not notice Ctrl-C; it is left
    // behind if Ctrl-C comes first, and ends with the process.
    thread::spawn({
        let input_closed = Arc::clone(&input_closed);
        move || {
            let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
            input_closed.store(true, Ordering::SeqCst);
        }
    });
    while !interrupt::requested() && !input_closed.load(Ordering::SeqCst) {
        thread::sleep(Duration::from_millis(100));
    }
}
