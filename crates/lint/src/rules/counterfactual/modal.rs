//! The modal perfect about people: "should have checked", "could've asked", "ought to have
//! known", "we needed to have checked", "should have been caught in review" (a passive that
//! hides a person), "It would have been better to wait for the canary", "A better approach
//! would have been to roll back"; and "avoidable", the same judgement in other words. Not
//! what would have happened to people ("we could have lost data"), nor a system's doing.

use super::words::PEOPLE_PASSIVES;
use super::words::{
    ASSUMED, AVERTED, BETTER, BETWEEN, CONTRACTED, DAMAGE, DONE_TO_THEM, EXPERIENCED, PEOPLE_WORK,
    REVEALED,
};
use super::{names_a_system, push, question, verb_is_human, with_organisations};
use crate::Category;
use crate::lexicon::{
    ACTIVITY_NOUNS, HUMAN_PASSIVES, HUMAN_VERBS, PEOPLE_ONLY_VERBS, PERSON_NOUNS, SYSTEM_VERBS,
};
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::suggestion;
use crate::rules::{Found, View};

/// A past participle (or a word used as one): not a determiner or a noun after "have".
pub(super) fn looks_like_participle(word: &str) -> bool {
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

/// The person after a clause-opening modal in a question, when "have" follows them:
/// "Couldn't someone have …", "Should we not have …", "Couldn't the release manager have …";
/// the index of the person's word.
fn inverted_person(v: &View, j: usize) -> Option<usize> {
    let perfect = |k: usize| v.is(k, "have") || v.any(k, &["not", "never"]) && v.is(k + 1, "have");
    let w = v.word(j)?;
    if w.any(&[
        "someone", "somebody", "anyone", "anybody", "you", "we", "they", "he", "she", "i", "u",
    ]) && perfect(j + 1)
    {
        return Some(j);
    }
    // A determiner, then up to two words ending in a person noun: "the release manager".
    if !w.any(&["the", "a", "an", "our", "their", "your", "his", "her", "my"]) {
        return None;
    }
    (j + 1..j + 4).find(|k| {
        v.word(*k)
            .is_some_and(|n| PERSON_NOUNS.contains(&n.lower.as_str()))
            && perfect(k + 1)
    })
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
pub(super) fn modal_perfect(v: &View, m: usize, out: &mut Vec<Found>) {
    let modal = &v.tokens()[m].lower;
    let contracted = CONTRACTED.contains(&modal.as_str());
    let negated = modal.contains("n't") || v.any(m + 1, &["not", "never"]);
    let mut j = m + 1;
    let mut saw_have = contracted;
    // "Couldn't someone have checked …?", "Should we not have paged …": a question puts the
    // person after the modal; the clause opens with the modal.
    let mut inverted = None;
    while j < v.tokens().len() && j < m + 6 + inverted.map_or(0, |h| h - m - 1) {
        if v.tokens()[j].punct {
            break;
        }
        let Some(w) = v.word(j) else { return };
        if j == m + 1
            && !contracted
            && (m == 0
                || v.tokens()[m - 1].punct
                // "What should we have tested?", "Why couldn't someone have checked?": a
                // question word opens the clause before the inverted modal.
                || m == 1 && v.any(0, WH)
                || m >= 2 && v.any(m - 1, WH) && v.tokens()[m - 2].punct)
            && let Some(h) = inverted_person(v, j)
        {
            // "Couldn't the release manager have waited?": a role with its determiner.
            inverted = Some(h);
            j = h;
        } else if w.is("have") {
            // "They shouldn't have to wait": an obligation, not a perfect.
            if v.is(j + 1, "to") {
                return;
            }
            saw_have = true;
        } else if w.is("of")
            && !saw_have
            && v.word(j + 1).is_some_and(|n| {
                n.lower.ends_with("ed") || n.any(&["known", "seen", "done", "been", "caught"])
            })
        {
            // Chat's "I should of checked": "have" as it sounds; not "should of course".
            saw_have = true;
        } else if !w.any(BETWEEN) && !between_adverb(w) {
            break;
        }
        j += 1;
    }
    if !saw_have {
        return;
    }
    // "Couldn't someone have checked?": a negated question suggests what was not done, unlike
    // "we couldn't have known".
    let negated = negated && inverted.is_none();
    // "Might've asked this before", "I may have mentioned it": a guess about what one said
    // or saw, not a course of action judged.
    if (modal.starts_with("might") || modal.starts_with("may"))
        && v.any(
            j,
            &[
                "asked",
                "said",
                "mentioned",
                "posted",
                "told",
                "written",
                "wrote",
                "heard",
                "read",
                "seen",
                "replied",
                "answered",
            ],
        )
    {
        return;
    }
    // "managers who might have approved some registrations", "anyone who may have cloned
    // the repository": a relative picking out people by what they possibly did, a guess.
    if (modal.starts_with("might") || modal.starts_with("may")) && m > 0 && v.is(m - 1, "who") {
        return;
    }
    // "i should have.", "we really should have, but …": the action left out, as in speech
    // and chat; a person's, since "should have" ends the clause.
    // "I didn't look as closely as I should have because …": the elided action before a
    // clause of its own.
    let clause_after = v.any(
        j,
        &[
            "because", "but", "since", "though", "although", "when", "before", "given",
        ],
    );
    if (v.tokens().get(j).is_none_or(|t| t.punct) || v.stop_after(j - 1) || clause_after)
        && (modal.starts_with("should") || modal.starts_with("ought"))
        && v.is(j - 1, "have")
    {
        let (who, _) = subject(v.tokens(), before_adverbs(v, m));
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
    // "How could I have known?": the writer clearing themselves, not a lapse.
    if m > 0
        && v.is(m - 1, "how")
        && inverted.is_some_and(|h| v.any(h, &["i", "we"]))
        && verb.any(UNFORESEEABLE)
    {
        return;
    }
    // "discuss how it could have been avoided", "investigated whether the diagnosis should
    // have been considered": a question asked, not a lapse asserted.
    if embedded_question(v, m) {
        return;
    }
    // "You should always have tested backups": a standing rule, not the past judged.
    if modal.starts_with("should") && (m + 1..j).any(|k| v.is(k, "always")) {
        return;
    }
    // "Developers shouldn't have write access": "have" is possession, the verb a noun's
    // modifier.
    if v.any(
        j + 1,
        &[
            "access",
            "privileges",
            "permissions",
            "permission",
            "rights",
        ],
    ) {
        return;
    }
    let (who, head) = match inverted {
        Some(h) => (classify_word(&v.tokens()[h], false), Some(h)),
        None => subject(v.tokens(), before_adverbs(v, m)),
    };
    // "The council should have followed its process": a body acting is people; not what a
    // system does ("the board should have booted").
    // "… symptoms to the Practice that should have resulted in a referral": an outcome.
    let who = if (verb.any(SYSTEM_VERBS) || verb.any(EXPERIENCED)) && !verb.any(&["been", "be"]) {
        who
    } else {
        with_organisations(v, who, head)
    };
    // "A consensus on the format would have prevented it", "Documenting the runbook is a
    // task that might have prevented this": people's work as the subject, named by a noun
    // of work or as what an activity is.
    let who = if who == Who::Thing && (people_work(v, head) || activity_is_a(v, head)) {
        Who::Activity
    } else {
        who
    };
    // "Writing the runbook may have prevented this": "may have" with an activity and an
    // outcome it would have averted; any other "may have" is a guess at what happened ("we
    // may have missed an alert", "the cache may have expired").
    if modal == "may"
        && !(who == Who::Activity && (verb.any(AVERTED) || verb_is_human(&verb.lower)))
    {
        return;
    }
    // "Nobody could have predicted the fiber cut": a negative subject clears people, as
    // "we couldn't have known" does.
    let negated = negated
        || head.is_some_and(|h| {
            v.any(h, &["nobody", "noone", "no-one"]) || v.is(h, "one") && h > 0 && v.is(h - 1, "no")
        });
    // "not assume we could have started Prometheus faster", "we assumed they would have
    // seen it": an assumption reported or warned against, not the writer's judgement.
    let from = head.unwrap_or(m);
    // "thinking that you might have messed something up": a worry at the time, a guess.
    if (modal.starts_with("might") || modal == "may")
        && (from.saturating_sub(3)..from)
            .any(|k| v.any(k, WORRIED) && !(k..from).any(|p| v.tokens()[p].punct))
    {
        return;
    }
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
        // "It would have been better to wait for the canary": the extraposed infinitive is a
        // person's action, judged better in hindsight.
        // "… better for the on-call to wait": the doer named with "for".
        let to = if v.is(j + 2, "for") {
            (j + 3..(j + 7).min(v.tokens().len()))
                .find(|k| v.is(*k, "to"))
                .unwrap_or(j + 2)
        } else {
            j + 2
        };
        // "It would have been trivial for the reviewer to spot": easy for a person named.
        let easy_for_person = v.any(j + 1, &["trivial", "easy", "simple"])
            && v.is(j + 2, "for")
            && (j + 3..to).any(|k| {
                v.word(k)
                    .is_some_and(|w| classify_word(w, false) == Who::Person)
            });
        if (v.any(j + 1, BETTER) || easy_for_person)
            && v.is(to, "to")
            && v.word(to + 1).is_some_and(|w| {
                verb_is_human(&w.lower) && !w.any(&["have", "had", "be", "know", "see"])
            })
            && head.is_none_or(|h| v.is(h, "it"))
            && !negated
        {
            push(v, out, m, j + 1, "", Who::Activity, "");
            return;
        }
        // "A better approach would have been to roll back", "The right call would have been
        // to page the DBA": the action people did not take, named better in hindsight.
        if v.is(j + 1, "to")
            && v.word(j + 2).is_some_and(|w| {
                !w.any(&["be", "have", "the", "a", "an"])
                    && !["ed", "ing"].iter().any(|end| w.lower.ends_with(end))
            })
            && better_course(v, m)
            && !negated
        {
            push(v, out, m, j + 1, "", Who::Activity, "");
            return;
        }
        // "Just restarting the pods would have been enough", "Pairing on the change would
        // have been wiser": an action not taken, judged sufficient or better.
        if who == Who::Activity
            && !negated
            && (v.any(j + 1, BETTER) || v.any(j + 1, &["enough", "sufficient"]))
        {
            push(v, out, m, j + 1, "", Who::Activity, "");
            return;
        }
        if would {
            return;
        }
        let Some(after) = v.word(j + 1) else { return };
        // "It should have been clear to the reviewer": what someone should have seen.
        let should_have_seen =
            after.any(&["clear", "obvious", "evident", "apparent"]) && !would && !could;
        // "could have been resolved by the autoscaler": the agent named is a system.
        // "The hole could have been discovered by an attacker": exposure imagined, not the
        // team's finding.
        let exposure = v.is(j + 2, "by")
            && v.any(
                v.past(j + 3, &["an", "a", "any", "other", "malicious"]),
                OUTSIDERS,
            );
        let hidden_person = ((HUMAN_PASSIVES.contains(&after.lower.as_str())
            || after.any(PEOPLE_PASSIVES))
            && !(v.is(j + 2, "by") && super::omission::by_a_system(v, j + 1))
            || by_people(v, j + 1)
            || should_have_seen
            || there_was_people_work(v, head, j + 1))
            && !exposure;
        let flag = match who {
            // "We should have been more careful"; not "we should have been paged". "The
            // handover could have been more thorough": a quality of people's work.
            Who::Person | Who::Activity => {
                // "should never have been given production credentials": access granted is
                // someone's decision, judged; "should have been paged" is not their doing.
                let granted = after.any(&["given", "granted"]) && !would && !could;
                // "The right diagnosis could have been made sooner", "the decision could have
                // been taken earlier": people's work named, done by them.
                let work_done = (who == Who::Activity
                    || head.is_some_and(|h| v.any(h, ACTIVITY_NOUNS)))
                    && after.any(&[
                        "made",
                        "taken",
                        "reached",
                        "carried",
                        "performed",
                        "undertaken",
                        "completed",
                    ]);
                (!after.any(DONE_TO_THEM) || granted)
                    && (!could || hidden_person || work_done || a_quality(v, j + 1))
            }
            // "If we'd had sufficient monitoring, the breach could have been caught": the
            // catching imagined is the thing's, not a person's omission.
            // "If the warning systems had been functional, these accidents could have been
            // prevented": the thing's counterfactual, not a person's omission.
            _ => {
                let cleared = could && negated;
                let a_things_doing =
                    super::conditional::imagines_a_thing(v) || condition_on_a_thing(v, m);
                hidden_person && !cleared && !a_things_doing
            }
        };
        if flag {
            out.push(Found {
                category: Category::Counterfactual,
                first: m,
                last: j + 1,
                suggestion: suggestion(
                    &v.rewrite(m, j + 1, &format!("was not {}", after.lower)),
                    &question(who, &subject_text),
                ),
            });
        }
        return;
    }
    // "Signature blocks that should have had N/A entered", "the form should have got it
    // signed": the causative "have X done" hides the person who should have done it, as
    // the passive does. (A person as the subject is read below, as any action of theirs.)
    if verb.any(&["had", "got", "gotten"])
        && !would
        && !negated
        && matches!(who, Who::Thing | Who::Nobody)
        && let Some(done) = (j + 2..(j + 10).min(v.tokens().len()))
            .take_while(|k| {
                !v.tokens()[*k].punct || ["(", ")", "/"].contains(&v.tokens()[*k].lower.as_str())
            })
            .take_while(|k| !v.any(*k, &["that", "which", "who", "to", "for", "on"]))
            .find(|k| {
                v.word(*k).is_some_and(|w| {
                    HUMAN_PASSIVES.contains(&w.lower.as_str())
                        || w.any(&[
                            "entered",
                            "filled",
                            "signed",
                            "completed",
                            "recorded",
                            "assigned",
                        ])
                })
            })
    {
        push(v, out, m, done, "", Who::Nobody, "");
        return;
    }
    // "they wouldn't have gotten rid of the package": "get rid of" is an action, not
    // something received.
    let rid = verb.any(&["gotten", "got"]) && v.is(j + 1, "rid");
    let human = verb_is_human(&verb.lower) || (verb.is("failed") && v.is(j + 1, "over")) || rid;
    // "you could have shorted out the board", "we could have corrupted the disk": harm that
    // may have been done, a guess at the damage, not a better course not taken.
    if could && !negated && verb.any(DAMAGE) {
        return;
    }
    // "without paging we could've noticed it way later": a worse outcome imagined, not a
    // better action.
    if could && (j + 1..(j + 5).min(v.tokens().len())).any(|k| v.is(k, "later")) {
        return;
    }
    // "I wouldn't have known if nobody told me", "I would not have read the comment": what a
    // person would not have seen or known clears them, as "we couldn't have known" does (not
    // "they wouldn't have gotten rid of it", an action wished undone).
    if would
        && negated
        && verb.any(&[
            "known", "read", "seen", "noticed", "caught", "realised", "realized", "spotted",
            "found", "detected",
        ])
    {
        return;
    }
    if would {
        // "We would have caught it": a person's own action; not what people would have
        // experienced, and nothing a system would have done.
        // "Simply rerunning the migration would have fixed it", "Monitoring each path would
        // have allowed us to mitigate": what an action would have achieved, not an action.
        // "Just checking the logs would have shown the errors" is still a check people would
        // have made (as "we would have seen them").
        let revealed = who == Who::Activity && verb.any(REVEALED);
        // "Pinning the dependency would have saved us a weekend": what the action would
        // have averted, the action judged as the one not taken (not "would have fixed it").
        let revealed = revealed || who == Who::Activity && verb.any(AVERTED);
        // "Rolling back would have taken 20 minutes": what the action would have cost.
        let cost = who == Who::Activity
            && verb.any(&["taken", "cost", "required", "involved", "added", "lasted"]);
        if !((matches!(who, Who::Person | Who::Activity) && human || revealed)
            && (!verb.any(EXPERIENCED) || rid)
            && !cost)
        {
            return;
        }
        // "Had the monitor fired, we would have known sooner": the consequence of a
        // system's counterfactual, not a judgement of what people did.
        if condition_on_a_thing(v, m) {
            return;
        }
    }
    // "They also might have received an email warning": a guess at what happened to them.
    if modal.starts_with("might") && verb.any(EXPERIENCED) {
        return;
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
                                && (!verb.any(EXPERIENCED) || rid)))
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
        suggestion: suggestion(&v.rewrite(m, j, &with), &question(who, &subject_text)),
    });
}

