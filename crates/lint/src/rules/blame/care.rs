//! Care and attention found wanting in people, or prescribed to them: "should have paid more
//! attention", "take more care", "must not be distracted", "we need to be careful", "the
//! review was not careful enough", "the crew was not vigilant", "our lack of experience".

use super::found;
use crate::lexicon::PERSON_POSSESSIVES;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// "pay much closer attention", "should have paid more attention".
#[inline]
pub(super) fn pay_closer_attention(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["closer", "more", "better"])
        && v.is(i + 1, "attention")
        && (v.any(i.wrapping_sub(1), &["pay", "pays", "paid", "paying"])
            || (v.any(i.wrapping_sub(1), &["much", "far", "a", "lot"])
                && v.any(i.wrapping_sub(2), &["pay", "pays", "paid", "paying"])))
    {
        // "engineers need to pay much closer attention", "should have paid more attention":
        // the care people lacked, like "more careful"; not "the queue needs more attention".
        let pay = if v.any(i - 1, &["pay", "pays", "paid", "paying"]) {
            i - 1
        } else {
            i - 2
        };
        out.push(found(v, pay, i + 1, ""));
        true
    } else {
        false
    }
}

/// Words between a paying verb and "attention" that leave the attention short when denied
/// ("wasn't paying enough attention", "not paying that much attention").
const SOME_ATTENTION: &[&str] = &[
    "enough",
    "much",
    "that",
    "close",
    "closer",
    "full",
    "proper",
    "any",
    "sufficient",
    "adequate",
    "as",
    "so",
    "real",
    "careful",
];

/// Attention that fell short, paid by people: `I wasn't paying attention`, `the team were not
/// paying enough attention to the change`, `the operators paid insufficient attention to the
/// alarms`, `little attention was paid to safety`; or prescribed in a lesson that starts the
/// sentence (`Pay close attention to the rollout`, `Always pay attention to …`), the "be more
/// careful" fix. Not a present habit of people in general ("users don't pay attention to
/// banners"), a thing's attention ("the alert got no attention"), nor a story of attention
/// paid ("we paid close attention to the graphs").
#[inline]
pub(super) fn attention_paid(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.is("attention")
        || i == 0
        || v.sentence_text().ends_with('?')
        || (i.saturating_sub(7)..i).any(|k| v.any(k, &["if", "unless", "whether"]))
    {
        return false;
    }
    const PAY: &[&str] = &["pay", "pays", "paid", "paying"];
    // The paying verb, a word or two before.
    let short = |k: usize| {
        v.any(
            k,
            &[
                "insufficient",
                "inadequate",
                "little",
                "scant",
                "too",
                "limited",
            ],
        )
    };
    let mut p = i - 1;
    let mut between = 0;
    while p > 0 && between < 2 && (v.any(p, SOME_ATTENTION) || short(p) && !v.is(p, "too")) {
        p -= 1;
        between += 1;
    }
    if v.any(p, PAY) {
        // "wasn't paying attention", "were not paying enough attention": inattention as a
        // state of the person, like "careless". The omission "didn't pay attention" is a
        // negated check, read by the counterfactual rules, and not taken here.
        let denied = v.is(p, "paying")
            && (p.saturating_sub(2)..p).any(|k| v.any(k, &["not", "wasn't", "weren't", "never"]));
        let person = || {
            let at = (p.saturating_sub(3)..p)
                .find(|k| {
                    v.any(
                        *k,
                        &[
                            "not", "wasn't", "weren't", "didn't", "never", "hadn't", "was", "were",
                            "did", "had",
                        ],
                    )
                })
                .unwrap_or(p);
            matches!(subject(v.tokens(), at).0, Who::Person | Who::Name)
        };
        if denied && person() {
            let first = (p.saturating_sub(2)..p)
                .find(|k| v.any(*k, &["not", "wasn't", "weren't", "never"]))
                .unwrap_or(p);
            out.push(found(v, first, i, ""));
            return true;
        }
        // "paid insufficient attention to the alarms".
        if p + 1 < i && short(p + 1) && v.is(p, "paid") && person() {
            out.push(found(v, p, i, ""));
            return true;
        }
        // "Pay close attention to …", "Always pay attention to …": a lesson opening the
        // sentence.
        let start = (0..p)
            .all(|k| v.tokens()[k].punct || v.any(k, &["always", "please", "so", "and", "also"]));
        let intense = v.any(
            i - 1,
            &["close", "careful", "full", "special", "particular"],
        ) || (0..p).any(|k| v.is(k, "always"));
        if v.is(p, "pay") && start && intense {
            out.push(found(v, p, i, ""));
            return true;
        }
        return false;
    }
    // "Insufficient attention was paid to …": the same in the passive, its payers unnamed.
    if short(i - 1)
        && !v.is(i - 1, "too")
        && v.any(i + 1, &["was", "is", "had", "has", "were"])
        && v.any(i + 2, &["paid", "given", "been"])
    {
        let last = if v.is(i + 2, "been") { i + 3 } else { i + 2 };
        if v.is(last, "paid") || v.is(last, "given") {
            out.push(found(v, i - 1, last, ""));
            return true;
        }
    }
    false
}

