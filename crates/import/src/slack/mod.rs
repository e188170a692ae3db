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
mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use lore_core::{ChannelMembers, EntryKind, NewTimelineEntry, PersonHint, Provenance};
use serde_json::{Map, Value};
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

pub use crate::archive::ZipLimits;
use crate::archive::{Archive, SafeZip};
use crate::{ImportError, Timeline};
use text::Names;

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

/// Subtypes that record something about the channel rather than something a person said.
const NOISE_SUBTYPES: &[&str] = &[
    "channel_join",
    "channel_leave",
    "group_join",
    "group_leave",
    "bot_add",
    "bot_remove",
    "bot_enable",
    "bot_disable",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "group_topic",
    "group_purpose",
    "group_name",
    "group_archive",
    "group_unarchive",
    "pinned_item",
    "unpinned_item",
    "reminder_add",
    "tombstone",
    "message_changed",
    "message_deleted",
    "message_replied",
];

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

/// The subtype Slack gives the message it posts when someone joins a conversation.
const JOIN_SUBTYPE: &str = "channel_join";

/// An entry being built; notes are added when later events refer to it.
struct Item {
    ts: String,
    entry: NewTimelineEntry,
    body: String,
    /// The text first posted, when a `message_changed` event replaced it.
    first_body: Option<String>,
    edited: Option<String>,
    deleted: Option<String>,
}

impl Item {
    fn finish(mut self) -> NewTimelineEntry {
        let mut text = self.body;
        match (self.edited, self.first_body) {
            (Some(when), Some(first)) => {
                text.push_str(&format!("\n[edited {when}; first posted as: {first}]"));
            }
            (Some(when), None) => text.push_str(&format!("\n[edited {when}]")),
            (None, _) => {}
        }
        if let Some(when) = self.deleted {
            text.push_str(&format!("\n[deleted {when}]"));
        }
        self.entry.text = text;
        self.entry
    }
}

/// A later event that changes an earlier message of the same channel.
enum Change {
    Edit {
        at: OffsetDateTime,
        ts: String,
        body: String,
    },
    Delete {
        at: OffsetDateTime,
        ts: String,
    },
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

impl Reader<'_> {
    fn read_users(&mut self, bytes: &[u8], member: &str) -> Result<(), ImportError> {
        let list = parse_array(bytes, member)?;
        self.users_listed = true;
        for (n, user) in list.iter().enumerate() {
            let Some(user) = user.as_object() else {
                self.warnings
                    .push(format!("{member}: item {}: not an object; skipped", n + 1));
                continue;
            };
            let Some(id) = non_empty(user, "id") else {
                self.warnings
                    .push(format!("{member}: item {}: no `id`; skipped", n + 1));
                continue;
            };
            let profile = user.get("profile").and_then(Value::as_object);
            let display_name = profile
                .and_then(|p| non_empty(p, "display_name"))
                .or_else(|| non_empty(user, "real_name"))
                .or_else(|| profile.and_then(|p| non_empty(p, "real_name")))
                .or_else(|| non_empty(user, "name"))
                .unwrap_or(id);
            let is_bot = user.get("is_bot").and_then(Value::as_bool) == Some(true);
            self.users.insert(
                id.to_owned(),
                User {
                    display_name: display_name.to_owned(),
                    is_bot,
                },
            );
        }
        Ok(())
    }

    /// Reads one of the conversation lists. DMs have no name: their folder is named by id.
    fn read_conversations(
        &mut self,
        bytes: &[u8],
        member: &str,
        by_id: bool,
        known: &mut BTreeSet<String>,
    ) -> Result<(), ImportError> {
        for (n, conversation) in parse_array(bytes, member)?.iter().enumerate() {
            let Some(c) = conversation.as_object() else {
                self.warnings
                    .push(format!("{member}: item {}: not an object; skipped", n + 1));
                continue;
            };
            let id = non_empty(c, "id");
            let name = if by_id { id } else { non_empty(c, "name") };
            let Some(name) = name else {
                self.warnings
                    .push(format!("{member}: item {}: no name; skipped", n + 1));
                continue;
            };
            if let Some(id) = id {
                self.conversations.insert(id.to_owned(), name.to_owned());
            }
            if let Some(list) = c.get("members") {
                let place = format!("{member}: item {} ({name})", n + 1);
                let members = self.members.entry(name.to_owned()).or_default();
                read_members(list, &place, members);
            }
            known.insert(name.to_owned());
        }
        Ok(())
    }

