//! Minimisers: words that make someone's difficulty look trivial ("just", "simply",
//! "obviously", "clearly", "of course", "easy", "simple") where they describe what a person
//! did, had to do, should do or should have seen — in any tense, advice included. Not
//! flagged: "just" as only, exactly or recently ("just after midnight", "I've just installed"),
//! "not just", the words about systems and things ("the service simply returned 503"),
//! presentation ("a dashboard that clearly showed"), intensifiers and acknowledgements of
//! difficulty ("not trivial", "easily missed").

use super::clause::{Who, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::{QUANTITY_WORDS, SYSTEM_BASE_VERBS, THING_PRONOUNS};

const EASY: &[&str] = &["just", "simply", "merely"];
/// After "just", verbs of wanting, wondering, saying and trying: "I just want to know", "I
/// just tried it" are not a difficulty made small.
const NOT_AFTER_JUST: &[&str] = &[
    "want",
    "wanted",
    "wanna",
    "wondering",
    "wondered",
    "curious",
    "asking",
    "asked",
    "saying",
    "sayin",
    "said",
    "mean",
    "meant",
    "thought",
    "think",
    "noticed",
    "realized",
    "realised",
    "happen",
    "happens",
    "happened",
    "kidding",
    "joking",
    "trying",
    "tried",
    "like",
    "love",
    "hate",
    "hope",
    "hoping",
    "checking",
    "pointing",
    "suggesting",
    "guessing",
    "because",
    "making",
    // Feelings and beliefs: "I'm just glad", "I just knew it would work" intensify a state.
    "glad",
    "happy",
    "sad",
    "sorry",
    "tired",
    "confused",
    "surprised",
    "annoyed",
    "frustrated",
    "worried",
    "relieved",
    "lucky",
    "afraid",
    "bored",
    "busy",
    "knew",
    "know",
    "felt",
    "feel",
    "figured",
    "assumed",
    "believed",
    "guess",
    "suppose",
    "wish",
    // "Just FYI", "just so you know", "just out of curiosity": a remark announced.
    "fyi",
    "so",
    "out",
];

/// Past tenses that are not also base forms: after "I just" or a chat line's "just" they
/// narrate what the writer has just done ("just checked the logs"), not advice.
const IRREGULAR_PAST: &[&str] = &[
    "did", "went", "made", "ran", "saw", "took", "gave", "found", "wrote", "left", "sent", "built",
    "told", "came", "became", "lost", "broke", "bought", "brought", "caught", "fell", "began",
    "chose", "drove", "flew", "forgot", "held", "kept", "paid", "spent", "stood", "threw", "won",
    "woke",
];

/// "-ed" words that are base forms: "just need to", "just embed it".
const ED_BASE: &[&str] = &[
    "need", "feed", "seed", "speed", "embed", "shed", "bleed", "proceed", "exceed",
];

/// Prepositions before "just"/"simply" + a gerund: the means presented as all it took ("by
/// just calling", "rather than simply reverting", "instead of just restarting").
const MEANS: &[&str] = &["by", "than", "then", "of", "without", "instead"];

/// Of the things systems do, those people do as well: "why didn't you just restart it?".
const PEOPLE_DO_TOO: &[&str] = &[
    "restart", "retry", "ignore", "drop", "stop", "run", "reject", "keep", "wait",
];

/// Slips after "easy to": "easy to accidentally switch context" names a hazard.
const SLIP_ADVERBS: &[&str] = &[
    "accidentally",
    "inadvertently",
    "unintentionally",
    "mistakenly",
];
/// Easy words as a predicate or attribute: "the repair was simple", "the obvious choice".
#[rustfmt::skip]
const EASY_ADJECTIVES: &[&str] = &[
    "easy", "simple", "trivial", "obvious", "straightforward", "evident", "apparent", "plain",
    "clear", "simpler", "easier", "easiest", "simplest",
];
/// "all they had to do", "all you have to do", "all we need to do": the task made one step.
const HAD_TO: &[&str] = &["needed", "had", "have", "has", "need", "needs"];
const COPULAS: &[&str] = &[
    "was", "is", "were", "are", "be", "been", "'s", "sounds", "seems", "looks", "seemed", "looked",
    "sounded",
];
#[rustfmt::skip]
const DEGREE: &[&str] = &[
    "pretty", "fairly", "very", "quite", "really", "so", "rather", "all", "too", "relatively",
    "reasonably", "extremely", "incredibly", "super", "dead", "trivially",
];
/// After "easy to": verbs for what a thing is like to use or read, and the slips that easy
/// words acknowledge ("easy to miss"), not a task made small ("easy to roll back").
#[rustfmt::skip]
const PROPERTY_VERBS: &[&str] = &[
    "use", "read", "understand", "describe", "explain", "follow", "see", "say", "miss", "overlook",
    "forget", "confuse", "misread", "misunderstand", "mistake", "break", "lose", "get", "mix",
    "make", "reproduce", "trigger", "hit", "exploit", "abuse", "guess",
];
/// What a person does or decides, when it is called easy.
#[rustfmt::skip]
const TASKS: &[&str] = &[
    "repair", "fix", "workaround", "solution", "choice", "answer", "option", "decision", "task",
    "step", "one", "thing", "remedy", "mitigation", "action", "approach", "bit", "part", "piece",
];
/// Fixes that "easily" makes look trivial, in the passive.
#[rustfmt::skip]
const EASY_FIXES: &[&str] = &[
    "fixed", "avoided", "prevented", "resolved", "solved", "remedied", "corrected", "recovered",
    "mitigated", "repaired", "reverted",
];
#[rustfmt::skip]
const SEE_VERBS: &[&str] = &[
    "seen", "spotted", "noticed", "caught", "avoided", "prevented", "detected", "identified",
    "fixed", "found", "realised", "realized",
];

fn found(v: &View, first: usize, last: usize) -> Found {
    Found {
        category: Category::Minimiser,
        first,
        last,
        suggestion: format!(
            "{} (What looks easy afterwards was rarely easy then: say what made it hard.)",
            v.rewrite(first, last, "")
        ),
    }
}

/// The clause is about a system or a thing ("the service simply returned", "it just scans",
/// "the kubelet simply restarted"): any subject that is not a person, a name or a people's
/// activity. A closed list of system nouns missed the many tools a write-up names.
fn about_a_thing(v: &View, at: usize) -> bool {
    // "it was simpler to just leave them": after "to" the infinitive is someone's task.
    if at > 0 && v.is(at - 1, "to") {
        return false;
    }
    let (who, head) = subject(v.tokens(), at);
    // "your original setup just used /var/www": a thing of someone's is still a thing.
    who == Who::Thing
        || who == Who::PersonNearby
            && head
                .and_then(|h| v.word(h))
                .is_some_and(|w| crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str()))
}

