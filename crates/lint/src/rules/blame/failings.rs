//! A person's trait or failing, named: "careless", "negligence", "the operator's mistake",
//! "our own mistake", "a lapse by the operator", "we made a mistake", "the pilot exhibited
//! poor judgment". A system's error ("a configuration error") is not a failing.

use super::found;
use super::owners::owner_after;
use super::poor_work::POOR;
use crate::lexicon::PERSON_POSSESSIVES;
use crate::rules::clause::{Who, classify_word, subject};
use crate::rules::{Found, View};
use crate::text::Token;

/// Words for a person's failing. A `match` rather than a list: every word of every sentence
/// is tried against it, and the compiled match is several times faster than a scan.
fn is_trait(w: &str) -> bool {
    matches!(
        w,
        "careless" |
        "carelessly" |
        "carelessness" |
        "negligent" |
        "negligently" |
        "negligence" |
        "sloppy" |
        "sloppiness" |
        "lazy" |
        "laziness" |
        "reckless" |
        "recklessly" |
        "recklessness" |
        "incompetent" |
        "incompetence" |
        "inattentive" |
        "inattention" |
        "irresponsible" |
        "irresponsibly" |
        "complacent" |
        "complacency" |
        "thoughtless" |
        "thoughtlessly" |
        "clumsy" |
        "clumsily" |
        "clumsiness" |
        "inexcusable" |
        "unprofessional" |
        "blunder" |
        "blundered" |
        "idiot" |
        "idiots" |
        "moron" |
        "morons" |
        // Chat's insults: "dimwitted dumbasses" (see [`INSULTS`]).
        "dumbass" |
        "dumbasses" |
        "dimwit" |
        "dimwits" |
        "dimwitted" |
        "imbecile" |
        "imbeciles" |
        "halfwit" |
        "halfwits" |
        "daft" |
        "inexperienced" |
        "inexperience" |
        // "stupid" as a noun and an adverb, arrogance, laxity, an incautious attempt: the same
        // traits in other parts of speech and synonyms.
        "stupidity" |
        "stupidly" |
        "arrogance" |
        "arrogant" |
        "laxity" |
        "laxness" |
        "incautious" |
        "incautiously" |
        "inept" |
        "ineptitude" |
        "bumbling" |
        // Fault as a quality of people's conduct: "malpractice", "culpability"; chat's
        // acronyms for user error ("a PEBCAK error").
        "malpractice" |
        "culpability" |
        "culpable" |
        "pebcak" |
        "pebkac" |
        // Chat's insults, as "idiot" and "moron".
        "muppet" |
        "prat" |
        "dork" |
        "numpty" |
        "doofus" |
        "nitwit" |
        // "What a noob", "a noob mistake": inexperience as an insult.
        "noob" |
        "n00b"
    )
}

const FAILINGS: &[&str] = &[
    "mistake",
    "mistakes",
    // "my typo", "a typo on my part": the slip owned.
    "typo",
    "typos",
    "fault",
    "faults",
    "error",
    "errors",
    "blunder",
    "blunders",
    "slip",
    "slips",
    "lapse",
    "lapses",
    "negligence",
    "carelessness",
    "sloppiness",
    // "the crew's shortcomings", "the first officer's deficiencies": failings in other words.
    "shortcoming",
    "shortcomings",
    // "the clinical failings by the GPs", "the Trust's failings": failings owned.
    "failings",
    "inadequacies",
    "deficiency",
    "deficiencies",
    // Chat's words for a slip: "my own fuckup", "their screwups".
    "screwup",
    "screwups",
    "screw-up",
    "screw-ups",
    "fuckup",
    "fuckups",
    "fuck-up",
    "cockup",
    "cock-up",
    "bad",
];

/// Insults that chat also puts before a thing as an adjective: "my dumbass chromium".
const INSULTS: &[&str] = &["dumbass", "dimwitted", "idiot", "moron", "halfwit", "daft"];

