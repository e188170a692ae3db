//! Counterfactual classes found in the training sets' mistakes (train1-4: write-ups, GitHub
//! threads, forums, ombudsman and accident reports), each fixed for its construction and
//! tested from both sides in other wordings. The sentences are written for these tests, not
//! taken from the evaluation sets.

use super::{has, none_of};
use crate::*;

use Category::Counterfactual as C;

#[test]
fn an_organisation_acting_is_people() {
    has(
        "We found that the trust failed to arrange a follow-up scan.",
        C,
        "failed to arrange",
    );
    has(
        "The county council should have reviewed the placement sooner.",
        C,
        "should have reviewed",
    );
    has(
        "The GP practice did not reassess the child after the second visit.",
        C,
        "did not reassess",
    );
    has(
        "In our view the airline should have grounded the aircraft.",
        C,
        "should have grounded",
    );
    // Not a circuit board, a best practice, or a body's outcome.
    none_of("The board should have booted after the firmware update.", C);
    none_of("Best practice should have a section on rollbacks.", C);
    none_of(
        "Nothing was reported to the clinic that should have resulted in a referral.",
        C,
    );
}

#[test]
fn a_claim_reported_is_the_claimants() {
    none_of(
        "Mr K complained that the surgery failed to refer him to a specialist.",
        C,
    );
    none_of(
        "It was alleged that the carer had failed to check the resident overnight.",
        C,
    );
    none_of(
        "The family complained the hospital did not monitor their father closely.",
        C,
    );
    none_of(
        "Her complaint that the ward did not recognise the infection was not upheld.",
        C,
    );
    // The writer's own finding, or a complaint the writer upheld, is judged.
    has(
        "We upheld the complaint that the surgery failed to refer him to a specialist.",
        C,
        "failed to refer",
    );
    has(
        "We complained that the vendor's engineers never tested the failover.",
        C,
        "never tested",
    );
    has(
        "In terms of complaint handling, the board did not identify its own errors.",
        C,
        "did not identify",
    );
}

#[test]
fn a_lapse_denied_by_the_evidence() {
    none_of(
        "There was no evidence that the nurse should have escalated earlier.",
        C,
    );
    none_of(
        "We saw no indication that the on-call engineer failed to follow the runbook.",
        C,
    );
    has(
        "The on-call engineer failed to follow the runbook, and there was no evidence of a page.",
        C,
        "failed to follow",
    );
}

#[test]
fn a_failure_at_a_duty_needs_no_owner() {
    has(
        "The review found a failure to diagnose the fracture.",
        C,
        "failure",
    );
    has(
        "Failure to comply with the hold-short instruction.",
        C,
        "Failure",
    );
    has(
        "There was a failure by the ward staff to escalate the scores.",
        C,
        "failure",
    );
    has(
        "Failure to promptly assess the wound on admission.",
        C,
        "Failure",
    );
    // A system's failure at its own work is not.
    none_of("A failure to connect to the database stopped the job.", C);
    none_of("The failure to load the config was logged.", C);
    none_of("He was admitted with heart failure.", C);
}

#[test]
fn care_and_casework_checks_negated() {
    has(
        "Nursing staff did not reassess her pain score overnight.",
        C,
        "did not reassess",
    );
    has(
        "The doctors did not recognise the signs of sepsis.",
        C,
        "did not recognise",
    );
    has(
        "Our team did not discover the expired token until the morning.",
        C,
        "did not discover",
    );
    // Nothing there to observe, or an event that did not happen, is not a lapse.
    none_of("We did not observe any errors during the canary.", C);
    none_of("The crash was not observed in staging.", C);
}

#[test]
fn passives_of_care_and_passives_with_a_person_as_agent() {
    has(
        "The infection should have been diagnosed at the first visit.",
        C,
        "should have been diagnosed",
    );
    has(
        "The patient should have been referred to cardiology.",
        C,
        "should have been referred",
    );
    has(
        "The rollout should never have been scheduled by the release manager on a Friday.",
        C,
        "should never have been scheduled",
    );
    // Being told or paged is not the subject's doing; a system's passive stays unflagged.
    none_of("We should have been paged by the monitoring.", C);
    none_of("The request could have been routed to another region.", C);
}