/// The subject before the modal at `m` is a course of action named right or better: "A
/// better approach", "The right call", "The correct action".
fn better_course(v: &View, m: usize) -> bool {
    let first = (0..m)
        .rev()
        .find(|k| v.tokens()[*k].punct || v.any(*k, &["that", "which", "because", "but"]))
        .map_or(0, |k| k + 1);
    (first..m).any(|k| {
        v.any(
            k,
            &[
                "better", "right", "correct", "proper", "wiser", "safer", "best", "smarter",
            ],
        ) && v.any(
            k + 1,
            &[
                "approach", "call", "action", "move", "choice", "option", "thing", "course",
                "step", "response", "decision", "plan", "way",
            ],
        )
    })
}

/// A condition before `m` about a thing: "Had the monitor fired, …", "If the failover had
/// worked, …".
fn condition_on_a_thing(v: &View, m: usize) -> bool {
    (0..m).any(|k| {
        if v.is(k, "if") {
            // "If the failover had worked", "if it was such a big problem".
            let Some(had) = (k + 1..(k + 9).min(m)).find(|h| {
                v.any(
                    *h,
                    &[
                        "had", "was", "were", "is", "are", "did", "didn't", "wasn't", "hadn't",
                    ],
                )
            }) else {
                return false;
            };
            subject(v.tokens(), had).0 == Who::Thing
        } else if v.is(k, "had") && (k == 0 || v.tokens()[k - 1].punct) {
            let head = (k + 1..(k + 4).min(m))
                .find(|h| !v.any(*h, &["the", "a", "an", "our", "their", "its", "this"]));
            head.and_then(|h| v.word(h))
                .is_some_and(|w| crate::rules::clause::classify_word(w, false) == Who::Thing)
        } else {
            false
        }
    })
}

