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

/// "only had to", "all had to".
#[inline]
pub(super) fn only_had_to(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if (t.is("only") || t.is("all")) && v.phrase(i + 1, &["had", "to"]) {
        out.push(found(v, i, i + 2));
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
