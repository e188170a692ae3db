//! An error pinned on people by other shapes than a possessive before it (those are
//! [`super::failings`]): its maker named after it ("the error I made", "the mistakes we
//! made", "a mistake made by the captain"), its owners after "of" ("the mistakes of our
//! past", "an error of judgement"), a compound whose first noun is a person ("crew
//! programming errors", "operator mistakes"), and a person's act called a mistake outright
//! ("That was a massive mistake", "This is obviously a huge fail"). Errors of things ("a
//! configuration error", "the mistake in the manifest") stay unflagged.

use super::found;
use super::owners::by_agent;
use crate::lexicon::{PERSON_NOUNS, PERSON_POSSESSIVES, SYSTEM_NOUNS, TECH_NAMES};
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// Nouns for an error, slip or failing.
const ERRORS: &[&str] = &[
    "mistake", "mistakes", "error", "errors", "blunder", "blunders", "slip", "slips", "lapse",
    "lapses", "misstep", "missteps", "fail", "goof", "goofs", "screwup", "screw-up", "typo",
    "typos",
];

/// The same, without "error": "an error" alone is as often a system's ("it was an error").
const MISTAKES: &[&str] = &[
    "mistake", "mistakes", "blunder", "blunders", "misstep", "missteps", "fail", "goof", "screwup",
    "screw-up",
];

/// Verbs for making an error.
const MADE: &[&str] = &["made", "make", "makes", "making", "committed", "commit"];

/// Person nouns that also name things or jobs, not the maker of an error before it:
/// "support errors", "lead time", "load".
const NOT_MAKERS: &[&str] = &[
    "support",
    "lead",
    "leads",
    "rota",
    "rotas",
    "roster",
    "hire",
    "hires",
    "member",
    "members",
    "owner",
    "owners",
    "company",
    "organisation",
    "organization",
    "department",
    "human",
];

/// Adjectives, adverbs and commas between "a" and the error noun: "a massive, massive
/// mistake", "a really costly blunder".
fn modifier(v: &View, k: usize) -> bool {
    let t = &v.tokens()[k];
    t.punct && t.lower == "," || !t.punct && !t.masked && !t.any(&["a", "an", "the", "not"])
}

/// An error noun at `i`, owned by a person in one of the shapes above.
#[inline]
pub(super) fn error_noun(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["idea", "call", "move", "decision", "choice"]) {
        if let Some(first) = called_a_mistake(v, i) {
            out.push(found(v, first, i, "a decision that made sense at the time"));
            return true;
        }
        return false;
    }
    if !t.any(ERRORS) {
        return false;
    }
    // "Codespace's error rates", "error messages": a measure or an artefact, not a failing.
    if v.any(
        i + 1,
        &[
            "rate", "rates", "budget", "budgets", "message", "messages", "code", "codes", "count",
            "counts", "logs", "log", "page", "pages", "handling", "spike", "state",
        ],
    ) {
        return false;
    }
    if let Some(last) = maker_after(v, i) {
        out.push(found(v, i, last, "an action that made sense at the time"));
        return true;
    }
    if let Some(first) = person_compound(v, i) {
        out.push(found(v, first, i, "actions that made sense at the time"));
        return true;
    }
    if let Some(first) = called_a_mistake(v, i) {
        out.push(found(v, first, i, "a decision that made sense at the time"));
        return true;
    }
    if let Some(last) = mistake_was_an_act(v, i) {
        out.push(found(v, i, last, "a decision that made sense at the time"));
        return true;
    }
    false
}

/// Pronouns for the people who did something, in a clause after a noun ("an update I
/// pushed", "the change we made").
const DOERS: &[&str] = &["i", "we", "he", "she", "they", "someone", "somebody", "you"];

