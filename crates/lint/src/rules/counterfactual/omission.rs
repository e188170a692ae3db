//! Omissions: what a person did not do, named as a lapse — "failed to notice", "the pilot's
//! failure to maintain", "forgot to", "missed", "nobody noticed", "was never tested". A
//! negated action that is not a check or a perception is a description of what happened
//! ("did not copy the code") and is not flagged.

use super::super::clause::{Who, classify_word, subject};
use super::super::{Found, View};
use super::{names_a_system, push, question, verb_is_human};
use crate::Category;
use crate::lexicon::{SYSTEM_NOUNS, TECH_NAMES};

/// Verbs of noticing and checking: not doing them, said of a person, is a lapse judged later.
#[rustfmt::skip]
const PERCEIVE: &[&str] = &[
    "notice", "catch", "see", "spot", "detect", "identify", "realise", "realize", "check",
    "verify", "test", "review", "read", "look", "retest", "validate", "investigate", "monitor",
    "noticed", "caught", "seen", "saw", "spotted", "detected", "identified", "realised",
    "realized", "checked", "verified", "tested", "reviewed", "looked", "retested", "validated",
    "investigated", "monitored", "watch", "double-check", "double-checked", "watched", "notices",
];

/// `the pilot's failure to maintain`, `Equifax's failure to patch`, `the failure of both
/// pilots to see`: a person's or organisation's omission, named as a failure.
pub(super) fn failure_of(v: &View, f: usize, out: &mut Vec<Found>) {
    let owner = f.checked_sub(1).and_then(|k| v.word(k));
    let possessive = owner.is_some_and(|o| {
        // "the pilots’ failure": the apostrophe after the plural is not kept in the word.
        o.any(crate::lexicon::PERSON_NOUNS)
            || (o.lower.ends_with("'s")
                || o.lower.ends_with("s'")
                || o.any(crate::lexicon::PERSON_POSSESSIVES))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
            || o.any(crate::lexicon::PERSON_POSSESSIVES)
    });
    let of_people = v.is(f + 1, "of")
        && (f + 2..(f + 6).min(v.tokens().len())).any(|k| {
            v.word(k)
                .is_some_and(|w| classify_word(w, false) == Who::Person)
        });
    // "The pilot's exceedance of the critical angle of attack and failure to maintain
    // airspeed": the owner is shared by the nouns joined with "and".
    let shared_owner = owner.is_some_and(|o| o.any(&["and", "or"]))
        && (f.saturating_sub(12)..f - 1)
            .rev()
            .take_while(|k| !v.tokens()[*k].punct)
            .any(|k| {
                v.word(k).is_some_and(|o| {
                    (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                        && matches!(classify_word(o, false), Who::Person | Who::Name)
                })
            });
    let to = (f + 1..(f + 7).min(v.tokens().len())).find(|k| v.is(*k, "to"));
    if !(possessive || of_people || shared_owner) || to.is_none() {
        return;
    }
    let first = if possessive { f - 1 } else { f };
    push(v, out, first, f, "", Who::Nobody, "");
}

/// `we didn't catch the issue`, `nobody noticed`, `none of us noticed`: a person not seeing or
/// checking, presented as a lapse.
pub(super) fn not_perceived(v: &View, at: usize, out: &mut Vec<Found>) {
    let mut j = at + 1;
    // "none of the responders noticed", "nobody on the team looked": the words naming the
    // people, up to the verb.
    let people_follow = v.any(at, &["none", "neither"])
        || v.any(at, &["nobody", "noone", "no"])
            && v.any(j, &["on", "in", "from", "at", "of", "one"])
            && !(v.is(at, "no") && v.any(j + 1, &["on", "in", "from", "at", "of"]));
    if people_follow {
        j = if v.any(at, &["no", "none"]) {
            at + 2
        } else {
            at + 1
        };
        // "Neither the captain nor the first officer checked": both people before the verb.
        let reach = if v.is(at, "neither") { 9 } else { 7 };
        while j < at + reach
            && v.word(j).is_some_and(|w| {
                !w.any(PERCEIVE) && (!w.any(BEFORE_VERB) || w.any(&["of", "one", "us", "them"]))
            })
        {
            j += 1;
        }
    }
    // "nobody thought to check", "didn't start looking into it": the check is the verb.
    let limit = j + 4;
    while v.any(j, BEFORE_VERB) && j < limit {
        j += 1;
    }
    // "Nobody had verified", "none of us had noticed": the auxiliary before the check.
    if v.any(j, &["had", "has", "have"]) && v.word(j + 1).is_some_and(|w| w.any(PERCEIVE)) {
        j += 1;
    }
    // "None of the health checks detected it": the things named were not people.
    if people_follow
        && (at + 1..j).any(|k| {
            v.word(k).is_some_and(|w| {
                SYSTEM_NOUNS.contains(&w.lower.as_str()) || TECH_NAMES.contains(&w.lower.as_str())
            })
        })
    {
        return;
    }
    // "did not keep track of the fuel", "didn't take into account how long": checks and
    // attention in more than one word.
    if let Some(len) = CHECK_PHRASES
        .iter()
        .find(|p| v.phrase(j, p))
        .map(|p| p.len())
    {
        return judged_lapse(v, at, j + len - 1, out);
    }
    let Some(verb) = v.word(j) else { return };
    // "We did not notice any impact", "didn't see any errors": nothing there to see, not a
    // lapse; "nobody noticed any of the warnings" still is.
    if verb.any(&[
        "notice", "see", "spot", "detect", "noticed", "seen", "saw", "spotted", "detected",
    ]) && v.any(j + 1, &["any", "anything"])
        && !v.is(j + 2, "of")
    {
        return;
    }
    let perceive = verb.any(PERCEIVE)
        || verb.lower.strip_suffix("ing").is_some_and(|stem| {
            PERCEIVE.contains(&stem) || PERCEIVE.contains(&format!("{stem}e").as_str())
        });
    if !perceive {
        despite_knowing(v, at, j, out);
        return;
    }
    // "i never realized that nautilus doesn't have invert selection": a standing fact learnt
    // now (the complement in the present), not a state missed during the incident.
    if verb.any(&[
        "realise", "realize", "realised", "realized", "notice", "noticed",
    ]) && (j + 1..(j + 7).min(v.tokens().len())).any(|k| {
        v.any(
            k,
            &[
                "doesn't", "don't", "isn't", "aren't", "has", "have", "is", "are", "can", "can't",
                "cannot", "does", "do",
            ],
        )
    }) && !(j + 1..(j + 7).min(v.tokens().len()))
        .any(|k| v.any(k, &["was", "were", "had", "did", "didn't", "wasn't"]))
    {
        return;
    }
    judged_lapse(v, at, j, out);
}

/// Checks, attention and regard in more than one word.
const CHECK_PHRASES: &[&[&str]] = &[
    &["keep", "track"],
    &["kept", "track"],
    &["take", "into", "account"],
    &["account", "for"],
    &["pay", "attention"],
    &["pay", "any", "attention"],
    &["keep", "an", "eye"],
];

/// The check `at..=j` that did not happen, flagged unless it is conditional or a system's.
fn judged_lapse(v: &View, at: usize, j: usize, out: &mut Vec<Found>) {
    // "this didn't get caught in review": a passive; the person is left out.
    if (at + 1..j).any(|k| v.is(k, "get")) {
        push(v, out, at, j, "", Who::Nobody, "");
        return;
    }
    // "if they did not identify that …": what someone could do, not a lapse.
    let conditional = (at.saturating_sub(4)..at).any(|k| v.any(k, &["if", "unless", "whether"]));
    if conditional {
        return;
    }
    let pronoun_subject = v.any(at, &["nobody", "noone", "no", "none", "neither"]);
    let (who, head) = subject(v.tokens(), at);
    if !pronoun_subject && (who == Who::Thing || names_a_system(v, head)) && who != Who::Nobody {
        return;
    }
    if !pronoun_subject && names_a_system(v, head) {
        return;
    }
    push(v, out, at, j, "", who, "");
}

/// Words between a negation and the check it negates: "didn't really look", "nobody thought
/// to check", "didn't start looking", "never bothered to test".
#[rustfmt::skip]
const BEFORE_VERB: &[&str] = &[
    "not", "one", "of", "us", "them", "ever", "even", "really", "properly", "actually", "fully",
    "get", "thought", "think", "remembered", "remember", "bother", "bothered", "start", "started",
    "begin", "began", "to", "closely", "carefully", "once",
];

/// What people knew or were told, in a concessive clause: "despite being aware of the
/// risk", "even though the alert had fired".
#[rustfmt::skip]
const EVIDENCE: &[&str] = &[
    "aware", "knowing", "knew", "known", "warning", "warnings", "warned", "alert", "alerts",
    "alerted", "indication", "indications", "sign", "signs", "signal", "signals", "told",
    "reminder", "reminders", "advice", "advised", "flagged", "reported",
];

/// `Did not disable the pipeline despite being aware of the risk`: any action not taken, when
/// the sentence sets it against what the person knew or was warned of, is judged with
/// hindsight — not the neutral "did not copy the code".
fn despite_knowing(v: &View, at: usize, verb: usize, out: &mut Vec<Found>) {
    if v.word(verb).is_none_or(|w| w.any(STATIVE)) {
        return;
    }
    let n = v.tokens().len();
    let concessive = (0..n).any(|k| {
        let marker = v.any(k, &["despite", "although"])
            || v.phrase(k, &["in", "spite", "of"])
            || v.phrase(k, &["even", "though"]);
        marker && (k + 1..(k + 8).min(n)).any(|e| v.any(e, EVIDENCE))
    });
    if !concessive {
        return;
    }
    let (who, head) = subject(v.tokens(), at);
    if who == Who::Thing || names_a_system(v, head) {
        return;
    }
    push(v, out, at, verb, "", who, "");
}

/// States and what happens to people, not actions they take: "did not have", "did not lose".
#[rustfmt::skip]
const STATIVE: &[&str] = &[
    "have", "need", "want", "own", "exist", "matter", "seem", "appear", "lose", "experience",
    "suffer", "receive", "get", "expect", "affect", "impact", "occur", "happen", "mean", "know",
    "understand", "realise", "realize",
];

/// `wasn't identified in advance`, `was never tested`, `went unnoticed`: a check or a
/// noticing that did not happen, the person left out.
pub(super) fn not_perceived_passive(v: &View, at: usize, out: &mut Vec<Found>) {
    let mut j = at + 1;
    while v.any(
        j,
        &[
            "not", "never", "ever", "really", "properly", "actually", "been",
        ],
    ) && j < at + 4
    {
        j += 1;
    }
    let Some(verb) = v.word(j) else { return };
    if !(verb.any(PERCEIVE) || verb.any(&["overlooked", "caught"]))
        || verb.any(&["see", "check", "test", "read", "look"])
    {
        return;
    }
    // "not caught in presubmit", "not detected by CI": a system's check, not a person's.
    if by_a_system(v, j) {
        return;
    }
    // "The root cause was not identified until November 12th": when it happened, on a
    // timeline, not a check someone skipped.
    if (j + 1..(j + 4).min(v.tokens().len())).any(|k| v.is(k, "until")) {
        return;
    }
    push(v, out, at, j, "", Who::Nobody, "");
}

/// `failed to notice`, `neglected to check`, with a person as the subject.
pub(super) fn failed_to(v: &View, f: usize, out: &mut Vec<Found>) {
    // "if testing fails to occur, we are roadblocked": a failure supposed, not judged.
    if hypothetical(v, f) {
        return;
    }
    let (who, _) = subject(v.tokens(), f);
    let inherently_human = v.any(f, &["neglected", "neglect", "omitted"]);
    let mut k = f + 2;
    while v.any(
        k,
        &[
            "fully",
            "properly",
            "adequately",
            "quickly",
            "correctly",
            "really",
            "even",
        ],
    ) {
        k += 1;
    }
    let verb = v.word(k);
    // "the pilot failing to maintain airspeed": a gerund with a person as its subject. Not
    // "the kernel panics on boot, failing to recognize …" (the clause before's subject), nor
    // the progressive "Infrastructure is failing to push configs" (a malfunction going on).
    if v.is(f, "failing")
        && (who != Who::Person
            || f > 0 && v.any(f - 1, &["is", "are", "was", "were", "be", "been", "'s"]))
    {
        return;
    }
    let person = match who {
        Who::Person | Who::Activity => true,
        // "Equifax failed to appreciate": a name (a person, an organisation) failing to act.
        Who::Name => verb.is_some(),
        Who::PersonNearby | Who::Nobody => {
            verb.is_some_and(|w| verb_is_human(&w.lower)) || inherently_human
        }
        Who::Thing => false,
    };
    if !person {
        return;
    }
    let Some(verb) = verb else { return };
    out.push(Found {
        category: Category::Counterfactual,
        first: f,
        last: k,
        suggestion: format!(
            "{}{}",
            v.rewrite(f, k, &format!("did not {}", verb.lower)),
            question(who, "")
        ),
    });
}

/// `we missed the alert`: a person not noticing, judged afterwards.
pub(super) fn missed(v: &View, m: usize, out: &mut Vec<Found>) {
    if hypothetical(v, m) {
        return;
    }
    // "The warning signs were missed by everyone involved": the passive with the people named.
    let passive = m > 0 && v.any(m - 1, &["be", "been", "was", "were", "is", "are"]);
    if passive
        && v.is(m + 1, "by")
        && (m + 2..(m + 5).min(v.tokens().len())).any(|k| {
            v.word(k)
                .is_some_and(|w| classify_word(w, false) == Who::Person)
        })
    {
        push(v, out, m - 1, m, "did not see", Who::Nobody, "");
        return;
    }
    if m > 0 && v.any(m - 1, &["easily", "be", "been", "was", "were", "is"]) {
        return;
    }
    let (who, _) = subject(v.tokens(), m);
    if !who.is_person() && who != Who::Name {
        return;
    }
    out.push(Found {
        category: Category::Counterfactual,
        first: m,
        last: m,
        suggestion: format!(
            "{} What did the signal look like among everything else they were seeing?",
            v.rewrite(m, m, "did not act on")
        ),
    });
}

/// `forgot to renew`, `I forgot that …`; not "forgot what it was called" (memory, not a
/// lapse in the work) nor a system that "forgot" state.
pub(super) fn forgot(v: &View, i: usize, out: &mut Vec<Found>) {
    if hypothetical(v, i) {
        return;
    }
    if v.any(
        i + 1,
        &[
            "what", "how", "where", "which", "who", "whether", "about", "why",
        ],
    ) {
        return;
    }
    let (who, head) = subject(v.tokens(), i);
    if who == Who::Thing && names_a_system(v, head) {
        return;
    }
    let last = if v.is(i + 1, "to") && v.word(i + 2).is_some() {
        i + 2
    } else {
        i
    };
    let with = if last > i {
        format!("did not {}", v.tokens()[last].lower)
    } else {
        "did not remember".to_owned()
    };
    push(v, out, i, last, &with, who, "");
}

/// `the warning was overlooked`, `we overlooked the warning`.
pub(super) fn overlooked(v: &View, i: usize, out: &mut Vec<Found>) {
    if hypothetical(v, i) {
        return;
    }
    let (who, head) = subject(v.tokens(), i);
    // "was either overlooked", "was probably overlooked": adverbs after the auxiliary.
    let mut a = i;
    while a > 0 && v.any(a - 1, PASSIVE_ADVERBS) {
        a -= 1;
    }
    let passive = a > 0 && v.any(a - 1, &["was", "were", "been", "be", "is", "are", "got"]);
    if passive || (who != Who::Thing && !names_a_system(v, head)) {
        push(v, out, i, i, "did not see", who, "");
    }
}

#[rustfmt::skip]
const PASSIVE_ADVERBS: &[&str] = &[
    "either", "also", "probably", "possibly", "likely", "simply", "completely", "entirely", "just",
    "then", "initially", "somehow",
];

/// "If you think I missed one", "let me know if I forgot anything", "whether we overlooked
/// something": an omission supposed, not asserted.
fn hypothetical(v: &View, i: usize) -> bool {
    (i.saturating_sub(6)..i)
        .rev()
        .take_while(|k| !v.tokens()[*k].punct)
        .any(|k| v.any(k, &["if", "unless", "whether"]))
}

/// `an oversight on my part`, `our oversight`: the noun of "overlook", owned by people.
pub(super) fn oversight(v: &View, i: usize, out: &mut Vec<Found>) {
    let owner = i.checked_sub(1).and_then(|k| v.word(k)).is_some_and(|o| {
        o.any(crate::lexicon::PERSON_POSSESSIVES)
            || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
    });
    let on_my_part = v.any(i + 1, &["on", "by"])
        && (i + 2..(i + 4).min(v.tokens().len())).any(|k| {
            v.word(k).is_some_and(|w| {
                w.any(crate::lexicon::PERSON_POSSESSIVES) || classify_word(w, false) == Who::Person
            })
        });
    if owner || on_my_part {
        let first = if owner { i - 1 } else { i };
        push(v, out, first, i, "", Who::Nobody, "");
    }
}

/// Checks and noticing that did not happen, as an adjective: "went unnoticed".
#[rustfmt::skip]
pub(super) const UNNOTICED: &[&str] = &[
    "unnoticed", "undetected", "unseen", "unchecked", "untested", "unreviewed", "unverified",
    "unspotted",
];

/// `went undetected by humans for seven hours`, `remained unnoticed`: the noticing that did
/// not happen, the people left out; not "went undetected by the health check" (a system's).
pub(super) fn went_unnoticed(v: &View, i: usize, out: &mut Vec<Found>) {
    let Some(k) = i.checked_sub(1) else { return };
    if !v.any(
        k,
        &[
            "went", "go", "goes", "gone", "going", "remained", "remains", "stayed", "was", "were",
            "been", "is", "are",
        ],
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
    push(v, out, k, i, "was not noticed", Who::Nobody, "");
}

/// "… by CI", "… in presubmit", "by the health check": the check that did not happen was a
/// system's.
fn by_a_system(v: &View, j: usize) -> bool {
    v.any(j + 1, &["in", "by"])
        && (j + 2..(j + 5).min(v.tokens().len())).any(|k| {
            v.word(k).is_some_and(|w| {
                SYSTEM_NOUNS.contains(&w.lower.as_str()) || TECH_NAMES.contains(&w.lower.as_str())
            })
        })
}
