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
/// history: someone who spoke in a channel and left it is found by their entries instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChannelMembers {
    /// The conversation, named as the entries' `channel` names it.
    pub channel: String,
    pub handles: Vec<String>,
}