/// An insult as an adjective on a thing: a determiner or possessive before it and a noun
/// after ("my dumbass chromium fucked up the site", "this idiot script"); not "they are
/// dimwitted dumbasses" nor "my idiot of a colleague".
fn insult_on_a_thing(v: &View, i: usize) -> bool {
    v.word(i).is_some_and(|t| t.any(INSULTS))
        && i > 0
        // "I'm an idiot... google is my friend": the next utterance's noun is not its head.
        && !v.stop_after(i)
        && v.any(
            i - 1,
            &["my", "your", "our", "their", "his", "her", "the", "this", "that", "a", "an"],
        )
        && v.word(i + 1).is_some_and(|n| {
            !n.any(&[
                "is", "was", "who", "that", "and", "of", "for", "to", "on", "in", "again",
            ]) && classify_word(n, false) == Who::Thing
        })
        // "I was the idiot hacker": the noun phrase said of a person, a person's.
        && !(i >= 2
            && v.any(i - 2, &["was", "am", "were", "are", "'m", "been"])
            && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name))
}

/// One of [`is_trait`]'s words ("careless", "negligent"), not the lazy loading of code.
#[inline]
pub(super) fn trait_word(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.punct || !is_trait(&t.lower) {
        return false;
    }
    if insult_on_a_thing(v, i) {
        return true;
    }
    // "I stupidly forgot", not "stupidly fast" (an intensifier on a thing).
    if t.any(&["stupidly", "incautiously"])
        && !matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
    {
        return true;
    }
    // "I'm a noob, how do I mount it?", "noob question": asking for help as a beginner, no
    // outcome pinned on anyone.
    if t.any(&["noob", "n00b"])
        && (v.sentence_text().ends_with('?')
            || v.any(
                i + 1,
                &["at", "with", "in", "to", "here", "question", "questions"],
            ))
    {
        return false;
    }
    if t.is("inexcusable")
        || t.is("lazy")
            && v.any(
                i + 1,
                &[
                    "loaded",
                    "loading",
                    "load",
                    "loads",
                    "evaluation",
                    "initialisation",
                    "initialization",
                    "init",
                ],
            )
    {
        return false;
    }
    // "Stress can lead to sloppiness": what a condition may bring about in anyone, said in
    // general, not a trait found in this outcome's people.
    if i >= 3
        && v.is(i - 1, "to")
        && v.any(i - 2, &["lead", "leads"])
        && v.any(i - 3, &["can", "may", "might", "could", "often", "will"])
    {
        return true;
    }
    // "negligent" of a system ("negligible" is another word) is rare; flag the trait.
    out.push(found(v, i, i, ""));
    true
}

/// Words for a person's manner of acting that call it too much or too quick: a failing when
/// said of the person or of what they did, a description when said of a thing ("the
/// cleanup policy is too naive").
const MANNER: &[&str] = &[
    "overzealous",
    "over-zealous",
    "overconfident",
    "over-confident",
    "hasty",
    "rash",
    "cavalier",
    "naive",
    "naïve",
    "heedless",
];

