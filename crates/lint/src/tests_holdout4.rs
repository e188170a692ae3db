//! Causes found in holdout4's mistakes (released for tuning on 2026-12-03), each fixed by its
//! grammatical cause and tested from both sides in other styles: chat, aviation reports,
//! status pages, formal post-mortems, the second person, questions. The sentences are written
//! for these tests, not taken from the evaluation sets.

use super::*;

fn flagged(text: &str) -> Vec<(Category, String)> {
    lint(text)
        .unwrap()
        .into_iter()
        .map(|f| (f.category, f.span))
        .collect()
}

fn one(text: &str, category: Category, span: &str) {
    assert_eq!(flagged(text), [(category, span.to_owned())], "{text}");
}

fn none(text: &str) {
    assert_eq!(flagged(text), [], "{text}");
}

fn none_of(text: &str, category: Category) {
    assert!(
        !flagged(text).iter().any(|(c, _)| *c == category),
        "{text}: {:?}",
        flagged(text)
    );
}

#[test]
fn just_before_a_noun_phrase_is_only() {
    use Category::Minimiser as M;
    none("We just need the logs from Tuesday.");
    none("You need more than just a reboot to fix this.");
    none("There is nothing more than just noise in that channel.");
    none("These were warnings, just noise from the old nodes.");
    none("The alert was a false alarm, just a probe timing out.");
    // Not when "just" stands before what someone does.
    one("You just need to restart the pod.", M, "just");
    one("Rather than just reverting, we debugged it.", M, "just");
    one("Don't fix it forward, just roll it back.", M, "just");
}

#[test]
fn just_in_a_question_about_what_happened_is_recently() {
    use Category::Minimiser as M;
    none("did you just restart it?");
    none("Have they just rebooted the router?");
    none("did we just lose the primary?");
    // A negated question suggests the easy way.
    one("Why not just restart it?", M, "just");
}

#[test]
fn chat_negations_without_an_apostrophe_are_not_made_small() {
    none("the job just doesnt run anymore");
    none("X just wont start after the upgrade");
    none("my laptop just cant find the wifi");
}

#[test]
fn just_before_remembering_or_understanding_is_a_state_of_mind() {
    none("Oh, I just rememberd the password.");
    none("I just recalled that we had a runbook for this.");
    none("We just learned that the quota was per project.");
    none("she just understood what the error meant");
}

#[test]
fn evidence_adjectives_judge_a_perception_only_under_a_modal_or_for_anyone() {
    use Category::Minimiser as M;
    none("ok, that's clear now, thanks!");
    none("By 14:10 it is clear that the cache is serving stale pages.");
    none("It was clear to me that the controller wanted us off the runway quickly.");
    none("It is apparent that the checks were skipped on both days.");
    none("It became evident that the replica was lagging.");
    one(
        "It was clear to everyone that the disk was full.",
        M,
        "was clear",
    );
    none_of("It should have been obvious that the disk was full.", Category::Blame);
    assert!(
        flagged("It should have been clear to the reviewer that the change touched every region.")
            .contains(&(M, "been clear".to_owned()))
    );
    assert!(
        flagged("It must have been apparent to the crew that the fuel was low.")
            .contains(&(M, "been apparent".to_owned()))
    );
    one("It was obvious the disk was full.", M, "was obvious");
}

#[test]
fn easy_to_with_a_person_as_subject_is_their_quality() {
    use Category::Minimiser as M;
    none("he was very easy to work with");
    none("The on-call engineers were easy to reach that night.");
    none("She is easy to talk to about outages.");
    // A task, or a thing's name, as the subject: the task called easy.
    one("That should be easy to do.", M, "be easy");
    one("The fix was easy to apply.", M, "was easy");
    one("It was easy to roll back.", M, "was easy");
    one(
        "FLAC should be easy enough to write a dumb encoder for",
        M,
        "be easy",
    );
}
