//! Who a clause is about: the subject before a verb phrase, read backwards to the clause's
//! start, and classified as a person or team, a thing, or a capitalised word that may be a
//! person's name.

use crate::lexicon::{PERSON_NOUNS, PERSON_PRONOUNS, TECH_NAMES, THING_PRONOUNS};
use crate::text::Token;

/// Words that start a new clause: the subject is after them.
const CLAUSE_BREAKS: &[&str] = &[
    "that", "which", "who", "because", "if", "when", "while", "and", "but", "so", "since",
    "although", "though", "as", "where", "after", "before", "until", "unless", "whereas",
    "whether", "or", "then", "once", "why", "how",
];

/// Words between a subject and its verb that say nothing about who.
const FILLERS: &[&str] = &[
    // Auxiliaries: "I had missed", "this is all just": the subject is before them.
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "'m",
    "'s",
    "'re",
    "'ve",
    "has",
    "should",
    "could",
    "shall",
    "yup",
    "yes",
    "yeah",
    "ok",
    "okay",
    "well",
    "hmm",
    "likely",
    "unfortunately",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "also",
    "probably",
    "really",
    "ideally",
    "definitely",
    "perhaps",
    "maybe",
    "arguably",
    "certainly",
    "likely",
    "clearly",
    "obviously",
    "simply",
    "just",
    "always",
    "never",
    "still",
    "all",
    "both",
    "not",
    "possibly",
    "therefore",
    "thus",
    "hence",
    "honestly",
    "realistically",
    "reasonably",
    "easily",
    "quickly",
    "immediately",
    "sooner",
    "earlier",
    "themselves",
    "ourselves",
    "himself",
    "herself",
    "myself",
    "yourself",
    "alone",
    "only",
    "instead",
    "rather",
    "too",
    "then",
    "again",
    "first",
    "actually",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// A pronoun or noun for people or a team.
    Person,
    /// A capitalised word that is not software: perhaps a person's name.
    Name,
    /// No head found, but a person is named in the clause ("the alert sent to the engineer").
    PersonNearby,
    /// A person's activity as the subject: "Appointing an incident manager could have helped".
    Activity,
    /// A thing, a system, an event.
    Thing,
    /// Nothing before the verb in this clause (a sentence that starts with it).
    Nobody,
}

impl Who {
    pub fn is_person(self) -> bool {
        matches!(self, Who::Person | Who::Activity)
    }
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// Software names and common words: a capital letter on them does not make a name.
fn known_word(w: &str, sentence_start: bool) -> bool {
    TECH_NAMES.contains(&w)
        || crate::lexicon::COMMON_WORDS.contains(&w)
        || (sentence_start && crate::lexicon::QUANTITY_WORDS.contains(&w))
}

pub fn classify_word(t: &Token, sentence_start: bool) -> Who {
    let w = strip_possessive(&t.lower);
    if PERSON_PRONOUNS.contains(&w)
        || PERSON_NOUNS.contains(&w)
        || crate::lexicon::ACTIVITY_NOUNS.contains(&w)
    {
        Who::Person
    } else if THING_PRONOUNS.contains(&w) {
        Who::Thing
    } else if t.capital
        && !known_word(w, sentence_start)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    {
        Who::Name
    } else {
        Who::Thing
    }
}

/// The subject of the verb phrase that starts at token `at`, and the index of its head.
pub fn subject(tokens: &[Token], at: usize) -> (Who, Option<usize>) {
    let mut head = None;
    let mut nearby = false;
    let mut i = at;
    while i > 0 {
        i -= 1;
        let t = &tokens[i];
        if t.punct || t.masked || t.any(CLAUSE_BREAKS) {
            break;
        }
        if head.is_none() && !t.any(FILLERS) {
            head = Some(i);
        } else if head.is_some() {
            let w = strip_possessive(&t.lower);
            if PERSON_NOUNS.contains(&w) || PERSON_PRONOUNS.contains(&w) {
                nearby = true;
            }
        }
    }
    // "Appointing an incident manager could have helped": a person's activity as the subject.
    let clause_start = (0..at)
        .rev()
        .take_while(|k| {
            let t = &tokens[*k];
            !(t.punct || t.masked || t.any(CLAUSE_BREAKS))
        })
        .last()
        .map(|first| {
            (first..at)
                .find(|k| !tokens[*k].any(FILLERS))
                .unwrap_or(first)
        });
    if let Some(first) = clause_start
        && first + 1 < at
        && tokens[first].lower.ends_with("ing")
        && tokens[first].lower.len() > 5
        && !matches!(
            tokens[first].lower.as_str(),
            "something" | "nothing" | "everything" | "anything" | "morning" | "evening" | "during"
        )
    {
        return (Who::Activity, Some(first));
    }
    match head {
        None => (Who::Nobody, None),
        Some(h) => {
            let who = classify_word(&tokens[h], h == 0);
            // "the engineer's change": the head is the change, a thing.
            let who = if who == Who::Thing && nearby {
                Who::PersonNearby
            } else {
                who
            };
            (who, Some(h))
        }
    }
}
