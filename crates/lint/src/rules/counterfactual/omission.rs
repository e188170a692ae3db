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
pub(super) const PERCEIVE: &[&str] = &[
    "notice", "catch", "see", "spot", "detect", "identify", "realise", "realize", "check",
    "verify", "test", "review", "read", "look", "retest", "validate", "investigate", "monitor",
    "noticed", "caught", "seen", "saw", "spotted", "detected", "identified", "realised",
    "realized", "checked", "verified", "tested", "reviewed", "looked", "retested", "validated",
    "investigated", "monitored", "watch", "double-check", "double-checked", "watched", "notices",
    // Verifying by looking: "did not confirm the fuel level", "did not inspect the wing".
    "confirm", "confirmed", "inspect", "inspected", "examine", "examined", "cross-check",
    "cross-checked", "crosscheck", "crosschecked",
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
    // "The first officer had not cross-checked the altimeter": the past perfect; not "had
    // not yet identified" (an investigation going on) nor "had not seen it until 14:00".
    if v.any(at, &["hadn't", "had"]) {
        if (at + 1..(at + 8).min(v.tokens().len()))
            .take_while(|k| !v.tokens()[*k].punct)
            .any(|k| v.any(k, &["yet", "until", "before"]))
        {
            return;
        }
        if v.is(at, "had") {
            j += 1;
        }
    }
    // "none of the responders noticed", "nobody on the team looked": the words naming the
    // people, up to the verb.
    let people_follow = v.any(at, &["none", "neither"])
        || v.any(at, &["nobody", "noone", "no"])
            && v.any(j, &["on", "in", "from", "at", "of", "one"])
            && !(v.is(at, "no")
                && !v.is(j, "one")
                && v.any(j + 1, &["on", "in", "from", "at", "of"]));
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
    // "did not visually check", "never independently verified": a manner adverb too.
    let limit = j + 4;
    while (v.any(j, BEFORE_VERB) || v.word(j).is_some_and(manner_adverb)) && j < limit {
        j += 1;
    }
    // "Nobody had verified", "none of us had noticed": the auxiliary before the check.
    if v.any(j, &["had", "has", "have"]) && v.word(j + 1).is_some_and(|w| w.any(PERCEIVE)) {
        j += 1;
    }
    // "None of the health checks detected it": the things named were not people. Not
    // "nobody on the release team": the head before the verb is a person.
    let head_is_person = (at + 1..j)
        .rev()
        .find(|k| {
            !v.any(
                *k,
                &["had", "has", "have", "ever", "even", "really", "actually"],
            )
        })
        .and_then(|k| v.word(k))
        .is_some_and(|w| classify_word(w, false) == Who::Person);
    // "No one could have caught this": a modal between is the modal perfect's business (and
    // a negative subject with "could" clears people).
    if (at + 1..j).any(|k| {
        v.any(
            k,
            &[
                "could", "would", "might", "can", "should", "must", "may", "ought",
            ],
        )
    }) {
        return;
    }
    // "None of the probes checked": "none of" and "neither of" are about whatever follows,
    // people only when a person heads it.
    if v.any(at, &["none", "neither"]) && v.is(at + 1, "of") && !head_is_person {
        return;
    }
    if people_follow
        && !head_is_person
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
    // "did not perform the required inspection", "didn't run the tests": a check in a
    // light verb and a noun.
    if v.any(j, LIGHT_VERBS)
        && let Some(noun) = (j + 1..(j + 5).min(v.tokens().len()))
            .take_while(|k| v.word(*k).is_some())
            .find(|k| v.any(*k, CHECK_NOUNS))
    {
        // "the smoke tests": the check's last word.
        let mut noun = noun;
        while v.any(noun + 1, CHECK_NOUNS) {
            noun += 1;
        }
        return judged_lapse(v, at, noun, out);
    }
    let Some(verb) = v.word(j) else { return };
    // "When watching the logs we never see a log message": the present, what does not show
    // up, not a lapse.
    if v.is(at, "never") && verb.any(&["see", "notice", "observe", "get", "sees", "notices"]) {
        return;
    }
    let sight = verb.any(&[
        "notice",
        "see",
        "spot",
        "detect",
        "noticed",
        "seen",
        "saw",
        "spotted",
        "detected",
        "confirm",
        "confirmed",
        "observe",
        "observed",
    ]);
    // "We did not notice any impact", "didn't see additional instances of rate limiting":
    // nothing there to see, not a lapse; "nobody noticed any of the warnings" still is.
    if sight && v.any(j + 1, NOTHING_THERE) && !v.is(j + 2, "of") {
        return;
    }
    // "he did not see or hear a run-up", "the witness did not see the impact": what a
    // witness observed, testimony rather than a lapse.
    if sight
        && (v.any(j + 1, &["or", "nor"]) && v.any(j + 2, &["hear", "heard"])
            || (0..at).any(|k| v.any(k, WITNESSES)))
    {
        return;
    }
    let perceive = verb.any(PERCEIVE)
        || verb.lower.strip_suffix("ing").is_some_and(|stem| {
            PERCEIVE.contains(&stem) || PERCEIVE.contains(&format!("{stem}e").as_str())
        });
    if !perceive {
        // "He did not refuel, or look in the tanks": the negation reaches a check joined
        // to the first verb by "or" / "nor".
        if let Some(k) = coordinated_check(v, j) {
            return judged_lapse(v, at, k, out);
        }
        // "Nobody thought to ask the database team", "we didn't think to roll back": not
        // thinking of an action is itself the lapse the sentence judges, whatever the action.
        if j >= 2 && v.is(j - 1, "to") && v.any(j - 2, &["thought", "think"]) && !verb.any(STATIVE)
        {
            return judged_lapse(v, at, j, out);
        }
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

/// Verbs that carry a check named by a noun: "perform the inspection", "run the tests".
const LIGHT_VERBS: &[&str] = &[
    "obtain",
    "request",
    "get",
    "perform",
    "performed",
    "conduct",
    "conducted",
    "do",
    "done",
    "carry",
    "run",
    "complete",
    "completed",
    "make",
];

/// Checks named as nouns.
#[rustfmt::skip]
const CHECK_NOUNS: &[&str] = &[
    "inspection", "inspections", "check", "checks", "review", "reviews", "test", "tests",
    "walkaround", "walk-around", "preflight", "pre-flight", "verification", "cross-check",
    "double-check", "smoke", "sanity", "audit", "briefing",
];

/// After "did not see": words that say there was nothing (more) to see.
const NOTHING_THERE: &[&str] = &[
    "any",
    "anything",
    "additional",
    "further",
    "more",
    "new",
    "other",
    "similar",
    "much",
    "many",
    "significant",
    "impact",
];

/// People who report what they saw rather than act in the events.
const WITNESSES: &[&str] = &[
    "witness",
    "witnesses",
    "bystander",
    "bystanders",
    "passer-by",
];

/// "visually", "independently", "thoroughly": a manner adverb; not verbs and nouns that end
/// in -ly ("apply", "reply", "supply").
fn manner_adverb(w: &crate::text::Token) -> bool {
    w.lower.len() > 5
        && w.lower.ends_with("ly")
        && !w.any(&[
            "apply", "reply", "supply", "comply", "rely", "multiply", "family", "assembly",
        ])
}

/// The check in "did not refuel, or look in the tanks", "did not stop nor verify": a
/// perception or check verb after "or" / "nor" within the negated clause.
fn coordinated_check(v: &View, from: usize) -> Option<usize> {
    let n = v.tokens().len();
    let mut k = from + 1;
    while k < (from + 10).min(n) {
        let t = &v.tokens()[k];
        if t.punct && t.lower != "," || t.masked {
            return None;
        }
        if t.any(&["or", "nor"]) {
            let mut c = k + 1;
            while v.word(c).is_some_and(manner_adverb) || v.any(c, &["even", "ever"]) {
                c += 1;
            }
            return v.word(c).is_some_and(|w| w.any(PERCEIVE)).then_some(c);
        }
        if t.any(&["and", "but", "because", "so", "which", "that", "while"]) {
            return None;
        }
        k += 1;
    }
    None
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
    // "did not ensure that the fuel caps were secured", "didn't make sure the job ran".
    &["ensure"],
    &["make", "sure"],
];

/// The check `at..=j` that did not happen, flagged unless it is conditional or a system's.
fn judged_lapse(v: &View, at: usize, j: usize, out: &mut Vec<Found>) {
    // "did not inspect production traffic, by design": a decision, not a lapse.
    let n = v.tokens().len();
    if (0..n).any(|k| {
        v.phrase(k, &["by", "design"])
            || v.phrase(k, &["on", "purpose"])
            || v.any(k, &["deliberately", "intentionally"])
    }) {
        return;
    }
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
    // "the user didn't think to scroll down": only people think; a subject the rules read as
    // affected ("user", "customer") is here the one who acted.
    let thinker = (at + 1..j).any(|k| v.any(k, &["think", "thought"])) && v.is(j - 1, "to");
    if !pronoun_subject
        && !thinker
        && (who == Who::Thing || names_a_system(v, head))
        && who != Who::Nobody
    {
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
    // "Didn't anyone check the certificate?": the subject after the auxiliary.
    "anyone", "anybody", "someone", "somebody", "you",
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
    // "The handover notes were never read by the incoming shift": "read" is a participle
    // too, when a person is the agent.
    let read_by_people = verb.is("read")
        && v.is(j + 1, "by")
        && (j + 2..(j + 5).min(v.tokens().len())).any(|k| {
            v.word(k)
                .is_some_and(|w| classify_word(w, false) == Who::Person || w.any(&["shift"]))
        });
    // "It was never load-tested", "not smoke-tested": a check verb after a hyphen.
    let compound_check = verb.lower.rsplit_once('-').is_some_and(|(_, last)| {
        ["tested", "checked", "reviewed", "verified", "inspected"].contains(&last)
    });
    if compound_check && !by_a_system(v, j) {
        push(v, out, at, j, "", Who::Nobody, "");
        return;
    }
    // Not "The wreckage was not examined": what investigators looked at afterwards.
    if !(verb.any(PERCEIVE) || verb.any(&["overlooked", "caught"]))
        || verb.any(&["see", "check", "test", "read", "look", "examined"]) && !read_by_people
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
            verb.is_some_and(|w| verb_is_human(&w.lower)) || inherently_human
        }
        Who::Thing => false,
    };
    if !person {
        return;
    }
    let Some(verb) = verb else { return };
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
        suggestion: format!(
            "{}{}",
            v.rewrite(f, k, &format!("did not {}", verb.lower)),
            question(who, "")
        ),
    });
}

