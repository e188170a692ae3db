//! A task called easy: "the repair was simple", "the obvious choice", "it's pretty obvious
//! who …", "as simple as restarting the pod", "how hard is it to read the runbook?", "it's
//! not hard to read a changelog", "easily fixed by re-running the job". Not a thing's
//! property ("easy to use"), a slip acknowledged ("easily missed"), what the evidence
//! established ("it is clear that the logs are missing") or a difficulty denied ("not an easy
//! fix").

use super::context::{boundary_after, boundary_before};
use super::found;
use super::words::{
    COPULAS, DEGREE, EASY_ADJECTIVES, EASY_FIXES, EVIDENCE_ADJECTIVES, PROPERTY_VERBS, SEE_VERBS,
    SLIP_ADVERBS, TASKS,
};
use crate::lexicon::SYSTEM_BASE_VERBS;
use crate::rules::clause::{Who, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// "as simple as restarting the pod", "as easy as running make".
#[inline]
pub(super) fn as_simple_as(
    v: &View,
    i: usize,
    t: &Token,
    prev: Option<&Token>,
    out: &mut Vec<Found>,
) -> bool {
    if t.any(&["simple", "easy", "trivial", "straightforward"])
        && prev.is_some_and(|p| p.is("as"))
        && v.is(i + 1, "as")
        && v.word(i + 2).is_some_and(|w| {
            w.lower.ends_with("ing") && w.lower.len() > 4
                || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
        })
    {
        // "Recovery is as simple as restarting the pod", "as easy as running make".
        out.push(found(v, i - 1, i + 1));
        true
    } else {
        false
    }
}

/// What people saw or should have seen: called obvious, it says they should have seen it.
const SEEN: &[&str] = &[
    "error", "errors", "mistake", "mistakes", "problem", "problems", "issue", "cause", "culprit",
    "typo", "bug", "fault", "answer", "signs", "sign", "warning", "warnings",
];

/// One of [`EASY_ADJECTIVES`] ("easy", "simple", "obvious") on a task or a perception.
#[inline]
pub(super) fn easy_adjective(
    v: &View,
    i: usize,
    t: &Token,
    prev: Option<&Token>,
    out: &mut Vec<Found>,
) -> bool {
    let n = v.tokens().len();
    if t.any(EASY_ADJECTIVES) || t.is("forward") && prev.is_some_and(|p| p.is("straight")) {
        // "the easiest way to get capacity back", "the simplest option": a superlative
        // only on a way, option or fix chosen; not "the easiest part of the week".
        // "the easiest thing is to reboot": a thing to do.
        let thing_to_do = v.is(i + 1, "thing") && v.any(i + 2, &["is", "was", "to"]);
        if t.any(&["easiest", "simplest"])
            && !thing_to_do
            && !v.any(
                i + 1,
                &[
                    "way",
                    "option",
                    "choice",
                    "fix",
                    "solution",
                    "workaround",
                    "answer",
                    "one",
                ],
            )
        {
            return true;
        }
        // "straight forward", written in two words, is "straightforward".
        let mut k = if t.is("forward") { i - 1 } else { i };
        // "it was functionally easy to roll back": a manner adverb in "-ly" as a degree.
        while k > 0
            && (v.any(k - 1, DEGREE)
                || k >= 2
                    && v.any(k - 2, COPULAS)
                    && v.word(k - 1).is_some_and(|w| {
                        w.lower.ends_with("ly") && w.lower.len() > 5 && !w.any(&["only", "early"])
                    }))
        {
            k -= 1;
        }
        // "it is clear that the logs are missing", "that's clear now", "it was clear to me
        // that …": what the writer or the evidence established, not what someone should
        // have seen; only "should have been clear", "clear to anyone" judge a perception.
        if t.any(EVIDENCE_ADJECTIVES) && !evidence_judged(v, k, i) {
            return true;
        }
        // "It will be easier to find the schema in future", "so that it is easier to
        // recall why", "a simpler solution than this one": a comparison, or a design's
        // benefit to come, not a task made small.
        if t.any(&["easier", "simpler"]) && comparison_or_benefit(v, k, i) {
            return true;
        }
        // "that's nooooot a simple task", "not an easy fix": difficulty acknowledged.
        if (k.saturating_sub(2)..k).any(|n| v.word(n).is_some_and(|w| negation(&w.lower))) {
            return true;
        }
        // "there's a script for it.. really easy", "easy approach; no traffic": the
        // word as a whole utterance about what was just described, a task called easy.
        // "mojtaba, easy http://…": after the nick a chat line is addressed to, and before
        // a link to the how-to.
        let after_nick = k == 2
            && v.tokens()[1].punct
            && matches!(v.tokens()[1].lower.as_str(), "," | ":")
            && v.word(0)
                .is_some_and(|w| !w.any(&["it", "that", "this", "so", "but", "and"]));
        let link = v.tokens().get(i + 1).is_some_and(|n| {
            n.masked || n.any(&["http", "https"]) && v.tokens().get(i + 2).is_some_and(|c| c.punct)
        });
        // "Easy enough, I thought.": the same, with "enough". "Simple task, right?", "Very
        // simple upgrade process, already automated": a verbless task noun phrase.
        let comma_or_end = |c: usize| {
            boundary_after(v, c)
                || v.tokens()
                    .get(c + 1)
                    .is_some_and(|n| n.punct && n.lower == ",")
        };
        let task_phrase = v.any(i + 1, TASKS)
            && (comma_or_end(i + 1) || v.any(i + 2, TASKS) && comma_or_end(i + 2));
        let alone = !t.any(&["clear", "evident", "apparent", "plain"])
            && (boundary_before(v, k) || after_nick)
            && (boundary_after(v, i)
                || link
                || task_phrase
                || v.is(i + 1, "enough") && comma_or_end(i + 1));
        if alone {
            out.push(found(v, k, i));
            return true;
        }
        if let Some(first) = comparative_tag(v, k, i) {
            out.push(found(v, first, i));
            return true;
        }
        // "This is quick and simple": the copula is before the first adjective.
        if k >= 2
            && v.any(k - 1, &["and", "or"])
            && let Some(c) = (k.saturating_sub(5)..k - 1)
                .rev()
                .take_while(|c| !v.tokens()[*c].punct)
                .find(|c| v.any(*c, COPULAS))
        {
            k = c + 1;
        }
        // "it's pretty obvious who …": the pronoun and the copula in one word.
        // Not "it's easy to see in hindsight": what a thing is like to see or use.
        let property =
            v.is(i + 1, "to") && (v.any(i + 2, PROPERTY_VERBS) || v.any(i + 2, SLIP_ADVERBS));
        // "DML that's easy to reverse", "a config that's simple to read": "that's" after a
        // noun starts a relative clause about it; only a task noun is a task called easy.
        if k >= 2 && v.is(k - 1, "that's") && relative_after_noun(v, k - 2) {
            if v.any(k - 2, TASKS) {
                out.push(found(v, k - 1, i));
            }
            return true;
        }
        if k > 0 && v.any(k - 1, &["it's", "that's", "its"]) && !property {
            out.push(found(v, k - 1, i));
            return true;
        }
        let predicate = k > 0 && v.any(k - 1, COPULAS);
        // "clear" only as what someone should have seen: "it was clear that", "clear to".
        if t.is("clear") && !v.any(i + 1, &["that", "to"]) {
            return true;
        }
        // "None of this was easy": a negative subject acknowledges the difficulty too;
        // "simple in principle", "easy on paper": a hedge.
        let clause_first = (0..k)
            .rev()
            .find(|c| v.tokens()[*c].punct)
            .map_or(0, |c| c + 1);
        let acknowledged = k > 1 && v.any(k - 2, &["not", "never", "isn't", "wasn't", "non"])
            || v.any(
                clause_first,
                &["none", "nothing", "neither", "nobody", "no"],
            )
            || v.phrase(i + 1, &["in", "principle"])
            || v.phrase(i + 1, &["in", "theory"])
            || v.phrase(i + 1, &["on", "paper"]);
        // "FLAC should be easy enough to write an encoder for", "it is simple to encode":
        // a task called easy, whatever the subject.
        let to = if v.is(i + 1, "enough") { i + 2 } else { i + 1 };
        if v.is(to, "to") && v.any(to + 1, SLIP_ADVERBS) {
            return true;
        }
        // "they are very easy to miss", "it is easy to understand why": what a thing is
        // like to see or read, or a temptation, whatever the subject.
        // Only "it was easy to see that …", "should have been easy to spot", past, judge
        // what people saw at the time.
        let seen_then = v.any(to + 1, &["see", "spot", "tell", "notice"])
            && (k.saturating_sub(3)..k).any(|c| v.any(c, &["was", "were", "been"]));
        if v.is(to, "to") && v.any(to + 1, PROPERTY_VERBS) && !seen_then {
            return true;
        }
        let task_to = v.is(to, "to")
            && v.word(to + 1)
                .is_some_and(|w| !w.any(PROPERTY_VERBS) && !w.any(SLIP_ADVERBS));
        // "he was very easy to work with", "the on-call engineer was easy to reach": a
        // person's quality (the person is the infinitive's object), not a task.
        let persons_quality = predicate
            && task_to
            && {
                // Not "they were simpler to do": "they" is as often the tasks.
                let (who, head) = subject(v.tokens(), k - 1);
                who == Who::Person && !head.is_some_and(|h| v.any(h, &["they", "them"]))
            }
            && !(0..k).any(|c| v.any(c, &["it", "it's", "that", "this", "that's"]));
        if predicate && !acknowledged && task_to && !persons_quality {
            out.push(found(v, k - 1, i));
        } else if predicate && !acknowledged && !persons_quality {
            // "the repair was simple", "it was obvious that", "that should be easy to do";
            // not "the reason for it is quite simple".
            let (who, head) = subject(v.tokens(), k - 1);
            let head_word = head
                .and_then(|h| v.word(h))
                .map(|w| w.lower.as_str())
                .unwrap_or("");
            // "the error was obvious", "the culprit was obvious once we looked": what people
            // should have seen, called obvious (an evidential, as "it was obvious that").
            let seen = t.any(&["obvious", "self-evident"]) && SEEN.contains(&head_word);
            let task = TASKS.contains(&head_word)
                || seen
                // "Some of these were obvious, such as …": the demonstratives in the plural.
                || matches!(head_word, "it" | "that" | "this" | "these" | "those")
                || matches!(who, Who::Person | Who::Nobody | Who::Activity);
            if task {
                out.push(found(v, k - 1, i));
            }
        } else if !acknowledged && k >= 3 && v.any(k - 1, &["a", "an"]) && gerund_subject(v, k - 2)
        {
            // "Rolling back was a trivial one-click job", "Failing over is a simple
            // affair": a person's activity called easy, whatever the noun.
            out.push(found(v, i, i));
        } else if v.is(i + 1, "one") && error_before(v, i) {
            // "human error, and a simple one at that", "it seems an obvious one": the
            // error called simple or obvious, not a task.
        } else if !acknowledged
            && (k == 0 || v.tokens()[k - 1].punct || v.any(k - 1, &["the", "an", "a"]))
            && task_noun_to(v, i)
        {
            // "Easy mistake to avoid", "a simple check to run", "an easy fix to make": the
            // noun and the infinitive name the task called easy.
            out.push(found(v, k, i));
        } else if !acknowledged
            // "it'd be a simple process to solve": with an infinitive after it, the noun
            // must be a task's (above).
            && (!v.is(i + 2, "to") || v.any(i + 1, &["way", "option"]))
            && (v.any(i + 1, TASKS)
                // "a trivial one-click job", "a simple config change": one modifier before
                // the task noun.
                || v.word(i + 1).is_some_and(|w| !w.any(&["to", "and", "or", "of"]))
                    && v.any(i + 2, TASKS)
                    && !v.any(i + 2, &["one", "part", "bit", "piece", "thing"])
                // "a simpler and quicker solution": a second adjective joined to the first.
                || v.any(i + 1, &["and", "or"])
                    && v.word(i + 2).is_some()
                    && v.any(i + 3, TASKS)
                    && !v.any(i + 3, &["one", "part", "bit", "piece", "thing"])
                || (v.any(i + 1, &["to"]) && v.word(i + 2).is_some())
                // "A simple check of the graph would have shown it": a person's check,
                // called simple, as what would have sufficed.
                || v.any(i + 1, &["check", "look", "glance"])
                    && v.any(i + 2, &["of", "at"])
                    && (i + 3..(i + 10).min(n)).any(|c| {
                        v.any(c, &["would", "could", "would've", "could've"])
                            && v.is(c + 1, "have")
                    })
                // "the easiest way to get capacity back": a choice among ways.
                || v.any(i + 1, &["way", "option"])
                    && v.is(i + 2, "to")
                    && t.any(&["easiest", "simplest"])
                // "a simple matter of restarting the pod"; not "a matter of time".
                || v.any(i + 1, &["matter", "case", "question"])
                    && v.is(i + 2, "of")
                    && {
                        // "a simple case of not reading the chart".
                        let g = if v.is(i + 3, "not") { i + 4 } else { i + 3 };
                        v.word(g).is_some_and(|w| w.lower.ends_with("ing"))
                    })
            && k > 0
            && (v.any(k - 1, &["the", "an", "a"]) || persons_possessive(v, k - 1))
        {
            // "the obvious choice", "an easy one".
            out.push(found(v, i, i));
        } else if v.any(i + 1, &["problem", "problems", "question", "questions"])
            && k >= 2
            && v.any(k - 1, &["the", "an", "a", "this", "that", "such"])
            && v.any(
                k - 2,
                &["solve", "solving", "fix", "fixing", "answer", "answering"],
            )
        {
            // "to solve this very simple problem": the problem is the task.
            out.push(found(v, k, i));
        }
        true
    } else {
        false
    }
}

/// "how hard is it to read the runbook?": a rhetorical question.
#[inline]
pub(super) fn how_hard(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    let n = v.tokens().len();
    if t.is("how")
        && v.any(i + 1, &["hard", "difficult"])
        && v.any(i + 2, &["is", "was", "can", "could", "would"])
        && (i + 3..(i + 6).min(n)).any(|k| v.is(k, "to") && v.word(k + 1).is_some())
    {
        // "how hard is it to read the runbook?", "How hard can it be to check": a
        // rhetorical question that calls the task easy.
        out.push(found(v, i, i + 1));
        true
    } else {
        false
    }
}

/// "It's not hard to read a changelog": see [`not_hard`].
#[inline]
pub(super) fn task_not_hard(v: &View, i: usize, out: &mut Vec<Found>) -> bool {
    if let Some(first) = not_hard(v, i) {
        // "It's not hard to read a changelog", "it wasn't that difficult to check": the
        // task called easy by denying it was hard.
        out.push(found(v, first, i));
        true
    } else {
        false
    }
}

/// "easily" on a person's action or a fix.
#[inline]
pub(super) fn easily(
    v: &View,
    i: usize,
    t: &Token,
    prev: Option<&Token>,
    out: &mut Vec<Found>,
) -> bool {
    let n = v.tokens().len();
    if t.is("easily") {
        // "are not easily able to access the records", "can't easily be restored": the
        // difficulty acknowledged, not a task made small.
        if prev.is_some_and(|p| p.any(&["not", "never"]) || negation(&p.lower)) {
            return true;
        }
        let j = if v.is(i + 1, "have") { i + 2 } else { i + 1 };
        // "I can easily picture that change being made", "we could easily imagine": a
        // judgement of likelihood, no task.
        if v.any(
            j,
            &[
                "imagine",
                "picture",
                "envision",
                "envisage",
                "believe",
                "see",
                "understand",
                "think",
            ],
        ) {
            return true;
        }
        let passive = prev.is_some_and(|p| p.any(&["was", "were", "be", "been", "is", "are"]));
        // "I easily recovered from this attitude", "she easily fixed it": a person's
        // action called easy, whatever the verb; not "it easily fits" (a thing).
        // "You can easily recover by re-running the job": a modal, a person, the task
        // called easy.
        let can_easily = prev
            .is_some_and(|p| p.any(&["can", "could", "should", "will", "'ll", "would", "might"]))
            && matches!(subject(v.tokens(), i).0, Who::Person)
            && v.word(j)
                .is_some_and(|w| !w.any(SYSTEM_BASE_VERBS) && !w.any(&["be", "have"]));
        // "we'd be easily able to get it right", "they were easily able to restore it": the
        // person's ability called easy, as "can easily".
        let easily_able = v.is(j, "able")
            && v.is(j + 1, "to")
            && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name);
        let persons_action = can_easily
            || v.word(j).is_some_and(|w| {
                (w.lower.ends_with("ed") || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str()))
                    && !w.any(SYSTEM_BASE_VERBS)
            }) && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name);
        // "This is easily fixed by re-running the job", "easily avoided by reading the
        // checklist": a fix called easy, in the passive; not "easily missed" (a slip
        // acknowledged) nor "easily fixed by the autoscaler" (a system's doing).
        let easy_fix = passive
            && v.any(j, EASY_FIXES)
            && !(v.is(j + 1, "by")
                // "by re-running the job": the means, a person's doing; "by the
                // autoscaler": the agent, a thing.
                && !v.word(j + 2).is_some_and(|w| w.lower.ends_with("ing"))
                && (j + 2..(j + 5).min(n)).any(|k| {
                    v.word(k).is_some_and(|w| {
                        crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
                            || crate::lexicon::TECH_NAMES.contains(&w.lower.as_str())
                    })
                }));
        // "you could give a macro X and have it output 2^n Ys pretty easily": at the
        // clause's end, the word rates the whole task of the person the modal is about.
        let clause_end = v.word(i + 1).is_none() || boundary_after(v, i);
        let yours = clause_end
            && (0..i).any(|k| {
                v.any(k, &["you", "we", "i", "you'd", "we'd", "you'll", "we'll"])
                    && v.any(k + 1, &["could", "can", "should", "would", "might", "'d"])
            });
        // "be easily able": the copula before it is not a passive.
        if (v.any(j, SEE_VERBS) || persons_action) && !passive || easily_able || easy_fix || yours {
            out.push(found(v, i, i));
        }
        true
    } else {
        false
    }
}

