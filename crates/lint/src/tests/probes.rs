//! Phrasings found by probing other styles after holdout4's release (chat spellings,
//! aviation's nominal forms, commit messages, litotes, status pages), each tested from both
//! sides. The sentences are written for these tests, not taken from the evaluation sets.

use super::{flagged, none, one};
use crate::*;

#[test]
fn chat_spellings_of_modal_perfects_and_negations() {
    use Category::Counterfactual as C;
    one("u shoulda checked the logs", C, "shoulda checked");
    one("we shouldve waited for the canary", C, "shouldve waited");
    one("whoever did this didnt check the logs", C, "didnt check");
    none("i didnt see any errors");
    none("the cron job didnt run last night");
}

#[test]
fn check_verbs_written_as_one_word() {
    one(
        "The first officer did not crosscheck the altimeter setting.",
        Category::Counterfactual,
        "did not crosscheck",
    );
    none("The autopilot did not crosscheck the altimeter setting.");
}

#[test]
fn poor_work_with_its_doers_named_after_it() {
    use Category::Blame as B;
    one(
        "Improper maintenance by the operator's mechanics.",
        B,
        "Improper maintenance by the operator's",
    );
    one(
        "Inadequate planning on the part of the crew.",
        B,
        "Inadequate planning on the part of the crew",
    );
    one(
        "A lapse in concentration by the operator.",
        B,
        "lapse in concentration by the operator",
    );
    none("Improper handling of the retry by the client library.");
    none("Inadequate planning capacity in the cluster.");
}

#[test]
fn erred_is_a_persons_error() {
    one(
        "The operator erred in selecting the runway.",
        Category::Blame,
        "erred",
    );
    none("The parser erred on the side of caution.");
}

#[test]
fn a_task_called_easy_by_denying_it_was_hard() {
    use Category::Minimiser as M;
    one("It's not hard to read a changelog.", M, "not hard");
    one(
        "It wasn't that difficult to check the backup.",
        M,
        "wasn't that difficult",
    );
    none("It is not hard to see why the queue grew.");
    none("This problem is not hard to reproduce.");
    none("It was hard to tell which node was primary.");
}

#[test]
fn single_causes_on_status_pages_and_in_reports() {
    use Category::SingleCause as S;
    one(
        "The cause of both these delays was an incident in East US 2.",
        S,
        "The cause of both these delays was",
    );
    one(
        "These were caused by manual configuration changes.",
        S,
        "caused by",
    );
    one(
        "Degraded performance was observed in Actions, caused by a configuration change.",
        S,
        "caused by",
    );
    one(
        "We now know that this node was indeed the cause",
        S,
        "the cause",
    );
    one(
        "The version mismatch is the cause of the drop in traffic.",
        S,
        "the cause",
    );
    none("How do i go about figuring out what is the cause?");
    none("Errors rose, caused by a bad deploy and a missing alert.");
    none("The spike, caused by a cron job, was short.");
    none("The load balancer was the cause of some of the errors.");
}

#[test]
fn probes_in_other_styles() {
    use Category::{Blame as B, Counterfactual as C, Minimiser as M};
    one("It was never load-tested.", C, "was never load-tested");
    none("It was never load-tested in CI.");
    one(
        "Poor decision-making by the incident commander prolonged the outage.",
        B,
        "Poor decision-making by the incident commander",
    );
    one("It's just a matter of reading the docs.", M, "just");
    one("It's simply a matter of restarting the pod.", M, "simply");
    none("It's just a matter of time.");
}

#[test]
fn chat_advice_and_chat_narration() {
    use Category::Minimiser as M;
    one("all you need is to run sudo update-grub", M, "all you need");
    one("try just deleting the lock file", M, "just");
    one("the easiest thing is to reboot", M, "easiest");
    none("Just FYI, the server reboots at noon.");
    // Still a task made small.
    one("The responder just needed to scale it back up.", M, "just");
    one("That should be easy to do.", M, "be easy");
}

#[test]
fn a_passive_check_sharing_its_auxiliary() {
    use Category::Counterfactual as C;
    one(
        "The alert was acknowledged but not investigated.",
        C,
        "not investigated",
    );
    none("The node was drained and not restarted.");
    none("The failure was logged but not detected by CI.");
}

#[test]
fn it_took_someone_time_to_notice() {
    use Category::Counterfactual as C;
    one(
        "It took us two hours to notice the backlog.",
        C,
        "took us two hours to notice",
    );
    none("It took the replica two hours to catch up.");
    none("It took us two hours to restore service.");
    none("It took us an hour to catch up on the backlog.");
}

#[test]
fn missed_as_an_adjective() {
    use Category::Counterfactual as C;
    one(
        "This was a missed opportunity to catch the bug.",
        C,
        "missed opportunity",
    );
    one(
        "We had several missed signals before the outage.",
        C,
        "missed signals",
    );
    none("The missed calls were logged.");
}

#[test]
fn a_modal_person_and_easily() {
    use Category::Minimiser as M;
    one("You can easily recover by re-running the job.", M, "easily");
    none("It can easily fail under load.");
    none("The queue can easily absorb the spike.");
}

#[test]
fn as_simple_as_a_task() {
    use Category::Minimiser as M;
    one(
        "Recovery is as simple as restarting the pod.",
        M,
        "as simple as",
    );
    one("It is as easy as running make deploy.", M, "as easy as");
    none("The design is as simple as possible.");
}

#[test]
fn a_warning_that_went_unheeded() {
    one(
        "The warning went unheeded.",
        Category::Counterfactual,
        "went unheeded",
    );
    none("Unheeded warnings are listed in the appendix.");
}

#[test]
fn which_after_a_persons_inspection() {
    assert!(
        flagged("The pilot's inadequate preflight inspection, which did not detect the water.")
            .contains(&(Category::Counterfactual, "did not detect".to_owned()))
    );
    none("The health check, which did not detect the outage, was removed.");
}

#[test]
fn chat_self_blame_with_a_deed() {
    use Category::Blame as B;
    one("that was dumb of me", B, "dumb of me");
    assert!(flagged("stupid me, forgot the sudo").contains(&(B, "stupid me".to_owned())));
    one("my typo broke the build", B, "my typo");
    one("I botched the migration.", B, "botched");
    none("There is a typo in the README.");
    none("The installer botched the partition table.");
    none("sorry, a stupid question from me");
}

#[test]
fn just_announcing_a_remark() {
    none("just out of curiosity, what version?");
    none("Just FYI, the server reboots at noon.");
    one("just use the live cd", Category::Minimiser, "just");
}

#[test]
fn a_cause_not_named_yet() {
    none("The cause is unclear.");
    none("The cause of the outage is still undetermined.");
    one(
        "The cause of the outage was an expired certificate.",
        Category::SingleCause,
        "The cause",
    );
}

#[test]
fn rhetorical_questions() {
    use Category::{Counterfactual as C, Minimiser as M};
    one(
        "Honestly, how hard is it to read the runbook?",
        M,
        "how hard",
    );
    one(
        "How hard can it be to check the expiry date?",
        M,
        "How hard",
    );
    none("How hard was the migration?");
    one("Did you even test this?", C, "Did you even test");
    none("Did you test this on staging?");
    none("Did the job even run?");
}
