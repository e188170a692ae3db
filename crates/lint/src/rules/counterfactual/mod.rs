//! Counterfactuals about people: what someone should, could or ought to have done, or failed
//! to do. Counterfactuals about systems ("the cache should have expired"), hypothetical
//! impact ("users could have lost data", "it could have been worse") and "would have" are
//! not flagged; a passive that hides a person ("should have been caught in review") is.
//!
//! This module reads modal perfects and conditionals ("should have checked", "if we had
//! tested"); [`omission`] reads what people did not do ("failed to", "nobody noticed").

mod omission;

use super::clause::{Who, classify_word, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::{
    ACTIVITY_NOUNS, HUMAN_PASSIVES, HUMAN_VERBS, PEOPLE_ONLY_VERBS, PERSON_NOUNS, SYSTEM_NOUNS,
    SYSTEM_VERBS, TECH_NAMES, THING_PRONOUNS,
};
use omission::{
    UNNOTICED, failed_to, failure_of, forgot, missed, missing_after_clause, not_perceived,
    not_perceived_passive, overlooked, oversight, went_unnoticed, without_checking,
};

#[rustfmt::skip]
const MODALS: &[&str] = &[
    "should", "could", "ought", "shouldn't", "couldn't", "oughtn't", "might", "would", "wouldn't",
];
const CONTRACTED: &[&str] = &[
    "should've",
    "could've",
    "shouldn't've",
    "couldn't've",
    "might've",
    "would've",
    // Chat: "u shoulda checked", "we shouldve waited".
    "shoulda",
    "coulda",
    "shouldve",
    "couldve",
];
/// What people experience rather than do: "we would have lost data" is impact.
#[rustfmt::skip]
const EXPERIENCED: &[&str] = &[
    "experienced", "lost", "had", "been", "received", "needed", "gotten", "got", "suffered",
    "felt", "liked", "seen", "noticed", "wanted", "preferred", "caused", "resulted", "meant",
    "made",
];

/// A subject that names a system or a thing ("the tool did not detect"), not a person.
fn names_a_system(v: &View, head: Option<usize>) -> bool {
    head.and_then(|h| v.word(h)).is_some_and(|w| {
        let word = w.lower.trim_end_matches("'s");
        SYSTEM_NOUNS.contains(&word) || TECH_NAMES.contains(&word) || THING_PRONOUNS.contains(&word)
    })
}
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "not", "never", "really", "perhaps", "probably", "also", "definitely", "ideally", "easily", "simply",
    "just", "reasonably", "realistically", "possibly", "maybe", "have", "to", "obviously",
    "clearly", "at", "least", "then", "already",
];
/// Verbs of perceiving and reacting after "slow to" / "too busy to".
#[rustfmt::skip]
const NOTICING: &[&str] = &[
    "notice", "realise", "realize", "spot", "see", "detect", "catch", "check", "react",
    "respond", "recognise", "recognize", "look", "investigate", "escalate",
];

/// "we were slow to realise", "was too busy to notice", "too distracted to check": from the
/// copula (or "too") to the verb.
fn slow_to_notice(v: &View, i: usize) -> Option<usize> {
    if v.is(i, "slow") && v.is(i + 1, "to") && v.any(i + 2, NOTICING) {
        let copula = i > 0 && v.any(i - 1, &["was", "were", "been", "be", "am", "are", "is"]);
        return copula.then_some(i + 2);
    }
    if v.is(i, "too") && v.word(i + 1).is_some() && v.is(i + 2, "to") && v.any(i + 3, NOTICING) {
        // "too busy", "too distracted", "too tired": a state of the person.
        let state = v.word(i + 1).is_some_and(|w| {
            w.any(&[
                "busy",
                "distracted",
                "tired",
                "focused",
                "preoccupied",
                "rushed",
                "late",
                "slow",
            ])
        });
        return state.then_some(i + 3);
    }
    None
}

