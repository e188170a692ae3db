//! Counterfactuals about people: what someone should, could or ought to have done, or failed
//! to do. Counterfactuals about systems ("the cache should have expired"), hypothetical
//! impact ("users could have lost data", "it could have been worse") and "would have" are
//! not flagged; a passive that hides a person ("should have been caught in review") is.
//!
//! This module reads modal perfects and conditionals ("should have checked", "if we had
//! tested"); [`omission`] reads what people did not do ("failed to", "nobody noticed").

mod omission;

use super::clause::{Who, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::{
    ACTIVITY_NOUNS, HUMAN_PASSIVES, HUMAN_VERBS, PEOPLE_ONLY_VERBS, PERSON_NOUNS, SYSTEM_NOUNS,
    SYSTEM_VERBS, TECH_NAMES, THING_PRONOUNS,
};
use omission::{
    UNNOTICED, failed_to, failure_of, forgot, missed, not_perceived, not_perceived_passive,
    overlooked, oversight, went_unnoticed,
};

#[rustfmt::skip]
const MODALS: &[&str] = &[
    "should", "could", "ought", "shouldn't", "couldn't", "oughtn't", "might", "would", "wouldn't",
];
const CONTRACTED: &[&str] = &[
    "should've",
    "could've",
    "shouldn't've",
    "couldn't've",
    "might've",
    "would've",
];
/// What people experience rather than do: "we would have lost data" is impact.
#[rustfmt::skip]
const EXPERIENCED: &[&str] = &[
    "experienced", "lost", "had", "been", "received", "needed", "gotten", "got", "suffered",
    "felt", "liked", "seen", "noticed", "wanted", "preferred", "caused", "resulted", "meant",
    "made",
];

/// A subject that names a system or a thing ("the tool did not detect"), not a person.
fn names_a_system(v: &View, head: Option<usize>) -> bool {
    head.and_then(|h| v.word(h)).is_some_and(|w| {
        let word = w.lower.trim_end_matches("'s");
        SYSTEM_NOUNS.contains(&word) || TECH_NAMES.contains(&word) || THING_PRONOUNS.contains(&word)
    })
}
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "not", "really", "perhaps", "probably", "also", "definitely", "ideally", "easily", "simply",
    "just", "reasonably", "realistically", "possibly", "maybe", "have", "to", "obviously",
    "clearly", "at", "least", "then", "already",
];
/// What being done to a person is not their doing: "we should have been alerted".
#[rustfmt::skip]
const DONE_TO_THEM: &[&str] = &[
    "alerted", "notified", "paged", "told", "informed", "warned", "called", "contacted", "given",
    "shown", "sent", "asked", "consulted", "invited", "involved", "included",
];

fn verb_is_human(word: &str) -> bool {
    HUMAN_VERBS.contains(&word) && !SYSTEM_VERBS.contains(&word)
}

