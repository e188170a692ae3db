//! A person's work, decision or belief called wrong, improper or mis-done: "mistakenly
//! deleted", "the pilot's improper decision", "improper maintenance by company personnel",
//! "the crew's decision … was improper", "we did not properly test", "misjudged",
//! "mismanagement of the fuel".

use super::found;
use super::owners::{by_agent, owner_after};
use crate::lexicon::PERSON_POSSESSIVES;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// Adverbs that call a person's action or belief an error.
const ERROR_ADVERBS: &[&str] = &[
    "wrongly",
    "mistakenly",
    "incorrectly",
    "erroneously",
    "improperly",
    "inadequately",
    "inappropriately",
    "wrongfully",
];
/// Adjectives that judge a person's decision or handling.
pub(super) const POOR: &[&str] = &[
    "improper",
    "inadequate",
    "inappropriate",
    "poor",
    "wrong",
    "erroneous",
    "faulty",
    "flawed",
    "mistaken",
    "incorrect",
    "questionable",
    // "my haphazard strategy", "the contributor's substandard work", "a cursory review by
    // the on-call": work called slapdash, as "poor".
    "haphazard",
    "substandard",
    "sub-standard",
    "cursory",
    "slapdash",
    // "Transport Canada's insufficient oversight", "the operator's lax approach".
    "insufficient",
    "lax",
];

/// Nouns for a person's action done badly: "mismanagement", "misjudgement".
#[rustfmt::skip]
const MIS_NOUNS: &[&str] = &[
    "mismanagement", "misjudgment", "misjudgement", "misjudgments", "misjudgements",
    "mishandling", "miscalculation", "miscalculations", "misuse",
    // A thing's error unless its owner is named: "our misconfiguration", "a
    // misconfiguration on the vendor's part" (`mis_noun` needs the owner).
    "misconfiguration", "misconfigurations",
    // "the rig team's misreading of the test": owned, as the verb "misread".
    "misreading", "misreadings",
];

/// Verbs for a person's action done badly: "misjudged the approach".
#[rustfmt::skip]
const MIS_VERBS: &[&str] = &[
    "mismanaged", "misjudged", "mishandled", "miscalculated", "fat-fingered", "fatfingered",
    "erred", "goofed", "botched", "bungled",
    // A person's slip at the keyboard or in the config, with a person as the subject ("I
    // probably misconfigured something"); "a misconfigured limit" has none.
    "misconfigured", "mis-configured", "mistyped", "misclicked", "misread",
    // A reading or a signal taken wrongly by a person: "the crew misinterpreted the test",
    // "the driver mistook the alarm for another".
    "misinterpreted", "mistook",
];

/// The same as gerunds: "he later reported miscalculating the amount".
#[rustfmt::skip]
const MIS_GERUNDS: &[&str] = &[
    "mismanaging", "misjudging", "mishandling", "miscalculating", "fat-fingering",
];

/// One of [`ERROR_ADVERBS`] of a person's doing: "the operator mistakenly deleted".
#[inline]
pub(super) fn error_adverb(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(ERROR_ADVERBS) {
        // "they're being incorrectly charged": a passive; the error is the unnamed
        // agent's, not the subject's.
        let passive = i > 0
            && v.any(
                i - 1,
                &[
                    "being", "been", "was", "were", "is", "are", "be", "get", "got",
                ],
            )
            && v.word(i + 1)
                .is_some_and(|w| w.lower.ends_with("ed") || w.lower.ends_with("en"));
        if passive {
            return true;
        }
        // "the incorrectly written rows", "our wrongly labelled alerts": the adverb on a
        // participle before a noun, a thing's state; the person's only when named as its
        // agent ("an incorrectly typed command by an employee").
        if attributive(v, i) {
            if let Some(last) = by_agent(v, i + 1) {
                out.push(found(v, i, last, ""));
            }
            return true;
        }
        let (who, _) = subject(v.tokens(), i);
        // "the result of an operator mistakenly deleting the volume": the person straight
        // before the adverb is the doer, wherever the clause's head is.
        let doer_before = i > 0
            && v.word(i - 1)
                .is_some_and(|w| classify_word(w, false) == Who::Person);
        // "The engineer decided erroneously", "which I committed incorrectly", "I assumed
        // (wrongly)": the adverb after the verb, whose subject is the person (adverbs such as
        // "accidentally" skipped before it).
        let after_verb = || {
            let mut p = i.checked_sub(1)?;
            while p > 0 && v.tokens()[p].punct && v.tokens()[p].lower != "," {
                p -= 1;
            }
            let w = v.word(p)?;
            let verb = w.lower.ends_with("ed") && w.lower.len() > 3
                || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str());
            if !verb || p == 0 || v.any(p - 1, &["was", "were", "been", "be", "is", "are", "being"])
            {
                return None;
            }
            let mut h = p;
            while h > 0
                && v.word(h - 1)
                    .is_some_and(|w| w.lower.ends_with("ly") && w.lower.len() > 3)
            {
                h -= 1;
            }
            Some(subject(v.tokens(), h).0)
        };
        if matches!(who, Who::Person | Who::Name)
            || doer_before
            || matches!(after_verb(), Some(Who::Person | Who::Name))
        {
            out.push(found(v, i, i, ""));
        }
        true
    } else {
        false
    }
}

