//! The files of HEAD's tree that need reading: all of them, or those that differ from the
//! previously scanned tree. Only tree objects are read here; unchanged subtrees (same id) are
//! never opened, so a rescan after a one-file change reads a handful of trees.

use gix::ObjectId;
use gix::objs::TreeRefIter;
use std::collections::HashMap;

/// What a path holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Nothing: the file was deleted (or became a directory).
    Deleted,
    /// A regular or executable file.
    Blob(ObjectId),
    /// A symbolic link: its blob is a path, not text worth scanning.
    Link,
    /// A submodule (a commit of another repository).
    Submodule,
}

/// A path to (re)scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) path: String,
    pub(crate) target: Target,
}

#[derive(Clone, Copy)]
struct Entry {
    mode: gix::objs::tree::EntryMode,
    oid: ObjectId,
}

/// Lists the changes from `old` to `new` (either may be `None`: the empty tree), calling
/// `emit` per changed path. `read_tree` gives a tree's raw bytes. Depth-first with an explicit
/// stack: a deep tree cannot overflow the call stack.
pub(crate) fn diff_trees(
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    hash_kind: gix::hash::Kind,
    read_tree: &mut dyn FnMut(ObjectId) -> Result<Vec<u8>, String>,
    emit: &mut dyn FnMut(Change),
    warn: &mut dyn FnMut(String, String),
) {
    let mut stack: Vec<(Vec<u8>, Option<ObjectId>, Option<ObjectId>)> =
        vec![(Vec::new(), old, new)];
    while let Some((prefix, old, new)) = stack.pop() {
        let mut load = |id: Option<ObjectId>| -> Vec<(Vec<u8>, Entry)> {
            let Some(id) = id else { return Vec::new() };
            match read_tree(id) {
                Ok(data) => parse_tree(&data, hash_kind).unwrap_or_else(|e| {
                    warn(path_string(&prefix), format!("tree {id}: {e}"));
                    Vec::new()
                }),
                Err(e) => {
                    warn(path_string(&prefix), format!("tree {id}: {e}"));
                    Vec::new()
                }
            }
        };
        let old_entries = load(old);
        let new_entries = load(new);
        let old_by_name: HashMap<&[u8], Entry> = old_entries
            .iter()
            .map(|(name, e)| (name.as_slice(), *e))
            .collect();
        let join = |name: &[u8]| {
            let mut path = prefix.clone();
            if !path.is_empty() {
                path.push(b'/');
            }
            path.extend_from_slice(name);
            path
        };
        for (name, n) in &new_entries {
            let o = old_by_name.get(name.as_slice()).copied();
            let path = join(name);
            match o {
                Some(o) if o.oid == n.oid && o.mode == n.mode => {}
                Some(o) if o.mode.is_tree() && n.mode.is_tree() => {
                    stack.push((path, Some(o.oid), Some(n.oid)))
                }
                _ => {
                    // A file replaced by a file is reported once, as the new one; a change
                    // between file and directory removes the old side too.
                    if let Some(o) = o.filter(|o| o.mode.is_tree() != n.mode.is_tree()) {
                        removed(&path, o, &mut stack, emit);
                    }
                    if n.mode.is_tree() {
                        stack.push((path, None, Some(n.oid)));
                    } else {
                        emit(Change {
                            path: path_string(&path),
                            target: target_of(*n),
                        });
                    }
                }
            }
        }
        let new_names: std::collections::HashSet<&[u8]> =
            new_entries.iter().map(|(n, _)| n.as_slice()).collect();
        for (name, o) in &old_entries {
            if !new_names.contains(name.as_slice()) {
                removed(&join(name), *o, &mut stack, emit);
            }
        }
    }
}

/// `o` at `path` is gone: a file is reported deleted, a directory is listed to delete its files.
fn removed(
    path: &[u8],
    o: Entry,
    stack: &mut Vec<(Vec<u8>, Option<ObjectId>, Option<ObjectId>)>,
    emit: &mut dyn FnMut(Change),
) {
    if o.mode.is_tree() {
        stack.push((path.to_vec(), Some(o.oid), None));
    } else {
        emit(Change {
            path: path_string(path),
            target: Target::Deleted,
        });
    }
}

fn target_of(e: Entry) -> Target {
    if e.mode.is_commit() {
        Target::Submodule
    } else if e.mode.is_link() {
        Target::Link
    } else {
        Target::Blob(e.oid)
    }
}

fn parse_tree(data: &[u8], hash_kind: gix::hash::Kind) -> Result<Vec<(Vec<u8>, Entry)>, String> {
    TreeRefIter::from_bytes(data, hash_kind)
        .map(|entry| {
            entry
                .map(|e| {
                    (
                        e.filename.to_vec(),
                        Entry {
                            mode: e.mode,
                            oid: e.oid.to_owned(),
                        },
                    )
                })
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Paths are bytes in git; shown lossily decoded (a non-UTF-8 name keeps its place, with
/// replacement characters).
fn path_string(path: &[u8]) -> String {
    String::from_utf8_lossy(path).into_owned()
}
