//! Single cause: one cause framed as the story of the incident ("the root cause was an expired
//! certificate", "Root cause: a missing index", "the incident was caused by a configuration
//! change", "Probable cause: …"). Incidents in complex systems have several contributors; one
//! cause hides the rest. Not flagged: "root cause analysis" as an activity, a root cause
//! looked for or found without being named, several causes, and other causal wording
//! ("due to", "triggered by").

use super::{Found, View};
use crate::Category;

const WHOLE: &[&str] = &[
    "incident",
    "outage",
    "issue",
    "problem",
    "failure",
    "downtime",
    "disruption",
    "event",
    "degradation",
    "accident",
    "interruption",
    "incidents",
    "outages",
    "issues",
];
const COPULA: &[&str] = &["was", "is", "be", "being", "as", "were"];

fn push(v: &View, out: &mut Vec<Found>, first: usize, last: usize, with: &str) {
    out.push(Found {
        category: Category::SingleCause,
        first,
        last,
        suggestion: format!(
            "{} What else had to be true for it to happen, and what kept it from being worse?",
            v.rewrite(first, last, with)
        ),
    });
}

/// Whether a `:` follows within `k` tokens of `i`.
fn colon_within(v: &View, i: usize, k: usize) -> bool {
    (i..(i + k).min(v.tokens().len())).any(|j| v.tokens()[j].punct && v.tokens()[j].lower == ":")
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let several = v.tokens().iter().enumerate().any(|(k, t)| {
        t.any(&["combination", "compounding"])
            || (t.any(&["several", "multiple", "two", "three"])
                && v.any(
                    k + 1,
                    &[
                        "causes",
                        "factors",
                        "issues",
                        "problems",
                        "contributors",
                        "things",
                        "root",
                    ],
                ))
    });
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        if t.is("root") && v.is(i + 1, "cause") {
            if v.any(i + 2, &["analysis", "analyses", "investigation", "fix"]) || several {
                continue;
            }
            // Skip the words before it: "the primary root cause", "the same fundamental …".
            let mut k = i;
            while k > 0
                && v.any(
                    k - 1,
                    &[
                        "the",
                        "primary",
                        "fundamental",
                        "main",
                        "underlying",
                        "real",
                        "actual",
                        "ultimate",
                        "true",
                        "suspected",
                        "shared",
                    ],
                )
            {
                k -= 1;
            }
            let before = k.checked_sub(1).and_then(|b| v.word(b));
            let next_punct = v
                .tokens()
                .get(i + 2)
                .is_some_and(|t| t.punct && [":", "—", "–", "("].contains(&t.lower.as_str()));
            let same = v.is(i.saturating_sub(1), "same") || v.is(i.saturating_sub(2), "same");
            // "another/a different/one possible root cause", "the same root cause as …"
            // name none; "shared the same root cause: X" does.
            let indefinite = before
                .is_some_and(|b| b.any(&["another", "different", "a", "possible", "one"]))
                || v.any(i.saturating_sub(1), &["different", "another", "possible"]);
            if same && next_punct {
                // named after the colon or dash: flagged below.
            } else if indefinite || same {
                continue;
            }
            // "the root cause was found later", "once the root cause was identified": looked
            // for or found, not named ("was identified to be a change" names it).
            if v.any(i + 2, &["was", "is"])
                && v.any(
                    i + 3,
                    &[
                        "found",
                        "identified",
                        "discovered",
                        "determined",
                        "understood",
                        "fixed",
                        "not",
                        "unknown",
                        "still",
                    ],
                )
                && !(v.is(i + 4, "to") && v.is(i + 5, "be"))
                && !v.is(i + 4, "as")
            {
                continue;
            }
            let named_after = v.any(i + 2, &["was", "is", "being", "of"])
                && (v.any(i + 2, &["was", "is", "being"])
                    || (i + 3..(i + 10).min(n)).any(|j| v.any(j, &["was", "is"])))
                || colon_within(v, i + 2, 3)
                || next_punct;
            let named_before = before.is_some_and(|b| b.any(COPULA)) || k >= 2 && v.is(k - 2, "as");
            if named_after || named_before {
                let first = if k < i && v.is(k, "the") { k } else { i };
                let with = if v.is(first, "the") {
                    "one contributor"
                } else {
                    "contributor"
                };
                push(v, out, first, i + 1, with);
            }
        } else if t.is("probable")
            && v.is(i + 1, "cause")
            && !v
                .tokens()
                .get(i + 2)
                .is_some_and(|t| t.punct && t.lower == "(")
            && !v.tokens().iter().any(|t| t.is("follows"))
        {
            push(v, out, i, i + 1, "one contributor");
        } else if t.any(&[
            "primary",
            "main",
            "sole",
            "single",
            "underlying",
            "real",
            "actual",
            "ultimate",
        ]) && v.is(i + 1, "cause")
            && v.any(i + 2, &["of", "was", "is"])
            && !several
        {
            let first = if i > 0 && v.is(i - 1, "the") {
                i - 1
            } else {
                i
            };
            push(v, out, first, i + 1, "one contributor");
        } else if t.is("the")
            && v.is(i + 1, "cause")
            && v.is(i + 2, "of")
            && v.any(i + 3, &["the", "this", "that"])
            && v.any(i + 4, WHOLE)
            && (v.any(i + 5, &["was", "is"]) || (i > 0 && v.any(i - 1, &["be", "was", "is", "as"])))
            && !several
            // "what we believe to be the cause": not named.
            && !(i.saturating_sub(6)..i).any(|k| v.is(k, "what"))
        {
            push(v, out, i, i + 1, "one contributor");
        } else if t.is("caused")
            && v.is(i + 1, "by")
            && i >= 2
            && v.any(i - 1, &["was", "is", "were"])
            && !several
        {
            // "The incident was caused by …", "This was caused by …": the whole, not a part.
            // The subject is the whole incident: right before, or the sentence's own subject
            // when "and was caused by" continues it ("The issue had started … and was caused").
            let whole = v.any(i - 2, WHOLE)
                || (v.any(i - 2, &["this", "it"])
                    && (i == 2
                        || v.tokens()[i - 3].punct
                        || v.any(i - 3, &["that", "and", "confirmed"])))
                || (v.is(i - 2, "and") && (v.any(1, WHOLE) || v.any(2, WHOLE)));
            // "caused by a DNS change and a missing alert": several causes.
            let and_another = (i + 3..n)
                .any(|j| v.is(j, "and") && v.any(j + 1, &["a", "an", "the", "two", "several"]));
            if whole && !and_another {
                push(v, out, i, i + 1, "made possible by");
            }
        }
    }
}