/// What only passes between people: called poor, it is their failing, as "poor judgement".
const TEAMWORK: &[&str] = &[
    "communication",
    "coordination",
    "co-ordination",
    "collaboration",
    "teamwork",
    "cooperation",
    "co-operation",
];

/// Words before a cause that pin the outcome on it: "stems from", "due to", "because of".
fn cause_before(v: &View, at: usize) -> bool {
    let mut k = at;
    let mut seen = 0;
    while k > 0 && seen < 4 {
        k -= 1;
        if v.tokens()[k].punct {
            return false;
        }
        seen += 1;
        let w = v.word(k);
        if w.is_some_and(|w| w.any(&["from", "to", "of", "by"]))
            && k > 0
            && v.any(
                k - 1,
                &[
                    "stem", "stems", "stemmed", "stemming", "resulted", "results", "result", "due",
                    "because", "caused", "owing", "arose", "arises",
                ],
            )
        {
            return true;
        }
    }
    false
}

/// `there was poor communication between myself and the ops team`, `the issues stem from
/// poor coordination`: people's communication or coordination called poor, with the people
/// named after it or the outcome put on it. Not between things ("poor coordination between
/// the replicas"), not a topic ("poor communication is a common theme"), not advice ("to
/// avoid poor communication").
#[inline]
pub(super) fn poor_teamwork(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(&[
        "poor",
        "bad",
        "inadequate",
        "insufficient",
        "ineffective",
        "weak",
    ]) || !v.any(i + 1, TEAMWORK)
    {
        return false;
    }
    let n = v.tokens().len();
    let advice = (i.saturating_sub(3)..i).any(|k| {
        v.any(
            k,
            &[
                "avoid", "avoiding", "prevent", "against", "no", "not", "without",
            ],
        )
    });
    if advice {
        return false;
    }
    // "between myself and ITS", "among the on-call engineers", "with the vendor"; not
    // "between the replicas" (things, whatever the outcome).
    let named = v.any(
        i + 2,
        &[
            "between", "among", "amongst", "with", "within", "from", "by",
        ],
    );
    let people_after = named
        && (i + 3..(i + 7).min(n))
            .take_while(|k| v.word(*k).is_some() || v.tokens()[*k].lower == ",")
            .any(|k| {
                v.word(k).is_some_and(|w| {
                    w.any(&["myself", "ourselves", "us", "me", "them"])
                        || classify_word(w, false) == Who::Person
                })
            });
    if named && !people_after {
        return false;
    }
    let outcome_after = (i + 2..(i + 8).min(n))
        .take_while(|k| v.word(*k).is_some())
        .any(|k| v.any(k, LED_TO));
    if people_after || outcome_after || cause_before(v, i) {
        out.push(found(v, i, i + 1, ""));
        return true;
    }
    false
}

