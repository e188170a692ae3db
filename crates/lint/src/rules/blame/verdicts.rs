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
    if (t.any(&["messed", "screwed", "fucked", "effed"]) || censored_past(v, i))
        && v.is(i + 1, "up")
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
        let (who, _) = subject(v.tokens(), h);
        // "It's not Dave screwed up": denied.
        let denied = (h.saturating_sub(3)..h).any(|k| v.any(k, &["not", "never"]));
        if matches!(who, Who::Person | Who::Name) && !denied {
            out.push(found(v, head, i + 1, ""));
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

/// "blame", "blamed", "blaming", "blames": blame put on a person (see [`blamed_person`]),
/// unless denied, supposed or asked.
#[inline]
pub(super) fn blame_word(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(&["blame", "blamed", "blaming", "blames"]) {
        return false;
    }
    if !blame_denied(v, i)
        && let Some(last) = blamed_person(v, i)
    {
        // The blame word alone: the person may be far from it ("blamed the outage on …").
        let _ = last;
        out.push(found(v, i, i, ""));
    }
    true
}

/// Blame denied, supposed, asked or spoken of in general: "we're not blaming one employee",
/// "they couldn't blame him", "If we blame the operator, we learn nothing", "When you blame
/// an individual …", "Who do you blame?", "who is to blame".
pub(super) fn blame_denied(v: &View, i: usize) -> bool {
    let negated = (i.saturating_sub(4)..i).any(|k| {
        v.word(k).is_some_and(|w| {
            w.any(&[
                "no",
                "not",
                "without",
                "blameless",
                "never",
                "nobody",
                "nobody's",
            ]) || w.lower.ends_with("n't")
        })
    });
    // The clause's start: a condition or a general "when" makes the blame supposed.
    let supposed = (0..i).any(|k| v.is(k, "if"))
        || (i.saturating_sub(8)..i).any(|k| v.is(k, "when") && v.any(k + 1, &["you", "we"]));
    let asked = v.sentence_text().ends_with('?')
        || (i.saturating_sub(4)..i).any(|k| v.any(k, &["who", "who's", "whom"]));
    negated || supposed || asked
}

/// Whom the blame at `i` is put on, when a person: "blame domas" (a nick after an
/// imperative), "We blame the night supervisor", "blamed a development subcontractor",
/// "blamed … on the actions of an engineer", "IT contractor blamed for …", "one person was
/// to blame", "put blame on myself", "the blame … is all mine", "the blame was attributed to
/// a junior engineer". Not a thing blamed ("blamed a power surge", "blame the software",
/// "a change has been blamed for …"), nor blame as a topic ("a blame session", "assign
/// blame", "blame culture"). The index of the word naming the person.
fn blamed_person(v: &View, i: usize) -> Option<usize> {
    let n = v.tokens().len();
    let person = |k: usize| {
        v.word(k).is_some_and(|w| {
            classify_word(w, false) == Who::Person
                && !w.any(&["it", "this", "that", "which", "what", "others"])
                // "a development subcontractor": a compound of a person noun.
                || w.lower.len() > 8
                    && ["contractor", "contractors", "engineer", "engineers", "developer", "developers"]
                        .iter()
                        .any(|p| w.lower.ends_with(p))
                || w.any(&["myself", "ourselves", "yourself", "himself", "herself", "themselves"])
        })
    };
    // The object: a person within three words, determiners and modifiers before it ("blamed
    // a development subcontractor", "blamed one of its subcontractors").
    let object = |from: usize| {
        (from..(from + 6).min(n))
            .take_while(|k| {
                v.word(*k).is_some()
                    && !v.any(
                        *k,
                        &[
                            "for", "on", "that", "because", "vs", "versus", "than", "instead",
                            "rather", "not",
                        ],
                    )
            })
            .find(|k| person(*k))
    };
    let verb = v.any(i, &["blamed", "blaming", "blames"])
        || v.is(i, "blame")
            && !v.word(i.wrapping_sub(1)).is_some_and(|w| {
                w.any(&[
                    "the",
                    "a",
                    "no",
                    "put",
                    "putting",
                    "lay",
                    "laid",
                    "place",
                    "placed",
                    "pin",
                    "pinned",
                    "assign",
                    "assigning",
                    "shift",
                    "shifting",
                ])
            });
    if verb {
        if let Some(k) = object(i + 1) {
            return Some(k);
        }
        // "Blame me", "blame domas": an imperative at the start of the utterance, anyone
        // (a nick) after it.
        let utterance_start = i == 0 || v.tokens()[i - 1].punct || v.stop_after(i - 1);
        if utterance_start
            && v.is(i, "blame")
            && v.word(i + 1).is_some_and(|w| {
                !w.any(&["the", "a", "an", "this", "that", "it", "for", "on"])
                    && classify_word(w, false) != Who::Thing
                    || !w.capital
                        && w.lower.chars().all(char::is_alphabetic)
                        && !v.is(i + 2, "for")
                        && w.lower.len() > 2
                        && !crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
            })
        {
            return Some(i + 1);
        }
        // "blamed the outage on the actions of an engineer", "blames … on technician".
        if let Some(on) = (i + 1..(i + 8).min(n))
            .take_while(|k| v.word(*k).is_some())
            .find(|k| v.is(*k, "on"))
            && let Some(k) = (on + 1..(on + 6).min(n))
                .take_while(|k| {
                    v.word(*k).is_some() && !v.any(*k, &["if", "when", "because", "who", "that"])
                })
                .find(|k| person(*k))
        {
            return Some(k);
        }
        // "IT contractor blamed for causing the chaos", "an engineer was blamed": the
        // person as the subject of the passive.
        if v.is(i, "blamed")
            && !v.any(
                i.wrapping_sub(1),
                &["has", "have", "had", "we", "i", "they"],
            )
            && (v.word(i + 1).is_none() || v.any(i + 1, &["for", "by", "as"]))
        {
            let (who, head) = subject(v.tokens(), i);
            if who == Who::Person
                && let Some(h) = head
                && person(h)
            {
                return Some(h);
            }
        }
        return None;
    }
    // The noun: "put blame on myself", "the blame was attributed to a 'junior engineer'",
    // "the blame for the deletion is all mine", "I take the blame".
    if let Some(k) = (i + 1..(i + 8).min(n))
        .take_while(|k| v.word(*k).is_some() || v.tokens()[*k].lower == "'")
        .find(|k| v.any(*k, &["on", "to"]))
        && let Some(p) = (k + 1..(k + 4).min(n))
            .take_while(|k| {
                (v.word(*k).is_some() || v.tokens()[*k].lower == "'")
                    && !v.any(*k, &["if", "when", "because", "who", "that"])
            })
            .find(|k| person(*k))
        && (i.saturating_sub(2)..i).any(|k| {
            v.any(
                k,
                &[
                    "put", "putting", "puts", "lay", "laid", "place", "placed", "pinned", "pin",
                    "the",
                ],
            )
        })
    {
        return Some(p);
    }
    if let Some(k) = (i + 1..(i + 8).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| v.any(*k, &["mine", "ours", "theirs", "his", "hers", "yours"]))
    {
        return Some(k);
    }
    if i >= 2
        && v.is(i - 1, "the")
        && v.any(
            i - 2,
            &[
                "take",
                "took",
                "takes",
                "taking",
                "accept",
                "accepted",
                "shoulder",
                "shouldered",
            ],
        )
        && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name)
    {
        return Some(i - 2);
    }
    None
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
    let degree = v.any(
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

/// `Sorry for the silly mistake`, `apologies to all for the error`, `I apologise for my
/// screwup`: the writer's apology owns the slip, as "my bad" does. Not "sorry if there are
/// mistakes in my English" (a supposition), nor an apology for an inconvenience.
#[inline]
fn sorry_for_mistake(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(&[
        "sorry",
        "apologies",
        "apologise",
        "apologize",
        "apologised",
        "apologized",
    ]) {
        return false;
    }
    let n = v.tokens().len();
    // "for", a few words on ("apologies to all for the error").
    let Some(f) = (i + 1..(i + 4).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| v.is(*k, "for"))
    else {
        return false;
    };
    let Some(m) = (f + 1..(f + 4).min(n))
        .take_while(|k| v.word(*k).is_some() && !v.any(*k, &["any", "this", "these"]))
        .find(|k| {
            v.any(
                *k,
                &[
                    "mistake",
                    "mistakes",
                    "error",
                    "errors",
                    "blunder",
                    "screwup",
                    "screw-up",
                    "typo",
                    "oversight",
                    "goof",
                    "slip",
                ],
            )
        })
    else {
        return false;
    };
    // "the error some users saw": a system's error, shown to people.
    if v.word(m + 1).is_some_and(|w| {
        w.any(&[
            "some",
            "users",
            "customers",
            "message",
            "messages",
            "you",
            "that",
            "which",
        ])
    }) {
        return false;
    }
    out.push(found(v, i, m, ""));
    true
}

/// `I was too quick to merge this`, `we were too eager to ship`: a person's haste named as
/// the fault. Not a thing's speed ("the cache was too quick to expire").
#[inline]
fn too_quick(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("too")
        && v.any(
            i + 1,
            &["quick", "hasty", "eager", "rash", "keen", "impatient"],
        )
        && v.is(i + 2, "to")
        && i > 0
        && v.any(i - 1, &["was", "were", "am", "'m", "i'm", "are", "been"])
        && matches!(subject(v.tokens(), i - 1).0, Who::Person | Who::Name)
    {
        out.push(found(v, i, i + 1, ""));
        true
    } else {
        false
    }
}

/// `The Ombudsmen found fault with a Council`, `we found fault by the Trust`, `there were
/// some faults by the care home`: the verdict of an investigation on an organisation or a
/// person. Not "found no fault", "did not find fault".
#[inline]
fn found_fault(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !(t.any(&["fault", "faults"]) && v.any(i + 1, &["with", "by"])) {
        return false;
    }
    let finding = i > 0
        && (v.any(i - 1, &["found", "find", "finds"])
            || v.is(i - 1, "some") && i > 1 && v.any(i - 2, &["were", "was", "are"]));
    let denied = (i.saturating_sub(4)..i).any(|k| {
        v.word(k)
            .is_some_and(|w| w.any(&["no", "not", "never"]) || w.lower.ends_with("n't"))
    });
    if !finding || denied {
        return false;
    }
    let n = v.tokens().len();
    let who = (i + 2..(i + 6).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| {
            v.word(*k).is_some_and(|w| {
                matches!(classify_word(w, false), Who::Person | Who::Name)
                    || w.any(&["home", "practice", "surgery", "trust", "board", "council"])
            })
        });
    if let Some(k) = who {
        out.push(found(v, i - 1, k, ""));
        return true;
    }
    false
}

/// `we failed you`, `The company failed on every level`, `the people behind it failed in some
/// capacity`, `He failed technically`: a person or team said to have failed, outright (not
/// "failed to …", an omission, nor "failed over", a system's act).
#[inline]
fn person_failed(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.is("failed") {
        return false;
    }
    let verdict = v.any(
        i + 1,
        &[
            "you",
            "us",
            "them",
            "him",
            "her",
            "our",
            "their",
            "customers",
            "users",
        ],
    ) || v.any(i + 1, &["on", "in", "at"])
        && v.any(
            i + 2,
            &["every", "some", "many", "all", "several", "multiple"],
        )
        || v.any(
            i + 1,
            &[
                "technically",
                "miserably",
                "badly",
                "completely",
                "spectacularly",
                "utterly",
            ],
        );
    if !verdict {
        return false;
    }
    let (who, head) = subject(v.tokens(), i);
    let negated = (i.saturating_sub(3)..i).any(|k| {
        v.word(k)
            .is_some_and(|w| w.any(&["not", "never", "if"]) || w.lower.ends_with("n't"))
    });
    if matches!(who, Who::Person | Who::Name)
        && head.is_some_and(|h| !v.any(h, &["it", "this", "that"]))
        && !negated
    {
        out.push(found(v, i, i + 1, ""));
        return true;
    }
    false
}

/// `Google Cloud has acknowledged the mistake`, `I was going to own that mistake`, `The team
/// acknowledged their oversight`: a person or organisation owning up to a slip. Not denied
/// ("never admitted any error") and not a thing's error ("acknowledged the error in the
/// billing system").
#[inline]
fn owned_up(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !t.any(&[
        "acknowledged",
        "acknowledge",
        "acknowledges",
        "admitted",
        "admit",
        "admits",
        "own",
        "owned",
        "owns",
    ]) {
        return false;
    }
    let mut k = i + 1;
    if v.is(k, "up") && v.is(k + 1, "to") {
        k += 2;
    }
    if v.any(
        k,
        &[
            "the", "their", "that", "his", "her", "our", "my", "its", "this", "a", "an",
        ],
    ) {
        k += 1;
    }
    if !v.any(
        k,
        &[
            "mistake",
            "mistakes",
            "error",
            "errors",
            "blunder",
            "blunders",
            "oversight",
        ],
    ) && v.any(
        k + 1,
        &[
            "mistake",
            "mistakes",
            "error",
            "errors",
            "blunder",
            "oversight",
        ],
    ) {
        k += 1;
    }
    if !v.any(
        k,
        &["mistake", "mistakes", "error", "errors", "blunder", "blunders", "oversight"],
    ) || v.any(k + 1, &["message", "messages", "rate", "rates"])
        // "the error in the billing system" is a thing's; "their oversight in not
        // conducting load tests" a person's doing.
        || v.any(k + 1, &["in", "on", "with", "of"])
            && !v.word(k + 2).is_some_and(|w| {
                w.is("not") || w.lower.ends_with("ing") && w.lower.len() > 4
            })
    {
        return false;
    }
    let (who, _) = subject(v.tokens(), i);
    // "I was going to own that mistake": the subject past "going to".
    let (who, _) = if who == Who::Thing && i >= 2 && v.is(i - 1, "to") {
        subject(v.tokens(), i - 1)
    } else {
        (who, None)
    };
    let going = i >= 3
        && v.is(i - 1, "to")
        && v.is(i - 2, "going")
        && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name);
    let negated = (i.saturating_sub(3)..i).any(|c| {
        v.word(c)
            .is_some_and(|w| w.any(&["not", "never", "if"]) || w.lower.ends_with("n't"))
    });
    if (matches!(who, Who::Person | Who::Name) || going) && !negated {
        out.push(found(v, i, k, ""));
        return true;
    }
    false
}

/// The verdicts keyed on one word, dispatched by a `match` (tried on every word):
/// [`found_fault`], [`sorry_for_mistake`], [`too_quick`], [`person_failed`], [`owned_up`].
#[inline]
pub(super) fn owned_verdict(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.punct {
        return false;
    }
    match t.lower.as_str() {
        "fault" | "faults" => found_fault(v, i, t, out),
        "sorry" | "apologies" | "apologise" | "apologize" | "apologised" | "apologized" => {
            sorry_for_mistake(v, i, t, out)
        }
        "too" => too_quick(v, i, t, out),
        "disregard" | "indifference" | "contempt" => disregard_for_rules(v, i, out),
        "failed" => person_failed(v, i, t, out),
        "acknowledged" | "acknowledge" | "acknowledges" | "admitted" | "admit" | "admits"
        | "own" | "owned" | "owns" => owned_up(v, i, t, out),
        _ => false,
    }
}

/// `the captain demonstrated disregard for the regulations`, `indifference to elementary
/// rules of safety`: a person's attitude to the rules named as the fault, as "reckless".
/// Not a thing's ("the parser's disregard for whitespace": no rules word), nor advice ("do
/// not disregard the checklist": the verb, not the noun after "for"/"to"/"of").
fn disregard_for_rules(v: &View, i: usize, out: &mut Vec<Found>) -> bool {
    if !v.any(i + 1, &["for", "to", "of"]) {
        return false;
    }
    let n = v.tokens().len();
    let rules = (i + 2..(i + 7).min(n))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| {
            v.any(
                *k,
                &[
                    "rules",
                    "regulations",
                    "procedures",
                    "procedure",
                    "safety",
                    "instructions",
                    "protocol",
                    "protocols",
                    "policy",
                    "policies",
                    "checklist",
                    "standards",
                ],
            )
        });
    let Some(last) = rules else { return false };
    out.push(found(v, i, last, ""));
    true
}