/// `Double-check everything`, `Triple check every command`: a lesson opening the sentence that
/// asks for checking over again of all one does, the "be more careful" fix. Not a particular
/// step ("Double-check the ARN before applying" is a procedure).
#[inline]
pub(super) fn check_everything(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    let (verb, last) = if t.any(&["double-check", "triple-check", "double-checking"]) {
        (true, i)
    } else if t.any(&["double", "triple"]) && v.any(i + 1, &["check", "checking"]) {
        (true, i + 1)
    } else {
        (false, i)
    };
    if !verb || !(0..i).all(|k| v.tokens()[k].punct || v.any(k, &["always", "please"])) {
        return false;
    }
    let all = v.any(last + 1, &["everything", "all"])
        || v.any(last + 1, &["every", "each"])
            && v.any(
                last + 2,
                &[
                    "command", "commands", "change", "step", "action", "input", "deploy",
                ],
            );
    if all {
        let end = if v.any(last + 1, &["every", "each"]) {
            last + 2
        } else {
            last + 1
        };
        out.push(found(v, i, end, ""));
    }
    all
}

/// "pay more attention to the checklist", "take more care".
#[inline]
pub(super) fn more_attention(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["more", "closer", "greater", "extra"])
        && v.any(i + 1, &["attention", "care"])
        && i > 0
        && v.any(i - 1, GIVE_CARE)
    {
        // "pay more attention to the checklist", "take more care"; not "brings more
        // attention" (what a thing draws).
        out.push(found(v, i - 1, i + 1, ""));
        true
    } else {
        false
    }
}

/// What people give a task: wanted in greater measure, it says they gave too little.
const CARE_NOUNS: &[&str] = &[
    "attention",
    "care",
    "vigilance",
    "diligence",
    "caution",
    "rigour",
    "rigor",
    "focus",
    "concentration",
    "scrutiny",
];

/// "More attention to detail was needed", "greater vigilance is required", "more care
/// should be taken", "extra scrutiny was warranted": care wanted of people, the "be more
/// careful" fix in the passive. Not "the queue needs more attention" (the need before the
/// care: a thing's), nor a care noun with nothing asked of it ("more attention from users").
#[inline]
pub(super) fn care_needed(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !(t.any(&[
        "more",
        "greater",
        "closer",
        "extra",
        "better",
        "increased",
        "additional",
    ]) && v.any(i + 1, CARE_NOUNS))
    {
        return false;
    }
    let n = v.tokens().len();
    let needed = (i + 2..(i + 8).min(n))
        .take_while(|k| v.word(*k).is_some() || v.tokens()[*k].lower == "/")
        .find(|k| {
            v.any(
                *k,
                &[
                    "needed",
                    "required",
                    "necessary",
                    "warranted",
                    "taken",
                    "exercised",
                    "paid",
                ],
            )
        });
    let Some(last) = needed else { return false };
    // "is taken", "should be paid": the auxiliary makes it a passive, the care asked of
    // people; "taken" alone could be an adjective ("more care taken than usual").
    let passive = (i + 2..last).any(|k| {
        v.any(
            k,
            &[
                "was", "is", "were", "are", "be", "been", "will", "must", "should",
            ],
        )
    });
    if !passive && !v.any(last, &["needed", "required", "necessary", "warranted"]) {
        return false;
    }
    out.push(found(v, i, last, ""));
    true
}

