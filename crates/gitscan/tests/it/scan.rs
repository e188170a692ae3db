//! Scans of small repositories built here, with every reference asserted exactly.

use crate::support::{NAME, Repo, git};
use lore_gitscan::{
    FileKind, Identifier, Matcher, Place, Reference, ScanOutcome, ScanState, WarningKind, scan,
};

const RIVERTON: &str = "riverton-stations-2026-03";
const DOCK: &str = "dock-broker-2025-11";

fn matcher() -> Matcher {
    Matcher::new(&[
        Identifier::for_incident("https://lore.example/", RIVERTON, ["INC-3117", "OPS-1234"]),
        Identifier::for_incident("https://lore.example", DOCK, ["STATUS-abc123"]),
        Identifier::for_incident("https://lore.example", "outage", Vec::<String>::new()),
    ])
    .unwrap()
}

fn run(repo: &Repo, previous: Option<&ScanState>) -> ScanOutcome {
    scan(&repo.path, &matcher(), previous, &mut |_| {}).unwrap()
}

fn msg(key: &str, matched: &str, commit: &str, line: u32, day: u32, text: &str) -> Reference {
    Reference {
        identifier_key: key.into(),
        matched: matched.into(),
        place: Place::CommitMessage {
            commit: commit.into(),
            line,
        },
        author: Some(NAME.into()),
        date: Some(Repo::date_of(day)),
        line_text: text.into(),
    }
}

#[allow(clippy::too_many_arguments)]
fn file(
    key: &str,
    matched: &str,
    head: &str,
    path: &str,
    line: u32,
    kind: FileKind,
    day: u32,
    text: &str,
) -> Reference {
    Reference {
        identifier_key: key.into(),
        matched: matched.into(),
        place: Place::File {
            commit: head.into(),
            path: path.into(),
            line,
            file_kind: kind,
        },
        author: Some(NAME.into()),
        date: Some(Repo::date_of(day)),
        line_text: text.into(),
    }
}

fn sorted(mut refs: Vec<Reference>) -> Vec<Reference> {
    refs.sort_by_key(|r| format!("{:?}{}", r.place, r.identifier_key));
    refs
}

/// The fixture's commits, in order.
struct Fixture {
    repo: Repo,
    c1: String,
    c2: String,
    c3: String,
    side: String,
    merge: String,
    tagged: String,
}

/// main: c1 → c2 (code, doc, binary, big, Latin-1, submodule) → c3 (near misses) → merge of
/// `side`; plus a commit reachable only from a tag.
fn fixture() -> Fixture {
    let mut repo = Repo::new();
    repo.write("README.md", "# Stations\n");
    let c1 =
        repo.commit("Initial import\n\nAn outage happened but a common word is not a citation.");
    repo.write(
        "src/sync.rs",
        "fn sync() {\n    // Workaround for INC-3117: retry the reconnect\n}\n",
    );
    repo.write(
        "docs/runbook.md",
        "# Runbook\n\nRead [[outage]] and riverton-stations-2026-03 first.\n",
    );
    repo.write("data/blob.bin", b"\x00\x01binary INC-3117\n");
    repo.write("data/big.txt", "INC-3117\n".repeat(240_000));
    repo.write("notes/latin1.txt", b"caf\xe9 notes\nsee ops-1234 here\n");
    let c2 = repo.commit(
        "Retry MQTT reconnect\n\nWorkaround for INC-3117, see\nhttps://lore.example/incidents/riverton-stations-2026-03/timeline#e-42",
    );
    // A submodule entry: a repository inside the work tree is added as a gitlink.
    let mut inner = Repo::new();
    inner.write("x.md", "INC-3117\n");
    inner.commit("Vendored");
    std::fs::rename(&inner.path, repo.path.join("vendor-lib")).unwrap();
    let c3 = repo.commit("Track INC-31170 and inc-3117-followup, XINC-3117 (none of them ours)");
    repo.git(&["checkout", "-q", "-b", "side", &c2]);
    repo.write("side.txt", "side\n");
    let side = repo.commit("Side fix for OPS-1234");
    repo.git(&["checkout", "-q", "main"]);
    let merge = repo.git_dated(&[
        "merge",
        "-q",
        "--no-ff",
        "side",
        "-m",
        "Merge branch 'side' (dock-broker-2025-11)",
    ]);
    repo.git(&["checkout", "-q", "--detach", &c1]);
    let tagged = repo.commit("Hotfix for status-ABC123");
    repo.git(&["tag", "v1-hotfix"]);
    repo.git(&["checkout", "-q", "main"]);
    Fixture {
        repo,
        c1,
        c2,
        c3,
        side,
        merge,
        tagged,
    }
}

