//! "Wrong" on a person's act: "I deployed to the wrong cluster", "i cloned wrong drive",
//! "must have done something wrong". Not a thing's act, a passive, a question or a future,
//! nor what was found or received ("we received pages for the wrong cluster").

use crate::rules::View;
use crate::rules::clause::{Who, classify_word, subject};

/// `you amended the wrong commit`, `sorry, tagged the wrong person`, and the shapes below: a
/// person's act called wrong; `i` is at "wrong".
pub(super) fn persons_act_called_wrong(v: &View, i: usize) -> bool {
    let the_wrong_thing =
        i > 0 && v.is(i - 1, "the") && !(i >= 2 && v.any(i - 2, FOUND_VERBS)) && {
            let (who, head) = subject(v.tokens(), i.saturating_sub(2));
            // "what driver are you using? perhaps the wizard picked the wrong one": chat
            // goes on after "?" in lower case; the person must be in the same utterance.
            let who = if head.is_some_and(|h| (h..i).any(|k| v.stop_after(k))) {
                Who::Thing
            } else {
                who
            };
            // "sorry, tagged the wrong person", "oops pushed the wrong branch": chat drops
            // the "I" after an apology; the past tense straight after it is the writer's.
            let before = if i >= 4 && v.tokens()[i - 3].punct {
                i - 4
            } else {
                i.saturating_sub(3)
            };
            let apology = i >= 3
                && v.any(before, &["sorry", "oops", "whoops", "sry", "soz"])
                && v.word(i - 2).is_some_and(|w| w.lower.ends_with("ed"));
            who == Who::Person
                || apology
                || (i.saturating_sub(4)..i - 1)
                    .rev()
                    .find(|k| {
                        v.word(*k)
                            .is_some_and(|w| w.lower.ends_with("ing") || w.lower.ends_with("ed"))
                    })
                    .is_some_and(|g| {
                        (g + 1..i).all(|m| v.word(m).is_some()) && gerund_before_a_person(v, g)
                    })
        };
    the_wrong_thing
        || wrong_without_article(v, i)
        || wrong_target(v, i)
        || did_it_wrong(v, i)
        || wrong_way(v, i)
}

/// `I merged the branches the wrong way`, `we wired the sensors the wrong way round`: a
/// person's past act, with its object, done "the wrong way". Not a thing's doing ("the data
/// flowed the wrong way"), a passive ("traffic was routed the wrong way"), a denial, a
/// supposition or a question.
fn wrong_way(v: &View, i: usize) -> bool {
    if !(i >= 3 && v.is(i - 1, "the") && v.is(i + 1, "way")) || v.sentence_text().ends_with('?') {
        return false;
    }
    let Some(verb) = (i.saturating_sub(6)..i - 1).rev().find(|k| {
        v.word(*k)
            .is_some_and(|w| w.lower.ends_with("ed") && w.lower.len() > 3 || w.any(IRREGULAR_PASTS))
    }) else {
        return false;
    };
    if !(verb + 1..i - 1).all(|k| v.word(k).is_some()) || verb + 1 == i - 1 {
        return false;
    }
    // "I accidentally merged …": the subject before the adverbs.
    let mut s = verb;
    while s > 0
        && v.word(s - 1)
            .is_some_and(|w| w.lower.ends_with("ly") && w.lower.len() > 3)
    {
        s -= 1;
    }
    let (who, head) = subject(v.tokens(), s);
    let from = head.unwrap_or(s).min(s);
    let denied = (0..i).any(|c| v.any(c, &["if", "unless"]))
        || (from..verb).any(|c| {
            v.word(c).is_some_and(|w| {
                w.any(&["not", "never", "was", "were", "been", "is", "are"])
                    || w.lower.ends_with("n't")
            })
        });
    who == Who::Person && !denied
}

/// Verbs that send or put something somewhere, whose "to" or "into" names where.
#[rustfmt::skip]
const SENDING: &[&str] = &[
    "send", "sent", "push", "copy", "move", "post", "mail", "email", "paste", "write", "wrote",
    "clone", "upload", "deploy", "install", "point", "commit", "forward", "reply", "tag",
];

