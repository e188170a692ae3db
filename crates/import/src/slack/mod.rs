//! Slack workspace exports: the ZIP file Slack's export tool produces, or the folder it unpacks
//! to.
//!
//! Layout: `users.json`, `channels.json`, `groups.json` (private channels), `dms.json` and
//! `mpims.json` at the top (any may be missing, but a Slack export has `channels.json` or
//! `groups.json`), then one folder per conversation (channels and group DMs by name, DMs by id)
//! holding one `YYYY-MM-DD.json` per day: a JSON array of message objects. An archive whose
//! files all sit in one top-level folder (an export unpacked and zipped again) is read the same.
//!
//! Both old exports (no threads, single `file`) and modern ones (threads, `files`, `blocks`,
//! `user_profile`, `edited`) are read. Each message becomes one chat entry:
//! - its id is `CHANNEL/TS` (a `ts` is only unique within its channel), and a reply's thread
//!   parent is `CHANNEL/THREAD_TS`; its channel is that same `CHANNEL` (the conversation's
//!   folder name: a channel's or group DM's name, a DM's id);
//! - its author is the `user` id, else the bot's `bot_id` or `username`;
//! - its text has mentions and links resolved to readable text, and a line per shared file and
//!   per attachment, so nothing Slack showed is lost;
//! - its raw record is the message object as written in the day file (compacted).
//!
//! Noise (kept, hidden by default): membership, topic, purpose, name, pin and integration
//! changes, hidden events, edit and deletion events, and messages posted by bots and
//! integrations. A person's message, a file they shared and a thread reply they also sent to the
//! channel (`thread_broadcast`) are never noise.
//!
//! Edits: a message carries its latest text. An `edited` field (modern exports) adds an
//! `[edited TIME]` note. A `message_changed` event (older exports) replaces the original's text
//! with the new one and notes the first version, since what responders read at the time matters
//! to the analysis; the event itself is kept as a noise entry.
//!
//! Deletions: a `message_deleted` event marks the original `[deleted TIME]` rather than removing
//! it. Slack removes deleted messages from exports, so when the original is still there it was
//! seen by responders before it went, which is exactly what an analyst needs to know; the event
//! is kept as a noise entry, with the deleted text when Slack recorded it.
//!
//! Membership: the `members` of each conversation in `channels.json`, `groups.json`,
//! `mpims.json` and `dms.json` (user ids, as authors are) come with that conversation's
//! entries, for the conversations read. Slack writes who was a member when the export was made;
//! a malformed list is a warning, and the conversation is read without it.

mod json;
mod lists;
mod messages;
mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use lore_core::{ChannelMembers, PersonHint};
use serde_json::{Map, Value};
use time::OffsetDateTime;

pub use crate::archive::ZipLimits;
use crate::archive::{Archive, SafeZip};
use crate::{ImportError, Timeline};
use messages::{Item, when};

/// Which part of an export to import: an incident usually lives in a few channels over a few
/// hours of an export that spans years.
#[derive(Debug, Clone, Default)]
pub struct SlackOptions {
    /// Channel names (without `#`; a DM's folder name or id) to read; `None` reads all.
    pub channels: Option<Vec<String>>,
    /// Messages at or after this instant.
    pub from: Option<OffsetDateTime>,
    /// Messages at or before this instant.
    pub to: Option<OffsetDateTime>,
    /// What reading the archive may cost.
    pub limits: ZipLimits,
}

/// Reads a Slack export: a ZIP file, or a folder holding an unpacked export.
pub fn read_export(path: &Path, opts: &SlackOptions) -> Result<Timeline, ImportError> {
    let archive = Archive::open_path(path, opts.limits)?;
    collect(archive, opts)
}

/// Reads a Slack export one conversation at a time, handing each to `each` as soon as it is
/// read, so that an export of any size goes through in the memory of its largest channel.
/// Each batch holds that conversation's entries in time order, its members (when the export
/// lists them) and the people both name; the warnings for the whole export are returned at the
/// end.
pub fn read_export_by_channel(
    path: &Path,
    opts: &SlackOptions,
    each: impl FnMut(Timeline) -> Result<(), ImportError>,
) -> Result<Vec<String>, ImportError> {
    let archive = Archive::open_path(path, opts.limits)?;
    read_archive(archive, opts, each)
}

/// All conversations as one timeline, in time order across channels.
fn collect<R: Read + Seek>(
    archive: Archive<R>,
    opts: &SlackOptions,
) -> Result<Timeline, ImportError> {
    let mut all = Timeline::default();
    let warnings = read_archive(archive, opts, |batch| {
        all.entries.extend(batch.entries);
        all.people.extend(batch.people);
        all.channel_members.extend(batch.channel_members);
        Ok(())
    })?;
    // Ties keep the (channel, ts) order the message ids carry.
    all.entries.sort_by(|a, b| {
        (a.occurred_at, &a.provenance.message_id).cmp(&(b.occurred_at, &b.provenance.message_id))
    });
    all.people.sort_by(|a, b| a.handle.cmp(&b.handle));
    all.people.dedup();
    all.warnings = warnings;
    Ok(all)
}