/// "should never distract a pilot", "crews must not be distracted".
#[inline]
pub(super) fn not_distract(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["distract", "distracted"]) && prescribed(v, i) {
        // "should never distract a pilot from their flight duties", "crews must not be
        // distracted": the "be more careful" fix, in its negative form.
        let n = v.tokens().len();
        let person = (i.saturating_sub(6)..(i + 4).min(n)).any(|k| {
            v.word(k)
                .is_some_and(|w| classify_word(w, false) == Who::Person)
        });
        if person {
            out.push(found(v, i, i, ""));
        }
        true
    } else {
        false
    }
}

/// "we need to be careful": see [`care_prescribed`].
#[inline]
pub(super) fn be_careful(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("be")
        && let Some(last) = care_prescribed(v, i)
    {
        out.push(found(v, i, last, ""));
        true
    } else {
        false
    }
}

/// "not thorough enough", "not careful enough".
#[inline]
pub(super) fn not_careful_enough(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(NOT_CAREFUL_ENOUGH)
        && i >= 1
        && v.is(i - 1, "not")
        && v.is(i + 1, "enough")
        && matches!(
            subject(v.tokens(), i - 1).0,
            Who::Person | Who::Name | Who::Activity
        )
    {
        // "Testing in staging not thorough enough", "the review was not careful enough":
        // people or their work measured against the care it needed.
        out.push(found(v, i - 1, i, ""));
        true
    } else if t.any(&["clear", "explicit", "specific"])
        && i >= 2
        && v.is(i - 1, "not")
        && v.is(i + 1, "enough")
        && v.any(i - 2, &["was", "were", "am", "are", "been"])
        && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name)
    {
        // "we were not clear enough with the vendor", "I was not explicit enough": people's
        // communication measured against what it needed; not "the docs were not clear
        // enough" (a thing's).
        out.push(found(v, i - 1, i + 1, ""));
        true
    } else {
        false
    }
}

/// "The crew was not vigilant".
#[inline]
pub(super) fn not_vigilant(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(NOT_CAREFUL_ENOUGH)
        && i >= 2
        && v.any(i - 1, &["not", "never"])
        && v.any(i - 2, &["was", "were", "is", "are", "been"])
        && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name)
    {
        // "The crew was not vigilant": care denied to a person, a trait like "careless".
        out.push(found(v, i - 1, i, ""));
        true
    } else {
        false
    }
}

/// "lack", "lacked", "lacking": see [`lack_in_people`].
#[inline]
pub(super) fn lack_word(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["lack", "lacked", "lacking"]) {
        lack_in_people(v, i, out);
        true
    } else {
        false
    }
}

/// Verbs for giving care or attention: the lesson asks it of people.
const GIVE_CARE: &[&str] = &[
    "pay",
    "pays",
    "paid",
    "paying",
    "take",
    "takes",
    "took",
    "taken",
    "taking",
    "with",
    "exercise",
    "exercised",
    "give",
    "giving",
];