/// `we were overzealous on step 3`, `I was too hasty`, `my hasty "yes"`, `our cavalier
/// approach to backups`: one of [`MANNER`] on a person, as a predicate or after their
/// possessive. Not a thing's ("the retry policy was too naive", "a hasty rollback plan").
#[inline]
pub(super) fn manner_trait(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    // "we're terrible at estimating", "you are so bad at version bumps": a person's skill
    // called bad, as "incompetent"; not "the cache is bad at eviction" (a thing).
    let bad_at =
        t.any(&["bad", "terrible", "awful", "hopeless", "useless", "rubbish"]) && v.is(i + 1, "at");
    if t.punct || !(t.any(MANNER) || bad_at) {
        return false;
    }
    // Degree words between the copula or the possessive and the trait.
    let mut p = i;
    while p > 0
        && v.any(
            p - 1,
            &[
                "too", "very", "overly", "so", "a", "bit", "little", "rather", "somewhat", "quite",
                "far", "much", "perhaps", "probably", "clearly", "a",
            ],
        )
    {
        p -= 1;
    }
    let Some(b) = p.checked_sub(1) else {
        return false;
    };
    // Owned, the trait must be on an act or an attitude ("my hasty reply", "our cavalier
    // approach"), not on a thing of theirs ("our overzealous rate limiter", "our naive retry
    // logic": a system's design).
    // A quotation after it is the person's words: "my hasty "yes"".
    let quoted = v.tokens().get(i + 1).is_some_and(|t| t.masked);
    let act_after = quoted
        || v.word(i + 1).is_some_and(|w| {
            crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                || w.any(&[
                    "attitude",
                    "approach",
                    "approaches",
                    "decision",
                    "choice",
                    "choices",
                    "yes",
                    "reply",
                    "answer",
                    "reaction",
                    "behaviour",
                    "behavior",
                    "conduct",
                    "actions",
                    "assumption",
                    "assumptions",
                    "cleanup",
                    "changes",
                    "change",
                    "deletion",
                    "use",
                    "handling",
                    "merge",
                    "push",
                    "deploy",
                    "rollout",
                    "fix",
                    "attempt",
                ])
        });
    // "Your so bad at …": chat's "your" for "you're" before "bad at", a predicate.
    let owned = (act_after || bad_at)
        && (v.any(b, PERSON_POSSESSIVES)
            || v.word(b).is_some_and(|o| {
                (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                    && matches!(classify_word(o, false), Who::Person | Who::Name)
            }));
    let predicate = v.any(b, &["was", "were", "am", "'m", "are", "been", "being"])
        && matches!(subject(v.tokens(), b).0, Who::Person | Who::Name)
        || v.any(b, &["i'm", "we're", "they're"]);
    let denied = (b.saturating_sub(2)..=b).any(|k| {
        v.word(k)
            .is_some_and(|w| w.any(&["not", "never"]) || w.lower.ends_with("n't"))
    });
    if (owned || predicate) && !denied {
        let last = if bad_at { i + 1 } else { i };
        out.push(found(v, if owned { b } else { p }, last, ""));
        return true;
    }
    false
}

/// One of [`FAILINGS`] owned by a person: "the operator's mistake", "a mistake on my part".
#[inline]
pub(super) fn owned_failing(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    if t.any(FAILINGS) && i > 0 && (!t.is("bad") || v.any(i - 1, &["my", "our"])) {
        // "the operator's mistake", "our own mistake", "Sam's error"; not "a
        // configuration error" or "the load balancer's error".
        let mut k = i - 1;
        if v.any(
            k,
            &[
                "own",
                "simple",
                "big",
                "obvious",
                "careless",
                "human",
                "silly",
                "small",
                // "my stupid typo", "our dumb mistake": the slip owned, scorned.
                "stupid",
                "dumb",
                "rookie",
                "embarrassing",
                "stupidest",
                "dumbest",
            ],
        ) && k > 0
        {
            k -= 1;
        }
        // "a lapse by the operator", "an error on the part of the crew", "a mistake on
        // my part": the owner after the noun.
        // "Through no fault of the agencies", "not the fault of the crew": fault denied.
        let denied = (i.saturating_sub(3)..i).any(|n| {
            v.word(n)
                .is_some_and(|w| w.any(&["no", "not", "never"]) || w.lower.ends_with("n't"))
        });
        if !t.is("bad")
            && !denied
            && let Some(last) = owner_after(v, i)
        {
            out.push(found(v, i, last, ""));
            return true;
        }
        // "This was a mistake in setting up the node pool", "a mistake when configuring":
        // a person's activity called a mistake; not "an error in processing" (a system's).
        if t.any(&["mistake", "mistakes", "blunder", "blunders"])
            && v.any(i + 1, &["in", "when", "while"])
            && v.word(i + 2)
                .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
        {
            out.push(found(v, i, i + 2, ""));
            return true;
        }
        // "Codespace's error rates", "our error budget": the word names a measure.
        if v.any(
            i + 1,
            &[
                "rate",
                "rates",
                "budget",
                "budgets",
                "message",
                "messages",
                "code",
                "codes",
                "count",
                "counts",
                "logs",
                "log",
                "page",
                "pages",
                "handling",
                "spike",
                // "our error monitoring lit up": a tool named by what it watches.
                "monitoring",
                "tracking",
                "reporting",
                "alerts",
                "alerting",
                "dashboard",
            ],
        ) {
            return true;
        }
        // "the first officer's aptitude-related deficiencies": a compound adjective
        // between the owner and the failing.
        if k > 0
            && v.word(k)
                .is_some_and(|w| w.lower.contains('-') && !w.lower.ends_with("'s"))
        {
            k -= 1;
        }
        // "my two biggest production mistakes", "my own fun fuckup": a few modifiers
        // between the possessive and the failing; not a system's ("our load balancer
        // errors").
        if !v.any(k, PERSON_POSSESSIVES)
            && !v.word(k).is_some_and(|w| w.lower.ends_with("'s"))
            && let Some(p) = (k.saturating_sub(3)..k)
                .rev()
                .find(|p| v.any(*p, PERSON_POSSESSIVES))
            && (p + 1..i).all(|m| {
                v.word(m).is_some_and(|w| {
                    !crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
                        && !crate::lexicon::TECH_NAMES.contains(&w.lower.as_str())
                        && !w.any(&[
                            "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with",
                            "at", "by", "from", "about", "into", "over", "under", "than", "as",
                        ])
                        && !w.capital
                })
            })
        {
            k = p;
        }
        let Some(owner) = v.word(k) else { return true };
        // "not anyone's fault", "nobody's fault": fault denied.
        // "We are not sure if our error caused a conflict": the negation is the writer's
        // doubt, its scope closed by "if", "whether" or "that" before the owner.
        // "Doesn't sound like your fault", "might not be a single person's fault": any
        // negation within the few words before; "Was it my fault?": the fault asked.
        if owner.any(&["nobody's", "noone's", "anyone's", "anybody's", "no-one's"])
            || (k.saturating_sub(5)..k).any(|n| {
                v.word(n)
                    .is_some_and(|w| w.any(&["not", "no", "never"]) || w.lower.ends_with("n't"))
                    && !(n + 1..k).any(|m| {
                        v.tokens()[m].punct
                            || v.any(m, &["if", "whether", "that", "and", "but", "so", "because"])
                    })
            })
            || t.any(&["fault", "faults"]) && v.sentence_text().ends_with('?')
        {
            return true;
        }
        let possessive = owner.lower.ends_with("'s") || owner.lower.ends_with("s'");
        let by_person = owner.any(PERSON_POSSESSIVES)
            || (possessive && matches!(classify_word(owner, k == 0), Who::Person | Who::Name));
        if by_person {
            out.push(found(v, k, i, ""));
        }
        true
    } else {
        false
    }
}

/// "made a mistake", "exhibited poor judgment": see [`made_mistakes`].
#[inline]
pub(super) fn made_a_mistake(v: &View, i: usize, t: &Token, out: &mut Vec<Found>) -> bool {
    // "we did some mistakes", "15 pilots committed the same mistake": a past verb of doing
    // with a failing noun. The word is taken only when it flags, so that "did" stays free for
    // the shapes after this one ("I did something stupid").
    if t.any(&["did", "committed"]) {
        let before = out.len();
        made_mistakes(v, i, out);
        return out.len() > before;
    }
    if t.any(&["made", "makes", "make", "making"])
        || t.any(&[
            "exhibited",
            "showed",
            "displayed",
            "demonstrated",
            "exercised",
            "used",
        ]) && v.any(i + 1, POOR)
    {
        // "we made a mistake"; "The pilot exhibited poor judgment".
        made_mistakes(v, i, out);
        true
    } else {
        false
    }
}

/// `we made a mistake`, `I kept making errors`, `I started to make mistakes`: errors a person
/// made. The subject is found past "kept", "started to" and the like.
fn made_mistakes(v: &View, i: usize, out: &mut Vec<Found>) {
    let mut k = i + 1;
    while k < i + 4
        && v.any(
            k,
            &[
                "a", "an", "the", "some", "several", "many", "few", "big", "small", "silly",
                "simple", "careless", "obvious", "basic", "serious", "costly", "more", "other",
                "same", "exact", "that", "this",
            ],
        )
        || v.word(k).is_some_and(|w| {
            w.lower.chars().all(|c| c.is_ascii_digit())
                || w.any(&[
                    "two", "three", "four", "five", "several", "couple", "of", "few",
                ])
        })
    {
        k += 1;
    }
    // "I was rushed and made a poor decision": a person's decision called poor.
    // "I made an incorrect assumption": a person's belief called wrong, like a decision.
    let poor_decision = v.any(k, POOR)
        && v.any(
            k + 1,
            &[
                "decision",
                "decisions",
                "choice",
                "choices",
                "call",
                "judgement",
                "judgment",
                "assumption",
                "assumptions",
            ],
        );
    // "I made a few decision errors", "made several judgment errors": a noun names the kind.
    let compound = !poor_decision
        && !v.any(k, FAILINGS)
        && v.word(k).is_some()
        && v.any(k + 1, FAILINGS)
        && !v.is(k + 1, "bad");
    let k = if poor_decision || compound {
        k + 1
    } else if v.is(i, "made") && !v.any(k, FAILINGS) {
        // "made an unprecedented mistake", "had made my first mistake", "made the kind of
        // mistake", "made a very similar error": a few modifiers of any kind between.
        (k..(k + 5).min(v.tokens().len()))
            .take_while(|m| {
                v.word(*m).is_some_and(|w| {
                    w.any(FAILINGS)
                        || !w.any(&[
                            "it", "sure", "to", "for", "in", "on", "with", "by", "and", "or",
                            "that",
                        ]) && !crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
                            && !crate::lexicon::TECH_NAMES.contains(&w.lower.as_str())
                })
            })
            .find(|m| v.any(*m, FAILINGS) && !v.is(*m, "bad"))
            .unwrap_or(k)
    } else {
        k
    };
    if !(poor_decision || v.any(k, FAILINGS)) || v.is(k, "bad") {
        return;
    }
    // "We all make mistakes", "humans make mistakes", "developers will make mistakes": the
    // present or a modal states what people in general do, no outcome pinned on anyone.
    // The present counts when an aspect verb makes it a story ("I started to make
    // mistakes", "I kept making errors", "I did make a mistake").
    let mut promise = None;
    if v.any(i, &["make", "makes"]) {
        let mut a = i;
        if a > 0 && v.is(a - 1, "to") {
            a -= 1;
        }
        let told = a > 0
            && v.any(
                a - 1,
                &[
                    "kept",
                    "started",
                    "began",
                    "continued",
                    "did",
                    "went",
                    "would",
                ],
            );
        // "I won't make that mistake again": a promise that owns a mistake already made.
        // Its subject is read before the modal ("won't" is no filler to the clause reader).
        promise = (v.any(k, &["mistake", "mistakes", "error", "errors"]) && v.is(k + 1, "again"))
            .then(|| {
                (i.saturating_sub(3)..i)
                    .find(|c| v.any(*c, &["won't", "wont", "never", "will", "shall", "shan't"]))
            })
            .flatten();
        if !told && promise.is_none() {
            return;
        }
    }
    // A failing noun used as a measure: "made the error rate climb".
    if v.any(
        k + 1,
        &[
            "rate", "rates", "message", "messages", "budget", "code", "codes",
        ],
    ) {
        return;
    }
    let mut at = i;
    if at > 0 && v.is(at - 1, "to") {
        at -= 1;
    }
    if at > 0
        && v.any(
            at - 1,
            &[
                "kept",
                "keep",
                "keeps",
                "started",
                "start",
                "began",
                "begin",
                "continued",
                "tend",
                "tended",
            ],
        )
    {
        at -= 1;
    }
    // "after the last attempt and making the same mistake, i actually fixed it": a gerund
    // with no subject of its own, the writer's, whose "I" or "we" is in the same utterance.
    let writers_gerund = v.is(i, "making") && {
        let from = (0..i).rev().find(|c| v.stop_after(*c)).map_or(0, |c| c + 1);
        let mut to = k;
        while to + 1 < v.tokens().len() && !v.stop_after(to) {
            to += 1;
        }
        (from..=to).any(|c| v.any(c, &["i", "we"]))
    };
    // "if you made a mistake, fix it": a mistake supposed, not one made.
    let supposed = (at.saturating_sub(3)..at).any(|c| v.any(c, &["if", "unless"]));
    // "The problem was not that an engineer made a mistake": the mistake denied as the
    // finding.
    let denied = (at.saturating_sub(6)..at)
        .any(|c| v.is(c, "that") && c > 0 && v.any(c - 1, &["not", "isn't", "wasn't", "never"]));
    if denied {
        return;
    }
    let at = promise.unwrap_or(at);
    if (matches!(subject(v.tokens(), at).0, Who::Person | Who::Name)
        || writers_gerund
        || appositive_subject(v, at))
        && !supposed
    {
        out.push(found(v, i, k, ""));
    }
}

/// `Google Cloud, one of the largest providers, made a mistake`: an appositive between
/// commas straight before the verb at `at`; the subject is the name before it.
fn appositive_subject(v: &View, at: usize) -> bool {
    let t = v.tokens();
    if at == 0 || !(t[at - 1].punct && t[at - 1].lower == ",") {
        return false;
    }
    let Some(open) = (at.saturating_sub(14)..at - 1)
        .rev()
        .find(|k| t[*k].punct)
        .filter(|k| t[*k].lower == ",")
    else {
        return false;
    };
    // The appositive names what the subject is: "one of …", "a …", "the …".
    v.any(open + 1, &["one", "a", "an", "the", "our", "their"])
        && matches!(subject(t, open).0, Who::Person | Who::Name)
}
