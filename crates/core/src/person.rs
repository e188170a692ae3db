use serde::Serialize;

/// Someone who appears in the record: a responder in chat, a speaker in a call, a bot.
///
/// One person may have many handles (a Slack user id, an IRC nick before and after a rename);
/// merging identities moves handles onto one person and leaves the other pointing at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub display_name: String,
    pub handles: Vec<Handle>,
    /// Set when this person was merged into another: follow it to the surviving record.
    pub merged_into: Option<i64>,
}

/// A name a person goes by in one kind of source, e.g. (`slack`, `U024BE7LH`) or (`irc`, `joe_`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Handle {
    pub source_kind: String,
    pub handle: String,
}

/// A display name a source gives for one of its handles (Slack's `users.json`, a VTT speaker
/// label, a demo's people list). Importers produce these; the store turns them into people.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Deserialize)]
pub struct PersonHint {
    pub handle: String,
    pub display_name: String,
}

/// Who was in one conversation, as a source lists it (the `members` of a Slack channel). The
/// handles are the ones the same source uses for its entries' authors, so the store resolves
/// both to the same people. A source lists membership as it was when it was exported, not its
/// history: someone who spoke in a channel and left it is found by their entries instead, and
/// when someone joined is known only where the source records it (`joined`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChannelMembers {
    /// The conversation, named as the entries' `channel` names it.
    pub channel: String,
    pub handles: Vec<String>,
    /// When handles joined, where the source says so (Slack's `channel_join` messages): before
    /// then they could not read the channel. Handles here need not be in `handles`.
    pub joined: Vec<(String, time::OffsetDateTime)>,
}

/// Two records that look like one person: the same name in different sources, or a first name
/// alone (Slack's display names) and exactly one full name that starts with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeSuggestion {
    pub from: i64,
    pub into: i64,
    /// Why, in words: "same name", "first name of".
    pub reason: &'static str,
}

/// Names compared without regard to case or spacing.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Suggests merges among people not merged yet. Only suggestions: a shared first name is a
/// guess, and an analyst confirms each one. Each group keeps the record with a full name (the
/// longest, then the oldest).
pub fn merge_suggestions(people: &[Person]) -> Vec<MergeSuggestion> {
    let active: Vec<&Person> = people.iter().filter(|p| p.merged_into.is_none()).collect();
    let mut groups: Vec<(String, Vec<&Person>)> = Vec::new();
    for p in &active {
        let key = name_key(&p.display_name);
        if key.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(p),
            None => groups.push((key, vec![p])),
        }
    }
    let mut suggestions = Vec::new();
    let keeper = |members: &[&Person]| -> i64 {
        members
            .iter()
            .max_by(|a, b| {
                let len = |p: &Person| name_key(&p.display_name).chars().count();
                len(a).cmp(&len(b)).then(b.id.cmp(&a.id))
            })
            .map_or(0, |p| p.id)
    };
    for (_, members) in &groups {
        let into = keeper(members);
        for p in members.iter().filter(|p| p.id != into) {
            suggestions.push(MergeSuggestion {
                from: p.id,
                into,
                reason: "same name",
            });
        }
    }
    // A lone first name joins the one full name that starts with it, if only one does.
    for (key, members) in &groups {
        if key.contains(' ') {
            continue;
        }
        let full: Vec<&(String, Vec<&Person>)> = groups
            .iter()
            .filter(|(k, _)| k.split(' ').next() == Some(key.as_str()) && k.contains(' '))
            .collect();
        if let [(_, target)] = full.as_slice() {
            let into = keeper(target);
            for p in members {
                suggestions.push(MergeSuggestion {
                    from: p.id,
                    into,
                    reason: "first name of",
                });
            }
        }
    }
    suggestions.sort_by_key(|s| (s.into, s.from));
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str) -> Person {
        Person {
            id,
            display_name: name.into(),
            handles: Vec::new(),
            merged_into: None,
        }
    }

    #[test]
    fn same_names_and_lone_first_names_are_suggested() {
        let people = [
            person(6, "Nadia"),
            person(19, "Nadia Okafor"),
            person(26, "nadia  okafor"),
            person(7, "Rafa"),
            person(15, "Rafael Quintero"),
            person(1, "pagerbot"),
            person(17, "pagerbot"),
            person(30, "Sam"),
            person(31, "Sam Lee"),
            person(32, "Sam Roe"),
            Person {
                merged_into: Some(19),
                ..person(40, "Nadia O.")
            },
        ];
        let got: Vec<(i64, i64, &str)> = merge_suggestions(&people)
            .into_iter()
            .map(|s| (s.from, s.into, s.reason))
            .collect();
        assert_eq!(
            got,
            [
                (17, 1, "same name"),
                (6, 19, "first name of"),
                (26, 19, "same name"),
            ],
            "Rafa is a nickname and Sam is ambiguous: neither is guessed"
        );
    }
}
