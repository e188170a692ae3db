//! The lapse named as a failure: "failed to notice", "neglected to check", "the pilot's
//! failure to maintain", "Equifax's failure to patch". Not a failure foreseen or supposed,
//! nor a service failing at its own work ("we failed to process 128,000 deployments").

use super::hypothetical;
use crate::Category;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::counterfactual::words::DUTIES;
use crate::rules::counterfactual::{organisation, push, question, verb_is_human};
use crate::rules::{Found, View, suggestion};

/// `failed to notice`, `neglected to check`, with a person as the subject.
pub(in crate::rules::counterfactual) fn failed_to(v: &View, f: usize, out: &mut Vec<Found>) {
    // "if testing fails to occur, we are roadblocked": a failure supposed, not judged.
    // "i still fail to see the reason": disagreement, not an omission.
    // "most builds would fail to complete", "it may fail to load": a failure foreseen.
    if hypothetical(v, f)
        || v.is(f, "fail") && v.any(f + 2, &["see", "understand", "grasp", "follow"])
        || v.is(f, "fail")
            && f > 0
            && v.any(
                f - 1,
                &[
                    "would", "will", "may", "might", "could", "can", "'ll", "wouldn't",
                ],
            )
    {
        return;
    }
    let (who, head) = subject(v.tokens(), f);
    // "Which mitigations were in place that should have prevented this, but failed to
    // prevent it?": after ", but" the subject is the clause before's, here a thing's.
    let (who, head) = match (who, comma_coordinated(v, f)) {
        (Who::Nobody, Some(shared)) => shared,
        _ => (who, head),
    };
    // "The first [blunder] was to fail to set the altimeter": an infinitive after a copula
    // names an action, whose doer is left out.
    let who =
        if f >= 2 && v.is(f - 1, "to") && v.any(f - 2, &["was", "were", "is", "are", "be", "been"])
        {
            Who::Nobody
        } else {
            who
        };
    let inherently_human = v.any(f, &["neglected", "neglect", "omitted"]);
    let k = v.past(
        f + 2,
        &[
            "fully",
            "properly",
            "adequately",
            "quickly",
            "correctly",
            "really",
            "even",
        ],
    );
    let verb = v.word(k);
    // "the pilot failing to maintain airspeed": a gerund with a person as its subject. Not
    // "the kernel panics on boot, failing to recognize …" (the clause before's subject), nor
    // the progressive "Infrastructure is failing to push configs" (a malfunction going on).
    // "the consequences of failing to compare the route", "by failing to brief the crew": a
    // gerund after a preposition, its doer left out, failing at people's work.
    let nominal = v.is(f, "failing")
        && f > 0
        && v.any(
            f - 1,
            &[
                "of",
                "by",
                "for",
                "from",
                "about",
                "after",
                "on",
                "with",
                // "failings such as failing to follow up", "including failing to record".
                "as",
                "including",
            ],
        )
        && verb.is_some_and(|w| {
            (verb_is_human(&w.lower) || w.any(DUTIES))
                // "disciplined for failing to have the equipment": a state, not a duty.
                && !w.any(&["have", "had", "get", "be"])
        });
    if v.is(f, "failing")
        && !nominal
        && (who != Who::Person
            || f > 0 && v.any(f - 1, &["is", "are", "was", "were", "be", "been", "'s"]))
    {
        return;
    }
    let who = if nominal { Who::Nobody } else { who };
    // "The board failed to perform an MRI scan", "a health board failed to provide care": a
    // body acting, as a name is.
    let who = if who == Who::Thing && organisation(v, head) {
        Who::Name
    } else if let Some(h) = head.filter(|h| v.any(*h, &["each", "both"])) {
        // "The nurses each failed to observe the patient", "Each failed to clarify": the
        // people distributed; who they are is before, or in the sentence before ("The pods
        // each failed to start" is the pods').
        match h.checked_sub(1).and_then(|k| v.word(k)) {
            Some(w) => classify_word(w, h == 1),
            None => Who::Nobody,
        }
    } else {
        who
    };
    let person = match who {
        Who::Person => true,
        // "searching by topic may fail to load": an activity, failing at what a system does.
        // "the pilot's planning, which failed to provide a reserve": work of a person's
        // failing at anything but what a system does.
        Who::Activity => {
            verb.is_some_and(|w| {
                verb_is_human(&w.lower)
                    || !w.any(crate::lexicon::SYSTEM_BASE_VERBS)
                        && !w.any(SERVICE_WORK)
                        && !w.any(crate::lexicon::SYSTEM_VERBS)
            }) || inherently_human
        }
        // "Equifax failed to appreciate": a name (a person, an organisation) failing to act;
        // not "Copilot Code Review also failed to start" (a product doing a system's work).
        Who::Name => verb.is_some_and(|w| {
            !w.any(crate::lexicon::SYSTEM_BASE_VERBS) && !w.any(SERVICE_WORK) && !w.is("start")
        }),
        Who::PersonNearby | Who::Nobody => {
            verb.is_some_and(|w| verb_is_human(&w.lower) || w.any(DUTIES)) || inherently_human
        }
        Who::Thing => false,
    };
    if !person {
        return;
    }
    let Some(verb) = verb else { return };
    // "SN failed to purchase a GPU online", "we failed to win the bid": an attempt that did
    // not succeed, not a duty left undone.
    if verb.any(ATTEMPTS) && !inherently_human {
        return;
    }
    // "Re-running the build failed to fix the problem", "Restarting the pods failed to
    // clear the backlog": a remedy tried that did not work, not a duty left undone.
    if who == Who::Activity
        && !inherently_human
        && head
            .and_then(|h| v.word(h))
            .is_some_and(|w| w.lower.ends_with("ing"))
        && verb.any(REMEDIES)
    {
        return;
    }
    // "During this period, we failed to process 128,000 deployments": on a status page "we"
    // is the service, and processing, delivering and serving are what it does.
    if verb.any(SERVICE_WORK) && head.is_some_and(|h| v.any(h, &["we", "us"])) && !inherently_human
    {
        return;
    }
    out.push(Found {
        category: Category::Counterfactual,
        first: f,
        last: k,
        suggestion: suggestion(
            &v.rewrite(f, k, &format!("did not {}", verb.lower)),
            &question(who, ""),
        ),
    });
}

