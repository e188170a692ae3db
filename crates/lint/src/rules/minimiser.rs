//! Minimisers: words that make someone's difficulty look trivial ("just", "simply",
//! "obviously", "clearly", "of course", "easy", "simple") where they describe what a person
//! did, had to do, should do or should have seen — in any tense, advice included. Not
//! flagged: "just" as only, exactly or recently ("just after midnight", "I've just installed"),
//! "not just", the words about systems and things ("the service simply returned 503"),
//! presentation ("a dashboard that clearly showed"), intensifiers and acknowledgements of
//! difficulty ("not trivial", "easily missed").

use super::clause::{Who, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::{QUANTITY_WORDS, SYSTEM_BASE_VERBS, THING_PRONOUNS};

const EASY: &[&str] = &["just", "simply", "merely"];
/// After "just", verbs of wanting, wondering, saying and trying: "I just want to know", "I
/// just tried it" are not a difficulty made small.
const NOT_AFTER_JUST: &[&str] = &[
    "want",
    "wanted",
    "wanna",
    "wondering",
    "wondered",
    "curious",
    "asking",
    "asked",
    "saying",
    "said",
    "mean",
    "meant",
    "thought",
    "think",
    "noticed",
    "realized",
    "realised",
    "happen",
    "happens",
    "happened",
    "kidding",
    "joking",
    "trying",
    "tried",
    "like",
    "love",
    "hate",
    "hope",
    "hoping",
    "checking",
    "pointing",
    "suggesting",
    "guessing",
    "because",
    "making",
];
/// Easy words as a predicate or attribute: "the repair was simple", "the obvious choice".
const EASY_ADJECTIVES: &[&str] = &[
    "easy",
    "simple",
    "trivial",
    "obvious",
    "straightforward",
    "evident",
    "apparent",
    "plain",
    "clear",
    "simpler",
    "easier",
];
/// "all they had to do", "all you have to do", "all we need to do": the task made one step.
const HAD_TO: &[&str] = &["needed", "had", "have", "has", "need", "needs"];
const COPULAS: &[&str] = &[
    "was", "is", "were", "are", "be", "been", "'s", "sounds", "seems", "looks", "seemed", "looked",
    "sounded",
];
const DEGREE: &[&str] = &[
    "pretty",
    "fairly",
    "very",
    "quite",
    "really",
    "so",
    "rather",
    "all",
    "too",
    "relatively",
    "reasonably",
    "extremely",
    "incredibly",
    "super",
    "dead",
    "trivially",
];
/// After "easy to": verbs for what a thing is like to use or read, and the slips that easy
/// words acknowledge ("easy to miss"), not a task made small ("easy to roll back").
const PROPERTY_VERBS: &[&str] = &[
    "use",
    "read",
    "understand",
    "describe",
    "explain",
    "follow",
    "see",
    "say",
    "miss",
    "overlook",
    "forget",
    "confuse",
    "misread",
    "misunderstand",
    "mistake",
    "break",
    "lose",
    "get",
    "mix",
    "make",
    "reproduce",
    "trigger",
    "hit",
    "exploit",
    "abuse",
    "guess",
];
/// What a person does or decides, when it is called easy.
const TASKS: &[&str] = &[
    "repair",
    "fix",
    "workaround",
    "solution",
    "choice",
    "answer",
    "option",
    "decision",
    "task",
    "step",
    "one",
    "thing",
    "remedy",
    "mitigation",
    "action",
    "approach",
    "bit",
    "part",
    "piece",
];
const SEE_VERBS: &[&str] = &[
    "seen",
    "spotted",
    "noticed",
    "caught",
    "avoided",
    "prevented",
    "detected",
    "identified",
    "fixed",
    "found",
    "realised",
    "realized",
];

fn found(v: &View, first: usize, last: usize) -> Found {
    Found {
        category: Category::Minimiser,
        first,
        last,
        suggestion: format!(
            "{} (What looks easy afterwards was rarely easy then: say what made it hard.)",
            v.rewrite(first, last, "")
        ),
    }
}

/// The clause is about a system or a thing ("the service simply returned", "it just scans",
/// "the kubelet simply restarted"): any subject that is not a person, a name or a people's
/// activity. A closed list of system nouns missed the many tools a write-up names.
fn about_a_thing(v: &View, at: usize) -> bool {
    // "it was simpler to just leave them": after "to" the infinitive is someone's task.
    if at > 0 && v.is(at - 1, "to") {
        return false;
    }
    let (who, _) = subject(v.tokens(), at);
    who == Who::Thing
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let recently = v.tokens().iter().any(|t| t.is("ago"));
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        let prev = i.checked_sub(1).and_then(|k| v.word(k));
        if t.any(EASY) {
            // "Just roll it back", "Nope. Just install it": advice, whatever follows.
            // A capital "Just" inside the text starts an utterance (after a nick in chat).
            let imperative = t.is("just")
                && (i == 0
                    || t.capital
                    || (v.tokens()[i - 1].punct && v.tokens()[i - 1].lower == ":")
                    || prev.is_some_and(|p| p.any(&["nope", "no", "yes", "ok", "so", "then"])));
            // "should have just been synced": not "recently" after a modal perfect.
            let after_modal = prev.is_some_and(|p| p.is("have"))
                && i >= 2
                && v.any(i - 2, &["should", "could", "would", "might"]);
            if imperative || after_modal {
                let quantity = v.word(i + 1).is_some_and(|n| {
                    (n.any(QUANTITY_WORDS) && !n.is("been"))
                        || n.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
                });
                if !quantity {
                    out.push(found(v, i, i));
                }
                continue;
            }
            // "Why not just use the staging cluster?": a suggestion, not "not just" (= not only).
            if prev.is_some_and(|p| p.is("not")) && i >= 2 && v.is(i - 2, "why") {
                out.push(found(v, i, i));
                continue;
            }
            let Some(next) = v.word(i + 1) else { continue };
            if next.any(SYSTEM_BASE_VERBS) || next.any(NOT_AFTER_JUST) {
                continue;
            }
            // "simply wasn't something we'd prepared for", "simply wouldn't have been
            // possible": an intensifier on a negation, not a difficulty made small.
            if next.lower.ends_with("n't") || next.any(&["cannot", "not", "never"]) {
                continue;
            }
            // "!Trait isn't actual syntax, just used in conversation": after a negated clause,
            // "just" sets what it is against what it is not ("not X, just Y" = only).
            if contrast_after_negation(v, i) {
                continue;
            }
            if next.any(QUANTITY_WORDS)
                || next
                    .lower
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
                || prev.is_some_and(|p| {
                    p.any(&[
                        "not", "have", "has", "had", "i've", "we've", "they've", "you've", "it's",
                        "he's", "she's",
                    ])
                })
                || (t.is("just") && recently)
            {
                continue;
            }
            if about_a_thing(v, i) && !next.any(&["had", "needed", "required", "forgot"]) {
                continue;
            }
            out.push(found(v, i, i));
        } else if t.any(&["obviously", "trivially", "evidently"]) {
            if about_a_thing(v, i) || prev.is_some_and(|p| p.any(THING_PRONOUNS)) {
                continue;
            }
            out.push(found(v, i, i));
        } else if t.is("clearly") {
            // "Clearly nobody read the release notes", "Clearly, the team should have paused";
            // not "a dashboard that clearly showed".
            if person_follows(v, i + 1) {
                out.push(found(v, i, i));
            }
        } else if t.is("of") && v.is(i + 1, "course") {
            // "of course, not rust fault": conceding a denial, nothing made to look easy.
            let k = if v.tokens().get(i + 2).is_some_and(|t| t.punct) {
                i + 3
            } else {
                i + 2
            };
            if !v.any(k, &["not", "no"]) {
                out.push(found(v, i, i + 1));
            }
        } else if t.any(EASY_ADJECTIVES) {
            let mut k = i;
            while k > 0 && v.any(k - 1, DEGREE) {
                k -= 1;
            }
            // "it's pretty obvious who …": the pronoun and the copula in one word.
            // Not "it's easy to see in hindsight": what a thing is like to see or use.
            let property = v.is(i + 1, "to") && v.any(i + 2, PROPERTY_VERBS);
            if k > 0 && v.any(k - 1, &["it's", "that's", "its"]) && !property {
                out.push(found(v, k - 1, i));
                continue;
            }
            let predicate = k > 0 && v.any(k - 1, COPULAS);
            // "clear" only as what someone should have seen: "it was clear that", "clear to".
            if t.is("clear") && !v.any(i + 1, &["that", "to"]) {
                continue;
            }
            let acknowledged = k > 1 && v.any(k - 2, &["not", "never", "isn't", "wasn't", "non"]);
            // "FLAC should be easy enough to write an encoder for", "it is simple to encode":
            // a task called easy, whatever the subject.
            let to = if v.is(i + 1, "enough") { i + 2 } else { i + 1 };
            let task_to = v.is(to, "to") && v.word(to + 1).is_some_and(|w| !w.any(PROPERTY_VERBS));
            if predicate && !acknowledged && task_to {
                out.push(found(v, k - 1, i));
            } else if predicate && !acknowledged {
                // "the repair was simple", "it was obvious that", "that should be easy to do";
                // not "the reason for it is quite simple".
                let (who, head) = subject(v.tokens(), k - 1);
                let head_word = head
                    .and_then(|h| v.word(h))
                    .map(|w| w.lower.as_str())
                    .unwrap_or("");
                let task = TASKS.contains(&head_word)
                    || matches!(head_word, "it" | "that" | "this")
                    || matches!(who, Who::Person | Who::Nobody | Who::Activity);
                if task {
                    out.push(found(v, k - 1, i));
                }
            } else if !acknowledged
                && (v.any(i + 1, TASKS) || (v.any(i + 1, &["to"]) && v.word(i + 2).is_some()))
                && k > 0
                && v.any(k - 1, &["the", "an", "a"])
            {
                // "the obvious choice", "an easy one".
                out.push(found(v, i, i));
            }
        } else if t.is("easily") {
            let j = if v.is(i + 1, "have") { i + 2 } else { i + 1 };
            if v.any(j, SEE_VERBS)
                && !prev.is_some_and(|p| p.any(&["was", "were", "be", "been", "is", "are"]))
            {
                out.push(found(v, i, i));
            }
        } else if (t.is("only") || t.is("all")) && v.phrase(i + 1, &["had", "to"]) {
            out.push(found(v, i, i + 2));
        } else if t.is("all")
            && (i + 1..(i + 5).min(n)).any(|k| v.any(k, HAD_TO) && v.phrase(k + 1, &["to", "do"]))
        {
            let last = (i + 1..(i + 5).min(n))
                .find(|k| v.any(*k, HAD_TO))
                .unwrap_or(i)
                + 2;
            out.push(found(v, i, last));
        }
    }
}