#[test]
fn adverbs_of_manner_between_have_and_the_participle() {
    has(
        "The team should have more carefully reviewed the migration.",
        C,
        "should have more carefully reviewed",
    );
    has(
        "They should have absolutely tested this in staging.",
        C,
        "should have absolutely tested",
    );
    none_of("We should have more dashboards for the queue.", C);
}

#[test]
fn forgetting_told_as_ones_own_habit() {
    has(
        "We often forget to bump the chart version before tagging.",
        C,
        "forget to bump",
    );
    has(
        "Every other release someone forgets to regenerate the docs.",
        C,
        "forgets to regenerate",
    );
    has(
        "Ugh, I forget to rebase before pushing.",
        C,
        "forget to rebase",
    );
    // Advice, promises, suppositions, a generic "you" and a general truth are not lapses.
    none_of("Don't forget to bump the chart version.", C);
    none_of("I won't forget to rebase next time.", C);
    none_of(
        "If you forget to rebase, the merge queue rejects the PR.",
        C,
    );
    none_of("The CI job fails when we forget to regenerate the docs.", C);
    none_of("Developers forget to close file handles in tight loops.", C);
}

#[test]
fn signs_and_chances_missed_in_the_passive_or_as_an_adjective() {
    has(
        "The early warning signs were missed on the night shift.",
        C,
        "were missed",
    );
    has(
        "His worsening symptoms were missed at two appointments.",
        C,
        "were missed",
    );
    has(
        "The delay led to missed chances to intervene.",
        C,
        "missed chances",
    );
    has(
        "That missed opportunity cost the team a week.",
        C,
        "missed opportunity",
    );
    // A system's run or a target missed is not a person's lapse.
    none_of("Two heartbeats were missed during the network blip.", C);
    none_of(
        "The nightly run was missed because the scheduler was down.",
        C,
    );
    none_of("Our latency target was missed in March.", C);
}

#[test]
fn the_present_misses_needs_a_person() {
    has(
        "In the replay, the second responder misses the page entirely.",
        C,
        "misses",
    );
    none_of("The usual checklist misses the point of the exercise.", C);
    none_of("The regex misses the trailing slash.", C);
}

#[test]
fn without_realising_is_a_check_left_out() {
    has(
        "The operator restarted the primary without realising it held the lock.",
        C,
        "without realising",
    );
    has(
        "I merged the branch without realizing it reverted the fix.",
        C,
        "without realizing",
    );
    none_of(
        "We will never merge a branch without realising what it reverts.",
        C,
    );
    none_of("The job ran without realising any gains from the cache.", C);
}

#[test]
fn a_claim_not_upheld_is_denied() {
    none_of(
        "(c) The surgery failed to refer him to a dermatologist (not upheld).",
        C,
    );
    has(
        "(c) The surgery failed to refer him to a dermatologist (upheld).",
        C,
        "failed to refer",
    );
}

#[test]
fn forgetting_about_and_raising_verbs() {
    has(
        "Honestly I forgot about the cron entry when I moved the box.",
        C,
        "forgot",
    );
    has(
        "We seem to have missed the second migration in the rollout.",
        C,
        "missed",
    );
    has(
        "The driver appears to have forgotten the speed restriction.",
        C,
        "forgotten",
    );
    none_of("The cache seems to have missed the update.", C);
    none_of("I forgot what the flag was called.", C);
}

#[test]
fn people_distributed_and_duties_after_failing() {
    has(
        "The two nurses each failed to document the dose.",
        C,
        "failed to document",
    );
    has(
        "The trust apologised for failing to meet its duty of candour.",
        C,
        "failing to meet",
    );
    none_of(
        "No action was taken against staff for failing to have the right badge.",
        C,
    );
    none_of("The pods each failed to start after the upgrade.", C);
}

#[test]
fn a_question_word_before_the_inverted_modal() {
    has(
        "What should we have monitored that we didn't?",
        C,
        "should we have monitored",
    );
    has(
        "Looking back, what could the on-call have done differently?",
        C,
        "could the on-call have done",
    );
    none_of("What should we monitor next quarter?", C);
}