#[test]
fn a_full_scan_finds_every_reference_in_messages_and_files() {
    let f = fixture();
    let out = run(&f.repo, None);
    let _ = (&f.c1, &f.c3);
    assert!(out.full_rescan);
    assert_eq!(out.repository.head.as_deref(), Some(f.merge.as_str()));
    assert_eq!(
        out.commits_read, 6,
        "c1, c2, c3, side, the merge, the tagged commit"
    );
    assert_eq!(
        sorted(out.commit_references),
        sorted(vec![
            msg(
                RIVERTON,
                "INC-3117",
                &f.c2,
                3,
                2,
                "Workaround for INC-3117, see"
            ),
            msg(
                RIVERTON,
                "https://lore.example/incidents/riverton-stations-2026-03",
                &f.c2,
                4,
                2,
                "https://lore.example/incidents/riverton-stations-2026-03/timeline#e-42",
            ),
            msg(RIVERTON, "OPS-1234", &f.side, 1, 4, "Side fix for OPS-1234"),
            msg(
                DOCK,
                "dock-broker-2025-11",
                &f.merge,
                1,
                5,
                "Merge branch 'side' (dock-broker-2025-11)"
            ),
            msg(
                DOCK,
                "status-ABC123",
                &f.tagged,
                1,
                6,
                "Hotfix for status-ABC123"
            ),
        ])
    );
    let head = &f.merge;
    assert_eq!(
        sorted(out.file_references),
        sorted(vec![
            file(
                "outage",
                "[[outage]]",
                head,
                "docs/runbook.md",
                3,
                FileKind::Doc,
                5,
                "Read [[outage]] and riverton-stations-2026-03 first."
            ),
            file(
                RIVERTON,
                RIVERTON,
                head,
                "docs/runbook.md",
                3,
                FileKind::Doc,
                5,
                "Read [[outage]] and riverton-stations-2026-03 first."
            ),
            file(
                RIVERTON,
                "ops-1234",
                head,
                "notes/latin1.txt",
                2,
                FileKind::Doc,
                5,
                "see ops-1234 here"
            ),
            file(
                RIVERTON,
                "INC-3117",
                head,
                "src/sync.rs",
                2,
                FileKind::Code,
                5,
                "// Workaround for INC-3117: retry the reconnect"
            ),
        ])
    );
    assert_eq!(
        out.rescanned_paths,
        [
            "README.md",
            "data/big.txt",
            "data/blob.bin",
            "docs/runbook.md",
            "notes/latin1.txt",
            "side.txt",
            "src/sync.rs",
            "vendor-lib"
        ]
    );
    // Every blob but the one over the cap, whose header alone was read.
    assert_eq!(out.blobs_read, 6);
    let warnings: Vec<(Option<String>, WarningKind)> = out
        .warnings
        .iter()
        .map(|w| (w.path.clone(), w.kind.clone()))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (
                Some("data/big.txt".into()),
                WarningKind::TooLarge { bytes: 2_160_000 }
            ),
            (Some("data/blob.bin".into()), WarningKind::Binary),
            (Some("notes/latin1.txt".into()), WarningKind::InvalidUtf8),
            (Some("vendor-lib".into()), WarningKind::Submodule),
        ]
    );
    let line = out.warnings[0].to_string();
    assert!(
        line.starts_with(&format!("{}: data/big.txt: skipped", f.repo.path.display())),
        "{line}"
    );
}

#[test]
fn an_incremental_rescan_reads_only_new_commits_and_changed_files() {
    let mut f = fixture();
    let first = run(&f.repo, None);
    // Round-trip the state through its stored text, as the store will.
    let state = ScanState::from_json(&first.state.to_json()).unwrap();
    assert_eq!(state, first.state);

    f.repo.git(&["mv", "src/sync.rs", "src/reconnect.rs"]);
    f.repo
        .write("docs/runbook.md", "# Runbook\n\nRead [[outage]] first.\n");
    let c7 = f.repo.commit("Rename sync (OPS-1234)");
    let out = run(&f.repo, Some(&state));
    assert!(!out.full_rescan);
    assert_eq!(out.commits_read, 1);
    assert_eq!(out.blobs_read, 2, "runbook.md and the renamed file");
    assert_eq!(
        out.commit_references,
        vec![msg(
            RIVERTON,
            "OPS-1234",
            &c7,
            1,
            7,
            "Rename sync (OPS-1234)"
        )]
    );
    assert_eq!(
        out.rescanned_paths,
        ["docs/runbook.md", "src/reconnect.rs", "src/sync.rs"]
    );
    assert_eq!(
        sorted(out.file_references),
        sorted(vec![
            file(
                "outage",
                "[[outage]]",
                &c7,
                "docs/runbook.md",
                3,
                FileKind::Doc,
                7,
                "Read [[outage]] first."
            ),
            file(
                RIVERTON,
                "INC-3117",
                &c7,
                "src/reconnect.rs",
                2,
                FileKind::Code,
                7,
                "// Workaround for INC-3117: retry the reconnect"
            ),
        ])
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);

    // Nothing changed: nothing read.
    let again = run(&f.repo, Some(&out.state));
    assert_eq!((again.commits_read, again.blobs_read), (0, 0));
    assert!(!again.full_rescan);
    assert!(
        again.commit_references.is_empty()
            && again.file_references.is_empty()
            && again.rescanned_paths.is_empty()
    );
    assert!(again.warnings.is_empty());
    assert_eq!(again.state, out.state);
}

