//! The person judged outright: "shame on me", "we messed up", "stupid me", "did something
//! dumb", "Alice broke production", "i was being dumb", "this outage is entirely on the data
//! team", "completely unacceptable", "blamed".

use super::found;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// "shame on me", "Shame on you for pushing on a Friday".
#[inline]
pub(super) fn shame_on(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("shame")
        && v.is(i + 1, "on")
        && v.any(
            i + 2,
            &["me", "you", "us", "him", "her", "them", "myself", "u"],
        )
    {
        // "shame on me", "Shame on you for pushing on a Friday": a person judged; not
        // "a shame on the release notes" (no person after "on").
        out.push(found(v, i, i + 2, ""));
        true
    } else {
        false
    }
}

/// "we messed up", "I screwed up", "f***ed up", with a person as the subject.
#[inline]
pub(super) fn messed_up(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    // "I've messed things up", "we screwed it up": the object between the verb and "up".
    let object = v.any(
        i + 1,
        &["things", "it", "everything", "this", "that", "stuff", "something"],
    ) && v.is(i + 2, "up")
        // "thinking that you might have messed something up?": supposed, or asked.
        && !v.sentence_text().ends_with('?')
        && !(i.saturating_sub(3)..i).any(|k| v.any(k, &["might", "may", "could", "if"]));
    if (t.any(&["messed", "screwed", "fucked", "effed"]) || censored_past(v, i))
        && (v.is(i + 1, "up") || object && t.any(&["messed", "screwed"]))
    {
        let head = if censored_past(v, i) { i - 1 } else { i };
        // "I royally screwed up", "we really badly messed up": adverbs before the verb.
        let mut h = head;
        while h > 0
            && v.word(h - 1)
                .is_some_and(|w| w.lower.ends_with("ly") && w.lower.len() > 3)
        {
            h -= 1;
        }
        let (who, head_word) = subject(v.tokens(), h);
        // "I broke proto and fucked up my system": the second verb of a person's two, its
        // subject the writer's "I" or "we" earlier in the same sentence.
        let and = if h > 1 && v.is(h - 1, "then") {
            h - 1
        } else {
            h
        };
        let who = if (head_word.is_none() || and < h)
            && and > 0
            && v.is(and - 1, "and")
            && (0..and - 1).any(|k| v.any(k, &["i", "we"]))
            && !(0..and - 1).any(|k| v.stop_after(k))
        {
            Who::Person
        } else {
            who
        };
        // "It's not Dave screwed up": denied.
        let denied = (h.saturating_sub(3)..h).any(|k| v.any(k, &["not", "never"]));
        if matches!(who, Who::Person | Who::Name) && !denied {
            out.push(found(v, head, if object { i + 2 } else { i + 1 }, ""));
        }
        true
    } else {
        false
    }
}

/// "stupid me", "that was dumb of me".
#[inline]
pub(super) fn stupid_me(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["stupid", "dumb"])
        && (v.is(i + 1, "me")
            || v.is(i + 1, "of") && v.any(i + 2, &["me", "us", "him", "her", "them"]))
    {
        // "stupid me, forgot the sudo", "that was dumb of me": the writer's own doing
        // called stupid, as "I'm an idiot".
        let last = if v.is(i + 1, "me") { i + 1 } else { i + 2 };
        out.push(found(v, i, last, ""));
        true
    } else {
        false
    }
}

/// "did something stupid".
#[inline]
pub(super) fn did_something_stupid(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("something")
        && v.any(i + 1, &["stupid", "dumb", "silly"])
        && i > 0
        && v.any(i - 1, &["did", "done", "do"])
    {
        out.push(found(v, i - 1, i + 1, ""));
        true
    } else {
        false
    }
}

/// "Alice broke production", "you've probably already broken something".
#[inline]
pub(super) fn broke_something(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["broke", "broken"])
        && v.any(
            i + 1,
            &[
                "production",
                "prod",
                "everything",
                "the",
                "something",
                "things",
                "stuff",
                "it",
                "master",
                "main",
            ],
        )
        && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
    {
        // "Alice broke production", "you've probably already broken something".
        out.push(found(v, i, i + 1, ""));
        true
    } else {
        false
    }
}

