//! Minimisers: words that make someone's difficulty look trivial ("just", "simply",
//! "obviously", "clearly", "of course", "trivially") where they describe what a person did
//! or should have seen. "Just" about an amount or a moment ("just after midnight", "just 5
//! minutes") is not flagged; nor are these words about what a system did.

use super::clause::{Who, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::QUANTITY_WORDS;

const EASY: &[&str] = &["just", "simply", "merely"];
const PLAIN: &[&str] = &["obviously", "trivially", "evidently"];
/// "It was obvious/clear/evident that …", "easy to see".
const PLAIN_ADJECTIVES: &[&str] = &[
    "obvious", "clear", "evident", "apparent", "trivial", "easy", "plain",
];
/// What is plainly seen: "clearly visible", "clearly showed".
const SEEN: &[&str] = &[
    "visible",
    "showed",
    "shows",
    "show",
    "shown",
    "indicated",
    "indicates",
    "seen",
    "see",
    "saw",
    "wrong",
    "broken",
    "misconfigured",
    "stated",
    "documented",
    "marked",
    "labelled",
    "labeled",
    "written",
    "logged",
    "signalled",
    "signaled",
    "pointed",
];
const SEE_VERBS: &[&str] = &[
    "see",
    "spot",
    "notice",
    "miss",
    "avoid",
    "catch",
    "fix",
    "prevent",
    "tell",
    "find",
    "detect",
    "understand",
    "realise",
    "realize",
    "identify",
];

fn found(v: &View, first: usize, last: usize) -> Found {
    Found {
        category: Category::Minimiser,
        first,
        last,
        suggestion: format!(
            "{} (What looks easy afterwards was rarely easy then: say what made it hard.)",
            v.rewrite(first, last, "")
        ),
    }
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        if t.any(EASY) {
            let Some(next) = v.word(i + 1) else { continue };
            if next.any(QUANTITY_WORDS)
                || next
                    .lower
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            let (who, _) = subject(v.tokens(), i);
            // "The service simply returned 503": a system, not a person's difficulty.
            if who == Who::Thing && !v.any(i + 1, &["had", "needed", "forgot"]) {
                continue;
            }
            out.push(found(v, i, i));
        } else if t.any(PLAIN) {
            out.push(found(v, i, i));
        } else if t.is("clearly") {
            if v.any(i + 1, SEEN)
                || v.any(
                    i.saturating_sub(1),
                    &["was", "were", "is", "are", "be", "been"],
                )
            {
                out.push(found(v, i, i));
            }
        } else if t.is("of") && v.is(i + 1, "course") {
            out.push(found(v, i, i + 1));
        } else if t.any(PLAIN_ADJECTIVES)
            && i >= 2
            && v.any(
                i - 1,
                &["was", "is", "were", "been", "seemed", "looked", "be"],
            )
            && (v.any(i + 1, &["that", "to"]) || v.is(i + 1, "in"))
        {
            // "It was obvious that …", "it is easy to see", "it should have been clear that".
            if t.any(&["easy", "trivial"]) && !(v.is(i + 1, "to") && v.any(i + 2, SEE_VERBS)) {
                continue;
            }
            out.push(found(v, i - 1, i));
        } else if t.is("easily")
            && v.any(
                i + 1,
                &[
                    "avoided",
                    "prevented",
                    "caught",
                    "spotted",
                    "seen",
                    "noticed",
                    "fixed",
                    "detected",
                ],
            )
        {
            out.push(found(v, i, i));
        } else if (t.is("only") || t.is("all")) && v.phrase(i + 1, &["had", "to"]) {
            out.push(found(v, i, i + 2));
        }
    }
}