/// Chat drops the article: "i cloned wrong drive", "I do it all the time, send things to
/// wrong people". "wrong" straight after a past tense, or after "to"/"into" that follows a
/// verb, and before a noun; the doer a person, or left out after the writer's "I" or "we"
/// earlier in the sentence. Not "wired wrong", "went wrong" (no noun follows), nor a thing's
/// doing ("the wizard picked wrong one").
fn wrong_without_article(v: &View, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| v.word(p)) else {
        return false;
    };
    let noun_follows = v.word(i + 1).is_some_and(|n| {
        !n.any(&[
            "on", "in", "at", "for", "with", "about", "and", "or", "to", "by", "again", "way",
            "so", "but", "because", "here", "there", "too", "though",
        ]) && !n.lower.ends_with("ly")
    });
    if !noun_follows {
        return false;
    }
    let verb = if prev.lower.ends_with("ed") && prev.lower.len() > 3 {
        Some(i - 1)
    } else if prev.any(&["to", "into", "onto"]) {
        (i.saturating_sub(5)..i - 1).rev().find(|k| {
            v.word(*k).is_some_and(|w| {
                w.lower.ends_with("ed")
                    || crate::lexicon::HUMAN_VERBS.contains(&w.lower.as_str())
                    || w.any(SENDING)
            })
        })
    } else {
        None
    };
    let Some(verb) = verb else { return false };
    let (who, head) = subject(v.tokens(), verb);
    if head.is_some_and(|h| (h..i).any(|k| v.stop_after(k))) {
        return false;
    }
    who == Who::Person && !head.is_some_and(|h| v.any(h, &["they", "them"]))
        || head.is_none() && (0..verb).any(|k| v.any(k, &["i", "we", "i'm", "im", "i've"]))
}

/// Verbs that are past tenses without "-ed": "hit the wrong script", "put the ! in the wrong
/// spot", "ran it on the wrong host".
#[rustfmt::skip]
const IRREGULAR_PASTS: &[&str] = &[
    "hit", "put", "ran", "took", "chose", "sent", "set", "cut", "wrote", "got", "did", "made",
    "left", "kept", "shut", "brought", "read", "built", "threw", "gave", "dug", "won",
];

/// Verbs of finding or receiving: the wrong thing found is not an error of the finder.
#[rustfmt::skip]
const FOUND_VERBS: &[&str] = &[
    "noticed", "observed", "found", "spotted", "detected", "discovered", "identified",
    "reported", "received", "got", "given", "shown", "showed", "seeing", "noticing", "finding",
    "receiving", "getting",
];

/// Prepositions and determiners between a verb and "wrong": "pushed to the wrong branch",
/// "deleted a directory on the wrong server", "looked in the wrong place".
const TO_WRONG: &[&str] = &[
    "to", "into", "onto", "on", "in", "at", "from", "against", "with", "the", "a", "two", "some",
];

