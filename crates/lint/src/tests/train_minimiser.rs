//! Minimiser (and single-cause) classes found in the mistakes on train1-4 (web post-mortems, GitHub threads,
//! forums, accident and health-care reports), each fixed by its grammatical class and tested
//! from both sides in other wordings. The sentences are written for these tests, not taken
//! from the evaluation sets.

use super::{flagged, has, none_of, one};
use crate::*;

use Category::Minimiser as M;

#[test]
fn a_negated_auxiliary_before_just_is_not_only_or_a_way_ruled_out() {
    none_of("She hasn't just reported the bug, she sent a patch.", M);
    none_of(
        "We couldn't just delete the old branch because people had forked it.",
        M,
    );
    none_of(
        "They didn't simply drop one table; they dropped the whole schema.",
        M,
    );
    none_of(
        "You can't just reboot a primary database during peak hours.",
        M,
    );
    // The advice itself, and the rhetorical "why not", stay flagged.
    one("Just reboot the replica first.", M, "Just");
    has("Why not just reboot the replica?", M, "just");
}

#[test]
fn why_didnt_they_just_makes_the_step_look_obvious() {
    has(
        "Why didn't the pharmacist just phone the ward before dispensing?",
        M,
        "just",
    );
    has("why don't you simply revert the commit?", M, "simply");
    has(
        "Why wouldn't the crew just divert to the alternate?",
        M,
        "just",
    );
    // What happens to a thing is no step of a person's.
    none_of("Why wouldn't the hinges just come loose over time?", M);
    none_of("Why didn't the retry loop stop?", M);
    none_of("Why doesn't it just retry on its own?", M);
    none_of("Why doesn't the service simply restart?", M);
}

#[test]
fn the_step_a_counterfactual_condition_calls_all_it_took() {
    has(
        "The breach would never have happened if the contractor had simply rotated the key.",
        M,
        "simply",
    );
    has(
        "None of this would have mattered if we'd just waited for the canary.",
        M,
        "just",
    );
    // "had just" outside a condition is the recent past.
    none_of(
        "The operator had just finished the handover when the alarm sounded.",
        M,
    );
    none_of(
        "If the backup had simply finished, the restore would have worked.",
        M,
    );
}

#[test]
fn contracted_modal_perfects_before_just() {
    has(
        "You could've just pinged the on-call channel first.",
        M,
        "just",
    );
    has("they should've simply asked the vendor", M, "simply");
    // A modal perfect with "just" before "have" is the same class.
    has("The crew could just have asked for a repeat.", M, "just");
}

#[test]
fn advice_after_a_chat_interjection_or_a_mention() {
    has("lol just restart the runner", M, "just");
    has("haha just don't deploy on a friday", M, "just");
    has(
        "@maria just rerun the failed job and it should pass.",
        M,
        "just",
    );
    // "just" as only after them stays unflagged.
    none_of("lol just a typo in the config", M);
    none_of("@maria just 2 minutes, please.", M);
}

#[test]
fn a_quoted_command_said_to_the_reader() {
    has(
        "Until they publish a fix, if you just `pip install foo==1.2` it works again.",
        M,
        "just",
    );
    none_of("I just `ls` the folder to see what is there.", M);
}

#[test]
fn just_as_only_before_a_person_a_possession_or_after_a_copula() {
    none_of("Just me, a terminal and a very old laptop.", M);
    none_of("Just us and the pager on a quiet Sunday.", M);
    none_of("Lite mode is just the editor without the plugins.", M);
    none_of("The rows are simply flagged as stale in the index.", M);
    none_of("he just had three laptops that synced to each other", M);
    none_of(
        "Just had a reviewer spot the same thing in my own PR yesterday!",
        M,
    );
    // A task's copula, and "just had to", are still a task made small.
    has(
        "The next thing you could try is just reseat the cable.",
        M,
        "just",
    );
    has("She just had to flip the flag back.", M, "just");
}

