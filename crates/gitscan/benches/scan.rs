//! Issue 10's git-scan benchmark: a full scan with 1,000 incident identifiers against
//! `git log --all -E -i --grep=ALT1|ALT2|…` with the same identifiers, on the same repository in
//! the same run, and a rescan with nothing new. Two repositories: 100,000 generated commits,
//! and the real cloud-platform history replayed (see `tests/it/replay.rs`).
//!
//! `cargo bench -p lore-gitscan --bench scan`. Generated repositories are cached under the
//! target directory (`CARGO_TARGET_TMPDIR`), so reruns measure only the scans.

#[path = "../tests/it/replay.rs"]
mod replay;

use lore_gitscan::{Identifier, Matcher, Needle, scan};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const COMMITS: usize = 100_000;
const IDENTIFIERS: usize = 1_000;
const BASE: &str = "https://lore.example.org";
const LOG: &str = include_str!("../tests/data/gitlog-moj-cloud-platform/git-log.txt");

/// A small deterministic generator (no dependency, same repository on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next(words.len())]
    }
}

const VERBS: &[&str] = &[
    "fix", "add", "update", "remove", "refactor", "bump", "docs", "test", "chore", "revert",
];
const THINGS: &[&str] = &[
    "ingress timeouts",
    "the broker's reconnect loop",
    "retry budget",
    "terraform module for RDS",
    "alert thresholds",
    "helm chart values",
    "dependency versions",
    "the runbook for failover",
    "log retention",
    "CI cache keys",
    "rate limiting on the API gateway",
    "prometheus rules",
    "station sync",
    "DNS TTLs",
    "the deploy pipeline",
];
const SERVICES: &[&str] = &[
    "dock-broker",
    "api-gateway",
    "billing",
    "ingress",
    "stations",
    "auth",
    "search",
    "payments",
];

fn slug(i: usize) -> String {
    format!(
        "{}-{}-2025-{:02}",
        SERVICES[i % SERVICES.len()],
        i,
        i % 12 + 1
    )
}

/// Aliases seen in the real history's messages, so that the replayed repository has matches.
const REAL: &[(&str, &str)] = &[
    ("rds-t4g-2024", "RDS t4g"),
    ("ingress-nginx-rollback-2026-03-30", "2026-03-30"),
    ("auth0-2023", "auth0"),
    ("ingress-controller-2020-08-14", "2020-08-14"),
    ("cluster-upgrade-mttr", "MTTR"),
];

/// The 1,000 generated identifiers (permalink, slug, alias each) and the five real ones.
fn identifiers() -> Vec<Identifier> {
    let real = REAL
        .iter()
        .map(|(slug, alias)| Identifier::for_incident(BASE, slug, [*alias]));
    let generated = (0..IDENTIFIERS)
        .map(|i| Identifier::for_incident(BASE, &slug(i), [format!("INC-{}", 3000 + i)]));
    generated.chain(real).collect()
}

/// The median of three runs of `f`, and its last result.
fn median<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed());
    }
    times.sort();
    (times[1], last.unwrap())
}

/// Generates the synthetic repository once: commits one minute apart, each changing one of
/// 3,000 files; about one message in 300 cites an incident (alias, slug or permalink).
fn synthetic(dir: &Path) {
    let mut rng = Lcg(42);
    replay::fast_import(dir, |out| {
        for n in 1..=COMMITS {
            let seconds = 1_600_000_000 + n as i64 * 60;
            let who = format!(
                "Dev {} <dev{}@example.invalid> {seconds} +0000",
                n % 40,
                n % 40
            );
            let mut message = format!("{}: {}", rng.pick(VERBS), rng.pick(THINGS));
            if rng.next(2) == 0 {
                message.push_str(&format!(
                    "\n\nThe {} change keeps {} stable under load.\nReviewed-by: Dev {}\n",
                    rng.pick(SERVICES),
                    rng.pick(THINGS),
                    rng.next(40)
                ));
            }
            if rng.next(300) == 0 {
                let i = rng.next(IDENTIFIERS);
                message.push_str(&match rng.next(3) {
                    0 => format!("\n\nFollow-up to INC-{}.", 3000 + i),
                    1 => format!("\n\nSee {}.", slug(i)),
                    _ => format!("\n\nPostmortem: {BASE}/incidents/{}#timeline", slug(i)),
                });
            }
            message.push('\n');
            writeln!(out, "commit refs/heads/main\nauthor {who}\ncommitter {who}")?;
            replay::data(out, message.as_bytes())?;
            let file = rng.next(3_000);
            writeln!(
                out,
                "M 100644 inline src/{}/file{file}.rs",
                SERVICES[file % SERVICES.len()]
            )?;
            let content = format!(
                "// file {file}, last changed in commit {n}\n// {message}fn f{file}() {{}}\n"
            );
            replay::data(out, content.as_bytes())?;
            writeln!(out)?;
        }
        Ok(())
    });
}

