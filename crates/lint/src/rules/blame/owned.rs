//! A slip owned or found: verdicts keyed on one word and dispatched by one `match` (tried on
//! every word). "Sorry for the dumb mistake", "we were too eager to ship", "found fault with
//! the Trust", "we failed our users", "admitted the mistake", "disregard for the regulations".

use super::found;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// `Sorry for the silly mistake`, `apologies to all for the error`, `I apologise for my
/// screwup`: the writer's apology owns the slip, as "my bad" does. Not "sorry if there are
/// mistakes in my English" (a supposition), nor an apology for an inconvenience.
#[inline]
fn sorry_for_mistake(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(&[
        "sorry",
        "apologies",
        "apologise",
        "apologize",
        "apologised",
        "apologized",
    ]) {
        return false;
    }
    let n = v.tokens().len();
    // "for", a few words on ("apologies to all for the error").
    let Some(f) = (i + 1..(i + 4).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| v.is(*k, "for"))
    else {
        return false;
    };
    // "sorry for breaking the build": the writer's own breaking, apologised for, owned as
    // a slip; not "sorry for breaking changes" (an API's changes).
    if v.is(f + 1, "breaking")
        && v.word(f + 2)
            .is_some_and(|w| !w.any(&["change", "changes", "news"]))
    {
        out.push(found(v, i, f + 1, ""));
        return true;
    }
    let Some(m) = (f + 1..(f + 4).min(n))
        .take_while(|k| v.word(*k).is_some() && !v.any(*k, &["any", "this", "these"]))
        .find(|k| {
            // "apologised for the improper handling of its source code": a person's work
            // called poor, apologised for, as a mistake.
            v.any(*k, &["handling", "management", "conduct"])
                && v.any(
                    k - 1,
                    &[
                        "improper",
                        "poor",
                        "inadequate",
                        "inappropriate",
                        "bad",
                        "careless",
                    ],
                )
                || v.any(
                    *k,
                    &[
                        "mishandling",
                        "mismanagement",
                        "mistake",
                        "mistakes",
                        "error",
                        "errors",
                        "blunder",
                        "screwup",
                        "screw-up",
                        "typo",
                        "oversight",
                        "goof",
                        "slip",
                    ],
                )
        })
    else {
        return false;
    };
    // "the error some users saw": a system's error, shown to people; but "the mistakes that
    // led to the outage" is the slip itself, as the subject of its result.
    let leading = v.any(m + 1, &["that", "which"])
        && v.any(
            m + 2,
            &["led", "lead", "caused", "broke", "resulted", "triggered"],
        );
    if !leading
        && v.word(m + 1).is_some_and(|w| {
            w.any(&[
                "some",
                "users",
                "customers",
                "message",
                "messages",
                "you",
                "that",
                "which",
            ])
        })
    {
        return false;
    }
    out.push(found(v, i, m, ""));
    true
}

/// `I was too quick to merge this`, `we were too eager to ship`: a person's haste named as
/// the fault. Not a thing's speed ("the cache was too quick to expire").
#[inline]
fn too_quick(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("too")
        && v.any(
            i + 1,
            &["quick", "hasty", "eager", "rash", "keen", "impatient"],
        )
        && v.is(i + 2, "to")
        && i > 0
        && v.any(i - 1, &["was", "were", "am", "'m", "i'm", "are", "been"])
        && matches!(subject(v.tokens(), i - 1).0, Who::Person | Who::Name)
    {
        out.push(found(v, i, i + 1, ""));
        true
    } else {
        false
    }
}

/// `The Ombudsmen found fault with a Council`, `we found fault by the Trust`, `there were
/// some faults by the care home`: the verdict of an investigation on an organisation or a
/// person. Not "found no fault", "did not find fault".
#[inline]
fn found_fault(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !(t.any(&["fault", "faults"]) && v.any(i + 1, &["with", "by"])) {
        return false;
    }
    let finding = i > 0
        && (v.any(i - 1, &["found", "find", "finds"])
            || v.is(i - 1, "some") && i > 1 && v.any(i - 2, &["were", "was", "are"]));
    let denied = (i.saturating_sub(4)..i).any(|k| {
        v.word(k)
            .is_some_and(|w| w.any(&["no", "not", "never"]) || w.lower.ends_with("n't"))
    });
    if !finding || denied {
        return false;
    }
    let n = v.tokens().len();
    let who = (i + 2..(i + 6).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| {
            v.word(*k).is_some_and(|w| {
                matches!(classify_word(w, false), Who::Person | Who::Name)
                    || w.any(&["home", "practice", "surgery", "trust", "board", "council"])
            })
        });
    if let Some(k) = who {
        out.push(found(v, i - 1, k, ""));
        return true;
    }
    false
}