#[test]
fn a_new_branch_is_read_without_rereading_history() {
    let mut f = fixture();
    let first = run(&f.repo, None);
    f.repo.git(&["checkout", "-q", "-b", "feature", &f.c1]);
    let c = f.repo.commit("Start feature for INC-3117");
    f.repo.git(&["checkout", "-q", "main"]);
    let out = run(&f.repo, Some(&first.state));
    assert!(!out.full_rescan);
    assert_eq!((out.commits_read, out.blobs_read), (1, 0));
    assert_eq!(
        out.commit_references,
        vec![msg(
            RIVERTON,
            "INC-3117",
            &c,
            1,
            7,
            "Start feature for INC-3117"
        )]
    );
}

#[test]
fn rewritten_history_means_a_full_rescan() {
    let mut f = fixture();
    let first = run(&f.repo, None);
    f.repo.git(&["reset", "-q", "--hard", &f.c3]);
    f.repo.commit("Redo the merge differently");
    let out = run(&f.repo, Some(&first.state));
    assert!(out.full_rescan);
    assert_eq!(
        out.commits_read, 6,
        "c1, c2, c3, side (its branch is still there), the new commit, the tagged commit"
    );
    let rewrite = out
        .warnings
        .iter()
        .find(|w| matches!(w.kind, WarningKind::FullRescan { .. }))
        .unwrap();
    assert!(
        rewrite
            .to_string()
            .contains(&format!("{} is no longer reachable", f.merge)),
        "{rewrite}"
    );
    assert_eq!(out.rescanned_paths.len(), 7);
}

#[test]
fn unreadable_state_or_other_identifiers_mean_a_full_rescan() {
    let f = fixture();
    let first = run(&f.repo, None);
    let out = run(&f.repo, Some(&ScanState::from_json_lossy("{not json")));
    assert!(out.full_rescan);
    assert_eq!(out.commits_read, 6);
    assert!(out.warnings.iter().any(|w| {
        w.to_string()
            .contains("full rescan: the previous state is unreadable")
    }));
    assert!(ScanState::from_json("{not json").is_err());

    let more = Matcher::new(&[Identifier::for_incident(
        "https://lore.example",
        "other-2026-01",
        ["INC-9"],
    )])
    .unwrap();
    let out = scan(&f.repo.path, &more, Some(&first.state), &mut |_| {}).unwrap();
    assert!(out.full_rescan);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.to_string().contains("the identifiers changed"))
    );
}

#[test]
fn a_shallow_clone_is_scanned_with_a_warning() {
    let f = fixture();
    let clone = f.repo.path.parent().unwrap().join("shallow");
    git(
        f.repo.path.parent().unwrap(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &format!("file://{}", f.repo.path.display()),
            clone.to_str().unwrap(),
        ],
    );
    let out = scan(&clone, &matcher(), None, &mut |_| {}).unwrap();
    assert_eq!(out.commits_read, 1, "only the merge is in the clone");
    assert_eq!(out.commit_references.len(), 1);
    let shallow = &out.warnings[0];
    assert_eq!(
        shallow.kind,
        WarningKind::Shallow {
            boundary_commits: 1
        }
    );
    assert!(
        shallow
            .to_string()
            .contains("history before the boundary is not scanned")
    );
}

#[test]
fn a_path_that_is_not_a_repository_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let err = scan(dir.path(), &matcher(), None, &mut |_| {}).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("{}: not a git repository", dir.path().display())),
        "{text}"
    );
}

#[test]
fn an_empty_repository_is_a_warning() {
    let repo = Repo::new();
    let out = run(&repo, None);
    assert_eq!(out.repository.head, None);
    assert_eq!((out.commits_read, out.blobs_read), (0, 0));
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].kind, WarningKind::EmptyRepository);
    // And once it has a commit, a scan from that state reads it.
    let mut repo = repo;
    repo.write("a.md", "INC-3117\n");
    repo.commit("First");
    let next = run(&repo, Some(&out.state));
    assert_eq!(
        (
            next.commits_read,
            next.blobs_read,
            next.file_references.len()
        ),
        (1, 1, 1)
    );
}

#[test]
fn progress_is_reported_per_phase() {
    let f = fixture();
    let mut events = Vec::new();
    scan(&f.repo.path, &matcher(), None, &mut |p| events.push(p)).unwrap();
    use lore_gitscan::{Phase, Progress};
    assert_eq!(
        events,
        vec![
            Progress {
                phase: Phase::Commits,
                done: 6,
                total: Some(6)
            },
            Progress {
                phase: Phase::Files,
                done: 8,
                total: Some(8)
            },
        ]
    );
}
