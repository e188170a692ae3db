//! The imagined past where people acted otherwise: "if we had tested", "had we known", "had
//! the change been reviewed", "… may have been prevented had specific training been
//! provided". Not "if we had a larger userbase" ("had" as possession).

use super::modal::looks_like_participle;
use super::verb_is_human;
use super::words::{DONE_TO_THEM, IRREGULAR_PARTICIPLES};
use crate::Category;
use crate::lexicon::{HUMAN_PASSIVES, HUMAN_VERBS, PERSON_NOUNS, SYSTEM_VERBS};
use crate::rules::clause::{Who, subject};
use crate::rules::{Found, View};

pub(super) fn starts_clause(v: &View, i: usize) -> bool {
    i == 0 || v.tokens()[i - 1].punct
}

/// "… may have been prevented had specific training been provided": "had" straight after a
/// participle, with its subject after it, is an inverted conditional, as after a comma.
pub(super) fn after_a_verb(v: &View, i: usize) -> bool {
    i > 0
        && v.word(i - 1).is_some_and(|w| {
            (w.lower.ends_with("ed") || w.lower.ends_with("en"))
                && !w.lower.ends_with("een")
                && !PERSON_NOUNS.contains(&w.lower.as_str())
        })
        && v.any(
            i + 1,
            &[
                "the", "a", "an", "specific", "proper", "more", "better", "our", "their",
                // "… would not have happened had we kept it patched", "… had they known".
                "we", "they", "i", "you", "he", "she", "someone", "anyone",
            ],
        )
}

/// "He asked me if I had looked on the shelf", "I wondered whether we had tested it": "if"
/// opens a reported question, not a condition.
fn reported_question(v: &View, at: usize) -> bool {
    let mut k = at;
    if k > 0 && v.any(k - 1, &["me", "us", "him", "her", "them", "you"]) {
        k -= 1;
    }
    k > 0
        && v.any(
            k - 1,
            &[
                "asked",
                "ask",
                "asks",
                "asking",
                "wondered",
                "wonder",
                "wondering",
                "know",
                "knew",
                "sure",
                "unsure",
                "checked",
                "see",
                "confirm",
                "confirmed",
                "queried",
            ],
        )
}

/// "If we'd had sufficient monitoring", "had we had better alerting": "had" as possession
/// after the perfect's "had"; what is imagined is a thing in place, not a person's act.
/// `had` is the first "had" (or "'d").
fn had_had_a_thing(v: &View, had: usize) -> bool {
    v.is(had + 1, "had")
        && v.word(had + 2)
            .is_some_and(|w| !looks_like_participle(&w.lower) || w.any(&["sufficient"]))
}

/// A condition in the sentence that imagines a thing in place: "If we'd had sufficient
/// monitoring, the breach could have been caught": the passive after it is the thing's
/// catching, not a person's hidden omission. One pass over the sentence, and only when a
/// passive modal perfect is found.
pub(super) fn imagines_a_thing(v: &View) -> bool {
    let n = v.tokens().len();
    (0..n).any(|k| {
        v.is(k, "if")
            && (k + 1..(k + 5).min(n)).any(|h| {
                (v.is(h, "had") || v.word(h).is_some_and(|w| w.lower.ends_with("'d")))
                    && had_had_a_thing(v, h)
            })
            // "Had we had a canary, …": the inverted condition.
            || v.is(k, "had") && v.word(k + 1).is_some() && had_had_a_thing(v, k + 1)
    })
}

fn after_had_is_participle(verb: &crate::text::Token) -> bool {
    verb.is("not") || looks_like_participle(&verb.lower)
}

/// `if we had tested`, `had we known`: an imagined past where people acted otherwise.
pub(super) fn conditional(v: &View, at: usize, out: &mut Vec<Found>) {
    let tokens = v.tokens();
    let inverted = v.is(at, "had");
    if !inverted && reported_question(v, at) {
        return;
    }
    // "a [pull request](…) had just been merged": after a link (or any token read as the
    // clause's end), "had" with no subject after it is the past perfect of the words before.
    if inverted
        && v.any(
            at + 1,
            &[
                "been",
                "just",
                "already",
                "recently",
                "also",
                "previously",
                "since",
            ],
        )
    {
        return;
    }
    // "if we had tested": the subject is between "if" and "had".
    let had = if inverted {
        at
    } else {
        // "If the engineer of train 720 had made …": a subject with its "of" phrase, up to
        // eight words, within the clause.
        match (at + 1..(at + 9).min(tokens.len()))
            .take_while(|k| !tokens[*k].punct)
            .find(|k| v.is(*k, "had") || v.word(*k).is_some_and(|w| w.lower.ends_with("'d")))
        {
            Some(k) => k,
            None => return,
        }
    };
    // "If the monitoring work had been started": people's work imagined done, in a passive.
    let mut work = false;
    let (who, verb_at) = if inverted {
        // "Had the engineer checked": the verb is the first participle after "had", and the
        // subject's head is the word before it.
        let Some(verb_at) = (at + 2..(at + 6).min(tokens.len())).find(|k| {
            v.word(*k).is_some_and(|w| {
                HUMAN_VERBS.contains(&w.lower.as_str())
                    || SYSTEM_VERBS.contains(&w.lower.as_str())
                    || w.lower.ends_with("ed")
                    // "Had the pilot flown the pattern": irregular participles.
                    || w.any(IRREGULAR_PARTICIPLES)
            })
        }) else {
            return;
        };
        let Some(head) = v.word(verb_at - 1) else {
            return;
        };
        (crate::rules::clause::classify_word(head, false), verb_at)
    } else {
        let (who, head) = subject(tokens, if v.is(had, "had") { had } else { had + 1 });
        work = v.is(had, "had") && who == Who::Thing && super::modal::people_work(v, head);
        let who = if v.is(had, "had") {
            who
        } else {
            crate::rules::clause::classify_word(&tokens[had], false)
        };
        (who, had + 1)
    };
    let mut j = verb_at;
    let negated = v.is(j, "not");
    while v.any(j, &["not", "only", "just", "also", "simply", "been"]) && j < verb_at + 3 {
        j += 1;
    }
    let Some(verb) = v.word(j) else { return };
    // "If we'd had sufficient monitoring", "had we had alerting": possession imagined.
    if verb.is("had") && had_had_a_thing(v, j - 1) {
        return;
    }
    // "if we had a larger userbase": "had" is the verb (possession), not a past perfect.
    if !inverted && !after_had_is_participle(verb) {
        return;
    }
    let after_been = j > verb_at && v.is(j - 1, "been");
    let flag = match who {
        Who::Person => !(after_been && verb.any(DONE_TO_THEM)),
        Who::Name => verb_is_human(&verb.lower),
        // "had specific maintenance training been provided": people's work imagined done.
        Who::Activity => true,
        // "had the change been reviewed": a passive that hides a person.
        _ => after_been && (HUMAN_PASSIVES.contains(&verb.lower.as_str()) || work),
    };
    if !flag || (negated && verb.is("been")) {
        return;
    }
    out.push(Found {
        category: Category::Counterfactual,
        first: at,
        last: j,
        suggestion: "Say what people did and knew at the time instead of what would have followed from acting otherwise: the imagined past explains nothing about this one.".into(),
    });
}