#[test]
fn a_failing_after_just_is_an_intensifier() {
    none_of(
        "Simply forgetting to renew a domain will cost a business dearly.",
        M,
    );
    none_of(
        "Just failing to reply to the page can leave a ward without cover.",
        M,
    );
    has(
        "Simply reverting the deploy would have restored service.",
        M,
        "Simply",
    );
}

#[test]
fn idioms_beliefs_perceptions_and_narrated_reading() {
    none_of("Let's just say the migration did not go to plan.", M);
    none_of(
        "I assumed it just hides the record instead of deleting it.",
        M,
    );
    none_of("We thought that they simply archive old tickets.", M);
    none_of("They just saw every dashboard turn red at once.", M);
    none_of(
        "Most teams just trust their backup tool without testing restores.",
        M,
    );
    none_of(
        "I just read a thread about a deleted production database.",
        M,
    );
    // Advice to read is still advice.
    has("Just read the runbook before paging anyone.", M, "Just");
}

#[test]
fn what_the_task_simply_meant_or_involved() {
    has(
        "Re-enabling the alarm simply meant flipping the breaker back on.",
        M,
        "simply",
    );
    has("The recovery just involved replaying the queue.", M, "just");
    // "just required a signature": only, before a noun.
    none_of(
        "The form just required a signature from the ward manager.",
        M,
    );
}

#[test]
fn of_course_on_a_deed_not_on_a_promise_a_state_or_a_thing() {
    has(
        "Of course the contractor skipped the pressure test.",
        M,
        "Of course",
    );
    has(
        "And you did of course confirm the backup was restorable?",
        M,
        "of course",
    );
    none_of("And of course I'll roll back anything you object to.", M);
    none_of(
        "Of course, you have every right to be annoyed about this.",
        M,
    );
    has(
        "Of course they have ignored the warning again.",
        M,
        "Of course",
    );
    none_of("Of course, that level of risk means we must test more.", M);
    none_of(
        "Of course the replica was two days behind, so we restored from tape.",
        M,
    );
    none_of(
        "The checklist won't apply here of course, but it may jog your memory.",
        M,
    );
    none_of(
        "The aircraft drifted to the left of course before the correction.",
        M,
    );
}

#[test]
fn obviously_as_an_aside_or_on_a_consequence() {
    none_of("Not urgent, obviously, but useful once the setup grows.", M);
    none_of(
        "The disk array failed during the move, obviously taking the mail server with it.",
        M,
    );
    has(
        "Obviously, nobody had read the change notes.",
        M,
        "Obviously",
    );
}

#[test]
fn clearly_before_an_omission_a_few_words_on() {
    has(
        "Clearly the new engineer never opened the alert queue.",
        M,
        "Clearly",
    );
    has(
        "Clearly, the crew overlooked the falling oil pressure.",
        M,
        "Clearly",
    );
    none_of("Clearly the graph never dipped below the threshold.", M);
    none_of("The dashboard clearly showed the error rate climbing.", M);
}

#[test]
fn easy_to_miss_or_understand_is_a_property_or_a_temptation() {
    none_of("Without a banner the warnings are very easy to miss.", M);
    none_of(
        "Given the glare, it is easy to understand why the runway looked clear.",
        M,
    );
    none_of(
        "It's tempting and easy to jump to a single culprit after an outage.",
        M,
    );
    none_of("It is easy to blame whoever merged last.", M);
    // What people could see at the time, called easy, is still judged.
    has(
        "It was easy to spot from the logs that the queue was stuck.",
        M,
        "was easy",
    );
    // A task stays a task.
    has(
        "Restarting the worker was easy to do from the console.",
        M,
        "was easy",
    );
}

#[test]
fn an_error_called_simple_is_not_a_task() {
    none_of(
        "The outage came down to a typo, and a simple one at that.",
        M,
    );
    none_of(
        "I have never made that mistake before, though it looks an obvious one.",
        M,
    );
    // A slip called easy to avoid is the task of avoiding it.
    has("Easy slip to avoid if the diff had been read.", M, "Easy");
    has(
        "That was an easy bug to fix once we had a repro.",
        M,
        "easy",
    );
    // "an easy mistake to make" acknowledges the slip.
    none_of("It is an easy mistake to make at three in the morning.", M);
    none_of("I wrote a simple script to prune the old backups.", M);
}

