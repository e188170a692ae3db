//! Omissions: what a person did not do, named as a lapse — "failed to notice", "the pilot's
//! failure to maintain", "forgot to", "missed", "nobody noticed", "was never tested". A
//! negated action that is not a check or a perception is a description of what happened
//! ("did not copy the code") and is not flagged.
//!
//! The families: [`negated`] reads a negated check or perception ("we didn't catch the
//! issue", "nobody noticed", "did not ensure"); [`passive`] the same with the person left out
//! ("was never tested", "went unnoticed", "merged without anyone reviewing it"); [`failure`]
//! the lapse named ("failed to notice", "the pilot's failure to maintain"); [`missing`] the
//! verbs of missing and forgetting ("we missed the alert", "forgot to renew", "an oversight
//! on my part", ", missing 'flaps'"). This module holds what they share: the verbs of
//! perceiving and checking, and whether an omission is only supposed or a system's.

mod failure;
mod missing;
mod negated;
mod passive;

use crate::lexicon::{SYSTEM_NOUNS, TECH_NAMES};
use crate::rules::View;
pub(super) use failure::{failed_to, failure_of};
pub(super) use missing::{
    caused_to_miss, forget_habit, forgot, missed, missing_after_clause, overlooked, oversight,
};
pub(super) use negated::{not_perceived, reason_perfect};
pub(super) use passive::{
    UNNOTICED, inverted_not_caught, not_checking, not_perceived_passive, went_unnoticed,
    without_checking,
};

/// Verbs of noticing and checking: not doing them, said of a person, is a lapse judged later.
#[rustfmt::skip]
pub(in crate::rules::counterfactual) const PERCEIVE: &[&str] = &[
    "notice", "catch", "see", "spot", "detect", "identify", "realise", "realize", "check",
    "verify", "test", "review", "read", "look", "retest", "validate", "investigate", "monitor",
    "noticed", "caught", "seen", "saw", "spotted", "detected", "identified", "realised",
    "realized", "checked", "verified", "tested", "reviewed", "looked", "retested", "validated",
    "investigated", "monitored", "watch", "double-check", "double-checked", "watched", "notices",
    // Verifying by looking: "did not confirm the fuel level", "did not inspect the wing".
    "confirm", "confirmed", "inspect", "inspected", "examine", "examined", "cross-check",
    "cross-checked", "crosscheck", "crosschecked",
    // Assessing, recognising and finding out, the checks of care and casework: "did not
    // assess the patient", "did not recognise the deterioration", "did not discover the
    // problem", "had not observed the patient".
    "assess", "assessed", "reassess", "reassessed", "recheck", "rechecked", "recognise",
    "recognised", "recognize", "recognized", "diagnose", "diagnosed", "discover", "discovered",
    "observe", "observed",
];

/// "If you think I missed one", "let me know if I forgot anything", "whether we overlooked
/// something": an omission supposed, not asserted.
fn hypothetical(v: &View, i: usize) -> bool {
    (i.saturating_sub(6)..i)
        .rev()
        .take_while(|k| !v.tokens()[*k].punct)
        .any(|k| v.any(k, &["if", "unless", "whether"]))
}

/// "… by CI", "… in presubmit", "by the health check": the check that did not happen was a
/// system's.
pub(in crate::rules::counterfactual) fn by_a_system(v: &View, j: usize) -> bool {
    // "not spotted with plain `./run_tests.sh`": a tool or a command named in code.
    if v.any(j + 1, &["with", "by", "in"])
        && (j + 2..(j + 4).min(v.tokens().len())).any(|k| {
            let w = &v.tokens()[k].lower;
            // Not a number: "in 4.5 hours".
            v.tokens()[k].masked
                || w.contains(['/', '.']) && !w.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    {
        return true;
    }
    v.any(j + 1, &["in", "by"])
        && (j + 2..(j + 5).min(v.tokens().len())).any(|k| {
            v.word(k).is_some_and(|w| {
                SYSTEM_NOUNS.contains(&w.lower.as_str()) || TECH_NAMES.contains(&w.lower.as_str())
            })
        })
}