/// `we failed you`, `The company failed on every level`, `the people behind it failed in some
/// capacity`, `He failed technically`: a person or team said to have failed, outright (not
/// "failed to …", an omission, nor "failed over", a system's act).
#[inline]
fn person_failed(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.is("failed") {
        return false;
    }
    let verdict = v.any(
        i + 1,
        &[
            "you",
            "us",
            "them",
            "him",
            "her",
            "our",
            "their",
            "customers",
            "users",
        ],
    ) || v.any(i + 1, &["on", "in", "at"])
        && v.any(
            i + 2,
            &["every", "some", "many", "all", "several", "multiple"],
        )
        || v.any(
            i + 1,
            &[
                "technically",
                "miserably",
                "badly",
                "completely",
                "spectacularly",
                "utterly",
            ],
        );
    if !verdict {
        return false;
    }
    let (who, head) = subject(v.tokens(), i);
    let negated = (i.saturating_sub(3)..i).any(|k| {
        v.word(k)
            .is_some_and(|w| w.any(&["not", "never", "if"]) || w.lower.ends_with("n't"))
    });
    if matches!(who, Who::Person | Who::Name)
        && head.is_some_and(|h| !v.any(h, &["it", "this", "that"]))
        && !negated
    {
        out.push(found(v, i, i + 1, ""));
        return true;
    }
    false
}

/// `Google Cloud has acknowledged the mistake`, `I was going to own that mistake`, `The team
/// acknowledged their oversight`: a person or organisation owning up to a slip. Not denied
/// ("never admitted any error") and not a thing's error ("acknowledged the error in the
/// billing system").
#[inline]
fn owned_up(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(&[
        "acknowledged",
        "acknowledge",
        "acknowledges",
        "admitted",
        "admit",
        "admits",
        "own",
        "owned",
        "owns",
    ]) {
        return false;
    }
    let mut k = i + 1;
    if v.is(k, "up") && v.is(k + 1, "to") {
        k += 2;
    }
    if v.any(
        k,
        &[
            "the", "their", "that", "his", "her", "our", "my", "its", "this", "a", "an",
        ],
    ) {
        k += 1;
    }
    // One modifier between: "acknowledged the technical error".
    if !v.any(k, SLIPS) && v.any(k + 1, SLIPS) {
        k += 1;
    }
    if !v.any(k, SLIPS) || v.any(k + 1, &["message", "messages", "rate", "rates"])
        // "the error in the billing system" is a thing's; "their oversight in not
        // conducting load tests" a person's doing.
        || v.any(k + 1, &["in", "on", "with", "of"])
            && !v.word(k + 2).is_some_and(|w| {
                w.is("not") || w.lower.ends_with("ing") && w.lower.len() > 4
            })
    {
        return false;
    }
    let (who, _) = subject(v.tokens(), i);
    // "I was going to own that mistake": the subject past "going to".
    let (who, _) = if who == Who::Thing && i >= 2 && v.is(i - 1, "to") {
        subject(v.tokens(), i - 1)
    } else {
        (who, None)
    };
    let going = i >= 3
        && v.is(i - 1, "to")
        && v.is(i - 2, "going")
        && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name);
    let negated = (i.saturating_sub(3)..i).any(|c| {
        v.word(c)
            .is_some_and(|w| w.any(&["not", "never", "if"]) || w.lower.ends_with("n't"))
    });
    if (matches!(who, Who::Person | Who::Name) || going) && !negated {
        out.push(found(v, i, k, ""));
        return true;
    }
    false
}

