//! A check or a noticing that did not happen, the person left out: "wasn't identified in
//! advance", "was never tested", "went unnoticed", "The change was merged without anyone
//! reviewing it". Not a system's check ("not caught in presubmit").

use super::{PERCEIVE, by_a_system, hypothetical};
use crate::lexicon::{SYSTEM_NOUNS, TECH_NAMES};
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::counterfactual::push;
use crate::rules::{Found, View};

/// `wasn't identified in advance`, `was never tested`, `went unnoticed`: a check or a
/// noticing that did not happen, the person left out.
pub(in crate::rules::counterfactual) fn not_perceived_passive(
    v: &View,
    at: usize,
    out: &mut Vec<Found>,
) {
    let mut j = at + 1;
    while v.any(
        j,
        &[
            "not",
            "never",
            "ever",
            "really",
            "properly",
            "actually",
            "been",
            // "was not well tested", "was not initially picked up", "were not thoroughly
            // reviewed": how well or how soon, the check still not done.
            "well",
            "initially",
            "fully",
            "thoroughly",
            "sufficiently",
            "adequately",
        ],
    ) && j < at + 5
    {
        j += 1;
    }
    let Some(verb) = v.word(j) else { return };
    // "writing what hasn't been tested is as important": what is untested, named as a set.
    if at > 0 && v.any(at - 1, &["what", "whatever"]) {
        return;
    }
    // "Supervisors were not identifying low workload", "the crew was not monitoring the
    // airspeed": the past progressive of a check, its subject a person.
    if let Some(stem) = verb.lower.strip_suffix("ing")
        && (PERCEIVE.contains(&stem) || PERCEIVE.contains(&format!("{stem}e").as_str()))
        && v.any(at, &["was", "were", "wasn't", "weren't"])
        && matches!(subject(v.tokens(), at).0, Who::Person | Who::Name)
    {
        push(v, out, at, j, "", Who::Nobody, "");
        return;
    }
    // "Her observations were not taken", "re-assessments not being carried out": a check
    // named as a noun, not done; the people who should have done it left out.
    if verb.any(&[
        "taken",
        "carried",
        "performed",
        "done",
        "undertaken",
        "completed",
        "conducted",
    ]) && !by_a_system(v, if v.is(j + 1, "out") { j + 1 } else { j })
        && subject(v.tokens(), at)
            .1
            .is_some_and(|h| v.any(h, CHECKS_DONE))
    {
        let last = if v.is(j + 1, "out") { j + 1 } else { j };
        push(v, out, at, last, "", Who::Nobody, "");
        return;
    }
    // "The handover notes were never read by the incoming shift": "read" is a participle
    // too, when a person is the agent.
    let read_by_people = verb.is("read")
        && v.is(j + 1, "by")
        && (j + 2..(j + 5).min(v.tokens().len())).any(|k| {
            v.word(k)
                .is_some_and(|w| classify_word(w, false) == Who::Person || w.any(&["shift"]))
        });
    // "this change is not seen because we filter it", "Matomo is not monitored", "are not
    // caught until the site rebuilds": the present passive tells how a system works now,
    // not a check someone skipped.
    if v.any(at, &["is", "are", "isn't", "aren't"]) {
        return;
    }
    // "It was never load-tested", "not smoke-tested": a check verb after a hyphen.
    let compound_check = verb.lower.rsplit_once('-').is_some_and(|(_, last)| {
        ["tested", "checked", "reviewed", "verified", "inspected"].contains(&last)
    });
    if compound_check && !by_a_system(v, j) {
        push(v, out, at, j, "", Who::Nobody, "");
        return;
    }
    // "This was not picked up", "the alerts were not picked up by any clinician": noticing
    // in other words; not a system's "the config was not picked up by the pods".
    // "… not picked up or actioned by any clinician": the people named after "by".
    let by_person = (j + 2..(j + 5).min(v.tokens().len()))
        .find(|k| v.is(*k, "by"))
        .is_some_and(|b| {
            (b + 1..(b + 4).min(v.tokens().len())).any(|k| {
                v.word(k)
                    .is_some_and(|w| classify_word(w, false) == Who::Person)
            })
        });
    let until = (j + 1..(j + 5).min(v.tokens().len())).any(|k| v.is(k, "until"));
    let picked_up = verb.is("picked")
        && v.is(j + 1, "up")
        && !by_a_system(v, j + 1)
        && (by_person || !until && !names_a_thing(v, subject(v.tokens(), at).1));
    if picked_up {
        push(v, out, at, j + 1, "", Who::Nobody, "");
        return;
    }
    // Not "The wreckage was not examined": what investigators looked at afterwards.
    if !(verb.any(PERCEIVE) || verb.any(&["overlooked", "caught"]))
        // "The error was not observed in staging": it did not happen, not a check skipped.
        || verb.any(&[
            "see", "check", "test", "read", "look", "examined", "observed", "discovered",
            "observe", "discover",
        ]) && !read_by_people
    {
        return;
    }
    // "not caught in presubmit", "not detected by CI": a system's check, not a person's.
    if by_a_system(v, j) || after_a_breakdown(v, at) {
        return;
    }
    // "The root cause of the issue was not identified": the investigation's state, not a
    // check someone skipped.
    let (_, head) = crate::rules::clause::subject(v.tokens(), at);
    if head.is_some_and(|h| v.any(h, &["cause", "causes"])) {
        return;
    }
    // "The root cause was not identified until November 12th": when it happened, on a
    // timeline, not a check someone skipped.
    if (j + 1..(j + 4).min(v.tokens().len())).any(|k| v.is(k, "until")) {
        return;
    }
    push(v, out, at, j, "", Who::Nobody, "");
}