/// An error adverb used as part of an adjective: a determiner before it, a participle and a
/// noun after ("the incorrectly written rows", "an incorrectly typed command").
pub(super) fn attributive(v: &View, i: usize) -> bool {
    i > 0
        && v.any(
            i - 1,
            &[
                "the", "a", "an", "these", "those", "this", "that", "some", "any", "its", "our",
                "their", "my", "his", "her", "your",
            ],
        )
        && v.word(i + 1).is_some_and(|w| {
            (w.lower.ends_with("ed") || w.lower.ends_with("en") || w.any(&["set", "built"]))
                && w.lower.len() > 3
        })
        && v.word(i + 2).is_some_and(|w| {
            !w.any(&[
                "by", "to", "the", "a", "an", "it", "them", "this", "that", "and", "or", "in",
                "on", "at", "for", "with",
            ])
        })
}

/// Judgement adjectives that, on a practice or a culture, call people's ways bad.
const BAD_WAYS: &[&str] = &[
    "bad",
    "poor",
    "improper",
    "inadequate",
    "inappropriate",
    "sloppy",
    "lax",
    "shoddy",
    "lousy",
    "deficient",
    "careless",
    "reckless",
    "negligent",
    "substandard",
    "weak",
];

/// What only people have or do: practices, habits, culture, workmanship.
#[rustfmt::skip]
const WAYS: &[&str] = &[
    "practices", "habits", "culture", "workmanship", "airmanship", "discipline", "housekeeping",
    // Record keeping, handovers and standards of work are people's too: "poor record
    // keeping", "poor handovers between shifts", "lax coding standards".
    "keeping", "record-keeping", "recordkeeping", "handover", "handovers", "handoffs",
    "standards",
];

/// People's checks and care: called poor, they are blame when the outcome is pinned on them
/// ("an inadequate inspection resulted in the incident"), a finding when not ("inadequate
/// inspection of the fuel lines was found").
#[rustfmt::skip]
const CHECKS: &[&str] = &[
    "inspection", "inspections", "oversight", "supervision", "maintenance", "preparation",
    "planning", "briefing",
];

/// Verbs that pin an outcome on their subject.
const LED_TO: &[&str] = &["resulted", "led", "caused", "contributed", "allowed", "let"];

/// "bad ops practices", "the inadequate safety culture of the company", "sloppy habits":
/// people's ways of working called bad (one kind-of-work word between at most); "an
/// inadequate inspection resulted in …": their checks called poor and the outcome put on
/// them. Not a recommendation against them ("to avoid bad practices") nor a
/// denial ("not poor practices").
#[inline]
pub(super) fn poor_practice(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(BAD_WAYS) {
        return false;
    }
    let n = v.tokens().len();
    // "a poor standard of record keeping": the standard of the work judged.
    let i0 = i;
    let i = if v.any(i + 1, &["standard", "level", "quality"]) && v.is(i + 2, "of") {
        i + 2
    } else {
        i
    };
    // "bad testing on my part", "sloppy review by the on-call": people's work called bad,
    // its doers named after it.
    if v.word(i + 1)
        .is_some_and(|w| crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str()))
        && let Some(last) = owner_after(v, i + 1)
    {
        out.push(found(v, i0, last, ""));
        return true;
    }
    let last = if v.any(i + 1, WAYS) {
        i + 1
    } else if v.word(i + 1).is_some() && v.any(i + 2, WAYS) {
        i + 2
    } else if v.any(i + 1, CHECKS)
        && (i + 2..(i + 8).min(n))
            .take_while(|k| v.word(*k).is_some())
            .any(|k| v.any(k, LED_TO))
    {
        i + 1
    } else {
        return false;
    };
    // "poor standards compliance": the word a modifier of a noun after it, a thing's.
    if v.any(
        last,
        &["standards", "keeping", "handover", "handovers", "handoffs"],
    ) && v.word(last + 1).is_some_and(|w| {
        !w.any(&[
            "of",
            "in",
            "by",
            "between",
            "among",
            "and",
            "or",
            "at",
            "on",
            "across",
            "that",
            "which",
            "were",
            "was",
            "is",
            "are",
            "for",
            "with",
            "from",
            "to",
            "during",
            "throughout",
            "over",
            "when",
            "while",
            "since",
        ]) && !LED_TO.contains(&w.lower.as_str())
    }) {
        return false;
    }
    // "no bad practices", "avoid bad habits", "guard against poor oversight": advice or a
    // denial, no one's ways judged.
    let advice = (i0.saturating_sub(3)..i0).any(|k| {
        v.any(
            k,
            &[
                "avoid",
                "avoiding",
                "prevent",
                "against",
                "no",
                "not",
                "without",
                "discourage",
                "detect",
                "flag",
                "prevents",
            ],
        )
    });
    if advice {
        return false;
    }
    out.push(found(v, i0, last, ""));
    true
}