fn question(who: Who, subject: &str) -> String {
    let who = if matches!(who, Who::Person | Who::Name) && !subject.is_empty() {
        // "The engineer" inside the question reads "the engineer".
        match subject.split_once(' ') {
            Some((first, rest))
                if ["The", "A", "An", "Our", "Their", "This", "That"].contains(&first) =>
            {
                format!("{} {rest}", first.to_lowercase())
            }
            _ => subject.to_owned(),
        }
    } else {
        "the people involved".to_owned()
    };
    format!(" What did {who} see and know at the time, and what made their choice make sense then?")
}
pub fn check(v: &View, all: &mut Vec<Found>) {
    let n = v.tokens().len();
    let mut out: Vec<Found> = Vec::new();
    let out = &mut out;
    let mut conditional_found = false;
    let mut would_found: Vec<usize> = Vec::new();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        if t.any(MODALS) || t.any(CONTRACTED) {
            let before = out.len();
            modal_perfect(v, i, out);
            if out.len() > before && t.lower.starts_with("would") {
                would_found.push(before);
            }
        } else if t.any(&[
            "failed",
            "fail",
            "fails",
            "failing",
            "neglected",
            "neglect",
            "omitted",
        ]) && v.is(i + 1, "to")
        {
            failed_to(v, i, out);
        } else if t.any(&["failure", "failures"]) {
            failure_of(v, i, out);
        } else if t.any(&["forgot", "forgotten"]) {
            forgot(v, i, out);
        } else if t.is("overlooked") {
            overlooked(v, i, out);
        } else if t.any(&["oversight", "oversights"]) {
            oversight(v, i, out);
        } else if t.any(UNNOTICED) {
            went_unnoticed(v, i, out);
        } else if t.any(&["didn't", "never"]) && v.any(i + 1, &["bother", "bothered"])
            || t.is("did") && v.is(i + 1, "not") && v.is(i + 2, "bother")
        {
            // "didn't bother to run the tests": an omission, and blame as well (blame.rs).
            let last = if t.is("did") { i + 2 } else { i + 1 };
            let (who, _) = subject(v.tokens(), i);
            if who != Who::Thing {
                push(v, out, i, last, "did not", who, "");
            }
        } else if t.is("missed") {
            missed(v, i, out);
        } else if t.is("missing")
            && v.any(i + 1, &["the", "an", "a"])
            && v.any(i + 2, &["opportunity", "chance", "window", "signs", "sign"])
        {
            push(v, out, i, i + 2, "without", Who::Nobody, "");
        } else if t.any(&["didn't", "never", "nobody", "noone", "neither"])
            || (t.is("did") && v.is(i + 1, "not"))
            || (t.is("no") && v.is(i + 1, "one"))
            || (t.is("none") && v.is(i + 1, "of"))
        {
            not_perceived(v, i, out);
        } else if t.any(&["wasn't", "weren't", "isn't", "aren't"])
            || (t.any(&["was", "were", "is", "are", "been"]) && v.any(i + 1, &["not", "never"]))
            // "a PR which had not been identified by the team": the perfect passive.
            || (t.any(&["hadn't", "hasn't", "haven't"]) && v.is(i + 1, "been"))
            || (t.any(&["had", "has", "have"])
                && v.any(i + 1, &["not", "never"])
                && v.is(i + 2, "been"))
        {
            not_perceived_passive(v, i, out);
        } else if t.is("if") || (t.is("had") && (starts_clause(v, i) || after_a_verb(v, i))) {
            let before = out.len();
            conditional(v, i, out);
            conditional_found |= out.len() > before;
        } else if t.is("why")
            && v.any(
                i + 1,
                &["didn't", "wasn't", "weren't", "hadn't", "couldn't"],
            )
            && v.word(i + 2)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
        {
            out.push(Found {
                category: Category::Counterfactual,
                first: i,
                last: i + 2,
                suggestion: format!(
                    "Ask how instead of why not: what did they see, and what were they doing then? ({})",
                    v.sentence_text()
                ),
            });
        } else if t.is("how")
            && v.is(i + 1, "could")
            && v.word(i + 2)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            && v.any(i + 3, &["not", "miss", "have", "ignore", "overlook"])
        {
            out.push(Found {
                category: Category::Counterfactual,
                first: i,
                last: i + 3,
                suggestion: "Ask what made it hard to see at the time: which signals did they have, and what else was going on?".into(),
            });
        }
    }
    // "If we had tested it, we would have seen the error": one judgement, flagged once.
    if conditional_found {
        for k in would_found.into_iter().rev() {
            out.remove(k);
        }
    }
    all.append(out);
}

fn push(
    v: &View,
    out: &mut Vec<Found>,
    first: usize,
    last: usize,
    with: &str,
    who: Who,
    subject: &str,
) {
    out.push(Found {
        category: Category::Counterfactual,
        first,
        last,
        suggestion: format!("{}{}", v.rewrite(first, last, with), question(who, subject)),
    });
}
/// A past participle (or a word used as one): not a determiner or a noun after "have".
fn looks_like_participle(word: &str) -> bool {
    word == "been"
        || HUMAN_VERBS.contains(&word)
        || SYSTEM_VERBS.contains(&word)
        || HUMAN_PASSIVES.contains(&word)
        || [
            "ed", "en", "wn", "ought", "aught", "ept", "elt", "ent", "ound", "ung", "ade", "id",
            "ut", "et",
        ]
        .iter()
        .any(|end| word.ends_with(end))
            && ![
                "the", "a", "an", "its", "it", "been", "them", "then", "often", "ten", "seven",
            ]
            .contains(&word)
}

fn after_had_is_participle(verb: &crate::text::Token) -> bool {
    verb.is("not") || looks_like_participle(&verb.lower)
}

/// Verbs that report an assumption: what follows them is not asserted.
const ASSUMED: &[&str] = &[
    "assume", "assumed", "assumes", "assuming", "believed", "expected", "supposed",
];

fn starts_clause(v: &View, i: usize) -> bool {
    i == 0 || v.tokens()[i - 1].punct
}

/// "… may have been prevented had specific training been provided": "had" straight after a
/// participle, with its subject after it, is an inverted conditional, as after a comma.
fn after_a_verb(v: &View, i: usize) -> bool {
    i > 0
        && v.word(i - 1).is_some_and(|w| {
            (w.lower.ends_with("ed") || w.lower.ends_with("en"))
                && !w.lower.ends_with("een")
                && !PERSON_NOUNS.contains(&w.lower.as_str())
        })
        && v.any(
            i + 1,
            &[
                "the", "a", "an", "specific", "proper", "more", "better", "our", "their",
            ],
        )
}

