//! The scanner on a real history: 3,340 commits of ministryofjustice/cloud-platform (see
//! `tests/data/gitlog-moj-cloud-platform/SOURCE.txt`), replayed into a repository. The counts
//! asserted are computed here from the log text itself, not from the scanner.

use crate::replay::{parse_log, replay};
use lore_gitscan::{Identifier, Matcher, Place, scan};
use std::collections::{BTreeMap, HashSet};

const LOG: &str = include_str!("../data/gitlog-moj-cloud-platform/git-log.txt");

/// Aliases an analyst might give incidents of this team, each seen in real messages.
const ALIASES: &[(&str, &str)] = &[
    ("rds-t4g-2024", "RDS t4g"),
    ("ingress-nginx-rollback-2026-03-30", "2026-03-30"),
    ("auth0-2023", "auth0"),
    ("ingress-controller-2020-08-14", "2020-08-14"),
    ("cluster-upgrade-mttr", "MTTR"),
];

/// The messages of the log, by original commit id, read straight from the text: the lines
/// indented by four spaces after a `commit` line.
fn messages_from_text() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in LOG.lines() {
        if let Some(id) = line.strip_prefix("commit ") {
            out.push((id.to_owned(), String::new()));
        } else if let (Some(body), Some(last)) = (line.strip_prefix("    "), out.last_mut()) {
            last.1.push_str(body);
            last.1.push('\n');
        }
    }
    out
}

/// Does `text` contain `alias` as a whole token, ignoring ASCII case?
fn cites(text: &str, alias: &str) -> bool {
    let text = text.to_ascii_lowercase();
    let alias = alias.to_ascii_lowercase();
    let token =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    text.match_indices(&alias).any(|(at, _)| {
        !token(text[..at].chars().next_back()) && !token(text[at + alias.len()..].chars().next())
    })
}

#[test]
fn the_replayed_real_history_is_scanned_with_exact_counts() {
    let commits = parse_log(LOG);
    assert_eq!(commits.len(), 3_340);
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("cloud-platform");
    replay(&commits, &repo);

    let identifiers: Vec<Identifier> = ALIASES
        .iter()
        .map(|(slug, alias)| Identifier::for_incident("https://lore.example", slug, [*alias]))
        .collect();
    let matcher = Matcher::new(&identifiers).unwrap();
    let out = scan(&repo, &matcher, None, &mut |_| {}).unwrap();
    assert_eq!(out.commits_read, 3_340);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);

    // Commits citing each incident, per the scanner (by subject+author: replayed ids differ)…
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for r in &out.commit_references {
        if let Place::CommitMessage { commit, .. } = &r.place
            && seen.insert((r.identifier_key.clone(), commit.clone()))
        {
            *found
                .entry(
                    ALIASES
                        .iter()
                        .find(|(s, _)| *s == r.identifier_key)
                        .unwrap()
                        .1,
                )
                .or_default() += 1;
        }
    }
    // …and per the log text.
    let messages = messages_from_text();
    let mut expected: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, alias) in ALIASES {
        let n = messages.iter().filter(|(_, m)| cites(m, alias)).count();
        if n > 0 {
            expected.insert(alias, n);
        }
    }
    assert_eq!(found, expected);
    // The figures, so that a change in the data shows here.
    assert_eq!(expected.get("RDS t4g"), Some(&2));
    assert!(
        expected.values().all(|&n| n > 0) && expected.len() == ALIASES.len(),
        "{expected:?}"
    );

    // Files at HEAD: each holds the message of the last commit that touched it, so the files
    // citing an alias are those whose last change's message cites it.
    let mut last_message: BTreeMap<&str, &str> = BTreeMap::new();
    for commit in commits.iter().rev() {
        for (status, paths) in &commit.changes {
            match (status.as_bytes()[0], paths.as_slice()) {
                (b'D', [path]) => {
                    last_message.remove(path.as_str());
                }
                (b'R', [old, new]) => {
                    last_message.remove(old.as_str());
                    last_message.insert(new, &commit.message);
                }
                (_, [.., new]) => {
                    last_message.insert(new, &commit.message);
                }
                _ => {}
            }
        }
    }
    assert_eq!(out.rescanned_paths.len(), last_message.len());
    for (slug, alias) in ALIASES {
        let expected: HashSet<&str> = last_message
            .iter()
            .filter(|(_, m)| cites(m, alias))
            .map(|(p, _)| *p)
            .collect();
        let found: HashSet<&str> = out
            .file_references
            .iter()
            .filter(|r| r.identifier_key == *slug)
            .filter_map(|r| match &r.place {
                Place::File { path, .. } => Some(path.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(found, expected, "{alias}");
    }

    // A rescan with nothing new reads nothing.
    let again = scan(&repo, &matcher, Some(&out.state), &mut |_| {}).unwrap();
    assert_eq!((again.commits_read, again.blobs_read), (0, 0));
}