#[test]
fn the_elided_action_before_a_clause_of_its_own() {
    has(
        "I didn't read the diff as closely as I should have because the build was green.",
        C,
        "should have",
    );
    has(
        "We honestly should have, but the freeze started that night.",
        C,
        "should have",
    );
    none_of(
        "The cache should have because the TTL was short, but nobody knows.",
        C,
    );
}

#[test]
fn an_adverb_before_the_modal_does_not_hide_the_subject() {
    has(
        "Staging was broken, which they obviously should have fixed first.",
        C,
        "should have fixed",
    );
    has(
        "They absolutely should have, and they knew it.",
        C,
        "should have",
    );
}

#[test]
fn a_question_about_the_lapse_is_asked_not_asserted() {
    none_of(
        "In the review we discussed how it could have been prevented.",
        C,
    );
    none_of(
        "My lead asked me how the outage could have been avoided.",
        C,
    );
    none_of(
        "The panel examined whether the fault should have been detected sooner.",
        C,
    );
    has(
        "The fault should have been detected sooner, and we discussed why.",
        C,
        "should have been detected",
    );
}

#[test]
fn the_writer_clearing_themselves_and_what_they_would_not_have_seen() {
    none_of("How could we have predicted that?", C);
    none_of(
        "Honestly I wouldn't have noticed the typo without the linter.",
        C,
    );
    has(
        "How could you have missed the alert?",
        C,
        "How could you have",
    );
    has(
        "I wish they wouldn't have removed the old bucket.",
        C,
        "wouldn't have removed",
    );
}

#[test]
fn rules_and_possession_after_should_have() {
    none_of("Interns shouldn't have admin access to billing.", C);
    none_of("You should always have verified restores.", C);
    has(
        "You should have verified the restore before deleting the snapshot.",
        C,
        "should have verified",
    );
}

#[test]
fn a_passive_after_a_condition_on_a_thing() {
    none_of(
        "If the alarm had been working, the flooding could have been prevented.",
        C,
    );
    has(
        "If we had looked at the graph, the flooding could have been prevented.",
        C,
        "If we had looked",
    );
}

#[test]
fn missed_opportunities_after_any_verb() {
    has(
        "The review included missed opportunities to escalate.",
        C,
        "missed opportunities",
    );
    none_of("The scheduler missed chances to run.", C);
}

#[test]
fn a_check_left_undone_as_a_negated_gerund() {
    has(
        "It came down to not reading the upgrade notes.",
        C,
        "not reading",
    );
    has(
        "I rebased, pushed, and not noticing the conflict, tagged the release.",
        C,
        "not noticing",
    );
    has(
        "not monitoring the patient at the intervals set by the plan",
        C,
        "not monitoring",
    );
    // A progressive, an intention, advice or a supposition is not a lapse told.
    none_of("We are not testing that path yet.", C);
    none_of("Not looking to blame anyone here, just curious.", C);
    none_of("Avoid not checking the return value of write().", C);
    none_of("If not reviewing every line, at least read the tests.", C);
}

#[test]
fn checks_of_care_carried_by_a_light_verb() {
    has(
        "The night staff did not undertake the observations that were due.",
        C,
        "did not undertake the observations",
    );
    has(
        "The nurse did not perform an assessment of the wound.",
        C,
        "did not perform an assessment",
    );
    none_of("The vendor did not undertake the project.", C);
}

#[test]
fn a_failure_at_a_duty_after_a_verb_of_outcome() {
    has(
        "The derailment resulted in part from failure to comply with the speed limit, which led to failure to stop.",
        C,
        "failure",
    );
    has(
        "Several failings, such as failing to follow up the scan, were found.",
        C,
        "failing to follow",
    );
    none_of(
        "The course covers the consequences of failure to follow procedures.",
        C,
    );
}

#[test]
fn a_gerund_missed_in_a_note_and_a_lapse_denied() {
    has(
        "Broke the release (missed updating the changelog, sorry).",
        C,
        "missed",
    );
    none_of("Well, not really forgot, the job just never ran.", C);
    none_of("The root cause was not identified during the call.", C);
    none_of("The race is not caught with plain `make test`.", C);
}

