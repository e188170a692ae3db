//! Who a failing belongs to, when the sentence names them after it: "a lapse by the
//! operator", "an error on the part of the crew", "a mistake on my part", "the fault of the
//! mobile team", "mismanaged by the pilot".

use crate::lexicon::PERSON_POSSESSIVES;
use crate::rules::View;
use crate::rules::clause::{Who, classify_word};

/// "by the operator", "by myself", "on the part of the crew", "on my part" right after a
/// failing at `at`: the index of the last word naming the person.
pub(super) fn owner_after(v: &View, at: usize) -> Option<usize> {
    // "the fault of the mobile team": fault, owned by the people after "of" (not "a fault of
    // the disk", a thing's).
    if v.any(at, &["fault", "faults"]) && v.is(at + 1, "of") {
        return person_within(v, at + 2, 3);
    }
    if v.phrase(at + 1, &["on", "the", "part", "of"]) {
        return person_within(v, at + 5, 4);
    }
    // "a mistake from my part": the same, as non-native writers put it.
    if v.any(at + 1, &["on", "from"])
        && v.any(at + 2, PERSON_POSSESSIVES)
        && v.is(at + 3, "part")
        && !(v.is(at + 1, "from") && v.is(at + 4, "of"))
    {
        return Some(at + 3);
    }
    // "a misconfiguration on Google Cloud's part", "on the vendor's part": a possessive
    // name or person noun, one word before it at most.
    if v.is(at + 1, "on") {
        let owner = |k: usize| {
            v.word(k).is_some_and(|w| {
                (w.lower.ends_with("'s") || w.lower.ends_with("s'"))
                    && matches!(classify_word(w, false), Who::Person | Who::Name)
            })
        };
        for k in at + 2..at + 5 {
            if owner(k) && v.is(k + 1, "part") {
                return Some(k + 1);
            }
        }
    }
    if v.is(at + 1, "by") {
        // "by the overnight house officer": two modifiers before the person.
        return person_within(v, at + 2, 4);
    }
    // "Improper installation of the drive gear by maintenance personnel": the work's object,
    // then its doers.
    if v.is(at + 1, "of")
        && let Some(by) = (at + 2..(at + 8).min(v.tokens().len()))
            .take_while(|k| v.word(*k).is_some())
            .find(|k| v.is(*k, "by"))
    {
        return person_within(v, by + 1, 3);
    }
    // "inadequacies in the Board's complaint handling", "shortcomings in the crew's
    // monitoring": people's work, owned by a possessive, found wanting; not "an error in the
    // operator's manual" (a thing of theirs).
    if v.is(at + 1, "in") {
        let from = if v.is(at + 2, "the") { at + 3 } else { at + 2 };
        // "the Health Board's": a name of two words at most before the possessive.
        let owner = (from..(from + 2).min(v.tokens().len()))
            .take_while(|k| v.word(*k).is_some())
            .find(|k| {
                v.any(*k, PERSON_POSSESSIVES)
                    || v.word(*k).is_some_and(|w| {
                        (w.lower.ends_with("'s") || w.lower.ends_with("s'"))
                            && matches!(classify_word(w, false), Who::Person | Who::Name)
                    })
            });
        // "failings in Mr S's care", "in the patient's assessment": the possessive is who
        // received the work, not who did it; such work words are left out, and so are the
        // people named by a title.
        let recipient = owner.is_some_and(|p| {
            p > 0 && v.any(p - 1, &["mr", "mrs", "ms", "miss", "master", "mx"])
                || v.word(p).is_some_and(|w| w.lower.starts_with("patient"))
        });
        if let Some(p) = owner.filter(|_| !recipient)
            && let Some(work) = (p + 1..(p + 3).min(v.tokens().len()))
                .take_while(|k| v.word(*k).is_some())
                .find(|k| {
                    v.word(*k).is_some_and(|w| {
                        crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                            && !w.any(&["diagnosis", "assessment", "response"])
                            || w.any(&["handling", "management", "conduct", "monitoring"])
                    })
                })
        {
            return Some(work);
        }
    }
    // "a lapse in concentration by the controller": what lapsed, then its owner.
    if v.is(at + 1, "in") && v.word(at + 2).is_some() && v.is(at + 3, "by") {
        return person_within(v, at + 4, 3);
    }
    None
}

/// "… by the pilot", "… by myself" after a participle at `at` (adverbs may come between).
pub(super) fn by_agent(v: &View, at: usize) -> Option<usize> {
    let by = (at + 1..(at + 6).min(v.tokens().len()))
        .take_while(|k| !v.tokens()[*k].punct)
        .find(|k| v.is(*k, "by"))?;
    person_within(v, by + 1, 3)
}

/// The first word naming a person in `from..from + len`, determiners allowed before it.
fn person_within(v: &View, from: usize, len: usize) -> Option<usize> {
    (from..(from + len).min(v.tokens().len()))
        .take_while(|k| v.word(*k).is_some())
        .find(|k| {
            v.word(*k).is_some_and(|w| {
                classify_word(w, false) == Who::Person
                    || w.any(&[
                        "myself",
                        "himself",
                        "herself",
                        "ourselves",
                        "themselves",
                        "yourself",
                    ])
            })
        })
}
