//! One scan of one repository: commit messages from the ref tips not yet read, then the files
//! of HEAD that differ from the tree read last time.

use crate::matcher::{Hit, Matcher};
use crate::state::ScanState;
use crate::text::{self, LineCursor, MAX_BLOB_BYTES};
use crate::tree::{self, Target};
use crate::{
    FileKind, PROGRESS_EVERY, Phase, Place, Progress, Reference, RepoInfo, ScanError, ScanOutcome,
    ScanWarning, WarningKind,
};
use gix::ObjectId;
use gix::objs::{CommitRef, FindExt};
use std::collections::HashSet;
use std::path::Path;
use time::{OffsetDateTime, UtcOffset};

/// Scans the repository at `repo_path` (a working tree or a bare repository; not a
/// subdirectory of one) for citations of `identifiers`' incidents.
///
/// With `previous` (the state of the last scan of this repository), only commits reachable
/// from the current ref tips and not from the previous ones are read, and only files of HEAD's
/// tree that differ from the previous HEAD's tree. When the previous state cannot be used
/// (unreadable, made for other identifiers, or a previously scanned tip is no longer
/// reachable: history was rewritten), everything is read and [`ScanOutcome::full_rescan`] says
/// so, with a warning giving the reason.
///
/// Problems with single objects (a binary or huge file, a submodule, a shallow clone, invalid
/// UTF-8) are [`ScanWarning`]s and the scan goes on; only a path that is not a repository, or
/// refs and history that cannot be read at all, are a [`ScanError`].
pub fn scan(
    repo_path: &Path,
    identifiers: &Matcher,
    previous: Option<&ScanState>,
    progress: &mut dyn FnMut(Progress),
) -> Result<ScanOutcome, ScanError> {
    let repo = gix::open_opts(repo_path, gix::open::Options::isolated()).map_err(|source| {
        ScanError::NotARepository {
            path: repo_path.to_owned(),
            error: source.to_string(),
        }
    })?;
    let mut s = Scanner {
        repo: &repo,
        path: repo_path,
        matcher: identifiers,
        warnings: Vec::new(),
        hits: Vec::new(),
        commits_read: 0,
        blobs_read: 0,
    };
    let read_err = |what: &str, e: &dyn std::fmt::Display| ScanError::Read {
        path: repo_path.to_owned(),
        what: what.to_owned(),
        error: e.to_string(),
    };

    // HEAD, and the commit and tree the files are read from.
    let head = repo.head_id().ok().map(|id| id.detach());
    let head_info = match head {
        Some(id) => Some(
            s.commit_meta(id)
                .map_err(|e| read_err("reading HEAD's commit", &e))?,
        ),
        None => {
            s.warn(None, None, WarningKind::EmptyRepository);
            None
        }
    };
    if let Ok(Some(shallow)) = repo.shallow_commits() {
        s.warn(
            None,
            None,
            WarningKind::Shallow {
                boundary_commits: shallow.len(),
            },
        );
    }
    let tips = s.tips(head).map_err(|e| read_err("listing refs", &e))?;

    // Can the previous state be built on?
    let mut base = previous.and_then(|state| match state.unusable(identifiers.fingerprint()) {
        Some(reason) => {
            s.warn(None, None, WarningKind::FullRescan { reason });
            None
        }
        None => Some(state),
    });
    let mut old_tips: Vec<ObjectId> = Vec::new();
    if let Some(state) = base {
        match state
            .tips
            .iter()
            .map(|t| ObjectId::from_hex(t.as_bytes()))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(ids) => old_tips = ids,
            Err(e) => {
                s.warn(
                    None,
                    None,
                    WarningKind::FullRescan {
                        reason: format!("the previous state has a bad tip: {e}"),
                    },
                );
                base = None;
            }
        }
    }

    // Commits.
    let mut commit_references = Vec::new();
    if base.is_some() {
        let old: HashSet<ObjectId> = old_tips.iter().copied().collect();
        let new_tips: Vec<ObjectId> = tips.iter().copied().filter(|t| !old.contains(t)).collect();
        let mut parents = HashSet::new();
        if !new_tips.is_empty() {
            s.walk(
                new_tips,
                old_tips.clone(),
                &mut commit_references,
                Some(&mut parents),
                progress,
            )
            .map_err(|e| read_err("walking the history", &e))?;
        }
        let current: HashSet<ObjectId> = tips.iter().copied().collect();
        let lost = old_tips
            .iter()
            .find(|t| !current.contains(*t) && !parents.contains(*t) && !s.reachable(**t, &tips));
        if let Some(lost) = lost {
            s.warn(
                Some(lost.to_string()),
                None,
                WarningKind::FullRescan {
                    reason: format!("previously scanned commit {lost} is no longer reachable from any ref (history was rewritten)"),
                },
            );
            base = None;
            commit_references.clear();
            s.commits_read = 0;
        }
    }
    if base.is_none() {
        s.walk_all(&tips, &mut commit_references, progress);
    }

    // Files.
    let mut rescanned_paths = Vec::new();
    let mut file_references = Vec::new();
    let new_tree = head_info.as_ref().map(|h| h.tree);
    let old_tree = match base.and_then(|b| b.head_tree.as_deref()) {
        Some(hex) => match ObjectId::from_hex(hex.as_bytes()) {
            Ok(id) if repo.find_header(id).is_ok() => Some(id),
            _ => {
                s.warn(None, None, WarningKind::FullRescan {
                    reason: format!("the previously scanned tree {hex} is not in the repository; reading every file"),
                });
                None
            }
        },
        None => None,
    };
    if old_tree != new_tree {
        s.files(
            old_tree,
            head_info.as_ref(),
            &mut rescanned_paths,
            &mut file_references,
            progress,
        );
    }

    let state = ScanState::new(
        tips.iter().map(ToString::to_string).collect(),
        head.map(|h| h.to_string()),
        new_tree.map(|t| t.to_string()),
        identifiers.fingerprint(),
    );
    Ok(ScanOutcome {
        repository: RepoInfo {
            path: repo_path.to_owned(),
            head: head.map(|h| h.to_string()),
        },
        commit_references,
        rescanned_paths,
        file_references,
        full_rescan: base.is_none(),
        warnings: s.warnings,
        commits_read: s.commits_read,
        blobs_read: s.blobs_read,
        state,
    })
}

