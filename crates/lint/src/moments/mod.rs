//! The second reader of a chat: suggests the moments in an incident's timeline worth an
//! analyst's closer look, each with why: surprise ("wait, what", "that's weird", "I
//! thought…"), misunderstanding ("what do you mean", a question asked again because nobody
//! answered), disagreement, a change of plan, a long silence in a busy exchange, people
//! joining in numbers, and the moment it is called worse or more urgent. An analyst accepts a
//! suggestion (it becomes a moment) or dismisses it.
//!
//! Linear in the timeline and bounded in memory whatever its size: [`Suggester`] reads the lines
//! one at a time in timeline order, with one automaton over every phrase and one over the
//! authors' names, and keeps only what later lines can still change (open questions, recent
//! arrivals, the gaps' counts, the best candidates so far).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

mod suggester;
#[cfg(test)]
mod tests;

pub use suggester::Suggester;

/// One line of the timeline as the engine reads it.
#[derive(Debug, Clone, Copy)]
pub struct ChatLine<'a> {
    /// Seconds since the epoch.
    pub at: i64,
    pub author: Option<&'a str>,
    pub text: &'a str,
    /// A join, part or other system line: counted for arrivals, never suggested.
    pub system: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MomentKind {
    Surprise,
    Misunderstanding,
    Disagreement,
    ChangeOfPlan,
    Silence,
    Joining,
    Severity,
}

impl MomentKind {
    pub const ALL: [MomentKind; 7] = [
        MomentKind::Surprise,
        MomentKind::Misunderstanding,
        MomentKind::Disagreement,
        MomentKind::ChangeOfPlan,
        MomentKind::Silence,
        MomentKind::Joining,
        MomentKind::Severity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MomentKind::Surprise => "surprise",
            MomentKind::Misunderstanding => "misunderstanding",
            MomentKind::Disagreement => "disagreement",
            MomentKind::ChangeOfPlan => "change-of-plan",
            MomentKind::Silence => "silence",
            MomentKind::Joining => "joining",
            MomentKind::Severity => "severity",
        }
    }

    pub fn parse(s: &str) -> Option<MomentKind> {
        MomentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MomentKind::Surprise => "Surprise",
            MomentKind::Misunderstanding => "Misunderstanding",
            MomentKind::Disagreement => "Disagreement",
            MomentKind::ChangeOfPlan => "Change of plan",
            MomentKind::Silence => "Long silence",
            MomentKind::Joining => "People joining",
            MomentKind::Severity => "Severity",
        }
    }
}

/// A suggested moment: the line (its index in the input), what kind, how strong, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub index: usize,
    pub kind: MomentKind,
    pub score: f32,
    pub why: String,
}

/// Phrases, their kind and weight. Matched on lower-cased text at word boundaries.
const PHRASES: &[(&str, MomentKind, f32)] = {
    use MomentKind::*;
    &[
        ("wait, what", Surprise, 4.0),
        ("wait what", Surprise, 4.0),
        ("that's weird", Surprise, 3.5),
        ("thats weird", Surprise, 3.5),
        ("that's odd", Surprise, 3.5),
        ("that's strange", Surprise, 3.5),
        ("how is that possible", Surprise, 3.5),
        ("makes no sense", Surprise, 3.0),
        ("doesn't make sense", Surprise, 3.0),
        ("does not make sense", Surprise, 3.0),
        ("i thought", Surprise, 2.5),
        ("i assumed", Surprise, 2.5),
        ("i expected", Surprise, 2.5),
        ("turns out", Surprise, 3.0),
        ("turned out", Surprise, 2.5),
        ("shouldn't be", Surprise, 1.2),
        ("should not be", Surprise, 1.2),
        ("that's not right", Surprise, 3.0),
        ("not supposed to", Surprise, 2.5),
        ("never seen", Surprise, 2.5),
        ("no idea why", Surprise, 1.5),
        ("wtf", Surprise, 3.0),
        ("weird", Surprise, 1.8),
        ("strange", Surprise, 1.5),
        ("unexpected", Surprise, 2.5),
        ("unexpectedly", Surprise, 2.5),
        ("surprised", Surprise, 2.5),
        ("surprising", Surprise, 2.5),
        ("whoa", Surprise, 2.0),
        ("huh", Surprise, 2.0),
        ("oh!", Surprise, 1.5),
        ("interesting", Surprise, 0.8),
        ("what do you mean", Misunderstanding, 3.5),
        ("what does that mean", Misunderstanding, 3.0),
        ("do you mean", Misunderstanding, 3.0),
        ("you mean", Misunderstanding, 2.0),
        ("i meant", Misunderstanding, 3.0),
        ("i mean the", Misunderstanding, 2.5),
        ("misunderstood", Misunderstanding, 3.5),
        ("misunderstanding", Misunderstanding, 3.5),
        ("confused", Misunderstanding, 2.5),
        ("confusing", Misunderstanding, 2.5),
        ("which one", Misunderstanding, 2.0),
        ("the other one", Misunderstanding, 2.0),
        ("wrong one", Misunderstanding, 2.5),
        ("not what i", Misunderstanding, 3.0),
        ("that's not what", Misunderstanding, 3.0),
        ("sorry, i thought", Misunderstanding, 3.5),
        ("i disagree", Disagreement, 3.5),
        ("i don't think", Disagreement, 2.5),
        ("i dont think", Disagreement, 2.5),
        ("i don't agree", Disagreement, 3.5),
        ("bad idea", Disagreement, 3.0),
        ("don't do that", Disagreement, 3.0),
        ("dont do that", Disagreement, 3.0),
        ("that's wrong", Disagreement, 3.0),
        ("not true", Disagreement, 2.5),
        ("are you sure", Disagreement, 2.5),
        ("no, that", Disagreement, 2.5),
        ("no, it", Disagreement, 2.0),
        ("nope", Disagreement, 1.5),
        ("not a good idea", Disagreement, 3.0),
        ("i wouldn't", Disagreement, 1.5),
        ("instead", ChangeOfPlan, 1.5),
        ("scratch that", ChangeOfPlan, 3.5),
        ("never mind", ChangeOfPlan, 1.8),
        ("nevermind", ChangeOfPlan, 1.8),
        ("new plan", ChangeOfPlan, 3.5),
        ("change of plan", ChangeOfPlan, 3.5),
        ("let's try", ChangeOfPlan, 2.5),
        ("lets try", ChangeOfPlan, 2.5),
        ("try something else", ChangeOfPlan, 3.0),
        ("another approach", ChangeOfPlan, 3.0),
        ("different approach", ChangeOfPlan, 3.0),
        ("roll back", ChangeOfPlan, 3.0),
        ("rollback", ChangeOfPlan, 2.5),
        ("rolling back", ChangeOfPlan, 3.0),
        ("revert", ChangeOfPlan, 2.5),
        ("reverting", ChangeOfPlan, 3.0),
        ("give up", ChangeOfPlan, 2.5),
        ("giving up", ChangeOfPlan, 2.5),
        ("plan b", ChangeOfPlan, 3.0),
        ("back out", ChangeOfPlan, 2.5),
        ("abort", ChangeOfPlan, 2.5),
        ("sev1", Severity, 3.5),
        ("sev 1", Severity, 3.5),
        ("sev-1", Severity, 3.5),
        ("sev2", Severity, 3.0),
        ("sev-2", Severity, 3.0),
        ("major incident", Severity, 3.5),
        ("escalate", Severity, 3.0),
        ("escalating", Severity, 3.0),
        ("escalated", Severity, 3.0),
        ("urgent", Severity, 2.5),
        ("emergency", Severity, 3.0),
        ("critical", Severity, 2.0),
        ("outage", Severity, 2.0),
        ("getting worse", Severity, 3.5),
        ("it's worse", Severity, 3.0),
        ("everyone is affected", Severity, 3.5),
        ("all users", Severity, 2.5),
        ("data loss", Severity, 3.5),
        ("security issue", Severity, 3.0),
        ("down for everyone", Severity, 3.5),
    ]
};