/// "It's not hard to read a changelog", "it wasn't that difficult to check the backup": a
/// dummy or task subject, a denied "hard", an infinitive. Not "This problem is not hard to
/// reproduce" (a thing's property): the subject is "it" or "that".
fn not_hard(v: &View, i: usize) -> Option<usize> {
    const NEG: &[&str] = &["not", "isn't", "wasn't", "never", "aren't", "weren't"];
    // Not "it is not hard to see why": what a thing is like to see or use, as for "easy";
    // with an object ("to read a changelog") it is a task again.
    let object = v.any(
        i + 3,
        &[
            "a", "an", "the", "this", "that", "your", "our", "their", "his", "her", "my",
        ],
    );
    if !(v.any(i, &["hard", "difficult"])
        && v.is(i + 1, "to")
        && v.word(i + 2)
            .is_some_and(|w| !w.any(PROPERTY_VERBS) || object))
    {
        return None;
    }
    let mut k = i;
    while k > 0
        && v.any(
            k - 1,
            &["that", "so", "very", "too", "exactly", "particularly"],
        )
    {
        k -= 1;
    }
    let neg = k.checked_sub(1).filter(|n| v.any(*n, NEG))?;
    let dummy = if v.any(neg, &["isn't", "wasn't"]) {
        neg > 0 && v.any(neg - 1, &["it", "that"])
    } else {
        neg > 0
            && (v.any(neg - 1, &["it's", "that's"])
                || v.any(neg - 1, &["is", "was", "be", "been"])
                    && neg > 1
                    && v.any(neg - 2, &["it", "that", "would", "should"]))
    };
    dummy.then_some(neg)
}

