//! The verbs of missing and forgetting, said of people: "we missed the alert", "missed that,
//! sorry", "forgot to renew", "we overlooked the warning", "an oversight on my part", "I
//! resumed …, missing 'flaps'". Not a target missed ("missed our SLO"), memory ("forgot what
//! it was called"), nor an omission supposed ("if I forgot anything").

use super::hypothetical;
use crate::Category;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::counterfactual::{names_a_system, push, with_organisations};
use crate::rules::{Found, View};

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
pub(in crate::rules::counterfactual) fn missed(v: &View, m: usize, out: &mut Vec<Found>) {
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
    // "so that expiring certificates don't get missed", "things getting missed": a risk
    // guarded against (the past "got missed" is a lapse).
    if m > 0 && v.any(m - 1, &["get", "gets", "getting", "being"]) {
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
    // "The patient's deterioration was missed", "Opportunities were missed to recognise
    // it": the signs people should have seen, missed in the passive, the people left out.
    if passive && !v.is(m + 1, "by") {
        let (_, head) = subject(v.tokens(), m);
        // "failed deployments were missed", "an automated call that was missed", "the
        // errors were missed": failures and messages people should have seen; past only
        // ("things are easily missed" is how things are).
        let seen_thing = head.is_some_and(|h| {
            (v.any(h, FAILURES)
                || v.any(h, MISSED_ITEMS) && !v.any(h, TARGETS)
                || h > 0 && v.any(h - 1, &["failed", "failing", "broken", "erroring"]))
                && m > 0
                && v.any(m - 1, &["was", "were", "been"])
        });
        if head.is_some_and(|h| v.any(h, SIGNS)) || seen_thing {
            push(v, out, m - 1, m, "were not acted on", Who::Nobody, "");
        }
        return;
    }
    if m > 0 && v.any(m - 1, &["easily", "be", "been", "was", "were", "is"]) {
        return;
    }
    let (who, _) = subject(v.tokens(), raised(v, m));
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
    // "misses" has its subject in the third person: never a dropped "I".
    // "(missed bumping the version string)": a gerund as the object.
    let gerund_object = v
        .word(m + 1)
        .is_some_and(|w| w.lower.len() > 5 && w.lower.ends_with("ing"));
    let dropped_subject =
        utterance_start && (v.any(m + 1, OBJECT_STARTS) || gerund_object) && v.is(m, "missed");
    if !who.is_person() && who != Who::Name && !dropped_subject {
        return;
    }
    // "cache misses", "Combined with cache misses": the plural noun, not the verb; "misses"
    // is a verb only after a person or a name.
    if v.is(m, "misses")
        && (!matches!(who, Who::Person | Who::Name)
            || m > 0
                && v.word(m - 1).is_some_and(|w| {
                    crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
                        || w.any(&["cache", "page", "tlb", "near"])
                }))
    {
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

/// "I seem to have missed the lock file", "we appear to have overlooked it": the subject of
/// the raising verb is the one who missed; the position to read the subject from.
fn raised(v: &View, i: usize) -> usize {
    if i >= 3
        && v.is(i - 1, "have")
        && v.is(i - 2, "to")
        && v.any(
            i - 3,
            &["seem", "seems", "seemed", "appear", "appears", "appeared"],
        )
    {
        i - 3
    } else {
        i
    }
}

/// `forgot to renew`, `I forgot that …`; not "forgot what it was called" (memory, not a
/// lapse in the work) nor a system that "forgot" state.
pub(in crate::rules::counterfactual) fn forgot(v: &View, i: usize, out: &mut Vec<Found>) {
    if hypothetical(v, i) {
        return;
    }
    // "a forgotten cron job kept rewriting the records": the participle as an adjective
    // describes the thing, not a lapse someone is said to have made.
    if v.is(i, "forgotten")
        && i > 0
        && v.any(i - 1, &["a", "an", "the", "some", "old", "this", "that"])
        && v.word(i + 1)
            .is_some_and(|w| !w.any(&["to", "by", "about", "that"]))
    {
        return;
    }
    // "not exactly forgot", "not really forgotten": the lapse denied.
    if (i.saturating_sub(2)..i).any(|k| v.is(k, "not")) {
        return;
    }
    // "i will not forgot you", "I won't forget": a promise about the future, not a lapse.
    if (i.saturating_sub(3)..i).any(|k| v.any(k, &["will", "won't", "wont", "'ll", "shall"])) {
        return;
    }
    if v.any(
        i + 1,
        &["what", "how", "where", "which", "who", "whether", "why"],
    ) {
        return;
    }
    // "so these do not get forgotten", "to avoid stuff getting forgotten", "things can be
    // forgotten": a risk guarded against, not a lapse that happened (the past "got
    // forgotten" is one).
    // "so the build can't be accidentally forgotten": an adverb between.
    let mut b = i;
    if b > 1
        && v.word(b - 1)
            .is_some_and(|w| w.lower.len() > 5 && w.lower.ends_with("ly"))
    {
        b -= 1;
    }
    if b > 0 && v.any(b - 1, &["get", "gets", "getting", "be", "being"]) {
        return;
    }
    let (who, head) = subject(v.tokens(), raised(v, i));
    // "The last PR forgot to bump the version": an artefact, capitalised or not.
    if matches!(who, Who::Thing | Who::Name) && names_a_system(v, head) {
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
pub(in crate::rules::counterfactual) fn overlooked(v: &View, i: usize, out: &mut Vec<Found>) {
    if hypothetical(v, i) {
        return;
    }
    let (who, head) = subject(v.tokens(), i);
    let who = with_organisations(v, who, head);
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

/// `an oversight on my part`, `our oversight`: the noun of "overlook", owned by people.
pub(in crate::rules::counterfactual) fn oversight(v: &View, i: usize, out: &mut Vec<Found>) {
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

/// Signs, chances and findings people miss: "the deterioration was missed", "chances were
/// missed"; not a heartbeat, a packet or a run missed (a system's).
#[rustfmt::skip]
const SIGNS: &[&str] = &[
    "opportunity", "opportunities", "chance", "chances", "sign", "signs", "signal", "signals",
    "warning", "warnings", "symptom", "symptoms", "deterioration", "diagnosis", "diagnoses",
    "finding", "findings", "cue", "cues", "bug", "bugs", "mistake", "mistakes",
    "step", "steps", "alert", "alerts", "page", "pages",
];

/// Failures that show where people look: missing them is not noticing them.
#[rustfmt::skip]
const FAILURES: &[&str] = &[
    "failure", "failures", "error", "errors", "issue", "issues", "problem", "problems",
    "regression", "regressions", "incident", "incidents", "outage", "outages",
];

#[rustfmt::skip]
const FREQUENCY: &[&str] = &[
    "sometimes", "often", "always", "occasionally", "regularly", "frequently", "usually",
    "still", "repeatedly",
];

/// `we sometimes forget to update the lockfile`, `someone forgets to commit the change`: the
/// lapse told as a habit of the people; not advice ("don't forget to"), a promise ("I won't
/// forget"), a supposition ("if you forget to"), nor a generic "you".
pub(in crate::rules::counterfactual) fn forget_habit(v: &View, i: usize, out: &mut Vec<Found>) {
    if hypothetical(v, i)
        || (i.saturating_sub(6)..i)
            .take_while(|k| !v.tokens()[*k].punct)
            .any(|k| v.any(k, &["when", "whenever", "once", "so", "lest", "in", "case"]))
        || i > 0
            && v.any(
                i - 1,
                &[
                    "don't", "dont", "not", "never", "to", "will", "won't", "'ll", "can", "could",
                    "might", "may", "would", "should", "must", "easy", "you", "u", "didn't", "do",
                ],
            )
    {
        return;
    }
    // "we often forget": the subject before the adverb of frequency.
    let mut at = i;
    while at > 0 && v.any(at - 1, FREQUENCY) {
        at -= 1;
    }
    let (who, head) = subject(v.tokens(), at);
    if !matches!(who, Who::Person | Who::Name) || head.is_some_and(|h| v.any(h, &["you", "u"])) {
        return;
    }
    // "We forget to check the layout in old browsers": a plural's bare present is a general
    // truth about people, unless a frequency makes it the writer's own habit ("we sometimes
    // forget to update them").
    let frequency = (i.saturating_sub(3)..i).any(|k| v.any(k, FREQUENCY));
    if v.is(i, "forget") && !frequency && head.is_some_and(|h| !v.any(h, &["i", "someone"])) {
        return;
    }
    let last = if v.is(i + 1, "to") && v.word(i + 2).is_some() {
        i + 2
    } else {
        i + 1
    };
    push(v, out, i, last, "", who, "");
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
pub(in crate::rules::counterfactual) fn missing_after_clause(
    v: &View,
    i: usize,
    out: &mut Vec<Found>,
) {
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
    let Some(verb) = crate::rules::clause::previous_verb(t, i - 1) else {
        return;
    };
    let (who, _) = subject(t, verb);
    if matches!(who, Who::Person | Who::Name) {
        push(v, out, i, i, "without", who, "");
    }
}

/// `the moving pieces that caused us to miss this`, `the noise led them to overlook the
/// page`: the people's miss, told with what made them miss it; the first word of the
/// span ("us"). Not a target missed ("caused us to miss the deadline").
pub(in crate::rules::counterfactual) fn caused_to_miss(v: &View, i: usize) -> Option<usize> {
    let shape = v.any(i, &["miss", "overlook"])
        && i >= 3
        && v.is(i - 1, "to")
        && v.any(i - 2, &["us", "them", "me", "him", "her"])
        && v.any(
            i - 3,
            &["caused", "causing", "led", "leading", "made", "allowed"],
        );
    if !shape {
        return None;
    }
    let target = (i + 1..(i + 4).min(v.tokens().len()))
        .take_while(|k| v.word(*k).is_some())
        .any(|k| v.any(k, TARGETS));
    (!target && !hypothetical(v, i)).then_some(i - 2)
}
