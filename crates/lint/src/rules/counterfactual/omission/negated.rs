//! A check or a perception negated, said of people: "we didn't catch the issue", "nobody
//! noticed", "none of us noticed", "had not cross-checked the altimeter", "did not keep track
//! of the fuel", "didn't run the tests", "nobody thought to ask", "did not disable the
//! pipeline despite being aware of the risk". Not what a witness saw, nothing there to see,
//! a standing fact learnt now, nor a decision ("by design").

use super::PERCEIVE;
use crate::lexicon::{SYSTEM_NOUNS, TECH_NAMES};
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::counterfactual::{names_a_system, push, with_organisations};
use crate::rules::{Found, View};

/// `we didn't catch the issue`, `nobody noticed`, `none of us noticed`: a person not seeing or
/// checking, presented as a lapse.
pub(in crate::rules::counterfactual) fn not_perceived(v: &View, at: usize, out: &mut Vec<Found>) {
    let mut j = at + 1;
    // "The first officer had not cross-checked the altimeter": the past perfect; not "had
    // not yet identified" (an investigation going on) nor "had not seen it until 14:00".
    // The present perfect after "because" (reason_perfect) is read the same way.
    if v.any(at, &["hadn't", "had", "haven't", "hasn't", "have", "has"]) {
        if (at + 1..(at + 12).min(v.tokens().len()))
            .take_while(|k| !v.tokens()[*k].punct)
            .any(|k| v.any(k, &["yet", "until", "before"]))
        {
            return;
        }
        if v.any(at, &["had", "have", "has"]) {
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
        // "kept a close check", not "kept the old tests": keeping is a check only as "a check".
        && (!v.any(j, &["keep", "kept"]) || v.any(noun, &["check", "checks"]))
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
    // "which I have never seen before in twelve years", "we had never seen data this bad
    // before": no experience of it before, not a lapse.
    if v.is(at, "never")
        && verb.any(&["seen", "saw", "see", "noticed", "observed", "encountered"])
        && (j + 1..(j + 10).min(v.tokens().len()))
            .take_while(|k| !v.tokens()[*k].punct)
            .any(|k| {
                v.is(k, "before")
                    && (v.tokens().get(k + 1).is_none_or(|t| t.punct)
                        || v.any(k + 1, &["in", "now", "then", "during", "that"]))
            })
    {
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
    // "we didn't pick this up on testnet", "nobody picked up the alert": noticing in
    // other words, "up" after the verb or after a short pronoun object.
    // Not "didn't pick up groceries": a sign or a problem is what is picked up.
    let pick_up = verb.any(&["pick", "picked"])
        && (v.any(j + 1, &["it", "this", "that", "them"]) && v.is(j + 2, "up")
            || v.is(j + 1, "up")
                && (v.is(j + 2, "on")
                    || v.any(
                        v.past(j + 2, &["the", "a", "an", "any", "this", "that"]),
                        &[
                            "alert",
                            "alerts",
                            "page",
                            "pages",
                            "signs",
                            "sign",
                            "warning",
                            "warnings",
                            "issue",
                            "problem",
                            "error",
                            "errors",
                            "regression",
                        ],
                    )));
    let perceive = verb.any(PERCEIVE)
        || pick_up
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
    // "nurses did not undertake observations at the required level".
    "undertake",
    "undertook",
    // "had not kept a close enough check on the procedures".
    "keep",
    "kept",
    "run",
    // "never ran the tests": "never" takes the past tense, not the base.
    "ran",
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
    // The checks of care: "did not carry out the observations", "did not perform an assessment".
    "observations", "assessment", "assessments", "reassessment", "reassessments", "examination",
    "examinations",
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
    &["kept", "an", "eye"],
    // "did not keep a close eye on the disk", "never kept a careful watch on it".
    &["keep", "a", "close", "eye"],
    &["keep", "a", "closer", "eye"],
    &["keep", "a", "careful", "eye"],
    &["keep", "a", "close", "watch"],
    &["keep", "close", "watch"],
    &["kept", "a", "close", "eye"],
    &["kept", "a", "closer", "eye"],
    &["kept", "a", "careful", "eye"],
    &["kept", "a", "close", "watch"],
    &["kept", "close", "watch"],
    // "didn't become aware of the outage until a user wrote": realising, in two words (not
    // "was not aware", a state).
    &["become", "aware"],
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
    let (who, head) = match (who, shared_person(v, at)) {
        (Who::Thing | Who::PersonNearby, Some(p)) => (Who::Person, Some(p)),
        _ => (who, head),
    };
    // "The board did not assess the patient": a body acting is people.
    let who = with_organisations(v, who, head);
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
    if !pronoun_subject && names_a_system(v, head) && who != Who::Person {
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

/// "The team knew the disk was filling up but did not keep an eye on it", "a risk we knew
/// about, but never checked": a negation straight after "but" / "and" shares the subject of
/// the clause before; when a person there is followed by their verb, the person is it (the
/// subject reader takes the first verb of that clause, which may be a thing's).
fn shared_person(v: &View, at: usize) -> Option<usize> {
    let t = v.tokens();
    let mut c = at.checked_sub(1)?;
    if !t[c].any(&["but", "and"]) {
        return None;
    }
    if c > 0 && t[c - 1].punct && t[c - 1].lower == "," {
        c -= 1;
    }
    (c.saturating_sub(12)..c)
        .rev()
        .take_while(|k| !t[*k].punct && !t[*k].masked)
        .find(|k| {
            classify_word(&t[*k], *k == 0) == Who::Person
                && t.get(k + 1).is_some_and(|n| {
                    !n.punct
                        && (n.lower.ends_with("ed")
                            || n.any(&["knew", "saw", "had", "was", "were", "thought", "felt"]))
                })
        })
}

/// `because we have not tested concurrent runs`, `since nobody has checked`: a negated
/// present perfect in a clause of reason, the check not done given as why something was
/// missed. Not "we have not yet seen" (a state going on), nor a plan ("I haven't tested it,
/// which I'll do").
pub(in crate::rules::counterfactual) fn reason_perfect(v: &View, i: usize) -> bool {
    let negated = v.any(i, &["haven't", "hasn't"]) && !v.is(i + 1, "been")
        || v.any(i, &["have", "has"]) && v.any(i + 1, &["not", "never"]) && !v.is(i + 2, "been");
    negated
        && i >= 2
        && v.any(i - 2, &["because", "since", "as"])
        && v.word(i - 1)
            .is_some_and(|w| classify_word(w, false) == Who::Person)
}