/// One of [`POOR`] on a person's decision, handling or work.
#[inline]
pub(super) fn poor_word(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(POOR) {
        // "the pilot's improper decision"; "you amended the wrong commit".
        let owner = i.checked_sub(1).and_then(|p| v.word(p));
        // "the pilots' inappropriate response": the plural possessive's apostrophe is left
        // out of its token, and read from the text after it.
        let plural_possessive = |o: &Token| {
            o.lower.ends_with('s')
                && v.text[o.range.end..]
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '\'' | '’'))
                && crate::lexicon::PERSON_NOUNS.contains(&o.lower.as_str())
        };
        let possessed = owner.is_some_and(|o| {
            (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
                || o.any(PERSON_POSSESSIVES)
                || plural_possessive(o)
        });
        let wrong_object = t.is("wrong") && super::wrong::persons_act_called_wrong(v, i);
        if (possessed && !t.is("bad")) || wrong_object {
            let first = if possessed { i - 1 } else { i };
            out.push(found(v, first, i, ""));
        } else if (!t.any(&["bad", "faulty", "flawed"]) || t.is("bad") && v.is(i + 2, "on"))
            && v.word(i + 1).is_some_and(|w| {
                crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                    || w.any(&[
                        "maintenance",
                        "handling",
                        "management",
                        "inspection",
                        "decision-making",
                        "installation",
                        "repair",
                        "repairs",
                        "rigging",
                        "servicing",
                        "assembly",
                        // "inappropriate actions by the operators": an act, its doers named.
                        "action",
                        "actions",
                        "response",
                        "responses",
                        "conduct",
                        "oversight",
                        "supervision",
                        "training",
                    ])
            })
            && let Some(last) = owner_after(v, i + 1).or_else(|| {
                // "inappropriate action by them", "… by those who ran the plant".
                (v.is(i + 2, "by")
                    && (v.any(i + 3, &["them", "him", "her", "us"])
                        || v.is(i + 3, "those") && v.is(i + 4, "who")))
                .then_some(i + 3)
            })
        {
            // "Improper maintenance by company personnel", "inadequate planning on the
            // part of the crew": people's work called poor, its doers named after it.
            out.push(found(v, i, last, ""));
        } else if !t.any(&["bad", "faulty", "flawed"])
            && v.word(i + 1).is_some()
            && v.word(i + 2)
                .is_some_and(|w| PEOPLES_WORK.contains(&w.lower.as_str()))
            && let Some(last) = owner_after(v, i + 2)
        {
            // "poor clinical judgement by the house officer", "inadequate record keeping by
            // the staff": one modifier between the judgement and the work.
            out.push(found(v, i, last, ""));
        } else if !t.any(&["bad", "faulty", "flawed", "wrong"])
            && v.word(i + 1).is_some_and(|w| {
                crate::lexicon::PERSON_NOUNS.contains(&w.lower.as_str())
                    && !w.any(&["support", "management", "lead", "owner", "member"])
            })
            && (i + 2..(i + 4).min(v.tokens().len()))
                .take_while(|k| v.word(*k).is_some())
                .any(|k| {
                    v.word(k)
                        .is_some_and(|w| PEOPLES_WORK.contains(&w.lower.as_str()))
                })
        {
            // "poor crew resource management", "inadequate pilot technique": the people
            // named before their work, which is called poor.
            out.push(found(v, i, i + 1, ""));
        } else if !t.any(&["bad", "faulty", "flawed"])
            && let Some(first) = predicate_on_persons_act(v, i)
        {
            // "The crew's decision to continue the approach was improper".
            out.push(found(v, first, i, ""));
        }
        true
    } else {
        false
    }
}

