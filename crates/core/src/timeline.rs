use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::content_hash;

/// What a timeline entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A message in chat (Slack, IRC, ...).
    Chat,
    /// An update published on a status page.
    Status,
    /// A deploy, rollback or configuration change.
    Deploy,
    /// An alert or page from monitoring.
    Alert,
    /// A change to a ticket.
    Ticket,
    /// A line spoken in a recorded call or interview.
    Transcript,
    /// Anything else an analyst or a source wrote down.
    Note,
}

impl EntryKind {
    pub const ALL: [EntryKind; 7] = [
        EntryKind::Chat,
        EntryKind::Status,
        EntryKind::Deploy,
        EntryKind::Alert,
        EntryKind::Ticket,
        EntryKind::Transcript,
        EntryKind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Chat => "chat",
            EntryKind::Status => "status",
            EntryKind::Deploy => "deploy",
            EntryKind::Alert => "alert",
            EntryKind::Ticket => "ticket",
            EntryKind::Transcript => "transcript",
            EntryKind::Note => "note",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown entry kind {0:?}: expected one of chat, status, deploy, alert, ticket, transcript, note"
)]
pub struct EntryKindError(pub String);

impl FromStr for EntryKind {
    type Err = EntryKindError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntryKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| EntryKindError(s.to_owned()))
    }
}

/// Where exactly an entry came from: the file inside the imported source and the line or
/// message id within it. This is what lets a write-up say which data it relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Path of the file inside the source (the archive member, or the file name).
    pub path: String,
    /// 1-based line number, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The source's own id for the record (Slack `ts`, a JSONL `id`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

/// One imported file or archive, as the importer describes it before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    /// The importer that read it: `jsonl`, `slack`, `irc`, ...
    pub kind: String,
    /// The file name as given by the person importing (never used to open anything later).
    pub file_name: String,
    /// Hex SHA-256 of the imported bytes: the same file imported twice is recognised.
    pub content_hash: String,
}

/// A stored source with what the store knows about its import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: i64,
    pub incident_id: i64,
    pub kind: String,
    pub file_name: String,
    pub content_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    pub imported_at: OffsetDateTime,
    pub imported_by: Option<String>,
    pub entry_count: i64,
}

/// A timeline entry as an importer produces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTimelineEntry {
    /// The instant, in any offset; the store keeps it in UTC.
    pub occurred_at: OffsetDateTime,
    /// The time exactly as the source wrote it.
    pub time_text: String,
    /// The offset or zone the source gave (or the one the importer was told to assume).
    pub time_zone: Option<String>,
    /// The author's handle in this source; resolved to a person on import.
    pub author_handle: Option<String>,
    /// The conversation it was said in (a Slack channel's folder name, an IRC `#channel`), when
    /// the source says: who could have read an entry at the time depends on where it was said.
    /// `None` for sources that are not conversations (deploy logs, status pages, write-ups).
    /// Part of the entry's identity ([`NewTimelineEntry::content_hash`]): Slack's `ts` is
    /// unique per channel only, so the same message in two channels is two entries.
    pub channel: Option<String>,
    pub kind: EntryKind,
    pub text: String,
    /// The source's id (`provenance.message_id`) of the entry this one replies to.
    pub thread_parent: Option<String>,
    /// Joins, bot chatter and the like: kept, but hidden by default.
    pub noise: bool,
    pub provenance: Provenance,
    /// The original record, byte for byte as far as the format allows.
    pub raw: String,
}

impl NewTimelineEntry {
    /// Identifies the entry across imports: the same record at the same instant in the same
    /// conversation ([`NewTimelineEntry::conversation`]) is the same entry, whichever import
    /// it arrived in. See [`entry_identity`].
    pub fn content_hash(&self) -> String {
        entry_identity(&self.record_hash(), &self.conversation())
    }

    /// The hash of the record and its instant alone: what identified an entry before the
    /// conversation was part of its identity.
    pub fn record_hash(&self) -> String {
        let when = self.occurred_at.unix_timestamp_nanos().to_string();
        content_hash(format!("{when}\n{}\n{}", self.kind, self.raw))
    }