#[test]
fn verbless_task_phrases_called_easy() {
    has("Trivial chore, surely?", M, "Trivial");
    has(
        "Very easy rollback procedure, fully scripted.",
        M,
        "Very easy",
    );
    has("Simple enough, we figured.", M, "Simple");
    has(
        "Rolling back was a trivial two-minute procedure.",
        M,
        "trivial",
    );
    none_of("The nightly backup job is simple: it copies the bucket.", M);
    has(
        "This was a simple case of not checking the version matrix.",
        M,
        "simple",
    );
    has(
        "The upgrade process was simple: drain, patch, reboot.",
        M,
        "was simple",
    );
    // A thing's quality, or a noun that is as often the artefact, stays unflagged.
    none_of("Simple dashboards, mostly graphs.", M);
    none_of(
        "It seemed to be a trivial change bumping the chart version.",
        M,
    );
}

#[test]
fn degree_words_before_obvious() {
    has(
        "It was blindingly obvious which deploy had broken checkout.",
        M,
        "was blindingly obvious",
    );
    none_of(
        "It was not entirely obvious which deploy had broken checkout.",
        M,
    );
}

#[test]
fn easily_imagined_is_a_likelihood() {
    none_of(
        "I can easily picture a tired engineer approving that diff.",
        M,
    );
    none_of(
        "You could easily imagine the same thing happening to us.",
        M,
    );
    has(
        "You can easily recover by replaying the journal.",
        M,
        "easily",
    );
}

#[test]
fn only_need_to_makes_a_persons_task_one_step() {
    has(
        "You only need to open the valve to relieve the pressure.",
        M,
        "only need to",
    );
    has("The nurse only had to check the chart.", M, "only had to");
    none_of("The cron job only needs to run once a day.", M);
}

#[test]
fn not_rocket_science_calls_the_task_easy() {
    has(
        "Reading the release notes is not rocket science.",
        M,
        "not rocket science",
    );
    has(
        "c'mon, this isn't exactly brain surgery",
        M,
        "isn't exactly brain surgery",
    );
    none_of("The probe was built with real rocket science.", M);
}

#[test]
fn an_aside_or_an_acronym_names_no_one() {
    none_of(
        "Low priority, obviously, but handy once the build gets more complicated.",
        M,
    );
    none_of("(though it cannot be set from the CLI of course)", M);
    has("Of course the admin forgot the CLI flag.", M, "Of course");
}

use Category::SingleCause as S;

#[test]
fn a_headline_names_the_incident_with_its_one_cause() {
    one(
        "Payments Outage Caused by an Expired Certificate",
        S,
        "Caused by",
    );
    has(
        "The bank reported a data breach caused by a leaked token.",
        S,
        "caused by",
    );
    has(
        "The airline's outage, like many before it, was caused by a power surge.",
        S,
        "caused by",
    );
    has(
        "The regulator said the incident had been caused by a contractor.",
        S,
        "been caused by",
    );
    // A part, plural, and two causes joined by "and by" stay unflagged.
    none_of("We saw login issues caused by the session cookie.", S);
    none_of(
        "Collision near the depot, caused by a faulty signal and by a late brake application.",
        S,
    );
}

#[test]
fn informal_names_for_the_incident() {
    has(
        "The whole fiasco was caused by one expired token.",
        S,
        "caused by",
    );
    has(
        "I bet that snafu was caused by the new proxy.",
        S,
        "caused by",
    );
    none_of(
        "The whole fiasco was caused by bad luck and by a missing alert.",
        S,
    );
}

