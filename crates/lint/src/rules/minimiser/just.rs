//! "just", "simply", "merely" where they make what a person did, does or should do look
//! trivial: advice ("Just roll it back", "Simply restart the pod"), the means ("by just
//! calling foo"), the task after a copula ("The fix was to just restart the pod"), an
//! omission ("she just never checked"), a suggestion ("Why not just use staging?"). Not
//! "just" as only or recently, a system's doing, a state of mind, an intensified negation.

use super::context::{
    about_a_thing, boundary_after, boundary_before, finite_verb_follows, past_tense,
    task_infinitive,
};
use super::found;
use super::words::{CHAT_NEGATIONS, COPULAS, EASY, MEANS, NOT_AFTER_JUST, PEOPLE_DO_TOO, TASKS};
use crate::lexicon::{QUANTITY_WORDS, SYSTEM_BASE_VERBS};
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// "just", "simply", "merely" before what a person did, does or should do.
#[inline]
pub(super) fn just(
    v: &View,
    i: usize,
    t: &Token,
    prev: Option<&Token>,
    recently: bool,
    out: &mut Vec<Found>,
) -> bool {
    if t.any(EASY) {
        let next = v.word(i + 1);
        // "I'm only just learning Rust": barely, recently. "Simply put, …", "put
        // simply": an idiom about the telling.
        if prev.is_some_and(|p| p.any(&["only", "put"])) || t.is("simply") && v.is(i + 1, "put") {
            return true;
        }
        // "Just today we spotted a bug", "just last month", "just yesterday": a time made
        // exact or recent, nothing made small.
        if t.is("just")
            && (v.any(
                i + 1,
                &["today", "tonight", "yesterday", "now", "recently", "lately"],
            ) || v.is(i + 1, "last")
                && v.any(
                    i + 2,
                    &["week", "month", "year", "night", "weekend", "time"],
                ))
        {
            return true;
        }
        // "A 'Just Culture' is promoted": the adjective, fair, in the name of a practice.
        if t.is("just") && v.any(i + 1, &["culture", "cultures"]) {
            return true;
        }
        // "And just maybe, this could have been caught", "just perhaps": a hedge.
        if t.is("just") && v.any(i + 1, &["maybe", "perhaps", "possibly"]) {
            return true;
        }
        // "He hasn't just complained", "we couldn't just move the tags", "they didn't
        // just change one row": a negated auxiliary before the word makes it "not only" or
        // a way ruled out, nothing made small.
        if prev.is_some_and(|p| {
            p.lower.ends_with("n't") || p.lower.ends_with("n’t") || p.any(&["cannot", "never"])
        }) || prev.is_some_and(|p| p.any(CHAT_NEGATIONS))
        {
            return true;
        }
        // "Why didn't the nurse just call the registrar?", "why don't you simply revert?": a
        // rhetorical question that makes the step look obvious, as "why not just".
        if why_not_question(v, i) {
            out.push(found(v, i, i));
            return true;
        }
        // "if the admin had simply installed the update", "if you'd just read the
        // changelog": the step a counterfactual condition calls all it would have taken.
        if counterfactual_condition(v, i, prev) {
            out.push(found(v, i, i));
            return true;
        }
        // "Let's just say that …": an idiom about the telling.
        if prev.is_some_and(|p| p.any(&["let's", "lets"])) && v.is(i + 1, "say") {
            return true;
        }
        // "Just had someone review it", "he just had two servers": possession or the recent
        // past; not "just had to", the task made small, nor "could just have asked".
        if t.is("just") && v.any(i + 1, &["had", "has"]) && !v.is(i + 2, "to") {
            return true;
        }
        // "…, don't ask, I just had to.": a necessity insisted on, the task left unsaid; not
        // "we just had to restart it".
        if v.any(i + 1, &["had", "have", "has"]) && v.is(i + 2, "to") && boundary_after(v, i + 2) {
            return true;
        }
        // "Simply having good backups will be a leap forward": possessing or being, a state
        // that helps, not a task made small.
        if v.any(i + 1, &["having", "being"]) && (i == 0 || v.tokens()[i - 1].punct) {
            return true;
        }
        // "I assumed they just remove it from the view": a reported belief about what
        // something does.
        if reported_belief(v, i) {
            return true;
        }
        // "You may be tempted to just apply it everywhere", "it's tempting to simply
        // restart": a temptation warned against, not a task made small.
        if (i.saturating_sub(10)..i).any(|k| v.any(k, &["tempted", "tempting", "temptation"])) {
            return true;
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
            // "Simply forgetting to renew a certificate will cost you", "just failing to
            // reply": an intensifier on a failing, as "simply failed to".
            // "just wondering whether anyone knows why it might be slow": a state of mind
            // or a remark announced, whatever follows.
            if next.any(&[
                "wondering",
                "asking",
                "saying",
                "sayin",
                "hoping",
                "guessing",
                "kidding",
                "joking",
            ]) {
                return true;
            }
            if next.any(&[
                "forgetting",
                "failing",
                "neglecting",
                "refusing",
                "omitting",
                "overlooking",
            ]) {
                return true;
            }
            // "I'd recommend just putting the key there": advice to do the gerund.
            let means = prev.is_some_and(|p| {
                p.any(MEANS)
                    || p.any(&[
                        "try",
                        "tried",
                        "recommend",
                        "recommended",
                        "suggest",
                        "suggested",
                        "suggests",
                        "advise",
                        "consider",
                    ])
            });
            // "you're just shadowing it all over the place": someone else's doing, made
            // small; not the writer's own "I'm just waiting".
            let yours = prev.is_some_and(|p| p.any(&["you're", "youre"]))
                || i >= 2 && v.is(i - 2, "you") && v.any(i - 1, &["are", "were"]);
            // "…; simply adding a calendar event to replace the token monthly is the only
            // course": at a clause's start, the gerund phrase may run long before its verb.
            // Not "just wondering if someone knows why that might be": a state of mind.
            let clause_start = (prev.is_none_or(|p| p.any(&["so", "and", "but", "then"]))
                || v.tokens()[i - 1].punct)
                && !next.any(NOT_AFTER_JUST);
            let reach = if clause_start { 20 } else { 8 };
            if means || yours || finite_verb_follows(v, i + 2, reach) {
                out.push(found(v, i, i));
            }
            return true;
        }
        // "I just installed ubuntu", "we just voted on it", a chat line's "just checked
        // the logs": the writer's own recent action, narrated; not advice.
        if t.is("just")
            && next.is_some_and(past_tense)
            && (prev.is_none_or(|p| p.any(&["i", "we"])) || boundary_before(v, i))
            && !timeline_or_reason(v, i)
        {
            return true;
        }
        // "I just read a post", "we just hit this bug": reading and running into, past as
        // well as base, after the writer's pronoun narrate what has just happened.
        if t.is("just")
            && prev.is_some_and(|p| p.any(&["i", "we"]))
            && next.is_some_and(|n| n.any(&["read", "hit"]))
        {
            return true;
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
        // "not the iso. just apt-get upgrade": chat's next utterance, in lower case, starts
        // with the advice; not "… just a typo", a noun phrase after it.
        // "well, just restart it", "ok, just roll it back": an interjection and its comma
        // open the utterance.
        let after_interjection = i >= 2
            && v.tokens()[i - 1].punct
            && v.tokens()[i - 1].lower == ","
            && v.any(i - 2, INTERJECTIONS)
            && boundary_before(v, i - 2);
        let utterance_start = i > 0
            && (boundary_before(v, i) || after_interjection)
            && v.word(i + 1).is_some_and(|w| {
                !w.any(&[
                    "a", "an", "the", "some", "my", "our", "your", "his", "her", "their",
                ])
            });
        let imperative = simply_imperative
            || t.is("just")
                && (i == 0
                    || t.capital
                    || utterance_start
                    || after_time_adverbial(v, i)
                    || (v.tokens()[i - 1].punct && v.tokens()[i - 1].lower == ":")
                    || prev.is_some_and(|p| p.any(INTERJECTIONS))
                    || addressed(v, i))
                // "just not in individual programs": only, an exception, not advice.
                && !v.is(i + 1, "not");
        // "should have just been synced": not "recently" after a modal perfect.
        // "You could've just asked": the contracted modal perfect too.
        let after_modal = prev.is_some_and(|p| p.is("have"))
            && i >= 2
            && v.any(i - 2, &["should", "could", "would", "might"])
            || prev.is_some_and(|p| {
                p.any(&[
                    "should've",
                    "could've",
                    "would've",
                    "might've",
                    "shoulda",
                    "coulda",
                    "woulda",
                ])
            });
        // "Just wondering …", "Just sayin'": not advice, whatever the capital.
        let imperative = imperative && !v.word(i + 1).is_some_and(|w| w.any(NOT_AFTER_JUST));
        if imperative || after_modal {
            let quantity = v.word(i + 1).is_some_and(|n| {
                (n.any(QUANTITY_WORDS) && !n.is("been"))
                    // "Just me and a text editor": only, before a person or a possession.
                    || n.any(&["me", "us", "him", "them", "my", "our", "his", "their"])
                    || n.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
            });
            if !quantity {
                out.push(found(v, i, i));
            }
            return true;
        }
        // "any way to just read that file again?", "how to just skip the check": a way
        // asked for, not a task made small (as "we need an easy way of deploying").
        if i >= 2 && v.is(i - 1, "to") && v.any(i - 2, &["way", "ways", "how"]) {
            return true;
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
                return true;
            }
        }
        // "The contractor simply never tested the restore path", "she just never
        // checked": an omission of a person's, made to look like nothing.
        if v.is(i + 1, "never")
            && v.word(i + 2).is_some_and(past_tense)
            && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
        {
            out.push(found(v, i, i));
            return true;
        }
        // "The fix was simply to drain the node first", "the resolution was just to keep
        // re-releasing": the task, called all it took.
        if t.any(&["simply", "just"]) && task_infinitive(v, i) {
            out.push(found(v, i, i));
            return true;
        }
        // "Why not just use the staging cluster?": a suggestion, not "not just" (= not only).
        // "Can we not just use the staging cluster?", "could you not simply revert?": the
        // same suggestion, asked with a modal and a person.
        let modal_not = i >= 3
            && v.any(i - 3, &["can", "could", "should", "shall", "would"])
            && v.word(i - 2)
                .is_some_and(|w| classify_word(w, false) == Who::Person)
            && v.text[v.sentence.range.clone()].trim_end().ends_with('?');
        if prev.is_some_and(|p| p.is("not")) && (i >= 2 && v.is(i - 2, "why") || modal_not) {
            out.push(found(v, i, i));
            return true;
        }
        // "The solution was just `delete the pod`", "the fix was simply 'restart it'": the
        // task, quoted, after a copula whose subject is a fix or a person's task.
        if next.is_none()
            && v.tokens().get(i + 1).is_some_and(|w| w.masked)
            && i >= 1
            && v.any(i - 1, COPULAS)
            && subject(v.tokens(), i - 1)
                .1
                .and_then(|h| v.word(h))
                .is_some_and(|w| TASKS.contains(&w.lower.as_str()))
        {
            out.push(found(v, i, i));
            return true;
        }
        // "if you just `npm install foo@1.0.0`, it works": the step, quoted, said to the
        // reader.
        if next.is_none()
            && v.tokens().get(i + 1).is_some_and(|w| w.masked)
            && prev.is_some_and(|p| p.any(&["you", "u", "y'all"]))
        {
            out.push(found(v, i, i));
            return true;
        }
        let Some(next) = next else { return true };
        // "it works with just dot notation", "in just the config file": "only" after a
        // preposition, before what it governs.
        if prev.is_some_and(|p| p.any(&["with", "for", "in", "on", "from", "into", "via"]))
            && !(next.lower.ends_with("ing") && next.lower.len() > 4)
        {
            return true;
        }
        // "Miniconda is just conda without the packages", "they are simply marked as
        // deleted": after a copula, what a thing is or a state, not a task made small.
        if prev.is_some_and(|p| p.any(&["is", "are", "was", "were"]))
            && !(next.lower.ends_with("ing") && next.lower.len() > 4)
            && !next.is("to")
        {
            // Not "the other thing to try is just wiggle the cable": a task's copula.
            let task = subject(v.tokens(), i - 1).0 == Who::Activity
                || (i.saturating_sub(8)..i - 1)
                    .rev()
                    .take_while(|k| !v.tokens()[*k].punct)
                    .any(|k| v.any(k, TASKS) || v.any(k, &["try", "do"]));
            if !task {
                return true;
            }
        }
        // "If you just need to check something out, use https": "just" restricts the case
        // the advice is for (only), inside the condition; not "you just need to restart it".
        if next.any(&["need", "needs", "want", "wants"])
            && (i.saturating_sub(5)..i)
                .rev()
                .take_while(|k| !v.tokens()[*k].punct)
                .any(|k| v.any(k, &["if", "unless", "whenever"]))
        {
            return true;
        }
        // "Restoring the interlock simply meant putting the key back", "the fix just
        // involved re-running the job": the task, called all it took.
        if next.any(&[
            "meant", "means", "involved", "involves", "required", "requires", "entailed", "took",
            "takes",
        ]) && v
            .word(i + 2)
            .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
        {
            out.push(found(v, i, i));
            return true;
        }
        if next.any(NOT_AFTER_JUST) || mental_verb(&next.lower) {
            return true;
        }
        // "It's just a matter of reading the docs": the task, called all it takes (as "a
        // simple matter of restarting"); not "just a matter of time".
        if v.phrase(i + 1, &["a", "matter", "of"])
            && v.word(i + 4)
                .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
        {
            out.push(found(v, i, i));
            return true;
        }
        // "did we just get spammed?", "have you just rebooted?": a question about what
        // has happened, "just" as recently.
        if t.is("just") && recent_question(v, i) {
            return true;
        }
        // "we just need the mysql database", "more than just sed", "just a header",
        // "These were red herrings, just failures for …": "just" as only or merely before
        // what is needed or what something is, not an action made small.
        if t.is("just") && only_before_a_noun(v, i) {
            return true;
        }
        // "it just restarts", "will simply reject": a system's doing; not "why didn't
        // you just restart it?".
        if next.any(SYSTEM_BASE_VERBS)
            && !(next.any(PEOPLE_DO_TOO) && subject(v.tokens(), i).0 == Who::Person)
        {
            return true;
        }
        // "Why wouldn't they just come uncommented?": what happens to a thing.
        if next.any(&["come", "comes", "came"])
            && v.word(i + 2).is_some_and(|w| w.lower.ends_with("ed"))
        {
            return true;
        }
        // "simply wasn't something we'd prepared for", "simply wouldn't have been
        // possible": an intensifier on a negation, not a difficulty made small.
        if next.lower.ends_with("n't")
            || next.lower.ends_with("n’t")
            || next.any(&["cannot", "not", "never"])
            || next.any(CHAT_NEGATIONS)
        {
            return true;
        }
        // "!Trait isn't actual syntax, just used in conversation": after a negated clause,
        // "just" sets what it is against what it is not ("not X, just Y" = only).
        if contrast_after_negation(v, i) {
            return true;
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
            return true;
        }
        if about_a_thing(v, i) && !next.any(&["had", "needed", "required", "forgot"]) {
            return true;
        }
        out.push(found(v, i, i));
        true
    } else {
        false
    }
}

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
    // "it just required a confirmation check", "the card just requires a signature": what is
    // needed, "just" as only, like "just need the database".
    if v.any(
        at + 1,
        &["need", "needs", "needed", "require", "requires", "required"],
    ) && v.any(at + 2, DETERMINERS)
    {
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

/// Words before an utterance's "just" that leave it advice: "nope, just install it", "lol
/// just restart the worker", "please just roll it back".
const INTERJECTIONS: &[&str] = &[
    "nope",
    "no",
    "yes",
    "ok",
    "so",
    "then",
    "lol",
    "lmao",
    "haha",
    "honestly",
    "seriously",
    "dude",
    "hey",
    "yeah",
    "yep",
    "okay",
    "please",
    "pls",
    "plz",
    "ah",
    "oh",
    "well",
];

/// "@alice just run the migration again": the word after an @-mention that opens the line
/// starts the advice said to that person.
fn addressed(v: &View, at: usize) -> bool {
    let t = v.tokens();
    at == 1 && !t[0].punct && v.text[..t[0].range.start].ends_with('@')
}

/// "Why didn't the nurse just call?", "why don't you simply revert it": "why", a negated
/// auxiliary, a subject of a word or three, then the word.
fn why_not_question(v: &View, at: usize) -> bool {
    let t = v.tokens();
    (at.saturating_sub(6)..at).any(|k| {
        v.is(k, "why")
            && v.word(k + 1).is_some_and(|w| {
                w.lower.ends_with("n't") || w.lower.ends_with("n’t") || w.any(CHAT_NEGATIONS)
            })
            && k + 2 < at
            && (k + 1..at).all(|c| !t[c].punct)
    })
        // Not "why wouldn't they just come loose?": what happens to a thing; not "why
        // doesn't the service just retry?", a thing's doing.
        && !v.any(at + 1, &["come", "comes", "get", "gets", "be", "become"])
        && !v.word(at - 1).is_some_and(|w| {
            w.any(crate::lexicon::THING_PRONOUNS)
                || crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
                || crate::lexicon::TECH_NAMES.contains(&w.lower.as_str())
        })
}

/// "if the engineer had simply installed the patch", "if we'd just waited": "had" (or its
/// contraction) after a subject, "if" before it in the clause, a participle after the word.
fn counterfactual_condition(v: &View, at: usize, prev: Option<&Token>) -> bool {
    let Some(p) = prev else { return false };
    let had = p.is("had")
        || ["i'd", "we'd", "you'd", "they'd", "he'd", "she'd"].contains(&p.lower.as_str());
    if !had || at < 2 {
        return false;
    }
    let participle = v.word(at + 1).is_some_and(|w| {
        past_tense(w) || w.lower.ends_with("en") || w.any(&["read", "put", "set", "run", "let"])
    });
    let t = v.tokens();
    let condition = (at.saturating_sub(8)..at - 1)
        .rev()
        .take_while(|k| !t[*k].punct)
        .any(|k| v.any(k, &["if", "unless"]));
    participle && condition && matches!(subject(t, at - 1).0, Who::Person | Who::Name)
}

/// "I assumed they just remove it", "we thought that it simply retries": a belief about what
/// something does, reported.
fn reported_belief(v: &View, at: usize) -> bool {
    const BELIEFS: &[&str] = &[
        "assumed", "thought", "figured", "expected", "believed", "presumed", "guessed", "supposed",
    ];
    if !(at >= 2 && v.any(at - 1, &["they", "it", "this", "that"])) {
        return false;
    }
    v.any(at - 2, BELIEFS) || at >= 3 && v.is(at - 2, "that") && v.any(at - 3, BELIEFS)
}

/// "Next time just check the dashboard", "In future, simply page the owner", "going forward
/// just …": advice for later, after the adverbial that opens the sentence.
fn after_time_adverbial(v: &View, at: usize) -> bool {
    let k = if at > 0 && v.tokens()[at - 1].punct && v.tokens()[at - 1].lower == "," {
        at - 1
    } else {
        at
    };
    let opens = |first: usize, words: &[&str]| first + words.len() == k && v.phrase(first, words);
    opens(0, &["next", "time"])
        || opens(0, &["in", "future"])
        || opens(0, &["in", "the", "future"])
        || opens(0, &["going", "forward"])
        || opens(0, &["from", "now", "on"])
}

/// "Around 17:55 I just restarted mongodb", "As the move is due soon, we just copied the
/// files": in a timeline (a clock time before) or after a fronted reason ("as", "since",
/// "because", "given" … and a comma), the writer's "just" + past is "simply", the step made
/// small, not "recently".
fn timeline_or_reason(v: &View, at: usize) -> bool {
    let t = v.tokens();
    let before = &v.text[v.sentence.range.start..t[at].range.start];
    let b = before.as_bytes();
    let clock = (1..b.len().saturating_sub(2)).any(|k| {
        b[k] == b':'
            && b[k - 1].is_ascii_digit()
            && b[k + 1].is_ascii_digit()
            && b[k + 2].is_ascii_digit()
    });
    let reason = v.any(0, &["as", "since", "because", "given"])
        && at >= 2
        && (1..at).any(|c| t[c].punct && t[c].lower == ",");
    clock || reason
}