/// "We did not properly test the rollback".
#[inline]
pub(super) fn did_not_properly(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["properly", "correctly", "adequately", "carefully"])
        && i >= 2
        && (v.is(i - 1, "not") && v.any(i - 2, &["did", "do", "does", "was", "were"])
            || v.any(
                i - 1,
                &["didn't", "never", "don't", "doesn't", "wasn't", "weren't"],
            ))
        && matches!(subject(v.tokens(), i - 1).0, Who::Person | Who::Name)
    {
        // "We did not properly test the rollback": the team's work called improper, like
        // "improperly"; not "the pod did not start properly" (a thing).
        let first = if v.is(i - 1, "not") { i - 2 } else { i - 1 };
        // The adverb goes, the verb stays: "were not properly configured" reads "were not
        // configured", "did not properly test" "did not test".
        out.push(found(v, first, i, v.span(first, i - 1)));
        true
    } else if let Some(first) = not_done_properly(v, i) {
        let last = if v.is(i, "well") { i + 1 } else { i };
        out.push(found(v, first, last, ""));
        true
    } else {
        false
    }
}

/// `we did not consider blank records properly`, `we didn't understand the disk usage well
/// enough`: the adverb after the verb's object, the person's doing called not done right.
/// The first word of the negated verb phrase. Not a thing's ("the pod did not start
/// properly" has no person), nor another clause's ("we didn't notice the disk was not
/// mounted properly": a copula or a clause word between stops the search), nor inability
/// ("we could not test it properly" is not "did not").
fn not_done_properly(v: &View, i: usize) -> Option<usize> {
    let t = v.word(i)?;
    if !(t.any(&[
        "properly",
        "correctly",
        "adequately",
        "thoroughly",
        "sufficiently",
        "carefully",
    ]) || t.is("well") && v.is(i + 1, "enough"))
    {
        return None;
    }
    let mut k = i;
    for _ in 0..8 {
        k = k.checked_sub(1)?;
        let w = v.word(k)?;
        if w.any(&[
            "was", "were", "is", "are", "be", "been", "being", "that", "which", "who", "because",
            "when", "while", "if", "and", "but", "so", "to", "could", "couldn't", "can't",
            "cannot", "have", "had", "get",
        ]) {
            return None;
        }
        let neg = w.any(&["didn't", "don't", "doesn't", "never"])
            || w.is("not") && k > 0 && v.any(k - 1, &["did", "do", "does"]);
        if neg {
            // A verb straight after the negation, then its object up to the adverb; not
            // what reached people ("we did not receive the alerts properly").
            if k + 2 > i
                || v.word(k + 1).is_none_or(|w| {
                    w.any(&[
                        "receive",
                        "get",
                        "see",
                        "hear",
                        "feel",
                        "experience",
                        "have",
                    ])
                })
            {
                return None;
            }
            let at = if w.is("not") { k - 1 } else { k };
            if !matches!(subject(v.tokens(), at).0, Who::Person | Who::Name) {
                return None;
            }
            return Some(at);
        }
    }
    None
}

/// One of [`MIS_NOUNS`], owned by a person.
#[inline]
pub(super) fn mis_noun(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(MIS_NOUNS) {
        // "the pilot's mismanagement of the fuel", "mishandling by the crew".
        let owned = i.checked_sub(1).and_then(|p| v.word(p)).is_some_and(|o| {
            o.any(PERSON_POSSESSIVES)
                || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                    && matches!(classify_word(o, false), Who::Person | Who::Name)
        });
        // "prone to misreading by pilots": a design's liability to a slip, no slip made.
        let liable = i > 0 && v.is(i - 1, "to");
        if owned {
            out.push(found(v, i - 1, i, ""));
        } else if !liable && let Some(last) = owner_after(v, i).or_else(|| by_agent(v, i)) {
            out.push(found(v, i, last, ""));
        }
        true
    } else {
        false
    }
}

