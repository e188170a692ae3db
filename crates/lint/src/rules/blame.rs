//! Blame: the outcome pinned on a person or team as their error or trait ("human error",
//! "careless", "didn't bother", "the operator's mistake"). Who did what, said plainly, is
//! not blame; nor is a system's error ("a configuration error in the load balancer").

use super::clause::{Who, classify_word, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::PERSON_POSSESSIVES;

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
    ("bothered", "to"),
];

/// Adverbs that call a person's action or belief an error.
const ERROR_ADVERBS: &[&str] = &[
    "wrongly",
    "mistakenly",
    "incorrectly",
    "erroneously",
    "wrongfully",
];
/// Adjectives that judge a person's decision or handling.
const POOR: &[&str] = &["improper", "inadequate", "inappropriate", "poor", "wrong"];

/// Words for a person's failing.
const TRAITS: &[&str] = &[
    "careless",
    "carelessly",
    "carelessness",
    "negligent",
    "negligently",
    "negligence",
    "sloppy",
    "sloppiness",
    "lazy",
    "laziness",
    "reckless",
    "recklessly",
    "recklessness",
    "incompetent",
    "incompetence",
    "inattentive",
    "inattention",
    "irresponsible",
    "irresponsibly",
    "complacent",
    "complacency",
    "thoughtless",
    "thoughtlessly",
    "clumsy",
    "clumsily",
    "inexcusable",
    "unprofessional",
    "blunder",
    "blundered",
    "idiot",
    "idiots",
    "moron",
    "morons",
    "inexperienced",
];

const FAILINGS: &[&str] = &[
    "mistake",
    "mistakes",
    "fault",
    "error",
    "errors",
    "blunder",
    "oversight",
    "slip",
    "lapse",
    "negligence",
    "carelessness",
    "sloppiness",
    "bad",
];

fn found(v: &View, first: usize, last: usize, with: &str) -> Found {
    Found {
        category: Category::Blame,
        first,
        last,
        suggestion: format!(
            "{} Say what the person did and what made it make sense at the time (what they saw, their tools, the pressure), rather than naming it a failing.",
            v.rewrite(first, last, with)
        ),
    }
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        if let Some((a, b)) = PHRASES.iter().find(|(a, b)| t.is(a) && v.is(i + 1, b)) {
            // "Assumed user error at the time": a belief reported, not the writer's verdict.
            if i > 0
                && v.any(
                    i - 1,
                    &["assumed", "suspected", "thought", "believed", "assuming"],
                )
            {
                continue;
            }
            // "by mistake" needs a person who did it; "opened by mistake" names nobody.
            if *a == "by" {
                let person = v.tokens()[..i]
                    .iter()
                    .any(|w| !w.punct && matches!(classify_word(w, false), Who::Person));
                if !person {
                    continue;
                }
            }
            let last = if *a == "dropped" {
                if !v.is(i + 2, "ball") {
                    continue;
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
        } else if t.any(&["did", "could", "couldn't"])
            && v.any(i + 1, &["not", "be"])
            && v.any(i + 2, &["bother", "bothered"])
        {
            out.push(found(v, i, i + 2, "did not"));
        } else if t.any(&["messed", "screwed"]) && v.is(i + 1, "up") {
            let (who, _) = subject(v.tokens(), i);
            if matches!(who, Who::Person | Who::Name) {
                out.push(found(v, i, i + 1, ""));
            }
        } else if t.any(ERROR_ADVERBS) {
            let (who, _) = subject(v.tokens(), i);
            if matches!(who, Who::Person | Who::Name) {
                out.push(found(v, i, i, ""));
            }
        } else if t.any(POOR) && i > 0 {
            // "the pilot's improper decision"; "you amended the wrong commit".
            let owner = v.word(i - 1);
            let possessed = owner.is_some_and(|o| {
                (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                    && matches!(classify_word(o, false), Who::Person | Who::Name)
                    || o.any(PERSON_POSSESSIVES)
            });
            let wrong_object = t.is("wrong") && v.is(i - 1, "the") && {
                let (who, _) = subject(v.tokens(), i.saturating_sub(2));
                who == Who::Person
            };
            if (possessed && !t.is("bad")) || wrong_object {
                let first = if possessed { i - 1 } else { i };
                out.push(found(v, first, i, ""));
            }
        } else if t.any(TRAITS)
            && !(t.is("lazy")
                && v.any(
                    i + 1,
                    &[
                        "loaded",
                        "loading",
                        "load",
                        "loads",
                        "evaluation",
                        "initialisation",
                        "initialization",
                        "init",
                    ],
                ))
        {
            // "negligent" of a system ("negligible" is another word) is rare; flag the trait.
            out.push(found(v, i, i, ""));
        } else if t.any(FAILINGS) && i > 0 && (!t.is("bad") || v.any(i - 1, &["my", "our"])) {
            // "the operator's mistake", "our own mistake", "Sam's error"; not "a
            // configuration error" or "the load balancer's error".
            let mut k = i - 1;
            if v.any(
                k,
                &[
                    "own", "simple", "big", "obvious", "careless", "human", "silly", "small",
                ],
            ) && k > 0
            {
                k -= 1;
            }
            let Some(owner) = v.word(k) else { continue };
            let possessive = owner.lower.ends_with("'s") || owner.lower.ends_with("s'");
            let by_person = owner.any(PERSON_POSSESSIVES)
                || (possessive && matches!(classify_word(owner, k == 0), Who::Person | Who::Name));
            if by_person {
                out.push(found(v, k, i, ""));
            }
        } else if t.any(&["made", "makes", "make"])
            && v.any(i + 1, &["a", "an", "the"])
            && (v.any(i + 2, FAILINGS) || v.any(i + 3, FAILINGS))
        {
            let (who, _) = subject(v.tokens(), i);
            if matches!(who, Who::Person | Who::Name) {
                let last = if v.any(i + 2, FAILINGS) { i + 2 } else { i + 3 };
                out.push(found(v, i, last, ""));
            }
        } else if t.is("something")
            && v.any(i + 1, &["stupid", "dumb", "silly"])
            && i > 0
            && v.any(i - 1, &["did", "done", "do"])
        {
            out.push(found(v, i - 1, i + 1, ""));
        } else if t.is("broke")
            && v.any(i + 1, &["production", "prod", "everything", "the"])
            && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
        {
            out.push(found(v, i, i + 1, ""));
        } else if t.any(&["blame", "blamed", "blaming"])
            && !v.any(i.saturating_sub(1), &["no", "without", "blameless", "not"])
        {
            out.push(found(v, i, i, ""));
        }
    }
}