/// "i was being dumb": a person called stupid.
#[inline]
pub(super) fn called_stupid(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["stupid", "dumb"])
        && i >= 1
        && (v.any(
            i - 1,
            &["was", "were", "am", "'m", "i'm", "being", "is", "are"],
        ) || i >= 2
            && v.any(i - 1, &["so", "really", "very", "pretty", "being"])
            && v.any(i - 2, &["was", "were", "am", "i'm", "being", "is", "are"]))
        && !v.any(i + 1, &["question", "questions"])
        && subject(v.tokens(), if v.any(i - 1, &["i'm"]) { i } else { i - 1 }).0 == Who::Person
    {
        // "i was being dumb, the service wasn't running": a person called stupid, like
        // "I'm an idiot"; not "a stupid question", nor "that stupid hiding" (a thing).
        out.push(found(v, i, i, ""));
        true
    } else {
        false
    }
}

/// "on": see [`on_someone`].
#[inline]
pub(super) fn on_word(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("on") {
        on_someone(v, i, out);
        true
    } else {
        false
    }
}

/// "unacceptable", "inexcusable", "unforgivable": see [`unacceptable`].
#[inline]
pub(super) fn unacceptable_word(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(&["unacceptable", "inexcusable", "unforgivable"]) {
        unacceptable(v, i, out);
        true
    } else {
        false
    }
}

/// A past tense with its middle starred out, as chat censors swearing: "f***ed" reads as the
/// words "f" and "ed" with only stars between them; `i` is at "ed".
fn censored_past(v: &View, i: usize) -> bool {
    i > 0 && v.is(i, "ed") && v.word(i - 1).is_some_and(|w| w.lower.len() <= 2) && {
        let t = v.tokens();
        let gap = &v.text[t[i - 1].range.end..t[i].range.start];
        !gap.is_empty() && gap.chars().all(|c| c == '*')
    }
}

/// Days and months, capitalised like names: "the incident is on Monday".
#[rustfmt::skip]
const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "christmas", "easter",
];

/// `This outage is entirely on the data team`, `that one's on us`: the outage put on people.
fn on_someone(v: &View, i: usize, out: &mut Vec<Found>) {
    let Some(p) = i.checked_sub(1) else { return };
    // "100% on the release team": a percentage as the degree.
    let hundred = v.is(p, "100") && v.text[v.tokens()[p].range.end..].starts_with('%');
    let degree = hundred
        || v.any(
            p,
            &[
                "entirely",
                "squarely",
                "completely",
                "totally",
                "all",
                "solely",
            ],
        );
    // "That one's on us": the copula contracted onto the subject.
    let copula = |k: usize| {
        v.any(k, &["is", "was", "'s", "it's", "that's", "are", "were"])
            || v.word(k).is_some_and(|w| {
                w.lower.ends_with("'s") && w.any(&["one's", "this's", "outage's", "incident's"])
            })
    };
    if !(degree && p > 0 && copula(p - 1) || copula(p)) {
        return;
    }
    let mut k = i + 1;
    if v.any(k, &["the", "our", "their", "my", "your"]) {
        k += 1;
    }
    while k < i + 4
        && v.word(k)
            .is_some_and(|w| !matches!(classify_word(w, false), Who::Person | Who::Name))
    {
        k += 1;
    }
    let Some(who) = v.word(k) else { return };
    // "The whole outage is on Priya, who pushed …": a named person straight after "on",
    // the outage (or a degree word) making it fault, the name ending the phrase.
    let named = k == i + 1
        && classify_word(who, false) == Who::Name
        && !who.any(CALENDAR)
        && v.tokens()
            .get(k + 1)
            .is_none_or(|n| n.punct || n.any(&["who", "and", "for", "alone"]));
    // A plain "is on the team" is where something is (a rota, an owner); only the pronouns and
    // the degree words make it fault.
    let pronoun = who.any(&["us", "me", "them", "you", "him", "her"]) && k == i + 1;
    // "This outage is on the platform team": the outcome as the subject makes it fault.
    let cop = if degree && p > 0 { p - 1 } else { p };
    let outcome = cop > 0
        && v.any(
            cop - 1,
            &[
                "outage",
                "outages",
                "incident",
                "incidents",
                "breach",
                "downtime",
                "mess",
                "failure",
            ],
        );
    // "on the platform team's board": a thing of theirs, a place.
    let possessive = who.lower.ends_with("'s") || who.lower.ends_with("s'");
    let person = classify_word(who, false) == Who::Person;
    if (person && (degree || pronoun) || (person || named) && outcome || named && degree)
        && !possessive
    {
        let first = if degree { p } else { i };
        out.push(found(v, first, k, ""));
    }
}