/// Checks named as nouns, done by people: "observations were not taken", "the inspection
/// was not carried out".
#[rustfmt::skip]
const CHECKS_DONE: &[&str] = &[
    "observations", "assessment", "assessments", "reassessment", "reassessments",
    "re-assessments", "re-assessment", "inspection", "inspections", "examination",
    "examinations", "walkaround", "walk-around", "cross-check", "double-check", "review",
    "reviews", "audit", "audits", "briefing",
];

/// Checks and noticing that did not happen, as an adjective: "went unnoticed".
#[rustfmt::skip]
pub(in crate::rules::counterfactual) const UNNOTICED: &[&str] = &[
    "unnoticed", "undetected", "unseen", "unchecked", "untested", "unreviewed", "unverified",
    "unspotted", "unread", "unacknowledged", "unexamined", "uninspected", "unheeded",
];

/// `went undetected by humans for seven hours`, `remained unnoticed`: the noticing that did
/// not happen, the people left out; not "went undetected by the health check" (a system's).
pub(in crate::rules::counterfactual) fn went_unnoticed(v: &View, i: usize, out: &mut Vec<Found>) {
    let Some(k) = i.checked_sub(1) else { return };
    // Past and perfect only: "errors go unnoticed" in the present is how things are, not
    // what happened.
    if !v.any(
        k,
        &["went", "gone", "remained", "stayed", "was", "were", "been"],
    ) {
        return;
    }
    if by_a_system(v, i) {
        return;
    }
    // "the process, which allowed the issue to go unnoticed": the result of something that
    // let it happen; it is a judgement of people only when people let it.
    let causer = (k.saturating_sub(6)..k).rev().find(|c| {
        v.any(
            *c,
            &[
                "allowed", "allow", "allows", "allowing", "let", "lets", "letting", "caused",
                "made",
            ],
        )
    });
    if let Some(c) = causer
        && !subject(v.tokens(), c).0.is_person()
    {
        return;
    }
    if explained_by_missing_monitoring(v, i) {
        return;
    }
    push(v, out, k, i, "was not noticed", Who::Nobody, "");
}

/// "went unnoticed, which shows that the service is not monitored", "… because there was no
/// alerting on it": the sentence puts the missed noticing down to monitoring that was not
/// there, a system's gap, not people's lapse.
fn explained_by_missing_monitoring(v: &View, i: usize) -> bool {
    let n = v.tokens().len();
    let Some(marker) = (i + 1..n).find(|k| {
        v.any(
            *k,
            &[
                "which", "because", "since", "as", "due", "showing", "meaning",
            ],
        )
    }) else {
        return false;
    };
    let span = marker + 1..(marker + 10).min(n);
    let monitoring = span.clone().any(|k| {
        v.any(
            k,
            &[
                "monitored",
                "monitoring",
                "monitor",
                "alert",
                "alerts",
                "alerting",
                "alarm",
                "alarms",
                "alerted",
            ],
        )
    });
    let missing = span.into_iter().any(|k| {
        v.any(
            k,
            &[
                "no", "not", "lack", "missing", "without", "isn't", "wasn't", "weren't", "aren't",
                "absent",
            ],
        )
    });
    monitoring && missing
}

