//! `lore scan git PATH…`: finds references to incidents in local git repositories (commit
//! messages of every ref, files at HEAD) with `lore-gitscan`, and keeps them for "Cited by"
//! and search. A second scan reads only what changed since the first.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lore_gitscan::{Identifier, Matcher, Needle, Phase, Place, Reference, ScanState};
use lore_store::{GitScanRecord, IncidentNames, NewGitReference, Store};

#[derive(Subcommand)]
pub enum Command {
    /// Find references to incidents in local git repositories: slugs, permalinks (under
    /// --base-url) and aliases (`lore incident alias`), in every commit message and in the
    /// files at HEAD. Rescans read only new commits and changed files.
    Git(GitArgs),
}

#[derive(clap::Args)]
pub struct GitArgs {
    /// Repositories (their work tree or their .git directory).
    #[arg(required = true, num_args = 1..)]
    paths: Vec<PathBuf>,
    /// Where Lore is published (https://lore.example.com): links to incidents under it are
    /// found as citations. Give the same on every scan (a different set of names to look for
    /// makes the next scan read everything again).
    #[arg(long, env = "LORE_PUBLIC_URL")]
    base_url: Option<String>,
    /// What readers see the repository called (default: the name it was given before, or its
    /// directory's name). Only with one path.
    #[arg(long)]
    name: Option<String>,
}

pub async fn run(store: &Store, cmd: Command) -> anyhow::Result<()> {
    let Command::Git(args) = cmd;
    anyhow::ensure!(
        args.name.is_none() || args.paths.len() == 1,
        "--name names one repository; scan the others separately"
    );
    let matcher = matcher(store, args.base_url.as_deref()).await?;
    let mut failed = 0;
    for path in &args.paths {
        match scan_one(store, &matcher, path, args.name.as_deref()).await {
            Ok(line) => outln!("{line}"),
            Err(e) => {
                failed += 1;
                eprintln!("error: {}: {e:#}", path.display());
            }
        }
    }
    anyhow::ensure!(
        failed == 0,
        "{failed} of {} repositories could not be scanned",
        args.paths.len()
    );
    Ok(())
}

/// Scans one repository for every incident's names and stores what it finds; returns the
/// line `lore scan git` prints for it. For the demo.
pub async fn scan_repository(
    store: &Store,
    path: &Path,
    base_url: Option<&str>,
    name: Option<&str>,
) -> anyhow::Result<String> {
    let matcher = matcher(store, base_url).await?;
    scan_one(store, &matcher, path, name).await
}

async fn matcher(store: &Store, base_url: Option<&str>) -> anyhow::Result<Arc<Matcher>> {
    let names = store.incident_names().await?;
    let matcher = Matcher::new(&identifiers(&names, base_url))
        .context("building the matcher from the incidents' names")?;
    Ok(Arc::new(matcher))
}

/// Every name of every incident, keyed by its current slug: old slugs (and links with them)
/// still cite the incident after a rename.
fn identifiers(names: &[IncidentNames], base_url: Option<&str>) -> Vec<Identifier> {
    names
        .iter()
        .map(|n| {
            let mut needles = Vec::new();
            for slug in std::iter::once(&n.slug).chain(&n.old_slugs) {
                if let Some(base) = base_url {
                    needles.push(Needle::Permalink(format!(
                        "{}/incidents/{slug}",
                        base.trim_end_matches('/')
                    )));
                }
                needles.push(Needle::Slug(slug.clone()));
            }
            needles.extend(n.aliases.iter().cloned().map(Needle::Alias));
            Identifier {
                key: n.slug.clone(),
                needles,
            }
        })
        .collect()
}

async fn scan_one(
    store: &Store,
    matcher: &Arc<Matcher>,
    path: &Path,
    name: Option<&str>,
) -> anyhow::Result<String> {
    let full_path = std::fs::canonicalize(path).with_context(|| "no such directory".to_owned())?;
    let key = full_path.to_string_lossy().into_owned();
    let stored = store.git_scan_state(&key).await?;
    // A name given once stays until another is given.
    let name = name
        .map(str::to_owned)
        .or_else(|| stored.as_ref().map(|(n, _)| n.clone()))
        .unwrap_or_else(|| repository_name(&full_path));
    let previous = stored.map(|(_, s)| ScanState::from_json_lossy(&s));
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix}: {msg}").expect("valid template"),
    );
    bar.set_prefix(name.clone());
    let outcome = {
        let (matcher, bar, full_path) = (matcher.clone(), bar.clone(), full_path.clone());
        tokio::task::spawn_blocking(move || {
            lore_gitscan::scan(&full_path, &matcher, previous.as_ref(), &mut |p| {
                let what = match p.phase {
                    Phase::Commits => "commits",
                    Phase::Files => "files",
                };
                bar.set_message(match p.total {
                    Some(total) => format!("{} of {total} {what}", p.done),
                    None => format!("{} {what}", p.done),
                });
                bar.tick();
            })
        })
        .await
        .context("the scan stopped unexpectedly")??
    };
    bar.finish_and_clear();
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    let record = GitScanRecord {
        path: key,
        name: name.clone(),
        head: outcome.repository.head.clone(),
        state: outcome.state.to_json(),
        full_rescan: outcome.full_rescan,
        commit_references: outcome
            .commit_references
            .iter()
            .map(new_reference)
            .collect(),
        rescanned_paths: outcome.rescanned_paths.clone(),
        file_references: outcome.file_references.iter().map(new_reference).collect(),
    };
    let stored = store.record_git_scan(&record).await?;
    Ok(format!(
        "{name}: {} commits and {} files read{}; {} references added, {} removed",
        outcome.commits_read,
        outcome.blobs_read,
        if outcome.full_rescan {
            " (full scan)"
        } else {
            ""
        },
        stored.added,
        stored.removed,
    ))
}

/// The directory's name, or its parent's for a `.git` directory.
fn repository_name(path: &Path) -> String {
    let dir = if path.file_name().is_some_and(|n| n == ".git") {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    dir.file_name().map_or_else(
        || dir.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn new_reference(r: &Reference) -> NewGitReference {
    let (kind, commit, path, line) = match &r.place {
        Place::CommitMessage { commit, line } => ("commit".to_owned(), commit.clone(), None, *line),
        Place::File {
            commit,
            path,
            line,
            file_kind,
        } => {
            let kind = serde_json::to_value(file_kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| "other".to_owned());
            (kind, commit.clone(), Some(path.clone()), *line)
        }
    };
    NewGitReference {
        slug: r.identifier_key.clone(),
        kind,
        commit,
        path,
        line: i64::from(line),
        matched: r.matched.clone(),
        author: r.author.clone(),
        committed_at: r.date,
        line_text: r.line_text.clone(),
    }
}