/// Reads a Slack export ZIP held in memory. `name` is used in errors.
pub fn read_zip_bytes(
    bytes: &[u8],
    name: &str,
    opts: &SlackOptions,
) -> Result<Timeline, ImportError> {
    let zip = SafeZip::open(Cursor::new(bytes), name, opts.limits)?;
    collect(Archive::Zip(zip), opts)
}

/// A workspace member from `users.json`.
struct User {
    display_name: String,
    is_bot: bool,
}

/// Slackbot posts as this id and is never listed in `users.json`.
const SLACKBOT: &str = "USLACKBOT";

/// Everything read so far that outlives one day file.
struct Reader<'o> {
    opts: &'o SlackOptions,
    users: HashMap<String, User>,
    users_listed: bool,
    /// Conversation ids to names, for `<#C123>`.
    conversations: HashMap<String, String>,
    /// Bot ids (or usernames) to the best name seen for them.
    bots: HashMap<String, String>,
    /// Names from messages' `user_profile`, for users missing from `users.json`.
    profiles: HashMap<String, String>,
    /// Each conversation's members by its name (folder), as the conversation lists give them.
    members: HashMap<String, Members>,
    warnings: Vec<String>,
}

/// One conversation's `members`, and what was wrong with the list: reported only if the
/// conversation is read, since nobody asked about the others.
#[derive(Default)]
struct Members {
    handles: Vec<String>,
    problems: Vec<String>,
}

fn read_archive<R: Read + Seek>(
    mut archive: Archive<R>,
    opts: &SlackOptions,
    mut each: impl FnMut(Timeline) -> Result<(), ImportError>,
) -> Result<Vec<String>, ImportError> {
    let name = archive.name().to_owned();
    if let (Some(from), Some(to)) = (opts.from, opts.to)
        && from > to
    {
        return Err(file_err(
            &name,
            format!(
                "the time window is empty: from {} is after to {}",
                when(from),
                when(to)
            ),
        ));
    }
    let prefix = export_root(&archive)?;
    let mut reader = Reader {
        opts,
        users: HashMap::new(),
        users_listed: false,
        conversations: HashMap::new(),
        bots: HashMap::new(),
        profiles: HashMap::new(),
        members: HashMap::new(),
        warnings: Vec::new(),
    };

    let users_member = format!("{prefix}users.json");
    match archive.find(&users_member) {
        Some(i) => {
            let bytes = archive.read(i)?;
            reader.read_users(&bytes, &users_member)?;
        }
        None => reader.warnings.push(format!(
            "{users_member}: missing: authors are shown by their Slack ids"
        )),
    }
    let mut known = BTreeSet::new();
    for (file, by_id) in [
        ("channels.json", false),
        ("groups.json", false),
        ("mpims.json", false),
        ("dms.json", true),
    ] {
        let member = format!("{prefix}{file}");
        if let Some(i) = archive.find(&member) {
            let bytes = archive.read(i)?;
            reader.read_conversations(&bytes, &member, by_id, &mut known)?;
        }
    }

    // Conversation folder → its day files, in name (= date) order.
    let mut folders: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (index, member) in archive.members().iter().enumerate() {
        let Some(rest) = member.name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((folder, file)) = rest.split_once('/') else {
            continue;
        };
        if !member.is_file || file.contains('/') || !file.ends_with(".json") {
            continue;
        }
        if folder == "__MACOSX" {
            continue;
        }
        folders
            .entry(folder.to_owned())
            .or_default()
            .push((member.name.clone(), index));
    }
    for days in folders.values_mut() {
        days.sort();
    }

    let selected = select_channels(&name, opts, &known, &folders, &reader.conversations)?;

    for channel in &selected {
        let Some(days) = folders.get(channel) else {
            continue;
        };
        let mut items = Vec::new();
        let joined = reader.read_channel(&mut archive, channel, days, &mut items)?;
        items.sort_by(|a, b| (a.entry.occurred_at, &a.ts).cmp(&(b.entry.occurred_at, &b.ts)));
        let members = reader.members_of(channel, joined);
        let people = reader.people_for(&items, &members);
        each(Timeline {
            entries: items.into_iter().map(Item::finish).collect(),
            people,
            channel_members: members,
            warnings: Vec::new(),
        })?;
    }
    Ok(reader.warnings)
}