/// `The first mistake was a small change I pushed`, `Our mistake was that we skipped the
/// canary`, `The biggest mistake was deploying on a Friday`: the mistake named, after the
/// copula, as a person's act. Not a thing's ("The second mistake is that the logs were
/// truncated", "the mistake was a typo in the config"), nor the mistake found or stopped
/// ("the mistake was recognized"). The index of the last word of the act's verb.
fn mistake_was_an_act(v: &View, i: usize) -> Option<usize> {
    if !v.any(i, MISTAKES) || !v.any(i + 1, &["was", "is", "were"]) {
        return None;
    }
    // "Our mistake was …": owned by its possessive, read by `failings::owned_failing`.
    let owned = (i.saturating_sub(3)..i).any(|k| {
        v.any(k, PERSON_POSSESSIVES) || v.word(k).is_some_and(|w| w.lower.ends_with("'s"))
    });
    if owned || v.sentence_text().ends_with('?') {
        return None;
    }
    let n = v.tokens().len();
    let mut p = i + 2;
    while v
        .word(p)
        .is_some_and(|w| w.lower.ends_with("ly") && w.lower.len() > 3 || w.is("then"))
    {
        p += 1;
    }
    let w = v.word(p)?;
    if w.any(&["not", "never"]) {
        return None;
    }
    // "… was that we skipped the canary".
    if w.is("that") {
        let s = v.word(p + 1)?;
        return (s.any(DOERS)
            || PERSON_NOUNS.contains(&s.lower.as_str())
            || v.is(p + 1, "the")
                && v.word(p + 2)
                    .is_some_and(|h| PERSON_NOUNS.contains(&h.lower.as_str())))
        .then_some(p + 1);
    }
    // "… was deploying on a Friday": a gerund with its object.
    if w.lower.ends_with("ing")
        && w.lower.len() > 5
        && !w.any(&["nothing", "something", "anything", "everything", "during"])
        && v.word(p + 1).is_some()
    {
        return Some(p);
    }
    // "… was a small update I pushed yesterday": a noun phrase, then a clause with a
    // person as its subject.
    if !w.any(&["a", "an", "the", "this", "that", "my", "our", "one"]) {
        return None;
    }
    let k = (p + 1..(p + 7).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| v.any(*k, DOERS))?;
    let verb = v.word(k + 1)?;
    let past = verb.lower.ends_with("ed")
        || verb.any(&[
            "made", "did", "wrote", "ran", "put", "sent", "took", "gave", "chose", "set", "broke",
            "built", "shipped", "pushed", "left", "forgot", "had",
        ]);
    past.then_some(k + 1)
}

/// "the error I made", "mistakes that we made", "a mistake made by the captain", "the
/// mistakes of our past", "an error of judgement": the index of the last word naming the
/// maker.
fn maker_after(v: &View, i: usize) -> Option<usize> {
    let n = v.tokens().len();
    // "a mistake made by the captain", "errors committed by the crew".
    if v.any(i + 1, MADE) {
        return by_agent(v, i + 1);
    }
    // "an error of judgement", "a lapse in judgment": judgement is a person's.
    if v.any(i + 1, &["of", "in"]) && v.any(i + 2, &["judgement", "judgment"]) {
        return Some(i + 2);
    }
    // "the mistakes of our past", "the errors of the crew"; not "errors of our API".
    if v.is(i + 1, "of") && t_is_mistake(v, i) {
        if v.any(i + 2, PERSON_POSSESSIVES) {
            let thing = v.word(i + 3).is_some_and(|w| {
                SYSTEM_NOUNS.contains(&w.lower.as_str()) || TECH_NAMES.contains(&w.lower.as_str())
            });
            return (!thing).then_some(i + 3).filter(|k| *k < n);
        }
        let k = if v.is(i + 2, "the") { i + 3 } else { i + 2 };
        return v
            .word(k)
            .is_some_and(|w| classify_word(w, false) == Who::Person)
            .then_some(k);
    }
    // "the error I made", "the mistakes that we made", "the blunder the crew made".
    let mut k = i + 1;
    if v.any(k, &["that", "which"]) {
        k += 1;
    }
    if v.any(k, &["the", "our", "their", "my", "his", "her"]) {
        k += 1;
    }
    let maker = v
        .word(k)
        .is_some_and(|w| classify_word(w, false) == Who::Person && !w.any(&["it"]));
    // "the type of mistake you only make once": adverbs between the maker and the verb.
    let m = v.past(
        k + 1,
        &[
            "had", "have", "has", "'d", "then", "once", "also", "only", "all", "just", "really",
            "probably", "ever",
        ],
    );
    // "the mistake I did": "did" closing the clause, as "made" (not "the error I did not
    // see", "the mistake we did nothing about").
    let did = v.is(m, "did")
        && v.tokens()
            .get(m + 1)
            .is_none_or(|t| t.punct || t.any(&["there", "then", "here", "again", "and"]));
    (maker && (v.any(m, MADE) || did)).then_some(m)
}

fn t_is_mistake(v: &View, i: usize) -> bool {
    v.any(
        i,
        &[
            "mistake", "mistakes", "error", "errors", "blunder", "blunders", "lapse", "lapses",
        ],
    )
}

