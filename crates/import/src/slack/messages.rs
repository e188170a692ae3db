//! One conversation's day files into entries: which messages are noise, who wrote them, their
//! text, and the edits and deletions that later events make to earlier messages.

use std::collections::HashMap;
use std::io::{Read, Seek};

use lore_core::{EntryKind, NewTimelineEntry, Provenance};
use serde_json::{Map, Value};
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime};

use super::text::{self, Names};
use super::{Reader, SLACKBOT, json, kind_of, non_empty, parse_array, strip_bom};
use crate::ImportError;
use crate::archive::Archive;

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

/// The subtype Slack gives the message it posts when someone joins a conversation.
const JOIN_SUBTYPE: &str = "channel_join";

/// An entry being built; notes are added when later events refer to it.
pub(super) struct Item {
    pub(super) ts: String,
    pub(super) entry: NewTimelineEntry,
    body: String,
    /// The text first posted, when a `message_changed` event replaced it.
    first_body: Option<String>,
    edited: Option<String>,
    deleted: Option<String>,
}

impl Item {
    pub(super) fn finish(mut self) -> NewTimelineEntry {
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

impl Reader<'_> {
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
    pub(super) fn read_channel<R: Read + Seek>(
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
pub(super) fn when(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    t.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
    ))
    .unwrap_or_else(|_| t.unix_timestamp().to_string())
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