/// `This was avoidable`, `The outage was entirely preventable`: "could have been avoided",
/// the people who could have avoided it left out. Not "not preventable with the tooling we
/// had", a question ("Was it avoidable?"), or a rule for later ("should be avoidable").
pub(super) fn avoidable(v: &View, i: usize, out: &mut Vec<Found>) {
    let mut k = i;
    while k > 0
        && v.any(
            k - 1,
            &[
                "entirely",
                "completely",
                "totally",
                "easily",
                "clearly",
                "fully",
                "very",
            ],
        )
    {
        k -= 1;
    }
    if !(k > 0 && v.any(k - 1, &["was", "were"])) || k >= 2 && v.any(k - 2, &["not", "never"]) {
        return;
    }
    let rest = &v.text[v.tokens()[i].range.end..v.sentence.range.end];
    // "preventable only in hindsight": the hindsight acknowledged.
    if rest.trim_end().ends_with('?') || v.is(i + 1, "only") {
        return;
    }
    push(v, out, k - 1, i, "", Who::Nobody, "");
}

/// "There should have been a manual check", "there could have been a review": the
/// existential names people's work (a manual or human check, an activity noun) after "been".
fn there_was_people_work(v: &View, head: Option<usize>, from: usize) -> bool {
    head.is_some_and(|h| v.is(h, "there"))
        && (from..(from + 4).min(v.tokens().len())).any(|k| {
            // "There should have been a second reviewer on the change".
            v.any(k, &["manual", "human"])
                || v.word(k)
                    .is_some_and(|w| PERSON_NOUNS.contains(&w.lower.as_str()))
                || v.word(k)
                    .is_some_and(|w| ACTIVITY_NOUNS.contains(&w.lower.as_str()))
        })
}