    fn in_window(&self, at: OffsetDateTime) -> bool {
        self.opts.from.is_none_or(|from| at >= from) && self.opts.to.is_none_or(|to| at <= to)
    }

    /// Whether a day file can be skipped because all its messages are before `from`. Day files
    /// are cut at midnight in some time zone (at most 14 hours from UTC), so day D holds
    /// messages before D+2 00:00 UTC. Later files are always read: they may edit or delete a
    /// message in the window.
    fn day_before_window(&self, day: Date) -> bool {
        match (self.opts.from, day.checked_add(Duration::days(2))) {
            (Some(from), Some(after)) => after.midnight().assume_utc() <= from,
            _ => false,
        }
    }

    /// Reads one conversation's day files into `items`; returns who joined it and when.
    fn read_channel<R: Read + Seek>(
        &mut self,
        archive: &mut Archive<R>,
        channel: &str,
        days: &[(String, usize)],
        items: &mut Vec<Item>,
    ) -> Result<Vec<(String, OffsetDateTime)>, ImportError> {
        let mut by_ts: HashMap<String, usize> = HashMap::new();
        let mut changes = Vec::new();
        let mut joined = Vec::new();
        for (member, index) in days {
            let file_name = member.rsplit('/').next().unwrap_or(member);
            let stem = file_name.strip_suffix(".json").unwrap_or(file_name);
            match Date::parse(stem, format_description!("[year]-[month]-[day]")) {
                Ok(day) if self.day_before_window(day) => continue,
                Ok(_) => {}
                Err(_) => self.warnings.push(format!(
                    "{member}: file name is not a date (YYYY-MM-DD.json); read anyway"
                )),
            }
            // One day file in memory at a time: its bytes and parsed messages are dropped
            // before the next is read.
            let bytes = archive.read(*index)?;
            let messages = parse_array(&bytes, member)?;
            let raws = json::raw_records(strip_bom(&bytes), &messages);
            drop(bytes);
            for (n, (message, raw)) in messages.into_iter().zip(raws).enumerate() {
                let Value::Object(message) = message else {
                    return Err(ImportError::File {
                        file: member.clone(),
                        message: format!(
                            "message {}: expected a JSON object, found {}",
                            n + 1,
                            kind_of(&message)
                        ),
                    });
                };
                let ts = message_ts(&message).map_err(|m| ImportError::File {
                    file: member.clone(),
                    message: format!("message {}: {m}", n + 1),
                })?;
                let Some((ts, at)) = ts else {
                    return Err(ImportError::File {
                        file: member.clone(),
                        message: format!("message {}: missing field `ts`", n + 1),
                    });
                };
                self.learn_names(&message);
                // Joins count whatever the time window: they say who could read the channel.
                if non_empty(&message, "subtype") == Some(JOIN_SUBTYPE)
                    && let Some(user) = non_empty(&message, "user")
                {
                    joined.push((user.to_owned(), at));
                }
                if let Some(change) = self.change(&message, at, member, &ts) {
                    changes.push(change);
                }
                if !self.in_window(at) {
                    continue;
                }
                let item = self.item(&message, raw, channel, member, ts, at);
                match by_ts.get(&item.ts) {
                    Some(_) => self.warnings.push(format!(
                        "{member}: message {}: the same ts appears earlier in {channel}; replies and edits refer to the first",
                        item.ts
                    )),
                    None => {
                        by_ts.insert(item.ts.clone(), items.len());
                    }
                }
                items.push(item);
            }
        }
        // Edits and deletions apply in the order they happened, whatever file they are in.
        changes.sort_by_key(|c| match c {
            Change::Edit { at, .. } | Change::Delete { at, .. } => *at,
        });
        for change in changes {
            match change {
                Change::Edit { at, ts, body } => {
                    if let Some(item) = by_ts.get(&ts).and_then(|&i| items.get_mut(i)) {
                        let old = std::mem::replace(&mut item.body, body);
                        item.first_body.get_or_insert(old);
                        item.edited = Some(when(at));
                    }
                }
                Change::Delete { at, ts } => {
                    if let Some(item) = by_ts.get(&ts).and_then(|&i| items.get_mut(i)) {
                        item.deleted = Some(when(at));
                    }
                }
            }
        }
        Ok(joined)
    }

