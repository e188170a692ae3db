//! Phrasings the rules had no pattern for on unseen text (holdout3, released for tuning on
//! 2026-12-03), each fixed by its grammatical cause and tested from both sides in other
//! styles: chat, aviation and maintenance reports, status pages, formal post-mortems, the
//! second person, the passive. The sentences are written for these tests, not taken from the
//! evaluation sets.

use super::{has, none, one};
use crate::*;

#[test]
fn chat_drops_the_subject_of_missed() {
    use Category::Counterfactual as C;
    one("Sorry - totally missed it.", C, "missed");
    one("Oops, missed that one.", C, "missed");
    one("argh: completely missed the ping", C, "missed");
    // A comma that ends a relative clause does not start an utterance.
    none("The job, which ran late, missed the window.");
    none("Missed alerts are the main risk.");
    // A spaced hyphen is a dash, not part of a word.
    one(
        "The deploy went out - nobody noticed the error rate.",
        C,
        "nobody noticed",
    );
}

#[test]
fn checks_by_looking_and_manner_adverbs() {
    use Category::Counterfactual as C;
    one(
        "The mechanic did not inspect the hinge.",
        C,
        "did not inspect",
    );
    one(
        "The pilot did not confirm the fuel level before departure.",
        C,
        "did not confirm",
    );
    one(
        "She did not visually verify the selector position.",
        C,
        "did not visually verify",
    );
    one(
        "You never independently checked the backup?",
        C,
        "never independently checked",
    );
    none("The health check did not confirm the replica was up.");
    none("The scanner did not independently verify the signature.");
    // -ly verbs are not adverbs.
    none("We did not apply the patch to the staging cluster.");
}

#[test]
fn a_negation_reaches_a_check_joined_by_or() {
    use Category::Counterfactual as C;
    one(
        "He did not refuel, or look in the tanks.",
        C,
        "did not refuel, or look",
    );
    one(
        "The on-call didn't restart the worker or check its logs.",
        C,
        "didn't restart the worker or check",
    );
    none("The job did not retry, or check the lock.");
    none("We did not refuel or restart.");
    none("We did not restart the worker, and the queue drained by itself.");
}

#[test]
fn an_infinitive_after_a_copula_is_an_action() {
    use Category::Counterfactual as C;
    one(
        "The first mistake was to fail to set the altimeter.",
        C,
        "fail to set",
    );
    none("The test is designed to fail to compile.");
    none("The plan was to fail over to the replica.");
}

#[test]
fn a_participle_clause_shares_the_subject_before_the_comma() {
    use Category::Counterfactual as C;
    // "at the wrong spot" is also blame (train_blame.rs): the counterfactual is still one.
    has(
        "I resumed at the wrong spot, missing the flaps.",
        C,
        "missing",
    );
    one(
        "When I picked up the checklist I resumed where I stopped, missing 'flaps'.",
        C,
        "missing",
    );
    none("The scraper restarted, missing the samples.");
    one(
        "The captain skimmed the checklist, missing the fuel pump step.",
        Category::Counterfactual,
        "missing",
    );
    none("We restarted the node, missing a heartbeat.");
    none("The alert fired at 03:00, missing the on-call's phone.");
}

#[test]
fn the_head_of_nobody_on_the_team_is_the_team() {
    use Category::Counterfactual as C;
    one(
        "Nobody on the release team had read the notice.",
        C,
        "Nobody on the release team had read",
    );
    none("None of the release checks had read access.");
}

#[test]
fn a_providers_we_doing_a_services_work_is_the_service() {
    use Category::Counterfactual as C;
    none("During this period, we failed to process approximately 40,000 webhooks.");
    none("Between 14:02 and 14:40 UTC we failed to deliver some notifications.");
    one("We failed to check the queue depth.", C, "failed to check");
    // A person named is still a person; "neglected" is a person's word whoever it is.
    one(
        "The operator failed to process the change request.",
        C,
        "failed to process",
    );
    one(
        "We neglected to deliver the notice to customers.",
        C,
        "neglected to deliver",
    );
}

#[test]
fn would_have_with_an_activity_needs_an_action_or_a_finding() {
    use Category::Counterfactual as C;
    // What an action would have achieved is an outcome, not the action.
    none("Rerunning the migration would have fixed it.");
    none("Monitoring each network path would have allowed us to mitigate earlier.");
    none("Alerting on the error rate would have paged us sooner.");
    // A check people would have made still judges what they did not check.
    one(
        "Checking the logs would have shown the errors.",
        C,
        "would have shown",
    );
    one(
        "Appointing an incident manager would have helped.",
        C,
        "would have helped",
    );
}

