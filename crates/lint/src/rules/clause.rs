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
    // Contracted modal perfects: "I must've missed it".
    "must've",
    "might've",
    "may've",
    "should've",
    "could've",
    "would've",
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
    "already",
    "apparently",
    "somehow",
    // More adverbs between a subject and its verb: "we had indeed missed the advisory", "they
    // had previously skipped it", "I had completely forgotten".
    "indeed",
    "even",
    "ever",
    "initially",
    "originally",
    "previously",
    "completely",
    "totally",
    "entirely",
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

/// The word without a possessive or a contracted auxiliary: "engineer's" → "engineer",
/// "you're" → "you", "we've" → "we", "I'm" → "i".
fn strip_possessive(word: &str) -> &str {
    ["'s", "'re", "'m", "'ve", "'d", "'ll"]
        .iter()
        .find_map(|end| word.strip_suffix(end))
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word)
}

/// Software names and common words: a capital letter on them does not make a name.
fn known_word(w: &str, sentence_start: bool) -> bool {
    TECH_NAMES.contains(&w)
        || crate::lexicon::COMMON_WORDS.contains(&w)
        || crate::lexicon::AFFECTED_PEOPLE.contains(&w)
        || (sentence_start && crate::lexicon::QUANTITY_WORDS.contains(&w))
        // "Autoscaling was impacted", "Logging failed": a capitalised gerund that starts a
        // sentence names an activity of the system, not a person.
        || (sentence_start && w.len() > 5 && w.ends_with("ing"))
        // "Replication was degraded": nouns made from verbs and adjectives are not names.
        || (sentence_start
            && w.len() > 6
            && ["tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism"]
                .iter()
                .any(|end| w.ends_with(end)))
}

/// "pilot-in-command", "release-manager", "site-reliability-engineer": a hyphenated noun
/// whose first or last part is a person; not "team-owned" or "user-facing", adjectives.
fn person_compound(w: &str) -> bool {
    let Some((first, _)) = w.split_once('-') else {
        return false;
    };
    let last = w.rsplit('-').next().unwrap_or(w);
    let adjective = ["ed", "ing", "based", "wide", "side", "like", "friendly"]
        .iter()
        .any(|end| last.ends_with(end));
    !adjective && (PERSON_NOUNS.contains(&first) || PERSON_NOUNS.contains(&last))
}

fn plural_looking(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !["ss", "us", "is", "'s"].iter().any(|end| w.ends_with(end))
}

pub fn classify_word(t: &Token, sentence_start: bool) -> Who {
    let w = strip_possessive(&t.lower);
    // "Copilot Code Review failed to start": a capitalised activity inside a sentence is a
    // product's name.
    let activity = (sentence_start || !t.capital) && crate::lexicon::ACTIVITY_NOUNS.contains(&w);
    if PERSON_PRONOUNS.contains(&w) || PERSON_NOUNS.contains(&w) || activity || person_compound(w) {
        Who::Person
    } else if THING_PRONOUNS.contains(&w) || crate::lexicon::SYSTEM_NOUNS.contains(&w) {
        // "Alerts for the team failed to fire": a capital at the start of a sentence does
        // not make a system's name a person's.
        Who::Thing
    } else if t.capital
        && (!known_word(w, sentence_start)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            || chat_nick(w, sentence_start))
    {
        Who::Name
    } else {
        Who::Thing
    }
}

/// A chat or wiki nickname: a capitalised name with a number after it ("MacFan4000",
/// "Guest2665"); not a version ("Python3", "Win10": one digit or a short stem).
fn chat_nick(w: &str, sentence_start: bool) -> bool {
    let stem = w.trim_end_matches(|c: char| c.is_ascii_digit());
    w.len() - stem.len() >= 2
        && stem.len() >= 4
        && stem.chars().all(char::is_alphabetic)
        && !known_word(stem, sentence_start)
}

/// Prepositions that end a subject's head noun: "the alert for the team", "the initial
/// analysis for migrating ADSync": the head is before them, not the last noun.
const PREPOSITIONS: &[&str] = &[
    "of", "for", "from", "in", "on", "at", "with", "to", "about", "into", "behind", "within",
    "across", "under", "over", "between", "among", "via", "per",
];

