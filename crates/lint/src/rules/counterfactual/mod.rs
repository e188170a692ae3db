//! Counterfactuals about people: what someone should, could or ought to have done, or failed
//! to do. Counterfactuals about systems ("the cache should have expired"), hypothetical
//! impact ("users could have lost data", "it could have been worse") and "would have" are
//! not flagged; a passive that hides a person ("should have been caught in review") is.
//!
//! The families of sentence shapes, each its own module:
//! - [`modal`]: the modal perfect ("should have checked", "could've asked", "should have been
//!   caught in review", "it would have been better to wait") and "avoidable";
//! - [`conditional`]: the imagined past ("if we had tested", "had we known");
//! - [`late`]: noticing that came late ("we were slow to realise", "it took us two hours to
//!   notice") and an obligation not met ("was supposed to … and never did");
//! - [`omission`]: what people did not do ("failed to", "forgot", "missed", "nobody
//!   noticed", "was never tested");
//! - [`words`]: the word lists the modal perfect and the conditional share.
//!
//! [`check`] reads each word in turn and tries the shapes in order: the first whose first
//! word it is takes the word, and the order is one of precedence. A few short shapes ("didn't
//! bother", "a missed opportunity", questions such as "why didn't you" and "did you even test
//! this?") are read in place.

mod conditional;
mod late;
mod modal;
mod omission;
mod words;

use super::clause::{Who, subject};
use super::{Found, View, suggestion};
use crate::Category;
use crate::lexicon::{HUMAN_VERBS, SYSTEM_NOUNS, SYSTEM_VERBS, TECH_NAMES, THING_PRONOUNS};
use conditional::{after_a_verb, conditional, starts_clause};
use late::{noticed_late, slow_to_notice, supposed_and_never_did};
use modal::{avoidable, looks_like_participle, modal_perfect};
use omission::{
    UNNOTICED, failed_to, failure_of, forget_habit, forgot, missed, missing_after_clause,
    not_perceived, not_perceived_passive, overlooked, oversight, went_unnoticed, without_checking,
};
use words::{CONTRACTED, MODALS};

/// A subject that names a system or a thing ("the tool did not detect"), not a person.
fn names_a_system(v: &View, head: Option<usize>) -> bool {
    head.and_then(|h| v.word(h)).is_some_and(|w| {
        let word = w.lower.trim_end_matches("'s");
        let thing = |x: &str| SYSTEM_NOUNS.contains(&x) || TECH_NAMES.contains(&x);
        thing(word)
            || THING_PRONOUNS.contains(&word)
            // "the processes did not ensure", "both proxies": a system's plural.
            || word.len() > 4
                && (word.strip_suffix("es").is_some_and(thing)
                    || word.strip_suffix('s').is_some_and(thing))
            // "Last pullrequest forgot to bump the version": an artefact.
            || ["pr", "prs", "pullrequest", "pull-request", "mr"].contains(&word)
    })
}

/// Bodies that act as agents in case reports and findings: "the council failed to …", "the
/// practice should have advised …", "a health board failed to provide …". RULES.md counts an
/// organisation acting as an agent as people.
#[rustfmt::skip]
const ORGANISATIONS: &[&str] = &[
    "council", "councils", "board", "boards", "trust", "trusts", "practice", "practices",
    "surgery", "hospital", "hospitals", "school", "schools", "clinic", "clinics", "authority",
    "authorities", "agency", "agencies", "partnership", "firm", "airline", "airlines",
    "carrier", "railroad", "railway", "ministry", "government", "regulator", "university",
    "landlord", "employer", "provider", "providers", "insurer", "contractor",
];

/// Words before an organisation's noun that make it the body ("the council", "a health
/// board", "the GP practice"), not "best practice" or "a circuit board".
#[rustfmt::skip]
const BODY_MODIFIERS: &[&str] = &[
    "the", "a", "an", "this", "that", "their", "our", "its", "gp", "health", "county", "city",
    "local", "district", "care", "nhs", "school", "education", "regulatory",
];

/// The subject's head at `head` names an organisation acting as an agent.
fn organisation(v: &View, head: Option<usize>) -> bool {
    head.and_then(|h| v.word(h).map(|w| (h, w)))
        .is_some_and(|(h, w)| {
            w.any(ORGANISATIONS)
                && h > 0
                && v.word(h - 1)
                    .is_some_and(|p| p.any(BODY_MODIFIERS) || p.capital && !p.any(&["It", "This"]))
        })
}