/// One of [`MIS_GERUNDS`], with a person earlier in the clause.
#[inline]
pub(super) fn mis_gerund(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(MIS_GERUNDS) && !v.any(i + 1, &["of"]) {
        // "he reported miscalculating the fuel", "an operator mishandling the page": the
        // person earlier in the clause; not "the mishandling of" (a noun, `mis_noun`).
        let person = v.tokens()[..i]
            .iter()
            .rev()
            .take_while(|w| !w.punct)
            .any(|w| !w.masked && classify_word(w, false) == Who::Person);
        if person {
            out.push(found(v, i, i, ""));
        }
        true
    } else {
        false
    }
}

/// One of [`MIS_VERBS`], done by a person.
#[inline]
pub(super) fn mis_verb(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(MIS_VERBS) {
        // "the crew misjudged the distance"; "the fuel was mismanaged by the pilot".
        let passive = i > 0 && v.any(i - 1, &["was", "were", "been", "be", "is", "are"]);
        if passive {
            if let Some(last) = by_agent(v, i) {
                out.push(found(v, i, last, ""));
            }
        } else if matches!(subject(v.tokens(), i).0, Who::Person | Who::Name) {
            out.push(found(v, i, i, ""));
        } else if i > 0
            && v.any(i - 1, &["a", "an", "the", "that", "this", "some"])
            && (i + 1..(i + 3).min(v.tokens().len()))
                .take_while(|k| v.word(*k).is_some())
                .any(|k| {
                    v.word(k)
                        .is_some_and(|w| classify_word(w, false) == Who::Person)
                })
        {
            // "a fat-fingered staffer", "the bungled IT contractor": the participle as an
            // adjective on the person, a trait.
            out.push(found(v, i, i, ""));
        }
        true
    } else {
        false
    }
}

/// "was not properly maintained by myself".
#[inline]
pub(super) fn not_properly_by(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["properly", "correctly", "adequately", "carefully"])
        && i >= 2
        && v.any(i - 1, &["not", "never"])
        && v.any(i - 2, &["was", "were", "been", "is", "are"])
        && let Some(last) = by_agent(v, i + 1)
    {
        // "Situational awareness was not properly maintained by myself": the passive
        // with the person named as the agent.
        out.push(found(v, i - 1, last, ""));
        true
    } else {
        false
    }
}

/// `The crew's decision to continue the approach was improper`: a poor-word as the predicate
/// of a person's decision, handling or judgement (owned by a person). Returns the copula.
fn predicate_on_persons_act(v: &View, at: usize) -> Option<usize> {
    let mut c = at.checked_sub(1)?;
    while c > 0
        && v.any(
            c,
            &[
                "clearly",
                "obviously",
                "entirely",
                "completely",
                "very",
                "also",
            ],
        )
    {
        c -= 1;
    }
    if !v.any(c, &["was", "were", "is", "are"]) {
        return None;
    }
    // The subject: a person's possessive straight before an action noun, in this clause.
    let owned_act = (c.saturating_sub(10)..c)
        .rev()
        .take_while(|k| !v.tokens()[*k].punct && !v.any(*k, &["that", "which", "because"]))
        .any(|h| {
            let act = v.word(h).is_some_and(|w| {
                crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                    || w.any(&[
                        "handling",
                        "assumption",
                        "assumptions",
                        "conclusion",
                        "interpretation",
                        "belief",
                        "management",
                        "choice",
                        "choices",
                        "actions",
                        "call",
                        // "the nurse's response … was inappropriate", "his conduct was poor".
                        "response",
                        "conduct",
                        "behaviour",
                        "behavior",
                    ])
            });
            act && h.checked_sub(1).and_then(|k| v.word(k)).is_some_and(|o| {
                o.any(PERSON_POSSESSIVES)
                    || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                        && matches!(classify_word(o, false), Who::Person | Who::Name)
            })
        });
    owned_act.then_some(c)
}

/// People's work and judgement, called poor with its doers named: "poor clinical judgement by
/// the officer", "poor crew resource management".
#[rustfmt::skip]
const PEOPLES_WORK: &[&str] = &[
    "judgement", "judgment", "management", "handling", "planning", "supervision", "technique",
    "coordination", "communication", "keeping", "record-keeping", "handovers", "handover",
    "decision-making", "airmanship", "monitoring", "documentation", "assessment", "care",
];