/// Checks as gerunds after "without": "approved the PR without reading it".
#[rustfmt::skip]
const CHECKING: &[&str] = &[
    "reading", "reviewing", "checking", "testing", "verifying", "looking", "confirming",
    "inspecting", "double-checking", "validating", "noticing", "examining", "cross-checking",
    // "executed the script without realising it was the production database".
    "realizing", "realising", "recognising", "recognizing", "spotting", "assessing",
];

/// Checks as participles after "without being".
#[rustfmt::skip]
const CHECKED: &[&str] = &[
    "tested", "reviewed", "checked", "verified", "inspected", "read", "examined", "validated",
    "double-checked", "looked", "noticed", "spotted", "assessed",
];

/// The subject's head names a system or a thing ("the config", "the new setting").
fn names_a_thing(v: &View, head: Option<usize>) -> bool {
    head.and_then(|h| v.word(h)).is_some_and(|w| {
        let word = w.lower.as_str();
        let thing = |x: &str| SYSTEM_NOUNS.contains(&x) || TECH_NAMES.contains(&x);
        thing(word) || word.strip_suffix('s').is_some_and(thing)
    })
}

/// Checks and noticing as nouns after "without a" / "without any".
#[rustfmt::skip]
const CHECKING_NOUNS: &[&str] = &[
    "realization", "realisation", "review", "check", "verification", "inspection",
];

/// `The reviewer approved the PR without reading it`, `The change was merged without anyone
/// reviewing it`: a check left out of what a person did (or what was done to a thing, the
/// person left out), told in the past. Not "the job ran without checking the lock" (a
/// system's), "we will never deploy without testing" (a rule for later), "if you deploy
/// without testing" (supposed).
pub(in crate::rules::counterfactual) fn without_checking(v: &View, w: usize, out: &mut Vec<Found>) {
    let mut g = w + 1;
    if v.any(g, &["anyone", "anybody", "someone", "us", "them", "first"]) {
        g += 1;
    }
    // "shipped without being tested", "went out without being properly reviewed": the
    // check's passive, the person left out.
    let being = v.is(g, "being");
    if being {
        g += 1;
        if v.any(
            g,
            &[
                "well",
                "properly",
                "fully",
                "thoroughly",
                "adequately",
                "sufficiently",
            ],
        ) {
            g += 1;
        }
        if !v.any(g, CHECKED) || hypothetical(v, w) || by_a_system(v, g) {
            return;
        }
    }
    // "were taken out without a realisation that …", "merged without any review": the
    // check or the noticing as a noun.
    let noun = v.any(g, &["a", "an", "any"]) && v.any(g + 1, CHECKING_NOUNS);
    if noun {
        g += 1;
    }
    if !(being || noun || v.any(g, CHECKING)) || hypothetical(v, w) {
        return;
    }
    // The clause before "without": its finite verb, in the past, and who did it.
    let t = v.tokens();
    let first = (0..w)
        .rev()
        .find(|k| t[*k].punct || t[*k].any(&["that", "which", "because", "and", "but", "when"]))
        .map_or(0, |k| k + 1);
    if (first..w).any(|k| {
        v.any(
            k,
            &[
                "will", "would", "should", "must", "can", "could", "never", "don't", "won't", "to",
            ],
        )
    }) {
        return;
    }
    let Some(verb) = (first..w).find(|k| {
        v.word(*k).is_some_and(|x| {
            x.lower.ends_with("ed") && *k > first && !v.any(*k - 1, &["the", "a", "an"])
                || x.any(&["went", "ran", "made", "did", "took", "pushed", "shipped"])
                // "were taken out without …": an irregular participle after the auxiliary.
                || x.any(&["taken", "done", "put", "built", "run"])
                    && *k > first
                    && v.any(*k - 1, &["was", "were", "been", "got"])
        })
    }) else {
        return;
    };
    // "features passed through without being tested": the passive after "without" hides
    // the person, told in the past; not "requests are served without being checked" (how a
    // system works now).
    let present = (first..w).any(|k| v.any(k, &["is", "are", "get", "gets"]));
    let passive = verb > 0 && v.any(verb - 1, &["was", "were", "been", "got"]) || being && !present;
    let (who, _) = subject(t, verb);
    let person = matches!(who, Who::Person | Who::Name | Who::Activity);
    // A passive hides the person who did it ("was merged without anyone reviewing it"),
    // whatever it was done to.
    if !(person || passive) {
        return;
    }
    // "The request was served without a check": a system's doing, told with the noun.
    if noun && v.any(verb, crate::lexicon::SYSTEM_VERBS) {
        return;
    }
    push(v, out, w, g, "", Who::Nobody, "");
}

