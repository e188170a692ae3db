//! The workspace's lists: `users.json`, and the conversation lists (`channels.json`,
//! `groups.json`, `dms.json`, `mpims.json`) with each conversation's `members`.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::{Members, Reader, User, kind_of, non_empty, parse_array};
use crate::ImportError;

impl Reader<'_> {
    pub(super) fn read_users(&mut self, bytes: &[u8], member: &str) -> Result<(), ImportError> {
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
    pub(super) fn read_conversations(
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