/// "It took quite some time before we noticed this error", "it took hours until anyone
/// realised": the noticing that came late, measured and set against the people.
fn noticed_late(v: &View, i: usize) -> Option<usize> {
    // "It took us two hours to notice the backlog", "it took the team a day to realise".
    if v.is(i, "took") && i > 0 && v.is(i - 1, "it") {
        let n = v.tokens().len();
        let person = (i + 1..(i + 4).min(n)).any(|k| {
            v.any(k, &["us", "them", "me", "him", "her"])
                || v.word(k)
                    .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
        });
        let to = (i + 2..(i + 9).min(n))
            .take_while(|k| !v.tokens()[*k].punct)
            .find(|k| v.is(*k, "to") && v.any(*k + 1, NOTICING))?;
        // Not "it took us an hour to catch up".
        if v.is(to + 2, "up") {
            return None;
        }
        return person.then_some(to + 1);
    }
    if !(v.any(i, &["before", "until"])
        && (i.saturating_sub(6)..i).any(|k| v.is(k, "took") && k > 0 && v.is(k - 1, "it")))
    {
        return None;
    }
    let person = v
        .word(i + 1)
        .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person);
    let verb = i + 2;
    (person
        && v.any(
            verb,
            &[
                "noticed",
                "realised",
                "realized",
                "spotted",
                "caught",
                "detected",
                "discovered",
                "saw",
                "identified",
                "checked",
                "looked",
            ],
        ))
    .then_some(verb)
}

/// "Bob was supposed to rotate the key on Friday and never did": an obligation, then its
/// omission stated.
fn supposed_and_never_did(v: &View, i: usize) -> Option<usize> {
    if !(v.is(i, "supposed") && v.is(i + 1, "to") && i > 0 && v.any(i - 1, &["was", "were"])) {
        return None;
    }
    let n = v.tokens().len();
    (i + 2..(i + 16).min(n))
        .take_while(|k| !v.tokens()[*k].punct || v.tokens()[*k].lower == ",")
        .find(|k| v.any(*k, &["and", "but"]))
        .and_then(|k| {
            if v.phrase(k + 1, &["never", "did"]) || v.phrase(k + 1, &["did", "not"]) {
                Some(k + 2)
            } else if v.any(k + 1, &["didn't", "never"]) {
                Some(k + 1)
            } else {
                None
            }
        })
}

/// Irregular past participles: "Had the pilot flown the pattern …", "had we known".
#[rustfmt::skip]
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "flown", "taken", "known", "done", "gone", "seen", "written", "given", "drawn", "driven",
    "chosen", "spoken", "begun", "run", "made", "kept", "read", "heard", "left", "held", "sent",
    "brought", "thought", "caught", "told", "put", "set",
];

/// What being done to a person is not their doing: "we should have been alerted".
#[rustfmt::skip]
const DONE_TO_THEM: &[&str] = &[
    "alerted", "notified", "paged", "told", "informed", "warned", "called", "contacted", "given",
    "shown", "sent", "asked", "consulted", "invited", "involved", "included",
];

fn verb_is_human(word: &str) -> bool {
    HUMAN_VERBS.contains(&word) && !SYSTEM_VERBS.contains(&word)
}