    /// Remembers the names bots and unlisted users go by, from any message read (in the window
    /// or not): a bot's name may only appear on the message that added it.
    fn learn_names(&mut self, m: &Map<String, Value>) {
        if let Some(bot) = non_empty(m, "bot_id") {
            let name = non_empty(m, "username").or_else(|| {
                m.get("bot_profile")
                    .and_then(Value::as_object)
                    .and_then(|p| non_empty(p, "name"))
            });
            // Old exports name a bot only in the `bot_add` text:
            // `added an integration to this channel: <https://x.slack.com/services/B0J|github>`.
            let from_add = (non_empty(m, "subtype") == Some("bot_add"))
                .then(|| non_empty(m, "text"))
                .flatten()
                .and_then(|t| {
                    let key = format!("/services/{bot}|");
                    let start = t.find(&key)? + key.len();
                    let label = &t[start..];
                    Some(label[..label.find('>')?].to_owned())
                });
            let is_bot_post =
                non_empty(m, "user").is_none() || non_empty(m, "subtype") == Some("bot_message");
            match (name, from_add) {
                (Some(n), _) if is_bot_post => {
                    self.bots.insert(bot.to_owned(), n.to_owned());
                }
                (_, Some(n)) if !n.is_empty() => {
                    self.bots.entry(bot.to_owned()).or_insert(n);
                }
                _ => {}
            }
        } else if let (None, Some(name)) = (non_empty(m, "user"), non_empty(m, "username")) {
            self.bots.insert(name.to_owned(), name.to_owned());
        }
        if let (Some(user), Some(profile)) = (
            non_empty(m, "user"),
            m.get("user_profile").and_then(Value::as_object),
        ) {
            let name = non_empty(profile, "display_name")
                .or_else(|| non_empty(profile, "real_name"))
                .or_else(|| non_empty(profile, "name"));
            if let Some(name) = name {
                self.profiles.insert(user.to_owned(), name.to_owned());
            }
        }
    }

    fn is_bot(&self, m: &Map<String, Value>) -> bool {
        if non_empty(m, "subtype") == Some("bot_message") {
            return true;
        }
        match non_empty(m, "user") {
            Some(user) => self.users.get(user).is_some_and(|u| u.is_bot) || user == SLACKBOT,
            None => non_empty(m, "bot_id").is_some(),
        }
    }

    /// The author's handle: the user id, else the bot's id or name; old exports name the
    /// person behind a file share or comment only inside the file or comment.
    fn author(&self, m: &Map<String, Value>) -> Option<String> {
        let nested = |key: &str| {
            m.get(key)
                .and_then(Value::as_object)
                .and_then(|o| non_empty(o, "user"))
        };
        non_empty(m, "user")
            .or_else(|| non_empty(m, "bot_id"))
            .or_else(|| match non_empty(m, "subtype") {
                Some("file_share") => nested("file"),
                Some("file_comment") => nested("comment"),
                _ => None,
            })
            .or_else(|| non_empty(m, "username"))
            .map(str::to_owned)
    }