/// What people could have been, as a quality of their work: "more thorough", "faster",
/// "available"; not what happened to them ("affected", "down for hours", "worse off").
fn a_quality(v: &View, at: usize) -> bool {
    v.any(at, &["more", "less"])
        && v.word(at + 1)
            .is_some_and(|w| !w.lower.ends_with("ed") && !w.any(&["likely", "exposed"]))
        || v.any(
            at,
            &[
                "faster",
                "quicker",
                "earlier",
                "sooner",
                "clearer",
                "better",
                "available",
                "proactive",
                "prepared",
                "ready",
                "stricter",
                "firmer",
            ],
        )
}

/// `should have checked`, `could've asked`, `ought to have known`, `should have been caught`.
fn modal_perfect(v: &View, m: usize, out: &mut Vec<Found>) {
    let modal = &v.tokens()[m].lower;
    let contracted = CONTRACTED.contains(&modal.as_str());
    let negated = modal.contains("n't") || v.is(m + 1, "not");
    let mut j = m + 1;
    let mut saw_have = contracted;
    while j < v.tokens().len() && j < m + 6 {
        if v.tokens()[j].punct {
            break;
        }
        let Some(w) = v.word(j) else { return };
        if w.is("have") {
            saw_have = true;
        } else if !w.any(BETWEEN) {
            break;
        }
        j += 1;
    }
    if !saw_have {
        return;
    }
    // "i should have.", "we really should have, but …": the action left out, as in speech
    // and chat; a person's, since "should have" ends the clause.
    if (v.tokens().get(j).is_none_or(|t| t.punct) || v.stop_after(j - 1))
        && (modal.starts_with("should") || modal.starts_with("ought"))
        && v.is(j - 1, "have")
    {
        let (who, _) = subject(v.tokens(), m);
        if matches!(who, Who::Person | Who::Name) {
            push(v, out, m, j - 1, "", who, "");
        }
        return;
    }
    let Some(verb) = v.word(j) else { return };
    // "We should have a talk": "have" is the verb itself, not a perfect.
    if !contracted && !looks_like_participle(&verb.lower) {
        return;
    }
    let (who, head) = subject(v.tokens(), m);
    // "not assume we could have started Prometheus faster", "we assumed they would have
    // seen it": an assumption reported or warned against, not the writer's judgement.
    let from = head.unwrap_or(m);
    if (from.saturating_sub(3)..from).any(|k| v.any(k, ASSUMED))
        && !(from.saturating_sub(3)..from).any(|k| v.tokens()[k].punct)
    {
        return;
    }
    let subject_text = head.map_or(String::new(), |h| {
        let first = (0..=h)
            .rev()
            .take_while(|k| {
                v.word(*k).is_some_and(|w| {
                    !w.any(&["that", "which", "if", "when", "because", "and", "but", "so"])
                })
            })
            .last()
            .unwrap_or(h);
        v.span(first, h).to_owned()
    });
    let could = modal.starts_with("could");
    let would = modal.starts_with("would");
    if verb.any(&["been", "be"]) {
        if would {
            return;
        }
        let Some(after) = v.word(j + 1) else { return };
        // "It should have been clear to the reviewer": what someone should have seen.
        let should_have_seen =
            after.any(&["clear", "obvious", "evident", "apparent"]) && !would && !could;
        let hidden_person = HUMAN_PASSIVES.contains(&after.lower.as_str())
            || should_have_seen
            || there_was_people_work(v, head, j + 1);
        let flag = match who {
            // "We should have been more careful"; not "we should have been paged". "The
            // handover could have been more thorough": a quality of people's work.
            Who::Person | Who::Activity => {
                !after.any(DONE_TO_THEM) && (!could || hidden_person || a_quality(v, j + 1))
            }
            _ => hidden_person && !(could && negated),
        };
        if flag {
            out.push(Found {
                category: Category::Counterfactual,
                first: m,
                last: j + 1,
                suggestion: format!(
                    "{}{}",
                    v.rewrite(m, j + 1, &format!("was not {}", after.lower)),
                    question(who, &subject_text)
                ),
            });
        }
        return;
    }
    let human = verb_is_human(&verb.lower) || (verb.is("failed") && v.is(j + 1, "over"));
    // "without paging we could've noticed it way later": a worse outcome imagined, not a
    // better action.
    if could && (j + 1..(j + 5).min(v.tokens().len())).any(|k| v.is(k, "later")) {
        return;
    }
    if would {
        // "We would have caught it": a person's own action; not what people would have
        // experienced, and nothing a system would have done.
        if !((who == Who::Person && human || who == Who::Activity) && !verb.any(EXPERIENCED)) {
            return;
        }
    }
    let people_only =
        verb.any(PEOPLE_ONLY_VERBS) && !names_a_system(v, head) && !(could && negated);
    let flag = people_only
        || match who {
            // "We couldn't have known": that clears people, it does not judge them.
            // "They could've paused the rollout": with a person as the subject, any action
            // they could have taken, not only the verbs listed as people's; not what would
            // have happened to them ("we could have lost data") nor a system's doing.
            Who::Person => {
                !could
                    || (!negated
                        && (human
                            || !SYSTEM_VERBS.contains(&verb.lower.as_str())
                                && !verb.any(EXPERIENCED)))
            }
            Who::Activity => !(could && negated),
            Who::Name | Who::PersonNearby => human && !(could && negated),
            Who::Nobody => human && !could,
            Who::Thing => false,
        };
    if !flag {
        return;
    }
    let with = if negated {
        verb.lower.clone()
    } else {
        format!("had not {}", verb.lower)
    };
    out.push(Found {
        category: Category::Counterfactual,
        first: m,
        last: j,
        suggestion: format!("{}{}", v.rewrite(m, j, &with), question(who, &subject_text)),
    });
}