/// What people bring to the work: a lack of it, said of them, is a failing of theirs.
const COMPETENCE: &[&str] = &[
    "understanding",
    "knowledge",
    "awareness",
    "experience",
    "expertise",
    "familiarity",
    "care",
    "attention",
    "diligence",
    "rigour",
    "rigor",
    "discipline",
    "ownership",
    "judgement",
    "judgment",
    "vigilance",
    "alertness",
    "caution",
    "focus",
    "concentration",
    "skill",
    "skills",
    "proficiency",
    "competence",
    "airmanship",
];

/// `Lack of deeper understanding of Kubernetes components in the team`, `our lack of
/// experience`: people's knowledge or care found wanting. Not "a lack of understanding of the
/// scope" with nobody named as lacking it, nor "lack of monitoring" (a thing).
fn lack_in_people(v: &View, i: usize, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let mut k = i + 1;
    if v.is(k, "of") {
        k += 1;
    }
    while k < i + 5 && v.word(k).is_some_and(|w| !w.any(COMPETENCE)) {
        k += 1;
    }
    if !v.any(k, COMPETENCE) {
        return;
    }
    let owner_before = i.checked_sub(1).and_then(|p| v.word(p)).is_some_and(|o| {
        o.any(PERSON_POSSESSIVES)
            || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
    });
    // "… in the team", "among engineers", "on the part of the operator".
    let owner_after = (k + 1..(k + 10).min(n))
        .take_while(|j| !v.tokens()[*j].punct)
        .any(|j| {
            v.any(j, &["in", "among", "within", "across", "by", "part"])
                && (j + 1..(j + 4).min(n)).any(|p| {
                    v.word(p)
                        .is_some_and(|w| classify_word(w, false) == Who::Person)
                })
        });
    // "The team lacked experience": the subject is the person.
    let subject_lacks = !v.is(i, "lack") && subject(v.tokens(), i).0.is_person();
    if owner_before || owner_after || subject_lacks {
        let first = if owner_before { i - 1 } else { i };
        out.push(found(v, first, k, "no one had"));
    }
}

/// A prescription before `at`: "should never", "must not", "need to", "ought to".
fn prescribed(v: &View, at: usize) -> bool {
    (at.saturating_sub(4)..at).any(|k| {
        v.any(
            k,
            &["should", "must", "shouldn't", "mustn't", "ought", "gotta"],
        ) || v.any(k, &["need", "needs", "have", "has"]) && v.is(k + 1, "to")
    }) && !(at.saturating_sub(6)..at).any(|k| v.any(k, &["if", "whether", "unless"]))
}

/// "We need to be careful when …", "Crews need to be aware of the danger of oil and
/// oxygen", "pilots must be vigilant": care prescribed to people, the "be more careful" fix.
/// Not "customers should be aware that the API changes" (a notice, not a lesson), nor a
/// system ("the job must be careful" does not occur; a thing has no care to give).
fn care_prescribed(v: &View, be: usize) -> Option<usize> {
    // "One can never be too careful", "you can never be vigilant enough": the idiom
    // prescribes care as much as "must be vigilant" does.
    let never_enough = (be.saturating_sub(2)..be).any(|k| v.any(k, &["never", "cannot", "can't"]))
        && (be.saturating_sub(3)..be).any(|k| v.any(k, &["can", "cannot", "can't", "could"]));
    if never_enough {
        let k = if v.is(be + 1, "too") { be + 2 } else { be + 1 };
        let care = v.word(k).is_some_and(|w| {
            w.any(NOT_CAREFUL_ENOUGH) || w.any(&["vigilance", "careful", "cautious", "mindful"])
        });
        return care.then_some(k);
    }
    if !prescribed(v, be) {
        return None;
    }
    let mut k = be + 1;
    if v.any(
        k,
        &[
            "extra",
            "especially",
            "very",
            "particularly",
            "extremely",
            "always",
        ],
    ) {
        k += 1;
    }
    let w = v.word(k)?;
    let care = w.any(&["careful", "vigilant", "attentive", "cautious", "mindful"]);
    let aware_of_danger = w.is("aware")
        && v.is(k + 1, "of")
        && (k + 2..(k + 4).min(v.tokens().len())).any(|d| {
            v.any(
                d,
                &[
                    "danger",
                    "dangers",
                    "risk",
                    "risks",
                    "hazard",
                    "hazards",
                    "consequences",
                ],
            )
        });
    if !(care || aware_of_danger) {
        return None;
    }
    // The one prescribed to is a person: the subject before the modal.
    let modal = (be.saturating_sub(4)..be).find(|m| {
        v.any(
            *m,
            &[
                "gotta",
                "should",
                "must",
                "shouldn't",
                "mustn't",
                "ought",
                "need",
                "needs",
                "have",
                "has",
            ],
        ) && (!v.any(*m, &["have", "has"]) || v.is(m + 1, "to"))
    })?;
    // "You need to be careful with rm -rf": a warning to the reader (a runbook, chat
    // advice), not a lesson about what happened.
    let (who, head) = subject(v.tokens(), modal);
    let reader = head.is_some_and(|h| v.any(h, &["you", "u", "ya"]));
    // "Just gotta be careful": chat drops the subject, the writer's own lesson.
    let dropped = who == Who::Nobody && v.any(modal, &["gotta"]);
    (matches!(who, Who::Person | Who::Activity | Who::Name) && !reader || dropped).then_some(k)
}

