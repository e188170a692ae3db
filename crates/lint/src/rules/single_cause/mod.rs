//! Single cause: one cause framed as the story of the incident ("the root cause was an expired
//! certificate", "Root cause: a missing index", "the incident was caused by a configuration
//! change", "Probable cause: …"). Incidents in complex systems have several contributors; one
//! cause hides the rest. Not flagged: "root cause analysis" as an activity, a root cause
//! looked for or found without being named, several causes, and other causal wording
//! ("due to", "triggered by").
//!
//! `check` reads the sentence's cause phrases ("root cause", "the cause", "probable cause",
//! "caused by") in turn; [`active`] holds the active "Y caused the outage" family and
//! [`context`] the small readings of what stands around a phrase (a colon and a named cause,
//! a question, a part of the incident, a second cause).

mod active;
mod context;

use super::{Found, View, suggestion};
use crate::Category;
use active::caused_the_incident;
use context::*;

pub(super) const WHOLE: &[&str] = &[
    "incident",
    // What reports call the incident: "the IT crash was caused by …", "the glitch"; and
    // what forums call it: "the whole debacle", "that fiasco".
    "crash",
    "glitch",
    "breach",
    "meltdown",
    "debacle",
    "fiasco",
    "snafu",
    "fuckup",
    "screwup",
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

/// What a status page calls the incident by its effects: "The delays were caused by …".
pub(super) const SYMPTOMS: &[&str] = &[
    "delays",
    "impact",
    "errors",
    "degradation",
    "disruption",
    "periods",
    "slowness",
    "unavailability",
    "latency",
    "failures",
    "outages",
    "chaos",
];

fn push(v: &View, out: &mut Vec<Found>, first: usize, last: usize, with: &str) {
    out.push(Found {
        category: Category::SingleCause,
        first,
        last,
        suggestion: suggestion(
            &v.rewrite(first, last, with),
            "What else had to be true for it to happen, and what kept it from being worse?",
        ),
    });
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let several = v.tokens().iter().enumerate().any(|(k, t)| {
        // "an unprecedented sequence of events", "a confluence of things", "a collision
        // between bad luck and haste": several causes, as "a combination of".
        t.any(&["combination", "compounding", "confluence"])
            // Not "a chain reaction", "a hash collision": one thing.
            || t.any(&["sequence", "series", "chain", "collision"])
                && v
                    .tokens()
                    .get(k + 1)
                    .is_some_and(|n| n.any(&["of", "between"])) || (t.any(&["several", "multiple", "two", "three"])
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
    // "The cause? An expired domain.": a written question the next sentence answers, the
    // one cause announced; only the bare phrase, capitalised as prose, is such a lead-in.
    if (2..=3).contains(&n)
        && v.is(0, "the")
        && v.is(n - 1, "cause")
        && (n == 2 || v.any(1, &["root", "real"]))
        && v.tokens()[0].capital
        && v.text[v.sentence.range.clone()].trim_end().ends_with('?')
        && !several
        && !unknown_next(v)
    {
        push(v, out, 0, n - 1, "one contributor");
        return;
    }
    // "Cause: the migrations never ran", "The cause: a missing gust lock": a label and the
    // one cause after it, as "Root cause: X" (the label alone is a heading).
    let c = usize::from(v.is(0, "the"));
    if v.is(c, "cause")
        && v.tokens()
            .get(c + 1)
            .is_some_and(|t| t.punct && t.lower == ":")
        && v.word(c + 2)
            .is_some_and(|w| !w.any(NOT_NAMED) && !w.any(&["tbd", "tba", "pending", "unknown"]))
        && !several
    {
        push(v, out, 0, c, "One contributor");
        return;
    }
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        // "confirming the multi-send transactions as the cause", "named a typo as the
        // cause": one thing confirmed or named as the cause, at the clause's end.
        if t.is("as")
            && v.is(i + 1, "the")
            && v.is(i + 2, "cause")
            && v.tokens().get(i + 3).is_none_or(|t| t.punct)
            && (i.saturating_sub(8)..i).any(|k| {
                v.any(
                    k,
                    &[
                        "confirming",
                        "confirmed",
                        "confirms",
                        "identified",
                        "identifying",
                        "named",
                        "naming",
                        "pinpointed",
                        "established",
                    ],
                )
            })
            && !several
        {
            push(v, out, i + 1, i + 2, "one contributor");
            continue;
        }
        if t.any(&["caused", "causing"]) && !several && caused_the_incident(v, i) {
            let with = if t.is("caused") {
                "contributed to"
            } else {
                "contributing to"
            };
            push(v, out, i, i, with);
            continue;
        }
        if t.is("root") && v.is(i + 1, "cause") {
            // "Root cause analysis showed that one consumer created …": the analysis names
            // the cause (RULES: flagged); not the activity alone.
            if v.any(i + 2, &["analysis", "investigation"])
                && v.any(
                    i + 3,
                    &[
                        "showed",
                        "shows",
                        "revealed",
                        "reveals",
                        "found",
                        "determined",
                        "concluded",
                        "indicated",
                        "identified",
                        "confirmed",
                    ],
                )
                && v.is(i + 4, "that")
                && !several
            {
                push(v, out, i, i + 1, "contributor");
                continue;
            }
            if v.any(i + 2, &["analysis", "analyses", "investigation", "fix"]) || several {
                continue;
            }
            // "the root cause(s) of an incident": several, or any, named none.
            if v.tokens()
                .get(i + 2)
                .is_some_and(|t| t.punct && t.lower == "(")
                && v.is(i + 3, "s")
            {
                continue;
            }
            // "they can be the root cause of a problem": any problem, a generic claim, not
            // this incident's cause; nor a conditional "If …, the operator is the root cause".
            if v.is(i + 2, "of") && v.any(i + 3, &["a", "an", "any"]) || v.is(0, "if") {
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
                .is_some_and(|t| t.punct && [":", "—", "–", "(", "-"].contains(&t.lower.as_str()));
            let same = v.is(i.saturating_sub(1), "same") || v.is(i.saturating_sub(2), "same");
            // "another/a different/one possible root cause", "the same root cause as …"
            // name none; "shared the same root cause: X" does.
            let indefinite = before
                .is_some_and(|b| b.any(&["another", "different", "a", "possible", "one"]))
                || v.any(
                    i.saturating_sub(1),
                    &["different", "another", "possible", "potential", "likely"],
                );
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
                        // "work into root cause is carried out", "is ongoing": the search.
                        "carried",
                        "ongoing",
                        "underway",
                        "pending",
                        "being",
                        // "Assuming the root cause is correct: …": a finding judged,
                        // not named.
                        "correct",
                        "right",
                        "accurate",
                        "wrong",
                        "incorrect",
                    ],
                )
                && !(v.is(i + 4, "to") && v.is(i + 5, "be"))
                && !v.is(i + 4, "as")
            {
                continue;
            }
            // "the root cause of the issue was / appears to be X": the copula in the same
            // clause, not "is aware of the root cause of this issue and is working".
            // "The root cause for this incident is a bug": "for" as "of".
            let copula_after_of = v.any(i + 2, &["of", "for"])
                && (i + 3..(i + 10).min(n))
                    .take_while(|j| {
                        !v.tokens()[*j].punct && !v.any(*j, &["and", "but", "which", "that", "so"])
                    })
                    .any(|j| {
                        // "The root cause of the issue was not identified": not named.
                        // "the root cause of the change was in release 1.4": where it
                        // landed, not what it was.
                        v.any(j, &["was", "is"])
                            && !v.any(j + 1, NOT_NAMED)
                            && !(v.is(j + 1, "in")
                                && v.any(
                                    j + 2,
                                    &["release", "version", "commit", "build", "pr", "tag"],
                                ))
                            || v.any(j, &["appears", "appeared", "seems", "seemed"])
                                && v.phrase(j + 1, &["to", "be"])
                    });
            // "We identified the root cause as a spike in publishing".
            let identified_as = v.is(i + 2, "as")
                && k > 0
                && v.any(
                    k - 1,
                    &[
                        "identified",
                        "determined",
                        "confirmed",
                        "pinpointed",
                        "established",
                    ],
                );
            // "Root cause of outage identified as a new package version": named.
            let identified_as_after = (i + 2..(i + 8).min(n))
                .take_while(|j| !v.tokens()[*j].punct)
                .any(|j| {
                    v.any(j, &["identified", "determined", "confirmed", "pinpointed"])
                        && v.is(j + 1, "as")
                });
            // "everyone knows what the root cause was.": asked, the copula ends the clause.
            let copula_ends = v.any(i + 2, &["was", "is"])
                && v.tokens()
                    .get(i + 3)
                    .is_none_or(|t| t.punct && t.lower != ":");
            let named_after = v.any(i + 2, &["was", "is", "being"])
                && !(asked_before(v, k) && copula_ends)
                || identified_as_after
                || copula_after_of
                || identified_as
                || colon_within(v, i + 2, 3)
                || of_whole_colon(v, i + 2)
                || next_punct;
            // "what was the root cause and what was done?": asked, not named.
            let asked = asked_before(v, k);
            let named_before =
                !asked && before.is_some_and(|b| b.any(COPULA)) || k >= 2 && v.is(k - 2, "as");
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
            // "Probable cause" as a heading alone names nothing; "the probable cause
            // determination", "in announcing the probable cause of a crash" name none.
            && (v.word(i + 2).is_some_and(|w| {
                !w.any(&[
                    "determination",
                    "determinations",
                    "finding",
                    "findings",
                    "report",
                    "statement",
                ])
            }) || v.tokens().get(i + 2).is_some_and(|t| t.punct && t.lower == ":"))
            && !(v.is(i + 2, "of") && v.any(i + 3, &["a", "an"]))
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
            // "The proximate cause was one server", "the immediate cause was a typo".
            "proximate",
            "immediate",
            "direct",
        ]) && v.is(i + 1, "cause")
            // "when the real cause was eventually accepted": found, not named.
            && !(v.any(i + 2, &["was", "is"]) && not_named_after(v, i + 3))
            && (v.any(i + 2, &["was", "is"])
                // "the underlying cause of the outage was X"; not "we are fixing the
                // underlying cause of connection exhaustion" (looked for, not named).
                || v.is(i + 2, "of")
                    && (i + 3..(i + 10).min(n))
                        .take_while(|j| !v.tokens()[*j].punct && !v.any(*j, &["and", "so", "but"]))
                        .any(|j| v.any(j, &["was", "is"]))
                || i >= 2 && v.is(i - 1, "the") && v.any(i - 2, &["was", "is"]))
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
            // "This check ended up being the cause of the incident", "became the cause".
            && (v.any(i + 5, &["was", "is"])
                || (i > 0
                    && v.any(
                        i - 1,
                        &["be", "was", "is", "as", "being", "became", "become", "becomes"],
                    )))
            // "The cause of the outage is still undetermined": not named.
            && !(v.any(i + 5, &["was", "is"]) && v.any(i + 6, NOT_NAMED))
            && !several
            // "what we believe to be the cause": not named.
            && !(i.saturating_sub(6)..i).any(|k| v.is(k, "what"))
        {
            push(v, out, i, i + 1, "one contributor");
        } else if t.is("the")
            && v.is(i + 1, "cause")
            && (i == 0
                || v.tokens()[i - 1].punct
                || v.any(i - 1, &["found", "that"])
                || v.any(i + 2, &["was", "is"])
                    && v.tokens()
                        .get(i + 4)
                        .is_some_and(|t| t.punct && t.lower == ":"))
            && let Some(c) = cause_copula(v, i + 2)
            && !several
        {
            // "The cause was traced to SNAT port exhaustion", "The cause of this was a
            // rollout", "Our investigation found the cause was a configuration change".
            push(v, out, i, c - 1, "one contributor");
        } else if t.is("the")
            && v.is(i + 1, "cause")
            && v.tokens()
                .get(i + 2)
                .is_some_and(|c| c.punct && c.lower == ":")
            && i >= 1
            && v.any(
                i - 1,
                &[
                    "know",
                    "knew",
                    "found",
                    "identified",
                    "determined",
                    "confirmed",
                    "is",
                    "was",
                ],
            )
            && !several
        {
            // "we now know the cause: a typo", "Here is the cause: an expired domain": one
            // cause, named after the colon.
            push(v, out, i, i + 1, "one contributor");
        } else if t.is("caused")
            && v.is(i + 1, "by")
            && i >= 1
            && v.any(
                i - 1,
                &[
                    "outage",
                    "incident",
                    "glitch",
                    "crash",
                    "breach",
                    "leak",
                    "accident",
                    "downtime",
                    "meltdown",
                    "blackout",
                    "disruption",
                ],
            )
            && !several
            && !another_by(v, i)
            && !and_another(v, i)
            && !any_or_governed(v, i - 1)
        {
            // "AWS S3 Outage Caused by a Typo", "a data leak caused by exposed keys": the
            // incident named with its one cause in a participle, as a headline does. Not
            // "issues caused by the cookie": a part, plural.
            push(v, out, i, i + 1, "made possible by");
        } else if t.is("caused")
            && v.is(i + 1, "by")
            && i >= 4
            && v.any(i - 1, &["issue", "problem"])
            && v.any(i - 2, &["an", "the"])
            && v.any(i - 3, &["is", "was"])
            && v.any(i - 4, &["this", "it"])
            && (i == 4 || v.tokens()[i - 5].punct)
            && !several
            && !another_by(v, i)
            && !and_another(v, i)
        {
            // "This is an issue caused by our token rotation": the incident, named as the
            // issue, and its one cause.
            push(v, out, i, i + 1, "made possible by");
        } else if t.is("caused")
            && v.is(i + 1, "by")
            && i >= 2
            && v.tokens()[i - 1].punct
            && v.tokens()[i - 1].lower == ","
            && !several
            && (0..i).any(|k| {
                v.any(k, WHOLE)
                    || v.any(k, SYMPTOMS)
                    || v.is(k, "degraded") && v.is(k + 1, "performance")
            })
            && !(i + 3..n)
                .any(|j| v.is(j, "and") && v.any(j + 1, &["a", "an", "the", "two", "several"]))
            && !another_by(v, i)
        {
            // "degraded performance was observed in Actions, caused by a configuration
            // change": the incident's statement, then its one cause in a participle.
            push(v, out, i, i + 1, "made possible by");
        } else if t.is("the")
            && v.is(i + 1, "cause")
            && i >= 1
            && (v.any(i - 1, &["was", "is"])
                || i >= 2
                    && v.any(i - 1, &["indeed", "also", "clearly"])
                    && v.any(i - 2, &["was", "is"]))
            && (v
                .tokens()
                .get(i + 2)
                .is_none_or(|t| t.punct && t.lower != "?")
                || v.is(i + 2, "of")
                    && v.any(i + 3, &["the", "this", "these"])
                    && (v.any(i + 4, WHOLE) || v.any(i + 4, SYMPTOMS) || v.is(i + 4, "drop")))
            && !v
                .tokens()
                .iter()
                .any(|t| t.any(&["what", "whether", "if", "?"]) || t.lower == "?")
            && !several
        {
            // "we know that this node was indeed the cause", "the version mismatch is the
            // cause of the drop in traffic": one thing named the cause.
            push(v, out, i, i + 1, "one contributor");
        } else if t.is("caused")
            && v.is(i + 1, "by")
            && i >= 2
            && (v.any(i - 1, &["was", "is", "were"])
                // "the incident had been caused by an engineer".
                || v.is(i - 1, "been") && v.any(i - 2, &["had", "has", "have"])
                // "The issue has been confirmed to be caused by a release".
                || i >= 3
                    && v.is(i - 1, "be")
                    && v.is(i - 2, "to")
                    && v.any(
                        i - 3,
                        &["confirmed", "found", "determined", "believed", "suspected", "known"],
                    ))
            && !several
            && !another_by(v, i)
            // "this was caused by two simultaneous transmissions": several.
            && !v.any(i + 2, &["two", "three", "several", "multiple", "many"])
        {
            // "had been caused by": the subject is read before "been"; the words flagged are
            // "been caused by".
            let last = i + 1;
            let i = if v.is(i - 1, "been") && i >= 3 {
                i - 1
            } else {
                i
            };
            // "The incident was caused by …", "This was caused by …": the whole, not a part.
            // The subject is the whole incident: right before, or the sentence's own subject
            // when "and was caused by" continues it ("The issue had started … and was caused").
            // "The delays were caused by …", "the degradation in migrations in the EU was
            // caused by …": on a status page the symptoms are the incident.
            let clause_first = (0..i)
                .rev()
                .find(|k| v.tokens()[*k].punct || v.any(*k, &["that", "which", "and"]))
                .map_or(0, |k| k + 1);
            let subject_head = (clause_first..i)
                .take_while(|k| !v.any(*k, &["in", "of", "for", "on", "with", "to"]))
                .find(|k| v.any(*k, WHOLE) || v.any(*k, SYMPTOMS));
            // "had an incident that was caused by …": the relative stands for the incident.
            let relative = i >= 3 && v.any(i - 2, &["that", "which"]) && v.any(i - 3, WHOLE);
            let whole = v.any(i - 2, WHOLE) && !part_of(v, i - 2)
                || relative
                || subject_head.is_some()
                || (v.any(i - 2, &["this", "it", "these", "those"])
                    && (i == 2
                        || v.tokens()[i - 3].punct
                        || v.any(i - 3, &["that", "and", "confirmed"])))
                || (v.is(i - 2, "and") && (v.any(1, WHOLE) || v.any(2, WHOLE)))
                // "BA's outage, like most outages, was caused by …": after an aside, the
                // sentence's own subject.
                || v.tokens()[i - 2].punct
                    && v.tokens()[i - 2].lower == ","
                    && (0..4.min(i))
                        .take_while(|k| !v.tokens()[*k].punct)
                        .any(|k| v.any(k, WHOLE));
            // "caused by a DNS change and a missing alert": several causes.
            // "caused by timeouts … and gaps in the jobs' resilience": a noun and its
            // preposition after "and" start a second cause.
            let and_another = (i + 3..n).any(|j| {
                v.is(j, "and")
                    && (v.any(j + 1, &["a", "an", "the", "two", "several"])
                        || v.word(j + 1).is_some_and(|w| {
                            w.lower.ends_with('s') && !w.any(&["was", "is", "has", "its"])
                        }) && v.any(j + 2, &["in", "of", "to", "on", "with", "for"]))
            });
            if whole && !and_another {
                let with = if last > i + 1 {
                    "been made possible by"
                } else {
                    "made possible by"
                };
                push(v, out, i, last, with);
            }
        }
    }
}