/// "not", "never", chat's "nooooot".
fn negation(w: &str) -> bool {
    ["not", "never", "isn't", "wasn't", "non", "no"].contains(&w)
        || w.len() > 3
            && w.starts_with("no")
            && w.ends_with('t')
            && w[1..w.len() - 1].chars().all(|c| c == 'o')
}

/// "It should have been clear to the reviewer", "obvious to anyone": an adjective of
/// evidence judges a perception only under a modal or with someone other than the writer.
fn evidence_judged(v: &View, k: usize, at: usize) -> bool {
    let modal = (k.saturating_sub(4)..k).any(|c| v.any(c, &["should", "must", "ought"]));
    let to_anyone = v.is(at + 1, "to")
        && v.any(
            at + 2,
            &[
                "anyone",
                "anybody",
                "everyone",
                "everybody",
                "all",
                "the",
                "any",
                "you",
            ],
        );
    modal || to_anyone
}

/// "If you use supergrub you can boot to the install and do it from there, much easier",
/// "boot the live USB and come back here, far simpler to work in that environment": a
/// comparative set after advice as a verbless tag, the way advised called easier. The tag
/// follows a comma and ends the utterance with "you" in the sentence, or names the task by
/// an infinitive. Not "The new API is faster, much simpler, and cheaper" (no advice, no
/// task) nor "easier to read" (a property). Returns the tag's first word.
fn comparative_tag(v: &View, k: usize, i: usize) -> Option<usize> {
    let t = v.tokens();
    if !v.any(i, &["easier", "simpler"]) {
        return None;
    }
    let first = if k == i && i >= 1 && v.any(i - 1, &["much", "far", "way", "lot"]) {
        if i >= 2 && v.is(i - 1, "lot") && v.is(i - 2, "a") {
            i - 2
        } else {
            i - 1
        }
    } else {
        k
    };
    if !(first > 0 && t[first - 1].punct && t[first - 1].lower == ",") {
        return None;
    }
    // "incidents like this become less likely, easier to detect early, and faster to
    // remediate": a list of qualities after a copula, not a tag on advice.
    let utterance_first = (0..first)
        .rev()
        .find(|c| v.stop_after(*c))
        .map_or(0, |c| c + 1);
    if (utterance_first..first).any(|c| v.any(c, COPULAS) || v.any(c, &["become", "becomes"])) {
        return None;
    }
    let mut c = i + 1;
    while c < t.len() && !v.stop_after(c - 1) {
        if t[c].punct && t[c].lower == "," && v.any(c + 1, &["and", "or"]) {
            return None;
        }
        c += 1;
    }
    let task = v.is(i + 1, "to")
        && v.word(i + 2)
            .is_some_and(|w| !w.any(PROPERTY_VERBS) && !w.any(SLIP_ADVERBS));
    let you = (0..first).any(|c| v.any(c, &["you", "u", "your"]));
    let ends = boundary_after(v, i)
        || t.get(i + 1).is_some_and(|n| n.punct && n.lower == ",") && !v.is(i + 2, "and");
    (task || you && ends).then_some(first)
}