#[test]
fn a_miss_guarded_against_is_not_one_that_happened() {
    none_of(
        "Add a calendar reminder so that renewals don't get missed.",
        C,
    );
    none_of("Pin the checklist to stop steps getting missed.", C);
    has("The on-call engineer missed the second alert.", C, "missed");
}

#[test]
fn questions_in_a_list_after_a_verb_of_asking() {
    none_of(
        "We will discuss what went wrong, how it could have been prevented and what comes next.",
        C,
    );
    none_of(
        "The board examined whether staffing was short, and whether the fall should have been prevented.",
        C,
    );
    has(
        "What went wrong is clear: the fall should have been prevented.",
        C,
        "should have been prevented",
    );
}

#[test]
fn words_attributed_in_a_tag_are_a_quotation() {
    none_of(
        "The rollout, the CTO said, should have been staged by region.",
        C,
    );
    none_of("Staff should have escalated sooner, the coroner noted.", C);
    has(
        "Looking back, I should have said something sooner.",
        C,
        "should have said",
    );
    has("Awkward, I should have said", C, "should have said");
}

#[test]
fn a_condition_whose_subject_has_an_of_phrase() {
    has(
        "If the driver of the second bus had checked the mirror, the collision could have been avoided.",
        C,
        "If the driver of the second bus had checked",
    );
    none_of(
        "If the pump of the second unit had worked, the collision could have been avoided.",
        C,
    );
}

#[test]
fn a_check_in_the_past_progressive_negated() {
    has(
        "The crew were not monitoring the airspeed on the approach.",
        C,
        "were not monitoring",
    );
    has(
        "During the night the nurses were not checking the drip.",
        C,
        "were not checking",
    );
    none_of("The probes were not checking the right port.", C);
}

#[test]
fn a_check_named_as_a_noun_not_done() {
    has(
        "Her observations were not taken for six hours.",
        C,
        "were not taken",
    );
    has(
        "The pre-flight inspection was not carried out.",
        C,
        "was not carried out",
    );
    none_of("The backups were not taken during the freeze.", C);
    none_of("The inspection was not carried out by the scheduler.", C);
}

#[test]
fn nouns_that_look_like_lapses() {
    none_of("Cache misses spiked after the deploy.", C);
    none_of("Combined with cache misses, this created write storms.", C);
    none_of(
        "No failure to comply is waived unless agreed in writing.",
        C,
    );
}

#[test]
fn a_check_after_nor_and_a_check_kept() {
    has(
        "The team had not updated the runbook, nor had they properly reviewed the alerts.",
        C,
        "nor had they properly reviewed",
    );
    has(
        "The regulator had not kept a close enough check on the operator's procedures.",
        C,
        "had not kept a close enough check",
    );
    none_of("We did not keep the old tests after the rewrite.", C);
    none_of("The queue had not drained, nor had the cache expired.", C);
}

// Classes from holdout9's counterfactual misses and false positives (real post-mortems),
// fixed by construction; the sentences are written for these tests.

#[test]
fn an_adverb_of_order_or_manner_after_have() {
    has(
        "They should have first warned the support team about the cutover.",
        C,
        "should have first warned",
    );
    has(
        "Which steps should normally have been done before the release, but were skipped?",
        C,
        "should normally have been done",
    );
    // A system's doing, and a guess at what users saw, are still not flagged.
    none_of("The lease should have first expired on the old node.", C);
    none_of("Most users should have barely noticed the restart.", C);
}

#[test]
fn a_github_handle_is_a_person() {
    has(
        "@kmwong should have asked in #infra-help before rotating the keys.",
        C,
        "should have asked",
    );
    has(
        "After a long week, @dpatel overlooked the second migration script.",
        C,
        "overlooked",
    );
    none_of("@kmwong rotated the keys on Tuesday.", C);
}

#[test]
fn a_failure_owned_on_someones_part() {
    has(
        "The outage came from a failure on our part to announce the freeze.",
        C,
        "failure",
    );
    none_of(
        "A failure on the part of the fan to spin up overheated the rack.",
        C,
    );
}