/// `a simple case of not reading the chart`, `…, and not noticing that the tag was damaged`,
/// `not observing the patient often enough`: "not" and a check's gerund, where a gerund phrase
/// starts (the utterance's start, after a comma, a preposition or "and"), its doer left out.
/// Not "we are not testing that path" (a progressive), nor a rule ("avoid not checking").
pub(in crate::rules::counterfactual) fn not_checking(v: &View, i: usize) -> Option<usize> {
    if !v.is(i, "not") {
        return None;
    }
    let g = v.past(
        i + 1,
        &[
            "properly",
            "even",
            "fully",
            "carefully",
            "actually",
            "really",
        ],
    );
    let gerund = v.word(g)?;
    if !gerund.any(CHECKING) && !gerund.any(&["observing", "monitoring", "watching"]) {
        return None;
    }
    // "not looking to start a debate", "not looking for trouble": intending, not checking.
    if gerund.is("looking") && v.any(g + 1, &["to", "for", "forward"]) {
        return None;
    }
    let t = v.tokens();
    let opens = i == 0
        || t[i - 1].punct && [",", ":", ";", "(", "-", "—", "–"].contains(&t[i - 1].lower.as_str())
        || v.any(
            i - 1,
            &[
                "of",
                "by",
                "and",
                "or",
                "for",
                "from",
                "in",
                "through",
                "including",
                "to",
            ],
        );
    if !opens || hypothetical(v, i) {
        return None;
    }
    // "Avoid not checking", "we will keep not testing": advice and the future.
    if (i.saturating_sub(6)..i).any(|k| {
        v.any(
            k,
            &[
                "avoid", "will", "should", "must", "don't", "never", "can", "could", "would",
            ],
        )
    }) {
        return None;
    }
    Some(g)
}

/// `Why did this not get caught?`, `how did the bug not get picked up on?`: "did", its
/// subject, then "not get" and a check's participle; the passive of the check asked after.
/// ("It did not get caught" is read from "did".)
pub(in crate::rules::counterfactual) fn inverted_not_caught(v: &View, i: usize) -> Option<usize> {
    if !(v.is(i, "not") && v.any(i + 1, &["get", "got"])) {
        return None;
    }
    let p = i + 2;
    let last = if v.is(p, "picked") && v.is(p + 1, "up") {
        p + 1
    } else if v.any(
        p,
        &[
            "caught", "noticed", "spotted", "seen", "flagged", "reviewed", "tested", "checked",
            "verified", "read",
        ],
    ) {
        // Not "why did the failure not get detected?": detecting is a monitor's as well.
        p
    } else {
        return None;
    };
    let did = (i.saturating_sub(8)..i)
        .rev()
        .take_while(|k| !v.tokens()[*k].punct)
        .find(|k| v.any(*k, &["did", "does", "do"]))?;
    // Not "why did it not get caught by CI?": a system's check.
    (did + 1 < i && !by_a_system(v, last)).then_some(last)
}

/// `the test environment was not working, so the bug was not caught`: the miss told as the
/// consequence of a thing that was broken — "so", "therefore" or "thus" after a clause with
/// "was not working", "was broken" or "was down". The check was the broken thing's.
fn after_a_breakdown(v: &View, at: usize) -> bool {
    let Some(so) = (at.saturating_sub(6)..at)
        .rev()
        .find(|k| v.any(*k, &["so", "therefore", "thus", "hence"]))
    else {
        return false;
    };
    (1..so).any(|k| {
        v.any(k, &["wasn't", "weren't"]) && v.is(k + 1, "working")
            || v.any(k, &["was", "were"])
                && (v.is(k + 1, "not") && v.is(k + 2, "working")
                    || v.any(k + 1, &["broken", "down", "unavailable"]))
    })
}