/// An error noun earlier in the sentence that "one" after the adjective stands for: "human
/// error, and a simple one at that", "this mistake …, an obvious one".
fn error_before(v: &View, at: usize) -> bool {
    (at.saturating_sub(20)..at).any(|k| {
        v.word(k).is_some_and(|w| {
            ["error", "mistake", "slip", "typo", "blunder", "oversight"]
                .iter()
                .any(|e| w.lower.starts_with(e))
        })
    })
}

/// After the adjective at `at`: a noun of a task or a slip, "to" and a verb that is a task,
/// not a property ("an easy mistake to avoid", "a simple check to add"; not "an easy mistake
/// to make", nor a thing's use, "a simple script to delete old rows", "a simple way to
/// deploy").
fn task_noun_to(v: &View, at: usize) -> bool {
    v.word(at + 1).is_some_and(|w| {
        w.any(&[
            "mistake",
            "mistakes",
            "error",
            "errors",
            "slip",
            "fix",
            "fixes",
            "check",
            "checks",
            "bug",
            "bugs",
            "step",
            "steps",
            "thing",
            "things",
            "one",
            "task",
            "tasks",
            "catch",
            "choice",
            "option",
            "answer",
            "solution",
            "workaround",
            "decision",
            "call",
        ])
    }) && v.is(at + 2, "to")
        && v.word(at + 3).is_some_and(|w| {
            !w.any(PROPERTY_VERBS)
                && !w.any(SLIP_ADVERBS)
                && !w.any(&["be", "the", "a", "an"])
                && !w.lower.ends_with("ing")
        })
}