/// "… should never have been dictated by the project manager", "could have been made by the
/// on-call team": a passive whose agent after "by" is a person; the person's act is judged.
fn by_people(v: &View, participle: usize) -> bool {
    v.word(participle)
        .is_some_and(|w| looks_like_participle(&w.lower))
        && v.is(participle + 1, "by")
        && (participle + 2..(participle + 5).min(v.tokens().len()))
            .take_while(|k| v.word(*k).is_some())
            .any(|k| {
                v.word(k)
                    .is_some_and(|w| classify_word(w, false) == Who::Person)
            })
}

/// Agents of an exposure, not of the team's work: "could have been discovered by attackers".
const OUTSIDERS: &[&str] = &[
    "attacker",
    "attackers",
    "anyone",
    "anybody",
    "someone",
    "hacker",
    "hackers",
    "outsider",
    "outsiders",
    "actor",
    "actors",
    "users",
    "customers",
];

const WH: &[&str] = &["what", "why", "how", "which", "where", "when"];

/// Verbs of worrying and guessing before "might have": the guess is the person's at the time.
#[rustfmt::skip]
const WORRIED: &[&str] = &[
    "thinking", "thought", "worried", "worrying", "afraid", "feared", "fearing", "suspected",
    "suspecting", "wondering", "wondered", "guessed",
];