fn question(who: Who, subject: &str) -> String {
    let who = if matches!(who, Who::Person | Who::Name) && !subject.is_empty() {
        // "The engineer" inside the question reads "the engineer".
        match subject.split_once(' ') {
            Some((first, rest))
                if ["The", "A", "An", "Our", "Their", "This", "That"].contains(&first) =>
            {
                format!("{} {rest}", first.to_lowercase())
            }
            _ => subject.to_owned(),
        }
    } else {
        "the people involved".to_owned()
    };
    format!(" What did {who} see and know at the time, and what made their choice make sense then?")
}
pub fn check(v: &View, all: &mut Vec<Found>) {
    let n = v.tokens().len();
    let mut out: Vec<Found> = Vec::new();
    let out = &mut out;
    let mut conditional_found = false;
    let mut would_found: Vec<usize> = Vec::new();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        // "We needed to have checked the lag": a modal perfect in other words.
        // "The team was supposed to have reviewed it": the same.
        let need_perfect = t.any(&["needed", "need", "needs", "supposed"])
            && v.is(i + 1, "to")
            && v.is(i + 2, "have")
            && v.word(i + 3)
                .is_some_and(|w| looks_like_participle(&w.lower) && !w.is("been"));
        if t.any(MODALS) || t.any(CONTRACTED) || need_perfect {
            let before = out.len();
            modal_perfect(v, i, out);
            if out.len() > before && t.lower.starts_with("would") {
                would_found.push(before);
            }
        } else if t.any(&[
            "failed",
            "fail",
            "fails",
            "failing",
            "neglected",
            "neglect",
            "omitted",
        ]) && v.is(i + 1, "to")
        {
            failed_to(v, i, out);
        } else if t.any(&["failure", "failures"]) {
            failure_of(v, i, out);
        } else if t.any(&["forgot", "forgotten"]) {
            forgot(v, i, out);
        } else if t.is("overlooked") {
            overlooked(v, i, out);
        } else if t.any(&["oversight", "oversights"]) {
            oversight(v, i, out);
        } else if t.any(UNNOTICED) {
            went_unnoticed(v, i, out);
        } else if t.any(&["didn't", "never"]) && v.any(i + 1, &["bother", "bothered"])
            || t.is("did") && v.is(i + 1, "not") && v.is(i + 2, "bother")
        {
            // "didn't bother to run the tests": an omission, and blame as well (blame.rs).
            let last = if t.is("did") { i + 2 } else { i + 1 };
            let (who, _) = subject(v.tokens(), i);
            if who != Who::Thing {
                push(v, out, i, last, "did not", who, "");
            }
        } else if t.is("missed")
            && v.any(
                i + 1,
                &[
                    "opportunity",
                    "opportunities",
                    "chance",
                    "chances",
                    "sign",
                    "signs",
                    "signal",
                    "signals",
                    "warning",
                    "warnings",
                ],
            )
            && i > 0
            && v.any(
                i - 1,
                &["a", "an", "the", "another", "two", "several", "many", "our"],
            )
        {
            // "This was a missed opportunity to catch the bug": the omission as an adjective.
            push(v, out, i, i + 1, "", Who::Nobody, "");
        } else if t.is("missed") {
            missed(v, i, out);
        } else if t.is("missing")
            && v.any(i + 1, &["the", "an", "a"])
            && v.any(i + 2, &["opportunity", "chance", "window", "signs", "sign"])
        {
            push(v, out, i, i + 2, "without", Who::Nobody, "");
        } else if t.any(&["avoidable", "preventable"]) {
            avoidable(v, i, out);
        } else if t.is("missing") {
            missing_after_clause(v, i, out);
        } else if t.is("without") {
            without_checking(v, i, out);
        } else if t.is("neglected")
            && v.any(
                i + 1,
                &["the", "a", "an", "his", "her", "their", "our", "my", "its"],
            )
            && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
        {
            // "The deployer neglected the canary results": the omission with an object.
            push(v, out, i, i, "did not act on", Who::Nobody, "");
        } else if t.any(&["didn't", "didnt", "never", "nobody", "noone", "neither"])
            || (t.is("did") && v.is(i + 1, "not"))
            // The past perfect: "had not cross-checked" (the passive "had not been" below).
            || (t.is("hadn't") && !v.is(i + 1, "been"))
            || (t.is("had") && v.is(i + 1, "not") && !v.is(i + 2, "been"))
            || (t.is("no") && v.is(i + 1, "one"))
            || (t.is("none") && v.is(i + 1, "of"))
        {
            not_perceived(v, i, out);
        } else if t.any(&["wasn't", "weren't", "isn't", "aren't"])
            || (t.any(&["was", "were", "is", "are", "been"]) && v.any(i + 1, &["not", "never"]))
            // "a PR which had not been identified by the team": the perfect passive.
            || (t.any(&["hadn't", "hasn't", "haven't"]) && v.is(i + 1, "been"))
            || (t.any(&["had", "has", "have"])
                && v.any(i + 1, &["not", "never"])
                && v.is(i + 2, "been"))
        {
            not_perceived_passive(v, i, out);
        } else if t.is("if") || (t.is("had") && (starts_clause(v, i) || after_a_verb(v, i))) {
            let before = out.len();
            conditional(v, i, out);
            conditional_found |= out.len() > before;
        } else if t.is("not")
            && i >= 3
            && v.any(i - 1, &["but", "and"])
            && v.word(i + 1).is_some_and(|w| w.lower.ends_with("ed"))
            && (0..i - 1)
                .rev()
                .take_while(|k| !v.tokens()[*k].punct)
                .any(|k| v.any(k, &["was", "were"]))
        {
            // "The alert was acknowledged but not investigated": the passive's auxiliary
            // shared with the clause before.
            let before = out.len();
            not_perceived_passive(v, i - 1, out);
            if let Some(f) = out.get_mut(before..).and_then(|s| s.first_mut()) {
                f.first = i;
            }
        } else if t.is("did")
            && v.word(i + 1)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            && v.is(i + 2, "even")
            && v.any(i + 3, omission::PERCEIVE)
        {
            // "Did you even test this?": a check asked after, doubting it was done.
            push(v, out, i, i + 3, "", Who::Nobody, "");
        } else if let Some(last) = slow_to_notice(v, i) {
            // "we were slow to realise", "was too busy to notice": a perception that came late
            // or not at all, put down to the person.
            // "too busy", "too distracted" are people's states: any subject but a thing.
            let (who, _) = subject(v.tokens(), i);
            let people_state = v.is(i, "too") && who != Who::Thing;
            if matches!(who, Who::Person | Who::Name) || people_state {
                push(v, out, i, last, "", who, "");
            }
        } else if let Some(last) = noticed_late(v, i) {
            push(v, out, i, last, "", Who::Nobody, "");
        } else if let Some(last) = supposed_and_never_did(v, i) {
            let (who, _) = subject(v.tokens(), i);
            if matches!(who, Who::Person | Who::Name) {
                push(v, out, i, last, "", who, "");
            }
        } else if t.is("why")
            && v.any(
                i + 1,
                &["didn't", "wasn't", "weren't", "hadn't", "couldn't"],
            )
            && v.word(i + 2)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
        {
            out.push(Found {
                category: Category::Counterfactual,
                first: i,
                last: i + 2,
                suggestion: format!(
                    "Ask how instead of why not: what did they see, and what were they doing then? ({})",
                    v.sentence_text()
                ),
            });
        } else if t.is("how")
            && v.is(i + 1, "could")
            && v.word(i + 2)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            && v.any(i + 3, &["not", "miss", "have", "ignore", "overlook"])
        {
            out.push(Found {
                category: Category::Counterfactual,
                first: i,
                last: i + 3,
                suggestion: "Ask what made it hard to see at the time: which signals did they have, and what else was going on?".into(),
            });
        }
    }
    // "If we had tested it, we would have seen the error": one judgement, flagged once.
    if conditional_found {
        for k in would_found.into_iter().rev() {
            out.remove(k);
        }
    }
    all.append(out);
}

