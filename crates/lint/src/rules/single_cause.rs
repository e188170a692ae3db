//! Single cause: one "root cause" framed as the story ("the root cause was an expired
//! certificate", "the primary cause of the outage was …"). Incidents in complex systems have
//! several contributors; a root cause hides the rest. "Root cause analysis" as the name of an
//! activity is not flagged.

use super::{Found, View};
use crate::Category;

const SINGLE: &[&str] = &[
    "primary",
    "main",
    "sole",
    "single",
    "underlying",
    "real",
    "actual",
    "ultimate",
    "true",
];

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        if t.is("root") && v.any(i + 1, &["cause", "causes", "caused"]) {
            if v.any(i + 2, &["analysis", "analyses"]) {
                continue;
            }
            let with = if v.is(i.saturating_sub(1), "the") && i > 0 {
                "one contributor"
            } else {
                "contributor"
            };
            let first = if with == "one contributor" { i - 1 } else { i };
            out.push(Found {
                category: Category::SingleCause,
                first,
                last: i + 1,
                suggestion: format!(
                    "{} What else had to be true for it to happen, and what kept it from being worse?",
                    v.rewrite(first, i + 1, with)
                ),
            });
        } else if t.any(SINGLE) && v.is(i + 1, "cause") && v.any(i + 2, &["of", "was", "is", "for"])
        {
            let first = if v.is(i.saturating_sub(1), "the") && i > 0 {
                i - 1
            } else {
                i
            };
            out.push(Found {
                category: Category::SingleCause,
                first,
                last: i + 1,
                suggestion: format!(
                    "{} What else contributed?",
                    v.rewrite(first, i + 1, "one contributor")
                ),
            });
        } else if t.is("the")
            && v.is(i + 1, "cause")
            && v.is(i + 2, "of")
            && v.any(i + 3, &["the", "this"])
            && v.any(
                i + 4,
                &[
                    "incident",
                    "outage",
                    "issue",
                    "problem",
                    "failure",
                    "downtime",
                    "disruption",
                    "event",
                ],
            )
            && v.any(i + 5, &["was", "is"])
        {
            out.push(Found {
                category: Category::SingleCause,
                first: i,
                last: i + 1,
                suggestion: format!(
                    "{} What else contributed?",
                    v.rewrite(i, i + 1, "one contributor")
                ),
            });
        }
    }
}
