//! "obviously", "clearly", "of course" and "the obvious …" where they judge what someone saw,
//! chose or missed: "It was obviously a bad idea to deploy at 5pm", "Clearly nobody read the
//! release notes", "we overlooked an obvious sign". Not a thing's obvious doing, nor a
//! dashboard that "clearly showed".

use super::context::{about_a_thing, past_tense, task_infinitive};
use super::found;
use crate::lexicon::THING_PRONOUNS;
use crate::rules::clause::Who;
use crate::rules::{Found, View};
use crate::text::Token;

/// "the obvious …", "an obvious …" after a verb of missing.
#[inline]
pub(super) fn missed_the_obvious(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
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
        true
    } else {
        false
    }
}

/// "obviously", "trivially", "evidently" about what someone saw or chose.
#[inline]
pub(super) fn obviously(
    v: &View,
    i: usize,
    t: &Token,
    prev: Option<&Token>,
    out: &mut Vec<Found>,
) -> bool {
    let n = v.tokens().len();
    if t.any(&["obviously", "trivially", "evidently"]) {
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
            return true;
        }
        if about_a_thing(v, i) || prev.is_some_and(|p| p.any(THING_PRONOUNS)) {
            return true;
        }
        // "Obviously, mistakes … tend to happen early", "Windows Defender, obviously.":
        // outside a clause, the word judges what someone saw only when a person follows
        // or the sentence tells what happened or should have ("Obviously, the disk was
        // full", "Obviously the migration should have been tested").
        // "…, obviously taking the server down with it": a consequence in a participle.
        if v.word(i + 1)
            .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
        {
            return true;
        }
        // "Not a priority, obviously, but nice to have": set off by commas, the word is
        // outside a clause as it is at the start.
        let aside = i > 0
            && v.tokens()[i - 1].punct
            && v.tokens()
                .get(i + 1)
                .is_some_and(|n| n.punct && n.lower == ",");
        if (prev.is_none() || aside) && !person_follows(v, i + 1) && !tells_the_past(v) {
            return true;
        }
        // An aside in a sentence that names nobody judges no one's seeing.
        if aside && !names_a_person(v) {
            return true;
        }
        out.push(found(v, i, i));
        true
    } else {
        false
    }
}

/// "clearly" about what someone saw, did or had to do.
#[inline]
pub(super) fn clearly(
    v: &View,
    i: usize,
    t: &Token,
    prev: Option<&Token>,
    out: &mut Vec<Found>,
) -> bool {
    if t.is("clearly") {
        // "Clearly nobody read the release notes", "Clearly, the team should have paused";
        // not "a dashboard that clearly showed". "The fix was clearly to drain the node":
        // what someone had to do, called obvious.
        // "He clearly didn't read the runbook", "the team clearly missed it": evidence
        // of an omission presented as plain; not "we clearly explained" (manner).
        let plain_omission = prev
            .is_some_and(|p| matches!(crate::rules::clause::classify_word(p, false), Who::Person))
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
        // "Clearly the new hire never looked at the dashboard", "clearly the ward round
        // overlooked the trend": at the start, an omission a few words on, presented as
        // plain.
        let opening_omission = (i == 0 || v.tokens()[i - 1].punct)
            && (i + 1..(i + 7).min(v.tokens().len()))
                .take_while(|k| !v.tokens()[*k].punct)
                .any(|k| {
                    v.any(
                        k,
                        &[
                            "never",
                            "didn't",
                            "hadn't",
                            "forgot",
                            "missed",
                            "overlooked",
                            "ignored",
                            "neglected",
                        ],
                    ) && k > i + 1
                        && matches!(
                            crate::rules::clause::subject(v.tokens(), k).0,
                            Who::Person | Who::Name | Who::Activity
                        )
                });
        if person_follows(v, i + 1) || task_infinitive(v, i) || plain_omission || opening_omission {
            out.push(found(v, i, i));
        }
        true
    } else {
        false
    }
}

/// "of course", unless it concedes a denial.
#[inline]
pub(super) fn of_course(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.is("of") && v.is(i + 1, "course") {
        // "of course, not rust fault": conceding a denial, nothing made to look easy.
        let k = if v.tokens().get(i + 2).is_some_and(|t| t.punct) {
            i + 3
        } else {
            i + 2
        };
        // "to the right or left of course": the noun, a heading or track.
        let heading = i > 0
            && v.any(
                i - 1,
                &[
                    "left", "right", "north", "south", "east", "west", "off", "ahead",
                ],
            );
        if !v.any(k, &["not", "no"])
            && !heading
            && !about_things_only(v, i)
            && !there_is_follows(v, k)
        {
            out.push(found(v, i, i + 1));
        }
        true
    } else {
        false
    }
}

