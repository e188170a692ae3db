//! Readers for the formats incident data arrives in, producing `lore-core` types.
//!
//! Every reader treats its input as hostile: it caps what it reads, never panics, and reports
//! problems as an [`ImportError`] naming the file and the place in it. Readers do no IO beyond
//! the reader or archive they are handed and never touch the store: the caller stores what they
//! return in one transaction, so a file that fails to parse changes nothing.

pub mod archive;
pub mod csv_timeline;
mod dates;
mod error;
pub mod field_map;
pub mod irc;
pub mod jsonl;
pub mod lines;
pub mod slack;
pub mod status;
pub mod vtt;
pub mod writeup;
pub mod zone;

use lore_core::{ChannelMembers, NewIncident, NewTimelineEntry, PersonHint};

pub use error::ImportError;

/// The longest line a line-oriented reader accepts. Real chat lines and log records are far
/// shorter; anything longer is a sign of the wrong file or a hostile one.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// What a reader found in one source, ready for `lore_store::Store::import`.
#[derive(Debug, Default)]
pub struct Timeline {
    pub entries: Vec<NewTimelineEntry>,
    /// Display names the source gives for the handles its entries and channel members use.
    pub people: Vec<PersonHint>,
    /// Who was in each conversation read, for sources that list it (Slack's `members`), so that
    /// what someone could have seen is known even in channels where they said nothing.
    pub channel_members: Vec<ChannelMembers>,
    /// What the reader noticed and imported anyway, each naming its place
    /// (`FILE:LINE: ...`), for the import report.
    pub warnings: Vec<String>,
}

/// An incident that a source describes by itself: a status-page incident, a write-up.
#[derive(Debug)]
pub struct IncidentRecord {
    pub incident: NewIncident,
    /// The write-up's prose (Markdown), when the source has one.
    pub narrative: Option<String>,
    pub timeline: Timeline,
}