/// Care and attention that, denied to a person ("was not vigilant"), name a failing.
const NOT_CAREFUL_ENOUGH: &[&str] = &[
    "vigilant",
    "careful",
    "attentive",
    "cautious",
    "diligent",
    "thorough",
    "alert",
];

/// Verbs of looking into a problem: done "more closely", they are the investigation.
const INQUIRY: &[&str] = &[
    "look",
    "investigate",
    "analyse",
    "analyze",
    "examine",
    "study",
    "dig",
    "explore",
    "research",
    "evaluate",
    "assess",
    "understand",
    "inspect",
];

/// A lesson's frame before the verb at `at`: a modal ("should", "need to") or, when
/// `resolves`, a resolve ("we will", "try to", "want to"), or the verb phrase starts the sentence (an imperative in a
/// list of actions). The subject is a person or there is none; not a question, nor a
/// condition ("if we had monitored more closely").
fn lesson_frame(v: &View, at: usize, resolves: bool) -> bool {
    if v.sentence_text().ends_with('?') {
        return false;
    }
    // "More closely monitor …", "Review changes more thoroughly": the sentence starts with
    // the verb phrase (not "We looked more closely", a pronoun first).
    let imperative = v.tokens()[..at].iter().all(|t| t.punct)
        && v.word(at).is_some_and(|w| {
            w.is("more") || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
        });
    if imperative {
        return true;
    }
    if (at.saturating_sub(6)..at).any(|k| v.any(k, &["if", "whether", "unless"])) {
        return false;
    }
    // The modal or the resolve, and the one it is asked of: its subject.
    let frame = (at.saturating_sub(4)..at).find(|k| {
        v.any(*k, &["should", "must", "ought", "shouldn't", "mustn't"])
            || v.any(*k, &["have", "has", "need", "needs"]) && v.is(k + 1, "to")
            || resolves
                && (v.any(*k, &["will", "'ll", "shall"])
                    || v.any(*k, &["try", "want", "plan", "going", "aim", "strive"])
                        && v.is(k + 1, "to"))
    });
    let Some(k) = frame else { return false };
    // "We need to try to communicate better": past the resolves, to the first.
    let mut k = k;
    while k >= 2
        && v.is(k - 1, "to")
        && v.any(
            k - 2,
            &["try", "want", "need", "needs", "have", "plan", "going"],
        )
    {
        k -= 2;
    }
    matches!(
        subject(v.tokens(), k).0,
        Who::Person | Who::Name | Who::Nobody
    )
}