/// A person is the subject straight after `at` (a comma and a determiner may come first):
/// "Clearly, the team should have …".
fn person_follows(v: &View, at: usize) -> bool {
    let mut k = at;
    if v.tokens().get(k).is_some_and(|t| t.punct && t.lower == ",") {
        k += 1;
    }
    if v.any(k, &["the", "a", "an", "our", "their", "this", "that"]) {
        k += 1;
    }
    // "clearly, we need CI": a need stated, not something someone saw or did.
    v.word(k)
        .is_some_and(|w| matches!(super::clause::classify_word(w, false), Who::Person))
        && !v.any(
            k + 1,
            &[
                "need", "needs", "want", "wants", "have", "has", "will", "'ll",
            ],
        )
}

/// "X isn't actual syntax, just used in conversation": "just" after a comma that ends a
/// negated clause.
fn contrast_after_negation(v: &View, at: usize) -> bool {
    let t = v.tokens();
    if at == 0 || !(t[at - 1].punct && t[at - 1].lower == ",") {
        return false;
    }
    // "Don't fix it forward, just roll it back": an imperative after the comma is advice.
    if v.word(at + 1).is_some_and(|w| {
        crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
            && !w.lower.ends_with("ed")
            && !w.lower.ends_with("ing")
            && !w.lower.ends_with("en")
    }) {
        return false;
    }
    t[..at - 1]
        .iter()
        .rev()
        .take_while(|w| !w.punct)
        .any(|w| w.lower.ends_with("n't") || w.any(&["not", "no", "never", "nothing"]))
}