#[test]
fn several_causes_in_other_words() {
    none_of("The outage was caused by a sequence of unlikely events.", S);
    none_of("This was caused by a confluence of small failures.", S);
    none_of("The outage was caused by a chain of misconfigurations.", S);
    has(
        "The outage was caused by a chain reaction in the storage layer.",
        S,
        "caused by",
    );
    has(
        "The outage was caused by an expired certificate.",
        S,
        "caused by",
    );
}

#[test]
fn the_cause_named_after_a_colon_or_a_question() {
    has(
        "It took a day, but we now know the cause: a stale DNS record.",
        S,
        "the cause",
    );
    one("The cause?", S, "The cause");
    has("The root cause? A stale cache entry.", S, "The root cause");
    none_of("The root cause? Still unknown, a week later.", S);
    none_of("what was the cause?", S);
    none_of("We have found the cause and are fixing it.", S);
}

#[test]
fn the_proximate_cause_and_the_cause_only_looked_for() {
    has(
        "The immediate cause was a mistyped command.",
        S,
        "The immediate cause",
    );
    none_of("The root cause of the outage was not determined.", S);
    none_of("So what was the root cause, and who fixed it?", S);
    none_of("Weeks later the real cause was finally acknowledged.", S);
}

#[test]
fn a_suggestion_asked_with_a_modal_and_not() {
    has(
        "Could we not just fail over to the other region?",
        M,
        "just",
    );
    has("shall we not simply revert and look tomorrow?", M, "simply");
    // Stated, it is "not only" or a way ruled out.
    none_of("We could not just fail over; the replica was stale.", M);
    none_of("It's not just the queue, the workers are down too.", M);
}

#[test]
fn an_interjection_and_its_comma_open_the_advice() {
    has("well, just bounce the pod and see", M, "just");
    has("ok, simply roll it back then", M, "simply");
    none_of("well, just a thought about the naming", M);
}

#[test]
fn just_after_a_preposition_is_only() {
    none_of("It builds fine with just the default features.", M);
    none_of("The setting lives in just one file.", M);
    // The means, a gerund after the preposition, is still all it took.
    has("We fixed it by just deleting the lock file.", M, "just");
}

#[test]
fn advice_to_do_the_gerund() {
    has("I'd recommend just pinning the version for now.", M, "just");
    has("We suggest simply restarting the agent.", M, "simply");
    none_of("I'd recommend pinning the version for now.", M);
}

#[test]
fn narrated_irregular_pasts_after_i_and_we() {
    none_of("fwiw, i just spun up a fresh VM and it installs fine", M);
    none_of("we just rebuilt the image from scratch", M);
    // Advice after a stop is still advice.
    has("No. Just rebuild the image from scratch.", M, "Just");
}

#[test]
fn just_as_a_degree_before_obvious() {
    has("it's got one, it's just obvious", M, "it's just obvious");
    none_of("it's just not obvious where the flag lives", M);
}

#[test]
fn a_persons_activity_called_a_simple_whatever() {
    has("Failing over was a trivial two-step affair.", M, "trivial");
    has("Reverting the flag is a simple matter.", M, "simple");
    none_of("Nothing was a simple affair that week.", M);
    none_of("The build was a simple affair.", M);
}

#[test]
fn a_relative_thats_describes_its_noun() {
    none_of("Luckily I had run a migration that's easy to reverse.", M);
    none_of("We keep a config format that's simple to read.", M);
    has("Honestly I think that's easy to fix.", M, "that's easy");
    has(
        "Restarting the pod was a fix that's easy to apply.",
        M,
        "that's easy",
    );
}

#[test]
fn short_and_odd_inputs_do_not_panic() {
    for text in [
        "had been caused by a typo",
        "been caused by",
        "The cause?",
        "why didn't just",
        "if had just",
        "just",
        "that's easy",
        "a simple",
        "@x just",
        "Clearly",
        "of course",
        "obviously,",
    ] {
        let _ = flagged(text);
    }
}