/// The clause that holds `at` opens with a base-form verb, at the sentence's start or after a
/// colon ("The conclusion is simple: prepare the scripts earlier and review them harder"): an
/// imperative, as in a list of actions.
fn imperative_clause(v: &View, at: usize) -> bool {
    let t = v.tokens();
    let start = (0..at)
        .rev()
        .find(|c| t[*c].punct && t[*c].lower == ":")
        .map_or(0, |c| c + 1);
    !v.sentence_text().ends_with('?')
        && v.word(start).is_some_and(|w| {
            crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                && !w.lower.ends_with("ed")
                && !w.lower.ends_with("ing")
                && !w.lower.ends_with('s')
        })
        && !(start..at).any(|c| {
            v.word(c)
                .is_some_and(|w| w.any(&["i", "we", "they", "he", "she", "you"]))
        })
}

/// `More closely monitor for errors after deploys`, `we need to review changes more
/// thoroughly`, `Do a better job with QA`, `we will try to communicate better`: closer
/// attention or better work prescribed to people in a lesson or an action item, the "be
/// more careful" fix. Not the same words in the story ("we looked more closely at the logs",
/// "the team did a better job this time"), nor a tool's ("the new probe will monitor it more
/// closely": a thing as the subject).
#[inline]
pub(super) fn closer_watch(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("more") && v.any(i + 1, &["closely", "thoroughly", "rigorously"]) {
        // The adverb before the verb ("More closely monitor", "need to more closely watch")
        // or after the verb and its object ("review changes more thoroughly"): the frame is
        // looked for before the verb phrase, a base form of a people's verb.
        // Looking into the problem more closely is investigation, not care asked of people
        // ("we need to look into this more closely", "investigate the cause more
        // thoroughly"); nor is watching the incident itself ("monitor the situation").
        let inquiry = |k: usize| {
            v.any(k, INQUIRY)
                || (k..i).any(|m| {
                    v.any(
                        m,
                        &[
                            "this",
                            "it",
                            "situation",
                            "issue",
                            "incident",
                            "cause",
                            "problem",
                        ],
                    )
                })
        };
        let framed = lesson_frame(v, i, false) && !v.any(i + 2, INQUIRY)
            || (i.saturating_sub(5)..i).any(|k| {
                (k..i).all(|m| v.word(m).is_some())
                    && v.word(k).is_some_and(|w| {
                        crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                            && !w.lower.ends_with("ed")
                            && !w.any(&["had", "did", "got", "made", "took", "ran", "saw"])
                    })
                    && !inquiry(k)
                    && lesson_frame(v, k, false)
            });
        if framed {
            out.push(found(v, i, i + 1, ""));
            return true;
        }
        return false;
    }
    // "review it harder", "test the patches harder": a check done with more effort, asked in
    // a lesson (an imperative or a modal), as "more thoroughly".
    if t.is("harder")
        && let Some(k) = (i.saturating_sub(3)..i).find(|k| {
            v.any(
                *k,
                &[
                    "review",
                    "test",
                    "check",
                    "verify",
                    "scrutinise",
                    "scrutinize",
                ],
            )
        })
        && (k + 1..i).all(|m| v.word(m).is_some())
        && (lesson_frame(v, k, false) || k >= 1 && v.is(k - 1, "and") && imperative_clause(v, k))
    {
        out.push(found(v, k, i, ""));
        return true;
    }
    if t.is("better")
        && i >= 2
        && v.is(i - 1, "a")
        && v.any(i.wrapping_sub(2), &["do", "doing"])
        && v.is(i + 1, "job")
        && lesson_frame(v, i - 2, false)
    {
        out.push(found(v, i - 2, i + 1, ""));
        return true;
    }
    if t.any(&["communicate", "communicating"])
        && (v.is(i + 1, "better")
            || v.is(i + 1, "more") && v.any(i + 2, &["clearly", "effectively", "explicitly"]))
        && lesson_frame(v, i, true)
    {
        let last = if v.is(i + 1, "better") { i + 1 } else { i + 2 };
        out.push(found(v, i, last, ""));
        return true;
    }
    false
}
