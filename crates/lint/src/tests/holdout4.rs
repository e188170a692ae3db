//! Causes found in holdout4's mistakes (released for tuning on 2026-12-03), each fixed by its
//! grammatical cause and tested from both sides in other styles: chat, aviation reports,
//! status pages, formal post-mortems, the second person, questions. The sentences are written
//! for these tests, not taken from the evaluation sets.

use super::{flagged, none, none_of, one};
use crate::*;

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
    none_of(
        "It should have been obvious that the disk was full.",
        Category::Blame,
    );
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

#[test]
fn they_easy_to_do_is_still_a_task() {
    one(
        "But they were simpler to do. :-)",
        Category::Minimiser,
        "were simpler",
    );
}

#[test]
fn contracted_modal_perfects_keep_the_subject() {
    use Category::Counterfactual as C;
    one("I must've missed it in the backlog.", C, "missed");
    one("we might've missed the first page", C, "might've missed");
    none("The cron job must've missed its window.");
}

#[test]
fn a_state_or_slowness_kept_a_person_from_noticing() {
    use Category::Counterfactual as C;
    one(
        "we were slow to realise the replica had stopped",
        C,
        "slow to realise",
    );
    one(
        "The captain was too distracted to check the gear.",
        C,
        "too distracted to check",
    );
    one(
        "I was on call, and was too busy to notice.",
        C,
        "too busy to notice",
    );
    none("The API was slow to respond during the incident.");
    none("The server was too busy to respond.");
    none("The queue was slow to drain.");
}

#[test]
fn noticing_that_took_a_long_time() {
    use Category::Counterfactual as C;
    one(
        "It took almost an hour before we noticed the backlog.",
        C,
        "before we noticed",
    );
    one(
        "It took two days until anyone realised the certificate had expired.",
        C,
        "until anyone realised",
    );
    none("It took two hours before the queue drained.");
    none("We noticed the backlog before it took down the API.");
}

#[test]
fn an_obligation_stated_then_not_met() {
    use Category::Counterfactual as C;
    one(
        "Priya was supposed to renew the certificate and didn't.",
        C,
        "supposed to renew the certificate and didn't",
    );
    none("The job was supposed to run nightly and never did.");
    none("Bob was supposed to rotate the key on Friday.");
}

#[test]
fn thinking_to_act_is_a_persons_even_when_the_subject_reads_as_affected() {
    use Category::Counterfactual as C;
    one(
        "the user didn't think to scroll down",
        C,
        "didn't think to scroll",
    );
    one(
        "Customers never thought to retry.",
        C,
        "never thought to retry",
    );
}

#[test]
fn a_pronoun_object_after_a_persons_verb() {
    use Category::Counterfactual as C;
    one(
        "Whoever merged this didn't even run the test suite.",
        C,
        "didn't even run the test",
    );
    one(
        "Someone approved it without reading the diff.",
        C,
        "without reading",
    );
    none("Whoever merged this did it at 5pm.");
}

#[test]
fn went_unread_and_unacknowledged() {
    use Category::Counterfactual as C;
    one(
        "The failure emails went unread by the ops team for three weeks.",
        C,
        "went unread",
    );
    one(
        "The page went unacknowledged for 20 minutes.",
        C,
        "went unacknowledged",
    );
    none("Unread messages are shown in bold.");
}

#[test]
fn useful_in_hindsight_is_better_in_hindsight() {
    use Category::Counterfactual as C;
    one(
        "It would have been useful to ask the DBA before restarting.",
        C,
        "would have been useful",
    );
    none("A heap dump would have been useful.");
    none("It will be useful to capture a heap dump next time.");
}

#[test]
fn inverted_conditionals_with_irregular_participles() {
    use Category::Counterfactual as C;
    one(
        "Had the pilot flown the published pattern, the airplane could have reached the runway.",
        C,
        "Had the pilot flown",
    );
    one(
        "Had we known about the limit, we would have split the batch.",
        C,
        "Had we known",
    );
    none("Had the monitor fired, the page would have gone out.");
}

#[test]
fn access_granted_to_a_person_is_someones_decision() {
    use Category::Counterfactual as C;
    one(
        "The intern should never have been given production credentials.",
        C,
        "should never have been given",
    );
    none("We should have been paged at 02:00.");
    none("Customers would have been given a refund.");
}

#[test]
fn failures_foreseen_promises_and_what_never_shows_are_not_lapses() {
    none("Most builds would fail to complete without the mirror.");
    none("The upload may fail to start on slow links.");
    none("thanks, i will not forgot you");
    none("I won't forget to renew it next time.");
    none("When we watch the logs we never see the pod start.");
    one(
        "We never noticed the pod restarting.",
        Category::Counterfactual,
        "never noticed",
    );
}

#[test]
fn a_quote_opened_after_a_verb_of_saying_runs_to_the_end_of_the_paragraph() {
    none("The captain wrote, 'Distracted by the radio, I failed to check the gear.");
    none("She said: 'we should have paged the DBA. Nobody did.");
    one(
        "The captain failed to check the gear.",
        Category::Counterfactual,
        "failed to check",
    );
}