    fn names(&self) -> Names<'_> {
        Names {
            users: &self.users,
            conversations: &self.conversations,
        }
    }

    /// What the message shows: its text (or its blocks when it has no text), then a line per
    /// file and per attachment.
    fn body(&self, m: &Map<String, Value>) -> String {
        let names = self.names();
        let mut parts = Vec::new();
        match m
            .get("text")
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
        {
            Some(t) => parts.push(text::render(t, &names)),
            None => {
                let b = text::blocks(m, &names);
                if !b.is_empty() {
                    parts.push(b);
                }
            }
        }
        parts.extend(text::files(m));
        parts.extend(text::attachments(m, &names));
        if parts.is_empty() {
            "[no text]".to_owned()
        } else {
            parts.join("\n")
        }
    }

    /// The edit or deletion a message records, if it is such an event and it changes a message
    /// in the window. Others are not kept: on a long channel they would only cost memory.
    fn change(
        &mut self,
        m: &Map<String, Value>,
        at: OffsetDateTime,
        member: &str,
        ts: &str,
    ) -> Option<Change> {
        let (target, inner) = match non_empty(m, "subtype") {
            Some("message_changed") => {
                let inner = m.get("message").and_then(Value::as_object);
                (inner.and_then(|i| non_empty(i, "ts")), inner)
            }
            Some("message_deleted") => {
                let previous = m.get("previous_message").and_then(Value::as_object);
                let target = non_empty(m, "deleted_ts")
                    .or_else(|| previous.and_then(|p| non_empty(p, "ts")));
                (target, None)
            }
            _ => return None,
        };
        let Some(target) = target else {
            if self.in_window(at) {
                self.warnings.push(format!(
                    "{member}: message {ts}: does not say which message it edits or deletes; kept as is"
                ));
            }
            return None;
        };
        if !parse_ts(target).is_some_and(|t| self.in_window(t)) {
            return None;
        }
        Some(match inner {
            Some(inner) => Change::Edit {
                at,
                ts: target.to_owned(),
                body: self.body(inner),
            },
            None => Change::Delete {
                at,
                ts: target.to_owned(),
            },
        })
    }

    fn item(
        &mut self,
        m: &Map<String, Value>,
        raw: String,
        channel: &str,
        member: &str,
        ts: String,
        at: OffsetDateTime,
    ) -> Item {
        let subtype = non_empty(m, "subtype");
        let is_bot = self.is_bot(m);
        let (author, body) = match subtype {
            Some("message_changed") => {
                let inner = m.get("message").and_then(Value::as_object);
                let editor = inner.and_then(|i| {
                    i.get("edited")
                        .and_then(Value::as_object)
                        .and_then(|e| non_empty(e, "user"))
                        .or_else(|| non_empty(i, "user"))
                });
                let target = match inner.and_then(|i| non_empty(i, "ts")) {
                    Some(orig) => format!("{channel}/{orig}"),
                    None => format!("a message in {channel}"),
                };
                let new = inner.map(|i| self.body(i)).unwrap_or_default();
                (
                    editor.map(str::to_owned),
                    format!("[edit of {target}] {new}"),
                )
            }
            Some("message_deleted") => {
                let previous = m.get("previous_message").and_then(Value::as_object);
                let target = match non_empty(m, "deleted_ts")
                    .or_else(|| previous.and_then(|p| non_empty(p, "ts")))
                {
                    Some(orig) => format!("{channel}/{orig}"),
                    None => format!("a message in {channel}"),
                };
                let mut body = format!("[deletion of {target}]");
                if let Some(p) = previous {
                    body.push_str(&format!(" it read: {}", self.body(p)));
                }
                // Slack does not record who deleted a message.
                (None, body)
            }
            _ => (self.author(m), self.body(m)),
        };
        if let Some(handle) = &author {
            let listed = self.users.contains_key(handle)
                || self.bots.contains_key(handle)
                || handle == SLACKBOT
                || non_empty(m, "bot_id") == Some(handle.as_str());
            if self.users_listed && !listed {
                self.warnings.push(format!(
                    "{member}: message {ts}: user {handle} is not in users.json; shown by id"
                ));
            }
        }
        let hidden = m.get("hidden").and_then(Value::as_bool) == Some(true);
        let noise = hidden
            || subtype.is_some_and(|s| NOISE_SUBTYPES.contains(&s))
            || (is_bot && subtype != Some("thread_broadcast"));
        let thread_parent = non_empty(m, "thread_ts")
            .filter(|t| *t != ts)
            .map(|t| format!("{channel}/{t}"));
        let edited = m.get("edited").and_then(Value::as_object).map(|e| {
            match e.get("ts").and_then(Value::as_str).and_then(parse_ts) {
                Some(t) => when(t),
                None => "(time not recorded)".to_owned(),
            }
        });
        Item {
            ts: ts.clone(),
            entry: NewTimelineEntry {
                occurred_at: at,
                time_text: ts.clone(),
                time_zone: Some("UTC".to_owned()),
                author_handle: author,
                channel: Some(channel.to_owned()),
                kind: EntryKind::Chat,
                text: String::new(),
                thread_parent,
                noise,
                provenance: Provenance {
                    path: member.to_owned(),
                    line: None,
                    message_id: Some(format!("{channel}/{ts}")),
                },
                raw,
            },
            body,
            first_body: None,
            edited,
            deleted: None,
        }
    }
}