/// `if we had tested`, `had we known`: an imagined past where people acted otherwise.
fn conditional(v: &View, at: usize, out: &mut Vec<Found>) {
    let tokens = v.tokens();
    let inverted = v.is(at, "had");
    // "if we had tested": the subject is between "if" and "had".
    let had = if inverted {
        at
    } else {
        match (at + 1..(at + 6).min(tokens.len()))
            .find(|k| v.is(*k, "had") || v.word(*k).is_some_and(|w| w.lower.ends_with("'d")))
        {
            Some(k) => k,
            None => return,
        }
    };
    let (who, verb_at) = if inverted {
        // "Had the engineer checked": the verb is the first participle after "had", and the
        // subject's head is the word before it.
        let Some(verb_at) = (at + 2..(at + 6).min(tokens.len())).find(|k| {
            v.word(*k).is_some_and(|w| {
                HUMAN_VERBS.contains(&w.lower.as_str())
                    || SYSTEM_VERBS.contains(&w.lower.as_str())
                    || w.lower.ends_with("ed")
            })
        }) else {
            return;
        };
        let Some(head) = v.word(verb_at - 1) else {
            return;
        };
        (super::clause::classify_word(head, false), verb_at)
    } else {
        let (who, _) = subject(tokens, if v.is(had, "had") { had } else { had + 1 });
        let who = if v.is(had, "had") {
            who
        } else {
            super::clause::classify_word(&tokens[had], false)
        };
        (who, had + 1)
    };
    let mut j = verb_at;
    let negated = v.is(j, "not");
    while v.any(j, &["not", "only", "just", "also", "simply", "been"]) && j < verb_at + 3 {
        j += 1;
    }
    let Some(verb) = v.word(j) else { return };
    // "if we had a larger userbase": "had" is the verb (possession), not a past perfect.
    if !inverted && !after_had_is_participle(verb) {
        return;
    }
    let after_been = j > verb_at && v.is(j - 1, "been");
    let flag = match who {
        Who::Person => !(after_been && verb.any(DONE_TO_THEM)),
        Who::Name => verb_is_human(&verb.lower),
        // "had specific maintenance training been provided": people's work imagined done.
        Who::Activity => true,
        // "had the change been reviewed": a passive that hides a person.
        _ => after_been && HUMAN_PASSIVES.contains(&verb.lower.as_str()),
    };
    if !flag || (negated && verb.is("been")) {
        return;
    }
    out.push(Found {
        category: Category::Counterfactual,
        first: at,
        last: j,
        suggestion: "Say what people did and knew at the time instead of what would have followed from acting otherwise: the imagined past explains nothing about this one.".into(),
    });
}

/// "There should have been a manual check", "there could have been a review": the
/// existential names people's work (a manual or human check, an activity noun) after "been".
fn there_was_people_work(v: &View, head: Option<usize>, from: usize) -> bool {
    head.is_some_and(|h| v.is(h, "there"))
        && (from..(from + 4).min(v.tokens().len())).any(|k| {
            v.any(k, &["manual", "human"])
                || v.word(k)
                    .is_some_and(|w| ACTIVITY_NOUNS.contains(&w.lower.as_str()))
        })
}
