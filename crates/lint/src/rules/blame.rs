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
    ("more", "cautious"),
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
const POOR: &[&str] = &[
    "improper",
    "inadequate",
    "inappropriate",
    "poor",
    "wrong",
    "erroneous",
    "faulty",
    "flawed",
    "mistaken",
    "incorrect",
];

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
    "inexperience",
];

const FAILINGS: &[&str] = &[
    "mistake",
    "mistakes",
    "fault",
    "error",
    "errors",
    "blunder",
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
            // "by mistake" needs a person who did it; "opened by mistake" names nobody, nor
            // does "during an investigation" (an activity, not someone who erred).
            if *a == "by" {
                let person = v.tokens()[..i].iter().enumerate().any(|(k, w)| {
                    !w.punct
                        && !w.masked
                        && !crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                        && (classify_word(w, false) == Who::Person
                            || classify_word(w, k == 0) == Who::Name)
                });
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
            // "they're being incorrectly charged": a passive; the error is the unnamed
            // agent's, not the subject's.
            let passive = i > 0
                && v.any(
                    i - 1,
                    &[
                        "being", "been", "was", "were", "is", "are", "be", "get", "got",
                    ],
                )
                && v.word(i + 1)
                    .is_some_and(|w| w.lower.ends_with("ed") || w.lower.ends_with("en"));
            if passive {
                continue;
            }
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
            && !t.is("inexcusable")
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
        } else if t.any(&["made", "makes", "make", "making"]) {
            made_mistakes(v, i, out);
        } else if t.is("something")
            && v.any(i + 1, &["stupid", "dumb", "silly"])
            && i > 0
            && v.any(i - 1, &["did", "done", "do"])
        {
            out.push(found(v, i - 1, i + 1, ""));
        } else if t.any(&["broke", "broken"])
            && v.any(
                i + 1,
                &[
                    "production",
                    "prod",
                    "everything",
                    "the",
                    "something",
                    "things",
                    "stuff",
                    "it",
                    "master",
                    "main",
                ],
            )
            && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
        {
            // "Alice broke production", "you've probably already broken something".
            out.push(found(v, i, i + 1, ""));
        } else if t.any(&["properly", "correctly", "adequately", "carefully"])
            && i >= 2
            && (v.is(i - 1, "not") && v.any(i - 2, &["did", "do", "does", "was", "were"])
                || v.any(
                    i - 1,
                    &["didn't", "never", "don't", "doesn't", "wasn't", "weren't"],
                ))
            && matches!(subject(v.tokens(), i - 1).0, Who::Person | Who::Name)
        {
            // "We did not properly test the rollback": the team's work called improper, like
            // "improperly"; not "the pod did not start properly" (a thing).
            let first = if v.is(i - 1, "not") { i - 2 } else { i - 1 };
            out.push(found(v, first, i, "did not"));
        } else if t.any(&["more", "closer", "greater", "extra"])
            && v.any(i + 1, &["attention", "care"])
            && i > 0
            && v.any(i - 1, GIVE_CARE)
        {
            // "pay more attention to the checklist", "take more care"; not "brings more
            // attention" (what a thing draws).
            out.push(found(v, i - 1, i + 1, ""));
        } else if t.any(&["lack", "lacked", "lacking"]) {
            lack_in_people(v, i, out);
        } else if t.is("on") {
            on_someone(v, i, out);
        } else if t.any(&["unacceptable", "inexcusable", "unforgivable"]) {
            unacceptable(v, i, out);
        } else if t.any(&["blame", "blamed", "blaming"])
            && !v.any(i.saturating_sub(1), &["no", "without", "blameless", "not"])
        {
            out.push(found(v, i, i, ""));
        }
    }
}

/// Verbs for giving care or attention: the lesson asks it of people.
const GIVE_CARE: &[&str] = &[
    "pay",
    "pays",
    "paid",
    "paying",
    "take",
    "takes",
    "took",
    "taken",
    "taking",
    "with",
    "exercise",
    "exercised",
    "give",
    "giving",
];

/// What people bring to the work: a lack of it, said of them, is a failing of theirs.
const COMPETENCE: &[&str] = &[
    "understanding",
    "knowledge",
    "awareness",
    "experience",
    "expertise",
    "familiarity",
    "care",
    "attention",
    "diligence",
    "rigour",
    "rigor",
    "discipline",
    "ownership",
    "judgement",
    "judgment",
];

