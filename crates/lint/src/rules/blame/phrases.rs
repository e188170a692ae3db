//! Set phrases and idioms that pin an outcome on people: "human error", "didn't bother",
//! "dropped the ball", "by mistake", "more careful", "against better judgment", "took our eye
//! off the ball", "asleep at the wheel".

use super::found;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// Two-word phrases that pin an outcome on people.
const PHRASES: &[(&str, &str)] = &[
    ("human", "error"),
    ("human", "errors"),
    ("operator", "error"),
    ("user", "error"),
    ("pilot", "error"),
    ("people", "error"),
    ("human", "mistake"),
    ("human", "failure"),
    ("human", "misstep"),
    ("human", "missteps"),
    ("didn't", "bother"),
    ("dropped", "the"),
    ("at", "fault"),
    ("to", "blame"),
    ("by", "mistake"),
    ("more", "careful"),
    ("more", "carefully"),
    ("more", "aware"),
    ("more", "attentive"),
    ("more", "diligent"),
    ("more", "vigilant"),
    ("more", "cautious"),
    ("bothered", "to"),
    // "Mea culpa": the writer's own fault, as "my bad".
    ("mea", "culpa"),
    // "ran the command without thinking": carelessness, as "thoughtlessly".
    ("without", "thinking"),
];

/// One of [`PHRASES`]: "human error", "by mistake", "more careful".
#[inline]
pub(super) fn set_phrase(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if let Some((a, b)) = PHRASES.iter().find(|(a, b)| t.is(a) && v.is(i + 1, b)) {
        // "Assumed user error at the time": a belief reported, not the writer's verdict.
        if i > 0
            && v.any(
                i - 1,
                &["assumed", "suspected", "thought", "believed", "assuming"],
            )
        {
            return true;
        }
        // "Was it caused by human error, a supplier issue or something else?": one
        // possibility among others asked about, not a verdict.
        if v.sentence_text().ends_with('?') && (i + 2..v.tokens().len()).any(|k| v.is(k, "or")) {
            return true;
        }
        // "one person was to blame", "the Council was at fault": the person as the subject;
        // not a thing ("storage hardware was at fault", "one mistyped command is to blame"),
        // nor blame denied or asked ("not being at fault", "who is to blame").
        if (*a, *b) == ("to", "blame") || (*a, *b) == ("at", "fault") {
            if super::blamed::blame_denied(v, i) {
                return true;
            }
            let (who, _) = subject(v.tokens(), i);
            // "The guy to blame is the CTO": the person after the copula.
            let after = v.any(i + 2, &["is", "was"])
                && (i + 3..i + 5).any(|k| {
                    v.word(k)
                        .is_some_and(|w| matches!(classify_word(w, false), Who::Person | Who::Name))
                });
            // "there are multiple people at fault here": the person straight before it.
            let next_to = (*a, *b) == ("at", "fault")
                && i > 0
                && v.word(i - 1).is_some_and(|w| {
                    crate::lexicon::PERSON_NOUNS.contains(&w.lower.as_str())
                        && !w.any(&["support", "lead", "owner", "member", "management"])
                });
            if !matches!(who, Who::Person | Who::Name) && !after && !next_to {
                return true;
            }
        }
        // "by mistake" needs a person who did it; "opened by mistake" names nobody, nor
        // does "during an investigation" (an activity, not someone who erred).
        if *a == "by" || *a == "without" {
            // "the lock record has been left in place by mistake": a passive names no
            // one who erred, whoever else the sentence mentions.
            if passive_before(v, i) {
                return true;
            }
            // "Without thinking, he ran the command": the person may come after.
            let upto = if *a == "without" { v.tokens().len() } else { i };
            let person = v.tokens()[..upto].iter().enumerate().any(|(k, w)| {
                !w.punct
                    && !w.masked
                    && !crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                    && (classify_word(w, false) == Who::Person
                        || classify_word(w, k == 0) == Who::Name)
            });
            if !person {
                return true;
            }
        }
        let last = if *a == "dropped" {
            if !v.is(i + 2, "ball") {
                return true;
            }
            i + 2
        } else {
            i + 1
        };
        let with = match (*a, *b) {
            ("didn't", _) => "did not",
            (_, "error" | "errors" | "mistake" | "failure") => {
                "an action that made sense at the time"
            }
            _ => "",
        };
        out.push(found(v, i, last, with));
        true
    } else {
        false
    }
}

/// "did not bother", "couldn't be bothered".
#[inline]
pub(super) fn did_not_bother(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["did", "could", "couldn't"])
        && v.any(i + 1, &["not", "be"])
        && v.any(i + 2, &["bother", "bothered"])
    {
        out.push(found(v, i, i + 2, "did not"));
        true
    } else {
        false
    }
}

/// "against better judgment", "against our better judgement".
#[inline]
pub(super) fn against_better_judgement(
    v: &View,
    i: usize,
    t: &Token,
    out: &mut Vec<Found>,
) -> bool {
    if t.is("against")
        && (v.phrase(i + 1, &["better", "judgment"])
            || v.phrase(i + 1, &["better", "judgement"])
            || v.any(i + 1, PERSON_POSSESSIVES_SHORT)
                && v.is(i + 2, "better")
                && v.any(i + 3, &["judgment", "judgement"]))
    {
        // "Continuing was obviously against better judgment": the person's own judgement
        // set against what they did.
        let last = if v.is(i + 1, "better") { i + 2 } else { i + 3 };
        out.push(found(v, i, last, ""));
        true
    } else {
        false
    }
}

/// "took our eye off the ball", "asleep at the wheel".
#[inline]
pub(super) fn inattention_idiom(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["eye", "eyes"]) && v.phrase(i + 1, &["off", "the", "ball"])
        || t.is("asleep") && v.is(i + 1, "at") && v.any(i + 3, &["wheel", "switch"])
    {
        // "We took our eye off the ball", "the team was asleep at the wheel": idioms of
        // inattention, like "dropped the ball".
        out.push(found(v, i, i + 3, ""));
        true
    } else {
        false
    }
}

const PERSON_POSSESSIVES_SHORT: &[&str] = &["my", "our", "his", "her", "their", "your"];

/// A passive auxiliary and a participle earlier in the clause before `at`: "has been left in
/// place by mistake".
fn passive_before(v: &View, at: usize) -> bool {
    let t = v.tokens();
    let first = (0..at)
        .rev()
        .find(|k| {
            t[*k].punct || t[*k].any(&["because", "if", "when", "that", "which", "and", "but"])
        })
        .map_or(0, |k| k + 1);
    (first..at).any(|k| {
        v.any(
            k,
            &["been", "was", "were", "is", "are", "be", "being", "got"],
        ) && v.word(k + 1).is_some_and(|w| {
            w.lower.ends_with("ed")
                || w.lower.ends_with("en")
                || w.any(&[
                    "left", "put", "set", "sent", "made", "done", "run", "kept", "held",
                ])
        })
    })
}
