//! Causes found in holdout7's mistakes (released for tuning after its blind figures were
//! recorded), each fixed by its grammatical class and tested from both sides in other
//! wordings: formal post-mortems, chat, aviation reports, commit-message fragments. The
//! sentences are written for these tests, not taken from the evaluation sets.

use super::{has, none, none_of, one};
use crate::*;

#[test]
fn an_error_is_pinned_on_its_maker_named_after_it() {
    use Category::Blame as B;
    one(
        "The typo we made in the manifest took the site down.",
        B,
        "typo we made",
    );
    has(
        "Looking back, the errors they had made were all in step two.",
        B,
        "errors they had made",
    );
    one(
        "The outage started with a mistake committed by the release manager.",
        B,
        "mistake committed by the release manager",
    );
    one(
        "We keep repeating the blunders of our predecessors.",
        B,
        "blunders of our predecessors",
    );
    one(
        "That was an error of judgement on a busy night.",
        B,
        "error of judgement",
    );
    // A thing's error, made or owned, stays unflagged.
    none("The error the parser made was a null dereference.");
    none("The errors of our API were logged.");
    none("The mistake in the manifest dropped the sidecar.");
}

#[test]
fn a_person_noun_before_the_error_noun_makes_it_theirs() {
    use Category::Blame as B;
    one(
        "The report lists several engineer mistakes during the migration.",
        B,
        "engineer mistakes",
    );
    one(
        "Most delays came from operator data-entry errors.",
        B,
        "operator data-entry errors",
    );
    none("The error rates the team made public were high.");
    none("Support errors went up after the release.");
}

#[test]
fn an_act_called_a_mistake_outright_is_blame() {
    use Category::Blame as B;
    one(
        "Pushing straight to main was a big mistake.",
        B,
        "was a big mistake",
    );
    has(
        "honestly that was a huge, huge misstep",
        B,
        "was a huge, huge misstep",
    );
    // Asked, denied, or an error that is as often a system's: unflagged.
    none("Was this a mistake?");
    none("This was not a mistake: the rollback was the right call.");
    none("It was an error in the parser.");
}

#[test]
fn doubt_before_an_owned_error_does_not_deny_it() {
    use Category::Blame as B;
    one(
        "Nobody can tell whether our error caused the alert storm.",
        B,
        "our error",
    );
    none("It was not our error: the vendor pushed the change.");
}

#[test]
fn peoples_ways_of_working_called_bad_are_blame() {
    use Category::Blame as B;
    one(
        "The team had gotten used to sloppy deployment habits.",
        B,
        "sloppy deployment habits",
    );
    one(
        "Lax security practices at the vendor exposed the keys.",
        B,
        "Lax security practices",
    );
    one(
        "The board cited the inadequate safety culture of the operator.",
        B,
        "inadequate safety culture",
    );
    has(
        "Poor inspections let the crack through.",
        B,
        "Poor inspections",
    );
    // A poor check found, with no outcome put on it, is a finding.
    none_of("Inadequate supervision of the apprentices was noted.", B);
    // Advice against bad ways, or their absence, judges nobody.
    none("We wrote the guide to avoid bad practices.");
    none("The checklist has no bad habits baked in.");
}

#[test]
fn a_failing_owned_past_a_compound_adjective_is_still_owned() {
    use Category::Blame as B;
    one(
        "The review named the trainee's skill-related deficiencies.",
        B,
        "trainee's skill-related deficiencies",
    );
    none("The system's deficiencies were known.");
}

#[test]
fn care_wanted_in_the_passive_is_the_be_more_careful_fix() {
    use Category::Blame as B;
    one(
        "Greater vigilance is required on night shifts.",
        B,
        "Greater vigilance is required",
    );
    one(
        "More care should be taken when editing the zone file.",
        B,
        "More care should be taken",
    );
    one(
        "Extra scrutiny was warranted before the merge.",
        B,
        "Extra scrutiny was warranted",
    );
    // A thing's need of attention, or attention it draws: unflagged.
    none("The queue needs more attention from the autoscaler.");
    none("More attention from users came after the launch.");
}

#[test]
fn you_can_never_be_careful_enough_prescribes_care() {
    use Category::Blame as B;
    one(
        "You can never be too careful with production credentials.",
        B,
        "be too careful",
    );
    one(
        "One can never be vigilant enough on approach.",
        B,
        "be vigilant",
    );
    none("The job can never be too slow for the batch window.");
}

#[test]
fn an_adverb_between_subject_and_omission_keeps_the_subject() {
    use Category::Counterfactual as C;
    one(
        "They had initially overlooked the second alert.",
        C,
        "overlooked",
    );
    one(
        "The on-call had previously missed the same page twice.",
        C,
        "missed",
    );
    none("The cron job had previously missed its window twice.");
}