fn push(
    v: &View,
    out: &mut Vec<Found>,
    first: usize,
    last: usize,
    with: &str,
    who: Who,
    subject: &str,
) {
    out.push(Found {
        category: Category::Counterfactual,
        first,
        last,
        suggestion: format!("{}{}", v.rewrite(first, last, with), question(who, subject)),
    });
}
/// A past participle (or a word used as one): not a determiner or a noun after "have".
fn looks_like_participle(word: &str) -> bool {
    word == "been"
        || HUMAN_VERBS.contains(&word)
        || SYSTEM_VERBS.contains(&word)
        || HUMAN_PASSIVES.contains(&word)
        || [
            "ed", "en", "wn", "ought", "aught", "ept", "elt", "ent", "ound", "ung", "ade", "id",
            "ut", "et",
        ]
        .iter()
        .any(|end| word.ends_with(end))
            && ![
                "the", "a", "an", "its", "it", "been", "them", "then", "often", "ten", "seven",
            ]
            .contains(&word)
}

fn after_had_is_participle(verb: &crate::text::Token) -> bool {
    verb.is("not") || looks_like_participle(&verb.lower)
}

/// Verbs that report an assumption: what follows them is not asserted.
const ASSUMED: &[&str] = &[
    "assume", "assumed", "assumes", "assuming", "believed", "expected", "supposed",
];

fn starts_clause(v: &View, i: usize) -> bool {
    i == 0 || v.tokens()[i - 1].punct
}

/// "… may have been prevented had specific training been provided": "had" straight after a
/// participle, with its subject after it, is an inverted conditional, as after a comma.
fn after_a_verb(v: &View, i: usize) -> bool {
    i > 0
        && v.word(i - 1).is_some_and(|w| {
            (w.lower.ends_with("ed") || w.lower.ends_with("en"))
                && !w.lower.ends_with("een")
                && !PERSON_NOUNS.contains(&w.lower.as_str())
        })
        && v.any(
            i + 1,
            &[
                "the", "a", "an", "specific", "proper", "more", "better", "our", "their",
            ],
        )
}

