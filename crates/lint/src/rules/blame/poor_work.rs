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
];

/// Nouns for a person's action done badly: "mismanagement", "misjudgement".
#[rustfmt::skip]
const MIS_NOUNS: &[&str] = &[
    "mismanagement", "misjudgment", "misjudgement", "misjudgments", "misjudgements",
    "mishandling", "miscalculation", "miscalculations", "misuse",
    // A thing's error unless its owner is named: "our misconfiguration", "a
    // misconfiguration on the vendor's part" (`mis_noun` needs the owner).
    "misconfiguration", "misconfigurations",
];

/// Verbs for a person's action done badly: "misjudged the approach".
#[rustfmt::skip]
const MIS_VERBS: &[&str] = &[
    "mismanaged", "misjudged", "mishandled", "miscalculated", "fat-fingered", "fatfingered",
    "erred", "goofed", "botched", "bungled",
    // A person's slip at the keyboard or in the config, with a person as the subject ("I
    // probably misconfigured something"); "a misconfigured limit" has none.
    "misconfigured", "mis-configured", "mistyped", "misclicked", "misread",
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
        let possessed = owner.is_some_and(|o| {
            (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
                || o.any(PERSON_POSSESSIVES)
        });
        let wrong_object = t.is("wrong")
            && i > 0
            && v.is(i - 1, "the")
            && !(i >= 2 && v.any(i - 2, FOUND_VERBS))
            && {
                let (who, head) = subject(v.tokens(), i.saturating_sub(2));
                // "what driver are you using? perhaps the wizard picked the wrong one": chat
                // goes on after "?" in lower case; the person must be in the same utterance.
                let who = if head.is_some_and(|h| (h..i).any(|k| v.stop_after(k))) {
                    Who::Thing
                } else {
                    who
                };
                // "sorry, tagged the wrong person", "oops pushed the wrong branch": chat drops
                // the "I" after an apology; the past tense straight after it is the writer's.
                let before = if i >= 4 && v.tokens()[i - 3].punct {
                    i - 4
                } else {
                    i.saturating_sub(3)
                };
                let apology = i >= 3
                    && v.any(before, &["sorry", "oops", "whoops", "sry", "soz"])
                    && v.word(i - 2).is_some_and(|w| w.lower.ends_with("ed"));
                who == Who::Person || apology
            };
        let wrong_object = wrong_object
            || t.is("wrong")
                && (wrong_without_article(v, i) || wrong_target(v, i) || did_it_wrong(v, i));
        if (possessed && !t.is("bad")) || wrong_object {
            let first = if possessed { i - 1 } else { i };
            out.push(found(v, first, i, ""));
        } else if !t.any(&["bad", "faulty", "flawed"])
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
                    ])
            })
            && let Some(last) = owner_after(v, i + 1)
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
        out.push(found(v, first, i, "did not"));
        true
    } else {
        false
    }
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
        if owned {
            out.push(found(v, i - 1, i, ""));
        } else if let Some(last) = owner_after(v, i).or_else(|| by_agent(v, i)) {
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

/// Verbs that send or put something somewhere, whose "to" or "into" names where.
#[rustfmt::skip]
const SENDING: &[&str] = &[
    "send", "sent", "push", "copy", "move", "post", "mail", "email", "paste", "write", "wrote",
    "clone", "upload", "deploy", "install", "point", "commit", "forward", "reply", "tag",
];

/// Chat drops the article: "i cloned wrong drive", "I do it all the time, send things to
/// wrong people". "wrong" straight after a past tense, or after "to"/"into" that follows a
/// verb, and before a noun; the doer a person, or left out after the writer's "I" or "we"
/// earlier in the sentence. Not "wired wrong", "went wrong" (no noun follows), nor a thing's
/// doing ("the wizard picked wrong one").
fn wrong_without_article(v: &View, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| v.word(p)) else {
        return false;
    };
    let noun_follows = v.word(i + 1).is_some_and(|n| {
        !n.any(&[
            "on", "in", "at", "for", "with", "about", "and", "or", "to", "by", "again", "way",
            "so", "but", "because", "here", "there", "too", "though",
        ]) && !n.lower.ends_with("ly")
    });
    if !noun_follows {
        return false;
    }
    let verb = if prev.lower.ends_with("ed") && prev.lower.len() > 3 {
        Some(i - 1)
    } else if prev.any(&["to", "into", "onto"]) {
        (i.saturating_sub(5)..i - 1).rev().find(|k| {
            v.word(*k).is_some_and(|w| {
                w.lower.ends_with("ed")
                    || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                    || w.any(SENDING)
            })
        })
    } else {
        None
    };
    let Some(verb) = verb else { return false };
    let (who, head) = subject(v.tokens(), verb);
    if head.is_some_and(|h| (h..i).any(|k| v.stop_after(k))) {
        return false;
    }
    who == Who::Person && !head.is_some_and(|h| v.any(h, &["they", "them"]))
        || head.is_none() && (0..verb).any(|k| v.any(k, &["i", "we", "i'm", "im", "i've"]))
}