#[test]
fn an_inverted_condition_after_any_word_is_a_condition() {
    use Category::Counterfactual as C;
    one(
        "The outage would have been shorter had they paged the DBA.",
        C,
        "had they paged",
    );
    has(
        "The page would never have fired had we been more careful with the threshold.",
        C,
        "had we been more",
    );
    // A thing's condition, a past perfect after a link, possession: unflagged.
    none("The job would have finished had it been given more memory.");
    none("A [commit](https://example.com/c/1) had just been pushed, breaking the build.");
    none("What they had was a stale runbook.");
}

#[test]
fn if_after_a_verb_of_asking_opens_a_question_not_a_condition() {
    none("She asked us whether we had tested the restore path.");
    none("I wondered if they had read the runbook.");
    one(
        "If we had tested the restore path, we would have found the bug.",
        Category::Counterfactual,
        "If we had tested",
    );
}

#[test]
fn a_thing_imagined_in_place_makes_the_passive_the_things() {
    none("If they'd had better dashboards, the spike could have been spotted earlier.");
    none("Had we had a canary, the bad config could have been caught.");
    one(
        "The spike should have been spotted by whoever was on call.",
        Category::Counterfactual,
        "should have been spotted",
    );
}

#[test]
fn a_failure_at_peoples_work_needs_no_owner() {
    use Category::Counterfactual as C;
    one(
        "Failure to brief the relief crew on the open item.",
        C,
        "Failure",
    );
    one(
        "the failure of the FO to cross-check the fuel figures",
        C,
        "failure",
    );
    one(
        "The report describes the risk of failing to inspect the hinge.",
        C,
        "failing to inspect",
    );
    // A failure at a system's work: unflagged.
    none("Failure to connect to the database after the upgrade.");
    none("the failures of Jenkins to start the agents");
    none("The sync kept failing to connect.");
}

#[test]
fn forgetting_guarded_against_is_not_a_lapse() {
    use Category::Counterfactual as C;
    none("Write it in the ticket so it does not get forgotten.");
    none("Items getting forgotten is why we keep a checklist.");
    one("The ticket got forgotten over the holiday.", C, "forgotten");
}

#[test]
fn the_causative_have_hides_the_person_like_a_passive() {
    use Category::Counterfactual as C;
    one(
        "The form should have had the reviewer's name entered.",
        C,
        "should have had the reviewer's name entered",
    );
    one(
        "The change should have had a second approver assigned.",
        C,
        "should have had a second approver assigned",
    );
    none("The dashboard should have had its panels updated by the exporter that refreshes them.");
}

#[test]
fn a_quoted_task_after_a_fix_is_called_all_it_took() {
    use Category::Minimiser as M;
    one(
        "The workaround was just `kubectl delete pod` and it came back.",
        M,
        "just",
    );
    none("The output was just \"OK\".");
}

#[test]
fn other_words_for_easy_and_obvious() {
    use Category::Minimiser as M;
    one(
        "I thought the fix was straight-forward.",
        M,
        "was straight-forward",
    );
    one(
        "For the on-call, the workaround was painless.",
        M,
        "was painless",
    );
    one(
        "Once we opened the graph the mistake was obvious.",
        M,
        "was obvious",
    );
    one(
        "The culprit is obvious from the first line of the log.",
        M,
        "is obvious",
    );
    none("The cause was not obvious at all.");
    none("The result was obvious: a full disk.");
}

#[test]
fn easily_able_is_an_ability_called_easy() {
    use Category::Minimiser as M;
    one("They were easily able to restore the backup.", M, "easily");
    one(
        "You'll be easily able to finish it in an hour.",
        M,
        "easily",
    );
    none("The disk was easily able to hold the logs.");
}

#[test]
fn all_it_takes_makes_the_act_the_one_step() {
    use Category::Minimiser as M;
    has(
        "All it took was one engineer running the wrong script.",
        M,
        "All it took was",
    );
    one(
        "All it takes is a single missed renewal.",
        M,
        "All it takes is",
    );
    none("That is not all it takes to run a cluster.");
}

#[test]
fn just_and_simply_before_a_failing_intensify_it() {
    none_of(
        "we just failed to follow up on the ticket",
        Category::Minimiser,
    );
    none_of("he simply neglected the warning", Category::Minimiser);
    one(
        "you simply restart the agent",
        Category::Minimiser,
        "simply",
    );
}

#[test]
fn just_inside_a_condition_or_before_what_is_required_means_only() {
    none("If you just want to test it, use staging.");
    none("The migration just required a config change.");
    one(
        "You just need to restart the agent.",
        Category::Minimiser,
        "just",
    );
}