/// What people could have been, as a quality of their work: "more thorough", "faster",
/// "available"; not what happened to them ("affected", "down for hours", "worse off").
fn a_quality(v: &View, at: usize) -> bool {
    v.any(at, &["more", "less"])
        && v.word(at + 1)
            .is_some_and(|w| !w.lower.ends_with("ed") && !w.any(&["likely", "exposed"]))
        || v.any(
            at,
            &[
                "faster",
                "quicker",
                "earlier",
                "sooner",
                "clearer",
                "better",
                "available",
                "proactive",
                "prepared",
                "ready",
                "stricter",
                "firmer",
            ],
        )
}

/// `should have checked`, `could've asked`, `ought to have known`, `should have been caught`.
fn modal_perfect(v: &View, m: usize, out: &mut Vec<Found>) {
    let modal = &v.tokens()[m].lower;
    let contracted = CONTRACTED.contains(&modal.as_str());
    let negated = modal.contains("n't") || v.any(m + 1, &["not", "never"]);
    let mut j = m + 1;
    let mut saw_have = contracted;
    // "Couldn't someone have checked …?", "Should we not have paged …": a question puts the
    // person after the modal; the clause opens with the modal.
    let mut inverted = None;
    while j < v.tokens().len() && j < m + 6 {
        if v.tokens()[j].punct {
            break;
        }
        let Some(w) = v.word(j) else { return };
        if j == m + 1
            && !contracted
            && (m == 0 || v.tokens()[m - 1].punct)
            && w.any(&[
                "someone", "somebody", "anyone", "anybody", "you", "we", "they", "he", "she", "i",
                "u",
            ])
            && (v.is(j + 1, "have") || v.any(j + 1, &["not", "never"]) && v.is(j + 2, "have"))
        {
            inverted = Some(j);
        } else if w.is("have") {
            // "They shouldn't have to wait": an obligation, not a perfect.
            if v.is(j + 1, "to") {
                return;
            }
            saw_have = true;
        } else if w.is("of")
            && !saw_have
            && v.word(j + 1).is_some_and(|n| {
                n.lower.ends_with("ed") || n.any(&["known", "seen", "done", "been", "caught"])
            })
        {
            // Chat's "I should of checked": "have" as it sounds; not "should of course".
            saw_have = true;
        } else if !w.any(BETWEEN) {
            break;
        }
        j += 1;
    }
    if !saw_have {
        return;
    }
    // "Couldn't someone have checked?": a negated question suggests what was not done, unlike
    // "we couldn't have known".
    let negated = negated && inverted.is_none();
    // "Might've asked this before", "I may have mentioned it": a guess about what one said
    // or saw, not a course of action judged.
    if (modal.starts_with("might") || modal.starts_with("may"))
        && v.any(
            j,
            &[
                "asked",
                "said",
                "mentioned",
                "posted",
                "told",
                "written",
                "wrote",
                "heard",
                "read",
                "seen",
                "replied",
                "answered",
            ],
        )
    {
        return;
    }
    // "i should have.", "we really should have, but …": the action left out, as in speech
    // and chat; a person's, since "should have" ends the clause.
    if (v.tokens().get(j).is_none_or(|t| t.punct) || v.stop_after(j - 1))
        && (modal.starts_with("should") || modal.starts_with("ought"))
        && v.is(j - 1, "have")
    {
        let (who, _) = subject(v.tokens(), m);
        if matches!(who, Who::Person | Who::Name) {
            push(v, out, m, j - 1, "", who, "");
        }
        return;
    }
    let Some(verb) = v.word(j) else { return };
    // "We should have a talk": "have" is the verb itself, not a perfect.
    if !contracted && !looks_like_participle(&verb.lower) {
        return;
    }
    let (who, head) = match inverted {
        Some(h) => (classify_word(&v.tokens()[h], false), Some(h)),
        None => subject(v.tokens(), m),
    };
    // "Nobody could have predicted the fiber cut": a negative subject clears people, as
    // "we couldn't have known" does.
    let negated = negated
        || head.is_some_and(|h| {
            v.any(h, &["nobody", "noone", "no-one"]) || v.is(h, "one") && h > 0 && v.is(h - 1, "no")
        });
    // "not assume we could have started Prometheus faster", "we assumed they would have
    // seen it": an assumption reported or warned against, not the writer's judgement.
    let from = head.unwrap_or(m);
    if (from.saturating_sub(3)..from).any(|k| v.any(k, ASSUMED))
        && !(from.saturating_sub(3)..from).any(|k| v.tokens()[k].punct)
    {
        return;
    }
    let subject_text = head.map_or(String::new(), |h| {
        let first = (0..=h)
            .rev()
            .take_while(|k| {
                v.word(*k).is_some_and(|w| {
                    !w.any(&["that", "which", "if", "when", "because", "and", "but", "so"])
                })
            })
            .last()
            .unwrap_or(h);
        v.span(first, h).to_owned()
    });
    let could = modal.starts_with("could");
    let would = modal.starts_with("would");
    if verb.any(&["been", "be"]) {
        // "It would have been better to wait for the canary": the extraposed infinitive is a
        // person's action, judged better in hindsight.
        // "… better for the on-call to wait": the doer named with "for".
        let to = if v.is(j + 2, "for") {
            (j + 3..(j + 7).min(v.tokens().len()))
                .find(|k| v.is(*k, "to"))
                .unwrap_or(j + 2)
        } else {
            j + 2
        };
        // "It would have been trivial for the reviewer to spot": easy for a person named.
        let easy_for_person = v.any(j + 1, &["trivial", "easy", "simple"])
            && v.is(j + 2, "for")
            && (j + 3..to).any(|k| {
                v.word(k)
                    .is_some_and(|w| classify_word(w, false) == Who::Person)
            });
        if (v.any(j + 1, BETTER) || easy_for_person)
            && v.is(to, "to")
            && v.word(to + 1).is_some_and(|w| {
                verb_is_human(&w.lower) && !w.any(&["have", "had", "be", "know", "see"])
            })
            && head.is_none_or(|h| v.is(h, "it"))
            && !negated
        {
            push(v, out, m, j + 1, "", Who::Activity, "");
            return;
        }
        // "A better approach would have been to roll back", "The right call would have been
        // to page the DBA": the action people did not take, named better in hindsight.
        if v.is(j + 1, "to")
            && v.word(j + 2).is_some_and(|w| {
                !w.any(&["be", "have", "the", "a", "an"])
                    && !["ed", "ing"].iter().any(|end| w.lower.ends_with(end))
            })
            && better_course(v, m)
            && !negated
        {
            push(v, out, m, j + 1, "", Who::Activity, "");
            return;
        }
        if would {
            return;
        }
        let Some(after) = v.word(j + 1) else { return };
        // "It should have been clear to the reviewer": what someone should have seen.
        let should_have_seen =
            after.any(&["clear", "obvious", "evident", "apparent"]) && !would && !could;
        let hidden_person = HUMAN_PASSIVES.contains(&after.lower.as_str())
            || should_have_seen
            || there_was_people_work(v, head, j + 1);
        let flag = match who {
            // "We should have been more careful"; not "we should have been paged". "The
            // handover could have been more thorough": a quality of people's work.
            Who::Person | Who::Activity => {
                // "should never have been given production credentials": access granted is
                // someone's decision, judged; "should have been paged" is not their doing.
                let granted = after.any(&["given", "granted"]) && !would && !could;
                (!after.any(DONE_TO_THEM) || granted)
                    && (!could || hidden_person || a_quality(v, j + 1))
            }
            _ => hidden_person && !(could && negated),
        };
        if flag {
            out.push(Found {
                category: Category::Counterfactual,
                first: m,
                last: j + 1,
                suggestion: format!(
                    "{}{}",
                    v.rewrite(m, j + 1, &format!("was not {}", after.lower)),
                    question(who, &subject_text)
                ),
            });
        }
        return;
    }
    let human = verb_is_human(&verb.lower) || (verb.is("failed") && v.is(j + 1, "over"));
    // "without paging we could've noticed it way later": a worse outcome imagined, not a
    // better action.
    if could && (j + 1..(j + 5).min(v.tokens().len())).any(|k| v.is(k, "later")) {
        return;
    }
    if would {
        // "We would have caught it": a person's own action; not what people would have
        // experienced, and nothing a system would have done.
        // "Simply rerunning the migration would have fixed it", "Monitoring each path would
        // have allowed us to mitigate": what an action would have achieved, not an action.
        // "Just checking the logs would have shown the errors" is still a check people would
        // have made (as "we would have seen them").
        let revealed = who == Who::Activity && verb.any(REVEALED);
        // "Rolling back would have taken 20 minutes": what the action would have cost.
        let cost = who == Who::Activity
            && verb.any(&["taken", "cost", "required", "involved", "added", "lasted"]);
        if !((matches!(who, Who::Person | Who::Activity) && human || revealed)
            && !verb.any(EXPERIENCED)
            && !cost)
        {
            return;
        }
        // "Had the monitor fired, we would have known sooner": the consequence of a
        // system's counterfactual, not a judgement of what people did.
        if condition_on_a_thing(v, m) {
            return;
        }
    }
    // "They also might have received an email warning": a guess at what happened to them.
    if modal.starts_with("might") && verb.any(EXPERIENCED) {
        return;
    }
    let people_only =
        verb.any(PEOPLE_ONLY_VERBS) && !names_a_system(v, head) && !(could && negated);
    let flag = people_only
        || match who {
            // "We couldn't have known": that clears people, it does not judge them.
            // "They could've paused the rollout": with a person as the subject, any action
            // they could have taken, not only the verbs listed as people's; not what would
            // have happened to them ("we could have lost data") nor a system's doing.
            Who::Person => {
                !could
                    || (!negated
                        && (human
                            || !SYSTEM_VERBS.contains(&verb.lower.as_str())
                                && !verb.any(EXPERIENCED)))
            }
            Who::Activity => !(could && negated),
            Who::Name | Who::PersonNearby => human && !(could && negated),
            Who::Nobody => human && !could,
            Who::Thing => false,
        };
    if !flag {
        return;
    }
    let with = if negated {
        verb.lower.clone()
    } else {
        format!("had not {}", verb.lower)
    };
    out.push(Found {
        category: Category::Counterfactual,
        first: m,
        last: j,
        suggestion: format!("{}{}", v.rewrite(m, j, &with), question(who, &subject_text)),
    });
}