/// Verbs that are past tenses without "-ed": "hit the wrong script", "put the ! in the wrong
/// spot", "ran it on the wrong host".
#[rustfmt::skip]
const IRREGULAR_PASTS: &[&str] = &[
    "hit", "put", "ran", "took", "chose", "sent", "set", "cut", "wrote", "got", "did", "made",
    "left", "kept", "shut", "brought", "read", "built", "threw", "gave", "dug", "won",
];

/// Verbs of finding or receiving: the wrong thing found is not an error of the finder.
#[rustfmt::skip]
const FOUND_VERBS: &[&str] = &[
    "noticed", "observed", "found", "spotted", "detected", "discovered", "identified",
    "reported", "received", "got", "given", "shown", "showed", "seeing", "noticing", "finding",
    "receiving", "getting",
];

/// Prepositions and determiners between a verb and "wrong": "pushed to the wrong branch",
/// "deleted a directory on the wrong server", "looked in the wrong place".
const TO_WRONG: &[&str] = &[
    "to", "into", "onto", "on", "in", "at", "from", "against", "with", "the", "a", "two", "some",
];

/// `I committed to the wrong branch`, `Pushed two wrong commits`, `They spent hours
/// investigating the wrong problem`, `he accidentally hit the wrong script`: "wrong" on the
/// object or the place of a person's act, the doer a person, or left out at the start of the
/// utterance (chat: "Accidentally pushed to wrong branch"). Not a thing's doing ("the script
/// picked the wrong host"), a passive ("traffic was sent to the wrong pool"), advice or a
/// supposition ("don't push to the wrong branch", "if you deploy to the wrong cluster"), nor
/// "went wrong".
fn wrong_target(v: &View, i: usize) -> bool {
    // A noun after "wrong" (not "wrong with", "wrong again").
    if !v.word(i + 1).is_some_and(|w| {
        !w.any(&[
            "on", "in", "at", "for", "with", "about", "and", "or", "to", "by", "again", "way",
            "so", "but", "because", "here", "there", "too", "though", "is", "was", "are", "were",
        ]) && !w.lower.ends_with("ly")
    }) {
        return false;
    }
    // Back to the verb: over determiners and prepositions, and up to three object words
    // before a preposition ("deleted a directory on the wrong server").
    let mut k = i;
    let mut object_words = 0;
    let verb = loop {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let Some(w) = v.word(p) else { return false };
        let past = w.lower.ends_with("ed") && w.lower.len() > 3 || w.any(IRREGULAR_PASTS);
        let gerund = w.lower.ends_with("ing") && w.lower.len() > 5;
        if (past || gerund) && !w.any(&["need", "embed", "speed", "red", "bed"]) {
            break p;
        }
        if w.any(TO_WRONG) {
            k = p;
            continue;
        }
        // "alerts for the wrong cluster", "a ticket about the wrong host": another
        // preposition ties "wrong" to a noun, not to the act.
        if w.any(&[
            "for", "about", "by", "of", "after", "during", "under", "over", "behind", "than",
        ]) {
            return false;
        }
        object_words += 1;
        if object_words > 3
            || w.any(&[
                "it's", "is", "was", "were", "are", "be", "been", "being", "not", "no",
            ])
            || w.any(&[
                "that", "which", "who", "because", "if", "when", "and", "but", "so", "what",
            ])
        {
            return false;
        }
        k = p;
    };
    // Finding or receiving the wrong thing is not erring: "we noticed the wrong timestamp",
    // "we were given the wrong figures".
    if v.any(verb, FOUND_VERBS) {
        return false;
    }
    let gerund = v.word(verb).is_some_and(|w| w.lower.ends_with("ing"));
    // The words before the verb: adverbs ("accidentally", "then") and auxiliaries.
    let mut b = verb;
    while b > 0
        && v.word(b - 1).is_some_and(|w| {
            w.lower.ends_with("ly") && w.lower.len() > 3
                || w.any(&[
                    "had", "have", "'ve", "then", "also", "just", "once", "first",
                ])
        })
    {
        b -= 1;
    }
    let before = b.checked_sub(1).and_then(|p| v.word(p));
    // A passive or a negation: "was sent to the wrong pool", "didn't push to the wrong".
    if before.is_some_and(|w| {
        w.any(&[
            "was", "were", "is", "are", "be", "been", "being", "get", "got", "not", "never", "to",
        ]) || w.lower.ends_with("n't")
    }) && !(gerund && before.is_some_and(|w| w.any(&["was", "were", "been", "is", "are", "am"])))
    {
        // "I managed to merge things in the wrong branches": an infinitive after a past
        // tense of trying is the act done.
        let managed = before.is_some_and(|w| w.is("to"))
            && b >= 2
            && v.any(
                b - 2,
                &["managed", "tried", "happened", "decided", "chose", "went"],
            );
        if !managed {
            return false;
        }
    }
    // A supposition or advice in the clause: "if you push to the wrong branch".
    let clause_start = (0..verb)
        .rev()
        .find(|c| v.tokens()[*c].punct || v.stop_after(*c))
        .map_or(0, |c| c + 1);
    // A modal or a negation earlier in the clause: "they won't accidentally be running
    // commands targeting the wrong cluster", "the only problem you might have is …".
    if (clause_start..verb).any(|c| {
        v.word(c).is_some_and(|w| {
            w.any(&[
                "if", "unless", "whether", "avoid", "never", "will", "would", "might", "may",
                "can", "could", "should", "must",
            ]) || w.lower.ends_with("n't")
        })
    }) {
        return false;
    }
    // The present progressive is what is going on now, not an outcome: "I'm writing in the
    // wrong place".
    if gerund
        && before
            .is_some_and(|w| w.any(&["am", "'m", "i'm", "is", "are", "'re", "we're", "you're"]))
    {
        return false;
    }
    // The doer: the subject; for a gerund, a person anywhere before it in the clause
    // ("They spent precious time investigating the wrong problem"); or nobody at the start of
    // the utterance, the writer's own past act.
    let (who, head) = subject(v.tokens(), b);
    // Chat goes on after "?" in lower case: the subject must be in the same utterance.
    let person = matches!(who, Who::Person | Who::Name) && head.is_none_or(|h| h >= clause_start);
    let gerund_person = gerund
        && (clause_start..verb).any(|c| {
            v.word(c)
                .is_some_and(|w| classify_word(w, false) == Who::Person && !w.is("it"))
        });
    let dropped = !gerund
        && (b == clause_start
            || head.is_none()
                && (clause_start..b).all(|c| {
                    v.word(c).is_none_or(|w| {
                        w.any(&["oops", "sorry", "whoops", "ugh", "damn", "accidentally"])
                    })
                }));
    person || gerund_person || dropped
}