/// A commit's tree, author and date.
struct CommitMeta {
    id: ObjectId,
    tree: ObjectId,
    author: Option<String>,
    date: Option<OffsetDateTime>,
}

struct Scanner<'a> {
    repo: &'a gix::Repository,
    path: &'a Path,
    matcher: &'a Matcher,
    warnings: Vec<ScanWarning>,
    hits: Vec<Hit>,
    commits_read: u64,
    blobs_read: u64,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

impl Scanner<'_> {
    fn warn(&mut self, commit: Option<String>, path: Option<String>, kind: WarningKind) {
        self.warnings.push(ScanWarning {
            repository: self.path.to_owned(),
            commit,
            path,
            kind,
        });
    }

    /// The commit at the tip of every ref (tags peeled; refs to trees or blobs skipped) and
    /// HEAD, deduplicated.
    fn tips(&mut self, head: Option<ObjectId>) -> Result<Vec<ObjectId>, Error> {
        let mut tips: Vec<ObjectId> = head.into_iter().collect();
        let platform = self.repo.references()?;
        for reference in platform.all()? {
            let peeled = reference.map_err(|e| e.to_string()).and_then(|mut r| {
                let name = r.name().as_bstr().to_string();
                r.peel_to_id()
                    .map(|id| id.detach())
                    .map_err(|e| format!("ref {name}: {e}"))
            });
            match peeled {
                Ok(id) => {
                    if self
                        .repo
                        .find_header(id)
                        .is_ok_and(|h| h.kind() == gix::object::Kind::Commit)
                    {
                        tips.push(id);
                    }
                }
                Err(error) => self.warn(None, None, WarningKind::Unreadable { error }),
            }
        }
        tips.sort();
        tips.dedup();
        Ok(tips)
    }

    fn commit_meta(&self, id: ObjectId) -> Result<CommitMeta, Error> {
        let object = self.repo.find_object(id)?;
        let commit = CommitRef::from_bytes(&object.data, self.repo.object_hash())?;
        let (author, date) = signature(&commit);
        Ok(CommitMeta {
            id,
            tree: commit.tree(),
            author,
            date,
        })
    }

    /// Is `commit` an ancestor of (or one of) `tips`? Walks only commits newer than it.
    fn reachable(&self, commit: ObjectId, tips: &[ObjectId]) -> bool {
        let Ok(seconds) = self
            .repo
            .find_commit(commit)
            .and_then(|c| c.time())
            .map(|t| t.seconds)
        else {
            return false;
        };
        let walk = self
            .repo
            .rev_walk(tips.iter().copied())
            .sorting(gix::revision::walk::Sorting::ByCommitTimeCutoff {
                seconds,
                order: Default::default(),
            })
            .all();
        let Ok(walk) = walk else { return false };
        walk.filter_map(Result::ok).any(|info| info.id == commit)
    }

    /// Reads the message of every commit reachable from `tips` and not from `hidden`.
    /// `parents`, if given, collects the parents of the commits read.
    fn walk(
        &mut self,
        tips: Vec<ObjectId>,
        hidden: Vec<ObjectId>,
        out: &mut Vec<Reference>,
        mut parents: Option<&mut HashSet<ObjectId>>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), Error> {
        if tips.is_empty() {
            return Ok(());
        }
        let repo = self.repo;
        let mut walk = repo.rev_walk(tips).use_commit_graph(false);
        if !hidden.is_empty() {
            walk = walk.with_hidden(hidden);
        }
        let mut buf = Vec::new();
        for info in walk.all()? {
            let info = info?;
            if let Some(parents) = parents.as_deref_mut() {
                parents.extend(info.parent_ids.iter().copied());
            }
            self.commits_read += 1;
            if self.commits_read.is_multiple_of(PROGRESS_EVERY) {
                progress(Progress {
                    phase: Phase::Commits,
                    done: self.commits_read,
                    total: None,
                });
            }
            let commit = match repo.objects.find_commit(&info.id, &mut buf) {
                Ok(c) => c,
                Err(e) => {
                    self.warn(
                        Some(info.id.to_string()),
                        None,
                        WarningKind::Unreadable {
                            error: e.to_string(),
                        },
                    );
                    continue;
                }
            };
            self.cite_in_message(info.id, &commit, out);
        }
        progress(Progress {
            phase: Phase::Commits,
            done: self.commits_read,
            total: Some(self.commits_read),
        });
        Ok(())
    }

    /// Reads every commit reachable from `tips`, each once, by a depth-first walk of our own:
    /// gix's revision walk decodes each commit to follow its parents and would have us read it
    /// a second time for the message; this reads it once (a full scan is mostly this loop).
    /// Parents of shallow boundary commits are not followed (they are not in the clone).
    fn walk_all(
        &mut self,
        tips: &[ObjectId],
        out: &mut Vec<Reference>,
        progress: &mut dyn FnMut(Progress),
    ) {
        let repo = self.repo;
        let shallow: gix::hashtable::HashSet = match repo.shallow_commits() {
            Ok(Some(commits)) => commits.iter().copied().collect(),
            _ => Default::default(),
        };
        let mut seen: gix::hashtable::HashSet = tips.iter().copied().collect();
        let mut stack: Vec<ObjectId> = tips.to_vec();
        let mut buf = Vec::new();
        while let Some(id) = stack.pop() {
            let commit = match repo.objects.find_commit(&id, &mut buf) {
                Ok(c) => c,
                Err(e) => {
                    self.warn(
                        Some(id.to_string()),
                        None,
                        WarningKind::Unreadable {
                            error: e.to_string(),
                        },
                    );
                    continue;
                }
            };
            self.commits_read += 1;
            if self.commits_read.is_multiple_of(PROGRESS_EVERY) {
                progress(Progress {
                    phase: Phase::Commits,
                    done: self.commits_read,
                    total: None,
                });
            }
            if !shallow.contains(&id) {
                for parent in &commit.parents {
                    if let Ok(parent) = ObjectId::from_hex(parent)
                        && seen.insert(parent)
                    {
                        stack.push(parent);
                    }
                }
            }
            self.cite_in_message(id, &commit, out);
        }
        progress(Progress {
            phase: Phase::Commits,
            done: self.commits_read,
            total: Some(self.commits_read),
        });
    }

    /// Adds the references in `commit`'s message to `out`.
    fn cite_in_message(&mut self, id: ObjectId, commit: &CommitRef<'_>, out: &mut Vec<Reference>) {
        let message: &[u8] = commit.message;
        self.matcher.find(message, &mut self.hits);
        if self.hits.is_empty() {
            return;
        }
        let (author, date) = signature(commit);
        let commit_hex = id.to_string();
        let mut lines = LineCursor::new(message);
        for hit in &self.hits {
            let (line, line_text) = lines.line_at(hit.start);
            out.push(Reference {
                identifier_key: self.matcher.keys()[hit.identifier].clone(),
                matched: String::from_utf8_lossy(&message[hit.start..hit.end]).into_owned(),
                place: Place::CommitMessage {
                    commit: commit_hex.clone(),
                    line,
                },
                author: author.clone(),
                date,
                line_text,
            });
        }
    }

    /// Reads the files of `head`'s tree that differ from `old_tree` (all of them without one).
    fn files(
        &mut self,
        old_tree: Option<ObjectId>,
        head: Option<&CommitMeta>,
        paths: &mut Vec<String>,
        out: &mut Vec<Reference>,
        progress: &mut dyn FnMut(Progress),
    ) {
        let repo = self.repo;
        let mut changes = Vec::new();
        let mut tree_warnings = Vec::new();
        tree::diff_trees(
            old_tree,
            head.map(|h| h.tree),
            repo.object_hash(),
            &mut |id| {
                repo.find_object(id)
                    .map(|o| o.detach().data)
                    .map_err(|e| e.to_string())
            },
            &mut |change| changes.push(change),
            &mut |path, error| tree_warnings.push((path, error)),
        );
        for (path, error) in tree_warnings {
            self.warn(None, Some(path), WarningKind::Unreadable { error });
        }
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        let total = changes.len() as u64;
        for (done, change) in changes.into_iter().enumerate() {
            if (done as u64).is_multiple_of(PROGRESS_EVERY) && done > 0 {
                progress(Progress {
                    phase: Phase::Files,
                    done: done as u64,
                    total: Some(total),
                });
            }
            match (change.target, head) {
                (Target::Blob(id), Some(head)) => self.file(id, &change.path, head, out),
                (Target::Submodule, _) => {
                    self.warn(None, Some(change.path.clone()), WarningKind::Submodule)
                }
                _ => {}
            }
            paths.push(change.path);
        }
        progress(Progress {
            phase: Phase::Files,
            done: total,
            total: Some(total),
        });
    }

    fn file(&mut self, id: ObjectId, path: &str, head: &CommitMeta, out: &mut Vec<Reference>) {
        let warn_path = Some(path.to_owned());
        match self.repo.find_header(id) {
            Ok(header) if header.size() > MAX_BLOB_BYTES => {
                return self.warn(
                    None,
                    warn_path,
                    WarningKind::TooLarge {
                        bytes: header.size(),
                    },
                );
            }
            Ok(_) => {}
            Err(e) => {
                return self.warn(
                    None,
                    warn_path,
                    WarningKind::Unreadable {
                        error: e.to_string(),
                    },
                );
            }
        }
        let object = match self.repo.find_object(id) {
            Ok(o) => o,
            Err(e) => {
                return self.warn(
                    None,
                    warn_path,
                    WarningKind::Unreadable {
                        error: e.to_string(),
                    },
                );
            }
        };
        self.blobs_read += 1;
        let data: &[u8] = &object.data;
        if text::is_binary(data) {
            return self.warn(None, warn_path, WarningKind::Binary);
        }
        if std::str::from_utf8(data).is_err() {
            self.warn(None, warn_path, WarningKind::InvalidUtf8);
        }
        self.matcher.find(data, &mut self.hits);
        if self.hits.is_empty() {
            return;
        }
        let file_kind = FileKind::of_path(path);
        let commit = head.id.to_string();
        let mut lines = LineCursor::new(data);
        for hit in &self.hits {
            let (line, line_text) = lines.line_at(hit.start);
            out.push(Reference {
                identifier_key: self.matcher.keys()[hit.identifier].clone(),
                matched: String::from_utf8_lossy(&data[hit.start..hit.end]).into_owned(),
                place: Place::File {
                    commit: commit.clone(),
                    path: path.to_owned(),
                    line,
                    file_kind,
                },
                author: head.author.clone(),
                date: head.date,
                line_text,
            });
        }
    }
}

/// The author's name and date (with its offset) of a commit; `None` where unparsable.
fn signature(commit: &CommitRef<'_>) -> (Option<String>, Option<OffsetDateTime>) {
    let Ok(author) = commit.author() else {
        return (None, None);
    };
    let name = Some(author.name.to_string());
    let date = author.time().ok().and_then(|t| {
        let offset = UtcOffset::from_whole_seconds(t.offset).ok()?;
        Some(
            OffsetDateTime::from_unix_timestamp(t.seconds)
                .ok()?
                .to_offset(offset),
        )
    });
    (name, date)
}