/// The copula at `at` has a gerund for its subject, at the start of its clause: "Rolling back
/// was …", "Failing over is …" (an adverb or particle may follow the gerund).
fn gerund_subject(v: &View, at: usize) -> bool {
    if !v.any(at, COPULAS) {
        return false;
    }
    let first = (0..at)
        .rev()
        .find(|c| v.tokens()[*c].punct)
        .map_or(0, |c| c + 1);
    // "Rotating the expired token was …": the gerund and an object of a word or three.
    at > first
        && at - first <= 5
        && v.word(first).is_some_and(|w| {
            w.lower.ends_with("ing")
                && w.lower.len() > 4
                && !w.any(&["nothing", "something", "everything", "anything"])
        })
}

/// The word at `at`, before "that's", is a noun the relative clause is about: not a verb of
/// saying or thinking ("I think that's easy"), a conjunction or an interjection, and no
/// punctuation.
fn relative_after_noun(v: &View, at: usize) -> bool {
    v.word(at).is_some_and(|w| {
        !w.any(&[
            "think", "thought", "guess", "say", "said", "know", "knew", "and", "but", "so",
            "because", "yes", "yeah", "ok", "okay", "well", "sure", "hope", "bet", "feel", "agree",
            "believe", "suppose", "since", "if", "then", "now", "oh", "ah", "lol", "hmm", "is",
            "was", "all", "maybe", "probably", "actually", "honestly", "really", "see", "mean",
            "hear", "heard", "find", "found", "figure", "figured", "sounds", "seems", "why",
            "where", "how", "what", "when", "which", "who", "as", "though", "although", "while",
        ]) && !w.lower.ends_with("ly")
            && !w.lower.ends_with("ed")
            && !crate::lexicon::PERSON_PRONOUNS.contains(&w.lower.as_str())
    })
}