/// The subject before the modal at `m` is a course of action named right or better: "A
/// better approach", "The right call", "The correct action".
fn better_course(v: &View, m: usize) -> bool {
    let first = (0..m)
        .rev()
        .find(|k| v.tokens()[*k].punct || v.any(*k, &["that", "which", "because", "but"]))
        .map_or(0, |k| k + 1);
    (first..m).any(|k| {
        v.any(
            k,
            &[
                "better", "right", "correct", "proper", "wiser", "safer", "best", "smarter",
            ],
        ) && v.any(
            k + 1,
            &[
                "approach", "call", "action", "move", "choice", "option", "thing", "course",
                "step", "response", "decision", "plan", "way",
            ],
        )
    })
}

/// A condition before `m` about a thing: "Had the monitor fired, …", "If the failover had
/// worked, …".
fn condition_on_a_thing(v: &View, m: usize) -> bool {
    (0..m).any(|k| {
        if v.is(k, "if") {
            // "If the failover had worked", "if it was such a big problem".
            let Some(had) = (k + 1..(k + 6).min(m)).find(|h| {
                v.any(
                    *h,
                    &[
                        "had", "was", "were", "is", "are", "did", "didn't", "wasn't", "hadn't",
                    ],
                )
            }) else {
                return false;
            };
            subject(v.tokens(), had).0 == Who::Thing
        } else if v.is(k, "had") && (k == 0 || v.tokens()[k - 1].punct) {
            let head = (k + 1..(k + 4).min(m))
                .find(|h| !v.any(*h, &["the", "a", "an", "our", "their", "its", "this"]));
            head.and_then(|h| v.word(h))
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Thing)
        } else {
            false
        }
    })
}

