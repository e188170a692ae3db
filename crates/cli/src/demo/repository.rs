//! The demo's git repository: the station firmware team's code, whose commit messages, code
//! comments and runbook cite the demo incidents the way engineers do (a slug, an alias such as
//! `INC-3117`, a link). The demo builds it with gix (git need not be installed) in the data
//! directory and scans it as `lore scan git` would, so "Cited by" and search show code and
//! commits from the start.

use std::path::Path;

use anyhow::Context;
use lore_gitscan::gix;
use lore_gitscan::gix::bstr::BString;
use lore_gitscan::gix::objs::tree::{Entry, EntryKind};

/// What readers see the repository called.
pub const NAME: &str = "station-firmware";

/// One commit: when (seconds since 1970, UTC), who, the message, and the files it writes
/// (later commits keep earlier files unless they write them again).
struct DemoCommit {
    at: i64,
    author: &'static str,
    message: &'static str,
    files: &'static [(&'static str, &'static str)],
}

const BROKER_V1: &str = "//! The station's connection to the dock broker.\n\n\
pub const KEEPALIVE_SECS: u64 = 300;\n";

const BROKER_V2: &str = "//! The station's connection to the dock broker.\n\n\
/// Must stay below the carrier's NAT idle timeout (~240 s on Northline), or a quiet\n\
/// station's connection is dropped without either end noticing: see INC-3117\n\
/// (2026-03-17-riverton-stations-stuck-in-maintenance).\n\
pub const KEEPALIVE_SECS: u64 = 120;\n";

const RUNBOOK: &str = "# Runbook: a maintenance notice that will not go away\n\n\
Stations that re-enter maintenance after every manual fix may be re-reading a *retained*\n\
notice from the broker on each reconnect. Clear the retained message; cancelling the\n\
window alone does not remove it.\n\n\
Background: the Riverton incident,\n\
http://127.0.0.1:8080/incidents/2026-03-17-riverton-stations-stuck-in-maintenance\n";

const ALERTS_YAML: &str = "# Broker certificate: warn a month ahead. The renewal job failed quietly\n\
# for three months before INC-2871.\n\
broker_certificate_expiry:\n  warn_days: 30\n  page_days: 7\n";

const ROLLOUT: &str = "//! Staged firmware rollouts.\n\n\
/// A retained notice outlives whoever set it (INC-3204): clear the rollout's retained\n\
/// topics before each stage, or stations obey a pause nobody remembers.\n\
pub fn before_stage() {}\n";

const COMMITS: &[DemoCommit] = &[
    DemoCommit {
        at: 1_739_350_800, // 2025-02-12 09:00 UTC
        author: "Nadia Okafor",
        message: "Alert a month before the broker certificate expires (INC-2871)",
        files: &[("config/alerts.yaml", ALERTS_YAML)],
    },
    DemoCommit {
        at: 1_772_704_800, // 2026-03-05 10:00 UTC
        author: "Jonah Reyes",
        message: "Connect stations to the dock broker over MQTT v3",
        files: &[("src/broker.rs", BROKER_V1)],
    },
    DemoCommit {
        at: 1_773_756_000, // 2026-03-17 14:00 UTC
        author: "Jonah Reyes",
        message: "Lower the MQTT keepalive to 120 s, below the carrier's NAT idle timeout\n\n\
                  Stations behind Northline's NAT kept reconnecting and re-reading the retained\n\
                  maintenance notice. Follow-up to INC-3117.",
        files: &[("src/broker.rs", BROKER_V2)],
    },
    DemoCommit {
        at: 1_773_914_400, // 2026-03-19 10:00 UTC
        author: "Mei-Lin Tan",
        message: "Runbook: clearing a retained maintenance notice\n\n\
                  Written after 2026-03-17-riverton-stations-stuck-in-maintenance.",
        files: &[("docs/runbook.md", RUNBOOK)],
    },
    DemoCommit {
        at: 1_778_166_000, // 2026-05-07 15:00 UTC
        author: "Nadia Okafor",
        message: "Clear retained pause notices before each rollout stage\n\n\
                  The v4.3 rollout stopped on a notice left from a March dry run:\n\
                  2026-05-06-firmware-rollout-paused-by-a-stale-notice.",
        files: &[("src/rollout.rs", ROLLOUT)],
    },
];

/// Builds the repository in `dir` unless it is there already. Returns whether it built it.
pub fn build(dir: &Path) -> anyhow::Result<bool> {
    if dir.join("HEAD").exists() || dir.join(".git").exists() {
        return Ok(false);
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let repo = gix::init_bare(dir)
        .with_context(|| format!("creating a repository in {}", dir.display()))?;
    let mut files: Vec<(&str, &str)> = Vec::new();
    let mut parent: Option<gix::ObjectId> = None;
    for c in COMMITS {
        for (path, text) in c.files {
            match files.iter_mut().find(|(p, _)| p == path) {
                Some(f) => f.1 = text,
                None => files.push((path, text)),
            }
        }
        let tree = write_tree(&repo, &files, "")?;
        let email = format!(
            "{}@kittiwake.example",
            c.author.split(' ').next().unwrap_or("dev").to_lowercase()
        );
        let time = format!("{} +0000", c.at);
        let signature = gix::actor::SignatureRef {
            name: c.author.into(),
            email: email.as_str().into(),
            time: &time,
        };
        let id = repo
            .commit_as(signature, signature, "HEAD", c.message, tree, parent)
            .context("writing a demo commit")?;
        parent = Some(id.detach());
    }
    Ok(true)
}

/// Writes the tree of `files` under `prefix` (a directory path ending in `/`, or empty).
fn write_tree(
    repo: &gix::Repository,
    files: &[(&str, &str)],
    prefix: &str,
) -> anyhow::Result<gix::ObjectId> {
    let mut entries = Vec::new();
    let mut dirs: Vec<&str> = Vec::new();
    for (path, text) in files {
        let Some(rest) = path.strip_prefix(prefix) else {
            continue;
        };
        match rest.split_once('/') {
            Some((dir, _)) => {
                if !dirs.contains(&dir) {
                    dirs.push(dir);
                }
            }
            None => entries.push(Entry {
                mode: EntryKind::Blob.into(),
                filename: BString::from(rest),
                oid: repo.write_blob(text.as_bytes())?.detach(),
            }),
        }
    }
    for dir in dirs {
        entries.push(Entry {
            mode: EntryKind::Tree.into(),
            filename: BString::from(dir),
            oid: write_tree(repo, files, &format!("{prefix}{dir}/"))?,
        });
    }
    entries.sort();
    Ok(repo.write_object(gix::objs::Tree { entries })?.detach())
}
