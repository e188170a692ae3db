//! Noticing that came late, and obligations not met: "we were slow to realise", "was too busy
//! to notice", "It took us two hours to notice the backlog", "it took hours until anyone
//! realised", "Bob was supposed to rotate the key on Friday and never did".

use crate::rules::View;
use crate::rules::clause::Who;

/// Verbs of perceiving and reacting after "slow to" / "too busy to".
#[rustfmt::skip]
const NOTICING: &[&str] = &[
    "notice", "realise", "realize", "spot", "see", "detect", "catch", "check", "react",
    "respond", "recognise", "recognize", "look", "investigate", "escalate",
];

/// "we were slow to realise", "was too busy to notice", "too distracted to check": from the
/// copula (or "too") to the verb.
pub(super) fn slow_to_notice(v: &View, i: usize) -> Option<usize> {
    if v.is(i, "slow") && v.is(i + 1, "to") && v.any(i + 2, NOTICING) {
        let copula = i > 0 && v.any(i - 1, &["was", "were", "been", "be", "am", "are", "is"]);
        return copula.then_some(i + 2);
    }
    if v.is(i, "too") && v.word(i + 1).is_some() && v.is(i + 2, "to") && v.any(i + 3, NOTICING) {
        // "too busy", "too distracted", "too tired": a state of the person.
        let state = v.word(i + 1).is_some_and(|w| {
            w.any(&[
                "busy",
                "distracted",
                "tired",
                "focused",
                "preoccupied",
                "rushed",
                "late",
                "slow",
            ])
        });
        return state.then_some(i + 3);
    }
    None
}

/// "It took quite some time before we noticed this error", "it took hours until anyone
/// realised": the noticing that came late, measured and set against the people.
pub(super) fn noticed_late(v: &View, i: usize) -> Option<usize> {
    // "It took us two hours to notice the backlog", "it took the team a day to realise".
    if v.is(i, "took") && i > 0 && v.is(i - 1, "it") {
        let n = v.tokens().len();
        let person = (i + 1..(i + 4).min(n)).any(|k| {
            v.any(k, &["us", "them", "me", "him", "her"])
                || v.word(k)
                    .is_some_and(|w| crate::rules::clause::classify_word(w, false) == Who::Person)
        });
        // "It took a long time (~3 weeks) to notice": a parenthesis inside the duration.
        let to = (i + 2..(i + 11).min(n))
            .take_while(|k| {
                !v.tokens()[*k].punct || ["(", ")"].contains(&v.tokens()[*k].lower.as_str())
            })
            .find(|k| v.is(*k, "to") && v.any(*k + 1, NOTICING))?;
        // Not "it took us an hour to catch up".
        if v.is(to + 2, "up") {
            return None;
        }
        // "It took me less than a second to realise", "it took only seconds to spot": the
        // noticing came fast, not late.
        if (i + 1..to).any(|k| {
            v.any(
                k,
                &[
                    "less",
                    "only",
                    "seconds",
                    "second",
                    "moment",
                    "moments",
                    "instant",
                    "instantly",
                ],
            )
        }) {
            return None;
        }
        // "It took three weeks to notice the leak": noticing and realising are people's, so
        // the people need not be named; not "it took five years to detect" (a detector's as
        // well).
        let human = v.any(
            to + 1,
            &[
                "notice",
                "realise",
                "realize",
                "spot",
                "recognise",
                "recognize",
            ],
        );
        return (person || human).then_some(to + 1);
    }
    if !(v.any(i, &["before", "until"])
        && (i.saturating_sub(6)..i).any(|k| v.is(k, "took") && k > 0 && v.is(k - 1, "it")))
    {
        return None;
    }
    let person = v
        .word(i + 1)
        .is_some_and(|w| crate::rules::clause::classify_word(w, false) == Who::Person);
    let verb = i + 2;
    (person
        && v.any(
            verb,
            &[
                "noticed",
                "realised",
                "realized",
                "spotted",
                "caught",
                "detected",
                "discovered",
                "saw",
                "identified",
                "checked",
                "looked",
            ],
        ))
    .then_some(verb)
}

/// "Bob was supposed to rotate the key on Friday and never did": an obligation, then its
/// omission stated.
pub(super) fn supposed_and_never_did(v: &View, i: usize) -> Option<usize> {
    if !(v.is(i, "supposed") && v.is(i + 1, "to") && i > 0 && v.any(i - 1, &["was", "were"])) {
        return None;
    }
    let n = v.tokens().len();
    (i + 2..(i + 16).min(n))
        .take_while(|k| !v.tokens()[*k].punct || v.tokens()[*k].lower == ",")
        .find(|k| v.any(*k, &["and", "but"]))
        .and_then(|k| {
            if v.phrase(k + 1, &["never", "did"]) || v.phrase(k + 1, &["did", "not"]) {
                Some(k + 2)
            } else if v.any(k + 1, &["didn't", "never"]) {
                Some(k + 1)
            } else {
                None
            }
        })
}