/// The subject as the counterfactual rules read it: an organisation acting is people.
/// "@astonm overlooked …", "@Mr0grog should have posted …": a GitHub handle (the "@" is
/// not kept in the word) names a person, whatever its spelling.
fn handle(v: &View, head: Option<usize>) -> bool {
    head.and_then(|h| v.tokens().get(h))
        .is_some_and(|t| !t.punct && v.text[..t.range.start].ends_with('@'))
}

fn with_organisations(v: &View, who: Who, head: Option<usize>) -> Who {
    if matches!(who, Who::Thing | Who::Name | Who::PersonNearby)
        && (organisation(v, head) || handle(v, head))
    {
        Who::Person
    } else {
        who
    }
}

/// Words that report someone else's complaint or allegation: what follows them is the
/// complainant's claim, not the writer's finding ("Mrs C complained that staff did not check
/// …", "It is alleged that the nurse failed to …").
#[rustfmt::skip]
const CLAIMS: &[&str] = &[
    "complained", "complains", "complain", "complaining", "alleged", "alleges", "allege",
    "alleging", "allegedly", "claimed", "contended", "contends",
    // "Mr C felt that the nurses had failed to treat the ulcers": a belief reported.
    "felt", "feels",
];

/// The same claims as nouns, when "that" follows: "Mrs D's complaint that the practice …"; not
/// "complaint handling".
const CLAIM_NOUNS: &[&str] = &[
    "complaint",
    "complaints",
    "allegation",
    "allegations",
    "claim",
    "claims",
];

/// ", O'Neill said,", ", the spokesperson added.": a short attribution between commas or
/// after the last one, a name or a role and a verb of saying; not "the pilot said that …"
/// (reported speech, judged as the writer's report).
fn attributed(v: &View) -> bool {
    let t = v.tokens();
    let n = t.len();
    (1..n).any(|k| {
        v.any(
            k,
            &[
                "said",
                "says",
                "added",
                "explained",
                "wrote",
                "argued",
                "noted",
            ],
        ) && (k + 1 == n || t[k + 1].punct)
            && (k.saturating_sub(5)..k)
                .rev()
                .find(|c| t[*c].punct)
                .is_some_and(|c| {
                    t[c].lower == ","
                        && k - c <= 4
                        && k - c >= 2
                        // "…, I should have said": the writer's own words.
                        && !(c + 1..k).any(|w| {
                            v.any(
                                w,
                                &[
                                    "have", "has", "had", "should", "could", "would", "will",
                                    "not", "never", "i", "we",
                                ],
                            )
                        })
                })
    })
}