/// The verdicts keyed on one word, dispatched by a `match` (tried on every word):
/// [`found_fault`], [`sorry_for_mistake`], [`too_quick`], [`person_failed`], [`owned_up`].
#[inline]
pub(super) fn owned_verdict(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.punct {
        return false;
    }
    match t.lower.as_str() {
        "fault" | "faults" => found_fault(v, i, t, out),
        "sorry" | "apologies" | "apologise" | "apologize" | "apologised" | "apologized" => {
            sorry_for_mistake(v, i, t, out)
        }
        "too" => too_quick(v, i, t, out),
        "disregard" | "indifference" | "contempt" => disregard_for_rules(v, i, out),
        "failed" => person_failed(v, i, t, out),
        "acknowledged" | "acknowledge" | "acknowledges" | "admitted" | "admit" | "admits"
        | "own" | "owned" | "owns" => owned_up(v, i, t, out),
        "responsibility" => responsibility_for_a_fault(v, i, out),
        _ => false,
    }
}

/// Fault words that make what a person takes responsibility for a slip of theirs.
const FAULTY: &[&str] = &[
    "incorrectly",
    "wrongly",
    "mistakenly",
    "erroneously",
    "improperly",
    "improper",
    "incorrect",
    "wrong",
    "mistake",
    "mistakes",
    "error",
    "errors",
    "blunder",
    "oversight",
    "mishandling",
    "mismanagement",
    "misconfiguration",
    "lapse",
];

/// `I take responsibility for the incorrectly copied files`, `the company accepted
/// responsibility for the mishandling of data`: a person owning a slip, as "my fault". Not
/// responsibility taken for an outcome with no fault word ("I take full responsibility for
/// the outage": owning the follow-up, not naming a failing), nor refused or denied.
fn responsibility_for_a_fault(v: &View, i: usize, out: &mut Vec<Found>) -> bool {
    let mut k = i;
    while k > 0
        && v.any(
            k - 1,
            &["the", "full", "complete", "sole", "personal", "all"],
        )
    {
        k -= 1;
    }
    let Some(verb) = k.checked_sub(1) else {
        return false;
    };
    if !v.any(
        verb,
        &[
            "take",
            "takes",
            "took",
            "taken",
            "taking",
            "accept",
            "accepts",
            "accepted",
            "accepting",
            "bear",
            "bears",
            "assume",
            "assumes",
            "assumed",
            "claim",
            "claimed",
        ],
    ) || !v.is(i + 1, "for")
    {
        return false;
    }
    // "took responsibility for fixing the incorrect records": the remedy taken on, not
    // the slip owned.
    if v.word(i + 2)
        .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
    {
        return false;
    }
    let n = v.tokens().len();
    let Some(last) = (i + 2..(i + 7).min(n))
        .take_while(|m| v.word(*m).is_some())
        .find(|m| v.any(*m, FAULTY))
    else {
        return false;
    };
    let refused = (verb.saturating_sub(3)..verb).any(|c| {
        v.word(c).is_some_and(|w| {
            w.any(&[
                "not", "never", "refused", "refuses", "failed", "fails", "if",
            ]) || w.lower.ends_with("n't")
        })
    });
    let (who, _) = subject(v.tokens(), verb);
    if refused || !matches!(who, Who::Person | Who::Name) || v.sentence_text().ends_with('?') {
        return false;
    }
    out.push(found(v, verb, last, ""));
    true
}

/// `the captain demonstrated disregard for the regulations`, `indifference to elementary
/// rules of safety`: a person's attitude to the rules named as the fault, as "reckless".
/// Not a thing's ("the parser's disregard for whitespace": no rules word), nor advice ("do
/// not disregard the checklist": the verb, not the noun after "for"/"to"/"of").
fn disregard_for_rules(v: &View, i: usize, out: &mut Vec<Found>) -> bool {
    if !v.any(i + 1, &["for", "to", "of"]) {
        return false;
    }
    let n = v.tokens().len();
    let rules = (i + 2..(i + 7).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| {
            v.any(
                *k,
                &[
                    "rules",
                    "regulations",
                    "procedures",
                    "procedure",
                    "safety",
                    "instructions",
                    "protocol",
                    "protocols",
                    "policy",
                    "policies",
                    "checklist",
                    "standards",
                ],
            )
        });
    let Some(last) = rules else { return false };
    out.push(found(v, i, last, ""));
    true
}

/// The slips a person owns up to ("acknowledged the mistake", "admitted their oversight").
const SLIPS: &[&str] = &[
    "mistake",
    "mistakes",
    "error",
    "errors",
    "blunder",
    "blunders",
    "oversight",
];