/// `Lack of deeper understanding of Kubernetes components in the team`, `our lack of
/// experience`: people's knowledge or care found wanting. Not "a lack of understanding of the
/// scope" with nobody named as lacking it, nor "lack of monitoring" (a thing).
fn lack_in_people(v: &View, i: usize, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let mut k = i + 1;
    if v.is(k, "of") {
        k += 1;
    }
    while k < i + 5 && v.word(k).is_some_and(|w| !w.any(COMPETENCE)) {
        k += 1;
    }
    if !v.any(k, COMPETENCE) {
        return;
    }
    let owner_before = i.checked_sub(1).and_then(|p| v.word(p)).is_some_and(|o| {
        o.any(PERSON_POSSESSIVES)
            || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
    });
    // "… in the team", "among engineers", "on the part of the operator".
    let owner_after = (k + 1..(k + 10).min(n))
        .take_while(|j| !v.tokens()[*j].punct)
        .any(|j| {
            v.any(j, &["in", "among", "within", "across", "by", "part"])
                && (j + 1..(j + 4).min(n)).any(|p| {
                    v.word(p)
                        .is_some_and(|w| classify_word(w, false) == Who::Person)
                })
        });
    // "The team lacked experience": the subject is the person.
    let subject_lacks = !v.is(i, "lack") && subject(v.tokens(), i).0.is_person();
    if owner_before || owner_after || subject_lacks {
        let first = if owner_before { i - 1 } else { i };
        out.push(found(v, first, k, "no one had"));
    }
}

/// `This outage is entirely on the data team`, `that one's on us`: the outage put on people.
fn on_someone(v: &View, i: usize, out: &mut Vec<Found>) {
    let Some(p) = i.checked_sub(1) else { return };
    let degree = v.any(
        p,
        &[
            "entirely",
            "squarely",
            "completely",
            "totally",
            "all",
            "solely",
        ],
    );
    let copula = |k: usize| v.any(k, &["is", "was", "'s", "it's", "that's", "are", "were"]);
    if !(degree && p > 0 && copula(p - 1) || copula(p)) {
        return;
    }
    let mut k = i + 1;
    if v.any(k, &["the", "our", "their", "my", "your"]) {
        k += 1;
    }
    while k < i + 4
        && v.word(k)
            .is_some_and(|w| classify_word(w, false) != Who::Person)
    {
        k += 1;
    }
    let Some(who) = v.word(k) else { return };
    // A plain "is on the team" is where something is (a rota, an owner); only the pronouns and
    // the degree words make it fault.
    let pronoun = who.any(&["us", "me", "them", "you", "him", "her"]) && k == i + 1;
    if classify_word(who, false) == Who::Person && (degree || pronoun) {
        let first = if degree { p } else { i };
        out.push(found(v, first, k, ""));
    }
}

/// `this is completely unacceptable`, said of what a team did ("We spent way too much time
/// …"): the handling condemned; not "four hours to detection is unacceptable" with no one in
/// the sentence.
fn unacceptable(v: &View, i: usize, out: &mut Vec<Found>) {
    let mut k = i;
    while k > 0
        && v.any(
            k - 1,
            &[
                "completely",
                "totally",
                "utterly",
                "simply",
                "just",
                "frankly",
            ],
        )
    {
        k -= 1;
    }
    if !(k > 0 && v.any(k - 1, &["is", "was", "'s", "it's", "that's", "were", "are"])) {
        return;
    }
    let people = v.tokens()[..k].iter().any(|w| {
        !w.punct
            && !w.masked
            && w.any(&[
                "we",
                "i",
                "they",
                "you",
                "he",
                "she",
                "team",
                "teams",
                "engineer",
                "engineers",
            ])
    });
    if people {
        out.push(found(v, k, i, ""));
    }
}

/// `we made a mistake`, `I kept making errors`, `I started to make mistakes`: errors a person
/// made. The subject is found past "kept", "started to" and the like.
fn made_mistakes(v: &View, i: usize, out: &mut Vec<Found>) {
    let mut k = i + 1;
    while k < i + 4
        && v.any(
            k,
            &[
                "a", "an", "the", "some", "several", "many", "few", "big", "small", "silly",
                "simple", "careless", "obvious", "basic", "serious", "costly", "more", "other",
            ],
        )
    {
        k += 1;
    }
    if !v.any(k, FAILINGS) || v.is(k, "bad") {
        return;
    }
    let mut at = i;
    if at > 0 && v.is(at - 1, "to") {
        at -= 1;
    }
    if at > 0
        && v.any(
            at - 1,
            &[
                "kept",
                "keep",
                "keeps",
                "started",
                "start",
                "began",
                "begin",
                "continued",
                "tend",
                "tended",
            ],
        )
    {
        at -= 1;
    }
    if matches!(subject(v.tokens(), at).0, Who::Person | Who::Name) {
        out.push(found(v, i, k, ""));
    }
}