/// `this is completely unacceptable`, said of what a team did ("We spent way too much time
/// …"): the handling condemned; not "four hours to detection is unacceptable" with no one in
/// the sentence.
fn unacceptable(v: &View, i: usize, out: &mut Vec<Found>) {
    let mut k = i;
    while k > 0
        && v.any(
            k - 1,
            &[
                "completely",
                "totally",
                "utterly",
                "simply",
                "just",
                "frankly",
            ],
        )
    {
        k -= 1;
    }
    // "Team Atlas handled the rollback in a completely unacceptable way": the manner of
    // what the people did, condemned.
    let manner = k >= 2
        && v.any(k - 1, &["a", "an"])
        && v.is(k - 2, "in")
        && v.any(i + 1, &["way", "manner", "fashion"]);
    if !(manner || k > 0 && v.any(k - 1, &["is", "was", "'s", "it's", "that's", "were", "are"])) {
        return;
    }
    let last = if manner { i + 1 } else { i };
    let people = v.tokens()[..k].iter().any(|w| {
        !w.punct
            && !w.masked
            && w.any(&[
                "we",
                "i",
                "they",
                "you",
                "he",
                "she",
                "team",
                "teams",
                "engineer",
                "engineers",
            ])
    });
    // A team named as the subject: "Team Atlas handled …", "The platform team's response".
    let team = || {
        v.tokens()[..k].iter().any(|w| {
            !w.punct && !w.masked && crate::lexicon::PERSON_NOUNS.contains(&w.lower.as_str())
        })
    };
    if people || manner && team() {
        out.push(found(v, k, last, ""));
    }
}

/// "you went outside package management (not a wise choice for video drivers)", "That was an
/// unwise decision by the on-call": a person's act judged unwise, after it was done. Not
/// advice ("it's not a wise choice to run as root"), nor a choice with no one in the
/// sentence or nothing done ("Postgres is not a wise choice for queues").
#[inline]
pub(super) fn unwise_choice(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    const CHOICES: &[&str] = &["choice", "decision", "move", "call", "idea"];
    let negated_wise = t.any(&["wise", "smart", "clever", "bright"])
        && i >= 2
        && v.any(i - 1, &["a", "the", "very"])
        && v.any(i - 2, &["not", "hardly", "never"]);
    if !(negated_wise || t.is("unwise")) || !v.any(i + 1, CHOICES) {
        return false;
    }
    let first = if negated_wise { i - 2 } else { i };
    // Advice: "not a wise choice to run as root", "an unwise move to deploy on Fridays".
    if v.is(i + 2, "to") {
        return true;
    }
    let before = 0..first;
    let person = before.clone().any(|k| {
        v.word(k)
            .is_some_and(|w| matches!(classify_word(w, k == 0), Who::Person))
    });
    let done = before.clone().any(|k| {
        v.word(k).is_some_and(|w| {
            w.any(&["was", "were"])
                || w.lower.ends_with("ed") && w.lower.len() > 4
                || w.any(&["went", "did", "made", "chose", "took", "ran", "put", "left"])
        })
    });
    let by_person = v.is(i + 2, "by")
        && v.word(i + 3).is_some_and(|w| {
            let w = if w.any(&["the", "our", "their"]) {
                v.word(i + 4)
            } else {
                Some(w)
            };
            w.is_some_and(|w| classify_word(w, false) == Who::Person)
        });
    if (person || by_person) && done {
        out.push(found(v, first, i + 1, ""));
    }
    true
}