/// The subject's head is a noun of people's work ("a consensus", "the monitoring work").
/// Also "A consensus on what to do with the bases would have …": the clause opens with a
/// determiner and such a noun before its preposition, however long the phrase after it.
pub(super) fn people_work(v: &View, head: Option<usize>) -> bool {
    let work = |k: usize| v.any(k, PEOPLE_WORK) || v.any(k, ACTIVITY_NOUNS);
    let Some(h) = head else { return false };
    if v.any(h, PEOPLE_WORK) {
        return true;
    }
    let first = (0..h)
        .rev()
        .find(|k| v.tokens()[*k].punct)
        .map_or(0, |k| k + 1);
    v.any(first, &["a", "an", "the", "some", "more", "our", "their"])
        && work(first + 1)
        && v.any(
            first + 2,
            &["on", "about", "of", "with", "between", "among"],
        )
}

/// "Writing the docs is a backlog task that might have prevented this": the head is the
/// antecedent of a relative, the noun after a copula whose own subject is an activity.
fn activity_is_a(v: &View, head: Option<usize>) -> bool {
    let Some(h) = head else { return false };
    if !v.any(h + 1, &["that", "which"]) {
        return false;
    }
    (h.saturating_sub(5)..h)
        .rev()
        .take_while(|k| v.word(*k).is_some())
        .find(|k| v.any(*k, &["is", "was", "are", "were"]))
        .is_some_and(|c| subject(v.tokens(), c).0 == Who::Activity)
}