fn cached(name: &str, build: impl FnOnce(&Path)) -> (PathBuf, Option<Duration>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("gitscan-bench")
        .join(name);
    let done = dir.join(".lore-bench-complete");
    if done.exists() {
        return (dir, None);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let started = Instant::now();
    build(&dir);
    std::fs::write(&done, "").unwrap();
    (dir, Some(started.elapsed()))
}

/// `git log --all -E -i --grep=…` over the same needles, as one alternation; returns the time
/// and the number of commits it printed.
fn git_grep(repo: &Path, needles: &[String]) -> (Duration, usize) {
    // The pattern is one alternation of every needle, regex metacharacters escaped.
    let escaped: Vec<String> = needles
        .iter()
        .map(|n| {
            n.chars()
                .flat_map(|c| {
                    if "\\^$.|?*+()[]{}".contains(c) {
                        vec!['\\', c]
                    } else {
                        vec![c]
                    }
                })
                .collect()
        })
        .collect();
    let started = Instant::now();
    let output = Command::new("git")
        .current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(["log", "--all", "-E", "-i", "--format=%H"])
        .arg(format!("--grep={}", escaped.join("|")))
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        started.elapsed(),
        output
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
    )
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; there is nothing to list.
    }
    let identifiers = identifiers();
    let needles: Vec<String> = identifiers
        .iter()
        .flat_map(|i| i.needles.iter())
        .map(|n| match n {
            Needle::Permalink(t) | Needle::Slug(t) | Needle::Alias(t) => t.clone(),
        })
        .collect();
    let started = Instant::now();
    let matcher = Matcher::new(&identifiers).unwrap();
    let build = started.elapsed();

    let version = String::from_utf8(
        Command::new("git")
            .arg("--version")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    println!(
        "lore-gitscan benchmark: {} identifiers ({} needles), {}",
        identifiers.len(),
        needles.len(),
        version.trim()
    );
    println!("automaton built in {:.1} ms", build.as_secs_f64() * 1e3);

    let repos = [
        cached("synthetic-100k", synthetic),
        cached("cloud-platform-replayed", |dir| {
            replay::replay(&replay::parse_log(LOG), dir)
        }),
    ];
    println!();
    println!(
        "| repository | commits | files at HEAD | generated in | full scan (ours) | commits citing | git log --grep | commits matched | no-change rescan |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (repo, generated) in &repos {
        // Warm the page cache for both contenders alike.
        let _ = git_grep(repo, &needles[..1]);
        let (ours, full) = median(|| scan(repo, &matcher, None, &mut |_| {}).unwrap());
        let (theirs, git_matched) = median(|| git_grep(repo, &needles).1);
        let (rescan, again) =
            median(|| scan(repo, &matcher, Some(&full.state), &mut |_| {}).unwrap());
        assert_eq!((again.commits_read, again.blobs_read), (0, 0));
        let mut citing: Vec<&str> = full
            .commit_references
            .iter()
            .filter_map(|r| match &r.place {
                lore_gitscan::Place::CommitMessage { commit, .. } => Some(commit.as_str()),
                _ => None,
            })
            .collect();
        citing.sort_unstable();
        citing.dedup();
        println!(
            "| {} | {} | {} | {} | {:.2} s | {} | {:.2} s | {} | {:.1} ms |",
            repo.file_name().unwrap().to_string_lossy(),
            full.commits_read,
            full.rescanned_paths.len(),
            generated.map_or("cached".to_owned(), |d| format!("{:.1} s", d.as_secs_f64())),
            ours.as_secs_f64(),
            citing.len(),
            theirs.as_secs_f64(),
            git_matched,
            rescan.as_secs_f64() * 1e3,
        );
    }
    println!();
    println!(
        "Times are medians of 3 runs. commits citing: distinct commits with a whole-token reference (ours);\n\
         git's count is of commits with a substring match (no token boundaries), so it can be higher."
    );
}
