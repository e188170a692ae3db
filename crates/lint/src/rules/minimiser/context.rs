//! What the minimiser's shapes ask about a word's surroundings: whether its clause is about a
//! thing, where an utterance begins or ends, a past tense, a finite verb after a gerund, a
//! task named by an infinitive after a copula.

use super::words::{COPULAS, ED_BASE, IRREGULAR_PAST, TASKS};
use crate::rules::View;
use crate::rules::clause::{Who, subject};

/// The clause is about a system or a thing ("the service simply returned", "it just scans",
/// "the kubelet simply restarted"): any subject that is not a person, a name or a people's
/// activity. A closed list of system nouns missed the many tools a write-up names.
pub(super) fn about_a_thing(v: &View, at: usize) -> bool {
    // "it was simpler to just leave them": after "to" the infinitive is someone's task.
    if at > 0 && v.is(at - 1, "to") {
        return false;
    }
    // "ill just try now": chat's "I'll" without its apostrophe, before the verb phrase.
    if at > 0 && v.is(at - 1, "ill") {
        return false;
    }
    let (who, head) = subject(v.tokens(), at);
    // "your original setup just used /var/www": a thing of someone's is still a thing.
    who == Who::Thing
        || who == Who::PersonNearby
            && head
                .and_then(|h| v.word(h))
                .is_some_and(|w| crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str()))
}

/// A past tense, not a base form: "installed", "voted", "did".
pub(super) fn past_tense(w: &crate::text::Token) -> bool {
    (w.lower.ends_with("ed") && !w.any(ED_BASE)) || w.any(IRREGULAR_PAST)
}

/// Between the word before `at` and `at` an utterance ends (a full stop, "..", "!", ";"),
/// or nothing is before it.
pub(super) fn boundary_before(v: &View, at: usize) -> bool {
    let t = v.tokens();
    at == 0 || t[at - 1].punct && t[at - 1].lower == ";" || v.stop_after(at - 1)
}

/// After `at` the utterance ends: the sentence's end, a stop, a semicolon or a smiley.
pub(super) fn boundary_after(v: &View, at: usize) -> bool {
    let t = v.tokens();
    t.get(at + 1)
        .is_some_and(|n| n.punct && matches!(n.lower.as_str(), ";" | ":" | ")"))
        || v.stop_after(at)
}

/// A finite verb later in the clause: the gerund phrase before it is its subject.
pub(super) fn finite_verb_follows(v: &View, from: usize, reach: usize) -> bool {
    (from..(from + reach).min(v.tokens().len()))
        .take_while(|k| !v.tokens()[*k].punct)
        .any(|k| {
            v.any(
                k,
                &[
                    "would", "will", "should", "could", "might", "would've", "could've", "is",
                    "was", "fixes", "fixed", "solves", "solved", "works", "worked",
                    // "just making it clone looks like this anti-pattern".
                    "looks", "seems", "sounds", "feels",
                ],
            )
        })
}

/// "The fix was clearly to drain the node", "the answer is obviously to roll back": after a
/// copula whose subject is a task, the word and an infinitive naming what someone had to do.
/// Not "the goal was clearly to reduce load" with a thing's purpose ("the cache is
/// obviously to speed up reads"): the subject must be a task or a person's.
pub(super) fn task_infinitive(v: &View, at: usize) -> bool {
    if !(at > 0 && v.any(at - 1, COPULAS) && v.is(at + 1, "to")) {
        return false;
    }
    let Some(verb) = v.word(at + 2) else {
        return false;
    };
    // A base form: "to drain", "to roll back"; not "to be expected".
    if verb.any(&["be", "have", "the", "a", "an"])
        || ["ed", "ing"].iter().any(|end| verb.lower.ends_with(end))
    {
        return false;
    }
    let (who, head) = subject(v.tokens(), at - 1);
    head.and_then(|h| v.word(h))
        .is_some_and(|w| TASKS.contains(&w.lower.as_str()))
        || matches!(who, Who::Person | Who::Activity)
}