/// Words that take "of" before the real head: "none of the engineers", "one of us".
const QUANTIFIERS: &[&str] = &[
    "all", "none", "one", "some", "each", "most", "many", "few", "several", "both", "any",
    "either", "neither", "part", "lot", "lots", "rest", "majority", "half", "members",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "its"];

/// The subject of the verb phrase that starts at token `at`, and the index of its head.
pub fn subject(tokens: &[Token], at: usize) -> (Who, Option<usize>) {
    let mut head = None;
    let mut i = at;
    // The token the clause starts after, when a break word or punctuation starts it.
    let mut stop = None;
    while i > 0 {
        i -= 1;
        let t = &tokens[i];
        if t.punct || t.masked || t.any(CLAUSE_BREAKS) {
            stop = Some(i);
            break;
        }
        if head.is_none() && !t.any(FILLERS) {
            head = Some(i);
        }
    }
    // "the team that should have …", "the function, which just does …": a relative pronoun
    // straight before the verb is the subject, and stands for the noun before it.
    if head.is_none()
        && let Some(s) = stop
        && !tokens[s].punct
        && !tokens[s].masked
    {
        if tokens[s].is("who") {
            // "Users who missed the notification": people who felt the outage, not actors
            // in it (as "users" alone is read).
            let affected = s.checked_sub(1).is_some_and(|k| {
                crate::lexicon::AFFECTED_PEOPLE.contains(&tokens[k].lower.as_str())
            });
            return (if affected { Who::Thing } else { Who::Person }, Some(s));
        }
        if tokens[s].is("which") {
            // "the pilot's inadequate planning, which failed to provide": the relative stands
            // for a person's activity.
            let antecedent = s
                .checked_sub(1)
                .filter(|k| tokens[*k].punct && tokens[*k].lower == ",")
                .and_then(|k| k.checked_sub(1))
                .filter(|k| {
                    crate::lexicon::ACTIVITY_NOUNS.contains(&tokens[*k].lower.as_str())
                        || tokens[*k].any(&["inspection", "inspections", "walkaround"])
                });
            if let Some(k) = antecedent {
                return (Who::Activity, Some(k));
            }
            return (Who::Thing, Some(s));
        }
        if tokens[s].is("that") {
            let antecedent = s
                .checked_sub(1)
                .filter(|k| !tokens[*k].punct && !tokens[*k].masked);
            // "whoever pushed that should have run the tests": after a verb, "that" is the
            // verb's object, and the subject is the verb's.
            if let Some(k) = antecedent
                && k > 0
                && (tokens[k].lower.ends_with("ed")
                    || crate::lexicon::HUMAN_VERBS.contains(&tokens[k].lower.as_str()))
                && !tokens[k].any(FILLERS)
                && classify_word(&tokens[k - 1], k == 1) == Who::Person
            {
                return subject(tokens, k);
            }
            return match antecedent {
                Some(k) if classify_word(&tokens[k], k == 0) == Who::Person => {
                    (Who::Person, Some(k))
                }
                Some(k) if !tokens[k].any(FILLERS) => (Who::Thing, Some(k)),
                // "That should have been caught": a demonstrative, a thing.
                _ => (Who::Thing, Some(s)),
            };
        }
    }
    // "Autoscaling was impacted and may have failed to …": a verb phrase joined by "and"
    // with no subject of its own shares the subject of the clause before.
    if head.is_none()
        && let Some(s) = stop
        && tokens[s].any(&["and", "but", "or"])
        && let Some(verb) = previous_verb(tokens, s)
    {
        return subject(tokens, verb);
    }
    // "The developer who wrote the migration should have added an index": the clause from
    // "who" is a relative clause inside the subject (a verb straight after the pronoun), and
    // the subject is the noun before it. Not "we knew that the cache should have …".
    if head.is_some()
        && let Some(s) = stop
        && tokens[s].any(&["who", "that", "which"])
        && !tokens[s].punct
        && !tokens[s].masked
        && tokens.get(s + 1).is_some_and(|w| {
            !w.punct
                && (w.lower.ends_with("ed")
                    || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                    || crate::lexicon::SYSTEM_VERBS.contains(&w.lower.as_str()))
                && !w.any(DETERMINERS)
                && !PERSON_PRONOUNS.contains(&w.lower.as_str())
        })
        && s > 0
        && !tokens[s - 1].punct
    {
        return subject(tokens, s);
    }
    // "Whoever merged this didn't run the tests": a pronoun object straight after a verb
    // whose own subject is a person; the clause's subject is that person.
    if let Some(h) = head
        && h >= 2
        && tokens[h].any(&["this", "it", "them", "these", "those"])
        && (tokens[h - 1].lower.ends_with("ed")
            || crate::lexicon::HUMAN_VERBS.contains(&tokens[h - 1].lower.as_str())
            // "whoever did this": any verb after "whoever".
            || tokens[h - 2].any(&["whoever", "whomever"]))
        && (!tokens[h - 1].any(FILLERS) || tokens[h - 2].any(&["whoever", "whomever"]))
        && !tokens[h - 2].punct
        && classify_word(&tokens[h - 2], h == 2) == Who::Person
    {
        return (Who::Person, Some(h - 2));
    }
    let clause_first = stop.map_or(0, |s| s + 1);
    // "The initial analysis for migrating ADSync … failed to": the head is the noun before
    // the subject's first preposition, not the last noun of the phrase.
    if let Some(h) = head {
        // The noun phrase starts after the last auxiliary: in "observations were consistent
        // with the pilot failing", the subject of "failing" is "the pilot".
        let np_first = (clause_first..h)
            .rev()
            .find(|k| tokens[*k].any(FILLERS) && !tokens[*k].any(QUANTIFIERS))
            .map_or(clause_first, |k| k + 1);
        // After an auxiliary the words are a predicate, not a noun phrase, unless a
        // determiner starts them again: "were consistent with the pilot".
        let nominal = np_first == clause_first
            || tokens[np_first].any(DETERMINERS)
            || tokens[np_first].any(crate::lexicon::PERSON_POSSESSIVES);
        let prep = (np_first + 1..h)
            .find(|k| tokens[*k].any(PREPOSITIONS))
            .filter(|_| nominal);
        if let Some(p) = prep
            && !tokens[p - 1].any(QUANTIFIERS)
            && !tokens[p - 1].any(FILLERS)
        {
            // "the alert sent to the engineer": the participle is not the head.
            let mut k = p - 1;
            if k > clause_first
                && tokens[k].lower.ends_with("ed")
                && !tokens[k - 1].any(DETERMINERS)
                && !tokens[k - 1].any(FILLERS)
            {
                k -= 1;
            }
            head = Some(k);
        }
    }
    // "anyone reading the logs would have spotted it", "the engineer handling the incident
    // should have paged": a person followed by a participle phrase is the head.
    if let Some(h) = head
        && let Some(k) = (clause_first..h).find(|k| {
            let w = &tokens[*k];
            !w.punct
                && (PERSON_PRONOUNS.contains(&w.lower.as_str())
                    || PERSON_NOUNS.contains(&w.lower.as_str()))
                && tokens[*k + 1].lower.ends_with("ing")
                && !tokens[*k + 1].punct
                && !tokens[*k + 1].capital
        })
    {
        return (Who::Person, Some(k));
    }
    let nearby = head.is_some_and(|h| {
        (clause_first..at).any(|k| {
            let w = strip_possessive(&tokens[k].lower);
            k != h && (PERSON_NOUNS.contains(&w) || PERSON_PRONOUNS.contains(&w))
        })
    });
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
    // Not "…, causing a dropdown to fail to render": a verb after "to" is an infinitive, and
    // the "-ing" word starting the clause is a participle, not its subject.
    let mut p = at;
    while p > 0 && tokens[p - 1].any(&["be", "been", "have", "not"]) {
        p -= 1;
    }
    let infinitive = p > 0 && tokens[p - 1].is("to");
    if let Some(first) = clause_start
        && first + 1 < at
        && !infinitive
        && tokens[first].lower.ends_with("ing")
        && tokens[first].lower.len() > 5
        && !matches!(
            tokens[first].lower.as_str(),
            "something" | "nothing" | "everything" | "anything" | "morning" | "evening" | "during"
        )
        // "Monitoring each network path", "Alerting on the error rate": a system's function.
        && !crate::lexicon::SYSTEM_NOUNS.contains(&tokens[first].lower.as_str())
        && !SYSTEM_GERUNDS.contains(&tokens[first].lower.as_str())
    {
        return (Who::Activity, Some(first));
    }
    match head {
        None => (Who::Nobody, None),
        Some(h) => {
            // "Thumbnails of updated files fail to purge": a capitalised plural noun before a
            // preposition (a title's or the sentence's capital), not a person's name.
            let plural_thing = plural_looking(&tokens[h].lower)
                && tokens.get(h + 1).is_some_and(|t| t.any(PREPOSITIONS));
            // "A manual smoke test would have caught this", "human review": a check people
            // do, like any activity of theirs.
            let manual = (clause_first..h).any(|k| tokens[k].any(&["manual", "human"]));
            let who = if plural_thing {
                Who::Thing
            } else if manual
                || quality_of_work(tokens, clause_first, h)
                || a_look_at(tokens, clause_first, h)
            {
                Who::Activity
            } else {
                classify_word(&tokens[h], h == 0)
            };
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

/// Gerunds that name what systems do for themselves.
const SYSTEM_GERUNDS: &[&str] = &[
    "alerting",
    "logging",
    "caching",
    "autoscaling",
    "throttling",
    "sharding",
    "load-balancing",
    "rate-limiting",
];

/// "A simple check of the disk graph", "a quick look at the dashboard": an indefinite check
/// of something, a person's act of looking (not "the health check", a system).
fn a_look_at(tokens: &[Token], first: usize, h: usize) -> bool {
    tokens[h].any(&["check", "look", "glance", "inspection", "review", "peek"])
        && tokens.get(h + 1).is_some_and(|t| t.any(&["of", "at"]))
        && tokens[first..h]
            .first()
            .is_some_and(|t| t.any(&["a", "an", "one"]))
        && tokens[first + 1..h].iter().all(|t| {
            t.any(&[
                "simple", "quick", "basic", "brief", "single", "cursory", "manual",
            ])
        })
}

/// A comparative of care or quality on the subject ("a more thorough flight planning", "a
/// more accurate use of the charts", "closer monitoring"): people's work found wanting.
fn quality_of_work(tokens: &[Token], first: usize, h: usize) -> bool {
    let head = &tokens[h];
    let w = head.lower.as_str();
    let nominal = crate::lexicon::ACTIVITY_NOUNS.contains(&w)
        || matches!(
            w,
            "use" | "inspection" | "inspections" | "look" | "scrutiny" | "oversight"
        )
        || (w.len() > 6
            && ["ing", "tion", "ment", "ance", "ence"]
                .iter()
                .any(|end| w.ends_with(end)));
    if !nominal || crate::lexicon::SYSTEM_NOUNS.contains(&w) || head.punct {
        return false;
    }
    (first..h).any(|k| {
        let t = &tokens[k];
        t.any(&[
            "better", "closer", "proper", "careful", "thorough", "stricter",
        ]) || t.any(&["more", "less"])
            && tokens.get(k + 1).is_some_and(|n| {
                n.any(&[
                    "thorough",
                    "careful",
                    "accurate",
                    "rigorous",
                    "diligent",
                    "complete",
                    "detailed",
                    "attentive",
                    "timely",
                    "frequent",
                    "cautious",
                    "deliberate",
                ])
            })
    })
}

/// Auxiliaries and modals: the finite verb of a clause.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "did", "does", "do", "will", "would",
    "should", "could", "can", "may", "might", "must",
];

/// The finite verb of the clause that ends before `at` (an auxiliary, or a past tense after a
/// noun), for the subject a coordinated verb phrase shares.
pub fn previous_verb(tokens: &[Token], at: usize) -> Option<usize> {
    let mut first = at;
    while first > 0 && !(tokens[first - 1].punct || tokens[first - 1].any(CLAUSE_BREAKS)) {
        first -= 1;
    }
    (first + 1..at).find(|k| {
        let w = &tokens[*k];
        !w.punct && (w.any(FINITE) || w.lower.ends_with("ed") && !tokens[*k - 1].any(DETERMINERS))
    })
}