/// "Wait" asking for patience, not surprise; "odd" as in numbers.
const NOT_MOMENTS: &[&str] = &[
    "wait a",
    "wait for",
    "wait until",
    "wait till",
    "can wait",
    "please wait",
    "waiting",
    "odd number",
    "instead of",
    "weird characters",
];

/// The most suggestions returned.
pub const MAX_SUGGESTIONS: usize = 50;

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b == b'_'
}

struct Matcher {
    phrases: AhoCorasick,
    exclusions: AhoCorasick,
}

impl Matcher {
    fn new() -> Self {
        Matcher {
            phrases: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(PHRASES.iter().map(|p| p.0))
                .expect("the phrases build an automaton"),
            exclusions: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(NOT_MOMENTS)
                .expect("the exclusions build an automaton"),
        }
    }

    /// The strongest phrase in one line, per kind: (kind, weight, phrase).
    fn read(&self, lower: &str) -> Vec<(MomentKind, f32, &'static str)> {
        let bytes = lower.as_bytes();
        let excluded: Vec<(usize, usize)> = self
            .exclusions
            .find_iter(lower)
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut best: HashMap<MomentKind, (f32, &'static str)> = HashMap::new();
        for m in self.phrases.find_iter(lower) {
            let (start, end) = (m.start(), m.end());
            let bounded = (start == 0 || !is_word_byte(bytes[start - 1]))
                && (end == bytes.len()
                    || !is_word_byte(bytes[end])
                    || !is_word_byte(bytes[end - 1]));
            if !bounded || excluded.iter().any(|(s, e)| *s <= start && start < *e) {
                continue;
            }
            let (phrase, kind, weight) = PHRASES[m.pattern().as_usize()];
            let e = best.entry(kind).or_insert((0.0, phrase));
            if weight > e.0 {
                *e = (weight, phrase);
            }
        }
        // In kind order, so that equal weights in one line always rank the same way.
        let mut found: Vec<(MomentKind, f32, &'static str)> =
            best.into_iter().map(|(k, (w, p))| (k, w, p)).collect();
        found.sort_by_key(|(kind, _, _)| *kind);
        found
    }
}

fn minutes(seconds: i64) -> String {
    match seconds / 60 {
        m if m >= 120 => format!("{} hours", m / 60),
        m => format!("{m} minutes"),
    }
}

/// The strongest suggestions, at most `limit` (and [`MAX_SUGGESTIONS`]), best first; one per
/// line. (The lines all in memory: [`Suggester`] reads them one at a time.)
pub fn suggest(lines: &[ChatLine], limit: usize) -> Vec<Suggestion> {
    let mut authors: Vec<&str> = lines.iter().filter_map(|l| l.author).collect();
    authors.sort_unstable();
    authors.dedup();
    let mut suggester = Suggester::new(authors, limit);
    for line in lines {
        suggester.push(line, ());
    }
    suggester.finish().into_iter().map(|(s, ())| s).collect()
}