    /// Where the entry was said: its channel, or for sources without channels the name of the
    /// file it came from (the last part of its provenance path).
    pub fn conversation(&self) -> String {
        conversation_of(self.channel.as_deref(), &self.provenance.path)
    }
}

/// An entry's conversation from its stored columns (`channel`, `prov_path`).
pub fn conversation_of(channel: Option<&str>, path: &str) -> String {
    match channel {
        Some(c) => format!("channel:{c}"),
        None => {
            let path = path.trim_end_matches('/');
            let name = path.rsplit('/').next().unwrap_or(path);
            format!("file:{name}")
        }
    }
}

/// An entry's identity: its record hash (see [`NewTimelineEntry::record_hash`]) within its
/// conversation. Built on the record hash rather than on the record, so that the identities
/// of entries stored before it existed are recomputed exactly from their stored columns.
///
/// The first [`ENTRY_IDENTITY_HEX`] hex digits (128 bits) of the SHA-256: identities are only
/// compared within one incident, where 128 bits make a collision as likely as none, and every
/// import looks each one up at a random place in the unique index, whose size this halves
/// (migration 0030 cut the identities stored before, which were the full 64 digits).
pub fn entry_identity(record_hash: &str, conversation: &str) -> String {
    let mut hash = content_hash(format!("{record_hash}\n{conversation}"));
    hash.truncate(ENTRY_IDENTITY_HEX);
    hash
}

/// Hex digits in an entry's identity ([`entry_identity`]).
pub const ENTRY_IDENTITY_HEX: usize = 32;

/// A stored timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub id: i64,
    pub incident_id: i64,
    pub source_id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    pub time_text: String,
    pub time_zone: Option<String>,
    pub author_person_id: Option<i64>,
    pub author_name: Option<String>,
    /// See [`NewTimelineEntry::channel`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    pub kind: EntryKind,
    pub text: String,
    pub thread_parent: Option<i64>,
    /// The source's id of the entry this one replies to, whether or not that entry is stored:
    /// a reply whose thread began before its export is still a reply. `thread_parent` is set
    /// once the parent is imported into the same incident.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_parent_key: Option<String>,
    pub noise: bool,
    pub provenance: Provenance,
    pub raw: String,
}

/// An entry as Lore publishes it (`lore timeline --format jsonl`, the JSON API): the instant
/// in RFC 3339 UTC, the author's name, and where it came from.
#[derive(Debug, Serialize)]
pub struct EntryRecord<'a> {
    pub id: i64,
    pub time: String,
    pub time_text: &'a str,
    pub time_zone: Option<&'a str>,
    pub author: Option<&'a str>,
    pub author_person_id: Option<i64>,
    /// Left out when the entry has none, so that the records of entries from sources without
    /// conversations read exactly as they did before channels were kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<&'a str>,
    pub kind: EntryKind,
    pub text: &'a str,
    pub thread_parent: Option<i64>,
    /// See [`TimelineEntry::thread_parent_key`]; left out for entries that reply to nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_parent_key: Option<&'a str>,
    pub noise: bool,
    pub source: Option<SourceRef<'a>>,
    pub provenance: &'a Provenance,
}

/// Which imported source an entry came from.
#[derive(Debug, Serialize)]
pub struct SourceRef<'a> {
    pub id: i64,
    pub kind: &'a str,
    pub file: &'a str,
}

