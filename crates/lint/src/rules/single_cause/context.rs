//! What stands around a cause phrase: the copula and what follows it, a colon and a named
//! cause, a question before it, the incident as a part or as "any" incident, a second cause.

use super::super::View;
use super::{SYMPTOMS, WHOLE};

/// After "the cause": "(of this|of the outage) was X" / "was traced to X", the cause named
/// (not "was identified", "is unknown", "is still being investigated"). The index just
/// past the copula.
pub(super) fn cause_copula(v: &View, from: usize) -> Option<usize> {
    let mut k = from;
    if v.is(k, "of") {
        k += 1;
        // "The cause of both these delays was …": the symptoms a status page names.
        if v.is(k, "both") {
            k += 1;
        }
        if v.any(k, &["the", "this", "that", "these", "those"]) {
            k += 1;
        }
        let whole = v.any(k, WHOLE) || v.any(k, SYMPTOMS);
        if !(v.any(k - 1, &["this", "that", "it"]) && v.any(k, &["was", "is"]) || whole) {
            return None;
        }
        if whole {
            k += 1;
        }
    }
    if !v.any(k, &["was", "is"]) {
        return None;
    }
    let next = v.word(k + 1)?;
    // "until the cause was found: a priority inversion": found, then named after the colon.
    let named_after_colon = next.any(&["found", "identified", "discovered", "determined"])
        && v.tokens()
            .get(k + 2)
            .is_some_and(|t| t.punct && t.lower == ":")
        && v.word(k + 3).is_some();
    if next.any(NOT_NAMED) && !named_after_colon {
        return None;
    }
    Some(k + 1)
}

/// After "the cause … was/is": the cause looked for, found or fixed, not named.
pub(super) const NOT_NAMED: &[&str] = &[
    "found",
    "identified",
    "discovered",
    "determined",
    "understood",
    "fixed",
    "not",
    "unknown",
    "unclear",
    "uncertain",
    "undetermined",
    "still",
    "being",
    "under",
    "investigated",
    "mitigated",
    "resolved",
    "addressed",
];

/// Whether a `:` follows within `k` tokens of `i`.
pub(super) fn colon_within(v: &View, i: usize, k: usize) -> bool {
    (i..(i + k).min(v.tokens().len())).any(|j| v.tokens()[j].punct && v.tokens()[j].lower == ":")
}

/// "the root cause of this problem: the server needs more RAM": after "of" or "for", the
/// incident (a determiner and a word or two), then a colon and the cause, named (not "still
/// unknown", "TBD").
pub(super) fn of_whole_colon(v: &View, from: usize) -> bool {
    if !v.any(from, &["of", "for"]) {
        return false;
    }
    let t = v.tokens();
    let Some(colon) = (from + 1..(from + 6).min(t.len()))
        .take_while(|k| !t[*k].punct || t[*k].lower == ":")
        .find(|k| t[*k].punct && t[*k].lower == ":")
    else {
        return false;
    };
    (from + 1..colon).any(|k| v.any(k, WHOLE) || v.any(k, SYMPTOMS))
        && v.word(colon + 1).is_some_and(|w| {
            !w.any(NOT_NAMED) && !w.any(&["tbd", "tba", "pending", "unknown", "none", "n/a"])
        })
}

/// After `from` (an adverb in "-ly" skipped): a word that says the cause was found or looked
/// for, not named ("was eventually accepted", "is still unknown").
pub(super) fn not_named_after(v: &View, from: usize) -> bool {
    let k = if v.word(from).is_some_and(|w| w.lower.ends_with("ly")) {
        from + 1
    } else {
        from
    };
    v.any(k, NOT_NAMED) || v.any(k, &["accepted", "acknowledged", "known", "confirmed"])
}

/// "caused by failure of the first train … and by failure of the second": a second cause
/// introduced by "and by" or "or by".
pub(super) fn another_by(v: &View, at: usize) -> bool {
    (at + 2..v.tokens().len()).any(|j| v.any(j, &["and", "or"]) && v.is(j + 1, "by"))
}

/// The words after a sentence (the next 80 bytes or so) say the cause is not known: "The root
/// cause? Still unknown."
pub(super) fn unknown_next(v: &View) -> bool {
    let from = v.sentence.range.end;
    let mut to = (from + 80).min(v.text.len());
    while !v.text.is_char_boundary(to) {
        to -= 1;
    }
    let next = v.text[from..to].to_lowercase();
    [
        "unknown",
        "unclear",
        "not yet",
        "still",
        "investigat",
        "no idea",
        "not sure",
    ]
    .iter()
    .any(|w| next.contains(w))
}

/// "what the root cause was", "whether the root cause is": a question a few words before the
/// phrase (which starts at `k`).
pub(super) fn asked_before(v: &View, k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|c| v.any(c, &["what", "whether"]))
}

/// "most of the downtime", "part of the outage": the noun at `noun` is a part of the incident.
pub(super) fn part_of(v: &View, noun: usize) -> bool {
    noun >= 3
        && v.any(noun - 1, &["the", "this", "that"])
        && v.is(noun - 2, "of")
        && v.any(
            noun - 3,
            &[
                "most", "some", "part", "much", "half", "portion", "parts", "rest",
            ],
        )
}

/// Before the incident noun at `noun` (a modifier or two and a determiner skipped): "any",
/// "every", "no" (any incident, not this one), or a preposition that makes the noun phrase a
/// detail of another clause ("limited by the disruption caused by the impact").
pub(super) fn any_or_governed(v: &View, noun: usize) -> bool {
    let mut k = noun;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        k -= 1;
        steps += 1;
        if v.any(k, &["any", "every", "no", "each"]) {
            return true;
        }
        if v.any(k, &["the", "a", "an", "this", "that"]) {
            return k > 0 && v.any(k - 1, &["by", "of", "from", "with", "in", "on"]);
        }
        if v.word(k).is_none() {
            return false;
        }
    }
    false
}

/// "caused by bad config … and a set of failure conditions": after "caused by" at `at`, "and"
/// starts a second cause with a determiner or a number.
pub(super) fn and_another(v: &View, at: usize) -> bool {
    (at + 3..v.tokens().len())
        .any(|j| v.is(j, "and") && v.any(j + 1, &["a", "an", "the", "two", "several"]))
}
