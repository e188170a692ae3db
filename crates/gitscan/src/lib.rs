//! Finds references to incidents in local git repositories: in every commit message reachable
//! from any ref (branches, tags, remote-tracking refs, HEAD; each commit once), and in the files
//! of HEAD's tree (code, docs, configuration).
//!
//! The crate knows nothing of Lore's store or web: the caller turns incidents into
//! [`Identifier`]s, compiles them into a [`Matcher`], calls [`scan`], stores the references and
//! the returned [`ScanState`] (as JSON text), and passes that state to the next scan, which then
//! reads only the commits and files that changed.
//!
//! Repositories are read in-process with gix (no `git` subprocess, no network, no worktree:
//! only the object database and refs). Memory stays bounded: commits are streamed from the
//! revision walk and each blob is dropped once scanned.
//!
//! Out of scope: blame. A reference in a file carries HEAD's commit, author and date, not the
//! commit that wrote the line.

mod matcher;
mod scan;
mod state;
mod text;
mod tree;

/// The gix this crate reads with, for callers that build repositories (the demo, tests).
pub use gix;
pub use matcher::{Hit, Identifier, Matcher, MatcherError, Needle};
pub use scan::scan;
pub use state::{ScanState, StateError};
pub use text::{FileKind, MAX_BLOB_BYTES, MAX_LINE_CHARS};

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;
use time::OffsetDateTime;

/// Where a reference was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// A line of a commit message (line 1 is the subject).
    CommitMessage {
        /// The commit's id, full hex.
        commit: String,
        /// 1-based line in the message.
        line: u32,
    },
    /// A line of a file in HEAD's tree.
    File {
        /// HEAD's commit id, full hex.
        commit: String,
        /// `/`-separated path from the repository root (lossily decoded).
        path: String,
        /// 1-based line in the file.
        line: u32,
        /// What kind of file it is, by name.
        file_kind: FileKind,
    },
}

/// One citation of one incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The cited identifier's key (an incident slug).
    pub identifier_key: String,
    /// The text that matched, as written.
    pub matched: String,
    /// Where it is.
    pub place: Place,
    /// The commit's author name (for a file: HEAD's author; blame is out of scope).
    pub author: Option<String>,
    /// The commit's author date with its offset (for a file: HEAD's).
    #[serde(with = "time::serde::rfc3339::option")]
    pub date: Option<OffsetDateTime>,
    /// The line, trimmed, at most [`MAX_LINE_CHARS`] characters and then `…`.
    pub line_text: String,
}

/// The repository a scan read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepoInfo {
    /// The path as given to [`scan`].
    pub path: PathBuf,
    /// HEAD's commit id, or `None` for an empty repository.
    pub head: Option<String>,
}

/// What a scan found and what the next scan needs.
#[derive(Debug, Clone, Serialize)]
pub struct ScanOutcome {
    /// The repository.
    pub repository: RepoInfo,
    /// References in commit messages not read by the previous scan (all of them on a full
    /// scan). Earlier commit references stay valid: commits do not change.
    pub commit_references: Vec<Reference>,
    /// Paths whose file references the caller must replace with `file_references`: changed,
    /// added and deleted files at HEAD since the previous state (every path on a full scan).
    /// A deleted or renamed-away path is here with no references, so its references go.
    pub rescanned_paths: Vec<String>,
    /// References in the files at `rescanned_paths`.
    pub file_references: Vec<Reference>,
    /// `true` when everything was read again: no previous state, or it could not be used
    /// (then a warning says why). The caller replaces every reference of the repository.
    pub full_rescan: bool,
    /// Problems met while the scan went on.
    pub warnings: Vec<ScanWarning>,
    /// Commits whose messages were read.
    pub commits_read: u64,
    /// Blobs whose contents were read.
    pub blobs_read: u64,
    /// The state to pass to the next scan.
    pub state: ScanState,
}

/// Which part of a scan a [`Progress`] event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading commit messages.
    Commits,
    /// Reading files at HEAD.
    Files,
}

/// A progress event, sent about every [`PROGRESS_EVERY`] items and at the end of each phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The phase.
    pub phase: Phase,
    /// Items done so far in this phase.
    pub done: u64,
    /// Items in the phase, when known beforehand (it is not, for a revision walk).
    pub total: Option<u64>,
}

/// How many items pass between two progress events.
pub const PROGRESS_EVERY: u64 = 1_000;

/// A problem that did not stop the scan. Its `Display` is one line naming the repository and,
/// where there is one, the commit or path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanWarning {
    /// The repository, as given.
    pub repository: PathBuf,
    /// The commit it is about, if any.
    pub commit: Option<String>,
    /// The path it is about, if any.
    pub path: Option<String>,
    /// What happened.
    pub kind: WarningKind,
}

/// What a [`ScanWarning`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// The repository has no commits yet.
    EmptyRepository,
    /// A shallow clone: history before the shallow boundary is not there to scan.
    Shallow {
        /// How many boundary commits the clone has.
        boundary_commits: usize,
    },
    /// The previous state could not be used; everything was read again.
    FullRescan {
        /// Why.
        reason: String,
    },
    /// A blob over [`MAX_BLOB_BYTES`] was skipped.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// A binary blob (NUL in its first 8 KiB) was skipped.
    Binary,
    /// A file is not valid UTF-8; it was decoded lossily and its lines counted all the same.
    InvalidUtf8,
    /// A submodule entry: its contents live in another repository, scan that one.
    Submodule,
    /// An object could not be read; the scan went on without it.
    Unreadable {
        /// The error.
        error: String,
    },
}

impl fmt::Display for ScanWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.repository.display())?;
        if let Some(commit) = &self.commit {
            write!(f, ": commit {commit}")?;
        }
        if let Some(path) = &self.path {
            write!(f, ": {path}")?;
        }
        match &self.kind {
            WarningKind::EmptyRepository => {
                write!(f, ": empty repository (no HEAD commit), nothing to scan")
            }
            WarningKind::Shallow { boundary_commits } => write!(
                f,
                ": shallow clone ({boundary_commits} boundary commit(s)); history before the boundary is not scanned"
            ),
            WarningKind::FullRescan { reason } => write!(f, ": full rescan: {reason}"),
            WarningKind::TooLarge { bytes } => write!(
                f,
                ": skipped, {bytes} bytes is over the {MAX_BLOB_BYTES}-byte cap"
            ),
            WarningKind::Binary => write!(f, ": skipped, binary (NUL byte in the first 8 KiB)"),
            WarningKind::InvalidUtf8 => write!(f, ": not valid UTF-8, decoded lossily"),
            WarningKind::Submodule => {
                write!(f, ": submodule skipped (scan its repository separately)")
            }
            WarningKind::Unreadable { error } => write!(f, ": unreadable, skipped: {error}"),
        }
    }
}

/// A failure that stopped the scan of one repository; the caller goes on with the next.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The path is not a git repository (nor a worktree of one).
    #[error("{}: not a git repository: {error}", path.display())]
    NotARepository {
        /// The path as given.
        path: PathBuf,
        /// Why gix could not open it.
        error: String,
    },
    /// The repository could not be read.
    #[error("{}: {what}: {error}", path.display())]
    Read {
        /// The path as given.
        path: PathBuf,
        /// What was being read.
        what: String,
        /// The underlying error.
        error: String,
    },
}
