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
use crate::lexicon::{QUANTITY_WORDS, SYSTEM_BASE_VERBS, SYSTEM_NOUNS, TECH_NAMES, THING_PRONOUNS};

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
const COPULAS: &[&str] = &[
    "was", "is", "were", "are", "be", "been", "'s", "sounds", "seems", "looks", "seemed", "looked",
    "sounded",
];
const DEGREE: &[&str] = &[
    "pretty", "fairly", "very", "quite", "really", "so", "rather", "all", "too",
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

/// The clause is about a system or a thing ("the service simply returned", "it just scans").
fn about_a_thing(v: &View, at: usize) -> bool {
    let (who, head) = subject(v.tokens(), at);
    who == Who::Thing
        && head.and_then(|h| v.word(h)).is_some_and(|w| {
            let word = w.lower.trim_end_matches("'s");
            SYSTEM_NOUNS.contains(&word)
                || TECH_NAMES.contains(&word)
                || THING_PRONOUNS.contains(&word)
        })
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let recently = v.tokens().iter().any(|t| t.is("ago"));
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        let prev = i.checked_sub(1).and_then(|k| v.word(k));
        if t.any(EASY) {
            // "Just roll it back", "Nope. Just install it": advice, whatever follows.
            let imperative = t.is("just")
                && (i == 0
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
            let Some(next) = v.word(i + 1) else { continue };
            if next.any(SYSTEM_BASE_VERBS) || next.any(NOT_AFTER_JUST) {
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
            // "Clearly nobody read the release notes"; not "a dashboard that clearly showed".
            let next = v.word(i + 1);
            if next.is_some_and(|w| matches!(super::clause::classify_word(w, false), Who::Person)) {
                out.push(found(v, i, i));
            }
        } else if t.is("of") && v.is(i + 1, "course") {
            out.push(found(v, i, i + 1));
        } else if t.any(EASY_ADJECTIVES) {
            let mut k = i;
            while k > 0 && v.any(k - 1, DEGREE) {
                k -= 1;
            }
            // "it's pretty obvious who …": the pronoun and the copula in one word.
            if k > 0 && v.any(k - 1, &["it's", "that's", "its"]) {
                out.push(found(v, k - 1, i));
                continue;
            }
            let predicate = k > 0 && v.any(k - 1, COPULAS);
            // "clear" only as what someone should have seen: "it was clear that", "clear to".
            if t.is("clear") && !v.any(i + 1, &["that", "to"]) {
                continue;
            }
            let acknowledged = k > 1 && v.any(k - 2, &["not", "never", "isn't", "wasn't", "non"]);
            if predicate && !acknowledged {
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
                && prev.is_some_and(|p| p.any(&["the", "an", "a"]))
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
            && (i + 1..(i + 5).min(n))
                .any(|k| v.any(k, &["needed", "had"]) && v.phrase(k + 1, &["to", "do"]))
        {
            let last = (i + 1..(i + 5).min(n))
                .find(|k| v.any(*k, &["needed", "had"]))
                .unwrap_or(i)
                + 2;
            out.push(found(v, i, last));
        }
    }
}