/// "flight crew programming errors", "operator mistakes", "pilot errors": a person noun
/// before the error noun, one kind-of-work noun between at most. The first word.
fn person_compound(v: &View, i: usize) -> Option<usize> {
    let maker = |k: usize| {
        v.word(k).is_some_and(|w| {
            PERSON_NOUNS.contains(&w.lower.as_str()) && !w.any(NOT_MAKERS) && !w.capital
                || w.capital && w.any(&["Crew", "Pilot", "Operator", "Controller"])
        })
    };
    let p = i.checked_sub(1)?;
    // "human error", "operator error", "pilot error": set phrases, read (and excused, as
    // "Assumed user error") in `phrases`.
    if v.any(p, &["human", "operator", "pilot", "people", "user"])
        && v.any(i, &["error", "mistake"])
    {
        return None;
    }
    if maker(p) {
        return Some(p);
    }
    // "an engineer-driven configuration error", "an operator-induced error": the error's
    // maker named in a compound before it, one noun between at most.
    let driven = |k: usize| {
        v.word(k).is_some_and(|w| {
            ["-driven", "-induced", "-caused", "-made", "-introduced"]
                .iter()
                .find_map(|s| w.lower.strip_suffix(s))
                .is_some_and(|m| {
                    PERSON_NOUNS.contains(&m) && !NOT_MAKERS.contains(&m)
                        || ["human", "engineer", "operator", "developer"].contains(&m)
                })
        })
    };
    if driven(p) {
        return Some(p);
    }
    if p >= 1 && driven(p - 1) && v.word(p).is_some() {
        return Some(p - 1);
    }
    // "crew programming errors", "controller judgement errors", "pilot data-entry errors".
    let kind = v.word(p).is_some_and(|w| {
        w.lower.ends_with("ing") && w.lower.len() > 5
            || w.any(&[
                "judgement",
                "judgment",
                "data-entry",
                "entry",
                "input",
                "navigation",
                "procedural",
                "planning",
                "communication",
            ])
    });
    let q = p.checked_sub(1)?;
    (kind && maker(q)).then_some(q)
}

/// "That was a massive mistake", "This is obviously a huge fail", "Deploying on a Friday was
/// a mistake": a person's act (a demonstrative standing for it, or a gerund) called a
/// mistake. Not "this was not a mistake", "it was a mistake in the manifest" (a thing's),
/// nor an error alone ("it was an error", a system's as often). The copula's index.
fn called_a_mistake(v: &View, i: usize) -> Option<usize> {
    // "force pushing over it was a bad idea", "that was a terrible call": a choice called bad,
    // as a mistake.
    let bad_choice = v.any(i, &["idea", "call", "move", "decision", "choice"])
        && i > 0
        && v.any(
            i - 1,
            &[
                "bad", "terrible", "dumb", "stupid", "silly", "awful", "poor", "foolish",
            ],
        );
    if !(v.any(i, MISTAKES) || bad_choice) || v.any(i + 1, &["in", "on", "with", "of"]) {
        return None;
    }
    // "It was a bad idea to deploy at 5pm": a rule of thumb, as "an unwise move to …"
    // (`verdicts::unwise_choice`).
    if bad_choice && v.is(i + 1, "to") {
        return None;
    }
    let mut a = i.checked_sub(1)?;
    while a > i.saturating_sub(6) && modifier(v, a) {
        a -= 1;
    }
    if !v.any(a, &["a", "an"]) {
        return None;
    }
    let mut c = a.checked_sub(1)?;
    // "is obviously a", "was clearly a", "was, in hindsight, a" (adverbs between).
    while c > 0
        && v.word(c)
            .is_some_and(|w| w.lower.ends_with("ly") || w.any(&["also", "indeed", "really"]))
    {
        c -= 1;
    }
    if !v.any(
        c,
        &["was", "is", "were", "'s", "been", "be", "that's", "it's"],
    ) {
        return None;
    }
    let contracted = v.any(c, &["that's", "it's"]);
    if (c.saturating_sub(2)..c).any(|k| v.any(k, &["not", "never", "isn't", "wasn't"])) {
        return None;
    }
    let (who, head) = subject(v.tokens(), c);
    let head_word = head.and_then(|h| v.word(h));
    let acts = head_word.is_some_and(|w| {
        w.any(&["this", "that", "which", "it"])
            || w.lower.ends_with("ing") && w.lower.len() > 5
            || crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
    }) || matches!(who, Who::Activity)
        || contracted;
    // "Was this a mistake?": a question leaves it open.
    let asked = v.sentence_text().ends_with('?');
    (acts && !asked).then_some(c)
}