#[test]
fn nothing_there_to_see_and_testimony_are_not_lapses() {
    use Category::Counterfactual as C;
    none("We didn't see further errors after the restart.");
    none("After 18:52 we did not see additional instances of rate limiting.");
    none("The witness said he did not see the aircraft's lights.");
    none("He did not see or hear the engine.");
    one("We didn't see the errors in the log.", C, "didn't see");
    one("The pilot did not see the traffic.", C, "did not see");
}

#[test]
fn better_to_and_needed_to_have_are_modal_perfects() {
    use Category::Counterfactual as C;
    one(
        "It would have been better to wait for the canary.",
        C,
        "would have been better",
    );
    one(
        "it would've been smarter to roll back first",
        C,
        "would've been smarter",
    );
    none("It would have been better to have more replicas.");
    none("It would have been worse without the canary.");
    none("It will be better to wait for the canary next time.");
    one(
        "We needed to have checked the lag.",
        C,
        "needed to have checked",
    );
    none("We needed to restart the pod.");
    none("The replica needed to have caught up.");
}

#[test]
fn care_or_quality_wanting_in_the_subject_makes_it_peoples_work() {
    use Category::Counterfactual as C;
    one(
        "In hindsight, a closer inspection of the graphs could have caught the leak.",
        C,
        "could have caught",
    );
    one(
        "A more accurate use of the performance charts could have prevented the accident.",
        C,
        "could have prevented",
    );
    none("A more thorough health check could have caught it.");
    none("A better configuration could have prevented it.");
    none("A more accurate clock could have prevented the drift.");
}

#[test]
fn the_past_perfect_and_inverted_questions_negate_a_check() {
    use Category::Counterfactual as C;
    one(
        "The first officer had not cross-checked the altimeter setting.",
        C,
        "had not cross-checked",
    );
    one(
        "We hadn't verified the backups in months.",
        C,
        "hadn't verified",
    );
    one(
        "Didn't anyone check the certificate?",
        C,
        "Didn't anyone check",
    );
    // An investigation going on, a timeline, a passive without a check verb.
    none("We had not yet identified the cause at 14:00.");
    none("The responders had not seen the alert until the customer called.");
    none("The change had not been merged.");
    none("The health check hadn't verified the replica.");
}

#[test]
fn a_check_carried_by_a_light_verb() {
    use Category::Counterfactual as C;
    one(
        "The maintenance personnel did not perform the required inspection.",
        C,
        "did not perform the required inspection",
    );
    one(
        "We didn't run the smoke tests.",
        C,
        "didn't run the smoke tests",
    );
    none("The pipeline did not run the smoke tests.");
    none("We did not perform the migration until Monday.");
}

#[test]
fn modal_perfects_with_never_for_and_there_was() {
    use Category::Counterfactual as C;
    one(
        "The migration should never have been approved.",
        C,
        "should never have been approved",
    );
    none("The lock should never have been held this long.");
    one(
        "It would have been wiser for the on-call to wait.",
        C,
        "would have been wiser",
    );
    one(
        "There should have been a second reviewer on the change.",
        C,
        "should have been a",
    );
    none("There should have been a second replica in the zone.");
    one(
        "The team was supposed to have reviewed the change.",
        C,
        "supposed to have reviewed",
    );
    none("The cache was supposed to expire after five minutes.");
    one(
        "Management should have staffed the rotation properly.",
        C,
        "should have staffed",
    );
    one("The deployer neglected the canary results.", C, "neglected");
    none("The neglected canary results were in a dashboard nobody owned.");
}

#[test]
fn chat_subjects_and_a_demonstrative_object() {
    use Category::Counterfactual as C;
    one(
        "whoever pushed that should have run the tests first",
        C,
        "should have run",
    );
    one(
        "u should have checked the logs man",
        C,
        "should have checked",
    );
    none("That should have expired by now, the TTL is five minutes.");
    // "have to" is an obligation, not a perfect.
    none("They shouldn't have to wait for approvals.");
    one(
        "They shouldn't have skipped the review.",
        C,
        "shouldn't have skipped",
    );
}

#[test]
fn no_one_on_the_team_and_none_of_the_probes() {
    use Category::Counterfactual as C;
    one(
        "No one on the team realised the certificate had expired.",
        C,
        "No one on the team realised",
    );
    one("None of us checked the DNS TTL.", C, "None of us checked");
    none("None of the probes checked the DNS TTL.");
    none("Neither of the canaries noticed the drift.");
}