#[test]
fn errors_of_kind_and_wrong_beliefs_made_by_a_person() {
    use Category::Blame as B;
    one(
        "I made a few decision errors on that approach.",
        B,
        "made a few decision errors",
    );
    one(
        "We made several judgment errors.",
        B,
        "made several judgment errors",
    );
    one(
        "I made an incorrect assumption about the hash.",
        B,
        "made an incorrect assumption",
    );
    none("The service made several retry attempts.");
    none("The deploy made a bad assumption about DNS.");
}

#[test]
fn judgement_set_against_the_act() {
    use Category::Blame as B;
    one(
        "Landing there was against better judgment.",
        B,
        "against better judgment",
    );
    one(
        "I continued against my better judgement.",
        B,
        "against my better judgement",
    );
    none("The vote went against the proposal.");
}

#[test]
fn a_persons_activity_called_a_mistake() {
    use Category::Blame as B;
    one(
        "This was a mistake in setting up the node pool.",
        B,
        "mistake in setting",
    );
    one(
        "There was a mistake when configuring the DNS records.",
        B,
        "mistake when configuring",
    );
    none("There was an error in processing the batch.");
    none("The mistake in the manifest was fixed.");
}

#[test]
fn mis_gerunds_and_slips_of_a_person() {
    use Category::Blame as B;
    one(
        "He later reported miscalculating the fuel on board.",
        B,
        "miscalculating",
    );
    one("I fat-fingered the timeout value.", B, "fat-fingered");
    none("The miscalculation of the quota by the scheduler starved the pods.");
}

#[test]
fn a_persons_error_adverb_inside_a_gerund_clause() {
    use Category::Blame as B;
    one(
        "The outage was the result of an operator mistakenly deleting the volume.",
        B,
        "mistakenly",
    );
    none("The outage was the result of a script mistakenly deleting the volume.");
}

#[test]
fn work_not_careful_enough() {
    use Category::Blame as B;
    one("Testing in staging not thorough enough", B, "not thorough");
    one("Our review was not careful enough.", B, "not careful");
    none("The sampling was not thorough enough to catch the spike.");
}

#[test]
fn the_outcome_put_on_a_team() {
    use Category::Blame as B;
    one(
        "This outage is on the platform team.",
        B,
        "on the platform team",
    );
    none("The rota is on the platform team's wiki.");
    none("The incident is on the platform team's board.");
}

#[test]
fn just_in_a_task_infinitive_after_a_copula() {
    use Category::Minimiser as M;
    one("I guess one option is to just keep the box?", M, "just");
    one("The fix was to just restart the pod.", M, "just");
    none("The service is about to just restart.");
}

#[test]
fn an_omission_made_small() {
    use Category::{Counterfactual as C, Minimiser as M};
    assert_eq!(
        flagged("The vendor simply never tested the failover."),
        [(M, "simply".to_owned()), (C, "never tested".to_owned())]
    );
    none("The job simply never started.");
}

#[test]
fn the_easiest_way_is_a_choice_made_small() {
    use Category::Minimiser as M;
    one(
        "Wiping the disk was the easiest way to get capacity back.",
        M,
        "easiest",
    );
    one("Restarting was the simplest option.", M, "simplest");
    none("The easiest part of the week was Monday.");
}

#[test]
fn a_simple_look_as_what_would_have_sufficed() {
    use Category::{Counterfactual as C, Minimiser as M};
    assert_eq!(
        flagged("A simple check of the disk graph would have shown the volume filling up."),
        [(M, "simple".to_owned()), (C, "would have shown".to_owned())]
    );
    one(
        "A quick look at the dashboard would have shown it.",
        C,
        "would have shown",
    );
    none("The health check would have caught it.");
    none("A simple check of the disk graph shows the volume filling up.");
}

#[test]
fn a_persons_activity_as_the_antecedent_of_which() {
    use Category::Counterfactual as C;
    assert!(
        flagged("The cause was the crew's planning, which failed to provide a fuel reserve.")
            .contains(&(C, "failed to provide".to_owned()))
    );
    none("The plan relied on the cache, which failed to provide fresh data.");
}

#[test]
fn guesses_about_what_one_said_and_blame_supposed() {
    none("Might've asked this before, but is there a way to warn on drop?");
    none("I may have mentioned it in standup.");
    none("if it crashes, we're blaming you");
    one(
        "We blamed the operator for the outage.",
        Category::Blame,
        "blamed",
    );
}

#[test]
fn easily_at_the_end_rates_the_persons_task() {
    use Category::Minimiser as M;
    one("You can do that easily.", M, "easily");
    one(
        "you could give the macro a list, and have it expand them pretty easily",
        M,
        "easily",
    );
    none("The cluster can absorb that easily.");
    none("It scales easily.");
}

#[test]
fn a_gerund_subject_before_a_verb_of_seeming() {
    use Category::Minimiser as M;
    one(
        "avl: just making it clone looks like an anti-pattern",
        M,
        "just",
    );
    none("I'm just making sure.");
}

#[test]
fn clearly_on_a_persons_omission() {
    use Category::{Counterfactual as C, Minimiser as M};
    assert_eq!(
        flagged("He clearly didn't read the runbook."),
        [(M, "clearly".to_owned()), (C, "didn't read".to_owned())]
    );
    assert!(flagged("The team clearly missed the warning.").contains(&(M, "clearly".to_owned())));
    none("We clearly explained the risk to the customer.");
    none("The graph clearly didn't match the logs.");
}
