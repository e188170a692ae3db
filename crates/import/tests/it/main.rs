//! lore-import's readers against files on disk and mangled input.

mod csv;
mod vtt;