#[test]
fn status_page_and_exonerating_shapes() {
    use Category::Counterfactual as C;
    none("Users who missed the notification can find it on the status page.");
    none("We missed our SLO for the month.");
    none("The release missed the Friday cutoff.");
    none("Nobody could have predicted the fiber cut.");
    none("No one could have caught this in review.");
    one(
        "Nobody should have deployed on a Friday.",
        C,
        "should have deployed",
    );
    one(
        "The engineers who missed the page were asleep.",
        C,
        "missed",
    );
    none("We failed to serve requests for 12 minutes in us-east-1.");
    none("We have not yet identified the root cause.");
    none("If you missed the maintenance window, reschedule it in the console.");
}

#[test]
fn single_quotes_after_a_verb_of_saying_are_someones_words() {
    use Category::Counterfactual as C;
    none("Tom wrote: 'we should have caught that in review'.");
    none("The on-call said, ‘we should've paged the DBA’, and went back to the logs.");
    // Not after a verb of saying: a quoted item, and the apostrophe of "didn't".
    one("I resumed where I stopped, missing 'flaps'.", C, "missing");
    one(
        "She said, 'I didn't check the logs', and we should have checked too.",
        C,
        "should have checked",
    );
}

#[test]
fn a_check_left_out_with_without() {
    use Category::Counterfactual as C;
    one(
        "The reviewer approved the PR without reading it.",
        C,
        "without reading",
    );
    one(
        "The change was merged without anyone reviewing it.",
        C,
        "without anyone reviewing",
    );
    none("The job ran without checking the lock.");
    none("We will never deploy without testing again.");
    none("If you deploy without testing, you will break things.");
    none("We rolled back without waiting for approval.");
    none("Without checking the logs, there is no way to know.");
}

#[test]
fn the_better_course_and_consequences_of_a_systems_counterfactual() {
    use Category::Counterfactual as C;
    one(
        "A better approach would have been to roll back immediately.",
        C,
        "would have been to",
    );
    one(
        "The right call would have been to page the DBA.",
        C,
        "would have been to",
    );
    none("A better approach would have been a blue-green deployment.");
    none("Rolling back would have taken 20 minutes.");
    none("Had the monitor fired, we would have known sooner.");
    none("If the failover had worked, we would have noticed nothing.");
    one(
        "Had the operator checked, we would have caught it.",
        C,
        "Had the operator checked",
    );
}

#[test]
fn status_page_systems_and_guesses_are_not_people() {
    use Category::Counterfactual as C;
    none("Customers may see failing searches and searching by topic may fail to load.");
    none("A code change modified the response, causing a dropdown to fail to render.");
    none("The service was degraded, causing new sessions to be delayed or fail to start.");
    none("Copilot Code Review also failed to start for approximately 30 minutes.");
    none("They also might have received an email warning about the suspension.");
    none("if it was such a big problem people would have reported it much earlier");
    none("i still fail to see the reason to not do it");
    none("We are continuing to monitor Codespace's error rates.");
    none("Just sayin'.");
    // People still are.
    one("Equifax failed to patch the server.", C, "failed to patch");
    one(
        "In hindsight, checking the logs would have shown the errors.",
        C,
        "would have shown",
    );
    one(
        "The on-call might have rolled back sooner.",
        C,
        "might have rolled",
    );
}

#[test]
fn avoidable_and_read_by_people() {
    use Category::Counterfactual as C;
    one("This was avoidable.", C, "was avoidable");
    one(
        "The outage was entirely preventable.",
        C,
        "was entirely preventable",
    );
    none("The outage was not preventable with the tooling we had.");
    none("Was it avoidable?");
    none("This was unavoidable given the vendor bug.");
    one(
        "The handover notes were never read by the incoming shift.",
        C,
        "were never read",
    );
    none("The handover notes were read by the incoming shift at 07:00.");
    none("The config was never read by the service after the reload.");
}

#[test]
fn decisions_generalities_and_nothing_to_confirm() {
    none("We did not confirm any data loss.");
    none("Engineers did not inspect production traffic as part of this work, by design.");
    none("If nobody checks the logs, errors go unnoticed.");
    none("The outage was preventable only in hindsight.");
    one(
        "The error went unnoticed for six hours.",
        Category::Counterfactual,
        "went unnoticed",
    );
}

#[test]
fn ensuring_and_briefings_are_checks() {
    use Category::Counterfactual as C;
    one(
        "The pilot did not ensure that the fuel caps were secured.",
        C,
        "did not ensure",
    );
    one("We didn't make sure the job ran.", C, "didn't make sure");
    one(
        "The pilot did not obtain a weather briefing before the flight.",
        C,
        "did not obtain a weather briefing",
    );
    none("The script did not ensure the lock was released.");
    none("The wreckage was not examined.");
    one(
        "The wing was not inspected before the flight.",
        C,
        "was not inspected",
    );
}