impl Reader<'_> {
    /// The conversation's members as one list (none when the export does not list them), and
    /// the problems its list had as warnings.
    fn members_of(
        &mut self,
        channel: &str,
        joined: Vec<(String, OffsetDateTime)>,
    ) -> Vec<ChannelMembers> {
        let handles = match self.members.remove(channel) {
            Some(Members { handles, problems }) => {
                self.warnings.extend(problems);
                handles
            }
            None => Vec::new(),
        };
        if handles.is_empty() && joined.is_empty() {
            return Vec::new();
        }
        vec![ChannelMembers {
            channel: channel.to_owned(),
            handles,
            joined,
        }]
    }

    /// Display names for the authors of these items and for the members, as far as the export
    /// gives them.
    fn people_for(&self, items: &[Item], members: &[ChannelMembers]) -> Vec<PersonHint> {
        let handles: BTreeSet<&str> = items
            .iter()
            .filter_map(|i| i.entry.author_handle.as_deref())
            .chain(members.iter().flat_map(|m| {
                m.handles
                    .iter()
                    .chain(m.joined.iter().map(|(h, _)| h))
                    .map(String::as_str)
            }))
            .collect();
        handles
            .into_iter()
            .filter_map(|handle| {
                let display_name = match self.users.get(handle) {
                    Some(u) => Some(u.display_name.clone()),
                    None => self
                        .bots
                        .get(handle)
                        .or_else(|| self.profiles.get(handle))
                        .cloned()
                        .or_else(|| (handle == SLACKBOT).then(|| "Slackbot".to_owned())),
                };
                display_name.map(|display_name| PersonHint {
                    handle: handle.to_owned(),
                    display_name,
                })
            })
            .collect()
    }
}

/// The folder inside the archive that holds the export: the top, or the one top-level folder
/// holding `channels.json` or `groups.json` when an unpacked export was zipped again.
fn export_root<R: Read + Seek>(archive: &Archive<R>) -> Result<String, ImportError> {
    if archive.find("channels.json").is_some() || archive.find("groups.json").is_some() {
        return Ok(String::new());
    }
    let roots: BTreeSet<&str> = archive
        .members()
        .iter()
        .filter(|m| m.is_file)
        .filter_map(|m| {
            let (folder, file) = m.name.split_once('/')?;
            (folder != "__MACOSX" && (file == "channels.json" || file == "groups.json"))
                .then_some(folder)
        })
        .collect();
    match roots.len() {
        1 => Ok(roots.into_iter().map(|r| format!("{r}/")).collect()),
        _ => Err(file_err(
            archive.name(),
            "not a Slack export (no channels.json or groups.json)",
        )),
    }
}

/// The conversations to read, in name order; an unknown name is an error listing the ones
/// there are.
fn select_channels(
    archive: &str,
    opts: &SlackOptions,
    known: &BTreeSet<String>,
    folders: &BTreeMap<String, Vec<(String, usize)>>,
    conversations: &HashMap<String, String>,
) -> Result<BTreeSet<String>, ImportError> {
    let mut all: BTreeSet<String> = known.clone();
    all.extend(folders.keys().cloned());
    let Some(wanted) = &opts.channels else {
        return Ok(all);
    };
    let mut selected = BTreeSet::new();
    for raw in wanted {
        let name = raw.trim().trim_start_matches('#');
        let found = if all.contains(name) {
            Some(name.to_owned())
        } else {
            // A channel id (`C0JGLMMNX`) names the same conversation.
            conversations
                .get(name)
                .filter(|n| all.contains(*n))
                .cloned()
        };
        match found {
            Some(n) => {
                selected.insert(n);
            }
            None => {
                const SHOWN: usize = 50;
                let mut list: Vec<&str> = all.iter().map(String::as_str).take(SHOWN).collect();
                let more = all.len().saturating_sub(SHOWN);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                if list.is_empty() {
                    list.push("(none)");
                }
                return Err(file_err(
                    archive,
                    format!(
                        "no channel {name:?} in this export; it has: {}{more}",
                        list.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(selected)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses a JSON file that must hold an array.
fn parse_array(bytes: &[u8], member: &str) -> Result<Vec<Value>, ImportError> {
    let value: Value = serde_json::from_slice(strip_bom(bytes)).map_err(|e| {
        let full = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        let what = full.strip_suffix(&place).unwrap_or(&full);
        file_err(
            member,
            format!(
                "invalid JSON at line {} column {}: {what}",
                e.line(),
                e.column()
            ),
        )
    })?;
    match value {
        Value::Array(list) => Ok(list),
        other => Err(file_err(
            member,
            format!("expected a JSON array, found {}", kind_of(&other)),
        )),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn non_empty<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn file_err(file: &str, message: impl Into<String>) -> ImportError {
    ImportError::File {
        file: file.to_owned(),
        message: message.into(),
    }
}