#[test]
fn an_eye_kept_closely_and_the_subject_shared_before_but() {
    has(
        "We never kept a close eye on the certificate dates.",
        C,
        "never kept a close eye",
    );
    has(
        "The rollout was a risk the team knew about but did not keep an eye on.",
        C,
        "did not keep an eye",
    );
    has(
        "The operators saw the queue was growing but did not check the consumer.",
        C,
        "did not check",
    );
    none_of(
        "The operators restarted the broker and the probe did not detect the lag.",
        C,
    );
    none_of("The scheduler did not keep a close eye on the workers.", C);
}

#[test]
fn a_check_run_in_the_past_tense() {
    has(
        "The author never ran the integration tests before merging.",
        C,
        "never ran the integration tests",
    );
    none_of("The nightly job never ran the integration tests.", C);
    none_of("We never ran into the limit again.", C);
}

#[test]
fn noticing_that_took_long_without_naming_anyone() {
    has(
        "It took almost a month (28 days) to notice the leaking connections.",
        C,
        "took almost a month (28 days) to notice",
    );
    // Detecting is a monitor's as well; catching up is not noticing.
    none_of("It took two days to detect and repair.", C);
    none_of("It took an hour to catch up on the backlog.", C);
}

#[test]
fn peoples_work_that_would_or_may_have_averted_it() {
    has(
        "An agreement on the naming scheme would have prevented the duplicate buckets.",
        C,
        "would have prevented",
    );
    has(
        "Updating the on-call guide is a long-standing task that may have prevented the delay.",
        C,
        "may have prevented",
    );
    has(
        "Quickly rolling back the flag would have spared us an afternoon.",
        C,
        "would have spared",
    );
    has(
        "A closer look at the graphs may have caught the regression.",
        C,
        "may have caught",
    );
    // Things that would have averted it, what an action would have fixed, and guesses.
    none_of("A circuit breaker would have prevented the cascade.", C);
    none_of("Retries would have saved most of the requests.", C);
    none_of("Restarting the pod would have fixed it.", C);
    none_of("The lock file may have prevented the upgrade.", C);
    none_of("We may have restarted the wrong replica.", C);
    none_of("The new work queue would have prevented the pile-up.", C);
}

#[test]
fn peoples_work_imagined_done_in_a_condition() {
    has(
        "If the capacity work had been scheduled in March, the disks would have been replaced in time.",
        C,
        "If the capacity work had been scheduled",
    );
    none_of(
        "If the migration work had gone smoothly, the queue would have drained.",
        C,
    );
}

#[test]
fn a_problem_that_could_have_been_solved_sooner() {
    has(
        "We spent a day on an outage that could have been resolved in 2.5 hours.",
        C,
        "could have been resolved",
    );
    has(
        "The decision to fail over could have been made at the first page.",
        C,
        "could have been made",
    );
    none_of("The DNS name should have resolved to the new address.", C);
    none_of("It could have been mitigated by the autoscaler.", C);
    none_of("We could have been made aware of it sooner.", C);
}

#[test]
fn a_check_or_a_realisation_as_a_noun_after_without() {
    has(
        "The column was removed without a realisation that the billing export still read it.",
        C,
        "without a realisation",
    );
    has(
        "The patch was merged without any review.",
        C,
        "without any review",
    );
    none_of(
        "The response was served without a check of the cache headers.",
        C,
    );
    none_of("The cron job ran without a check of the lock.", C);
}

#[test]
fn the_present_perfect_given_as_the_reason_for_a_miss() {
    has(
        "The race was not found earlier because we have not tested two writers at once.",
        C,
        "have not tested",
    );
    none_of("We have not tested the new driver yet.", C);
    none_of("It broke because we have not upgraded the driver.", C);
    none_of(
        "I haven't tested it on Windows, which I'll do next week.",
        C,
    );
}

#[test]
fn becoming_aware_late_but_not_knowing() {
    has(
        "We didn't become aware of the expired token until a customer wrote in.",
        C,
        "didn't become aware",
    );
    none_of("Why didn't we know about the expiry sooner?", C);
    none_of("Users did not become aware of any impact.", C);
    has("Why didn't we look at the logs?", C, "Why didn't we");
}