/// The utterance around "of course" at `i` (between chat's stops and brackets) names no
/// person and says more than a word or two: "of course other applications work in dockbarx",
/// "(both do mention the correct printer name of course)" concede what things do. Not
/// "Of course, nobody checked", "you did of course check", nor the bare advice "sudo, of
/// course, sorry". A nickname opening the line is whom it is said to, not its subject.
fn about_things_only(v: &View, i: usize) -> bool {
    let t = v.tokens();
    let bracket = |k: usize| t[k].punct && (t[k].lower == "(" || t[k].lower == ")");
    let mut first = i;
    while first > 0 && !v.stop_after(first - 1) && !bracket(first - 1) {
        first -= 1;
    }
    let mut last = i + 1;
    // "Of course the staging data was old, so we had to restore it": the clause "of course"
    // qualifies ends at a conjunction of its own after it; "…of course, but it might remind
    // you" the same.
    while last + 1 < t.len()
        && !v.stop_after(last)
        && !bracket(last + 1)
        && !v.any(
            last + 1,
            &["so", "but", "because", "while", "although", "though"],
        )
    {
        last += 1;
    }
    // The words after the cut still count as said ("X, of course but it's still nice" is a
    // concession, not the bare advice "sudo, of course"); their people do not.
    let mut end = last;
    while end + 1 < t.len() && !v.stop_after(end) && !bracket(end + 1) {
        end += 1;
    }
    let vocative = |k: usize| k == 0 && t.get(1).is_some_and(|n| n.punct);
    let mut words = 0;
    for k in (first..=end).filter(|k| *k != i && *k != i + 1) {
        let Some(w) = v.word(k) else { continue };
        if vocative(k) {
            continue;
        }
        words += 1;
        if k > last {
            continue;
        }
        // "don't be silly, of course that's safe": an imperative, said to someone.
        // "via the UI of course": an acronym is a thing's name, not a person's.
        let acronym =
            w.lower.len() > 1 && v.text[w.range.clone()].chars().all(|c| !c.is_lowercase());
        let person = !acronym
            && (crate::lexicon::PERSON_POSSESSIVES.contains(&w.lower.as_str())
                || w.any(&["don't", "dont", "please"])
                || w.lower
                    .split_once('\'')
                    .is_some_and(|(p, _)| crate::lexicon::PERSON_PRONOUNS.contains(&p))
                || matches!(
                    crate::rules::clause::classify_word(w, k == 0),
                    Who::Person | Who::Name
                ));
        // "Of course I'll revert it", "of course, you have every reason to be upset", "of
        // course that means we must be careful": a promise, a state or a duty now, no deed
        // made to look obvious.
        // Not "of course they have ignored it": a perfect is a deed.
        let perfect = v.any(k + 1, &["have", "has"])
            && v.word(k + 2)
                .is_some_and(|p| past_tense(p) || p.lower.ends_with("en"));
        let not_a_deed = w.lower.ends_with("'ll")
            || !perfect
                && v.any(
                    k + 1,
                    &[
                        "will", "'ll", "must", "have", "has", "can", "need", "needs", "want",
                        "wants", "are", "am",
                    ],
                );
        // "Of course the fix was to roll back": a task is a person's doing. The first
        // person named is the clause's subject: "of course I'll revert anything you
        // dislike" promises.
        if person && !not_a_deed || w.any(super::words::TASKS) {
            return false;
        }
        if person {
            return true;
        }
    }
    words > 3
}

/// "of course there are exceptions", "of course, hidden in a release, there were two bugs":
/// from `from`, the clause "of course" opens says what there is, before any person or verb of
/// its own; something conceded or found, not a deed made to look obvious.
fn there_is_follows(v: &View, from: usize) -> bool {
    let t = v.tokens();
    let mut k = from;
    while k < t.len() && k < from + 16 {
        if v.is(k, "there") {
            return v.any(k + 1, &["is", "are", "was", "were", "'s"]);
        }
        if let Some(w) = v.word(k)
            && (matches!(
                crate::rules::clause::classify_word(w, false),
                Who::Person | Who::Name
            ) || past_tense(w) && !w.lower.ends_with("en") && k > from)
        {
            return false;
        }
        if v.stop_after(k) {
            return false;
        }
        k += 1;
    }
    false
}

/// A person, a pronoun for people or a name anywhere in the sentence (a capital on its
/// first word is no name's).
fn names_a_person(v: &View) -> bool {
    (0..v.tokens().len()).any(|k| {
        v.word(k)
            .is_some_and(|w| match crate::rules::clause::classify_word(w, k == 0) {
                Who::Person => true,
                Who::Name => k > 0,
                _ => false,
            })
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
        .is_some_and(|w| matches!(crate::rules::clause::classify_word(w, false), Who::Person))
        && !v.any(
            k + 1,
            &[
                "need", "needs", "want", "wants", "have", "has", "will", "'ll",
            ],
        )
}

/// "It goes without saying, but one should always watch the channel", "it goes without saying
/// that we test restores": what someone should do or know, called too obvious to say, as "of
/// course". Not "(that goes without saying)" about a thing, nor with no person after it.
#[inline]
pub(super) fn goes_without_saying(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if !(t.any(&["goes", "went"]) && v.phrase(i + 1, &["without", "saying"])) {
        return false;
    }
    if i > 0 && v.is(i - 1, "it") {
        let mut k = i + 3;
        while v.tokens().get(k).is_some_and(|c| c.punct && c.lower == ",")
            || v.any(k, &["but", "that", "and"])
        {
            k += 1;
        }
        let person = v.word(k).is_some_and(|w| {
            w.is("one") || matches!(crate::rules::clause::classify_word(w, false), Who::Person)
        }) || v.any(k, &["the", "a", "an", "every", "each", "any"])
            && v.word(k + 1).is_some_and(|w| {
                matches!(crate::rules::clause::classify_word(w, false), Who::Person)
            });
        if person {
            out.push(found(v, i, i + 2));
        }
    }
    true
}