/// `I committed to the wrong branch`, `Pushed two wrong commits`, `They spent hours
/// investigating the wrong problem`, `he accidentally hit the wrong script`: "wrong" on the
/// object or the place of a person's act, the doer a person, or left out at the start of the
/// utterance (chat: "Accidentally pushed to wrong branch"). Not a thing's doing ("the script
/// picked the wrong host"), a passive ("traffic was sent to the wrong pool"), advice or a
/// supposition ("don't push to the wrong branch", "if you deploy to the wrong cluster"), nor
/// "went wrong".
fn wrong_target(v: &View, i: usize) -> bool {
    // A noun after "wrong" (not "wrong with", "wrong again").
    if !v.word(i + 1).is_some_and(|w| {
        !w.any(&[
            "on", "in", "at", "for", "with", "about", "and", "or", "to", "by", "again", "way",
            "so", "but", "because", "here", "there", "too", "though", "is", "was", "are", "were",
        ]) && !w.lower.ends_with("ly")
    }) {
        return false;
    }
    // Back to the verb: over determiners and prepositions, and up to three object words
    // before a preposition ("deleted a directory on the wrong server").
    let mut k = i;
    let mut object_words = 0;
    let verb = loop {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let Some(w) = v.word(p) else { return false };
        let past = w.lower.ends_with("ed") && w.lower.len() > 3 || w.any(IRREGULAR_PASTS);
        let gerund = w.lower.ends_with("ing") && w.lower.len() > 5;
        if (past || gerund) && !w.any(&["need", "embed", "speed", "red", "bed"]) {
            break p;
        }
        if w.any(TO_WRONG) {
            k = p;
            continue;
        }
        // "alerts for the wrong cluster", "a ticket about the wrong host": another
        // preposition ties "wrong" to a noun, not to the act.
        if w.any(&[
            "for", "about", "by", "of", "after", "during", "under", "over", "behind", "than",
        ]) {
            return false;
        }
        object_words += 1;
        if object_words > 3
            || w.any(&[
                "it's", "is", "was", "were", "are", "be", "been", "being", "not", "no",
            ])
            || w.any(&[
                "that", "which", "who", "because", "if", "when", "and", "but", "so", "what",
            ])
        {
            return false;
        }
        k = p;
    };
    // Finding or receiving the wrong thing is not erring: "we noticed the wrong timestamp",
    // "we were given the wrong figures".
    if v.any(verb, FOUND_VERBS) {
        return false;
    }
    let gerund = v.word(verb).is_some_and(|w| w.lower.ends_with("ing"));
    // The words before the verb: adverbs ("accidentally", "then") and auxiliaries.
    let mut b = verb;
    while b > 0
        && v.word(b - 1).is_some_and(|w| {
            w.lower.ends_with("ly") && w.lower.len() > 3
                || w.any(&[
                    "had", "have", "'ve", "then", "also", "just", "once", "first",
                ])
        })
    {
        b -= 1;
    }
    let before = b.checked_sub(1).and_then(|p| v.word(p));
    // A passive or a negation: "was sent to the wrong pool", "didn't push to the wrong".
    if before.is_some_and(|w| {
        w.any(&[
            "was", "were", "is", "are", "be", "been", "being", "get", "got", "not", "never", "to",
        ]) || w.lower.ends_with("n't")
    }) && !(gerund && before.is_some_and(|w| w.any(&["was", "were", "been", "is", "are", "am"])))
    {
        // "I managed to merge things in the wrong branches": an infinitive after a past
        // tense of trying is the act done.
        let managed = before.is_some_and(|w| w.is("to"))
            && b >= 2
            && v.any(
                b - 2,
                &["managed", "tried", "happened", "decided", "chose", "went"],
            );
        if !managed {
            return false;
        }
    }
    // A supposition or advice in the clause: "if you push to the wrong branch".
    let clause_start = (0..verb)
        .rev()
        .find(|c| v.tokens()[*c].punct || v.stop_after(*c))
        .map_or(0, |c| c + 1);
    // A modal or a negation earlier in the clause: "they won't accidentally be running
    // commands targeting the wrong cluster", "the only problem you might have is …".
    if (clause_start..verb).any(|c| {
        v.word(c).is_some_and(|w| {
            w.any(&[
                "if", "unless", "whether", "avoid", "never", "will", "would", "might", "may",
                "can", "could", "should", "must",
            ]) || w.lower.ends_with("n't")
        })
    }) {
        return false;
    }
    // The present progressive is what is going on now, not an outcome: "I'm writing in the
    // wrong place".
    if gerund
        && before
            .is_some_and(|w| w.any(&["am", "'m", "i'm", "is", "are", "'re", "we're", "you're"]))
    {
        return false;
    }
    // The doer: the subject; for a gerund, a person anywhere before it in the clause
    // ("They spent precious time investigating the wrong problem"); or nobody at the start of
    // the utterance, the writer's own past act.
    let (who, head) = subject(v.tokens(), b);
    // Chat goes on after "?" in lower case: the subject must be in the same utterance.
    let person = matches!(who, Who::Person | Who::Name) && head.is_none_or(|h| h >= clause_start);
    let gerund_person = gerund
        && (clause_start..verb).any(|c| {
            v.word(c)
                .is_some_and(|w| classify_word(w, false) == Who::Person && !w.is("it"))
        });
    let dropped = !gerund
        && (b == clause_start
            || head.is_none()
                && (clause_start..b).all(|c| {
                    v.word(c).is_none_or(|w| {
                        w.any(&["oops", "sorry", "whoops", "ugh", "damn", "accidentally"])
                    })
                }));
    // "Configured with the wrong ARN, the role could not …": an opening participle phrase
    // whose subject, a thing, comes after the comma; not the writer's dropped "I".
    let adjunct_of_a_thing = dropped
        && clause_start == 0
        && (i + 1..v.tokens().len())
            .find(|k| v.tokens()[*k].punct)
            .is_some_and(|c| {
                v.tokens()[c].lower == ","
                    && v.any(c + 1, &["the", "a", "an", "its", "this", "that"])
                    && v.word(c + 2)
                        .is_some_and(|w| classify_word(w, false) == Who::Thing)
            });
    person || gerund_person || dropped && !adjunct_of_a_thing
}