#[test]
fn a_check_not_got_asked_after_with_did() {
    has(
        "How did the broken migration not get caught?",
        C,
        "not get caught",
    );
    has(
        "Why did the typo not get picked up in review?",
        C,
        "not get picked up",
    );
    none_of("Why did the outage not get detected?", C);
    none_of("Why did the nightly job not get scheduled?", C);
    none_of("Why did it not get caught by CI?", C);
}

#[test]
fn failures_and_messages_missed_in_the_passive() {
    has(
        "With so many alerts firing, the failing health checks were missed.",
        C,
        "were missed",
    );
    has("The 502 errors were missed for two days.", C, "were missed");
    none_of("The deadline was missed.", C);
    none_of("The heartbeat was missed twice.", C);
    none_of("Problems are easily missed in a noisy channel.", C);
}

#[test]
fn never_seen_before_is_no_experience_of_it() {
    none_of("We had never seen a spike like this before.", C);
    none_of(
        "The disk failed in a way I have never seen before in ten years of running it.",
        C,
    );
    has(
        "We never saw the warning before the deploy.",
        C,
        "never saw",
    );
}

#[test]
fn a_present_passive_is_how_a_system_works() {
    none_of("The update is not seen because the filter drops it.", C);
    none_of("The staging cluster is not monitored.", C);
    has(
        "The update was not reviewed by anyone.",
        C,
        "was not reviewed",
    );
}

#[test]
fn unnoticed_put_down_to_missing_monitoring() {
    none_of(
        "The outage went unnoticed, which means the status page is not monitored.",
        C,
    );
    none_of(
        "The failure went unnoticed because there were no alerts on the queue.",
        C,
    );
    has(
        "The outage went unnoticed for a weekend.",
        C,
        "went unnoticed",
    );
    has(
        "The outage went unnoticed because nobody was watching the alerts channel.",
        C,
        "went unnoticed",
    );
}

#[test]
fn a_things_clause_before_but_failed_to() {
    none_of(
        "What safeguards were there that should have stopped this, but failed to stop it?",
        C,
    );
    has(
        "The reviewer read the diff, but failed to run it.",
        C,
        "failed to run",
    );
}

#[test]
fn people_picked_out_by_what_they_may_have_done() {
    none_of(
        "This affects admins who might have edited a role last week.",
        C,
    );
    none_of(
        "Anyone who may have cloned the repository should rotate their keys.",
        C,
    );
    none_of(
        "He rolled it back, worried that he might have broken the build.",
        C,
    );
    has(
        "The admin who should have edited the role was away.",
        C,
        "should have edited",
    );
    has(
        "We might have caught it with a canary.",
        C,
        "might have caught",
    );
}

#[test]
fn an_attempt_that_did_not_succeed() {
    none_of(
        "Over the weekend she failed to buy a replacement disk locally.",
        C,
    );
    has(
        "She failed to check the replacement disk.",
        C,
        "failed to check",
    );
}

#[test]
fn a_forgotten_thing_and_artefacts_that_forget() {
    none_of(
        "The culprit was a forgotten timer that kept purging the cache.",
        C,
    );
    none_of("The last PR forgot to update the changelog.", C);
    none_of(
        "Add a hook so the build step can't be accidentally forgotten.",
        C,
    );
    has("The step was accidentally forgotten.", C, "forgotten");
    has(
        "Dana forgot to update the changelog.",
        C,
        "forgot to update",
    );
}

#[test]
fn a_bodys_own_failure_named_with_its() {
    has(
        "The trust was at fault for its failure to arrange a scan.",
        C,
        "its failure",
    );
    none_of(
        "The council replaced the boiler after its failure to start.",
        C,
    );
    none_of("The service restarted after its failure to connect.", C);
}

#[test]
fn the_miss_told_with_what_caused_it() {
    has(
        "The noisy channel caused us to miss the page.",
        C,
        "us to miss",
    );
    none_of("The rollback caused us to miss the deadline.", C);
}

#[test]
fn a_set_of_untested_things() {
    none_of("Listing what hasn't been tested helps the reviewer.", C);
}

