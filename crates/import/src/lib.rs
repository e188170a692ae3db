//! Readers for the formats incident data arrives in, producing `lore-core` types.
//!
//! Every reader treats its input as hostile: it caps what it reads, never panics, and reports
//! problems as an [`ImportError`] naming the file and the place in it. Readers do no IO beyond
//! the reader they are handed and never touch the store: the caller stores what they return in
//! one transaction, so a file that fails to parse changes nothing.

mod error;
pub mod jsonl;

pub use error::ImportError;

/// The longest line a line-oriented reader accepts. Real chat lines and log records are far
/// shorter; anything longer is a sign of the wrong file or a hostile one.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
