//! "Blame" put on a person: "we blame the night supervisor", "an engineer was blamed", "the
//! blame is all mine", "one operator was to blame". Not blame on a thing ("blamed a faulty
//! router"), blame as a topic ("the blame game"), nor blame denied, supposed or asked ("who is
//! to blame").

use super::found;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

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
    // "placed the blame squarely on Massey Energy", "laid blame on the Utilities
    // Commission": blame placed on an organisation by name (not a product's: "on Kubernetes").
    let placed = (i.saturating_sub(4)..i).any(|k| {
        v.any(
            k,
            &[
                "put", "putting", "puts", "lay", "laid", "lays", "laying", "place", "placed",
                "places", "placing", "pinned", "pin",
            ],
        )
    });
    let organisation = |k: usize| {
        v.word(k).is_some_and(|w| {
            w.capital
                && classify_word(w, false) == Who::Name
                && !crate::lexicon::TECH_NAMES.contains(&w.lower.as_str())
                && !crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
        })
    };
    if placed
        && let Some(k) = (i + 1..(i + 4).min(n))
            .take_while(|k| v.word(*k).is_some())
            .find(|k| v.is(*k, "on"))
        && let Some(p) = (k + 1..(k + 3).min(n))
            .take_while(|k| v.word(*k).is_some())
            .find(|k| organisation(*k))
    {
        return Some(p);
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
                    "put", "putting", "puts", "lay", "laid", "place", "placed", "placing",
                    "pinned", "pin", "the",
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