#[test]
fn root_cause_named_by_its_analysis_a_dash_or_identified_as() {
    has(
        "Root cause analysis showed that a single tenant exhausted the pool.",
        S,
        "Root cause",
    );
    none_of("Root cause analysis is scheduled for Monday.", S);
    none_of(
        "Logging stays off while work on the root cause is carried out.",
        S,
    );
    none_of("Investigation of the root cause is ongoing.", S);
    has(
        "Root cause of the outage identified as an expired signing key.",
        S,
        "Root cause",
    );
    has(
        "Root cause - a stale DNS entry - was found at 10:40.",
        S,
        "Root cause",
    );
    has(
        "The outage has been confirmed to be caused by a bad release.",
        S,
        "caused by",
    );
    has(
        "The billing service had an incident that was caused by a leaked lock.",
        S,
        "caused by",
    );
    none_of(
        "The login errors that were caused by the cookie are gone.",
        S,
    );
}

#[test]
fn a_temptation_warned_against() {
    none_of(
        "You may be tempted to just disable the check on every branch.",
        M,
    );
    none_of(
        "It is tempting to simply restart the broker and move on.",
        M,
    );
    has("Just restart the broker and move on.", M, "Just");
}

#[test]
fn just_maybe_is_a_hedge() {
    none_of("And just maybe, the alert would have fired sooner.", M);
    none_of("Just perhaps the cache was cold that morning.", M);
    has("Just restart the cache and see.", M, "Just");
}

#[test]
fn advice_after_an_opening_time_adverbial() {
    one(
        "Next time just page the database owner before rolling back.",
        M,
        "just",
    );
    has("In future, just run the smoke tests first.", M, "just");
    // "just" later in the sentence after "next time" is still only.
    none_of("Next time the job runs it will take just a minute.", M);
    none_of("The next time we met, the queue was just fine.", M);
}

#[test]
fn a_long_gerund_subject_at_the_clause_start() {
    has(
        "The disks filled up; simply rotating the logs on the primary and trimming the debug output in every environment will prevent it.",
        M,
        "simply",
    );
    has(
        "so just pinning the base image to a digest in each of the three build files is the safest choice.",
        M,
        "just",
    );
    none_of(
        "just wondering whether anyone here knows why the build might be slow",
        M,
    );
    // The writer's own activity, with no verb of sufficiency after it.
    none_of(
        "We spent the morning; simply reading the logs from every node in the cluster took hours and hours.",
        M,
    );
}

#[test]
fn the_writers_just_in_a_timeline_or_after_a_reason_is_simply() {
    has(
        "At 09:40 I just bounced the worker and the queue drained.",
        M,
        "just",
    );
    has(
        "Since the migration was due that week anyway, we just copied the old certificate across.",
        M,
        "just",
    );
    // Without either, "I just" + past is the recent past.
    none_of("I just restarted the worker and now it hangs.", M);
    none_of("we just copied the files, can you check?", M);
}

#[test]
fn a_persons_or_a_coordinated_simple_solution() {
    has(
        "We went with Priya's simple fix of raising the limit.",
        M,
        "simple",
    );
    has("Our easy workaround was to pin the version.", M, "easy");
    has(
        "Talking it through surfaced an easier and cheaper fix to the problem.",
        M,
        "easier",
    );
    // A thing's, and adjectives before a thing.
    none_of("The library's simple fix landed upstream last week.", M);
    none_of("It ships a simple and fast parser.", M);
}

#[test]
fn a_gerund_with_its_object_called_easy() {
    has(
        "Renewing the signing certificate was a simple ten-minute chore.",
        M,
        "simple",
    );
    none_of(
        "Renewing the signing certificate was not a simple chore.",
        M,
    );
    none_of("Nothing about the renewal was a simple chore.", M);
}

#[test]
fn plural_demonstratives_called_obvious() {
    has(
        "A few of those were obvious, such as never testing the restore path.",
        M,
        "were obvious",
    );
    none_of("A few of those were not obvious at all.", M);
}

