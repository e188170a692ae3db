//! One integration-test binary for lore-gitscan: repositories built with the `git` CLI in
//! temporary directories, and a real history replayed with `git fast-import`.

mod matching;
mod real_history;
mod replay;
mod scan;
mod support;
