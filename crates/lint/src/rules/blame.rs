//! Blame: the outcome pinned on a person or team as their error or trait ("human error",
//! "careless", "didn't bother", "the operator's mistake"). Who did what, said plainly, is
//! not blame; nor is a system's error ("a configuration error in the load balancer").

use super::clause::{Who, classify_word, subject};
use super::{Found, View};
use crate::Category;
use crate::lexicon::PERSON_POSSESSIVES;

/// Two-word phrases that pin an outcome on people.
const PHRASES: &[(&str, &str)] = &[
    ("human", "error"),
    ("human", "errors"),
    ("operator", "error"),
    ("user", "error"),
    ("pilot", "error"),
    ("people", "error"),
    ("human", "mistake"),
    ("human", "failure"),
    ("didn't", "bother"),
    ("dropped", "the"),
    ("at", "fault"),
    ("to", "blame"),
    ("by", "mistake"),
    ("more", "careful"),
    ("more", "carefully"),
    ("more", "aware"),
    ("more", "attentive"),
    ("more", "diligent"),
    ("more", "vigilant"),
    ("more", "cautious"),
    ("bothered", "to"),
];

/// Adverbs that call a person's action or belief an error.
const ERROR_ADVERBS: &[&str] = &[
    "wrongly",
    "mistakenly",
    "incorrectly",
    "erroneously",
    "improperly",
    "inadequately",
    "inappropriately",
    "wrongfully",
];
/// Adjectives that judge a person's decision or handling.
const POOR: &[&str] = &[
    "improper",
    "inadequate",
    "inappropriate",
    "poor",
    "wrong",
    "erroneous",
    "faulty",
    "flawed",
    "mistaken",
    "incorrect",
];

/// Words for a person's failing.
const TRAITS: &[&str] = &[
    "careless",
    "carelessly",
    "carelessness",
    "negligent",
    "negligently",
    "negligence",
    "sloppy",
    "sloppiness",
    "lazy",
    "laziness",
    "reckless",
    "recklessly",
    "recklessness",
    "incompetent",
    "incompetence",
    "inattentive",
    "inattention",
    "irresponsible",
    "irresponsibly",
    "complacent",
    "complacency",
    "thoughtless",
    "thoughtlessly",
    "clumsy",
    "clumsily",
    "inexcusable",
    "unprofessional",
    "blunder",
    "blundered",
    "idiot",
    "idiots",
    "moron",
    "morons",
    "inexperienced",
    "inexperience",
];

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
    "bad",
];

fn found(v: &View, first: usize, last: usize, with: &str) -> Found {
    Found {
        category: Category::Blame,
        first,
        last,
        suggestion: format!(
            "{} Say what the person did and what made it make sense at the time (what they saw, their tools, the pressure), rather than naming it a failing.",
            v.rewrite(first, last, with)
        ),
    }
}