/// Adds the user ids of a conversation's `members` list, each once, in the order given. What is
/// not a user id is left out with a note naming `place` (file, item and conversation): a
/// conversation with a broken list is still worth reading.
fn read_members(list: &Value, place: &str, members: &mut Members) {
    let Value::Array(list) = list else {
        members.problems.push(format!(
            "{place}: `members` is {}, not a list of user ids; its members are not recorded",
            kind_of(list)
        ));
        return;
    };
    // A workspace's #general can list every one of thousands of users.
    let mut seen: HashSet<String> = members.handles.iter().cloned().collect();
    for (k, handle) in list.iter().enumerate() {
        match handle.as_str() {
            // Taken exactly, as authors' ids are, so that both name the same person.
            Some(id) if !id.trim().is_empty() => {
                if seen.insert(id.to_owned()) {
                    members.handles.push(id.to_owned());
                }
            }
            _ => members.problems.push(format!(
                "{place}: `members` item {}: {} is not a user id; skipped",
                k + 1,
                match handle {
                    Value::String(_) => "an empty string",
                    other => kind_of(other),
                }
            )),
        }
    }
}

/// The message's `ts` and the instant it names; `Ok(None)` when it has none.
fn message_ts(m: &Map<String, Value>) -> Result<Option<(String, OffsetDateTime)>, String> {
    match m.get("ts") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(ts)) => match parse_ts(ts) {
            Some(at) => Ok(Some((ts.clone(), at))),
            None => Err(format!(
                "field `ts`: {ts:?} is not a Slack timestamp (seconds.microseconds, like \"1452720000.000002\")"
            )),
        },
        Some(other) => Err(format!(
            "field `ts`: expected a string like \"1452720000.000002\", found {}",
            kind_of(other)
        )),
    }
}

/// `"1452720000.000002"`: seconds since the Unix epoch and a fraction (Slack writes six
/// digits), UTC.
fn parse_ts(ts: &str) -> Option<OffsetDateTime> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if secs.is_empty() || secs.len() > 12 || frac.len() > 9 || !digits(secs) || !digits(frac) {
        return None;
    }
    let secs: i64 = secs.parse().ok()?;
    let nanos: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<9}").parse().ok()?
    };
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()?
        .checked_add(Duration::nanoseconds(nanos))
}

/// An instant as notes show it.
fn when(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
    ))
    .unwrap_or_else(|_| t.unix_timestamp().to_string())
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn parses_slack_timestamps() {
        assert_eq!(
            parse_ts("1452720000.000002"),
            Some(datetime!(2016-01-13 21:20:00.000002 UTC))
        );
        assert_eq!(
            parse_ts("1452720000"),
            Some(datetime!(2016-01-13 21:20 UTC))
        );
        assert_eq!(
            parse_ts("1452720000.5"),
            Some(datetime!(2016-01-13 21:20:00.5 UTC))
        );
        for bad in [
            "",
            ".1",
            "abc",
            "-1.0",
            "1e9",
            "1.2.3",
            "+1",
            "1452720000.0000000001",
            "999999999999999",
        ] {
            assert_eq!(parse_ts(bad), None, "{bad:?}");
        }
        // Far beyond year 9999: refused, not a panic.
        assert_eq!(parse_ts("999999999999"), None);
    }

    #[test]
    fn notes_show_utc_time() {
        assert_eq!(
            when(datetime!(2016-03-26 14:02:03.5 +01:00)),
            "2016-03-26 13:02:03 UTC"
        );
    }
}