/// `Whoever set up the permissions did it wrong`, `must have done something wrong`, `the crew
/// getting it wrong`, `doing this wrong`: a person's doing called wrong, "wrong" as the
/// adverb after do or get and its object. Not "what went wrong", "something was wrong", a
/// thing's doing ("the parser gets it wrong"), nor denied ("we didn't do anything wrong").
fn did_it_wrong(v: &View, i: usize) -> bool {
    // Nothing more of the clause after "wrong" but a time or a place.
    if v.word(i + 1)
        .is_some_and(|w| !w.any(&["again", "before", "first", "twice", "once", "a", "the"]))
        && !v.any(
            i + 1,
            &[
                "in", "on", "when", "while", "at", "and", "but", "so", "because", "lol",
            ],
        )
    {
        return false;
    }
    let mut k = i.checked_sub(1);
    if k.is_some_and(|k| v.any(k, &["so", "all", "very", "completely", "totally"])) {
        k = k.and_then(|k| k.checked_sub(1));
    }
    let Some(mut k) = k else { return false };
    // The object: "it", "this", "something", "the steps", a few words at most.
    let mut object_words = 0;
    while object_words < 4
        && !v.any(
            k,
            &[
                "do", "did", "done", "doing", "does", "get", "got", "gets", "getting", "gotten",
            ],
        )
    {
        if v.word(k)
            .is_none_or(|w| w.any(&["is", "was", "were", "are", "went", "be", "been"]))
        {
            return false;
        }
        object_words += 1;
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        k = p;
    }
    // "what I did wrong": the object fronted as "what".
    let fronted = object_words == 0
        && v.any(k, &["do", "did", "done"])
        && (k.saturating_sub(4)..k).any(|c| v.is(c, "what"));
    if object_words == 0 && !fronted || object_words >= 4 {
        return false;
    }
    let verb = k;
    let (who, head) = subject(v.tokens(), verb);
    // "What did I do wrong?": the writer asking which of their own past acts was the wrong
    // one takes it that one was (a post-mortem's own heading); not "what am I doing wrong?"
    // (asking for help in the present), nor a question about others.
    let own_past = v.any(verb, &["do", "did", "done"])
        && (verb.saturating_sub(4)..verb).any(|c| v.is(c, "what"))
        && (verb.saturating_sub(3)..verb).any(|c| v.any(c, &["i", "we"]))
        && (verb.saturating_sub(3)..=verb).any(|c| v.any(c, &["did", "have", "'ve", "had"]));
    if v.sentence_text().ends_with('?') && !own_past {
        return false;
    }
    // Denial in the clause of the verb ("we didn't do anything wrong"), not in a clause
    // before it ("The deploys weren't working because I got the branch name wrong"); a
    // supposition anywhere before.
    // A denial reaches into a reported clause ("never told me that I did something wrong"),
    // not past a conjunction that starts a clause of its own.
    let from = (0..head.map_or(verb, |h| h.min(verb)))
        .rev()
        .find(|c| {
            v.any(
                *c,
                &["because", "since", "but", "so", "while", "when", "and"],
            )
        })
        .map_or(0, |c| c + 1);
    let denied = (0..i).any(|c| v.is(c, "if"))
        || (from..i).any(|c| {
            v.word(c).is_some_and(|w| {
                w.any(&["not", "never", "nothing", "anything", "nobody"])
                    || w.lower.ends_with("n't")
                    || w.is("no") && c + 3 >= verb
            })
        });
    if denied {
        return false;
    }
    let clause_start = (0..verb)
        .rev()
        .find(|c| v.tokens()[*c].punct || v.stop_after(*c))
        .map_or(0, |c| c + 1);
    let who = if head.is_some_and(|h| h < clause_start) {
        Who::Thing
    } else {
        who
    };
    let gerund_person = v.word(verb).is_some_and(|w| w.lower.ends_with("ing"))
        && (clause_start..verb).any(|c| {
            v.word(c)
                .is_some_and(|w| classify_word(w, false) == Who::Person && !w.is("it"))
        });
    // "Whoever set up the permissions did it wrong": a free relative, a person.
    let whoever = v.any(clause_start, &["whoever", "whomever"]);
    matches!(who, Who::Person | Who::Name)
        || gerund_person
        || whoever
        || gerund_before_a_person(v, verb)
        || head.is_none() && !v.word(verb).is_some_and(|w| w.lower.ends_with("ing"))
}

/// `After deleting the wrong directory a few times, I started …`, `Tired and connected to
/// the wrong host, the engineer ran …`: a gerund led by "after", "before", "while" or "by",
/// or a participle phrase that opens the sentence, whose doer is the person who is the
/// subject after the comma. Not "After restarting the wrong pod, the scheduler …" (a thing
/// after the comma).
pub(super) fn gerund_before_a_person(v: &View, verb: usize) -> bool {
    let participle = |k: usize| {
        v.word(k).is_some_and(|w| {
            (w.lower.ends_with("ing") || w.lower.ends_with("ed")) && w.lower.len() > 4
        })
    };
    let led = participle(verb)
        && v.word(verb).is_some_and(|w| w.lower.ends_with("ing"))
        && verb > 0
        && v.any(verb - 1, &["after", "before", "while", "when", "by"]);
    // The phrase opens the sentence: a participle first, no break before the verb.
    let opening = participle(verb)
        && v.tokens()[..=verb].iter().all(|t| !t.punct)
        && (participle(0) || v.any(0, &["after", "before", "while", "when"]));
    if !(led || opening) {
        return false;
    }
    let Some(comma) = (verb + 1..v.tokens().len()).find(|k| v.tokens()[*k].punct) else {
        return false;
    };
    let k = if v.any(comma + 1, &["the", "a", "an", "our", "their", "one"]) {
        comma + 2
    } else {
        comma + 1
    };
    v.tokens()[comma].lower == ","
        && v.word(k).is_some_and(|w| {
            classify_word(w, false) == Who::Person && !w.any(&["it", "this", "that"])
        })
}
