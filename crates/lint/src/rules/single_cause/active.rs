//! The active "Y caused the outage": one thing named as what caused the incident as a whole
//! (RULES.md, single-cause, decided 2026-12-04).

use super::super::View;

/// The incident itself, named as what one thing caused (in the singular: "caused issues"
/// is a part).
const ACTIVE_WHOLE: &[&str] = &[
    "incident",
    "outage",
    "downtime",
    "issue",
    "problem",
    "crash",
    "glitch",
    "breach",
    "meltdown",
    "debacle",
    "fiasco",
    "disruption",
    "accident",
    "interruption",
    "disaster",
];

/// "This event caused the large downtime", "the version check, which caused this incident",
/// "Upgrading the ingress caused brief outage": the active "caused" (or "causing") with the
/// incident as a whole for its object, as "the outage was caused by" says it. Not "caused a
/// brief outage" (one of several, indefinite), "caused the problem of stale reads" (a part),
/// "could have caused the outage", "didn't cause", "to see if that caused the outage" (a
/// hypothesis or a question), nor "A and B caused the outage" (two causes).
pub(super) fn caused_the_incident(v: &View, at: usize) -> bool {
    let t = v.tokens();
    let mut k = at + 1;
    let determiner = v.any(k, &["the", "this", "that"]);
    if determiner {
        k += 1;
    }
    // One modifier at most: "the large downtime", "brief outage"; not "the semantic
    // versioning issue", a particular issue among others.
    let indefinite_whole = !determiner && a_whole_outage(v, k);
    if !indefinite_whole {
        if !v.any(k, ACTIVE_WHOLE) {
            if v.word(k).is_none_or(|w| w.any(&["a", "an", "of", "to"])) {
                return false;
            }
            k += 1;
        }
        // "It caused build failure", "caused total failure": the incident, with the
        // modifier that makes a failure the whole of it.
        let whole_failure = v.is(k, "failure") && k > at + 1 && v.any(k - 1, FAILURE_WHOLE);
        // "caused outage to the Data 8 hub": the place it hit, not "caused the issue to recur".
        let to_place = v.is(k + 1, "to")
            && v.word(k + 2)
                .is_some_and(|w| w.capital || w.any(&["the", "our", "all", "a", "an"]));
        if !(v.any(k, ACTIVE_WHOLE) || whole_failure)
            || v.any(k + 1, &["of", "to", "and", "for", "with"]) && !to_place
        {
            return false;
        }
    }
    let clause_first = (0..at)
        .rev()
        .find(|c| t[*c].punct || v.stop_after(*c))
        .map_or(0, |c| c + 1);
    // "… wasn't running and was causing the issue": the hedge of the conjunct before "and"
    // is not this one's.
    let conjunct_first = (clause_first..at)
        .rev()
        .find(|c| v.any(*c, &["and", "but"]))
        .map_or(clause_first, |c| c + 1);
    let hedged = (conjunct_first..at).any(|c| {
        v.word(c).is_some_and(|w| {
            w.any(&[
                "if", "whether", "what", "why", "how", "not", "never", "could", "would", "might",
                "may", "can", "will", "doubt", "unlikely",
            ]) || w.lower.ends_with("n't")
        })
    }) || v.text[v.sentence.range.clone()].trim_end().ends_with('?');
    // "We accidentally caused a brief outage": a person causing an outage is who did what
    // (or blame), not one cause framed as the story.
    let person = indefinite_whole
        && (clause_first..at).any(|c| {
            v.any(
                c,
                &["i", "we", "you", "he", "she", "they", "someone", "somebody"],
            )
        });
    if person {
        return false;
    }
    // "A and B caused the outage": two causes; not "the disk filled and caused the outage".
    // "… and was causing the issue", "and then caused": a second verb of one subject.
    let two = (clause_first..at.saturating_sub(1)).any(|c| {
        v.any(c, &["and", "or"])
            && !v.any(
                c + 1,
                &[
                    "was",
                    "is",
                    "were",
                    "has",
                    "had",
                    "have",
                    "then",
                    "eventually",
                    "finally",
                ],
            )
    });
    // "Several bugs caused the outage": a plural subject is several causes, right before or
    // as the head before a preposition ("unnoticed issues on other services caused …").
    const PLURAL: &[&str] = &[
        "these", "those", "they", "both", "changes", "issues", "bugs", "errors",
    ];
    let plural = at >= 1 && v.any(at - 1, PLURAL)
        || indefinite_whole
            && (clause_first..at)
                .take_while(|c| !v.any(*c, &["on", "in", "of", "to", "for", "with", "from"]))
                .any(|c| v.any(c, PLURAL));
    // "… resulted in a restart causing a brief downtime", "was deleted causing an outage":
    // a participle without its comma hangs on the nearest noun or clause, a step in a chain.
    if indefinite_whole && v.is(at, "causing") && !(at > 0 && t[at - 1].punct) {
        return false;
    }
    // "A bug caused the outage", "an error on my part caused the outage": an indefinite
    // subject, one of a kind, is left to the other categories' words.
    // "one of the modules … was causing the issue" is a partitive, one named thing.
    let indefinite = v.any(clause_first, &["a", "an", "one", "some"])
        && !(v.is(clause_first, "one") && v.is(clause_first + 1, "of"));
    // "…, causing the outage": the participle's subject is the clause before the comma.
    let participle = v.is(at, "causing") && at > 0 && t[at - 1].punct && t[at - 1].lower == ",";
    !hedged && !two && !plural && !indefinite && (at > clause_first || participle)
}

/// What makes "failure" the whole incident: "a cascading failure", "build failure".
const FAILURE_WHOLE: &[&str] = &["cascading", "complete", "total", "global", "build"];

/// "caused a global outage", "causing a partial outage lasting a day", "caused a cascading
/// failure": the incident as a whole with an indefinite article and a modifier or two that
/// size or spread it. Not "a more general outage", "another outage", "a second outage" (one
/// of several, or a later part), "40 minutes of outage" (a measure), "a failure" alone.
fn a_whole_outage(v: &View, from: usize) -> bool {
    if !v.any(from, &["a", "an"]) {
        return false;
    }
    let mut k = from + 1;
    let mut modifiers = 0;
    let mut failure_modifier = false;
    while modifiers < 2 && !v.any(k, &["outage", "downtime", "incident", "failure"]) {
        let Some(w) = v.word(k) else { return false };
        if w.any(&[
            "more",
            "less",
            "another",
            "second",
            "third",
            "further",
            "additional",
            "similar",
            "separate",
            "different",
            "other",
            "smaller",
            "larger",
            "bigger",
            "few",
            "number",
            "series",
            "lot",
            "couple",
            "of",
            "and",
            "or",
            "to",
            "in",
            "for",
            "with",
        ]) || w.lower.chars().any(|c| c.is_ascii_digit())
        {
            return false;
        }
        failure_modifier |= w.any(FAILURE_WHOLE);
        modifiers += 1;
        k += 1;
    }
    // "caused a failure" alone is a step; "a cascading failure", "a complete failure", "a
    // build failure" is the incident.
    if v.is(k, "failure") {
        return failure_modifier && !v.is(k + 1, "of");
    }
    v.any(k, &["outage", "downtime", "incident"]) && !v.any(k + 1, &["of", "and", "or"])
}