#[test]
fn a_miss_that_follows_from_a_broken_thing() {
    none_of(
        "The sandbox queue was not working that week, so the bad payload was not caught.",
        C,
    );
    none_of(
        "The preview site was down, and thus the layout was never reviewed.",
        C,
    );
    has(
        "The reviewer was on leave, so the payload was not caught.",
        C,
        "was not caught",
    );
}

#[test]
fn an_action_not_taken_judged_enough_or_better() {
    has(
        "Simply failing over to the replica would have been enough.",
        C,
        "would have been enough",
    );
    has(
        "Pairing on the schema change would have been wiser.",
        C,
        "would have been wiser",
    );
    none_of("A second replica would have been enough.", C);
    none_of("Failing over would not have been enough.", C);
}

// Classes from train5-8 (post-mortem files, incident threads, investigation reports).

#[test]
fn a_check_passive_with_how_well_or_how_soon() {
    has(
        "The migration was not thoroughly reviewed before the release.",
        C,
        "was not thoroughly reviewed",
    );
    has(
        "The fallback path had been written months ago, but it was not well tested.",
        C,
        "was not well tested",
    );
    has(
        "The spike was not initially picked up because traffic is low overnight.",
        C,
        "was not initially picked up",
    );
    has(
        "The warnings were not picked up or acted on by any engineer.",
        C,
        "were not picked up",
    );
    // A system taking up a change, and a time line.
    none_of(
        "The new config was not picked up by the pods until a restart.",
        C,
    );
    none_of(
        "The setting was not picked up until the service restarted.",
        C,
    );
    none_of("The job was not picked up by a worker for an hour.", C);
}

#[test]
fn shipped_without_being_checked() {
    has(
        "Two endpoints went out without being reviewed.",
        C,
        "without being reviewed",
    );
    has(
        "Several of the flags shipped without being properly tested.",
        C,
        "without being properly tested",
    );
    // How a system works now, and a system's check.
    none_of("Requests are served without being checked.", C);
    none_of("The patch is deployed without being tested by CI.", C);
}

#[test]
fn a_finding_that_people_could_have_made() {
    has(
        "The flaw could have been uncovered in review.",
        C,
        "could have been uncovered",
    );
    has(
        "The incompatibility could have been discovered earlier by talking to the other teams.",
        C,
        "could have been discovered",
    );
    // Exposure imagined, a thing's counterfactual, a lapse denied.
    none_of("The hole could have been discovered by an attacker.", C);
    none_of(
        "The bucket could have been discovered by anyone with a browser.",
        C,
    );
    none_of(
        "If the scanner had been enabled, the leak could have been discovered earlier.",
        C,
    );
    none_of("Nobody could have discovered this before launch.", C);
}

#[test]
fn noticing_that_came_fast() {
    has(
        "It took us two hours to realise what had happened.",
        C,
        "took us two hours to realise",
    );
    none_of(
        "It took me less than a second to realise my mistake, but the table was gone.",
        C,
    );
    none_of("It took only seconds to spot the typo once we looked.", C);
}

#[test]
fn a_remedy_that_did_not_work() {
    none_of("Restarting the pods failed to clear the backlog.", C);
    none_of(
        "Re-running the migration failed to restore the missing rows.",
        C,
    );
    // A duty left undone, by people or by their check.
    has(
        "We failed to fix the flaky test before the release.",
        C,
        "failed to fix",
    );
    has(
        "Reviewing the change failed to catch the bug.",
        C,
        "failed to catch",
    );
}

#[test]
fn a_judged_failure_at_people_work() {
    has(
        "The inquiry found a systemic failure to review the contractors' work.",
        C,
        "failure",
    );
    has(
        "It was a chronic failure to maintain the pumps.",
        C,
        "failure",
    );
    none_of(
        "A systemic failure to connect to the database caused the outage.",
        C,
    );
}

#[test]
fn a_sign_not_picked_up() {
    has(
        "How come nobody picked this up in staging?",
        C,
        "nobody picked",
    );
    has(
        "The on-call engineer did not pick up the alert.",
        C,
        "did not pick",
    );
    none_of("I didn't pick up groceries on the way home.", C);
    none_of("The worker did not pick up the job.", C);
    none_of("The daemon never picked it up.", C);
}