/// The first word of a reported claim in the sentence: flags after it are the claimant's,
/// unless the writer upheld it first ("We upheld the complaint that the board failed to …").
/// Not the writer's own complaint ("we complained that …").
fn claim_starts(v: &View) -> Option<usize> {
    let n = v.tokens().len();
    let c = (0..n).find(|k| v.any(*k, CLAIMS) || v.any(*k, CLAIM_NOUNS) && v.is(k + 1, "that"))?;
    // "The complaint was upheld", "upheld Mrs D's complaints that …": the writer's finding.
    let upheld = (0..n).any(|k| {
        v.any(k, &["upheld", "uphold", "upholds"])
            && !(k > 0 && v.any(k - 1, &["not", "didn't", "partially", "partly"]))
            && !(k > 1 && v.is(k - 2, "not"))
    });
    let mut s = c;
    while s > 0 && v.any(s - 1, &["also", "further", "had", "has", "have", "then"]) {
        s -= 1;
    }
    let own = s > 0 && v.any(s - 1, &["we", "i"]);
    (!upheld && !own).then_some(c)
}

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
    format!("What did {who} see and know at the time, and what made their choice make sense then?")
}
pub fn check(v: &View, all: &mut Vec<Found>) {
    let n = v.tokens().len();
    let mut out: Vec<Found> = Vec::new();
    let out = &mut out;
    let mut conditional_found = false;
    let mut would_found: Vec<usize> = Vec::new();
    for i in 0..n {
        let Some(t) = v.word(i) else { continue };
        // "We needed to have checked the lag": a modal perfect in other words.
        // "The team was supposed to have reviewed it": the same.
        let need_perfect = t.any(&["needed", "need", "needs", "supposed"])
            && v.is(i + 1, "to")
            && v.is(i + 2, "have")
            && v.word(i + 3)
                .is_some_and(|w| looks_like_participle(&w.lower) && !w.is("been"));
        if t.any(MODALS) || t.any(CONTRACTED) || need_perfect {
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
        } else if t.any(&["forget", "forgets"]) && v.any(i + 1, &["to", "about"]) {
            forget_habit(v, i, out);
        } else if t.is("overlooked") {
            overlooked(v, i, out);
        } else if t.any(&["oversight", "oversights"]) {
            oversight(v, i, out);
        } else if t.any(UNNOTICED) {
            went_unnoticed(v, i, out);
        } else if t.any(&["didn't", "never"]) && v.any(i + 1, &["bother", "bothered"])
            || t.is("did") && v.is(i + 1, "not") && v.is(i + 2, "bother")
        {
            // "didn't bother to run the tests": an omission, and blame as well (blame/phrases.rs).
            let last = if t.is("did") { i + 2 } else { i + 1 };
            let (who, _) = subject(v.tokens(), i);
            if who != Who::Thing {
                push(v, out, i, last, "did not", who, "");
            }
        } else if t.is("missed")
            && v.any(
                i + 1,
                &[
                    "opportunity",
                    "opportunities",
                    "chance",
                    "chances",
                    "sign",
                    "signs",
                    "signal",
                    "signals",
                    "warning",
                    "warnings",
                ],
            )
            && i > 0
            && (v.any(i + 1, &["opportunities", "chances"])
                && v.word(i - 1).is_some_and(|w| {
                    !crate::lexicon::SYSTEM_NOUNS.contains(&w.lower.as_str())
                        && !TECH_NAMES.contains(&w.lower.as_str())
                        && !THING_PRONOUNS.contains(&w.lower.as_str())
                })
                || v.any(
                    i - 1,
                    &[
                        "a", "an", "the", "another", "two", "several", "many", "our", "this",
                        "that", "these", "those", "in", "to", "of", "were", "are", "with",
                        "multiple", "numerous", "some", "their", "its", "further", "repeated",
                    ],
                ))
        {
            // "This missed opportunity", "resulted in missed opportunities", "there were
            // missed chances to intervene": the omission as an adjective, whoever missed it.
            // "This was a missed opportunity to catch the bug": the omission as an adjective.
            push(v, out, i, i + 1, "", Who::Nobody, "");
        } else if let Some(first) = omission::caused_to_miss(v, i) {
            // "the moving pieces that caused us to miss this": the miss, its cause named.
            push(v, out, first, i, "", Who::Person, "");
        } else if t.any(&["missed", "misses"]) {
            missed(v, i, out);
        } else if t.is("missing")
            && v.any(i + 1, &["the", "an", "a"])
            && v.any(i + 2, &["opportunity", "chance", "window", "signs", "sign"])
        {
            push(v, out, i, i + 2, "without", Who::Nobody, "");
        } else if t.any(&["avoidable", "preventable"]) {
            avoidable(v, i, out);
        } else if t.is("missing") {
            missing_after_clause(v, i, out);
        } else if t.is("without") {
            without_checking(v, i, out);
        } else if t.is("neglected")
            && v.any(
                i + 1,
                &["the", "a", "an", "his", "her", "their", "our", "my", "its"],
            )
            && matches!(subject(v.tokens(), i).0, Who::Person | Who::Name)
        {
            // "The deployer neglected the canary results": the omission with an object.
            push(v, out, i, i, "did not act on", Who::Nobody, "");
        // Chat spells "didn't" without its apostrophe or its "d": "didnt", "dint", "didint".
        } else if t.any(&[
            "didn't", "didnt", "dint", "didint", "never", "nobody", "noone", "neither",
        ])
            || (t.is("did") && v.is(i + 1, "not"))
            // The past perfect: "had not cross-checked" (the passive "had not been" below).
            || (t.is("hadn't") && !v.is(i + 1, "been"))
            || (t.is("had") && v.is(i + 1, "not") && !v.is(i + 2, "been"))
            // "… was not caught because we have not tested that path": the present perfect
            // given as the reason for a miss.
            || omission::reason_perfect(v, i)
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
        } else if t.is("if")
            || (t.is("had")
                && (starts_clause(v, i)
                    || after_a_verb(v, i)
                    // "… would have been shorter had they paged the DBA": "had" and a
                    // subject pronoun after it invert a condition after any word.
                    || i > 0 && v.any(i + 1, &["we", "they", "i", "you", "he", "she"])))
        {
            let before = out.len();
            conditional(v, i, out);
            conditional_found |= out.len() > before;
        } else if t.is("nor")
            && v.any(i + 1, &["had", "did", "has", "have"])
            && v.word(i + 2)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            && let Some(last) = (i + 3..(i + 6).min(n))
                .take_while(|k| {
                    v.word(*k).is_some_and(|w| {
                        w.any(omission::PERCEIVE)
                            || w.lower.len() > 5 && w.lower.ends_with("ly")
                            || w.any(&["even", "ever"])
                    })
                })
                .find(|k| v.any(*k, omission::PERCEIVE))
        {
            // "…, nor had they assessed the baby", "nor did anyone check the valve": the
            // negation carried to a check by "nor", the subject after the auxiliary.
            push(v, out, i, last, "", Who::Person, "");
        } else if let Some(last) = omission::inverted_not_caught(v, i) {
            // "Why did this not get caught?", "how did the regression not get picked up
            // on?": the passive of a check, asked in hindsight, the people left out.
            push(v, out, i, last, "", Who::Nobody, "");
        } else if let Some(last) = omission::not_checking(v, i) {
            // "a simple case of not reading the compatibility chart", "and not noticing that
            // the tag was damaged": a check left undone, told as a gerund.
            push(v, out, i, last, "", Who::Nobody, "");
        } else if t.is("not")
            && i >= 3
            && v.any(i - 1, &["but", "and"])
            && v.word(i + 1).is_some_and(|w| w.lower.ends_with("ed"))
            && (0..i - 1)
                .rev()
                .take_while(|k| !v.tokens()[*k].punct)
                .any(|k| v.any(k, &["was", "were"]))
        {
            // "The alert was acknowledged but not investigated": the passive's auxiliary
            // shared with the clause before.
            let before = out.len();
            not_perceived_passive(v, i - 1, out);
            if let Some(f) = out.get_mut(before..).and_then(|s| s.first_mut()) {
                f.first = i;
            }
        } else if t.is("did")
            && v.word(i + 1)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            && v.is(i + 2, "even")
            && v.any(i + 3, omission::PERCEIVE)
        {
            // "Did you even test this?": a check asked after, doubting it was done.
            push(v, out, i, i + 3, "", Who::Nobody, "");
        } else if let Some(last) = slow_to_notice(v, i) {
            // "we were slow to realise", "was too busy to notice": a perception that came late
            // or not at all, put down to the person.
            // "too busy", "too distracted" are people's states: any subject but a thing.
            let (who, _) = subject(v.tokens(), i);
            let people_state = v.is(i, "too") && who != Who::Thing;
            if matches!(who, Who::Person | Who::Name) || people_state {
                push(v, out, i, last, "", who, "");
            }
        } else if let Some(last) = noticed_late(v, i) {
            push(v, out, i, last, "", Who::Nobody, "");
        } else if let Some(last) = supposed_and_never_did(v, i) {
            let (who, _) = subject(v.tokens(), i);
            if matches!(who, Who::Person | Who::Name) {
                push(v, out, i, last, "", who, "");
            }
        } else if t.is("why")
            && v.any(
                i + 1,
                &["didn't", "wasn't", "weren't", "hadn't", "couldn't"],
            )
            && v.word(i + 2)
                .is_some_and(|w| super::clause::classify_word(w, false) == Who::Person)
            // "Why didn't I know about this sooner?": a state asked after, not an action
            // or a check not taken.
            && !v.any(
                i + 3,
                &["know", "have", "understand", "get", "receive", "hear", "need", "want"],
            )
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
            // "How could I have known?": the writer clearing themselves.
            && !(v.any(i + 2, &["i", "we"])
                && v.is(i + 3, "have")
                && v.any(
                    i + 4,
                    &["known", "predicted", "foreseen", "anticipated", "guessed"],
                ))
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
    // "Mr B complained that the practice failed to call an ambulance": the claim reported.
    if !out.is_empty()
        && let Some(c) = claim_starts(v)
    {
        out.retain(|f| f.first < c);
    }
    // "One lesson, O'Neill said, is that the update should have been staged": words
    // attributed to someone in a parenthesis or a tag, as in a quotation.
    if !out.is_empty() && attributed(v) {
        out.clear();
    }
    // "There was no evidence that the practice should have suspected …": the lapse denied.
    if !out.is_empty()
        && let Some(c) = (0..n).find(|k| {
            // "(b) the GP failed to refer her quickly enough (not upheld)": a claim rejected.
            v.phrase(*k, &["not", "upheld"])
                || v.phrase(*k, &["no", "evidence"])
                || v.phrase(*k, &["no", "indication"])
                || v.phrase(*k, &["nothing", "to", "suggest"])
                || v.phrase(*k, &["nothing", "to", "indicate"])
        })
    {
        let rejected = v.phrase(c, &["not", "upheld"]);
        out.retain(|f| f.first < c && !rejected);
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
        // Only the question when taking the words out would not leave a sentence ("we did not
        // catch" is already plain).
        suggestion: suggestion(&v.rewrite(first, last, with), &question(who, subject)),
    });
}