#[test]
fn it_goes_without_saying_before_a_persons_duty() {
    one(
        "It goes without saying, but you should always read the changelog before upgrading.",
        M,
        "goes without saying",
    );
    has(
        "It goes without saying that the on-call engineer checks the dashboard.",
        M,
        "goes without saying",
    );
    // About a thing, or set in brackets as an aside.
    none_of("It goes without saying that the disk must not fill.", M);
    none_of(
        "Backups matter (that goes without saying) but so does access.",
        M,
    );
}

#[test]
fn the_active_caused_with_the_incident_for_its_object() {
    one("That config push caused the outage.", S, "caused");
    has(
        "The load balancer dropped its health checks, causing the incident.",
        S,
        "causing",
    );
    has(
        "It was the retry storm, which caused this downtime.",
        S,
        "caused",
    );
    has(
        "Renaming the bucket caused brief outage in eu-west",
        S,
        "caused",
    );
    // Indefinite, a part, a hypothesis, a question, a negation, two causes.
    none_of("A bad deploy caused a short outage on Tuesday.", S);
    none_of("A stale lock caused the outage.", S);
    none_of("The flag caused the problem of stale reads.", S);
    none_of("Failing over would have caused the outage anyway.", S);
    none_of("We rolled back to see if that caused the outage.", S);
    none_of("The new proxy didn't cause the incident.", S);
    none_of("The cache and the proxy caused the outage.", S);
    none_of("These changes caused the outage.", S);
    none_of("This caused the pod eviction storm.", S);
}

#[test]
fn the_cause_for_being_the_cause_and_a_colon_after_the_incident() {
    has(
        "The root cause for this outage was a full disk.",
        S,
        "The root cause",
    );
    has(
        "That cron job turned out being the cause of the outage.",
        S,
        "the cause",
    );
    has(
        "Which brings us to the root cause of this incident: an expired key.",
        S,
        "the root cause",
    );
    none_of("The root cause of this incident: still unknown.", S);
    none_of("Assuming the root cause is right, the fix will hold.", S);
    none_of(
        "We found that the root cause of the regression was in release 2.4.1.",
        S,
    );
    has(
        "We found that the root cause of the regression was in the retry loop.",
        S,
        "the root cause",
    );
}

// Classes from train5-8 (GitHub incident threads, accident reports, repository post-mortems,
// individuals' stories).

#[test]
fn the_active_caused_with_an_indefinite_whole_outage() {
    has(
        "The certificate rotation caused a global outage that lasted three hours.",
        S,
        "caused",
    );
    has(
        "Clock skew in the quorum caused a cascading failure across the region.",
        S,
        "caused",
    );
    has(
        "The primary came back on the wrong volume, causing a partial outage.",
        S,
        "causing",
    );
    has("That merge caused build failure on main.", S, "caused");
    has(
        "The expired lease caused outage to the EU region for ten minutes.",
        S,
        "caused",
    );
    has(
        "Here is the migration that caused the disaster:",
        S,
        "caused",
    );
    // One of several or a later part, a person's deed, a step in a chain, a measure, a
    // plural head, a failure alone, a doubt.
    none_of("This caused a more general outage later that night.", S);
    none_of(
        "We accidentally caused a brief outage while rotating keys.",
        S,
    );
    none_of(
        "The reindex resulted in a restart causing a short outage.",
        S,
    );
    none_of("This went unnoticed and caused 20 minutes of outage.", S);
    none_of(
        "Unrelated bugs in two services caused a cascading failure.",
        S,
    );
    none_of("The migration caused a failure in one job.", S);
    none_of("I doubt the cron change caused the incident.", S);
}

#[test]
fn a_second_verb_of_one_subject_and_a_partitive_subject() {
    has(
        "After the restart, one of the cache nodes never rejoined and was causing the issue.",
        S,
        "causing",
    );
    none_of("The cache and the proxy caused the outage.", S);
}

