//! The task made one step: "all you need is to run update-grub", "all they had to do",
//! "only had to".

use super::found;
use super::words::HAD_TO;
use crate::rules::clause::Who;
use crate::rules::{Found, View};
use crate::text::Token;

/// "all you need is to run update-grub".
#[inline]
pub(super) fn all_you_need(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("all")
        && v.word(i + 1)
            .is_some_and(|w| crate::rules::clause::classify_word(w, false) == Who::Person)
        && v.any(i + 2, &["need", "needed", "needs"])
        && v.any(i + 3, &["is", "was"])
        && v.is(i + 4, "to")
    {
        // "all you need is to run update-grub": the task made one step.
        out.push(found(v, i, i + 2));
        true
    } else if t.is("all")
        && v.word(i + 1)
            .is_some_and(|w| crate::rules::clause::classify_word(w, false) == Who::Person)
        && v.any(i + 2, &["need", "needed", "needs"])
        && v.any(i + 3, &["is", "was"])
        && v.any(i + 4, &["a", "an"])
        && (v.any(i + 5, RESTORE_TASKS) || v.word(i + 5).is_some() && v.any(i + 6, RESTORE_TASKS))
    {
        // "all we need is a quick restore from the backup": the remedy, a task noun, made
        // the one step; not "all we need is a bigger disk" (a thing).
        out.push(found(v, i, i + 2));
        true
    } else if t.is("all")
        && v.is(i + 1, "it")
        && v.any(i + 2, &["takes", "took", "take", "needs", "needed"])
        && v.any(i + 3, &["is", "was", "are", "were"])
        && !(i > 0 && v.any(i - 1, &["not", "isn't", "wasn't"]))
    {
        // "All it takes is one engineer running the wrong command", "all it took was a
        // restart": the person's act (or the task) made the one step needed, as "all they
        // had to do"; not "that's not all it takes".
        out.push(found(v, i, i + 3));
        true
    } else {
        false
    }
}

/// "only had to", "all had to"; "you only need to glance at the gauge", "they only have to
/// press the button": a person's task made one step.
#[inline]
pub(super) fn only_had_to(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    let had_to = (t.is("only") || t.is("all")) && v.phrase(i + 1, &["had", "to"]);
    let needs_to = t.is("only")
        && v.any(i + 1, &["need", "needs", "needed", "have", "has"])
        && v.is(i + 2, "to")
        // Not "the job only needs to run nightly": a thing's schedule or requirement.
        && matches!(
            crate::rules::clause::subject(v.tokens(), i).0,
            Who::Person | Who::Name
        );
    if had_to || needs_to {
        out.push(found(v, i, i + 2));
        true
    } else {
        false
    }
}

/// "it's not rocket science", "this isn't brain surgery": the task called easy by the idiom
/// that denies it is hard.
#[inline]
pub(super) fn not_rocket_science(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    let idiom = t.is("rocket") && v.is(i + 1, "science") || t.is("brain") && v.is(i + 1, "surgery");
    let first = if i >= 1 && v.any(i - 1, &["exactly", "really"]) {
        i - 1
    } else {
        i
    };
    if idiom
        && first >= 1
        && v.any(
            first - 1,
            &[
                "not", "isn't", "wasn't", "ain't", "aint", "isnt", "wasnt", "hardly",
            ],
        )
    {
        out.push(found(v, first - 1, i + 1));
        true
    } else {
        false
    }
}

/// "all they had to do", "all we need to do".
#[inline]
pub(super) fn all_they_had_to_do(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    let n = v.tokens().len();
    if t.is("all")
        && (i + 1..(i + 5).min(n)).any(|k| v.any(k, HAD_TO) && v.phrase(k + 1, &["to", "do"]))
    {
        let last = (i + 1..(i + 5).min(n))
            .find(|k| v.any(*k, HAD_TO))
            .unwrap_or(i)
            + 2;
        out.push(found(v, i, last));
        true
    } else {
        false
    }
}

/// Remedies named by a noun: what a person does to recover.
const RESTORE_TASKS: &[&str] = &[
    "restore",
    "restart",
    "reboot",
    "revert",
    "rollback",
    "redeploy",
    "fix",
    "workaround",
];