pub fn check(v: &View, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        if let Some((a, b)) = PHRASES.iter().find(|(a, b)| t.is(a) && v.is(i + 1, b)) {
            // "Assumed user error at the time": a belief reported, not the writer's verdict.
            if i > 0
                && v.any(
                    i - 1,
                    &["assumed", "suspected", "thought", "believed", "assuming"],
                )
            {
                continue;
            }
            // "Was it caused by human error, a supplier issue or something else?": one
            // possibility among others asked about, not a verdict.
            if v.sentence_text().ends_with('?') && (i + 2..v.tokens().len()).any(|k| v.is(k, "or"))
            {
                continue;
            }
            // "by mistake" needs a person who did it; "opened by mistake" names nobody, nor
            // does "during an investigation" (an activity, not someone who erred).
            if *a == "by" {
                // "the lock record has been left in place by mistake": a passive names no
                // one who erred, whoever else the sentence mentions.
                if passive_before(v, i) {
                    continue;
                }
                let person = v.tokens()[..i].iter().enumerate().any(|(k, w)| {
                    !w.punct
                        && !w.masked
                        && !crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                        && (classify_word(w, false) == Who::Person
                            || classify_word(w, k == 0) == Who::Name)
                });
                if !person {
                    continue;
                }
            }
            let last = if *a == "dropped" {
                if !v.is(i + 2, "ball") {
                    continue;
                }
                i + 2
            } else {
                i + 1
            };
            let with = match (*a, *b) {
                ("didn't", _) => "did not",
                (_, "error" | "errors" | "mistake" | "failure") => {
                    "an action that made sense at the time"
                }
                _ => "",
            };
            out.push(found(v, i, last, with));
        } else if t.any(&["did", "could", "couldn't"])
            && v.any(i + 1, &["not", "be"])
            && v.any(i + 2, &["bother", "bothered"])
        {
            out.push(found(v, i, i + 2, "did not"));
        } else if t.any(&["closer", "more", "better"])
            && v.is(i + 1, "attention")
            && (v.any(i.wrapping_sub(1), &["pay", "pays", "paid", "paying"])
                || (v.any(i.wrapping_sub(1), &["much", "far", "a", "lot"])
                    && v.any(i.wrapping_sub(2), &["pay", "pays", "paid", "paying"])))
        {
            // "engineers need to pay much closer attention", "should have paid more attention":
            // the care people lacked, like "more careful"; not "the queue needs more attention".
            let pay = if v.any(i - 1, &["pay", "pays", "paid", "paying"]) {
                i - 1
            } else {
                i - 2
            };
            out.push(found(v, pay, i + 1, ""));
        } else if t.is("shame")
            && v.is(i + 1, "on")
            && v.any(
                i + 2,
                &["me", "you", "us", "him", "her", "them", "myself", "u"],
            )
        {
            // "shame on me", "Shame on you for pushing on a Friday": a person judged; not
            // "a shame on the release notes" (no person after "on").
            out.push(found(v, i, i + 2, ""));
        } else if (t.any(&["messed", "screwed", "fucked", "effed"]) || censored_past(v, i))
            && v.is(i + 1, "up")
        {
            let head = if censored_past(v, i) { i - 1 } else { i };
            let (who, _) = subject(v.tokens(), head);
            if matches!(who, Who::Person | Who::Name) {
                out.push(found(v, head, i + 1, ""));
            }
        } else if t.any(ERROR_ADVERBS) {
            // "they're being incorrectly charged": a passive; the error is the unnamed
            // agent's, not the subject's.
            let passive = i > 0
                && v.any(
                    i - 1,
                    &[
                        "being", "been", "was", "were", "is", "are", "be", "get", "got",
                    ],
                )
                && v.word(i + 1)
                    .is_some_and(|w| w.lower.ends_with("ed") || w.lower.ends_with("en"));
            if passive {
                continue;
            }
            let (who, _) = subject(v.tokens(), i);
            // "the result of an operator mistakenly deleting the volume": the person straight
            // before the adverb is the doer, wherever the clause's head is.
            let doer_before = i > 0
                && v.word(i - 1)
                    .is_some_and(|w| classify_word(w, false) == Who::Person);
            if matches!(who, Who::Person | Who::Name) || doer_before {
                out.push(found(v, i, i, ""));
            }
        } else if t.any(POOR) {
            // "the pilot's improper decision"; "you amended the wrong commit".
            let owner = i.checked_sub(1).and_then(|p| v.word(p));
            let possessed = owner.is_some_and(|o| {
                (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                    && matches!(classify_word(o, false), Who::Person | Who::Name)
                    || o.any(PERSON_POSSESSIVES)
            });
            let wrong_object = t.is("wrong") && i > 0 && v.is(i - 1, "the") && {
                let (who, _) = subject(v.tokens(), i.saturating_sub(2));
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
                who == Who::Person || apology
            };
            if (possessed && !t.is("bad")) || wrong_object {
                let first = if possessed { i - 1 } else { i };
                out.push(found(v, first, i, ""));
            } else if !t.any(&["bad", "faulty", "flawed"])
                && v.word(i + 1).is_some_and(|w| {
                    crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                        || w.any(&[
                            "maintenance",
                            "handling",
                            "management",
                            "inspection",
                            "decision-making",
                            "installation",
                            "repair",
                            "repairs",
                            "rigging",
                            "servicing",
                            "assembly",
                        ])
                })
                && let Some(last) = owner_after(v, i + 1)
            {
                // "Improper maintenance by company personnel", "inadequate planning on the
                // part of the crew": people's work called poor, its doers named after it.
                out.push(found(v, i, last, ""));
            } else if !t.any(&["bad", "faulty", "flawed"])
                && let Some(first) = predicate_on_persons_act(v, i)
            {
                // "The crew's decision to continue the approach was improper".
                out.push(found(v, first, i, ""));
            }
        } else if t.any(TRAITS)
            && !t.is("inexcusable")
            && !(t.is("lazy")
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
                ))
        {
            // "negligent" of a system ("negligible" is another word) is rare; flag the trait.
            out.push(found(v, i, i, ""));
        } else if t.any(FAILINGS) && i > 0 && (!t.is("bad") || v.any(i - 1, &["my", "our"])) {
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
            if !t.is("bad")
                && let Some(last) = owner_after(v, i)
            {
                out.push(found(v, i, last, ""));
                continue;
            }
            // "This was a mistake in setting up the node pool", "a mistake when configuring":
            // a person's activity called a mistake; not "an error in processing" (a system's).
            if t.any(&["mistake", "mistakes", "blunder", "blunders"])
                && v.any(i + 1, &["in", "when", "while"])
                && v.word(i + 2)
                    .is_some_and(|w| w.lower.ends_with("ing") && w.lower.len() > 4)
            {
                out.push(found(v, i, i + 2, ""));
                continue;
            }
            // "Codespace's error rates", "our error budget": the word names a measure.
            if v.any(
                i + 1,
                &[
                    "rate", "rates", "budget", "budgets", "message", "messages", "code", "codes",
                    "count", "counts", "logs", "log", "page", "pages", "handling", "spike",
                ],
            ) {
                continue;
            }
            let Some(owner) = v.word(k) else { continue };
            // "not anyone's fault", "nobody's fault": fault denied.
            if owner.any(&["nobody's", "noone's", "anyone's", "anybody's", "no-one's"])
                || (k.saturating_sub(3)..k)
                    .any(|n| v.any(n, &["not", "no", "never", "isn't", "wasn't"]))
            {
                continue;
            }
            let possessive = owner.lower.ends_with("'s") || owner.lower.ends_with("s'");
            let by_person = owner.any(PERSON_POSSESSIVES)
                || (possessive && matches!(classify_word(owner, k == 0), Who::Person | Who::Name));
            if by_person {
                out.push(found(v, k, i, ""));
            }
        } else if t.any(&["made", "makes", "make", "making"])
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
        } else if t.any(&["stupid", "dumb"])
            && (v.is(i + 1, "me")
                || v.is(i + 1, "of") && v.any(i + 2, &["me", "us", "him", "her", "them"]))
        {
            // "stupid me, forgot the sudo", "that was dumb of me": the writer's own doing
            // called stupid, as "I'm an idiot".
            let last = if v.is(i + 1, "me") { i + 1 } else { i + 2 };
            out.push(found(v, i, last, ""));
        } else if t.is("something")
            && v.any(i + 1, &["stupid", "dumb", "silly"])
            && i > 0
            && v.any(i - 1, &["did", "done", "do"])
        {
            out.push(found(v, i - 1, i + 1, ""));
        } else if t.any(&["broke", "broken"])
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
        } else if t.any(&["properly", "correctly", "adequately", "carefully"])
            && i >= 2
            && (v.is(i - 1, "not") && v.any(i - 2, &["did", "do", "does", "was", "were"])
                || v.any(
                    i - 1,
                    &["didn't", "never", "don't", "doesn't", "wasn't", "weren't"],
                ))
            && matches!(subject(v.tokens(), i - 1).0, Who::Person | Who::Name)
        {
            // "We did not properly test the rollback": the team's work called improper, like
            // "improperly"; not "the pod did not start properly" (a thing).
            let first = if v.is(i - 1, "not") { i - 2 } else { i - 1 };
            out.push(found(v, first, i, "did not"));
        } else if t.any(&["more", "closer", "greater", "extra"])
            && v.any(i + 1, &["attention", "care"])
            && i > 0
            && v.any(i - 1, GIVE_CARE)
        {
            // "pay more attention to the checklist", "take more care"; not "brings more
            // attention" (what a thing draws).
            out.push(found(v, i - 1, i + 1, ""));
        } else if t.any(MIS_NOUNS) {
            // "the pilot's mismanagement of the fuel", "mishandling by the crew".
            let owned = i.checked_sub(1).and_then(|p| v.word(p)).is_some_and(|o| {
                o.any(PERSON_POSSESSIVES)
                    || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                        && matches!(classify_word(o, false), Who::Person | Who::Name)
            });
            if owned {
                out.push(found(v, i - 1, i, ""));
            } else if let Some(last) = owner_after(v, i).or_else(|| by_agent(v, i)) {
                out.push(found(v, i, last, ""));
            }
        } else if t.any(MIS_GERUNDS) && !v.any(i + 1, &["of"]) {
            // "he reported miscalculating the fuel", "an operator mishandling the page": the
            // person earlier in the clause; not "the mishandling of" (a noun, above).
            let person = v.tokens()[..i]
                .iter()
                .rev()
                .take_while(|w| !w.punct)
                .any(|w| !w.masked && classify_word(w, false) == Who::Person);
            if person {
                out.push(found(v, i, i, ""));
            }
        } else if t.any(MIS_VERBS) {
            // "the crew misjudged the distance"; "the fuel was mismanaged by the pilot".
            let passive = i > 0 && v.any(i - 1, &["was", "were", "been", "be", "is", "are"]);
            if passive {
                if let Some(last) = by_agent(v, i) {
                    out.push(found(v, i, last, ""));
                }
            } else if matches!(subject(v.tokens(), i).0, Who::Person | Who::Name) {
                out.push(found(v, i, i, ""));
            }
        } else if t.any(&["properly", "correctly", "adequately", "carefully"])
            && i >= 2
            && v.any(i - 1, &["not", "never"])
            && v.any(i - 2, &["was", "were", "been", "is", "are"])
            && let Some(last) = by_agent(v, i + 1)
        {
            // "Situational awareness was not properly maintained by myself": the passive
            // with the person named as the agent.
            out.push(found(v, i - 1, last, ""));
        } else if t.any(&["distract", "distracted"]) && prescribed(v, i) {
            // "should never distract a pilot from their flight duties", "crews must not be
            // distracted": the "be more careful" fix, in its negative form.
            let person = (i.saturating_sub(6)..(i + 4).min(n)).any(|k| {
                v.word(k)
                    .is_some_and(|w| classify_word(w, false) == Who::Person)
            });
            if person {
                out.push(found(v, i, i, ""));
            }
        } else if t.is("be")
            && let Some(last) = care_prescribed(v, i)
        {
            out.push(found(v, i, last, ""));
        } else if t.any(&["stupid", "dumb"])
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
        } else if t.is("against")
            && (v.phrase(i + 1, &["better", "judgment"])
                || v.phrase(i + 1, &["better", "judgement"])
                || v.any(i + 1, PERSON_POSSESSIVES_SHORT)
                    && v.is(i + 2, "better")
                    && v.any(i + 3, &["judgment", "judgement"]))
        {
            // "Continuing was obviously against better judgment": the person's own judgement
            // set against what they did.
            let last = if v.is(i + 1, "better") { i + 2 } else { i + 3 };
            out.push(found(v, i, last, ""));
        } else if t.any(&["eye", "eyes"]) && v.phrase(i + 1, &["off", "the", "ball"])
            || t.is("asleep") && v.is(i + 1, "at") && v.any(i + 3, &["wheel", "switch"])
        {
            // "We took our eye off the ball", "the team was asleep at the wheel": idioms of
            // inattention, like "dropped the ball".
            out.push(found(v, i, i + 3, ""));
        } else if t.any(NOT_CAREFUL_ENOUGH)
            && i >= 1
            && v.is(i - 1, "not")
            && v.is(i + 1, "enough")
            && matches!(
                subject(v.tokens(), i - 1).0,
                Who::Person | Who::Name | Who::Activity
            )
        {
            // "Testing in staging not thorough enough", "the review was not careful enough":
            // people or their work measured against the care it needed.
            out.push(found(v, i - 1, i, ""));
        } else if t.any(NOT_CAREFUL_ENOUGH)
            && i >= 2
            && v.any(i - 1, &["not", "never"])
            && v.any(i - 2, &["was", "were", "is", "are", "been"])
            && matches!(subject(v.tokens(), i - 2).0, Who::Person | Who::Name)
        {
            // "The crew was not vigilant": care denied to a person, a trait like "careless".
            out.push(found(v, i - 1, i, ""));
        } else if t.any(&["lack", "lacked", "lacking"]) {
            lack_in_people(v, i, out);
        } else if t.is("on") {
            on_someone(v, i, out);
        } else if t.any(&["unacceptable", "inexcusable", "unforgivable"]) {
            unacceptable(v, i, out);
        } else if t.any(&["blame", "blamed", "blaming"])
            && !v.any(i.saturating_sub(1), &["no", "without", "blameless", "not"])
            // "if it crashes, we're blaming you", "If we blame the operator, we learn
            // nothing": blame supposed for what has not happened.
            && !(0..i).any(|k| v.is(k, "if"))
        {
            out.push(found(v, i, i, ""));
        }
    }
}