/// "should have first communicated", "should ordinarily have been done", "could have
/// manually verified": an adverb of order or manner between the modal and its participle
/// (an "-ly" word that is not a noun or a verb: "family", "apply", "supply").
fn between_adverb(w: &crate::text::Token) -> bool {
    w.any(&["first", "instead", "still"])
        || w.lower.len() > 5
            && w.lower.ends_with("ly")
            && !w.any(&[
                "apply", "reply", "supply", "comply", "rely", "family", "assembly", "early",
                "likely",
                // "everyone should have barely noticed": a guess at the impact.
                "barely", "hardly", "scarcely",
            ])
}

/// Knowing ahead: "How could we have known / predicted / foreseen it?".
const UNFORESEEABLE: &[&str] = &[
    "known",
    "predicted",
    "foreseen",
    "anticipated",
    "guessed",
    "expected",
];

/// "-ly" adverbs straight before the modal ("which they absolutely should have"): the
/// subject is read from before them.
fn before_adverbs(v: &View, m: usize) -> usize {
    let mut k = m;
    while k > 0
        && v.word(k - 1).is_some_and(|w| {
            w.lower.len() > 5 && w.lower.ends_with("ly") && !w.any(&["only", "family", "early"])
        })
    {
        k -= 1;
    }
    k
}

/// The modal perfect at `m` is inside an indirect question: "how" or "whether" opens its
/// clause, after a verb of asking, discussing or finding out ("discuss how it could have been
/// avoided", "ask me how it could have been mitigated", "investigated whether it should have
/// been considered").
fn embedded_question(v: &View, m: usize) -> bool {
    if !(m.saturating_sub(8)..m)
        .rev()
        .take_while(|k| !v.tokens()[*k].punct)
        .any(|k| v.any(k, &["how", "whether"]))
    {
        return false;
    }
    // The verb that asks: anywhere before, with its first question straight after it
    // ("discuss what happened, how it could have been avoided", "investigated whether there
    // were delays, and whether it should have been considered"); an object pronoun between.
    (1..m).any(|q| {
        if !v.any(q, &["how", "whether", "what", "why"]) {
            return false;
        }
        let mut k = q;
        if v.any(k - 1, &["me", "us", "them", "him", "her", "you"]) {
            k -= 1;
        }
        k > 0 && asks(v, k - 1)
    })
}

/// A verb of asking, discussing or finding out at `k`.
fn asks(v: &View, k: usize) -> bool {
    v.any(
        k,
        &[
            "discuss",
            "discussed",
            "discussing",
            "ask",
            "asked",
            "asking",
            "asks",
            "investigated",
            "investigate",
            "examined",
            "examine",
            "considered",
            "consider",
            "explore",
            "explored",
            "understand",
            "learn",
            "review",
            "reviewed",
            "assess",
            "assessed",
            "wonder",
            "wondered",
            "question",
            "about",
        ],
    )
}