/// A past tense, not a base form: "installed", "voted", "did".
fn past_tense(w: &crate::text::Token) -> bool {
    (w.lower.ends_with("ed") && !w.any(ED_BASE)) || w.any(IRREGULAR_PAST)
}

/// "not", "never", chat's "nooooot".
fn negation(w: &str) -> bool {
    ["not", "never", "isn't", "wasn't", "non", "no"].contains(&w)
        || w.len() > 3
            && w.starts_with("no")
            && w.ends_with('t')
            && w[1..w.len() - 1].chars().all(|c| c == 'o')
}

/// Between the word before `at` and `at` an utterance ends (a full stop, "..", "!", ";"),
/// or nothing is before it.
fn boundary_before(v: &View, at: usize) -> bool {
    let t = v.tokens();
    at == 0 || t[at - 1].punct && t[at - 1].lower == ";" || v.stop_after(at - 1)
}

/// After `at` the utterance ends: the sentence's end, a stop, a semicolon or a smiley.
fn boundary_after(v: &View, at: usize) -> bool {
    let t = v.tokens();
    t.get(at + 1)
        .is_some_and(|n| n.punct && matches!(n.lower.as_str(), ";" | ":" | ")"))
        || v.stop_after(at)
}

/// A finite verb later in the clause: the gerund phrase before it is its subject.
fn finite_verb_follows(v: &View, from: usize) -> bool {
    (from..(from + 8).min(v.tokens().len()))
        .take_while(|k| !v.tokens()[*k].punct)
        .any(|k| {
            v.any(
                k,
                &[
                    "would", "will", "should", "could", "might", "would've", "could've", "is",
                    "was", "fixes", "fixed", "solves", "solved", "works", "worked",
                    // "just making it clone looks like this anti-pattern".
                    "looks", "seems", "sounds", "feels",
                ],
            )
        })
}