/// What a remedy tried is meant to do: "Restarting the service failed to resolve it".
#[rustfmt::skip]
const REMEDIES: &[&str] = &[
    "fix", "resolve", "solve", "help", "restore", "mitigate", "clear", "stop", "improve",
    "recover", "remedy", "cure", "unblock", "reduce",
];

/// Getting and selling, where failing is an attempt that did not succeed.
#[rustfmt::skip]
const ATTEMPTS: &[&str] = &[
    "purchase", "buy", "acquire", "win", "afford", "sell", "rent", "lease", "attract", "hire",
];

/// What a service does for its users: a provider's "we failed to process" is the service's.
#[rustfmt::skip]
const SERVICE_WORK: &[&str] = &[
    "process", "deliver", "serve", "send", "route", "load", "sync", "render", "return",
    "respond", "connect", "authenticate", "accept", "queue", "dispatch", "index", "ingest",
    "provision", "receive", "display", "store", "replicate", "trigger", "enqueue",
];

/// `the pilot's failure to maintain`, `Equifax's failure to patch`, `the failure of both
/// pilots to see`: a person's or organisation's omission, named as a failure.
pub(in crate::rules::counterfactual) fn failure_of(v: &View, f: usize, out: &mut Vec<Found>) {
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
    // "their subsequent failure to verify", "his repeated failure to": an adjective between
    // the owner and the noun.
    let possessive = possessive
        || f >= 2
            && v.any(f - 2, crate::lexicon::PERSON_POSSESSIVES)
            && owner.is_some_and(|o| {
                ["ent", "ed", "ous", "ual", "ive"]
                    .iter()
                    .any(|e| o.lower.len() > 5 && o.lower.ends_with(e))
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
    // "a failure on my part to communicate", "failures on our part to test": the owner in
    // "on … part", as with "an oversight on my part".
    let on_part = v.is(f + 1, "on")
        && v.is(f + 3, "part")
        && v.word(f + 2).is_some_and(|o| {
            o.any(crate::lexicon::PERSON_POSSESSIVES)
                || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                    && matches!(classify_word(o, false), Who::Person | Who::Name)
        })
        && v.is(f + 4, "to")
        && v.word(f + 5).is_some();
    let possessive = possessive || on_part;
    // "Failure to discuss job completion", "the failure of the PF to verify": the failure
    // at people's work, with no owner before it or a name (a role's initials) after "of".
    // "Failure to comply with restricted speed", "a failure to diagnose", "Failure to
    // adequately recognise": people's duties, an adverb between at most.
    let human_after = |k: usize| {
        let k = if v.word(k + 1).is_some_and(|w| {
            w.lower.len() > 5
                && w.lower.ends_with("ly")
                && !w.any(&["apply", "supply", "reply", "comply", "rely", "multiply"])
        }) {
            k + 1
        } else {
            k
        };
        v.word(k + 1)
            .is_some_and(|w| verb_is_human(&w.lower) || w.any(DUTIES))
    };
    let unowned = !possessive
        && v.is(f + 1, "to")
        && human_after(f + 1)
        && (f == 0 || v.tokens()[f - 1].punct || v.any(f - 1, &["the", "a"]));
    // Not "failures of Prow to respond to events": a product's failures at its own work.
    let of_name = v.is(f, "failure")
        && v.is(f + 1, "of")
        && to.is_some_and(|t| {
            human_after(t)
                && !v.word(t + 1).is_some_and(|w| {
                    w.any(SERVICE_WORK) || w.any(crate::lexicon::SYSTEM_BASE_VERBS)
                })
                && (f + 2..t).any(|k| {
                    v.word(k)
                        .is_some_and(|w| classify_word(w, false) == Who::Name)
                })
        });
    // "a failure by the Health Board to provide", "failure to comply by the crew": the owner
    // after "by".
    let by_owner = to.is_some_and(|t| {
        human_after(t)
            && (f + 1..t).any(|k| v.is(k, "by"))
            && (f + 1..t).any(|k| {
                v.word(k)
                    .is_some_and(|w| matches!(classify_word(w, false), Who::Person | Who::Name))
                    || organisation(v, Some(k))
            })
    }) || v.is(f + 1, "to")
        && human_after(f + 1)
        && (f + 3..(f + 8).min(v.tokens().len())).any(|k| {
            v.is(k, "by")
                && v.word(k + 1).is_some()
                && (k + 1..(k + 6).min(v.tokens().len())).any(|p| {
                    v.word(p)
                        .is_some_and(|w| classify_word(w, false) == Who::Person)
                })
        });
    // "The Council was at fault for its failure to carry out an assessment": "its" stands for
    // a body acting, named before, and the failure is at a duty.
    let its_body = owner.is_some_and(|o| o.is("its"))
        && v.is(f + 1, "to")
        && human_after(f + 1)
        && (0..f - 1)
            .rev()
            .find(|k| organisation(v, Some(*k)))
            .is_some_and(|k| {
                // The nearest noun phrase: no other one ("replaced the boiler after its …").
                !(k + 1..f - 1).any(|p| v.any(p, &["the", "a", "an", "this", "that"]))
            });
    let possessive = possessive || its_body;
    // "there was a failure to carry out", "led to a failure to diagnose": any article.
    let unowned = unowned
        || !possessive
            && v.is(f + 1, "to")
            && human_after(f + 1)
            && f > 0
            && v.any(
                f - 1,
                &[
                    // Not "the consequences from / of failure to follow procedures": a
                    // general lesson.
                    "a",
                    "the",
                    "repeated",
                    "further",
                    "to",
                    "in",
                    // "a gross failure to provide", "a chronic failure to replace", "a large
                    // organizational failure to build": a judged failure at people's work.
                    "gross",
                    "chronic",
                    "routine",
                    "systemic",
                    "organizational",
                    "organisational",
                    "institutional",
                    "collective",
                    "persistent",
                    "continued",
                ],
            );
    if !(possessive || of_people || shared_owner || unowned || of_name || by_owner) || to.is_none()
    {
        return;
    }
    let first = if possessive && !on_part { f - 1 } else { f };
    push(v, out, first, f, "", Who::Nobody, "");
}

/// `…, but failed to …`, `…, and failed to …`: the verb phrase after a comma and "but" /
/// "and" has no subject of its own; the subject of the clause before the comma, read from
/// its finite verb.
fn comma_coordinated(v: &View, f: usize) -> Option<(Who, Option<usize>)> {
    let t = v.tokens();
    if !(f >= 2 && v.any(f - 1, &["but", "and"]) && t[f - 2].punct && t[f - 2].lower == ",") {
        return None;
    }
    let verb = crate::rules::clause::previous_verb(t, f - 2)?;
    Some(subject(t, verb))
}