/// `This was avoidable`, `The outage was entirely preventable`: "could have been avoided",
/// the people who could have avoided it left out. Not "not preventable with the tooling we
/// had", a question ("Was it avoidable?"), or a rule for later ("should be avoidable").
fn avoidable(v: &View, i: usize, out: &mut Vec<Found>) {
    let mut k = i;
    while k > 0
        && v.any(
            k - 1,
            &[
                "entirely",
                "completely",
                "totally",
                "easily",
                "clearly",
                "fully",
                "very",
            ],
        )
    {
        k -= 1;
    }
    if !(k > 0 && v.any(k - 1, &["was", "were"])) || k >= 2 && v.any(k - 2, &["not", "never"]) {
        return;
    }
    let rest = &v.text[v.tokens()[i].range.end..v.sentence.range.end];
    // "preventable only in hindsight": the hindsight acknowledged.
    if rest.trim_end().ends_with('?') || v.is(i + 1, "only") {
        return;
    }
    push(v, out, k - 1, i, "", Who::Nobody, "");
}

/// What a check shows: "checking the logs would have shown / revealed the errors".
const REVEALED: &[&str] = &[
    "shown",
    "showed",
    "revealed",
    "exposed",
    "surfaced",
    "highlighted",
    "uncovered",
    "caught",
    "detected",
    "found",
];