/// A person's possessive before a task noun: "our simple fix", "Alice's simple solution"; not
/// a thing's ("the script's simple fix").
fn persons_possessive(v: &View, at: usize) -> bool {
    v.word(at).is_some_and(|w| {
        w.any(crate::lexicon::PERSON_POSSESSIVES)
            || w.lower.strip_suffix("'s").is_some_and(|owner| {
                !owner.is_empty()
                    && !crate::lexicon::SYSTEM_NOUNS.contains(&owner)
                    && !crate::lexicon::TECH_NAMES.contains(&owner)
                    && !crate::lexicon::THING_PRONOUNS.contains(&owner)
                    && !["it", "that", "there", "here", "what", "who", "let"].contains(&owner)
            })
    })
}

/// Around the comparative at `i` (its degree words from `k`): "will be" before it, "so that
/// it is" before it, or "than" within a noun phrase after it.
fn comparison_or_benefit(v: &View, k: usize, i: usize) -> bool {
    let future = k >= 2 && v.is(k - 1, "be") && v.any(k - 2, &["will", "'ll"]);
    let purpose = k >= 3
        && v.any(k - 1, &["is", "be"])
        && v.is(k - 2, "it")
        && v.is(k - 3, "that")
        && k >= 4
        && v.is(k - 4, "so");
    let than = (i + 1..(i + 5).min(v.tokens().len()))
        .take_while(|c| v.word(*c).is_some())
        .any(|c| v.is(c, "than"))
        && v.word(i + 1).is_some_and(|w| w.any(TASKS));
    future || purpose || than
}