#[test]
fn the_cause_labelled_confirmed_or_found_then_named() {
    one(
        "Cause: the nightly job never ran its migrations.",
        S,
        "Cause",
    );
    one("The cause: a missing lock pin.", S, "The cause");
    none_of("Cause: unknown.", S);
    has(
        "Status update confirming the expired token as the cause.",
        S,
        "the cause",
    );
    none_of("We ruled the token out as the cause.", S);
    has(
        "Logging stayed on until the cause was found: a leaked file handle.",
        S,
        "the cause was",
    );
    none_of("Logging stayed on until the cause was found.", S);
    has(
        "This is an issue caused by the new rate limiter.",
        S,
        "caused by",
    );
    none_of("This is an issue caused by the proxy and a stale cache.", S);
}

#[test]
fn root_and_probable_causes_that_name_nothing() {
    none_of(
        "Few reports explain how the root cause(s) of an incident escaped review.",
        S,
    );
    none_of(
        "If the on-call engineer is empowered, they will sometimes be the root cause of a problem.",
        S,
    );
    none_of("Make sure everyone knows what the root cause was.", S);
    none_of(
        "We arrived at a potential root cause (and confirmed it later).",
        S,
    );
    none_of("Probable cause", S);
    none_of(
        "The board's probable cause determination also named the crew.",
        S,
    );
    has(
        "Probable cause: the crew's failure to remove the gust lock.",
        S,
        "Probable cause",
    );
}

#[test]
fn caused_by_a_part_any_incident_or_several() {
    none_of(
        "Over the quarter, most of the downtime was caused by a flaky DNS provider.",
        S,
    );
    none_of(
        "Any outage caused by the proxy would be shorter than this.",
        S,
    );
    none_of(
        "The survey was limited by the disruption caused by the storm and the fire.",
        S,
    );
    none_of(
        "It is possible that this was caused by two overlapping deploys.",
        S,
    );
    none_of("Outage caused by a bad flag and a missing alert.", S);
    has("Outage caused by a bad flag.", S, "caused by");
}

#[test]
fn the_writers_own_remedy_called_simple() {
    has(
        "Afterwards we simply ran the restore script and everything came back.",
        M,
        "simply",
    );
    none_of("The job simply ran until midnight.", M);
    has(
        "The remedy was just to keep retrying until the mirror synced.",
        M,
        "just",
    );
    none_of("The idea was just to keep it running.", M);
    has(
        "With snapshots in place, recovery was easy enough.",
        M,
        "was easy",
    );
    has(
        "It was technically easy to fail over, which we did.",
        M,
        "was technically easy",
    );
    has(
        "So all we need is a quick restore from last night's dump.",
        M,
        "all we need",
    );
    none_of("All we need is a bigger disk.", M);
}

#[test]
fn of_course_there_is_and_other_states_not_tasks() {
    none_of("Of course there were a few surprises in the logs.", M);
    none_of(
        "The team regrouped and, of course, buried in the release notes, there was the flag change.",
        M,
    );
    has(
        "Of course nobody checked the release notes.",
        M,
        "Of course",
    );
    none_of("I rebuilt the cache by hand, I just had to.", M);
    has("We just had to restart the pod.", M, "just");
    none_of(
        "Simply having a runbook will already help the next on-call.",
        M,
    );
    has(
        "Simply restarting the worker would have fixed it.",
        M,
        "Simply",
    );
}

#[test]
fn comparatives_of_design_and_between_fixes() {
    none_of(
        "It will be easier to trace requests once the IDs are logged.",
        M,
    );
    none_of(
        "The ID was added so that it is easier to trace the request.",
        M,
    );
    none_of("There is a simpler fix than a full rollback.", M);
    has(
        "It would have been easier to just restart the worker.",
        M,
        "been easier",
    );
}

#[test]
fn just_as_a_time_or_fair_and_easily_negated() {
    none_of("Just yesterday we found a second leak.", M);
    none_of("Just last week the same alert fired.", M);
    none_of("Our review follows a just culture approach.", M);
    none_of("Just met the new on-call lead.", M);
    none_of("Engineers can't easily reach the audit logs.", M);
    none_of("Operators are not easily able to see the queue depth.", M);
    has("You can easily restore it from the snapshot.", M, "easily");
}
