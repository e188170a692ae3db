//! The second reader of a chat: suggests the moments in an incident's timeline worth an
//! analyst's closer look, each with why: surprise ("wait, what", "that's weird", "I
//! thought…"), misunderstanding ("what do you mean", a question asked again because nobody
//! answered), disagreement, a change of plan, a long silence in a busy exchange, people
//! joining in numbers, and the moment it is called worse or more urgent. An analyst accepts a
//! suggestion (it becomes a moment) or dismisses it.
//!
//! Linear in the timeline: one automaton over every phrase, one pass for gaps and arrivals.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

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
        best.into_iter().map(|(k, (w, p))| (k, w, p)).collect()
    }
}

fn minutes(seconds: i64) -> String {
    match seconds / 60 {
        m if m >= 120 => format!("{} hours", m / 60),
        m => format!("{m} minutes"),
    }
}

/// The strongest suggestions, at most `limit` (and [`MAX_SUGGESTIONS`]), best first; one per
/// line.
pub fn suggest(lines: &[ChatLine], limit: usize) -> Vec<Suggestion> {
    let matcher = Matcher::new();
    let mut found: Vec<Suggestion> = Vec::new();
    let spoken: Vec<usize> = (0..lines.len()).filter(|i| !lines[*i].system).collect();

    // Phrases.
    let mut asked: HashMap<&str, (usize, i64)> = HashMap::new();
    for &i in &spoken {
        let line = &lines[i];
        let lower = line.text.to_lowercase();
        for (kind, weight, phrase) in matcher.read(&lower) {
            let boost = if line.text.contains('?') && kind == MomentKind::Surprise {
                0.5
            } else {
                0.0
            };
            found.push(Suggestion {
                index: i,
                kind,
                score: weight + boost,
                why: format!("{} says \"{phrase}\"", line.author.unwrap_or("someone")),
            });
        }
        // A question asked again by the same person, nobody having answered: it mattered to
        // them, and it went unanswered.
        if let Some(author) = line.author {
            let addressed_to_them = |j: usize| {
                lines[j].author != Some(author)
                    && lines[j]
                        .text
                        .to_lowercase()
                        .contains(&author.to_lowercase())
            };
            if let Some(&(first, at)) = asked.get(author)
                && line.at - at <= 30 * 60
                && ["anyone", "anybody", "ping", "again", "still"]
                    .iter()
                    .any(|w| lower.contains(w))
                && !(first + 1..i).any(addressed_to_them)
            {
                found.push(Suggestion {
                    index: first,
                    kind: MomentKind::Misunderstanding,
                    score: 1.8,
                    why: format!("{author} asked, nobody answered, and they asked again"),
                });
                asked.remove(author);
            } else if line.text.trim_end().ends_with('?') {
                asked.insert(author, (i, line.at));
            }
        }
    }

    // A long silence in a busy exchange: the line that breaks it.
    let mut gaps: Vec<i64> = spoken
        .windows(2)
        .map(|w| lines[w[1]].at - lines[w[0]].at)
        .collect();
    gaps.sort_unstable();
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(0);
    let threshold = (median * 8).max(15 * 60);
    for (k, w) in spoken.windows(2).enumerate() {
        let gap = lines[w[1]].at - lines[w[0]].at;
        // Busy before: the five lines before the gap came within ten minutes.
        let busy = k >= 5 && lines[w[0]].at - lines[spoken[k - 5]].at <= 10 * 60;
        if gap >= threshold && busy {
            found.push(Suggestion {
                index: w[1],
                kind: MomentKind::Silence,
                score: 2.5,
                why: format!("nobody wrote for {} after a busy exchange", minutes(gap)),
            });
        }
    }

    // People joining in numbers: three or more new voices within five minutes.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut arrivals: Vec<(usize, i64)> = Vec::new();
    let mut last_joining: Option<i64> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(author) = line.author else { continue };
        if !seen.insert(author) {
            continue;
        }
        arrivals.push((i, line.at));
        arrivals.retain(|(_, at)| line.at - at <= 5 * 60);
        if arrivals.len() >= 4
            && last_joining.is_none_or(|t| line.at - t > 30 * 60)
            && seen.len() > 4
        {
            let at = arrivals
                .iter()
                .map(|(i, _)| *i)
                .find(|i| !lines[*i].system)
                .unwrap_or(i);
            found.push(Suggestion {
                index: at,
                kind: MomentKind::Joining,
                score: 1.5 + 0.5 * (arrivals.len() as f32 - 4.0).min(2.0),
                why: format!("{} people joined within five minutes", arrivals.len()),
            });
            last_joining = Some(line.at);
        }
    }

    // One suggestion per line: its strongest.
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    let mut taken: HashSet<usize> = HashSet::new();
    found.retain(|s| !lines[s.index].system && taken.insert(s.index));
    found.truncate(limit.min(MAX_SUGGESTIONS));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(at: i64, author: &str, text: &'static str) -> ChatLine<'static> {
        let author: &'static str = Box::leak(author.to_owned().into_boxed_str());
        ChatLine {
            at,
            author: Some(author),
            text,
            system: false,
        }
    }

    #[test]
    fn phrases_suggest_moments_and_look_alikes_do_not() {
        let lines = [
            line(0, "nadia", "wait, what? the broker says maintenance"),
            line(60, "jonah", "please wait a minute, checking"),
            line(120, "rafa", "what do you mean by the window?"),
            line(
                180,
                "nadia",
                "let's try clearing the retained message instead",
            ),
            line(240, "tomas", "I don't think that is safe"),
            line(300, "jonah", "this is now a sev1, riders are stuck"),
            line(360, "rafa", "ok"),
        ];
        let got: Vec<(usize, MomentKind)> = suggest(&lines, 10)
            .iter()
            .map(|s| (s.index, s.kind))
            .collect();
        assert!(got.contains(&(0, MomentKind::Surprise)), "{got:?}");
        assert!(got.contains(&(2, MomentKind::Misunderstanding)), "{got:?}");
        assert!(got.contains(&(3, MomentKind::ChangeOfPlan)), "{got:?}");
        assert!(got.contains(&(4, MomentKind::Disagreement)), "{got:?}");
        assert!(got.contains(&(5, MomentKind::Severity)), "{got:?}");
        assert!(!got.iter().any(|(i, _)| *i == 1 || *i == 6), "{got:?}");
        assert_eq!(suggest(&lines, 10)[0].why, "nadia says \"wait, what\"");
    }

    #[test]
    fn silences_arrivals_and_unanswered_questions() {
        let mut lines: Vec<ChatLine> = (0..8)
            .map(|i| {
                line(
                    i * 60,
                    if i % 2 == 0 { "a" } else { "b" },
                    "checking the logs",
                )
            })
            .collect();
        lines.push(line(8 * 60 + 3600, "a", "back: the disk was full"));
        for (k, who) in ["c", "d", "e", "f"].iter().enumerate() {
            lines.push(line(
                8 * 60 + 3600 + 30 * (k as i64 + 1),
                who,
                "hello, what is broken",
            ));
        }
        lines.push(line(9000, "c", "can someone restart the broker?"));
        lines.push(line(9100, "d", "looking at graphs"));
        lines.push(line(9200, "c", "anyone? the broker?"));
        let got = suggest(&lines, 10);
        let kinds: Vec<(usize, MomentKind)> = got.iter().map(|s| (s.index, s.kind)).collect();
        assert!(kinds.contains(&(8, MomentKind::Silence)), "{kinds:?}");
        assert!(
            kinds.iter().any(|(_, k)| *k == MomentKind::Joining),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(13, MomentKind::Misunderstanding)),
            "{kinds:?}"
        );
        let silence = got.iter().find(|s| s.kind == MomentKind::Silence).unwrap();
        assert_eq!(
            silence.why,
            "nobody wrote for 61 minutes after a busy exchange"
        );
    }

    #[test]
    fn work_is_linear_and_bounded() {
        let lines: Vec<ChatLine> = (0..50_000)
            .map(|i| line(i, "x", "wait, what? weird"))
            .collect();
        assert_eq!(suggest(&lines, 1000).len(), MAX_SUGGESTIONS);
    }
}