/// `Whoever set up the permissions did it wrong`, `must have done something wrong`, `the crew
/// getting it wrong`, `doing this wrong`: a person's doing called wrong, "wrong" as the
/// adverb after do or get and its object. Not "what went wrong", "something was wrong", a
/// thing's doing ("the parser gets it wrong"), nor denied ("we didn't do anything wrong").
fn did_it_wrong(v: &View, i: usize) -> bool {
    // Nothing more of the clause after "wrong" but a time or a place.
    if v.word(i + 1)
        .is_some_and(|w| !w.any(&["again", "before", "first", "twice", "once", "a", "the"]))
        && !v.any(
            i + 1,
            &[
                "in", "on", "when", "while", "at", "and", "but", "so", "because", "lol",
            ],
        )
    {
        return false;
    }
    let mut k = i.checked_sub(1);
    if k.is_some_and(|k| v.any(k, &["so", "all", "very", "completely", "totally"])) {
        k = k.and_then(|k| k.checked_sub(1));
    }
    let Some(mut k) = k else { return false };
    // The object: "it", "this", "something", "the steps", a few words at most.
    let mut object_words = 0;
    while object_words < 4
        && !v.any(
            k,
            &[
                "do", "did", "done", "doing", "does", "get", "got", "gets", "getting", "gotten",
            ],
        )
    {
        if v.word(k)
            .is_none_or(|w| w.any(&["is", "was", "were", "are", "went", "be", "been"]))
        {
            return false;
        }
        object_words += 1;
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        k = p;
    }
    if object_words == 0 || object_words >= 4 {
        return false;
    }
    let verb = k;
    if v.sentence_text().ends_with('?') {
        return false;
    }
    let denied = (0..i).any(|c| {
        v.word(c).is_some_and(|w| {
            w.any(&["not", "never", "nothing", "anything", "if", "nobody"])
                || w.lower.ends_with("n't")
                || w.is("no") && c + 3 >= verb
        })
    });
    if denied {
        return false;
    }
    let (who, head) = subject(v.tokens(), verb);
    let clause_start = (0..verb)
        .rev()
        .find(|c| v.tokens()[*c].punct || v.stop_after(*c))
        .map_or(0, |c| c + 1);
    let who = if head.is_some_and(|h| h < clause_start) {
        Who::Thing
    } else {
        who
    };
    let gerund_person = v.word(verb).is_some_and(|w| w.lower.ends_with("ing"))
        && (clause_start..verb).any(|c| {
            v.word(c)
                .is_some_and(|w| classify_word(w, false) == Who::Person && !w.is("it"))
        });
    matches!(who, Who::Person | Who::Name)
        || gerund_person
        || head.is_none() && !v.word(verb).is_some_and(|w| w.lower.ends_with("ing"))
}

/// People's work and judgement, called poor with its doers named: "poor clinical judgement by
/// the officer", "poor crew resource management".
#[rustfmt::skip]
const PEOPLES_WORK: &[&str] = &[
    "judgement", "judgment", "management", "handling", "planning", "supervision", "technique",
    "coordination", "communication", "keeping", "record-keeping", "handovers", "handover",
    "decision-making", "airmanship", "monitoring", "documentation", "assessment", "care",
];