/// What a service does for its users: a provider's "we failed to process" is the service's.
#[rustfmt::skip]
const SERVICE_WORK: &[&str] = &[
    "process", "deliver", "serve", "send", "route", "load", "sync", "render", "return",
    "respond", "connect", "authenticate", "accept", "queue", "dispatch", "index", "ingest",
    "provision", "receive", "display", "store", "replicate", "trigger", "enqueue",
];

/// Targets that are met or missed: missing one is an outcome.
#[rustfmt::skip]
const TARGETS: &[&str] = &[
    "slo", "slos", "sla", "slas", "target", "targets", "goal", "goals", "budget", "quota",
    "cutoff", "cut-off", "objective", "objectives", "deadline", "deadlines", "estimate",
];

/// What a dropped subject's verb takes as its object in "totally missed it", "missed that
/// one": the verb starts the utterance, and the one who missed is the writer.
const OBJECT_STARTS: &[&str] = &[
    "it", "that", "this", "those", "these", "them", "the", "a", "an", "one", "your", "his", "her",
    "my", "our", "their", "its",
];

/// `we missed the alert`: a person not noticing, judged afterwards.
pub(super) fn missed(v: &View, m: usize, out: &mut Vec<Found>) {
    if hypothetical(v, m) {
        return;
    }
    // "We missed our SLO for the month", "missed the Friday cutoff": a target not met, an
    // outcome, not a sign someone failed to see.
    if (m + 1..(m + 4).min(v.tokens().len()))
        .take_while(|k| v.word(*k).is_some())
        .any(|k| v.any(k, TARGETS))
    {
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
    // "Sorry - totally missed it", "missed that, sorry": chat and notes drop the subject.
    let mut first = m;
    while first > 0 && v.word(first - 1).is_some_and(|w| w.lower.ends_with("ly")) {
        first -= 1;
    }
    // The utterance starts there: the sentence's start, a dash, colon or semicolon, or a
    // comma after an interjection ("Sorry, missed that"); not "The job, which ran late, …".
    let utterance_start = first == 0
        || v.tokens()[first - 1].punct
            && (v.tokens()[first - 1].lower != ","
                || first >= 2
                    && v.any(
                        first - 2,
                        &[
                            "sorry", "oops", "whoops", "argh", "ugh", "damn", "oh", "ah", "yeah",
                        ],
                    ));
    let dropped_subject = utterance_start && v.any(m + 1, OBJECT_STARTS);
    if !who.is_person() && who != Who::Name && !dropped_subject {
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
    // "i will not forgot you", "I won't forget": a promise about the future, not a lapse.
    if (i.saturating_sub(3)..i).any(|k| v.any(k, &["will", "won't", "wont", "'ll", "shall"])) {
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
    "unspotted", "unread", "unacknowledged", "unexamined", "uninspected", "unheeded",
];

/// `went undetected by humans for seven hours`, `remained unnoticed`: the noticing that did
/// not happen, the people left out; not "went undetected by the health check" (a system's).
pub(super) fn went_unnoticed(v: &View, i: usize, out: &mut Vec<Found>) {
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

/// What a person misses in a task: a step of a checklist, a warning, a message.
#[rustfmt::skip]
const MISSED_ITEMS: &[&str] = &[
    "step", "steps", "item", "items", "check", "checks", "warning", "warnings", "alert",
    "alerts", "sign", "signs", "call", "calls", "page", "pages", "message", "messages", "entry",
    "entries", "line", "setting", "settings", "detail", "details", "note", "notice", "ticket",
    "question", "flaps", "deadline", "email", "emails", "reply", "callout", "cue", "cues",
];

/// `I resumed at a spot beyond where I stopped, missing 'flaps'`, `we rolled back, failing
/// to drain the queue first`: a participle clause after a comma shares the subject of the
/// clause before it; with a person there, what they were "missing" is an omission.
pub(super) fn missing_after_clause(v: &View, i: usize, out: &mut Vec<Found>) {
    let t = v.tokens();
    if i == 0 || !(t[i - 1].punct && t[i - 1].lower == ",") || hypothetical(v, i) {
        return;
    }
    let Some(next) = t.get(i + 1) else { return };
    // The object: an item named in quotes ("missing 'flaps'"), or a step, a warning, a
    // message — what a person misses; not "missing a heartbeat" (what a system drops).
    let quoted = v.text[..next.range.start].ends_with(['\'', '‘', '"', '“']);
    let item = next.any(OBJECT_STARTS)
        && (i + 2..(i + 5).min(t.len()))
            .take_while(|k| !t[*k].punct)
            .any(|k| v.any(k, MISSED_ITEMS));
    if next.punct || !(next.masked || quoted || item) {
        return;
    }
    let Some(verb) = super::super::clause::previous_verb(t, i - 1) else {
        return;
    };
    let (who, _) = subject(t, verb);
    if matches!(who, Who::Person | Who::Name) {
        push(v, out, i, i, "without", who, "");
    }
}

/// Checks as gerunds after "without": "approved the PR without reading it".
#[rustfmt::skip]
const CHECKING: &[&str] = &[
    "reading", "reviewing", "checking", "testing", "verifying", "looking", "confirming",
    "inspecting", "double-checking", "validating", "noticing", "examining", "cross-checking",
];

/// `The reviewer approved the PR without reading it`, `The change was merged without anyone
/// reviewing it`: a check left out of what a person did (or what was done to a thing, the
/// person left out), told in the past. Not "the job ran without checking the lock" (a
/// system's), "we will never deploy without testing" (a rule for later), "if you deploy
/// without testing" (supposed).
pub(super) fn without_checking(v: &View, w: usize, out: &mut Vec<Found>) {
    let mut g = w + 1;
    if v.any(g, &["anyone", "anybody", "someone", "us", "them", "first"]) {
        g += 1;
    }
    if !v.any(g, CHECKING) || hypothetical(v, w) {
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
        })
    }) else {
        return;
    };
    let passive = verb > 0 && v.any(verb - 1, &["was", "were", "been", "got"]);
    let (who, _) = subject(t, verb);
    let person = matches!(who, Who::Person | Who::Name | Who::Activity);
    // A passive hides the person who did it ("was merged without anyone reviewing it"),
    // whatever it was done to.
    if !(person || passive) {
        return;
    }
    push(v, out, w, g, "", Who::Nobody, "");
}