const PERSON_POSSESSIVES_SHORT: &[&str] = &["my", "our", "his", "her", "their", "your"];

/// Verbs for giving care or attention: the lesson asks it of people.
const GIVE_CARE: &[&str] = &[
    "pay",
    "pays",
    "paid",
    "paying",
    "take",
    "takes",
    "took",
    "taken",
    "taking",
    "with",
    "exercise",
    "exercised",
    "give",
    "giving",
];

/// What people bring to the work: a lack of it, said of them, is a failing of theirs.
const COMPETENCE: &[&str] = &[
    "understanding",
    "knowledge",
    "awareness",
    "experience",
    "expertise",
    "familiarity",
    "care",
    "attention",
    "diligence",
    "rigour",
    "rigor",
    "discipline",
    "ownership",
    "judgement",
    "judgment",
    "vigilance",
    "alertness",
    "caution",
    "focus",
    "concentration",
    "skill",
    "skills",
    "proficiency",
    "competence",
    "airmanship",
];

/// `Lack of deeper understanding of Kubernetes components in the team`, `our lack of
/// experience`: people's knowledge or care found wanting. Not "a lack of understanding of the
/// scope" with nobody named as lacking it, nor "lack of monitoring" (a thing).
fn lack_in_people(v: &View, i: usize, out: &mut Vec<Found>) {
    let n = v.tokens().len();
    let mut k = i + 1;
    if v.is(k, "of") {
        k += 1;
    }
    while k < i + 5 && v.word(k).is_some_and(|w| !w.any(COMPETENCE)) {
        k += 1;
    }
    if !v.any(k, COMPETENCE) {
        return;
    }
    let owner_before = i.checked_sub(1).and_then(|p| v.word(p)).is_some_and(|o| {
        o.any(PERSON_POSSESSIVES)
            || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                && matches!(classify_word(o, false), Who::Person | Who::Name)
    });
    // "… in the team", "among engineers", "on the part of the operator".
    let owner_after = (k + 1..(k + 10).min(n))
        .take_while(|j| !v.tokens()[*j].punct)
        .any(|j| {
            v.any(j, &["in", "among", "within", "across", "by", "part"])
                && (j + 1..(j + 4).min(n)).any(|p| {
                    v.word(p)
                        .is_some_and(|w| classify_word(w, false) == Who::Person)
                })
        });
    // "The team lacked experience": the subject is the person.
    let subject_lacks = !v.is(i, "lack") && subject(v.tokens(), i).0.is_person();
    if owner_before || owner_after || subject_lacks {
        let first = if owner_before { i - 1 } else { i };
        out.push(found(v, first, k, "no one had"));
    }
}

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
            .is_some_and(|w| classify_word(w, false) != Who::Person)
    {
        k += 1;
    }
    let Some(who) = v.word(k) else { return };
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
    if classify_word(who, false) == Who::Person && !possessive && (degree || pronoun || outcome) {
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
    if !(k > 0 && v.any(k - 1, &["is", "was", "'s", "it's", "that's", "were", "are"])) {
        return;
    }
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
    if people {
        out.push(found(v, k, i, ""));
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
    let k = if poor_decision || compound { k + 1 } else { k };
    if !(poor_decision || v.any(k, FAILINGS)) || v.is(k, "bad") {
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
    if matches!(subject(v.tokens(), at).0, Who::Person | Who::Name) {
        out.push(found(v, i, k, ""));
    }
}

/// Nouns for a person's action done badly: "mismanagement", "misjudgement".
#[rustfmt::skip]
const MIS_NOUNS: &[&str] = &[
    "mismanagement", "misjudgment", "misjudgement", "misjudgments", "misjudgements",
    "mishandling", "miscalculation", "miscalculations", "misuse",
];

/// Verbs for a person's action done badly: "misjudged the approach".
#[rustfmt::skip]
const MIS_VERBS: &[&str] = &[
    "mismanaged", "misjudged", "mishandled", "miscalculated", "fat-fingered", "fatfingered",
    "erred", "goofed", "botched", "bungled",
];

/// The same as gerunds: "he later reported miscalculating the amount".
#[rustfmt::skip]
const MIS_GERUNDS: &[&str] = &[
    "mismanaging", "misjudging", "mishandling", "miscalculating", "fat-fingering",
];

/// A passive auxiliary and a participle earlier in the clause before `at`: "has been left in
/// place by mistake".
fn passive_before(v: &View, at: usize) -> bool {
    let t = v.tokens();
    let first = (0..at)
        .rev()
        .find(|k| {
            t[*k].punct || t[*k].any(&["because", "if", "when", "that", "which", "and", "but"])
        })
        .map_or(0, |k| k + 1);
    (first..at).any(|k| {
        v.any(
            k,
            &["been", "was", "were", "is", "are", "be", "being", "got"],
        ) && v.word(k + 1).is_some_and(|w| {
            w.lower.ends_with("ed")
                || w.lower.ends_with("en")
                || w.any(&[
                    "left", "put", "set", "sent", "made", "done", "run", "kept", "held",
                ])
        })
    })
}

/// "by the operator", "by myself", "on the part of the crew", "on my part" right after a
/// failing at `at`: the index of the last word naming the person.
fn owner_after(v: &View, at: usize) -> Option<usize> {
    // "the fault of the mobile team": fault, owned by the people after "of" (not "a fault of
    // the disk", a thing's).
    if v.any(at, &["fault", "faults"]) && v.is(at + 1, "of") {
        return person_within(v, at + 2, 3);
    }
    if v.phrase(at + 1, &["on", "the", "part", "of"]) {
        return person_within(v, at + 5, 4);
    }
    if v.is(at + 1, "on") && v.any(at + 2, PERSON_POSSESSIVES) && v.is(at + 3, "part") {
        return Some(at + 3);
    }
    if v.is(at + 1, "by") {
        return person_within(v, at + 2, 3);
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
    // "a lapse in concentration by the controller": what lapsed, then its owner.
    if v.is(at + 1, "in") && v.word(at + 2).is_some() && v.is(at + 3, "by") {
        return person_within(v, at + 4, 3);
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

/// "… by the pilot", "… by myself" after a participle at `at` (adverbs may come between).
fn by_agent(v: &View, at: usize) -> Option<usize> {
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

/// A prescription before `at`: "should never", "must not", "need to", "ought to".
fn prescribed(v: &View, at: usize) -> bool {
    (at.saturating_sub(4)..at).any(|k| {
        v.any(k, &["should", "must", "shouldn't", "mustn't", "ought"])
            || v.any(k, &["need", "needs"]) && v.is(k + 1, "to")
    }) && !(at.saturating_sub(6)..at).any(|k| v.any(k, &["if", "whether", "unless"]))
}

/// "We need to be careful when …", "Crews need to be aware of the danger of oil and
/// oxygen", "pilots must be vigilant": care prescribed to people, the "be more careful" fix.
/// Not "customers should be aware that the API changes" (a notice, not a lesson), nor a
/// system ("the job must be careful" does not occur; a thing has no care to give).
fn care_prescribed(v: &View, be: usize) -> Option<usize> {
    if !prescribed(v, be) {
        return None;
    }
    let mut k = be + 1;
    if v.any(
        k,
        &[
            "extra",
            "especially",
            "very",
            "particularly",
            "extremely",
            "always",
        ],
    ) {
        k += 1;
    }
    let w = v.word(k)?;
    let care = w.any(&["careful", "vigilant", "attentive", "cautious", "mindful"]);
    let aware_of_danger = w.is("aware")
        && v.is(k + 1, "of")
        && (k + 2..(k + 4).min(v.tokens().len())).any(|d| {
            v.any(
                d,
                &[
                    "danger",
                    "dangers",
                    "risk",
                    "risks",
                    "hazard",
                    "hazards",
                    "consequences",
                ],
            )
        });
    if !(care || aware_of_danger) {
        return None;
    }
    // The one prescribed to is a person: the subject before the modal.
    let modal = (be.saturating_sub(4)..be).find(|m| {
        v.any(
            *m,
            &[
                "should",
                "must",
                "shouldn't",
                "mustn't",
                "ought",
                "need",
                "needs",
            ],
        )
    })?;
    // "You need to be careful with rm -rf": a warning to the reader (a runbook, chat
    // advice), not a lesson about what happened.
    let (who, head) = subject(v.tokens(), modal);
    let reader = head.is_some_and(|h| v.any(h, &["you", "u", "ya"]));
    (matches!(who, Who::Person | Who::Activity | Who::Name) && !reader).then_some(k)
}

/// `The crew's decision to continue the approach was improper`: a poor-word as the predicate
/// of a person's decision, handling or judgement (owned by a person). Returns the copula.
fn predicate_on_persons_act(v: &View, at: usize) -> Option<usize> {
    let mut c = at.checked_sub(1)?;
    while c > 0
        && v.any(
            c,
            &[
                "clearly",
                "obviously",
                "entirely",
                "completely",
                "very",
                "also",
            ],
        )
    {
        c -= 1;
    }
    if !v.any(c, &["was", "were", "is", "are"]) {
        return None;
    }
    // The subject: a person's possessive straight before an action noun, in this clause.
    let owned_act = (c.saturating_sub(10)..c)
        .rev()
        .take_while(|k| !v.tokens()[*k].punct && !v.any(*k, &["that", "which", "because"]))
        .any(|h| {
            let act = v.word(h).is_some_and(|w| {
                crate::lexicon::ACTIVITY_NOUNS.contains(&w.lower.as_str())
                    || w.any(&[
                        "handling",
                        "assumption",
                        "assumptions",
                        "conclusion",
                        "interpretation",
                        "belief",
                        "management",
                        "choice",
                        "choices",
                        "actions",
                        "call",
                    ])
            });
            act && h.checked_sub(1).and_then(|k| v.word(k)).is_some_and(|o| {
                o.any(PERSON_POSSESSIVES)
                    || (o.lower.ends_with("'s") || o.lower.ends_with("s'"))
                        && matches!(classify_word(o, false), Who::Person | Who::Name)
            })
        });
    owned_act.then_some(c)
}

/// Care and attention that, denied to a person ("was not vigilant"), name a failing.
const NOT_CAREFUL_ENOUGH: &[&str] = &[
    "vigilant",
    "careful",
    "attentive",
    "cautious",
    "diligent",
    "thorough",
    "alert",
];