/// The sentence says what happened or should have: a past auxiliary or a modal perfect.
fn tells_the_past(v: &View) -> bool {
    (0..v.tokens().len()).any(|k| {
        v.any(
            k,
            &[
                "was", "were", "had", "did", "didn't", "wasn't", "weren't", "hadn't",
                "should've", "could've",
            ],
        ) || v.any(k, &["should", "could", "would"]) && v.is(k + 1, "have")
            // "Obviously, the migration needed a lock": a past tense after its subject.
            || k > 1
                && v.word(k).is_some_and(past_tense)
                && !v.any(k - 1, &["the", "a", "an", "this", "that", "these", "those"])
    })
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let recently = v.tokens().iter().any(|t| t.is("ago"));
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        let prev = i.checked_sub(1).and_then(|k| v.word(k));
        // "The review missed the obvious growth trend", "we overlooked an obvious sign": what
        // was missed called obvious, as it is only afterwards.
        if t.any(&["obvious", "glaring"])
            && i >= 2
            && v.any(i - 1, &["the", "an", "a", "this", "that", "these", "those"])
            && v.any(
                i - 2,
                &[
                    "missed",
                    "overlooked",
                    "ignored",
                    "miss",
                    "overlook",
                    "ignore",
                    "missing",
                    "overlooking",
                    "ignoring",
                    "misses",
                    "overlooks",
                    "ignores",
                ],
            )
        {
            out.push(found(v, i, i));
            continue;
        }
        if t.any(EASY) {
            let next = v.word(i + 1);
            // "I'm only just learning Rust": barely, recently. "Simply put, …", "put
            // simply": an idiom about the telling.
            if prev.is_some_and(|p| p.any(&["only", "put"])) || t.is("simply") && v.is(i + 1, "put")
            {
                continue;
            }
            if let Some(next) = next
                && next.lower.ends_with("ing")
                && next.lower.len() > 4
            {
                // "By just calling foo, I got rid of the errors", "rather than simply
                // reverting": the means, presented as all it took. "Just checking the logs
                // would have shown …": a gerund subject, the same. Otherwise "just keeping an
                // eye on this window", "are we merely voting on …": the writer's activity.
                // "try just deleting the lock file": advice to try the gerund.
                let means = prev.is_some_and(|p| p.any(MEANS) || p.any(&["try", "tried"]));
                // "you're just shadowing it all over the place": someone else's doing, made
                // small; not the writer's own "I'm just waiting".
                let yours = prev.is_some_and(|p| p.any(&["you're", "youre"]))
                    || i >= 2 && v.is(i - 2, "you") && v.any(i - 1, &["are", "were"]);
                if means || yours || finite_verb_follows(v, i + 2) {
                    out.push(found(v, i, i));
                }
                continue;
            }
            // "I just installed ubuntu", "we just voted on it", a chat line's "just checked
            // the logs": the writer's own recent action, narrated; not advice.
            if t.is("just")
                && next.is_some_and(past_tense)
                && (prev.is_none_or(|p| p.any(&["i", "we"])) || boundary_before(v, i))
            {
                continue;
            }
            // "Just roll it back", "Nope. Just install it": advice, whatever follows.
            // A capital "Just" inside the text starts an utterance (after a nick in chat).
            // "Simply restart the pod": an imperative "simply" too, on a base verb (not
            // "Simply put, …").
            let simply_imperative = t.is("simply")
                && (i == 0 || t.capital)
                && v.word(i + 1).is_some_and(|w| {
                    crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                        && !["ed", "ing", "en"].iter().any(|end| w.lower.ends_with(end))
                        && !w.any(&["put", "had", "did", "was", "made", "took", "went"])
                });
            let imperative = simply_imperative
                || t.is("just")
                    && (i == 0
                        || t.capital
                        || (v.tokens()[i - 1].punct && v.tokens()[i - 1].lower == ":")
                        || prev.is_some_and(|p| p.any(&["nope", "no", "yes", "ok", "so", "then"])));
            // "should have just been synced": not "recently" after a modal perfect.
            let after_modal = prev.is_some_and(|p| p.is("have"))
                && i >= 2
                && v.any(i - 2, &["should", "could", "would", "might"]);
            // "Just wondering …", "Just sayin'": not advice, whatever the capital.
            let imperative = imperative && !v.word(i + 1).is_some_and(|w| w.any(NOT_AFTER_JUST));
            if imperative || after_modal {
                let quantity = v.word(i + 1).is_some_and(|n| {
                    (n.any(QUANTITY_WORDS) && !n.is("been"))
                        || n.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
                });
                if !quantity {
                    out.push(found(v, i, i));
                }
                continue;
            }
            // "one option is to just keep the box", "The fix was to just restart the pod": the
            // task after a copula, called all it took.
            if i >= 2
                && v.is(i - 1, "to")
                && v.any(i - 2, COPULAS)
                && v.word(i + 1).is_some_and(|w| !w.lower.ends_with("ed"))
            {
                let (who, head) = subject(v.tokens(), i - 2);
                if head
                    .and_then(|h| v.word(h))
                    .is_some_and(|w| TASKS.contains(&w.lower.as_str()))
                    || matches!(who, Who::Person | Who::Activity)
                {
                    out.push(found(v, i, i));
                    continue;
                }
            }
            // "The contractor simply never tested the restore path", "she just never
            // checked": an omission of a person's, made to look like nothing.
            if v.is(i + 1, "never")
                && v.word(i + 2).is_some_and(past_tense)
                && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
            {
                out.push(found(v, i, i));
                continue;
            }
            // "The fix was simply to drain the node first": the task, called all it took.
            if t.is("simply") && task_infinitive(v, i) {
                out.push(found(v, i, i));
                continue;
            }
            // "Why not just use the staging cluster?": a suggestion, not "not just" (= not only).
            if prev.is_some_and(|p| p.is("not")) && i >= 2 && v.is(i - 2, "why") {
                out.push(found(v, i, i));
                continue;
            }
            let Some(next) = next else { continue };
            if next.any(NOT_AFTER_JUST) || mental_verb(&next.lower) {
                continue;
            }
            // "It's just a matter of reading the docs": the task, called all it takes (as "a
            // simple matter of restarting"); not "just a matter of time".
            if v.phrase(i + 1, &["a", "matter", "of"])
                && v.word(i + 4)
                    .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
            {
                out.push(found(v, i, i));
                continue;
            }
            // "did we just get spammed?", "have you just rebooted?": a question about what
            // has happened, "just" as recently.
            if t.is("just") && recent_question(v, i) {
                continue;
            }
            // "we just need the mysql database", "more than just sed", "just a header",
            // "These were red herrings, just failures for …": "just" as only or merely before
            // what is needed or what something is, not an action made small.
            if t.is("just") && only_before_a_noun(v, i) {
                continue;
            }
            // "it just restarts", "will simply reject": a system's doing; not "why didn't
            // you just restart it?".
            if next.any(SYSTEM_BASE_VERBS)
                && !(next.any(PEOPLE_DO_TOO) && subject(v.tokens(), i).0 == Who::Person)
            {
                continue;
            }
            // "Why wouldn't they just come uncommented?": what happens to a thing.
            if next.any(&["come", "comes", "came"])
                && v.word(i + 2).is_some_and(|w| w.lower.ends_with("ed"))
            {
                continue;
            }
            // "simply wasn't something we'd prepared for", "simply wouldn't have been
            // possible": an intensifier on a negation, not a difficulty made small.
            if next.lower.ends_with("n't")
                || next.lower.ends_with("n’t")
                || next.any(&["cannot", "not", "never"])
                || next.any(CHAT_NEGATIONS)
            {
                continue;
            }
            // "!Trait isn't actual syntax, just used in conversation": after a negated clause,
            // "just" sets what it is against what it is not ("not X, just Y" = only).
            if contrast_after_negation(v, i) {
                continue;
            }
            if next.any(QUANTITY_WORDS)
                || next
                    .lower
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
                || prev.is_some_and(|p| {
                    p.any(&[
                        "not", "have", "has", "had", "i've", "we've", "they've", "you've", "it's",
                        "he's", "she's",
                    ])
                })
                || (t.is("just") && recently)
            {
                continue;
            }
            if about_a_thing(v, i) && !next.any(&["had", "needed", "required", "forgot"]) {
                continue;
            }
            out.push(found(v, i, i));
        } else if t.any(&["obviously", "trivially", "evidently"]) {
            // "It was obviously a bad idea to deploy at 5pm": a person's choice judged as
            // plainly wrong, what they should have seen.
            let judged_choice = v.any(i + 1, &["a", "an", "the"])
                && (i + 2..(i + 5).min(n)).any(|k| {
                    v.any(
                        k,
                        &["idea", "decision", "mistake", "choice", "call", "move"],
                    ) && v.is(k + 1, "to")
                });
            if task_infinitive(v, i) || judged_choice && !t.is("trivially") {
                out.push(found(v, i, i));
                continue;
            }
            if about_a_thing(v, i) || prev.is_some_and(|p| p.any(THING_PRONOUNS)) {
                continue;
            }
            // "Obviously, mistakes … tend to happen early", "Windows Defender, obviously.":
            // outside a clause, the word judges what someone saw only when a person follows
            // or the sentence tells what happened or should have ("Obviously, the disk was
            // full", "Obviously the migration should have been tested").
            if prev.is_none() && !person_follows(v, i + 1) && !tells_the_past(v) {
                continue;
            }
            out.push(found(v, i, i));
        } else if t.is("clearly") {
            // "Clearly nobody read the release notes", "Clearly, the team should have paused";
            // not "a dashboard that clearly showed". "The fix was clearly to drain the node":
            // what someone had to do, called obvious.
            // "He clearly didn't read the runbook", "the team clearly missed it": evidence
            // of an omission presented as plain; not "we clearly explained" (manner).
            let plain_omission = prev
                .is_some_and(|p| matches!(super::clause::classify_word(p, false), Who::Person))
                && v.word(i + 1).is_some_and(|w| {
                    w.any(&[
                        "didn't",
                        "never",
                        "hadn't",
                        "wasn't",
                        "weren't",
                        "forgot",
                        "missed",
                        "overlooked",
                        "ignored",
                        "neglected",
                        "failed",
                    ]) || w.is("did") && v.is(i + 2, "not")
                });
            if person_follows(v, i + 1) || task_infinitive(v, i) || plain_omission {
                out.push(found(v, i, i));
            }
        } else if t.is("of") && v.is(i + 1, "course") {
            // "of course, not rust fault": conceding a denial, nothing made to look easy.
            let k = if v.tokens().get(i + 2).is_some_and(|t| t.punct) {
                i + 3
            } else {
                i + 2
            };
            if !v.any(k, &["not", "no"]) {
                out.push(found(v, i, i + 1));
            }
        } else if t.any(&["simple", "easy", "trivial", "straightforward"])
            && prev.is_some_and(|p| p.is("as"))
            && v.is(i + 1, "as")
            && v.word(i + 2).is_some_and(|w| {
                w.lower.ends_with("ing") && w.lower.len() > 4
                    || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
            })
        {
            // "Recovery is as simple as restarting the pod", "as easy as running make".
            out.push(found(v, i - 1, i + 1));
        } else if t.any(EASY_ADJECTIVES)
            || t.is("forward") && prev.is_some_and(|p| p.is("straight"))
        {
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
                continue;
            }
            // "straight forward", written in two words, is "straightforward".
            let mut k = if t.is("forward") { i - 1 } else { i };
            while k > 0 && v.any(k - 1, DEGREE) {
                k -= 1;
            }
            // "it is clear that the logs are missing", "that's clear now", "it was clear to me
            // that …": what the writer or the evidence established, not what someone should
            // have seen; only "should have been clear", "clear to anyone" judge a perception.
            if t.any(EVIDENCE_ADJECTIVES) && !evidence_judged(v, k, i) {
                continue;
            }
            // "that's nooooot a simple task", "not an easy fix": difficulty acknowledged.
            if (k.saturating_sub(2)..k).any(|n| v.word(n).is_some_and(|w| negation(&w.lower))) {
                continue;
            }
            // "there's a script for it.. really easy", "easy approach; no traffic": the
            // word as a whole utterance about what was just described, a task called easy.
            let alone = !t.any(&["clear", "evident", "apparent", "plain"])
                && boundary_before(v, k)
                && (boundary_after(v, i) || v.any(i + 1, TASKS) && boundary_after(v, i + 1));
            if alone {
                out.push(found(v, k, i));
                continue;
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
            if k > 0 && v.any(k - 1, &["it's", "that's", "its"]) && !property {
                out.push(found(v, k - 1, i));
                continue;
            }
            let predicate = k > 0 && v.any(k - 1, COPULAS);
            // "clear" only as what someone should have seen: "it was clear that", "clear to".
            if t.is("clear") && !v.any(i + 1, &["that", "to"]) {
                continue;
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
                continue;
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
                let task = TASKS.contains(&head_word)
                    || matches!(head_word, "it" | "that" | "this")
                    || matches!(who, Who::Person | Who::Nobody | Who::Activity);
                if task {
                    out.push(found(v, k - 1, i));
                }
            } else if !acknowledged
                && (v.any(i + 1, TASKS)
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
                    || v.phrase(i + 1, &["matter", "of"])
                        && v.word(i + 3).is_some_and(|w| w.lower.ends_with("ing")))
                && k > 0
                && v.any(k - 1, &["the", "an", "a"])
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
        } else if t.is("how")
            && v.any(i + 1, &["hard", "difficult"])
            && v.any(i + 2, &["is", "was", "can", "could", "would"])
            && (i + 3..(i + 6).min(n)).any(|k| v.is(k, "to") && v.word(k + 1).is_some())
        {
            // "how hard is it to read the runbook?", "How hard can it be to check": a
            // rhetorical question that calls the task easy.
            out.push(found(v, i, i + 1));
        } else if let Some(first) = not_hard(v, i) {
            // "It's not hard to read a changelog", "it wasn't that difficult to check": the
            // task called easy by denying it was hard.
            out.push(found(v, first, i));
        } else if t.is("easily") {
            let j = if v.is(i + 1, "have") { i + 2 } else { i + 1 };
            let passive = prev.is_some_and(|p| p.any(&["was", "were", "be", "been", "is", "are"]));
            // "I easily recovered from this attitude", "she easily fixed it": a person's
            // action called easy, whatever the verb; not "it easily fits" (a thing).
            // "You can easily recover by re-running the job": a modal, a person, the task
            // called easy.
            let can_easily = prev.is_some_and(|p| {
                p.any(&["can", "could", "should", "will", "'ll", "would", "might"])
            }) && matches!(subject(v.tokens(), i).0, Who::Person)
                && v.word(j)
                    .is_some_and(|w| !w.any(SYSTEM_BASE_VERBS) && !w.any(&["be", "have"]));
            let persons_action = can_easily
                || v.word(j).is_some_and(|w| {
                    (w.lower.ends_with("ed")
                        || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str()))
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
            if (v.any(j, SEE_VERBS) || persons_action) && !passive || easy_fix || yours {
                out.push(found(v, i, i));
            }
        } else if t.is("all")
            && v.word(i + 1)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            && v.any(i + 2, &["need", "needed", "needs"])
            && v.any(i + 3, &["is", "was"])
            && v.is(i + 4, "to")
        {
            // "all you need is to run update-grub": the task made one step.
            out.push(found(v, i, i + 2));
        } else if (t.is("only") || t.is("all")) && v.phrase(i + 1, &["had", "to"]) {
            out.push(found(v, i, i + 2));
        } else if t.is("all")
            && (i + 1..(i + 5).min(n)).any(|k| v.any(k, HAD_TO) && v.phrase(k + 1, &["to", "do"]))
        {
            let last = (i + 1..(i + 5).min(n))
                .find(|k| v.any(*k, HAD_TO))
                .unwrap_or(i)
                + 2;
            out.push(found(v, i, last));
        }
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

/// Chat's negations without an apostrophe: "X just doesnt start".
#[rustfmt::skip]
const CHAT_NEGATIONS: &[&str] = &[
    "doesnt", "dont", "didnt", "isnt", "wasnt", "wont", "cant", "arent", "werent", "couldnt",
    "wouldnt", "shouldnt", "aint", "havent", "hasnt",
];

/// Adjectives of evidence: what became known, not a task made small.
const EVIDENCE_ADJECTIVES: &[&str] = &["clear", "evident", "apparent", "plain"];

/// Verbs of remembering and understanding, by stem, typos included ("just rememberd"): after
/// "just" they report a state of mind, not an action made small.
fn mental_verb(w: &str) -> bool {
    [
        "remember",
        "recall",
        "recogni",
        "realiz",
        "realis",
        "understood",
        "understand",
        "learn",
        "discover",
        "notic",
    ]
    .iter()
    .any(|stem| w.starts_with(stem))
}

/// "did we just get spammed?", "have you just rebooted": an auxiliary, a pronoun, "just".
fn recent_question(v: &View, at: usize) -> bool {
    at >= 2
        && v.any(at - 1, &["we", "you", "they", "i", "he", "she"])
        && v.any(at - 2, &["did", "have", "has", "had", "do", "does"])
}

/// "just" as only or merely, before a noun phrase: a determiner ("just a header"), what is
/// needed ("we just need the database"; not "you just need to restart"), a comparison ("more
/// than just sed"; not "rather than just reverting"), or an apposition after a copula
/// ("These were red herrings, just failures for …").
fn only_before_a_noun(v: &View, at: usize) -> bool {
    const DETERMINERS: &[&str] = &[
        "a", "an", "the", "some", "another", "my", "our", "your", "his", "her", "their", "its",
    ];
    let t = v.tokens();
    if v.any(at + 1, DETERMINERS) {
        return true;
    }
    if v.any(at + 1, &["need", "needs", "needed"]) && v.any(at + 2, DETERMINERS) {
        return true;
    }
    if at >= 2
        && v.is(at - 1, "than")
        && v.any(
            at - 2,
            &["more", "less", "other", "anything", "something", "nothing"],
        )
    {
        return true;
    }
    let apposition = at >= 1 && t[at - 1].punct && t[at - 1].lower == ",";
    apposition
        && v.word(at + 1).is_some_and(|w| {
            !crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                && !["ed", "ing", "en"].iter().any(|e| w.lower.ends_with(e))
        })
        && t[..at - 1]
            .iter()
            .rev()
            .take_while(|w| !w.punct)
            .any(|w| w.any(&["was", "were", "is", "are"]))
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

/// "The fix was clearly to drain the node", "the answer is obviously to roll back": after a
/// copula whose subject is a task, the word and an infinitive naming what someone had to do.
/// Not "the goal was clearly to reduce load" with a thing's purpose ("the cache is
/// obviously to speed up reads"): the subject must be a task or a person's.
fn task_infinitive(v: &View, at: usize) -> bool {
    if !(at > 0 && v.any(at - 1, COPULAS) && v.is(at + 1, "to")) {
        return false;
    }
    let Some(verb) = v.word(at + 2) else {
        return false;
    };
    // A base form: "to drain", "to roll back"; not "to be expected".
    if verb.any(&["be", "have", "the", "a", "an"])
        || ["ed", "ing"].iter().any(|end| verb.lower.ends_with(end))
    {
        return false;
    }
    let (who, head) = subject(v.tokens(), at - 1);
    head.and_then(|h| v.word(h))
        .is_some_and(|w| TASKS.contains(&w.lower.as_str()))
        || matches!(who, Who::Person | Who::Activity)
}

/// A person is the subject straight after `at` (a comma and a determiner may come first):
/// "Clearly, the team should have …".
fn person_follows(v: &View, at: usize) -> bool {
    let mut k = at;
    if v.tokens().get(k).is_some_and(|t| t.punct && t.lower == ",") {
        k += 1;
    }
    if v.any(k, &["the", "a", "an", "our", "their", "this", "that"]) {
        k += 1;
    }
    // "clearly, we need CI": a need stated, not something someone saw or did.
    v.word(k)
        .is_some_and(|w| matches!(super::clause::classify_word(w, false), Who::Person))
        && !v.any(
            k + 1,
            &[
                "need", "needs", "want", "wants", "have", "has", "will", "'ll",
            ],
        )
}

/// "X isn't actual syntax, just used in conversation": "just" after a comma that ends a
/// negated clause.
fn contrast_after_negation(v: &View, at: usize) -> bool {
    let t = v.tokens();
    if at == 0 || !(t[at - 1].punct && t[at - 1].lower == ",") {
        return false;
    }
    // "Don't fix it forward, just roll it back": an imperative after the comma is advice.
    if v.word(at + 1).is_some_and(|w| {
        crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
            && !w.lower.ends_with("ed")
            && !w.lower.ends_with("ing")
            && !w.lower.ends_with("en")
    }) {
        return false;
    }
    t[..at - 1]
        .iter()
        .rev()
        .take_while(|w| !w.punct)
        .any(|w| w.lower.ends_with("n't") || w.any(&["not", "no", "never", "nothing"]))
}