/// "It would have been better / wiser / safer to …".
const BETTER: &[&str] = &[
    "better",
    "wiser",
    "safer",
    "smarter",
    "prudent",
    "preferable",
    "best",
    "sensible",
    // "It would have been useful / helpful to get a describe of the node".
    "useful",
    "helpful",
];

/// `if we had tested`, `had we known`: an imagined past where people acted otherwise.
fn conditional(v: &View, at: usize, out: &mut Vec<Found>) {
    let tokens = v.tokens();
    let inverted = v.is(at, "had");
    // "if we had tested": the subject is between "if" and "had".
    let had = if inverted {
        at
    } else {
        match (at + 1..(at + 6).min(tokens.len()))
            .find(|k| v.is(*k, "had") || v.word(*k).is_some_and(|w| w.lower.ends_with("'d")))
        {
            Some(k) => k,
            None => return,
        }
    };
    let (who, verb_at) = if inverted {
        // "Had the engineer checked": the verb is the first participle after "had", and the
        // subject's head is the word before it.
        let Some(verb_at) = (at + 2..(at + 6).min(tokens.len())).find(|k| {
            v.word(*k).is_some_and(|w| {
                HUMAN_VERBS.contains(&w.lower.as_str())
                    || SYSTEM_VERBS.contains(&w.lower.as_str())
                    || w.lower.ends_with("ed")
                    // "Had the pilot flown the pattern": irregular participles.
                    || w.any(IRREGULAR_PARTICIPLES)
            })
        }) else {
            return;
        };
        let Some(head) = v.word(verb_at - 1) else {
            return;
        };
        (super::clause::classify_word(head, false), verb_at)
    } else {
        let (who, _) = subject(tokens, if v.is(had, "had") { had } else { had + 1 });
        let who = if v.is(had, "had") {
            who
        } else {
            super::clause::classify_word(&tokens[had], false)
        };
        (who, had + 1)
    };
    let mut j = verb_at;
    let negated = v.is(j, "not");
    while v.any(j, &["not", "only", "just", "also", "simply", "been"]) && j < verb_at + 3 {
        j += 1;
    }
    let Some(verb) = v.word(j) else { return };
    // "if we had a larger userbase": "had" is the verb (possession), not a past perfect.
    if !inverted && !after_had_is_participle(verb) {
        return;
    }
    let after_been = j > verb_at && v.is(j - 1, "been");
    let flag = match who {
        Who::Person => !(after_been && verb.any(DONE_TO_THEM)),
        Who::Name => verb_is_human(&verb.lower),
        // "had specific maintenance training been provided": people's work imagined done.
        Who::Activity => true,
        // "had the change been reviewed": a passive that hides a person.
        _ => after_been && HUMAN_PASSIVES.contains(&verb.lower.as_str()),
    };
    if !flag || (negated && verb.is("been")) {
        return;
    }
    out.push(Found {
        category: Category::Counterfactual,
        first: at,
        last: j,
        suggestion: "Say what people did and knew at the time instead of what would have followed from acting otherwise: the imagined past explains nothing about this one.".into(),
    });
}

/// "There should have been a manual check", "there could have been a review": the
/// existential names people's work (a manual or human check, an activity noun) after "been".
fn there_was_people_work(v: &View, head: Option<usize>, from: usize) -> bool {
    head.is_some_and(|h| v.is(h, "there"))
        && (from..(from + 4).min(v.tokens().len())).any(|k| {
            // "There should have been a second reviewer on the change".
            v.any(k, &["manual", "human"])
                || v.word(k)
                    .is_some_and(|w| PERSON_NOUNS.contains(&w.lower.as_str()))
                || v.word(k)
                    .is_some_and(|w| ACTIVITY_NOUNS.contains(&w.lower.as_str()))
        })
}