impl<'a> EntryRecord<'a> {
    pub fn new(e: &'a TimelineEntry, source: Option<&'a Source>) -> Self {
        EntryRecord {
            id: e.id,
            time: e
                .occurred_at
                .to_offset(time::UtcOffset::UTC)
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            time_text: &e.time_text,
            time_zone: e.time_zone.as_deref(),
            author: e.author_name.as_deref(),
            author_person_id: e.author_person_id,
            channel: e.channel.as_deref(),
            kind: e.kind,
            text: &e.text,
            thread_parent: e.thread_parent,
            thread_parent_key: e.thread_parent_key.as_deref(),
            noise: e.noise,
            source: source.map(|s| SourceRef {
                id: s.id,
                kind: &s.kind,
                file: &s.file_name,
            }),
            provenance: &e.provenance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn entry(at: OffsetDateTime, raw: &str) -> NewTimelineEntry {
        NewTimelineEntry {
            occurred_at: at,
            time_text: "t".into(),
            time_zone: None,
            author_handle: None,
            channel: None,
            kind: EntryKind::Chat,
            text: raw.into(),
            thread_parent: None,
            noise: false,
            provenance: Provenance {
                path: "a".into(),
                line: Some(1),
                message_id: None,
            },
            raw: raw.into(),
        }
    }

    #[test]
    fn entry_hash_ignores_offset_and_directory_but_not_instant_record_or_file() {
        let a = entry(datetime!(2026-03-12 14:00 UTC), "hello");
        let mut b = entry(datetime!(2026-03-12 09:00 -5), "hello");
        b.provenance.path = "logs/a".into();
        assert_eq!(a.content_hash(), b.content_hash());
        let c = entry(datetime!(2026-03-12 14:01 UTC), "hello");
        assert_ne!(a.content_hash(), c.content_hash());
        let d = entry(datetime!(2026-03-12 14:00 UTC), "hello!");
        assert_ne!(a.content_hash(), d.content_hash());
        let mut e = a.clone();
        e.provenance.path = "other-file".into();
        assert_ne!(a.content_hash(), e.content_hash());
    }

    #[test]
    fn entry_hash_includes_the_channel_over_the_old_record_hash() {
        let a = entry(datetime!(2026-03-12 14:00 UTC), "hello");
        let mut b = a.clone();
        b.channel = Some("ops".into());
        let mut c = a.clone();
        c.channel = Some("general".into());
        c.provenance.path = "general/2026-03-12.json".into();
        assert_ne!(a.content_hash(), b.content_hash());
        assert_ne!(b.content_hash(), c.content_hash());
        // The record hash is the identity stored before conversations were part of it, and
        // the identity is recomputed from it and the stored columns.
        let old = content_hash(format!(
            "{}\nchat\nhello",
            a.occurred_at.unix_timestamp_nanos()
        ));
        assert_eq!(a.record_hash(), old);
        assert_eq!(
            b.content_hash(),
            entry_identity(&old, &conversation_of(Some("ops"), "whatever"))
        );
        assert_eq!(conversation_of(None, "x/y/deploy.log"), "file:deploy.log");
        assert_eq!(conversation_of(None, "deploy.log"), "file:deploy.log");
    }

    #[test]
    fn records_name_the_channel_only_when_there_is_one() {
        let mut e = TimelineEntry {
            id: 7,
            incident_id: 1,
            source_id: 2,
            occurred_at: datetime!(2026-03-12 14:00 UTC),
            time_text: "14:00".into(),
            time_zone: None,
            author_person_id: None,
            author_name: None,
            channel: None,
            kind: EntryKind::Chat,
            text: "hello".into(),
            thread_parent: None,
            thread_parent_key: None,
            noise: false,
            provenance: Provenance {
                path: "a".into(),
                line: None,
                message_id: None,
            },
            raw: "hello".into(),
        };
        let without = serde_json::to_value(EntryRecord::new(&e, None)).unwrap();
        assert!(without.get("channel").is_none(), "{without}");
        e.channel = Some("ops".into());
        let with = serde_json::to_value(EntryRecord::new(&e, None)).unwrap();
        assert_eq!(with["channel"], "ops");
    }

    #[test]
    fn kinds_parse_and_name_the_bad_value() {
        for k in EntryKind::ALL {
            assert_eq!(k.as_str().parse::<EntryKind>().unwrap(), k);
        }
        assert!(
            "tweet"
                .parse::<EntryKind>()
                .unwrap_err()
                .to_string()
                .contains("\"tweet\"")
        );
    }
}
